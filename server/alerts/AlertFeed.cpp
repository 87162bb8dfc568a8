#include "alerts/AlertFeed.h"

#include "alerts/AlertEngine.h"
#include "core/ApiError.h"

namespace creditdesk::server {

AlertFeed::Page AlertFeed::list(qint64 accountId, qint64 after, int limit, std::optional<qint64> onlyMemberId)
{
    const QString select = QStringLiteral("SELECT ") + AlertEngine::alertColumns() +
                           QStringLiteral(" FROM alerts WHERE account_id = ? AND seq > ? ");
    const auto rows =
        onlyMemberId
            ? m_db.rows(
                  select + QStringLiteral("AND kind = 'member_limit' AND member_id = ? ORDER BY seq LIMIT ?"),
                  {accountId, after, *onlyMemberId, limit + 1})
            : m_db.rows(select + QStringLiteral("ORDER BY seq LIMIT ?"), {accountId, after, limit + 1});
    Page page;
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i)
        page.data.append(AlertEngine::alertJson(rows[i]));
    if (static_cast<int>(rows.size()) > limit)
        page.nextCursor = asInt(rows[static_cast<std::size_t>(limit) - 1].at(1));
    return page;
}

QJsonObject AlertFeed::require(qint64 alertId, qint64 accountId, std::optional<qint64> onlyMemberId)
{
    const auto row = m_db.row(QStringLiteral("SELECT ") + AlertEngine::alertColumns() +
                                  QStringLiteral(" FROM alerts WHERE id = ? AND account_id = ?"),
                              {alertId, accountId});
    if (!row || (onlyMemberId && (row->at(3).toString() != QLatin1String("member_limit") ||
                                  optionalInt(row->at(13)) != onlyMemberId)))
        throw ApiError::notFound(QStringLiteral("Alert"));
    return AlertEngine::alertJson(*row);
}

QJsonObject AlertFeed::acknowledge(qint64 alertId, qint64 accountId, std::optional<qint64> onlyMemberId,
                                   std::optional<qint64> userId)
{
    const QJsonObject alert = require(alertId, accountId, onlyMemberId);
    if (!alert.value(QStringLiteral("acknowledged_at")).isNull())
        return alert;
    const qint64 seq = nextAlertSeq(m_db, accountId); // locks the account row: one acknowledgement wins
    m_db.execute(QStringLiteral("UPDATE alerts SET seq = ?, acknowledged_at = ?, acknowledged_by = ? "
                                "WHERE id = ? AND acknowledged_at IS NULL"),
                 {seq, m_now, nullableInt(userId), alertId});
    return require(alertId, accountId, onlyMemberId);
}

} // namespace creditdesk::server
