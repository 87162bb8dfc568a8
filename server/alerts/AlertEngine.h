#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <limits>
#include <optional>
#include <vector>

namespace creditdesk::server {

// A trigger that never fires.
inline constexpr qint64 kNoAlertTrigger = std::numeric_limits<qint64>::max();

// The account's state after a charge, as the ledger knows it with the account locked.
struct AccountAlertState
{
    qint64 accountId = 0;
    qint64 periodSpent = 0; // credits spent in the current billing period
    qint64 periodStart = 0; // the current billing period's start (0: no subscription)
    qint64 available = 0;   // balance less open holds
};

// What the charge paths compare after every charge (stored on the accounts row): the rules are evaluated
// only when periodSpent reaches spentAt or available falls below lowBelow.
struct AlertTriggers
{
    qint64 spentAt = kNoAlertTrigger;
    qint64 lowBelow = 0;
};

// A department budget or member limit after a charge (ledger/BudgetGuard.h).
struct BudgetAlertLine
{
    qint64 accountId = 0;
    qint64 organizationId = 0;
    qint64 budgetId = 0;
    QString scope; // "department" | "member"
    qint64 scopeId = 0;
    qint64 credits = 0;
    qint64 periodStart = 0;
    qint64 spent = 0;
};

// The monthly allowance of a subscription's terms (billing/Plan.h's JSON) for its billing option.
qint64 allowanceOfTerms(const QString& termsJson, const QString& billingOption);

// Fires alert rules (docs/admin-guide.md, "Alerts") in the caller's transaction, which holds the account's
// lock (the ledger's charge paths, the budget guard) or serializes by a conditional update (the due work on
// expiring credits): each rule fires once when its condition starts to hold, writing the alert, its feed
// number and an alert.fired outbox event together, and is armed again when the condition clears (a new
// billing period, a grant that lifts the balance, a budget raise).
class AlertEngine
{
public:
    AlertEngine(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // The allowance and low-balance rules of an account whose trigger a charge crossed (or that were
    // unknown): fires those whose condition holds, re-arms low-balance rules whose condition cleared,
    // and stores the period counter and the new triggers on the account row.
    AlertTriggers evaluateAccount(const AccountAlertState& state);
    // The budget rules of one line whose alert point a charge reached; returns the line's next alert
    // point (the spent value at which its next armed rule fires, kNoAlertTrigger if none).
    qint64 evaluateBudget(const BudgetAlertLine& line);
    // The spent value at which the next armed rule of the line's kind fires.
    static qint64 budgetAlertPoint(qint64 credits, std::optional<qint64> lowestArmedPercent);
    // Grants arrived on the accounts (allocation, purchase, coupon, refund): low-balance rules whose
    // threshold the new available balance reaches are armed again, and the triggers are recomputed at
    // the next charge.
    void grantsArrived(const std::vector<qint64>& accountIds);
    // The account's plan or period changed outside a renewal (a switch, an operator's change, a free
    // period): the allowance the rules measure against may differ, so the triggers are recomputed at the
    // next charge.
    void allowanceChanged(qint64 accountId);
    // A budget was set or changed: its fired rules whose condition no longer holds are armed again.
    void budgetChanged(qint64 budgetId);
    void budgetRemoved(qint64 budgetId);
    // credits_expiring rules of every account (due work): returns how many alerts fired.
    int evaluateExpiring();
    // An alert that no rule decides (e.g. auto_recharge_failed, invoices/AutoRecharge.h): written, numbered
    // and sent as alert.fired like a rule's, with rule_id 0.
    void notify(qint64 accountId, const QString& kind, const QString& level, const QString& message,
                qint64 value, qint64 threshold);

    // The alert as GET /api/v1/alerts renders it.
    static QJsonObject alertJson(const Row& row);
    static const QString& alertColumns();

private:
    struct Firing
    {
        qint64 accountId = 0;
        qint64 ruleId = 0;
        QString kind;
        QString level;
        QString message;
        qint64 value = 0;
        qint64 threshold = 0;
        std::optional<qint64> memberId;
        std::optional<qint64> departmentId;
    };
    void fire(const Firing& firing);

    SqlConnection& m_db;
    qint64 m_now;
};

// The account's next feed number (alert fired or changed); the row is locked until the transaction ends.
qint64 nextAlertSeq(SqlConnection& db, qint64 accountId);

} // namespace creditdesk::server
