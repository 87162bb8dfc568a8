#include "api/ServerContext.h"
#include "auth/ApiTokens.h"
#include "auth/CustomRoleIds.h"
#include "billing/Subscriptions.h"
#include "core/Crypto.h"
#include "core/Json.h"
#include "orgs/Budgets.h"
#include "orgs/Departments.h"
#include "orgs/Directory.h"
#include "orgs/Memberships.h"
#include "orgs/Organizations.h"
#include "orgs/Roles.h"

#include <QJsonArray>

namespace creditdesk::server {

namespace {

ApiResponse created(const QJsonObject& object)
{
    return jsonResponse(201, object);
}

// A 201 whose audit entry names what was created and says it in a few words.
ApiResponse created(const QJsonObject& object, qint64 id, const QString& summary)
{
    ApiResponse response = jsonResponse(201, object);
    response.audit.targetId = id;
    response.audit.summary = summary;
    return response;
}

QString requiredKind(const JsonBody& body)
{
    const QString kind = body.optionalString("kind", 20).value_or(QStringLiteral("team"));
    if (kind != QLatin1String("team") && kind != QLatin1String("public"))
        throw ApiError::validation(QStringLiteral("kind"),
                                   QStringLiteral("'kind' must be 'team' or 'public'"));
    return kind;
}

Role requiredRole(const JsonBody& body)
{
    const auto role = roleFromString(body.requiredString("role", 20));
    if (!role)
        throw ApiError::validation(
            QStringLiteral("role"),
            QStringLiteral("'role' must be one of owner, admin, manager, finance, member"));
    return *role;
}

// PATCH …/members/{user_id}: a built-in role's name or a custom role's id ("custom-7"; whether it is
// one of the organization's is checked with the write).
QString requiredRoleId(const JsonBody& body)
{
    const QString roleId = body.requiredString("role", 40);
    if (!roleFromString(roleId) && !customRoleNumber(roleId))
        throw ApiError::validation(
            QStringLiteral("role"),
            QStringLiteral(
                "'role' must be one of owner, admin, manager, finance, member or a custom role id"));
    return roleId;
}

QJsonObject memberJson(const Member& member, const MemberActivity& activity)
{
    const auto timestamp = [](const std::optional<qint64>& at) {
        return at ? QJsonValue(formatTimestamp(*at)) : QJsonValue();
    };
    return QJsonObject{{QStringLiteral("user_id"), member.userId},
                       {QStringLiteral("email"), member.email},
                       {QStringLiteral("name"), member.name},
                       {QStringLiteral("role"), member.role},
                       {QStringLiteral("department_id"),
                        member.departmentId ? QJsonValue(*member.departmentId) : QJsonValue()},
                       {QStringLiteral("joined_at"), formatTimestamp(member.joinedAt)},
                       {QStringLiteral("status"), member.status},
                       {QStringLiteral("seat"), member.status == QLatin1String("active")},
                       {QStringLiteral("last_sign_in_at"), timestamp(member.lastSignInAt)},
                       {QStringLiteral("last_usage_at"), timestamp(activity.lastUsageAt)},
                       {QStringLiteral("usage_this_period"), activity.usageThisPeriod}};
}

QJsonObject departmentJson(const Department& department)
{
    return QJsonObject{{QStringLiteral("id"), department.id},
                       {QStringLiteral("organization_id"), department.organizationId},
                       {QStringLiteral("name"), department.name},
                       {QStringLiteral("created_at"), formatTimestamp(department.createdAt)}};
}

QJsonObject tokenJson(const ApiTokenRecord& token)
{
    return QJsonObject{{QStringLiteral("id"), token.id},
                       {QStringLiteral("name"), token.name},
                       {QStringLiteral("prefix"), token.prefix},
                       {QStringLiteral("organization_id"),
                        token.organizationId ? QJsonValue(*token.organizationId) : QJsonValue()},
                       {QStringLiteral("scopes"), QJsonArray::fromStringList(token.scopes)},
                       {QStringLiteral("created_by"), token.createdBy},
                       {QStringLiteral("created_at"), formatTimestamp(token.createdAt)},
                       {QStringLiteral("revoked_at"),
                        token.revokedAt ? QJsonValue(formatTimestamp(*token.revokedAt)) : QJsonValue()}};
}

// Revoked tokens must stop working at once in this process: drop cached principals once the
// revocation has committed (before that, a request could cache the still-valid row again).
Responder forgetPrincipalsAfter(ServerContext& context, Responder respond)
{
    return [&context, respond = std::move(respond)](ApiResponse response) {
        context.principals.clear();
        respond(std::move(response));
    };
}

// ---- organizations --------------------------------------------------------------------------------

void createOrganization(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"name", "kind"});
    const QString name = body.requiredString("name", 120);
    const QString kind = requiredKind(body);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const qint64 id = directory::createOrganization(db, name, kind, principal.userId, now);
            QJsonObject organization = directory::organizationJson(db, id);
            organization.insert(QStringLiteral("role"), QStringLiteral("owner"));
            ApiResponse response = created(organization);
            response.audit.organizationId = id; // recorded under the new organization
            response.audit.targetId = id;
            response.audit.summary = QStringLiteral("%1 organization \"%2\"").arg(kind, name);
            return response;
        },
        std::move(respond));
}

