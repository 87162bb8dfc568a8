#pragma once

#include "api/ApiError.h"
#include "domain/Alerts.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace creditdesk {

class ApiClient;

// What the Alerts pane may ask of the server besides the synced feed: acknowledge an alert, the
// organization's alert rules, the signed-in user's notification preferences, and the organization's
// webhook endpoints with their deliveries. Like OrganizationClient: each call answers once through `done`
// on `context`'s thread, nothing is called when `context` is gone first; whole reads are announced with
// snapshotFetched() for the offline cache, and an acknowledgement with alertsChanged() so that the sync
// brings the changed alert.
class AlertsClient : public QObject
{
    Q_OBJECT

public:
    template<typename Result> using Done = std::function<void(const Result& result, const ApiError& error)>;

    // The resources announced with snapshotFetched(); preferences belong to the user, not to an
    // organization, and are kept under organization 0.
    static constexpr const char* kRulesSnapshot = "alert-rules";
    static constexpr const char* kPreferencesSnapshot = "notification-preferences";
    static constexpr const char* kWebhooksSnapshot = "webhook-endpoints";

    explicit AlertsClient(ApiClient* client, QObject* parent = nullptr);

    void acknowledge(qint64 organizationId, qint64 alertId, QObject* context, Done<bool> done);

    void rules(qint64 organizationId, QObject* context, Done<QList<AlertRule>> done);
    // A custom rule, enabled (id and builtin are the server's).
    void addRule(qint64 organizationId, const AlertRule& rule, QObject* context, Done<AlertRule> done);
    // PATCH with the rule's threshold and enabled flag.
    void updateRule(const AlertRule& rule, QObject* context, Done<AlertRule> done);
    void deleteRule(qint64 ruleId, QObject* context, Done<bool> done);

    void preferences(QObject* context, Done<QList<NotificationPreference>> done);
    void setPreferences(const QList<NotificationPreference>& preferences, QObject* context,
                        Done<QList<NotificationPreference>> done);

    void webhookEndpoints(qint64 organizationId, QObject* context, Done<QList<WebhookEndpoint>> done);
    // The answer carries the signing secret, once.
    void addWebhookEndpoint(qint64 organizationId, const QString& url, const QStringList& events,
                            QObject* context, Done<WebhookEndpoint> done);
    void deleteWebhookEndpoint(qint64 endpointId, QObject* context, Done<bool> done);
    void webhookDeliveries(qint64 endpointId, QObject* context, Done<QList<WebhookDelivery>> done);

Q_SIGNALS:
    // An alert was acknowledged: the feed changed on the server.
    void alertsChanged(qint64 organizationId);
    // A whole read answered, as the server sent it, for CacheDatabase::storeSnapshot (which drops secrets).
    void snapshotFetched(qint64 organizationId, const QString& resource, const QJsonObject& document);

private:
    template<typename Result>
    void run(QByteArray method, const QString& path, const QUrlQuery& query, const QJsonObject& body,
             std::function<bool(const QJsonObject&, Result*)> read, QObject* context, Done<Result> done,
             std::function<void()> succeeded = {});
    // A list read ({"data": [...]}) that is also a snapshot when `resource` is given.
    template<typename Record, typename Parser>
    void list(const QString& path, const QUrlQuery& query, Parser parser, qint64 organizationId,
              const QString& resource, QObject* context, Done<QList<Record>> done);

    QPointer<ApiClient> m_client;
};

} // namespace creditdesk
