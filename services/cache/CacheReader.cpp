#include "cache/CacheReader.h"

#include "domain/Logging.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace creditdesk {

namespace {

const char* const kColumns =
    "t.id, t.organization_id, t.seq, t.kind, t.grant_kind, t.amount, t.balance_after, "
    "t.member_id, t.department_id, t.actor, t.reference, t.note, t.related_transaction_id, "
    "t.reservation_id, t.created_at, t.model";

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

Transaction readRow(const QSqlQuery& query)
{
    Transaction row;
    row.id = query.value(0).toLongLong();
    row.organizationId = query.value(1).toLongLong();
    row.seq = query.value(2).toLongLong();
    row.kind = static_cast<TransactionKind>(query.value(3).toInt());
    row.grantKind = query.value(4).toString();
    row.amount = query.value(5).toLongLong();
    row.balanceAfter = query.value(6).toLongLong();
    row.memberId = optionalInteger(query.value(7));
    row.departmentId = optionalInteger(query.value(8));
    row.actor = query.value(9).toString();
    row.reference = query.value(10).toString();
    row.note = query.value(11).toString();
    row.relatedTransactionId = optionalInteger(query.value(12));
    row.reservationId = optionalInteger(query.value(13));
    row.createdAt = QDateTime::fromMSecsSinceEpoch(query.value(14).toLongLong(), QTimeZone::utc());
    row.model = query.value(15).toString();
    return row;
}

QString fromClause(const TransactionQuery& query)
{
    QString from = QStringLiteral(" FROM transactions t");
    if (query.needsNameJoins()) {
        from += QStringLiteral(
            " LEFT JOIN members m ON m.organization_id = t.organization_id AND m.user_id = t.member_id"
            " LEFT JOIN departments d ON d.organization_id = t.organization_id AND "
            "d.id = t.department_id");
    }
    return from;
}

bool prepareAndBind(QSqlQuery& query, const QString& sql, const QVariantList& binds)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant& value : binds)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

CacheReader::CacheReader(QString path)
    : m_path(std::move(path)),
      m_connection(QStringLiteral("cache-reader-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

CacheReader::~CacheReader()
{
    if (m_open) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool CacheReader::ensureOpen()
{
    if (m_open)
        return true;
    if (m_path.isEmpty() || !QFile::exists(m_path))
        return false;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        qCWarning(lcCache) << "reader cannot open" << m_path << db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
        return false;
    }
    QSqlQuery pragma(db);
    pragma.exec(QStringLiteral("PRAGMA cache_size=-32000")); // 32 MB page cache for deep OFFSETs
    m_open = true;
    return true;
}

bool CacheReader::isUsable()
{
    return ensureOpen();
}

qint64 CacheReader::count(const TransactionQuery& transactionQuery)
{
    if (!ensureOpen())
        return 0;
    QVariantList binds;
    const QString sql =
        QStringLiteral("SELECT COUNT(*) FROM transactions t") + transactionQuery.whereClause(&binds);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!prepareAndBind(query, sql, binds) || !query.next()) {
        qCWarning(lcCache) << "count failed" << query.lastError().text();
        return 0;
    }
    return query.value(0).toLongLong();
}

QList<Transaction> CacheReader::window(const TransactionQuery& transactionQuery, qint64 offset, int limit)
{
    QList<Transaction> rows;
    if (!ensureOpen())
        return rows;
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT ") + QLatin1String(kColumns) + fromClause(transactionQuery) +
                        transactionQuery.whereClause(&binds) + transactionQuery.orderClause() +
                        QStringLiteral(" LIMIT ? OFFSET ?");
    binds.append(limit);
    binds.append(offset);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!prepareAndBind(query, sql, binds)) {
        qCWarning(lcCache) << "window failed" << query.lastError().text();
        return rows;
    }
    rows.reserve(limit);
    while (query.next())
        rows.append(readRow(query));
    return rows;
}

bool CacheReader::forEach(const TransactionQuery& transactionQuery,
                          const std::function<bool(const Transaction&)>& visit)
{
    if (!ensureOpen())
        return false;
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT ") + QLatin1String(kColumns) + fromClause(transactionQuery) +
                        transactionQuery.whereClause(&binds) + transactionQuery.orderClause();
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!prepareAndBind(query, sql, binds))
        return false;
    while (query.next()) {
        if (!visit(readRow(query)))
            return false;
    }
    return true;
}

