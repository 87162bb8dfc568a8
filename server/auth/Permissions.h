#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace creditdesk::server {

enum class Role
{
    Owner,
    Admin,
    Manager,
    Finance,
    Member
};

enum class Permission
{
    ReadOrganization,
    ManageMembers,
    ManageDepartments,
    ManageApiTokens,
    ReadAllCredits,
    ReadDepartmentCredits, // managers: movements of their own department
    ReadOwnCredits,        // members: their own movements
    AllocateCredits,       // platform admins only: no organization role holds it
    RefundCredits,         // platform admins only
    DeductCredits,         // deduct, reserve, settle, release
    ManageBillingTerms,    // tier, billing option, overage: platform admins only
    ReadAudit,             // the organization's audit trail
    ReadSubscription,      // the plan, subscription and its history: every member
    ManageSubscription,    // switch plan, cancel, resume, redeem coupons
    ReadCharges,           // charge lines (period fees, prorations, discounts)
    RequestVerification,   // ask for a verified-institution discount: owners
};

std::optional<Role> roleFromString(const QString& text);
QString roleToString(Role role);
QString permissionToString(Permission permission); // "credits:deduct"

// The one permission table (docs/design.md §6). Platform admins hold every permission in every
// organization; API tokens hold the permissions their scopes name.
bool roleHas(Role role, Permission permission);
QStringList permissionsOf(Role role);
bool scopeGrants(const QString& scope, Permission permission);
bool isKnownScope(const QString& scope);

} // namespace creditdesk::server
