#include "ledger/Ledger.h"

#include "alerts/AlertEngine.h"
#include "core/ApiError.h"
#include "core/Json.h"
#include "core/JsonWriter.h"
#include "ledger/BudgetGuard.h"
#include "ledger/DebitBuffer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>

namespace creditdesk::server {

namespace {

struct GrantKind
{
    const char* name;
    int priority;
};
// Lower priority numbers are drawn first: promotional credits before paid ones, so a customer's
// purchases outlive their freebies (OpenMeter orders grants the same way).
constexpr std::array kGrantKinds{GrantKind{"coupon", 10},          GrantKind{"bonus", 10},
                                 GrantKind{"daily_refresh", 20},   GrantKind{"rollover", 25},
                                 GrantKind{"plan_allocation", 30}, GrantKind{"refund", 40},
                                 GrantKind{"purchase", 50},        GrantKind{"adjustment", 50}};

QJsonValue jsonOrNull(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}
QJsonValue jsonOrNull(const std::optional<QString>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}
QJsonValue expiryJson(qint64 expiresAt)
{
    return expiresAt == kNeverExpires ? QJsonValue() : QJsonValue(formatTimestamp(expiresAt));
}
std::optional<QString> optionalText(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<QString>(value.toString());
}

ApiError insufficient(qint64 requested, qint64 available)
{
    return ApiError(
        QStringLiteral("insufficient_credits"),
        QStringLiteral("Not enough credits: %1 requested, %2 available").arg(requested).arg(available),
        QJsonObject{{QStringLiteral("requested"), requested}, {QStringLiteral("available"), available}});
}

} // namespace

bool isGrantKind(const QString& kind)
{
    return defaultPriorityFor(kind) >= 0;
}

int defaultPriorityFor(const QString& grantKind)
{
    for (const auto& kind : kGrantKinds)
        if (grantKind == QLatin1String(kind.name))
            return kind.priority;
    return -1;
}

// ---- records ------------------------------------------------------------------------------------

const QString& TransactionRecord::selectColumns()
{
    static const QString columns = QStringLiteral("id, account_id, seq, kind, grant_kind, amount, "
                                                  "balance_after, organization_id, member_id, department_id, "
                                                  "actor_kind, actor_id, reference, idempotency_key, "
                                                  "related_transaction_id, reservation_id, grant_id, note, "
                                                  "created_at, model");
    return columns;
}

TransactionRecord TransactionRecord::fromRow(const Row& row)
{
    TransactionRecord record;
    record.id = asInt(row[0]);
    record.accountId = asInt(row[1]);
    record.seq = asInt(row[2]);
    record.kind = row[3].toString();
    record.grantKind = optionalText(row[4]);
    record.amount = asInt(row[5]);
    record.balanceAfter = asInt(row[6]);
    record.attribution.organizationId = optionalInt(row[7]);
    record.attribution.memberId = optionalInt(row[8]);
    record.attribution.departmentId = optionalInt(row[9]);
    record.attribution.actorKind = row[10].toString();
    record.attribution.actorId = optionalInt(row[11]);
    record.reference = optionalText(row[12]);
    record.idempotencyKey = optionalText(row[13]);
    record.relatedTransactionId = optionalInt(row[14]);
    record.reservationId = optionalInt(row[15]);
    record.grantId = optionalInt(row[16]);
    record.note = optionalText(row[17]);
    record.createdAt = asInt(row[18]);
    record.model = optionalText(row[19]);
    return record;
}

void TransactionRecord::writeJson(JsonWriter& out) const
{
    out.beginObject()
        .field("id", id)
        .field("account_id", accountId)
        .field("seq", seq)
        .field("kind", kind)
        .field("grant_kind", grantKind)
        .field("amount", amount)
        .field("balance_after", balanceAfter)
        .field("organization_id", attribution.organizationId)
        .field("member_id", attribution.memberId)
        .field("department_id", attribution.departmentId);
    out.key("actor")
        .beginObject()
        .field("kind", attribution.actorKind)
        .field("id", attribution.actorId)
        .endObject();
    out.field("reference", reference)
        .field("related_transaction_id", relatedTransactionId)
        .field("reservation_id", reservationId)
        .field("grant_id", grantId)
        .field("note", note)
        .field("model", model)
        .field("created_at", formatTimestamp(createdAt))
        .endObject();
}

QJsonObject TransactionRecord::toJson() const
{
    JsonWriter out;
    writeJson(out);
    return QJsonDocument::fromJson(out.bytes()).object();
}

QJsonObject GrantRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("amount"), amount},
                       {QStringLiteral("remaining"), remaining},
                       {QStringLiteral("priority"), priority},
                       {QStringLiteral("effective_at"), formatTimestamp(effectiveAt)},
                       {QStringLiteral("expires_at"), expiryJson(expiresAt)},
                       {QStringLiteral("created_at"), formatTimestamp(createdAt)},
                       {QStringLiteral("note"), jsonOrNull(note)}};
}

