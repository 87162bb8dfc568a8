// GET /api/v1/audit: the organization's audit trail for its owners, admins and finance staff; every
// organization's for platform administrators.
#include "api/ServerContext.h"
#include "audit/AuditTrail.h"
#include "core/Json.h"

#include <QJsonArray>

#include <limits>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

ApiResponse listAudit(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    AuditFilter filter;
    if (call.hasOrganization())
        filter.organizationId = call.organization().organizationId();
    filter.sinceSeq = parseQueryInteger(request, QStringLiteral("since"), 0, kMaxId);
    filter.actorId = parseQueryInteger(request, QStringLiteral("actor_id"), 1, kMaxId);
    filter.limit =
        static_cast<int>(parseQueryInteger(request, QStringLiteral("limit"), 1, 1000).value_or(50));
    const QString action = request.queryValue(QStringLiteral("action"));
    if (action.size() > 64 || !isCleanText(action))
        throw ApiError::validation(QStringLiteral("action"),
                                   QStringLiteral("'action' is not an action name"));
    filter.action = action;
    if (request.hasQuery(QStringLiteral("cursor"))) {
        bool ok = false;
        const qint64 cursor = request.queryValue(QStringLiteral("cursor")).toLongLong(&ok);
        if (!ok || cursor < 0)
            throw ApiError::validation(QStringLiteral("cursor"),
                                       QStringLiteral("'cursor' is not a cursor from this list"));
        if (filter.sinceSeq)
            filter.sinceSeq = std::max(*filter.sinceSeq, cursor);
        else
            filter.beforeSeq = cursor;
    }
    // One more than asked tells whether there is a next page.
    const int limit = filter.limit;
    filter.limit = limit + 1;
    std::vector<AuditEntry> entries = AuditTrail(context.store.reader()).list(filter);
    const bool more = static_cast<int>(entries.size()) > limit;
    if (more)
        entries.resize(static_cast<std::size_t>(limit));
    QJsonArray data;
    for (const AuditEntry& entry : entries)
        data.append(entry.toJson());
    return listResponse(data, more ? QString::number(entries.back().seq) : QString());
}

} // namespace

void registerAuditRoutes(RouteTable& routes)
{
    routes.add("GET", QStringLiteral("/api/v1/audit"),
               AccessRule::organizationOrPlatform(Permission::ReadAudit, Locate::Query), listAudit);
}

} // namespace creditdesk::server
