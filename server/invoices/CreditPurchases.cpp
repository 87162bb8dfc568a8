#include "invoices/CreditPurchases.h"

#include "billing/Subscriptions.h"
#include "core/ApiError.h"
#include "invoices/AutoRecharge.h"
#include "invoices/Invoices.h"
#include "ledger/Ledger.h"

namespace creditdesk::server {

void CreditPurchases::requireAllowed(qint64 accountId, const CreditPack& pack, const QString& payment)
{
    if (!pack.enterpriseOnly && payment != QLatin1String("invoice"))
        return;
    const Subscription subscription = Subscriptions(m_db, m_now).get(accountId);
    if (subscription.plan == QLatin1String("enterprise"))
        return;
    throw ApiError(QStringLiteral("enterprise_plan_required"),
                   pack.enterpriseOnly
                       ? QStringLiteral("The pack '%1' is for accounts on the enterprise plan").arg(pack.id)
                       : QStringLiteral("Paying by invoice is for accounts on the enterprise plan"),
                   QJsonObject{{QStringLiteral("plan"), subscription.plan},
                               {QStringLiteral("field"),
                                pack.enterpriseOnly ? QStringLiteral("pack") : QStringLiteral("payment")}});
}

qint64 CreditPurchases::issue(const PurchaseOrder& order)
{
    InvoiceDraft draft;
    draft.accountId = order.accountId;
    draft.kind = QStringLiteral("purchase");
    draft.currency = order.pack.currency;
    draft.dueInMs = order.payment == QLatin1String("invoice") ? kInvoiceTermsMs : 0;
    QString description =
        QStringLiteral("Credit pack %1: %2 credits").arg(order.pack.name).arg(order.pack.credits);
    if (order.pack.bonusCredits > 0)
        description += QStringLiteral(" (%1 bonus)").arg(order.pack.bonusCredits);
    if (order.origin == QLatin1String("auto_recharge"))
        description += QStringLiteral(", auto-recharge");
    draft.lines.push_back(InvoiceLine{std::nullopt, QStringLiteral("credit_pack"), description, 1,
                                      order.pack.priceMinor, order.pack.priceMinor});
    // A purchase invoice has no period, so invoices_period_once never refuses it.
    const qint64 invoiceId = *Invoices(m_db, m_now).issue(draft);
    m_db.execute(
        QStringLiteral("INSERT INTO credit_purchases (invoice_id, account_id, pack, credits, payment, "
                       "origin, requested_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {invoiceId, order.accountId, order.pack.id, order.pack.credits, order.payment, order.origin,
         nullableInt(order.requestedBy), m_now});
    return invoiceId;
}

void CreditPurchases::invoicePaid(qint64 invoiceId)
{
    const auto purchase = m_db.row(
        QStringLiteral("SELECT p.account_id, p.credits, p.pack, p.origin, i.number, a.owner_kind, a.owner_id "
                       "FROM credit_purchases p JOIN invoices i ON i.id = p.invoice_id "
                       "JOIN accounts a ON a.id = p.account_id WHERE p.invoice_id = ?"),
        {invoiceId});
    if (!purchase)
        return;
    const qint64 accountId = asInt(purchase->at(0));
    AllocationRequest grant;
    grant.amount = asInt(purchase->at(1));
    grant.grantKind = QStringLiteral("purchase");
    grant.priority = defaultPriorityFor(grant.grantKind);
    grant.expiresAt = kNeverExpires; // what the customer paid for lasts (docs/ledger.md)
    grant.note = QStringLiteral("Credit pack %1, invoice %2")
                     .arg(purchase->at(2).toString(), purchase->at(4).toString());
    Attribution attribution; // booked by the system when the payment arrived
    if (purchase->at(5).toString() == QLatin1String("organization"))
        attribution.organizationId = asInt(purchase->at(6));
    const TransactionRecord booked = Ledger(m_db, m_now).allocate(accountId, grant, attribution);
    // The exactly-once key: a second insert for this invoice violates the primary key and rolls back the
    // whole transaction, grant included.
    m_db.execute(QStringLiteral("INSERT INTO purchase_grants (invoice_id, transaction_id, created_at) "
                                "VALUES (?, ?, ?)"),
                 {invoiceId, booked.id, m_now});
    if (purchase->at(3).toString() == QLatin1String("auto_recharge"))
        AutoRecharge(m_db, m_now).purchasePaid(accountId, invoiceId);
}

bool CreditPurchases::collectionFailed(qint64 invoiceId)
{
    Invoices invoices(m_db, m_now);
    if (invoices.get(invoiceId).value(QStringLiteral("status")).toString() != QLatin1String("open"))
        return false; // paid meanwhile (a webhook), or voided already
    invoices.voidInvoice(invoiceId);
    return true;
}

QJsonObject CreditPurchases::purchaseOf(qint64 invoiceId)
{
    const auto row = m_db.row(
        QStringLiteral(
            "SELECT p.pack, p.credits, p.payment, p.origin, g.transaction_id FROM credit_purchases p "
            "LEFT JOIN purchase_grants g ON g.invoice_id = p.invoice_id WHERE p.invoice_id = ?"),
        {invoiceId});
    if (!row)
        return {};
    return QJsonObject{{QStringLiteral("pack"), row->at(0).toString()},
                       {QStringLiteral("credits"), asInt(row->at(1))},
                       {QStringLiteral("payment"), row->at(2).toString()},
                       {QStringLiteral("origin"), row->at(3).toString()},
                       {QStringLiteral("grant_transaction_id"),
                        row->at(4).isNull() ? QJsonValue() : QJsonValue(asInt(row->at(4)))}};
}

} // namespace creditdesk::server
