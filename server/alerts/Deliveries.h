#pragma once

#include "alerts/OutboundClients.h"
#include "core/Crypto.h"
#include "store/Store.h"

#include <QJsonObject>
#include <QString>

#include <mutex>
#include <optional>
#include <vector>

namespace creditdesk::server {

// How the server reaches people and systems (ServerApp, from --smtp-url, --mail-from and
// CREDITDESK_MASTER_KEY).
struct DeliverySettings
{
    QString smtpUrl; // empty: no e-mail; events then make no e-mail deliveries at all
    QString mailFrom = QStringLiteral("creditdesk@localhost");
    std::optional<crypto::MasterKey> masterKey; // opens webhook secrets; without it there are no endpoints
    bool emailEnabled() const { return !smtpUrl.isEmpty(); }
};

// Retries (webhooks and e-mail alike): the first after 1 minute, then doubling, for 24 hours from the
// delivery's creation; the last attempt falls exactly at the 24 hours. None when this attempt was the last.
std::optional<qint64> nextAttemptAfterFailure(qint64 createdAtMs, qint64 attemptAtMs, qint64 attemptsMade);

// Fans undispatched outbox events out to deliveries, in the caller's write transaction: e-mail to the
// people who should hear (alert.fired: the organization's owners, admins and finance whose preference
// for the alert's kind asks for e-mail, and for member_limit the member when theirs does; billing events:
// the owners, admins and finance; personal accounts: their user) and one webhook delivery per endpoint of
// the organization subscribed to the event's type. Exactly once even with several server processes: each
// delivery's (event, recipient) key is unique and inserted with ON CONFLICT DO NOTHING, and on PostgreSQL
// the events are taken with FOR UPDATE SKIP LOCKED.
class DeliveryDispatcher
{
public:
    DeliveryDispatcher(SqlConnection& db, qint64 nowMs, bool emailEnabled)
        : m_db(db), m_now(nowMs), m_email(emailEnabled)
    {
    }
    int dispatch(int limit); // events fanned out (at most `limit`)

private:
    void addDelivery(qint64 eventId, const QString& channel, const QString& recipient,
                     std::optional<qint64> userId, std::optional<qint64> endpointId);

    SqlConnection& m_db;
    qint64 m_now;
    bool m_email;
};

// A delivery claimed for sending, with what sending needs.
struct DueDelivery
{
    qint64 id = 0;
    QString channel; // "email" | "webhook"
    qint64 createdAt = 0;
    qint64 eventId = 0;
    QString eventType;
    std::optional<qint64> organizationId;
    QString organizationName;
    QJsonObject data;
    qint64 eventCreatedAt = 0;
    QString email; // e-mail: the recipient
    QString name;
    QString url; // webhook: the endpoint
    QString sealedSecret;
    bool endpointDeleted = false;
};

// The deliveries table: claiming due ones (so two processes never send the same one), recording each
// attempt, and the list an endpoint's owner reads.
class DeliveryQueue
{
public:
    DeliveryQueue(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // Pending deliveries due now, claimed until now + leaseMs (a process that dies mid-send releases
    // them when the lease runs out).
    std::vector<DueDelivery> claim(int limit, qint64 leaseMs);
    // One attempt's outcome: delivered, retried later, or failed after the last attempt.
    void record(qint64 deliveryId, const OutboundResult& result);
    // {"data": [{"id", "event", "event_id", "status", "attempts", "next_attempt_at", "created_at"}],
    // "next_cursor"}, newest first.
    QJsonObject listForEndpoint(qint64 endpointId, std::optional<qint64> beforeId, int limit);

private:
    SqlConnection& m_db;
    qint64 m_now;
};

// The webhook body of an event: {"id", "type", "created_at", "organization_id", "data"}.
QByteArray webhookBody(const DueDelivery& delivery);

// The delivery job: fans out what is new, then sends what is due — outside any write transaction, so a
// slow receiver or SMTP server never holds up a write — and records each attempt. Run continuously by a
// PeriodicJob and at every test-clock stop (BillingJobs::addDueWork); runs never overlap in a process.
class DeliveryJob
{
public:
    DeliveryJob(Store& store, DeliverySettings settings);
    void runDue(qint64 nowMs);

private:
    OutboundResult send(const DueDelivery& delivery, qint64 nowMs) const;

    Store& m_store;
    DeliverySettings m_settings;
    std::mutex m_running;
};

} // namespace creditdesk::server
