#pragma once

#include "core/ApiTypes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace creditdesk {

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

    void add(const char* method, const QString& pattern, Handler handler);
    Match match(const QByteArray& method, const QString& path) const;
    QStringList routes() const; // "METHOD pattern", for the contract test

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments;
        Handler handler;
    };
    static bool matches(const Route& route, const QStringList& segments, QStringList* params);
    std::vector<Route> m_routes;
};

} // namespace creditdesk
