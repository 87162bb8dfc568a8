#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;

namespace creditdesk::server {

enum class Dialect
{
    Sqlite,
    Postgres
};

// Where the data lives: "sqlite:<path>" or "postgresql://user[:password]@host[:port]/database".
struct DatabaseUrl
{
    Dialect dialect = Dialect::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    static DatabaseUrl parse(const QString& text); // throws std::invalid_argument
    QString redacted() const;                      // for logs: never prints the password
};

class SqlError : public std::runtime_error
{
public:
    SqlError(const QString& context, const QString& detail, bool uniqueViolation, bool retryable = false)
        : std::runtime_error((context + QStringLiteral(": ") + detail).toStdString()),
          m_uniqueViolation(uniqueViolation), m_retryable(retryable)
    {
    }
    bool isUniqueViolation() const { return m_uniqueViolation; }
    // PostgreSQL gave up on this statement to break a deadlock or a serialization conflict with
    // another server process; the same request will succeed when sent again.
    bool isRetryable() const { return m_retryable; }

private:
    bool m_uniqueViolation;
    bool m_retryable;
};

using Row = QVariantList;

class SqlConnection;

// Work a write command leaves with its connection for later in the same transaction: writes to coalesce
// with those of the next commands into one statement, and rows it has locked and read. The connection
// flushes its buffers before any other statement runs (so every reader sees the writes) and before
// commit, and resets them when the transaction or a savepoint is rolled back.
class TransactionBuffer
{
public:
    virtual ~TransactionBuffer() = default;
    // Writes what is pending and forgets whatever a statement run by someone else could make stale.
    virtual void flush(SqlConnection& db) = 0;
    // Forgets everything of the current transaction, written or not.
    virtual void reset() = 0;
};

// One database connection, used only by the thread that created it (a Qt SQL rule). Statements are
// prepared once and cached; every statement takes bound parameters; every failure throws SqlError.
// Results are copied out and the statement finished at once, so no read transaction stays open.
class SqlConnection
{
public:
    SqlConnection(const DatabaseUrl& url, const QString& connectionName);
    ~SqlConnection();
    SqlConnection(const SqlConnection&) = delete;
    SqlConnection& operator=(const SqlConnection&) = delete;

    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::Postgres; }

    void execute(const QString& sql, const QVariantList& binds = {});
    // Runs an UPDATE or DELETE and returns how many rows it changed: a conditional update's guard
    // (`... WHERE count < limit`) held exactly when this is not 0.
    qint64 executeCounted(const QString& sql, const QVariantList& binds = {});
    // Runs an INSERT into a table with an "id" key and returns the new id (RETURNING on PostgreSQL,
    // the last row id on SQLite, where RETURNING costs a temporary table per statement).
    qint64 insert(const QString& sql, const QVariantList& binds);
    std::vector<Row> rows(const QString& sql, const QVariantList& binds = {});
    std::optional<Row> row(const QString& sql, const QVariantList& binds = {});
    // How many modifying statements this connection has run: lets the writer tell whether a refused
    // command left anything behind.
    quint64 writeCount() const { return m_writeCount; }
    // True while the writer runs a group on its fast path (Store::runOptimistically): a command may then
    // leave a uniqueness check to the table's own constraint and throw SqlError (isUniqueViolation) when
    // it finds the conflict late, after other writes; the writer rolls the group back and runs it again
    // with this false, command by command. Everyone else (tools, tests, the replay) sees false.
    bool checksDeferred() const { return m_checksDeferred; }
    class DeferredChecks
    {
    public:
        explicit DeferredChecks(SqlConnection& db) : m_db(db) { m_db.m_checksDeferred = true; }
        ~DeferredChecks() { m_db.m_checksDeferred = false; }
        DeferredChecks(const DeferredChecks&) = delete;
        DeferredChecks& operator=(const DeferredChecks&) = delete;

    private:
        SqlConnection& m_db;
    };
    // Runs a statement that is not prepared (DDL, transaction control, PRAGMA).
    void executeDirect(const QString& sql);

    void begin();
    void commit();
    void rollback();
    // Savepoints around each command of a group. SQLite runs them as cached prepared statements;
    // PostgreSQL cannot PREPARE transaction control, so they go through executeDirect there.
    void savepoint();
    void releaseSavepoint();
    void rollbackToSavepoint();

    // The connection's buffer of the given type, created on first use.
    template<typename Buffer> Buffer& buffer()
    {
        for (const auto& existing : m_buffers)
            if (auto* typed = dynamic_cast<Buffer*>(existing.get()))
                return *typed;
        m_buffers.push_back(std::make_unique<Buffer>());
        return static_cast<Buffer&>(*m_buffers.back());
    }
    // A buffer now holds something that the next foreign statement or the commit must flush. A write
    // kept back counts as a write (writeCount()) when it is buffered.
    void markBuffered(bool write);
    void flushBuffers();
    void resetBuffers();
    // Statements run while one of these lives do not flush the buffers: the buffers' own statements.
    class BufferScope
    {
    public:
        explicit BufferScope(SqlConnection& db) : m_db(db), m_outer(db.m_inBuffer) { m_db.m_inBuffer = true; }
        ~BufferScope() { m_db.m_inBuffer = m_outer; }
        BufferScope(const BufferScope&) = delete;
        BufferScope& operator=(const BufferScope&) = delete;

    private:
        SqlConnection& m_db;
        bool m_outer;
    };

    // SQLite: the connection's cached prepared statement for `staticSql`, for bulk paths that bind
    // values through SQLite's own API (server/metering/SqliteStatement.h). The text must live as long as
    // the process (a literal or a static): it is found by its address, without converting and hashing
    // it (multi-row statements run to kilobytes). Counts as a statement of this connection: the
    // buffers are flushed first and a write is counted.
    sqlite3_stmt* sqliteStatement(const char* staticSql);

