#pragma once

#include "core/Crypto.h"
#include "store/Sql.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace creditdesk::server {

// The event types a webhook endpoint can subscribe to (alerts/Outbox.h writes them).
const QStringList& webhookEventTypes();

struct WebhookEndpoint
{
    qint64 id = 0;
    qint64 organizationId = 0;
    QString url;
    QStringList events;
    QString sealedSecret;
    qint64 createdAt = 0;

    QJsonObject toJson() const; // never the secret
};

// "t=<unix seconds>,v1=<hex HMAC-SHA256(key = the secret's bytes, "<t>.<body>")>": Stripe's scheme, so
// receivers can verify with code they already have (docs/admin-guide.md "Verifying a webhook").
QByteArray webhookSignature(const QByteArray& secret, qint64 unixSeconds, const QByteArray& body);

// An organization's webhook endpoints. The signing secret is made here, handed out once by create() and
// stored sealed with the master key, because every delivery must sign with it.
class WebhookEndpoints
{
public:
    WebhookEndpoints(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // Checks url and events first (422 naming the field), then needs the master key (503
    // master_key_missing). Returns the endpoint and its secret ("whsec_…").
    std::pair<WebhookEndpoint, QByteArray> create(qint64 organizationId, const QString& url,
                                                  const QStringList& events, std::optional<qint64> createdBy,
                                                  const std::optional<crypto::MasterKey>& masterKey);
    std::vector<WebhookEndpoint> list(qint64 organizationId);
    std::optional<WebhookEndpoint> find(qint64 id); // deleted ones too
    // The organization of a live endpoint (the access rule's lookup); none when missing or deleted.
    std::optional<qint64> organizationOf(qint64 id);
    WebhookEndpoint remove(qint64 id); // 404 when missing or already deleted; its deliveries stop

    static QString checkedUrl(const QString& url);               // 422 "url"
    static QStringList checkedEvents(const QStringList& events); // 422 "events"

private:
    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
