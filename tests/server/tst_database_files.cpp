// The SQLite database holds password and session hashes and every ledger: the server creates it, and
// SQLite its -wal and -shm files, readable and writable by the owner only (0600), whatever the umask.
#include "store/Sql.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestDatabaseFiles)
#include "tst_database_files.moc"
