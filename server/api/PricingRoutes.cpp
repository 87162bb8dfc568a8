// The price book and the rate card: read by anyone signed in, changed by platform administrators only
// (tiers and overage: BillingTermsRoutes.cpp).
#include "api/MeteringRoutes.h"
#include "api/MeteringState.h"
#include "core/Json.h"
#include "metering/PriceImport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk::server {

namespace {

qint64 priceField(const JsonBody& body, const char* name)
{
    return body.requiredInteger(name, 0, kMaxPriceMicroUsdPerMtok);
}

ApiResponse listPrices(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const QString model = request.queryValue(QStringLiteral("model"));
    if (!model.isEmpty() && !isValidModelId(model))
        throw ApiError::validation(QStringLiteral("model"), QStringLiteral("'model' is not a model id"));
    SqlConnection& reader = context.store.reader();
    PriceBookStore store(reader);
    const qint64 now = context.clock.nowMs();
    const auto prices = store.list(model);
    QJsonArray data;
    for (std::size_t i = 0; i < prices.size(); ++i) {
        QJsonObject object = PriceBookStore::toJson(prices[i]);
        // In force: the latest price of its model that has started (rows are ordered by model, date).
        const bool started = prices[i].effectiveFrom <= now;
        const bool nextStarted = i + 1 < prices.size() && prices[i + 1].model == prices[i].model &&
                                 prices[i + 1].effectiveFrom <= now;
        object.insert(QStringLiteral("in_force"), started && !nextStarted);
        data.append(object);
    }
    return listResponse(data, {});
}

void addPrice(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"model", "input_micro_usd_per_mtok", "output_micro_usd_per_mtok", "free",
                              "effective_from", "source"});
    ModelPrice price;
    price.model = body.requiredString("model", 128);
    if (!isValidModelId(price.model) || !price.model.contains(QLatin1Char('/')))
        throw ApiError::validation(
            QStringLiteral("model"),
            QStringLiteral("'model' must be a model id such as 'openai/gpt-4o' (provider/model)"));
    price.provider = providerOfModelId(price.model);
    price.inputMicroUsdPerMtok = priceField(body, "input_micro_usd_per_mtok");
    price.outputMicroUsdPerMtok = priceField(body, "output_micro_usd_per_mtok");
    if (body.has("free") && !body.object().value(QLatin1String("free")).isBool())
        throw ApiError::validation(QStringLiteral("free"), QStringLiteral("'free' must be true or false"));
    price.free = body.object().value(QLatin1String("free")).toBool(false);
    if (price.free && (price.inputMicroUsdPerMtok != 0 || price.outputMicroUsdPerMtok != 0))
        throw ApiError::validation(QStringLiteral("free"), QStringLiteral("A free model's prices must be 0"));
    const qint64 now = context.clock.nowMs();
    price.effectiveFrom = body.optionalTimestamp("effective_from").value_or(now);
    price.source =
        body.optionalString("source", 300).value_or(QStringLiteral("set by a platform administrator"));
    const qint64 adminId = principal.userId;
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            return jsonResponse(201, PriceBookStore::toJson(PriceBookStore(db).add(price, adminId, now)));
        },
        std::move(respond));
}

void changePrice(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 id = parsePathId(call.request().pathParams[0], QStringLiteral("Price"));
    const JsonBody& body = call.body();
    body.rejectUnknownFields(
        {"input_micro_usd_per_mtok", "output_micro_usd_per_mtok", "free", "effective_from", "source"});
    const auto input = body.optionalInteger("input_micro_usd_per_mtok", 0, kMaxPriceMicroUsdPerMtok);
    const auto output = body.optionalInteger("output_micro_usd_per_mtok", 0, kMaxPriceMicroUsdPerMtok);
    if (body.has("free") && !body.object().value(QLatin1String("free")).isBool())
        throw ApiError::validation(QStringLiteral("free"), QStringLiteral("'free' must be true or false"));
    const std::optional<bool> free =
        body.has("free") ? std::optional(body.object().value(QLatin1String("free")).toBool()) : std::nullopt;
    const auto effectiveFrom = body.optionalTimestamp("effective_from");
    const auto source = body.optionalString("source", 300);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            PriceBookStore store(db);
            const auto current = store.byId(id);
            if (!current)
                throw ApiError::notFound(QStringLiteral("Price"));
            ModelPrice changed = *current;
            changed.inputMicroUsdPerMtok = input.value_or(current->inputMicroUsdPerMtok);
            changed.outputMicroUsdPerMtok = output.value_or(current->outputMicroUsdPerMtok);
            changed.free = free.value_or(current->free);
            changed.effectiveFrom = effectiveFrom.value_or(current->effectiveFrom);
            changed.source = source.value_or(current->source);
            if (changed.free && (changed.inputMicroUsdPerMtok != 0 || changed.outputMicroUsdPerMtok != 0))
                throw ApiError::validation(QStringLiteral("free"),
                                           QStringLiteral("A free model's prices must be 0"));
            return jsonResponse(200, PriceBookStore::toJson(store.change(id, changed, now)));
        },
        std::move(respond));
}

