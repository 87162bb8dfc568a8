#include "store/IdempotencyKeys.h"

#include "core/ApiError.h"

namespace creditdesk::server {

QString IdempotencyKeys::prefetchSql()
{
    // One probe of the primary key per key, whatever the statistics: the generic plan PostgreSQL kept
    // for a plain join with unnest, made while the table was small, hash-joined a scan of every stored
    // key (2.9 ms per group at 100,000 keys).
    return QStringLiteral(
        "SELECT k.* FROM unnest(?::text[], ?::text[]) AS wanted (scope, idem_key) CROSS JOIN "
        "LATERAL (SELECT i.scope, i.idem_key, i.request_hash, i.status, i.body FROM "
        "idempotency_keys i WHERE i.scope = wanted.scope AND i.idem_key = wanted.idem_key "
        "LIMIT 1) AS k");
}

void IdempotencyKeys::prefetch(SqlConnection& db, const std::vector<Key>& keys)
{
    if (!db.isPostgres() || keys.empty())
        return;
    std::vector<std::optional<QString>> scopes;
    std::vector<std::optional<QString>> names;
    scopes.reserve(keys.size());
    names.reserve(keys.size());
    for (const Key& key : keys) {
        scopes.emplace_back(key.first);
        names.emplace_back(key.second);
        m_known.emplace(key, std::nullopt);
    }
    const auto rows = db.rows(prefetchSql(), {pgTextArray(scopes), pgTextArray(names)});
    for (const Row& row : rows)
        m_known[Key{row[0].toString(), row[1].toString()}] =
            StoredResponse{row[2].toString(), static_cast<int>(asInt(row[3])), row[4].toString()};
}

std::optional<StoredResponse> IdempotencyKeys::lookup(SqlConnection& db, const QString& scope,
                                                      const QString& key)
{
    const auto known = m_known.find(Key{scope, key});
    if (known != m_known.end())
        return known->second;
    // Keys are written only through this buffer (the retention job only deletes long-expired ones), so
    // its reads and writes need not flush the others (which would make the ledger forget the account it
    // holds locked for the group).
    const SqlConnection::BufferScope ownStatements(db);
    const auto row = db.row(QStringLiteral("SELECT request_hash, status, body FROM idempotency_keys "
                                           "WHERE scope = ? AND idem_key = ?"),
                            {scope, key});
    if (!row)
        return std::nullopt;
    return StoredResponse{row->at(0).toString(), static_cast<int>(asInt(row->at(1))), row->at(2).toString()};
}

void IdempotencyKeys::record(SqlConnection& db, const QString& scope, const QString& key,
                             const StoredResponse& response, qint64 nowMs)
{
    if (!db.isPostgres()) {
        const SqlConnection::BufferScope ownStatements(db);
        db.execute(
            QStringLiteral("INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, body, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?)"),
            {scope, key, response.requestHash, response.status, response.body, nowMs});
        return;
    }
    m_pending.push_back(PendingRow{Key{scope, key}, response, nowMs});
    m_known[Key{scope, key}] = response;
    db.markBuffered(true);
}

void IdempotencyKeys::flush(SqlConnection& db)
{
    // The known keys stay: only this buffer writes the table, and the primary key catches other processes.
    if (m_pending.empty())
        return;
    std::vector<std::optional<QString>> scopes, names, hashes, bodies;
    std::vector<std::optional<qint64>> statuses, createdAt;
    for (const PendingRow& row : m_pending) {
        scopes.emplace_back(row.key.first);
        names.emplace_back(row.key.second);
        hashes.emplace_back(row.response.requestHash);
        statuses.emplace_back(row.response.status);
        bodies.emplace_back(row.response.body);
        createdAt.emplace_back(row.createdAt);
    }
    m_pending.clear();
    static const QString sql =
        QStringLiteral(
            "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, body, created_at) "
            "SELECT ") +
        pgUnnestList({"text", "text", "text", "bigint", "text", "bigint"});
    db.execute(sql, {pgTextArray(scopes), pgTextArray(names), pgTextArray(hashes), pgBigintArray(statuses),
                     pgTextArray(bodies), pgBigintArray(createdAt)});
}

QString IdempotencyKeys::purgeDueSql(const SqlConnection& db)
{
    // PostgreSQL finds due keys through an index on created_at; ordered by it, so that every plan walks
    // the index (the generic plan of the unordered form scanned the whole table). SQLite has no such
    // index (its upkeep would cost the ledger's hot path): keys are appended in row id order, which
    // follows time, so it looks at the oldest `limit` rows only and stops where they are not due yet.
    return db.isPostgres()
               ? QStringLiteral(
                     "SELECT ctid FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?")
               : QStringLiteral(
                     "SELECT rowid FROM (SELECT rowid, created_at FROM idempotency_keys ORDER BY rowid "
                     "LIMIT ?2) WHERE created_at < ?1");
}

qint64 IdempotencyKeys::purgeBefore(SqlConnection& db, qint64 cutoffMs, int limit)
{
    const QString due = purgeDueSql(db);
    const qint64 count = asInt(
        db.row(QStringLiteral("SELECT COUNT(*) FROM (") + due + QStringLiteral(") AS due"), {cutoffMs, limit})
            ->at(0));
    if (count > 0)
        db.execute(db.deleteRowsSql(QStringLiteral("idempotency_keys"), due), {cutoffMs, limit});
    return count;
}

void IdempotencyKeys::reset()
{
    m_known.clear();
    m_pending.clear();
}

std::function<ApiResponse(SqlConnection&)>
idempotentCommand(const QString& scope, const QString& key, const QString& requestHash, qint64 nowMs,
                  std::function<ApiResponse(SqlConnection&)> command)
{
    return [scope, key, requestHash, nowMs, command = std::move(command)](SqlConnection& db) {
        IdempotencyKeys& keys = db.buffer<IdempotencyKeys>();
        if (const auto stored = keys.lookup(db, scope, key)) {
            if (stored->requestHash != requestHash)
                throw ApiError::conflict(
                    QStringLiteral("idempotency_key_reused"),
                    QStringLiteral("This Idempotency-Key was used with a different request"));
            ApiResponse replay;
            replay.status = stored->status;
            replay.body = stored->body.toUtf8();
            replay.setHeader("Idempotent-Replayed", "true");
            return replay;
        }
        ApiResponse response = command(db);
        if (response.status >= 200 && response.status < 300)
            keys.record(db, scope, key,
                        StoredResponse{requestHash, response.status, QString::fromUtf8(response.body)},
                        nowMs);
        return response;
    };
}

} // namespace creditdesk::server
