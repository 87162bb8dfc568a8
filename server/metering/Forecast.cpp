#include "metering/Forecast.h"

#include <algorithm>
#include <limits>

namespace creditdesk::server::forecast {

namespace {

using Wide = __int128;
constexpr qint64 kEndOfTime = std::numeric_limits<qint64>::max();

qint64 clampToTime(Wide value)
{
    return value >= static_cast<Wide>(kEndOfTime) ? kEndOfTime : static_cast<qint64>(value);
}

// The moment `credits` are used up when spending starts at `from`: from + ceil(credits × day / rate).
qint64 usedUpAt(qint64 from, qint64 credits, qint64 ratePerDay)
{
    const Wide duration = (static_cast<Wide>(credits) * kDayMs + ratePerDay - 1) / ratePerDay;
    return clampToTime(static_cast<Wide>(from) + duration);
}

} // namespace

qint64 burnRate(qint64 credits, qint64 days)
{
    if (days <= 0 || credits <= 0)
        return 0;
    return static_cast<qint64>((static_cast<Wide>(credits) * 2 + days) / (static_cast<Wide>(days) * 2));
}

qint64 trendPercent(qint64 earlier, qint64 recent)
{
    if (earlier <= 0)
        return recent > 0 ? 100 : 0;
    const Wide change = static_cast<Wide>(recent - earlier) * 100;
    const Wide magnitude = ((change < 0 ? -change : change) * 2 + earlier) / (static_cast<Wide>(earlier) * 2);
    return static_cast<qint64>(change < 0 ? -magnitude : magnitude);
}

RunOut walkGrants(std::vector<Grant> grants, qint64 held, qint64 ratePerDay, qint64 nowMs)
{
    RunOut result;
    // Holds are settled from the grants that are drawable now, in order.
    for (Grant& grant : grants) {
        if (held <= 0)
            break;
        if (grant.effectiveAt > nowMs || grant.expiresAt <= nowMs)
            continue;
        const qint64 take = std::min(held, grant.remaining);
        grant.remaining -= take;
        held -= take;
    }
    const auto expire = [&](Grant& grant) {
        if (grant.remaining > 0)
            result.expiringUnused.push_back(ExpiringCredits{grant.id, grant.expiresAt, grant.remaining});
        grant.remaining = 0;
    };
    if (ratePerDay <= 0) { // nothing is spent: whatever can expire, expires unused
        for (Grant& grant : grants)
            if (grant.expiresAt != kEndOfTime)
                expire(grant);
    } else {
        qint64 t = nowMs;
        // Each pass uses up a grant, lets one expire or reaches the moment a grant becomes effective, so
        // the walk ends after at most two passes per grant.
        while (t < kEndOfTime) {
            Grant* current = nullptr;
            qint64 nextEffective = kEndOfTime;
            for (Grant& grant : grants) {
                if (grant.remaining <= 0)
                    continue;
                if (grant.expiresAt <= t) {
                    expire(grant);
                    continue;
                }
                if (grant.effectiveAt > t)
                    nextEffective = std::min(nextEffective, grant.effectiveAt);
                else if (!current)
                    current = &grant;
            }
            if (!current) {
                if (!result.at)
                    result.at = t;
                if (nextEffective == kEndOfTime)
                    break;
                t = nextEffective;
                continue;
            }
            const qint64 usedUp = usedUpAt(t, current->remaining, ratePerDay);
            const qint64 end = std::min({usedUp, current->expiresAt, nextEffective});
            if (end == usedUp) {
                current->remaining = 0;
            } else {
                const Wide spent = static_cast<Wide>(ratePerDay) * (end - t) / kDayMs;
                current->remaining -= static_cast<qint64>(std::min<Wide>(spent, current->remaining));
            }
            t = end;
        }
    }
    std::sort(result.expiringUnused.begin(), result.expiringUnused.end(),
              [](const ExpiringCredits& a, const ExpiringCredits& b) {
                  return a.expiresAt != b.expiresAt ? a.expiresAt < b.expiresAt : a.grantId < b.grantId;
              });
    return result;
}

std::optional<qint64> capRunsOutAt(qint64 remaining, qint64 ratePerDay, qint64 nowMs)
{
    if (remaining <= 0)
        return nowMs;
    if (ratePerDay <= 0)
        return std::nullopt;
    return usedUpAt(nowMs, remaining, ratePerDay);
}

} // namespace creditdesk::server::forecast
