#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QVariantList>

#include <optional>
#include <vector>

namespace creditdesk::server {

// What a usage report covers: one addressed account (an organization's or a user's), a range of UTC
// days, and the caller's row scope (managers: their department; members: themselves).
struct ReportQuery
{
    qint64 scopeAccountId = 0;
    qint64 fromDay = 0; // days since 1970-01-01, inclusive
    qint64 toDay = 0;
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    bool freeModelsOnly = false;
};

struct UsageTotals
{
    qint64 events = 0;
    qint64 errorEvents = 0;
    qint64 tokensInput = 0;
    qint64 tokensOutput = 0;
    qint64 computeMs = 0;
    qint64 units = 0;
    qint64 costMicroUsd = 0;
    qint64 markupMicroUsd = 0;
    qint64 creditsMicro = 0;
    qint64 chargedCredits = 0;
    qint64 overageCredits = 0; // beyond what the balance covered: billed on the invoice, not in `credits`
    qint64 version = 0;        // the newest rollup version in the group

    void add(const UsageTotals& other);
    // Whole credits are what the ledger charged; credits_micro is the exact rating behind them, and
    // amount_minor its value in cents at $1 = 25,000 credits (rounded half up).
    void writeTo(QJsonObject& object) const;
};

enum class ReportGrouping
{
    Total,
    Kind,
    Model,
    Day,
    DayModel, // day, kind, provider, model
    Member,
    Department
};

struct ReportRow
{
    QVariantList key; // the grouping's columns, in the order the grouping names them
    UsageTotals totals;
};

// Reads the daily usage rollups (never the raw events), so a report over ten million events costs the
// same as one over a thousand.
class UsageReports
{
public:
    explicit UsageReports(SqlConnection& db) : m_db(db) {}

    std::vector<ReportRow> rows(const ReportQuery& query, ReportGrouping grouping);
    qint64 currentVersion();

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
