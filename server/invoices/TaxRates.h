#pragma once

#include "invoices/TaxCalculator.h"
#include "store/Sql.h"

#include <QJsonArray>

#include <vector>

namespace creditdesk::server {

// The tax-rate table (docs/admin-guide.md "Tax"), inside the caller's transaction: seeded once from the
// compiled-in resources/tax-rates.json, then edited as a whole by platform admins.
class TaxRates
{
public:
    explicit TaxRates(SqlConnection& db) : m_db(db) {}

    // Installs resources/tax-rates.json unless the table was seeded before (an emptied table stays
    // empty). Returns the number of rates added.
    int seedOnce(qint64 nowMs);
    std::vector<TaxRate> all(); // by country, then region
    void replace(const std::vector<TaxRate>& rates);

    static QJsonArray toJson(const std::vector<TaxRate>& rates);
    // The shipped table (the resource), as it is.
    static std::vector<TaxRate> shipped();

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
