#include "audit/AuditTrail.h"

#include "core/Crypto.h"
#include "core/Json.h"
#include "store/SqliteStatement.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

namespace creditdesk::server {

namespace {

const QString kColumns = QStringLiteral("seq, at, actor_type, actor_id, organization_id, action, "
                                        "target_type, target_id, summary, request_id, hash");

AuditEntry entryFromRow(const Row& row)
{
    AuditEntry entry;
    entry.seq = asInt(row[0]);
    entry.at = asInt(row[1]);
    entry.actorType = row[2].toString();
    entry.actorId = optionalInt(row[3]);
    entry.organizationId = optionalInt(row[4]);
    entry.action = row[5].toString();
    entry.targetType = row[6].toString();
    entry.targetId = optionalInt(row[7]);
    entry.summary = row[8].toString();
    entry.requestId = row[9].toString();
    entry.hash = row[10].toString();
    return entry;
}

QJsonValue optionalJson(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

// The content an entry's hash covers, in one fixed spelling: the previous entry's hash, '\n', then every
// column in order, each written as its length, ':' and its UTF-8 bytes (an absent number as the empty
// text), so no two entries share one. Written with std::to_chars and memcpy into one buffer, sized once
// for the entry and reused for the next: the writer builds one for every entry it appends.
class CanonicalContent
{
public:
    // Valid until the next call.
    std::string_view of(const char* previousHash, qsizetype previousHashSize, qint64 seq,
                        const AuditRecord& record)
    {
        // Each field needs at most 20 digits of length, ':' and its bytes (a number: 20 digits).
        const qsizetype texts = record.actorType.size() + record.action.size() + record.targetType.size() +
                                record.summary.size() + record.requestId.size();
        const auto bound = static_cast<std::size_t>(previousHashSize + 1 + 10 * 42 + texts);
        if (m_out.size() < bound)
            m_out.resize(bound);
        m_end = m_out.data();
        copy(previousHash, previousHashSize);
        *m_end++ = '\n';
        number(seq);
        number(record.at);
        text(record.actorType);
        number(record.actorId);
        number(record.organizationId);
        text(record.action);
        text(record.targetType);
        number(record.targetId);
        text(record.summary);
        text(record.requestId);
        return {m_out.data(), static_cast<std::size_t>(m_end - m_out.data())};
    }

private:
    void number(std::optional<qint64> value)
    {
        char digits[24];
        const auto end = value ? std::to_chars(digits, digits + sizeof digits, *value).ptr : digits;
        bytes(digits, end - digits);
    }
    void text(const QByteArray& utf8) { bytes(utf8.constData(), utf8.size()); }
    void bytes(const char* data, std::ptrdiff_t size)
    {
        m_end = std::to_chars(m_end, m_end + 20, size).ptr;
        *m_end++ = ':';
        copy(data, size);
    }
    void copy(const char* data, std::ptrdiff_t size)
    {
        if (size > 0)
            std::memcpy(m_end, data, static_cast<std::size_t>(size));
        m_end += size;
    }

    std::string m_out;
    char* m_end = nullptr;
};

constexpr qsizetype kHashSize = 64; // hex digits of a SHA-256

} // namespace

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), seq},
        {QStringLiteral("seq"), seq},
        {QStringLiteral("at"), formatTimestamp(at)},
        {QStringLiteral("actor"),
         QJsonObject{{QStringLiteral("type"), actorType}, {QStringLiteral("id"), optionalJson(actorId)}}},
        {QStringLiteral("organization_id"), optionalJson(organizationId)},
        {QStringLiteral("action"), action},
        {QStringLiteral("target"),
         QJsonObject{{QStringLiteral("type"), targetType.isEmpty() ? QJsonValue() : QJsonValue(targetType)},
                     {QStringLiteral("id"), optionalJson(targetId)}}},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("request_id"), requestId.isEmpty() ? QJsonValue() : QJsonValue(requestId)},
        {QStringLiteral("hash"), hash}};
}

