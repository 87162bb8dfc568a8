#include "alerts/Deliveries.h"

#include "alerts/NotificationMail.h"
#include "alerts/NotificationPreferences.h"
#include "alerts/WebhookEndpoints.h"
#include "core/Json.h"

#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk::server {

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kRetryWindowMs = 24 * 60 * kMinuteMs;
constexpr qint64 kClaimLeaseMs = 10 * kMinuteMs;
constexpr int kEventsPerChunk = 200;
constexpr int kDeliveriesPerClaim = 50;
constexpr int kMaxSendRounds = 40;

QString billingRoles()
{
    return QStringLiteral("(m.role = 'owner' OR m.role = 'admin' OR m.role = 'finance')");
}

} // namespace

std::optional<qint64> nextAttemptAfterFailure(qint64 createdAtMs, qint64 attemptAtMs, qint64 attemptsMade)
{
    const qint64 deadline = createdAtMs + kRetryWindowMs;
    if (attemptAtMs >= deadline)
        return std::nullopt;
    const qint64 backoff = kMinuteMs << std::min<qint64>(std::max<qint64>(attemptsMade - 1, 0), 20);
    return std::min(attemptAtMs + backoff, deadline);
}

// ---- fan-out --------------------------------------------------------------------------------------

void DeliveryDispatcher::addDelivery(qint64 eventId, const QString& channel, const QString& recipient,
                                     std::optional<qint64> userId, std::optional<qint64> endpointId)
{
    m_db.execute(
        QStringLiteral("INSERT INTO notification_deliveries (event_id, channel, recipient, user_id, "
                       "endpoint_id, status, attempt_count, next_attempt_at, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) "
                       "ON CONFLICT (event_id, recipient) DO NOTHING"),
        {eventId, channel, recipient, nullableInt(userId), nullableInt(endpointId), m_now, m_now, m_now});
}

int DeliveryDispatcher::dispatch(int limit)
{
    const auto events = m_db.rows(
        QStringLiteral("SELECT e.id, e.type, e.organization_id, e.payload, a.owner_kind, a.owner_id FROM "
                       "outbox_events e JOIN accounts a ON a.id = e.account_id WHERE e.dispatched_at IS NULL "
                       "ORDER BY e.id LIMIT ?%1")
            .arg(m_db.isPostgres() ? QStringLiteral(" FOR UPDATE OF e SKIP LOCKED") : QString()),
        {limit});
    NotificationPreferences preferences(m_db, m_now);
    for (const Row& row : events) {
        const qint64 eventId = asInt(row[0]);
        const QString type = row[1].toString();
        const std::optional<qint64> organizationId = optionalInt(row[2]);
        const QJsonObject data = QJsonDocument::fromJson(row[3].toString().toUtf8()).object();
        const bool isAlert = type == QLatin1String("alert.fired");
        const QString kind = data.value(QStringLiteral("kind")).toString();
        if (m_email) {
            QList<qint64> people;
            if (organizationId) {
                for (const Row& member :
                     m_db.rows(QStringLiteral("SELECT m.user_id FROM memberships m WHERE "
                                              "m.organization_id = ? AND m.status = 'active' "
                                              "AND %1 ORDER BY m.user_id")
                                   .arg(billingRoles()),
                               {*organizationId}))
                    people.append(asInt(member[0]));
            } else if (row[4].toString() == QLatin1String("user")) {
                people.append(asInt(row[5]));
            }
            // The member whose own limit the alert is about, when they are still an active member.
            const QJsonValue member = data.value(QStringLiteral("member_id"));
            if (isAlert && kind == QLatin1String("member_limit") && member.isDouble() && organizationId &&
                !people.contains(member.toInteger()) &&
                m_db.row(
                    QStringLiteral("SELECT 1 FROM memberships WHERE organization_id = ? AND user_id = ? AND "
                                   "status = 'active'"),
                    {*organizationId, member.toInteger()}))
                people.append(member.toInteger());
            for (const qint64 userId : people)
                if (!isAlert || preferences.wantsEmail(userId, kind))
                    addDelivery(eventId, QStringLiteral("email"), QStringLiteral("user:%1").arg(userId),
                                userId, std::nullopt);
        }
        if (organizationId)
            for (const WebhookEndpoint& endpoint : WebhookEndpoints(m_db, m_now).list(*organizationId))
                if (endpoint.events.contains(type))
                    addDelivery(eventId, QStringLiteral("webhook"),
                                QStringLiteral("endpoint:%1").arg(endpoint.id), std::nullopt, endpoint.id);
        m_db.execute(QStringLiteral("UPDATE outbox_events SET dispatched_at = ? WHERE id = ?"),
                     {m_now, eventId});
    }
    return static_cast<int>(events.size());
}

