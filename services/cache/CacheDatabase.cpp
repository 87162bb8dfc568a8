#include "cache/CacheDatabase.h"

#include "domain/Logging.h"
#include "domain/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUuid>

namespace creditdesk {

namespace {

// Numbered migrations (the list's position + 1); never edit one that shipped, add the next. The schema
// version is the length of this list.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> list = {
        // 1: first schema
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE user (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, "
                "is_platform_admin INTEGER NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
                "role TEXT NOT NULL, department_id INTEGER, permissions TEXT NOT NULL, position INTEGER NOT "
                "NULL)"),
            QStringLiteral(
                "CREATE TABLE balances (organization_id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, "
                "reserved INTEGER NOT NULL, available INTEGER NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE grants (organization_id INTEGER NOT NULL, position INTEGER NOT NULL, "
                "id INTEGER NOT NULL, kind TEXT NOT NULL, amount INTEGER NOT NULL, remaining INTEGER NOT "
                "NULL, "
                "priority INTEGER NOT NULL, effective_at INTEGER NOT NULL, expires_at INTEGER, note TEXT, "
                "PRIMARY KEY (organization_id, position))"),
            QStringLiteral(
                "CREATE TABLE members (organization_id INTEGER NOT NULL, user_id INTEGER NOT NULL, "
                "email TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, department_id INTEGER, "
                "PRIMARY KEY (organization_id, user_id))"),
            QStringLiteral("CREATE TABLE departments (organization_id INTEGER NOT NULL, id INTEGER NOT NULL, "
                           "name TEXT NOT NULL, PRIMARY KEY (organization_id, id))"),
            // created_at in milliseconds since the epoch (UTC); kind as TransactionKind's number.
            QStringLiteral(
                "CREATE TABLE transactions (id INTEGER PRIMARY KEY, organization_id INTEGER NOT NULL, "
                "seq INTEGER NOT NULL, kind INTEGER NOT NULL, grant_kind TEXT, amount INTEGER NOT NULL, "
                "balance_after INTEGER NOT NULL, member_id INTEGER, department_id INTEGER, actor TEXT, "
                "reference TEXT, note TEXT, related_transaction_id INTEGER, reservation_id INTEGER, "
                "created_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX transactions_seq ON transactions (organization_id, seq)"),
            QStringLiteral("CREATE INDEX transactions_kind ON transactions (organization_id, kind, seq)"),
            QStringLiteral(
                "CREATE INDEX transactions_member ON transactions (organization_id, member_id, seq)"),
            QStringLiteral(
                "CREATE INDEX transactions_department ON transactions (organization_id, department_id, seq)"),
            QStringLiteral("CREATE INDEX transactions_created ON transactions (organization_id, created_at)"),
            QStringLiteral("CREATE INDEX transactions_amount ON transactions (organization_id, amount, seq)"),
            // Per-day sums so the dashboard never scans the history (days as Julian day numbers, UTC).
            QStringLiteral(
                "CREATE TABLE usage_daily (organization_id INTEGER NOT NULL, day INTEGER NOT NULL, "
                "used INTEGER NOT NULL, added INTEGER NOT NULL, PRIMARY KEY (organization_id, day))"),
        },
        // 2: the server's metered usage per day (GET /metering/by-date), with its since-cursor in meta
        {
            QStringLiteral(
                "CREATE TABLE metered_daily (organization_id INTEGER NOT NULL, day INTEGER NOT NULL, "
                "credits INTEGER NOT NULL, events INTEGER NOT NULL, tokens INTEGER NOT NULL, "
                "cost_micro_usd INTEGER NOT NULL, PRIMARY KEY (organization_id, day))"),
        },
        // 3: substring search over reference and note without scanning every row: an FTS5 trigram index.
        // Indexing costs ~60 µs a row, too much for the sync's write path, so new rows only land in
        // text_pending (a trigger) and TextIndexer moves them into the index after a sync, off the GUI
        // thread. Searches read the index plus the still-pending rows.
        {
            QStringLiteral(
                "CREATE VIRTUAL TABLE transactions_text USING fts5(reference, note, content='transactions', "
                "content_rowid='id', tokenize='trigram')"),
            QStringLiteral("CREATE TABLE text_pending (id INTEGER PRIMARY KEY)"),
            QStringLiteral("CREATE TRIGGER transactions_text_pending AFTER INSERT ON transactions BEGIN "
                           "INSERT OR IGNORE INTO text_pending (id) VALUES (new.id); END"),
            QStringLiteral("INSERT INTO text_pending (id) SELECT id FROM transactions"),
        },
        // 4: the audit trail (ActivityPane::collection(): organization_id, then its columns in declaration
        // order; at in milliseconds since the epoch, UTC). Collections declared later need no migration:
        // prepareCollections() creates their tables from the declaration.
        {
            QStringLiteral(
                "CREATE TABLE audit_entries (organization_id INTEGER NOT NULL, id INTEGER PRIMARY KEY, "
                "seq INTEGER NOT NULL, at INTEGER NOT NULL, actor_type TEXT NOT NULL, actor_id INTEGER, "
                "action TEXT NOT NULL, target_type TEXT, target_id INTEGER, summary TEXT NOT NULL, "
                "request_id TEXT, hash TEXT NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX audit_entries_seq ON audit_entries (organization_id, seq)"),
            QStringLiteral("CREATE INDEX audit_entries_at ON audit_entries (organization_id, at)"),
        },
        // 5: the last answer of a per-organization read that has no since-cursor (the Organization pane's
        // members, departments, seats, invitations, roles, budget requests and history): the whole JSON
        // document, replaced on every fetch, with when it was fetched (milliseconds since the epoch, UTC).
        // The file is already per server and user, so the key is the organization and the resource.
        {
            QStringLiteral(
                "CREATE TABLE snapshots (organization_id INTEGER NOT NULL, resource TEXT NOT NULL, "
                "document TEXT NOT NULL, fetched_at INTEGER NOT NULL, PRIMARY KEY (organization_id, "
                "resource))"),
        },
        // 6: the model of a usage deduction (the server's "model" on usage rows). Rows cached before have
        // none and the sync never fetches a row twice (its cursor is the highest seq here), so they are
        // dropped with their rollup and search index: the next sync fetches them again, with the model.
        {
            QStringLiteral("ALTER TABLE transactions ADD COLUMN model TEXT"),
            QStringLiteral("DELETE FROM transactions"),
            QStringLiteral("DELETE FROM usage_daily"),
            QStringLiteral("DELETE FROM text_pending"),
            QStringLiteral("INSERT INTO transactions_text (transactions_text) VALUES ('delete-all')"),
        },
    };
    return list;
}

