#include "metering/UsageAnalytics.h"

#include "billing/Plan.h"
#include "billing/Subscriptions.h"
#include "core/Json.h"
#include "ledger/BudgetGuard.h"
#include "metering/PriceBookStore.h"
#include "metering/UsageReports.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <map>

namespace creditdesk::server {

namespace {

constexpr qint64 kRecentDays = 7;
constexpr qint64 kWindowDays = 30;
constexpr qint64 kHalfWindowDays = kWindowDays / 2;

QJsonValue timeOrNull(const std::optional<qint64>& at)
{
    return at ? QJsonValue(formatTimestamp(*at)) : QJsonValue();
}

ReportQuery reportQuery(qint64 accountId, const UsageScope& scope, qint64 fromDay, qint64 toDay)
{
    ReportQuery query;
    query.scopeAccountId = accountId;
    query.fromDay = fromDay;
    query.toDay = toDay;
    query.memberId = scope.memberId;
    query.departmentId = scope.memberId ? std::nullopt : scope.departmentId;
    return query;
}

qint64 usedCredits(const UsageTotals& totals)
{
    return totals.chargedCredits + totals.overageCredits;
}

// What is left of the hard member limit and department budget covering the scope (the smaller), and the
// credits of the smallest monthly one, if any covers it.
struct ScopeLimit
{
    std::optional<qint64> remaining;
    std::optional<qint64> monthlyCredits;
};

ScopeLimit scopeLimit(SqlConnection& db, qint64 accountId, const UsageScope& scope)
{
    ScopeLimit limit;
    if (scope.wholeAccount())
        return limit;
    Attribution who;
    who.memberId = scope.memberId;
    who.departmentId = scope.memberId ? scope.memberDepartmentId : scope.departmentId;
    const BudgetGuard budgets = BudgetGuard::load(db, accountId);
    for (const BudgetLine& line : budgets.lines()) {
        if (!line.covers(who))
            continue;
        if (line.hard) {
            const qint64 left = std::max<qint64>(0, line.credits - line.used());
            limit.remaining = limit.remaining ? std::min(*limit.remaining, left) : left;
        }
        if (line.month)
            limit.monthlyCredits =
                limit.monthlyCredits ? std::min(*limit.monthlyCredits, line.credits) : line.credits;
    }
    return limit;
}

} // namespace

QJsonObject UsageForecast::toJson() const
{
    QJsonArray expiring;
    for (const forecast::ExpiringCredits& entry : expiringUnused)
        expiring.append(QJsonObject{{QStringLiteral("grant_id"), entry.grantId},
                                    {QStringLiteral("expires_at"), formatTimestamp(entry.expiresAt)},
                                    {QStringLiteral("credits"), entry.credits}});
    QJsonArray models;
    for (const ModelTrend& trend : byModel)
        models.append(QJsonObject{{QStringLiteral("model"), trend.model},
                                  {QStringLiteral("kind"), trend.kind},
                                  {QStringLiteral("credits_30d"), trend.credits30d},
                                  {QStringLiteral("trend_percent"), trend.trendPercent}});
    return QJsonObject{
        {QStringLiteral("burn_rate_7d"), burnRate7d},
        {QStringLiteral("burn_rate_30d"), burnRate30d},
        {QStringLiteral("period_usage"), periodUsage},
        {QStringLiteral("projected_period_usage"), projectedPeriodUsage},
        {QStringLiteral("allowance"), allowance},
        {QStringLiteral("available"), available},
        {QStringLiteral("limit_remaining"), limitRemaining ? QJsonValue(*limitRemaining) : QJsonValue()},
        {QStringLiteral("run_out_at"), timeOrNull(runOutAt)},
        {QStringLiteral("period_start"), timeOrNull(periodStart)},
        {QStringLiteral("period_end"), timeOrNull(periodEnd)},
        {QStringLiteral("renews_at"), timeOrNull(renewsAt)},
        {QStringLiteral("expiring_unused"), expiring},
        {QStringLiteral("by_model"), models}};
}

UsageAnalytics::Usage UsageAnalytics::usageOnDays(qint64 accountId, const UsageScope& scope, qint64 fromDay,
                                                  qint64 toDay)
{
    Usage usage;
    if (fromDay > toDay)
        return usage;
    for (const ReportRow& row :
         UsageReports(m_db).rows(reportQuery(accountId, scope, fromDay, toDay), ReportGrouping::Total)) {
        usage.credits += usedCredits(row.totals);
        usage.creditsMicro += row.totals.creditsMicro;
        usage.costMicroUsd += row.totals.costMicroUsd;
        usage.markupMicroUsd += row.totals.markupMicroUsd;
    }
    return usage;
}

std::vector<forecast::Grant> UsageAnalytics::openGrants(qint64 accountId)
{
    std::vector<forecast::Grant> grants;
    // The ledger's draw-down order (docs/ledger.md); grants past their expiry that the expiry job has not
    // booked yet are gone already.
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT id, remaining, effective_at, expires_at FROM grants "
                                  "WHERE account_id = ? AND remaining > 0 AND expires_at > ? "
                                  "ORDER BY priority, expires_at, created_at, id"),
                   {accountId, m_now}))
        grants.push_back(forecast::Grant{asInt(row[0]), asInt(row[1]), asInt(row[2]), asInt(row[3])});
    return grants;
}

