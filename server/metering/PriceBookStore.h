#pragma once

#include "metering/Rating.h"
#include "store/Sql.h"

#include <QJsonObject>

#include <memory>
#include <mutex>
#include <vector>

namespace creditdesk::server {

// The price book and rate card as rating needs them, at one version.
struct Pricing
{
    PriceBook book;
    RateCard rateCard;
    qint64 version = 0;
};

// The price book's tables (model_prices, rate_card). Prices are append-only history: a change is a new
// row from a later effective date, so an event is always rated with the price in force when it occurred.
// Only rows whose effective date is still in the future may be edited (nothing was rated with them yet).
class PriceBookStore
{
public:
    explicit PriceBookStore(SqlConnection& db) : m_db(db) {}

    std::shared_ptr<const Pricing> load();
    qint64 version();
    // Installs resources/price-book.json when the table is empty. Returns the number of prices added.
    int installDefaults(qint64 nowMs);

    std::vector<ModelPrice> list(const QString& model = {});
    std::optional<ModelPrice> byId(qint64 id);
    // Throws 409 price_exists when the model already has a price from that moment.
    ModelPrice add(ModelPrice price, std::optional<qint64> createdBy, qint64 nowMs);
    // Throws 409 price_in_effect when the price is already in force.
    ModelPrice change(qint64 id, const ModelPrice& changed, qint64 nowMs);
    void setRateCardEntry(const QString& name, const RateCardEntry& entry, qint64 nowMs);

    static QJsonObject toJson(const ModelPrice& price);
    static QJsonObject toJson(const RateCard& rateCard);

private:
    void bumpVersion();
    SqlConnection& m_db;
};

// Process-wide cache of the current Pricing, reloaded when another writer (or server process) bumped
// the version. Cheap to ask: one single-row read per call.
class PricingCache
{
public:
    std::shared_ptr<const Pricing> current(SqlConnection& db);

private:
    std::mutex m_mutex;
    std::shared_ptr<const Pricing> m_current;
};

} // namespace creditdesk::server