const QStringList& migration(int version)
{
    return migrations().at(version - 1);
}

const int kLatestVersion = static_cast<int>(migrations().size());

QVariant nullable(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant nullableText(const QString& text)
{
    return text.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QVariant timestamp(const QDateTime& when)
{
    return when.isValid() ? QVariant(when.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

// One column of a collection table as SQLite's table_info reports it: name, type, NOT NULL, primary key.
struct TableColumn
{
    QString name;
    QString type;
    bool notNull = false;
    bool primaryKey = false;

    bool operator==(const TableColumn& other) const = default;
};

QList<TableColumn> declaredColumns(const SyncedCollection& collection)
{
    QList<TableColumn> columns{{QStringLiteral("organization_id"), QStringLiteral("INTEGER"), true, false}};
    for (const SyncedColumn& column : collection.columns) {
        const bool key = column.name == collection.keyColumn;
        columns.append({column.name,
                        column.storedAsText() ? QStringLiteral("TEXT") : QStringLiteral("INTEGER"),
                        !column.nullable && !key, key});
    }
    return columns;
}

QString createTableSql(const SyncedCollection& collection)
{
    QStringList definitions;
    for (const TableColumn& column : declaredColumns(collection)) {
        definitions.append(column.name + QLatin1Char(' ') + column.type +
                           (column.primaryKey ? QStringLiteral(" PRIMARY KEY")
                            : column.notNull  ? QStringLiteral(" NOT NULL")
                                              : QString()));
    }
    return QStringLiteral("CREATE TABLE %1 (%2)")
        .arg(collection.table, definitions.join(QStringLiteral(", ")));
}

// Keys whose values are secrets (an invitation's one-time token, …): dropped anywhere in a snapshot,
// whatever the resource, so that no answer can bring one into the cache file.
bool isSecretKey(const QString& key)
{
    return key == QLatin1String("token") || key == QLatin1String("password") ||
           key == QLatin1String("secret") || key.endsWith(QLatin1String("_token")) ||
           key.endsWith(QLatin1String("_secret"));
}

QJsonValue withoutSecrets(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue& element : value.toArray())
            array.append(withoutSecrets(element));
        return array;
    }
    if (!value.isObject())
        return value;
    const QJsonObject object = value.toObject();
    QJsonObject kept;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!isSecretKey(it.key()))
            kept.insert(it.key(), withoutSecrets(it.value()));
    }
    return kept;
}

} // namespace

