#include "views/PaneController.h"

#include <QIcon>
#include <QListWidget>
#include <QStackedWidget>

namespace creditdesk {

PaneController::PaneController(QList<PaneDescriptor> descriptors, PaneContext context,
                               QListWidget* navigation, QStackedWidget* stack, QObject* parent)
    : QObject(parent), m_descriptors(std::move(descriptors)), m_context(std::move(context)),
      m_navigation(navigation), m_stack(stack)
{
    connect(m_navigation, &QListWidget::currentRowChanged, this, &PaneController::onRowChanged);
}

PaneController::~PaneController() = default;

void PaneController::setContext(PaneContext context)
{
    m_context = std::move(context);
    for (const QPointer<Pane>& existing : std::as_const(m_panes)) {
        if (existing)
            existing->deleteLater();
    }
    m_panes.clear();
    setOrganization(m_organization);
}

void PaneController::setOrganization(const Organization& organization)
{
    m_organization = organization;
    QStringList visible;
    for (const PaneDescriptor& descriptor : std::as_const(m_descriptors)) {
        if (organization.id != 0 && descriptor.visibleFor(organization))
            visible.append(descriptor.id);
    }
    const QString previous = currentId().isEmpty() ? m_preferred : currentId();
    {
        QSignalBlocker block(m_navigation);
        m_navigation->clear();
        for (const PaneDescriptor& descriptor : std::as_const(m_descriptors)) {
            if (!visible.contains(descriptor.id))
                continue;
            auto* item =
                new QListWidgetItem(QIcon::fromTheme(descriptor.iconName), descriptor.title, m_navigation);
            item->setData(Qt::UserRole, descriptor.id);
            item->setData(Qt::AccessibleTextRole, descriptor.title);
            if (!m_panes.value(descriptor.id)) {
                Pane* created = descriptor.create(m_context, m_stack);
                m_stack->addWidget(created);
                connect(created, &Pane::statusMessage, this, &PaneController::statusMessage);
                m_panes.insert(descriptor.id, created);
            }
        }
    }
    // Panes the role may not use are destroyed, not just hidden.
    for (auto it = m_panes.begin(); it != m_panes.end();) {
        if (!visible.contains(it.key())) {
            if (*it)
                (*it)->deleteLater();
            it = m_panes.erase(it);
        } else {
            ++it;
        }
    }
    m_visible = visible;
    for (const QString& id : std::as_const(m_visible)) {
        if (Pane* existing = m_panes.value(id))
            existing->setOrganization(organization);
    }
    if (!m_visible.isEmpty()) {
        const qsizetype row = std::max<qsizetype>(0, m_visible.indexOf(previous));
        m_navigation->setCurrentRow(static_cast<int>(row));
        m_stack->setCurrentWidget(m_panes.value(m_visible.at(row)));
    }
}

void PaneController::cacheChanged()
{
    // Only the pane shown reads now; the others when they are shown.
    const QString current = currentId();
    for (const QString& id : std::as_const(m_visible)) {
        if (id != current)
            m_stale.insert(id);
    }
    if (Pane* shown = m_panes.value(current))
        shown->refresh();
}

bool PaneController::show(const QString& id)
{
    const qsizetype row = m_visible.indexOf(id);
    if (row < 0)
        return false;
    m_navigation->setCurrentRow(static_cast<int>(row));
    return true;
}

bool PaneController::showAt(int position)
{
    if (position < 0 || position >= m_visible.size())
        return false;
    m_navigation->setCurrentRow(position);
    return true;
}

QString PaneController::currentId() const
{
    const int row = m_navigation->currentRow();
    return row >= 0 && row < m_visible.size() ? m_visible.at(row) : QString();
}

void PaneController::onRowChanged(int row)
{
    if (row < 0 || row >= m_visible.size())
        return;
    const QString id = m_visible.at(row);
    Pane* current = m_panes.value(id);
    if (!current)
        return;
    m_stack->setCurrentWidget(current);
    m_preferred = id;
    Q_EMIT currentPaneChanged(id, current);
    if (m_stale.remove(id))
        current->refresh();
}

} // namespace creditdesk
