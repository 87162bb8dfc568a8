#include "alerts/WebhookEndpoints.h"

#include "alerts/NetworkAddresses.h"
#include "core/ApiError.h"
#include "core/Json.h"

#include <QJsonArray>
#include <QUrl>

namespace creditdesk::server {

namespace {

constexpr int kMaxUrlLength = 2000;
const char* const kColumns = "id, organization_id, url, events, secret_sealed, created_at";

WebhookEndpoint endpointFromRow(const Row& row)
{
    WebhookEndpoint endpoint;
    endpoint.id = asInt(row[0]);
    endpoint.organizationId = asInt(row[1]);
    endpoint.url = row[2].toString();
    endpoint.events = row[3].toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    endpoint.sealedSecret = row[4].toString();
    endpoint.createdAt = asInt(row[5]);
    return endpoint;
}

} // namespace

const QStringList& webhookEventTypes()
{
    static const QStringList types{QStringLiteral("alert.fired"), QStringLiteral("subscription.changed"),
                                   QStringLiteral("coupon.redeemed")};
    return types;
}

QJsonObject WebhookEndpoint::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("organization_id"), organizationId},
                       {QStringLiteral("url"), url},
                       {QStringLiteral("events"), QJsonArray::fromStringList(events)},
                       {QStringLiteral("created_at"), formatTimestamp(createdAt)}};
}

QByteArray webhookSignature(const QByteArray& secret, qint64 unixSeconds, const QByteArray& body)
{
    const QByteArray t = QByteArray::number(unixSeconds);
    return "t=" + t + ",v1=" + crypto::hmacSha256Hex(secret, t + '.' + body);
}

QString WebhookEndpoints::checkedUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (text.size() > kMaxUrlLength || !url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() ||
        url.hasFragment())
        throw ApiError::validation(QStringLiteral("url"),
                                   QStringLiteral("'url' must be an absolute https URL without user "
                                                  "information or fragment, at most %1 characters")
                                       .arg(kMaxUrlLength));
    const QString scheme = url.scheme().toLower();
    if (classifyAddress(url.host()) ==
        AddressKind::Internal) // checked again at each delivery (names resolve)
        throw ApiError::validation(
            QStringLiteral("url"),
            QStringLiteral("'url' must not point into a private or link-local network"));
    if (scheme == QLatin1String("https") || (scheme == QLatin1String("http") && isLoopbackHost(url.host())))
        return url.toString(QUrl::FullyEncoded);
    throw ApiError::validation(QStringLiteral("url"),
                               QStringLiteral("'url' must use https (plain http only on loopback: "
                                              "127.0.0.1, ::1 or localhost)"));
}

QStringList WebhookEndpoints::checkedEvents(const QStringList& events)
{
    if (events.isEmpty())
        throw ApiError::validation(QStringLiteral("events"),
                                   QStringLiteral("'events' must name at least one event"));
    QStringList result;
    for (const QString& event : events) {
        if (!webhookEventTypes().contains(event))
            throw ApiError::validation(
                QStringLiteral("events"),
                QStringLiteral("Unknown event '%1'; one of %2")
                    .arg(event.left(40), webhookEventTypes().join(QStringLiteral(", "))));
        if (result.contains(event))
            throw ApiError::validation(QStringLiteral("events"),
                                       QStringLiteral("Event '%1' is given twice").arg(event));
        result.append(event);
    }
    return result;
}

std::pair<WebhookEndpoint, QByteArray>
WebhookEndpoints::create(qint64 organizationId, const QString& url, const QStringList& events,
                         std::optional<qint64> createdBy, const std::optional<crypto::MasterKey>& masterKey)
{
    WebhookEndpoint endpoint;
    endpoint.organizationId = organizationId;
    endpoint.url = checkedUrl(url);
    endpoint.events = checkedEvents(events);
    if (!masterKey)
        throw ApiError(
            QStringLiteral("master_key_missing"),
            QStringLiteral("Set CREDITDESK_MASTER_KEY (64 hex digits) on the server to use webhooks"));
    const QByteArray secret = crypto::newToken("whsec_");
    endpoint.sealedSecret = QString::fromLatin1(masterKey->seal(secret));
    endpoint.createdAt = m_now;
    endpoint.id =
        m_db.insert(QStringLiteral("INSERT INTO webhook_endpoints (organization_id, url, events, "
                                   "secret_sealed, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                    {organizationId, endpoint.url, endpoint.events.join(QLatin1Char(' ')),
                     endpoint.sealedSecret, nullableInt(createdBy), m_now});
    return {endpoint, secret};
}

std::vector<WebhookEndpoint> WebhookEndpoints::list(qint64 organizationId)
{
    std::vector<WebhookEndpoint> result;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT %1 FROM webhook_endpoints WHERE organization_id = ? "
                                  "AND deleted_at IS NULL ORDER BY id")
                       .arg(QLatin1String(kColumns)),
                   {organizationId}))
        result.push_back(endpointFromRow(row));
    return result;
}

std::optional<WebhookEndpoint> WebhookEndpoints::find(qint64 id)
{
    const auto row = m_db.row(
        QStringLiteral("SELECT %1 FROM webhook_endpoints WHERE id = ?").arg(QLatin1String(kColumns)), {id});
    if (!row)
        return std::nullopt;
    return endpointFromRow(*row);
}

std::optional<qint64> WebhookEndpoints::organizationOf(qint64 id)
{
    const auto row = m_db.row(
        QStringLiteral("SELECT organization_id FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL"),
        {id});
    return row ? std::optional(asInt(row->at(0))) : std::nullopt;
}

WebhookEndpoint WebhookEndpoints::remove(qint64 id)
{
    const auto endpoint = find(id);
    if (!endpoint ||
        m_db.executeCounted(QStringLiteral("UPDATE webhook_endpoints SET deleted_at = ? WHERE id = ? "
                                           "AND deleted_at IS NULL"),
                            {m_now, id}) == 0)
        throw ApiError::notFound(QStringLiteral("Webhook endpoint"));
    // What was still to be delivered to it is not any more.
    m_db.execute(
        QStringLiteral("UPDATE notification_deliveries SET status = 'failed', next_attempt_at = NULL, "
                       "updated_at = ? WHERE endpoint_id = ? AND status = 'pending'"),
        {m_now, id});
    return *endpoint;
}

} // namespace creditdesk::server
