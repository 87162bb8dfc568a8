#pragma once

#include "auth/Access.h"
#include "auth/Permissions.h"
#include "store/Sql.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace creditdesk::server {

using PermissionList = std::vector<Permission>;

// A role as GET /api/v1/organizations/{id}/roles lists it: a built-in one ("owner", "admin", "manager",
// "finance", "member") or a custom one of the organization ("custom-7").
struct RoleInfo
{
    QString id;
    QString name;
    QStringList permissions; // in the permission table's order
    bool builtin = false;
    std::optional<qint64> number; // custom roles: the custom_roles row
};

// What a caller may hand out: every organization permission they hold in the organization, and the
// narrower ones their broader permissions include (credits:read includes credits:read_department and
// credits:read_own, members:manage members:invite_department, budgets:manage budgets:request).
PermissionList permissionsHeldBy(const OrganizationAccess& access);

// An organization API token hands its scopes to a machine: the caller must hold what each scope grants
// (credits:read, credits:deduct; metering:write spends credits like credits:deduct), else 403 — a custom
// role with api_tokens:manage cannot mint a token that does more than its holder may.
void requireScopesHeld(const OrganizationAccess& access, const QStringList& scopes);

// The permissions a request names for a custom role, checked against the one table: 422 naming
// "permissions" for an unknown name and for a platform-only permission. Duplicates are dropped; the
// result is in the table's order.
PermissionList parseRolePermissions(const QStringList& names);

// Custom roles of an organization (docs/admin-guide.md "Custom roles"). Creating, changing, deleting and
// assigning them needs the plan's custom_roles feature (403 feature_not_in_plan, checked here, in the
// writer's transaction); nobody creates, changes or assigns a role carrying a permission they do not hold
// (`callerHolds`, 403 forbidden). Runs inside the caller's transaction.
class Roles
{
public:
    Roles(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    std::vector<RoleInfo> all(qint64 organizationId);              // built-ins, then custom roles by id
    RoleInfo custom(qint64 organizationId, const QString& roleId); // 404 unless one of the organization's
    // The permissions a role id of the organization gives (built-in or custom), by name; empty when unknown.
    QStringList permissionNames(qint64 organizationId, const QString& roleId);

    RoleInfo create(qint64 organizationId, const QString& name, const PermissionList& permissions,
                    const PermissionList& callerHolds);
    struct Change
    {
        RoleInfo before;
        RoleInfo after;
    };
    Change change(qint64 organizationId, const QString& roleId, const std::optional<QString>& name,
                  const std::optional<PermissionList>& permissions, const PermissionList& callerHolds);
    RoleInfo remove(qint64 organizationId, const QString& roleId); // 409 role_in_use while members hold it

    // Before a member is given `roleId` (PATCH …/members/{user_id}): a custom role must be one of the
    // organization's (422 naming "role"), the plan must have custom roles, and the caller must hold every
    // permission of it. Built-in roles are checked the same way only when `builtInsAsBefore` is false
    // (a caller holding a custom role); owners, admins and platform admins assign them as always.
    void requireAssignable(qint64 organizationId, const QString& roleId, const PermissionList& callerHolds,
                           bool builtInsAsBefore);

private:
    void requireFeature(qint64 organizationId);
    std::optional<RoleInfo> findCustom(qint64 organizationId, const QString& roleId);
    void requireUniqueName(qint64 organizationId, const QString& name, std::optional<qint64> exceptNumber);
    int holders(qint64 organizationId, const QString& roleId);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
