#pragma once

#include "domain/SyncedCollection.h"

#include <QFrame>

class QLabel;

namespace creditdesk {

class AsyncCacheReader;

// The active (not acknowledged) alerts at the top of the dashboard: how many, and the newest messages,
// critical ones marked. Reads the alerts the sync keeps (AlertFeed::collection()) from the cache; hidden
// when there are none or the role does not see alerts.
class ActiveAlertsBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ActiveAlertsBanner(AsyncCacheReader* reader, QWidget* parent = nullptr);

    // The organization shown (0: none); reads its alerts.
    void setOrganization(qint64 organizationId);
    void refresh();

    // What is shown, for tests: the active alerts' messages, newest first.
    const QStringList& messages() const { return m_messages; }

Q_SIGNALS:
    void updated();

private:
    void apply(const CollectionRows& rows);

    AsyncCacheReader* m_reader;
    CollectionQuery m_query;
    QStringList m_messages;
    QLabel* m_text;
};

} // namespace creditdesk
