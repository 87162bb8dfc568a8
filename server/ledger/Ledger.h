#pragma once

#include "core/ApiError.h"
#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace creditdesk::server {

class BudgetGuard;
class JsonWriter;

// Grants that never expire carry this expiry, so "earliest expiry first" is a plain ORDER BY on both
// SQLite and PostgreSQL (NULLs sort differently there).
inline constexpr qint64 kNeverExpires = std::numeric_limits<qint64>::max();

bool isGrantKind(const QString& kind);
int defaultPriorityFor(const QString& grantKind);

// Who a movement is for and who made it (docs/design.md §4: organizations pool credits; every movement
// still records the member and department).
struct Attribution
{
    std::optional<qint64> organizationId;
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    QString actorKind = QStringLiteral("system");
    std::optional<qint64> actorId;
};

struct TransactionRecord
{
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 seq = 0;
    QString kind;
    std::optional<QString> grantKind;
    qint64 amount = 0;
    qint64 balanceAfter = 0;
    Attribution attribution;
    std::optional<QString> reference;
    std::optional<QString> idempotencyKey;
    std::optional<qint64> relatedTransactionId;
    std::optional<qint64> reservationId;
    std::optional<qint64> grantId;
    std::optional<QString> note;
    qint64 createdAt = 0;
    std::optional<QString> model; // a usage debit's model (its events'), none for other movements

    void writeJson(JsonWriter& out) const; // the one serialization of a transaction
    QJsonObject toJson() const;
    static const QString& selectColumns();   // column list matching fromRow()
    static const QString& insertStatement(); // INSERT of every column but id, bound with insertValues()
    QVariantList insertValues() const;
    static TransactionRecord fromRow(const Row& row);
};

struct GrantRecord
{
    qint64 id = 0;
    QString kind;
    qint64 amount = 0;
    qint64 remaining = 0;
    qint64 priority = 0;
    qint64 effectiveAt = 0;
    qint64 expiresAt = kNeverExpires;
    qint64 createdAt = 0;
    std::optional<QString> note;
    QJsonObject toJson() const;
};

struct ReservationRecord
{
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 amount = 0;
    QString status;
    Attribution attribution;
    qint64 expiresAt = 0;
    qint64 createdAt = 0;
    std::optional<qint64> settledAmount;
    std::optional<qint64> transactionId;
    QJsonObject toJson() const;
    static ReservationRecord fromRow(const Row& row);
    static const QString& selectColumns();
};

struct BalanceSnapshot
{
    qint64 accountId = 0;
    qint64 balance = 0;
    qint64 reserved = 0;
    std::vector<GrantRecord> grants;
    qint64 available() const { return std::max<qint64>(0, balance - reserved); }
    QJsonObject toJson() const;
};

struct AllocationRequest
{
    qint64 amount = 0;
    QString grantKind;
    int priority = 0;
    qint64 expiresAt = kNeverExpires;
    std::optional<QString> note;
    std::optional<QString> idempotencyKey;
};

// One allocation among many made at once (Ledger::allocateMany).
struct AccountAllocation
{
    qint64 accountId = 0;
    AllocationRequest request;
    Attribution attribution;
};

// What one run of Ledger::expireDue() did.
struct ExpiryRun
{
    int grantsSeen = 0; // run-out grants it looked at: fewer than its limit when none are left
    int booked = 0;     // expiry transactions written
};

// An account row locked for this transaction, with what a draw needs to know about it.
struct LockedAccount
{
    qint64 id = 0;
    qint64 balance = 0;
    qint64 lastSeq = 0;
    qint64 held = 0;                                 // credits kept back by open holds
    std::vector<std::pair<qint64, qint64>> drawable; // grant id, remaining: spendable now, in draw-down order
    // This view holds from the time it was locked until the first grant or hold changes state by time
    // (an expiry, a grant becoming effective); kNeverExpires when nothing is due.
    qint64 lockedAt = 0;
    qint64 validUntil = 0;
    // Department budgets and member limits on the account (ledger/BudgetGuard.h): how many there are,
    // read with the lock, and once a charge needs them, their counters (shared by copies of this view).
    qint64 budgetCount = 0;
    std::shared_ptr<BudgetGuard> budgets;
    // Alerts (alerts/AlertEngine.h): credits spent in the current billing period (starting at
    // periodStart), and the triggers at which a charge has the account's rules evaluated.
    qint64 periodSpent = 0;
    qint64 periodStart = 0;
    qint64 alertSpentAt = 0;
    qint64 alertLowBelow = 0;
    bool alertsDue() const
    {
        return periodSpent >= alertSpentAt || std::max<qint64>(0, balance - held) < alertLowBelow;
    }
};

// One rated usage event to charge (server/ledger/UsageCharging.cpp). Ratings are micro-credits; the
// account's carry keeps what has been rated but is not yet a whole credit, so nothing drifts.
struct UsageCharge
{
    qint64 microCredits = 0;
    Attribution attribution;
    std::optional<qint64> reservationId; // settles this hold instead of drawing freely
    bool overageAllowed = false;         // what the balance cannot cover is overage instead of a 402
    QString model;                       // the event's model (empty: none), recorded on its debit
};

