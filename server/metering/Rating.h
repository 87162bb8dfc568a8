#pragma once

#include "metering/UsageEvent.h"

#include <QHash>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace creditdesk::server {

// 1 credit = $0.00004 = 40 micro-dollars (docs/design.md §3). Ratings are kept in micro-credits.
inline constexpr qint64 kMicroUsdPerCredit = 40;
inline constexpr qint64 kMicroCreditsPerCredit = 1'000'000;
// Largest rating of one event: 10^12 credits. Keeps the ledger's sums far from overflow.
inline constexpr qint64 kMaxEventMicroCredits = 1'000'000'000'000'000'000LL;

enum class Tier
{
    Free,
    Starter,
    Professional,
    Enterprise
};
enum class BillingOption
{
    Credits,
    Byok
};
std::optional<Tier> tierFromString(const QString& text);
QString tierName(Tier tier);
std::optional<BillingOption> billingOptionFromString(const QString& text);
QString billingOptionName(BillingOption option);

// What an organization's tier means for rating (seed 004): which models it may use and its markup.
struct TierPolicy
{
    Tier tier = Tier::Free;
    BillingOption billingOption = BillingOption::Credits;
    // The subscription's current terms (billing/Subscriptions.h), when the account has one: the
    // catalog's markup and model rule as they were when its period began.
    std::optional<qint64> planMarkupBasisPoints;
    std::optional<bool> planFreeModelsOnly;

    bool freeModelsOnly() const { return planFreeModelsOnly.value_or(tier == Tier::Free); }
    // Percentage markup on paid models' provider cost, in basis points (1% = 100).
    qint64 markupBasisPoints() const;
    // Flat markup per token on free models: $0.001 per 1,000 tokens = 1 micro-dollar per token (Free tier).
    qint64 flatMicroUsdPerToken() const { return tier == Tier::Free ? 1 : 0; }
};

// $10,000 per million tokens: far above any list price, and keeps rating products inside 128 bits.
inline constexpr qint64 kMaxPriceMicroUsdPerMtok = 10'000'000'000LL;

// One price of a model from a date on. Prices are integer micro-dollars per million tokens.
struct ModelPrice
{
    qint64 id = 0;
    QString provider;
    QString model; // OpenRouter's id, "provider/model[:variant]": the price book key
    qint64 inputMicroUsdPerMtok = 0;
    qint64 outputMicroUsdPerMtok = 0;
    bool free = false;
    qint64 effectiveFrom = 0;
    QString source;
};

// An immutable snapshot of the price book, shared by the writer and readers.
class PriceBook
{
public:
    PriceBook() = default;
    explicit PriceBook(std::vector<ModelPrice> prices, qint64 version = 0);

    // The price in force at `at`: the latest one whose effective_from is not after it.
    const ModelPrice* find(const QString& key, qint64 at) const;
    qint64 version() const { return m_version; }
    std::size_t size() const { return m_count; }

private:
    QHash<QString, std::vector<ModelPrice>> m_byKey; // each sorted by effectiveFrom
    qint64 m_version = 0;
    std::size_t m_count = 0;
};

// Prices for what is not priced per model (seed 002), as `credits` per `per` units.
struct RateCardEntry
{
    qint64 credits = 0;
    qint64 per = 1;
};
struct RateCard
{
    RateCardEntry tokens{100, 1000};  // AI tokens where no model price applies: 100 credits / 1,000 tokens
    RateCardEntry compute{50, 60000}; // compute: 50 credits per minute (of compute_ms)
    RateCardEntry tts{375, 1000};     // TTS: per 1,000 characters ($15 per million characters)
    RateCardEntry search{125, 1};     // search: per request ($0.005)
    RateCardEntry agent{250, 1};      // agent run: per invocation ($0.01)

    static const char* const kEntryNames[5];
    RateCardEntry* entry(const QString& name);
    const RateCardEntry* entry(const QString& name) const;
};

struct Rating
{
    qint64 costMicroUsd = 0;   // provider cost of the tokens, rounded half up
    qint64 markupMicroUsd = 0; // platform markup on it, rounded half up
    qint64 creditsMicro = 0;   // the whole rating, exact to the micro-credit (rounded half up once)
    bool freeModel = false;
    std::optional<qint64> priceId;
};

// Rates one event (docs/design.md §3). The exact value is a fraction; it is rounded once, half up, to a
// whole micro-credit. Throws ApiError 403 model_not_in_plan (free tier, paid or unknown model) and
// 422 amount_too_large.
Rating rateEvent(const UsageEvent& event, const TierPolicy& policy, const PriceBook& prices,
                 const RateCard& rateCard);

} // namespace creditdesk::server
