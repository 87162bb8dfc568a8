// The credit ledger through the public API: allocation, draw-down order, deduction, refunds, holds,
// expiry and idempotency, with exact balances and `verify` after each scenario.
#include "TestServer.h"

#include <QJsonArray>
#include <QTest>

using namespace creditdesk::test;

class TestLedger : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;

    HttpResponse deduct(qint64 amount, const QByteArray& key = {})
    {
        Headers headers;
        if (!key.isEmpty())
            headers.append({"Idempotency-Key", key});
        return f->server->client(owner)->post(
            "/api/v1/credits/deduct",
            QJsonObject{{QStringLiteral("organization_id"), org}, {QStringLiteral("amount"), amount}}, headers);
    }
    void verifyLedger()
    {
        QByteArray output;
        QCOMPARE(TestServer::runCommand({QStringLiteral("verify"), QStringLiteral("--database"), f->database.url()}, &output), 0);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        f->addMember(f->adminToken, org, QStringLiteral("owner@acme.test"), QStringLiteral("owner"));
        owner = f->login(QStringLiteral("owner@acme.test"), Fixture::passwordFor(QStringLiteral("owner@acme.test")));
    }
    void cleanup() { f.reset(); }

    void deductDrawsDownInPriorityThenExpiryOrder()
    {
        auto client = f->server->client(owner);
        const QString soon = QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate);
        const QString later = QDateTime::currentDateTimeUtc().addDays(10).toString(Qt::ISODate);
        QCOMPARE(client->post("/api/v1/credits/allocate", {{"organization_id", org}, {"amount", 100}, {"kind", "purchase"}}).status, 201);
        QCOMPARE(client->post("/api/v1/credits/allocate", {{"organization_id", org}, {"amount", 50}, {"kind", "bonus"}, {"expires_at", later}}).status, 201);
        QCOMPARE(client->post("/api/v1/credits/allocate", {{"organization_id", org}, {"amount", 30}, {"kind", "bonus"}, {"expires_at", soon}}).status, 201);
        const HttpResponse response = deduct(60);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value("balance").toInteger(), 120);
        const QJsonArray grants = client->get("/api/v1/credits/balance?organization_id=" + QByteArray::number(org)).json().value("grants").toArray();
        QCOMPARE(grants.size(), 2); // the bonus expiring soon is used up, then 30 of the later one
        QCOMPARE(grants[0].toObject().value("remaining").toInteger(), 20);
        QCOMPARE(grants[0].toObject().value("kind").toString(), QStringLiteral("bonus"));
        QCOMPARE(grants[1].toObject().value("remaining").toInteger(), 100);
        verifyLedger();
    }

    void insufficientCreditsChangesNothing()
    {
        QCOMPARE(f->allocate(owner, org, 100).status, 201);
        const QStringList before = f->database.dump();
        const HttpResponse response = deduct(101);
        QCOMPARE(response.status, 402);
        QCOMPARE(response.errorCode(), QStringLiteral("insufficient_credits"));
        QCOMPARE(f->database.dump(), before);
    }

    void idempotentReplayAndConflict()
    {
        QCOMPARE(f->allocate(owner, org, 100).status, 201);
        const HttpResponse first = deduct(10, "key-1");
        QCOMPARE(first.status, 200);
        const HttpResponse replay = deduct(10, "key-1");
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.body, first.body);
        const HttpResponse other = deduct(11, "key-1");
        QCOMPARE(other.status, 409);
        QCOMPARE(other.errorCode(), QStringLiteral("idempotency_key_reused"));
        QCOMPARE(f->balance(owner, org), 90);
        verifyLedger();
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
