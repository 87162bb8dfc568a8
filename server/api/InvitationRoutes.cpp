#include "api/ServerContext.h"
#include "core/Crypto.h"
#include "core/Json.h"
#include "orgs/Directory.h"
#include "orgs/Invitations.h"

#include <QJsonArray>

namespace creditdesk::server {

namespace {

QJsonObject invitationJson(const Invitation& invitation)
{
    return QJsonObject{{QStringLiteral("id"), invitation.id},
                       {QStringLiteral("organization_id"), invitation.organizationId},
                       {QStringLiteral("email"), invitation.email},
                       {QStringLiteral("role"), invitation.role},
                       {QStringLiteral("department_id"),
                        invitation.departmentId ? QJsonValue(*invitation.departmentId) : QJsonValue()},
                       {QStringLiteral("invited_by"), invitation.invitedBy},
                       {QStringLiteral("created_at"), formatTimestamp(invitation.createdAt)},
                       {QStringLiteral("expires_at"), formatTimestamp(invitation.expiresAt)}};
}

// Managers invite into their own department only (members:invite_department); whoever manages members
// sees and revokes every invitation. Returns the department a manager is held to.
std::optional<qint64> managerDepartment(const OrganizationAccess& access)
{
    if (access.can(Permission::ManageMembers))
        return std::nullopt;
    if (!access.departmentId())
        throw ApiError::forbidden(QStringLiteral("A manager without a department cannot invite anyone"));
    return access.departmentId();
}

void createInvitation(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const OrganizationAccess& access = call.organization();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"email", "role", "department_id"});
    const QString email = directory::normalizeEmail(body.requiredString("email", 254));
    if (email.isEmpty())
        throw ApiError::validation(QStringLiteral("email"),
                                   QStringLiteral("'email' is not a valid e-mail address"));
    const auto role = roleFromString(body.requiredString("role", 20));
    if (!role)
        throw ApiError::validation(
            QStringLiteral("role"),
            QStringLiteral("'role' must be one of owner, admin, manager, finance, member"));
    NewInvitation invitation;
    invitation.email = email;
    invitation.role = *role;
    invitation.departmentId = body.optionalId("department_id");
    invitation.invitedBy = principal.userId;
    if (const auto own = managerDepartment(access)) {
        if (*role != Role::Member)
            throw ApiError::forbidden(QStringLiteral("A manager invites members (role 'member') only"));
        if (invitation.departmentId && *invitation.departmentId != *own)
            throw ApiError::forbidden(QStringLiteral("A manager invites into their own department only"));
        invitation.departmentId = own;
    }
    if (*role == Role::Owner && !principal.platformAdmin && access.role() != Role::Owner)
        throw ApiError::forbidden(QStringLiteral("Only an owner can grant, change or remove the owner role"));
    const qint64 organizationId = access.organizationId();
    const QByteArray token = crypto::newToken("cdi_");
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const Invitation created = Invitations(db, now).create(organizationId, invitation, token);
            QJsonObject object = invitationJson(created);
            object.insert(QStringLiteral("token"), QString::fromLatin1(token)); // shown this once only
            ApiResponse response = jsonResponse(201, object);
            response.audit.targetId = created.id;
            response.audit.summary = QStringLiteral("%1 as %2").arg(created.email, created.role);
            return response;
        },
        std::move(respond));
}

ApiResponse listInvitations(ServerContext& context, const Call& call)
{
    const OrganizationAccess& access = call.organization();
    QJsonArray data;
    for (const Invitation& invitation : Invitations(context.store.reader(), context.clock.nowMs())
                                            .pending(access.organizationId(), managerDepartment(access)))
        data.append(invitationJson(invitation));
    return listResponse(data, {});
}

void revokeInvitation(ServerContext& context, const Call& call, Responder respond)
{
    const OrganizationAccess& access = call.organization();
    const qint64 invitationId = parsePathId(call.request().pathParams[1], QStringLiteral("Invitation"));
    const qint64 organizationId = access.organizationId();
    const std::optional<qint64> department = managerDepartment(access);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const Invitation revoked = Invitations(db, now).revoke(organizationId, invitationId, department);
            ApiResponse response;
            response.status = 204;
            response.audit.targetId = revoked.id;
            response.audit.summary = QStringLiteral("%1 as %2").arg(revoked.email, revoked.role);
            return response;
        },
        std::move(respond));
}

