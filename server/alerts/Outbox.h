#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk::server {

// Something that happened and that people or systems outside should hear about: an alert fired, a
// subscription changed, a coupon was redeemed. The type names the webhook event ("alert.fired").
struct OutboxEvent
{
    QString type;
    qint64 accountId = 0;
    std::optional<qint64> organizationId; // none: a personal account
    QJsonObject data;                     // the event's "data" object, as webhooks deliver it
};

// The notification outbox (docs/design.md §5 "Outbox"): an event is a row written in the transaction
// that caused it, so it exists exactly when the change does; a delivery job fans it out to e-mail and
// webhooks later. Nothing here talks to the network, so a write never waits for or fails on delivery.
class Outbox
{
public:
    explicit Outbox(SqlConnection& db) : m_db(db) {}

    // The event's id; also the "id" of every webhook delivery made from it.
    qint64 enqueue(const OutboxEvent& event, qint64 nowMs);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
