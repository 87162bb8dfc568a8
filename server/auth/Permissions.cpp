#include "auth/Permissions.h"

#include <array>
#include <utility>

namespace creditdesk::server {

namespace {

struct RoleName
{
    Role role;
    const char* name;
};
constexpr std::array kRoleNames{RoleName{Role::Owner, "owner"}, RoleName{Role::Admin, "admin"},
                                RoleName{Role::Manager, "manager"}, RoleName{Role::Finance, "finance"},
                                RoleName{Role::Member, "member"}};

struct PermissionName
{
    Permission permission;
    const char* name;
    const char* description; // GET /api/v1/permissions, the console's role editor
    bool platformOnly;       // no organization role holds it, so no custom role may carry it
};
constexpr std::array kPermissionNames{
    PermissionName{Permission::ReadOrganization, "organization:read",
                   "See the organization, its members, departments and seats", false},
    PermissionName{Permission::ManageMembers, "members:manage",
                   "Invite, suspend and remove members, change their role and department", false},
    PermissionName{Permission::InviteToDepartment, "members:invite_department",
                   "Invite members into one's own department", false},
    PermissionName{Permission::ManageDepartments, "departments:manage", "Create and rename departments",
                   false},
    PermissionName{Permission::ManageApiTokens, "api_tokens:manage",
                   "Create and revoke the organization's API tokens", false},
    PermissionName{Permission::ReadAllCredits, "credits:read", "See the whole pool's balance and movements",
                   false},
    PermissionName{Permission::ReadDepartmentCredits, "credits:read_department",
                   "See the movements of one's own department", false},
    PermissionName{Permission::ReadOwnCredits, "credits:read_own", "See one's own movements", false},
    PermissionName{Permission::AllocateCredits, "credits:allocate", "Grant credits", true},
    PermissionName{Permission::RefundCredits, "credits:refund", "Refund deductions", true},
    PermissionName{Permission::DeductCredits, "credits:deduct",
                   "Spend credits: deduct, reserve, settle, release", false},
    PermissionName{Permission::ManageBillingTerms, "billing_terms:manage",
                   "Set tier, billing option and overage", true},
    PermissionName{Permission::ReadAudit, "audit:read", "Read the organization's audit trail", false},
    PermissionName{Permission::ReadSubscription, "subscription:read",
                   "See the plan, subscription and its history", false},
    PermissionName{Permission::ManageSubscription, "subscription:manage",
                   "Switch plan, cancel, resume and redeem coupons", false},
    PermissionName{Permission::ReadCharges, "charges:read", "See charges: period fees, prorations, discounts",
                   false},
    PermissionName{Permission::RequestVerification, "verification:request",
                   "Ask for a verified-institution discount", false},
    PermissionName{Permission::ManageSeats, "seats:manage", "Buy seats and reduce them at period end", false},
    PermissionName{Permission::ManageBudgets, "budgets:manage",
                   "Set department budgets and member limits, decide budget requests", false},
    PermissionName{Permission::RequestBudget, "budgets:request",
                   "Ask for a change of one's own department's budget", false},
    PermissionName{Permission::ReadBudgets, "budgets:read", "See budget requests and the budget history",
                   false},
    PermissionName{Permission::ManageRoles, "roles:manage", "Create, change and delete custom roles", false},
    PermissionName{Permission::ReadAlerts, "alerts:read", "See and acknowledge the account's alerts", false},
    PermissionName{Permission::ManageAlerts, "alerts:manage", "Create, change and delete alert rules", false},
    PermissionName{Permission::ManageWebhooks, "webhooks:manage",
                   "Add and remove webhook endpoints, see their deliveries", false},
    PermissionName{Permission::ReadInvoices, "invoices:read",
                   "See and download the account's invoices and payments", false},
    PermissionName{Permission::ManageBilling, "billing:manage",
                   "Edit the billing profile and manage payment methods", false},
    PermissionName{Permission::PurchaseCredits, "credits:purchase", "Buy credit packs and set auto-recharge",
                   false},
};

} // namespace

std::optional<Role> roleFromString(const QString& text)
{
    for (const auto& entry : kRoleNames)
        if (text == QLatin1String(entry.name))
            return entry.role;
    return std::nullopt;
}

QString roleToString(Role role)
{
    for (const auto& entry : kRoleNames)
        if (entry.role == role)
            return QLatin1String(entry.name);
    return {};
}

QString permissionToString(Permission permission)
{
    for (const auto& entry : kPermissionNames)
        if (entry.permission == permission)
            return QLatin1String(entry.name);
    return {};
}

std::vector<PermissionInfo> organizationPermissions()
{
    std::vector<PermissionInfo> infos;
    for (const auto& entry : kPermissionNames)
        if (!entry.platformOnly)
            infos.push_back({entry.permission, QLatin1String(entry.name), QLatin1String(entry.description)});
    return infos;
}

std::optional<Permission> permissionFromString(const QString& name)
{
    for (const auto& entry : kPermissionNames)
        if (name == QLatin1String(entry.name))
            return entry.permission;
    return std::nullopt;
}

bool roleHas(Role role, Permission permission)
{
    switch (permission) {
    case Permission::ReadOrganization:
    case Permission::ReadSubscription:
        return true;
    case Permission::ManageMembers:
    case Permission::ManageDepartments:
    case Permission::ManageApiTokens:
    case Permission::DeductCredits:
    case Permission::ManageSubscription:
    case Permission::ManageSeats:
    case Permission::ManageBudgets:
    case Permission::ManageRoles:
    case Permission::ManageAlerts:
    case Permission::ManageWebhooks:
    case Permission::PurchaseCredits:
        return role == Role::Owner || role == Role::Admin;
    case Permission::RequestVerification:
        return role == Role::Owner;
    case Permission::AllocateCredits:
    case Permission::RefundCredits:
    case Permission::ManageBillingTerms:
        // Credits are created only by the server's own jobs, payments, coupons and the operator's staff
        // (docs/design.md §3 "Where credits come from"): no organization role mints them, platform admins do.
        return false;
    case Permission::ReadAllCredits:
    case Permission::ReadAudit:
    case Permission::ReadCharges:
    case Permission::ReadBudgets:
    case Permission::ReadAlerts:
    case Permission::ReadInvoices:
    case Permission::ManageBilling:
        return role == Role::Owner || role == Role::Admin || role == Role::Finance;
    case Permission::ReadDepartmentCredits:
    case Permission::InviteToDepartment:
    case Permission::RequestBudget:
        return role == Role::Manager;
    case Permission::ReadOwnCredits:
        return role == Role::Member;
    }
    return false;
}

QStringList permissionsOf(Role role)
{
    QStringList names;
    for (const auto& entry : kPermissionNames)
        if (roleHas(role, entry.permission))
            names.append(QLatin1String(entry.name));
    return names;
}

bool scopeGrants(const QString& scope, Permission permission)
{
    if (scope == QLatin1String("credits:read"))
        return permission == Permission::ReadAllCredits || permission == Permission::ReadOrganization;
    if (scope == QLatin1String("credits:deduct"))
        return permission == Permission::DeductCredits;
    return false; // metering:write is checked by the metering endpoints themselves
}

bool isKnownScope(const QString& scope)
{
    return scope == QLatin1String("credits:read") || scope == QLatin1String("credits:deduct") ||
           scope == QLatin1String("metering:write");
}

} // namespace creditdesk::server
