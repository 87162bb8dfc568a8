#include "metering/UsageReports.h"

#include "core/CreditValue.h"

namespace creditdesk::server {

void UsageTotals::add(const UsageTotals& other)
{
    events += other.events;
    errorEvents += other.errorEvents;
    tokensInput += other.tokensInput;
    tokensOutput += other.tokensOutput;
    computeMs += other.computeMs;
    units += other.units;
    costMicroUsd += other.costMicroUsd;
    markupMicroUsd += other.markupMicroUsd;
    creditsMicro += other.creditsMicro;
    chargedCredits += other.chargedCredits;
    overageCredits += other.overageCredits;
    version = std::max(version, other.version);
}

void UsageTotals::writeTo(QJsonObject& object) const
{
    object.insert(QStringLiteral("events"), events);
    object.insert(QStringLiteral("error_events"), errorEvents);
    object.insert(QStringLiteral("tokens_input"), tokensInput);
    object.insert(QStringLiteral("tokens_output"), tokensOutput);
    object.insert(QStringLiteral("tokens_total"), tokensInput + tokensOutput);
    object.insert(QStringLiteral("compute_ms"), computeMs);
    object.insert(QStringLiteral("units"), units);
    object.insert(QStringLiteral("cost_micro_usd"), costMicroUsd);
    object.insert(QStringLiteral("markup_micro_usd"), markupMicroUsd);
    object.insert(QStringLiteral("credits"), chargedCredits);
    object.insert(QStringLiteral("credits_micro"), creditsMicro);
    object.insert(QStringLiteral("overage_credits"), overageCredits);
    // 1 credit = 40 micro-dollars, so a cent is 250 credits = 250,000,000 micro-credits.
    constexpr qint64 kMicroCreditsPerCent = kCreditsPerCent * 1'000'000;
    const auto twice = static_cast<__int128>(creditsMicro) * 2 + kMicroCreditsPerCent;
    object.insert(QStringLiteral("amount_minor"), static_cast<qint64>(twice / (2 * kMicroCreditsPerCent)));
}

qint64 UsageReports::currentVersion()
{
    const auto row =
        m_db.row(QStringLiteral("SELECT value FROM metering_state WHERE name = 'rollup_version'"));
    return row ? asInt(row->at(0)) : 0;
}

std::vector<ReportRow> UsageReports::rows(const ReportQuery& query, ReportGrouping grouping)
{
    QString keys;
    switch (grouping) {
    case ReportGrouping::Total:
        break;
    case ReportGrouping::Kind:
        keys = QStringLiteral("kind");
        break;
    case ReportGrouping::Model:
        keys = QStringLiteral("kind, provider, model, is_free");
        break;
    case ReportGrouping::Day:
        keys = QStringLiteral("day");
        break;
    case ReportGrouping::DayModel:
        keys = QStringLiteral("day, kind, provider, model");
        break;
    case ReportGrouping::Member:
        keys = QStringLiteral("member_id, department_id");
        break;
    case ReportGrouping::Department:
        keys = QStringLiteral("department_id");
        break;
    }
    // The smallest rollup that has every column the report needs: whole-account reports by model or
    // date read the one without members, reports by member or department the one without models.
    const bool filtered = query.memberId || query.departmentId;
    const bool perMember = grouping == ReportGrouping::Member || grouping == ReportGrouping::Department;
    const QString table = perMember && !query.freeModelsOnly ? QStringLiteral("usage_rollups_by_member")
                          : !perMember && !filtered          ? QStringLiteral("usage_rollups_by_model")
                                                             : QStringLiteral("usage_rollups");
    QString sql =
        QStringLiteral("SELECT ") + (keys.isEmpty() ? QString() : keys + QStringLiteral(", ")) +
        QStringLiteral("COUNT(*), SUM(events), SUM(error_events), SUM(tokens_input), SUM(tokens_output), "
                       "SUM(compute_ms), SUM(units), SUM(cost_micro_usd), SUM(markup_micro_usd), "
                       "SUM(credits_micro), SUM(charged_credits), SUM(overage_credits), MAX(version) FROM ") +
        table + QStringLiteral(" WHERE scope_account_id = ? AND day >= ? AND day <= ?");
    QVariantList binds{query.scopeAccountId, query.fromDay, query.toDay};
    if (query.memberId) {
        sql += QStringLiteral(" AND member_id = ?");
        binds.append(*query.memberId);
    }
    if (query.departmentId) {
        sql += QStringLiteral(" AND department_id = ?");
        binds.append(*query.departmentId);
    }
    if (query.freeModelsOnly)
        sql += QStringLiteral(" AND is_free = 1");
    if (!keys.isEmpty())
        sql += QStringLiteral(" GROUP BY ") + keys + QStringLiteral(" ORDER BY ") + keys;
    const int keyCount = keys.isEmpty() ? 0 : static_cast<int>(keys.count(QLatin1Char(',')) + 1);
    std::vector<ReportRow> result;
    for (const Row& row : m_db.rows(sql, binds)) {
        if (asInt(row[keyCount]) == 0)
            continue; // the aggregate over no rows (SUMs are NULL)
        ReportRow out;
        for (int k = 0; k < keyCount; ++k)
            out.key.append(row[k]);
        const auto at = [&](int offset) { return asInt(row[keyCount + offset]); };
        out.totals = UsageTotals{at(1), at(2), at(3), at(4),  at(5),  at(6),
                                 at(7), at(8), at(9), at(10), at(11), at(12)};
        result.push_back(std::move(out));
    }
    return result;
}

} // namespace creditdesk::server
