#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace creditdesk::server {

// One day's overage report of an account to Stripe's meter events, due to be sent.
struct DueMeterReport
{
    qint64 accountId = 0;
    QString day; // "2026-12-05" (UTC)
    QString customerId;
    qint64 value = 0;    // overage credits
    qint64 attempts = 0; // sends so far
};

// Overage reported to Stripe Billing as meter events (docs/admin-guide.md "Stripe metered usage"), inside
// the caller's transaction. A day's report takes the account's overage not yet billed (usage_overage:
// what the period close would otherwise put on an invoice) and counts it billed in the same transaction,
// so every overage credit is either on an invoice or in exactly one report. Sending is separate and
// retried: each report has its identifier "<account>-<day>" and its Idempotency-Key.
class MeterReports
{
public:
    MeterReports(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // Opens `day`'s report for every account with a Stripe customer and overage not yet billed (at most
    // one per account and day: a second run opens none). Returns how many it opened.
    int openDay(const QString& day);
    // Reports due to be sent now (pending, their next attempt reached), oldest first.
    std::vector<DueMeterReport> due(int limit);
    void markSent(qint64 accountId, const QString& day);
    // A failed send: retried at `retryAt`, or failed for good (none) with the error kept.
    void markFailed(qint64 accountId, const QString& day, const QString& error,
                    std::optional<qint64> retryAt);
    // {"data": [{"day", "value", "status", "attempts", "last_error", "sent_at", "next_attempt_at"}]},
    // newest day first (at most `limit`).
    QJsonObject list(qint64 accountId, int limit);

private:
    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