// Imports OpenRouter's GET /models answer as it is. A model whose price in force at effective_from is
// already the same is left alone, so importing the same list twice adds nothing.
void importPrices(ServerContext& context, const Call& call, Responder respond)
{
    const ApiRequest& request = call.request();
    const Principal& principal = call.principal();
    const qint64 now = context.clock.nowMs();
    std::optional<qint64> effectiveFrom = now;
    if (request.hasQuery(QStringLiteral("effective_from"))) {
        effectiveFrom = parseTimestamp(request.queryValue(QStringLiteral("effective_from")));
        if (!effectiveFrom)
            throw ApiError::validation(QStringLiteral("effective_from"),
                                       QStringLiteral("'effective_from' must be an RFC 3339 timestamp"));
    }
    const OpenRouterImport parsed = parseOpenRouterModels(request.body);
    const qint64 adminId = principal.userId;
    const qint64 from = *effectiveFrom;
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            PriceBookStore store(db);
            const std::shared_ptr<const Pricing> current = store.load();
            QJsonArray added;
            qint64 unchanged = 0;
            for (ModelPrice price : parsed.prices) {
                const ModelPrice* existing = current->book.find(price.model, from);
                if (existing && existing->inputMicroUsdPerMtok == price.inputMicroUsdPerMtok &&
                    existing->outputMicroUsdPerMtok == price.outputMicroUsdPerMtok &&
                    existing->free == price.free) {
                    ++unchanged;
                    continue;
                }
                price.effectiveFrom = from;
                added.append(PriceBookStore::toJson(store.add(price, adminId, now)));
            }
            return jsonResponse(200, QJsonObject{{QStringLiteral("added"), added},
                                                 {QStringLiteral("unchanged"), unchanged},
                                                 {QStringLiteral("skipped"), parsed.skipped}});
        },
        std::move(respond));
}

ApiResponse getRateCard(ServerContext& context, const Call&)
{
    return jsonResponse(200, PriceBookStore::toJson(PriceBookStore(context.store.reader()).load()->rateCard));
}

void changeRateCard(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"tokens", "compute", "tts", "search", "agent"});
    std::vector<std::pair<QString, RateCardEntry>> changes;
    for (const char* name : RateCard::kEntryNames) {
        if (!body.has(name))
            continue;
        const QString field = QLatin1String(name);
        const JsonBody inner = body.nestedObject(name, QStringLiteral("{\"credits\": n, \"per\": n}"));
        inner.rejectUnknownFields({"credits", "per"});
        changes.emplace_back(field, RateCardEntry{inner.requiredInteger("credits", 0, 1'000'000'000),
                                                  inner.requiredInteger("per", 1, 1'000'000'000)});
    }
    if (changes.empty())
        throw ApiError::validation(QStringLiteral("tokens"),
                                   QStringLiteral("Name at least one rate card entry to change"));
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            PriceBookStore store(db);
            for (const auto& [name, entry] : changes)
                store.setRateCardEntry(name, entry, now);
            return jsonResponse(200, PriceBookStore::toJson(store.load()->rateCard));
        },
        std::move(respond));
}

} // namespace

void registerPricingRoutes(RouteTable& routes, const std::shared_ptr<MeteringModule::State>&)
{
    routes.add("GET", QStringLiteral("/api/v1/admin/prices"), AccessRule::signedIn(), listPrices);
    routes.addAsync("POST", QStringLiteral("/api/v1/admin/prices"), AccessRule::platformAdmin(),
                    "price.added", addPrice);
    routes.addAsync("PATCH", QStringLiteral("/api/v1/admin/prices/{id}"), AccessRule::platformAdmin(),
                    "price.changed", changePrice);
    routes.addAsync("POST", QStringLiteral("/api/v1/admin/prices/import"), AccessRule::platformAdmin(),
                    "price.imported", importPrices);
    routes.add("GET", QStringLiteral("/api/v1/admin/rate-card"), AccessRule::signedIn(), getRateCard);
    routes.addAsync("PATCH", QStringLiteral("/api/v1/admin/rate-card"), AccessRule::platformAdmin(),
                    "rate_card.changed", changeRateCard);
}

} // namespace creditdesk::server
