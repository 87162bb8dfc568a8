#pragma once

#include <QDate>
#include <QList>
#include <QMetaType>

#include <optional>

namespace creditdesk {

// One day of an account's movements, summed: what was spent (deductions less refunds) and what came in
// (allocations). The cache keeps these as a rollup so the dashboard never scans the whole history.
struct DailyUsage
{
    QDate day;
    qint64 used = 0;
    qint64 added = 0;
};

enum class UsageLevel
{
    Normal,
    Warning,
    Critical
};

// This period's usage against its allowance, and how long the credits last at the current rate.
// Period: the calendar month (UTC). Allowance: the balance the period started with plus everything
// allocated during it, i.e. every credit the period had to spend. Thresholds from seed 002 BILL-004:
// 80% warning, 95% critical.
struct UsageSummary
{
    QDate periodStart;
    QDate periodEnd; // last day of the period
    qint64 used = 0;
    qint64 allowance = 0;
    int basisPoints = 0; // used / allowance in 1/100 of a percent
    UsageLevel level = UsageLevel::Normal;
    qint64 burnPerDay = 0; // average over the last kBurnWindowDays days
    std::optional<QDate> runOutDate;

    static constexpr int kWarningPercent = 80;
    static constexpr int kCriticalPercent = 95;
    static constexpr int kBurnWindowDays = 7;
};

UsageLevel usageLevel(qint64 used, qint64 allowance);
UsageSummary summarizeUsage(const QList<DailyUsage>& days, qint64 balanceAtPeriodStart, qint64 available,
                            QDate today);

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::UsageSummary)
