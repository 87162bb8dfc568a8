#include "payments/Payments.h"

#include "alerts/Outbox.h"
#include "audit/AuditTrail.h"
#include "billing/Subscriptions.h"
#include "core/Json.h"
#include "invoices/Invoices.h"

#include <QJsonArray>

namespace creditdesk::server {

namespace {

constexpr qint64 kDayMs = 24 * 3600 * 1000;

} // namespace

std::optional<QString> Payments::customerOf(qint64 accountId)
{
    const auto row = m_db.row(QStringLiteral("SELECT customer_id FROM stripe_customers WHERE account_id = ?"),
                              {accountId});
    return row ? std::optional<QString>(row->at(0).toString()) : std::nullopt;
}

QString Payments::rememberCustomer(qint64 accountId, const QString& customerId)
{
    // Created with Idempotency-Key customer-<account>, so two processes asking at once got the same one.
    m_db.execute(QStringLiteral("INSERT INTO stripe_customers (account_id, customer_id, created_at) VALUES "
                                "(?, ?, ?) ON CONFLICT (account_id) DO NOTHING"),
                 {accountId, customerId, m_now});
    return customerOf(accountId).value_or(customerId);
}

std::optional<InvoiceToCollect> Payments::invoice(qint64 invoiceId)
{
    const auto row = m_db.row(
        QStringLiteral(
            "SELECT i.id, i.account_id, a.owner_kind, a.owner_id, COALESCE(i.number, ''), i.status, "
            "i.currency, %1, i.kind FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.id = ?")
            .arg(Invoices::amountDueSql(QStringLiteral("i"))),
        {invoiceId});
    if (!row)
        return std::nullopt;
    InvoiceToCollect invoice;
    invoice.invoiceId = asInt(row->at(0));
    invoice.accountId = asInt(row->at(1));
    if (row->at(2).toString() == QLatin1String("organization"))
        invoice.organizationId = asInt(row->at(3));
    invoice.number = row->at(4).toString();
    invoice.status = row->at(5).toString();
    invoice.currency = row->at(6).toString();
    invoice.amountDueMinor = asInt(row->at(7));
    invoice.kind = row->at(8).toString();
    return invoice;
}

qint64 Payments::nextAttempt(qint64 invoiceId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT COUNT(*) FROM payments WHERE invoice_id = ? AND method = "
                                "'card' AND status = 'failed'"),
                 {invoiceId});
    return asInt(row->at(0)) + 1;
}

std::vector<qint64> Payments::dueCollections(int max)
{
    // Open period invoices never tried (purchases are collected by the purchase itself, invoiced purchases
    // are paid by bank transfer), then retries that fell due; oldest first.
    std::vector<qint64> due;
    for (const Row& row : m_db.rows(
             QStringLiteral("SELECT i.id FROM invoices i WHERE i.kind = 'period' AND i.status = 'open' AND "
                            "%1 > 0 AND NOT EXISTS (SELECT 1 FROM invoice_collections c WHERE c.invoice_id = "
                            "i.id) ORDER BY i.id LIMIT ?")
                 .arg(Invoices::amountDueSql(QStringLiteral("i"))),
             {max}))
        due.push_back(asInt(row[0]));
    for (const Row& row : m_db.rows(
             QStringLiteral("SELECT c.invoice_id FROM invoice_collections c JOIN invoices i ON i.id = "
                            "c.invoice_id WHERE (c.state = 'retrying' OR c.state = 'no_payment_method') AND "
                            "c.next_attempt_at <= ? AND i.kind = 'period' AND i.status = "
                            "'open' ORDER BY c.next_attempt_at, c.invoice_id LIMIT ?"),
             {m_now, max}))
        due.push_back(asInt(row[0]));
    return due;
}

std::optional<Row> Payments::paymentByProvider(const QString& providerId)
{
    if (providerId.isEmpty())
        return std::nullopt;
    return m_db.row(QStringLiteral("SELECT id, status FROM payments WHERE provider_id = ?"), {providerId});
}

qint64 Payments::insertPayment(const PaymentReport& report, const QString& status)
{
    const std::optional<InvoiceToCollect> invoice = this->invoice(report.invoiceId);
    return m_db.insert(
        QStringLiteral(
            "INSERT INTO payments (account_id, invoice_id, amount_minor, currency, method, status, "
            "provider_id, failure_reason, attempt, created_at, updated_at) VALUES (?, ?, ?, ?, "
            "'card', ?, ?, ?, ?, ?, ?)"),
        {invoice->accountId, report.invoiceId, report.amountMinor, report.currency.toUpper(), status,
         report.providerId.isEmpty() ? QVariant() : QVariant(report.providerId),
         report.failureReason.isEmpty() ? QVariant() : QVariant(report.failureReason), report.attempt, m_now,
         m_now});
}

