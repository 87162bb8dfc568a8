#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// Alert kinds (also the notification-preference kinds): the threshold is a percent for allowance_used,
// department_budget and member_limit, credits for low_balance and days for credits_expiring.
bool isAlertKind(const QString& kind);

// One alert rule of a billing account (docs/admin-guide.md, "Alerts").
struct AlertRule
{
    qint64 id = 0;
    qint64 accountId = 0;
    QString kind;
    qint64 threshold = 0;
    QString level; // "warning" | "critical"
    bool enabled = true;
    bool builtin = false;
    QJsonObject toJson() const;
};

// The rules of billing accounts: the built-in ones every account has (allowance used 80 % warning and
// 95 % critical, department budget and member limit 80 % warning and 100 % critical) and custom ones.
// Every change makes the account's charge triggers unknown, so the next charge evaluates its rules.
class AlertRules
{
public:
    AlertRules(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    void createBuiltins(qint64 accountId);
    // Built-in rules for every account that has no rules yet (accounts from before alerts existed).
    void backfillBuiltins();

    std::vector<AlertRule> list(qint64 accountId);
    std::optional<AlertRule> find(qint64 ruleId);
    // 422 validation_error naming the field for a threshold out of its kind's range.
    AlertRule create(qint64 accountId, const QString& kind, qint64 threshold, const QString& level);
    AlertRule update(qint64 ruleId, std::optional<qint64> threshold, std::optional<bool> enabled);
    // 409 rule_builtin for a built-in rule.
    AlertRule remove(qint64 ruleId);

    // The valid thresholds of a kind (422 naming "threshold" outside them).
    static void checkThreshold(const QString& kind, qint64 threshold);

private:
    AlertRule require(qint64 ruleId);
    void invalidateTriggers(qint64 accountId);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
