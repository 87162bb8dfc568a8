// The console's services against a real creditdesk-server on loopback: sign in, sync, balance and
// transactions equal the server's; server stopped → offline with the cache intact; server back →
// incremental catch-up that fetches only the new rows; a garbled answer never reaches the cache; an
// exported CSV sums exactly to the ledger, in credits and in dollars.
#include "ConsoleTestSupport.h"
#include "api/ApiClient.h"
#include "api/Jobs.h"
#include "cache/CacheReader.h"
#include "credentials/CredentialStore.h"
#include "domain/Clock.h"
#include "domain/Credits.h"
#include "domain/Settings.h"
#include "export/CsvExporter.h"
#include "sync/SessionController.h"
#include "sync/SyncEngine.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <iterator>

using namespace creditdesk;
using namespace creditdesk::test;

class TestConsoleE2e : public QObject
{
    Q_OBJECT

private:
    // All transactions the server shows the admin, newest first, through plain paging (no since).
    static QList<QJsonObject> serverTransactions(ConsoleFixture& f)
    {
        QList<QJsonObject> rows;
        QByteArray cursor;
        auto client = f.fixture.server->client(f.fixture.adminToken);
        do {
            QByteArray target = "/api/v1/credits/transactions?limit=1000&organization_id=" +
                                QByteArray::number(f.organization);
            if (!cursor.isEmpty())
                target += "&cursor=" + cursor;
            const QJsonObject page = client->get(target).json();
            for (const QJsonValue& value : page.value("data").toArray())
                rows.append(value.toObject());
            cursor = page.value("next_cursor").toString().toLatin1();
        } while (!cursor.isEmpty());
        return rows;
    }

    static bool waitForSync(SyncEngine* sync, bool* ok)
    {
        QSignalSpy finished(sync, &SyncEngine::finished);
        if (!finished.wait(30000))
            return false;
        *ok = finished.first().first().toBool();
        return true;
    }

private Q_SLOTS:
    void initTestCase() { useOwnAppData(); }

