#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

class PaymentCollector;
class Store;

// Auto-recharge (docs/user-guide.md "Auto-recharge"): when an account's available credits fall below its
// threshold, one purchase of its pack starts, paid by card.
//
// The trigger costs the metering hot path nothing extra: while auto-recharge is on and nothing is pending,
// its threshold is one of the low-balance triggers stored on the account row (alert_low_below), which
// every charge compares already; the charge that crosses it has AlertEngine::evaluateAccount set
// pending_since with a conditional update under the account's lock, so 64 concurrent deductions (or two
// server processes) request exactly one purchase, and none while one is pending. The purchase itself is
// due work (runDue: the jobs timer and every test-clock move): the invoice is issued in one transaction
// that claims the request, the card is charged outside any transaction, and the outcome is booked.
class AutoRecharge
{
public:
    // Consecutive failed purchases after which auto-recharge turns itself off (and alerts).
    static constexpr int kMaxFailures = 3;

    AutoRecharge(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // The account's settings: {"enabled", "threshold_credits", "pack", "failures", "last_failure",
    // "pending"}; off with no pack when never set.
    QJsonObject settings(qint64 accountId);
    // Turns auto-recharge on or off; turning it on starts the failure count over. The triggers are
    // recomputed at the next charge.
    QJsonObject set(qint64 accountId, bool enabled, qint64 thresholdCredits, const QString& pack);

    // A purchase whose collection was interrupted (the process stopped between issuing its invoice and
    // booking the charge's outcome) is given up after this long: its invoice is voided if still open and
    // it counts as a failure, so a crash never leaves auto-recharge pending for ever.
    static constexpr qint64 kStalledAfterMs = 3600'000;

    // Accounts whose recharge was requested by a charge and has no purchase yet.
    std::vector<qint64> requested();
    // Claims of kStalledAfterMs ago and more whose purchase is still not settled: (account, invoice).
    std::vector<std::pair<qint64, qint64>> stalled();
    // Claims the account's request and issues its purchase invoice (card); none when another run or
    // process claimed it first (or the request went away).
    std::optional<qint64> start(qint64 accountId);
    // The purchase could not be made (no payment provider or method, a declined card): its invoice (if
    // any) is voided, the failure counted, and after kMaxFailures auto-recharge is off and an
    // auto_recharge_failed alert fires. The request is cleared: the next charge below the threshold
    // requests again. Returns whether it turned auto-recharge off.
    bool failed(qint64 accountId, std::optional<qint64> invoiceId, const QString& reason);
    // The purchase's invoice was paid (CreditPurchases::invoicePaid): the request is done.
    void purchasePaid(qint64 accountId, qint64 invoiceId);

    // The due work: every requested recharge, through `payments` (nullptr: none configured, every one
    // fails). Blocks on the network between its transactions, never inside one.
    static int runDue(Store& store, PaymentCollector* payments, qint64 nowMs);

private:
    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
