#include "orgs/Roles.h"

#include "auth/CustomRoleIds.h"
#include "billing/Features.h"
#include "core/ApiError.h"

#include <algorithm>
#include <array>

namespace creditdesk::server {

namespace {

constexpr std::array kBuiltIn{Role::Owner, Role::Admin, Role::Manager, Role::Finance, Role::Member};

QString builtInName(Role role)
{
    QString name = roleToString(role);
    name[0] = name[0].toUpper(); // "Owner"
    return name;
}

QStringList namesOf(const PermissionList& permissions)
{
    QStringList names;
    for (const PermissionInfo& info : organizationPermissions())
        if (std::find(permissions.begin(), permissions.end(), info.permission) != permissions.end())
            names.append(info.name);
    return names;
}

// The role's permissions the caller does not hold.
QStringList notHeld(const PermissionList& permissions, const PermissionList& callerHolds)
{
    PermissionList missing;
    for (const Permission permission : permissions)
        if (std::find(callerHolds.begin(), callerHolds.end(), permission) == callerHolds.end())
            missing.push_back(permission);
    return namesOf(missing);
}

void requireHeld(const PermissionList& permissions, const PermissionList& callerHolds)
{
    const QStringList missing = notHeld(permissions, callerHolds);
    if (!missing.isEmpty())
        throw ApiError::forbidden(
            QStringLiteral("You cannot give a role permissions you do not hold yourself: %1")
                .arg(missing.join(QStringLiteral(", "))));
}

PermissionList builtInPermissions(Role role)
{
    PermissionList permissions;
    for (const PermissionInfo& info : organizationPermissions())
        if (roleHas(role, info.permission))
            permissions.push_back(info.permission);
    return permissions;
}

PermissionList fromNames(const QStringList& names)
{
    PermissionList permissions;
    for (const QString& name : names)
        if (const auto permission = permissionFromString(name))
            permissions.push_back(*permission);
    return permissions;
}

RoleInfo customRoleOf(const Row& row)
{
    RoleInfo role;
    role.number = asInt(row.at(0));
    role.id = customRoleId(*role.number);
    role.name = row.at(1).toString();
    role.permissions = namesOf(storedPermissions(row.at(2).toString()));
    return role;
}

ApiError roleNotFound()
{
    return ApiError::notFound(QStringLiteral("Role"));
}

} // namespace

// The narrower permissions a broader one includes: whoever sees every movement may give a role that sees
// a department's or one's own, whoever manages members one that invites into a department, whoever
// manages budgets one that asks for a budget. Without this, no owner could create a "team lead" role.
std::optional<Permission> broaderThan(Permission permission)
{
    switch (permission) {
    case Permission::ReadDepartmentCredits:
    case Permission::ReadOwnCredits:
        return Permission::ReadAllCredits;
    case Permission::InviteToDepartment:
        return Permission::ManageMembers;
    case Permission::RequestBudget:
        return Permission::ManageBudgets;
    default:
        return std::nullopt;
    }
}

PermissionList permissionsHeldBy(const OrganizationAccess& access)
{
    PermissionList held;
    for (const PermissionInfo& info : organizationPermissions()) {
        const auto broader = broaderThan(info.permission);
        if (access.can(info.permission) || (broader && access.can(*broader)))
            held.push_back(info.permission);
    }
    return held;
}

void requireScopesHeld(const OrganizationAccess& access, const QStringList& scopes)
{
    for (const QString& scope : scopes) {
        const Permission needed =
            scope == QLatin1String("credits:read") ? Permission::ReadAllCredits : Permission::DeductCredits;
        if (!access.can(needed))
            throw ApiError::forbidden(
                QStringLiteral("You cannot give a token the scope '%1': you do not hold %2 yourself")
                    .arg(scope, permissionToString(needed)));
    }
}

PermissionList parseRolePermissions(const QStringList& names)
{
    const std::vector<PermissionInfo> table = organizationPermissions();
    PermissionList permissions;
    for (const QString& name : names) {
        const auto permission = permissionFromString(name);
        if (!permission)
            throw ApiError::validation(QStringLiteral("permissions"),
                                       QStringLiteral("Unknown permission '%1'").arg(name.left(60)));
        const bool organizational = std::any_of(table.begin(), table.end(), [&](const PermissionInfo& info) {
            return info.permission == *permission;
        });
        if (!organizational)
            throw ApiError::validation(
                QStringLiteral("permissions"),
                QStringLiteral("'%1' is kept for platform administrators; no role may carry it").arg(name));
        if (std::find(permissions.begin(), permissions.end(), *permission) == permissions.end())
            permissions.push_back(*permission);
    }
    return fromNames(namesOf(permissions)); // the table's order
}

std::vector<RoleInfo> Roles::all(qint64 organizationId)
{
    std::vector<RoleInfo> roles;
    for (const Role role : kBuiltIn)
        roles.push_back(
            RoleInfo{roleToString(role), builtInName(role), permissionsOf(role), true, std::nullopt});
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT id, name, permissions FROM custom_roles WHERE organization_id = ? "
                                  "ORDER BY id"),
                   {organizationId}))
        roles.push_back(customRoleOf(row));
    return roles;
}

