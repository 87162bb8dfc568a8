#include "ledger/BudgetGuard.h"

#include "alerts/AlertEngine.h"
#include "core/ApiError.h"

#include <QJsonObject>

namespace creditdesk::server {

namespace {

const QString kMember = QStringLiteral("member");
const QString kDepartment = QStringLiteral("department");

} // namespace

bool BudgetLine::covers(const Attribution& who) const
{
    const std::optional<qint64>& id = scope == QLatin1String("member") ? who.memberId : who.departmentId;
    return id && *id == scopeId;
}

BudgetGuard BudgetGuard::load(SqlConnection& db, qint64 accountId)
{
    BudgetGuard guard;
    const auto rows = db.rows(
        QStringLiteral(
            "SELECT b.id, b.organization_id, b.scope, b.scope_id, b.credits, b.period, b.enforcement, "
            "b.used, "
            "b.used_period_start, COALESCE((SELECT s.current_period_start FROM subscriptions s "
            "WHERE s.account_id = b.account_id), 0), "
            "(SELECT COALESCE(SUM(r.amount), 0) FROM reservations r WHERE r.account_id = b.account_id "
            "AND r.status = 'held' AND ((b.scope = 'member' AND r.member_id = b.scope_id) OR "
            "(b.scope = 'department' AND r.department_id = b.scope_id))), "
            // The lowest threshold of the line's armed alert rules: not fired for this budget in its period.
            "(SELECT MIN(x.threshold) FROM alert_rules x WHERE x.account_id = b.account_id AND x.enabled = 1 "
            "AND x.kind = CASE WHEN b.scope = 'member' THEN 'member_limit' ELSE 'department_budget' END "
            "AND NOT EXISTS (SELECT 1 FROM alert_budget_fired f WHERE f.rule_id = x.id AND f.budget_id = "
            "b.id "
            "AND f.period_start = CASE WHEN b.period = 'month' THEN COALESCE((SELECT s.current_period_start "
            "FROM subscriptions s WHERE s.account_id = b.account_id), 0) ELSE 0 END)) "
            "FROM budgets b WHERE b.account_id = ? ORDER BY b.id"),
        {accountId});
    guard.m_accountId = accountId;
    for (const Row& row : rows) {
        BudgetLine line;
        line.id = asInt(row[0]);
        guard.m_organizationId = asInt(row[1]);
        line.scope = row[2].toString();
        line.scopeId = asInt(row[3]);
        line.credits = asInt(row[4]);
        line.month = row[5].toString() == QLatin1String("month");
        line.hard = row[6].toString() == QLatin1String("hard");
        line.periodStart = line.month ? asInt(row[9]) : 0;
        // A counter of an earlier period counts nothing of this one: the period started over.
        line.spent = asInt(row[8]) == line.periodStart ? asInt(row[7]) : 0;
        line.held = asInt(row[10]);
        line.alertAt = AlertEngine::budgetAlertPoint(line.credits, optionalInt(row[11]));
        guard.m_lines.push_back(std::move(line));
    }
    return guard;
}

const BudgetLine* BudgetGuard::lineFor(const QString& scope, const std::optional<qint64>& scopeId) const
{
    if (!scopeId)
        return nullptr;
    for (const BudgetLine& line : m_lines)
        if (line.scopeId == *scopeId && line.scope == scope)
            return &line;
    return nullptr;
}

std::optional<ApiError> BudgetGuard::refusal(const Attribution& who, qint64 credits, qint64 releasing) const
{
    if (credits <= 0 || m_lines.empty())
        return std::nullopt;
    // The member's own limit first, then the department's budget.
    for (const BudgetLine* line : {lineFor(kMember, who.memberId), lineFor(kDepartment, who.departmentId)}) {
        if (!line || !line->hard)
            continue;
        const qint64 used = line->used() - releasing;
        if (used + credits > line->credits)
            return ApiError(
                QStringLiteral("budget_exceeded"),
                QStringLiteral("This would exceed the %1's budget: %2 of %3 credits used, %4 more "
                               "requested")
                    .arg(line->scope)
                    .arg(used)
                    .arg(line->credits)
                    .arg(credits),
                QJsonObject{{QStringLiteral("scope"), line->scope},
                            {QStringLiteral("limit"), line->credits},
                            {QStringLiteral("used"), used}});
    }
    return std::nullopt;
}

void BudgetGuard::require(const Attribution& who, qint64 credits, qint64 releasing) const
{
    if (auto error = refusal(who, credits, releasing))
        throw *error;
}

void BudgetGuard::spend(SqlConnection& db, const Attribution& who, qint64 credits, qint64 releasing)
{
    for (BudgetLine& line : m_lines) {
        if (!line.covers(who))
            continue;
        const qint64 before = line.used();
        line.held -= releasing;
        line.spent += credits;
        if (!line.hard && before <= line.credits && line.used() > line.credits)
            m_crossings.push_back(Crossing{line, before, line.used()});
        if (credits > 0 && line.spent >= line.alertAt) {
            m_alertLines.push_back(line.id);
            line.alertAt = kNoAlertTrigger; // evaluated once at recordCrossings(), which sets the next point
        }
        if (credits != 0)
            db.buffer<BudgetBuffer>().add(db, line.id, line.periodStart, credits);
    }
}

void BudgetGuard::refund(SqlConnection& db, const Attribution& who, qint64 credits, qint64 chargedAt)
{
    for (BudgetLine& line : m_lines) {
        if (!line.covers(who) || chargedAt < line.periodStart)
            continue; // a charge of an earlier billing period is no longer in a monthly budget
        line.spent -= credits;
        db.buffer<BudgetBuffer>().add(db, line.id, line.periodStart, -credits);
    }
}

void BudgetGuard::recordCrossings(SqlConnection& db, qint64 nowMs)
{
    for (const Crossing& crossing : m_crossings) {
        const BudgetLine& line = crossing.line;
        db.execute(QStringLiteral("INSERT INTO budget_crossings (organization_id, scope, scope_id, credits, "
                                  "period, period_start, used_before, used_after, created_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {m_organizationId, line.scope, line.scopeId, line.credits,
                    line.month ? QStringLiteral("month") : QStringLiteral("total"), line.periodStart,
                    crossing.usedBefore, crossing.usedAfter, nowMs});
    }
    m_crossings.clear();
    for (const qint64 lineId : m_alertLines) {
        for (BudgetLine& line : m_lines) {
            if (line.id != lineId)
                continue;
            line.alertAt = AlertEngine(db, nowMs).evaluateBudget(
                BudgetAlertLine{m_accountId, m_organizationId, line.id, line.scope, line.scopeId,
                                line.credits, line.periodStart, line.spent});
        }
    }
    m_alertLines.clear();
}

qint64 BudgetGuard::currentPeriodStart(SqlConnection& db, qint64 accountId)
{
    const auto row = db.row(
        QStringLiteral("SELECT current_period_start FROM subscriptions WHERE account_id = ?"), {accountId});
    return row ? asInt(row->at(0)) : 0;
}

qint64 BudgetGuard::usedFromHistory(SqlConnection& db, qint64 accountId, const QString& scope, qint64 scopeId,
                                    qint64 periodStart)
{
    // Two fixed texts (the column is not a parameter); refunds count against the period of the charge
    // they give back, as BudgetGuard::refund() does.
    static const QString member = QStringLiteral(
        "SELECT (SELECT COALESCE(SUM(-amount), 0) FROM transactions WHERE account_id = ? AND kind = "
        "'deduction' AND member_id = ? AND created_at >= ?) - "
        "(SELECT COALESCE(SUM(r.amount), 0) FROM transactions r JOIN transactions d ON d.id = "
        "r.related_transaction_id WHERE r.account_id = ? AND r.kind = 'refund' AND r.member_id = ? "
        "AND d.created_at >= ?) + "
        "(SELECT COALESCE(SUM(overage_credits), 0) FROM usage_events WHERE account_id = ? AND member_id = ? "
        "AND received_at >= ?)");
    static const QString department =
        QString(member).replace(QStringLiteral("member_id"), QStringLiteral("department_id"));
    const auto row = db.row(
        scope == QLatin1String("member") ? member : department,
        {accountId, scopeId, periodStart, accountId, scopeId, periodStart, accountId, scopeId, periodStart});
    return asInt(row->at(0));
}

qint64 BudgetGuard::openHolds(SqlConnection& db, qint64 accountId, const QString& scope, qint64 scopeId)
{
    static const QString member =
        QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM reservations WHERE account_id = ? AND "
                       "status = 'held' AND member_id = ?");
    static const QString department =
        QString(member).replace(QStringLiteral("member_id"), QStringLiteral("department_id"));
    return asInt(db.row(scope == QLatin1String("member") ? member : department, {accountId, scopeId})->at(0));
}

