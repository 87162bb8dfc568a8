#include "api/AlertsParsers.h"

#include <QJsonArray>

namespace creditdesk::json {

namespace {

QJsonValue field(const QJsonObject& object, const char* name)
{
    return object.value(QLatin1String(name));
}

bool readBool(const QJsonObject& object, const char* name, bool* out)
{
    const QJsonValue value = field(object, name);
    if (!value.isBool())
        return false;
    *out = value.toBool();
    return true;
}

// Absent or null: an invalid date; a present value must be a timestamp.
bool lenientTimestamp(const QJsonObject& object, const char* name, QDateTime* out)
{
    const QJsonValue value = field(object, name);
    if (value.isUndefined() || value.isNull()) {
        *out = QDateTime();
        return true;
    }
    return readTimestamp(value, out);
}

bool readStrings(const QJsonValue& value, QStringList* out)
{
    if (!value.isArray())
        return false;
    QStringList strings;
    for (const QJsonValue& element : value.toArray()) {
        if (!element.isString())
            return false;
        strings.append(element.toString());
    }
    *out = strings;
    return true;
}

bool parseAttempt(const QJsonObject& object, WebhookAttempt* out)
{
    const QJsonValue status = field(object, "status_code");
    if (!status.isUndefined() && !readOptionalInteger(status, &out->statusCode))
        return false;
    const QJsonValue error = field(object, "error");
    out->error = error.isString() ? error.toString() : QString();
    return lenientTimestamp(object, "at", &out->at);
}

} // namespace

bool parseAlertRule(const QJsonObject& object, AlertRule* out)
{
    return readInteger(field(object, "id"), &out->id) && readString(object, "kind", &out->kind) &&
           readInteger(field(object, "threshold"), &out->threshold) &&
           readString(object, "level", &out->level) && readBool(object, "enabled", &out->enabled) &&
           readBool(object, "builtin", &out->builtin);
}

bool parseNotificationPreference(const QJsonObject& object, NotificationPreference* out)
{
    return readString(object, "kind", &out->kind) && readBool(object, "in_app", &out->inApp) &&
           readBool(object, "email", &out->email);
}

bool parseNotificationPreferences(const QJsonObject& answer, QList<NotificationPreference>* out)
{
    const QJsonValue list = field(answer, "preferences");
    if (!list.isArray())
        return false;
    QList<NotificationPreference> preferences;
    for (const QJsonValue& value : list.toArray()) {
        NotificationPreference preference;
        if (!value.isObject() || !parseNotificationPreference(value.toObject(), &preference))
            return false;
        preferences.append(preference);
    }
    *out = preferences;
    return true;
}

bool parseWebhookEndpoint(const QJsonObject& object, WebhookEndpoint* out)
{
    const QJsonValue secret = field(object, "secret");
    out->secret = secret.isString() ? secret.toString() : QString();
    return readInteger(field(object, "id"), &out->id) && readString(object, "url", &out->url) &&
           readStrings(field(object, "events"), &out->events) &&
           lenientTimestamp(object, "created_at", &out->createdAt);
}

bool parseWebhookDelivery(const QJsonObject& object, WebhookDelivery* out)
{
    if (!readInteger(field(object, "id"), &out->id) || !readString(object, "event", &out->event) ||
        !readString(object, "status", &out->status) ||
        !lenientTimestamp(object, "next_attempt_at", &out->nextAttemptAt))
        return false;
    const QJsonValue attempts = field(object, "attempts");
    out->attempts.clear();
    if (attempts.isUndefined() || attempts.isNull())
        return true;
    if (!attempts.isArray())
        return false;
    for (const QJsonValue& value : attempts.toArray()) {
        WebhookAttempt attempt;
        if (!value.isObject() || !parseAttempt(value.toObject(), &attempt))
            return false;
        out->attempts.append(attempt);
    }
    return true;
}

} // namespace creditdesk::json