ApiResponse listOrganizations(ServerContext& context, const Call& call)
{
    const Principal& principal = call.principal();
    SqlConnection& reader = context.store.reader();
    QJsonArray data;
    for (const VisibleOrganization& visible :
         Organizations(reader).visibleTo(principal.userId, principal.isUser() && principal.platformAdmin)) {
        if (!principal.isUser() && principal.tokenOrganizationId != visible.organizationId)
            continue;
        QJsonObject organization = directory::organizationJson(reader, visible.organizationId);
        organization.insert(QStringLiteral("role"), visible.role ? QJsonValue(*visible.role) : QJsonValue());
        data.append(organization);
    }
    return listResponse(data, {});
}

ApiResponse getOrganization(ServerContext& context, const Call& call)
{
    SqlConnection& reader = context.store.reader();
    const OrganizationAccess& access = call.organization();
    QJsonObject organization = directory::organizationJson(reader, access.organizationId());
    organization.insert(QStringLiteral("role"),
                        access.roleId().isEmpty() ? QJsonValue() : QJsonValue(access.roleId()));
    return jsonResponse(200, organization);
}

// ---- members --------------------------------------------------------------------------------------

// Operations only (platform administrators): a user with a password the operator chooses. Organization
// owners and admins invite instead (api/InvitationRoutes.cpp), so nobody there sets or learns another
// person's password. Not held to the seats: an operator's repair tool (docs/admin-guide.md).
void addMember(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const qint64 organizationId = parsePathId(call.request().pathParams[0], QStringLiteral("Organization"));
    OrganizationAccess::resolve(context.store.reader(), principal, organizationId); // 404 when there is none
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"email", "name", "password", "role", "department_id"});
    const QString email = directory::normalizeEmail(body.requiredString("email", 254));
    if (email.isEmpty())
        throw ApiError::validation(QStringLiteral("email"),
                                   QStringLiteral("'email' is not a valid e-mail address"));
    const auto name = body.optionalString("name", 120);
    const auto password = body.optionalSecret("password", 256);
    if (password && !directory::isValidPassword(*password))
        throw ApiError::validation(QStringLiteral("password"),
                                   QStringLiteral("'password' must have 8 to 256 characters"));
    const Role role = requiredRole(body);
    const auto departmentId = body.optionalId("department_id");
    const qint64 now = context.clock.nowMs();
    // Hash on the blocking pool: scrypt takes ~100 ms and must not stall the I/O threads.
    AuditContext audit = call.audit(); // the call is gone by the time the pool runs this
    audit.organizationId = organizationId;
    context.blockingPool.post([&context, audit, email, name, password, role, departmentId, organizationId,
                               now, respond = std::move(respond)]() mutable {
        QByteArray hash;
        try {
            if (password)
                hash = crypto::hashPassword(*password);
        } catch (const std::exception&) {
            respond(errorResponse(QStringLiteral("internal_error"), QStringLiteral("Hashing failed")));
            return;
        }
        NewMember member;
        member.email = email;
        member.name = name;
        if (password)
            member.passwordHash = hash;
        member.role = role;
        member.departmentId = departmentId;
        member.addedByPlatformAdmin = true;
        submitWrite(
            context, audit,
            [=](SqlConnection& db) {
                Memberships memberships(db);
                const qint64 userId = memberships.add(organizationId, member, now);
                return created(memberJson(memberships.member(organizationId, userId), {}), userId,
                               QStringLiteral("%1 as %2").arg(member.email, roleToString(member.role)));
            },
            std::move(respond));
    });
}

