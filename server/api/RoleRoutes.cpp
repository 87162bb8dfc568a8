// Custom roles (docs/admin-guide.md "Custom roles"): the organization permissions a role may carry, an
// organization's built-in and custom roles, and creating, changing and deleting custom roles. Assigning
// a role is PATCH …/members/{user_id} (OrganizationRoutes.cpp). Handlers parse, call orgs/Roles, render.
#include "api/ServerContext.h"
#include "core/Json.h"
#include "orgs/Roles.h"

#include <QJsonArray>

namespace creditdesk::server {

namespace {

QJsonObject roleJson(const RoleInfo& role)
{
    return QJsonObject{{QStringLiteral("id"), role.id},
                       {QStringLiteral("name"), role.name},
                       {QStringLiteral("permissions"), QJsonArray::fromStringList(role.permissions)},
                       {QStringLiteral("builtin"), role.builtin}};
}

QString requiredName(const JsonBody& body)
{
    return body.requiredString("name", 80);
}

PermissionList requiredPermissions(const JsonBody& body)
{
    return parseRolePermissions(body.requiredStringArray("permissions", 64, 64));
}

QString roleIdOf(const Call& call)
{
    return call.request().pathParams.value(1);
}

ApiResponse withAudit(ApiResponse response, const RoleInfo& role, const QString& summary)
{
    response.audit.targetId = role.number;
    response.audit.summary = summary;
    return response;
}

ApiResponse listPermissions(ServerContext&, const Call&)
{
    QJsonArray data;
    for (const PermissionInfo& info : organizationPermissions())
        data.append(QJsonObject{{QStringLiteral("name"), info.name},
                                {QStringLiteral("description"), info.description}});
    return listResponse(data, {});
}

ApiResponse listRoles(ServerContext& context, const Call& call)
{
    QJsonArray data;
    for (const RoleInfo& role :
         Roles(context.store.reader(), context.clock.nowMs()).all(call.organization().organizationId()))
        data.append(roleJson(role));
    return listResponse(data, {});
}

void createRole(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"name", "permissions"});
    const QString name = requiredName(body);
    const PermissionList permissions = requiredPermissions(body);
    const PermissionList held = permissionsHeldBy(call.organization());
    const qint64 organizationId = call.organization().organizationId();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const RoleInfo role = Roles(db, now).create(organizationId, name, permissions, held);
            return withAudit(jsonResponse(201, roleJson(role)), role,
                             QStringLiteral("%1 \"%2\" with %3")
                                 .arg(role.id, role.name, role.permissions.join(QStringLiteral(", "))));
        },
        std::move(respond));
}

void changeRole(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"name", "permissions"});
    // A field given as null is bad input naming it, not a field left out.
    const bool hasName = body.object().contains(QStringLiteral("name"));
    const bool hasPermissions = body.object().contains(QStringLiteral("permissions"));
    if (!hasName && !hasPermissions)
        throw ApiError::validation(QStringLiteral("name"),
                                   QStringLiteral("Give 'name', 'permissions' or both"));
    const std::optional<QString> name = hasName ? std::optional(requiredName(body)) : std::nullopt;
    const std::optional<PermissionList> permissions =
        hasPermissions ? std::optional(requiredPermissions(body)) : std::nullopt;
    const PermissionList held = permissionsHeldBy(call.organization());
    const qint64 organizationId = call.organization().organizationId();
    const QString roleId = roleIdOf(call);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const auto [before, after] =
                Roles(db, now).change(organizationId, roleId, name, permissions, held);
            QStringList changes;
            if (before.name != after.name)
                changes.append(QStringLiteral("name \"%1\" → \"%2\"").arg(before.name, after.name));
            if (before.permissions != after.permissions)
                changes.append(QStringLiteral("permissions %1 → %2")
                                   .arg(before.permissions.join(QStringLiteral(", ")),
                                        after.permissions.join(QStringLiteral(", "))));
            return withAudit(
                jsonResponse(200, roleJson(after)), after,
                roleId + QLatin1Char(' ') +
                    (changes.isEmpty() ? QStringLiteral("no change") : changes.join(QStringLiteral("; "))));
        },
        std::move(respond));
}

void deleteRole(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 organizationId = call.organization().organizationId();
    const QString roleId = roleIdOf(call);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const RoleInfo role = Roles(db, now).remove(organizationId, roleId);
            ApiResponse response;
            response.status = 204;
            return withAudit(std::move(response), role, QStringLiteral("%1 \"%2\"").arg(role.id, role.name));
        },
        std::move(respond));
}

} // namespace

void registerRoleRoutes(RouteTable& routes)
{
    const QString roles = QStringLiteral("/api/v1/organizations/{id}/roles");
    routes.add("GET", QStringLiteral("/api/v1/permissions"), AccessRule::signedIn(), listPermissions);
    routes.add("GET", roles, AccessRule::organization(Permission::ReadOrganization, Locate::Path), listRoles);
    routes.addAsync("POST", roles, AccessRule::organization(Permission::ManageRoles, Locate::Path, true),
                    "role.created", createRole);
    routes.addAsync("PATCH", roles + QStringLiteral("/{role_id}"),
                    AccessRule::organization(Permission::ManageRoles, Locate::Path, true), "role.changed",
                    changeRole);
    routes.addAsync("DELETE", roles + QStringLiteral("/{role_id}"),
                    AccessRule::organization(Permission::ManageRoles, Locate::Path, true), "role.deleted",
                    deleteRole);
}

} // namespace creditdesk::server