const QString& ReservationRecord::selectColumns()
{
    static const QString columns =
        QStringLiteral("id, account_id, amount, status, organization_id, member_id, "
                       "department_id, expires_at, created_at, settled_amount, transaction_id");
    return columns;
}

ReservationRecord ReservationRecord::fromRow(const Row& row)
{
    ReservationRecord record;
    record.id = asInt(row[0]);
    record.accountId = asInt(row[1]);
    record.amount = asInt(row[2]);
    record.status = row[3].toString();
    record.attribution.organizationId = optionalInt(row[4]);
    record.attribution.memberId = optionalInt(row[5]);
    record.attribution.departmentId = optionalInt(row[6]);
    record.expiresAt = asInt(row[7]);
    record.createdAt = asInt(row[8]);
    record.settledAmount = optionalInt(row[9]);
    record.transactionId = optionalInt(row[10]);
    return record;
}

QJsonObject ReservationRecord::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("account_id"), accountId},
                       {QStringLiteral("amount"), amount},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("organization_id"), jsonOrNull(attribution.organizationId)},
                       {QStringLiteral("member_id"), jsonOrNull(attribution.memberId)},
                       {QStringLiteral("expires_at"), formatTimestamp(expiresAt)},
                       {QStringLiteral("created_at"), formatTimestamp(createdAt)},
                       {QStringLiteral("settled_amount"), jsonOrNull(settledAmount)},
                       {QStringLiteral("transaction_id"), jsonOrNull(transactionId)}};
}

QJsonObject BalanceSnapshot::toJson() const
{
    QJsonArray grantArray;
    for (const GrantRecord& grant : grants)
        grantArray.append(grant.toJson());
    return QJsonObject{{QStringLiteral("account_id"), accountId},
                       {QStringLiteral("balance"), balance},
                       {QStringLiteral("reserved"), reserved},
                       {QStringLiteral("available"), available()},
                       {QStringLiteral("grants"), grantArray}};
}

// ---- writes -------------------------------------------------------------------------------------

