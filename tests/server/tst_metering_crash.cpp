// kill -9 during usage ingestion, then restart on the same database (docs/design.md §5, §8). A batch is
// answered 200 only after the group commit that stored, charged and rolled up its events, so every
// acknowledged event is present exactly once after the crash; `verify` passes on the database as the
// crash left it (rollups equal a recount of the raw events, charged events point at their debits,
// nothing is half-written); re-sending acknowledged batches replays them without charging again, and
// re-sending batches whose answer was lost stores each event at most once. Two kill cycles.
#include "TestServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <thread>
#include <vector>

using namespace creditdesk::test;

namespace {

struct SentBatch
{
    QJsonArray events;
    QStringList ids;
    int status = 0; // 0: no answer (the server died with the request in flight)
    QJsonArray results;
};

} // namespace

class TestMeteringCrash : public QObject
{
    Q_OBJECT

private:
    static constexpr int kThreads = 8;
    static constexpr int kBatch = 100;
    static constexpr qint64 kAllocated = 1'000'000'000'000;

    std::unique_ptr<Fixture> f;
    QByteArray owner;
    QByteArray gateway;
    qint64 org = 0;
    qint64 member = 0;

    SentBatch makeBatch(int cycle, int thread, int index) const
    {
        SentBatch batch;
        const QString at = QDateTime::currentDateTimeUtc().addSecs(-30).toString(Qt::ISODateWithMs);
        const char* models[] = {"openai/gpt-4o-mini", "anthropic/claude-3.5-haiku", "google/gemini-2.5-flash",
                                "meta-llama/llama-3.3-70b-instruct:free"};
        for (int i = 0; i < kBatch; ++i) {
            const QString id = QStringLiteral("crash-%1-%2-%3-%4").arg(cycle).arg(thread).arg(index).arg(i);
            batch.ids.append(id);
            QJsonObject event{{"id", id},
                              {"occurred_at", at},
                              {"organization_id", org},
                              {"kind", "chat"},
                              {"model", models[(thread + i) % 4]},
                              {"tokens_input", 100 + (index * 7 + i) % 900},
                              {"tokens_output", 10 + i % 300}};
            if (i % 3 == 0)
                event.insert("member_id", member);
            batch.events.append(event);
        }
        return batch;
    }

    HttpResponse send(HttpClient& client, const SentBatch& batch) const
    {
        return client.post("/api/v1/metering/events", {{"events", batch.events}});
    }

    void verifyDatabase() const
    {
        QByteArray output;
        const int code = TestServer::runCommand({"verify", "--database", f->database.url()}, &output);
        QVERIFY2(code == 0, output.constData());
    }

    // Every stored event id, read straight from the database (the server may be down).
    QSet<QString> storedIds() const
    {
        QSet<QString> ids;
        const QString url = f->database.url();
        const QString name = QStringLiteral("crash-check-%1").arg(QRandomGenerator::global()->generate());
        {
            QSqlDatabase db = openDirectConnection(url, name);
            QSqlQuery query(db);
            query.exec("SELECT event_id FROM usage_events");
            while (query.next())
                ids.insert(query.value(0).toString());
        }
        QSqlDatabase::removeDatabase(name);
        return ids;
    }