ApiResponse listMembers(ServerContext& context, const Call& call)
{
    SqlConnection& reader = context.store.reader();
    const OrganizationAccess& access = call.organization();
    const qint64 organizationId = access.organizationId();
    Memberships memberships(reader);
    // Usage this period: since the organization's current billing period began.
    const auto account = accountIdFor(reader, QStringLiteral("organization"), organizationId);
    const qint64 periodStart =
        account ? Subscriptions(reader, context.clock.nowMs()).get(*account).periodStart : 0;
    const std::map<qint64, MemberActivity> activity = memberships.activity(organizationId, periodStart);
    QJsonArray data;
    for (const Member& member : memberships.members(organizationId)) {
        const auto found = activity.find(member.userId);
        data.append(memberJson(member, found == activity.end() ? MemberActivity{} : found->second));
    }
    return listResponse(data, {});
}

// "role member → admin, department 3 → none" for the audit trail.
QString memberChangeSummary(const Member& before, const Member& after)
{
    const auto department = [](const std::optional<qint64>& id) {
        return id ? QString::number(*id) : QStringLiteral("none");
    };
    QStringList changes;
    if (before.role != after.role)
        changes.append(QStringLiteral("role %1 → %2").arg(before.role, after.role));
    if (before.status != after.status)
        changes.append(QStringLiteral("status %1 → %2").arg(before.status, after.status));
    if (before.departmentId != after.departmentId)
        changes.append(QStringLiteral("department %1 → %2")
                           .arg(department(before.departmentId), department(after.departmentId)));
    return changes.isEmpty() ? QStringLiteral("no change") : changes.join(QStringLiteral(", "));
}

void changeMember(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const OrganizationAccess& access = call.organization();
    const qint64 userId = parsePathId(call.request().pathParams[1], QStringLiteral("Member"));
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"role", "department_id", "status"});
    MemberChange change;
    change.status = body.optionalString("status", 20);
    if (change.status && *change.status != QLatin1String("active") &&
        *change.status != QLatin1String("suspended"))
        throw ApiError::validation(QStringLiteral("status"),
                                   QStringLiteral("'status' must be 'active' or 'suspended'"));
    const std::optional<QString> roleId =
        body.has("role") ? std::optional(requiredRoleId(body)) : std::nullopt;
    if (roleId) {
        change.role = roleFromString(*roleId);
        if (!change.role)
            change.customRole = roleId;
    }
    const bool clearDepartment =
        body.object().contains(QStringLiteral("department_id")) && !body.has("department_id");
    change.departmentId = body.optionalId("department_id");
    change.changeDepartment = change.departmentId || clearDepartment;
    const qint64 organizationId = access.organizationId();
    const bool ownerPowers = principal.platformAdmin || access.role() == Role::Owner;
    // Nobody hands out a role carrying a permission they lack; owners and admins assign the built-in
    // roles as they always have (an admin makes managers), a caller holding a custom role does not.
    const PermissionList held = permissionsHeldBy(access);
    const bool builtInsAsBefore = principal.platformAdmin || access.role().has_value();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            Memberships memberships(db);
            const Member before = memberships.member(organizationId, userId);
            if (roleId)
                Roles(db, now).requireAssignable(organizationId, *roleId, held, builtInsAsBefore);
            memberships.change(organizationId, userId, change, ownerPowers, now);
            const Member after = memberships.member(organizationId, userId);
            const auto account = accountIdFor(db, QStringLiteral("organization"), organizationId);
            const qint64 periodStart = account ? Subscriptions(db, now).get(*account).periodStart : 0;
            const auto activity = memberships.activity(organizationId, periodStart);
            const auto found = activity.find(userId);
            ApiResponse response = jsonResponse(
                200, memberJson(after, found == activity.end() ? MemberActivity{} : found->second));
            response.audit.summary = memberChangeSummary(before, after);
            return response;
        },
        forgetPrincipalsAfter(context, std::move(respond)));
}

