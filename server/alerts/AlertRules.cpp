#include "alerts/AlertRules.h"

#include "core/ApiError.h"

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxCredits = 1'000'000'000'000LL;

const QString kColumns = QStringLiteral("id, account_id, kind, threshold, level, enabled, builtin");

AlertRule ruleFromRow(const Row& row)
{
    AlertRule rule;
    rule.id = asInt(row[0]);
    rule.accountId = asInt(row[1]);
    rule.kind = row[2].toString();
    rule.threshold = asInt(row[3]);
    rule.level = row[4].toString();
    rule.enabled = asInt(row[5]) != 0;
    rule.builtin = asInt(row[6]) != 0;
    return rule;
}

} // namespace

bool isAlertKind(const QString& kind)
{
    return kind == QLatin1String("allowance_used") || kind == QLatin1String("low_balance") ||
           kind == QLatin1String("credits_expiring") || kind == QLatin1String("department_budget") ||
           kind == QLatin1String("member_limit");
}

QJsonObject AlertRule::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("threshold"), threshold},
                       {QStringLiteral("level"), level},
                       {QStringLiteral("enabled"), enabled},
                       {QStringLiteral("builtin"), builtin}};
}

void AlertRules::checkThreshold(const QString& kind, qint64 threshold)
{
    qint64 max = 1000; // percent: allowance use may go beyond 100 % with overage
    QString unit = QStringLiteral("a percent from 1 to 1000");
    if (kind == QLatin1String("department_budget") || kind == QLatin1String("member_limit")) {
        max = 100;
        unit = QStringLiteral("a percent from 1 to 100");
    } else if (kind == QLatin1String("low_balance")) {
        max = kMaxCredits;
        unit = QStringLiteral("a number of credits of at least 1");
    } else if (kind == QLatin1String("credits_expiring")) {
        max = 365;
        unit = QStringLiteral("a number of days from 1 to 365");
    }
    if (threshold < 1 || threshold > max)
        throw ApiError::validation(QStringLiteral("threshold"),
                                   QStringLiteral("'threshold' must be %1 for %2 rules").arg(unit, kind));
}

namespace {

// The built-in rules as rows of a VALUES list (columns column1..column3 on SQLite and PostgreSQL alike).
const char* const kBuiltins =
    "(VALUES ('allowance_used', 80, 'warning'), ('allowance_used', 95, 'critical'), "
    "('department_budget', 80, 'warning'), ('department_budget', 100, 'critical'), "
    "('member_limit', 80, 'warning'), ('member_limit', 100, 'critical')) AS b";

} // namespace

void AlertRules::createBuiltins(qint64 accountId)
{
    m_db.execute(
        QStringLiteral("INSERT INTO alert_rules (account_id, kind, threshold, level, enabled, builtin, "
                       "armed, created_at, updated_at) SELECT ?, b.column1, b.column2, b.column3, 1, 1, "
                       "1, ?, ? FROM ") +
            QLatin1String(kBuiltins) + QStringLiteral(" ORDER BY b.column1, b.column2"),
        {accountId, m_now, m_now});
}

void AlertRules::backfillBuiltins()
{
    // One statement for every account from before alerts existed (a large database starts in seconds).
    m_db.execute(
        QStringLiteral("INSERT INTO alert_rules (account_id, kind, threshold, level, enabled, builtin, "
                       "armed, created_at, updated_at) SELECT a.id, b.column1, b.column2, b.column3, 1, "
                       "1, 1, ?, ? FROM accounts a CROSS JOIN ") +
            QLatin1String(kBuiltins) +
            QStringLiteral(" WHERE NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.account_id = a.id) "
                           "ORDER BY a.id, b.column1, b.column2"),
        {m_now, m_now});
}

std::vector<AlertRule> AlertRules::list(qint64 accountId)
{
    std::vector<AlertRule> rules;
    for (const Row& row : m_db.rows(QStringLiteral("SELECT ") + kColumns +
                                        QStringLiteral(" FROM alert_rules WHERE account_id = ? ORDER BY id"),
                                    {accountId}))
        rules.push_back(ruleFromRow(row));
    return rules;
}

std::optional<AlertRule> AlertRules::find(qint64 ruleId)
{
    const auto row = m_db.row(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM alert_rules WHERE id = ?"), {ruleId});
    return row ? std::optional(ruleFromRow(*row)) : std::nullopt;
}

AlertRule AlertRules::require(qint64 ruleId)
{
    if (auto rule = find(ruleId))
        return *rule;
    throw ApiError::notFound(QStringLiteral("Alert rule"));
}

AlertRule AlertRules::create(qint64 accountId, const QString& kind, qint64 threshold, const QString& level)
{
    checkThreshold(kind, threshold);
    const qint64 id = m_db.insert(
        QStringLiteral(
            "INSERT INTO alert_rules (account_id, kind, threshold, level, enabled, builtin, armed, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, 1, 0, 1, ?, ?)"),
        {accountId, kind, threshold, level, m_now, m_now});
    invalidateTriggers(accountId);
    return require(id);
}

AlertRule AlertRules::update(qint64 ruleId, std::optional<qint64> threshold, std::optional<bool> enabled)
{
    AlertRule rule = require(ruleId);
    if (threshold && *threshold != rule.threshold) {
        checkThreshold(rule.kind, *threshold);
        // A new threshold is a new condition: the rule is armed again and fires when it holds.
        m_db.execute(QStringLiteral("UPDATE alert_rules SET threshold = ?, armed = 1, fired_period = NULL, "
                                    "updated_at = ? WHERE id = ?"),
                     {*threshold, m_now, ruleId});
        m_db.execute(QStringLiteral("DELETE FROM alert_budget_fired WHERE rule_id = ?"), {ruleId});
    }
    if (enabled)
        m_db.execute(QStringLiteral("UPDATE alert_rules SET enabled = ?, updated_at = ? WHERE id = ?"),
                     {*enabled ? 1 : 0, m_now, ruleId});
    invalidateTriggers(rule.accountId);
    return require(ruleId);
}

AlertRule AlertRules::remove(qint64 ruleId)
{
    const AlertRule rule = require(ruleId);
    if (rule.builtin)
        throw ApiError::conflict(QStringLiteral("rule_builtin"),
                                 QStringLiteral("Built-in alert rules can be disabled but not deleted"));
    m_db.execute(QStringLiteral("DELETE FROM alert_budget_fired WHERE rule_id = ?"), {ruleId});
    m_db.execute(QStringLiteral("DELETE FROM alert_rules WHERE id = ?"), {ruleId});
    invalidateTriggers(rule.accountId);
    return rule;
}

void AlertRules::invalidateTriggers(qint64 accountId)
{
    // 0: unknown; the next charge of the account evaluates its rules and stores the new triggers.
    m_db.execute(QStringLiteral("UPDATE accounts SET alert_spent_at = 0, alert_low_below = 0 WHERE id = ?"),
                 {accountId});
}

} // namespace creditdesk::server
