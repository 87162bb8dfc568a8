// kill -9 under load, then restart on the same database (docs/design.md §5, §8): a 2xx is sent only after
// its group commit, so every acknowledged deduction survives exactly once; nothing unacknowledged is
// half-applied (`verify` passes and the balance is the sum of what is there); re-sending the
// acknowledged keys replays them without charging again, and re-sending the ones whose answer was
// lost in the crash charges each at most once. Three kill cycles on one database.
#include "TestServer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>
#include <vector>

using namespace creditdesk::test;

namespace {

struct Attempt
{
    QByteArray key;
    qint64 amount = 0;
    int status = 0; // 0: no answer (the server died with the request in flight)
    QByteArray body;
};

struct Booked
{
    qint64 amount = 0;
    int count = 0;
};

qint64 amountFor(int cycle, int thread, int index)
{
    return 1 + (cycle * 7 + thread * 37 + index * 11) % 50;
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private:
    static constexpr int kThreads = 16;
    static constexpr qint64 kAllocated = 1'000'000'000;

    std::unique_ptr<Fixture> f;
    QByteArray owner;
    QByteArray gateway;
    qint64 org = 0;

    QJsonObject deductBody(const Attempt& attempt) const
    {
        return QJsonObject{{"organization_id", org},
                           {"amount", attempt.amount},
                           {"reference", QString::fromLatin1(attempt.key)}};
    }

    // Every deduction of the organization, by reference, read through the API page by page.
    QHash<QString, Booked> bookedDeductions() const
    {
        QHash<QString, Booked> booked;
        auto client = f->server->client(owner);
        QByteArray cursor;
        for (int page = 0; page < 10000; ++page) {
            QByteArray target = "/api/v1/credits/transactions?kind=deduction&limit=1000&organization_id=" +
                                QByteArray::number(org);
            if (!cursor.isEmpty())
                target += "&cursor=" + cursor;
            const HttpResponse response = client->get(target);
            if (response.status != 200)
                qFatal("listing transactions failed: %d %s", response.status, response.body.constData());
            const QJsonObject list = response.json();
            for (const QJsonValue& value : list.value("data").toArray()) {
                const QJsonObject transaction = value.toObject();
                Booked& entry = booked[transaction.value("reference").toString()];
                entry.amount = -transaction.value("amount").toInteger();
                ++entry.count;
            }
            cursor = list.value("next_cursor").toString().toLatin1();
            if (cursor.isEmpty())
                break;
        }
        return booked;
    }

    qint64 balance() const { return f->balance(owner, org); }

    void verifyLedger() const { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

    // Sends each attempt again from kThreads connections; returns the answers in the same order.
    std::vector<HttpResponse> resend(const std::vector<Attempt>& attempts) const
    {
        std::vector<HttpResponse> answers(attempts.size());
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                HttpClient client("127.0.0.1", f->server->port());
                client.setBearer(gateway);
                for (std::size_t i = static_cast<std::size_t>(t); i < attempts.size(); i += kThreads)
                    answers[i] = client.post("/api/v1/credits/deduct", deductBody(attempts[i]),
                                             {{"Idempotency-Key", attempts[i].key}});
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        return answers;
    }

private Q_SLOTS:
    void initTestCase()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        f->addMember(f->adminToken, org, QStringLiteral("owner@acme.test"), QStringLiteral("owner"));
        owner = f->login(QStringLiteral("owner@acme.test"),
                         Fixture::passwordFor(QStringLiteral("owner@acme.test")));
        gateway = f->createApiToken(owner, org, {QStringLiteral("credits:deduct")});
        QCOMPARE(f->allocate(f->adminToken, org, kAllocated).status, 201);
    }
    void cleanupTestCase() { f.reset(); }

    void killUnderLoadKeepsAcknowledgedDeductions()
    {
        QHash<QString, qint64> sentAmounts; // every key ever sent → its amount
        QSet<QString> acknowledgedEver;
        for (int cycle = 0; cycle < 3; ++cycle) {
            // ---- load, then kill -9 -----------------------------------------------------------
            std::vector<std::vector<Attempt>> perThread(kThreads);
            std::atomic<bool> stop{false};
            std::atomic<int> answered{0};
            std::vector<std::thread> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&, t] {
                    HttpClient client("127.0.0.1", f->server->port());
                    client.setBearer(gateway);
                    for (int i = 0; !stop.load(); ++i) {
                        Attempt attempt;
                        attempt.key = "crash-" + QByteArray::number(cycle) + '-' + QByteArray::number(t) +
                                      '-' + QByteArray::number(i);
                        attempt.amount = amountFor(cycle, t, i);
                        const HttpResponse response =
                            client.post("/api/v1/credits/deduct", deductBody(attempt),
                                        {{"Idempotency-Key", attempt.key}});
                        attempt.status = response.status;
                        attempt.body = response.body;
                        perThread[static_cast<std::size_t>(t)].push_back(attempt);
                        if (response.status == 0)
                            break; // the server is gone
                        answered.fetch_add(1);
                    }
                });
            }
            // Kill at a slightly different moment each cycle, once the load is running.
            QElapsedTimer sinceStart;
            sinceStart.start();
            while (answered.load() < 50 && sinceStart.elapsed() < 20000)
                QThread::msleep(5);
            QThread::msleep(800 + QRandomGenerator::global()->bounded(500));
            f->server->kill();
            stop = true;
            for (std::thread& thread : threads)
                thread.join();

