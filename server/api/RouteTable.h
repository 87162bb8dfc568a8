#pragma once

#include "auth/AccessRule.h"
#include "auth/RequestAuthorizer.h"
#include "http/Router.h"

#include <functional>
#include <vector>

namespace creditdesk::server {

struct ServerContext;

// What a state-changing request's audit entry says (audit/AuditTrail.h), from the route's declared
// action and the authorized request; the write command may add to it (ApiResponse::audit). A plain
// value, so it can travel with a command queued for later. Texts are UTF-8, as the trail stores them:
// made once per request, before the writer.
struct AuditContext
{
    QByteArray action;    // declared on the route, e.g. "member.changed"
    QByteArray actorType; // "user", "token" or "job"
    std::optional<qint64> actorId;
    std::optional<qint64> organizationId;
    QByteArray targetType; // the action's first part: "member"
    std::optional<qint64> targetId;
    QByteArray requestBody; // the default summary is made from it only when the command gives none
    QByteArray requestId;
};

// A request that passed its route's access rule: the handler reads who calls and what they address
// from here and never checks access itself.
class Call
{
public:
    Call(const ApiRequest& request, const AuthorizedRequest& authorized, QString auditAction)
        : m_request(request), m_authorized(authorized), m_auditAction(std::move(auditAction))
    {
    }

    const ApiRequest& request() const { return m_request; }
    const Principal& principal() const { return *m_authorized.principal; }
    const OrganizationAccess& organization() const { return *m_authorized.organization; }
    bool hasOrganization() const { return m_authorized.organization.has_value(); }
    const CreditTarget& account() const { return *m_authorized.account; }
    bool hasAccount() const { return m_authorized.account.has_value(); }
    qint64 resourceId() const { return *m_authorized.resourceId; } // Transaction, Reservation, ApiToken rules
    // The JSON body (400 when it is not a JSON object), parsed once per request.
    const JsonBody& body() const;
    // The audit entry this request writes if its change commits (routes that change state declare an action).
    AuditContext audit() const;

private:
    const ApiRequest& m_request;
    const AuthorizedRequest& m_authorized;
    QString m_auditAction;
    mutable std::optional<JsonBody> m_body;
};

// The request's fields as an audit summary (secrets hidden, at most 300 characters): for commands that
// give no summary of their own. Made in the writer only when needed, so hot paths do not parse twice.
QString defaultAuditSummary(const QByteArray& requestBody);

using SyncRoute = std::function<ApiResponse(ServerContext&, const Call&)>;
using AsyncRoute = std::function<void(ServerContext&, const Call&, Responder)>;

// Registers routes with their access rule (auth/AccessRule.h); there is no way to add a route without
// one. The rule is checked before the handler runs. entries() is the route table that
// `creditdesk-server serve --print-routes` prints and the contract test compares with docs/openapi.yaml.
class RouteTable
{
public:
    struct Entry
    {
        QByteArray method;
        QString pattern;
        AccessRule rule;
        QString auditAction; // every route that changes state has one
    };

    RouteTable(Router& router, ServerContext& context) : m_router(router), m_context(context) {}

    // Reads (GET): no audit action.
    void add(const char* method, const QString& pattern, const AccessRule& rule, SyncRoute handler);
    // A read asked so often that its answer is kept (GET /api/v1/quota, before every model call): the same
    // caller (Authorization header) asking the same question again gets the same 200 answer, without
    // authorization or database reads, until this process commits any write or `ttlMs` passes. Other
    // server processes' writes are therefore seen within `ttlMs`, as a revoked token is (PrincipalCache).
    void addCachedRead(const QString& pattern, const AccessRule& rule, qint64 ttlMs, SyncRoute handler);
    // Writes: the audit action their change is recorded under (required; a GET passes nullptr).
    void addAsync(const char* method, const QString& pattern, const AccessRule& rule, const char* auditAction,
                  AsyncRoute handler);
    const std::vector<Entry>& entries() const { return m_entries; }
    ServerContext& context() const { return m_context; }

private:
    Router& m_router;
    ServerContext& m_context;
    std::vector<Entry> m_entries;
};

} // namespace creditdesk::server
