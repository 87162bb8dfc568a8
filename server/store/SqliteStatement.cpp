#include "store/SqliteStatement.h"

#include <sqlite3.h>

namespace creditdesk::server {

SqliteStatement::SqliteStatement(SqlConnection& connection, const char* sql)
    : m_statement(connection.sqliteStatement(sql))
{
    m_db = sqlite3_db_handle(m_statement);
    m_texts.reserve(256);
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement); // before the texts they point to go
}

void SqliteStatement::fail(const char* what) const
{
    const int code = sqlite3_extended_errcode(m_db);
    const bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
    throw SqlError(QStringLiteral("sqlite %1").arg(QLatin1String(what)),
                   QString::fromUtf8(sqlite3_errmsg(m_db)) + QStringLiteral(" [%1]").arg(code), unique);
}

void SqliteStatement::bind(int index, qint64 value)
{
    if (sqlite3_bind_int64(m_statement, index, value) != SQLITE_OK)
        fail("bind");
}

void SqliteStatement::bind(int index, const std::optional<qint64>& value)
{
    if ((value ? sqlite3_bind_int64(m_statement, index, *value) : sqlite3_bind_null(m_statement, index)) !=
        SQLITE_OK)
        fail("bind");
}

void SqliteStatement::bind(int index, const QString& text)
{
    bindOptionalText(index, text.toUtf8());
}

void SqliteStatement::bindOptionalText(int index, const QByteArray& utf8)
{
    if (utf8.isEmpty()) {
        if (sqlite3_bind_null(m_statement, index) != SQLITE_OK)
            fail("bind");
        return;
    }
    bindText(index, utf8);
}

void SqliteStatement::bindText(int index, const QByteArray& utf8)
{
    const QByteArray& kept = m_texts.emplace_back(utf8); // shares the bytes; SQLite uses them without a copy
    if (sqlite3_bind_text(m_statement, index, kept.constData(), static_cast<int>(kept.size()),
                          SQLITE_STATIC) != SQLITE_OK)
        fail("bind");
}

void SqliteStatement::bindBorrowedText(int index, const char* utf8, qsizetype size, bool emptyIsNull)
{
    const int result = size == 0 && emptyIsNull ? sqlite3_bind_null(m_statement, index)
                                                : sqlite3_bind_text(m_statement, index, size == 0 ? "" : utf8,
                                                                    static_cast<int>(size), SQLITE_STATIC);
    if (result != SQLITE_OK)
        fail("bind");
}

void SqliteStatement::bindBorrowedBlob(int index, const char* data, qsizetype size)
{
    const int result =
        size == 0 ? sqlite3_bind_null(m_statement, index)
                  : sqlite3_bind_blob(m_statement, index, data, static_cast<int>(size), SQLITE_STATIC);
    if (result != SQLITE_OK)
        fail("bind");
}

bool SqliteStatement::step()
{
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result == SQLITE_DONE)
        return false;
    sqlite3_reset(m_statement);
    fail("step");
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_db);
}

void SqliteStatement::reset()
{
    // Bindings stay (callers bind every parameter again, and clearing them cost as much as binding),
    // and so do the texts they point to, until this object ends.
    sqlite3_reset(m_statement);
}

qint64 SqliteStatement::columnInt(int index) const
{
    return sqlite3_column_int64(m_statement, index);
}

std::optional<qint64> SqliteStatement::columnOptionalInt(int index) const
{
    if (sqlite3_column_type(m_statement, index) == SQLITE_NULL)
        return std::nullopt;
    return sqlite3_column_int64(m_statement, index);
}

QString SqliteStatement::columnText(int index) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, index));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(m_statement, index)) : QString();
}

QByteArray SqliteStatement::columnBlob(int index) const
{
    const void* data = sqlite3_column_blob(m_statement, index);
    return data ? QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(m_statement, index))
                : QByteArray();
}

} // namespace creditdesk::server