void removeMember(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const OrganizationAccess& access = call.organization();
    const qint64 userId = parsePathId(call.request().pathParams[1], QStringLiteral("Member"));
    const qint64 organizationId = access.organizationId();
    const bool ownerPowers = principal.platformAdmin || access.role() == Role::Owner;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            Memberships(db).remove(organizationId, userId, ownerPowers, now);
            ApiResponse response;
            response.status = 204;
            return response;
        },
        forgetPrincipalsAfter(context, std::move(respond)));
}

// ---- departments ----------------------------------------------------------------------------------

void createDepartment(ServerContext& context, const Call& call, Responder respond)
{
    const OrganizationAccess& access = call.organization();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"name"});
    const QString name = body.requiredString("name", 120);
    const qint64 organizationId = access.organizationId();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            Departments departments(db);
            const qint64 departmentId = departments.create(organizationId, name, now);
            return created(departmentJson(departments.department(departmentId)), departmentId,
                           QStringLiteral("\"%1\"").arg(name));
        },
        std::move(respond));
}

ApiResponse listDepartments(ServerContext& context, const Call& call)
{
    SqlConnection& reader = context.store.reader();
    const OrganizationAccess& access = call.organization();
    const std::map<qint64, DepartmentBudget> budgets =
        Budgets(reader, context.clock.nowMs()).departments(access.organizationId());
    QJsonArray data;
    for (const Department& department : Departments(reader).ofOrganization(access.organizationId())) {
        QJsonObject object = departmentJson(department);
        const auto budget = budgets.find(department.id);
        const bool found = budget != budgets.end();
        object.insert(QStringLiteral("budget"), found && budget->second.budget
                                                    ? QJsonValue(budget->second.budget->toJson())
                                                    : QJsonValue());
        object.insert(QStringLiteral("used_this_period"), found ? budget->second.usedThisPeriod : 0);
        data.append(object);
    }
    return listResponse(data, {});
}

void renameDepartment(ServerContext& context, const Call& call, Responder respond)
{
    const OrganizationAccess& access = call.organization();
    const qint64 departmentId = parsePathId(call.request().pathParams[1], QStringLiteral("Department"));
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"name"});
    const QString name = body.requiredString("name", 120);
    const qint64 organizationId = access.organizationId();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            Departments departments(db);
            departments.rename(organizationId, departmentId, name);
            return jsonResponse(200, departmentJson(departments.department(departmentId)));
        },
        std::move(respond));
}

// ---- API tokens -----------------------------------------------------------------------------------

