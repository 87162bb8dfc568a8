#include "invoices/AutoRecharge.h"

#include "alerts/AlertEngine.h"
#include "audit/AuditTrail.h"
#include "core/ApiError.h"
#include "invoices/CreditPurchases.h"
#include "invoices/Invoices.h"
#include "invoices/PaymentCollector.h"
#include "store/Store.h"

#include <exception>

namespace creditdesk::server {

QJsonObject AutoRecharge::settings(qint64 accountId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT enabled, threshold_credits, pack, failures, last_failure, "
                                "pending_since FROM auto_recharge WHERE account_id = ?"),
                 {accountId});
    if (!row)
        return QJsonObject{{QStringLiteral("enabled"), false},
                           {QStringLiteral("threshold_credits"), 0},
                           {QStringLiteral("pack"), QJsonValue()},
                           {QStringLiteral("failures"), 0},
                           {QStringLiteral("last_failure"), QJsonValue()},
                           {QStringLiteral("pending"), false}};
    return QJsonObject{{QStringLiteral("enabled"), asInt(row->at(0)) != 0},
                       {QStringLiteral("threshold_credits"), asInt(row->at(1))},
                       {QStringLiteral("pack"), row->at(2).toString()},
                       {QStringLiteral("failures"), asInt(row->at(3))},
                       {QStringLiteral("last_failure"),
                        row->at(4).isNull() ? QJsonValue() : QJsonValue(row->at(4).toString())},
                       {QStringLiteral("pending"), !row->at(5).isNull()}};
}

QJsonObject AutoRecharge::set(qint64 accountId, bool enabled, qint64 thresholdCredits, const QString& pack)
{
    // Turning it on starts the failure count over. Turning it off cancels a requested purchase that has
    // not started; one under way (claimed, its invoice issued) finishes either way.
    m_db.execute(
        QStringLiteral("INSERT INTO auto_recharge (account_id, enabled, threshold_credits, pack, failures, "
                       "updated_at) VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (account_id) DO UPDATE SET "
                       "enabled = excluded.enabled, threshold_credits = excluded.threshold_credits, "
                       "pack = excluded.pack, failures = CASE WHEN excluded.enabled = 1 THEN 0 ELSE "
                       "auto_recharge.failures END, updated_at = excluded.updated_at"),
        {accountId, enabled ? 1 : 0, thresholdCredits, pack, m_now});
    if (!enabled)
        m_db.execute(QStringLiteral("UPDATE auto_recharge SET pending_since = NULL WHERE account_id = ? AND "
                                    "invoice_id IS NULL"),
                     {accountId});
    AlertEngine(m_db, m_now).allowanceChanged(accountId); // the triggers are recomputed at the next charge
    return settings(accountId);
}

std::vector<qint64> AutoRecharge::requested()
{
    std::vector<qint64> accounts;
    for (const Row& row : m_db.rows(QStringLiteral("SELECT account_id FROM auto_recharge WHERE pending_since "
                                                   "IS NOT NULL AND invoice_id IS NULL ORDER BY account_id")))
        accounts.push_back(asInt(row[0]));
    return accounts;
}

std::vector<std::pair<qint64, qint64>> AutoRecharge::stalled()
{
    std::vector<std::pair<qint64, qint64>> claims;
    for (const Row& row : m_db.rows(
             QStringLiteral("SELECT account_id, invoice_id FROM auto_recharge WHERE pending_since IS NOT "
                            "NULL AND invoice_id IS NOT NULL AND claimed_at <= ? ORDER BY account_id"),
             {m_now - kStalledAfterMs}))
        claims.emplace_back(asInt(row[0]), asInt(row[1]));
    return claims;
}

std::optional<qint64> AutoRecharge::start(qint64 accountId)
{
    // The claim: on PostgreSQL a second process's update waits for this transaction and then finds the
    // request taken; the invoice is issued in the same transaction, so a claim never lacks its invoice.
    const auto row = m_db.row(QStringLiteral("SELECT pack FROM auto_recharge WHERE account_id = ? AND "
                                             "pending_since IS NOT NULL AND invoice_id IS NULL"),
                              {accountId});
    if (!row || m_db.executeCounted(
                    QStringLiteral("UPDATE auto_recharge SET invoice_id = 0, claimed_at = ? WHERE "
                                   "account_id = ? AND pending_since IS NOT NULL AND invoice_id IS NULL"),
                    {m_now, accountId}) != 1)
        return std::nullopt;
    const auto pack = CreditPacks::find(row->at(0).toString());
    if (!pack) { // the catalog no longer has the pack
        failed(accountId, std::nullopt, QStringLiteral("pack_unavailable"));
        return std::nullopt;
    }
    PurchaseOrder order;
    order.accountId = accountId;
    order.pack = *pack;
    order.payment = QStringLiteral("card");
    order.origin = QStringLiteral("auto_recharge");
    const qint64 invoiceId = CreditPurchases(m_db, m_now).issue(order);
    m_db.execute(QStringLiteral("UPDATE auto_recharge SET invoice_id = ? WHERE account_id = ?"),
                 {invoiceId, accountId});
    return invoiceId;
}