CacheDatabase::CacheDatabase()
    : m_connection(QStringLiteral("cache-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

CacheDatabase::~CacheDatabase()
{
    close();
}

QString CacheDatabase::pathFor(const QUrl& server, const QString& email)
{
    QUrl normalized = server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QString serverPath = normalized.path();
    while (serverPath.endsWith(QLatin1Char('/')))
        serverPath.chop(1);
    normalized.setPath(serverPath);
    const QByteArray scope = normalized.toString().toUtf8() + '\n' + email.trimmed().toLower().toUtf8();
    const QString name =
        QString::fromLatin1(QCryptographicHash::hash(scope, QCryptographicHash::Sha256).toHex().left(24));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/cache/") +
           name + QStringLiteral(".sqlite");
}

QString CacheDatabase::pathForScope(const QString& scope, const QString& email)
{
    const QByteArray user = email.trimmed().toLower().toUtf8();
    const QString name =
        QString::fromLatin1(QCryptographicHash::hash(user, QCryptographicHash::Sha256).toHex().left(16));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/cache/") +
           scope + QLatin1Char('-') + name + QStringLiteral(".sqlite");
}

void CacheDatabase::removeScope(const QString& scope)
{
    const QDir folder(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      QStringLiteral("/cache"));
    const QStringList files = folder.entryList({scope + QStringLiteral("-*.sqlite")}, QDir::Files);
    for (const QString& file : files)
        removeFiles(folder.filePath(file));
}

int CacheDatabase::latestSchemaVersion()
{
    return kLatestVersion;
}

bool CacheDatabase::removeFiles(const QString& path)
{
    bool ok = true;
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFile::exists(path + suffix))
            ok = QFile::remove(path + suffix) && ok;
    }
    return ok;
}

bool CacheDatabase::open(const QString& path)
{
    close();
    // The cache holds the organization's ledger: 0600 whatever the umask. SQLite creates the -wal and -shm
    // files with the main file's permissions, so they are 0600 too (tst_console_cache checks all three).
    if (!makePrivateDirectory(QFileInfo(path).absolutePath()) || !ensurePrivateFile(path)) {
        qCWarning(lcCache) << "cannot create" << path << "readable only by its owner";
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        if (!db.open()) {
            qCWarning(lcCache) << "cannot open" << path << db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connection);
            return false;
        }
    }
    m_path = path;
    // WAL: readers on other threads never block the sync writer. NORMAL is durable enough for a cache
    // that can always be fetched again.
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
        !exec(QStringLiteral("PRAGMA synchronous=NORMAL")) ||
        !exec(QStringLiteral("PRAGMA foreign_keys=ON")) ||
        !exec(QStringLiteral("PRAGMA busy_timeout=5000")) || !migrate() || !prepareCollections()) {
        close();
        return false;
    }
    // Caches written by older versions may have -wal and -shm files as loose as their umask made them.
    for (const QString& suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (!restrictToOwner(path + suffix))
            qCWarning(lcCache) << "cannot restrict" << path + suffix << "to its owner";
    }
    return true;
}

