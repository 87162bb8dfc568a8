#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace creditdesk::server {

// One answer of Stripe's API. A 2xx answer carries the object in `body`; an error answer Stripe's error
// object (https://docs.stripe.com/api/errors: type, code, decline_code, message, payment_intent, ...),
// copied into the typed fields; no answer at all (connection refused, timeout) leaves httpStatus empty.
struct StripeResult
{
    std::optional<int> httpStatus;
    QJsonObject body;    // the object, or the error answer's "error" object
    QString errorType;   // card_error, invalid_request_error, api_error, idempotency_error, ...
    QString errorCode;   // card_declined, resource_missing, ...
    QString declineCode; // insufficient_funds, ... (card errors)
    QString message;     // Stripe's message, or what went wrong on the way
    bool ok() const { return httpStatus && *httpStatus >= 200 && *httpStatus < 300; }
    // Worth trying again later with the same Idempotency-Key: no answer, 429, or a 5xx.
    bool retryable() const { return !httpStatus || *httpStatus == 429 || *httpStatus >= 500; }
    bool cardDeclined() const { return errorType == QLatin1String("card_error"); }
};

// Form parameters in order; nested keys are already spelled with brackets ("metadata[invoice_id]").
using StripeForm = QList<std::pair<QString, QString>>;

// Stripe's v1 API over libcurl (alerts/OutboundClients.h: one client library for outgoing traffic):
// application/x-www-form-urlencoded bodies with bracket nesting, `Authorization: Bearer <key>`, an
// Idempotency-Key on every POST that needs one, timeouts for every phase. Calls block the calling thread
// (a job's or the blocking pool's, never the writer's) and never throw for network failures. The key is
// never logged nor put into a result.
class StripeClient
{
public:
    StripeClient(QString apiBase, QByteArray apiKey, int timeoutMs = 20000, int connectTimeoutMs = 5000);

    StripeResult post(const QString& path, const StripeForm& form,
                      const QByteArray& idempotencyKey = {}) const;
    StripeResult get(const QString& path) const;

    // `object` as Stripe's form encoding: nested objects as key[sub]=, arrays as key[0][sub]=, booleans as
    // true/false, every key and value percent-encoded (RFC 3986 unreserved characters kept).
    static QByteArray encodeForm(const StripeForm& form);
    static StripeForm flatten(const QJsonObject& object);

private:
    StripeResult call(const QByteArray& method, const QString& path, const QByteArray& body,
                      const QByteArray& idempotencyKey) const;

    QString m_apiBase;
    QByteArray m_apiKey;
    int m_timeoutMs;
    int m_connectTimeoutMs;
};

} // namespace creditdesk::server