struct UsageChargeOutcome
{
    std::optional<ApiError> error; // 402 insufficient_credits, or the hold's error; nothing charged
    qint64 credits = 0;            // whole credits this event moved out of the balance
    qint64 overageCredits = 0;     // whole credits beyond what was available, recorded for invoicing
    std::optional<qint64> transactionId;
};

// The credit ledger's write rules (docs/design.md §3–4), over one connection inside the caller's transaction.
// Every balance change appends a transaction row with the account's next sequence number and keeps
// accounts.balance equal to the sum of its grants' remaining credits. Rule violations throw ApiError
// before anything is written.
class Ledger
{
public:
    Ledger(SqlConnection& connection, qint64 nowMs) : m_db(connection), m_now(nowMs) {}

    TransactionRecord allocate(qint64 accountId, const AllocationRequest& request,
                               const Attribution& attribution);
    // allocate() for each entry, in order, with the same rows and the same refusals (the first one
    // throws and nothing of the call stays written once its command rolls back). On PostgreSQL a job's
    // chunk of accounts costs a few round trips instead of a dozen per account: the accounts are locked
    // in id order with one statement, their due expiries and holds read with one more, and everything
    // is written with a third (SQLite, where a statement costs no round trip, calls allocate()).
    void allocateMany(const std::vector<AccountAllocation>& allocations);
    TransactionRecord deduct(qint64 accountId, qint64 amount, const Attribution& attribution,
                             const std::optional<QString>& reference,
                             const std::optional<QString>& idempotencyKey);
    TransactionRecord refund(qint64 transactionId, std::optional<qint64> amount, const QString& reason,
                             const Attribution& actor, const std::optional<QString>& idempotencyKey);
    ReservationRecord reserve(qint64 accountId, qint64 amount, qint64 ttlSeconds,
                              const Attribution& attribution);
    // `model`: the usage event's model when an event settles the hold (recorded on the debit).
    TransactionRecord settle(qint64 reservationId, qint64 amount, const Attribution& actor,
                             const std::optional<QString>& idempotencyKey,
                             const std::optional<QString>& model = std::nullopt);
    ReservationRecord release(qint64 reservationId);

    BalanceSnapshot balance(qint64 accountId);
    qint64 heldAmount(qint64 accountId);
    // What holds kept back when the last operation locked its account: after an allocation, deduction
    // or refund (which do not touch holds) that is the account's current reserved amount.
    qint64 heldAtLastLock() const { return m_heldAtLastLock; }
    std::optional<ReservationRecord> reservation(qint64 reservationId);
    std::optional<TransactionRecord> transaction(qint64 transactionId);

    // Charges a batch of usage events to one account with one account lock: each event's 402 is decided
    // in order in memory, then one debit per member is written with its grant draws (plus one settlement
    // per event that names a hold). Outcomes are in the order of `charges`.
    std::vector<UsageChargeOutcome> chargeUsage(qint64 accountId, const std::vector<UsageCharge>& charges,
                                                const QString& reference);

    // Books expiry for the grants that have run out, on the accounts of at most `grantLimit` of them
    // (every run-out grant of those accounts), and expires holds past their time. Run by the jobs
    // thread a chunk at a time; also run per account before any draw.
    ExpiryRun expireDue(int grantLimit);

private:
    LockedAccount lock(qint64 accountId);
    // PostgreSQL: what lock() does to each of these accounts (due expiries booked, holds past their
    // time expired), in three statements for all. Returns the number of expiry transactions written.
    int lockAndExpireMany(const std::vector<qint64>& accountIds);
    // The account as locked earlier in this transaction if that view still holds, otherwise locked now;
    // kept in the connection's DebitBuffer either way.
    LockedAccount& lockForDebit(qint64 accountId);
    // The account's budgets, read on first use after the lock; nullptr when it has none.
    BudgetGuard* budgetsOf(LockedAccount& account);
    void bookExpiredGrants(LockedAccount& account);
    // After a charge: the account's alert rules when a trigger was crossed (runs statements, so no locked
    // view may be used after it); `available` is what the account has left to spend.
    void checkAlerts(const LockedAccount& account, qint64 available);
    // A grant arrived on the account: low-balance rules it lifts are armed again.
    void grantArrived(qint64 accountId);
    // Draws amount from the account's grants in the fixed order and appends the debit transaction.
    TransactionRecord drawDown(LockedAccount& account, TransactionRecord draft);
    TransactionRecord append(LockedAccount& account, TransactionRecord draft);
    // Appends a debit with the grant draws it consists of (grant id, credits), keeping all in step.
    TransactionRecord appendDebit(LockedAccount& account, TransactionRecord draft,
                                  const std::vector<std::pair<qint64, qint64>>& draws);
    void number(LockedAccount& account, TransactionRecord& draft) const; // sequence number and balance_after
    qint64 insertGrant(qint64 accountId, const QString& kind, qint64 amount, int priority, qint64 expiresAt,
                       const std::optional<QString>& note);

    SqlConnection& m_db;
    qint64 m_now;
    qint64 m_heldAtLastLock = 0;
};

} // namespace creditdesk::server
