#include "orgs/Budgets.h"

#include "alerts/AlertEngine.h"
#include "auth/Access.h"
#include "core/ApiError.h"
#include "core/Json.h"
#include "ledger/BudgetGuard.h"

#include <limits>

namespace creditdesk::server {

namespace {

QJsonValue jsonOrNull(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}
QJsonValue jsonOrNull(const std::optional<QString>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}
QJsonValue termsJson(const std::optional<BudgetTerms>& terms)
{
    return terms ? QJsonValue(terms->toJson()) : QJsonValue();
}
std::optional<QString> optionalText(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<QString>(value.toString());
}
// Terms stored in three columns starting at `first`; none when the credits are NULL.
std::optional<BudgetTerms> termsAt(const Row& row, int first)
{
    if (row[first].isNull())
        return std::nullopt;
    return BudgetTerms{asInt(row[first]), row[first + 1].toString(), row[first + 2].toString()};
}

const char* const kRequestColumns =
    "id, organization_id, department_id, credits, reason, status, requested_by, "
    "created_at, decided_by, decided_at, note";

BudgetRequest requestFromRow(const Row& row)
{
    BudgetRequest request;
    request.id = asInt(row[0]);
    request.organizationId = asInt(row[1]);
    request.departmentId = asInt(row[2]);
    request.credits = asInt(row[3]);
    request.reason = row[4].toString();
    request.status = row[5].toString();
    request.requestedBy = asInt(row[6]);
    request.createdAt = asInt(row[7]);
    request.decidedBy = optionalInt(row[8]);
    request.decidedAt = optionalInt(row[9]);
    request.note = optionalText(row[10]);
    return request;
}

} // namespace

QJsonObject BudgetTerms::toJson() const
{
    return QJsonObject{{QStringLiteral("credits"), credits},
                       {QStringLiteral("period"), period},
                       {QStringLiteral("enforcement"), enforcement}};
}

QJsonObject BudgetHistoryEntry::toJson() const
{
    QJsonObject object{
        {QStringLiteral("id"), id},
        {QStringLiteral("at"), formatTimestamp(at)},
        {QStringLiteral("scope"), scope},
        {QStringLiteral("old"), termsJson(before)},
        {QStringLiteral("new"), termsJson(after)},
        {QStringLiteral("actor"), QJsonObject{{QStringLiteral("kind"), actor.actorKind},
                                              {QStringLiteral("id"), jsonOrNull(actor.actorId)}}},
        {QStringLiteral("reason"), jsonOrNull(reason)},
        {QStringLiteral("request_id"), jsonOrNull(requestId)}};
    object.insert(scope == QLatin1String("member") ? QStringLiteral("user_id")
                                                   : QStringLiteral("department_id"),
                  scopeId);
    return object;
}

QJsonObject BudgetRequest::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("organization_id"), organizationId},
        {QStringLiteral("department_id"), departmentId},
        {QStringLiteral("credits"), credits},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("status"), status},
        {QStringLiteral("requested_by"), requestedBy},
        {QStringLiteral("created_at"), formatTimestamp(createdAt)},
        {QStringLiteral("decided_by"), jsonOrNull(decidedBy)},
        {QStringLiteral("decided_at"), decidedAt ? QJsonValue(formatTimestamp(*decidedAt)) : QJsonValue()},
        {QStringLiteral("note"), jsonOrNull(note)}};
}

qint64 Budgets::organizationAccount(qint64 organizationId)
{
    const auto accountId = accountIdFor(m_db, QStringLiteral("organization"), organizationId);
    if (!accountId)
        throw ApiError::notFound(QStringLiteral("Billing account"));
    // The pool's lock, which every charge takes first: no charge runs between reading what the scope has
    // spent and storing the counter (PostgreSQL; SQLite has one writer anyway).
    m_db.row(QStringLiteral("SELECT id FROM accounts WHERE id = ?") + m_db.forUpdate(), {*accountId});
    return *accountId;
}