    void signInSyncOfflineAndCatchUp()
    {
        ConsoleFixture f;
        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        ApiClient client;
        CredentialStore credentials(&settings);
        credentials.setMemoryOnly(true);
        SessionController session(&client, &credentials, &settings, &clock);
        session.sync()->setRetryDelaysSeconds(1, 1);
        session.sync()->setPageSize(10); // several pages even for this small history

        QSignalSpy signedIn(&session, &SessionController::signedIn);
        session.signIn(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"), false);
        QVERIFY(signedIn.wait(10000));
        bool ok = false;
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY2(ok, qPrintable(session.sync()->lastError().userMessage()));
        QCOMPARE(session.currentOrganization().id, f.organization);
        QCOMPARE(session.currentOrganization().role, QStringLiteral("owner"));

        // The cache equals the server.
        CacheDatabase* cache = session.cache();
        QCOMPARE(cache->balance(f.organization)->balance,
                 f.fixture.balance(f.fixture.adminToken, f.organization));
        const QList<QJsonObject> expected = serverTransactions(f);
        QCOMPARE(expected.size(), 26);
        QCOMPARE(cache->transactionCount(f.organization), expected.size());
        QCOMPARE(session.sync()->lastRunFetchedRows(), 26);
        CacheReader reader(cache->path());
        TransactionQuery query;
        query.organizationId = f.organization;
        const QList<Transaction> cached = reader.window(query, 0, 1000);
        QCOMPARE(cached.size(), expected.size());
        for (qsizetype i = 0; i < cached.size(); ++i) {
            QCOMPARE(cached.at(i).id, expected.at(i).value("id").toInteger());
            QCOMPARE(cached.at(i).seq, expected.at(i).value("seq").toInteger());
            QCOMPARE(cached.at(i).amount, expected.at(i).value("amount").toInteger());
            QCOMPARE(cached.at(i).balanceAfter, expected.at(i).value("balance_after").toInteger());
            QCOMPARE(transactionKindKey(cached.at(i).kind), expected.at(i).value("kind").toString());
        }
        QCOMPARE(cache->members(f.organization).size(), 4);
        QVERIFY(!cache->meteringCursor(f.organization).isEmpty()); // the server's usage rollups were synced
        QCOMPARE(cache->departments(f.organization).size(), 2);

        // Server stopped: offline, the cache is intact and readable.
        const quint16 port = f.fixture.server->port();
        f.fixture.server->stop();
        QSignalSpy online(session.sync(), &SyncEngine::onlineChanged);
        session.sync()->syncNow();
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY(!ok);
        QVERIFY(!session.sync()->isOnline());
        QCOMPARE(online.count(), 1);
        QVERIFY(session.sync()->lastError().isOffline());
        QCOMPARE(cache->transactionCount(f.organization), 26);
        QCOMPARE(cache->balance(f.organization)->balance,
                 expected.first().value("balance_after").toInteger());
        QVERIFY(cache->lastSynced().isValid());

        // Server back on the same address with 37 new movements: the next run fetches exactly those.
        f.fixture.server = std::make_unique<TestServer>(
            f.fixture.database.url(), QStringList{"--listen", QStringLiteral("127.0.0.1:%1").arg(port)});
        QVERIFY(f.fixture.server->start());
        QCOMPARE(f.fixture.server->port(), port);
        QCOMPARE(f.deduct(37), 37);
        QVERIFY(waitForSync(session.sync(), &ok)); // the offline retry timer runs it
        QVERIFY2(ok, qPrintable(session.sync()->lastError().userMessage()));
        QVERIFY(session.sync()->isOnline());
        QCOMPARE(session.sync()->lastRunFetchedRows(), 37);
        QCOMPARE(session.sync()->lastRunInsertedRows(), 37);
        QCOMPARE(cache->transactionCount(f.organization), 63);
        QCOMPARE(cache->balance(f.organization)->balance,
                 f.fixture.balance(f.fixture.adminToken, f.organization));

        // Nothing new: a run fetches nothing.
        session.sync()->syncNow();
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY(ok);
        QCOMPARE(session.sync()->lastRunFetchedRows(), 0);

        // Sign-out deletes this user's cache.
        const QString cachePath = cache->path();
        QSignalSpy signedOut(&session, &SessionController::signedOut);
        session.signOut();
        QVERIFY(signedOut.wait(10000));
        QVERIFY(!QFile::exists(cachePath));
        QVERIFY(!session.isSignedIn());
    }

    void exportedCsvSumsToTheLedger()
    {
        ConsoleFixture f;
        // Allocations are the platform admin's (fixture.adminToken is the bootstrapped platform admin's
        // session); some are not whole cents.
        for (const qint64 amount : {qint64(250'000), qint64(12'345), qint64(1), qint64(999)}) {
            const int status = f.fixture.allocate(f.fixture.adminToken, f.organization, amount).status;
            QVERIFY2(status == 200 || status == 201, qPrintable(QString::number(status)));
        }
        // Many deductions of less than a cent, or of cents and a fraction: each row rounded to cents would
        // drift from the ledger (572 credits = $0.02288, shown as $0.02).
        const qint64 amounts[] = {572, 61, 1, 124, 125, 126, 249, 251, 374, 375, 3, 999, 2, 7};
        auto gateway = f.fixture.server->client(f.gateway);
        int booked = 0;
        for (int i = 0; i < 140; ++i) {
            const HttpResponse response = gateway->post(
                "/api/v1/credits/deduct", QJsonObject{{"organization_id", f.organization},
                                                      {"amount", amounts[i % std::size(amounts)]},
                                                      {"member_id", f.members.at(i % 2 + 1)},
                                                      {"reference", QStringLiteral("sub-cent-%1").arg(i)}});
            QVERIFY2(response.status == 200 || response.status == 201, response.body.constData());
            ++booked;
        }
        QCOMPARE(booked, 140);

        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        ApiClient client;
        CredentialStore credentials(&settings);
        credentials.setMemoryOnly(true);
        SessionController session(&client, &credentials, &settings, &clock);
        session.sync()->setPageSize(50);
        QSignalSpy signedIn(&session, &SessionController::signedIn);
        session.signIn(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"), false);
        QVERIFY(signedIn.wait(10000));
        bool ok = false;
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY2(ok, qPrintable(session.sync()->lastError().userMessage()));

        // The ledger: every movement the server shows, and the balance they add up to.
        const QList<QJsonObject> ledger = serverTransactions(f);
        QCOMPARE(ledger.size(), 1 + 25 + 4 + 140);
        qint64 ledgerCredits = 0;
        for (const QJsonObject& row : ledger)
            ledgerCredits += row.value("amount").toInteger();
        QCOMPARE(ledgerCredits, f.fixture.balance(f.fixture.adminToken, f.organization));
        QCOMPARE(session.cache()->transactionCount(f.organization), ledger.size());

        // Export everything, as the Transactions pane does.
        TransactionQuery query;
        query.organizationId = f.organization;
        const QString csvPath = dir.filePath("transactions.csv");
        CsvExporter exporter;
        QSignalSpy finished(&exporter, &CsvExporter::finished);
        exporter.start(session.cache()->path(), query, ledger.size(), csvPath, {}, {});
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(2).toString()));
        QCOMPARE(finished.first().at(1).toLongLong(), ledger.size());

        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.takeLast(), QByteArray()); // every line ends with CRLF
        const QList<QByteArray> header = lines.takeFirst().trimmed().split(',');
        const qsizetype creditsColumn = header.indexOf("amount");
        const qsizetype dollarsColumn = header.indexOf("amount_usd");
        QVERIFY(creditsColumn >= 0 && dollarsColumn >= 0);
        QCOMPARE(lines.size(), ledger.size());
        static const QRegularExpression exactDollars(QStringLiteral("^(-?)([0-9]+)\\.([0-9]{5})$"));
        qint64 csvCredits = 0;
        qint64 csvHundredThousandths = 0; // exact dollars summed as integers, never as doubles
        qint64 centsRoundedPerRow = 0;    // what a rounded column would have summed to
        for (const QByteArray& line : std::as_const(lines)) {
            QVERIFY(line.endsWith('\r'));
            // Reference and note are the last columns, so the amounts before them are never quoted.
            const QList<QByteArray> fields = line.chopped(1).split(',');
            QVERIFY(fields.size() > dollarsColumn);
            bool isNumber = false;
            const qint64 credits = fields.at(creditsColumn).toLongLong(&isNumber);
            QVERIFY2(isNumber, fields.at(creditsColumn).constData());
            const QRegularExpressionMatch match =
                exactDollars.match(QString::fromLatin1(fields.at(dollarsColumn)));
            QVERIFY2(match.hasMatch(), fields.at(dollarsColumn).constData());
            qint64 hundredThousandths =
                match.captured(2).toLongLong() * 100'000 + match.captured(3).toLongLong();
            if (!match.captured(1).isEmpty())
                hundredThousandths = -hundredThousandths;
            QCOMPARE(hundredThousandths, credits * 4); // each row exact
            csvCredits += credits;
            csvHundredThousandths += hundredThousandths;
            centsRoundedPerRow += Credits(credits).roundedCents();
        }
        QCOMPARE(csvCredits, ledgerCredits);
        QCOMPARE(csvHundredThousandths, csvCredits * 4);
        QCOMPARE(csvHundredThousandths, ledgerCredits * 4);
        // The scenario is one where rounding each row would have been wrong.
        QVERIFY(centsRoundedPerRow * 1000 != csvHundredThousandths);
        CREDITDESK_VERIFY_LEDGER(f.fixture.database.url());
    }

    void startsOfflineFromTheCache()
    {
        ConsoleFixture f;
        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        QByteArray token;
        qint64 balance = 0;
        {
            ApiClient client;
            CredentialStore credentials(&settings);
            credentials.setMemoryOnly(true);
            SessionController session(&client, &credentials, &settings, &clock);
            QSignalSpy signedIn(&session, &SessionController::signedIn);
            session.signIn(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"),
                           true);
            QVERIFY(signedIn.wait(10000));
            bool ok = false;
            QVERIFY(waitForSync(session.sync(), &ok));
            QVERIFY(ok);
            token = client.token();
            balance = session.cache()->balance(f.organization)->balance;
        }
        f.fixture.server->stop();

        // The next start: the server is gone, the remembered session opens the cache read-only.
        ApiClient client;
        CredentialStore credentials(&settings);
        credentials.setMemoryOnly(true);
        credentials.write(QUrl(f.url()), "admin@example.com", QLatin1String(SessionController::kTokenName),
                          token);
        SessionController session(&client, &credentials, &settings, &clock);
        QSignalSpy signedIn(&session, &SessionController::signedIn);
        QSignalSpy required(&session, &SessionController::signInRequired);
        session.restore();
        QVERIFY(signedIn.wait(10000));
        QCOMPARE(session.currentOrganization().id, f.organization); // from the cache, before any answer
        QCOMPARE(session.cache()->balance(f.organization)->balance, balance);
        bool ok = true;
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY(!ok);
        QVERIFY(!session.sync()->isOnline());
        QCOMPARE(required.count(), 0); // offline is not a reason to ask for the password
        QCOMPARE(session.cache()->transactionCount(f.organization), 26);
    }

    void garbledAnswersNeverReachTheCache()
    {
        ConsoleFixture f;
        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        ApiClient client;
        CredentialStore credentials(&settings);
        credentials.setMemoryOnly(true);
        SessionController session(&client, &credentials, &settings, &clock);
        QSignalSpy signedIn(&session, &SessionController::signedIn);
        session.signIn(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"), false);
        QVERIFY(signedIn.wait(10000));
        bool ok = false;
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY(ok);
        const QStringList before = f.fixture.database.dump();
        const qint64 cachedRows = session.cache()->transactionCount(f.organization);

        // A "server" that answers 200 with JSON that is not what the contract says.
        QTcpServer garbage;
        QVERIFY(garbage.listen(QHostAddress::LocalHost));
        int requests = 0;
        connect(&garbage, &QTcpServer::newConnection, this, [&] {
            QTcpSocket* socket = garbage.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &requests] {
                socket->readAll();
                ++requests;
                const QByteArray body = requests % 2
                                            ? R"({"user": {"id": "one"}, "organizations": 7})"
                                            : R"({"data": [{"id": 1, "seq": "x"}], "next_cursor": null})";
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                              "Content-Length: " +
                              QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        });
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(garbage.serverPort())));
        session.sync()->syncNow();
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY(!ok);
        QCOMPARE(session.sync()->lastError().kind, ApiError::Kind::Garbled);
        QVERIFY(!session.sync()->lastError().userMessage().isEmpty());
        QCOMPARE(session.cache()->transactionCount(f.organization), cachedRows);
        QCOMPARE(session.organizations().size(), 1); // the identity from before, not the garbage
        QCOMPARE(f.fixture.database.dump(), before);
    }

    void anyFailedRequestGoesOfflineAtOnce()
    {
        ConsoleFixture f;
        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        ApiClient client;
        CredentialStore credentials(&settings);
        credentials.setMemoryOnly(true);
        SessionController session(&client, &credentials, &settings, &clock);
        QSignalSpy signedIn(&session, &SessionController::signedIn);
        session.signIn(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"), false);
        QVERIFY(signedIn.wait(10000));
        bool ok = false;
        QVERIFY(waitForSync(session.sync(), &ok));
        QVERIFY(ok && session.sync()->isOnline());

        // Not a sync: any request that cannot reach the server turns the console offline at once.
        f.fixture.server->stop();
        QSignalSpy onlineChanged(session.sync(), &SyncEngine::onlineChanged);
        auto* job = new BalanceJob(&client, f.organization);
        QSignalSpy finished(job, &ApiJob::finished);
        job->start();
        QVERIFY(finished.wait(10000));
        QVERIFY(!session.sync()->isRunning());
        QVERIFY(!session.sync()->isOnline());
        QCOMPARE(onlineChanged.count(), 1);
        QCOMPARE(session.sync()->lastError().kind, ApiError::Kind::ConnectionRefused);
    }

    void sessionsOfOneServerAndUserShareOneCache()
    {
        ConsoleFixture f;
        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        QString path;
        for (int run = 0; run < 2; ++run) {
            ApiClient client;
            CredentialStore credentials(&settings);
            credentials.setMemoryOnly(true);
            SessionController session(&client, &credentials, &settings, &clock);
            QSignalSpy signedIn(&session, &SessionController::signedIn);
            session.signIn(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"),
                           false);
            QVERIFY(signedIn.wait(10000));
            bool ok = false;
            QVERIFY(waitForSync(session.sync(), &ok));
            QVERIFY(ok);
            if (run == 0) {
                path = session.cache()->path();
                QVERIFY(session.sync()->lastRunInsertedRows() > 0);
            } else {
                QCOMPARE(session.cache()->path(), path); // the same file, not a new download
                QCOMPARE(session.sync()->lastRunInsertedRows(), 0);
            }
        } // closed without signing out, as when the console quits

        // With a scope (demo mode) the port does not matter, the user does.
        ApiClient client;
        CredentialStore credentials(&settings);
        SessionController demo(&client, &credentials, &settings, &clock);
        demo.setCacheScope("demo");
        const QString admin = demo.cachePathFor(QUrl("http://127.0.0.1:40001"), "admin@demo.test");
        QCOMPARE(demo.cachePathFor(QUrl("http://127.0.0.1:40002"), "Admin@demo.test"), admin);
        QVERIFY(demo.cachePathFor(QUrl("http://127.0.0.1:40001"), "finance@demo.test") != admin);
        QVERIFY(QFileInfo(admin).fileName().startsWith("demo-"));
    }

    void wrongPasswordIsSaidInPlainWords()
    {
        ConsoleFixture f;
        QTemporaryDir dir;
        Settings settings(dir.filePath("console.ini"));
        SystemClock clock;
        ApiClient client;
        CredentialStore credentials(&settings);
        credentials.setMemoryOnly(true);
        SessionController session(&client, &credentials, &settings, &clock);
        QSignalSpy failed(&session, &SessionController::signInFailed);
        session.signIn(QUrl(f.url()), "admin@example.com", "not-the-password", false);
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains("password is wrong"));
        session.signIn(QUrl("http://127.0.0.1:1"), "admin@example.com", "x", false);
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.last().first().toString().contains("not answering"));
    }
};

QTEST_GUILESS_MAIN(TestConsoleE2e)
#include "tst_console_e2e.moc"
