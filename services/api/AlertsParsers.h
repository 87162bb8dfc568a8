#pragma once

#include "api/JsonParsers.h"
#include "domain/Alerts.h"

#include <QJsonObject>
#include <QList>

namespace creditdesk::json {

// Readers for the alerts answers (issue 14's shapes): rules, notification preferences, webhook endpoints
// and deliveries. Ids, kinds and flags are required; timestamps a server may leave out are read leniently.
bool parseAlertRule(const QJsonObject& object, AlertRule* out);
bool parseNotificationPreference(const QJsonObject& object, NotificationPreference* out);
// {"preferences": [...]}
bool parseNotificationPreferences(const QJsonObject& answer, QList<NotificationPreference>* out);
bool parseWebhookEndpoint(const QJsonObject& object, WebhookEndpoint* out);
bool parseWebhookDelivery(const QJsonObject& object, WebhookDelivery* out);

} // namespace creditdesk::json