void Payments::setCollection(qint64 invoiceId, qint64 accountId, const QString& state)
{
    m_db.execute(QStringLiteral("INSERT INTO invoice_collections (invoice_id, account_id, state, updated_at) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT (invoice_id) DO UPDATE SET state = "
                                "excluded.state, updated_at = excluded.updated_at"),
                 {invoiceId, accountId, state, m_now});
}

bool Payments::bookSucceeded(const PaymentReport& report)
{
    const std::optional<InvoiceToCollect> invoice = this->invoice(report.invoiceId);
    if (!invoice)
        return false;
    if (const auto existing = paymentByProvider(report.providerId)) {
        if (existing->at(1).toString() == QLatin1String("succeeded") ||
            existing->at(1).toString() == QLatin1String("refunded"))
            return false; // booked already (the other of answer and webhook, or a replay)
        m_db.execute(QStringLiteral("UPDATE payments SET status = 'succeeded', failure_reason = NULL, "
                                    "updated_at = ? WHERE id = ?"),
                     {m_now, asInt(existing->at(0))});
    } else {
        insertPayment(report, QStringLiteral("succeeded"));
    }
    setCollection(invoice->invoiceId, invoice->accountId, QStringLiteral("done"));
    // markPaid also ends dunning (a past-due subscription is active again) and books what a purchase buys.
    if (invoice->status == QLatin1String("open"))
        Invoices(m_db, m_now).markPaid(invoice->invoiceId, QStringLiteral("card"), report.providerId);
    AuditTrail(m_db).appendJob(
        m_now, QStringLiteral("payment.succeeded"),
        QStringLiteral("%1 paid by card (%2)").arg(invoice->number, report.providerId));
    return true;
}

bool Payments::bookPending(const PaymentReport& report)
{
    if (paymentByProvider(report.providerId))
        return false;
    const std::optional<InvoiceToCollect> invoice = this->invoice(report.invoiceId);
    if (!invoice)
        return false;
    insertPayment(report, QStringLiteral("pending"));
    setCollection(invoice->invoiceId, invoice->accountId, QStringLiteral("collecting"));
    return true;
}

bool Payments::bookFailed(const PaymentReport& report)
{
    const std::optional<InvoiceToCollect> invoice = this->invoice(report.invoiceId);
    if (!invoice)
        return false;
    if (const auto existing = paymentByProvider(report.providerId)) {
        if (existing->at(1).toString() != QLatin1String("pending"))
            return false; // failed already, or succeeded (a late failure event of a retried confirmation)
        m_db.execute(
            QStringLiteral("UPDATE payments SET status = 'failed', failure_reason = ?, updated_at = ? "
                           "WHERE id = ?"),
            {report.failureReason, m_now, asInt(existing->at(0))});
    } else {
        insertPayment(report, QStringLiteral("failed"));
    }
    if (invoice->status != QLatin1String("open"))
        return true;
    if (invoice->kind == QLatin1String("period")) {
        dunningStep(*invoice, report.failureReason);
    } else {
        // A declined purchase is not dunned: the purchase answers it (nothing is booked) and the account
        // is told once; the invoice stays open for another card or a bank transfer.
        setCollection(invoice->invoiceId, invoice->accountId, QStringLiteral("done"));
        notify(*invoice, QStringLiteral("payment.failed"),
               QJsonObject{{QStringLiteral("kind"), QStringLiteral("payment_failed")},
                           {QStringLiteral("attempt"), report.attempt},
                           {QStringLiteral("failure_reason"), report.failureReason}});
    }
    return true;
}

void Payments::bookNoPaymentMethod(qint64 invoiceId)
{
    const std::optional<InvoiceToCollect> invoice = this->invoice(invoiceId);
    if (!invoice)
        return;
    const auto state =
        m_db.row(QStringLiteral("SELECT state FROM invoice_collections WHERE invoice_id = ?"), {invoiceId});
    const bool toldBefore = state && state->at(0).toString() == QLatin1String("no_payment_method");
    // Looked at again daily: a card saved in the portal meanwhile is charged then (told once per invoice).
    m_db.execute(
        QStringLiteral("INSERT INTO invoice_collections (invoice_id, account_id, state, next_attempt_at, "
                       "updated_at) VALUES (?, ?, 'no_payment_method', ?, ?) ON CONFLICT (invoice_id) DO "
                       "UPDATE SET state = excluded.state, next_attempt_at = excluded.next_attempt_at, "
                       "updated_at = excluded.updated_at"),
        {invoiceId, invoice->accountId, m_now + kDayMs, m_now});
    if (!toldBefore)
        notify(*invoice, QStringLiteral("payment.method_missing"),
               QJsonObject{{QStringLiteral("kind"), QStringLiteral("payment_method_missing")}});
}

