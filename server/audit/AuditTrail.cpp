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

const QString kColumns =
    QStringLiteral("seq, at, actor_type, actor_id, organization_id, action, "
                   "target_type, target_id, summary, request_id, hash, run_count, run_tail");

constexpr qsizetype kHashSize = 64;    // hex digits of a SHA-256
constexpr qsizetype kRawHashSize = 32; // its bytes, as a run's tail stores them

// Entries one row holds at most. The `since` filter relies on it to bound its search by the key.
constexpr qint64 kMaxRun = 64;

// Differences and sums of 64-bit values that wrap instead of overflowing (a changed tail may hold any).
qint64 wrappingDifference(qint64 a, qint64 b)
{
    return static_cast<qint64>(static_cast<quint64>(a) - static_cast<quint64>(b));
}
qint64 wrappingSum(qint64 a, qint64 b)
{
    return static_cast<qint64>(static_cast<quint64>(a) + static_cast<quint64>(b));
}

// A run's tail: the entries after the row's first, each written against the entry before it, since
// the entries of a run mostly differ little (one time, one transaction, request ids and summaries
// with a common beginning): the time and the target id as differences (zigzag varints), a flag byte (1:
// a target id), the summary and the request id each as the length of the beginning it shares with the
// previous entry's, the length of the rest and the rest (varints, UTF-8 bytes; an empty request id is
// none) and, last, the hash (32 bytes), so the last 32 bytes of a tail are the hash of the run's last
// entry: the head of the chain when the row is last. A run of ~24 single usage events then fits in
// half a page (a row per group needs a new page each group otherwise).
class RunTailWriter
{
public:
    explicit RunTailWriter(std::string& out) : m_out(out) { m_out.clear(); }

    void append(const AuditRecord& previous, const AuditRecord& record, const char* hexHash)
    {
        signedNumber(wrappingDifference(record.at, previous.at));
        m_out.push_back(record.targetId ? '\1' : '\0');
        if (record.targetId)
            signedNumber(wrappingDifference(*record.targetId, previous.targetId.value_or(0)));
        text(previous.summary, record.summary);
        text(previous.requestId, record.requestId);
        // The hash's hex digits (lowercase, as sha256Hex writes them) as its 32 bytes.
        const auto nibble = [](char digit) { return digit <= '9' ? digit - '0' : digit - 'a' + 10; };
        char raw[kRawHashSize];
        for (qsizetype i = 0; i < kRawHashSize; ++i)
            raw[i] = static_cast<char>(nibble(hexHash[2 * i]) << 4 | nibble(hexHash[2 * i + 1]));
        m_out.append(raw, sizeof raw);
    }

private:
    void number(quint64 value) // LEB128
    {
        for (; value >= 0x80; value >>= 7)
            m_out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        m_out.push_back(static_cast<char>(value));
    }
    void signedNumber(qint64 value) // zigzag: small differences of either sign in one byte
    {
        number((static_cast<quint64>(value) << 1) ^ static_cast<quint64>(value >> 63));
    }
    void text(const QByteArray& previous, const QByteArray& utf8)
    {
        const qsizetype common = std::min(previous.size(), utf8.size());
        qsizetype shared = 0;
        while (shared < common && previous[shared] == utf8[shared])
            ++shared;
        number(static_cast<quint64>(shared));
        number(static_cast<quint64>(utf8.size() - shared));
        m_out.append(utf8.constData() + shared, static_cast<std::size_t>(utf8.size() - shared));
    }

    std::string& m_out;
};

// Reads a tail back, refusing anything that is not exactly what RunTailWriter writes.
class RunTailReader
{
public:
    RunTailReader(const QByteArray& tail, const AuditEntry& first)
        : m_data(tail), m_summary(first.summary.toUtf8()), m_requestId(first.requestId.toUtf8())
    {
    }