QString AuditTrail::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

AuditRecord AuditRecord::of(const AuditEntry& entry)
{
    AuditRecord record;
    record.at = entry.at;
    record.actorType = entry.actorType.toUtf8();
    record.actorId = entry.actorId;
    record.organizationId = entry.organizationId;
    record.action = entry.action.toUtf8();
    record.targetType = entry.targetType.toUtf8();
    record.targetId = entry.targetId;
    record.summary = entry.summary.toUtf8();
    record.requestId = entry.requestId.toUtf8();
    return record;
}

QString AuditTrail::hashOf(const QString& previousHash, const AuditEntry& entry)
{
    const QByteArray previous = previousHash.toLatin1();
    CanonicalContent canonical;
    const std::string_view content =
        canonical.of(previous.constData(), previous.size(), entry.seq, AuditRecord::of(entry));
    char hash[kHashSize];
    crypto::sha256Hex(content.data(), content.size(), hash);
    return QString::fromLatin1(hash, kHashSize);
}

// The writer's audit entries of the current transaction, appended when the connection flushes (before
// the commit, or before a statement of someone else's): once per write group, the head is read once,
// the entries are hashed in one pass into one reused buffer, and the rows go in with few statements
// (one per 16 rows on SQLite, one in all on PostgreSQL) instead of one per entry. Entries of a command
// whose savepoint is rolled back are dropped with it (reset()), so an entry exists exactly when its
// change does.
class AuditTrail::Buffer final : public TransactionBuffer
{
public:
    void add(AuditRecord record) { m_pending.push_back(std::move(record)); }

    void flush(SqlConnection& db) override
    {
        if (m_pending.empty())
            return;
        if (db.isPostgres())
            flushPostgres(db);
        else
            flushSqlite(db);
        m_pending.clear();
    }
    void reset() override { m_pending.clear(); }

private:
    // Numbers the pending entries after the head and chains their hashes (m_hashes[i] is entry i's).
    void chain(qint64 headSeq, const QByteArray& headHash)
    {
        m_firstSeq = headSeq + 1;
        m_hashes.resize(m_pending.size() * kHashSize);
        const char* previous = headHash.constData();
        qsizetype previousSize = headHash.size();
        for (std::size_t i = 0; i < m_pending.size(); ++i) {
            const std::string_view content = m_canonical.of(previous, previousSize, seqOf(i), m_pending[i]);
            char* hash = hashAt(i);
            crypto::sha256Hex(content.data(), content.size(), hash);
            previous = hash;
            previousSize = kHashSize;
        }
    }
    qint64 seqOf(std::size_t i) const { return m_firstSeq + static_cast<qint64>(i); }
    char* hashAt(std::size_t i) { return m_hashes.data() + i * kHashSize; }