void Payments::deferCollection(qint64 invoiceId, qint64 retryAt)
{
    const std::optional<InvoiceToCollect> invoice = this->invoice(invoiceId);
    if (!invoice)
        return;
    // Stripe did not answer: tried again at `retryAt` with the same Idempotency-Key. A row in another
    // state (a pending PaymentIntent, paid meanwhile) is left as it is.
    m_db.execute(
        QStringLiteral("INSERT INTO invoice_collections (invoice_id, account_id, state, next_attempt_at, "
                       "updated_at) VALUES (?, ?, 'retrying', ?, ?) ON CONFLICT (invoice_id) DO UPDATE "
                       "SET next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at "
                       "WHERE invoice_collections.state = 'retrying'"),
        {invoiceId, invoice->accountId, retryAt, m_now});
}

void Payments::dunningStep(const InvoiceToCollect& invoice, const QString& reason)
{
    // failures counts booked failures; the schedule counts from the first one.
    const auto row = m_db.row(
        QStringLiteral("SELECT failures, first_failed_at FROM invoice_collections WHERE invoice_id = ?"),
        {invoice.invoiceId});
    const qint64 failures = (row ? asInt(row->at(0)) : 0) + 1;
    const qint64 firstFailedAt = row && !row->at(1).isNull() ? asInt(row->at(1)) : m_now;
    Subscriptions subscriptions(m_db, m_now);
    QJsonObject data{{QStringLiteral("kind"), QStringLiteral("payment_failed")},
                     {QStringLiteral("attempt"), failures},
                     {QStringLiteral("failure_reason"), reason}};
    const auto retries = static_cast<qint64>(m_schedule.retryDays.size());
    QString state = QStringLiteral("retrying");
    std::optional<qint64> nextAttemptAt;
    if (failures <= retries) {
        nextAttemptAt = firstFailedAt + m_schedule.retryDays[static_cast<std::size_t>(failures - 1)] * kDayMs;
        data.insert(QStringLiteral("next_attempt_at"), formatTimestamp(*nextAttemptAt));
        if (failures == 1)
            subscriptions.markPastDue(invoice.accountId);
    } else {
        // The last retry failed: the invoice is uncollectible and the account continues on free.
        state = QStringLiteral("done");
        Invoices(m_db, m_now).markUncollectible(invoice.invoiceId);
        subscriptions.cancelForNonPayment(invoice.accountId);
        data.insert(QStringLiteral("final"), true);
    }
    m_db.execute(
        QStringLiteral("INSERT INTO invoice_collections (invoice_id, account_id, state, failures, "
                       "first_failed_at, next_attempt_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (invoice_id) DO UPDATE SET state = excluded.state, failures = "
                       "excluded.failures, first_failed_at = excluded.first_failed_at, "
                       "next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at"),
        {invoice.invoiceId, invoice.accountId, state, failures, firstFailedAt, nullableInt(nextAttemptAt),
         m_now});
    notify(invoice, QStringLiteral("payment.failed"), data);
    AuditTrail(m_db).appendJob(
        m_now, QStringLiteral("payment.failed"),
        QStringLiteral("%1: collection %2 failed (%3)").arg(invoice.number).arg(failures).arg(reason));
}

void Payments::notify(const InvoiceToCollect& invoice, const QString& type, QJsonObject data)
{
    data.insert(QStringLiteral("invoice_id"), invoice.invoiceId);
    data.insert(QStringLiteral("invoice_number"), invoice.number);
    data.insert(QStringLiteral("amount_due_minor"), invoice.amountDueMinor);
    data.insert(QStringLiteral("currency"), invoice.currency);
    Outbox(m_db).enqueue(OutboxEvent{type, invoice.accountId, invoice.organizationId, data}, m_now);
}

std::vector<Row> Payments::preBillingNoticesDue(qint64 noticeMs, int limit)
{
    return m_db.rows(
        QStringLiteral(
            "SELECT s.account_id, s.current_period_end, s.plan, a.owner_kind, a.owner_id FROM "
            "subscriptions s JOIN accounts a ON a.id = s.account_id WHERE s.plan <> 'free' AND "
            "s.cancel_at_period_end = 0 AND s.status <> 'canceled' AND s.current_period_end > ? AND "
            "s.current_period_end <= ? AND NOT EXISTS (SELECT 1 FROM prebilling_notices n WHERE "
            "n.account_id = s.account_id AND n.period_end = s.current_period_end) ORDER BY "
            "s.current_period_end, s.account_id LIMIT ?"),
        {m_now, m_now + noticeMs, limit});
}

