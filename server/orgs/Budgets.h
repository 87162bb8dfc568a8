#pragma once

#include "ledger/Ledger.h"
#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace creditdesk::server {

// What a department budget or a member limit says (without its counter).
struct BudgetTerms
{
    qint64 credits = 0;
    QString period = QStringLiteral("month");     // "month" | "total"
    QString enforcement = QStringLiteral("hard"); // "hard" | "soft"
    QJsonObject toJson() const;
    bool operator==(const BudgetTerms&) const = default;
};

// One change of a budget or limit (GET /organizations/{id}/budget-history).
struct BudgetHistoryEntry
{
    qint64 id = 0;
    qint64 at = 0;
    QString scope; // "department" | "member"
    qint64 scopeId = 0;
    std::optional<BudgetTerms> before;
    std::optional<BudgetTerms> after;
    Attribution actor;
    std::optional<QString> reason;
    std::optional<qint64> requestId;
    QJsonObject toJson() const;
};

struct BudgetRequest
{
    qint64 id = 0;
    qint64 organizationId = 0;
    qint64 departmentId = 0;
    qint64 credits = 0;
    QString reason;
    QString status; // "pending" | "approved" | "rejected"
    qint64 requestedBy = 0;
    qint64 createdAt = 0;
    std::optional<qint64> decidedBy;
    std::optional<qint64> decidedAt;
    std::optional<QString> note;
    QJsonObject toJson() const;
};

// A department's budget and what it has used (GET /organizations/{id}/departments).
struct DepartmentBudget
{
    std::optional<BudgetTerms> budget;
    qint64 usedThisPeriod = 0;
};

// Department budgets, member limits, budget requests and their history (docs/admin-guide.md, "Department
// budgets and member limits"). The ledger enforces them (ledger/BudgetGuard.h); here they are set,
// removed, asked for and decided, each change recorded in budget_history. A budget's counter starts at
// what the scope has already spent in its period, so spending before the budget was set counts.
class Budgets
{
public:
    Budgets(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    struct Change
    {
        std::optional<BudgetTerms> before;
        std::optional<BudgetTerms> after;
    };
    // scope "department" (scopeId: a department of the organization, else 404) or "member" (a member's
    // user id, else 404).
    Change set(qint64 organizationId, const QString& scope, qint64 scopeId, const BudgetTerms& terms,
               const Attribution& actor, const std::optional<QString>& reason,
               std::optional<qint64> requestId = std::nullopt);
    Change remove(qint64 organizationId, const QString& scope, qint64 scopeId, const Attribution& actor,
                  const std::optional<QString>& reason); // 404 when there is none
    std::optional<BudgetTerms> terms(qint64 organizationId, const QString& scope, qint64 scopeId);

    BudgetRequest request(qint64 organizationId, qint64 departmentId, qint64 credits, const QString& reason,
                          qint64 userId);
    // Newest first; `beforeId` is the page cursor. status: empty for all.
    std::vector<BudgetRequest> requests(qint64 organizationId, const QString& status,
                                        std::optional<qint64> beforeId, int limit);
    // Approving sets the department's budget to the credits asked for (keeping its period and
    // enforcement, or month and hard when it had none). 409 budget_request_closed once decided.
    BudgetRequest decide(qint64 organizationId, qint64 requestId, bool approve,
                         const std::optional<QString>& note, const Attribution& actor, qint64 userId);

    std::vector<BudgetHistoryEntry> history(qint64 organizationId, std::optional<qint64> beforeId, int limit);

    // Every department of the organization that has a budget or has used credits this period, by id.
    std::map<qint64, DepartmentBudget> departments(qint64 organizationId);

private:
    qint64 organizationAccount(qint64 organizationId);
    void requireScope(qint64 organizationId, const QString& scope, qint64 scopeId);
    BudgetRequest loadRequest(qint64 organizationId, qint64 requestId);
    void record(qint64 organizationId, const QString& scope, qint64 scopeId, const Change& change,
                const Attribution& actor, const std::optional<QString>& reason,
                std::optional<qint64> requestId);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
