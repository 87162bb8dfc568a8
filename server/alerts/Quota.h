#pragma once

#include "store/Sql.h"

#include <QJsonObject>

#include <optional>

namespace creditdesk::server {

// What a gateway asks before every model call (GET /api/v1/quota): how much may still be spent and how
// close the account is to its allowance. One read of the account row (with its subscription and
// allowance rules), plus the member's budgets when asked for a member; nothing is written.
class Quota
{
public:
    Quota(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // memberId: what that member of the organization owning the account may spend (404 when they are not
    // one of its members).
    QJsonObject status(qint64 accountId, std::optional<qint64> organizationId,
                       std::optional<qint64> memberId);

private:
    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