    // The entry after `previous`, its shared columns taken from it; false when the bytes do not fit.
    bool next(const AuditEntry& previous, AuditEntry& entry)
    {
        entry = previous;
        entry.seq = previous.seq + 1;
        qint64 at = 0, target = 0;
        char flag = 0;
        if (!signedNumber(at) || !take(1, &flag) || (flag != 0 && flag != 1) ||
            (flag == 1 && !signedNumber(target)) || !text(m_summary) || !text(m_requestId) ||
            m_data.size() - m_position < kRawHashSize)
            return false;
        entry.at = wrappingSum(previous.at, at);
        entry.targetId = flag == 1 ? std::optional<qint64>(wrappingSum(previous.targetId.value_or(0), target))
                                   : std::nullopt;
        entry.summary = QString::fromUtf8(m_summary);
        entry.requestId = QString::fromUtf8(m_requestId);
        entry.hash = QString::fromLatin1(m_data.mid(m_position, kRawHashSize).toHex());
        m_position += kRawHashSize;
        return true;
    }
    bool atEnd() const { return m_position == m_data.size(); }

private:
    bool take(qsizetype size, char* out)
    {
        if (m_data.size() - m_position < size)
            return false;
        std::memcpy(out, m_data.constData() + m_position, static_cast<std::size_t>(size));
        m_position += size;
        return true;
    }
    bool number(quint64& value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            char byte = 0;
            if (!take(1, &byte))
                return false;
            value |= static_cast<quint64>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0)
                return true;
        }
        return false;
    }
    bool signedNumber(qint64& value)
    {
        quint64 zigzag = 0;
        if (!number(zigzag))
            return false;
        value = static_cast<qint64>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
        return true;
    }
    // The text that shares a beginning with `previous`, which it replaces.
    bool text(QByteArray& previous)
    {
        quint64 shared = 0, rest = 0;
        if (!number(shared) || !number(rest) || shared > static_cast<quint64>(previous.size()) ||
            rest > static_cast<quint64>(m_data.size() - m_position))
            return false;
        previous.truncate(static_cast<qsizetype>(shared));
        previous.append(m_data.constData() + m_position, static_cast<qsizetype>(rest));
        m_position += static_cast<qsizetype>(rest);
        return true;
    }

    const QByteArray& m_data;
    qsizetype m_position = 0;
    QByteArray m_summary; // the previous entry's, as UTF-8
    QByteArray m_requestId;
};

// Entries one run may share a row: the same actor, organization, action and target type.
bool sameRun(const AuditRecord& a, const AuditRecord& b)
{
    return a.actorId == b.actorId && a.organizationId == b.organizationId && a.action == b.action &&
           a.actorType == b.actorType && a.targetType == b.targetType;
}

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

