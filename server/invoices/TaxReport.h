#pragma once

#include "store/Sql.h"

#include <QByteArray>
#include <QJsonObject>

#include <vector>

namespace creditdesk::server {

// One jurisdiction and rate of the tax report: what was taxed at the rate (taxable, tax), what was
// exempt and what was reverse-charged there, in minor units.
struct TaxReportRow
{
    QString country;
    QString region;
    QString name;
    qint64 rateBasisPoints = 0;
    qint64 taxableMinor = 0;
    qint64 taxMinor = 0;
    qint64 exemptMinor = 0;
    qint64 reverseChargedMinor = 0;
};

// The tax report (GET /api/v1/reports/tax, docs/admin-guide.md "Tax") on an issued basis: the tax lines
// of finalized, non-void invoices issued in [fromMs, toMs), less the credit notes issued in it. A credit
// note takes its share of each of its invoice's tax lines in proportion to the invoice's total:
// amount × line's taxable ÷ total and amount × line's tax ÷ total, each rounded half up.
class TaxReport
{
public:
    explicit TaxReport(SqlConnection& db) : m_db(db) {}

    std::vector<TaxReportRow> between(qint64 fromMs, qint64 toMs); // by country, region, rate

    static QJsonObject toJson(const std::vector<TaxReportRow>& rows);
    static QByteArray toCsv(const std::vector<TaxReportRow>& rows); // with a header row

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