void acceptInvitation(ServerContext& context, const Call& call, Responder respond)
{
    const ApiRequest& request = call.request();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"token", "name", "password"});
    const QByteArray token = body.requiredString("token", 200).toLatin1();
    const auto name = body.optionalString("name", 120);
    const auto password = body.optionalSecret("password", 256);
    const qint64 now = context.clock.nowMs();
    // Which kind of acceptance this is, from the invitation as it is now; the write checks it again.
    const Invitation invitation = Invitations(context.store.reader(), now).open(token);
    const auto existing = directory::userIdByEmail(context.store.reader(), invitation.email);
    AuditContext audit = call.audit();
    audit.organizationId = invitation.organizationId;
    audit.targetId = invitation.id;
    const auto command = [token, now, invitation](Acceptance acceptance) -> WriteCommand {
        return [token, now, invitation, acceptance](SqlConnection& db) {
            const qint64 userId = Invitations(db, now).accept(token, acceptance);
            ApiResponse response =
                jsonResponse(200, QJsonObject{{QStringLiteral("user"), directory::userJson(db, userId)},
                                              {QStringLiteral("organization_id"), invitation.organizationId},
                                              {QStringLiteral("role"), invitation.role}});
            response.audit.actorId = userId;
            response.audit.summary =
                QStringLiteral("%1 joined as %2%3")
                    .arg(invitation.email, invitation.role,
                         acceptance.existingUserId ? QString() : QStringLiteral(" (new user)"));
            return response;
        };
    };
    if (existing) {
        // An existing account joins only by its own hand: the request must be signed in as that user.
        if (request.authorization.isEmpty())
            throw ApiError::unauthorized(
                QStringLiteral("This invitation is for an existing user: sign in as them to accept it"));
        const Principal principal = context.authenticate(request);
        if (!principal.isUser() || principal.userId != *existing)
            throw ApiError(QStringLiteral("invitation_wrong_user"));
        if (password)
            throw ApiError(QStringLiteral("password_not_allowed"),
                           QStringLiteral("You already have an account; leave 'password' out"));
        Acceptance acceptance;
        acceptance.existingUserId = existing;
        audit.actorId = *existing;
        submitWrite(context, audit, command(acceptance), std::move(respond));
        return;
    }
    if (!password)
        throw ApiError::validation(QStringLiteral("password"),
                                   QStringLiteral("'password' is required to create your account"));
    if (!directory::isValidPassword(*password))
        throw ApiError::validation(QStringLiteral("password"),
                                   QStringLiteral("'password' must have 8 to 256 characters"));
    const QString userName =
        name && !name->isEmpty() ? *name : invitation.email.section(QLatin1Char('@'), 0, 0);
    // Hash on the blocking pool: scrypt takes ~100 ms and must not stall the I/O threads.
    context.blockingPool.post(
        [&context, audit, command, userName, password = *password, respond = std::move(respond)]() mutable {
            Acceptance acceptance;
            acceptance.name = userName;
            try {
                acceptance.passwordHash = crypto::hashPassword(password);
            } catch (const std::exception&) {
                respond(errorResponse(QStringLiteral("internal_error"), QStringLiteral("Hashing failed")));
                return;
            }
            submitWrite(context, audit, command(acceptance), std::move(respond));
        });
}

} // namespace

void registerInvitationRoutes(RouteTable& routes)
{
    const QString invitations = QStringLiteral("/api/v1/organizations/{id}/invitations");
    const AccessRule inviters = AccessRule::organizationEither(
        Permission::ManageMembers, Permission::InviteToDepartment, Locate::Path, true);
    routes.addAsync("POST", invitations, inviters, "invitation.created", createInvitation);
    routes.add("GET", invitations, inviters, listInvitations);
    routes.addAsync("DELETE", invitations + QStringLiteral("/{invitation_id}"), inviters,
                    "invitation.revoked", revokeInvitation);
    // Public: a new user has no session yet; an existing user's session is read by the handler.
    routes.addAsync("POST", QStringLiteral("/api/v1/invitations/accept"), AccessRule::publicRoute(),
                    "invitation.accepted", acceptInvitation);
}

} // namespace creditdesk::server