// ---- claims and attempts --------------------------------------------------------------------------

std::vector<DueDelivery> DeliveryQueue::claim(int limit, qint64 leaseMs)
{
    const auto due =
        m_db.rows(QStringLiteral("SELECT id FROM notification_deliveries WHERE status = 'pending' AND "
                                 "next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?) "
                                 "ORDER BY next_attempt_at, id LIMIT ?"),
                  {m_now, m_now, limit});
    std::vector<DueDelivery> claimed;
    for (const Row& candidate : due) {
        const qint64 id = asInt(candidate[0]);
        // Another process may have taken it since the SELECT: the guarded update decides.
        if (m_db.executeCounted(
                QStringLiteral("UPDATE notification_deliveries SET claimed_until = ? WHERE id = ? "
                               "AND status = 'pending' AND (claimed_until IS NULL OR "
                               "claimed_until <= ?)"),
                {m_now + leaseMs, id, m_now}) == 0)
            continue;
        const auto row = m_db.row(
            QStringLiteral(
                "SELECT d.id, d.channel, d.created_at, e.id, e.type, e.organization_id, e.payload, "
                "e.created_at, u.email, u.name, w.url, w.secret_sealed, w.deleted_at, o.name FROM "
                "notification_deliveries d JOIN outbox_events e ON e.id = d.event_id LEFT JOIN users u "
                "ON u.id = d.user_id LEFT JOIN webhook_endpoints w ON w.id = d.endpoint_id LEFT JOIN "
                "organizations o ON o.id = e.organization_id WHERE d.id = ?"),
            {id});
        if (!row)
            continue;
        const Row& r = *row;
        DueDelivery delivery;
        delivery.id = asInt(r[0]);
        delivery.channel = r[1].toString();
        delivery.createdAt = asInt(r[2]);
        delivery.eventId = asInt(r[3]);
        delivery.eventType = r[4].toString();
        delivery.organizationId = optionalInt(r[5]);
        delivery.data = QJsonDocument::fromJson(r[6].toString().toUtf8()).object();
        delivery.eventCreatedAt = asInt(r[7]);
        delivery.email = r[8].toString();
        delivery.name = r[9].toString();
        delivery.url = r[10].toString();
        delivery.sealedSecret = r[11].toString();
        delivery.endpointDeleted = !r[12].isNull();
        delivery.organizationName = r[13].toString();
        claimed.push_back(std::move(delivery));
    }
    return claimed;
}

void DeliveryQueue::record(qint64 deliveryId, const OutboundResult& result)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT attempt_count, created_at, status FROM notification_deliveries "
                                "WHERE id = ?%1")
                     .arg(m_db.forUpdate()),
                 {deliveryId});
    if (!row || row->at(2).toString() != QLatin1String("pending"))
        return; // the endpoint was deleted meanwhile: nothing more to record
    const qint64 attempts = asInt(row->at(0)) + 1;
    m_db.execute(QStringLiteral("INSERT INTO delivery_attempts (delivery_id, at, status_code, error) "
                                "VALUES (?, ?, ?, ?)"),
                 {deliveryId, m_now,
                  result.statusCode ? QVariant(static_cast<qint64>(*result.statusCode)) : QVariant(),
                  result.ok ? QVariant() : QVariant(result.error.left(500))});
    std::optional<qint64> next;
    QString status = QStringLiteral("delivered");
    if (!result.ok) {
        next = nextAttemptAfterFailure(asInt(row->at(1)), m_now, attempts);
        status = next ? QStringLiteral("pending") : QStringLiteral("failed");
    }
    m_db.execute(QStringLiteral("UPDATE notification_deliveries SET status = ?, attempt_count = ?, "
                                "next_attempt_at = ?, claimed_until = NULL, updated_at = ? WHERE id = ?"),
                 {status, attempts, nullableInt(next), m_now, deliveryId});
}