void CacheDatabase::close()
{
    if (m_path.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_path.clear();
}

int CacheDatabase::schemaVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool CacheDatabase::migrate()
{
    int version = schemaVersion();
    if (version < 0)
        return false;
    if (version > kLatestVersion) {
        qCWarning(lcCache) << "cache schema" << version
                           << "is newer than this program knows:" << kLatestVersion;
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    while (version < kLatestVersion) {
        ++version;
        db.transaction();
        for (const QString& statement : migration(version)) {
            if (!exec(statement)) {
                db.rollback();
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(version)) || !db.commit()) {
            db.rollback();
            return false;
        }
        qCInfo(lcCache) << "cache migrated to schema" << version;
    }
    return true;
}

bool CacheDatabase::prepareCollections()
{
    for (const SyncedCollection& collection : std::as_const(m_collections)) {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.transaction();
        if (!prepareCollection(collection)) {
            db.rollback();
            return false;
        }
        if (!db.commit())
            return false;
    }
    return true;
}

bool CacheDatabase::prepareCollection(const SyncedCollection& collection)
{
    // Names are spliced into SQL: they come from declarations in the code, never from the server or user.
    const QString create = createTableSql(collection);
    const QString metaKey = QStringLiteral("collection_table:") + collection.table;
    QList<TableColumn> existing;
    {
        QSqlQuery info(QSqlDatabase::database(m_connection, false));
        if (!info.exec(QStringLiteral("PRAGMA table_info(%1)").arg(collection.table)))
            return sqlFail("prepareCollection", info);
        while (info.next()) {
            existing.append({info.value(1).toString(), info.value(2).toString().toUpper(),
                             info.value(3).toBool(), info.value(5).toInt() > 0});
        }
    }
    const QString createdBy = meta(metaKey);
    if (!existing.isEmpty() && existing != declaredColumns(collection)) {
        if (createdBy.isEmpty()) {
            qCWarning(lcCache) << "table" << collection.table << "exists and is not collection"
                               << collection.id;
            return false;
        }
        // The declaration changed: the cached rows no longer fit. The next sync fetches them again (the
        // since-cursor of an empty table is 0).
        qCInfo(lcCache) << "collection" << collection.id << "changed: its table is made again";
        if (!exec(QStringLiteral("DROP TABLE %1").arg(collection.table)))
            return false;
        existing.clear();
    }
    if (existing.isEmpty() && !exec(create))
        return false;
    return exec(QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS %1_%2 ON %1 (organization_id, %2)")
                    .arg(collection.table, collection.sinceField)) &&
           exec(QStringLiteral("CREATE INDEX IF NOT EXISTS %1_%2 ON %1 (organization_id, %2)")
                    .arg(collection.table, collection.timeColumn)) &&
           (createdBy == create || setMeta(metaKey, create));
}

bool CacheDatabase::exec(const QString& sql) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql))
        return sqlFail("exec", query);
    return true;
}

bool CacheDatabase::sqlFail(const char* context, const QSqlQuery& query) const
{
    qCWarning(lcCache).noquote() << context << "failed:" << query.lastError().text() << "in"
                                 << query.lastQuery();
    return false;
}

bool CacheDatabase::setMeta(const QString& key, const QString& value)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    return query.exec() || sqlFail("setMeta", query);
}

QString CacheDatabase::meta(const QString& key) const
{
    if (!isOpen())
        return {};
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

// Runs body inside one transaction; rolls back when it returns false.
template<typename Body> static bool inTransaction(const QString& connection, Body body)
{
    QSqlDatabase db = QSqlDatabase::database(connection, false);
    if (!db.isOpen() || !db.transaction())
        return false;
    if (!body(db)) {
        db.rollback();
        return false;
    }
    return db.commit();
}

bool CacheDatabase::storeIdentity(const UserProfile& user, const QList<Organization>& organizations)
{
    return inTransaction(m_connection, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("DELETE FROM user")) ||
            !query.exec(QStringLiteral("DELETE FROM organizations")))
            return sqlFail("storeIdentity", query);
        query.prepare(
            QStringLiteral("INSERT INTO user (id, email, name, is_platform_admin) VALUES (?, ?, ?, ?)"));
        query.addBindValue(user.id);
        query.addBindValue(user.email);
        query.addBindValue(user.name);
        query.addBindValue(user.platformAdmin ? 1 : 0);
        if (!query.exec())
            return sqlFail("storeIdentity", query);
        query.prepare(
            QStringLiteral("INSERT INTO organizations (id, name, kind, role, department_id, permissions, "
                           "position) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        int position = 0;
        for (const Organization& organization : organizations) {
            query.addBindValue(organization.id);
            query.addBindValue(organization.name);
            query.addBindValue(organization.kind);
            query.addBindValue(organization.role);
            query.addBindValue(nullable(organization.departmentId));
            query.addBindValue(organization.permissions.join(QLatin1Char(' ')));
            query.addBindValue(position++);
            if (!query.exec())
                return sqlFail("storeIdentity", query);
        }
        return true;
    });
}

