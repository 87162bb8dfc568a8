#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace creditdesk {

// What the Usage pane and the dashboard read from the server's usage reports (GET /api/v1/metering/…):
// whole numbers only, as the server sends them.

// Which of the figures a chart or share shows.
enum class UsageMetric
{
    Credits,
    Tokens,
    Requests
};

// One row of a usage report grouped by model, member or department (by-model, by-member, by-department).
struct UsageRow
{
    QString label; // the model (or the kind for usage without one), the member's name, the department
    std::optional<qint64> id; // member or department id; none for models and for "no department"
    QString email;            // members only
    qint64 requests = 0;      // events
    qint64 tokensInput = 0;
    qint64 tokensOutput = 0;
    qint64 credits = 0; // credits spent: charged from the balance plus overage

    qint64 tokens() const { return tokensInput + tokensOutput; }
    qint64 figure(UsageMetric metric) const;
};

// One day of one model's usage (by-date?group_by=model&top=N; the smaller models come as "other").
struct DayModelUsage
{
    QDate day;
    QString label;
    qint64 requests = 0;
    qint64 tokens = 0;
    qint64 credits = 0;

    qint64 figure(UsageMetric metric) const;
};

struct ExpiringCredits
{
    qint64 grantId = 0;
    QDateTime expiresAt;
    qint64 credits = 0; // what will expire unused at the current rate
};

struct ModelTrend
{
    QString model;
    qint64 credits30d = 0;
    qint64 trendPercent = 0;
};

// GET /api/v1/metering/forecast: for the account, or for one member (their own usage against their own
// limit; the pool is `available`).
struct UsageForecastReport
{
    std::optional<qint64> memberId;
    qint64 burnRate7d = 0; // credits per day
    qint64 burnRate30d = 0;
    qint64 periodUsage = 0;
    qint64 projectedPeriodUsage = 0;
    qint64 allowance = 0;
    qint64 available = 0;                 // the pool
    std::optional<qint64> limitRemaining; // the member's or department's limit or budget, what is left
    std::optional<QDateTime> runOutAt;    // none: not at this rate
    std::optional<QDateTime> periodStart;
    std::optional<QDateTime> periodEnd;
    QList<ExpiringCredits> expiringUnused;
    QList<ModelTrend> byModel;
};

struct UsageRecommendation
{
    QString kind;
    QString title;
    qint64 savingCreditsPerMonth = 0;
    QString basis;
};

// The rows of each label summed over the days, in the order of `labels`; for the share chart of what the
// stacked chart shows.
QList<qint64> totalsByLabel(const QList<DayModelUsage>& days, const QStringList& labels, UsageMetric metric);
// The labels of per-day rows by total credits, largest first, "other" last.
QStringList labelsByCredits(const QList<DayModelUsage>& days);

} // namespace creditdesk