int Payments::sendPreBillingNotices(qint64 noticeMs, int limit)
{
    const std::vector<Row> due = preBillingNoticesDue(noticeMs, limit);
    for (const Row& row : due) {
        const qint64 accountId = asInt(row[0]);
        const qint64 periodEnd = asInt(row[1]);
        // The notice's key: a second run, or another process, sends nothing more for this period.
        if (m_db.executeCounted(
                QStringLiteral("INSERT INTO prebilling_notices (account_id, period_end, sent_at) "
                               "VALUES (?, ?, ?) ON CONFLICT (account_id, period_end) DO NOTHING"),
                {accountId, periodEnd, m_now}) != 1)
            continue;
        const bool organization = row[3].toString() == QLatin1String("organization");
        Outbox(m_db).enqueue(
            OutboxEvent{QStringLiteral("billing.upcoming"), accountId,
                        organization ? std::optional<qint64>(asInt(row[4])) : std::nullopt,
                        QJsonObject{{QStringLiteral("kind"), QStringLiteral("pre_billing_notice")},
                                    {QStringLiteral("plan"), row[2].toString()},
                                    {QStringLiteral("renews_at"), formatTimestamp(periodEnd)}}},
            m_now);
    }
    return static_cast<int>(due.size());
}

std::optional<RefundDue> Payments::refundDue(qint64 creditNoteId)
{
    const auto row =
        m_db.row(QStringLiteral(
                     "SELECT p.id, c.amount_minor FROM credit_notes c JOIN payments p ON p.invoice_id = "
                     "c.invoice_id WHERE c.id = ? AND c.refund_status = 'pending' AND p.method = 'card' AND "
                     "p.status = 'succeeded' AND p.provider_id IS NOT NULL ORDER BY p.id DESC LIMIT 1"),
                 {creditNoteId});
    if (!row)
        return std::nullopt;
    return RefundDue{creditNoteId, asInt(row->at(0)), asInt(row->at(1))};
}

void Payments::bookRefund(qint64 paymentId, qint64 creditNoteId, qint64 amountMinor,
                          const QString& providerId, const QString& status)
{
    m_db.execute(QStringLiteral("INSERT INTO refunds (payment_id, credit_note_id, amount_minor, provider_id, "
                                "status, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (credit_note_id) "
                                "DO NOTHING"),
                 {paymentId, creditNoteId, amountMinor, providerId, status, m_now});
    m_db.execute(QStringLiteral("UPDATE credit_notes SET refund_status = 'refunded' WHERE id = ? AND "
                                "refund_status = 'pending'"),
                 {creditNoteId});
    m_db.execute(QStringLiteral("UPDATE payments SET status = 'refunded', updated_at = ? WHERE id = ? AND "
                                "status = 'succeeded' AND amount_minor <= (SELECT SUM(r.amount_minor) FROM "
                                "refunds r WHERE r.payment_id = payments.id)"),
                 {m_now, paymentId});
}

bool Payments::firstSighting(const QString& eventId, const QString& type)
{
    return m_db.executeCounted(
               QStringLiteral("INSERT INTO stripe_events (event_id, type, received_at) VALUES "
                              "(?, ?, ?) ON CONFLICT (event_id) DO NOTHING"),
               {eventId, type, m_now}) == 1;
}

QJsonObject Payments::list(qint64 accountId, int limit)
{
    QJsonArray data;
    for (const Row& row :
         m_db.rows(QStringLiteral(
                       "SELECT id, invoice_id, amount_minor, currency, method, status, failure_reason, "
                       "created_at, attempt FROM payments WHERE account_id = ? ORDER BY id DESC LIMIT ?"),
                   {accountId, limit}))
        data.append(QJsonObject{
            {QStringLiteral("id"), asInt(row[0])},
            {QStringLiteral("invoice_id"), asInt(row[1])},
            {QStringLiteral("amount_minor"), asInt(row[2])},
            {QStringLiteral("currency"), row[3].toString()},
            {QStringLiteral("method"), row[4].toString()},
            {QStringLiteral("status"), row[5].toString()},
            {QStringLiteral("failure_reason"),
             row[6].isNull() ? QJsonValue() : QJsonValue(row[6].toString())},
            {QStringLiteral("created_at"), formatTimestamp(asInt(row[7]))},
            {QStringLiteral("attempt"), asInt(row[8])},
        });
    return QJsonObject{{QStringLiteral("data"), data}};
}

} // namespace creditdesk::server
