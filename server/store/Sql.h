#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>
#include <stdexcept>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;

namespace creditdesk {

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
    // Runs an INSERT into a table with an "id" key and returns the new id (RETURNING on PostgreSQL,
    // the last row id on SQLite, where RETURNING costs a temporary table per statement).
    qint64 insert(const QString& sql, const QVariantList& binds);
    std::vector<Row> rows(const QString& sql, const QVariantList& binds = {});
    std::optional<Row> row(const QString& sql, const QVariantList& binds = {});
    // How many modifying statements this connection has run: lets the writer tell whether a refused
    // command left anything behind.
    quint64 writeCount() const { return m_writeCount; }
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

    // The driver's native connection (a sqlite3* or PGconn* in the QVariant), for bulk paths that Qt SQL
    // cannot run efficiently (server/metering/SqliteStatement.h). Whatever runs on it is part of this
    // connection's current transaction.
    QVariant nativeHandle() const;

    // Dialect seam: the small differences between SQLite and PostgreSQL SQL.
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
    [[noreturn]] void failNative(const QString& context) const;
    // PostgreSQL statements run through libpq on the PGconn of Qt's QPSQL connection: QPSQL sends
    // each execution as an EXECUTE text built value by value with escaping, which cost more client
    // CPU than the database spent on the ledger's hot path. Same connection, same transaction.
    const QByteArray& pgStatement(const QString& sql);
    void runPg(const QString& sql, const QVariantList& binds, std::vector<Row>* rows, bool firstOnly);
    void executePgDirect(const QString& sql);
    pg_conn* m_pg = nullptr;
    QHash<QString, QByteArray> m_pgStatements; // SQL text -> name of the server-side prepared statement

    void countWrite(const QString& sql);
    quint64 m_writeCount = 0;
    sqlite3* m_sqlite = nullptr;
    QHash<QString, sqlite3_stmt*> m_nativeStatements;

    QString m_name;
    Dialect m_dialect;
    QSqlDatabase m_db;
};

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

} // namespace creditdesk