// Appends the entries a row holds, oldest first; false (with the first entry appended) when its tail
// cannot be read as run_count - 1 entries: the row was changed.
bool appendEntriesOfRow(const Row& row, std::vector<AuditEntry>& entries)
{
    entries.push_back(entryFromRow(row));
    const qint64 count = asInt(row[11]);
    const QByteArray tail = row[12].toByteArray();
    if (count == 1)
        return tail.isEmpty();
    if (count < 1 || count > kMaxRun)
        return false;
    RunTailReader reader(tail, entries.back());
    for (qint64 i = 1; i < count; ++i) {
        AuditEntry entry;
        if (!reader.next(entries.back(), entry))
            return false;
        entries.push_back(std::move(entry));
    }
    return reader.atEnd();
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

    // SQLite has one writer: the head is the last entry of the table's rightmost row. SQLite's own API,
    // as on the other hot paths: every deduction and usage event has an entry. Entries that share actor,
    // organization, action and target type go in as runs of up to kMaxRun, one row each: the single
    // usage events of a write group are one row instead of one each, with one key in the organization
    // index instead of one each (a row per entry cost single events about a tenth of their throughput).
    void flushSqlite(SqlConnection& db)
    {
        QByteArray headHash = AuditTrail::genesisHash().toLatin1();
        qint64 headSeq = 0;
        {
            SqliteStatement head(db, "SELECT seq, hash, run_count, run_tail FROM audit_log "
                                     "ORDER BY seq DESC LIMIT 1");
            if (head.step()) {
                const qint64 runCount = head.columnInt(2);
                headSeq = head.columnInt(0) + runCount - 1;
                headHash = runCount == 1 ? head.columnText(1).toLatin1()
                                         : head.columnBlob(3).right(kRawHashSize).toHex();
            }
        }
        chain(headSeq, headHash);
        formRuns();
        // Up to 16 rows per statement: each execution costs about as much to start as a row to insert.
        // OR FAIL: a conflict still fails the statement (and the group), but without the statement
        // journal a multi-row statement that may abort halfway would need (a copy of every page it changes).
        constexpr int kRowsPerInsert = 16;
        constexpr int kColumnsPerRow = 13;
        static const std::array<QByteArray, kRowsPerInsert + 1> insertSql = [] {
            std::array<QByteArray, kRowsPerInsert + 1> sql;
            for (int rows = 1; rows <= kRowsPerInsert; ++rows) {
                QByteArray& text = sql[static_cast<std::size_t>(rows)];
                text =
                    "INSERT OR FAIL INTO audit_log (seq, at, actor_type, actor_id, organization_id, action, "
                    "target_type, target_id, summary, request_id, hash, run_count, run_tail) VALUES ";
                for (int row = 0; row < rows; ++row)
                    text += row == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                     : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            }
            return sql;
        }();
        const auto bindRow = [this](SqliteStatement& insert, int row, std::size_t runIndex) {
            const Run& run = m_runs[runIndex];
            const std::size_t i = run.first;
            const AuditRecord& record = m_pending[i];
            const auto text = [&insert](int column, const QByteArray& utf8, bool emptyIsNull) {
                insert.bindBorrowedText(column, utf8.constData(), utf8.size(), emptyIsNull);
            };
            int c = row * kColumnsPerRow;
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
            insert.bind(++c, static_cast<qint64>(run.end - run.first));
            const std::string& tail = m_tails[runIndex];
            insert.bindBorrowedBlob(++c, tail.data(), static_cast<qsizetype>(tail.size())); // none: NULL
        };
        const std::size_t count = m_runs.size();
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

    // Splits the pending entries (chained) into runs and writes each run's tail.
    void formRuns()
    {
        m_runs.clear();
        for (std::size_t first = 0; first < m_pending.size();) {
            std::size_t end = first + 1;
            while (end < m_pending.size() && static_cast<qint64>(end - first) < kMaxRun &&
                   sameRun(m_pending[first], m_pending[end]))
                ++end;
            m_runs.push_back(Run{first, end});
            first = end;
        }
        if (m_tails.size() < m_runs.size())
            m_tails.resize(m_runs.size());
        for (std::size_t r = 0; r < m_runs.size(); ++r) {
            RunTailWriter tail(m_tails[r]); // empty for a run of one
            for (std::size_t i = m_runs[r].first + 1; i < m_runs[r].end; ++i)
                tail.append(m_pending[i - 1], m_pending[i], hashAt(i));
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

    struct Run
    {
        std::size_t first; // [first, end) of m_pending
        std::size_t end;
    };

    std::vector<AuditRecord> m_pending;
    std::vector<Run> m_runs;          // of m_pending, on SQLite
    std::vector<std::string> m_tails; // m_runs[i]'s tail; buffers reused from flush to flush
    qint64 m_firstSeq = 0;            // of m_pending[0], once chained
    std::vector<char> m_hashes;       // m_pending's hashes, kHashSize hex digits each
    CanonicalContent m_canonical;     // reused for every entry
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
        // A row holds entries seq … seq + run_count - 1: those with one after `since`. A run is at most
        // kMaxRun long, so they all start after since - kMaxRun, which lets the key bound the search.
        sql += QStringLiteral(" AND seq > ? AND seq + run_count - 1 > ?");
        binds.append(*filter.sinceSeq - kMaxRun);
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
    // Every row has at least one entry in range, so `limit` rows hold at least `limit` entries.
    const bool oldestFirst = filter.sinceSeq.has_value();
    sql += oldestFirst ? QStringLiteral(" ORDER BY seq ASC LIMIT ?")
                       : QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    binds.append(filter.limit);
    std::vector<AuditEntry> entries;
    std::vector<AuditEntry> run;
    for (const Row& row : m_db.rows(sql, binds)) {
        run.clear();
        if (!appendEntriesOfRow(row, run))
            qWarning(
                "audit entry %lld: the entries stored with it cannot be read (see creditdesk-server verify)",
                static_cast<long long>(run.front().seq));
        if (!oldestFirst)
            std::reverse(run.begin(), run.end());
        for (AuditEntry& entry : run) {
            if ((filter.sinceSeq && entry.seq <= *filter.sinceSeq) ||
                (filter.beforeSeq && entry.seq >= *filter.beforeSeq))
                continue;
            entries.push_back(std::move(entry));
            if (static_cast<int>(entries.size()) == filter.limit)
                return entries;
        }
    }
    return entries;
}

std::optional<QString> AuditTrail::firstBrokenLink()
{
    QString previousHash = genesisHash();
    qint64 expectedSeq = 1;
    std::vector<AuditEntry> entries;
    // Walked in pages of rows so a long trail is not held in memory at once.
    for (qint64 after = 0;;) {
        const auto rows =
            m_db.rows(QStringLiteral("SELECT ") + kColumns +
                          QStringLiteral(" FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000"),
                      {after});
        if (rows.empty())
            break;
        for (const Row& row : rows) {
            entries.clear();
            if (!appendEntriesOfRow(row, entries))
                return QStringLiteral("audit chain: entry %1 was changed (the entries stored with it cannot "
                                      "be read)")
                    .arg(entries.front().seq);
            for (const AuditEntry& entry : entries) {
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
                ++expectedSeq;
            }
            after = asInt(row[0]);
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