    // The driver's native connection (a sqlite3* or PGconn* in the QVariant), for bulk paths that Qt SQL
    // cannot run efficiently (server/metering/SqliteStatement.h). Whatever runs on it is part of this
    // connection's current transaction.
    QVariant nativeHandle() const;

    // Dialect seam: the small differences between SQLite and PostgreSQL SQL.
    // The column that names a row within its table (SQLite's rowid, PostgreSQL's ctid), for chunked
    // deletions that pick their rows in a subquery: SELECT <rowIdentity()> FROM ... LIMIT ?
    QString rowIdentity() const { return isPostgres() ? QStringLiteral("ctid") : QStringLiteral("rowid"); }
    // Deletes from `table` the rows `dueRows` (a SELECT of rowIdentity()) picks. PostgreSQL gets
    // "= ANY(ARRAY(...))": for "IN (subquery)" its generic plan of a prepared statement hash-joins the
    // subquery against a scan of the whole table.
    QString deleteRowsSql(const QString& table, const QString& dueRows) const
    {
        return isPostgres() ? QStringLiteral("DELETE FROM %1 WHERE ctid = ANY(ARRAY(%2))").arg(table, dueRows)
                            : QStringLiteral("DELETE FROM %1 WHERE rowid IN (%2)").arg(table, dueRows);
    }
    QString forUpdate() const { return isPostgres() ? QStringLiteral(" FOR UPDATE") : QString(); }
    QString forUpdateOf(const QString& alias) const
    {
        return isPostgres() ? QStringLiteral(" FOR UPDATE OF ") + alias : QString();
    }

private:
    [[noreturn]] void fail(const QString& context, const QSqlError& error) const;

    // SQLite statements run through the sqlite3 handle of Qt's QSQLITE connection: Qt 6.4's bindValue
    // formats a placeholder name per value and copies every row into a QSqlRecord, which cost more than
    // the statements themselves on the ledger's hot path. Same connection, same transaction.
    sqlite3_stmt* nativeStatement(const QString& sql);
    void runNative(const QString& sql, const QVariantList& binds, std::vector<Row>* rows, bool firstOnly);
    // Runs a statement on whichever engine this is (rows: where result rows go, or nullptr).
    void run(const QString& sql, const QVariantList& binds, std::vector<Row>* rows, bool firstOnly);
    [[noreturn]] void failNative(const QString& context) const;
    // PostgreSQL statements run through libpq on the PGconn of Qt's QPSQL connection: QPSQL sends
    // each execution as an EXECUTE text built value by value with escaping, which cost more client
    // CPU than the database spent on the ledger's hot path. Same connection, same transaction.
    const QByteArray& pgStatement(const QString& sql);
    void runPg(const QString& sql, const QVariantList& binds, std::vector<Row>* rows, bool firstOnly,
               qint64* changed = nullptr);
    void executePgDirect(const QString& sql);
    pg_conn* m_pg = nullptr;
    QHash<QString, QByteArray> m_pgStatements; // SQL text -> name of the server-side prepared statement

    void beforeStatement(const QString& sql); // flushes the buffers and counts writes
    void beforeStatement(bool readOnly);
    quint64 m_writeCount = 0;
    bool m_checksDeferred = false;
    std::vector<std::unique_ptr<TransactionBuffer>> m_buffers;
    bool m_buffered = false;
    bool m_inBuffer = false;
    sqlite3* m_sqlite = nullptr;
    QHash<QString, sqlite3_stmt*> m_nativeStatements;
    QHash<const char*, sqlite3_stmt*> m_staticStatements; // by address; the statements are the ones above

    QString m_name;
    Dialect m_dialect;
    QSqlDatabase m_db;
};

// A parameter sent to PostgreSQL in its binary form (the bytes of the type's receive function) rather
// than as text; the statement must give the parameter that type, e.g. with a cast (`?::bigint[]`).
struct PgBinaryValue
{
    QByteArray bytes;
};

// PostgreSQL arrays for bulk statements (`unnest(?::bigint[], ...)`, `= ANY(?::bigint[])`): one round
// trip for many rows instead of one per row. Sent in binary: parsing the text form of the 32 arrays of a
// thousand-event batch cost PostgreSQL about 5 µs per event, a third of what it spent on the event.
QVariant pgBigintArray(const std::vector<std::optional<qint64>>& values);
QVariant pgTextArray(const std::vector<std::optional<QString>>& values);
QVariant pgTextArray(const std::vector<std::optional<QByteArray>>& utf8Values); // texts already in UTF-8
// The select list that turns such arrays into rows: "unnest(?::bigint[]), unnest(?::text[]), ..." for
// the given element types. Each array unnested in the select list is streamed; a multi-array unnest() in
// FROM is copied into a tuplestore first (about 2.6 µs per event for a batch's 32 columns).
QString pgUnnestList(const std::vector<const char*>& elementTypes);

} // namespace creditdesk::server

Q_DECLARE_METATYPE(creditdesk::server::PgBinaryValue)

namespace creditdesk::server {

inline qint64 asInt(const QVariant& value)
{
    return value.toLongLong();
}
inline QVariant nullableInt(const std::optional<qint64>& value)
{
    return value ? QVariant(static_cast<qlonglong>(*value)) : QVariant(QMetaType::fromType<qlonglong>());
}
inline QVariant nullableText(const std::optional<QString>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<QString>());
}
inline std::optional<qint64> optionalInt(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

} // namespace creditdesk::server
