#include "models/SubscriptionHistoryModel.h"

#include "domain/Credits.h"
#include "models/BillingText.h"

#include <QLocale>

#include <algorithm>

namespace creditdesk {

SubscriptionHistoryModel::SubscriptionHistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void SubscriptionHistoryModel::setContext(const PlanCatalog& catalog, qint64 myUserId)
{
    m_catalog = catalog;
    m_myUserId = myUserId;
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void SubscriptionHistoryModel::setEvents(const QList<SubscriptionEvent>& events)
{
    // Newest first: new entries arrive at the top; the rest stay as they were.
    qsizetype added = 0;
    if (!m_events.isEmpty()) {
        const qint64 newestKnown = m_events.first().id;
        while (added < events.size() && events.at(added).id > newestKnown)
            ++added;
    }
    const bool onlyAdded =
        !m_events.isEmpty() && events.size() == m_events.size() + added &&
        std::equal(m_events.cbegin(), m_events.cend(), events.cbegin() + added,
                   [](const SubscriptionEvent& a, const SubscriptionEvent& b) { return a.id == b.id; });
    if (onlyAdded) {
        if (added > 0) {
            beginInsertRows({}, 0, static_cast<int>(added) - 1);
            m_events = events;
            endInsertRows();
        }
        return;
    }
    beginResetModel();
    m_events = events;
    endResetModel();
}

int SubscriptionHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_events.size());
}

int SubscriptionHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant SubscriptionHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SubscriptionEvent& event = m_events.at(index.row());
    const auto column = static_cast<Column>(index.column());
    const QLocale locale;
    if (role == RawRole) {
        switch (column) {
        case Column::When:
            return event.at;
        case Column::Change:
            return event.kind;
        case Column::Charged:
            return event.proration ? QVariant(event.proration->payMinor()) : QVariant();
        case Column::Credits:
            return event.proration ? QVariant(event.proration->creditsGranted) : QVariant();
        case Column::By:
            return event.actorType;
        case Column::Count:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        const bool number = column == Column::Charged || column == Column::Credits;
        return QVariant((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && column == Column::Credits && event.proration &&
        event.proration->creditsGranted != 0)
        return Credits(event.proration->creditsGranted).describeExact(locale);
    if (role == Qt::ToolTipRole && column == Column::Charged && event.proration &&
        event.proration->discountMinor != 0)
        return tr("%1 less a discount of %2")
            .arg(formatMinorUnits(event.proration->chargeMinor),
                 formatMinorUnits(event.proration->discountMinor));
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (column) {
    case Column::When:
        return locale.toString(event.at.toLocalTime(), QLocale::ShortFormat);
    case Column::Change:
        return BillingText::historyEvent(event, m_catalog);
    case Column::Charged:
        return event.proration && event.proration->payMinor() != 0
                   ? formatMinorUnits(event.proration->payMinor(), QStringLiteral("USD"), locale)
                   : QString();
    case Column::Credits:
        return event.proration && event.proration->creditsGranted != 0
                   ? Credits(event.proration->creditsGranted).format(locale)
                   : QString();
    case Column::By:
        return BillingText::actor(event.actorType, event.actorId, m_myUserId);
    case Column::Count:
        break;
    }
    return {};
}

QVariant SubscriptionHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::When:
        return tr("When");
    case Column::Change:
        return tr("Change");
    case Column::Charged:
        return tr("Charged");
    case Column::Credits:
        return tr("Credits given");
    case Column::By:
        return tr("By");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
