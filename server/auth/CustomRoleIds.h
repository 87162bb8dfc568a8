#pragma once

#include "auth/Permissions.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace creditdesk::server {

// A custom role's id as the API and memberships.role spell it: "custom-<number>" (the custom_roles row).
inline QString customRoleId(qint64 number)
{
    return QStringLiteral("custom-") + QString::number(number);
}

// The row number of "custom-<number>" (canonical decimal spelling only); none for anything else.
inline std::optional<qint64> customRoleNumber(const QString& roleId)
{
    if (!roleId.startsWith(QLatin1String("custom-")))
        return std::nullopt;
    const QString digits = roleId.mid(7);
    bool ok = false;
    const qint64 number = digits.toLongLong(&ok);
    if (!ok || number <= 0 || QString::number(number) != digits)
        return std::nullopt;
    return number;
}

// custom_roles.permissions ("credits:read credits:deduct") as permissions; unknown names are skipped.
inline std::vector<Permission> storedPermissions(const QString& text)
{
    std::vector<Permission> permissions;
    for (const QString& name : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (const auto permission = permissionFromString(name))
            permissions.push_back(*permission);
    return permissions;
}

} // namespace creditdesk::server
