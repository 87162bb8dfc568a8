#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// What collecting an invoice needs to know about it.
struct InvoiceToCollect
{
    qint64 invoiceId = 0;
    qint64 accountId = 0;
    std::optional<qint64> organizationId;
    QString number;
    QString kind; // "period" | "purchase"
    QString status;
    QString currency;
    qint64 amountDueMinor = 0;
};

// One attempt's result as Stripe reported it (the synchronous answer or a webhook event).
struct PaymentReport
{
    qint64 invoiceId = 0;
    QString providerId; // the PaymentIntent; empty when Stripe named none
    qint64 amountMinor = 0;
    QString currency;
    qint64 attempt = 1;
    QString failureReason;
};

// A credit note's refund through the payment provider: the invoice's succeeded card payment and the
// note's amount.
struct RefundDue
{
    qint64 creditNoteId = 0;
    qint64 paymentId = 0;
    qint64 amountMinor = 0;
};

// The retry schedule of failed collections (docs/admin-guide.md "Dunning"): days after the first failure.
struct DunningSchedule
{
    std::vector<int> retryDays{1, 3, 5, 7};
};

// Stripe customers, payments and collections of billing accounts (docs/admin-guide.md "Payments
// (Stripe)"), inside the caller's transaction. Nothing here talks to Stripe: payments/StripePayments
// calls Stripe outside any transaction and books what it answered here.
//
// A payment is booked once per PaymentIntent (payments.provider_id is unique), and what follows a
// payment's change of status (the invoice marked paid, a dunning step) happens only when the row changes
// status, so the synchronous answer, the webhook and a replayed webhook, in any order, book it once.
class Payments
{
public:
    Payments(SqlConnection& db, qint64 nowMs, DunningSchedule schedule = {})
        : m_db(db), m_now(nowMs), m_schedule(std::move(schedule))
    {
    }

    std::optional<QString> customerOf(qint64 accountId);
    // Stores the account's customer unless one is stored already; returns the stored one.
    QString rememberCustomer(qint64 accountId, const QString& customerId);

    std::optional<InvoiceToCollect> invoice(qint64 invoiceId);
    // The attempt number of the next collection of the invoice: one more than its failed card payments, so
    // a retry after no answer (nothing booked) uses the same Idempotency-Key.
    qint64 nextAttempt(qint64 invoiceId);
    // Period invoices to collect now: open ones never tried, then retries that fell due (dunning, no
    // answer from Stripe, and daily looks at invoices whose account had no payment method).
    std::vector<qint64> dueCollections(int max);

    // Outcomes. Each returns true when it changed something (false: booked already).
    bool bookSucceeded(const PaymentReport& report);
    bool bookFailed(const PaymentReport& report);
    bool bookPending(const PaymentReport& report);
    void bookNoPaymentMethod(qint64 invoiceId);
    // No answer from Stripe (or 429/5xx): nothing booked, the collection is tried again at `retryAt`.
    void deferCollection(qint64 invoiceId, qint64 retryAt);

    // The pre-billing notice (docs/admin-guide.md "Dunning"): for each paid subscription renewing within
    // `noticeMs` from now, once per account and period end, an outbox event `billing.upcoming` (kind
    // `pre_billing_notice`). Returns how many were sent (at most `limit`).
    // The paid renewals within `noticeMs` whose notice is not sent yet (rows: account, period end, plan,
    // owner kind, owner id), soonest first; a read, so the job looks on its read connection first.
    std::vector<Row> preBillingNoticesDue(qint64 noticeMs, int limit);
    int sendPreBillingNotices(qint64 noticeMs, int limit);

    // The refund a credit note still waits for: none unless the note is 'pending' and its invoice was paid
    // by card through Stripe (a bank transfer or PayPal payment is refunded by the operator by hand).
    std::optional<RefundDue> refundDue(qint64 creditNoteId);
    // Books a refund Stripe made (once per credit note: refunds' key): the refund row, the note
    // 'refunded', and the payment 'refunded' once its refunds add up to all of it.
    void bookRefund(qint64 paymentId, qint64 creditNoteId, qint64 amountMinor, const QString& providerId,
                    const QString& status);

    // Records a webhook event's id; false when it was seen before (the event is then ignored).
    bool firstSighting(const QString& eventId, const QString& type);

    // GET /api/v1/payments: the account's payments, newest first.
    QJsonObject list(qint64 accountId, int limit);

private:
    std::optional<Row> paymentByProvider(const QString& providerId);
    qint64 insertPayment(const PaymentReport& report, const QString& status);
    void setCollection(qint64 invoiceId, qint64 accountId, const QString& state);
    void dunningStep(const InvoiceToCollect& invoice, const QString& reason);
    void notify(const InvoiceToCollect& invoice, const QString& type, QJsonObject data);

    SqlConnection& m_db;
    qint64 m_now;
    DunningSchedule m_schedule;
};

} // namespace creditdesk::server
