#include "audit/AuditTrail.h"

#include "core/Crypto.h"
#include "core/Json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk {

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

// The content an entry's hash covers, in one fixed spelling: a JSON array in column order.
QByteArray canonicalContent(const AuditEntry& entry)
{
    const QJsonArray fields{entry.seq,
                            entry.at,
                            entry.actorType,
                            optionalJson(entry.actorId),
                            optionalJson(entry.organizationId),
                            entry.action,
                            entry.targetType,
                            optionalJson(entry.targetId),
                            entry.summary,
                            entry.requestId};
    return QJsonDocument(fields).toJson(QJsonDocument::Compact);
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
    return QString::fromLatin1(crypto::sha256Hex(previousHash.toLatin1() + '\n' + canonicalContent(entry)));
}

qint64 AuditTrail::append(AuditEntry entry)
{
    // The head: SQLite has one writer, and the last entry is the rightmost row of the table; PostgreSQL
    // serializes appends of several processes on the head row.
    std::optional<Row> head;
    if (m_db.isPostgres())
        head = m_db.row(QStringLiteral("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"));
    else
        head = m_db.row(QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    const qint64 previousSeq = head ? asInt(head->at(0)) : 0;
    const QString previousHash = head ? head->at(1).toString() : genesisHash();
    entry.seq = previousSeq + 1;
    entry.hash = hashOf(previousHash, entry);
    m_db.execute(
        QStringLiteral("INSERT INTO audit_log (seq, at, actor_type, actor_id, organization_id, action, "
                       "target_type, target_id, summary, request_id, prev_hash, hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {entry.seq, entry.at, entry.actorType, nullableInt(entry.actorId), nullableInt(entry.organizationId),
         entry.action, entry.targetType.isEmpty() ? QVariant() : QVariant(entry.targetType),
         nullableInt(entry.targetId), entry.summary,
         entry.requestId.isEmpty() ? QVariant() : QVariant(entry.requestId), previousHash, entry.hash});
    if (m_db.isPostgres())
        m_db.execute(QStringLiteral("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"),
                     {entry.seq, entry.hash});
    return entry.seq;
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
                          QStringLiteral(", prev_hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000"),
                      {after});
        if (rows.empty())
            break;
        for (const Row& row : rows) {
            const AuditEntry entry = entryFromRow(row);
            if (entry.seq != expectedSeq)
                return QStringLiteral("audit chain: entry %1 is missing (found %2 next)")
                    .arg(expectedSeq)
                    .arg(entry.seq);
            if (row[11].toString() != previousHash)
                return QStringLiteral("audit chain: entry %1 does not link to entry %2")
                    .arg(entry.seq)
                    .arg(entry.seq - 1);
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

} // namespace creditdesk
