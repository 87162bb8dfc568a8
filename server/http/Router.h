#pragma once

#include "core/ApiTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace creditdesk::server {

using Handler = std::function<void(const ApiRequest&, Responder)>;

// Maps method + path pattern ("/api/v1/organizations/{id}/members") to a handler. A path that exists
// with another method yields the Allow list for a 405; a path that exists nowhere yields 404.
class Router
{
public:
    struct Match
    {
        const Handler* handler = nullptr;
        QStringList params;
        QByteArray allow; // set when the path exists but not for this method
    };

    // `access` names the route's access rule (api/RouteTable.h checks it); a route without one is refused.
    void add(const char* method, const QString& pattern, const QString& access, Handler handler);
    Match match(const QByteArray& method, const QString& path) const;
    QStringList routes() const; // "METHOD pattern"

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        QString access;
        Handler handler;
    };
    static bool matches(const Route& route, const QStringList& segments, QStringList* params);
    std::vector<Route> m_routes;
};

} // namespace creditdesk::server
