#pragma once

#include "ledger/Ledger.h"
#include "store/Sql.h"

#include <QString>

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace creditdesk::server {

// One department budget or member limit of an organization's pool, as the ledger enforces it.
struct BudgetLine
{
    qint64 id = 0;
    QString scope; // "department" | "member"
    qint64 scopeId = 0;
    qint64 credits = 0;
    bool month = true;      // "month": the organization's billing period; otherwise "total" (all time)
    bool hard = true;       // "hard": refused beyond it; "soft": charged, the crossing recorded
    qint64 periodStart = 0; // the counter's period: the billing period's start (month) or 0 (total)
    qint64 spent = 0;       // charged in the period so far (refunds of its charges taken off)
    qint64 held = 0;        // open holds attributed to the scope
    qint64 used() const { return spent + held; }
    // The spent value at which the next armed alert rule of the line's kind fires (alerts/AlertEngine.h).
    qint64 alertAt = 0;
    bool covers(const Attribution& who) const;
};

// The budgets of one billing account, read once after the account is locked (docs/ledger.md,
// "Budgets"). The account's lock serializes every charge of the pool, so the counters read here stay
// right for the rest of the transaction, and the charges update them in memory and through the
// connection's BudgetBuffer (written once per write group, like the DebitBuffer's rows). Nothing here
// sums transactions: that happens only when a budget is set (usedFromHistory).
class BudgetGuard
{
public:
    // The account's budgets with their counters and open holds; empty when it has none.
    static BudgetGuard load(SqlConnection& db, qint64 accountId);

    bool empty() const { return m_lines.empty(); }
    const std::vector<BudgetLine>& lines() const { return m_lines; }
    // 403 budget_exceeded when `credits` more for `who` would take a hard line beyond its credits: the
    // member's limit is checked first, then the department's budget. `releasing` is a hold of `who` that
    // the charge replaces (a settlement), no longer counted as used.
    std::optional<ApiError> refusal(const Attribution& who, qint64 credits, qint64 releasing = 0) const;
    void require(const Attribution& who, qint64 credits, qint64 releasing = 0) const;
    // Counts `credits` charged for `who` (and a hold released by it) on every line covering them; soft
    // lines crossed by it are kept for recordCrossings().
    void spend(SqlConnection& db, const Attribution& who, qint64 credits, qint64 releasing = 0);
    // A refund of a charge made at `chargedAt`: taken off the lines whose period holds that time.
    void refund(SqlConnection& db, const Attribution& who, qint64 credits, qint64 chargedAt);
    // Writes the soft crossings seen since the last call (budget_crossings) and fires the alert rules of
    // the lines whose alert point the charges since the last call reached.
    void recordCrossings(SqlConnection& db, qint64 nowMs);

    // The organization account's current billing period start (0 when it has no subscription).
    static qint64 currentPeriodStart(SqlConnection& db, qint64 accountId);
    // What a scope has spent since `periodStart` by the ledger's own rows: deductions, less refunds of
    // those, plus overage of usage events. Used when a budget is set, never when charging.
    static qint64 usedFromHistory(SqlConnection& db, qint64 accountId, const QString& scope, qint64 scopeId,
                                  qint64 periodStart);
    // Open holds of the account attributed to a scope.
    static qint64 openHolds(SqlConnection& db, qint64 accountId, const QString& scope, qint64 scopeId);

private:
    struct Crossing
    {
        BudgetLine line;
        qint64 usedBefore = 0;
        qint64 usedAfter = 0;
    };
    const BudgetLine* lineFor(const QString& scope, const std::optional<qint64>& scopeId) const;

    qint64 m_organizationId = 0;
    qint64 m_accountId = 0;
    std::vector<BudgetLine> m_lines;
    std::vector<Crossing> m_crossings;
    std::vector<qint64> m_alertLines; // ids of lines that reached their alert point
};

// The budget counters' changes of the current transaction: (budget id, period start) → credits, written
// once when the connection flushes (before any other statement and before the commit).
class BudgetBuffer final : public TransactionBuffer
{
public:
    void add(SqlConnection& db, qint64 budgetId, qint64 periodStart, qint64 credits);
    void flush(SqlConnection& db) override;
    void reset() override { m_deltas.clear(); }

private:
    std::map<std::pair<qint64, qint64>, qint64> m_deltas;
};

} // namespace creditdesk::server
