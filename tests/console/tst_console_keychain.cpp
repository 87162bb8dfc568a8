// The session token in a real Secret Service (gnome-keyring under dbus-run-session, see
// scripts/with-keyring): stored at sign-in with "Remember me", restored by the next start without a
// password, and every secret wiped at sign-out.
#include "ConsoleTestSupport.h"
#include "api/ApiClient.h"
#include "credentials/CredentialStore.h"
#include "domain/Clock.h"
#include "domain/Settings.h"
#include "sync/SessionController.h"
#include "sync/SyncEngine.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;
using namespace creditdesk::test;

class TestConsoleKeychain : public QObject
{
    Q_OBJECT

private:
    static std::optional<QByteArray> readSecret(Settings* settings, const QUrl& server, const QString& user)
    {
        CredentialStore store(settings);
        std::optional<QByteArray> result;
        bool done = false;
        store.read(server, user, QLatin1String(SessionController::kTokenName), &store,
                   [&](std::optional<QByteArray> secret) {
                       result = secret;
                       done = true;
                   });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            qWarning("keychain read timed out");
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("no session bus: run through dbus-run-session -- scripts/with-keyring");
    }

    void storeRestoreAndWipe()
    {
        ConsoleFixture f;
        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        const QUrl server(f.url());
        const QString email = QStringLiteral("admin@example.com");
        QByteArray token;
        {
            ApiClient client;
            CredentialStore credentials(&settings);
            QSignalSpy unavailable(&credentials, &CredentialStore::keychainUnavailable);
            SessionController session(&client, &credentials, &settings, &clock);
            QSignalSpy signedIn(&session, &SessionController::signedIn);
            session.signIn(server, email, Fixture::passwordFor(email), true);
            QVERIFY(signedIn.wait(10000));
            token = client.token();
            QTRY_COMPARE_WITH_TIMEOUT(credentials.writtenKeys().size(), 1, 10000);
            QCOMPARE(unavailable.count(), 0);
            QVERIFY(credentials.keychainAvailable());
        }
        QCOMPARE(readSecret(&settings, server, email), std::optional<QByteArray>(token));
        QVERIFY(!settings.value(Settings::Key::CredentialIndex)
                     .toStringList()
                     .first()
                     .contains(QString::fromLatin1(token)));

        // Next start: restored from the keychain, no password asked.
        {
            ApiClient client;
            CredentialStore credentials(&settings);
            SessionController session(&client, &credentials, &settings, &clock);
            QSignalSpy signedIn(&session, &SessionController::signedIn);
            QSignalSpy required(&session, &SessionController::signInRequired);
            session.restore();
            QVERIFY(signedIn.wait(10000));
            QCOMPARE(required.count(), 0);
            QCOMPARE(client.token(), token);
            QSignalSpy synced(session.sync(), &SyncEngine::finished);
            QVERIFY(synced.wait(20000));
            QVERIFY(synced.first().first().toBool()); // the restored token works

            QSignalSpy signedOut(&session, &SessionController::signedOut);
            session.signOut();
            QVERIFY(signedOut.wait(10000));
            QTRY_VERIFY_WITH_TIMEOUT(credentials.writtenKeys().isEmpty(), 10000);
        }
        QCOMPARE(readSecret(&settings, server, email), std::nullopt);
        // The server forgot the session too.
        QCOMPARE(f.fixture.server->client(token)->get("/api/v1/me").status, 401);

        // And the start after that asks to sign in.
        {
            ApiClient client;
            CredentialStore credentials(&settings);
            SessionController session(&client, &credentials, &settings, &clock);
            QSignalSpy required(&session, &SessionController::signInRequired);
            session.restore();
            QVERIFY(required.wait(10000));
        }
    }
};

QTEST_GUILESS_MAIN(TestConsoleKeychain)
#include "tst_console_keychain.moc"