bool CacheDatabase::storeBalance(const Balance& balance)
{
    return inTransaction(m_connection, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        query.prepare(
            QStringLiteral("INSERT OR REPLACE INTO balances (organization_id, balance, reserved, available) "
                           "VALUES (?, ?, ?, ?)"));
        query.addBindValue(balance.organizationId);
        query.addBindValue(balance.balance);
        query.addBindValue(balance.reserved);
        query.addBindValue(balance.available);
        if (!query.exec())
            return sqlFail("storeBalance", query);
        query.prepare(QStringLiteral("DELETE FROM grants WHERE organization_id = ?"));
        query.addBindValue(balance.organizationId);
        if (!query.exec())
            return sqlFail("storeBalance", query);
        query.prepare(QStringLiteral(
            "INSERT INTO grants (organization_id, position, id, kind, amount, remaining, "
            "priority, effective_at, expires_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        int position = 0;
        for (const Grant& grant : balance.grants) {
            query.addBindValue(balance.organizationId);
            query.addBindValue(position++);
            query.addBindValue(grant.id);
            query.addBindValue(grant.kind);
            query.addBindValue(grant.amount);
            query.addBindValue(grant.remaining);
            query.addBindValue(grant.priority);
            query.addBindValue(grant.effectiveAt.toMSecsSinceEpoch());
            query.addBindValue(timestamp(grant.expiresAt));
            query.addBindValue(nullableText(grant.note));
            if (!query.exec())
                return sqlFail("storeBalance", query);
        }
        return true;
    });
}

bool CacheDatabase::storeMembers(qint64 organizationId, const QList<Member>& members)
{
    return inTransaction(m_connection, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM members WHERE organization_id = ?"));
        query.addBindValue(organizationId);
        if (!query.exec())
            return sqlFail("storeMembers", query);
        query.prepare(
            QStringLiteral("INSERT INTO members (organization_id, user_id, email, name, role, department_id) "
                           "VALUES (?, ?, ?, ?, ?, ?)"));
        for (const Member& member : members) {
            query.addBindValue(organizationId);
            query.addBindValue(member.userId);
            query.addBindValue(member.email);
            query.addBindValue(member.name);
            query.addBindValue(member.role);
            query.addBindValue(nullable(member.departmentId));
            if (!query.exec())
                return sqlFail("storeMembers", query);
        }
        return true;
    });
}

bool CacheDatabase::storeDepartments(qint64 organizationId, const QList<Department>& departments)
{
    return inTransaction(m_connection, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM departments WHERE organization_id = ?"));
        query.addBindValue(organizationId);
        if (!query.exec())
            return sqlFail("storeDepartments", query);
        query.prepare(QStringLiteral("INSERT INTO departments (organization_id, id, name) VALUES (?, ?, ?)"));
        for (const Department& department : departments) {
            query.addBindValue(organizationId);
            query.addBindValue(department.id);
            query.addBindValue(department.name);
            if (!query.exec())
                return sqlFail("storeDepartments", query);
        }
        return true;
    });
}

