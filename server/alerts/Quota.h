#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk::server {

class JsonWriter;

// The answer of GET /api/v1/quota.
struct QuotaStatus
{
    qint64 available = 0;
    QString level; // ok | warning | critical | exhausted
    qint64 allowanceUsedPercent = 0;
    std::optional<QJsonObject> budget; // the tightest budget line of the member, if any
    std::optional<qint64> resetsAt;
    void writeJson(JsonWriter& out) const;
};

// What a gateway asks before every model call (GET /api/v1/quota): how much may still be spent and how
// close the account is to its allowance. One read of the account row (with its subscription and
// allowance rules), plus the member's budgets when asked for a member; nothing is written.
class Quota
{
public:
    Quota(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // memberId: what that member of the organization owning the account may spend (404 when they are not
    // one of its members).
    QuotaStatus status(qint64 accountId, std::optional<qint64> organizationId,
                       std::optional<qint64> memberId);

private:
    qint64 allowanceOf(qint64 accountId, qint64 subscriptionUpdatedAt, const QString& billingOption);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
