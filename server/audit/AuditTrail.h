#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// One audit entry: who did what to which thing, when, in answer to which request.
struct AuditEntry
{
    qint64 seq = 0; // assigned when the entry is written; also the entry's id
    qint64 at = 0;
    QString actorType; // "user", "token" or "job"
    std::optional<qint64> actorId;
    std::optional<qint64> organizationId;
    QString action; // e.g. "member.role_changed"
    QString targetType;
    std::optional<qint64> targetId;
    QString summary; // short, human: "role member → admin"
    QString requestId;
    QString hash;

    QJsonObject toJson() const;
};

// An entry to append: what an AuditEntry holds before it is written, with its texts in UTF-8, as the
// trail hashes and stores them. Requests make theirs before the writer (AuditContext holds UTF-8), so
// the writer, which appends one for every deduction and usage event, converts nothing.
struct AuditRecord
{
    qint64 at = 0;
    QByteArray actorType;
    std::optional<qint64> actorId;
    std::optional<qint64> organizationId;
    QByteArray action;
    QByteArray targetType; // empty: none
    std::optional<qint64> targetId;
    QByteArray summary;
    QByteArray requestId; // empty: none

    static AuditRecord of(const AuditEntry& entry);
};

struct AuditFilter
{
    std::optional<qint64> organizationId; // none: every entry (platform admins)
    std::optional<qint64> sinceSeq;       // forward from this sequence number (sync)
    std::optional<qint64> beforeSeq;      // newest first, before this one (paging)
    std::optional<qint64> actorId;
    QString action;
    int limit = 50;
};

// The append-only, hash-chained audit trail (docs/design.md §5). Every entry stores the SHA-256 of the
// previous entry's hash and its own canonical content, so a changed, removed or inserted entry breaks
// the chain from there on. Appends run in the writer's transaction, in the same savepoint as the change
// they record: the entry exists exactly when the change does.
class AuditTrail
{
public:
    explicit AuditTrail(SqlConnection& db) : m_db(db) {}

    // Appends the entry after the current head (locked on PostgreSQL, where several processes write)
    // when the transaction's writes are flushed: before its commit, so with the change it records.
    // The entries of one flush (a write group's) get their hashes in one pass and go in with one
    // statement per 16 rows (SQLite) or one for all (PostgreSQL).
    void append(AuditRecord record);
    void append(const AuditEntry& entry) { append(AuditRecord::of(entry)); }
    // A job's change without a request (expiries, period closes): actor "job", no organization or target.
    void appendJob(qint64 at, const QString& action, const QString& summary);
    std::vector<AuditEntry> list(const AuditFilter& filter);
    // The first entry whose link is broken, described, or nothing when the whole chain holds.
    std::optional<QString> firstBrokenLink();

    static QString genesisHash(); // the "previous hash" of the first entry
    static QString hashOf(const QString& previousHash, const AuditEntry& entry);

private:
    class Buffer;
    SqlConnection& m_db;
    Buffer* m_buffer = nullptr; // the connection's, found on the first append
};

} // namespace creditdesk::server
