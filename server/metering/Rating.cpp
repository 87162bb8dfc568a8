#include "metering/Rating.h"

#include <QJsonObject>

#include <algorithm>
#include <array>
#include <numeric>

namespace creditdesk::server {

namespace {

using Wide = unsigned __int128;

quint64 gcd64(quint64 a, quint64 b)
{
    while (b != 0) {
        const quint64 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

// A non-negative exact fraction, reduced after every step. With tokens ≤ 10^9, prices ≤ 10^10 µ$/Mtok
// (kMaxPriceMicroUsdPerMtok), basis points ≤ 10^4 and rate-card terms ≤ 10^9, every intermediate
// product stays below 10^36 (the type holds 3.4 × 10^38).
struct Fraction
{
    Wide num = 0;
    Wide den = 1;

    Fraction() = default;
    Fraction(Wide n, Wide d) : num(n), den(d) { reduce(); }
    void reduce()
    {
        Wide a = num, b = den;
        while (b != 0) {
            if ((a >> 64) == 0 && (b >> 64) == 0) { // the usual case: 64-bit division is many times cheaper
                a = gcd64(static_cast<quint64>(a), static_cast<quint64>(b));
                break;
            }
            const Wide t = a % b;
            a = b;
            b = t;
        }
        if (a > 1) {
            num /= a;
            den /= a;
        }
    }
    Fraction operator+(const Fraction& other) const
    {
        if (den == other.den)
            return Fraction(num + other.num, den);
        return Fraction(num * other.den + other.num * den, den * other.den);
    }
    Fraction times(Wide n, Wide d) const { return Fraction(num * n, den * d); }
    // Half up: 2.5 → 3. All values are non-negative, so this is also "half away from zero".
    Wide roundHalfUp() const { return (num * 2 + den) / (den * 2); }
};

qint64 toInt64(Wide value)
{
    if (value > static_cast<Wide>(kMaxEventMicroCredits))
        throw ApiError(QStringLiteral("amount_too_large"),
                       QStringLiteral("The event's rating exceeds the largest amount one event may carry"));
    return static_cast<qint64>(value);
}

Fraction rateCardCredits(qint64 count, const RateCardEntry& entry)
{
    if (count <= 0 || entry.credits <= 0)
        return {};
    return Fraction(static_cast<Wide>(count) * static_cast<Wide>(entry.credits),
                    static_cast<Wide>(std::max<qint64>(1, entry.per)));
}

struct TierName
{
    Tier tier;
    const char* name;
};
constexpr std::array kTierNames{TierName{Tier::Free, "free"}, TierName{Tier::Starter, "starter"},
                                TierName{Tier::Professional, "professional"},
                                TierName{Tier::Enterprise, "enterprise"}};

} // namespace

std::optional<Tier> tierFromString(const QString& text)
{
    for (const auto& entry : kTierNames)
        if (text == QLatin1String(entry.name))
            return entry.tier;
    return std::nullopt;
}

QString tierName(Tier tier)
{
    for (const auto& entry : kTierNames)
        if (entry.tier == tier)
            return QLatin1String(entry.name);
    return {};
}

std::optional<BillingOption> billingOptionFromString(const QString& text)
{
    if (text == QLatin1String("credits"))
        return BillingOption::Credits;
    if (text == QLatin1String("byok"))
        return BillingOption::Byok;
    return std::nullopt;
}

QString billingOptionName(BillingOption option)
{
    return option == BillingOption::Byok ? QStringLiteral("byok") : QStringLiteral("credits");
}

qint64 TierPolicy::markupBasisPoints() const
{
    if (planMarkupBasisPoints)
        return *planMarkupBasisPoints;
    switch (tier) {
    case Tier::Free:
        return 0; // the free tier has only free models; its markup is the flat per-token one
    case Tier::Starter:
        return 1000; // 10 %
    case Tier::Professional:
        return billingOption == BillingOption::Byok ? 0 : 500; // 5 % with credits, none with own keys
    case Tier::Enterprise:
        return 0;
    }
    return 0;
}

PriceBook::PriceBook(std::vector<ModelPrice> prices, qint64 version)
    : m_version(version), m_count(prices.size())
{
    for (ModelPrice& price : prices)
        m_byKey[price.model].push_back(std::move(price));
    for (auto it = m_byKey.begin(); it != m_byKey.end(); ++it)
        std::sort(it->begin(), it->end(),
                  [](const ModelPrice& a, const ModelPrice& b) { return a.effectiveFrom < b.effectiveFrom; });
}

const ModelPrice* PriceBook::find(const QString& key, qint64 at) const
{
    const auto it = m_byKey.constFind(key);
    if (it == m_byKey.constEnd())
        return nullptr;
    const ModelPrice* found = nullptr;
    for (const ModelPrice& price : *it) {
        if (price.effectiveFrom > at)
            break;
        found = &price;
    }
    return found;
}

const char* const RateCard::kEntryNames[5] = {"tokens", "compute", "tts", "search", "agent"};

RateCardEntry* RateCard::entry(const QString& name)
{
    RateCardEntry* entries[] = {&tokens, &compute, &tts, &search, &agent};
    for (int i = 0; i < 5; ++i)
        if (name == QLatin1String(kEntryNames[i]))
            return entries[i];
    return nullptr;
}

const RateCardEntry* RateCard::entry(const QString& name) const
{
    return const_cast<RateCard*>(this)->entry(name);
}

Rating rateEvent(const UsageEvent& event, const TierPolicy& policy, const PriceBook& prices,
                 const RateCard& rateCard)
{
    Rating rating;
    const bool tokenKind = event.kind == UsageKind::Chat || event.kind == UsageKind::Embedding;
    const QString key = event.priceKey();
    const ModelPrice* price = key.isEmpty() ? nullptr : prices.find(key, event.occurredAt);
    rating.freeModel = price && price->free;
    if (price)
        rating.priceId = price->id;
    // The free tier may use free models only (seed 004); usage that names no model (compute, search, …)
    // is priced by the rate card and allowed.
    if (policy.freeModelsOnly() && (tokenKind || !key.isEmpty()) && !rating.freeModel)
        throw ApiError(QStringLiteral("model_not_in_plan"),
                       key.isEmpty()
                           ? QStringLiteral("The free tier needs a free model for token usage")
                           : QStringLiteral("The free tier includes free models only; '%1' is not one")
                                 .arg(key.left(128)),
                       QJsonObject{{QStringLiteral("model"), key.left(128)},
                                   {QStringLiteral("tier"), tierName(policy.tier)}});
    if (event.failed)
        return rating; // recorded, never charged

    const Wide tokens = static_cast<Wide>(event.tokensInput) + static_cast<Wide>(event.tokensOutput);
    Fraction microUsd; // provider cost + markup, in micro-dollars
    Fraction credits;  // rate-card charges, in credits
    if (!event.byok) { // bring-your-own-key usage is billed compute only (seed 002, BILL-003)
        if (price) {
            const Fraction cost(
                static_cast<Wide>(event.tokensInput) * static_cast<Wide>(price->inputMicroUsdPerMtok) +
                    static_cast<Wide>(event.tokensOutput) * static_cast<Wide>(price->outputMicroUsdPerMtok),
                1'000'000);
            Fraction markup;
            if (!price->free) // free models carry no percentage markup
                markup = cost.times(static_cast<Wide>(policy.markupBasisPoints()), 10000);
            markup = markup + Fraction(tokens * static_cast<Wide>(policy.flatMicroUsdPerToken()), 1);
            rating.costMicroUsd = toInt64(cost.roundHalfUp());
            rating.markupMicroUsd = toInt64(markup.roundHalfUp());
            microUsd = cost + markup;
        } else if (tokens > 0) {
            credits = credits + rateCardCredits(static_cast<qint64>(tokens), rateCard.tokens);
        }
        if (event.kind == UsageKind::Tts)
            credits = credits + rateCardCredits(event.units, rateCard.tts);
    }
    if (event.kind == UsageKind::Search)
        credits = credits + rateCardCredits(std::max<qint64>(1, event.units), rateCard.search);
    if (event.kind == UsageKind::Agent)
        credits = credits + rateCardCredits(std::max<qint64>(1, event.units), rateCard.agent);
    credits = credits + rateCardCredits(event.computeMs, rateCard.compute);

    // One rounding for the whole event: micro-dollars → micro-credits is × 10^6 / 40.
    const Fraction total =
        microUsd.times(kMicroCreditsPerCredit, kMicroUsdPerCredit) + credits.times(kMicroCreditsPerCredit, 1);
    rating.creditsMicro = toInt64(total.roundHalfUp());
    return rating;
}

} // namespace creditdesk::server
