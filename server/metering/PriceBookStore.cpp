#include "metering/PriceBookStore.h"

#include "core/Json.h"
#include "metering/PriceImport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk::server {

namespace {

const QString kPriceColumns =
    QStringLiteral("id, provider, model, input_micro_usd_per_mtok, output_micro_usd_per_mtok, "
                   "is_free, effective_from, source");

ModelPrice priceFromRow(const Row& row)
{
    ModelPrice price;
    price.id = asInt(row[0]);
    price.provider = row[1].toString();
    price.model = row[2].toString();
    price.inputMicroUsdPerMtok = asInt(row[3]);
    price.outputMicroUsdPerMtok = asInt(row[4]);
    price.free = asInt(row[5]) != 0;
    price.effectiveFrom = asInt(row[6]);
    price.source = row[7].toString();
    return price;
}

} // namespace

qint64 PriceBookStore::version()
{
    const auto row =
        m_db.row(QStringLiteral("SELECT value FROM metering_state WHERE name = 'pricing_version'"));
    return row ? asInt(row->at(0)) : 0;
}

void PriceBookStore::bumpVersion()
{
    m_db.execute(
        QStringLiteral("UPDATE metering_state SET value = value + 1 WHERE name = 'pricing_version'"));
}

std::shared_ptr<const Pricing> PriceBookStore::load()
{
    auto pricing = std::make_shared<Pricing>();
    pricing->version = version();
    std::vector<ModelPrice> prices;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT ") + kPriceColumns + QStringLiteral(" FROM model_prices")))
        prices.push_back(priceFromRow(row));
    pricing->book = PriceBook(std::move(prices), pricing->version);
    for (const Row& row : m_db.rows(QStringLiteral("SELECT name, credits, per_units FROM rate_card"))) {
        if (RateCardEntry* entry = pricing->rateCard.entry(row[0].toString()))
            *entry = RateCardEntry{asInt(row[1]), asInt(row[2])};
    }
    return pricing;
}