LockedAccount Ledger::lock(qint64 accountId)
{
    // One round trip for the hot path: the account row (locked on PostgreSQL), what its holds keep
    // back, the earliest expiry among its grants and holds (so expiry work runs only when due), and the
    // grants that can be drawn now, one row each, in the draw-down order.
    const auto rows = m_db.rows(
        QStringLiteral(
            "SELECT a.id, a.balance, a.last_seq, "
            "(SELECT COALESCE(SUM(r.amount), 0) FROM reservations r WHERE r.account_id = a.id AND r.status = "
            "'held'), "
            "(SELECT MIN(r.expires_at) FROM reservations r WHERE r.account_id = a.id AND r.status = 'held'), "
            "(SELECT MIN(x.expires_at) FROM grants x WHERE x.account_id = a.id AND x.remaining > 0), "
            "g.id, g.remaining, "
            "(SELECT MIN(f.effective_at) FROM grants f WHERE f.account_id = a.id AND f.remaining > 0 "
            "AND f.effective_at > ?), "
            "(SELECT COUNT(*) FROM budgets b WHERE b.account_id = a.id), "
            "a.period_spent, a.period_start, a.alert_spent_at, a.alert_low_below, "
            "(SELECT s.current_period_start FROM subscriptions s WHERE s.account_id = a.id) "
            "FROM accounts a LEFT JOIN grants g ON g.account_id = a.id AND g.remaining > 0 "
            "AND g.effective_at <= ? AND g.expires_at > ? WHERE a.id = ? "
            "ORDER BY g.priority, g.expires_at, g.created_at, g.id") +
            m_db.forUpdateOf(QStringLiteral("a")),
        {m_now, m_now, m_now, accountId});
    if (rows.empty())
        throw ApiError::notFound(QStringLiteral("Billing account"));
    const Row& first = rows.front();
    LockedAccount account;
    account.id = asInt(first.at(0));
    account.balance = asInt(first.at(1));
    account.lastSeq = asInt(first.at(2));
    account.held = asInt(first.at(3));
    account.budgetCount = asInt(first.at(9));
    account.periodSpent = asInt(first.at(10));
    account.periodStart = asInt(first.at(11));
    account.alertSpentAt = asInt(first.at(12));
    account.alertLowBelow = asInt(first.at(13));
    if (const qint64 currentStart = optionalInt(first.at(14)).value_or(0);
        currentStart != account.periodStart) {
        // A new billing period (renewal): the counter starts over and the triggers are unknown until the
        // rules have been evaluated for it.
        account.periodStart = currentStart;
        account.periodSpent = 0;
        account.alertSpentAt = 0;
    }
    for (const Row& row : rows)
        if (!row.at(6).isNull())
            account.drawable.emplace_back(asInt(row.at(6)), asInt(row.at(7)));
    const auto firstHoldExpiry = optionalInt(first.at(4));
    const auto firstGrantExpiry = optionalInt(first.at(5));
    const auto nextEffective = optionalInt(first.at(8));
    account.lockedAt = m_now;
    account.validUntil =
        std::min({firstHoldExpiry.value_or(kNeverExpires), firstGrantExpiry.value_or(kNeverExpires),
                  nextEffective.value_or(kNeverExpires)});
    // After booking expiries the next change by time is unknown here; such a view is not kept (validUntil
    // in the past), which costs a lock query once per expiry.
    if (firstGrantExpiry && *firstGrantExpiry <= m_now)
        bookExpiredGrants(account); // drawable already leaves expired grants out
    if (firstHoldExpiry && *firstHoldExpiry <= m_now) {
        m_db.execute(QStringLiteral("UPDATE reservations SET status = 'expired', closed_at = ? "
                                    "WHERE account_id = ? AND status = 'held' AND expires_at <= ?"),
                     {m_now, accountId, m_now});
        account.held = heldAmount(accountId);
    }
    m_heldAtLastLock = account.held;
    return account;
}

void Ledger::bookExpiredGrants(LockedAccount& account)
{
    const auto expired =
        m_db.rows(QStringLiteral("SELECT id, kind, remaining FROM grants WHERE account_id = ? AND "
                                 "remaining > 0 AND expires_at <= ? ORDER BY expires_at, id"),
                  {account.id, m_now});
    for (const Row& grant : expired) {
        const qint64 grantId = asInt(grant[0]);
        const qint64 remaining = asInt(grant[2]);
        m_db.execute(QStringLiteral("UPDATE grants SET remaining = 0 WHERE id = ?"), {grantId});
        TransactionRecord draft;
        draft.kind = QStringLiteral("expiry");
        draft.grantKind = grant[1].toString();
        draft.amount = -remaining;
        draft.grantId = grantId;
        const TransactionRecord booked = append(account, draft);
        m_db.execute(
            QStringLiteral(
                "INSERT INTO transaction_grants (transaction_id, grant_id, amount) VALUES (?, ?, ?)"),
            {booked.id, grantId, remaining});
    }
}

qint64 Ledger::heldAmount(qint64 accountId)
{
    const auto row = m_db.row(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM reservations "
                                             "WHERE account_id = ? AND status = 'held'"),
                              {accountId});
    return asInt(row->at(0));
}

const QString& TransactionRecord::insertStatement()
{
    static const QString sql = QStringLiteral(
        "INSERT INTO transactions (account_id, seq, kind, grant_kind, amount, balance_after, "
        "organization_id, "
        "member_id, department_id, actor_kind, actor_id, reference, idempotency_key, related_transaction_id, "
        "reservation_id, grant_id, note, created_at, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, "
        "?, ?, ?, ?, ?)");
    return sql;
}

