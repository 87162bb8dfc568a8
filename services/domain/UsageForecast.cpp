#include "domain/UsageForecast.h"

namespace creditdesk {

UsageLevel usageLevel(qint64 used, qint64 allowance)
{
    if (allowance <= 0)
        return used > 0 ? UsageLevel::Critical : UsageLevel::Normal;
    // 128-bit products: credits go up to 10^18, times 100 does not fit in 64 bits.
    const __int128 scaledUsed = static_cast<__int128>(used) * 100;
    if (scaledUsed >= static_cast<__int128>(allowance) * UsageSummary::kCriticalPercent)
        return UsageLevel::Critical;
    if (scaledUsed >= static_cast<__int128>(allowance) * UsageSummary::kWarningPercent)
        return UsageLevel::Warning;
    return UsageLevel::Normal;
}

UsageSummary summarizeUsage(const QList<DailyUsage>& days, qint64 balanceAtPeriodStart, qint64 available,
                            QDate today)
{
    UsageSummary summary;
    summary.periodStart = QDate(today.year(), today.month(), 1);
    summary.periodEnd = summary.periodStart.addMonths(1).addDays(-1);
    const QDate burnStart = today.addDays(1 - UsageSummary::kBurnWindowDays);
    qint64 added = 0;
    qint64 burnUsed = 0;
    for (const DailyUsage& day : days) {
        if (day.day >= summary.periodStart && day.day <= today) {
            summary.used += day.used;
            added += day.added;
        }
        if (day.day >= burnStart && day.day <= today)
            burnUsed += day.used;
    }
    summary.allowance = balanceAtPeriodStart + added;
    if (summary.allowance > 0) {
        summary.basisPoints = static_cast<int>(
            std::min<__int128>(static_cast<__int128>(summary.used) * 10000 / summary.allowance, 1000000));
    }
    summary.level = usageLevel(summary.used, summary.allowance);
    summary.burnPerDay = burnUsed > 0 ? burnUsed / UsageSummary::kBurnWindowDays : 0;
    if (summary.burnPerDay > 0)
        summary.runOutDate = today.addDays(std::max<qint64>(0, available) / summary.burnPerDay);
    return summary;
}

} // namespace creditdesk
