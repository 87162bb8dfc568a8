#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>
#include <stdexcept>
#include <vector>

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
    std::vector<Row> rows(const QString& sql, const QVariantList& binds = {});
    std::optional<Row> row(const QString& sql, const QVariantList& binds = {});
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

    // Dialect seam: the small differences between SQLite and PostgreSQL SQL.
    QString forUpdate() const { return isPostgres() ? QStringLiteral(" FOR UPDATE") : QString(); }

private:
    QSqlQuery& prepared(const QString& sql);
    [[noreturn]] void fail(const QString& context, const QSqlError& error) const;
    QSqlQuery& run(const QString& sql, const QVariantList& binds);

    QString m_name;
    Dialect m_dialect;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery*> m_statements;
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