QVariantList TransactionRecord::insertValues() const
{
    const Attribution& who = attribution;
    return {accountId,
            seq,
            kind,
            nullableText(grantKind),
            amount,
            balanceAfter,
            nullableInt(who.organizationId),
            nullableInt(who.memberId),
            nullableInt(who.departmentId),
            who.actorKind,
            nullableInt(who.actorId),
            nullableText(reference),
            nullableText(idempotencyKey),
            nullableInt(relatedTransactionId),
            nullableInt(reservationId),
            nullableInt(grantId),
            nullableText(note),
            createdAt,
            nullableText(model)};
}

void Ledger::number(LockedAccount& account, TransactionRecord& draft) const
{
    draft.accountId = account.id;
    draft.seq = ++account.lastSeq;
    account.balance += draft.amount;
    draft.balanceAfter = account.balance;
    draft.createdAt = m_now;
}

TransactionRecord Ledger::append(LockedAccount& account, TransactionRecord draft)
{
    number(account, draft);
    draft.id = m_db.insert(TransactionRecord::insertStatement(), draft.insertValues());
    m_db.execute(QStringLiteral("UPDATE accounts SET balance = ?, last_seq = ? WHERE id = ?"),
                 {account.balance, account.lastSeq, account.id});
    return draft;
}

TransactionRecord Ledger::appendDebit(LockedAccount& account, TransactionRecord draft,
                                      const std::vector<std::pair<qint64, qint64>>& draws)
{
    // The debit's hot-row writes (the account, the grants drawn) wait in the connection's DebitBuffer and
    // are written once for all debits of the group, before the next other statement or the commit.
    number(account, draft);
    account.periodSpent -= draft.amount;
    draft.id = m_db.buffer<DebitBuffer>().append(m_db, account, draft, draws);
    return draft;
}

void Ledger::checkAlerts(const LockedAccount& account, qint64 available)
{
    if (account.periodSpent < account.alertSpentAt && available >= account.alertLowBelow)
        return; // the hot path: two comparisons
    AlertEngine(m_db, m_now)
        .evaluateAccount(AccountAlertState{account.id, account.periodSpent, account.periodStart, available});
}

void Ledger::grantArrived(qint64 accountId)
{
    AlertEngine(m_db, m_now).grantsArrived({accountId});
}

qint64 Ledger::insertGrant(qint64 accountId, const QString& kind, qint64 amount, int priority,
                           qint64 expiresAt, const std::optional<QString>& note)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO grants (account_id, kind, amount, remaining, priority, "
                       "effective_at, expires_at, created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {accountId, kind, amount, amount, priority, m_now, expiresAt, m_now, nullableText(note)});
}

TransactionRecord Ledger::allocate(qint64 accountId, const AllocationRequest& request,
                                   const Attribution& attribution)
{
    if (request.expiresAt <= m_now)
        throw ApiError::validation(QStringLiteral("expires_at"),
                                   QStringLiteral("'expires_at' must be in the future"));
    LockedAccount account = lock(accountId);
    if (account.balance > kMaxAmount * 1000 - request.amount)
        throw ApiError(QStringLiteral("balance_limit"),
                       QStringLiteral("The account balance would exceed its limit"));
    const qint64 grantId = insertGrant(account.id, request.grantKind, request.amount, request.priority,
                                       request.expiresAt, request.note);
    TransactionRecord draft;
    draft.kind = QStringLiteral("allocation");
    draft.grantKind = request.grantKind;
    draft.amount = request.amount;
    draft.grantId = grantId;
    draft.note = request.note;
    draft.attribution = attribution;
    draft.idempotencyKey = request.idempotencyKey;
    TransactionRecord booked = append(account, draft);
    grantArrived(account.id);
    return booked;
}

TransactionRecord Ledger::drawDown(LockedAccount& account, TransactionRecord draft)
{
    const qint64 amount = -draft.amount;
    std::vector<std::pair<qint64, qint64>> draws; // grant id, credits taken
    qint64 left = amount;
    for (auto& [grantId, remaining] : account.drawable) {
        if (left == 0)
            break;
        const qint64 take = std::min(left, remaining);
        if (take == 0)
            continue;
        draws.emplace_back(grantId, take);
        left -= take;
    }
    if (left > 0) // future-dated grants count in the balance but cannot be spent yet
        throw insufficient(amount, amount - left);
    for (auto& [grantId, remaining] : account.drawable) // keep the locked view right for a further draw
        for (const auto& [drawnId, take] : draws)
            if (drawnId == grantId)
                remaining -= take;
    return appendDebit(account, std::move(draft), draws);
}

