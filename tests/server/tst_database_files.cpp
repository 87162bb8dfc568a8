// The SQLite database holds password and session hashes and every ledger: the server creates it, and
// SQLite its -wal and -shm files, readable and writable by the owner only (0600), whatever the umask;
// and the log is copied back into the database file by the checkpointer's thread, not the writer.
#include "store/Sql.h"
#include "store/WalCheckpointer.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <sys/stat.h>

using namespace creditdesk::server;

namespace {

int permissionsOf(const QString& path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

} // namespace

class TestDatabaseFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newDatabaseFilesAreOwnerOnly_data()
    {
        QTest::addColumn<int>("umaskBits");
        QTest::newRow("umask 022") << 0022;
        QTest::newRow("umask 002") << 0002;
        QTest::newRow("umask 000") << 0000;
    }

    void newDatabaseFilesAreOwnerOnly()
    {
        QFETCH(int, umaskBits);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("creditdesk.db"));
        const mode_t previous = ::umask(static_cast<mode_t>(umaskBits));
        {
            SqlConnection db(DatabaseUrl::parse(QStringLiteral("sqlite:") + path), QStringLiteral("files"));
            db.execute(QStringLiteral("CREATE TABLE secrets (value TEXT)"));
            db.execute(QStringLiteral("INSERT INTO secrets (value) VALUES (?)"), {QStringLiteral("hash")});
            // While the connection is open the log and the shared-memory index exist beside the database.
            QCOMPARE(permissionsOf(path), 0600);
            QCOMPARE(permissionsOf(path + QStringLiteral("-wal")), 0600);
            QCOMPARE(permissionsOf(path + QStringLiteral("-shm")), 0600);
        }
        ::umask(previous);
        QCOMPARE(permissionsOf(path), 0600);
    }

    // A database the operator already has keeps the permissions they gave it (e.g. group-readable for a
    // backup user).
    void anExistingDatabaseKeepsItsPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("existing.db"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
        {
            SqlConnection db(DatabaseUrl::parse(QStringLiteral("sqlite:") + path),
                             QStringLiteral("existing"));
            db.execute(QStringLiteral("CREATE TABLE t (x INTEGER)"));
        }
        QCOMPARE(permissionsOf(path), 0640);
    }

    // The writer's commits only append to the log; the checkpointer's own thread copies the pages into
    // the database file once the log holds kBackgroundPages. The writer would checkpoint only at
    // kWriterPages, which this never reaches, so the database file growing shows the thread did it.
    void theLogIsCopiedIntoTheDatabaseBesideTheWriter()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("log.db"));
        WalCheckpointer checkpointer(path);
        SqlConnection db(DatabaseUrl::parse(QStringLiteral("sqlite:") + path), QStringLiteral("log"));
        checkpointer.attach(*static_cast<sqlite3* const*>(db.nativeHandle().data()));
        db.execute(QStringLiteral("CREATE TABLE t (x BLOB)"));
        const qint64 sizeBefore = QFileInfo(path).size();
        const QByteArray row(1800, 'x'); // about one 2 KB page each
        const int rows = WalCheckpointer::kBackgroundPages + 500;
        QVERIFY(rows < WalCheckpointer::kWriterPages / 2);
        for (int done = 0; done < rows; done += 100) {
            db.begin();
            for (int i = 0; i < 100; ++i)
                db.execute(QStringLiteral("INSERT INTO t (x) VALUES (?)"), {row});
            db.commit();
        }
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() > sizeBefore + qint64(rows) * 1800 * 3 / 4, 30000);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFiles)
#include "tst_database_files.moc"
