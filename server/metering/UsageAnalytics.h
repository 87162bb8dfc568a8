#pragma once

#include "metering/Forecast.h"
#include "metering/Recommendations.h"
#include "metering/UsageScope.h"
#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

struct ModelTrend
{
    QString kind;
    QString model; // the model id; usage without a model is listed under its kind
    qint64 credits30d = 0;
    qint64 trendPercent = 0;
};

// GET /api/v1/metering/forecast (docs/user-guide.md "Usage and forecasts").
struct UsageForecast
{
    qint64 burnRate7d = 0;
    qint64 burnRate30d = 0;
    qint64 periodUsage = 0;
    qint64 projectedPeriodUsage = 0;
    qint64 allowance = 0;
    qint64 available = 0;
    std::optional<qint64> limitRemaining; // a member's or department's hard limit or budget, what is left
    std::optional<qint64> runOutAt;
    std::optional<qint64> periodStart;
    std::optional<qint64> periodEnd;
    std::optional<qint64> renewsAt;
    std::vector<forecast::ExpiringCredits> expiringUnused;
    std::vector<ModelTrend> byModel;
    QJsonObject toJson() const;
};

// Usage analytics of one billing account for a scope (whole account, a department or a member): the
// forecast and the recommendations. Reads the daily rollups (metering/UsageReports.h), the account's
// grants and holds, its subscription and plan, its budgets and the price book; the arithmetic is in
// metering/Forecast.h and metering/Recommendations.h.
class UsageAnalytics
{
public:
    UsageAnalytics(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    UsageForecast forecast(qint64 accountId, const UsageScope& scope);
    // Largest saving first.
    std::vector<recommend::Recommendation> recommendations(qint64 accountId, const UsageScope& scope);

private:
    struct Usage
    {
        qint64 credits = 0; // whole credits charged plus overage
        qint64 creditsMicro = 0;
        qint64 costMicroUsd = 0;
        qint64 markupMicroUsd = 0;
    };
    Usage usageOnDays(qint64 accountId, const UsageScope& scope, qint64 fromDay, qint64 toDay);
    std::vector<forecast::Grant> openGrants(qint64 accountId);
    qint64 heldCredits(qint64 accountId);
    qint64 today() const { return m_now / forecast::kDayMs; }

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