std::optional<RoleInfo> Roles::findCustom(qint64 organizationId, const QString& roleId)
{
    const auto number = customRoleNumber(roleId);
    if (!number)
        return std::nullopt;
    const auto row = m_db.row(QStringLiteral("SELECT id, name, permissions FROM custom_roles "
                                             "WHERE id = ? AND organization_id = ?"),
                              {*number, organizationId});
    return row ? std::optional(customRoleOf(*row)) : std::nullopt;
}

RoleInfo Roles::custom(qint64 organizationId, const QString& roleId)
{
    if (roleFromString(roleId))
        throw ApiError::forbidden(QStringLiteral("Built-in roles cannot be changed or deleted"));
    if (auto role = findCustom(organizationId, roleId))
        return *role;
    throw roleNotFound();
}

QStringList Roles::permissionNames(qint64 organizationId, const QString& roleId)
{
    if (const auto role = roleFromString(roleId))
        return permissionsOf(*role);
    const auto custom = findCustom(organizationId, roleId);
    return custom ? custom->permissions : QStringList();
}

void Roles::requireFeature(qint64 organizationId)
{
    requireOrganizationFeature(m_db, organizationId, QStringLiteral("custom_roles"), m_now);
}

void Roles::requireUniqueName(qint64 organizationId, const QString& name, std::optional<qint64> exceptNumber)
{
    // Compared without regard to case, against the built-in roles' names too: "Admin" is taken.
    bool taken = std::any_of(kBuiltIn.begin(), kBuiltIn.end(), [&](Role role) {
        return name.compare(roleToString(role), Qt::CaseInsensitive) == 0;
    });
    for (const Row& row : m_db.rows(
             QStringLiteral("SELECT id, name FROM custom_roles WHERE organization_id = ?"), {organizationId}))
        if (asInt(row.at(0)) != exceptNumber.value_or(0) &&
            name.compare(row.at(1).toString(), Qt::CaseInsensitive) == 0)
            taken = true;
    if (taken)
        throw ApiError::conflict(QStringLiteral("role_exists"),
                                 QStringLiteral("A role named \"%1\" already exists").arg(name));
}

int Roles::holders(qint64 organizationId, const QString& roleId)
{
    return static_cast<int>(asInt(
        m_db.row(QStringLiteral("SELECT COUNT(*) FROM memberships WHERE organization_id = ? AND role = ?"),
                 {organizationId, roleId})
            ->at(0)));
}

RoleInfo Roles::create(qint64 organizationId, const QString& name, const PermissionList& permissions,
                       const PermissionList& callerHolds)
{
    requireFeature(organizationId);
    requireHeld(permissions, callerHolds);
    requireUniqueName(organizationId, name, std::nullopt);
    const qint64 number = m_db.insert(
        QStringLiteral(
            "INSERT INTO custom_roles (organization_id, name, permissions, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)"),
        {organizationId, name, namesOf(permissions).join(QLatin1Char(' ')), m_now, m_now});
    return custom(organizationId, customRoleId(number));
}

Roles::Change Roles::change(qint64 organizationId, const QString& roleId, const std::optional<QString>& name,
                            const std::optional<PermissionList>& permissions,
                            const PermissionList& callerHolds)
{
    requireFeature(organizationId);
    const RoleInfo current = custom(organizationId, roleId);
    // The role as it will be must carry nothing the caller lacks, whether or not this request names it.
    requireHeld(permissions ? *permissions : fromNames(current.permissions), callerHolds);
    if (name)
        requireUniqueName(organizationId, *name, current.number);
    m_db.execute(QStringLiteral("UPDATE custom_roles SET name = ?, permissions = ?, updated_at = ? "
                                "WHERE id = ? AND organization_id = ?"),
                 {name.value_or(current.name),
                  permissions ? namesOf(*permissions).join(QLatin1Char(' '))
                              : current.permissions.join(QLatin1Char(' ')),
                  m_now, *current.number, organizationId});
    return Change{current, custom(organizationId, roleId)};
}

RoleInfo Roles::remove(qint64 organizationId, const QString& roleId)
{
    requireFeature(organizationId);
    const RoleInfo current = custom(organizationId, roleId);
    if (const int members = holders(organizationId, roleId); members > 0)
        throw ApiError(
            QStringLiteral("role_in_use"),
            QStringLiteral("%1 member(s) still hold this role; give them another role first").arg(members),
            QJsonObject{{QStringLiteral("members"), members}});
    m_db.execute(QStringLiteral("DELETE FROM custom_roles WHERE id = ? AND organization_id = ?"),
                 {*current.number, organizationId});
    return current;
}

void Roles::requireAssignable(qint64 organizationId, const QString& roleId, const PermissionList& callerHolds,
                              bool builtInsAsBefore)
{
    if (const auto role = roleFromString(roleId)) {
        if (!builtInsAsBefore)
            requireHeld(builtInPermissions(*role), callerHolds);
        return;
    }
    requireFeature(organizationId);
    const auto custom = findCustom(organizationId, roleId);
    if (!custom)
        throw ApiError::validation(QStringLiteral("role"),
                                   QStringLiteral("'role' is not a role of this organization"));
    requireHeld(fromNames(custom->permissions), callerHolds);
}

} // namespace creditdesk::server
