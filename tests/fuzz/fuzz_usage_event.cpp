// libFuzzer target for metering input (server/metering): the batch and single-event parsers, rating
// of whatever parses under every tier and billing option, and the exact decimal price parser and
// OpenRouter model-list importer. Besides crashes and sanitizer reports, it aborts when a promise is
// broken: a parsed event outside its documented limits, a failure that is not an ApiError with a 4xx
// status, a negative or oversized rating, or a price that does not match its decimal text. And it
// holds the body reader (server/metering/EventReader.cpp) to QJsonDocument: the same texts are JSON to
// both, and an event reads the same from the request text as from the QJsonObject Qt parses, except that
// an integer field written as 1.0 or 1e3 is refused by the reader (Qt cannot tell it from 1).
#include "FuzzCheck.h"
#include "core/Json.h"
#include "metering/PriceImport.h"
#include "metering/Rating.h"
#include "metering/UsageEvent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>

using namespace creditdesk::server;

namespace {

TierPolicy policyOf(Tier tier, BillingOption option)
{
    TierPolicy policy;
    policy.tier = tier;
    policy.billingOption = option;
    return policy;
}

void checkError(const ApiError& error)
{
    CHECK(error.status() >= 400 && error.status() < 500, error.code());
    CHECK(!error.code().isEmpty() && !error.message().isEmpty(), error.code());
}

const PriceBook& prices()
{
    static const PriceBook book = [] {
        std::vector<ModelPrice> list;
        const char* models[] = {"openai/gpt-4o", "anthropic/claude-opus-4",
                                "meta-llama/llama-3.3-70b-instruct:free"};
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
                const Rating rating = rateEvent(event, policyOf(tier, option), prices(), card);
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

// Every field and the fingerprint, for comparing two reads of one event.
QByteArray describe(const UsageEvent& e)
{
    const auto optional = [](const std::optional<qint64>& v) {
        return v ? QByteArray::number(*v) : QByteArray("-");
    };
    return e.id.toUtf8() + '|' + QByteArray::number(e.occurredAt) + '|' + optional(e.organizationId) + '|' +
           optional(e.userId) + '|' + optional(e.memberId) + '|' + e.apiKeyId.toUtf8() + '|' +
           usageKindName(e.kind).toUtf8() + '|' + e.provider.toUtf8() + '|' + e.model.toUtf8() + '|' +
           QByteArray::number(e.tokensInput) + '|' + QByteArray::number(e.tokensOutput) + '|' +
           QByteArray::number(e.computeMs) + '|' + QByteArray::number(e.units) + '|' +
           e.executionId.toUtf8() + '|' + e.taskType.toUtf8() + '|' + QByteArray::number(e.failed) +
           QByteArray::number(e.byok) + '|' + optional(e.reservationId) + '|' + e.metadata + '|' +
           QByteArray::number(e.fingerprint());
}

QByteArray describe(const ApiError& error)
{
    return QByteArray::number(error.status()) + ' ' + error.code().toUtf8() + ' ' + error.message().toUtf8() +
           ' ' + QJsonDocument(error.details()).toJson(QJsonDocument::Compact);
}

QByteArray describe(const std::variant<UsageEvent, ApiError>& result)
{
    if (const auto* event = std::get_if<UsageEvent>(&result))
        return "ok " + describe(*event);
    return describe(std::get<ApiError>(result));
}

// The refusal only the reader makes: an integer field whose literal is not a plain integer.
bool isStrictIntegerRefusal(const std::variant<UsageEvent, ApiError>& result)
{
    const auto* error = std::get_if<ApiError>(&result);
    return error && error->code() == QLatin1String("validation_failed") &&
           error->message().contains(QLatin1String("' must be an integer between"));
}

// One event read from the text (as a batch element) against the same event read from Qt's object.
void compareEvent(const ParsedEvent& read, const QJsonObject& object)
{
    std::variant<UsageEvent, ApiError> fromQt = ApiError(QStringLiteral("validation_failed"));
    try {
        fromQt = parseUsageEvent(object);
    } catch (const ApiError& error) {
        fromQt = error;
    }
    const QByteArray mine = describe(read.event);
    const QByteArray qts = describe(fromQt);
    CHECK(mine == qts || isStrictIntegerRefusal(read.event), QString::fromUtf8(mine + " <> " + qts));
    const QJsonValue id = object.value(QLatin1String("id"));
    const QString key = id.isString() ? id.toString() : QString();
    bool usable = key.size() <= kMaxEventIdLength;
    for (const QChar c : key)
        usable = usable && c.unicode() >= 0x21 && c.unicode() <= 0x7e;
    CHECK(read.id == (usable ? key : QString()), read.id);
}

// The reader and QJsonDocument agree on what is JSON (a blank body is refused before either looks).
void compareWithQt(const QByteArray& raw)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
    const bool json = parseError.error == QJsonParseError::NoError;
    if (raw.trimmed().isEmpty())
        return;
    std::vector<ParsedEvent> batch;
    bool malformed = false;
    try {
        batch = parseUsageBatch(raw);
    } catch (const ApiError& error) {
        malformed = error.code() == QLatin1String("malformed_json");
    }
    CHECK(malformed == !json, QString::fromUtf8(raw.left(200)));
    bool trackMalformed = false;
    try {
        parseUsageEventBody(raw);
    } catch (const ApiError& error) {
        trackMalformed = error.code() == QLatin1String("malformed_json");
    }
    CHECK(trackMalformed == !json, QString::fromUtf8(raw.left(200)));
    if (!document.isObject())
        return;
    // A byte order mark inside the text: Qt drops it at the start of a key when iterating an object but
    // not in value(), and then orders duplicate keys by their stored bytes, so which member "wins" is
    // Qt's accident. Such bodies are only held to agree on what is JSON (above).
    if (raw.indexOf("\xEF\xBB\xBF", 1) >= 0)
        return;
    // The body as one event: wrapped in a batch so that both reads check in the same order (a byte
    // order mark cannot be wrapped; two more levels may be too deep).
    const QByteArray object = raw.startsWith("\xEF\xBB\xBF") ? raw.mid(3) : raw;
    try {
        const std::vector<ParsedEvent> single = parseUsageBatch("{\"events\":[" + object + "]}");
        CHECK(single.size() == 1, QString::fromUtf8(raw.left(200)));
        compareEvent(single[0], document.object());
    } catch (const ApiError& error) {
        CHECK(error.code() == QLatin1String("malformed_json"), error.message());
    }
    const QJsonObject top = document.object();
    const QJsonValue events = top.value(QLatin1String("events"));
    if (top.size() != 1 || !events.isArray() || events.toArray().isEmpty() ||
        events.toArray().size() > kMaxBatchEvents)
        return;
    const QJsonArray array = events.toArray();
    CHECK(batch.size() == static_cast<std::size_t>(array.size()), QString::fromUtf8(raw.left(200)));
    for (qsizetype i = 0; i < array.size(); ++i)
        if (array.at(i).isObject())
            compareEvent(batch[static_cast<std::size_t>(i)], array.at(i).toObject());
        else
            CHECK(std::holds_alternative<ApiError>(batch[static_cast<std::size_t>(i)].event),
                  QString::number(i));
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
    compareWithQt(raw);
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
            CHECK(!price.free || (price.inputMicroUsdPerMtok == 0 && price.outputMicroUsdPerMtok == 0),
                  price.model);
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