// ---- BudgetBuffer ---------------------------------------------------------------------------------

void BudgetBuffer::add(SqlConnection& db, qint64 budgetId, qint64 periodStart, qint64 credits)
{
    m_deltas[{budgetId, periodStart}] += credits;
    db.markBuffered(true);
}

void BudgetBuffer::flush(SqlConnection& db)
{
    if (m_deltas.empty())
        return;
    // A counter of another period starts over at the change (the billing period has renewed).
    if (db.isPostgres()) {
        std::vector<std::optional<qint64>> ids, periods, deltas;
        for (const auto& [key, credits] : m_deltas) {
            ids.emplace_back(key.first);
            periods.emplace_back(key.second);
            deltas.emplace_back(credits);
        }
        m_deltas.clear();
        db.execute(
            QStringLiteral("UPDATE budgets b SET used = CASE WHEN b.used_period_start = v.period_start "
                           "THEN b.used + v.delta ELSE v.delta END, used_period_start = v.period_start "
                           "FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS v (id, period_start, "
                           "delta) WHERE b.id = v.id"),
            {pgBigintArray(ids), pgBigintArray(periods), pgBigintArray(deltas)});
        return;
    }
    for (const auto& [key, credits] : m_deltas)
        db.execute(QStringLiteral("UPDATE budgets SET used = CASE WHEN used_period_start = ? THEN used + ? "
                                  "ELSE ? END, used_period_start = ? WHERE id = ?"),
                   {key.second, credits, credits, key.second, key.first});
    m_deltas.clear();
}

} // namespace creditdesk::server