int PriceBookStore::installDefaults(qint64 nowMs)
{
    if (asInt(m_db.row(QStringLiteral("SELECT COUNT(*) FROM model_prices"))->at(0)) > 0)
        return 0;
    QFile file(QStringLiteral(":/creditdesk/price-book.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("the default price book resource is missing");
    const QJsonObject book = QJsonDocument::fromJson(file.readAll()).object();
    const auto effectiveFrom = parseTimestamp(book.value(QLatin1String("effective_from")).toString());
    if (!effectiveFrom)
        throw std::runtime_error("the default price book has no valid effective_from");
    int added = 0;
    for (const QJsonValue& value : book.value(QLatin1String("models")).toArray()) {
        const QJsonObject model = value.toObject();
        ModelPrice price;
        price.model = model.value(QLatin1String("id")).toString();
        price.provider = providerOfModelId(price.model);
        const auto input = usdPerMtokToMicroUsdPerMtok(model.value(QLatin1String("input")).toString());
        const auto output = usdPerMtokToMicroUsdPerMtok(model.value(QLatin1String("output")).toString());
        if (!isValidModelId(price.model) || !input || !output)
            throw std::runtime_error("the default price book has an invalid entry: " +
                                     price.model.toStdString());
        price.inputMicroUsdPerMtok = *input;
        price.outputMicroUsdPerMtok = *output;
        price.free = price.model.endsWith(QLatin1String(":free")) || (*input == 0 && *output == 0);
        price.effectiveFrom = *effectiveFrom;
        price.source = QStringLiteral("default price book (") +
                       model.value(QLatin1String("source")).toString() + QLatin1Char(')');
        add(price, std::nullopt, nowMs);
        ++added;
    }
    return added;
}

std::vector<ModelPrice> PriceBookStore::list(const QString& model)
{
    std::vector<ModelPrice> prices;
    const auto rows =
        model.isEmpty()
            ? m_db.rows(QStringLiteral("SELECT ") + kPriceColumns +
                        QStringLiteral(" FROM model_prices ORDER BY model, effective_from"))
            : m_db.rows(QStringLiteral("SELECT ") + kPriceColumns +
                            QStringLiteral(" FROM model_prices WHERE model = ? ORDER BY effective_from"),
                        {model});
    for (const Row& row : rows)
        prices.push_back(priceFromRow(row));
    return prices;
}

std::optional<ModelPrice> PriceBookStore::byId(qint64 id)
{
    const auto row = m_db.row(
        QStringLiteral("SELECT ") + kPriceColumns + QStringLiteral(" FROM model_prices WHERE id = ?"), {id});
    return row ? std::optional(priceFromRow(*row)) : std::nullopt;
}

ModelPrice PriceBookStore::add(ModelPrice price, std::optional<qint64> createdBy, qint64 nowMs)
{
    if (m_db.row(QStringLiteral("SELECT 1 FROM model_prices WHERE model = ? AND effective_from = ?"),
                 {price.model, price.effectiveFrom}))
        throw ApiError::conflict(
            QStringLiteral("price_exists"),
            QStringLiteral("'%1' already has a price from that moment").arg(price.model.left(128)));
    const auto row =
        m_db.row(QStringLiteral("INSERT INTO model_prices (provider, model, input_micro_usd_per_mtok, "
                                "output_micro_usd_per_mtok, is_free, effective_from, source, created_by, "
                                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                 {price.provider, price.model, price.inputMicroUsdPerMtok, price.outputMicroUsdPerMtok,
                  price.free ? 1 : 0, price.effectiveFrom, price.source, nullableInt(createdBy), nowMs});
    price.id = asInt(row->at(0));
    bumpVersion();
    return price;
}

ModelPrice PriceBookStore::change(qint64 id, const ModelPrice& changed, qint64 nowMs)
{
    const auto current = byId(id);
    if (!current)
        throw ApiError::notFound(QStringLiteral("Price"));
    if (current->effectiveFrom <= nowMs)
        throw ApiError::conflict(
            QStringLiteral("price_in_effect"),
            QStringLiteral("This price is already in force and may have rated usage; add a new "
                           "price with a later effective_from instead"));
    if (changed.effectiveFrom <= nowMs)
        throw ApiError::validation(
            QStringLiteral("effective_from"),
            QStringLiteral("'effective_from' of a changed price must be in the future"));
    if (changed.effectiveFrom != current->effectiveFrom &&
        m_db.row(
            QStringLiteral("SELECT 1 FROM model_prices WHERE model = ? AND effective_from = ? AND id <> ?"),
            {current->model, changed.effectiveFrom, id}))
        throw ApiError::conflict(
            QStringLiteral("price_exists"),
            QStringLiteral("'%1' already has a price from that moment").arg(current->model.left(128)));
    m_db.execute(
        QStringLiteral("UPDATE model_prices SET input_micro_usd_per_mtok = ?, output_micro_usd_per_mtok = ?, "
                       "is_free = ?, effective_from = ?, source = ? WHERE id = ?"),
        {changed.inputMicroUsdPerMtok, changed.outputMicroUsdPerMtok, changed.free ? 1 : 0,
         changed.effectiveFrom, changed.source, id});
    bumpVersion();
    return *byId(id);
}

void PriceBookStore::setRateCardEntry(const QString& name, const RateCardEntry& entry, qint64 nowMs)
{
    m_db.execute(
        QStringLiteral("UPDATE rate_card SET credits = ?, per_units = ?, updated_at = ? WHERE name = ?"),
        {entry.credits, entry.per, nowMs, name});
    bumpVersion();
}

QJsonObject PriceBookStore::toJson(const ModelPrice& price)
{
    return QJsonObject{{QStringLiteral("id"), price.id},
                       {QStringLiteral("provider"), price.provider},
                       {QStringLiteral("model"), price.model},
                       {QStringLiteral("input_micro_usd_per_mtok"), price.inputMicroUsdPerMtok},
                       {QStringLiteral("output_micro_usd_per_mtok"), price.outputMicroUsdPerMtok},
                       {QStringLiteral("free"), price.free},
                       {QStringLiteral("effective_from"), formatTimestamp(price.effectiveFrom)},
                       {QStringLiteral("source"), price.source}};
}

QJsonObject PriceBookStore::toJson(const RateCard& rateCard)
{
    QJsonObject object;
    for (const char* name : RateCard::kEntryNames) {
        const RateCardEntry* entry = rateCard.entry(QLatin1String(name));
        object.insert(QLatin1String(name), QJsonObject{{QStringLiteral("credits"), entry->credits},
                                                       {QStringLiteral("per"), entry->per}});
    }
    return object;
}

std::shared_ptr<const Pricing> PricingCache::current(SqlConnection& db)
{
    PriceBookStore store(db);
    const qint64 version = store.version();
    {
        std::lock_guard lock(m_mutex);
        if (m_current && m_current->version == version)
            return m_current;
    }
    auto loaded = store.load();
    std::lock_guard lock(m_mutex);
    if (!m_current || m_current->version < loaded->version)
        m_current = loaded;
    return loaded;
}

} // namespace creditdesk::server
