#pragma once

#include "domain/Records.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace creditdesk {

// Plain records of organization administration (invitations, seats, budgets, custom roles, member
// activity) as the server's JSON says them. Fields that an older server leaves out stay empty
// (std::nullopt, an invalid date, an empty string) and the console shows them as "—".

// A department budget or a member limit: a cap on what may be spent from the pool, never credits.
struct BudgetLimit
{
    qint64 credits = 0;
    QString period = QStringLiteral("month");     // "month" (the billing period) | "total"
    QString enforcement = QStringLiteral("hard"); // "hard" (refused) | "soft" (charged and recorded)

    friend bool operator==(const BudgetLimit&, const BudgetLimit&) = default;
};

struct OrgMember
{
    qint64 userId = 0;
    QString email;
    QString name;
    QString role; // a built-in role ("admin") or a custom role id ("custom-7")
    std::optional<qint64> departmentId;
    QString status; // "active" | "suspended"; empty: the server does not say
    QDateTime lastSignInAt;
    QDateTime lastUsageAt;
    std::optional<qint64> usageThisPeriod;
    std::optional<bool> seat;
    std::optional<BudgetLimit> limit;

    bool isSuspended() const { return status == QLatin1String("suspended"); }
    // The later of the last sign-in and the last usage (invalid when neither is known).
    QDateTime lastActive() const;
};

struct OrgDepartment
{
    qint64 id = 0;
    QString name;
    std::optional<BudgetLimit> budget;
    std::optional<qint64> usedThisPeriod;
};

struct Invitation
{
    qint64 id = 0;
    QString email;
    QString role;
    std::optional<qint64> departmentId;
    QDateTime expiresAt;
    QDateTime createdAt;
    QString token; // only in the answer that created it: shown once
};

// GET …/seats. available = total − assigned − pending_invitations.
struct SeatSummary
{
    qint64 included = 0;
    qint64 purchased = 0;
    qint64 total = 0;
    qint64 assigned = 0;
    qint64 pendingInvitations = 0;
    qint64 available = 0;
    qint64 seatPriceMinor = 0;
    QString currency = QStringLiteral("USD");
    // What the last PUT charged, when the server says it (minor units).
    std::optional<qint64> chargedMinor;

    qint64 inUse() const { return assigned + pendingInvitations; }
};

// The prorated charge of buying `added` seats now: seat price × added × the share of the period left, in
// whole minor units rounded half up like the server's prorations (integers only; before any discount).
// Nothing when the period is unknown or already over.
std::optional<qint64> estimateSeatCharge(qint64 seatPriceMinor, qint64 added, const QDateTime& periodStart,
                                         const QDateTime& periodEnd, const QDateTime& now);

struct BudgetRequest
{
    qint64 id = 0;
    qint64 departmentId = 0;
    qint64 credits = 0; // the budget asked for, not an increase
    QString reason;
    QString status; // "pending" | "approved" | "rejected"
    std::optional<qint64> requestedBy;
    QDateTime createdAt;
    QDateTime decidedAt;
    QString note;
};

// One change of a department budget or member limit (GET …/budget-history).
struct BudgetChange
{
    QDateTime at;
    QString scope; // "department" | "member"
    std::optional<qint64> departmentId;
    std::optional<qint64> userId;
    std::optional<BudgetLimit> oldLimit; // none: there was none (or it was removed)
    std::optional<BudgetLimit> newLimit;
    QString actor;                     // as the server says it: a name, "user 3", …
    std::optional<qint64> actorUserId; // when the actor is a user the console may know by name
    QString reason;
    std::optional<qint64> requestId;
};

struct OrgRole
{
    QString id; // "owner", …, "custom-7"
    QString name;
    QStringList permissions;
    bool builtIn = true;
};

struct PermissionDescription
{
    QString name; // "members:manage"
    QString description;
};

struct AcceptedInvitation
{
    UserProfile user;
    qint64 organizationId = 0;
    QString role;
};

// What the signed-in role may do in the Organization pane (from GET /api/v1/me's permissions).
struct OrgAdminRights
{
    bool manageMembers = false;          // members:manage
    bool inviteToDepartment = false;     // members:invite_department (managers, role member only)
    bool manageSeats = false;            // seats:manage
    bool manageBudgets = false;          // budgets:manage
    bool requestBudget = false;          // budgets:request
    bool readBudgets = false;            // budgets:read
    bool manageRoles = false;            // roles:manage
    std::optional<qint64> ownDepartment; // managers see only this one

    static OrgAdminRights of(const Organization& organization);
    bool canInvite() const { return manageMembers || inviteToDepartment; }
    // Members and departments beyond one's own department.
    bool seesWholeOrganization() const { return manageMembers || manageBudgets || readBudgets; }
    bool any() const;
};

} // namespace creditdesk
