#include "domain/OrgAdmin.h"

namespace creditdesk {

QDateTime OrgMember::lastActive() const
{
    if (!lastSignInAt.isValid())
        return lastUsageAt;
    if (!lastUsageAt.isValid())
        return lastSignInAt;
    return std::max(lastSignInAt, lastUsageAt);
}

std::optional<qint64> estimateSeatCharge(qint64 seatPriceMinor, qint64 added, const QDateTime& periodStart,
                                         const QDateTime& periodEnd, const QDateTime& now)
{
    if (added <= 0 || seatPriceMinor < 0 || !periodStart.isValid() || !periodEnd.isValid())
        return std::nullopt;
    const qint64 period = periodStart.secsTo(periodEnd);
    const qint64 remaining = now.secsTo(periodEnd);
    if (period <= 0 || remaining <= 0)
        return std::nullopt;
    // 128-bit product: price × seats × seconds may exceed 63 bits for long periods and big orders.
    // Rounded half up, as the server rounds a proration.
    const __int128 share = static_cast<__int128>(seatPriceMinor) * added * std::min(remaining, period);
    const __int128 charge = (2 * share + period) / (2 * period);
    return static_cast<qint64>(charge);
}

OrgAdminRights OrgAdminRights::of(const Organization& organization)
{
    OrgAdminRights rights;
    rights.manageMembers = organization.can(QStringLiteral("members:manage"));
    rights.inviteToDepartment = organization.can(QStringLiteral("members:invite_department"));
    rights.manageSeats = organization.can(QStringLiteral("seats:manage"));
    rights.manageBudgets = organization.can(QStringLiteral("budgets:manage"));
    rights.requestBudget = organization.can(QStringLiteral("budgets:request"));
    rights.readBudgets = organization.can(QStringLiteral("budgets:read"));
    rights.manageRoles = organization.can(QStringLiteral("roles:manage"));
    rights.ownDepartment = organization.departmentId;
    return rights;
}

bool OrgAdminRights::any() const
{
    return manageMembers || inviteToDepartment || manageSeats || manageBudgets || requestBudget ||
           readBudgets || manageRoles;
}

} // namespace creditdesk
