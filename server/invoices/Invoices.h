#pragma once

#include "invoices/BillingProfiles.h"
#include "invoices/TaxCalculator.h"
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

// An account's overage to bill at its latest renewal (Invoices::overageDue).
struct OverageDue
{
    qint64 accountId = 0;
    std::optional<qint64> periodStart; // the ending period's start (none for the first one)
    qint64 boundary = 0;               // the renewal's period start, where the ending period ends
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
    std::vector<TaxLine> taxLines; // one per rate (invoice_taxes rows; the JSON's "tax_lines")
    qint64 taxMinor = 0;
    qint64 totalMinor = 0;

    // The totals of `lines` with the tax `calculator` gives `buyer` (pure: no database). Lines with a
    // negative amount are discounts; taxable = subtotal - discounts.
    static InvoiceTotals compute(const std::vector<InvoiceLine>& lines, const TaxCalculator& calculator,
                                 const TaxBuyer& buyer);
    // [{"name", "rate_basis_points", "taxable_minor", "tax_minor", "note"}]
    static QJsonArray taxLinesJson(const std::vector<TaxLine>& lines);
};

// Who an invoice is issued to, as printed on it, and the billing profile that decides its tax.
struct BuyerDetails
{
    QJsonObject buyer;
    std::optional<BillingProfile> profile;
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
    // Before the closes: each account's overage not yet billed, as of its latest renewal, becomes an
    // `overage` charge of whole cents (1 cent = 250 credits; the remainder carries over to the next
    // close), dated at that renewal so its close takes it. Listed on a read connection (nearly always
    // none), then charged in the writer's transaction; returns how many charges it booked.
    // `skipStripeMetered`: accounts with a Stripe customer are left out, their overage goes to Stripe's
    // meter events (payments/MeterReports.h) when --stripe-meter-event is on.
    std::vector<OverageDue> overageDue(bool skipStripeMetered = false);
    int chargeOverage(const std::vector<OverageDue>& due);
    int close(const std::vector<DueClose>& closes);

    // Issues (finalizes and numbers) one invoice in the caller's transaction: the one place invoices
    // are created, so totals, tax and numbering are the same for period closes and purchases. Returns the
    // invoice's id; none when a period invoice of that account and period exists already.
    std::optional<qint64> issue(const InvoiceDraft& draft);

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
    // A credit note (own series CN-YYYY-NNNNNN) of 1 to what is not yet credited, on an open or paid
    // invoice (409 invalid_invoice_state otherwise, 422 naming amount_minor beyond it). On an open invoice
    // it takes that much off the amount due, and the invoice becomes paid (through markPaid, method
    // "credit_note") when nothing is left due. On a paid one it is a refund owed: the note's
    // refund_status is 'pending' until the payment provider refunds it (the refund seam: the Stripe
    // slice refunds the 'pending' notes and sets 'refunded'). Returns the invoice.
    QJsonObject creditNote(qint64 invoiceId, qint64 amountMinor, const QString& reason);

    // What is left to pay on an invoice as SQL over the invoices row `alias`: its total less what was paid
    // and what credit notes took off (the API's amount_due_minor, which render() computes from the same
    // columns). Stripe's collection and PayPal's order charge this; before, both left credit notes out.
    static QString amountDueSql(const QString& alias);

    // Gives a changed invoice (status, amounts, credit notes) the next `seq`, so that a console syncing
    // with `since` sees the change; every status change after finalization calls it.
    void resequence(qint64 invoiceId);

    // The seller's details as printed on invoices (one row; {} until configured).
    QJsonObject seller();
    QJsonObject setSeller(const QJsonObject& settings);

private:
    // One invoice for the close of `accountId` at `periodStart`; false when it exists already.
    bool closeOne(qint64 accountId, qint64 periodStart, qint64 renewedAt);
    // PostgreSQL: the closes of a chunk together, a statement per table instead of ten round trips per
    // invoice (what issue() does, for every close at once). Returns how many were finalized.
    int closeTogether(const std::vector<DueClose>& closes);
    // The draft of a close from its uninvoiced charges (rows: id, kind, description, amount_minor,
    // currency, period_start, period_end), as both ways of closing build it.
    static InvoiceDraft closeDraft(const DueClose& close, const std::vector<Row>& charges);
    // The next `count` numbers of a series (the first returned), locking its counter row.
    qint64 takeNext(const QString& series, qint64 count = 1);
    QString numberOf(const QString& series, qint64 counter) const; // "CD-2026-000123"
    // The select list and joins buyerFromRow() reads: accounts a, with their organization or user and
    // their billing profile.
    static QString buyerColumns();
    static BuyerDetails buyerFromRow(const Row& row, int first);
    // The buyer printed on the account's invoices: its billing profile, else its name (and e-mail).
    BuyerDetails buyerOf(qint64 accountId);
    // The totals of `lines` for that buyer (tax by its billing profile and the seller's country): the one
    // computation issue() and closeTogether() share.
    InvoiceTotals totalsFor(const BuyerDetails& buyer, const std::vector<InvoiceLine>& lines);
    QString lockStatus(qint64 invoiceId);
    // The seller's country and the rate table, loaded once per Invoices (a close issues a chunk of
    // invoices with one).
    const TaxCalculator& calculator();

    SqlConnection& m_db;
    qint64 m_now;
    std::optional<TaxCalculator> m_calculator;
};

} // namespace creditdesk::server
