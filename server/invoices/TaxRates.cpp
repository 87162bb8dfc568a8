#include "invoices/TaxRates.h"

#include "core/Json.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

namespace creditdesk::server {

std::vector<TaxRate> TaxRates::shipped()
{
    QFile file(QStringLiteral(":/creditdesk/tax-rates.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("the tax-rate resource is missing");
    std::vector<TaxRate> rates;
    const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue& value : document.value(QLatin1String("data")).toArray()) {
        const QJsonObject rate = value.toObject();
        rates.push_back(TaxRate{rate.value(QLatin1String("country")).toString(),
                                rate.value(QLatin1String("region")).toString(),
                                rate.value(QLatin1String("name")).toString(),
                                rate.value(QLatin1String("rate_basis_points")).toInteger()});
    }
    return rates;
}

int TaxRates::seedOnce(qint64 nowMs)
{
    const auto inserted =
        m_db.row(QStringLiteral("INSERT INTO tax_rates_seeded (id, seeded_at) VALUES (1, ?) "
                                "ON CONFLICT (id) DO NOTHING RETURNING id"),
                 {nowMs});
    if (!inserted)
        return 0;
    const std::vector<TaxRate> rates = shipped();
    replace(rates);
    return static_cast<int>(rates.size());
}

std::vector<TaxRate> TaxRates::all()
{
    std::vector<TaxRate> rates;
    for (const Row& r : m_db.rows(QStringLiteral("SELECT country, region, name, rate_basis_points "
                                                 "FROM tax_rates ORDER BY country, region")))
        rates.push_back(TaxRate{r[0].toString(), r[1].toString(), r[2].toString(), asInt(r[3])});
    return rates;
}

void TaxRates::replace(const std::vector<TaxRate>& rates)
{
    m_db.execute(QStringLiteral("DELETE FROM tax_rates"));
    for (const TaxRate& rate : rates)
        m_db.execute(QStringLiteral("INSERT INTO tax_rates (country, region, name, rate_basis_points) "
                                    "VALUES (?, ?, ?, ?)"),
                     {rate.country, rate.region, rate.name, rate.rateBasisPoints});
}

QJsonArray TaxRates::toJson(const std::vector<TaxRate>& rates)
{
    QJsonArray data;
    for (const TaxRate& rate : rates)
        data.append(QJsonObject{{QStringLiteral("country"), rate.country},
                                {QStringLiteral("region"), rate.region},
                                {QStringLiteral("name"), rate.name},
                                {QStringLiteral("rate_basis_points"), rate.rateBasisPoints}});
    return data;
}

} // namespace creditdesk::server