bool CacheDatabase::applyTransactionsPage(qint64 organizationId, const QList<Transaction>& page,
                                          int* inserted)
{
    int count = 0;
    const bool ok = inTransaction(m_connection, [&](QSqlDatabase& db) {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT OR IGNORE INTO transactions (id, organization_id, seq, kind, "
                                      "grant_kind, amount, balance_after, "
                                      "member_id, department_id, actor, reference, note, "
                                      "related_transaction_id, reservation_id, created_at, model) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        QHash<qint64, DailyUsage> days;
        for (const Transaction& transaction : page) {
            insert.addBindValue(transaction.id);
            insert.addBindValue(organizationId);
            insert.addBindValue(transaction.seq);
            insert.addBindValue(static_cast<int>(transaction.kind));
            insert.addBindValue(nullableText(transaction.grantKind));
            insert.addBindValue(transaction.amount);
            insert.addBindValue(transaction.balanceAfter);
            insert.addBindValue(nullable(transaction.memberId));
            insert.addBindValue(nullable(transaction.departmentId));
            insert.addBindValue(transaction.actor);
            insert.addBindValue(nullableText(transaction.reference));
            insert.addBindValue(nullableText(transaction.note));
            insert.addBindValue(nullable(transaction.relatedTransactionId));
            insert.addBindValue(nullable(transaction.reservationId));
            insert.addBindValue(transaction.createdAt.toMSecsSinceEpoch());
            insert.addBindValue(transaction.model.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                            : QVariant(transaction.model));
            if (!insert.exec())
                return sqlFail("applyTransactionsPage", insert);
            if (insert.numRowsAffected() != 1)
                continue; // already cached: the rollup has it
            ++count;
            const qint64 day = transaction.createdAt.toUTC().date().toJulianDay();
            DailyUsage& usage = days[day];
            switch (transaction.kind) {
            case TransactionKind::Deduction:
                usage.used -= transaction.amount; // deductions are negative
                break;
            case TransactionKind::Refund:
                usage.used -= transaction.amount;
                break;
            case TransactionKind::Allocation:
                usage.added += transaction.amount;
                break;
            case TransactionKind::Expiry:
            case TransactionKind::Count:
                break;
            }
        }
        QSqlQuery rollup(db);
        rollup.prepare(
            QStringLiteral("INSERT INTO usage_daily (organization_id, day, used, added) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (organization_id, day) DO UPDATE SET used = used + excluded.used, "
                           "added = added + excluded.added"));
        for (auto it = days.cbegin(); it != days.cend(); ++it) {
            rollup.addBindValue(organizationId);
            rollup.addBindValue(it.key());
            rollup.addBindValue(it->used);
            rollup.addBindValue(it->added);
            if (!rollup.exec())
                return sqlFail("applyTransactionsPage rollup", rollup);
        }
        return true;
    });
    if (inserted)
        *inserted = ok ? count : 0;
    return ok;
}

bool CacheDatabase::applyCollectionPage(const SyncedCollection& collection, qint64 organizationId,
                                        const QList<QVariantList>& rows, int* inserted)
{
    int count = 0;
    const bool ok = inTransaction(m_connection, [&](QSqlDatabase& db) {
        QStringList names{QStringLiteral("organization_id")};
        for (const SyncedColumn& column : collection.columns)
            names.append(column.name);
        QSqlQuery insert(db);
        // Rows already cached are skipped: a page fetched twice changes nothing. Rows that change come
        // again with a higher since value and replace the cached one.
        insert.prepare(QStringLiteral("INSERT OR %1 INTO %2 (%3) VALUES (%4)")
                           .arg(collection.rowsChange ? QStringLiteral("REPLACE") : QStringLiteral("IGNORE"),
                                collection.table, names.join(QStringLiteral(", ")),
                                QStringList(names.size(), QStringLiteral("?")).join(QStringLiteral(", "))));
        for (const QVariantList& row : rows) {
            if (row.size() != collection.columns.size())
                return false;
            insert.addBindValue(organizationId);
            for (const QVariant& value : row)
                insert.addBindValue(value);
            if (!insert.exec())
                return sqlFail("applyCollectionPage", insert);
            if (insert.numRowsAffected() == 1)
                ++count;
        }
        return true;
    });
    if (inserted)
        *inserted = ok ? count : 0;
    return ok;
}

qint64 CacheDatabase::collectionSince(const SyncedCollection& collection, qint64 organizationId) const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT MAX(%1) FROM %2 WHERE organization_id = ?")
                      .arg(collection.sinceField, collection.table));
    query.addBindValue(organizationId);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool CacheDatabase::storeMeteredDays(qint64 organizationId, const QList<MeteredDay>& days,
                                     const QString& cursor)
{
    return inTransaction(m_connection, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        // The server sends whole rows for the days that changed: replace them.
        query.prepare(
            QStringLiteral("INSERT OR REPLACE INTO metered_daily (organization_id, day, credits, events, "
                           "tokens, cost_micro_usd) VALUES (?, ?, ?, ?, ?, ?)"));
        for (const MeteredDay& day : days) {
            query.addBindValue(organizationId);
            query.addBindValue(day.day.toJulianDay());
            query.addBindValue(day.credits);
            query.addBindValue(day.events);
            query.addBindValue(day.tokens);
            query.addBindValue(day.costMicroUsd);
            if (!query.exec())
                return sqlFail("storeMeteredDays", query);
        }
        return setMeta(QStringLiteral("metering_cursor:%1").arg(organizationId), cursor);
    });
}

