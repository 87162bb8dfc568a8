#pragma once

#include <QtGlobal>

namespace creditdesk::server::billing {

inline constexpr qint64 kDayMs = 24 * 3600 * 1000;

// The instant `months` calendar months after `anchorMs` (UTC), on the anchor's day of the month clamped
// to the month's last day, at the anchor's time of day: Jan 31 → Feb 28 (29) → Mar 31. Periods are
// always counted from the anchor, so a clamped month does not shift the ones after it.
qint64 monthsAfter(qint64 anchorMs, qint64 months);

// The start of the UTC day after the one `atMs` falls in.
inline qint64 nextUtcMidnight(qint64 atMs)
{
    return (atMs / kDayMs + 1) * kDayMs;
}

// round_half_up(amount × numerator / denominator) for amount ≥ 0 and 0 ≤ numerator ≤ denominator:
// money prorated by a fraction of a period (docs/billing.md "Proration").
qint64 prorateRoundHalfUp(qint64 amount, qint64 numerator, qint64 denominator);
// floor(amount × numerator / denominator): credits prorated by the same fraction.
qint64 prorateFloor(qint64 amount, qint64 numerator, qint64 denominator);
// round_half_up(amount × percent / 100): discounts.
qint64 percentOf(qint64 amount, qint64 percent);

} // namespace creditdesk::server::billing
