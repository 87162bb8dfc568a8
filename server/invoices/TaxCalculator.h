#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// One row of the tax-rate table (resources/tax-rates.json, GET|PUT /api/v1/admin/tax-rates): the
// country's rate when region is empty, a region's own rate otherwise (US states, ...).
struct TaxRate
{
    QString country; // ISO 3166-1 alpha-2
    QString region;  // "" or the region's code ("CA")
    QString name;    // "VAT", "Sales tax", ...
    qint64 rateBasisPoints = 0;
};

// What decides a buyer's tax: the billing profile's country and region, tax id and exemption.
struct TaxBuyer
{
    QString country; // "" without a billing profile (or without a country in it)
    QString region;
    QString taxId;
    bool exempt = false;
    QString exemptionReason;
};

// One tax line of an invoice: one per rate (today an invoice has one buyer, so at most one line).
struct TaxLine
{
    QString country; // the jurisdiction (the tax report groups by it)
    QString region;
    QString name;
    QString treatment; // "standard" | "reverse_charge" | "exempt"
    qint64 rateBasisPoints = 0;
    qint64 taxableMinor = 0;
    qint64 taxMinor = 0;
    QString note; // the reverse-charge or exemption text printed on the invoice; "" otherwise
};

// The tax of one invoice from plain data, without SQL (docs/admin-guide.md "Tax"): whoever computes tax
// for many invoices at once loads the profiles and the rate table in bulk and calls this per invoice.
//
// - An exempt buyer pays none: one "exempt" line at 0 with the exemption reason as its note.
// - An EU business buyer (a tax id) in another EU member state than an EU seller: reverse charge, a line
//   at 0 with the legal note (Art. 196 of Directive 2006/112/EC).
// - Otherwise the buyer's country decides (its region's rate where the table has one, else the
//   country's); a buyer without a country pays the seller's country's rate. A country without a rate in
//   the table, or neither country known, gives no tax line.
// - Tax is rounded once per line (per rate per invoice), half up: (taxable × bp + 5,000) / 10,000, a
//   negative taxable amount rounded by its magnitude the same way.
class TaxCalculator
{
public:
    static constexpr const char* kReverseChargeNote =
        "Reverse charge: VAT to be accounted for by the recipient, Art. 196 Council Directive 2006/112/EC";

    TaxCalculator(QString sellerCountry, std::vector<TaxRate> rates)
        : m_sellerCountry(std::move(sellerCountry)), m_rates(std::move(rates))
    {
    }

    std::vector<TaxLine> linesFor(const TaxBuyer& buyer, qint64 taxableMinor) const;

    // The rate of (country, region): the region's own row, else the country's (region ""); none without.
    std::optional<TaxRate> rateFor(const QString& country, const QString& region) const;
    static bool isEuMember(const QString& country);
    // amount × basisPoints / 10,000, half up (away from zero for a negative amount).
    static qint64 applyRate(qint64 amountMinor, qint64 basisPoints);

private:
    QString m_sellerCountry;
    std::vector<TaxRate> m_rates;
};

} // namespace creditdesk::server