QJsonObject DeliveryQueue::listForEndpoint(qint64 endpointId, std::optional<qint64> beforeId, int limit)
{
    const auto rows = m_db.rows(
        QStringLiteral(
            "SELECT d.id, e.id, e.type, d.status, d.next_attempt_at, d.created_at FROM "
            "notification_deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE d.endpoint_id = ? "
            "AND d.id < ? ORDER BY d.id DESC LIMIT ?"),
        {endpointId, beforeId.value_or(std::numeric_limits<qint64>::max()), limit + 1});
    QJsonArray data;
    for (int i = 0; i < static_cast<int>(rows.size()) && i < limit; ++i) {
        const Row& r = rows[static_cast<size_t>(i)];
        QJsonArray attempts;
        for (const Row& a :
             m_db.rows(QStringLiteral("SELECT at, status_code, error FROM delivery_attempts WHERE "
                                      "delivery_id = ? ORDER BY id"),
                       {r[0]}))
            attempts.append(QJsonObject{
                {QStringLiteral("at"), formatTimestamp(asInt(a[0]))},
                {QStringLiteral("status_code"), a[1].isNull() ? QJsonValue() : QJsonValue(asInt(a[1]))},
                {QStringLiteral("error"), a[2].isNull() ? QJsonValue() : QJsonValue(a[2].toString())}});
        const QString status = r[3].toString();
        data.append(QJsonObject{
            {QStringLiteral("id"), asInt(r[0])},
            {QStringLiteral("event_id"), asInt(r[1])},
            {QStringLiteral("event"), r[2].toString()},
            {QStringLiteral("status"), status},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("next_attempt_at"), status == QLatin1String("pending") && !r[4].isNull()
                                                    ? QJsonValue(formatTimestamp(asInt(r[4])))
                                                    : QJsonValue()},
            {QStringLiteral("created_at"), formatTimestamp(asInt(r[5]))}});
    }
    const bool more = static_cast<int>(rows.size()) > limit;
    return QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("next_cursor"),
         more ? QJsonValue(QString::number(asInt(rows[static_cast<size_t>(limit - 1)][0]))) : QJsonValue()}};
}

QByteArray webhookBody(const DueDelivery& delivery)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("id"), delivery.eventId},
                           {QStringLiteral("type"), delivery.eventType},
                           {QStringLiteral("created_at"), formatTimestamp(delivery.eventCreatedAt)},
                           {QStringLiteral("organization_id"),
                            delivery.organizationId ? QJsonValue(*delivery.organizationId) : QJsonValue()},
                           {QStringLiteral("data"), delivery.data}})
        .toJson(QJsonDocument::Compact);
}

// ---- the job ----------------------------------------------------------------------------------------

DeliveryJob::DeliveryJob(Store& store, DeliverySettings settings)
    : m_store(store), m_settings(std::move(settings))
{
    initOutboundClients();
}

