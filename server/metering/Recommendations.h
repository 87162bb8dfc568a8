#pragma once

#include "metering/Forecast.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server::recommend {

// The pure rules behind GET /api/v1/metering/recommendations (docs/user-guide.md "Usage and
// forecasts"): each takes numbers the reader gathered and says what could have been saved, and how that
// was computed, in one sentence. Credits and money stay integers: 1 credit = 40 micro-dollars, $1 =
// 25,000 credits (docs/design.md §3).

struct Recommendation
{
    QString kind; // "cheaper_model" | "expiring_credits" | "cheaper_plan"
    QString title;
    qint64 savingCreditsPerMonth = 0;
    QString basis;
    QJsonObject toJson() const;
};

// One model's usage over the last 30 days, from the rollups.
struct ModelUsage
{
    QString kind; // "chat", "embedding", …
    QString model;
    qint64 tokensInput = 0;
    qint64 tokensOutput = 0;
    qint64 creditsMicro = 0; // what its events were rated, markup included
};

// A model's price in force now (price book).
struct ModelPriceNow
{
    QString model;
    qint64 inputMicroUsdPerMtok = 0;
    qint64 outputMicroUsdPerMtok = 0;
    bool free = false;
};

// The closest cheaper model of the same provider (the id's part before '/') for the same kind of request
// (embedding models for embeddings, other models for the rest), priced now: of the paid models whose
// list price for the same tokens is lower, the one that costs the most (the smallest step down, most
// likely of the same class). The saving scales the credits actually rated by the two list prices:
// round_half_up(credits_micro × (cost − cost_cheaper) / cost / 10^6).
std::optional<Recommendation> cheaperModel(const ModelUsage& usage, const std::vector<ModelPriceNow>& prices);

// Credits that will expire unused at the current burn rate (from the forecast): the grants that expire at
// one instant, as one recommendation (a period's allowance, rollover and bonus end together).
Recommendation expiringCredits(const std::vector<forecast::ExpiringCredits>& sameExpiry,
                               qint64 burnRatePerDay);

// A plan of the catalog as the comparison needs it (its credits billing option).
struct PlanTerms
{
    QString id;
    QString name;
    qint64 priceMinor = 0;
    qint64 monthlyCredits = 0;
    qint64 markupBasisPoints = 0;
    bool freeModelsOnly = false;
    qint64 includedSeats = 1;
    qint64 seatPriceMinor = 0;
};

// The last 30 days' usage of the account as rated: the micro-credits, and of them the provider cost and
// markup in micro-dollars.
struct PeriodUsage
{
    qint64 creditsMicro = 0;
    qint64 costMicroUsd = 0;
    qint64 markupMicroUsd = 0;
    qint64 seats = 1; // the organization's active members (1 for a personal account)
};

// What the 30 days would have cost on a plan, in minor units: its fee, the seats beyond its included ones
// at its seat price, and the credits beyond its allowance at $1 per 25,000 credits (rounded up to the
// cent). The credits are the usage without its markup plus the plan's markup on the provider cost.
qint64 creditsOnPlan(const PeriodUsage& usage, const PlanTerms& plan);
qint64 costOnPlan(const PeriodUsage& usage, const PlanTerms& plan);

// The plan (other than the current one; not free-models-only ones, which cannot serve paid models) that
// would have cost the least for the usage, if it costs less than the current plan; the saving in credits
// is the money saved at $1 = 25,000 credits.
std::optional<Recommendation> cheaperPlan(const PeriodUsage& usage, const PlanTerms& current,
                                          const std::vector<PlanTerms>& catalog);

} // namespace creditdesk::server::recommend
