#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace creditdesk {

// Plain records of the alerts API (docs/openapi.yaml, issue 14): rules, the user's notification
// preferences, webhook endpoints and their deliveries. The fired alerts themselves are a synced collection
// (views/AlertFeed.h), not a record here.

// The kinds of alert, which are also the kinds of notification preference, in the server's order.
QStringList alertKinds();
// The events a webhook endpoint may subscribe to.
QStringList webhookEvents();

struct AlertRule
{
    qint64 id = 0;
    QString kind;         // one of alertKinds()
    qint64 threshold = 0; // percent, credits or days, by kind
    QString level;        // "warning" | "critical"
    bool enabled = true;
    bool builtin = false;

    friend bool operator==(const AlertRule&, const AlertRule&) = default;
};

struct NotificationPreference
{
    QString kind;
    bool inApp = true;
    bool email = false;

    friend bool operator==(const NotificationPreference&, const NotificationPreference&) = default;
};

struct WebhookEndpoint
{
    qint64 id = 0;
    QString url;
    QStringList events;
    QDateTime createdAt; // invalid when the server does not say
    // Only in the answer to creating it: the signing secret, shown once and never stored.
    QString secret;
};

struct WebhookAttempt
{
    QDateTime at;
    std::optional<qint64> statusCode; // none: no HTTP answer (connection refused, timeout)
    QString error;
};

struct WebhookDelivery
{
    qint64 id = 0;
    QString event;
    QString status; // "pending" | "delivered" | "failed"
    QList<WebhookAttempt> attempts;
    QDateTime nextAttemptAt; // invalid: none planned
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::AlertRule)
