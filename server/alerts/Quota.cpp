#include "alerts/Quota.h"

#include "alerts/AlertEngine.h"
#include "core/ApiError.h"
#include "core/Json.h"

#include <algorithm>

namespace creditdesk::server {

QJsonObject Quota::status(qint64 accountId, std::optional<qint64> organizationId,
                          std::optional<qint64> memberId)
{
    const auto row = m_db.row(
        QStringLiteral(
            "SELECT a.balance, a.period_spent, a.period_start, (SELECT COALESCE(SUM(r.amount), 0) FROM "
            "reservations r WHERE r.account_id = a.id AND r.status = 'held' AND r.expires_at > ?), "
            "s.current_period_start, s.current_period_end, s.terms, s.billing_option, "
            "(SELECT MIN(w.threshold) FROM alert_rules w WHERE w.account_id = a.id AND w.kind = "
            "'allowance_used' "
            "AND w.enabled = 1 AND w.level = 'warning'), "
            "(SELECT MIN(c.threshold) FROM alert_rules c WHERE c.account_id = a.id AND c.kind = "
            "'allowance_used' "
            "AND c.enabled = 1 AND c.level = 'critical') "
            "FROM accounts a LEFT JOIN subscriptions s ON s.account_id = a.id WHERE a.id = ?"),
        {m_now, accountId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Billing account"));
    const qint64 pool = std::max<qint64>(0, asInt(row->at(0)) - asInt(row->at(3)));
    const qint64 periodStart = asInt(row->at(4));
    // The counter belongs to an earlier period until the account's first charge of this one.
    const qint64 spent = asInt(row->at(2)) == periodStart ? asInt(row->at(1)) : 0;
    const qint64 allowance =
        row->at(6).isNull() ? 0 : allowanceOfTerms(row->at(6).toString(), row->at(7).toString());
    const qint64 usedPercent = allowance > 0 ? spent * 100 / allowance : 0;

    qint64 available = pool;
    QJsonValue budget;
    if (memberId) {
        const auto membership = m_db.row(
            QStringLiteral("SELECT department_id FROM memberships WHERE organization_id = ? AND user_id = ?"),
            {organizationId.value_or(0), *memberId});
        if (!membership)
            throw ApiError::notFound(QStringLiteral("Member"));
        const auto departmentId = optionalInt(membership->at(0));
        // Hard lines bound what may be spent (soft ones are only watched); the tightest one is reported.
        const auto lines = m_db.rows(
            QStringLiteral(
                "SELECT scope, scope_id, credits, period, enforcement, used, used_period_start FROM budgets "
                "WHERE account_id = ? AND ((scope = 'member' AND scope_id = ?) OR "
                "(scope = 'department' AND scope_id = ?)) ORDER BY scope DESC"),
            {accountId, *memberId, departmentId.value_or(0)});
        std::optional<qint64> tightest;
        for (const Row& line : lines) {
            const bool month = line[3].toString() == QLatin1String("month");
            const qint64 used = asInt(line[6]) == (month ? periodStart : 0) ? asInt(line[5]) : 0;
            const qint64 credits = asInt(line[2]);
            const qint64 remaining = std::max<qint64>(0, credits - used);
            const bool hard = line[4].toString() == QLatin1String("hard");
            if (hard)
                available = std::min(available, remaining);
            if (!tightest || (hard && remaining < *tightest)) {
                tightest = hard ? remaining : kNoAlertTrigger;
                budget = QJsonObject{{QStringLiteral("scope"), line[0].toString()},
                                     {QStringLiteral("id"), asInt(line[1])},
                                     {QStringLiteral("credits"), credits},
                                     {QStringLiteral("used"), used},
                                     {QStringLiteral("remaining"), remaining},
                                     {QStringLiteral("period"), line[3].toString()},
                                     {QStringLiteral("enforcement"), line[4].toString()}};
            }
        }
    }

    QString level = QStringLiteral("ok");
    if (available == 0)
        level = QStringLiteral("exhausted");
    else if (allowance > 0 && !row->at(9).isNull() && spent * 100 >= asInt(row->at(9)) * allowance)
        level = QStringLiteral("critical");
    else if (allowance > 0 && !row->at(8).isNull() && spent * 100 >= asInt(row->at(8)) * allowance)
        level = QStringLiteral("warning");
    return QJsonObject{{QStringLiteral("available"), available},
                       {QStringLiteral("level"), level},
                       {QStringLiteral("allowance_used_percent"), usedPercent},
                       {QStringLiteral("budget"), budget},
                       {QStringLiteral("resets_at"),
                        row->at(5).isNull() ? QJsonValue() : QJsonValue(formatTimestamp(asInt(row->at(5))))}};
}

} // namespace creditdesk::server
