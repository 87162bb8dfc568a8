#include "domain/Alerts.h"

namespace creditdesk {

QStringList alertKinds()
{
    return {QStringLiteral("allowance_used"), QStringLiteral("low_balance"),
            QStringLiteral("credits_expiring"), QStringLiteral("department_budget"),
            QStringLiteral("member_limit")};
}

QStringList webhookEvents()
{
    return {QStringLiteral("alert.fired"), QStringLiteral("subscription.changed"),
            QStringLiteral("coupon.redeemed")};
}

} // namespace creditdesk