void createApiToken(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"name", "organization_id", "scopes"});
    const QString name = body.requiredString("name", 120);
    const auto organizationId = body.optionalId("organization_id");
    QStringList scopes = body.requiredStringArray("scopes", 10, 40);
    if (scopes.isEmpty())
        throw ApiError::validation(QStringLiteral("scopes"),
                                   QStringLiteral("'scopes' needs at least one scope"));
    for (const QString& scope : scopes)
        if (!isKnownScope(scope))
            throw ApiError::validation(QStringLiteral("scopes"),
                                       QStringLiteral("Unknown scope '%1'").arg(scope.left(40)));
    scopes.removeDuplicates();
    if (call.hasOrganization())
        requireScopesHeld(call.organization(), scopes);
    const QByteArray token = crypto::newToken("cdk_");
    const qint64 now = context.clock.nowMs();
    const qint64 userId = principal.userId;
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            QJsonObject object =
                tokenJson(ApiTokens(db).create(token, name, userId, organizationId, scopes, now));
            object.insert(QStringLiteral("token"), QString::fromLatin1(token)); // shown this once only
            return created(object, object.value(QStringLiteral("id")).toInteger(),
                           QStringLiteral("\"%1\" with %2").arg(name, scopes.join(QStringLiteral(", "))));
        },
        std::move(respond));
}

ApiResponse listApiTokens(ServerContext& context, const Call& call)
{
    const Principal& principal = call.principal();
    SqlConnection& reader = context.store.reader();
    ApiTokens tokens(reader);
    const std::vector<ApiTokenRecord> records =
        call.hasOrganization() ? tokens.ofOrganization(call.organization().organizationId())
                               : tokens.personalOf(principal.userId);
    QJsonArray data;
    for (const ApiTokenRecord& record : records)
        data.append(tokenJson(record));
    return listResponse(data, {});
}

void revokeApiToken(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 tokenId = call.resourceId();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) { return jsonResponse(200, tokenJson(ApiTokens(db).revoke(tokenId, now))); },
        forgetPrincipalsAfter(context, std::move(respond)));
}

} // namespace

void registerOrganizationRoutes(RouteTable& routes)
{
    const QString organization = QStringLiteral("/api/v1/organizations/{id}");
    routes.addAsync("POST", QStringLiteral("/api/v1/organizations"), AccessRule::userSession(),
                    "organization.created", createOrganization);
    routes.add("GET", QStringLiteral("/api/v1/organizations"), AccessRule::signedIn(), listOrganizations);
    routes.add("GET", organization, AccessRule::inOrganization(Locate::Path), getOrganization);
    routes.addAsync("POST", organization + QStringLiteral("/members"), AccessRule::platformAdmin(),
                    "member.added", addMember);
    routes.add("GET", organization + QStringLiteral("/members"),
               AccessRule::organization(Permission::ReadOrganization, Locate::Path), listMembers);
    routes.addAsync("PATCH", organization + QStringLiteral("/members/{user_id}"),
                    AccessRule::organization(Permission::ManageMembers, Locate::Path, true), "member.changed",
                    changeMember);
    routes.addAsync("DELETE", organization + QStringLiteral("/members/{user_id}"),
                    AccessRule::organization(Permission::ManageMembers, Locate::Path, true), "member.removed",
                    removeMember);
    routes.addAsync("POST", organization + QStringLiteral("/departments"),
                    AccessRule::organization(Permission::ManageDepartments, Locate::Path, true),
                    "department.created", createDepartment);
    routes.add("GET", organization + QStringLiteral("/departments"),
               AccessRule::organization(Permission::ReadOrganization, Locate::Path), listDepartments);
    routes.addAsync("PATCH", organization + QStringLiteral("/departments/{department_id}"),
                    AccessRule::organization(Permission::ManageDepartments, Locate::Path, true),
                    "department.renamed", renameDepartment);
    routes.addAsync("POST", QStringLiteral("/api/v1/api-tokens"),
                    AccessRule::organization(Permission::ManageApiTokens, Locate::Body, true, true),
                    "api_token.created", createApiToken);
    routes.add("GET", QStringLiteral("/api/v1/api-tokens"),
               AccessRule::organization(Permission::ManageApiTokens, Locate::Query, true, true),
               listApiTokens);
    routes.addAsync("DELETE", QStringLiteral("/api/v1/api-tokens/{id}"), AccessRule::apiToken(),
                    "api_token.revoked", revokeApiToken);
}

} // namespace creditdesk::server
