#include "sync/AlertNotifier.h"

#include "sync/SyncEngine.h"

namespace creditdesk {

AlertNotifier::AlertNotifier(SyncEngine* sync, SyncedCollection alerts, QObject* parent)
    : QObject(parent), m_alerts(std::move(alerts))
{
    connect(sync, &SyncEngine::collectionPageApplied, this, &AlertNotifier::onPage);
    connect(sync, &SyncEngine::finished, this, [this](bool ok) {
        if (ok)
            m_learning = false;
    });
}

void AlertNotifier::start()
{
    m_seen.clear();
    m_learning = true;
}

void AlertNotifier::onPage(const QString& collectionId, qint64 organizationId,
                           const QList<QVariantList>& rows)
{
    if (collectionId != m_alerts.id)
        return;
    const int id = m_alerts.columnIndex(QStringLiteral("id"));
    const int kind = m_alerts.columnIndex(QStringLiteral("kind"));
    const int level = m_alerts.columnIndex(QStringLiteral("level"));
    const int message = m_alerts.columnIndex(QStringLiteral("message"));
    const int acknowledged = m_alerts.columnIndex(QStringLiteral("acknowledged_at"));
    for (const QVariantList& row : rows) {
        const qint64 alertId = row.value(id).toLongLong();
        // An acknowledged alert comes again with a new seq: it is never news.
        const bool news = !m_seen.contains(alertId) && row.value(acknowledged).isNull();
        m_seen.insert(alertId);
        if (news && !m_learning)
            Q_EMIT newAlert({organizationId, alertId, row.value(kind).toString(), row.value(level).toString(),
                             row.value(message).toString()});
    }
}

} // namespace creditdesk
