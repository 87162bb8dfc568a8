#include "store/Sql.h"

#include "store/WalWriteBuffer.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>
#include <QVarLengthArray>

#include <algorithm>
#include <fcntl.h>
#include <libpq-fe.h>
#include <memory>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace creditdesk::server {

namespace {

// The database holds password hashes, session hashes and every customer's ledger: a new file is
// created readable by its owner only (0600), whatever the umask. SQLite gives its -wal and -shm files
// the permissions of the database file, so they are private too.
void createPrivateSqliteFile(const QString& path)
{
    if (path == QLatin1String(":memory:") || path.startsWith(QLatin1String("file:")))
        return;
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return; // it exists already (kept as the operator set it), or SQLite's open reports the problem
    ::fchmod(fd, S_IRUSR | S_IWUSR);
    ::close(fd);
}

} // namespace

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
        installWalWriteBuffer(); // before the process's first SQLite connection (store/WalWriteBuffer.h)
        createPrivateSqliteFile(url.path);
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
        // WAL lets readers run beside the single writer; FULL makes every commit durable (docs/design.md §5).
        // New databases get 2,048-byte pages (SQLite's default is 4,096): a usage event or a ledger
        // movement dirties index leaves at random places (event ids, rollups), and every page a commit
        // dirtied is written whole to the log and checksummed. Half-size pages cut the writer's CPU
        // per single metering event by about 14% for about 4% more per event in large batches. Only
        // takes effect on a new, empty file (before WAL is on); existing databases keep their size.
        executeDirect(QStringLiteral("PRAGMA page_size=2048"));
        executeDirect(QStringLiteral("PRAGMA journal_mode=WAL"));
        executeDirect(QStringLiteral("PRAGMA synchronous=FULL"));
        executeDirect(QStringLiteral("PRAGMA foreign_keys=ON"));
        // The commit that grows the log past this many pages copies them into the database file (the
        // store's writer hands this to a thread of its own: store/WalCheckpointer.h). 10,000 pages instead
        // of SQLite's 1,000: pages written again and again (index leaves, rollups, the hot account) are
        // copied once per checkpoint (single metering events: about 7% more per second). The log file is
        // cut back to 64 MB after a checkpoint if a burst grew it further.
        executeDirect(QStringLiteral("PRAGMA wal_autocheckpoint=10000"));
        executeDirect(QStringLiteral("PRAGMA journal_size_limit=67108864"));
        const QVariant handle = m_db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_sqlite = *static_cast<sqlite3* const*>(handle.data());
        if (!m_sqlite)
            throw SqlError(QStringLiteral("open"), QStringLiteral("QSQLITE gave no sqlite3 handle"), false);
    } else {
        const QVariant handle = m_db.driver()->handle();
        if (handle.isValid() &&
            (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0))
            m_pg = *static_cast<PGconn* const*>(handle.data());
        if (!m_pg)
            throw SqlError(QStringLiteral("open"), QStringLiteral("QPSQL gave no PGconn handle"), false);
        executeDirect(QStringLiteral("SET client_min_messages TO warning"));
    }
}

SqlConnection::~SqlConnection()
{
    for (sqlite3_stmt* statement : std::as_const(m_nativeStatements))
        sqlite3_finalize(statement);
    m_nativeStatements.clear();
    m_staticStatements.clear();
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
    // Deadlock, serialization failure, lock timeout (store/Store.cpp runChunksBeside): nothing was applied.
    const bool retryable = native == QLatin1String("40P01") || native == QLatin1String("40001") ||
                           native == QLatin1String("55P03");
    throw SqlError(context, error.text() + QStringLiteral(" [") + native + QLatin1Char(']'), unique,
                   retryable);
}

void SqlConnection::beforeStatement(const QString& sql)
{
    beforeStatement(sql.startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive));
}

void SqlConnection::beforeStatement(bool readOnly)
{
    if (m_buffered && !m_inBuffer)
        flushBuffers();
    if (!readOnly)
        ++m_writeCount;
}

void SqlConnection::markBuffered(bool write)
{
    m_buffered = true;
    if (write)
        ++m_writeCount;
}

void SqlConnection::flushBuffers()
{
    if (!m_buffered)
        return;
    const BufferScope scope(*this);
    for (const auto& buffer : m_buffers)
        buffer->flush(*this);
    m_buffered = false;
}

void SqlConnection::resetBuffers()
{
    for (const auto& buffer : m_buffers)
        buffer->reset();
    m_buffered = false;
}

