#include "api/ServerContext.h"
#include "core/Json.h"

#include <QFile>

namespace creditdesk::server {

namespace {

ApiResponse healthz(ServerContext&, const Call&)
{
    ApiResponse response;
    response.body = R"({"status":"ok"})";
    return response;
}

// Ready when migrations ran, the writer is up and a read connection answers.
ApiResponse readyz(ServerContext& context, const Call&)
{
    if (!context.ready)
        return errorResponse(QStringLiteral("not_ready"),
                             QStringLiteral("The server is starting or stopping"));
    if (!context.store.isReachable())
        return errorResponse(QStringLiteral("store_unavailable"),
                             QStringLiteral("The database does not answer"));
    ApiResponse response;
    response.body = R"({"status":"ready"})";
    return response;
}

// The API contract (docs/openapi.yaml), converted to JSON at build time and compiled in.
ApiResponse openApi(ServerContext&, const Call&)
{
    static const QByteArray contract = [] {
        QFile file(QStringLiteral(":/creditdesk/openapi.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    if (contract.isEmpty())
        return errorResponse(QStringLiteral("internal_error"),
                             QStringLiteral("The API description is missing"));
    ApiResponse response;
    response.body = contract;
    return response;
}

} // namespace

void registerSystemRoutes(RouteTable& routes)
{
    routes.add("GET", QStringLiteral("/healthz"), AccessRule::publicRoute(), healthz);
    routes.add("GET", QStringLiteral("/readyz"), AccessRule::publicRoute(), readyz);
    routes.add("GET", QStringLiteral("/api/v1/openapi.json"), AccessRule::publicRoute(), openApi);
}

} // namespace creditdesk::server
