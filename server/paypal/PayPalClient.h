#pragma once

#include <QByteArray>
#include <QString>

#include <chrono>
#include <mutex>
#include <optional>

namespace creditdesk::server {

// What PayPal answered about an order (Orders v2, https://developer.paypal.com/docs/api/orders/v2/).
struct PayPalOrder
{
    std::optional<int> httpStatus; // none: PayPal could not be reached
    QString id;
    QString status;     // CREATED, PAYER_ACTION_REQUIRED, APPROVED, COMPLETED, ...
    QString approveUrl; // where the payer approves it (rel "payer-action", or "approve")
    QString captureId;  // after a capture: the capture's id ...
    QString captureStatus;
    std::optional<qint64> capturedMinor; // ... and amount, in minor units
    QString currency;
    QString issue;   // PayPal's error detail issue (ORDER_NOT_APPROVED, ...) when it refused
    QString message; // PayPal's message, or what went wrong on the way
    bool ok() const { return httpStatus && *httpStatus >= 200 && *httpStatus < 300; }
};

// PayPal's REST API for paying one invoice (docs/admin-guide.md "PayPal"): an OAuth2 client-credentials
// token (cached until shortly before it expires), creating an order, capturing it. Every POST carries a
// PayPal-Request-Id, PayPal's idempotency key, so a retried call creates or captures nothing twice.
// Calls block (the blocking pool's threads) and never throw for network failures; the secret is never
// logged nor put into an answer.
class PayPalClient
{
public:
    PayPalClient(QString apiBase, QString clientId, QString clientSecret);

    PayPalOrder createOrder(const QByteArray& requestId, const QString& invoiceNumber, qint64 invoiceId,
                            qint64 amountMinor, const QString& currency, const QString& returnUrl,
                            const QString& cancelUrl);
    PayPalOrder capture(const QString& orderId, const QByteArray& requestId);

    // 2400 → "24.00" and back ("24.00", "24.5", "24" → 2400, 2450, 2400); none for anything else. Two
    // decimals: the currencies invoices use (USD, EUR, GBP).
    static QString formatAmount(qint64 minor);
    static std::optional<qint64> parseAmount(const QString& value);

private:
    std::optional<QByteArray> accessToken(PayPalOrder& failure);
    PayPalOrder post(const QString& path, const QByteArray& json, const QByteArray& requestId);

    QString m_apiBase;
    QByteArray m_credentials; // "id:secret" for the token request
    std::mutex m_tokenMutex;
    QByteArray m_token;
    std::chrono::steady_clock::time_point m_tokenExpires;
};

} // namespace creditdesk::server
