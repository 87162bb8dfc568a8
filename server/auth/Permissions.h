#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

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
    InviteToDepartment,    // managers: invite members (role member) into their own department
    ManageSeats,           // buy seats, reduce them at period end
    ManageBudgets,         // department budgets, member limits, deciding budget requests
    RequestBudget,         // managers: ask for their own department's budget to change
    ReadBudgets,           // budget requests and history
    ManageRoles,           // custom roles (plans with the custom_roles feature)
    ReadAlerts,            // fired alerts of the whole account, acknowledging them
    ManageAlerts,          // alert rules
    ManageWebhooks,        // webhook endpoints and their deliveries
    ReadInvoices,          // the account's invoices and payments
    ManageBilling,         // the billing profile and the payment methods (Stripe's portal)
    PurchaseCredits,       // buy credit packs, set auto-recharge
};

std::optional<Role> roleFromString(const QString& text);
QString roleToString(Role role);
QString permissionToString(Permission permission); // "credits:deduct"

// The one permission table (docs/design.md §6). Platform admins hold every permission in every
// organization; API tokens hold the permissions their scopes name.
bool roleHas(Role role, Permission permission);
QStringList permissionsOf(Role role);

// Every permission an organization role (built-in or custom) may hold, with what it allows; platform-only
// permissions (credits:allocate, credits:refund, billing_terms:manage) are not among them.
struct PermissionInfo
{
    Permission permission;
    QString name;
    QString description;
};
std::vector<PermissionInfo> organizationPermissions();
std::optional<Permission> permissionFromString(const QString& name);
bool scopeGrants(const QString& scope, Permission permission);
bool isKnownScope(const QString& scope);

} // namespace creditdesk::server
