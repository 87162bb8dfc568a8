#include "models/AlertText.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

namespace creditdesk::alerttext {

namespace {

QString translate(const char* text)
{
    return QCoreApplication::translate("AlertText", text);
}

QString labelOf(const QHash<QString, const char*>& labels, const QString& key)
{
    const char* label = labels.value(key);
    return label ? translate(label) : key;
}

} // namespace

Unit unitOf(const QString& kind)
{
    if (kind == QLatin1String("low_balance"))
        return Unit::Credits;
    if (kind == QLatin1String("credits_expiring"))
        return Unit::Days;
    if (kind == QLatin1String("auto_recharge_failed") || kind == QLatin1String("payment_failed"))
        return Unit::FailedAttempts;
    if (kind == QLatin1String("payment_method_missing") || kind == QLatin1String("pre_billing_notice"))
        return Unit::Count;
    return Unit::Percent;
}

QString kindLabel(const QString& kind)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("allowance_used"), QT_TRANSLATE_NOOP("AlertText", "Allowance used")},
        {QStringLiteral("low_balance"), QT_TRANSLATE_NOOP("AlertText", "Low balance")},
        {QStringLiteral("credits_expiring"), QT_TRANSLATE_NOOP("AlertText", "Credits expiring")},
        {QStringLiteral("department_budget"), QT_TRANSLATE_NOOP("AlertText", "Department budget")},
        {QStringLiteral("member_limit"), QT_TRANSLATE_NOOP("AlertText", "Member limit")},
        // Payments and purchases (server/payments, server/invoices): auto-recharge turned itself off after
        // repeated failed purchases (an alert); a collection of an invoice failed (dunning retries it); an
        // invoice could not be collected for want of a saved card; the renewal is N days away.
        {QStringLiteral("auto_recharge_failed"), QT_TRANSLATE_NOOP("AlertText", "Auto-recharge failed")},
        {QStringLiteral("payment_failed"), QT_TRANSLATE_NOOP("AlertText", "Payment failed")},
        {QStringLiteral("payment_method_missing"), QT_TRANSLATE_NOOP("AlertText", "No payment method")},
        {QStringLiteral("pre_billing_notice"), QT_TRANSLATE_NOOP("AlertText", "Upcoming renewal")},
    };
    return labelOf(labels, kind);
}

QString levelLabel(const QString& level)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("warning"), QT_TRANSLATE_NOOP("AlertText", "Warning")},
        {QStringLiteral("critical"), QT_TRANSLATE_NOOP("AlertText", "Critical")},
    };
    return labelOf(labels, level);
}

QString amountText(const QString& kind, qint64 amount)
{
    const QLocale locale;
    switch (unitOf(kind)) {
    case Unit::Percent:
        //: A percentage: "80 %" (%1 the number)
        return QCoreApplication::translate("AlertText", "%1 %").arg(locale.toString(amount));
    case Unit::Credits:
        return QCoreApplication::translate("AlertText", "%1 credits").arg(locale.toString(amount));
    case Unit::Days: {
        // A plain int argument: lupdate does not see a translate() call with a cast in it.
        const int days = static_cast<int>(amount);
        return QCoreApplication::translate("AlertText", "%n day(s)", nullptr, days);
    }
    case Unit::FailedAttempts: {
        const int failures = static_cast<int>(amount);
        return QCoreApplication::translate("AlertText", "%n failed attempt(s)", nullptr, failures);
    }
    case Unit::Count:
        break;
    }
    return locale.toString(amount);
}

QString eventLabel(const QString& event)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("alert.fired"), QT_TRANSLATE_NOOP("AlertText", "Alert fired")},
        {QStringLiteral("subscription.changed"), QT_TRANSLATE_NOOP("AlertText", "Subscription changed")},
        {QStringLiteral("coupon.redeemed"), QT_TRANSLATE_NOOP("AlertText", "Coupon redeemed")},
        {QStringLiteral("payment.failed"), QT_TRANSLATE_NOOP("AlertText", "Payment failed")},
        {QStringLiteral("payment.method_missing"), QT_TRANSLATE_NOOP("AlertText", "Payment method missing")},
        {QStringLiteral("billing.upcoming"), QT_TRANSLATE_NOOP("AlertText", "Upcoming renewal")},
    };
    return labelOf(labels, event);
}

QString deliveryStatusLabel(const QString& status)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("pending"), QT_TRANSLATE_NOOP("AlertText", "Pending")},
        {QStringLiteral("delivered"), QT_TRANSLATE_NOOP("AlertText", "Delivered")},
        {QStringLiteral("failed"), QT_TRANSLATE_NOOP("AlertText", "Failed")},
    };
    return labelOf(labels, status);
}

QString dateTime(const QDateTime& at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QStringLiteral("—");
}

} // namespace creditdesk::alerttext
