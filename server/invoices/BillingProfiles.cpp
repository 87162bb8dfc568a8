#include "invoices/BillingProfiles.h"

#include "core/Json.h"

namespace creditdesk::server {

QJsonObject BillingProfile::toJson() const
{
    return QJsonObject{{QStringLiteral("legal_name"), legalName},
                       {QStringLiteral("email"), email},
                       {QStringLiteral("address"), QJsonObject{{QStringLiteral("line1"), line1},
                                                               {QStringLiteral("line2"), line2},
                                                               {QStringLiteral("city"), city},
                                                               {QStringLiteral("postal_code"), postalCode},
                                                               {QStringLiteral("region"), region},
                                                               {QStringLiteral("country"), country}}},
                       {QStringLiteral("tax_id"), taxId},
                       {QStringLiteral("tax_exempt"), taxExempt},
                       {QStringLiteral("exemption_reason"), exemptionReason}};
}

TaxBuyer BillingProfile::taxBuyer() const
{
    return TaxBuyer{country, region, taxId, taxExempt, exemptionReason};
}

QString BillingProfiles::columns(const QString& alias)
{
    QStringList names;
    for (const char* column : {"legal_name", "email", "line1", "line2", "city", "postal_code", "region",
                               "country", "tax_id", "tax_exempt", "exemption_reason"})
        names.append(alias + QLatin1Char('.') + QLatin1String(column));
    return names.join(QStringLiteral(", "));
}

BillingProfile BillingProfiles::fromRow(const Row& row, int first)
{
    const auto r = [&row, first](int i) { return row.at(static_cast<std::size_t>(first + i)); };
    return BillingProfile{r(0).toString(), r(1).toString(),  r(2).toString(), r(3).toString(),
                          r(4).toString(), r(5).toString(),  r(6).toString(), r(7).toString(),
                          r(8).toString(), asInt(r(9)) != 0, r(10).toString()};
}

std::optional<BillingProfile> BillingProfiles::find(qint64 accountId)
{
    const auto row = m_db.row(QStringLiteral("SELECT %1 FROM billing_profiles p WHERE p.account_id = ?")
                                  .arg(columns(QStringLiteral("p"))),
                              {accountId});
    if (!row)
        return std::nullopt;
    return fromRow(*row, 0);
}

void BillingProfiles::put(qint64 accountId, const BillingProfile& p, qint64 nowMs)
{
    m_db.execute(
        QStringLiteral(
            "INSERT INTO billing_profiles (account_id, legal_name, email, line1, line2, city, postal_code, "
            "region, country, tax_id, tax_exempt, exemption_reason, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET "
            "legal_name = excluded.legal_name, email = excluded.email, line1 = excluded.line1, "
            "line2 = excluded.line2, city = excluded.city, postal_code = excluded.postal_code, "
            "region = excluded.region, country = excluded.country, tax_id = excluded.tax_id, "
            "tax_exempt = excluded.tax_exempt, exemption_reason = excluded.exemption_reason, "
            "updated_at = excluded.updated_at"),
        {accountId, p.legalName, p.email, p.line1, p.line2, p.city, p.postalCode, p.region, p.country,
         p.taxId, p.taxExempt ? 1 : 0, p.exemptionReason, nowMs});
}

} // namespace creditdesk::server
