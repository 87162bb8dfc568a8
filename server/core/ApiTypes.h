#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace creditdesk::server {

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
    QByteArray stripeSignature; // Stripe-Signature: the only auth of POST /api/v1/webhooks/stripe
    QString remoteAddress;
    QStringList pathParams; // filled by the router, in pattern order

    QString queryValue(const QString& name) const { return query.value(name); }
    bool hasQuery(const QString& name) const { return query.contains(name); }
};

// What a write command adds to its request's audit entry (audit/AuditTrail.h); never sent.
struct AuditNote
{
    QString targetType;             // when not the action's first part ("credits.deducted": a transaction)
    std::optional<qint64> targetId; // e.g. the id of what was created
    std::optional<qint64> organizationId; // e.g. a new organization
    std::optional<qint64> actorId;        // sign-in: the user who signed in
    QString summary;                      // short before/after, e.g. "role member → admin"
    bool unchanged = false;               // the command found it done already (a repeated request): no entry
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    AuditNote audit;

    void setHeader(const QByteArray& name, const QByteArray& value) { headers.emplace_back(name, value); }
};

// Called exactly once with the response; may be called from any thread.
using Responder = std::function<void(ApiResponse)>;

} // namespace creditdesk::server
