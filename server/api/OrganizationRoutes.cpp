#include "api/ServerContext.h"
#include "core/Crypto.h"
#include "core/Json.h"
#include "orgs/Directory.h"

#include <QJsonArray>

namespace creditdesk {

namespace {

ApiResponse created(const QJsonObject& object)
{
    return jsonResponse(201, object);
}

QString requiredKind(const JsonBody& body)
{
    const QString kind = body.optionalString("kind", 20).value_or(QStringLiteral("team"));
    if (kind != QLatin1String("team") && kind != QLatin1String("public"))
        throw ApiError::validation(QStringLiteral("kind"), QStringLiteral("'kind' must be 'team' or 'public'"));
    return kind;
}

Role requiredRole(const JsonBody& body)
{
    const auto role = roleFromString(body.requiredString("role", 20));
    if (!role)
        throw ApiError::validation(QStringLiteral("role"),
                                   QStringLiteral("'role' must be one of owner, admin, manager, finance, member"));
    return *role;
}

// Only owners (and platform admins) hand out or take away the owner role.
void requireOwnerPowers(const OrganizationAccess& access, const Principal& principal)
{
    if (!principal.platformAdmin && access.role() != Role::Owner)
        throw ApiError::forbidden(QStringLiteral("Only an owner can grant, change or remove the owner role"));
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
        context,
        [=](SqlConnection& db) {
            const qint64 id = directory::createOrganization(db, name, kind, principal.userId, now);
            QJsonObject organization = directory::organizationJson(db, id);
            organization.insert(QStringLiteral("role"), QStringLiteral("owner"));
            return created(organization);
        },
        std::move(respond));
}

ApiResponse listOrganizations(ServerContext& context, const Call& call)
{
    const Principal& principal = call.principal();
    SqlConnection& reader = context.store.reader();
    QJsonArray data;
    const auto rows = principal.isUser() && principal.platformAdmin
                          ? reader.rows(QStringLiteral("SELECT o.id, m.role FROM organizations o LEFT JOIN memberships m "
                                                       "ON m.organization_id = o.id AND m.user_id = ? ORDER BY o.id"),
                                        {principal.userId})
                          : reader.rows(QStringLiteral("SELECT organization_id, role FROM memberships WHERE user_id = ? "
                                                       "ORDER BY organization_id"),
                                        {principal.userId});
    for (const Row& row : rows) {
        if (!principal.isUser() && principal.tokenOrganizationId != asInt(row[0]))
            continue;
        QJsonObject organization = directory::organizationJson(reader, asInt(row[0]));
        organization.insert(QStringLiteral("role"), row[1].isNull() ? QJsonValue() : QJsonValue(row[1].toString()));
        data.append(organization);
    }
    return listResponse(data, {});
}

ApiResponse getOrganization(ServerContext& context, const Call& call)
{
    SqlConnection& reader = context.store.reader();
    const OrganizationAccess& access = call.organization();
    QJsonObject organization = directory::organizationJson(reader, access.organizationId());
    organization.insert(QStringLiteral("role"), access.role() ? QJsonValue(roleToString(*access.role())) : QJsonValue());
    return jsonResponse(200, organization);
}

// ---- members --------------------------------------------------------------------------------------

void addMember(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const OrganizationAccess& access = call.organization();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"email", "name", "password", "role", "department_id"});
    const QString email = directory::normalizeEmail(body.requiredString("email", 254));
    if (email.isEmpty())
        throw ApiError::validation(QStringLiteral("email"), QStringLiteral("'email' is not a valid e-mail address"));
    const auto name = body.optionalString("name", 120);
    const auto password = body.optionalSecret("password", 256);
    if (password && !directory::isValidPassword(*password))
        throw ApiError::validation(QStringLiteral("password"), QStringLiteral("'password' must have 8 to 256 characters"));
    const Role role = requiredRole(body);
    if (role == Role::Owner)
        requireOwnerPowers(access, principal);
    const auto departmentId = body.optionalId("department_id");
    const qint64 organizationId = access.organizationId();
    // A public organization's admins bill its members' personal accounts, so only a platform admin may
    // put someone who already has an account into one (else anyone could charge anyone by e-mail).
    const bool existingUserNeedsPlatformAdmin = access.kind() == QLatin1String("public") && !principal.platformAdmin;
    const qint64 now = context.clock.nowMs();
    // Hash on the blocking pool: scrypt takes ~100 ms and must not stall the I/O threads.
    context.blockingPool.post([&context, email, name, password, role, departmentId, organizationId, now,
                               existingUserNeedsPlatformAdmin, respond = std::move(respond)]() mutable {
        QByteArray hash;
        try {
            if (password)
                hash = crypto::hashPassword(*password);
        } catch (const std::exception&) {
            respond(errorResponse(500, QStringLiteral("internal_error"), QStringLiteral("Hashing failed")));
            return;
        }
        submitWrite(
            context,
            [=](SqlConnection& db) {
                if (departmentId && !directory::departmentBelongsTo(db, *departmentId, organizationId))
                    throw ApiError::validation(QStringLiteral("department_id"),
                                               QStringLiteral("'department_id' is not a department of this organization"));
                auto userId = directory::userIdByEmail(db, email);
                if (userId && password)
                    throw ApiError(422, QStringLiteral("password_not_allowed"),
                                   QStringLiteral("This user already has an account; leave 'password' out to add them"));
                if (userId && existingUserNeedsPlatformAdmin)
                    throw ApiError::forbidden(QStringLiteral("Only a platform administrator can add an existing user "
                                                             "to a public organization"));
                if (!userId) {
                    if (!password)
                        throw ApiError::validation(QStringLiteral("password"),
                                                   QStringLiteral("'password' is required for a new user"));
                    if (!name || name->isEmpty())
                        throw ApiError::validation(QStringLiteral("name"), QStringLiteral("'name' is required for a new user"));
                    userId = directory::createUser(db, email, *name, hash, false, now);
                } else if (db.row(QStringLiteral("SELECT 1 FROM memberships WHERE organization_id = ? AND user_id = ?"),
                                  {organizationId, *userId})) {
                    throw ApiError::conflict(QStringLiteral("already_member"),
                                             QStringLiteral("This user is already a member of the organization"));
                }
                db.execute(QStringLiteral("INSERT INTO memberships (organization_id, user_id, role, department_id, "
                                          "created_at) VALUES (?, ?, ?, ?, ?)"),
                           {organizationId, *userId, roleToString(role), nullableInt(departmentId), now});
                return created(directory::memberJson(db, organizationId, *userId));
            },
            std::move(respond));
    });
}

