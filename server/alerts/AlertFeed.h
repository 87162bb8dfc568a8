#pragma once

#include "store/Sql.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace creditdesk::server {

// The fired alerts of a billing account, in feed order (seq): what the console syncs with "since".
class AlertFeed
{
public:
    AlertFeed(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    struct Page
    {
        QJsonArray data;
        std::optional<qint64> nextCursor; // the last seq of a full page
    };
    // Alerts with a seq after `after`, oldest change first; with `onlyMemberId`, just the member_limit
    // alerts about that member.
    Page list(qint64 accountId, qint64 after, int limit, std::optional<qint64> onlyMemberId);
    // The alert as the feed renders it, if it belongs to the account (and, with onlyMemberId, is about
    // that member's limit); 404 otherwise.
    QJsonObject require(qint64 alertId, qint64 accountId, std::optional<qint64> onlyMemberId);
    // Acknowledged by `userId` (idempotent: an acknowledged alert stays as it was); an acknowledgement
    // is a change of the row, so it gets the account's next seq.
    QJsonObject acknowledge(qint64 alertId, qint64 accountId, std::optional<qint64> onlyMemberId,
                            std::optional<qint64> userId);

private:
    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