    // SQLite has one writer: the head is the table's rightmost row. SQLite's own API, as on the other
    // hot paths: every deduction and usage event has an entry.
    void flushSqlite(SqlConnection& db)
    {
        QByteArray headHash = AuditTrail::genesisHash().toLatin1();
        qint64 headSeq = 0;
        {
            SqliteStatement head(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
            if (head.step()) {
                headSeq = head.columnInt(0);
                headHash = head.columnText(1).toLatin1();
            }
        }
        chain(headSeq, headHash);
        // Up to 16 rows per statement: each execution costs about as much to start as a row to insert.
        // OR FAIL: a conflict still fails the statement (and the group), but without the statement
        // journal a multi-row statement that may abort halfway would need (a copy of every page it changes).
        constexpr int kRowsPerInsert = 16;
        static const std::array<QByteArray, kRowsPerInsert + 1> insertSql = [] {
            std::array<QByteArray, kRowsPerInsert + 1> sql;
            for (int rows = 1; rows <= kRowsPerInsert; ++rows) {
                QByteArray& text = sql[static_cast<std::size_t>(rows)];
                text =
                    "INSERT OR FAIL INTO audit_log (seq, at, actor_type, actor_id, organization_id, action, "
                    "target_type, target_id, summary, request_id, hash) VALUES ";
                for (int row = 0; row < rows; ++row)
                    text += row == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                     : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            }
            return sql;
        }();
        const auto bindRow = [this](SqliteStatement& insert, int row, std::size_t i) {
            const AuditRecord& record = m_pending[i];
            const auto text = [&insert](int column, const QByteArray& utf8, bool emptyIsNull) {
                insert.bindBorrowedText(column, utf8.constData(), utf8.size(), emptyIsNull);
            };
            int c = row * 11;
            insert.bind(++c, seqOf(i));
            insert.bind(++c, record.at);
            text(++c, record.actorType, true);
            insert.bind(++c, record.actorId);
            insert.bind(++c, record.organizationId);
            text(++c, record.action, true);
            text(++c, record.targetType, true);
            insert.bind(++c, record.targetId);
            text(++c, record.summary, false); // an empty summary is stored empty, not NULL
            text(++c, record.requestId, true);
            insert.bindBorrowedText(++c, hashAt(i), kHashSize, false);
        };
        const std::size_t count = m_pending.size();
        const auto insertRows = [&](SqliteStatement& insert, std::size_t first, int rows) {
            for (int row = 0; row < rows; ++row)
                bindRow(insert, row, first + static_cast<std::size_t>(row));
            insert.step();
        };
        std::size_t first = 0;
        constexpr auto kFull = static_cast<std::size_t>(kRowsPerInsert);
        if (count >= kFull) {
            SqliteStatement insert(db, insertSql[kFull].constData());
            for (; count - first >= kFull; first += kFull) {
                insertRows(insert, first, kRowsPerInsert);
                insert.reset();
            }
        }
        if (first < count) {
            const auto rows = static_cast<int>(count - first);
            SqliteStatement insert(db, insertSql[static_cast<std::size_t>(rows)].constData());
            insertRows(insert, first, rows);
        }
    }

    // PostgreSQL: several processes append; locking the head row puts them in one order. The rows go
    // in with one statement (arrays, one round trip) and the head moves once.
    void flushPostgres(SqlConnection& db)
    {
        const std::optional<Row> head =
            db.row(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"));
        const qint64 headSeq = head ? asInt(head->at(0)) : 0;
        const QByteArray headHash =
            head ? head->at(1).toString().toLatin1() : AuditTrail::genesisHash().toLatin1();
        chain(headSeq, headHash);
        const std::size_t count = m_pending.size();
        std::vector<std::optional<qint64>> seq(count), at(count), actorId(count), organizationId(count),
            targetId(count);
        std::vector<std::optional<QByteArray>> actorType(count), action(count), targetType(count),
            summary(count), requestId(count), hash(count);
        const auto nullIfEmpty = [](const QByteArray& utf8) {
            return utf8.isEmpty() ? std::nullopt : std::optional<QByteArray>(utf8);
        };
        for (std::size_t i = 0; i < count; ++i) {
            const AuditRecord& record = m_pending[i];
            seq[i] = seqOf(i);
            at[i] = record.at;
            actorType[i] = record.actorType;
            actorId[i] = record.actorId;
            organizationId[i] = record.organizationId;
            action[i] = record.action;
            targetType[i] = nullIfEmpty(record.targetType);
            targetId[i] = record.targetId;
            summary[i] = record.summary;
            requestId[i] = nullIfEmpty(record.requestId);
            hash[i] = QByteArray(hashAt(i), kHashSize);
        }
        static const QString insertSql =
            QStringLiteral("INSERT INTO audit_log (seq, at, actor_type, actor_id, organization_id, action, "
                           "target_type, target_id, summary, request_id, hash) SELECT ") +
            pgUnnestList({"bigint", "bigint", "text", "bigint", "bigint", "text", "text", "bigint", "text",
                          "text", "text"});
        db.execute(insertSql, {pgBigintArray(seq), pgBigintArray(at), pgTextArray(actorType),
                               pgBigintArray(actorId), pgBigintArray(organizationId), pgTextArray(action),
                               pgTextArray(targetType), pgBigintArray(targetId), pgTextArray(summary),
                               pgTextArray(requestId), pgTextArray(hash)});
        db.execute(QStringLiteral("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"),
                   {seqOf(count - 1), QString::fromLatin1(hashAt(count - 1), kHashSize)});
    }

    std::vector<AuditRecord> m_pending;
    qint64 m_firstSeq = 0;        // of m_pending[0], once chained
    std::vector<char> m_hashes;   // m_pending's hashes, kHashSize hex digits each
    CanonicalContent m_canonical; // reused for every entry
};

void AuditTrail::append(AuditRecord record)
{
    if (!m_buffer)
        m_buffer = &m_db.buffer<Buffer>();
    m_buffer->add(std::move(record));
    m_db.markBuffered(true);
}

std::vector<AuditEntry> AuditTrail::list(const AuditFilter& filter)
{
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM audit_log WHERE 1 = 1");
    QVariantList binds;
    if (filter.organizationId) {
        sql += QStringLiteral(" AND organization_id = ?");
        binds.append(*filter.organizationId);
    }
    if (filter.sinceSeq) {
        sql += QStringLiteral(" AND seq > ?");
        binds.append(*filter.sinceSeq);
    }
    if (filter.beforeSeq) {
        sql += QStringLiteral(" AND seq < ?");
        binds.append(*filter.beforeSeq);
    }
    if (filter.actorId) {
        sql += QStringLiteral(" AND actor_id = ?");
        binds.append(*filter.actorId);
    }
    if (!filter.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds.append(filter.action);
    }
    sql += filter.sinceSeq ? QStringLiteral(" ORDER BY seq ASC LIMIT ?")
                           : QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    binds.append(filter.limit);
    std::vector<AuditEntry> entries;
    for (const Row& row : m_db.rows(sql, binds))
        entries.push_back(entryFromRow(row));
    return entries;
}

std::optional<QString> AuditTrail::firstBrokenLink()
{
    QString previousHash = genesisHash();
    qint64 expectedSeq = 1;
    // Walked in pages so a long trail is not held in memory at once.
    for (qint64 after = 0;;) {
        const auto rows =
            m_db.rows(QStringLiteral("SELECT ") + kColumns +
                          QStringLiteral(" FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000"),
                      {after});
        if (rows.empty())
            break;
        for (const Row& row : rows) {
            const AuditEntry entry = entryFromRow(row);
            if (entry.seq != expectedSeq)
                return QStringLiteral("audit chain: entry %1 is missing (found %2 next)")
                    .arg(expectedSeq)
                    .arg(entry.seq);
            // The hash covers the previous entry's hash: an entry changed, or one removed before it,
            // shows here.
            if (hashOf(previousHash, entry) != entry.hash)
                return QStringLiteral(
                           "audit chain: entry %1 was changed (its hash does not match its content)")
                    .arg(entry.seq);
            previousHash = entry.hash;
            after = entry.seq;
            ++expectedSeq;
        }
    }
    if (m_db.isPostgres()) {
        const auto head = m_db.row(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1"));
        if (head && (asInt(head->at(0)) != expectedSeq - 1 || head->at(1).toString() != previousHash))
            return QStringLiteral("audit chain: the head (entry %1) does not match the last entry (%2)")
                .arg(asInt(head->at(0)))
                .arg(expectedSeq - 1);
    }
    return std::nullopt;
}

void AuditTrail::appendJob(qint64 at, const QString& action, const QString& summary)
{
    AuditEntry entry;
    entry.at = at;
    entry.actorType = QStringLiteral("job");
    entry.action = action;
    entry.summary = summary;
    append(entry);
}

} // namespace creditdesk::server