ApiResponse listMembers(ServerContext& context, const Call& call)
{
    SqlConnection& reader = context.store.reader();
    const OrganizationAccess& access = call.organization();
    QJsonArray data;
    for (const Row& row : reader.rows(QStringLiteral("SELECT user_id FROM memberships WHERE organization_id = ? "
                                                     "ORDER BY user_id"),
                                      {access.organizationId()}))
        data.append(directory::memberJson(reader, access.organizationId(), asInt(row[0])));
    return listResponse(data, {});
}

void changeMember(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const OrganizationAccess& access = call.organization();
    const qint64 userId = parsePathId(call.request().pathParams[1], QStringLiteral("Member"));
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"role", "department_id"});
    const std::optional<Role> role = body.has("role") ? std::optional(requiredRole(body)) : std::nullopt;
    const bool clearDepartment = body.object().contains(QStringLiteral("department_id")) && !body.has("department_id");
    const auto departmentId = body.optionalId("department_id");
    const qint64 organizationId = access.organizationId();
    const bool ownerPowers = principal.platformAdmin || access.role() == Role::Owner;
    submitWrite(
        context,
        [=](SqlConnection& db) {
            const auto current = db.row(QStringLiteral("SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?"),
                                        {organizationId, userId});
            if (!current)
                throw ApiError::notFound(QStringLiteral("Member"));
            const bool isOwner = current->at(0).toString() == QLatin1String("owner");
            if (role && (isOwner || *role == Role::Owner) && !ownerPowers)
                throw ApiError::forbidden(QStringLiteral("Only an owner can grant, change or remove the owner role"));
            if (role && isOwner && *role != Role::Owner && directory::ownerCount(db, organizationId) <= 1)
                throw ApiError::conflict(QStringLiteral("last_owner"),
                                         QStringLiteral("An organization needs at least one owner"));
            if (departmentId && !directory::departmentBelongsTo(db, *departmentId, organizationId))
                throw ApiError::validation(QStringLiteral("department_id"),
                                           QStringLiteral("'department_id' is not a department of this organization"));
            if (role)
                db.execute(QStringLiteral("UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?"),
                           {roleToString(*role), organizationId, userId});
            if (departmentId || clearDepartment)
                db.execute(QStringLiteral("UPDATE memberships SET department_id = ? WHERE organization_id = ? AND user_id = ?"),
                           {nullableInt(departmentId), organizationId, userId});
            return jsonResponse(200, directory::memberJson(db, organizationId, userId));
        },
        std::move(respond));
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
        context,
        [=](SqlConnection& db) {
            const auto current = db.row(QStringLiteral("SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?"),
                                        {organizationId, userId});
            if (!current)
                throw ApiError::notFound(QStringLiteral("Member"));
            if (current->at(0).toString() == QLatin1String("owner")) {
                if (!ownerPowers)
                    throw ApiError::forbidden(QStringLiteral("Only an owner can remove an owner"));
                if (directory::ownerCount(db, organizationId) <= 1)
                    throw ApiError::conflict(QStringLiteral("last_owner"),
                                             QStringLiteral("An organization needs at least one owner"));
            }
            db.execute(QStringLiteral("DELETE FROM memberships WHERE organization_id = ? AND user_id = ?"),
                       {organizationId, userId});
            // Machines a former member set up for this organization stop working with them.
            db.execute(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE organization_id = ? AND user_id = ? "
                                      "AND revoked_at IS NULL"),
                       {now, organizationId, userId});
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
        context,
        [=](SqlConnection& db) {
            if (db.row(QStringLiteral("SELECT 1 FROM departments WHERE organization_id = ? AND name = ?"),
                       {organizationId, name}))
                throw ApiError::conflict(QStringLiteral("department_exists"),
                                         QStringLiteral("A department with this name already exists"));
            const auto row = db.row(QStringLiteral("INSERT INTO departments (organization_id, name, created_at) "
                                                   "VALUES (?, ?, ?) RETURNING id"),
                                    {organizationId, name, now});
            return created(directory::departmentJson(db, asInt(row->at(0))));
        },
        std::move(respond));
}

