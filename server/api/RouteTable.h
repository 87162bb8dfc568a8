#pragma once

#include "auth/AccessRule.h"
#include "auth/RequestAuthorizer.h"
#include "http/Router.h"

#include <functional>
#include <vector>

namespace creditdesk {

struct ServerContext;

// A request that passed its route's access rule: the handler reads who calls and what they address
// from here and never checks access itself.
class Call
{
public:
    Call(const ApiRequest& request, const AuthorizedRequest& authorized)
        : m_request(request), m_authorized(authorized)
    {
    }

    const ApiRequest& request() const { return m_request; }
    const Principal& principal() const { return *m_authorized.principal; }
    const OrganizationAccess& organization() const { return *m_authorized.organization; }
    bool hasOrganization() const { return m_authorized.organization.has_value(); }
    const CreditTarget& account() const { return *m_authorized.account; }
    qint64 resourceId() const { return *m_authorized.resourceId; } // Transaction, Reservation, ApiToken rules
    // The JSON body (400 when it is not a JSON object), parsed once per request.
    const JsonBody& body() const;

private:
    const ApiRequest& m_request;
    const AuthorizedRequest& m_authorized;
    mutable std::optional<JsonBody> m_body;
};

using SyncRoute = std::function<ApiResponse(ServerContext&, const Call&)>;
using AsyncRoute = std::function<void(ServerContext&, const Call&, Responder)>;

// Registers routes with their access rule (auth/AccessRule.h); there is no way to add a route without
// one. The rule is checked before the handler runs. entries() is the route table that
// `creditdesk-server routes` prints and the contract test compares with docs/openapi.yaml.
class RouteTable
{
public:
    struct Entry
    {
        QByteArray method;
        QString pattern;
        AccessRule rule;
    };

    RouteTable(Router& router, ServerContext& context) : m_router(router), m_context(context) {}

    void add(const char* method, const QString& pattern, const AccessRule& rule, SyncRoute handler);
    void addAsync(const char* method, const QString& pattern, const AccessRule& rule, AsyncRoute handler);
    const std::vector<Entry>& entries() const { return m_entries; }
    ServerContext& context() const { return m_context; }

private:
    Router& m_router;
    ServerContext& m_context;
    std::vector<Entry> m_entries;
};

} // namespace creditdesk
