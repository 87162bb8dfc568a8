#pragma once

#include "store/Sql.h"

#include <QByteArray>
#include <QString>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace creditdesk {

// One prepared statement on the SQLite connection under a SqlConnection, driven through SQLite's own
// API. Qt SQL converts every bound value through QVariant and names each placeholder with
// QString::arg, which costs more than SQLite's insert itself; metering's batch paths (a thousand rows
// per request) use this instead. Lives for one batch: finalized before the connection can close.
class SqliteStatement
{
public:
    SqliteStatement(SqlConnection& connection, const char* sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind(int index, qint64 value);
    void bind(int index, const std::optional<qint64>& value);
    void bind(int index, const QString& text); // empty text binds NULL
    void bindText(int index, const QByteArray& utf8);
    // Runs the statement; true while it yields rows (then read them with the column accessors).
    bool step();
    void reset(); // ready for the next row of binds
    qint64 columnInt(int index) const;
    std::optional<qint64> columnOptionalInt(int index) const;
    QString columnText(int index) const;

private:
    [[noreturn]] void fail(const char* what) const;
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace creditdesk