void SqlConnection::run(const QString& sql, const QVariantList& binds, std::vector<Row>* rows, bool firstOnly)
{
    if (m_sqlite)
        runNative(sql, binds, rows, firstOnly);
    else
        runPg(sql, binds, rows, firstOnly);
}

void SqlConnection::execute(const QString& sql, const QVariantList& binds)
{
    beforeStatement(sql);
    run(sql, binds, nullptr, false);
}

qint64 SqlConnection::executeCounted(const QString& sql, const QVariantList& binds)
{
    beforeStatement(sql);
    if (m_sqlite) {
        runNative(sql, binds, nullptr, false);
        return sqlite3_changes64(m_sqlite);
    }
    qint64 changed = 0;
    runPg(sql, binds, nullptr, false, &changed);
    return changed;
}

qint64 SqlConnection::insert(const QString& sql, const QVariantList& binds)
{
    beforeStatement(sql);
    if (m_sqlite) {
        runNative(sql, binds, nullptr, false);
        return sqlite3_last_insert_rowid(m_sqlite);
    }
    std::vector<Row> result;
    runPg(sql + QStringLiteral(" RETURNING id"), binds, &result, true);
    if (result.empty())
        throw SqlError(QStringLiteral("insert ") + sql.left(120), QStringLiteral("no id returned"), false);
    return result.front().at(0).toLongLong();
}

std::vector<Row> SqlConnection::rows(const QString& sql, const QVariantList& binds)
{
    beforeStatement(sql);
    std::vector<Row> result;
    run(sql, binds, &result, false);
    return result;
}

std::optional<Row> SqlConnection::row(const QString& sql, const QVariantList& binds)
{
    beforeStatement(sql);
    std::vector<Row> result;
    run(sql, binds, &result, true);
    return result.empty() ? std::nullopt : std::optional<Row>(std::move(result.front()));
}

sqlite3_stmt* SqlConnection::sqliteStatement(const char* staticSql)
{
    if (!m_sqlite)
        throw SqlError(QStringLiteral("sqlite statement"), QStringLiteral("not a SQLite connection"), false);
    beforeStatement(qstrnicmp(staticSql, "SELECT", 6) == 0);
    sqlite3_stmt*& cached = m_staticStatements[staticSql];
    if (!cached)
        cached = nativeStatement(QString::fromUtf8(staticSql));
    return cached;
}

void SqlConnection::failNative(const QString& context) const
{
    const int code = sqlite3_extended_errcode(m_sqlite);
    const bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
    throw SqlError(context, QString::fromUtf8(sqlite3_errmsg(m_sqlite)) + QStringLiteral(" [%1]").arg(code),
                   unique);
}