void Budgets::requireScope(qint64 organizationId, const QString& scope, qint64 scopeId)
{
    if (scope == QLatin1String("department")) {
        if (!m_db.row(QStringLiteral("SELECT 1 FROM departments WHERE id = ? AND organization_id = ?"),
                      {scopeId, organizationId}))
            throw ApiError::notFound(QStringLiteral("Department"));
        return;
    }
    if (!m_db.row(QStringLiteral("SELECT 1 FROM memberships WHERE organization_id = ? AND user_id = ?"),
                  {organizationId, scopeId}))
        throw ApiError::notFound(QStringLiteral("Member"));
}

std::optional<BudgetTerms> Budgets::terms(qint64 organizationId, const QString& scope, qint64 scopeId)
{
    const auto row = m_db.row(QStringLiteral("SELECT credits, period, enforcement FROM budgets WHERE "
                                             "organization_id = ? AND scope = ? AND scope_id = ?"),
                              {organizationId, scope, scopeId});
    return row ? termsAt(*row, 0) : std::nullopt;
}

Budgets::Change Budgets::set(qint64 organizationId, const QString& scope, qint64 scopeId,
                             const BudgetTerms& terms, const Attribution& actor,
                             const std::optional<QString>& reason, std::optional<qint64> requestId)
{
    requireScope(organizationId, scope, scopeId);
    const qint64 accountId = organizationAccount(organizationId);
    Change change;
    change.before = this->terms(organizationId, scope, scopeId);
    change.after = terms;
    if (change.before && change.before->period == terms.period) {
        // Same period: the counter goes on as it is.
        m_db.execute(QStringLiteral("UPDATE budgets SET credits = ?, enforcement = ?, updated_at = ? WHERE "
                                    "organization_id = ? AND scope = ? AND scope_id = ?"),
                     {terms.credits, terms.enforcement, m_now, organizationId, scope, scopeId});
    } else {
        // A new counter starts at what the scope has spent in the period so far.
        const qint64 periodStart =
            terms.period == QLatin1String("month") ? BudgetGuard::currentPeriodStart(m_db, accountId) : 0;
        const qint64 used = BudgetGuard::usedFromHistory(m_db, accountId, scope, scopeId, periodStart);
        if (change.before)
            m_db.execute(
                QStringLiteral("UPDATE budgets SET credits = ?, period = ?, enforcement = ?, used = ?, "
                               "used_period_start = ?, updated_at = ? WHERE organization_id = ? AND "
                               "scope = ? AND scope_id = ?"),
                {terms.credits, terms.period, terms.enforcement, used, periodStart, m_now, organizationId,
                 scope, scopeId});
        else
            m_db.execute(QStringLiteral("INSERT INTO budgets (organization_id, account_id, scope, scope_id, "
                                        "credits, period, enforcement, used, used_period_start, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                         {organizationId, accountId, scope, scopeId, terms.credits, terms.period,
                          terms.enforcement, used, periodStart, m_now});
    }
    // A raise re-arms the alert rules whose threshold the budget's use no longer reaches.
    const auto budget = m_db.row(
        QStringLiteral("SELECT id FROM budgets WHERE organization_id = ? AND scope = ? AND scope_id = ?"),
        {organizationId, scope, scopeId});
    AlertEngine(m_db, m_now).budgetChanged(asInt(budget->at(0)));
    record(organizationId, scope, scopeId, change, actor, reason, requestId);
    return change;
}