ApiResponse listDepartments(ServerContext& context, const Call& call)
{
    SqlConnection& reader = context.store.reader();
    const OrganizationAccess& access = call.organization();
    QJsonArray data;
    for (const Row& row : reader.rows(QStringLiteral("SELECT id FROM departments WHERE organization_id = ? ORDER BY id"),
                                      {access.organizationId()}))
        data.append(directory::departmentJson(reader, asInt(row[0])));
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
        context,
        [=](SqlConnection& db) {
            if (!directory::departmentBelongsTo(db, departmentId, organizationId))
                throw ApiError::notFound(QStringLiteral("Department"));
            if (db.row(QStringLiteral("SELECT 1 FROM departments WHERE organization_id = ? AND name = ? AND id <> ?"),
                       {organizationId, name, departmentId}))
                throw ApiError::conflict(QStringLiteral("department_exists"),
                                         QStringLiteral("A department with this name already exists"));
            db.execute(QStringLiteral("UPDATE departments SET name = ? WHERE id = ?"), {name, departmentId});
            return jsonResponse(200, directory::departmentJson(db, departmentId));
        },
        std::move(respond));
}

// ---- API tokens -----------------------------------------------------------------------------------

QJsonObject tokenJson(const Row& row)
{
    return QJsonObject{{QStringLiteral("id"), asInt(row[0])},
                       {QStringLiteral("name"), row[1].toString()},
                       {QStringLiteral("prefix"), row[2].toString()},
                       {QStringLiteral("organization_id"), row[3].isNull() ? QJsonValue() : QJsonValue(asInt(row[3]))},
                       {QStringLiteral("scopes"), QJsonArray::fromStringList(row[4].toString().split(QLatin1Char(' ')))},
                       {QStringLiteral("created_by"), asInt(row[5])},
                       {QStringLiteral("created_at"), formatTimestamp(asInt(row[6]))},
                       {QStringLiteral("revoked_at"), row[7].isNull() ? QJsonValue() : QJsonValue(formatTimestamp(asInt(row[7])))}};
}