qint64 UsageAnalytics::heldCredits(qint64 accountId)
{
    const auto row = m_db.row(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM reservations "
                                             "WHERE account_id = ? AND status = 'held' AND expires_at > ?"),
                              {accountId, m_now});
    return row ? asInt(row->at(0)) : 0;
}

UsageForecast UsageAnalytics::forecast(qint64 accountId, const UsageScope& scope)
{
    UsageForecast result;
    const qint64 day = today();
    // Complete UTC days only: yesterday and the days before it.
    const qint64 recent = usageOnDays(accountId, scope, day - kRecentDays, day - 1).credits;
    const qint64 month = usageOnDays(accountId, scope, day - kWindowDays, day - 1).credits;
    result.burnRate7d = forecast::burnRate(recent, kRecentDays);
    result.burnRate30d = forecast::burnRate(month, kWindowDays);

    // The pool drains at the whole account's rate; a member or department also stops at their limit.
    const UsageScope whole;
    const qint64 poolRate =
        scope.wholeAccount()
            ? result.burnRate7d
            : forecast::burnRate(usageOnDays(accountId, whole, day - kRecentDays, day - 1).credits,
                                 kRecentDays);
    const std::vector<forecast::Grant> grants = openGrants(accountId);
    const qint64 held = heldCredits(accountId);
    qint64 drawable = 0;
    for (const forecast::Grant& grant : grants)
        if (grant.effectiveAt <= m_now)
            drawable += grant.remaining;
    result.available = std::max<qint64>(0, drawable - held);
    const forecast::RunOut pool = forecast::walkGrants(grants, held, poolRate, m_now);
    result.runOutAt = pool.at;
    result.expiringUnused = pool.expiringUnused;

    const ScopeLimit limit = scopeLimit(m_db, accountId, scope);
    if (limit.remaining) {
        result.limitRemaining = limit.remaining;
        result.available = std::min(result.available, *limit.remaining);
        if (const auto capped = forecast::capRunsOutAt(*limit.remaining, result.burnRate7d, m_now))
            result.runOutAt = result.runOutAt ? std::min(*result.runOutAt, *capped) : *capped;
    }

    const Subscription subscription = Subscriptions(m_db, m_now).get(accountId);
    result.allowance =
        limit.monthlyCredits.value_or(subscription.terms.allowance(subscription.billingOption));
    result.periodStart = subscription.periodStart;
    result.periodEnd = subscription.periodEnd;
    if (!subscription.cancelAtPeriodEnd && subscription.status != QLatin1String("canceled"))
        result.renewsAt = subscription.periodEnd;
    // The period's usage in whole UTC days from the day it began, then the 7-day rate to its end.
    result.periodUsage =
        usageOnDays(accountId, scope, subscription.periodStart / forecast::kDayMs, day).credits;
    const qint64 leftMs = std::max<qint64>(0, subscription.periodEnd - m_now);
    result.projectedPeriodUsage =
        result.periodUsage +
        static_cast<qint64>(static_cast<__int128>(result.burnRate7d) * leftMs / forecast::kDayMs);

    // By model: the 30 days, and the later half of them against the earlier.
    struct Halves
    {
        QString kind;
        qint64 earlier = 0;
        qint64 later = 0;
    };
    std::map<QString, Halves> models;
    UsageReports reports(m_db);
    for (const bool later : {false, true}) {
        const qint64 from = later ? day - kHalfWindowDays : day - kWindowDays;
        const qint64 to = later ? day - 1 : day - kHalfWindowDays - 1;
        for (const ReportRow& row :
             reports.rows(reportQuery(accountId, scope, from, to), ReportGrouping::Model)) {
            const QString kind = row.key[0].toString();
            const QString model = row.key[2].toString();
            Halves& halves = models[model.isEmpty() ? kind : model];
            halves.kind = kind;
            (later ? halves.later : halves.earlier) += usedCredits(row.totals);
        }
    }
    for (const auto& [model, halves] : models)
        result.byModel.push_back(ModelTrend{halves.kind, model, halves.earlier + halves.later,
                                            forecast::trendPercent(halves.earlier, halves.later)});
    std::stable_sort(result.byModel.begin(), result.byModel.end(),
                     [](const ModelTrend& a, const ModelTrend& b) { return a.credits30d > b.credits30d; });
    return result;
}

