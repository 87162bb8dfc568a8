#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk::server {

// An open invoice as PayPal is asked to collect it.
struct PayableInvoice
{
    qint64 id = 0;
    QString number;
    QString currency;
    qint64 amountDueMinor = 0;
};

// The PayPal orders of invoices (docs/admin-guide.md "PayPal"), inside the caller's transaction: which
// order belongs to which invoice, for how much, and its capture. A capture is recorded once (unique on
// the order and on the capture) and pays the invoice through Invoices::markPaid in the same transaction.
class PayPalCheckout
{
public:
    PayPalCheckout(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // The invoice if PayPal may collect it: 404 when there is none, 409 invalid_invoice_state when it is
    // not open or nothing is due.
    PayableInvoice payable(qint64 invoiceId);
    // The newest order of the invoice still waiting for its payer, for the same amount: a second click on
    // "Pay with PayPal" gets it again instead of a new order.
    std::optional<QJsonObject> waitingOrder(qint64 invoiceId, qint64 amountMinor);
    // {"order_id", "approve_url", "status", "amount_minor", "currency"}
    QJsonObject recordOrder(qint64 invoiceId, const QString& orderId, const QString& approveUrl,
                            qint64 amountMinor, const QString& currency);
    // Where the order's capture stands; 404 when it is not this invoice's.
    struct CaptureState
    {
        bool captured = false;
        qint64 refusedAttempts = 0; // captures PayPal refused (not approved yet, declined)
    };
    CaptureState captureState(qint64 invoiceId, const QString& orderId);
    // Counts a capture PayPal refused, so the next one is a new request to PayPal rather than a replay of
    // the refusal (its PayPal-Request-Id names the attempt); false when another request counted it first.
    bool countRefusedCapture(const QString& orderId, qint64 seenAttempts);
    // Records the capture and pays the invoice; a capture recorded before changes nothing. A capture for
    // an invoice no longer open (paid or voided meanwhile) is kept on the order for the operator to refund
    // in PayPal, and the invoice is left as it is. Returns the invoice (Invoices::get) and whether this
    // call recorded the capture.
    std::pair<QJsonObject, bool> recordCapture(qint64 invoiceId, const QString& orderId,
                                               const QString& captureId, qint64 capturedMinor,
                                               const QString& currency);

private:
    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