LockedAccount& Ledger::lockForDebit(qint64 accountId)
{
    DebitBuffer& buffer = m_db.buffer<DebitBuffer>();
    if (LockedAccount* cached = buffer.cached(accountId, m_now)) {
        m_heldAtLastLock = cached->held;
        return *cached;
    }
    LockedAccount account = lock(accountId);
    budgetsOf(account); // read before the view is kept: any statement after that would drop it
    return buffer.keep(m_db, account);
}

BudgetGuard* Ledger::budgetsOf(LockedAccount& account)
{
    if (account.budgetCount == 0)
        return nullptr;
    if (!account.budgets)
        account.budgets = std::make_shared<BudgetGuard>(BudgetGuard::load(m_db, account.id));
    return account.budgets->empty() ? nullptr : account.budgets.get();
}

TransactionRecord Ledger::deduct(qint64 accountId, qint64 amount, const Attribution& attribution,
                                 const std::optional<QString>& reference,
                                 const std::optional<QString>& idempotencyKey)
{
    LockedAccount& account = lockForDebit(accountId);
    // Kept apart from the view: recording a soft budget's crossing runs a statement, which drops it.
    const std::shared_ptr<BudgetGuard> budgets = budgetsOf(account) ? account.budgets : nullptr;
    if (budgets) // the member's limit, then the department's budget (docs/ledger.md, "Budgets")
        budgets->require(attribution, amount);
    const qint64 available = std::max<qint64>(0, account.balance - account.held);
    if (amount > available)
        throw insufficient(amount, available);
    TransactionRecord draft;
    draft.kind = QStringLiteral("deduction");
    draft.amount = -amount;
    draft.attribution = attribution;
    draft.reference = reference;
    draft.idempotencyKey = idempotencyKey;
    TransactionRecord booked = drawDown(account, std::move(draft));
    // The view may be dropped by the first statement below: what the alert check needs is copied first.
    const bool alertsDue = account.alertsDue();
    LockedAccount alertView;
    if (alertsDue) {
        alertView.id = account.id;
        alertView.periodSpent = account.periodSpent;
        alertView.periodStart = account.periodStart;
        alertView.alertSpentAt = account.alertSpentAt;
        alertView.alertLowBelow = account.alertLowBelow;
    }
    const qint64 availableAfter = available - amount;
    if (budgets) {
        budgets->spend(m_db, attribution, amount);
        budgets->recordCrossings(m_db, m_now);
    }
    if (alertsDue)
        checkAlerts(alertView, availableAfter);
    return booked;
}

TransactionRecord Ledger::refund(qint64 transactionId, std::optional<qint64> amount, const QString& reason,
                                 const Attribution& actor, const std::optional<QString>& idempotencyKey)
{
    const auto original = transaction(transactionId);
    if (!original)
        throw ApiError::notFound(QStringLiteral("Transaction"));
    if (original->kind != QLatin1String("deduction"))
        throw ApiError(QStringLiteral("not_refundable"), QStringLiteral("Only deductions can be refunded"));
    LockedAccount account = lock(original->accountId);
    const auto refunded = m_db.row(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM transactions "
                                                  "WHERE related_transaction_id = ? AND kind = 'refund'"),
                                   {transactionId});
    const qint64 refundable = -original->amount - asInt(refunded->at(0));
    if (refundable <= 0)
        throw ApiError::conflict(QStringLiteral("already_refunded"),
                                 QStringLiteral("This deduction has already been refunded in full"));
    const qint64 credits = amount.value_or(refundable);
    if (credits > refundable)
        throw ApiError(
            QStringLiteral("refund_exceeds_deduction"),
            QStringLiteral("At most %1 credits of this deduction can still be refunded").arg(refundable),
            QJsonObject{{QStringLiteral("refundable"), refundable}});
    const qint64 grantId = insertGrant(account.id, QStringLiteral("refund"), credits,
                                       defaultPriorityFor(QStringLiteral("refund")), kNeverExpires, reason);
    TransactionRecord draft;
    draft.kind = QStringLiteral("refund");
    draft.grantKind = QStringLiteral("refund");
    draft.amount = credits;
    draft.attribution = original->attribution; // the refund belongs to whoever the deduction was for
    draft.attribution.actorKind = actor.actorKind;
    draft.attribution.actorId = actor.actorId;
    draft.relatedTransactionId = transactionId;
    draft.grantId = grantId;
    draft.note = reason;
    draft.idempotencyKey = idempotencyKey;
    TransactionRecord booked = append(account, draft);
    if (BudgetGuard* budgets = budgetsOf(account))
        budgets->refund(m_db, original->attribution, credits, original->createdAt);
    // A refund of this period's charge gives back what the allowance rules count as spent.
    if (account.periodStart > 0 && original->createdAt >= account.periodStart)
        m_db.execute(QStringLiteral("UPDATE accounts SET period_spent = ?, period_start = ? WHERE id = ?"),
                     {std::max<qint64>(0, account.periodSpent - credits), account.periodStart, account.id});
    grantArrived(account.id);
    return booked;
}

