#include "alerts/NotificationMail.h"

#include <QStringList>

namespace creditdesk::server {

namespace {

QString valueText(const QJsonValue& value)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("–");
    return value.toString();
}

// Lines of "label: value" become the text body and an HTML table.
MailContent compose(const QString& subject, const QString& lead, const QList<QPair<QString, QString>>& facts)
{
    MailContent mail;
    mail.subject = subject;
    QStringList text{lead, QString()};
    QString rows;
    for (const auto& [label, value] : facts) {
        text.append(label + QStringLiteral(": ") + value);
        rows += QStringLiteral("<tr><th align=\"left\">%1</th><td>%2</td></tr>")
                    .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    }
    text.append(QString());
    text.append(QStringLiteral("You receive this because of your notification preferences in CreditDesk."));
    mail.text = text.join(QLatin1Char('\n')) + QLatin1Char('\n');
    mail.html = QStringLiteral("<!DOCTYPE html><html><body><p>%1</p><table>%2</table><p><small>You receive "
                               "this because of your notification preferences in CreditDesk.</small></p>"
                               "</body></html>")
                    .arg(lead.toHtmlEscaped(), rows);
    return mail;
}

} // namespace

MailContent notificationMail(const QString& eventType, const QJsonObject& data,
                             const QString& organizationName)
{
    const QString where = organizationName.isEmpty() ? QStringLiteral("your account") : organizationName;
    const auto field = [&data](const char* name) { return valueText(data.value(QLatin1String(name))); };
    if (eventType == QLatin1String("alert.fired")) {
        const QString level = field("level");
        const QString levelTitle = level.isEmpty() ? level : level.left(1).toUpper() + level.mid(1);
        return compose(QStringLiteral("[CreditDesk] %1: %2").arg(levelTitle, field("message")),
                       QStringLiteral("An alert fired for %1: %2").arg(where, field("message")),
                       {{QStringLiteral("Kind"), field("kind")},
                        {QStringLiteral("Level"), level},
                        {QStringLiteral("Value"), field("value")},
                        {QStringLiteral("Threshold"), field("threshold")},
                        {QStringLiteral("Fired at"), field("fired_at")}});
    }
    if (eventType == QLatin1String("subscription.changed")) {
        const bool canceling = data.value(QStringLiteral("cancel_at_period_end")).toBool();
        return compose(
            QStringLiteral("[CreditDesk] Subscription of %1: plan %2").arg(where, field("plan")),
            canceling ? QStringLiteral("The subscription of %1 ends at the end of the period.").arg(where)
                      : QStringLiteral("The subscription of %1 changed.").arg(where),
            {{QStringLiteral("Plan"), field("plan")},
             {QStringLiteral("Status"), field("status")},
             {QStringLiteral("Billing option"), field("billing_option")},
             {QStringLiteral("Current period"),
              field("current_period_start") + QStringLiteral(" – ") + field("current_period_end")},
             {QStringLiteral("Cancels at period end"), field("cancel_at_period_end")}});
    }
    if (eventType == QLatin1String("coupon.redeemed"))
        return compose(QStringLiteral("[CreditDesk] Coupon %1 redeemed for %2").arg(field("code"), where),
                       QStringLiteral("Coupon %1 was redeemed for %2.").arg(field("code"), where),
                       {{QStringLiteral("Coupon"), field("code")},
                        {QStringLiteral("Redeemed at"), field("created_at")}});
    return compose(QStringLiteral("[CreditDesk] %1").arg(eventType),
                   QStringLiteral("%1 for %2").arg(eventType, where), {});
}

} // namespace creditdesk::server