std::vector<recommend::Recommendation> UsageAnalytics::recommendations(qint64 accountId,
                                                                       const UsageScope& scope)
{
    std::vector<recommend::Recommendation> result;
    const qint64 day = today();

    // (a) Cheaper models of the same provider, for the last 30 days' tokens.
    std::map<QString, recommend::ModelPriceNow> prices; // model → the price in force now
    std::map<QString, qint64> effectiveFrom;
    for (const ModelPrice& price : PriceBookStore(m_db).list()) {
        if (price.effectiveFrom > m_now)
            continue;
        const auto seen = effectiveFrom.find(price.model);
        if (seen != effectiveFrom.end() && seen->second >= price.effectiveFrom)
            continue;
        effectiveFrom[price.model] = price.effectiveFrom;
        prices[price.model] = recommend::ModelPriceNow{price.model, price.inputMicroUsdPerMtok,
                                                       price.outputMicroUsdPerMtok, price.free};
    }
    std::vector<recommend::ModelPriceNow> priceList;
    for (const auto& [model, price] : prices)
        priceList.push_back(price);
    std::map<QString, recommend::ModelUsage> models;
    for (const ReportRow& row : UsageReports(m_db).rows(
             reportQuery(accountId, scope, day - kWindowDays, day - 1), ReportGrouping::Model)) {
        const QString model = row.key[2].toString();
        if (model.isEmpty())
            continue;
        recommend::ModelUsage& usage = models[model];
        usage.kind = row.key[0].toString();
        usage.model = model;
        usage.tokensInput += row.totals.tokensInput;
        usage.tokensOutput += row.totals.tokensOutput;
        usage.creditsMicro += row.totals.creditsMicro;
    }
    for (const auto& [model, usage] : models)
        if (auto recommendation = recommend::cheaperModel(usage, priceList))
            result.push_back(std::move(*recommendation));

    // (b) Credits that expire unused within 30 days at the current rate.
    // Grants that end together (a period's allowance, rollover and bonus) are one recommendation.
    const UsageForecast projection = forecast(accountId, scope);
    std::map<qint64, std::vector<forecast::ExpiringCredits>> byExpiry;
    for (const forecast::ExpiringCredits& expiring : projection.expiringUnused)
        if (expiring.expiresAt <= m_now + kWindowDays * forecast::kDayMs)
            byExpiry[expiring.expiresAt].push_back(expiring);
    for (const auto& [expiresAt, grants] : byExpiry)
        result.push_back(recommend::expiringCredits(grants, projection.burnRate7d));

    // (c) A plan that would have cost less for the whole account's last 30 days (plans are the account's).
    if (scope.wholeAccount()) {
        const Usage usage = usageOnDays(accountId, scope, day - kWindowDays, day - 1);
        const Subscription subscription = Subscriptions(m_db, m_now).get(accountId);
        const auto termsOf = [](const Plan& plan, const QString& option) {
            const PlanBillingOption* entry = plan.option(option);
            return recommend::PlanTerms{plan.id,
                                        plan.name,
                                        plan.priceMinor,
                                        entry ? entry->monthlyCredits : 0,
                                        entry ? entry->markupBasisPoints : 0,
                                        plan.freeModelsOnly(),
                                        plan.includedSeats,
                                        plan.seatPriceMinor};
        };
        std::vector<recommend::PlanTerms> catalog;
        for (const Plan& plan : PlanCatalog(m_db).all())
            if (plan.option(QStringLiteral("credits")))
                catalog.push_back(termsOf(plan, QStringLiteral("credits")));
        // Seats as orgs/Seats counts them: the organization's active members.
        qint64 seats = 1;
        if (const auto organizationId = subscription.organizationId())
            seats = asInt(m_db.row(QStringLiteral("SELECT COUNT(*) FROM memberships "
                                                  "WHERE organization_id = ? AND status = 'active'"),
                                   {*organizationId})
                              ->at(0));
        if (auto recommendation = recommend::cheaperPlan(
                recommend::PeriodUsage{usage.creditsMicro, usage.costMicroUsd, usage.markupMicroUsd, seats},
                termsOf(subscription.terms, subscription.billingOption), catalog))
            result.push_back(std::move(*recommendation));
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const recommend::Recommendation& a, const recommend::Recommendation& b) {
                         return a.savingCreditsPerMonth > b.savingCreditsPerMonth;
                     });
    return result;
}

} // namespace creditdesk::server
