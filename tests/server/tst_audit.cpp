// The audit trail: every successful state-changing request writes one entry in the same transaction as
// its change (refusals and idempotent replays write none), entries are hash-chained and `verify` finds a
// changed entry, and GET /api/v1/audit shows an organization's trail to its owners, admins and finance.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include <thread>
#include <vector>

using namespace creditdesk::test;

class TestAudit : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;

    QByteArray loginAs(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }
    QJsonArray entries(const QByteArray& token, const QByteArray& query)
    {
        const HttpResponse response = f->server->client(token)->get("/api/v1/audit?" + query);
        if (response.status != 200)
            qWarning("audit list: %d %s", response.status, response.body.constData());
        return response.json().value("data").toArray();
    }
    QJsonArray organizationEntries(const QByteArray& extra = {})
    {
        return entries(owner, "organization_id=" + QByteArray::number(org) + "&limit=1000" + extra);
    }
    static QStringList actionsOf(const QJsonArray& list)
    {
        QStringList actions;
        for (const QJsonValue& value : list)
            actions.prepend(value.toObject().value("action").toString()); // oldest first
        return actions;
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        f->addMember(f->adminToken, org, QStringLiteral("owner@acme.test"), QStringLiteral("owner"));
        owner = loginAs(QStringLiteral("owner@acme.test"));
    }
    void cleanup() { f.reset(); }

    void everyChangeWritesOneEntryAndRefusalsNone()
    {
        const qint64 countBefore = organizationEntries().size();
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
        auto client = f->server->client(owner);
        const HttpResponse spent =
            client->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 10}},
                         {{"X-Request-ID", "req-audit-1"}, {"Idempotency-Key", "k1"}});
        QCOMPARE(spent.status, 200);
        // A replay changes nothing: no second entry. A refusal changes nothing: no entry.
        QCOMPARE(client
                     ->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 10}},
                            {{"Idempotency-Key", "k1"}})
                     .status,
                 200);
        QCOMPARE(client->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 5000}}).status,
                 402);
        QCOMPARE(client->post("/api/v1/credits/allocate", {{"organization_id", org}, {"amount", 5}}).status,
                 403);

        const QJsonArray list = organizationEntries();
        QCOMPARE(list.size(), countBefore + 2);
        const QJsonObject deducted = list[0].toObject(); // newest first
        QCOMPARE(deducted.value("action").toString(), QStringLiteral("credits.deducted"));
        QCOMPARE(deducted.value("request_id").toString(), QStringLiteral("req-audit-1"));
        QCOMPARE(deducted.value("organization_id").toInteger(), org);
        QCOMPARE(deducted.value("actor").toObject().value("type").toString(), QStringLiteral("user"));
        QCOMPARE(deducted.value("actor").toObject().value("id").toInteger(),
                 client->get("/api/v1/me").json().value("user").toObject().value("id").toInteger());
        QCOMPARE(deducted.value("target").toObject().value("type").toString(), QStringLiteral("transaction"));
        QCOMPARE(deducted.value("target").toObject().value("id").toInteger(),
                 spent.json().value("transaction").toObject().value("id").toInteger());
        QCOMPARE(deducted.value("summary").toString(), QStringLiteral("-10 credits, balance 990"));
        QCOMPARE(deducted.value("hash").toString().size(), 64);
        const QJsonObject allocated = list[1].toObject();
        QCOMPARE(allocated.value("action").toString(), QStringLiteral("credits.allocated"));
        QCOMPARE(allocated.value("seq").toInteger() + 1, deducted.value("seq").toInteger());
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void organizationChangesAreRecordedWithoutSecrets()
    {
        // Creating an organization is recorded under the new organization.
        const QByteArray creator = owner;
        const qint64 created = f->createOrganization(creator, QStringLiteral("Newco"));
        const QJsonArray newco = entries(creator, "organization_id=" + QByteArray::number(created));
        QCOMPARE(newco.size(), 1);
        QCOMPARE(newco[0].toObject().value("action").toString(), QStringLiteral("organization.created"));
        QCOMPARE(newco[0].toObject().value("target").toObject().value("id").toInteger(), created);
        QCOMPARE(newco[0].toObject().value("summary").toString(),
                 QStringLiteral("team organization \"Newco\""));

        // A member added with a password, then promoted: the summary says before and after, never the
        // password.
        const qint64 mia =
            f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
        auto client = f->server->client(owner);
        QCOMPARE(client
                     ->request("PATCH",
                               "/api/v1/organizations/" + QByteArray::number(org) + "/members/" +
                                   QByteArray::number(mia),
                               R"({"role":"admin"})")
                     .status,
                 200);
        const QJsonArray changed = organizationEntries("&action=member.changed");
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0].toObject().value("summary").toString(), QStringLiteral("role member → admin"));
        QCOMPARE(changed[0].toObject().value("target").toObject().value("type").toString(),
                 QStringLiteral("member"));
        QCOMPARE(changed[0].toObject().value("target").toObject().value("id").toInteger(), mia);
        // People join by invitation: the invitation and its acceptance are recorded, never a password.
        const QJsonArray invited = organizationEntries("&action=invitation.created");
        QCOMPARE(invited.size(), 2); // the owner (invited by the platform admin) and Mia
        QCOMPARE(invited[0].toObject().value("summary").toString(),
                 QStringLiteral("mia@acme.test as member"));
        QCOMPARE(invited[0].toObject().value("target").toObject().value("type").toString(),
                 QStringLiteral("invitation"));
        const QJsonArray accepted = organizationEntries("&action=invitation.accepted");
        QCOMPARE(accepted.size(), 2);
        QCOMPARE(accepted[0].toObject().value("summary").toString(),
                 QStringLiteral("mia@acme.test joined as member (new user)"));
        QCOMPARE(accepted[0].toObject().value("actor").toObject().value("id").toInteger(), mia);
        QCOMPARE(accepted[0].toObject().value("target").toObject().value("id").toInteger(),
                 invited[0].toObject().value("target").toObject().value("id").toInteger());
        const QByteArray everything = QJsonDocument(entries(f->adminToken, "limit=1000")).toJson();
        QVERIFY(!everything.contains(Fixture::passwordFor(QStringLiteral("mia@acme.test")).toUtf8()));
        QVERIFY(!everything.contains("cdi_"));
        // Sign-ins belong to no organization and name the user who signed in.
        bool signIn = false;
        for (const QJsonValue& value : entries(f->adminToken, "action=session.created&limit=1000"))
            signIn = signIn || (value.toObject().value("organization_id").isNull() &&
                                value.toObject().value("actor").toObject().value("id").toInteger() > 0);
        QVERIFY(signIn);
    }

    void usageIsRecordedPerRequest()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 100'000).status, 201);
        const QByteArray gateway = f->createApiToken(owner, org, {QStringLiteral("metering:write")});
        auto client = f->server->client(gateway);
        const auto event = [&](const QString& id) {
            return QJsonObject{
                {"id", id},
                {"occurred_at", QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate)},
                {"organization_id", org},
                {"kind", "chat"},
                {"model", "meta-llama/llama-3.3-70b-instruct:free"},
                {"tokens_input", 1000},
                {"tokens_output", 500}};
        };
        QCOMPARE(client->post("/api/v1/metering/track", event("e-1"), {{"X-Request-ID", "track-1"}}).status,
                 200);
        QCOMPARE(client->post("/api/v1/metering/track", event("e-1")).status, 200); // a duplicate: no entry
        const HttpResponse batch = client->post(
            "/api/v1/metering/events", {{"events", QJsonArray{event("e-2"), event("e-3"), event("e-1")}}},
            {{"X-Request-ID", "batch-1"}});
        QCOMPARE(batch.status, 200);
        const QJsonArray results = batch.json().value("results").toArray();
        const qint64 charged = results[0].toObject().value("credits").toInteger() +
                               results[1].toObject().value("credits").toInteger(); // e-1 was a duplicate
        const QJsonArray usage = organizationEntries("&action=usage.recorded");
        QCOMPARE(usage.size(), 2);
        QCOMPARE(usage[0].toObject().value("request_id").toString(), QStringLiteral("batch-1"));
        QCOMPARE(usage[0].toObject().value("summary").toString(),
                 QStringLiteral("2 of 3 events recorded: %1 credits").arg(charged));
        QVERIFY(charged > 0);
        QCOMPARE(usage[0].toObject().value("actor").toObject().value("type").toString(),
                 QStringLiteral("token"));
        QCOMPARE(usage[1].toObject().value("request_id").toString(), QStringLiteral("track-1"));
        QCOMPARE(usage[1].toObject().value("summary").toString(), QStringLiteral("event e-1: 37 credits"));
        QCOMPARE(usage[1].toObject().value("target").toObject().value("type").toString(),
                 QStringLiteral("transaction"));
        QVERIFY(usage[1].toObject().value("target").toObject().value("id").toInteger() > 0);
    }

    // Single events sent at once are recorded in shared write groups (and, on SQLite, their entries in
    // shared rows): each request still has its own entry, with its own request id and summary, and
    // the chain holds.
    void concurrentSingleEventsHaveAnEntryEach()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 1'000'000).status, 201);
        const QByteArray gateway = f->createApiToken(owner, org, {QStringLiteral("metering:write")});
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                auto client = f->server->client(gateway);
                for (int i = 0; i < 8; ++i) {
                    const QString id = QStringLiteral("c-%1-%2").arg(t).arg(i);
                    client->post(
                        "/api/v1/metering/track",
                        QJsonObject{{"id", id},
                                    {"occurred_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                                    {"organization_id", org},
                                    {"kind", "chat"},
                                    {"model", "meta-llama/llama-3.3-70b-instruct:free"},
                                    {"tokens_input", 1000},
                                    {"tokens_output", 500}},
                        {{"X-Request-ID", "req-" + id.toUtf8()}});
                }
            });
        for (std::thread& thread : threads)
            thread.join();
        const QJsonArray usage = organizationEntries("&action=usage.recorded");
        QCOMPARE(usage.size(), 64);
        QSet<QString> requests;
        for (const QJsonValue& value : usage) {
            const QJsonObject entry = value.toObject();
            const QString id = entry.value("request_id").toString().mid(4);
            requests.insert(entry.value("request_id").toString());
            // The transaction that charged it (events of one write group share their member's debit).
            QVERIFY(entry.value("target").toObject().value("id").toInteger() > 0);
            // The credits of each event differ by the carried fraction of a credit (37 or 38).
            QVERIFY2(QRegularExpression(QStringLiteral("^event %1: 3[78] credits$").arg(id))
                         .match(entry.value("summary").toString())
                         .hasMatch(),
                     qPrintable(entry.value("summary").toString()));
        }
        QCOMPARE(requests.size(), 64);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void concurrentWritesChainWithoutGaps()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 1'000'000).status, 201);
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&] {
                auto client = f->server->client(owner);
                for (int i = 0; i < 8; ++i)
                    client->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 1}});
            });
        for (std::thread& thread : threads)
            thread.join();
        const QJsonArray deductions = organizationEntries("&action=credits.deducted");
        QCOMPARE(deductions.size(), 64);
        const QJsonArray all = entries(f->adminToken, "limit=1000");
        for (int i = 0; i + 1 < all.size(); ++i) // newest first, every sequence number once
            QCOMPARE(all[i].toObject().value("seq").toInteger(),
                     all[i + 1].toObject().value("seq").toInteger() + 1);
        QCOMPARE(all.last().toObject().value("seq").toInteger(), 1);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void verifyFindsAChangedEntry()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
        QCOMPARE(f->server->client(owner)
                     ->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 7}})
                     .status,
                 200);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
        f->server->stop();
        {
            QSqlDatabase db = openDirectConnection(f->database.url(), QStringLiteral("tamper"));
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("UPDATE audit_log SET summary = '-1 credits, balance 999' "
                                              "WHERE action = 'credits.deducted'")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        const QByteArray report = ledgerProblems(f->database.url());
        QVERIFY2(report.contains("audit chain"), report.constData());
        QVERIFY2(report.contains("was changed"), report.constData());
    }

    void whoMayReadTheTrail()
    {
        f->addMember(f->adminToken, org, QStringLiteral("fin@acme.test"), QStringLiteral("finance"));
        f->addMember(f->adminToken, org, QStringLiteral("mem@acme.test"), QStringLiteral("member"));
        const qint64 other = f->createOrganization(f->adminToken, QStringLiteral("Other"));
        f->addMember(f->adminToken, other, QStringLiteral("out@other.test"), QStringLiteral("owner"));
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
        QCOMPARE(f->allocate(f->adminToken, other, 1000).status, 201);
        const QByteArray query = "/api/v1/audit?organization_id=" + QByteArray::number(org);
        QCOMPARE(f->server->client(loginAs(QStringLiteral("fin@acme.test")))->get(query).status, 200);
        const HttpResponse member = f->server->client(loginAs(QStringLiteral("mem@acme.test")))->get(query);
        QCOMPARE(member.status, 403);
        QCOMPARE(member.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(f->server->client(loginAs(QStringLiteral("out@other.test")))->get(query).status, 404);
        // Without an organization: platform administrators see every organization's, others are refused.
        const QJsonArray everything = entries(f->adminToken, "limit=1000");
        QSet<qint64> organizations;
        for (const QJsonValue& value : everything)
            organizations.insert(value.toObject().value("organization_id").toInteger());
        QVERIFY(organizations.contains(org) && organizations.contains(other));
        QCOMPARE(f->server->client(owner)->get("/api/v1/audit").status, 422);
        // Paging and sync.
        const QJsonArray page = entries(owner, "organization_id=" + QByteArray::number(org) + "&limit=1");
        QCOMPARE(page.size(), 1);
        const qint64 newest = page[0].toObject().value("seq").toInteger();
        QCOMPARE(entries(owner, "organization_id=" + QByteArray::number(org) +
                                    "&since=" + QByteArray::number(newest))
                     .size(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
