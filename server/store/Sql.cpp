#include "store/Sql.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>

#include <sqlite3.h>

#include <memory>

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
        const QVariant handle = m_db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_sqlite = *static_cast<sqlite3* const*>(handle.data());
        if (!m_sqlite)
            throw SqlError(QStringLiteral("open"), QStringLiteral("QSQLITE gave no sqlite3 handle"), false);
    } else {
        executeDirect(QStringLiteral("SET client_min_messages TO warning"));
    }
}

SqlConnection::~SqlConnection()
{
    for (sqlite3_stmt* statement : std::as_const(m_nativeStatements))
        sqlite3_finalize(statement);
    m_nativeStatements.clear();
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

SqlConnection::Statement& SqlConnection::prepared(const QString& sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return **it;
    auto statement = std::make_unique<Statement>(m_db);
    statement->query.setForwardOnly(true);
    if (!statement->query.prepare(sql))
        fail(QStringLiteral("prepare ") + sql.left(120), statement->query.lastError());
    return **m_statements.insert(sql, statement.release());
}

SqlConnection::Statement& SqlConnection::run(const QString& sql, const QVariantList& binds)
{
    Statement& statement = prepared(sql);
    QSqlQuery& query = statement.query;
    for (qsizetype i = 0; i < binds.size(); ++i)
        query.bindValue(static_cast<int>(i), binds[i]);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        query.finish();
        fail(QStringLiteral("exec ") + sql.left(120), error);
    }
    return statement;
}

Row SqlConnection::currentRow(Statement& statement)
{
    // QSqlQuery::record() builds a field list with type information on every call; the column count
    // of a prepared statement never changes, so ask once.
    if (statement.columns < 0)
        statement.columns = statement.query.record().count();
    Row row;
    row.reserve(statement.columns);
    for (int i = 0; i < statement.columns; ++i)
        row.append(statement.query.value(i));
    return row;
}

void SqlConnection::countWrite(const QString& sql)
{
    if (!sql.startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive))
        ++m_writeCount;
}

void SqlConnection::execute(const QString& sql, const QVariantList& binds)
{
    countWrite(sql);
    if (m_sqlite)
        return runNative(sql, binds, nullptr, false);
    run(sql, binds).query.finish();
}

qint64 SqlConnection::insert(const QString& sql, const QVariantList& binds)
{
    countWrite(sql);
    if (m_sqlite) {
        runNative(sql, binds, nullptr, false);
        return sqlite3_last_insert_rowid(m_sqlite);
    }
    const auto inserted = row(sql + QStringLiteral(" RETURNING id"), binds);
    if (!inserted)
        throw SqlError(QStringLiteral("insert ") + sql.left(120), QStringLiteral("no id returned"), false);
    return inserted->at(0).toLongLong();
}

std::vector<Row> SqlConnection::rows(const QString& sql, const QVariantList& binds)
{
    countWrite(sql);
    std::vector<Row> result;
    if (m_sqlite) {
        runNative(sql, binds, &result, false);
        return result;
    }
    Statement& statement = run(sql, binds);
    while (statement.query.next())
        result.push_back(currentRow(statement));
    statement.query.finish();
    return result;
}

std::optional<Row> SqlConnection::row(const QString& sql, const QVariantList& binds)
{
    countWrite(sql);
    if (m_sqlite) {
        std::vector<Row> result;
        runNative(sql, binds, &result, true);
        return result.empty() ? std::nullopt : std::optional<Row>(std::move(result.front()));
    }
    Statement& statement = run(sql, binds);
    std::optional<Row> result;
    if (statement.query.next())
        result = currentRow(statement);
    statement.query.finish();
    return result;
}

void SqlConnection::failNative(const QString& context) const
{
    const int code = sqlite3_extended_errcode(m_sqlite);
    const bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
    throw SqlError(context, QString::fromUtf8(sqlite3_errmsg(m_sqlite)) + QStringLiteral(" [%1]").arg(code), unique);
}

sqlite3_stmt* SqlConnection::nativeStatement(const QString& sql)
{
    if (sqlite3_stmt* cached = m_nativeStatements.value(sql))
        return cached;
    sqlite3_stmt* statement = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v3(m_sqlite, text.constData(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT,
                           &statement, nullptr) != SQLITE_OK)
        failNative(QStringLiteral("prepare ") + sql.left(120));
    m_nativeStatements.insert(sql, statement);
    return statement;
}

namespace {

void bindNative(sqlite3_stmt* statement, int index, const QVariant& value)
{
    if (value.isNull()) {
        sqlite3_bind_null(statement, index);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::Bool:
        sqlite3_bind_int64(statement, index, value.toLongLong());
        return;
    case QMetaType::ULongLong:
    case QMetaType::ULong:
        sqlite3_bind_int64(statement, index, static_cast<sqlite3_int64>(value.toULongLong()));
        return;
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        sqlite3_bind_blob64(statement, index, bytes.constData(), static_cast<sqlite3_uint64>(bytes.size()),
                            SQLITE_TRANSIENT);
        return;
    }
    default: {
        const QString text = value.toString();
        sqlite3_bind_text16(statement, index, text.utf16(), static_cast<int>(text.size() * 2), SQLITE_TRANSIENT);
        return;
    }
    }
}

QVariant columnNative(sqlite3_stmt* statement, int column)
{
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(static_cast<qlonglong>(sqlite3_column_int64(statement, column)));
    case SQLITE_TEXT:
        return QString(reinterpret_cast<const QChar*>(sqlite3_column_text16(statement, column)),
                       sqlite3_column_bytes16(statement, column) / 2);
    case SQLITE_FLOAT: // never an amount (those are integers); schema-free values such as PRAGMA answers
        return QVariant(sqlite3_column_double(statement, column));
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char*>(sqlite3_column_blob(statement, column)),
                          sqlite3_column_bytes(statement, column));
    default:
        return QVariant();
    }
}

} // namespace

void SqlConnection::runNative(const QString& sql, const QVariantList& binds, std::vector<Row>* rows, bool firstOnly)
{
    sqlite3_stmt* statement = nativeStatement(sql);
    // Reset on every exit so no statement keeps a read transaction open (stale snapshots, WAL growth).
    struct Reset
    {
        sqlite3_stmt* statement;
        ~Reset()
        {
            sqlite3_reset(statement);
            sqlite3_clear_bindings(statement);
        }
    } reset{statement};
    for (qsizetype i = 0; i < binds.size(); ++i)
        bindNative(statement, static_cast<int>(i + 1), binds[i]);
    while (true) {
        const int status = sqlite3_step(statement);
        if (status == SQLITE_DONE)
            return;
        if (status != SQLITE_ROW)
            failNative(QStringLiteral("exec ") + sql.left(120));
        if (!rows)
            continue;
        const int columns = sqlite3_column_count(statement);
        Row row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row.append(columnNative(statement, i));
        rows->push_back(std::move(row));
        if (firstOnly)
            return;
    }
}

void SqlConnection::executeDirect(const QString& sql)
{
    countWrite(sql);
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

QVariant SqlConnection::nativeHandle() const
{
    return m_db.driver()->handle();
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
