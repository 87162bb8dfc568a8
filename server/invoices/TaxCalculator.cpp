#include "invoices/TaxCalculator.h"

#include <QSet>

namespace creditdesk::server {

bool TaxCalculator::isEuMember(const QString& country)
{
    // The 27 member states by ISO 3166 code (Greece is GR here; its VAT ids start with EL).
    static const QSet<QString> members{
        QStringLiteral("AT"), QStringLiteral("BE"), QStringLiteral("BG"), QStringLiteral("HR"),
        QStringLiteral("CY"), QStringLiteral("CZ"), QStringLiteral("DK"), QStringLiteral("EE"),
        QStringLiteral("FI"), QStringLiteral("FR"), QStringLiteral("DE"), QStringLiteral("GR"),
        QStringLiteral("HU"), QStringLiteral("IE"), QStringLiteral("IT"), QStringLiteral("LV"),
        QStringLiteral("LT"), QStringLiteral("LU"), QStringLiteral("MT"), QStringLiteral("NL"),
        QStringLiteral("PL"), QStringLiteral("PT"), QStringLiteral("RO"), QStringLiteral("SK"),
        QStringLiteral("SI"), QStringLiteral("ES"), QStringLiteral("SE")};
    return members.contains(country);
}

qint64 TaxCalculator::applyRate(qint64 amountMinor, qint64 basisPoints)
{
    // Integers only (docs/design.md §3); the amounts are far below where the product could overflow.
    const qint64 magnitude = amountMinor < 0 ? -amountMinor : amountMinor;
    const qint64 rounded = (magnitude * basisPoints + 5'000) / 10'000;
    return amountMinor < 0 ? -rounded : rounded;
}

std::optional<TaxRate> TaxCalculator::rateFor(const QString& country, const QString& region) const
{
    std::optional<TaxRate> countryRate;
    for (const TaxRate& rate : m_rates) {
        if (rate.country != country)
            continue;
        if (!region.isEmpty() && rate.region.compare(region, Qt::CaseInsensitive) == 0)
            return rate;
        if (rate.region.isEmpty())
            countryRate = rate;
    }
    return countryRate;
}

std::vector<TaxLine> TaxCalculator::linesFor(const TaxBuyer& buyer, qint64 taxableMinor) const
{
    const QString country = buyer.country.isEmpty() ? m_sellerCountry : buyer.country;
    const QString region = buyer.country.isEmpty() ? QString() : buyer.region;
    if (buyer.exempt) {
        const QString reason =
            buyer.exemptionReason.isEmpty() ? QStringLiteral("tax exempt customer") : buyer.exemptionReason;
        return {TaxLine{country, region, QStringLiteral("Tax exempt"), QStringLiteral("exempt"), 0,
                        taxableMinor, 0, QStringLiteral("Exempt from tax: %1").arg(reason)}};
    }
    if (country.isEmpty())
        return {};
    const std::optional<TaxRate> rate = rateFor(country, region);
    if (!buyer.taxId.isEmpty() && isEuMember(country) && isEuMember(m_sellerCountry) &&
        country != m_sellerCountry)
        return {TaxLine{country, region, rate ? rate->name : QStringLiteral("VAT"),
                        QStringLiteral("reverse_charge"), 0, taxableMinor, 0,
                        QString::fromLatin1(kReverseChargeNote)}};
    if (!rate)
        return {};
    return {TaxLine{rate->country, rate->region, rate->name, QStringLiteral("standard"),
                    rate->rateBasisPoints, taxableMinor, applyRate(taxableMinor, rate->rateBasisPoints),
                    QString()}};
}

} // namespace creditdesk::server
