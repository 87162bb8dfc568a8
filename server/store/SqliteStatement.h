#pragma once

#include "store/Sql.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace creditdesk::server {

// Drives one of a SqlConnection's cached SQLite statements through SQLite's own API: binding typed
// values without a QVariant each, which costs less than SQLite's insert itself on metering's paths
// (up to a thousand rows per request). Lives for one batch; the statement stays cached in the
// connection (reset, bindings cleared) for the next.
class SqliteStatement
{
public:
    SqliteStatement(SqlConnection& connection, const char* sql); // a static text (see sqliteStatement)
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void bind(int index, qint64 value);
    void bind(int index, const std::optional<qint64>& value);
    void bind(int index, const QString& text); // empty text binds NULL
    void bindText(int index, const QByteArray& utf8);
    void bindOptionalText(int index, const QByteArray& utf8); // empty binds NULL
    // Binds bytes where they are, without keeping a copy: they must stay unchanged until the statement
    // has run (the caller holds them, as the audit trail's buffer holds its entries until they are
    // written). Empty binds NULL when `emptyIsNull`, else the empty text.
    void bindBorrowedText(int index, const char* utf8, qsizetype size, bool emptyIsNull);
    // The same for bytes stored as a BLOB; empty binds NULL.
    void bindBorrowedBlob(int index, const char* data, qsizetype size);
    // Runs the statement; true while it yields rows (then read them with the column accessors).
    bool step();
    void reset();        // ready to run again: bind every parameter anew (earlier bindings stay until then)
    int changes() const; // rows the last step inserted, updated or deleted
    qint64 columnInt(int index) const;
    std::optional<qint64> columnOptionalInt(int index) const;
    QString columnText(int index) const;
    QByteArray columnBlob(int index) const; // a copy; empty for NULL

private:
    [[noreturn]] void fail(const char* what) const;
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    // The bound texts (shared, or UTF-8 copies of bound QStrings), kept while this object lives so
    // SQLite can use them without its own copy.
    std::vector<QByteArray> m_texts;
};

} // namespace creditdesk::server
