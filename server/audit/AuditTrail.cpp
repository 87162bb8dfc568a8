#include "audit/AuditTrail.h"

#include "core/Crypto.h"
#include "core/Json.h"
#include "store/SqliteStatement.h"

#include <charconv>

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

// The content an entry's hash covers, in one fixed spelling: every column in order, each written as
// its length, ':' and its UTF-8 bytes (an absent number as the empty text), so no two entries share one.
// Written with std::to_chars into one buffer: the writer builds one for every entry it appends.
class CanonicalWriter
{
public:
    CanonicalWriter() { m_out.reserve(320); }

    void number(std::optional<qint64> value)
    {
        char digits[24];
        const auto end = value ? std::to_chars(digits, digits + sizeof digits, *value).ptr : digits;
        bytes(digits, static_cast<qsizetype>(end - digits));
    }
    void text(const QString& value)
    {
        const QByteArray utf8 = value.toUtf8();
        bytes(utf8.constData(), utf8.size());
    }
    QByteArray take() { return std::move(m_out); }

private:
    void bytes(const char* data, qsizetype size)
    {
        char length[24];
        const auto end = std::to_chars(length, length + sizeof length, size).ptr;
        m_out.append(length, static_cast<qsizetype>(end - length));
        m_out.append(':');
        m_out.append(data, size);
    }
    QByteArray m_out;
};

QByteArray canonicalContent(const QByteArray& previousHash, const AuditEntry& entry)
{
    CanonicalWriter out;
    out.number(entry.seq);
    out.number(entry.at);
    out.text(entry.actorType);
    out.number(entry.actorId);
    out.number(entry.organizationId);
    out.text(entry.action);
    out.text(entry.targetType);
    out.number(entry.targetId);
    out.text(entry.summary);
    out.text(entry.requestId);
    QByteArray content = out.take();
    return previousHash + '\n' + content;
}

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

QString AuditTrail::hashOf(const QString& previousHash, const AuditEntry& entry)
{
    return QString::fromLatin1(crypto::sha256Hex(canonicalContent(previousHash.toLatin1(), entry)));
}

namespace {

// The writer's audit entries of the current transaction, appended when the connection flushes (before
// the commit, or before a statement of someone else's): the head is read once per flush and the rows
// go in through one prepared statement, instead of a head query and a statement per entry. Entries
// of a command whose savepoint is rolled back are dropped with it (reset()), so an entry exists
// exactly when its change does.
class AuditBuffer final : public TransactionBuffer
{
public:
    void add(AuditEntry entry) { m_pending.push_back(std::move(entry)); }

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
    // SQLite has one writer: the head is the table's rightmost row. SQLite's own API, as on the other
    // hot paths: every deduction and usage event has an entry.
    void flushSqlite(SqlConnection& db)
    {
        QString previousHash = AuditTrail::genesisHash();
        qint64 previousSeq = 0;
        {
            SqliteStatement head(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
            if (head.step()) {
                previousSeq = head.columnInt(0);
                previousHash = head.columnText(1);
            }
            head.reset();
        }
        SqliteStatement insert(
            db, "INSERT INTO audit_log (seq, at, actor_type, actor_id, organization_id, action, "
                "target_type, target_id, summary, request_id, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (AuditEntry& entry : m_pending) {
            entry.seq = ++previousSeq;
            entry.hash = AuditTrail::hashOf(previousHash, entry);
            insert.bind(1, entry.seq);
            insert.bind(2, entry.at);
            insert.bind(3, entry.actorType);
            insert.bind(4, entry.actorId);
            insert.bind(5, entry.organizationId);
            insert.bind(6, entry.action);
            insert.bind(7, entry.targetType);
            insert.bind(8, entry.targetId);
            insert.bindText(9, entry.summary.toUtf8()); // an empty summary is stored empty, not NULL
            insert.bind(10, entry.requestId);
            insert.bind(11, entry.hash);
            insert.step();
            insert.reset();
            previousHash = entry.hash;
        }
    }

    // PostgreSQL: several processes append; locking the head row puts them in one order.
    void flushPostgres(SqlConnection& db)
    {
        const std::optional<Row> head =
            db.row(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"));
        qint64 previousSeq = head ? asInt(head->at(0)) : 0;
        QString previousHash = head ? head->at(1).toString() : AuditTrail::genesisHash();
        for (AuditEntry& entry : m_pending) {
            entry.seq = ++previousSeq;
            entry.hash = AuditTrail::hashOf(previousHash, entry);
            db.execute(QStringLiteral(
                           "INSERT INTO audit_log (seq, at, actor_type, actor_id, organization_id, action, "
                           "target_type, target_id, summary, request_id, hash) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {entry.seq, entry.at, entry.actorType, nullableInt(entry.actorId),
                        nullableInt(entry.organizationId), entry.action,
                        entry.targetType.isEmpty() ? QVariant() : QVariant(entry.targetType),
                        nullableInt(entry.targetId), entry.summary,
                        entry.requestId.isEmpty() ? QVariant() : QVariant(entry.requestId), entry.hash});
            previousHash = entry.hash;
        }
        db.execute(QStringLiteral("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"),
                   {previousSeq, previousHash});
    }

    std::vector<AuditEntry> m_pending;
};

} // namespace

void AuditTrail::append(AuditEntry entry)
{
    m_db.buffer<AuditBuffer>().add(std::move(entry));
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

} // namespace creditdesk::server
