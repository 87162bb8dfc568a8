#include "alerts/AlertEngine.h"

#include "alerts/Outbox.h"
#include "core/Json.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <mutex>

namespace creditdesk::server {

namespace {

// ceil(percent × base / 100) without overflow for the ranges rules allow.
qint64 percentPoint(qint64 base, qint64 percent)
{
    return (base / 100) * percent + ((base % 100) * percent + 99) / 100;
}

// Credit amounts in alert messages (English, like every server message): with thousands separators.
QString credits(qint64 amount)
{
    return QLocale(QLocale::English).toString(amount);
}

qint64 percentOf(qint64 part, qint64 whole)
{
    return whole > 0 ? part * 100 / whole : 0; // credits stay far below 2^63 / 100
}

QJsonValue orNull(const QVariant& value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(asInt(value));
}

} // namespace

qint64 allowanceOfTerms(const QString& termsJson, const QString& billingOption)
{
    // Terms change at plan changes only, while quota and the evaluator read them often: parsed once each.
    static std::mutex mutex;
    static QHash<QString, qint64> parsed;
    const QString key = billingOption + QLatin1Char('\n') + termsJson;
    {
        const std::lock_guard lock(mutex);
        const auto found = parsed.constFind(key);
        if (found != parsed.constEnd())
            return *found;
    }
    qint64 allowance = 0;
    const QJsonArray options = QJsonDocument::fromJson(termsJson.toUtf8())
                                   .object()
                                   .value(QStringLiteral("billing_options"))
                                   .toArray();
    for (const QJsonValue& option : options)
        if (option.toObject().value(QStringLiteral("option")).toString() == billingOption)
            allowance = option.toObject().value(QStringLiteral("monthly_credits")).toInteger();
    const std::lock_guard lock(mutex);
    if (parsed.size() > 1000)
        parsed.clear();
    parsed.insert(key, allowance);
    return allowance;
}

qint64 nextAlertSeq(SqlConnection& db, qint64 accountId)
{
    db.execute(QStringLiteral("UPDATE accounts SET alert_seq = alert_seq + 1 WHERE id = ?"), {accountId});
    return asInt(db.row(QStringLiteral("SELECT alert_seq FROM accounts WHERE id = ?"), {accountId})->at(0));
}

const QString& AlertEngine::alertColumns()
{
    static const QString columns =
        QStringLiteral("id, seq, rule_id, kind, level, message, value, threshold, fired_at, acknowledged_at, "
                       "acknowledged_by, account_id, organization_id, member_id, department_id");
    return columns;
}

QJsonObject AlertEngine::alertJson(const Row& row)
{
    return QJsonObject{
        {QStringLiteral("id"), asInt(row[0])},
        {QStringLiteral("seq"), asInt(row[1])},
        {QStringLiteral("rule_id"), asInt(row[2])},
        {QStringLiteral("kind"), row[3].toString()},
        {QStringLiteral("level"), row[4].toString()},
        {QStringLiteral("message"), row[5].toString()},
        {QStringLiteral("value"), asInt(row[6])},
        {QStringLiteral("threshold"), asInt(row[7])},
        {QStringLiteral("fired_at"), formatTimestamp(asInt(row[8]))},
        {QStringLiteral("acknowledged_at"),
         row[9].isNull() ? QJsonValue() : QJsonValue(formatTimestamp(asInt(row[9])))},
        {QStringLiteral("acknowledged_by"), orNull(row[10])},
    };
}

void AlertEngine::fire(const Firing& firing)
{
    const qint64 seq = nextAlertSeq(m_db, firing.accountId);
    const auto owner = m_db.row(QStringLiteral("SELECT owner_kind, owner_id FROM accounts WHERE id = ?"),
                                {firing.accountId});
    const std::optional<qint64> organizationId = owner->at(0).toString() == QLatin1String("organization")
                                                     ? std::optional(asInt(owner->at(1)))
                                                     : std::nullopt;
    const qint64 id = m_db.insert(
        QStringLiteral("INSERT INTO alerts (account_id, organization_id, seq, rule_id, kind, level, message, "
                       "value, threshold, member_id, department_id, fired_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {firing.accountId, nullableInt(organizationId), seq, firing.ruleId, firing.kind, firing.level,
         firing.message, firing.value, firing.threshold, nullableInt(firing.memberId),
         nullableInt(firing.departmentId), m_now});
    const auto row = m_db.row(
        QStringLiteral("SELECT ") + alertColumns() + QStringLiteral(" FROM alerts WHERE id = ?"), {id});
    QJsonObject data = alertJson(*row);
    data.insert(QStringLiteral("account_id"), firing.accountId);
    data.insert(QStringLiteral("member_id"), firing.memberId ? QJsonValue(*firing.memberId) : QJsonValue());
    data.insert(QStringLiteral("department_id"),
                firing.departmentId ? QJsonValue(*firing.departmentId) : QJsonValue());
    Outbox(m_db).enqueue(OutboxEvent{QStringLiteral("alert.fired"), firing.accountId, organizationId, data},
                         m_now);
}

void AlertEngine::notify(qint64 accountId, const QString& kind, const QString& level, const QString& message,
                         qint64 value, qint64 threshold)
{
    fire(Firing{accountId, 0, kind, level, message, value, threshold, std::nullopt, std::nullopt});
}

AlertTriggers AlertEngine::evaluateAccount(const AccountAlertState& state)
{
    AlertTriggers triggers;
    qint64 allowance = 0;
    if (const auto subscription =
            m_db.row(QStringLiteral("SELECT terms, billing_option FROM subscriptions WHERE account_id = ?"),
                     {state.accountId}))
        allowance = allowanceOfTerms(subscription->at(0).toString(), subscription->at(1).toString());
    const auto rules = m_db.rows(
        QStringLiteral("SELECT id, kind, threshold, level, armed, fired_period FROM alert_rules WHERE "
                       "account_id = ? AND enabled = 1 AND (kind = 'allowance_used' OR kind = 'low_balance') "
                       "ORDER BY threshold, id"),
        {state.accountId});
    for (const Row& rule : rules) {
        const qint64 ruleId = asInt(rule[0]);
        const QString kind = rule[1].toString();
        const qint64 threshold = asInt(rule[2]);
        const QString level = rule[3].toString();
        if (kind == QLatin1String("allowance_used")) {
            if (allowance <= 0)
                continue;
            const auto firedPeriod = optionalInt(rule[5]);
            if (firedPeriod && *firedPeriod == state.periodStart)
                continue; // fired this period; armed again when the next one starts
            const qint64 point = percentPoint(allowance, threshold);
            if (state.periodSpent >= point) {
                m_db.execute(QStringLiteral("UPDATE alert_rules SET fired_period = ? WHERE id = ?"),
                             {state.periodStart, ruleId});
                fire(Firing{state.accountId, ruleId, kind, level,
                            QStringLiteral("%1 % of the monthly allowance used (%2 of %3 credits)")
                                .arg(percentOf(state.periodSpent, allowance))
                                .arg(credits(state.periodSpent), credits(allowance)),
                            percentOf(state.periodSpent, allowance), threshold, std::nullopt, std::nullopt});
            } else {
                triggers.spentAt = std::min(triggers.spentAt, point);
            }
        } else {
            bool armed = asInt(rule[4]) != 0;
            if (armed && state.available < threshold) {
                m_db.execute(QStringLiteral("UPDATE alert_rules SET armed = 0 WHERE id = ?"), {ruleId});
                fire(Firing{state.accountId, ruleId, kind, level,
                            QStringLiteral("Available balance of %1 credits is below %2 credits")
                                .arg(credits(state.available), credits(threshold)),
                            state.available, threshold, std::nullopt, std::nullopt});
                armed = false;
            } else if (!armed && state.available >= threshold) {
                m_db.execute(QStringLiteral("UPDATE alert_rules SET armed = 1 WHERE id = ?"), {ruleId});
                armed = true;
            }
            if (armed)
                triggers.lowBelow = std::max(triggers.lowBelow, threshold);
        }
    }
    // Auto-recharge (invoices/AutoRecharge.h) is one more low-balance trigger: below its threshold the
    // charge requests one purchase (the conditional update: once, whoever charges concurrently); while it
    // is pending its threshold is no trigger, so further charges compare as before.
    if (const auto recharge =
            m_db.row(QStringLiteral("SELECT threshold_credits FROM auto_recharge WHERE "
                                    "account_id = ? AND enabled = 1 AND pending_since IS NULL"),
                     {state.accountId})) {
        const qint64 threshold = asInt(recharge->at(0));
        if (state.available < threshold)
            m_db.execute(QStringLiteral("UPDATE auto_recharge SET pending_since = ? WHERE account_id = ? AND "
                                        "pending_since IS NULL"),
                         {m_now, state.accountId});
        else
            triggers.lowBelow = std::max(triggers.lowBelow, threshold);
    }
    m_db.execute(
        QStringLiteral("UPDATE accounts SET period_spent = ?, period_start = ?, alert_spent_at = ?, "
                       "alert_low_below = ? WHERE id = ?"),
        {state.periodSpent, state.periodStart, triggers.spentAt, triggers.lowBelow, state.accountId});
    return triggers;
}

qint64 AlertEngine::budgetAlertPoint(qint64 credits, std::optional<qint64> lowestArmedPercent)
{
    if (!lowestArmedPercent)
        return kNoAlertTrigger;
    return std::max<qint64>(1, percentPoint(credits, *lowestArmedPercent));
}

qint64 AlertEngine::evaluateBudget(const BudgetAlertLine& line)
{
    const bool member = line.scope == QLatin1String("member");
    const QString kind = member ? QStringLiteral("member_limit") : QStringLiteral("department_budget");
    const auto rules = m_db.rows(
        QStringLiteral(
            "SELECT r.id, r.threshold, r.level FROM alert_rules r WHERE r.account_id = ? AND "
            "r.kind = ? AND r.enabled = 1 AND NOT EXISTS (SELECT 1 FROM alert_budget_fired f WHERE "
            "f.rule_id = r.id AND f.budget_id = ? AND f.period_start = ?) ORDER BY r.threshold, r.id"),
        {line.accountId, kind, line.budgetId, line.periodStart});
    std::optional<qint64> nextPercent;
    for (const Row& rule : rules) {
        const qint64 ruleId = asInt(rule[0]);
        const qint64 threshold = asInt(rule[1]);
        if (line.spent < budgetAlertPoint(line.credits, threshold)) {
            if (!nextPercent)
                nextPercent = threshold;
            continue;
        }
        m_db.execute(QStringLiteral("INSERT INTO alert_budget_fired (rule_id, budget_id, period_start) "
                                    "VALUES (?, ?, ?) ON CONFLICT (rule_id, budget_id) DO UPDATE SET "
                                    "period_start = excluded.period_start"),
                     {ruleId, line.budgetId, line.periodStart});
        const qint64 percent = percentOf(line.spent, line.credits);
        // Named as people know them (firing is rare: one read for the name is cheap here).
        const auto name =
            m_db.row(member ? QStringLiteral("SELECT CASE WHEN name = '' THEN email ELSE name END "
                                             "FROM users WHERE id = ?")
                            : QStringLiteral("SELECT name FROM departments WHERE id = ?"),
                     {line.scopeId});
        const QString who = name ? name->at(0).toString() : QString::number(line.scopeId);
        fire(Firing{line.accountId, ruleId, kind, rule[2].toString(),
                    // One arg() for all: a name holding "%2" must not be filled in itself.
                    (member ? QStringLiteral("%1 has used %2 % of their limit (%3 of %4 credits)")
                            : QStringLiteral("Department %1 has used %2 % of its budget (%3 of %4 credits)"))
                        .arg(who, QString::number(percent), credits(line.spent), credits(line.credits)),
                    percent, threshold, member ? std::optional(line.scopeId) : std::nullopt,
                    member ? std::nullopt : std::optional(line.scopeId)});
    }
    return budgetAlertPoint(line.credits, nextPercent);
}

void AlertEngine::grantsArrived(const std::vector<qint64>& accountIds)
{
    if (accountIds.empty())
        return;
    if (m_db.isPostgres()) {
        std::vector<std::optional<qint64>> ids(accountIds.begin(), accountIds.end());
        const QVariant array = pgBigintArray(ids);
        m_db.execute(
            QStringLiteral("UPDATE alert_rules r SET armed = 1 FROM accounts a WHERE a.id = r.account_id "
                           "AND r.account_id = ANY(?::bigint[]) AND r.kind = 'low_balance' AND "
                           "r.armed = 0 AND r.threshold <= a.balance - (SELECT COALESCE(SUM(h.amount), 0) "
                           "FROM reservations h WHERE h.account_id = a.id AND h.status = 'held')"),
            {array});
        m_db.execute(QStringLiteral("UPDATE accounts SET alert_spent_at = 0 WHERE id = ANY(?::bigint[])"),
                     {array});
        return;
    }
    for (const qint64 accountId : accountIds) {
        m_db.execute(
            QStringLiteral("UPDATE alert_rules SET armed = 1 WHERE account_id = ? AND kind = 'low_balance' "
                           "AND armed = 0 AND threshold <= (SELECT a.balance - (SELECT "
                           "COALESCE(SUM(h.amount), 0) FROM reservations h WHERE h.account_id = a.id AND "
                           "h.status = 'held') FROM accounts a WHERE a.id = ?)"),
            {accountId, accountId});
        m_db.execute(QStringLiteral("UPDATE accounts SET alert_spent_at = 0 WHERE id = ?"), {accountId});
    }
}

void AlertEngine::allowanceChanged(qint64 accountId)
{
    m_db.execute(QStringLiteral("UPDATE accounts SET alert_spent_at = 0 WHERE id = ?"), {accountId});
}

void AlertEngine::budgetChanged(qint64 budgetId)
{
    // Rules fired for the budget whose threshold it no longer reaches (a raise) are armed again.
    m_db.execute(
        QStringLiteral("DELETE FROM alert_budget_fired WHERE budget_id = ? AND rule_id IN (SELECT r.id "
                       "FROM alert_rules r JOIN budgets b ON b.account_id = r.account_id WHERE b.id = ? "
                       "AND b.used * 100 < r.threshold * b.credits)"),
        {budgetId, budgetId});
}

void AlertEngine::budgetRemoved(qint64 budgetId)
{
    m_db.execute(QStringLiteral("DELETE FROM alert_budget_fired WHERE budget_id = ?"), {budgetId});
}

int AlertEngine::evaluateExpiring()
{
    // Each enabled rule with what expires within its days: armed rules with something expiring fire,
    // disarmed ones with nothing expiring are armed again. The conditional update decides who fires
    // when two server processes run this at once.
    const auto rules = m_db.rows(
        QStringLiteral(
            "SELECT r.id, r.account_id, r.threshold, r.level, r.armed, (SELECT COALESCE(SUM(g.remaining), 0) "
            "FROM grants g WHERE g.account_id = r.account_id AND g.remaining > 0 AND g.expires_at > ? "
            "AND g.expires_at <= ? + r.threshold * 86400000) FROM alert_rules r WHERE r.kind = "
            "'credits_expiring' AND r.enabled = 1 ORDER BY r.id"),
        {m_now, m_now});
    int fired = 0;
    for (const Row& rule : rules) {
        const qint64 ruleId = asInt(rule[0]);
        const qint64 expiring = asInt(rule[5]);
        const bool armed = asInt(rule[4]) != 0;
        if (armed && expiring > 0) {
            if (m_db.executeCounted(
                    QStringLiteral("UPDATE alert_rules SET armed = 0 WHERE id = ? AND armed = 1"),
                    {ruleId}) == 0)
                continue;
            fire(Firing{
                asInt(rule[1]), ruleId, QStringLiteral("credits_expiring"), rule[3].toString(),
                QStringLiteral("%1 credits expire within %2 days").arg(credits(expiring)).arg(asInt(rule[2])),
                expiring, asInt(rule[2]), std::nullopt, std::nullopt});
            ++fired;
        } else if (!armed && expiring == 0) {
            m_db.execute(QStringLiteral("UPDATE alert_rules SET armed = 1 WHERE id = ?"), {ruleId});
        }
    }
    return fired;
}

} // namespace creditdesk::server
