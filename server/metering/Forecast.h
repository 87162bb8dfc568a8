#pragma once

#include <QtGlobal>

#include <optional>
#include <vector>

namespace creditdesk::server::forecast {

// The pure arithmetic of the usage forecast (GET /api/v1/metering/forecast, docs/user-guide.md "Usage and
// forecasts"): no SQL, no clock, so every rule is unit-tested on its own (tests/server/tst_forecast_unit).
// ForecastReader (metering/ForecastReader.h) gathers the inputs from the database.

inline constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// round_half_up(credits / days): a burn rate in whole credits per day.
qint64 burnRate(qint64 credits, qint64 days);

// How much the recent half of a window moved against the earlier half, in whole percent rounded half away
// from zero: (recent − earlier) × 100 / earlier. 0 when both are 0; 100 when only the recent half has
// usage (a model that is new in the window).
qint64 trendPercent(qint64 earlier, qint64 recent);

// One grant as the walk sees it: what is left of it and when it can be drawn, given in the ledger's
// draw-down order (priority, earliest expiry, creation, id; docs/ledger.md).
struct Grant
{
    qint64 id = 0;
    qint64 remaining = 0;
    qint64 effectiveAt = 0;
    qint64 expiresAt = 0; // ledger's kNeverExpires for grants that never expire
};

struct ExpiringCredits
{
    qint64 grantId = 0;
    qint64 expiresAt = 0;
    qint64 credits = 0;

    bool operator==(const ExpiringCredits&) const = default;
};

struct RunOut
{
    std::optional<qint64> at; // the first moment nothing is left to spend; none at a rate of 0
    std::vector<ExpiringCredits> expiringUnused;
};

// Walks the grants in draw-down order spending `ratePerDay` credits a day from `nowMs` on. Open holds
// (`held`) are taken from the front first, as their settlement will. A grant that expires before it is
// used up leaves the rest in `expiringUnused` and does not push the run-out out; a grant that is not
// effective yet joins the walk when it becomes effective. Spending within a grant is continuous: a grant
// of R credits lasts ceil(R × day / rate) ms, and a grant cut off by its expiry at E had
// floor(rate × (E − start) / day) credits spent. Works in 128-bit arithmetic, so no product overflows.
RunOut walkGrants(std::vector<Grant> grants, qint64 held, qint64 ratePerDay, qint64 nowMs);

// When a member's (or department's) remaining limit or budget is used up at their own rate:
// now + ceil(remaining × day / rate); now when nothing remains; none at a rate of 0.
std::optional<qint64> capRunsOutAt(qint64 remaining, qint64 ratePerDay, qint64 nowMs);

} // namespace creditdesk::server::forecast
