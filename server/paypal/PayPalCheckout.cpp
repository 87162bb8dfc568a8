#include "paypal/PayPalCheckout.h"

#include "core/ApiError.h"
#include "invoices/Invoices.h"

#include <QDebug>

namespace creditdesk::server {

namespace {

QJsonObject orderJson(const QString& orderId, const QString& approveUrl, const QString& status,
                      qint64 amountMinor, const QString& currency)
{
    return QJsonObject{{QStringLiteral("order_id"), orderId},
                       {QStringLiteral("approve_url"), approveUrl},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("amount_minor"), amountMinor},
                       {QStringLiteral("currency"), currency}};
}

} // namespace

PayableInvoice PayPalCheckout::payable(qint64 invoiceId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT i.status, i.number, i.currency, %1 FROM invoices i WHERE i.id = ?")
                     .arg(Invoices::amountDueSql(QStringLiteral("i"))),
                 {invoiceId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Invoice"));
    const QString status = row->at(0).toString();
    const qint64 due = asInt(row->at(3));
    if (status != QLatin1String("open") || due <= 0)
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("A %1 invoice cannot be paid").arg(status));
    return PayableInvoice{invoiceId, row->at(1).toString(), row->at(2).toString(), due};
}

std::optional<QJsonObject> PayPalCheckout::waitingOrder(qint64 invoiceId, qint64 amountMinor)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT order_id, approve_url, currency FROM paypal_orders WHERE "
                                "invoice_id = ? AND status = 'created' AND amount_minor = ? "
                                "ORDER BY id DESC LIMIT 1"),
                 {invoiceId, amountMinor});
    if (!row)
        return std::nullopt;
    return orderJson(row->at(0).toString(), row->at(1).toString(), QStringLiteral("created"), amountMinor,
                     row->at(2).toString());
}

QJsonObject PayPalCheckout::recordOrder(qint64 invoiceId, const QString& orderId, const QString& approveUrl,
                                        qint64 amountMinor, const QString& currency)
{
    // PayPal answers a repeated PayPal-Request-Id with the same order: recorded once.
    m_db.execute(QStringLiteral("INSERT INTO paypal_orders (order_id, invoice_id, amount_minor, currency, "
                                "approve_url, status, created_at) VALUES (?, ?, ?, ?, ?, 'created', ?) "
                                "ON CONFLICT (order_id) DO NOTHING"),
                 {orderId, invoiceId, amountMinor, currency, approveUrl, m_now});
    return orderJson(orderId, approveUrl, QStringLiteral("created"), amountMinor, currency);
}

PayPalCheckout::CaptureState PayPalCheckout::captureState(qint64 invoiceId, const QString& orderId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT status, capture_attempts FROM paypal_orders WHERE order_id = "
                                "? AND invoice_id = ?"),
                 {orderId, invoiceId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("PayPal order"));
    return CaptureState{row->at(0).toString() == QLatin1String("completed"), asInt(row->at(1))};
}

bool PayPalCheckout::countRefusedCapture(const QString& orderId, qint64 seenAttempts)
{
    return m_db.executeCounted(
               QStringLiteral("UPDATE paypal_orders SET capture_attempts = capture_attempts + 1 "
                              "WHERE order_id = ? AND capture_attempts = ? AND status = 'created'"),
               {orderId, seenAttempts}) == 1;
}

std::pair<QJsonObject, bool> PayPalCheckout::recordCapture(qint64 invoiceId, const QString& orderId,
                                                           const QString& captureId, qint64 capturedMinor,
                                                           const QString& currency)
{
    Invoices invoices(m_db, m_now);
    const auto order = m_db.row(QStringLiteral("SELECT amount_minor, currency FROM paypal_orders WHERE "
                                               "order_id = ? AND invoice_id = ?"),
                                {orderId, invoiceId});
    if (!order)
        throw ApiError::notFound(QStringLiteral("PayPal order"));
    if (asInt(order->at(0)) != capturedMinor || order->at(1).toString() != currency)
        throw ApiError(QStringLiteral("payment_provider_error"),
                       QStringLiteral("PayPal captured %1 %2 for an order of %3 %4")
                           .arg(capturedMinor)
                           .arg(currency)
                           .arg(asInt(order->at(0)))
                           .arg(order->at(1).toString()));
    // The guarded update decides which of two racing captures records it.
    if (m_db.executeCounted(QStringLiteral("UPDATE paypal_orders SET status = 'completed', capture_id = ?, "
                                           "captured_at = ? WHERE order_id = ? AND status = 'created'"),
                            {captureId, m_now, orderId}) != 1)
        return {invoices.get(invoiceId), false};
    // The money arrived: a payment in GET /api/v1/payments (docs/admin-guide.md "PayPal"), once per capture
    // (the guarded update above, and payments.provider_id is unique), also when the invoice is no longer
    // open and the capture is the operator's to refund.
    const auto status =
        m_db.row(QStringLiteral("SELECT status, account_id FROM invoices WHERE id = ?"), {invoiceId});
    if (status)
        m_db.execute(
            QStringLiteral("INSERT INTO payments (account_id, invoice_id, amount_minor, currency, method, "
                           "status, provider_id, failure_reason, attempt, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, 'paypal', 'succeeded', ?, NULL, 1, ?, ?)"),
            {asInt(status->at(1)), invoiceId, capturedMinor, currency.toUpper(), captureId, m_now, m_now});
    if (status && status->at(0).toString() == QLatin1String("open"))
        return {invoices.markPaid(invoiceId, QStringLiteral("paypal"), captureId), true};
    qWarning("PayPal capture %s for invoice %lld arrived after the invoice became %s: refund it in PayPal",
             qPrintable(captureId), static_cast<long long>(invoiceId),
             status ? qPrintable(status->at(0).toString()) : "missing");
    return {invoices.get(invoiceId), true};
}

} // namespace creditdesk::server