const QString kTokenColumns =
    QStringLiteral("id, name, prefix, organization_id, scopes, user_id, created_at, revoked_at");

void createApiToken(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"name", "organization_id", "scopes"});
    const QString name = body.requiredString("name", 120);
    const auto organizationId = body.optionalId("organization_id");
    QStringList scopes = body.requiredStringArray("scopes", 10, 40);
    if (scopes.isEmpty())
        throw ApiError::validation(QStringLiteral("scopes"), QStringLiteral("'scopes' needs at least one scope"));
    for (const QString& scope : scopes)
        if (!isKnownScope(scope))
            throw ApiError::validation(QStringLiteral("scopes"), QStringLiteral("Unknown scope '%1'").arg(scope.left(40)));
    scopes.removeDuplicates();
    const QByteArray token = crypto::newToken("cdk_");
    const qint64 now = context.clock.nowMs();
    const qint64 userId = principal.userId;
    submitWrite(
        context,
        [=](SqlConnection& db) {
            const auto row = db.row(QStringLiteral("INSERT INTO api_tokens (token_hash, prefix, name, user_id, "
                                                   "organization_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                                   "RETURNING ") +
                                        kTokenColumns,
                                    {QString::fromLatin1(crypto::sha256Hex(token)), QString::fromLatin1(token.left(10)),
                                     name, userId, nullableInt(organizationId), scopes.join(QLatin1Char(' ')), now});
            QJsonObject object = tokenJson(*row);
            object.insert(QStringLiteral("token"), QString::fromLatin1(token)); // shown this once only
            return created(object);
        },
        std::move(respond));
}

ApiResponse listApiTokens(ServerContext& context, const Call& call)
{
    const Principal& principal = call.principal();
    SqlConnection& reader = context.store.reader();
    std::vector<Row> rows;
    if (call.hasOrganization()) {
        const qint64 organizationId = call.organization().organizationId();
        rows = reader.rows(QStringLiteral("SELECT ") + kTokenColumns +
                               QStringLiteral(" FROM api_tokens WHERE organization_id = ? ORDER BY id"),
                           {organizationId});
    } else {
        rows = reader.rows(QStringLiteral("SELECT ") + kTokenColumns +
                               QStringLiteral(" FROM api_tokens WHERE user_id = ? AND organization_id IS NULL ORDER BY id"),
                           {principal.userId});
    }
    QJsonArray data;
    for (const Row& row : rows)
        data.append(tokenJson(row));
    return listResponse(data, {});
}

void revokeApiToken(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 tokenId = call.resourceId();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context,
        [=](SqlConnection& db) {
            db.execute(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                       {now, tokenId});
            return jsonResponse(200, tokenJson(*db.row(QStringLiteral("SELECT ") + kTokenColumns +
                                                           QStringLiteral(" FROM api_tokens WHERE id = ?"),
                                                       {tokenId})));
        },
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
    routes.addAsync("POST", organization + QStringLiteral("/members"),
                    AccessRule::organization(Permission::ManageMembers, Locate::Path, true), "member.added",
                    addMember);
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

} // namespace creditdesk