ReservationRecord Ledger::reserve(qint64 accountId, qint64 amount, qint64 ttlSeconds,
                                  const Attribution& attribution)
{
    LockedAccount account = lock(accountId);
    if (const BudgetGuard* budgets = budgetsOf(account)) // open holds count as used
        budgets->require(attribution, amount);
    const qint64 available = std::max<qint64>(0, account.balance - account.held);
    if (amount > available)
        throw insufficient(amount, available);
    const qint64 expiresAt = m_now + ttlSeconds * 1000;
    ReservationRecord record;
    record.id = m_db.insert(
        QStringLiteral("INSERT INTO reservations (account_id, amount, status, organization_id, "
                       "member_id, department_id, expires_at, created_at) "
                       "VALUES (?, ?, 'held', ?, ?, ?, ?, ?)"),
        {account.id, amount, nullableInt(attribution.organizationId), nullableInt(attribution.memberId),
         nullableInt(attribution.departmentId), expiresAt, m_now});
    record.accountId = account.id;
    record.amount = amount;
    record.status = QStringLiteral("held");
    record.attribution = attribution;
    record.expiresAt = expiresAt;
    record.createdAt = m_now;
    return record;
}

std::optional<ReservationRecord> Ledger::reservation(qint64 reservationId)
{
    const auto row = m_db.row(QStringLiteral("SELECT ") + ReservationRecord::selectColumns() +
                                  QStringLiteral(" FROM reservations WHERE id = ?"),
                              {reservationId});
    return row ? std::optional(ReservationRecord::fromRow(*row)) : std::nullopt;
}

std::optional<TransactionRecord> Ledger::transaction(qint64 transactionId)
{
    const auto row = m_db.row(QStringLiteral("SELECT ") + TransactionRecord::selectColumns() +
                                  QStringLiteral(" FROM transactions WHERE id = ?"),
                              {transactionId});
    return row ? std::optional(TransactionRecord::fromRow(*row)) : std::nullopt;
}

TransactionRecord Ledger::settle(qint64 reservationId, qint64 amount, const Attribution& actor,
                                 const std::optional<QString>& idempotencyKey,
                                 const std::optional<QString>& model)
{
    auto held = reservation(reservationId);
    if (!held)
        throw ApiError::notFound(QStringLiteral("Reservation"));
    LockedAccount account = lock(held->accountId);
    held = reservation(reservationId); // lock() may just have expired it
    if (held->status != QLatin1String("held"))
        throw ApiError::conflict(QStringLiteral("reservation_closed"),
                                 QStringLiteral("The reservation is already %1").arg(held->status));
    BudgetGuard* budgets = budgetsOf(account);
    if (budgets) // the hold stops counting as used as it is settled
        budgets->require(held->attribution, amount, held->amount);
    // The hold's credits are released first; the real cost may be lower or higher than the estimate,
    // and a higher cost must still be covered by what else is available.
    m_db.execute(
        QStringLiteral("UPDATE reservations SET status = 'settled', settled_amount = ?, closed_at = ? "
                       "WHERE id = ?"),
        {amount, m_now, reservationId});
    const qint64 available = std::max<qint64>(0, account.balance - heldAmount(account.id));
    if (amount > available)
        throw insufficient(amount, available);
    TransactionRecord draft;
    draft.kind = QStringLiteral("deduction");
    draft.amount = -amount;
    draft.attribution = held->attribution;
    draft.attribution.actorKind = actor.actorKind;
    draft.attribution.actorId = actor.actorId;
    draft.reservationId = reservationId;
    draft.idempotencyKey = idempotencyKey;
    draft.model = model;
    const TransactionRecord booked = drawDown(account, std::move(draft));
    if (budgets)
        budgets->spend(m_db, held->attribution, amount, held->amount);
    m_db.execute(QStringLiteral("UPDATE reservations SET transaction_id = ? WHERE id = ?"),
                 {booked.id, reservationId});
    if (budgets)
        budgets->recordCrossings(m_db, m_now);
    checkAlerts(account, available - amount);
    return booked;
}

