// Notification preferences (GET|PUT /me/notification-preferences) and an organization's webhook endpoints
// with their deliveries. Handlers parse, call alerts/NotificationPreferences, WebhookEndpoints and
// Deliveries, and render; the delivery job (ServerApp) does the sending.
#include "api/NotificationRoutes.h"

#include "alerts/NotificationPreferences.h"
#include "alerts/WebhookEndpoints.h"
#include "api/ServerContext.h"
#include "core/Json.h"

#include <QJsonArray>

namespace creditdesk::server {

namespace {

ApiResponse getPreferences(ServerContext& context, const Call& call)
{
    NotificationPreferences preferences(context.store.reader(), context.clock.nowMs());
    return jsonResponse(
        200, QJsonObject{{QStringLiteral("preferences"),
                          NotificationPreferences::toJson(preferences.of(call.principal().userId))}});
}

// {"preferences": [{"kind", "in_app", "email"}, …]}: the kinds given change, the others keep theirs.
std::vector<NotificationPreference> parsePreferences(const JsonBody& body)
{
    body.rejectUnknownFields({"preferences"});
    const QJsonValue list = body.object().value(QStringLiteral("preferences"));
    if (!list.isArray())
        throw ApiError::validation(QStringLiteral("preferences"),
                                   QStringLiteral("'preferences' must be an array of {kind, in_app, email}"));
    const QJsonArray items = list.toArray();
    if (items.size() > notificationKinds().size())
        throw ApiError::validation(QStringLiteral("preferences"),
                                   QStringLiteral("'preferences' has more entries than there are kinds"));
    std::vector<NotificationPreference> result;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString field = QStringLiteral("preferences[%1]").arg(i);
        if (!items[i].isObject())
            throw ApiError::validation(
                field, QStringLiteral("'%1' must be an object {kind, in_app, email}").arg(field));
        const QJsonObject item = items[i].toObject();
        for (auto it = item.begin(); it != item.end(); ++it)
            if (it.key() != QLatin1String("kind") && it.key() != QLatin1String("in_app") &&
                it.key() != QLatin1String("email"))
                throw ApiError::validation(field + QLatin1Char('.') + it.key().left(40),
                                           QStringLiteral("Unknown field '%1'").arg(it.key().left(40)));
        if (!item.value(QStringLiteral("kind")).isString())
            throw ApiError::validation(field + QStringLiteral(".kind"),
                                       QStringLiteral("'%1.kind' must be a string").arg(field));
        for (const char* flag : {"in_app", "email"})
            if (!item.value(QLatin1String(flag)).isBool())
                throw ApiError::validation(
                    field + QLatin1Char('.') + QLatin1String(flag),
                    QStringLiteral("'%1.%2' must be true or false").arg(field, QLatin1String(flag)));
        result.push_back(NotificationPreference{item.value(QStringLiteral("kind")).toString(),
                                                item.value(QStringLiteral("in_app")).toBool(),
                                                item.value(QStringLiteral("email")).toBool()});
    }
    return result;
}

void putPreferences(ServerContext& context, const Call& call, Responder respond)
{
    const std::vector<NotificationPreference> changes = parsePreferences(call.body());
    const qint64 userId = call.principal().userId;
    const qint64 now = context.clock.nowMs();
    NotificationPreferences::check(changes); // 422 before anything is queued: nothing stored
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            NotificationPreferences preferences(db, now);
            preferences.set(userId, changes);
            QStringList summary;
            for (const NotificationPreference& change : changes)
                summary.append(QStringLiteral("%1 in_app=%2 email=%3")
                                   .arg(change.kind,
                                        change.inApp ? QStringLiteral("on") : QStringLiteral("off"),
                                        change.email ? QStringLiteral("on") : QStringLiteral("off")));
            ApiResponse response =
                jsonResponse(200, QJsonObject{{QStringLiteral("preferences"),
                                               NotificationPreferences::toJson(preferences.of(userId))}});
            response.audit.targetType = QStringLiteral("user");
            response.audit.targetId = userId;
            response.audit.summary =
                summary.isEmpty() ? QStringLiteral("no change") : summary.join(QStringLiteral("; "));
            return response;
        },
        std::move(respond));
}

