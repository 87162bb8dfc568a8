#include "api/RouteTable.h"

#include "api/ServerContext.h"
#include "core/ExpiringCache.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace creditdesk::server {

QString defaultAuditSummary(const QByteArray& requestBody)
{
    if (requestBody.trimmed().isEmpty())
        return {};
    QJsonObject object = QJsonDocument::fromJson(requestBody).object();
    for (const char* secret : {"password", "token", "api_key", "secret"})
        if (object.contains(QLatin1String(secret)))
            object.insert(QLatin1String(secret), QStringLiteral("(hidden)"));
    if (object.contains(QStringLiteral("events")))
        object.insert(QStringLiteral("events"), object.value(QStringLiteral("events")).toArray().size());
    const QString text = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    return text.size() > 300 ? text.left(299) + QChar(0x2026) : text;
}

const JsonBody& Call::body() const
{
    if (m_authorized.body)
        return *m_authorized.body;
    if (!m_body)
        m_body.emplace(m_request.body);
    return *m_body;
}

AuditContext Call::audit() const
{
    AuditContext audit;
    audit.action = m_auditAction.toUtf8();
    audit.targetType = m_auditAction.section(QLatin1Char('.'), 0, 0).toUtf8();
    audit.requestId = QString::fromLatin1(m_request.requestId).toUtf8();
    audit.requestBody = m_request.body;
    if (m_authorized.principal) {
        const Principal& principal = *m_authorized.principal;
        audit.actorType = principal.isUser() ? QByteArrayLiteral("user") : QByteArrayLiteral("token");
        audit.actorId = principal.actorId();
    } else {
        audit.actorType = QByteArrayLiteral("user"); // public writes (sign-in) name their user in the note
    }
    if (m_authorized.organization)
        audit.organizationId = m_authorized.organization->organizationId();
    else if (m_authorized.account)
        audit.organizationId = m_authorized.account->organizationId;
    else if (m_authorized.principal && m_authorized.principal->tokenOrganizationId)
        audit.organizationId = m_authorized.principal->tokenOrganizationId;
    // The thing acted on: what the rule looked up, else the last id in the path.
    if (m_authorized.resourceId) {
        audit.targetId = m_authorized.resourceId;
    } else if (!m_request.pathParams.isEmpty() &&
               m_request.path.endsWith(QLatin1Char('/') + m_request.pathParams.last())) {
        // ".../members/{user_id}": the path ends with the thing acted on (".../members" of an
        // organization does not; creations name theirs in the command's note).
        bool ok = false;
        const qint64 id = m_request.pathParams.last().toLongLong(&ok);
        if (ok)
            audit.targetId = id;
    }
    return audit;
}

namespace {

// Checks `request` against the route's rule (a refusal throws its error envelope) and hands the checked
// call to `handle`: the one way a route's handler is reached.
template<typename Handle>
void runAuthorized(ServerContext& context, const AccessRule& rule, const ApiRequest& request,
                   const QString& auditAction, Handle handle)
{
    AuthorizedRequest authorized;
    authorizeRequest(
        context.store.reader(), rule, request, [&] { return context.authenticate(request); }, authorized);
    handle(Call(request, authorized, auditAction));
}

} // namespace

void RouteTable::addAsync(const char* method, const QString& pattern, const AccessRule& rule,
                          const char* auditAction, AsyncRoute handler)
{
    const bool changesState = qstrcmp(method, "GET") != 0 && qstrcmp(method, "HEAD") != 0;
    if (changesState && (!auditAction || !*auditAction))
        throw std::logic_error("a route that changes state needs an audit action: " + pattern.toStdString());
    const QString action = QLatin1String(auditAction ? auditAction : "");
    m_entries.push_back(Entry{QByteArray(method), pattern, rule, action});
    ServerContext& context = m_context;
    m_router.add(
        method, pattern, rule.describe(),
        [&context, rule, action, handler = std::move(handler)](const ApiRequest& request, Responder respond) {
            runAuthorized(context, rule, request, action,
                          [&](const Call& call) { handler(context, call, std::move(respond)); });
        });
}

void RouteTable::add(const char* method, const QString& pattern, const AccessRule& rule, SyncRoute handler)
{
    addAsync(method, pattern, rule, nullptr,
             [handler = std::move(handler)](ServerContext& context, const Call& call, Responder respond) {
                 respond(handler(context, call));
             });
}

namespace {

// Who asks what: the Authorization header, the path and the query in a fixed order.
QByteArray cachedReadKey(const ApiRequest& request)
{
    QStringList names = request.query.keys();
    std::sort(names.begin(), names.end());
    QByteArray key = request.authorization + '\n' + request.path.toUtf8() + '?';
    for (const QString& name : names)
        key += name.toUtf8() + '=' + request.query.value(name).toUtf8() + '&';
    return key;
}

struct CachedAnswer
{
    ApiResponse response;
    quint64 changes = 0; // the store's change count before it was read
};

} // namespace

void RouteTable::addCachedRead(const QString& pattern, const AccessRule& rule, qint64 ttlMs,
                               SyncRoute handler)
{
    if (ttlMs <= 0) {
        add("GET", pattern, rule, std::move(handler));
        return;
    }
    auto answers = std::make_shared<ExpiringCache<QByteArray, CachedAnswer>>(ttlMs);
    m_entries.push_back(Entry{QByteArrayLiteral("GET"), pattern, rule, QString()});
    ServerContext& context = m_context;
    m_router.add("GET", pattern, rule.describe(),
                 [&context, rule, answers, handler = std::move(handler)](const ApiRequest& request,
                                                                         Responder respond) {
                     const std::atomic<quint64>& changes = context.store.statistics().changes;
                     const QByteArray key = cachedReadKey(request);
                     const qint64 now = QDateTime::currentMSecsSinceEpoch();
                     if (auto cached = answers->find(key, now); cached && cached->changes == changes.load()) {
                         respond(cached->response);
                         return;
                     }
                     const quint64 changesBefore = changes.load();
                     runAuthorized(context, rule, request, QString(), [&](const Call& call) {
                         ApiResponse response = handler(context, call);
                         if (response.status == 200)
                             answers->insert(key, CachedAnswer{response, changesBefore}, now);
                         respond(std::move(response));
                     });
                 });
}

} // namespace creditdesk::server
