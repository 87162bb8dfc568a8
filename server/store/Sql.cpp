#include "store/Sql.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>

namespace creditdesk {

DatabaseUrl DatabaseUrl::parse(const QString& text)
{
    DatabaseUrl url;
    if (text.startsWith(QLatin1String("sqlite:"))) {
        url.dialect = Dialect::Sqlite;
        url.path = text.mid(7);
        if (url.path.startsWith(QLatin1String("//")))
            url.path = url.path.mid(2);
        if (url.path.isEmpty())
            throw std::invalid_argument("sqlite: URL needs a file path, e.g. sqlite:creditdesk.db");
        return url;
    }
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl parsed(text, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty() || parsed.path().size() < 2)
            throw std::invalid_argument("PostgreSQL URL must look like postgresql://user@host:port/database");
        url.dialect = Dialect::Postgres;
        url.host = parsed.host();
        url.port = parsed.port(5432);
        url.user = parsed.userName();
        url.password = parsed.password();
        url.database = parsed.path().mid(1);
        return url;
    }
    throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

QString DatabaseUrl::redacted() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("sqlite:") + path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

SqlConnection::SqlConnection(const DatabaseUrl& url, const QString& connectionName)
    : m_name(connectionName), m_dialect(url.dialect)
{
    if (url.dialect == Dialect::Sqlite) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(url.path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    } else {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        m_db.setHostName(url.host);
        m_db.setPort(url.port);
        m_db.setUserName(url.user);
        m_db.setPassword(url.password);
        m_db.setDatabaseName(url.database);
    }
    if (!m_db.open())
        fail(QStringLiteral("open %1").arg(url.redacted()), m_db.lastError());
    if (url.dialect == Dialect::Sqlite) {
        // WAL lets readers run beside the single writer; FULL makes every commit durable (DESIGN.md §5).
        executeDirect(QStringLiteral("PRAGMA journal_mode=WAL"));
        executeDirect(QStringLiteral("PRAGMA synchronous=FULL"));
        executeDirect(QStringLiteral("PRAGMA foreign_keys=ON"));
    } else {
        executeDirect(QStringLiteral("SET client_min_messages TO warning"));
    }
}

SqlConnection::~SqlConnection()
{
    qDeleteAll(m_statements);
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

void SqlConnection::fail(const QString& context, const QSqlError& error) const
{
    const QString native = error.nativeErrorCode();
    const bool unique = native == QLatin1String("23505") || native == QLatin1String("2067") ||
                        native == QLatin1String("1555") ||
                        error.databaseText().contains(QLatin1String("UNIQUE constraint failed"));
    const bool retryable = native == QLatin1String("40P01") || native == QLatin1String("40001");
    throw SqlError(context, error.text() + QStringLiteral(" [") + native + QLatin1Char(']'), unique, retryable);
}

QSqlQuery& SqlConnection::prepared(const QString& sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return **it;
    auto* query = new QSqlQuery(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        const QSqlError error = query->lastError();
        delete query;
        fail(QStringLiteral("prepare ") + sql.left(120), error);
    }
    m_statements.insert(sql, query);
    return *query;
}

QSqlQuery& SqlConnection::run(const QString& sql, const QVariantList& binds)
{
    QSqlQuery& query = prepared(sql);
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(static_cast<int>(i), binds[i]);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        query.finish();
        fail(QStringLiteral("exec ") + sql.left(120), error);
    }
    return query;
}

void SqlConnection::execute(const QString& sql, const QVariantList& binds)
{
    run(sql, binds).finish();
}

std::vector<Row> SqlConnection::rows(const QString& sql, const QVariantList& binds)
{
    QSqlQuery& query = run(sql, binds);
    std::vector<Row> result;
    const int columns = query.record().count();
    while (query.next()) {
        Row row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row.append(query.value(i));
        result.push_back(std::move(row));
    }
    query.finish();
    return result;
}

std::optional<Row> SqlConnection::row(const QString& sql, const QVariantList& binds)
{
    QSqlQuery& query = run(sql, binds);
    std::optional<Row> result;
    if (query.next()) {
        const int columns = query.record().count();
        Row row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row.append(query.value(i));
        result = std::move(row);
    }
    query.finish();
    return result;
}

void SqlConnection::executeDirect(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        fail(QStringLiteral("exec ") + sql.left(120), query.lastError());
    query.finish();
}

void SqlConnection::begin()
{
    // SQLite: take the write lock up front so a group never fails half-way on SQLITE_BUSY.
    executeDirect(isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
}

void SqlConnection::savepoint()
{
    isPostgres() ? executeDirect(QStringLiteral("SAVEPOINT command")) : execute(QStringLiteral("SAVEPOINT command"));
}

void SqlConnection::releaseSavepoint()
{
    isPostgres() ? executeDirect(QStringLiteral("RELEASE SAVEPOINT command"))
                 : execute(QStringLiteral("RELEASE SAVEPOINT command"));
}

void SqlConnection::rollbackToSavepoint()
{
    isPostgres() ? executeDirect(QStringLiteral("ROLLBACK TO SAVEPOINT command"))
                 : execute(QStringLiteral("ROLLBACK TO SAVEPOINT command"));
}

void SqlConnection::commit()
{
    executeDirect(QStringLiteral("COMMIT"));
}

void SqlConnection::rollback()
{
    executeDirect(QStringLiteral("ROLLBACK"));
}

} // namespace creditdesk
