#pragma once

#include "store/Sql.h"

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

    QJsonObject get(qint64 invoiceId);
    QJsonObject list(const InvoiceQuery& query);
    // Operator actions (platform admins): 409 invalid_invoice_state when the status does not allow it.
    QJsonObject voidInvoice(qint64 invoiceId);
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
