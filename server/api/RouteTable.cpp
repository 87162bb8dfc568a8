#include "api/RouteTable.h"

#include "api/ServerContext.h"

namespace creditdesk {

const JsonBody& Call::body() const
{
    if (m_authorized.body)
        return *m_authorized.body;
    if (!m_body)
        m_body.emplace(m_request.body);
    return *m_body;
}

void RouteTable::addAsync(const char* method, const QString& pattern, const AccessRule& rule,
                          AsyncRoute handler)
{
    m_entries.push_back(Entry{QByteArray(method), pattern, rule});
    ServerContext& context = m_context;
    m_router.add(
        method, pattern, rule.describe(),
        [&context, rule, handler = std::move(handler)](const ApiRequest& request, Responder respond) {
            AuthorizedRequest authorized;
            authorizeRequest(
                context.store.reader(), rule, request, [&] { return context.authenticate(request); },
                authorized);
            const Call call(request, authorized);
            handler(context, call, std::move(respond));
        });
}

void RouteTable::add(const char* method, const QString& pattern, const AccessRule& rule, SyncRoute handler)
{
    addAsync(method, pattern, rule,
             [handler = std::move(handler)](ServerContext& context, const Call& call, Responder respond) {
                 respond(handler(context, call));
             });
}

} // namespace creditdesk