    qint64 chargedTotal() const
    {
        return f->database.scalar("SELECT COALESCE(SUM(charged_credits), 0) FROM usage_events");
    }

private Q_SLOTS:
    void initTestCase()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMember(f->adminToken, org, "owner@acme.test", "owner");
        member = f->addMember(f->adminToken, org, "ana@acme.test", "member");
        owner = f->login("owner@acme.test", Fixture::passwordFor("owner@acme.test"));
        QCOMPARE(f->server->client(f->adminToken)
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                               R"({"tier":"starter"})")
                     .status,
                 200);
        gateway = f->createApiToken(owner, org, {"metering:write"});
        QCOMPARE(f->allocate(f->adminToken, org, kAllocated).status, 201);
    }
    void cleanupTestCase() { f.reset(); }

    void killDuringIngestionKeepsEveryAcknowledgedEventOnce()
    {
        QSet<QString> acknowledged;
        for (int cycle = 0; cycle < 2; ++cycle) {
            std::vector<std::vector<SentBatch>> perThread(kThreads);
            std::atomic<bool> stop{false};
            std::atomic<int> answered{0};
            std::vector<std::thread> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&, t] {
                    HttpClient client("127.0.0.1", f->server->port());
                    client.setBearer(gateway);
                    for (int i = 0; !stop.load(); ++i) {
                        SentBatch batch = makeBatch(cycle, t, i);
                        const HttpResponse response = send(client, batch);
                        batch.status = response.status;
                        batch.results = response.json().value("results").toArray();
                        perThread[static_cast<std::size_t>(t)].push_back(batch);
                        if (response.status == 0)
                            break;
                        answered.fetch_add(1);
                    }
                });
            }
            QElapsedTimer started;
            started.start();
            while (answered.load() < 20 && started.elapsed() < 30000)
                QThread::msleep(5);
            QThread::msleep(300 + QRandomGenerator::global()->bounded(400));
            f->server->kill();
            stop = true;
            for (std::thread& thread : threads)
                thread.join();

            std::vector<SentBatch> ok, lost;
            for (const auto& batches : perThread)
                for (const SentBatch& batch : batches) {
                    if (batch.status == 200) {
                        ok.push_back(batch);
                        for (const QJsonValue& result : batch.results)
                            QCOMPARE(result.toObject().value("status").toInt(), 200);
                        for (const QString& id : batch.ids)
                            acknowledged.insert(id);
                    } else if (batch.status == 0) {
                        lost.push_back(batch);
                    } else {
                        QFAIL(qPrintable(
                            QStringLiteral("cycle %1: a batch answered %2").arg(cycle).arg(batch.status)));
                    }
                }
            qInfo("cycle %d: %zu batches acknowledged, %zu without answer", cycle, ok.size(), lost.size());
            QVERIFY(ok.size() >= 20);

            // As the crash left it: consistent, every acknowledged event there exactly once (the unique
            // key makes "at most once" structural; "at least once" is checked id by id).
            verifyDatabase();
            const qint64 rows = f->database.scalar("SELECT COUNT(*) FROM usage_events");
            QCOMPARE(f->database.scalar("SELECT COUNT(DISTINCT event_id) FROM usage_events"), rows);
            QSet<QString> stored = storedIds();
            for (const QString& id : std::as_const(acknowledged))
                QVERIFY2(stored.contains(id),
                         qPrintable(id + QStringLiteral(" was acknowledged but is not stored")));

            // Restart: the balance is exactly what the stored events were charged.
            QVERIFY(f->server->start());
            QCOMPARE(f->balance(owner, org), kAllocated - chargedTotal());

            // Re-send: acknowledged batches replay with the same answers and charge nothing more.
            const qint64 balanceBefore = f->balance(owner, org);
            {
                HttpClient client("127.0.0.1", f->server->port());
                client.setBearer(gateway);
                for (const SentBatch& batch : ok) {
                    const HttpResponse replay = send(client, batch);
                    QCOMPARE(replay.status, 200);
                    QCOMPARE(replay.json().value("results").toArray(), batch.results);
                }
                QCOMPARE(f->balance(owner, org), balanceBefore);
                // Batches whose answer was lost: every event ends up stored once, whether it had been
                // committed before the kill or is stored now.
                for (const SentBatch& batch : lost) {
                    const HttpResponse retry = send(client, batch);
                    QCOMPARE(retry.status, 200);
                    for (const QJsonValue& result : retry.json().value("results").toArray())
                        QCOMPARE(result.toObject().value("status").toInt(), 200);
                    for (const QString& id : batch.ids)
                        acknowledged.insert(id);
                }
            }
            stored = storedIds();
            for (const QString& id : std::as_const(acknowledged))
                QVERIFY(stored.contains(id));
            QCOMPARE(f->database.scalar("SELECT COUNT(DISTINCT event_id) FROM usage_events"),
                     f->database.scalar("SELECT COUNT(*) FROM usage_events"));
            QCOMPARE(f->balance(owner, org), kAllocated - chargedTotal());
            verifyDatabase();
        }
    }
};

QTEST_GUILESS_MAIN(TestMeteringCrash)
#include "tst_metering_crash.moc"
