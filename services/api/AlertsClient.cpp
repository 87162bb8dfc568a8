#include "api/AlertsClient.h"

#include "api/AlertsParsers.h"
#include "api/RequestJob.h"

#include <QJsonArray>

namespace creditdesk {

namespace {

QUrlQuery organizationQuery(qint64 organizationId)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("organization_id"), QString::number(organizationId));
    return query;
}

bool accept(const QJsonObject&, bool* out)
{
    *out = true;
    return true;
}

// Rules and endpoints are few: one page of the most the server gives (100) is all of them; deliveries
// show their first page.
constexpr int kListLimit = 100;

} // namespace

AlertsClient::AlertsClient(ApiClient* client, QObject* parent) : QObject(parent), m_client(client) {}

template<typename Result>
void AlertsClient::run(QByteArray method, const QString& path, const QUrlQuery& query,
                       const QJsonObject& body, std::function<bool(const QJsonObject&, Result*)> read,
                       QObject* context, Done<Result> done, std::function<void()> succeeded)
{
    runRequest<Result>(m_client, std::move(method), path, query, body, {}, std::move(read), context,
                       std::move(done), std::move(succeeded));
}

template<typename Record, typename Parser>
void AlertsClient::list(const QString& path, const QUrlQuery& query, Parser parser, qint64 organizationId,
                        const QString& resource, QObject* context, Done<QList<Record>> done)
{
    QUrlQuery limited = query;
    limited.addQueryItem(QStringLiteral("limit"), QString::number(kListLimit));
    auto document = std::make_shared<QJsonObject>();
    QPointer<AlertsClient> self(this);
    run<QList<Record>>(
        "GET", path, limited, {},
        [parser, document](const QJsonObject& answer, QList<Record>* out) {
            *document = answer;
            return json::parseDataList(answer, out, parser);
        },
        context, std::move(done),
        [self, document, organizationId, resource] {
            if (self && !resource.isEmpty())
                Q_EMIT self->snapshotFetched(
                    organizationId, resource,
                    {{QStringLiteral("data"), document->value(QStringLiteral("data"))}});
        });
}

void AlertsClient::acknowledge(qint64 organizationId, qint64 alertId, QObject* context, Done<bool> done)
{
    QPointer<AlertsClient> self(this);
    run<bool>("POST", QStringLiteral("/api/v1/alerts/%1/acknowledge").arg(alertId), {}, {}, accept, context,
              std::move(done), [self, organizationId] {
                  if (self)
                      Q_EMIT self->alertsChanged(organizationId);
              });
}

void AlertsClient::rules(qint64 organizationId, QObject* context, Done<QList<AlertRule>> done)
{
    list<AlertRule>(QStringLiteral("/api/v1/alerts/rules"), organizationQuery(organizationId),
                    json::parseAlertRule, organizationId, QString::fromLatin1(kRulesSnapshot), context,
                    std::move(done));
}

void AlertsClient::addRule(qint64 organizationId, const AlertRule& rule, QObject* context,
                           Done<AlertRule> done)
{
    const QJsonObject body{{QStringLiteral("organization_id"), organizationId},
                           {QStringLiteral("kind"), rule.kind},
                           {QStringLiteral("threshold"), rule.threshold},
                           {QStringLiteral("level"), rule.level}};
    run<AlertRule>("POST", QStringLiteral("/api/v1/alerts/rules"), {}, body, json::parseAlertRule, context,
                   std::move(done));
}

void AlertsClient::updateRule(const AlertRule& rule, QObject* context, Done<AlertRule> done)
{
    const QJsonObject body{{QStringLiteral("threshold"), rule.threshold},
                           {QStringLiteral("enabled"), rule.enabled}};
    run<AlertRule>("PATCH", QStringLiteral("/api/v1/alerts/rules/%1").arg(rule.id), {}, body,
                   json::parseAlertRule, context, std::move(done));
}

void AlertsClient::deleteRule(qint64 ruleId, QObject* context, Done<bool> done)
{
    run<bool>("DELETE", QStringLiteral("/api/v1/alerts/rules/%1").arg(ruleId), {}, {}, accept, context,
              std::move(done));
}

void AlertsClient::preferences(QObject* context, Done<QList<NotificationPreference>> done)
{
    auto document = std::make_shared<QJsonObject>();
    QPointer<AlertsClient> self(this);
    run<QList<NotificationPreference>>(
        "GET", QStringLiteral("/api/v1/me/notification-preferences"), {}, {},
        [document](const QJsonObject& answer, QList<NotificationPreference>* out) {
            *document = answer;
            return json::parseNotificationPreferences(answer, out);
        },
        context, std::move(done),
        [self, document] {
            if (self)
                Q_EMIT self->snapshotFetched(0, QString::fromLatin1(kPreferencesSnapshot), *document);
        });
}

void AlertsClient::setPreferences(const QList<NotificationPreference>& preferences, QObject* context,
                                  Done<QList<NotificationPreference>> done)
{
    QJsonArray list;
    for (const NotificationPreference& preference : preferences)
        list.append(QJsonObject{{QStringLiteral("kind"), preference.kind},
                                {QStringLiteral("in_app"), preference.inApp},
                                {QStringLiteral("email"), preference.email}});
    run<QList<NotificationPreference>>("PUT", QStringLiteral("/api/v1/me/notification-preferences"), {},
                                       {{QStringLiteral("preferences"), list}},
                                       json::parseNotificationPreferences, context, std::move(done));
}

void AlertsClient::webhookEndpoints(qint64 organizationId, QObject* context,
                                    Done<QList<WebhookEndpoint>> done)
{
    list<WebhookEndpoint>(QStringLiteral("/api/v1/webhook-endpoints"), organizationQuery(organizationId),
                          json::parseWebhookEndpoint, organizationId, QString::fromLatin1(kWebhooksSnapshot),
                          context, std::move(done));
}

void AlertsClient::addWebhookEndpoint(qint64 organizationId, const QString& url, const QStringList& events,
                                      QObject* context, Done<WebhookEndpoint> done)
{
    const QJsonObject body{{QStringLiteral("organization_id"), organizationId},
                           {QStringLiteral("url"), url},
                           {QStringLiteral("events"), QJsonArray::fromStringList(events)}};
    run<WebhookEndpoint>("POST", QStringLiteral("/api/v1/webhook-endpoints"), {}, body,
                         json::parseWebhookEndpoint, context, std::move(done));
}

void AlertsClient::deleteWebhookEndpoint(qint64 endpointId, QObject* context, Done<bool> done)
{
    run<bool>("DELETE", QStringLiteral("/api/v1/webhook-endpoints/%1").arg(endpointId), {}, {}, accept,
              context, std::move(done));
}

void AlertsClient::webhookDeliveries(qint64 endpointId, QObject* context, Done<QList<WebhookDelivery>> done)
{
    list<WebhookDelivery>(QStringLiteral("/api/v1/webhook-endpoints/%1/deliveries").arg(endpointId), {},
                          json::parseWebhookDelivery, 0, QString(), context, std::move(done));
}

} // namespace creditdesk