bool AutoRecharge::failed(qint64 accountId, std::optional<qint64> invoiceId, const QString& reason)
{
    if (invoiceId && *invoiceId > 0) // 0: claimed, no invoice issued
        CreditPurchases(m_db, m_now).collectionFailed(*invoiceId);
    const auto row = m_db.row(
        QStringLiteral(
            "UPDATE auto_recharge SET failures = failures + 1, last_failure = ?, pending_since = NULL, "
            "invoice_id = NULL, claimed_at = NULL, updated_at = ? WHERE account_id = ? RETURNING failures, "
            "threshold_credits"),
        {reason, m_now, accountId});
    AlertEngine alerts(m_db, m_now);
    alerts.allowanceChanged(accountId); // the threshold is a trigger again at the next charge
    if (!row || asInt(row->at(0)) < kMaxFailures)
        return false;
    m_db.execute(QStringLiteral("UPDATE auto_recharge SET enabled = 0 WHERE account_id = ?"), {accountId});
    alerts.notify(accountId, QStringLiteral("auto_recharge_failed"), QStringLiteral("critical"),
                  QStringLiteral("Auto-recharge is off after %1 failed purchases (last: %2)")
                      .arg(asInt(row->at(0)))
                      .arg(reason),
                  asInt(row->at(0)), kMaxFailures);
    return true;
}

void AutoRecharge::purchasePaid(qint64 accountId, qint64 invoiceId)
{
    m_db.execute(
        QStringLiteral(
            "UPDATE auto_recharge SET pending_since = NULL, invoice_id = NULL, claimed_at = NULL, "
            "failures = 0, last_failure = NULL, updated_at = ? WHERE account_id = ? AND invoice_id = ?"),
        {m_now, accountId, invoiceId});
}

int AutoRecharge::runDue(Store& store, PaymentCollector* payments, qint64 nowMs)
{
    // Interrupted purchases first: given up (their invoice voided if open), so the account may recharge
    // again.
    for (const auto& [stalledAccount, stalledInvoice] : AutoRecharge(store.reader(), nowMs).stalled()) {
        const qint64 accountId = stalledAccount;
        const qint64 invoiceId = stalledInvoice;
        store.runSync([accountId, invoiceId, nowMs](SqlConnection& db) {
            // Unless it was settled meanwhile: the claim must still be this one.
            if (db.row(
                    QStringLiteral("SELECT 1 FROM auto_recharge WHERE account_id = ? AND invoice_id = ? AND "
                                   "pending_since IS NOT NULL"),
                    {accountId, invoiceId}))
                AutoRecharge(db, nowMs).failed(accountId, invoiceId, QStringLiteral("interrupted"));
            return ApiResponse{};
        });
    }
    int started = 0;
    for (const qint64 accountId : AutoRecharge(store.reader(), nowMs).requested()) {
        // Asked outside any transaction: the provider is on the network.
        bool chargeable = false;
        try {
            chargeable = payments && payments->hasPaymentMethod(accountId);
        } catch (const std::exception&) {
            continue; // the provider is unreachable: the request stays for the next run
        }
        std::optional<qint64> invoiceId;
        store.runSync([&](SqlConnection& db) {
            AutoRecharge recharge(db, nowMs);
            QString summary;
            if (!chargeable) {
                // Claimed like a purchase, so two processes count one failure.
                if (db.executeCounted(
                        QStringLiteral("UPDATE auto_recharge SET invoice_id = 0, claimed_at = ? WHERE "
                                       "account_id = ? AND pending_since IS NOT NULL AND invoice_id IS NULL"),
                        {nowMs, accountId}) == 1) {
                    recharge.failed(accountId, std::nullopt, QStringLiteral("payment_method_required"));
                    summary = QStringLiteral("account %1: no payment method").arg(accountId);
                }
            } else if ((invoiceId = recharge.start(accountId))) {
                summary =
                    QStringLiteral("account %1: purchase invoice %2 issued").arg(accountId).arg(*invoiceId);
            }
            if (!summary.isEmpty()) // audited like the billing jobs' bookings
                AuditTrail(db).appendJob(nowMs, QStringLiteral("credits.auto_recharge"), summary);
            return ApiResponse{};
        });
        if (!invoiceId)
            continue;
        ++started;
        CollectionOutcome outcome;
        try {
            outcome = payments->collectNow(*invoiceId);
        } catch (const std::exception& error) { // counted like a failed charge
            outcome =
                CollectionOutcome{CollectionOutcome::Status::Unavailable, QString::fromUtf8(error.what())};
        }
        if (outcome.status == CollectionOutcome::Status::Paid)
            continue; // markPaid booked the grant and cleared the request
        const QString reason =
            outcome.failureReason.isEmpty() ? QStringLiteral("payment_failed") : outcome.failureReason;
        store.runSync([&](SqlConnection& db) {
            // Paid meanwhile (a webhook): the request is already cleared and nothing fails.
            if (db.row(QStringLiteral("SELECT 1 FROM auto_recharge WHERE account_id = ? AND invoice_id = ?"),
                       {accountId, *invoiceId}))
                AutoRecharge(db, nowMs).failed(accountId, invoiceId, reason);
            return ApiResponse{};
        });
    }
    return started;
}

} // namespace creditdesk::server
