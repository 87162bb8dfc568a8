// The OpenRouter price importer against an independent peer (label peer): Prism serves OpenRouter's
// own OpenAPI description (tests/data/openrouter/openapi.yaml), so GET /models answers with
// OpenRouter's documented example. That answer, as it is, goes to POST /api/v1/admin/prices/import;
// the per-token decimal strings must arrive as exact micro-dollars per million tokens and rate an event.
// Skipped when Prism is not installed (scripts/install-peers).
#include "TestServer.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace creditdesk::test;

class TestPriceImportPeer : public QObject
{
    Q_OBJECT

private:
    QProcess prism;
    quint16 prismPort = 0;
    std::unique_ptr<Fixture> f;

    static QString prismBinary()
    {
        if (!qEnvironmentVariable("PRISM_BIN").isEmpty())
            return qEnvironmentVariable("PRISM_BIN");
        const QString peers =
            qEnvironmentVariable("CREDITDESK_PEERS_DIR", QDir::homePath() + "/.cache/creditdesk-peers");
        for (const QString& candidate :
             {QString("/tmp/cdtools/node_modules/.bin/prism"), peers + "/node_modules/.bin/prism"})
            if (QFileInfo(candidate).isExecutable())
                return candidate;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString binary = prismBinary();
        const QString spec = QStringLiteral(CREDITDESK_SOURCE_DIR) + "/tests/data/openrouter/openapi.yaml";
        if (binary.isEmpty() || !QFileInfo::exists(spec))
            QSKIP("Prism or the OpenRouter peer description is missing (scripts/install-peers, "
                  "tests/data/openrouter)");
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        prismPort = probe.serverPort();
        probe.close();
        prism.setProcessChannelMode(QProcess::MergedChannels);
        prism.start(binary, {"mock", "-p", QString::number(prismPort), "-h", "127.0.0.1", spec});
        QVERIFY(prism.waitForStarted(10000));
        // The description is large: Prism needs a while before it answers.
        HttpResponse models;
        for (int i = 0; i < 600 && models.status != 200; ++i) {
            QTest::qWait(100);
            HttpClient client("127.0.0.1", prismPort);
            client.setBearer("sk-or-v1-test");
            models = client.get("/models");
        }
        QVERIFY2(models.status == 200, prism.readAll().right(2000).constData());
        f = std::make_unique<Fixture>();
    }

    void cleanupTestCase()
    {
        f.reset();
        if (prism.state() != QProcess::NotRunning) {
            prism.terminate();
            if (!prism.waitForFinished(5000))
                prism.kill();
        }
    }

    void importsOpenRouterModelsExactly()
    {
        HttpClient client("127.0.0.1", prismPort);
        client.setBearer("sk-or-v1-test");
        const HttpResponse models = client.get("/models");
        QCOMPARE(models.status, 200);
        const QJsonArray listed = models.json().value("data").toArray();
        QVERIFY(!listed.isEmpty());
        // Without a key OpenRouter's description requires, Prism refuses: the peer checks auth.
        QCOMPARE(HttpClient("127.0.0.1", prismPort).get("/models").status, 401);

        auto admin = f->server->client(f->adminToken);
        const QByteArray from =
            QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate).toLatin1();
        const HttpResponse imported =
            admin->request("POST", "/api/v1/admin/prices/import?effective_from=" + from, models.body,
                           {{"Content-Type", "application/json"}});
        QCOMPARE(imported.status, 200);
        const QJsonArray added = imported.json().value("added").toArray();
        QCOMPARE(added.size(), listed.size());
        // OpenRouter's example: openai/gpt-4 at "0.00003" and "0.00006" dollars per token.
        QJsonObject gpt4;
        for (const QJsonValue& price : added)
            if (price.toObject().value("model").toString() == "openai/gpt-4")
                gpt4 = price.toObject();
        QCOMPARE(gpt4.value("provider").toString(), QString("openai"));
        QCOMPARE(gpt4.value("input_micro_usd_per_mtok").toInteger(), 30'000'000);  // $30 per million
        QCOMPARE(gpt4.value("output_micro_usd_per_mtok").toInteger(), 60'000'000); // $60 per million
        QCOMPARE(gpt4.value("free").toBool(), false);

        // The same list again changes nothing.
        const HttpResponse again =
            admin->request("POST", "/api/v1/admin/prices/import?effective_from=" + from, models.body);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value("added").toArray().size(), 0);
        QCOMPARE(again.json().value("unchanged").toInteger(), qint64(listed.size()));

        // And the imported price rates usage: 1,000 + 1,000 tokens = $0.09 = 2,250 credits (enterprise: no
        // markup).
        const qint64 org = f->createOrganization(f->adminToken, "Peer Labs");
        QCOMPARE(admin
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                               R"({"tier":"enterprise"})")
                     .status,
                 200);
        QCOMPARE(f->allocate(f->adminToken, org, 10'000).status, 201);
        const HttpResponse rated =
            admin->post("/api/v1/metering/track",
                        {{"id", "peer-1"},
                         {"occurred_at", QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate)},
                         {"organization_id", org},
                         {"kind", "chat"},
                         {"model", "openai/gpt-4"},
                         {"tokens_input", 1000},
                         {"tokens_output", 1000}});
        QCOMPARE(rated.status, 200);
        QCOMPARE(rated.json().value("cost_micro_usd").toInteger(), 90'000);
        QCOMPARE(rated.json().value("credits").toInteger(), 2250);
        // Importing is a platform administrator's job.
        const QByteArray owner = [&] {
            f->addMember(f->adminToken, org, "owner@peer.test", "owner");
            return f->login("owner@peer.test", Fixture::passwordFor("owner@peer.test"));
        }();
        QCOMPARE(f->server->client(owner)->request("POST", "/api/v1/admin/prices/import", models.body).status,
                 403);
    }
};

QTEST_GUILESS_MAIN(TestPriceImportPeer)
#include "tst_price_import_peer.moc"