DashboardSnapshot CacheReader::dashboard(qint64 organizationId, QDate today, int recentCount)
{
    DashboardSnapshot snapshot;
    snapshot.organizationId = organizationId;
    if (!ensureOpen())
        return snapshot;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // One read transaction: every figure comes from the same state of the cache.
    db.transaction();
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT balance, reserved, available FROM balances WHERE organization_id = ?"));
    query.addBindValue(organizationId);
    if (query.exec() && query.next()) {
        Balance balance;
        balance.organizationId = organizationId;
        balance.balance = query.value(0).toLongLong();
        balance.reserved = query.value(1).toLongLong();
        balance.available = query.value(2).toLongLong();
        QSqlQuery grants(db);
        grants.prepare(
            QStringLiteral("SELECT id, kind, amount, remaining, priority, effective_at, expires_at, note "
                           "FROM grants WHERE organization_id = ? ORDER BY position"));
        grants.addBindValue(organizationId);
        if (grants.exec()) {
            while (grants.next()) {
                Grant grant;
                grant.id = grants.value(0).toLongLong();
                grant.kind = grants.value(1).toString();
                grant.amount = grants.value(2).toLongLong();
                grant.remaining = grants.value(3).toLongLong();
                grant.priority = grants.value(4).toInt();
                grant.effectiveAt =
                    QDateTime::fromMSecsSinceEpoch(grants.value(5).toLongLong(), QTimeZone::utc());
                if (!grants.value(6).isNull())
                    grant.expiresAt =
                        QDateTime::fromMSecsSinceEpoch(grants.value(6).toLongLong(), QTimeZone::utc());
                grant.note = grants.value(7).toString();
                balance.grants.append(grant);
            }
        }
        snapshot.balance = balance;
    }
    const QDate periodStart(today.year(), today.month(), 1);
    const QDate first = std::min(periodStart, today.addDays(-31));
    query.prepare(
        QStringLiteral("SELECT day, used, added FROM usage_daily WHERE organization_id = ? AND day >= ? "
                       "ORDER BY day"));
    query.addBindValue(organizationId);
    query.addBindValue(first.toJulianDay());
    if (query.exec()) {
        while (query.next()) {
            snapshot.days.append(DailyUsage{QDate::fromJulianDay(query.value(0).toLongLong()),
                                            query.value(1).toLongLong(), query.value(2).toLongLong()});
        }
    }
    query.prepare(
        QStringLiteral("SELECT day, credits, events, tokens, cost_micro_usd FROM metered_daily WHERE "
                       "organization_id = ? AND day >= ? ORDER BY day"));
    query.addBindValue(organizationId);
    query.addBindValue(first.toJulianDay());
    if (query.exec()) {
        while (query.next()) {
            snapshot.metered.append(MeteredDay{QDate::fromJulianDay(query.value(0).toLongLong()),
                                               query.value(1).toLongLong(), query.value(2).toLongLong(),
                                               query.value(3).toLongLong(), query.value(4).toLongLong()});
        }
    }
    query.prepare(
        QStringLiteral("SELECT balance_after FROM transactions WHERE organization_id = ? AND created_at < ? "
                       "ORDER BY created_at DESC LIMIT 1"));
    query.addBindValue(organizationId);
    query.addBindValue(QDateTime(periodStart, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    if (query.exec() && query.next())
        snapshot.balanceAtPeriodStart = query.value(0).toLongLong();
    query.prepare(
        QStringLiteral("SELECT ") + QLatin1String(kColumns) +
        QStringLiteral(" FROM transactions t WHERE t.organization_id = ? ORDER BY t.seq DESC LIMIT ?"));
    query.addBindValue(organizationId);
    query.addBindValue(recentCount);
    if (query.exec()) {
        while (query.next())
            snapshot.recent.append(readRow(query));
    }
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE organization_id = ?"));
    query.addBindValue(organizationId);
    if (query.exec() && query.next())
        snapshot.transactionCount = query.value(0).toLongLong();
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'last_synced'"));
    if (query.exec() && query.next())
        snapshot.lastSynced = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), QTimeZone::utc());
    query.finish();
    db.commit();
    return snapshot;
}

QHash<qint64, QString> CacheReader::memberNames(qint64 organizationId)
{
    QHash<qint64, QString> names;
    if (!ensureOpen())
        return names;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (prepareAndBind(query, QStringLiteral("SELECT user_id, name FROM members WHERE organization_id = ?"),
                       {organizationId})) {
        while (query.next())
            names.insert(query.value(0).toLongLong(), query.value(1).toString());
    }
    return names;
}

