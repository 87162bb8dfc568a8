#include "payments/MeterReports.h"

#include "core/Json.h"

#include <QJsonArray>

namespace creditdesk::server {

int MeterReports::openDay(const QString& day)
{
    const auto accounts = m_db.rows(
        QStringLiteral("SELECT o.account_id, c.customer_id, o.overage_credits - o.billed_credits FROM "
                       "usage_overage o JOIN stripe_customers c ON c.account_id = o.account_id WHERE "
                       "o.overage_credits > o.billed_credits AND NOT EXISTS (SELECT 1 FROM usage_reports r "
                       "WHERE r.account_id = o.account_id AND r.day = ?)"),
        {day});
    int opened = 0;
    for (const Row& account : accounts) {
        const qint64 accountId = asInt(account[0]);
        const qint64 value = asInt(account[2]);
        // The report's key first (a second run, or another process, opens nothing), then the overage
        // counted billed; the guard fails when the period close billed some meanwhile, and the report goes.
        if (!m_db.row(
                QStringLiteral("INSERT INTO usage_reports (account_id, day, customer_id, value, status, "
                               "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, "
                               "?, ?) ON CONFLICT (account_id, day) DO NOTHING RETURNING account_id"),
                {accountId, day, account[1].toString(), value, m_now, m_now}))
            continue;
        if (m_db.executeCounted(
                QStringLiteral("UPDATE usage_overage SET billed_credits = billed_credits + ? "
                               "WHERE account_id = ? AND overage_credits - billed_credits >= ?"),
                {value, accountId, value}) != 1) {
            m_db.execute(QStringLiteral("DELETE FROM usage_reports WHERE account_id = ? AND day = ?"),
                         {accountId, day});
            continue;
        }
        ++opened;
    }
    return opened;
}

std::vector<DueMeterReport> MeterReports::due(int limit)
{
    std::vector<DueMeterReport> reports;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT account_id, day, customer_id, value, attempts FROM "
                                  "usage_reports WHERE status = 'pending' AND next_attempt_at "
                                  "<= ? ORDER BY next_attempt_at, account_id LIMIT ?"),
                   {m_now, limit}))
        reports.push_back(DueMeterReport{asInt(row[0]), row[1].toString(), row[2].toString(), asInt(row[3]),
                                         asInt(row[4])});
    return reports;
}

void MeterReports::markSent(qint64 accountId, const QString& day)
{
    m_db.execute(
        QStringLiteral("UPDATE usage_reports SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
                       "last_error = NULL WHERE account_id = ? AND day = ? AND status = 'pending'"),
        {m_now, accountId, day});
}

void MeterReports::markFailed(qint64 accountId, const QString& day, const QString& error,
                              std::optional<qint64> retryAt)
{
    m_db.execute(
        QStringLiteral("UPDATE usage_reports SET status = ?, attempts = attempts + 1, last_error = ?, "
                       "next_attempt_at = ? WHERE account_id = ? AND day = ? AND status = 'pending'"),
        {retryAt ? QStringLiteral("pending") : QStringLiteral("failed"), error.left(500),
         retryAt.value_or(m_now), accountId, day});
}

QJsonObject MeterReports::list(qint64 accountId, int limit)
{
    QJsonArray data;
    for (const Row& row : m_db.rows(
             QStringLiteral("SELECT day, value, status, attempts, last_error, sent_at, next_attempt_at FROM "
                            "usage_reports WHERE account_id = ? ORDER BY day DESC LIMIT ?"),
             {accountId, limit})) {
        const bool pending = row[2].toString() == QLatin1String("pending");
        data.append(QJsonObject{
            {QStringLiteral("day"), row[0].toString()},
            {QStringLiteral("value"), asInt(row[1])},
            {QStringLiteral("status"), row[2].toString()},
            {QStringLiteral("attempts"), asInt(row[3])},
            {QStringLiteral("last_error"), row[4].isNull() ? QJsonValue() : QJsonValue(row[4].toString())},
            {QStringLiteral("sent_at"),
             row[5].isNull() ? QJsonValue() : QJsonValue(formatTimestamp(asInt(row[5])))},
            {QStringLiteral("next_attempt_at"),
             pending ? QJsonValue(formatTimestamp(asInt(row[6]))) : QJsonValue()},
        });
    }
    return QJsonObject{{QStringLiteral("data"), data}};
}

} // namespace creditdesk::server
