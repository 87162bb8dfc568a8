#include "payments/StripeClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <curl/curl.h>
#include <memory>

namespace creditdesk::server {

namespace {

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

size_t keepBody(char* data, size_t size, size_t count, void* user)
{
    auto* body = static_cast<QByteArray*>(user);
    const qsizetype n = static_cast<qsizetype>(size * count);
    if (body->size() + n > 4 * 1024 * 1024)
        return 0; // no Stripe answer is this large: stop reading
    body->append(data, n);
    return size * count;
}

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
    // Made once at start-up, before the server's threads: curl_global_init is not thread-safe (it counts
    // its calls, so the notification deliveries' own call does no harm).
    curl_global_init(CURL_GLOBAL_DEFAULT);
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
    const Easy curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) {
        result.message = QStringLiteral("curl_easy_init failed");
        return result;
    }
    Headers headers(nullptr, &curl_slist_free_all);
    const auto add = [&headers](const QByteArray& line) {
        headers.reset(curl_slist_append(headers.release(), line.constData()));
    };
    add("Authorization: Bearer " + m_apiKey);
    add("Stripe-Version: 2024-06-20");
    if (method == "POST")
        add("Content-Type: application/x-www-form-urlencoded");
    if (!idempotencyKey.isEmpty())
        add("Idempotency-Key: " + idempotencyKey);
    add("Expect:");
    const QByteArray url = (m_apiBase + path).toUtf8();
    QByteArray answer;
    char errorBuffer[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    if (method == "POST") {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_USERAGENT, "CreditDesk/1");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(m_timeoutMs));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keepBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
    const CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK) {
        result.message = QString::fromUtf8(*errorBuffer ? errorBuffer : curl_easy_strerror(code));
        return result;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    result.httpStatus = static_cast<int>(status);
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