sqlite3_stmt* SqlConnection::nativeStatement(const QString& sql)
{
    if (sqlite3_stmt* cached = m_nativeStatements.value(sql))
        return cached;
    sqlite3_stmt* statement = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v3(m_sqlite, text.constData(), static_cast<int>(text.size()),
                           SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
        failNative(QStringLiteral("prepare ") + sql.left(120));
    m_nativeStatements.insert(sql, statement);
    return statement;
}

namespace {

// Text is bound as UTF-8 (the database's encoding) from `texts`, which must outlive the statement's
// execution: binding UTF-16 made SQLite copy it and convert it again on every step.
void bindNative(sqlite3_stmt* statement, int index, const QVariant& value,
                QVarLengthArray<QByteArray, 16>& texts)
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
        texts.append(value.toString().toUtf8());
        const QByteArray& utf8 = texts.last();
        sqlite3_bind_text(statement, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_STATIC);
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

void SqlConnection::runNative(const QString& sql, const QVariantList& binds, std::vector<Row>* rows,
                              bool firstOnly)
{
    sqlite3_stmt* statement = nativeStatement(sql);
    QVarLengthArray<QByteArray, 16> texts; // bound text; destroyed after the reset below clears the bindings
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
        bindNative(statement, static_cast<int>(i + 1), binds[i], texts);
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
    beforeStatement(sql);
    if (m_pg)
        return executePgDirect(sql);
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        fail(QStringLiteral("exec ") + sql.left(120), query.lastError());
    query.finish();
}

void SqlConnection::begin()
{
    resetBuffers();
    // SQLite: take the write lock up front so a group never fails half-way on SQLITE_BUSY.
    executeDirect(isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
}

void SqlConnection::savepoint()
{
    isPostgres() ? executeDirect(QStringLiteral("SAVEPOINT command"))
                 : execute(QStringLiteral("SAVEPOINT command"));
}

void SqlConnection::releaseSavepoint()
{
    isPostgres() ? executeDirect(QStringLiteral("RELEASE SAVEPOINT command"))
                 : execute(QStringLiteral("RELEASE SAVEPOINT command"));
}

void SqlConnection::rollbackToSavepoint()
{
    resetBuffers(); // what they hold was buffered after the savepoint: a savepoint flushes them
    isPostgres() ? executeDirect(QStringLiteral("ROLLBACK TO SAVEPOINT command"))
                 : execute(QStringLiteral("ROLLBACK TO SAVEPOINT command"));
}

// ---- PostgreSQL through libpq -----------------------------------------------------------------------

namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// Qt SQL's '?' placeholders become PostgreSQL's $1, $2, ... (quotes and identifiers left alone).
QByteArray numberedPlaceholders(const QString& sql)
{
    const QByteArray text = sql.toUtf8();
    QByteArray out;
    out.reserve(text.size() + 16);
    int next = 1;
    char quote = 0;
    for (const char c : text) {
        if (quote) {
            if (c == quote)
                quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$' + QByteArray::number(next++);
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray pgText(const QVariant& value)
{
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::Short:
        return QByteArray::number(value.toLongLong());
    case QMetaType::ULongLong:
    case QMetaType::ULong:
        return QByteArray::number(value.toULongLong());
    case QMetaType::Bool: // '1'/'0' read as boolean and as integer
        return value.toBool() ? QByteArrayLiteral("1") : QByteArrayLiteral("0");
    case QMetaType::Double:
    case QMetaType::Float:
        return QByteArray::number(value.toDouble(), 'g', 17);
    case QMetaType::QByteArray:
        return value.toByteArray();
    default:
        return value.toString().toUtf8();
    }
}

QVariant pgValue(const PGresult* result, int row, int column)
{
    if (PQgetisnull(result, row, column))
        return QVariant();
    const char* text = PQgetvalue(result, row, column);
    const int length = PQgetlength(result, row, column);
    switch (PQftype(result, column)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid:
        return QVariant(static_cast<qlonglong>(std::strtoll(text, nullptr, 10)));
    case kBoolOid:
        return QVariant(text[0] == 't');
    case kFloat4Oid:
    case kFloat8Oid:
        return QVariant(std::strtod(text, nullptr));
    case kNumericOid: { // SUM() over bigint: whole numbers stay integers
        const QByteArray number(text, length);
        bool whole = false;
        const qlonglong integer = number.toLongLong(&whole);
        return whole ? QVariant(integer) : QVariant(number.toDouble());
    }
    default:
        return QString::fromUtf8(text, length);
    }
}

struct PgResultDeleter
{
    void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

[[noreturn]] void failPg(const QString& context, PGconn* connection, const PGresult* result)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const QByteArray sqlState = state ? QByteArray(state) : QByteArray();
    const QString message =
        QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(connection)).trimmed();
    throw SqlError(context, message + QStringLiteral(" [") + QString::fromLatin1(sqlState) + QLatin1Char(']'),
                   sqlState == "23505", sqlState == "40P01" || sqlState == "40001" || sqlState == "55P03");
}

void checkPg(const QString& context, PGconn* connection, const PGresult* result)
{
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        failPg(context, connection, result);
}

} // namespace

const QByteArray& SqlConnection::pgStatement(const QString& sql)
{
    auto it = m_pgStatements.constFind(sql);
    if (it != m_pgStatements.constEnd())
        return *it;
    const QByteArray name = "cd" + QByteArray::number(m_pgStatements.size() + 1);
    const PgResult prepared(
        PQprepare(m_pg, name.constData(), numberedPlaceholders(sql).constData(), 0, nullptr));
    checkPg(QStringLiteral("prepare ") + sql.left(120), m_pg, prepared.get());
    return *m_pgStatements.insert(sql, name);
}

void SqlConnection::runPg(const QString& sql, const QVariantList& binds, std::vector<Row>* rows,
                          bool firstOnly, qint64* changed)
{
    std::vector<QByteArray> texts;
    std::vector<const char*> values;
    std::vector<int> lengths, formats; // formats: 0 text, 1 binary (lengths matter for binary only)
    texts.reserve(static_cast<std::size_t>(binds.size()));
    values.reserve(static_cast<std::size_t>(binds.size()));
    for (const QVariant& bind : binds) {
        if (bind.isNull()) {
            values.push_back(nullptr);
            lengths.push_back(0);
            formats.push_back(0);
            continue;
        }
        const bool binary = bind.metaType() == QMetaType::fromType<PgBinaryValue>();
        texts.push_back(binary ? static_cast<const PgBinaryValue*>(bind.constData())->bytes : pgText(bind));
        values.push_back(texts.back().constData());
        lengths.push_back(static_cast<int>(texts.back().size()));
        formats.push_back(binary ? 1 : 0);
    }
    const PgResult result(PQexecPrepared(m_pg, pgStatement(sql).constData(), static_cast<int>(values.size()),
                                         values.data(), lengths.data(), formats.data(), 0));
    checkPg(QStringLiteral("exec ") + sql.left(120), m_pg, result.get());
    if (changed)
        *changed = QByteArray(PQcmdTuples(result.get())).toLongLong();
    if (!rows)
        return;
    const int rowCount = firstOnly ? std::min(1, PQntuples(result.get())) : PQntuples(result.get());
    const int columns = PQnfields(result.get());
    rows->reserve(rows->size() + static_cast<std::size_t>(rowCount));
    for (int r = 0; r < rowCount; ++r) {
        Row row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(pgValue(result.get(), r, c));
        rows->push_back(std::move(row));
    }
}

void SqlConnection::executePgDirect(const QString& sql)
{
    const PgResult result(PQexec(m_pg, sql.toUtf8().constData()));
    checkPg(QStringLiteral("exec ") + sql.left(120), m_pg, result.get());
}

QVariant SqlConnection::nativeHandle() const
{
    return m_db.driver()->handle();
}

void SqlConnection::commit()
{
    flushBuffers();
    executeDirect(QStringLiteral("COMMIT"));
    resetBuffers();
}

void SqlConnection::rollback()
{
    resetBuffers();
    executeDirect(QStringLiteral("ROLLBACK"));
}

namespace {

void appendInt32(QByteArray& out, qint32 value)
{
    const auto bits = static_cast<quint32>(value);
    const char bytes[4] = {static_cast<char>(bits >> 24), static_cast<char>(bits >> 16),
                           static_cast<char>(bits >> 8), static_cast<char>(bits)};
    out.append(bytes, 4);
}

// A one-dimensional PostgreSQL array in the binary form array_recv reads: dimensions, whether any
// element is NULL, the element type, then each element as its length (-1: NULL) and its bytes, all
// integers in network byte order. appendValue writes one present element's length and bytes.
template<typename T, typename AppendValue>
QVariant pgArray(const std::vector<std::optional<T>>& values, Oid elementType, qsizetype bytesPerValue,
                 AppendValue appendValue)
{
    const bool hasNulls = std::any_of(values.begin(), values.end(), [](const auto& value) { return !value; });
    PgBinaryValue array;
    QByteArray& out = array.bytes;
    out.reserve(20 + static_cast<qsizetype>(values.size()) * (4 + bytesPerValue));
    appendInt32(out, values.empty() ? 0 : 1);
    appendInt32(out, hasNulls ? 1 : 0);
    appendInt32(out, static_cast<qint32>(elementType));
    if (!values.empty()) {
        appendInt32(out, static_cast<qint32>(values.size()));
        appendInt32(out, 1); // lower bound
    }
    for (const auto& value : values) {
        if (value)
            appendValue(out, *value);
        else
            appendInt32(out, -1);
    }
    return QVariant::fromValue(array);
}

constexpr Oid kTextOid = 25;

} // namespace

QVariant pgBigintArray(const std::vector<std::optional<qint64>>& values)
{
    return pgArray(values, kInt8Oid, 8, [](QByteArray& out, qint64 value) {
        appendInt32(out, 8);
        const auto bits = static_cast<quint64>(value);
        appendInt32(out, static_cast<qint32>(bits >> 32));
        appendInt32(out, static_cast<qint32>(bits & 0xffffffffu));
    });
}

QVariant pgTextArray(const std::vector<std::optional<QString>>& values)
{
    return pgArray(values, kTextOid, 16, [](QByteArray& out, const QString& value) {
        const QByteArray utf8 = value.toUtf8();
        appendInt32(out, static_cast<qint32>(utf8.size()));
        out += utf8;
    });
}

QVariant pgTextArray(const std::vector<std::optional<QByteArray>>& utf8Values)
{
    return pgArray(utf8Values, kTextOid, 16, [](QByteArray& out, const QByteArray& utf8) {
        appendInt32(out, static_cast<qint32>(utf8.size()));
        out += utf8;
    });
}

QString pgUnnestList(const std::vector<const char*>& elementTypes)
{
    QString list;
    for (const char* type : elementTypes)
        list += (list.isEmpty() ? QString() : QStringLiteral(", ")) +
                QStringLiteral("unnest(?::%1[])").arg(QLatin1String(type));
    return list;
}

} // namespace creditdesk::server