Budgets::Change Budgets::remove(qint64 organizationId, const QString& scope, qint64 scopeId,
                                const Attribution& actor, const std::optional<QString>& reason)
{
    requireScope(organizationId, scope, scopeId);
    organizationAccount(organizationId);
    Change change;
    change.before = terms(organizationId, scope, scopeId);
    if (!change.before)
        throw ApiError::notFound(scope == QLatin1String("member") ? QStringLiteral("Member limit")
                                                                  : QStringLiteral("Budget"));
    const auto budget = m_db.row(
        QStringLiteral("SELECT id FROM budgets WHERE organization_id = ? AND scope = ? AND scope_id = ?"),
        {organizationId, scope, scopeId});
    AlertEngine(m_db, m_now).budgetRemoved(asInt(budget->at(0)));
    m_db.execute(
        QStringLiteral("DELETE FROM budgets WHERE organization_id = ? AND scope = ? AND scope_id = ?"),
        {organizationId, scope, scopeId});
    record(organizationId, scope, scopeId, change, actor, reason, std::nullopt);
    return change;
}

void Budgets::record(qint64 organizationId, const QString& scope, qint64 scopeId, const Change& change,
                     const Attribution& actor, const std::optional<QString>& reason,
                     std::optional<qint64> requestId)
{
    const auto column = [](const std::optional<BudgetTerms>& terms, int which) -> QVariant {
        if (!terms)
            return which == 0 ? nullableInt(std::nullopt) : nullableText(std::nullopt);
        return which == 0   ? QVariant(terms->credits)
               : which == 1 ? QVariant(terms->period)
                            : QVariant(terms->enforcement);
    };
    m_db.execute(QStringLiteral("INSERT INTO budget_history (organization_id, scope, scope_id, old_credits, "
                                "old_period, old_enforcement, new_credits, new_period, new_enforcement, "
                                "actor_kind, actor_id, reason, request_id, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {organizationId, scope, scopeId, column(change.before, 0), column(change.before, 1),
                  column(change.before, 2), column(change.after, 0), column(change.after, 1),
                  column(change.after, 2), actor.actorKind, nullableInt(actor.actorId), nullableText(reason),
                  nullableInt(requestId), m_now});
}

BudgetRequest Budgets::request(qint64 organizationId, qint64 departmentId, qint64 credits,
                               const QString& reason, qint64 userId)
{
    requireScope(organizationId, QStringLiteral("department"), departmentId);
    const qint64 id = m_db.insert(
        QStringLiteral(
            "INSERT INTO budget_requests (organization_id, department_id, credits, reason, status, "
            "requested_by, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)"),
        {organizationId, departmentId, credits, reason, userId, m_now});
    return loadRequest(organizationId, id);
}

