#include "models/OrgText.h"

#include "domain/Credits.h"

#include <QCoreApplication>
#include <QLocale>

namespace creditdesk::orgtext {

QString missing()
{
    return QStringLiteral("—");
}

QString roleName(const QString& roleId, const QList<OrgRole>& roles)
{
    if (const std::optional<Role> role = roleFromKey(roleId))
        return roleLabel(*role);
    for (const OrgRole& custom : roles) {
        if (custom.id == roleId)
            return custom.name;
    }
    return roleId.isEmpty() ? missing() : roleId;
}

QString statusLabel(const QString& status)
{
    if (status == QLatin1String("active"))
        return QCoreApplication::translate("OrgText", "Active");
    if (status == QLatin1String("suspended"))
        return QCoreApplication::translate("OrgText", "Suspended");
    if (status == QLatin1String("invited"))
        return QCoreApplication::translate("OrgText", "Invited");
    return status.isEmpty() ? missing() : status;
}

QString seatLabel(const std::optional<bool>& seat)
{
    if (!seat)
        return missing();
    return *seat ? QCoreApplication::translate("OrgText", "Yes")
                 : QCoreApplication::translate("OrgText", "No");
}

QString credits(const std::optional<qint64>& credits)
{
    return credits ? Credits(*credits).format() : missing();
}

QString dateTime(const QDateTime& at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : missing();
}

QString periodLabel(const QString& period)
{
    if (period == QLatin1String("month"))
        return QCoreApplication::translate("OrgText", "a period");
    if (period == QLatin1String("total"))
        return QCoreApplication::translate("OrgText", "in total");
    return period;
}

QString enforcementLabel(const QString& enforcement)
{
    if (enforcement == QLatin1String("hard"))
        return QCoreApplication::translate("OrgText", "hard");
    if (enforcement == QLatin1String("soft"))
        return QCoreApplication::translate("OrgText", "soft");
    return enforcement;
}

QString limitText(const std::optional<BudgetLimit>& limit)
{
    if (!limit)
        return QCoreApplication::translate("OrgText", "No budget");
    //: %1 credits, %2 "a period" or "in total", %3 "hard" or "soft"
    return QCoreApplication::translate("OrgText", "%1 credits %2, %3")
        .arg(Credits(limit->credits).format(), periodLabel(limit->period),
             enforcementLabel(limit->enforcement));
}

QString requestStatusLabel(const QString& status)
{
    if (status == QLatin1String("pending"))
        return QCoreApplication::translate("OrgText", "Pending");
    if (status == QLatin1String("approved"))
        return QCoreApplication::translate("OrgText", "Approved");
    if (status == QLatin1String("rejected"))
        return QCoreApplication::translate("OrgText", "Rejected");
    return status.isEmpty() ? missing() : status;
}

} // namespace creditdesk::orgtext
