#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace creditdesk::server {

// One way to pay for a plan: with the platform's credits or with the customer's own provider keys.
struct PlanBillingOption
{
    QString option; // "credits" | "byok"
    qint64 monthlyCredits = 0;
    qint64 markupBasisPoints = 0;
};

// A plan of the catalog (resources/plans.json, stored in the plans table, edited by platform admins).
// Prices are minor units (cents); allowances are credits ($1 = 25,000 credits).
struct Plan
{
    QString id;
    QString name;
    qint64 priceMinor = 0;
    QString currency = QStringLiteral("USD");
    QString interval = QStringLiteral("month");
    std::vector<PlanBillingOption> billingOptions;
    QString models = QStringLiteral("all"); // "free_only" | "all"
    QStringList features;
    qint64 includedSeats = 1;
    qint64 seatPriceMinor = 0;
    qint64 concurrentTasks = 1;
    qint64 signupCredits = 0;
    qint64 dailyRefreshCredits = 0;
    qint64 firstMonthBonusCredits = 0;
    qint64 rolloverMaxPercent = 0;
    qint64 trialDays = 0;
    qint64 trialCredits = 0;

    const PlanBillingOption* option(const QString& name) const;
    qint64 allowance(const QString& billingOption) const; // monthly credits of that option (0 if none)
    bool freeModelsOnly() const { return models == QLatin1String("free_only"); }

    QJsonObject toJson() const;
    // Parses and checks a whole plan object; throws 422 naming the first bad field. `id` is the plan's id
    // (from the path), which a body may repeat but not contract.
    static Plan fromJson(const QJsonObject& object, const QString& id);
};

// The catalog in the database. Plans are ordered by monthly price (their comparison order).
class PlanCatalog
{
public:
    explicit PlanCatalog(SqlConnection& db) : m_db(db) {}

    // Fills an empty catalog from the compiled-in resources/plans.json (first start).
    void seedIfEmpty(qint64 nowMs);
    std::vector<Plan> all();
    std::optional<Plan> find(const QString& id);
    Plan require(const QString& id); // 422 unknown_plan when it does not exist
    void put(const Plan& plan, qint64 nowMs);
    QJsonObject verificationDiscounts();
    qint64 verificationDiscountPercent(const QString& type);

private:
    SqlConnection& m_db;
};

inline const QStringList& planIdsInOrder()
{
    static const QStringList ids{QStringLiteral("free"), QStringLiteral("starter"),
                                 QStringLiteral("professional"), QStringLiteral("enterprise")};
    return ids;
}

} // namespace creditdesk::server