OutboundResult DeliveryJob::send(const DueDelivery& delivery, qint64 nowMs) const
{
    if (delivery.channel == QLatin1String("email")) {
        if (!m_settings.emailEnabled())
            return OutboundResult{false, std::nullopt,
                                  QStringLiteral("no SMTP server configured (--smtp-url)")};
        const MailContent content =
            notificationMail(delivery.eventType, delivery.data, delivery.organizationName);
        MailMessage message;
        message.from = m_settings.mailFrom;
        message.to = delivery.email;
        message.toName = delivery.name;
        message.subject = content.subject;
        message.text = content.text;
        message.html = content.html;
        const QString domain = m_settings.mailFrom.section(QLatin1Char('@'), 1);
        message.messageId = QStringLiteral("delivery-%1.event-%2@%3")
                                .arg(delivery.id)
                                .arg(delivery.eventId)
                                .arg(domain.isEmpty() ? QStringLiteral("creditdesk.invalid") : domain);
        message.dateMs = nowMs;
        return SmtpClient(m_settings.smtpUrl).send(message);
    }
    if (delivery.endpointDeleted)
        return OutboundResult{false, std::nullopt, QStringLiteral("endpoint deleted")};
    if (!m_settings.masterKey)
        return OutboundResult{false, std::nullopt,
                              QStringLiteral("no master key to open the signing secret")};
    QByteArray secret;
    try {
        secret = m_settings.masterKey->open(delivery.sealedSecret.toLatin1());
    } catch (const std::exception& error) {
        return OutboundResult{false, std::nullopt, QString::fromUtf8(error.what())};
    }
    const QByteArray body = webhookBody(delivery);
    return HttpPoster().post(delivery.url, body,
                             {QByteArrayLiteral("Content-Type: application/json"),
                              "CreditDesk-Signature: " + webhookSignature(secret, nowMs / 1000, body)});
}

namespace {

// Whether an event waits to be fanned out or a delivery is due, read on the job thread's read connection.
// The job runs every --jobs-interval-ms, and nearly always there is nothing to do: two write commands
// through the writer for nothing, five times a second, queued single requests behind them (bench_renewals'
// idle p99).
bool deliveryWorkWaits(SqlConnection& reader, qint64 nowMs)
{
    const auto row = reader.row(
        QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM outbox_events WHERE dispatched_at IS NULL "
            "LIMIT 1) e) + (SELECT COUNT(*) FROM (SELECT 1 FROM notification_deliveries WHERE "
            "status = 'pending' AND next_attempt_at <= ? LIMIT 1) d)"),
        {nowMs});
    return row && asInt(row->at(0)) > 0;
}

} // namespace

void DeliveryJob::runDue(qint64 nowMs)
{
    const std::lock_guard lock(m_running);
    if (!deliveryWorkWaits(m_store.reader(), nowMs))
        return;
    const bool email = m_settings.emailEnabled();
    // The first chunk through the writer: usually all there is (on PostgreSQL runInChunks opens a
    // connection of its own per run). A backlog goes on in chunks.
    int dispatched = 0;
    const ApiResponse first = m_store.runSync([&dispatched, nowMs, email](SqlConnection& db) {
        dispatched = DeliveryDispatcher(db, nowMs, email).dispatch(kEventsPerChunk);
        return ApiResponse{};
    });
    if (first.status >= 400)
        qWarning("delivery: fanning out events failed: %s", first.body.constData());
    else if (dispatched == kEventsPerChunk)
        m_store.runInChunks(
            [nowMs, email](SqlConnection& db, int limit) {
                return DeliveryDispatcher(db, nowMs, email).dispatch(limit);
            },
            kEventsPerChunk, 50);
    for (int round = 0; round < kMaxSendRounds; ++round) {
        std::vector<DueDelivery> due;
        const ApiResponse claimed = m_store.runSync([&due, nowMs](SqlConnection& db) {
            due = DeliveryQueue(db, nowMs).claim(kDeliveriesPerClaim, kClaimLeaseMs);
            return ApiResponse{};
        });
        if (claimed.status >= 400) {
            qWarning("delivery: claiming failed: %s", claimed.body.constData());
            return;
        }
        if (due.empty())
            return;
        for (const DueDelivery& delivery : due) {
            const OutboundResult result = send(delivery, nowMs); // no transaction is open here
            const qint64 id = delivery.id;
            const ApiResponse recorded = m_store.runSync([id, result, nowMs](SqlConnection& db) {
                DeliveryQueue(db, nowMs).record(id, result);
                return ApiResponse{};
            });
            if (recorded.status >= 400)
                qWarning("delivery %lld: recording the attempt failed: %s", static_cast<long long>(id),
                         recorded.body.constData());
        }
        if (static_cast<int>(due.size()) < kDeliveriesPerClaim)
            return;
    }
}

} // namespace creditdesk::server
