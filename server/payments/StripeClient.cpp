#include "payments/StripeClient.h"

#include "alerts/OutboundClients.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace creditdesk::server {

namespace {

void flattenInto(StripeForm& form, const QString& prefix, const QJsonValue& value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flattenInto(form, prefix.isEmpty() ? it.key() : prefix + u'[' + it.key() + u']', it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flattenInto(form, prefix + u'[' + QString::number(i) + u']', array.at(i));
    } else if (value.isBool()) {
        form.append({prefix, value.toBool() ? QStringLiteral("true") : QStringLiteral("false")});
    } else if (value.isDouble()) {
        form.append({prefix, QString::number(value.toInteger())});
    } else if (value.isString()) {
        form.append({prefix, value.toString()});
    }
    // null: left out (Stripe reads an empty value as "unset", which we never mean)
}

} // namespace

StripeClient::StripeClient(QString apiBase, QByteArray apiKey, int timeoutMs, int connectTimeoutMs)
    : m_apiBase(std::move(apiBase)), m_apiKey(std::move(apiKey)), m_timeoutMs(timeoutMs),
      m_connectTimeoutMs(connectTimeoutMs)
{
    // Made at start-up, before the server's threads: curl_global_init is not thread-safe.
    initOutboundClients();
    while (m_apiBase.endsWith(QLatin1Char('/')))
        m_apiBase.chop(1);
}

StripeForm StripeClient::flatten(const QJsonObject& object)
{
    StripeForm form;
    flattenInto(form, QString(), object);
    return form;
}

QByteArray StripeClient::encodeForm(const StripeForm& form)
{
    QByteArray out;
    for (const auto& [key, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

StripeResult StripeClient::post(const QString& path, const StripeForm& form,
                                const QByteArray& idempotencyKey) const
{
    return call("POST", path, encodeForm(form), idempotencyKey);
}

StripeResult StripeClient::get(const QString& path) const
{
    return call("GET", path, {}, {});
}

StripeResult StripeClient::call(const QByteArray& method, const QString& path, const QByteArray& body,
                                const QByteArray& idempotencyKey) const
{
    StripeResult result;
    QList<QByteArray> headers{"Authorization: Bearer " + m_apiKey, "Stripe-Version: 2024-06-20"};
    if (method == "POST")
        headers.append("Content-Type: application/x-www-form-urlencoded");
    if (!idempotencyKey.isEmpty())
        headers.append("Idempotency-Key: " + idempotencyKey);
    // The one client for providers' APIs (TLS verified, no redirects, timeouts; alerts/OutboundClients.h).
    const ApiAnswer answered =
        ApiClient(m_timeoutMs, m_connectTimeoutMs).send(method, m_apiBase + path, body, headers);
    if (!answered.statusCode) {
        result.message = answered.error;
        return result;
    }
    const int status = *answered.statusCode;
    result.httpStatus = status;
    const QByteArray& answer = answered.body;
    const QJsonObject object = QJsonDocument::fromJson(answer).object();
    if (result.ok()) {
        result.body = object;
        return result;
    }
    // Stripe's errors: {"error": {"type", "code", "decline_code", "message", "param", "payment_intent"}}.
    result.body = object.value(QStringLiteral("error")).toObject();
    result.errorType = result.body.value(QStringLiteral("type")).toString();
    result.errorCode = result.body.value(QStringLiteral("code")).toString();
    result.declineCode = result.body.value(QStringLiteral("decline_code")).toString();
    result.message = result.body.value(QStringLiteral("message")).toString();
    if (result.errorType.isEmpty())
        result.message = QStringLiteral("HTTP %1 without a Stripe error").arg(status);
    return result;
}

} // namespace creditdesk::server
