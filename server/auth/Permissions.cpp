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
};
constexpr std::array kPermissionNames{
    PermissionName{Permission::ReadOrganization, "organization:read"},
    PermissionName{Permission::ManageMembers, "members:manage"},
    PermissionName{Permission::ManageDepartments, "departments:manage"},
    PermissionName{Permission::ManageApiTokens, "api_tokens:manage"},
    PermissionName{Permission::ReadAllCredits, "credits:read"},
    PermissionName{Permission::ReadDepartmentCredits, "credits:read_department"},
    PermissionName{Permission::ReadOwnCredits, "credits:read_own"},
    PermissionName{Permission::AllocateCredits, "credits:allocate"},
    PermissionName{Permission::RefundCredits, "credits:refund"},
    PermissionName{Permission::DeductCredits, "credits:deduct"},
    PermissionName{Permission::ManageBillingTerms, "billing_terms:manage"},
    PermissionName{Permission::ReadAudit, "audit:read"},
    PermissionName{Permission::ReadSubscription, "subscription:read"},
    PermissionName{Permission::ManageSubscription, "subscription:manage"},
    PermissionName{Permission::ReadCharges, "charges:read"},
    PermissionName{Permission::RequestVerification, "verification:request"},
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
        return role == Role::Owner || role == Role::Admin || role == Role::Finance;
    case Permission::ReadDepartmentCredits:
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
