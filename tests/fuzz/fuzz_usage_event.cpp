// libFuzzer target for metering input (server/metering): the batch and single-event parsers, rating
// of whatever parses under every tier and billing option, and the exact decimal price parser and
// OpenRouter model-list importer. Besides crashes and sanitizer reports, it aborts when a promise is
// broken: a parsed event outside its documented limits, a failure that is not an ApiError with a 4xx
// status, a negative or oversized rating, or a price that does not match its decimal text.
#include "FuzzCheck.h"
#include "core/Json.h"
#include "metering/PriceImport.h"
#include "metering/Rating.h"
#include "metering/UsageEvent.h"

#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

using namespace creditdesk;

namespace {

void checkError(const ApiError& error)
{
    CHECK(error.status() >= 400 && error.status() < 500, error.code());
    CHECK(!error.code().isEmpty() && !error.message().isEmpty(), error.code());
}

const PriceBook& prices()
{
    static const PriceBook book = [] {
        std::vector<ModelPrice> list;
        const char* models[] = {"openai/gpt-4o", "anthropic/claude-opus-4", "meta-llama/llama-3.3-70b-instruct:free"};
        for (int i = 0; i < 3; ++i) {
            ModelPrice price;
            price.id = i + 1;
            price.model = QString::fromLatin1(models[i]);
            price.inputMicroUsdPerMtok = i == 2 ? 0 : kMaxPriceMicroUsdPerMtok / (i + 1);
            price.outputMicroUsdPerMtok = i == 2 ? 0 : kMaxPriceMicroUsdPerMtok;
            price.free = i == 2;
            list.push_back(price);
        }
        return PriceBook(std::move(list), 1);
    }();
    return book;
}

void checkEvent(const UsageEvent& event)
{
    CHECK(!event.id.isEmpty() && event.id.size() <= kMaxEventIdLength, event.id);
    CHECK(event.organizationId.has_value() != event.userId.has_value(), event.id);
    CHECK(event.tokensInput >= 0 && event.tokensInput <= kMaxEventTokens, event.id);
    CHECK(event.tokensOutput >= 0 && event.tokensOutput <= kMaxEventTokens, event.id);
    CHECK(event.computeMs >= 0 && event.computeMs <= kMaxEventComputeMs, event.id);
    CHECK(event.units >= 0 && event.units <= kMaxEventUnits, event.id);
    CHECK(event.metadata.size() <= kMaxMetadataBytes, event.id);
    CHECK(isCleanText(event.model) && isCleanText(event.provider), event.id);
    CHECK(event.fingerprint() >= 0, event.id);
    RateCard card;
    card.search = RateCardEntry{1'000'000'000, 1};
    for (const Tier tier : {Tier::Free, Tier::Starter, Tier::Professional, Tier::Enterprise})
        for (const BillingOption option : {BillingOption::Credits, BillingOption::Byok}) {
            try {
                const Rating rating = rateEvent(event, TierPolicy{tier, option}, prices(), card);
                CHECK(rating.creditsMicro >= 0 && rating.creditsMicro <= kMaxEventMicroCredits, event.id);
                CHECK(rating.costMicroUsd >= 0 && rating.markupMicroUsd >= 0, event.id);
                CHECK(!event.failed || rating.creditsMicro == 0, event.id);
            } catch (const ApiError& error) {
                checkError(error);
                CHECK(error.status() == 403 || error.status() == 422, error.code());
            }
        }
}

void checkPrice(const QString& text)
{
    const auto value = usdPerTokenToMicroUsdPerMtok(text);
    if (!value)
        return;
    CHECK(*value >= 0 && *value <= kMaxPriceMicroUsdPerMtok, text);
    // Re-reading the value printed as dollars per million tokens (6 decimals) gives it back.
    const QString perMillion = QString::number(*value / 1'000'000) + QLatin1Char('.') +
                               QStringLiteral("%1").arg(*value % 1'000'000, 6, 10, QLatin1Char('0'));
    CHECK(usdPerMtokToMicroUsdPerMtok(perMillion) == value, text + QLatin1String(" -> ") + perMillion);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 64 * 1024)
        return -1;
    const QByteArray raw(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    try {
        for (const ParsedEvent& parsed : parseUsageBatch(raw)) {
            if (const auto* event = std::get_if<UsageEvent>(&parsed.event)) {
                checkEvent(*event);
                CHECK(parsed.id == event->id, parsed.id);
            } else {
                checkError(std::get<ApiError>(parsed.event));
            }
        }
    } catch (const ApiError& error) {
        checkError(error);
    }
    const QJsonDocument document = QJsonDocument::fromJson(raw);
    if (document.isObject()) {
        try {
            checkEvent(parseUsageEvent(document.object()));
        } catch (const ApiError& error) {
            checkError(error);
        }
    }
    try {
        const OpenRouterImport imported = parseOpenRouterModels(raw);
        for (const ModelPrice& price : imported.prices) {
            CHECK(isValidModelId(price.model), price.model);
            CHECK(price.inputMicroUsdPerMtok >= 0 && price.outputMicroUsdPerMtok >= 0, price.model);
            CHECK(!price.free || (price.inputMicroUsdPerMtok == 0 && price.outputMicroUsdPerMtok == 0), price.model);
        }
    } catch (const ApiError& error) {
        checkError(error);
    }
    checkPrice(QString::fromUtf8(raw).left(80));
    // The fast timestamp path agrees with the general RFC 3339 parser on every text.
    const QString text = QString::fromUtf8(raw).left(40);
    CHECK(parseEventTimestamp(text) == parseTimestamp(text), text);
    return 0;
}