BudgetRequest Budgets::loadRequest(qint64 organizationId, qint64 requestId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT %1 FROM budget_requests WHERE id = ? AND organization_id = ?")
                     .arg(QLatin1String(kRequestColumns)),
                 {requestId, organizationId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Budget request"));
    return requestFromRow(*row);
}

std::vector<BudgetRequest> Budgets::requests(qint64 organizationId, const QString& status,
                                             std::optional<qint64> beforeId, int limit)
{
    const qint64 before = beforeId.value_or(std::numeric_limits<qint64>::max());
    const auto rows =
        status.isEmpty()
            ? m_db.rows(QStringLiteral("SELECT %1 FROM budget_requests WHERE organization_id = ? AND id < ? "
                                       "ORDER BY id DESC LIMIT ?")
                            .arg(QLatin1String(kRequestColumns)),
                        {organizationId, before, limit})
            : m_db.rows(
                  QStringLiteral("SELECT %1 FROM budget_requests WHERE organization_id = ? AND status = ? "
                                 "AND id < ? ORDER BY id DESC LIMIT ?")
                      .arg(QLatin1String(kRequestColumns)),
                  {organizationId, status, before, limit});
    std::vector<BudgetRequest> requests;
    for (const Row& row : rows)
        requests.push_back(requestFromRow(row));
    return requests;
}

BudgetRequest Budgets::decide(qint64 organizationId, qint64 requestId, bool approve,
                              const std::optional<QString>& note, const Attribution& actor, qint64 userId)
{
    const BudgetRequest request = loadRequest(organizationId, requestId);
    if (request.status != QLatin1String("pending"))
        throw ApiError(QStringLiteral("budget_request_closed"),
                       QStringLiteral("This budget request has already been %1").arg(request.status),
                       QJsonObject{{QStringLiteral("status"), request.status}});
    // The guard on the status makes a second decision at the same time find nothing to change.
    const qint64 changed = m_db.executeCounted(
        QStringLiteral("UPDATE budget_requests SET status = ?, decided_by = ?, decided_at = ?, note = ? "
                       "WHERE id = ? AND status = 'pending'"),
        {approve ? QStringLiteral("approved") : QStringLiteral("rejected"), userId, m_now, nullableText(note),
         requestId});
    if (changed == 0)
        throw ApiError(QStringLiteral("budget_request_closed"));
    if (approve) {
        BudgetTerms terms = this->terms(organizationId, QStringLiteral("department"), request.departmentId)
                                .value_or(BudgetTerms{});
        terms.credits = request.credits;
        set(organizationId, QStringLiteral("department"), request.departmentId, terms, actor, request.reason,
            requestId);
    }
    return loadRequest(organizationId, requestId);
}

std::vector<BudgetHistoryEntry> Budgets::history(qint64 organizationId, std::optional<qint64> beforeId,
                                                 int limit)
{
    const auto rows = m_db.rows(
        QStringLiteral("SELECT id, created_at, scope, scope_id, old_credits, old_period, old_enforcement, "
                       "new_credits, new_period, new_enforcement, actor_kind, actor_id, reason, request_id "
                       "FROM budget_history WHERE organization_id = ? AND id < ? ORDER BY id DESC LIMIT ?"),
        {organizationId, beforeId.value_or(std::numeric_limits<qint64>::max()), limit});
    std::vector<BudgetHistoryEntry> entries;
    for (const Row& row : rows) {
        BudgetHistoryEntry entry;
        entry.id = asInt(row[0]);
        entry.at = asInt(row[1]);
        entry.scope = row[2].toString();
        entry.scopeId = asInt(row[3]);
        entry.before = termsAt(row, 4);
        entry.after = termsAt(row, 7);
        entry.actor.actorKind = row[10].toString();
        entry.actor.actorId = optionalInt(row[11]);
        entry.reason = optionalText(row[12]);
        entry.requestId = optionalInt(row[13]);
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::map<qint64, DepartmentBudget> Budgets::departments(qint64 organizationId)
{
    std::map<qint64, DepartmentBudget> result;
    const auto accountId = accountIdFor(m_db, QStringLiteral("organization"), organizationId);
    if (!accountId)
        return result;
    const qint64 periodStart = BudgetGuard::currentPeriodStart(m_db, *accountId);
    const auto departments = m_db.rows(
        QStringLiteral("SELECT d.id, b.credits, b.period, b.enforcement, b.used, b.used_period_start "
                       "FROM departments d LEFT JOIN budgets b ON b.organization_id = d.organization_id "
                       "AND b.scope = 'department' AND b.scope_id = d.id WHERE d.organization_id = ? "
                       "ORDER BY d.id"),
        {organizationId});
    for (const Row& row : departments) {
        const qint64 departmentId = asInt(row[0]);
        DepartmentBudget& entry = result[departmentId];
        entry.budget = termsAt(row, 1);
        const QString scope = QStringLiteral("department");
        if (!entry.budget) // what it spent this billing period, read from the ledger
            entry.usedThisPeriod =
                BudgetGuard::usedFromHistory(m_db, *accountId, scope, departmentId, periodStart);
        else if (entry.budget->period == QLatin1String("total") || asInt(row[5]) == periodStart)
            entry.usedThisPeriod = asInt(row[4]); // the budget's own counter, as enforced
        entry.usedThisPeriod += BudgetGuard::openHolds(m_db, *accountId, scope, departmentId);
    }
    return result;
}

} // namespace creditdesk::server
