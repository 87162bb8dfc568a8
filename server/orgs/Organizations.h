#pragma once

#include "store/Sql.h"

#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// An organization a user sees, with their role in it (none: a platform administrator who is not a member).
struct VisibleOrganization
{
    qint64 organizationId = 0;
    std::optional<QString> role;
};

// Which organizations a user sees: those they are a member of, or every one for a platform administrator.
// Creating an organization (with its account and first owner) is directory::createOrganization.
class Organizations
{
public:
    explicit Organizations(SqlConnection& db) : m_db(db) {}

    std::vector<VisibleOrganization> visibleTo(qint64 userId, bool platformAdmin); // by id

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
