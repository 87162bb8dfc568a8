#include "alerts/Outbox.h"

#include <QJsonDocument>

namespace creditdesk::server {

qint64 Outbox::enqueue(const OutboxEvent& event, qint64 nowMs)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO outbox_events (type, account_id, organization_id, payload, created_at) "
                       "VALUES (?, ?, ?, ?, ?)"),
        {event.type, event.accountId, event.organizationId ? QVariant(*event.organizationId) : QVariant(),
         QString::fromUtf8(QJsonDocument(event.data).toJson(QJsonDocument::Compact)), nowMs});
}

} // namespace creditdesk::server
