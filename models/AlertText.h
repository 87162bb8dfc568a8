#pragma once

#include <QDateTime>
#include <QString>

namespace creditdesk {

// Words for alerts, shared by the Alerts pane, its models and dialogs, and the dashboard's banner. A kind
// or level this version does not know is shown by its name.
namespace alerttext {

enum class Unit
{
    Percent,        // allowance_used, department_budget, member_limit
    Credits,        // low_balance
    Days,           // credits_expiring
    FailedAttempts, // auto_recharge_failed, payment_failed: failures so far against the most allowed
    Count           // a plain number (payment_method_missing, pre_billing_notice carry none)
};

Unit unitOf(const QString& kind);
QString kindLabel(const QString& kind);
QString levelLabel(const QString& level);
// "80 %", "5,000 credits", "7 days": a threshold or a value in its kind's unit.
QString amountText(const QString& kind, qint64 amount);
QString eventLabel(const QString& event);
QString deliveryStatusLabel(const QString& status);
// Locale short format in local time; invalid: "—".
QString dateTime(const QDateTime& at);

} // namespace alerttext

} // namespace creditdesk