QString CacheDatabase::meteringCursor(qint64 organizationId) const
{
    return meta(QStringLiteral("metering_cursor:%1").arg(organizationId));
}

qint64 CacheDatabase::indexPendingText(const QString& path, int chunkRows, const std::atomic<bool>* stop)
{
    const QString connection = QStringLiteral("cache-indexer-") + QUuid::createUuid().toString(QUuid::Id128);
    qint64 indexed = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (QFile::exists(path) && db.open()) {
            QSqlQuery query(db);
            while (!(stop && stop->load())) {
                // One chunk per transaction: the sync's writer never waits long for the lock.
                if (!query.exec(QStringLiteral("SELECT MAX(id), COUNT(*) FROM (SELECT id FROM text_pending "
                                               "ORDER BY id LIMIT %1)")
                                    .arg(chunkRows)) ||
                    !query.next() || query.value(1).toLongLong() == 0)
                    break;
                const qint64 upTo = query.value(0).toLongLong();
                const qint64 rows = query.value(1).toLongLong();
                query.finish();
                db.transaction();
                QSqlQuery insert(db);
                insert.prepare(
                    QStringLiteral("INSERT INTO transactions_text (rowid, reference, note) SELECT t.id, "
                                   "t.reference, t.note FROM transactions t WHERE t.id IN (SELECT id FROM "
                                   "text_pending WHERE id <= ?)"));
                insert.addBindValue(upTo);
                QSqlQuery remove(db);
                remove.prepare(QStringLiteral("DELETE FROM text_pending WHERE id <= ?"));
                remove.addBindValue(upTo);
                if (!insert.exec() || !remove.exec() || !db.commit()) {
                    qCWarning(lcCache)
                        << "text indexing failed" << insert.lastError().text() << remove.lastError().text();
                    db.rollback();
                    break;
                }
                indexed += rows;
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return indexed;
}

bool CacheDatabase::setLastSynced(const QDateTime& when)
{
    return setMeta(QStringLiteral("last_synced"), QString::number(when.toMSecsSinceEpoch()));
}

bool CacheDatabase::storeSnapshot(qint64 organizationId, const QString& resource, const QJsonObject& document,
                                  const QDateTime& fetchedAt)
{
    if (!isOpen())
        return false;
    const QByteArray json = QJsonDocument(withoutSecrets(document).toObject()).toJson(QJsonDocument::Compact);
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO snapshots (organization_id, resource, document, "
                                 "fetched_at) VALUES (?, ?, ?, ?)"));
    query.addBindValue(organizationId);
    query.addBindValue(resource);
    query.addBindValue(QString::fromUtf8(json));
    query.addBindValue(fetchedAt.toMSecsSinceEpoch());
    if (!query.exec())
        return sqlFail("storeSnapshot", query);
    return true;
}

std::optional<CachedDocument> CacheDatabase::snapshot(qint64 organizationId, const QString& resource) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral(
        "SELECT document, fetched_at FROM snapshots WHERE organization_id = ? AND resource = ?"));
    query.addBindValue(organizationId);
    query.addBindValue(resource);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(query.value(0).toString().toUtf8());
    if (!document.isObject())
        return std::nullopt;
    return CachedDocument{document.object(),
                          QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), QTimeZone::utc())};
}

