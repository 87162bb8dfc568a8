#pragma once

#include "core/ApiTypes.h"
#include "store/Sql.h"

#include <QString>

#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace creditdesk::server {

// The response stored for an Idempotency-Key (docs/design.md §4), replayed when the key comes again.
struct StoredResponse
{
    QString requestHash;
    int status = 0;
    QString body;
};

// Reads and writes the idempotency_keys table for the writer, as a buffer of its connection. On
// PostgreSQL the writer looks up the keys of a whole group of commands in one query before running
// them, and the keys the commands record are written as one statement when the buffers flush; the
// table's primary key still decides if another server process recorded the same key meanwhile (the
// group then fails and runs again, command by command). SQLite reads and writes each key at once:
// its statements cost no round trip.
class IdempotencyKeys final : public TransactionBuffer
{
public:
    using Key = std::pair<QString, QString>; // scope, key

    void prefetch(SqlConnection& db, const std::vector<Key>& keys);
    std::optional<StoredResponse> lookup(SqlConnection& db, const QString& scope, const QString& key);
    void record(SqlConnection& db, const QString& scope, const QString& key, const StoredResponse& response,
                qint64 nowMs);

    // Deletes up to `limit` keys stored before the cutoff (the retention job); returns how many.
    static qint64 purgeBefore(SqlConnection& db, qint64 cutoffMs, int limit);
    // The keys purgeBefore picks (binds: cutoff, limit), as a SELECT of SqlConnection::rowIdentity().
    static QString purgeDueSql(const SqlConnection& db);
    // PostgreSQL: the stored keys among a group's (binds: scopes and keys as text[] arrays, pgTextArray).
    static QString prefetchSql();

    void flush(SqlConnection& db) override;
    void reset() override;

private:
    struct KeyHash
    {
        std::size_t operator()(const Key& key) const noexcept
        {
            return qHash(key.first) ^ (qHash(key.second) * 31);
        }
    };
    // What this transaction knows: a stored response, or nullopt for "not recorded".
    std::unordered_map<Key, std::optional<StoredResponse>, KeyHash> m_known;
    struct PendingRow
    {
        Key key;
        StoredResponse response;
        qint64 createdAt = 0;
    };
    std::vector<PendingRow> m_pending;
};

// The writer's half of Idempotency-Key handling: the command runs once per (scope, key); the same key
// again answers the stored response with `Idempotent-Replayed: true`, the same key with another
// request hash answers 409 idempotency_key_reused. Only 2xx answers are stored, in the command's
// transaction.
std::function<ApiResponse(SqlConnection&)>
idempotentCommand(const QString& scope, const QString& key, const QString& requestHash, qint64 nowMs,
                  std::function<ApiResponse(SqlConnection&)> command);

} // namespace creditdesk::server
