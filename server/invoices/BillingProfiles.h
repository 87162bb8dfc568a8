#pragma once

#include "invoices/TaxCalculator.h"
#include "store/Sql.h"

#include <QJsonObject>

#include <optional>

namespace creditdesk::server {

// A billing account's billing profile (docs/user-guide.md "Billing profile"): what its invoices print as
// the buyer, and what decides their tax (country, region, tax id, exemption).
struct BillingProfile
{
    QString legalName;
    QString email;
    QString line1;
    QString line2;
    QString city;
    QString postalCode;
    QString region;
    QString country;
    QString taxId;
    bool taxExempt = false;
    QString exemptionReason;

    // {"legal_name", "email", "address": {...}, "tax_id", "tax_exempt", "exemption_reason"}
    QJsonObject toJson() const;
    TaxBuyer taxBuyer() const;
};

// The billing_profiles table, inside the caller's transaction.
class BillingProfiles
{
public:
    explicit BillingProfiles(SqlConnection& db) : m_db(db) {}

    std::optional<BillingProfile> find(qint64 accountId);
    // The columns fromRow() reads, of the table under `alias` (for joins: Invoices reads the profile with
    // the buyer, a chunk of accounts at a time).
    static QString columns(const QString& alias);
    static BillingProfile fromRow(const Row& row, int first);
    void put(qint64 accountId, const BillingProfile& profile, qint64 nowMs);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