std::optional<UserProfile> CacheDatabase::user() const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("SELECT id, email, name, is_platform_admin FROM user")) || !query.next())
        return std::nullopt;
    return UserProfile{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                       query.value(3).toBool()};
}

QList<Organization> CacheDatabase::organizations() const
{
    QList<Organization> result;
    if (!isOpen())
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(
            QStringLiteral("SELECT id, name, kind, role, department_id, permissions FROM organizations "
                           "ORDER BY position")))
        return result;
    while (query.next()) {
        Organization organization;
        organization.id = query.value(0).toLongLong();
        organization.name = query.value(1).toString();
        organization.kind = query.value(2).toString();
        organization.role = query.value(3).toString();
        organization.departmentId = optionalInteger(query.value(4));
        organization.permissions = query.value(5).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        result.append(organization);
    }
    return result;
}

std::optional<Balance> CacheDatabase::balance(qint64 organizationId) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(
        QStringLiteral("SELECT balance, reserved, available FROM balances WHERE organization_id = ?"));
    query.addBindValue(organizationId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    Balance balance;
    balance.organizationId = organizationId;
    balance.balance = query.value(0).toLongLong();
    balance.reserved = query.value(1).toLongLong();
    balance.available = query.value(2).toLongLong();
    query.prepare(
        QStringLiteral("SELECT id, kind, amount, remaining, priority, effective_at, expires_at, note FROM "
                       "grants WHERE organization_id = ? ORDER BY position"));
    query.addBindValue(organizationId);
    if (query.exec()) {
        while (query.next()) {
            Grant grant;
            grant.id = query.value(0).toLongLong();
            grant.kind = query.value(1).toString();
            grant.amount = query.value(2).toLongLong();
            grant.remaining = query.value(3).toLongLong();
            grant.priority = query.value(4).toInt();
            grant.effectiveAt = QDateTime::fromMSecsSinceEpoch(query.value(5).toLongLong(), QTimeZone::utc());
            if (!query.value(6).isNull())
                grant.expiresAt =
                    QDateTime::fromMSecsSinceEpoch(query.value(6).toLongLong(), QTimeZone::utc());
            grant.note = query.value(7).toString();
            balance.grants.append(grant);
        }
    }
    return balance;
}

QList<Member> CacheDatabase::members(qint64 organizationId) const
{
    QList<Member> result;
    if (!isOpen())
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT user_id, email, name, role, department_id FROM members WHERE "
                                 "organization_id = ? ORDER BY name, user_id"));
    query.addBindValue(organizationId);
    if (!query.exec())
        return result;
    while (query.next()) {
        result.append(Member{query.value(0).toLongLong(), query.value(1).toString(),
                             query.value(2).toString(), query.value(3).toString(),
                             optionalInteger(query.value(4))});
    }
    return result;
}

QList<Department> CacheDatabase::departments(qint64 organizationId) const
{
    QList<Department> result;
    if (!isOpen())
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(
        QStringLiteral("SELECT id, name FROM departments WHERE organization_id = ? ORDER BY name, id"));
    query.addBindValue(organizationId);
    if (!query.exec())
        return result;
    while (query.next())
        result.append(Department{query.value(0).toLongLong(), query.value(1).toString()});
    return result;
}

qint64 CacheDatabase::lastSeq(qint64 organizationId) const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT MAX(seq) FROM transactions WHERE organization_id = ?"));
    query.addBindValue(organizationId);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

qint64 CacheDatabase::transactionCount(qint64 organizationId) const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE organization_id = ?"));
    query.addBindValue(organizationId);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

QDateTime CacheDatabase::lastSynced() const
{
    const QString value = meta(QStringLiteral("last_synced"));
    if (value.isEmpty())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

} // namespace creditdesk