ReservationRecord Ledger::release(qint64 reservationId)
{
    auto held = reservation(reservationId);
    if (!held)
        throw ApiError::notFound(QStringLiteral("Reservation"));
    lock(held->accountId);
    held = reservation(reservationId);
    if (held->status != QLatin1String("held"))
        throw ApiError::conflict(QStringLiteral("reservation_closed"),
                                 QStringLiteral("The reservation is already %1").arg(held->status));
    m_db.execute(QStringLiteral("UPDATE reservations SET status = 'released', closed_at = ? WHERE id = ?"),
                 {m_now, reservationId});
    held->status = QStringLiteral("released");
    grantArrived(held->accountId); // the hold's credits are available again: low-balance rules may re-arm
    return *held;
}

ExpiryRun Ledger::expireDue(int grantLimit)
{
    ExpiryRun run;
    // Without DISTINCT, which read every run-out grant (a hundred thousand at a renewal instant) to
    // return the first ones; in expiry order, so PostgreSQL walks the expiry index rather than scanning
    // the table for grants that are no longer there.
    const auto grants = m_db.rows(QStringLiteral("SELECT account_id FROM grants WHERE remaining > 0 AND "
                                                 "expires_at <= ? ORDER BY expires_at LIMIT ?"),
                                  {m_now, grantLimit});
    run.grantsSeen = static_cast<int>(grants.size());
    std::vector<qint64> accounts;
    for (const Row& row : grants)
        if (std::find(accounts.begin(), accounts.end(), asInt(row[0])) == accounts.end())
            accounts.push_back(asInt(row[0]));
    if (m_db.isPostgres()) {
        run.booked = lockAndExpireMany(accounts);
    } else {
        for (const qint64 accountId : accounts) {
            const qint64 before = asInt(
                m_db.row(QStringLiteral("SELECT last_seq FROM accounts WHERE id = ?"), {accountId})->at(0));
            const LockedAccount account = lock(accountId);
            run.booked += static_cast<int>(account.lastSeq - before);
        }
    }
    m_db.execute(QStringLiteral("UPDATE reservations SET status = 'expired', closed_at = ? "
                                "WHERE status = 'held' AND expires_at <= ?"),
                 {m_now, m_now});
    return run;
}

BalanceSnapshot Ledger::balance(qint64 accountId)
{
    BalanceSnapshot snapshot;
    snapshot.accountId = accountId;
    const auto grants =
        m_db.rows(QStringLiteral("SELECT id, kind, amount, remaining, priority, effective_at, expires_at, "
                                 "created_at, note FROM grants WHERE account_id = ? AND remaining > 0 "
                                 "AND expires_at > ? ORDER BY priority, expires_at, created_at, id"),
                  {accountId, m_now});
    for (const Row& row : grants) {
        GrantRecord grant{asInt(row[0]), row[1].toString(), asInt(row[2]), asInt(row[3]),       asInt(row[4]),
                          asInt(row[5]), asInt(row[6]),     asInt(row[7]), optionalText(row[8])};
        snapshot.balance += grant.remaining;
        snapshot.grants.push_back(std::move(grant));
    }
    snapshot.reserved =
        asInt(m_db.row(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM reservations WHERE "
                                      "account_id = ? AND status = 'held' AND expires_at > ?"),
                       {accountId, m_now})
                  ->at(0));
    return snapshot;
}

} // namespace creditdesk::server
