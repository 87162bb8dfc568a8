#pragma once

#include "views/Pane.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class QListWidget;
class QStackedWidget;

namespace creditdesk {

// Builds the panes of a descriptor list into a host (a navigation list and a stack that the main window
// owns) and keeps them in step with the session: the panes the organization's role may use are created
// when first needed and destroyed when the role loses them, told the organization, and refreshed when the
// cache changes (the pane shown at once, the others when they are shown). Knows no pane's internals.
class PaneController : public QObject
{
    Q_OBJECT

public:
    PaneController(QList<PaneDescriptor> descriptors, PaneContext context, QListWidget* navigation,
                   QStackedWidget* stack, QObject* parent = nullptr);
    ~PaneController() override;

    const QList<PaneDescriptor>& descriptors() const { return m_descriptors; }
    const PaneContext& context() const { return m_context; }
    // Panes built from here on get it; the existing ones are built again.
    void setContext(PaneContext context);
    // The pane to show when none is shown yet (the one shown last time).
    void setPreferredPane(const QString& id) { m_preferred = id; }

    // The signed-in organization (id 0: none, no panes).
    void setOrganization(const Organization& organization);
    // The organization's cached data changed.
    void cacheChanged();

    QStringList visibleIds() const { return m_visible; }
    bool show(const QString& id);
    bool showAt(int position);
    QString currentId() const;
    Pane* pane(const QString& id) const { return m_panes.value(id); }
    Pane* currentPane() const { return pane(currentId()); }

Q_SIGNALS:
    void currentPaneChanged(const QString& id, creditdesk::Pane* pane);
    void statusMessage(const QString& message);

private:
    void onRowChanged(int row);

    QList<PaneDescriptor> m_descriptors;
    PaneContext m_context;
    QListWidget* m_navigation;
    QStackedWidget* m_stack;
    Organization m_organization;
    QHash<QString, QPointer<Pane>> m_panes;
    QStringList m_visible;
    QString m_preferred;
    QSet<QString> m_stale; // panes whose data changed while hidden
};

} // namespace creditdesk
