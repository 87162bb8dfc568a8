// SQLite's log written through the write-gathering VFS (store/WalWriteBuffer.h): commits of every size
// (one page; past the unix VFS's 128 KB write limit; past the 8 MB gathering limit) read back exactly,
// from another connection while the writer goes on, from another thread, and through the platform's
// own VFS with the writer open and after it closed.
#include "store/Sql.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <sqlite3.h>
#include <thread>

using namespace creditdesk::server;

namespace {

// A row's payload is a function of its id, so any reader can tell a torn or missing frame.
QByteArray payloadOf(qint64 id)
{
    QByteArray seed = QByteArray::number(id);
    QByteArray bytes;
    while (bytes.size() < 1500)
        bytes +=
            QCryptographicHash::hash(seed + QByteArray::number(bytes.size()), QCryptographicHash::Sha256);
    return bytes.left(1500);
}

// Rows whose payload is not what their id says, or -1 when the table cannot be read.
qint64 badRows(SqlConnection& db, qint64* count)
{
    qint64 bad = 0;
    const auto rows = db.rows(QStringLiteral("SELECT id, payload FROM pages ORDER BY id"));
    for (const Row& row : rows)
        if (row[1].toByteArray() != payloadOf(row[0].toLongLong()))
            ++bad;
    *count = static_cast<qint64>(rows.size());
    return bad;
}

} // namespace

class TestWalWriteBuffer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_url;
    qint64 m_nextId = 1;

    void insertRows(SqlConnection& db, int rows)
    {
        db.begin();
        for (int i = 0; i < rows; ++i, ++m_nextId)
            db.execute(QStringLiteral("INSERT INTO pages (id, payload) VALUES (?, ?)"),
                       {m_nextId, payloadOf(m_nextId)});
        db.commit();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_url = QStringLiteral("sqlite:") +
                m_dir.filePath(QStringLiteral("wal-%1.db").arg(QTest::currentTestFunction()));
        m_nextId = 1;
        SqlConnection db(DatabaseUrl::parse(m_url), QStringLiteral("setup"));
        db.executeDirect(
            QStringLiteral("CREATE TABLE pages (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)"));
    }

    void isTheDefaultVfs()
    {
        sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
        QVERIFY(vfs);
        QCOMPARE(QByteArray(vfs->zName), QByteArray("creditdesk-wal-buffer"));
    }

    void commitsOfEverySizeReadBackExactly()
    {
        SqlConnection writer(DatabaseUrl::parse(m_url), QStringLiteral("writer"));
        SqlConnection reader(DatabaseUrl::parse(m_url), QStringLiteral("reader"));
        qint64 expected = 0;
        // 1 row: two pages; 90 rows: about 190 KB of frames, more than one write of the unix VFS;
        // 6,000 rows: about 12 MB, more than is ever gathered at once.
        for (const int rows : {1, 2, 90, 130, 6000, 3}) {
            insertRows(writer, rows);
            expected += rows;
            qint64 count = 0;
            QCOMPARE(badRows(reader, &count), 0);
            QCOMPARE(count, expected);
        }
        QCOMPARE(writer.row(QStringLiteral("PRAGMA integrity_check"))->at(0).toString(),
                 QStringLiteral("ok"));
    }

    void readersOnOtherThreadsSeeOnlyWholeCommits()
    {
        std::atomic<bool> writing{true};
        std::atomic<qint64> lastSeen{0};
        std::atomic<qint64> problems{0};
        std::thread readerThread([&] {
            SqlConnection reader(DatabaseUrl::parse(m_url), QStringLiteral("thread-reader"));
            while (writing.load()) {
                qint64 count = 0;
                if (badRows(reader, &count) != 0 || count % 25 != 0 || count < lastSeen.load())
                    problems.fetch_add(1);
                lastSeen.store(count);
            }
        });
        {
            SqlConnection writer(DatabaseUrl::parse(m_url), QStringLiteral("thread-writer"));
            for (int commit = 0; commit < 120; ++commit)
                insertRows(writer, 25); // every commit is 25 rows: a reader sees a multiple of 25
        }
        writing.store(false);
        readerThread.join();
        QCOMPARE(problems.load(), 0);
        QVERIFY(lastSeen.load() > 0);
    }

    void platformVfsReadsTheFiles()
    {
        {
            SqlConnection writer(DatabaseUrl::parse(m_url), QStringLiteral("closing-writer"));
            insertRows(writer, 500);
            // With checkpoints off, the next rows are only in the log while the writer is open.
            writer.executeDirect(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
            insertRows(writer, 40);
            QCOMPARE(rowsThroughPlatformVfs(), 540);
        }
        QCOMPARE(rowsThroughPlatformVfs(), 540); // closing checkpointed the log into the database file
    }

private:
    // Reads every row with SQLite's own unix VFS, not through the shim: the files are ordinary SQLite
    // files. Returns the number of rows, or -1 if a payload is wrong.
    qint64 rowsThroughPlatformVfs() const
    {
        sqlite3* db = nullptr;
        const QByteArray path = m_url.mid(7).toUtf8();
        if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, "unix") != SQLITE_OK)
            return -1;
        sqlite3_stmt* statement = nullptr;
        qint64 rows = 0;
        if (sqlite3_prepare_v2(db, "SELECT id, payload FROM pages ORDER BY id", -1, &statement, nullptr) !=
            SQLITE_OK)
            rows = -1;
        while (rows >= 0 && sqlite3_step(statement) == SQLITE_ROW) {
            const QByteArray payload(static_cast<const char*>(sqlite3_column_blob(statement, 1)),
                                     sqlite3_column_bytes(statement, 1));
            rows = payload == payloadOf(sqlite3_column_int64(statement, 0)) ? rows + 1 : -1;
        }
        sqlite3_finalize(statement);
        sqlite3_close(db);
        return rows;
    }
};

QTEST_GUILESS_MAIN(TestWalWriteBuffer)
#include "tst_wal_write_buffer.moc"
