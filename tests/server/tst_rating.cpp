// Rating rules without a server (server/metering): golden cases per tier and billing mode, exact price
// parsing, the OpenRouter model list, event parsing, and the property that the ledger's whole-credit
// charges (with the per-account carry) stay within one credit of the exact rational sum.
#include "core/Json.h"
#include "metering/PriceImport.h"
#include "metering/Rating.h"
#include "metering/UsageEvent.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace creditdesk::server;

namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;

PriceBook book()
{
    std::vector<ModelPrice> prices;
    const auto add = [&](qint64 id, const char* model, qint64 in, qint64 out, bool free, qint64 from = 0) {
        ModelPrice price;
        price.id = id;
        price.model = QString::fromLatin1(model);
        price.provider = providerOfModelId(price.model);
        price.inputMicroUsdPerMtok = in;
        price.outputMicroUsdPerMtok = out;
        price.free = free;
        price.effectiveFrom = from;
        prices.push_back(price);
    };
    add(1, "openai/gpt-4o", 2'500'000, 10'000'000, false);
    add(2, "meta-llama/llama-3.3-70b-instruct:free", 0, 0, true);
    add(3, "openai/gpt-4o", 2'000'000, 8'000'000, false, 100 * kDay); // a price cut on day 100
    add(4, "openai/text-embedding-3-small", 20'000, 0, false);
    add(5, "anthropic/claude-3-haiku", 250'000, 1'250'000, false);
    add(6, "test/tiny", 1, 0, false); // 1 µ$ per million tokens: 1/40 micro-credit per token
    return PriceBook(std::move(prices), 1);
}

UsageEvent chat(const char* model, qint64 in, qint64 out, qint64 at = 50 * kDay)
{
    UsageEvent event;
    event.id = QStringLiteral("e");
    event.occurredAt = at;
    event.organizationId = 1;
    event.kind = UsageKind::Chat;
    event.model = QString::fromLatin1(model);
    event.tokensInput = in;
    event.tokensOutput = out;
    return event;
}

TierPolicy policy(Tier tier, BillingOption option = BillingOption::Credits)
{
    TierPolicy policy;
    policy.tier = tier;
    policy.billingOption = option;
    return policy;
}

// Exact rational arithmetic for the property test, independent of the rater's own Fraction.
struct Exact
{
    __int128 num = 0;
    __int128 den = 1;
    void add(__int128 n, __int128 d)
    {
        num = num * d + n * den;
        den *= d;
        __int128 a = num < 0 ? -num : num, b = den;
        while (b) {
            const __int128 t = a % b;
            a = b;
            b = t;
        }
        if (a > 1) {
            num /= a;
            den /= a;
        }
    }
};

} // namespace

class TestRating : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenCasesPerTier_data()
    {
        QTest::addColumn<int>("tier");
        QTest::addColumn<int>("option");
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("byok");
        QTest::addColumn<qint64>("cost");
        QTest::addColumn<qint64>("markup");
        QTest::addColumn<qint64>("micro");
        // gpt-4o: 1,000 input tokens × $2.50/M + 500 output × $10/M = $0.0075 = 7,500 µ$ = 187.5 credits.
        QTest::newRow("starter: 10 %")
            << int(Tier::Starter) << 0 << "openai/gpt-4o" << false << 7500LL << 750LL << 206'250'000LL;
        QTest::newRow("professional, credits: 5 %")
            << int(Tier::Professional) << 0 << "openai/gpt-4o" << false << 7500LL << 375LL << 196'875'000LL;
        QTest::newRow("professional, byok option: none")
            << int(Tier::Professional) << 1 << "openai/gpt-4o" << false << 7500LL << 0LL << 187'500'000LL;
        QTest::newRow("enterprise: 0 %")
            << int(Tier::Enterprise) << 0 << "openai/gpt-4o" << false << 7500LL << 0LL << 187'500'000LL;
        QTest::newRow("starter, free model: nothing")
            << int(Tier::Starter) << 0 << "meta-llama/llama-3.3-70b-instruct:free" << false << 0LL << 0LL
            << 0LL;
        // Free tier: $0.001 per 1,000 tokens on free models = 1 µ$ per token: 1,500 µ$ = 37.5 credits.
        QTest::newRow("free tier, free model: micro-markup")
            << int(Tier::Free) << 0 << "meta-llama/llama-3.3-70b-instruct:free" << false << 0LL << 1500LL
            << 37'500'000LL;
        QTest::newRow("starter, byok: compute only")
            << int(Tier::Starter) << 0 << "openai/gpt-4o" << true << 0LL << 0LL << 0LL;
        // No price for the model: the rate card's 100 credits per 1,000 tokens, no markup.
        QTest::newRow("starter, unpriced model: rate card")
            << int(Tier::Starter) << 0 << "acme/unknown-model" << false << 0LL << 0LL << 150'000'000LL;
        // claude-3-haiku: 1,000 × 0.25 + 500 × 1.25 = 875 µ$ + 10 % = 962.5 µ$ = 24.0625 credits.
        QTest::newRow("starter, fractional") << int(Tier::Starter) << 0 << "anthropic/claude-3-haiku" << false
                                             << 875LL << 88LL << 24'062'500LL;
    }
    void goldenCasesPerTier()
    {
        QFETCH(int, tier);
        QFETCH(int, option);
        QFETCH(QString, model);
        QFETCH(bool, byok);
        QFETCH(qint64, cost);
        QFETCH(qint64, markup);
        QFETCH(qint64, micro);
        UsageEvent event = chat("", 1000, 500);
        event.model = model;
        event.byok = byok;
        const Rating rating = rateEvent(event, policy(Tier(tier), BillingOption(option)), book(), RateCard{});
        QCOMPARE(rating.costMicroUsd, cost);
        QCOMPARE(rating.markupMicroUsd, markup);
        QCOMPARE(rating.creditsMicro, micro);
    }

    void freeTierRefusesPaidModels()
    {
        for (const char* model : {"openai/gpt-4o", "acme/unknown-model"}) {
            try {
                rateEvent(chat(model, 10, 10), policy(Tier::Free), book(), RateCard{});
                QFAIL("a paid model was rated on the free tier");
            } catch (const ApiError& error) {
                QCOMPARE(error.status(), 403);
                QCOMPARE(error.code(), QStringLiteral("model_not_in_plan"));
            }
        }
        UsageEvent compute;
        compute.kind = UsageKind::Compute;
        compute.computeMs = 60'000;
        QCOMPARE(rateEvent(compute, policy(Tier::Free), book(), RateCard{}).creditsMicro, 50'000'000);
    }

    void rateCardKinds()
    {
        const RateCard card;
        UsageEvent event;
        event.kind = UsageKind::Compute;
        event.computeMs = 90'000; // 1.5 minutes × 50
        QCOMPARE(rateEvent(event, policy(Tier::Starter), book(), card).creditsMicro, 75'000'000);
        event = UsageEvent{};
        event.kind = UsageKind::Search;
        QCOMPARE(rateEvent(event, policy(Tier::Starter), book(), card).creditsMicro, 125'000'000);
        event.units = 3;
        QCOMPARE(rateEvent(event, policy(Tier::Starter), book(), card).creditsMicro, 375'000'000);
        event = UsageEvent{};
        event.kind = UsageKind::Tts;
        event.units = 2000; // characters
        QCOMPARE(rateEvent(event, policy(Tier::Starter), book(), card).creditsMicro, 750'000'000);
        event.byok = true; // the provider bills the customer's own key for speech
        QCOMPARE(rateEvent(event, policy(Tier::Starter), book(), card).creditsMicro, 0);
        event = UsageEvent{};
        event.kind = UsageKind::Agent;
        event.computeMs = 1; // 1/1200 credit
        QCOMPARE(rateEvent(event, policy(Tier::Starter), book(), card).creditsMicro, 250'000'833);
        UsageEvent byok = chat("openai/gpt-4o", 1000, 500);
        byok.byok = true;
        byok.computeMs = 60'000;
        QCOMPARE(rateEvent(byok, policy(Tier::Starter), book(), card).creditsMicro, 50'000'000);
    }

    void failedEventsAreNotCharged()
    {
        UsageEvent event = chat("openai/gpt-4o", 1000, 500);
        event.failed = true;
        event.computeMs = 100'000;
        const Rating rating = rateEvent(event, policy(Tier::Starter), book(), RateCard{});
        QCOMPARE(rating.creditsMicro, 0);
        QCOMPARE(rating.costMicroUsd, 0);
    }

    void priceInForceWhenTheEventOccurred()
    {
        const Rating before = rateEvent(chat("openai/gpt-4o", 1000, 500, 100 * kDay - 1),
                                        policy(Tier::Enterprise), book(), RateCard{});
        const Rating after = rateEvent(chat("openai/gpt-4o", 1000, 500, 100 * kDay), policy(Tier::Enterprise),
                                       book(), RateCard{});
        QCOMPARE(before.costMicroUsd, 7500);
        QCOMPARE(before.priceId, std::optional<qint64>(1));
        QCOMPARE(after.costMicroUsd, 6000);
        QCOMPARE(after.priceId, std::optional<qint64>(3));
    }

    void roundingIsHalfUpOnce()
    {
        // 20 tokens at 1 µ$ per million = 0.5 micro-credits: rounds up to 1.
        UsageEvent event = chat("test/tiny", 20, 0);
        event.kind = UsageKind::Embedding;
        QCOMPARE(rateEvent(event, policy(Tier::Enterprise), book(), RateCard{}).creditsMicro, 1);
        event.tokensInput = 59; // 1.475 → 1
        QCOMPARE(rateEvent(event, policy(Tier::Enterprise), book(), RateCard{}).creditsMicro, 1);
        event.tokensInput = 60; // 1.5 → 2
        QCOMPARE(rateEvent(event, policy(Tier::Enterprise), book(), RateCard{}).creditsMicro, 2);
        event.tokensInput = 100; // 2.5 → 3, and the cost of 0.0001 µ$ rounds to 0
        const Rating rating = rateEvent(event, policy(Tier::Enterprise), book(), RateCard{});
        QCOMPARE(rating.creditsMicro, 3);
        QCOMPARE(rating.costMicroUsd, 0);
    }

    void chargedCreditsStayWithinOneCreditOfTheExactSum()
    {
        // Property (docs/design.md §3): many small events, each rated to the micro-credit and charged in
        // whole credits through the account's carry, never drift more than one credit from the exact
        // rational sum of their values. Fixed seeds keep the test repeatable.
        const PriceBook prices = book();
        const RateCard card;
        for (quint32 seed : {1u, 7u, 42u, 2024u, 99991u}) {
            QRandomGenerator random(seed);
            Exact exact;        // credits, exact
            qint64 charged = 0; // whole credits moved out of the balance
            qint64 carry = 0;   // micro-credits rated but not yet charged
            const int events = 20000;
            for (int i = 0; i < events; ++i) {
                UsageEvent event;
                const int shape = static_cast<int>(random.bounded(5));
                const Tier tier = random.bounded(2) ? Tier::Starter : Tier::Professional;
                const qint64 bp = tier == Tier::Starter ? 1000 : 500;
                if (shape <= 1) {
                    event = chat(shape == 0 ? "anthropic/claude-3-haiku" : "openai/gpt-4o",
                                 random.bounded(3000), random.bounded(800));
                    const qint64 in = shape == 0 ? 250'000 : 2'500'000,
                                 out = shape == 0 ? 1'250'000 : 10'000'000;
                    // credits = (tin·in + tout·out)/10^6 µ$ × (10^4 + bp)/10^4 / 40
                    exact.add(static_cast<__int128>(event.tokensInput * in + event.tokensOutput * out) *
                                  (10000 + bp),
                              static_cast<__int128>(1'000'000) * 10000 * 40);
                } else if (shape == 2) {
                    event = chat("openai/text-embedding-3-small", random.bounded(50), 0);
                    event.kind = UsageKind::Embedding;
                    exact.add(static_cast<__int128>(event.tokensInput) * 20'000 * (10000 + bp),
                              static_cast<__int128>(1'000'000) * 10000 * 40);
                } else if (shape == 3) {
                    event.kind = UsageKind::Compute;
                    event.computeMs = random.bounded(5000);
                    exact.add(event.computeMs * 50, 60000);
                } else {
                    event = chat("acme/unknown-model", random.bounded(40), random.bounded(40));
                    exact.add((event.tokensInput + event.tokensOutput) * 100, 1000);
                }
                const qint64 micro = rateEvent(event, policy(tier), prices, card).creditsMicro;
                carry += micro;
                charged += carry / 1'000'000;
                carry %= 1'000'000;
            }
            // |charged − exact| < 1 credit: compare charged·den with num.
            const __int128 difference = static_cast<__int128>(charged) * exact.den - exact.num;
            const __int128 magnitude = difference < 0 ? -difference : difference;
            QVERIFY2(magnitude < exact.den,
                     qPrintable(QStringLiteral("seed %1: charged %2, exact %3")
                                    .arg(seed)
                                    .arg(charged)
                                    .arg(static_cast<double>(exact.num) / static_cast<double>(exact.den))));
        }
    }

    void decimalPricesParseExactly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1: refused
        QTest::newRow("gpt-4 prompt") << "0.00003" << 30'000'000LL;
        QTest::newRow("zero") << "0" << 0LL;
        QTest::newRow("0.0000001 (not a double's 1e-07 rounding)") << "0.0000001" << 100'000LL;
        QTest::newRow("sub-micro-dollar per million, exactly") << "0.000000000001" << 1LL;
        QTest::newRow("finer than the unit") << "0.0000000000001" << -1LL;
        QTest::newRow("trailing zeros are fine") << "0.00000000000100000" << 1LL;
        QTest::newRow("exponent") << "1.5e-7" << 150'000LL;
        QTest::newRow("variable router price") << "-1" << -1LL;
        QTest::newRow("garbage") << "0.0x1" << -1LL;
        QTest::newRow("empty") << "" << -1LL;
        QTest::newRow("too large") << "100" << -1LL;
        QTest::newRow("0.00001 as a double would round") << "0.000015" << 15'000'000LL;
    }
    void decimalPricesParseExactly()
    {
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto parsed = usdPerTokenToMicroUsdPerMtok(text);
        if (expected < 0)
            QVERIFY(!parsed);
        else
            QCOMPARE(parsed, std::optional<qint64>(expected));
        QCOMPARE(usdPerMtokToMicroUsdPerMtok(QStringLiteral("2.50")), std::optional<qint64>(2'500'000));
    }

    void openRouterModelList()
    {
        const QByteArray list = R"({"data": [
            {"id": "openai/gpt-4", "pricing": {"prompt": "0.00003", "completion": "0.00006"}},
            {"id": "meta-llama/llama-3.3-70b-instruct:free", "pricing": {"prompt": "0", "completion": "0"}},
            {"id": "openrouter/auto", "pricing": {"prompt": "-1", "completion": "-1"}},
            {"id": "bad id with spaces", "pricing": {"prompt": "0", "completion": "0"}},
            {"id": "x/no-pricing"}
        ]})";
        const OpenRouterImport imported = parseOpenRouterModels(list);
        QCOMPARE(imported.prices.size(), std::size_t(2));
        QCOMPARE(imported.prices[0].model, QStringLiteral("openai/gpt-4"));
        QCOMPARE(imported.prices[0].provider, QStringLiteral("openai"));
        QCOMPARE(imported.prices[0].inputMicroUsdPerMtok, 30'000'000);
        QCOMPARE(imported.prices[0].outputMicroUsdPerMtok, 60'000'000);
        QVERIFY(!imported.prices[0].free);
        QVERIFY(imported.prices[1].free);
        QCOMPARE(imported.skipped.size(), 3);
        QVERIFY_THROWS_EXCEPTION(ApiError, parseOpenRouterModels("[]"));
        QVERIFY_THROWS_EXCEPTION(ApiError, parseOpenRouterModels("{"));
    }

    void fastTimestampsAgreeWithTheGeneralParser()
    {
        const char* texts[] = {
            "2026-11-21T09:00:00Z",      "2026-11-21T09:00:00.5Z",   "2026-11-21T09:00:00.12Z",
            "2026-11-21T23:59:59.999Z",  "2024-02-29T12:00:00Z",     "2023-02-29T12:00:00Z",
            "2026-11-21T09:00:60Z",      "2026-11-21T24:00:00Z",     "0000-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",      "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59Z",
            "2026-13-01T00:00:00Z",      "2026-11-21t09:00:00z",     "2026-11-21T09:00:00.1234Z",
            "2026-11-21T09:00:00+02:00", "2026-11-21 09:00:00Z",     "2026-11-21T09:00:00.Z",
            "1970-01-01T00:00:00.001Z",  "2000-02-29T00:00:00Z",     "1900-02-29T00:00:00Z"};
        for (const char* text : texts)
            QVERIFY2(parseEventTimestamp(QString::fromLatin1(text)) ==
                         parseTimestamp(QString::fromLatin1(text)),
                     text);
        QCOMPARE(parseEventTimestamp(QStringLiteral("1970-01-01T00:00:01.5Z")), std::optional<qint64>(1500));
    }

    void eventParsing()
    {
        const auto parse = [](const QByteArray& json) {
            return parseUsageEvent(QJsonDocument::fromJson(json).object());
        };
        const UsageEvent event =
            parse(R"({"id":"e-1","occurred_at":"2026-01-02T03:04:05Z","organization_id":7,"kind":"chat",
            "provider":"openai","model":"gpt-4o","tokens_input":10,"byok":true,"status":"error","metadata":{"a":[1,2]}})");
        QCOMPARE(event.priceKey(), QStringLiteral("openai/gpt-4o"));
        QVERIFY(event.byok);
        QVERIFY(event.failed);
        QCOMPARE(event.metadata, QByteArray(R"({"a":[1,2]})"));
        QVERIFY(event.fingerprint() >= 0);
        UsageEvent other = event;
        other.tokensInput = 11;
        QVERIFY(other.fingerprint() != event.fingerprint());

        const auto code = [&](const QByteArray& json) -> QString {
            try {
                parse(json);
            } catch (const ApiError& error) {
                return error.code() + QLatin1Char(':') +
                       error.details().value(QStringLiteral("field")).toString();
            }
            return QStringLiteral("ok");
        };
        const QByteArray base = R"("occurred_at":"2026-01-02T03:04:05Z","organization_id":7,"kind":"chat")";
        QCOMPARE(code("{\"id\":\"a\"," + base + "}"), QStringLiteral("ok"));
        QCOMPARE(code("{" + base + "}"), QStringLiteral("validation_failed:id"));
        QCOMPARE(code("{\"id\":\"a b\"," + base + "}"), QStringLiteral("validation_failed:id"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"user_id\":3}"),
                 QStringLiteral("validation_failed:organization_id"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"tokens_input\":1.5}"),
                 QStringLiteral("validation_failed:tokens_input"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"tokens_input\":-1}"),
                 QStringLiteral("validation_failed:tokens_input"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"tokens_input\":1000000001}"),
                 QStringLiteral("validation_failed:tokens_input"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"status\":\"ok\"}"),
                 QStringLiteral("validation_failed:status"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"byok\":1}"), QStringLiteral("validation_failed:byok"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"metadata\":[1]}"),
                 QStringLiteral("validation_failed:metadata"));
        QCOMPARE(code("{\"id\":\"a\"," + base + ",\"cost\":1}"), QStringLiteral("unknown_field:cost"));
        QCOMPARE(code(R"({"id":"a","occurred_at":"yesterday","organization_id":7,"kind":"chat"})"),
                 QStringLiteral("validation_failed:occurred_at"));
        QCOMPARE(
            code(R"({"id":"a","occurred_at":"2026-01-02T03:04:05Z","organization_id":7,"kind":"video"})"),
            QStringLiteral("validation_failed:kind"));
    }
};

QTEST_GUILESS_MAIN(TestRating)
#include "tst_rating.moc"
