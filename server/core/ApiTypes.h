#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>
#include <vector>

namespace creditdesk {

// What handlers see of an HTTP request. The Beast layer fills it; nothing else knows about Beast.
struct ApiRequest
{
    QByteArray method;
    QString path;                  // percent-decoded path without the query
    QHash<QString, QString> query; // decoded query parameters (last one wins)
    QByteArray body;
    QByteArray authorization;
    QByteArray idempotencyKey;
    QByteArray contentType;
    QByteArray accept;
    QByteArray requestId;
    QString remoteAddress;
    QStringList pathParams; // filled by the router, in pattern order

    QString queryValue(const QString& name) const { return query.value(name); }
    bool hasQuery(const QString& name) const { return query.contains(name); }
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    std::vector<std::pair<QByteArray, QByteArray>> headers;

    void setHeader(const QByteArray& name, const QByteArray& value) { headers.emplace_back(name, value); }
};

// Called exactly once with the response; may be called from any thread.
using Responder = std::function<void(ApiResponse)>;

} // namespace creditdesk