void createEndpoint(ServerContext& context, const Call& call, Responder respond,
                    const DeliverySettings& settings)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "url", "events"});
    const QString url = WebhookEndpoints::checkedUrl(body.requiredString("url", 2000));
    const QStringList events = WebhookEndpoints::checkedEvents(body.requiredStringArray("events", 16, 64));
    const qint64 organizationId = call.organization().organizationId();
    const std::optional<qint64> createdBy =
        call.principal().isUser() ? std::optional(call.principal().userId) : std::nullopt;
    const qint64 now = context.clock.nowMs();
    if (!settings.masterKey)
        throw ApiError(
            QStringLiteral("master_key_missing"),
            QStringLiteral("Set CREDITDESK_MASTER_KEY (64 hex digits) on the server to use webhooks"));
    const std::optional<crypto::MasterKey> key = settings.masterKey;
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const auto [endpoint, secret] =
                WebhookEndpoints(db, now).create(organizationId, url, events, createdBy, key);
            QJsonObject object = endpoint.toJson();
            object.insert(QStringLiteral("secret"), QString::fromLatin1(secret)); // shown this once only
            ApiResponse response = jsonResponse(201, object);
            response.audit.targetId = endpoint.id;
            response.audit.summary =
                QStringLiteral("%1 for %2").arg(endpoint.url, endpoint.events.join(QStringLiteral(", ")));
            return response;
        },
        std::move(respond));
}

ApiResponse listEndpoints(ServerContext& context, const Call& call)
{
    QJsonArray data;
    for (const WebhookEndpoint& endpoint : WebhookEndpoints(context.store.reader(), context.clock.nowMs())
                                               .list(call.organization().organizationId()))
        data.append(endpoint.toJson());
    return listResponse(data, {});
}

void deleteEndpoint(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 id = call.resourceId();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const WebhookEndpoint endpoint = WebhookEndpoints(db, now).remove(id);
            ApiResponse response;
            response.status = 204;
            response.audit.targetId = id;
            response.audit.summary = endpoint.url;
            return response;
        },
        std::move(respond));
}

ApiResponse listDeliveries(ServerContext& context, const Call& call)
{
    const int limit = parseLimit(call.request(), 100);
    const std::optional<qint64> cursor = parseCursor(call.request());
    return jsonResponse(200, DeliveryQueue(context.store.reader(), context.clock.nowMs())
                                 .listForEndpoint(call.resourceId(), cursor, limit));
}

} // namespace

void registerNotificationRoutes(RouteTable& routes, const DeliverySettings& settings)
{
    const QString preferences = QStringLiteral("/api/v1/me/notification-preferences");
    routes.add("GET", preferences, AccessRule::userSession(), getPreferences);
    routes.addAsync("PUT", preferences, AccessRule::userSession(), "notification_preferences.changed",
                    putPreferences);
    const QString endpoints = QStringLiteral("/api/v1/webhook-endpoints");
    routes.addAsync("POST", endpoints, AccessRule::organization(Permission::ManageWebhooks, Locate::Body),
                    "webhook_endpoint.created",
                    [&settings](ServerContext& context, const Call& call, Responder respond) {
                        createEndpoint(context, call, std::move(respond), settings);
                    });
    routes.add("GET", endpoints, AccessRule::organization(Permission::ManageWebhooks, Locate::Query),
               listEndpoints);
    routes.addAsync("DELETE", endpoints + QStringLiteral("/{id}"),
                    AccessRule::webhookEndpoint(Permission::ManageWebhooks), "webhook_endpoint.deleted",
                    deleteEndpoint);
    routes.add("GET", endpoints + QStringLiteral("/{id}/deliveries"),
               AccessRule::webhookEndpoint(Permission::ManageWebhooks), listDeliveries);
}

} // namespace creditdesk::server
