#include "orgs/Organizations.h"

namespace creditdesk::server {

std::vector<VisibleOrganization> Organizations::visibleTo(qint64 userId, bool platformAdmin)
{
    const auto rows =
        platformAdmin
            ? m_db.rows(QStringLiteral("SELECT o.id, m.role FROM organizations o LEFT JOIN memberships m "
                                       "ON m.organization_id = o.id AND m.user_id = ? ORDER BY o.id"),
                        {userId})
            : m_db.rows(QStringLiteral("SELECT organization_id, role FROM memberships WHERE user_id = ? "
                                       "ORDER BY organization_id"),
                        {userId});
    std::vector<VisibleOrganization> organizations;
    organizations.reserve(rows.size());
    for (const Row& row : rows)
        organizations.push_back(
            {asInt(row[0]), row[1].isNull() ? std::nullopt : std::optional(row[1].toString())});
    return organizations;
}

} // namespace creditdesk::server
