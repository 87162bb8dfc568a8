#include "http/Router.h"

#include <stdexcept>

namespace creditdesk::server {

void Router::add(const char* method, const QString& pattern, const QString& access, Handler handler)
{
    if (access.isEmpty())
        throw std::logic_error("route registered without an access rule: " + pattern.toStdString());
    m_routes.push_back(Route{QByteArray(method), pattern, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts),
                             access, std::move(handler)});
}

bool Router::matches(const Route& route, const QStringList& segments, QStringList* params)
{
    if (route.segments.size() != segments.size())
        return false;
    QStringList captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString& expected = route.segments[i];
        if (expected.startsWith(QLatin1Char('{'))) {
            if (segments[i].isEmpty())
                return false;
            captured.append(segments[i]);
        } else if (expected != segments[i]) {
            return false;
        }
    }
    *params = std::move(captured);
    return true;
}

Router::Match Router::match(const QByteArray& method, const QString& path) const
{
    Match result;
    if (path.contains(QLatin1String("//")))
        return result;
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QList<QByteArray> allowed;
    for (const Route& route : m_routes) {
        QStringList params;
        if (!matches(route, segments, &params))
            continue;
        if (route.method == method) {
            result.handler = &route.handler;
            result.params = std::move(params);
            return result;
        }
        if (!allowed.contains(route.method))
            allowed.append(route.method);
    }
    result.allow = allowed.join(", ");
    return result;
}

QStringList Router::routes() const
{
    QStringList list;
    for (const Route& route : m_routes)
        list.append(QString::fromLatin1(route.method) + QLatin1Char(' ') + route.pattern);
    return list;
}

} // namespace creditdesk::server
