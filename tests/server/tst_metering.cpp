// Metering through the public API against a real server (SQLite and PostgreSQL): golden ratings per
// tier and billing mode, price changes at an effective date, free models and BYOK, idempotency across
// both endpoints and a restart, per-event results, holds, the time window, tiers, reports with exact
// numbers and scoping, CSV and ?since=, retention, and `verify` after every scenario.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <mutex>
#include <thread>
#include <vector>

using namespace creditdesk::test;

class TestMetering : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;
    QByteArray gateway; // metering:write
    qint64 research = 0;
    qint64 ana = 0; // member in Research
    qint64 ben = 0; // member, no department

    static QString at(qint64 secondsAgo = 60)
    {
        return QDateTime::currentDateTimeUtc().addSecs(-secondsAgo).toString(Qt::ISODateWithMs);
    }
    QJsonObject event(const QString& id, const QString& model, qint64 in, qint64 out,
                      const QJsonObject& extra = {}) const
    {
        QJsonObject object{
            {"id", id},       {"occurred_at", at()}, {"organization_id", org}, {"kind", "chat"},
            {"model", model}, {"tokens_input", in},  {"tokens_output", out}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            object.insert(it.key(), it.value());
        return object;
    }
    HttpResponse track(const QJsonObject& body, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? gateway : token)->post("/api/v1/metering/track", body);
    }
    HttpResponse batch(const QJsonArray& events, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? gateway : token)
            ->post("/api/v1/metering/events", {{"events", events}});
    }
    void setTier(const QString& tier, const QString& option = "credits")
    {
        const HttpResponse response =
            f->server->client(f->adminToken)
                ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                          QJsonDocument(QJsonObject{{"tier", tier}, {"billing_option", option}})
                              .toJson(QJsonDocument::Compact));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value("tier").toString(), tier);
    }
    qint64 balance() { return f->balance(owner, org); }
    HttpResponse report(const QByteArray& path, const QByteArray& query = {}, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? owner : token)
            ->get(path + "?organization_id=" + QByteArray::number(org) + query);
    }
    void verifyLedger() { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMember(f->adminToken, org, "owner@acme.test", "owner");
        owner = f->login("owner@acme.test", Fixture::passwordFor("owner@acme.test"));
        research = f->createDepartment(owner, org, "Research");
        ana = f->addMember(owner, org, "ana@acme.test", "member", research);
        ben = f->addMember(owner, org, "ben@acme.test", "member");
        gateway = f->createApiToken(owner, org, {"metering:write"});
        QCOMPARE(f->allocate(f->adminToken, org, 1'000'000).status, 201);
    }
    void cleanup() { f.reset(); }

    void newOrganizationsStartOnFreeAndRefusePaidModels()
    {
        const QStringList before = f->database.dump();
        const HttpResponse refused = track(event("free-1", "openai/gpt-4o", 1000, 500));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), QString("model_not_in_plan"));
        QCOMPARE(f->database.dump(), before);
        // A free model: no provider cost, the free tier's $0.001 per 1,000 tokens: 1,500 µ$ = 37.5 credits.
        const HttpResponse free = track(event("free-2", "meta-llama/llama-3.3-70b-instruct:free", 1000, 500));
        QCOMPARE(free.status, 200);
        QCOMPARE(free.json().value("credits_micro").toInteger(), 37'500'000);
        QCOMPARE(free.json().value("credits").toInteger(), 37);
        QCOMPARE(free.json().value("markup_micro_usd").toInteger(), 1500);
        QCOMPARE(free.json().value("free_model").toBool(), true);
        QCOMPARE(balance(), 1'000'000 - 37);
        verifyLedger();
    }

    void goldenRatingsPerTierAndBillingMode_data()
    {
        QTest::addColumn<QString>("tier");
        QTest::addColumn<QString>("option");
        QTest::addColumn<qint64>("micro");
        QTest::addColumn<qint64>("markup");
        // gpt-4o, 1,000 in + 500 out = 7,500 µ$ = 187.5 credits before markup.
        QTest::newRow("starter") << "starter"
                                 << "credits" << 206'250'000LL << 750LL;
        QTest::newRow("professional, credits") << "professional"
                                               << "credits" << 196'875'000LL << 375LL;
        QTest::newRow("professional, byok") << "professional"
                                            << "byok" << 187'500'000LL << 0LL;
        QTest::newRow("enterprise") << "enterprise"
                                    << "credits" << 187'500'000LL << 0LL;
    }
    void goldenRatingsPerTierAndBillingMode()
    {
        QFETCH(QString, tier);
        QFETCH(QString, option);
        QFETCH(qint64, micro);
        QFETCH(qint64, markup);
        setTier(tier, option);
        const HttpResponse first = track(event("g-1", "openai/gpt-4o", 1000, 500, {{"member_id", ana}}));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value("cost_micro_usd").toInteger(), 7500);
        QCOMPARE(first.json().value("markup_micro_usd").toInteger(), markup);
        QCOMPARE(first.json().value("credits_micro").toInteger(), micro);
        QCOMPARE(first.json().value("credits").toInteger(), micro / 1'000'000);
        // The second identical event collects the first one's fraction from the account's carry.
        const HttpResponse second = track(event("g-2", "openai/gpt-4o", 1000, 500, {{"member_id", ana}}));
        QCOMPARE(second.json().value("credits").toInteger(), (2 * micro) / 1'000'000 - micro / 1'000'000);
        QCOMPARE(balance(), 1'000'000 - (2 * micro) / 1'000'000);
        // BYOK usage is compute only: 60 s of compute is 50 credits, no token charge.
        const HttpResponse byok =
            track(event("g-3", "openai/gpt-4o", 1000, 500, {{"byok", true}, {"compute_ms", 60000}}));
        QCOMPARE(byok.json().value("credits_micro").toInteger(), 50'000'000);
        QCOMPARE(byok.json().value("cost_micro_usd").toInteger(), 0);
        // A free model carries no percentage markup on paid tiers.
        const HttpResponse free = track(event("g-4", "meta-llama/llama-3.3-70b-instruct:free", 1000, 500));
        QCOMPARE(free.json().value("credits_micro").toInteger(), 0);
        verifyLedger();
    }

    void rateCardForUsageWithoutAModel()
    {
        setTier("starter");
        QJsonArray events{
            QJsonObject{{"id", "rc-compute"},
                        {"occurred_at", at()},
                        {"organization_id", org},
                        {"kind", "compute"},
                        {"compute_ms", 120000}},
            QJsonObject{
                {"id", "rc-search"}, {"occurred_at", at()}, {"organization_id", org}, {"kind", "search"}},
            QJsonObject{{"id", "rc-tts"},
                        {"occurred_at", at()},
                        {"organization_id", org},
                        {"kind", "tts"},
                        {"units", 2000}},
            QJsonObject{
                {"id", "rc-agent"}, {"occurred_at", at()}, {"organization_id", org}, {"kind", "agent"}},
            QJsonObject{{"id", "rc-tokens"},
                        {"occurred_at", at()},
                        {"organization_id", org},
                        {"kind", "chat"},
                        {"tokens_input", 1500},
                        {"tokens_output", 500}},
        };
        const HttpResponse response = batch(events);
        QCOMPARE(response.status, 200);
        const QJsonArray results = response.json().value("results").toArray();
        const qint64 expected[] = {100, 125, 750, 250, 200};
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(results[i].toObject().value("status").toInt(), 200);
            QCOMPARE(results[i].toObject().value("credits").toInteger(), expected[i]);
        }
        QCOMPARE(balance(), 1'000'000 - 1425);
        // Usage without a model is listed under its kind.
        const QJsonArray rows = report("/api/v1/metering/by-model").json().value("data").toArray();
        QStringList labels;
        for (const QJsonValue& row : rows)
            labels.append(row.toObject().value("label").toString());
        labels.sort();
        QCOMPARE(labels, QStringList({"agent", "chat", "compute", "search", "tts"}));
        verifyLedger();
    }

    void priceChangeAtAnEffectiveDate()
    {
        setTier("enterprise");
        auto admin = f->server->client(f->adminToken);
        const QString from = QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate);
        const HttpResponse added =
            admin->post("/api/v1/admin/prices", {{"model", "openai/gpt-4o"},
                                                 {"input_micro_usd_per_mtok", 2'000'000},
                                                 {"output_micro_usd_per_mtok", 8'000'000},
                                                 {"effective_from", from}});
        QCOMPARE(added.status, 201);
        // Before the change: the old price; after: the new one.
        QJsonObject old = event("p-old", "openai/gpt-4o", 1000, 500);
        old.insert("occurred_at", at(7200));
        QCOMPARE(track(old).json().value("cost_micro_usd").toInteger(), 7500);
        QCOMPARE(track(event("p-new", "openai/gpt-4o", 1000, 500)).json().value("cost_micro_usd").toInteger(),
                 6000);
        // A price in force cannot be edited; a future one can.
        const qint64 priceId = added.json().value("id").toInteger();
        QCOMPARE(admin
                     ->request("PATCH", "/api/v1/admin/prices/" + QByteArray::number(priceId),
                               R"({"input_micro_usd_per_mtok": 1})")
                     .status,
                 409);
        const QString later = QDateTime::currentDateTimeUtc().addDays(3).toString(Qt::ISODate);
        const HttpResponse future = admin->post("/api/v1/admin/prices", {{"model", "openai/gpt-4o"},
                                                                         {"input_micro_usd_per_mtok", 1},
                                                                         {"output_micro_usd_per_mtok", 1},
                                                                         {"effective_from", later}});
        QCOMPARE(future.status, 201);
        const HttpResponse edited = admin->request(
            "PATCH", "/api/v1/admin/prices/" + QByteArray::number(future.json().value("id").toInteger()),
            R"({"input_micro_usd_per_mtok": 1500000})");
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.json().value("input_micro_usd_per_mtok").toInteger(), 1'500'000);
        // Only platform admins change prices; everyone signed in may read them.
        QCOMPARE(
            f->server->client(owner)
                ->post("/api/v1/admin/prices",
                       {{"model", "a/b"}, {"input_micro_usd_per_mtok", 1}, {"output_micro_usd_per_mtok", 1}})
                .status,
            403);
        const QJsonArray prices =
            f->server->client(owner)->get("/api/v1/admin/prices").json().value("data").toArray();
        QVERIFY(prices.size() >= 25);
        int freeModels = 0;
        for (const QJsonValue& price : prices)
            freeModels += price.toObject().value("free").toBool() ? 1 : 0;
        QVERIFY(freeModels >= 3);
        verifyLedger();
    }

    void rateCardIsConfigurable()
    {
        setTier("starter");
        auto admin = f->server->client(f->adminToken);
        const HttpResponse changed =
            admin->request("PATCH", "/api/v1/admin/rate-card", R"({"search": {"credits": 7, "per": 1}})");
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.json().value("search").toObject().value("credits").toInteger(), 7);
        const HttpResponse searched =
            track({{"id", "s-1"}, {"occurred_at", at()}, {"organization_id", org}, {"kind", "search"}});
        QCOMPARE(searched.json().value("credits").toInteger(), 7);
        QCOMPARE(f->server->client(owner)
                     ->request("PATCH", "/api/v1/admin/rate-card", R"({"search": {"credits": 1, "per": 1}})")
                     .status,
                 403);

        // Nested numbers follow the rule of top-level ones: an integer is written as an integer.
        const QStringList before = f->database.dump();
        for (const QByteArray& body : {QByteArray(R"({"search": {"credits": 40.0, "per": 1}})"),
                                       QByteArray(R"({"search": {"credits": 4e1, "per": 1}})"),
                                       QByteArray(R"({"tokens": {"credits": 1, "per": 1E3}})"),
                                       QByteArray(R"({"search": {"credits": 7, "per": 1.0}})")}) {
            const HttpResponse refused = admin->request("PATCH", "/api/v1/admin/rate-card", body);
            QVERIFY2(refused.status == 422, body.constData());
            QCOMPARE(refused.errorCode(), QStringLiteral("validation_failed"));
        }
        QCOMPARE(f->database.dump(), before);
    }

    void idempotentAcrossEndpointsAndRestarts()
    {
        setTier("starter");
        const QJsonObject body = event("idem-1", "openai/gpt-4o", 1000, 500, {{"member_id", ana}});
        const HttpResponse first = track(body);
        QCOMPARE(first.status, 200);
        const qint64 after = balance();
        const HttpResponse replay = track(body);
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.json(), first.json());
        // The batch endpoint knows it too, and answers it as the original.
        const QJsonObject second =
            event("idem-2", "openai/gpt-4o", 1000, 500); // once: occurred_at is part of the event
        const HttpResponse inBatch = batch({body, second, second});
        const QJsonArray results = inBatch.json().value("results").toArray();
        QCOMPARE(results[0].toObject().value("status").toInt(), 200);
        QCOMPARE(results[0].toObject().value("credits").toInteger(),
                 first.json().value("credits").toInteger());
        QCOMPARE(results[2].toObject().value("credits").toInteger(),
                 results[1].toObject().value("credits").toInteger());
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events"), 2);
        // Same id, other content: 409, nothing recorded.
        const HttpResponse reused = track(event("idem-1", "openai/gpt-4o", 1001, 500, {{"member_id", ana}}));
        QCOMPARE(reused.status, 409);
        QCOMPARE(reused.errorCode(), QString("event_id_reused"));
        const qint64 beforeRestart = balance();
        QVERIFY(beforeRestart < after);
        // Across a restart: the ids are in the database, not in memory.
        f->server->stop();
        QVERIFY(f->server->start());
        const HttpResponse afterRestart = track(body);
        QCOMPARE(afterRestart.status, 200);
        QCOMPARE(afterRestart.json(), first.json());
        QCOMPARE(balance(), beforeRestart);
        verifyLedger();
    }

    void concurrentSingleEventsAreChargedOnce()
    {
        // 16 connections send 400 events, each event twice from two different connections at about the
        // same time: single events are coalesced into batches in the writer, so duplicates meet inside
        // one batch or across batches; either way each is stored and charged once, and both senders get
        // the same answer.
        setTier("starter");
        const QString when = at();
        const auto body = [&](int i) {
            return QJsonObject{{"id", QString("conc-%1").arg(i)},
                               {"occurred_at", when},
                               {"organization_id", org},
                               {"kind", "chat"},
                               {"model", "anthropic/claude-3-haiku"},
                               {"tokens_input", 1000 + i},
                               {"tokens_output", 500},
                               {"member_id", i % 2 ? ana : ben}};
        };
        std::vector<std::vector<QJsonObject>> answers(400);
        std::mutex mutex;
        std::vector<std::thread> threads;
        for (int t = 0; t < 16; ++t)
            threads.emplace_back([&, t] {
                HttpClient client("127.0.0.1", f->server->port());
                client.setBearer(gateway);
                for (int i = t % 8; i < 400; i += 8) { // threads t and t + 8 send the same events
                    const HttpResponse response = client.post("/api/v1/metering/track", body(i));
                    std::lock_guard lock(mutex);
                    answers[static_cast<std::size_t>(i)].push_back(
                        response.status == 200 ? response.json() : QJsonObject{{"status", response.status}});
                }
            });
        for (std::thread& thread : threads)
            thread.join();
        qint64 charged = 0;
        for (const auto& pair : answers) {
            QCOMPARE(pair.size(), std::size_t(2));
            QCOMPARE(pair[0], pair[1]);
            QVERIFY(pair[0].contains("credits"));
            charged += pair[0].value("credits").toInteger();
        }
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events"), 400);
        QCOMPARE(balance(), 1'000'000 - charged);
        verifyLedger();
    }

    void directoryChangesApplyToTheNextEvent()
    {
        // Whom an event is charged to, and on which terms, is cached for a second across requests;
        // a change made through this server applies to the very next event.
        const QString freeModel = "meta-llama/llama-3.3-70b-instruct:free";
        QCOMPARE(track(event("dir-1", freeModel, 1000, 500, {{"member_id", ben}})).status, 200);
        QCOMPARE(track(event("dir-2", "openai/gpt-4o", 1000, 500)).errorCode(), QString("model_not_in_plan"));
        setTier("starter");
        const HttpResponse paid = track(event("dir-3", "openai/gpt-4o", 1000, 500));
        QCOMPARE(paid.status, 200);
        QVERIFY(paid.json().value("credits").toInteger() > 0);

        QCOMPARE(f->server->client(owner)
                     ->request("DELETE", "/api/v1/organizations/" + QByteArray::number(org) + "/members/" +
                                             QByteArray::number(ben))
                     .status,
                 204);
        const QStringList before = f->database.dump();
        const HttpResponse removed = track(event("dir-4", freeModel, 1000, 500, {{"member_id", ben}}));
        QCOMPARE(removed.status, 422);
        QCOMPARE(
            removed.json().value("error").toObject().value("details").toObject().value("field").toString(),
            QString("member_id"));
        QCOMPARE(f->database.dump(), before);
        verifyLedger();
    }

    void perEventResultsAndNothingChargedOn402()
    {
        setTier("enterprise");
        const QStringList before = f->database.dump();
        // 100 M input tokens of claude-opus-4 = $1,500 = 37.5 M credits: more than the account has.
        const HttpResponse response = batch({
            event("r-1", "openai/gpt-4o", 1000, 500),
            event("r-2", "anthropic/claude-opus-4", 100'000'000, 0),
            QJsonObject{{"id", "r-3"},
                        {"occurred_at", at()},
                        {"organization_id", org},
                        {"kind", "chat"},
                        {"tokens_input", "many"}},
            event("r-4", "openai/gpt-4o", 1000, 500, {{"status", "error"}}),
            event("r-5", "openai/gpt-4o", 1000, 500, {{"member_id", 999999}}),
        });
        QCOMPARE(response.status, 200);
        const QJsonArray results = response.json().value("results").toArray();
        QCOMPARE(results.size(), 5);
        QCOMPARE(results[0].toObject().value("status").toInt(), 200);
        QCOMPARE(results[1].toObject().value("status").toInt(), 402);
        QCOMPARE(results[1].toObject().value("error").toObject().value("code").toString(),
                 QString("insufficient_credits"));
        QCOMPARE(results[2].toObject().value("status").toInt(), 422);
        QCOMPARE(results[2].toObject().value("id").toString(), QString("r-3"));
        QCOMPARE(results[3].toObject().value("status").toInt(), 200); // recorded, not charged
        QCOMPARE(results[3].toObject().value("credits").toInteger(), 0);
        QCOMPARE(results[4].toObject().value("status").toInt(), 422);
        QCOMPARE(balance(), 1'000'000 - 187);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events WHERE event_id = 'r-2'"), 0);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events WHERE status = 'error'"), 1);
        QVERIFY(f->database.dump() != before);
        // The refused event may be sent again once credits are there.
        QCOMPARE(f->allocate(f->adminToken, org, 40'000'000).status, 201);
        QCOMPARE(batch({event("r-2", "anthropic/claude-opus-4", 100'000'000, 0)})
                     .json()
                     .value("results")
                     .toArray()[0]
                     .toObject()
                     .value("status")
                     .toInt(),
                 200);
        verifyLedger();
    }

    void eventsOutsideTheWindowAreRefused()
    {
        setTier("starter");
        QJsonObject old = event("w-1", "openai/gpt-4o", 10, 10);
        old.insert("occurred_at", at(36 * 24 * 3600));
        QCOMPARE(track(old).errorCode(), QString("event_too_old"));
        QJsonObject future = event("w-2", "openai/gpt-4o", 10, 10);
        future.insert("occurred_at", QDateTime::currentDateTimeUtc().addSecs(600).toString(Qt::ISODate));
        QCOMPARE(track(future).errorCode(), QString("event_in_future"));
        QJsonObject recent = event("w-3", "openai/gpt-4o", 10, 10);
        recent.insert("occurred_at", at(34 * 24 * 3600));
        QCOMPARE(track(recent).status, 200);
    }

    void reservationIsSettledByTheEvent()
    {
        setTier("enterprise");
        auto client = f->server->client(owner);
        const HttpResponse held = client->post(
            "/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 500}, {"member_id", ana}});
        QCOMPARE(held.status, 201);
        const qint64 hold = held.json().value("reservation").toObject().value("id").toInteger();
        const HttpResponse charged =
            track(event("h-1", "openai/gpt-4o", 1000, 500, {{"reservation_id", hold}, {"member_id", ana}}));
        QCOMPARE(charged.status, 200);
        QCOMPARE(charged.json().value("credits").toInteger(), 187);
        const QJsonObject reservation =
            client->get("/api/v1/credits/reservations/" + QByteArray::number(hold)).json();
        QCOMPARE(reservation.value("status").toString(), QString("settled"));
        QCOMPARE(reservation.value("settled_amount").toInteger(), 187);
        QCOMPARE(reservation.value("transaction_id").toInteger(),
                 charged.json().value("transaction_id").toInteger());
        // A closed hold refuses the next event that names it; nothing is charged for it.
        const HttpResponse again =
            track(event("h-2", "openai/gpt-4o", 1000, 500, {{"reservation_id", hold}}));
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QString("reservation_closed"));
        QCOMPARE(balance(), 1'000'000 - 187);
        verifyLedger();
    }

    void tierChangesArePlatformAdminOnly()
    {
        auto client = f->server->client(owner);
        QCOMPARE(client
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                               R"({"tier":"enterprise"})")
                     .status,
                 403);
        auto admin = f->server->client(f->adminToken);
        const QByteArray path = "/api/v1/organizations/" + QByteArray::number(org);
        QCOMPARE(admin->request("PATCH", path, R"({"tier":"gold"})").status, 422);
        QCOMPARE(admin->request("PATCH", path, R"({"billing_option":"byok"})").errorCode(),
                 QString("billing_option_not_in_tier"));
        QCOMPARE(admin->request("PATCH", path, R"({"tier":"professional","billing_option":"byok"})").status,
                 200);
        QCOMPARE(f->server->client(owner)->get(path).json().value("billing_option").toString(),
                 QString("byok"));
    }

    void tokensNeedTheMeteringScope()
    {
        const QByteArray reader = f->createApiToken(owner, org, {"credits:read", "credits:deduct"});
        QCOMPARE(track(event("t-1", "meta-llama/llama-3.3-70b-instruct:free", 1, 1), reader).status, 403);
        const qint64 other = f->createOrganization(f->adminToken, "Other");
        QJsonObject foreign = event("t-2", "meta-llama/llama-3.3-70b-instruct:free", 1, 1);
        foreign.insert("organization_id", other);
        QCOMPARE(track(foreign).status, 404);
        // Members may not report usage; owners may.
        const QByteArray member = f->login("ana@acme.test", Fixture::passwordFor("ana@acme.test"));
        QCOMPARE(track(event("t-3", "meta-llama/llama-3.3-70b-instruct:free", 1, 1), member).status, 403);
        QCOMPARE(track(event("t-4", "meta-llama/llama-3.3-70b-instruct:free", 1, 1), owner).status, 200);
    }

    void reportsWithExactNumbersAndScoping()
    {
        setTier("starter");
        const QByteArray manager = [&] {
            f->addMember(owner, org, "mia@acme.test", "manager", research);
            return f->login("mia@acme.test", Fixture::passwordFor("mia@acme.test"));
        }();
        const QByteArray anaToken = f->login("ana@acme.test", Fixture::passwordFor("ana@acme.test"));
        QJsonObject yesterday = event("rep-1", "openai/gpt-4o", 1000, 500, {{"member_id", ana}});
        yesterday.insert("occurred_at", at(26 * 3600));
        const HttpResponse response = batch({
            yesterday,                                                         // 206.25 credits, Research
            event("rep-2", "openai/gpt-4o", 2000, 1000, {{"member_id", ana}}), // 412.5, Research
            event("rep-3", "anthropic/claude-3-haiku", 1000, 500,
                  {{"member_id", ben}}), // 24.0625, no department
            QJsonObject{{"id", "rep-4"},
                        {"occurred_at", at()},
                        {"organization_id", org},
                        {"kind", "compute"},
                        {"compute_ms", 60000}},
            event("rep-5", "meta-llama/llama-3.3-70b-instruct:free", 700, 300, {{"member_id", ben}}),
        });
        QCOMPARE(response.status, 200);
        // Charged in order through the carry: 206 (carry .25), 412 (.75), 24 (.8125), 50 (.8125), 0.
        QCOMPARE(balance(), 1'000'000 - 692);

        const QJsonObject summary = report("/api/v1/metering/summary").json();
        const QJsonObject totals = summary.value("totals").toObject();
        QCOMPARE(totals.value("events").toInteger(), 5);
        QCOMPARE(totals.value("credits").toInteger(), 692);
        QCOMPARE(totals.value("credits_micro").toInteger(), 692'812'500);
        QCOMPARE(totals.value("tokens_total").toInteger(), 7000);
        QCOMPARE(totals.value("cost_micro_usd").toInteger(), 7500 + 15000 + 875);

        const QJsonArray byModel = report("/api/v1/metering/by-model").json().value("data").toArray();
        QCOMPARE(byModel.size(), 4);
        const QJsonArray byDate =
            report("/api/v1/metering/by-date", "&granularity=day").json().value("data").toArray();
        QCOMPARE(byDate.size(), 2);
        QCOMPARE(byDate[0].toObject().value("events").toInteger(), 1);
        QCOMPARE(byDate[1].toObject().value("events").toInteger(), 4);
        const QJsonArray byMonth =
            report("/api/v1/metering/by-date", "&granularity=month").json().value("data").toArray();
        qint64 monthEvents = 0;
        for (const QJsonValue& month : byMonth)
            monthEvents += month.toObject().value("events").toInteger();
        QCOMPARE(monthEvents, 5);

        const QJsonArray byDepartment =
            report("/api/v1/metering/by-department").json().value("data").toArray();
        QCOMPARE(byDepartment.size(), 2); // no department, Research
        QCOMPARE(byDepartment[1].toObject().value("name").toString(), QString("Research"));
        QCOMPARE(byDepartment[1].toObject().value("credits_micro").toInteger(), 618'750'000);

        // Scoping: the Research manager sees Research only; a member sees themselves only.
        const QJsonObject managerSummary =
            report("/api/v1/metering/summary", {}, manager).json().value("totals").toObject();
        QCOMPARE(managerSummary.value("events").toInteger(), 2);
        const QJsonArray anaMembers =
            report("/api/v1/metering/by-member", {}, anaToken).json().value("data").toArray();
        QCOMPARE(anaMembers.size(), 1);
        QCOMPARE(anaMembers[0].toObject().value("member_id").toInteger(), ana);
        QCOMPARE(anaMembers[0].toObject().value("email").toString(), QString("ana@acme.test"));
        // Asking for someone else is refused (docs/metering.md "Scope").
        QCOMPARE(
            report("/api/v1/metering/by-member", "&member_id=" + QByteArray::number(ben), anaToken).status,
            403);
        QCOMPARE(report("/api/v1/metering/summary", {}, gateway).status, 403);

        // Free models, and the seed-003 billing view.
        const QJsonObject free = report("/api/v1/metering/free-tier").json();
        QCOMPARE(free.value("totals").toObject().value("events").toInteger(), 1);
        QCOMPARE(free.value("totals").toObject().value("tokens_total").toInteger(), 1000);
        const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        const QString start = QDateTime::currentDateTimeUtc().date().addDays(-7).toString(Qt::ISODate);
        const QJsonObject billing =
            f->server->client(owner)
                ->get("/api/v1/billing/usage?organization_id=" + QByteArray::number(org) +
                      "&start_date=" + start.toLatin1() + "&end_date=" + today.toLatin1())
                .json();
        QCOMPARE(billing.value("totals").toObject().value("credits").toInteger(), 692);
        QCOMPARE(billing.value("start_date").toString(), start);

        // CSV.
        const HttpResponse csv = f->server->client(owner)->request(
            "GET", "/api/v1/metering/by-department?organization_id=" + QByteArray::number(org), {},
            {{"Accept", "text/csv"}});
        QCOMPARE(csv.status, 200);
        QVERIFY(csv.header("Content-Type").startsWith("text/csv"));
        const QList<QByteArray> lines = csv.body.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith("department_id,name,events,"));
        QVERIFY(lines[2].contains(",Research,2,"));

        // ?since=: only groups changed after the cursor.
        const QByteArray cursor =
            report("/api/v1/metering/by-model").json().value("cursor").toString().toLatin1();
        QCOMPARE(
            report("/api/v1/metering/by-model", "&since=" + cursor).json().value("data").toArray().size(), 0);
        QCOMPARE(track(event("rep-6", "openai/gpt-4o", 10, 10)).status, 200);
        const QJsonArray changed =
            report("/api/v1/metering/by-model", "&since=" + cursor).json().value("data").toArray();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0].toObject().value("model").toString(), QString("openai/gpt-4o"));
        QCOMPARE(changed[0].toObject().value("events").toInteger(), 3);

        QCOMPARE(report("/api/v1/metering/by-date", "&granularity=week").status, 422);
        QCOMPARE(report("/api/v1/metering/summary", "&start_date=2026-13-01").status, 422);
        verifyLedger();
    }

    void publicOrganizationMembersAreBilledOnTheirOwnAccount()
    {
        const qint64 community = f->createOrganization(f->adminToken, "Community", "public");
        const qint64 carol = f->addMember(f->adminToken, community, "carol@acme.test", "member");
        auto admin = f->server->client(f->adminToken);
        admin->request("PATCH", "/api/v1/organizations/" + QByteArray::number(community),
                       R"({"tier":"starter"})");
        QCOMPARE(admin
                     ->post("/api/v1/credits/allocate",
                            {{"user_id", carol}, {"amount", 1000}, {"kind", "purchase"}})
                     .status,
                 201);
        const QByteArray token = f->createApiToken(f->adminToken, community, {"metering:write"});
        QJsonObject body = event("pub-1", "openai/gpt-4o", 1000, 500, {{"member_id", carol}});
        body.insert("organization_id", community);
        const HttpResponse response = track(body, token);
        QCOMPARE(response.status, 200);
        QCOMPARE(admin->get("/api/v1/credits/balance?user_id=" + QByteArray::number(carol))
                     .json()
                     .value("balance")
                     .toInteger(),
                 1000 - 206);
        verifyLedger();
    }

    void retentionPurgesRawEventsAndKeepsRollups()
    {
        setTier("starter");
        QCOMPARE(
            batch({event("old-1", "openai/gpt-4o", 1000, 500), event("old-2", "openai/gpt-4o", 1000, 500)})
                .status,
            200);
        const QString day = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        const QJsonObject before = report("/api/v1/metering/summary",
                                          "&start_date=" + day.toLatin1() + "&end_date=" + day.toLatin1())
                                       .json();
        f->server->stop();
        // 100 days later (server clock shifted for the drill), with the default 90-day retention.
        qputenv("CREDITDESK_CLOCK_OFFSET_SECONDS", QByteArray::number(100 * 24 * 3600));
        QVERIFY(f->server->start());
        qunsetenv("CREDITDESK_CLOCK_OFFSET_SECONDS");
        owner = f->login("owner@acme.test",
                         Fixture::passwordFor("owner@acme.test")); // sessions expired meanwhile
        for (int i = 0; i < 100 && f->database.scalar("SELECT COUNT(*) FROM usage_events") > 0; ++i)
            QTest::qWait(50);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events"), 0);
        const QJsonObject after = report("/api/v1/metering/summary",
                                         "&start_date=" + day.toLatin1() + "&end_date=" + day.toLatin1())
                                      .json();
        QCOMPARE(after.value("totals"), before.value("totals"));
        f->server->stop();
        verifyLedger();
        QVERIFY(f->server->start());
    }
};

QTEST_GUILESS_MAIN(TestMetering)
#include "tst_metering.moc"
