#pragma once

#include <QJsonObject>
#include <QString>

namespace creditdesk::server {

struct MailContent
{
    QString subject;
    QString text;
    QString html;
};

// The e-mail about one outbox event (alert.fired, subscription.changed, coupon.redeemed): a subject,
// and the same words as plain text and as HTML. `organizationName` is empty for personal accounts.
MailContent notificationMail(const QString& eventType, const QJsonObject& data,
                             const QString& organizationName);

} // namespace creditdesk::server
