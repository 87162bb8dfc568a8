#include "paypal/PayPalClient.h"

#include "alerts/OutboundClients.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace creditdesk::server {

namespace {

// The answer's JSON as an order: its id, status, approval link and first capture; PayPal's error shape
// ({"name", "message", "details": [{"issue", "description"}]}) otherwise.
PayPalOrder orderFromAnswer(const ApiAnswer& answer)
{
    PayPalOrder order;
    order.httpStatus = answer.statusCode;
    if (!answer.statusCode) {
        order.message = QStringLiteral("PayPal could not be reached: %1").arg(answer.error);
        return order;
    }
    const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
    if (!order.ok()) {
        const QJsonArray details = json.value(QStringLiteral("details")).toArray();
        order.issue = details.isEmpty() ? json.value(QStringLiteral("name")).toString()
                                        : details.first()[QStringLiteral("issue")].toString();
        order.message = json.value(QStringLiteral("message")).toString();
        if (order.message.isEmpty())
            order.message = QStringLiteral("PayPal answered HTTP %1").arg(*answer.statusCode);
        return order;
    }
    order.id = json.value(QStringLiteral("id")).toString();
    order.status = json.value(QStringLiteral("status")).toString();
    for (const QJsonValue& link : json.value(QStringLiteral("links")).toArray()) {
        const QString rel = link[QStringLiteral("rel")].toString();
        if (rel == QLatin1String("payer-action") || rel == QLatin1String("approve"))
            order.approveUrl = link[QStringLiteral("href")].toString();
    }
    const QJsonArray units = json.value(QStringLiteral("purchase_units")).toArray();
    if (!units.isEmpty()) {
        const QJsonArray captures =
            units.first()[QStringLiteral("payments")][QStringLiteral("captures")].toArray();
        if (!captures.isEmpty()) {
            const QJsonObject capture = captures.first().toObject();
            order.captureId = capture.value(QStringLiteral("id")).toString();
            order.captureStatus = capture.value(QStringLiteral("status")).toString();
            const QJsonObject amount = capture.value(QStringLiteral("amount")).toObject();
            order.currency = amount.value(QStringLiteral("currency_code")).toString();
            order.capturedMinor = PayPalClient::parseAmount(amount.value(QStringLiteral("value")).toString());
        }
    }
    return order;
}

} // namespace

PayPalClient::PayPalClient(QString apiBase, QString clientId, QString clientSecret)
    : m_apiBase(std::move(apiBase)), m_credentials((clientId + QLatin1Char(':') + clientSecret).toUtf8())
{
    while (m_apiBase.endsWith(QLatin1Char('/')))
        m_apiBase.chop(1);
}

QString PayPalClient::formatAmount(qint64 minor)
{
    return QStringLiteral("%1%2.%3")
        .arg(minor < 0 ? QStringLiteral("-") : QString())
        .arg(std::abs(minor) / 100)
        .arg(std::abs(minor) % 100, 2, 10, QLatin1Char('0'));
}

std::optional<qint64> PayPalClient::parseAmount(const QString& value)
{
    static const QRegularExpression amount(QStringLiteral("^(\\d{1,15})(?:\\.(\\d{1,2}))?$"));
    const QRegularExpressionMatch match = amount.match(value);
    if (!match.hasMatch())
        return std::nullopt;
    QString cents = match.captured(2);
    while (cents.size() < 2)
        cents.append(QLatin1Char('0'));
    return match.captured(1).toLongLong() * 100 + cents.toLongLong();
}

std::optional<QByteArray> PayPalClient::accessToken(PayPalOrder& failure)
{
    const std::lock_guard lock(m_tokenMutex);
    if (!m_token.isEmpty() && std::chrono::steady_clock::now() < m_tokenExpires)
        return m_token;
    const ApiAnswer answer = ApiClient().send(
        "POST", m_apiBase + QStringLiteral("/v1/oauth2/token"), "grant_type=client_credentials",
        {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"}, m_credentials);
    if (!answer.ok()) {
        failure.httpStatus = answer.statusCode;
        failure.message =
            answer.statusCode
                ? QStringLiteral("PayPal refused the credentials (HTTP %1)").arg(*answer.statusCode)
                : QStringLiteral("PayPal could not be reached: %1").arg(answer.error);
        if (failure.httpStatus && failure.ok())
            failure.httpStatus = 502;
        return std::nullopt;
    }
    const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
    m_token = json.value(QStringLiteral("access_token")).toString().toUtf8();
    // A minute early, so a token never expires on its way.
    const qint64 lifetime = std::max<qint64>(json.value(QStringLiteral("expires_in")).toInteger() - 60, 0);
    m_tokenExpires = std::chrono::steady_clock::now() + std::chrono::seconds(lifetime);
    if (m_token.isEmpty()) {
        failure.httpStatus = 502;
        failure.message = QStringLiteral("PayPal's token answer had no access_token");
        return std::nullopt;
    }
    return m_token;
}

PayPalOrder PayPalClient::post(const QString& path, const QByteArray& json, const QByteArray& requestId)
{
    PayPalOrder failure;
    const auto token = accessToken(failure);
    if (!token)
        return failure;
    return orderFromAnswer(ApiClient().send(
        "POST", m_apiBase + path, json,
        {"Content-Type: application/json", "Accept: application/json", "Authorization: Bearer " + *token,
         "PayPal-Request-Id: " + requestId, "Prefer: return=representation"}));
}

PayPalOrder PayPalClient::createOrder(const QByteArray& requestId, const QString& invoiceNumber,
                                      qint64 invoiceId, qint64 amountMinor, const QString& currency,
                                      const QString& returnUrl, const QString& cancelUrl)
{
    const QJsonObject unit{
        {QStringLiteral("reference_id"), invoiceNumber},
        {QStringLiteral("invoice_id"), invoiceNumber},
        {QStringLiteral("custom_id"), QString::number(invoiceId)},
        {QStringLiteral("description"), QStringLiteral("Invoice %1").arg(invoiceNumber)},
        {QStringLiteral("amount"), QJsonObject{{QStringLiteral("currency_code"), currency},
                                               {QStringLiteral("value"), formatAmount(amountMinor)}}}};
    const QJsonObject body{
        {QStringLiteral("intent"), QStringLiteral("CAPTURE")},
        {QStringLiteral("purchase_units"), QJsonArray{unit}},
        {QStringLiteral("payment_source"),
         QJsonObject{
             {QStringLiteral("paypal"),
              QJsonObject{{QStringLiteral("experience_context"),
                           QJsonObject{{QStringLiteral("return_url"), returnUrl},
                                       {QStringLiteral("cancel_url"), cancelUrl},
                                       {QStringLiteral("user_action"), QStringLiteral("PAY_NOW")}}}}}}}};
    return post(QStringLiteral("/v2/checkout/orders"), QJsonDocument(body).toJson(QJsonDocument::Compact),
                requestId);
}

PayPalOrder PayPalClient::capture(const QString& orderId, const QByteArray& requestId)
{
    return post(QStringLiteral("/v2/checkout/orders/%1/capture")
                    .arg(QString::fromUtf8(QUrl::toPercentEncoding(orderId))),
                QByteArrayLiteral("{}"), requestId);
}

} // namespace creditdesk::server
