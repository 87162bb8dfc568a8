#pragma once

#include "invoices/CreditPacks.h"
#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk::server {

// One purchase of a credit pack to issue.
struct PurchaseOrder
{
    qint64 accountId = 0;
    CreditPack pack;
    QString payment = QStringLiteral("card");   // "card" | "invoice" (net 30, enterprise accounts)
    QString origin = QStringLiteral("request"); // "request" | "auto_recharge"
    std::optional<qint64> requestedBy;          // the user who bought it
};

// Credit purchases (docs/admin-guide.md "Credit packs and purchases"), inside the caller's transaction:
// a purchase is a `purchase` invoice (Invoices::issue) with one `credit_pack` line and a credit_purchases
// row; its credits are booked as a `purchase` grant when the invoice becomes paid (Invoices::markPaid,
// whoever collected it), at most once per invoice.
class CreditPurchases
{
public:
    // Net 30 for purchases paid by invoice.
    static constexpr qint64 kInvoiceTermsMs = 30LL * 86'400'000;

    CreditPurchases(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // Whether the account may buy `pack` this way: enterprise-only packs and payment by invoice need the
    // enterprise plan (409 enterprise_plan_required otherwise).
    void requireAllowed(qint64 accountId, const CreditPack& pack, const QString& payment);
    // Issues the purchase's invoice (open and numbered; due at once for a card, in 30 days by invoice)
    // and records the purchase. Returns the invoice's id.
    qint64 issue(const PurchaseOrder& order);
    // A purchase invoice became paid (Invoices::markPaid, same transaction): books its grant — source
    // `purchase`, the pack's credits, never expiring, priority 50 — once: purchase_grants is keyed by the
    // invoice, so a second booking fails the transaction instead of granting twice. Does nothing for an
    // invoice that is not a purchase.
    void invoicePaid(qint64 invoiceId);
    // A purchase's card charge failed (declined, no card, provider unreachable): its invoice is voided if
    // still open — nothing is owed and nothing was booked. Returns whether it voided it.
    bool collectionFailed(qint64 invoiceId);
    // The purchase of an invoice: {"pack", "credits", "payment", "origin", "granted"} or {} if none.
    QJsonObject purchaseOf(qint64 invoiceId);

private:
    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
