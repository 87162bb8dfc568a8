#include "invoices/TaxReport.h"

#include "core/Json.h"

#include <QJsonArray>

#include <map>
#include <tuple>

namespace creditdesk::server {

namespace {

// numerator ÷ denominator rounded half up (away from zero for a negative numerator); denominator > 0.
qint64 divideHalfUp(qint64 numerator, qint64 denominator)
{
    const qint64 magnitude = numerator < 0 ? -numerator : numerator;
    const qint64 rounded = (2 * magnitude + denominator) / (2 * denominator);
    return numerator < 0 ? -rounded : rounded;
}

using Key = std::tuple<QString, QString, qint64, QString>; // country, region, rate, name

void add(std::map<Key, TaxReportRow>& rows, const Row& r, int first, qint64 taxable, qint64 tax)
{
    const QString country = r[first].toString();
    const QString region = r[first + 1].toString();
    const QString name = r[first + 2].toString();
    const qint64 rate = asInt(r[first + 3]);
    const QString treatment = r[first + 4].toString();
    TaxReportRow& row = rows[Key{country, region, rate, name}];
    row.country = country;
    row.region = region;
    row.name = name;
    row.rateBasisPoints = rate;
    if (treatment == QLatin1String("exempt"))
        row.exemptMinor += taxable;
    else if (treatment == QLatin1String("reverse_charge"))
        row.reverseChargedMinor += taxable;
    else {
        row.taxableMinor += taxable;
        row.taxMinor += tax;
    }
}

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

std::vector<TaxReportRow> TaxReport::between(qint64 fromMs, qint64 toMs)
{
    std::map<Key, TaxReportRow> rows;
    // Invoices issued in the range, summed per line kind by the database.
    for (const Row& r : m_db.rows(
             QStringLiteral(
                 "SELECT t.country, t.region, t.name, t.rate_basis_points, t.treatment, "
                 "SUM(t.taxable_minor), "
                 "SUM(t.tax_minor) FROM invoice_taxes t JOIN invoices i ON i.id = t.invoice_id "
                 "WHERE i.issued_at >= ? AND i.issued_at < ? AND i.status <> 'void' AND i.status <> 'draft' "
                 "GROUP BY t.country, t.region, t.name, t.rate_basis_points, t.treatment"),
             {fromMs, toMs}))
        add(rows, r, 0, asInt(r[5]), asInt(r[6]));
    // Credit notes issued in the range (whenever their invoice was), each rounded on its own.
    for (const Row& r : m_db.rows(
             QStringLiteral(
                 "SELECT c.amount_minor, i.total_minor, t.taxable_minor, t.tax_minor, t.country, t.region, "
                 "t.name, t.rate_basis_points, t.treatment FROM credit_notes c "
                 "JOIN invoices i ON i.id = c.invoice_id JOIN invoice_taxes t ON t.invoice_id = i.id "
                 "WHERE c.issued_at >= ? AND c.issued_at < ? AND i.status <> 'void' AND i.total_minor > 0"),
             {fromMs, toMs})) {
        const qint64 amount = asInt(r[0]);
        const qint64 total = asInt(r[1]);
        add(rows, r, 4, -divideHalfUp(amount * asInt(r[2]), total),
            -divideHalfUp(amount * asInt(r[3]), total));
    }
    std::vector<TaxReportRow> report;
    report.reserve(rows.size());
    for (auto& [key, row] : rows)
        report.push_back(std::move(row));
    return report;
}

QJsonObject TaxReport::toJson(const std::vector<TaxReportRow>& rows)
{
    QJsonArray data;
    for (const TaxReportRow& row : rows)
        data.append(QJsonObject{{QStringLiteral("country"), row.country},
                                {QStringLiteral("region"), row.region},
                                {QStringLiteral("name"), row.name},
                                {QStringLiteral("rate_basis_points"), row.rateBasisPoints},
                                {QStringLiteral("taxable_minor"), row.taxableMinor},
                                {QStringLiteral("tax_minor"), row.taxMinor},
                                {QStringLiteral("exempt_minor"), row.exemptMinor},
                                {QStringLiteral("reverse_charged_minor"), row.reverseChargedMinor}});
    return QJsonObject{{QStringLiteral("data"), data}};
}

QByteArray TaxReport::toCsv(const std::vector<TaxReportRow>& rows)
{
    QString csv = QStringLiteral(
        "country,region,name,rate_basis_points,taxable_minor,tax_minor,exempt_minor,reverse_charged_minor\n");
    for (const TaxReportRow& row : rows)
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
                   .arg(csvField(row.country), csvField(row.region), csvField(row.name))
                   .arg(row.rateBasisPoints)
                   .arg(row.taxableMinor)
                   .arg(row.taxMinor)
                   .arg(row.exemptMinor)
                   .arg(row.reverseChargedMinor);
    return csv.toUtf8();
}

} // namespace creditdesk::server
