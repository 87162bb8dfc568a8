// Many clients at once against one hot account (docs/design.md §4, §8): every Idempotency-Key charges
// exactly once, whether it is re-sent after its answer (a lost response) or sent twice at the same
// moment; balances are exact afterwards; holds never over-book; `verify` passes.
#include "TestServer.h"

#include <QJsonArray>
#include <QMutex>
#include <QSet>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>
#include <utility>
#include <vector>

using namespace creditdesk::test;

namespace {

// Failures seen on worker threads (QTest macros belong to the main thread); reported at the end.
class Problems
{
public:
    void add(const QString& problem)
    {
        QMutexLocker lock(&m_mutex);
        if (m_list.size() < 20)
            m_list.append(problem);
        ++m_count;
    }
    bool isEmpty() const { return m_count == 0; }
    QString summary() const
    {
        return QStringLiteral("%1 problems, first: %2").arg(m_count).arg(m_list.join(QStringLiteral(" | ")));
    }

private:
    QMutex m_mutex;
    QStringList m_list;
    int m_count = 0;
};

QString describe(const HttpResponse& response)
{
    return QStringLiteral("%1 %2").arg(response.status).arg(QString::fromUtf8(response.body.left(300)));
}

} // namespace

class TestConcurrency : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    QByteArray owner;
    QByteArray gateway; // API token with credits:deduct for the first organization
    qint64 org = 0;

    quint16 port() const { return f->server->port(); }

    qint64 accountOf(qint64 organizationId) const
    {
        return f->database.scalar(
            QStringLiteral("SELECT id FROM accounts WHERE owner_kind = 'organization' AND owner_id = %1")
                .arg(organizationId));
    }
    QJsonObject balanceOf(qint64 organizationId) const
    {
        return f->server->client(owner)
            ->get("/api/v1/credits/balance?organization_id=" + QByteArray::number(organizationId))
            .json();
    }
    void verifyLedger() const { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

private Q_SLOTS:
    void initTestCase()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        f->addMember(f->adminToken, org, QStringLiteral("owner@acme.test"), QStringLiteral("owner"));
        owner = f->login(QStringLiteral("owner@acme.test"),
                         Fixture::passwordFor(QStringLiteral("owner@acme.test")));
        gateway = f->createApiToken(owner, org, {QStringLiteral("credits:deduct")});
    }
    void cleanupTestCase() { f.reset(); }

    // 64 gateway connections deduct from one organization account with unique keys. A fifth of the
    // requests is re-sent after its answer; some are sent twice at the same moment on two connections.
    void parallelDeductionsChargeEachKeyOnce()
    {
        constexpr int kClients = 64;
        constexpr int kPerClient = 48;
        constexpr qint64 kAllocated = 10'000'000;
        QCOMPARE(f->allocate(f->adminToken, org, kAllocated).status, 201);
        const qint64 account = accountOf(org);
        const qint64 transactionsBefore = f->database.scalar(
            QStringLiteral("SELECT COUNT(*) FROM transactions WHERE account_id = %1").arg(account));

        Problems problems;
        std::atomic<qint64> charged{0};
        std::atomic<int> replays{0}, simultaneous{0}, inProgress{0};
        std::latch start(kClients);
        std::vector<std::thread> threads;
        for (int t = 0; t < kClients; ++t) {
            threads.emplace_back([&, t] {
                HttpClient client("127.0.0.1", port());
                HttpClient twin("127.0.0.1", port()); // the second connection for simultaneous duplicates
                client.setBearer(gateway);
                twin.setBearer(gateway);
                start.arrive_and_wait();
                for (int i = 0; i < kPerClient; ++i) {
                    const QByteArray key = "dd-" + QByteArray::number(t) + '-' + QByteArray::number(i);
                    const qint64 amount = 1 + (t * 131 + i * 17) % 97;
                    const QJsonObject body{{"organization_id", org},
                                           {"amount", amount},
                                           {"reference", QString::fromLatin1(key)}};
                    const Headers headers{{"Idempotency-Key", key}};
                    HttpResponse original;
                    if (i % 12 == 5) {
                        // The same key on two connections at once: one is processed, the other waits for
                        // nothing: it is answered 409 idempotency_in_progress, or replayed if it came late.
                        HttpResponse second;
                        std::thread other(
                            [&] { second = twin.post("/api/v1/credits/deduct", body, headers); });
                        const HttpResponse first = client.post("/api/v1/credits/deduct", body, headers);
                        other.join();
                        simultaneous.fetch_add(1);
                        std::vector<HttpResponse> originals;
                        for (const HttpResponse* response :
                             std::initializer_list<const HttpResponse*>{&first, &second}) {
                            if (response->status == 409 &&
                                response->errorCode() == QLatin1String("idempotency_in_progress")) {
                                inProgress.fetch_add(1);
                                continue;
                            }
                            if (response->status != 200) {
                                problems.add(QStringLiteral("simultaneous %1: %2")
                                                 .arg(QString::fromLatin1(key), describe(*response)));
                                continue;
                            }
                            if (response->header("Idempotent-Replayed") != "true")
                                originals.push_back(*response);
                        }
                        if (originals.size() != 1) {
                            problems.add(QStringLiteral("simultaneous %1: %2 original answers (%3 / %4)")
                                             .arg(QString::fromLatin1(key))
                                             .arg(originals.size())
                                             .arg(describe(first), describe(second)));
                            continue;
                        }
                        original = originals.front();
                        for (const HttpResponse* response :
                             std::initializer_list<const HttpResponse*>{&first, &second})
                            if (response->header("Idempotent-Replayed") == "true" &&
                                response->body != original.body)
                                problems.add(QStringLiteral("simultaneous %1: replay differs")
                                                 .arg(QString::fromLatin1(key)));
                    } else {
                        original = client.post("/api/v1/credits/deduct", body, headers);
                        if (original.status != 200 || original.header("Idempotent-Replayed") == "true") {
                            problems.add(
                                QStringLiteral("%1: %2 replayed=%3")
                                    .arg(QString::fromLatin1(key), describe(original),
                                         QString::fromLatin1(original.header("Idempotent-Replayed"))));
                            continue;
                        }
                    }
                    const QJsonObject transaction = original.json().value("transaction").toObject();
                    if (transaction.value("amount").toInteger() != -amount ||
                        transaction.value("reference").toString() != QString::fromLatin1(key) ||
                        transaction.value("kind").toString() != QLatin1String("deduction"))
                        problems.add(QStringLiteral("%1: wrong transaction %2")
                                         .arg(QString::fromLatin1(key), describe(original)));
                    charged.fetch_add(amount);

                    if (i % 5 == 0) { // the answer was "lost": the gateway sends the request again
                        const HttpResponse replay = client.post("/api/v1/credits/deduct", body, headers);
                        replays.fetch_add(1);
                        if (replay.status != 200 || replay.header("Idempotent-Replayed") != "true" ||
                            replay.body != original.body)
                            problems.add(QStringLiteral("replay %1: %2 replayed=%3 (original %4)")
                                             .arg(QString::fromLatin1(key), describe(replay),
                                                  QString::fromLatin1(replay.header("Idempotent-Replayed")),
                                                  describe(original)));
                    }
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.summary()));
        qInfo("%d deductions, %d replays, %d simultaneous pairs (%d answered 409 in progress)",
              kClients * kPerClient, replays.load(), simultaneous.load(), inProgress.load());
        QVERIFY(replays.load() > 0);
        QVERIFY(simultaneous.load() > 0);

        // Exactly once per key, in the database itself.
        const QString deductions =
            QStringLiteral("FROM transactions WHERE account_id = %1 AND kind = 'deduction'").arg(account);
        QCOMPARE(f->database.scalar(QStringLiteral("SELECT COUNT(*) ") + deductions),
                 qint64(kClients * kPerClient));
        QCOMPARE(f->database.scalar(QStringLiteral("SELECT COUNT(DISTINCT idempotency_key) ") + deductions),
                 qint64(kClients * kPerClient));
        QCOMPARE(f->database.scalar(QStringLiteral("SELECT COUNT(DISTINCT reference) ") + deductions),
                 qint64(kClients * kPerClient));
        QCOMPARE(f->database.scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT reference ") + deductions +
                                    QStringLiteral(" GROUP BY reference HAVING COUNT(*) <> 1) d")),
                 qint64(0));
        QCOMPARE(f->database.scalar(
                     QStringLiteral("SELECT COUNT(*) FROM transactions WHERE account_id = %1").arg(account)),
                 transactionsBefore + kClients * kPerClient);
        QCOMPARE(f->database.scalar(QStringLiteral("SELECT COALESCE(SUM(-amount), 0) ") + deductions),
                 charged.load());
        QCOMPARE(f->database.scalar(
                     QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key LIKE 'dd-%'")),
                 qint64(kClients * kPerClient));

        // Exact balances through the API.
        const QJsonObject balance = balanceOf(org);
        QCOMPARE(balance.value("balance").toInteger(), kAllocated - charged.load());
        QCOMPARE(balance.value("available").toInteger(), kAllocated - charged.load());
        QCOMPARE(balance.value("reserved").toInteger(), 0);
        // Sequence numbers are gapless and the last transaction carries the final balance.
        const QJsonArray newest =
            f->server->client(owner)
                ->get("/api/v1/credits/transactions?limit=1&organization_id=" + QByteArray::number(org))
                .json()
                .value("data")
                .toArray();
        QCOMPARE(newest.size(), 1);
        QCOMPARE(newest[0].toObject().value("balance_after").toInteger(), kAllocated - charged.load());
        QCOMPARE(newest[0].toObject().value("seq").toInteger(), transactionsBefore + kClients * kPerClient);
        verifyLedger();
    }

    // Many small deductions race for a balance that covers only some of them: never overdrawn.
    void parallelDeductionsNeverOverdraw()
    {
        const qint64 organization = f->createOrganization(owner, QStringLiteral("Overdraw"));
        QCOMPARE(f->allocate(f->adminToken, organization, 1000).status, 201);
        constexpr int kClients = 32;
        constexpr int kPerClient = 8;
        std::atomic<int> succeeded{0}, refused{0};
        Problems problems;
        std::latch start(kClients);
        std::vector<std::thread> threads;
        for (int t = 0; t < kClients; ++t) {
            threads.emplace_back([&, t] {
                HttpClient client("127.0.0.1", port());
                client.setBearer(owner);
                start.arrive_and_wait();
                for (int i = 0; i < kPerClient; ++i) {
                    const QByteArray key = "od-" + QByteArray::number(t) + '-' + QByteArray::number(i);
                    const HttpResponse response = client.post(
                        "/api/v1/credits/deduct", {{"organization_id", organization}, {"amount", 7}},
                        {{"Idempotency-Key", key}});
                    if (response.status == 200)
                        succeeded.fetch_add(1);
                    else if (response.status == 402 &&
                             response.errorCode() == QLatin1String("insufficient_credits"))
                        refused.fetch_add(1);
                    else
                        problems.add(describe(response));
                }
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.summary()));
        QCOMPARE(succeeded.load(), 1000 / 7);
        QCOMPARE(refused.load(), kClients * kPerClient - 1000 / 7);
        const QJsonObject balance = balanceOf(organization);
        QCOMPARE(balance.value("balance").toInteger(), 1000 % 7);
        // Refused requests stored nothing: their keys may be retried.
        QCOMPARE(f->database.scalar(
                     QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key LIKE 'od-%'")),
                 qint64(1000 / 7));
        verifyLedger();
    }

    // Balance 100, 50 holds of 10 at once: exactly 10 are granted, 40 refused, nothing over-booked.
    void concurrentHoldsNeverOverbook()
    {
        const qint64 organization = f->createOrganization(owner, QStringLiteral("Holds"));
        QCOMPARE(f->allocate(f->adminToken, organization, 100).status, 201);
        constexpr int kRequests = 50;
        std::vector<HttpResponse> responses(kRequests);
        std::latch start(kRequests);
        std::vector<std::thread> threads;
        for (int t = 0; t < kRequests; ++t) {
            threads.emplace_back([&, t] {
                HttpClient client("127.0.0.1", port());
                client.setBearer(owner);
                client.get("/healthz"); // connect before the start line
                start.arrive_and_wait();
                responses[static_cast<std::size_t>(t)] = client.post(
                    "/api/v1/credits/reserve", {{"organization_id", organization}, {"amount", 10}});
            });
        }
        for (std::thread& thread : threads)
            thread.join();

        int granted = 0, refused = 0;
        QSet<qint64> reservationIds;
        qint64 held = 0;
        for (const HttpResponse& response : responses) {
            if (response.status == 201) {
                ++granted;
                const QJsonObject reservation = response.json().value("reservation").toObject();
                QCOMPARE(reservation.value("status").toString(), QStringLiteral("held"));
                QCOMPARE(reservation.value("amount").toInteger(), 10);
                reservationIds.insert(reservation.value("id").toInteger());
                held += reservation.value("amount").toInteger();
                QVERIFY(response.json().value("available").toInteger() >= 0);
            } else {
                QVERIFY2(response.status == 402, qPrintable(describe(response)));
                QCOMPARE(response.errorCode(), QStringLiteral("insufficient_credits"));
                ++refused;
            }
        }
        QCOMPARE(granted, 10);
        QCOMPARE(refused, 40);
        QCOMPARE(reservationIds.size(), 10);
        QCOMPARE(held, 100);

        const QJsonObject balance = balanceOf(organization);
        QCOMPARE(balance.value("balance").toInteger(), 100);
        QCOMPARE(balance.value("reserved").toInteger(), 100);
        QCOMPARE(balance.value("available").toInteger(), 0);
        QCOMPARE(
            f->database.scalar(
                QStringLiteral("SELECT COUNT(*) FROM reservations WHERE account_id = %1 AND status = 'held'")
                    .arg(accountOf(organization))),
            qint64(10));
        // Nothing is left to deduct without a hold.
        const HttpResponse deduct = f->server->client(owner)->post(
            "/api/v1/credits/deduct", {{"organization_id", organization}, {"amount", 1}});
        QCOMPARE(deduct.status, 402);
        QCOMPARE(deduct.errorCode(), QStringLiteral("insufficient_credits"));

        // Settling all ten at once, each for 7, books exactly 70 and frees the rest.
        std::vector<HttpResponse> settled(reservationIds.size());
        std::vector<std::thread> settlers;
        int index = 0;
        for (const qint64 id : std::as_const(reservationIds)) {
            settlers.emplace_back([&, id, index] {
                HttpClient client("127.0.0.1", port());
                client.setBearer(owner);
                settled[static_cast<std::size_t>(index)] = client.post(
                    "/api/v1/credits/reservations/" + QByteArray::number(id) + "/settle", {{"amount", 7}});
            });
            ++index;
        }
        for (std::thread& thread : settlers)
            thread.join();
        for (const HttpResponse& response : settled)
            QVERIFY2(response.status == 200, qPrintable(describe(response)));
        const QJsonObject after = balanceOf(organization);
        QCOMPARE(after.value("balance").toInteger(), 30);
        QCOMPARE(after.value("reserved").toInteger(), 0);
        QCOMPARE(after.value("available").toInteger(), 30);
        verifyLedger();
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