QHash<qint64, QString> CacheReader::departmentNames(qint64 organizationId)
{
    QHash<qint64, QString> names;
    if (!ensureOpen())
        return names;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (prepareAndBind(query, QStringLiteral("SELECT id, name FROM departments WHERE organization_id = ?"),
                       {organizationId})) {
        while (query.next())
            names.insert(query.value(0).toLongLong(), query.value(1).toString());
    }
    return names;
}

CollectionRows CacheReader::collectionRows(const SyncedCollection& collection, const CollectionQuery& query)
{
    CollectionRows result;
    result.collectionId = collection.id;
    result.organizationId = query.organizationId;
    result.query = query;
    if (!ensureOpen())
        return result;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Column names come from the declaration only, never from the user: they may be spliced into the SQL.
    QVariantList binds{query.organizationId};
    QString where = QStringLiteral(" WHERE organization_id = ?");
    for (auto it = query.equals.cbegin(); it != query.equals.cend(); ++it) {
        if (collection.columnIndex(it.key()) < 0)
            continue;
        if (it.value().isNull()) {
            where += QStringLiteral(" AND %1 IS NULL").arg(it.key());
        } else {
            where += QStringLiteral(" AND %1 = ?").arg(it.key());
            binds.append(it.value());
        }
    }
    const QString search = query.search.trimmed().toLower();
    if (!search.isEmpty()) {
        // LIKE's wildcards in what was typed are taken literally.
        QString pattern = search;
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        pattern.replace(QLatin1Char('%'), QStringLiteral("\\%"));
        pattern.replace(QLatin1Char('_'), QStringLiteral("\\_"));
        pattern = QLatin1Char('%') + pattern + QLatin1Char('%');
        QStringList any;
        for (const QString& column : query.searchColumns) {
            if (collection.columnIndex(column) < 0)
                continue;
            any.append(QStringLiteral("LOWER(COALESCE(%1, '')) LIKE ? ESCAPE '\\'").arg(column));
            binds.append(pattern);
        }
        if (!any.isEmpty())
            where += QStringLiteral(" AND (%1)").arg(any.join(QStringLiteral(" OR ")));
    }
    if (query.from.isValid()) {
        where += QStringLiteral(" AND %1 >= ?").arg(collection.timeColumn);
        binds.append(query.from.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch());
    }
    if (query.to.isValid()) {
        where += QStringLiteral(" AND %1 < ?").arg(collection.timeColumn);
        binds.append(query.to.addDays(1).startOfDay(QTimeZone::utc()).toMSecsSinceEpoch());
    }
    QStringList names;
    for (const SyncedColumn& column : collection.columns)
        names.append(column.name);
    QSqlQuery rows(db);
    // Newest first. Rows that change get a new since value (an acknowledged alert): they keep their place
    // by time.
    const QString order =
        collection.rowsChange && !collection.timeColumn.isEmpty() && !collection.keyColumn.isEmpty()
            ? collection.timeColumn + QStringLiteral(" DESC, ") + collection.keyColumn +
                  QStringLiteral(" DESC")
            : collection.sinceField + QStringLiteral(" DESC");
    const QString sql =
        QStringLiteral("SELECT %1 FROM %2").arg(names.join(QStringLiteral(", ")), collection.table) + where +
        QStringLiteral(" ORDER BY %1 LIMIT %2").arg(order).arg(query.limit);
    if (!prepareAndBind(rows, sql, binds)) {
        qCWarning(lcCache) << "collection read failed" << rows.lastError().text();
        return result;
    }
    while (rows.next()) {
        QVariantList row;
        row.reserve(names.size());
        for (int i = 0; i < names.size(); ++i)
            row.append(rows.value(i));
        result.rows.append(std::move(row));
    }
    for (const QStringList& group : query.distinct) {
        QList<QVariantList> values;
        QSqlQuery distinct(db);
        const QString list = group.join(QStringLiteral(", "));
        if (prepareAndBind(distinct,
                           QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE organization_id = ? ORDER BY %1")
                               .arg(list, collection.table),
                           {query.organizationId})) {
            while (distinct.next()) {
                QVariantList value;
                for (int i = 0; i < group.size(); ++i)
                    value.append(distinct.value(i));
                values.append(std::move(value));
            }
        }
        result.distinct.append(std::move(values));
    }
    return result;
}

} // namespace creditdesk