            std::vector<Attempt> acknowledged, lost;
            for (const auto& attempts : perThread) {
                for (const Attempt& attempt : attempts) {
                    sentAmounts.insert(QString::fromLatin1(attempt.key), attempt.amount);
                    if (attempt.status == 200) {
                        acknowledged.push_back(attempt);
                        acknowledgedEver.insert(QString::fromLatin1(attempt.key));
                    } else if (attempt.status == 0) {
                        lost.push_back(attempt);
                    } else {
                        QFAIL(qPrintable(QStringLiteral("cycle %1: %2 answered %3 %4")
                                             .arg(cycle)
                                             .arg(QString::fromLatin1(attempt.key))
                                             .arg(attempt.status)
                                             .arg(QString::fromUtf8(attempt.body))));
                    }
                }
            }
            qInfo("cycle %d: %zu acknowledged, %zu without answer when killed", cycle, acknowledged.size(),
                  lost.size());
            QVERIFY(acknowledged.size() >= 50);

            // The database as the crash left it is consistent before anything else touches it.
            verifyLedger();

            // ---- restart on the same database ------------------------------------------------
            QVERIFY(f->server->start());
            QHash<QString, Booked> booked = bookedDeductions();
            qint64 bookedTotal = 0;
            for (auto it = booked.cbegin(); it != booked.cend(); ++it) {
                QVERIFY2(it->count == 1,
                         qPrintable(it.key() + QStringLiteral(" booked %1 times").arg(it->count)));
                QVERIFY2(sentAmounts.contains(it.key()),
                         qPrintable(it.key() + QStringLiteral(" was never sent")));
                QCOMPARE(it->amount, sentAmounts.value(it.key()));
                bookedTotal += it->amount;
            }
            for (const QString& key : std::as_const(acknowledgedEver))
                QVERIFY2(booked.contains(key),
                         qPrintable(key + QStringLiteral(" was acknowledged but is not booked")));
            QCOMPARE(balance(), kAllocated - bookedTotal);
            QCOMPARE(f->database.scalar(
                         QStringLiteral("SELECT COUNT(*) FROM transactions WHERE kind = 'deduction'")),
                     qint64(booked.size()));

            // ---- re-send: acknowledged keys replay, lost ones are charged at most once ---------
            const std::vector<HttpResponse> replays = resend(acknowledged);
            for (std::size_t i = 0; i < acknowledged.size(); ++i) {
                const HttpResponse& replay = replays[i];
                QVERIFY2(
                    replay.status == 200 && replay.header("Idempotent-Replayed") == "true",
                    qPrintable(
                        QString::fromLatin1(acknowledged[i].key) +
                        QStringLiteral(": %1 %2").arg(replay.status).arg(QString::fromUtf8(replay.body))));
                QCOMPARE(replay.body, acknowledged[i].body);
            }
            int lostButBooked = 0;
            for (const Attempt& attempt : lost)
                lostButBooked += booked.contains(QString::fromLatin1(attempt.key)) ? 1 : 0;
            const std::vector<HttpResponse> retries = resend(lost);
            for (std::size_t i = 0; i < lost.size(); ++i) {
                const HttpResponse& retry = retries[i];
                QVERIFY2(retry.status == 200,
                         qPrintable(
                             QString::fromLatin1(lost[i].key) +
                             QStringLiteral(": %1 %2").arg(retry.status).arg(QString::fromUtf8(retry.body))));
                // Committed before the kill (only the answer was lost): a replay; otherwise charged now.
                const bool wasBooked = booked.contains(QString::fromLatin1(lost[i].key));
                QCOMPARE(retry.header("Idempotent-Replayed") == "true", wasBooked);
                acknowledgedEver.insert(QString::fromLatin1(lost[i].key));
            }
            qInfo("cycle %d: %d of the unanswered requests had been committed before the kill", cycle,
                  lostButBooked);

            const QHash<QString, Booked> after = bookedDeductions();
            QCOMPARE(after.size(), booked.size() + static_cast<qsizetype>(lost.size()) - lostButBooked);
            qint64 afterTotal = 0;
            for (auto it = after.cbegin(); it != after.cend(); ++it) {
                QVERIFY2(it->count == 1,
                         qPrintable(it.key() + QStringLiteral(" booked %1 times").arg(it->count)));
                afterTotal += it->amount;
            }
            for (const Attempt& attempt : lost)
                QVERIFY(after.contains(QString::fromLatin1(attempt.key)));
            QCOMPARE(balance(), kAllocated - afterTotal);
            verifyLedger();
        }
        QCOMPARE(f->database.scalar(
                     QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key LIKE 'crash-%'")),
                 qint64(acknowledgedEver.size()));
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
