#pragma once

#include "domain/SyncedCollection.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace creditdesk {

class SyncEngine;

// Decides which alerts the user should be told about as they arrive: an alert the sync brings that is
// not acknowledged and was not seen before in this session. The first complete sync after start() only
// learns what is there (alerts already present then are not news). The console shows what it announces
// as a tray notification (Application), where the system has a tray; this class needs no widgets.
class AlertNotifier : public QObject
{
    Q_OBJECT

public:
    struct Alert
    {
        qint64 organizationId = 0;
        qint64 id = 0;
        QString kind;
        QString level;
        QString message;
    };

    // `alerts`: the feed's declaration (its id and the columns id, kind, level, message, acknowledged_at).
    AlertNotifier(SyncEngine* sync, SyncedCollection alerts, QObject* parent = nullptr);

    // A new session (signed in): forget what was seen; the next complete sync only learns.
    void start();

Q_SIGNALS:
    void newAlert(const creditdesk::AlertNotifier::Alert& alert);

private:
    void onPage(const QString& collectionId, qint64 organizationId, const QList<QVariantList>& rows);

    SyncedCollection m_alerts;
    QSet<qint64> m_seen;
    bool m_learning = true;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::AlertNotifier::Alert)
