#include "alerts/Quota.h"

#include "alerts/AlertEngine.h"
#include "core/ApiError.h"
#include "core/Json.h"
#include "core/JsonWriter.h"

#include <QHash>
#include <QJsonDocument>

#include <algorithm>
#include <mutex>

namespace creditdesk::server {

qint64 Quota::allowanceOf(qint64 accountId, qint64 subscriptionUpdatedAt, const QString& billingOption)
{
    // The plan's terms change only with the subscription row (updated_at): read and parsed once per
    // change rather than on every call.
    struct Known
    {
        qint64 updatedAt = 0;
        QString option;
        qint64 allowance = 0;
    };
    static std::mutex mutex;
    static QHash<qint64, Known> known;
    {
        const std::lock_guard lock(mutex);
        const auto found = known.constFind(accountId);
        if (found != known.constEnd() && found->updatedAt == subscriptionUpdatedAt &&
            found->option == billingOption)
            return found->allowance;
    }
    const auto terms =
        m_db.row(QStringLiteral("SELECT terms FROM subscriptions WHERE account_id = ?"), {accountId});
    const qint64 allowance = terms ? allowanceOfTerms(terms->at(0).toString(), billingOption) : 0;
    const std::lock_guard lock(mutex);
    if (known.size() > 100000)
        known.clear();
    known.insert(accountId, Known{subscriptionUpdatedAt, billingOption, allowance});
    return allowance;
}

void QuotaStatus::writeJson(JsonWriter& out) const
{
    out.beginObject()
        .field("available", available)
        .field("level", level)
        .field("allowance_used_percent", allowanceUsedPercent);
    out.key("budget");
    if (budget)
        out.raw(QJsonDocument(*budget).toJson(QJsonDocument::Compact));
    else
        out.null();
    out.key("resets_at");
    if (resetsAt)
        out.value(formatTimestamp(*resetsAt));
    else
        out.null();
    out.endObject();
}

QuotaStatus Quota::status(qint64 accountId, std::optional<qint64> organizationId,
                          std::optional<qint64> memberId)
{
    const auto row = m_db.row(
        QStringLiteral(
            "SELECT a.balance, a.period_spent, a.period_start, (SELECT COALESCE(SUM(r.amount), 0) FROM "
            "reservations r WHERE r.account_id = a.id AND r.status = 'held' AND r.expires_at > ?), "
            "s.current_period_start, s.current_period_end, s.updated_at, s.billing_option, "
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
        row->at(6).isNull() ? 0 : allowanceOf(accountId, asInt(row->at(6)), row->at(7).toString());
    const qint64 usedPercent = allowance > 0 ? spent * 100 / allowance : 0;

    qint64 available = pool;
    std::optional<QJsonObject> budget;
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
    return QuotaStatus{available, level, usedPercent, budget,
                       row->at(5).isNull() ? std::nullopt : std::optional(asInt(row->at(5)))};
}

} // namespace creditdesk::server
