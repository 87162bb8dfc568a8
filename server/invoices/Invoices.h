#pragma once

#include "store/Sql.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// Filters of the invoice list (GET /api/v1/invoices).
struct InvoiceQuery
{
    std::optional<qint64> accountId; // none: every account (platform admins)
    std::optional<QString> status;
    std::optional<qint64> fromMs; // issued_at >= (start of the `from` day)
    std::optional<qint64> toMs;   // issued_at < (end of the `to` day)
    QString text;                 // number, buyer or line text
    std::optional<qint64> beforeId;
    std::optional<qint64> sinceSeq;
    int limit = 50;
};

// A close (a subscription_periods row) with uninvoiced charges created up to it: one period invoice.
struct DueClose
{
    qint64 accountId = 0;
    qint64 periodStart = 0;
    qint64 renewedAt = 0;
};

// One line of an invoice being issued; charge lines name their charge (it is marked invoiced).
struct InvoiceLine
{
    std::optional<qint64> chargeId;
    QString kind; // period_fee, proration, discount, overage, credit_pack, ...
    QString description;
    qint64 quantity = 1;
    qint64 unitAmountMinor = 0;
    qint64 amountMinor = 0; // negative for discounts
};

// An invoice to issue: the period close builds one per account and close, a credit purchase its own.
struct InvoiceDraft
{
    qint64 accountId = 0;
    QString kind = QStringLiteral("period"); // "period" | "purchase"
    std::optional<qint64> periodStart;       // period invoices: unique per account (invoices_period_once)
    std::optional<qint64> periodEnd;
    QString currency = QStringLiteral("USD");
    qint64 dueInMs = 0; // due_at = issued_at + this (0: due on issue; net 30 for invoiced purchases)
    std::vector<InvoiceLine> lines;
};

// What an invoice adds up to: lines before discounts, discounts (positive), tax per rate, total.
struct InvoiceTotals
{
    qint64 subtotalMinor = 0;
    qint64 discountMinor = 0;
    QJsonArray taxLines; // [{"name", "rate_basis_points", "taxable_minor", "tax_minor", "note"}]
    qint64 taxMinor = 0;
    qint64 totalMinor = 0;
};

// Invoices of billing accounts (docs/admin-guide.md "Invoices"), inside the caller's transaction.
// An invoice is finalized (status open, numbered) in the transaction that creates it; numbers come from
// one counter row per series (invoice_series), incremented in that transaction, so a rolled-back invoice
// gives its number back and two processes never take the same one.
class Invoices
{
public:
    Invoices(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // The period close, in two steps: the due closes, oldest first (at most `max`; one pass over the
    // uninvoiced charges, so list them once per run, not once per chunk), then one period invoice for each
    // with its charges as lines. Returns how many were finalized; a close another process invoiced
    // meanwhile is skipped.
    std::vector<DueClose> dueCloses(int max);
    int close(const std::vector<DueClose>& closes);

    // Issues (finalizes and numbers) one invoice in the caller's transaction: the one place invoices
    // are created, so totals, tax and numbering are the same for period closes and purchases. Returns the
    // invoice's id; none when a period invoice of that account and period exists already.
    std::optional<qint64> issue(const InvoiceDraft& draft);
    // The totals of `lines` for the account's buyer details (tax by the billing profile and the seller).
    InvoiceTotals totalsFor(qint64 accountId, const std::vector<InvoiceLine>& lines);

    QJsonObject get(qint64 invoiceId);
    QJsonObject list(const InvoiceQuery& query);
    // Operator actions (platform admins): 409 invalid_invoice_state when the status does not allow it.
    QJsonObject voidInvoice(qint64 invoiceId);
    // Dunning's end (payments/Payments.h): an open invoice whose every retry failed; false when it is
    // not open (paid or voided meanwhile).
    bool markUncollectible(qint64 invoiceId);
    // The one way an invoice becomes paid, whoever collected it (the operator by hand, a Stripe payment, a
    // webhook, PayPal): what follows a payment (a purchase's credits, a past-due subscription restored)
    // hangs off this call, in the same transaction, so it happens exactly once.
    QJsonObject markPaid(qint64 invoiceId, const QString& method, const QString& reference);

    // The seller's details as printed on invoices (one row; {} until configured).
    QJsonObject seller();
    QJsonObject setSeller(const QJsonObject& settings);

private:
    // One invoice for the close of `accountId` at `periodStart`; false when it exists already.
    bool closeOne(qint64 accountId, qint64 periodStart, qint64 renewedAt);
    qint64 takeNext(const QString& series);
    QJsonObject buyerOf(qint64 accountId);
    QString lockStatus(qint64 invoiceId);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
