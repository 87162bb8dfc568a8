#include "api/ServerContext.h"
#include "auth/LoginThrottle.h"
#include "auth/Sessions.h"
#include "core/Crypto.h"
#include "core/Json.h"
#include "orgs/Directory.h"
#include "orgs/Memberships.h"
#include "orgs/Roles.h"

#include <QJsonArray>

namespace creditdesk::server {

namespace {

// Verifying against this when the e-mail is unknown keeps the response time the same, so sign-in
// does not reveal which addresses have accounts.
const QByteArray& dummyPasswordHash()
{
    static const QByteArray hash = crypto::hashPassword(QStringLiteral("no such user, no such password"));
    return hash;
}

void login(ServerContext& context, const Call& call, Responder respond)
{
    const ApiRequest& request = call.request();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"email", "password"});
    const QString email = directory::normalizeEmail(body.requiredString("email", 254));
    const auto password = body.optionalSecret("password", 256);
    if (email.isEmpty())
        throw ApiError::validation(QStringLiteral("email"),
                                   QStringLiteral("'email' is not a valid e-mail address"));
    if (!password || password->isEmpty())
        throw ApiError::validation(QStringLiteral("password"), QStringLiteral("'password' is required"));
    const qint64 now = context.clock.nowMs();
    if (const auto wait = context.loginThrottle.beginAttempt(email, request.remoteAddress, now))
        throw ApiError(QStringLiteral("too_many_attempts"),
                       QStringLiteral("Too many failed sign-ins; try again in %1 seconds").arg(*wait),
                       QJsonObject{{QStringLiteral("retry_after_seconds"), *wait}});
    const QString address = request.remoteAddress;
    const AuditContext audit = call.audit(); // the signed-in user is named by the command
    context.blockingPool.post([&context, audit, email, password = *password, address, now,
                               respond = std::move(respond)] {
        try {
            SqlConnection& reader = context.store.reader();
            const auto user = Sessions(reader).userForLogin(email);
            const QByteArray storedHash = user ? user->passwordHash : dummyPasswordHash();
            const bool valid = crypto::verifyPassword(password, storedHash) && user.has_value();
            const qint64 attemptAt = context.clock.nowMs();
            if (!valid) { // already counted by beginAttempt()
                respond(errorResponse(QStringLiteral("invalid_credentials"),
                                      QStringLiteral("The e-mail address or password is wrong")));
                return;
            }
            context.loginThrottle.recordSuccess(email, address, now);
            const qint64 userId = user->userId;
            const QByteArray token = crypto::newToken("cds_");
            const qint64 expiresAt = attemptAt + context.settings.sessionTtlSeconds * 1000;
            context.store.submit(
                audited(audit, attemptAt,
                        [userId, token, now = attemptAt, expiresAt](SqlConnection& db) {
                            Sessions(db).open(userId, token, now, expiresAt);
                            ApiResponse response = jsonResponse(
                                200, QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                                                 {QStringLiteral("expires_at"), formatTimestamp(expiresAt)},
                                                 {QStringLiteral("user"), directory::userJson(db, userId)}});
                            response.audit.actorId = userId;
                            response.audit.targetId = userId;
                            response.audit.targetType = QStringLiteral("user");
                            response.audit.summary = QStringLiteral("signed in");
                            return response;
                        }),
                respond);
        } catch (const ApiError& error) {
            respond(errorResponse(error));
        } catch (const std::exception& error) {
            qWarning("login failed: %s", error.what());
            respond(errorResponse(QStringLiteral("internal_error"), QStringLiteral("Sign-in failed")));
        }
    });
}

void logout(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    if (!principal.isUser())
        throw ApiError(QStringLiteral("not_a_session"),
                       QStringLiteral("API tokens are revoked, not signed out"));
    const QByteArray sessionHash = principal.sessionHash;
    // The cached principal is dropped once the session row is gone and before the 204 is sent: a
    // request sent after the answer finds neither (a lookup still in flight cannot cache it again).
    submitWrite(
        context, call.audit(),
        [sessionHash](SqlConnection& db) {
            Sessions(db).close(sessionHash);
            ApiResponse response;
            response.status = 204;
            return response;
        },
        [&context, sessionHash, respond = std::move(respond)](ApiResponse response) {
            context.principals.forget(sessionHash);
            respond(std::move(response));
        });
}

ApiResponse me(ServerContext& context, const Call& call)
{
    const Principal& principal = call.principal();
    SqlConnection& reader = context.store.reader();
    QJsonObject result{{QStringLiteral("user"), directory::userJson(reader, principal.userId)}};
    if (!principal.isUser()) {
        result.insert(QStringLiteral("api_token"),
                      QJsonObject{{QStringLiteral("id"), principal.tokenId},
                                  {QStringLiteral("organization_id"),
                                   principal.tokenOrganizationId ? QJsonValue(*principal.tokenOrganizationId)
                                                                 : QJsonValue()},
                                  {QStringLiteral("scopes"), QJsonArray::fromStringList(principal.scopes)}});
    }
    QJsonArray organizations;
    for (const Membership& membership : Memberships(reader).ofUser(principal.userId)) {
        const qint64 organizationId = membership.organizationId;
        if (!principal.isUser() && principal.tokenOrganizationId != organizationId)
            continue;
        QJsonObject organization = directory::organizationJson(reader, organizationId);
        organization.insert(QStringLiteral("role"), membership.role);
        organization.insert(QStringLiteral("department_id"),
                            membership.departmentId ? QJsonValue(*membership.departmentId) : QJsonValue());
        // A person holds their role's permissions (built-in or custom), a machine its scopes.
        organization.insert(
            QStringLiteral("permissions"),
            QJsonArray::fromStringList(
                principal.isUser()
                    ? Roles(reader, context.clock.nowMs()).permissionNames(organizationId, membership.role)
                    : principal.scopes));
        organizations.append(organization);
    }
    result.insert(QStringLiteral("organizations"), organizations);
    const auto account = accountIdFor(reader, QStringLiteral("user"), principal.userId);
    result.insert(QStringLiteral("personal_account_id"), account ? QJsonValue(*account) : QJsonValue());
    return jsonResponse(200, result);
}

} // namespace

void registerAuthRoutes(RouteTable& routes)
{
    routes.addAsync("POST", QStringLiteral("/api/v1/auth/login"), AccessRule::publicRoute(),
                    "session.created", login);
    routes.addAsync("POST", QStringLiteral("/api/v1/auth/logout"), AccessRule::signedIn(), "session.ended",
                    logout);
    routes.add("GET", QStringLiteral("/api/v1/me"), AccessRule::signedIn(), me);
}

} // namespace creditdesk::server
