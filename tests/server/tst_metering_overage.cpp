// Overage and personal accounts' billing terms through the public API against a real server (SQLite
// and PostgreSQL): with overage allowed an event draws what is available and records the rest, exactly,
// once, in the reports and under `verify`; without it the event is a 402 that changes nothing. Holds
// settle with overage too. Personal accounts are rated at the tier a platform administrator gave them,
// and only platform administrators change tiers or overage.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk::test;

class TestMeteringOverage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;
    QByteArray gateway; // metering:write
    qint64 ana = 0;     // member of the organization, with a personal account

    static QString at(qint64 secondsAgo = 60)
    {
        return QDateTime::currentDateTimeUtc().addSecs(-secondsAgo).toString(Qt::ISODateWithMs);
    }
    // Compute usage: 50 credits per 60,000 ms on the default rate card, so credits are exact.
    QJsonObject compute(const QString& id, qint64 credits, const QJsonObject& extra = {}) const
    {
        QJsonObject object{{"id", id},
                           {"occurred_at", at()},
                           {"organization_id", org},
                           {"kind", "compute"},
                           {"compute_ms", credits * 1200}};
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
    HttpResponse patch(const QByteArray& token, const QByteArray& path, const QByteArray& body)
    {
        return f->server->client(token)->request("PATCH", path, body, {{"Content-Type", "application/json"}});
    }
    QByteArray orgPath() const { return "/api/v1/organizations/" + QByteArray::number(org); }
    void allowOverage(bool allowed)
    {
        const HttpResponse response =
            patch(f->adminToken, orgPath(),
                  allowed ? R"({"overage_allowed":true})" : R"({"overage_allowed":false})");
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value("overage_allowed").toBool(), allowed);
    }
    qint64 balance() { return f->balance(owner, org); }
    qint64 overageTotal(qint64 accountOwnerOrg)
    {
        return f->database.scalar(
            QString("SELECT COALESCE(SUM(o.overage_credits), 0) FROM usage_overage o JOIN accounts a "
                    "ON a.id = o.account_id WHERE a.owner_kind = 'organization' AND a.owner_id = %1")
                .arg(accountOwnerOrg));
    }
    static QJsonObject result(const HttpResponse& response, int index)
    {
        return response.json().value("results").toArray().at(index).toObject();
    }
    void verifyLedger() { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMember(f->adminToken, org, "owner@acme.test", "owner");
        owner = f->login("owner@acme.test", Fixture::passwordFor("owner@acme.test"));
        ana = f->addMember(owner, org, "ana@acme.test", "member");
        gateway = f->createApiToken(owner, org, {"metering:write"});
        QCOMPARE(patch(f->adminToken, orgPath(), R"({"tier":"enterprise"})").status, 200);
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
    }
    void cleanup() { f.reset(); }

    void overageDrawsWhatIsAvailableAndRecordsTheRest()
    {
        allowOverage(true);
        const QJsonArray events{compute("o-1", 600), compute("o-2", 600), compute("o-3", 50)};
        const HttpResponse first = batch(events);
        QCOMPARE(first.status, 200);
        // 600 of 1,000; then 400 available of 600 (200 overage); then nothing available (50 overage).
        const qint64 credits[] = {600, 400, 0};
        const qint64 overage[] = {0, 200, 50};
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(result(first, i).value("status").toInt(), 200);
            QCOMPARE(result(first, i).value("credits").toInteger(), credits[i]);
            QCOMPARE(result(first, i).value("overage_credits").toInteger(), overage[i]);
        }
        QCOMPARE(balance(), 0);
        QCOMPARE(overageTotal(org), 250);
        QCOMPARE(f->database.scalar("SELECT SUM(overage_credits) FROM usage_events"), 250);
        QCOMPARE(f->database.scalar("SELECT MIN(remaining) FROM grants"), 0);
        // The event that drew nothing points at no debit.
        QCOMPARE(f->database.scalar(
                     "SELECT COUNT(*) FROM usage_events WHERE event_id = 'o-3' AND transaction_id IS NULL"),
                 1);

        // A replay answers the same and records nothing twice.
        const QStringList before = f->database.dump();
        const HttpResponse replay = batch(events);
        QCOMPARE(replay.json(), first.json());
        QCOMPARE(f->database.dump(), before);

        // A single event: all of it is overage.
        const QJsonObject single = compute("o-4", 50);
        const HttpResponse tracked = track(single);
        QCOMPARE(tracked.status, 200);
        QCOMPARE(tracked.json().value("credits").toInteger(), 0);
        QCOMPARE(tracked.json().value("overage_credits").toInteger(), 50);
        QCOMPARE(tracked.json().value("credits_micro").toInteger(), 50'000'000);
        QVERIFY(tracked.json().value("transaction_id").isNull());
        const HttpResponse trackedAgain = track(single);
        QCOMPARE(trackedAgain.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(trackedAgain.json(), tracked.json());
        QCOMPARE(overageTotal(org), 300);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events"), 4);

        // Reports show the overage beside the credits charged.
        const QByteArray query = "?organization_id=" + QByteArray::number(org);
        const QJsonObject totals = f->server->client(owner)
                                       ->get("/api/v1/metering/summary" + query)
                                       .json()
                                       .value("totals")
                                       .toObject();
        QCOMPARE(totals.value("credits").toInteger(), 1000);
        QCOMPARE(totals.value("overage_credits").toInteger(), 300);
        QCOMPARE(totals.value("credits_micro").toInteger(), 1'300'000'000);
        const QJsonObject billing = f->server->client(owner)->get("/api/v1/billing/usage" + query).json();
        QCOMPARE(billing.value("totals").toObject().value("overage_credits").toInteger(), 300);
        const QJsonArray rows = billing.value("data").toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value("label").toString(), QString("compute"));
        QCOMPARE(rows[0].toObject().value("overage_credits").toInteger(), 300);
        for (const QByteArray path : {"/api/v1/metering/summary", "/api/v1/billing/usage"}) {
            const HttpResponse csv =
                f->server->client(owner)->request("GET", path + query, {}, {{"Accept", "text/csv"}});
            QCOMPARE(csv.status, 200);
            const QList<QByteArray> lines = csv.body.trimmed().split('\n');
            QCOMPARE(lines.size(), 2);
            const QList<QByteArray> header = lines[0].trimmed().split(',');
            const QList<QByteArray> values = lines[1].trimmed().split(',');
            QCOMPARE(values.size(), header.size());
            QCOMPARE(values.at(header.indexOf("overage_credits")), QByteArray("300"));
            QCOMPARE(values.at(header.indexOf("credits")), QByteArray("1000"));
        }
        verifyLedger();

        // `verify` notices an overage total that disagrees with the events.
        QCOMPARE(
            f->database.scalar(
                "UPDATE usage_overage SET overage_credits = overage_credits + 1 RETURNING overage_credits"),
            301);
        QByteArray output;
        QCOMPARE(TestServer::runCommand({"verify", "--database", f->database.url()}, &output), 1);
        QVERIFY2(output.contains("overage total"), output.constData());
        QCOMPARE(
            f->database.scalar(
                "UPDATE usage_overage SET overage_credits = overage_credits - 1 RETURNING overage_credits"),
            300);
        verifyLedger();
    }

    void withoutOverageTheEventIsRefusedAndNothingChanges()
    {
        const HttpResponse spent = track(compute("n-1", 600));
        QCOMPARE(spent.status, 200);
        QCOMPARE(spent.json().value("overage_credits").toInteger(), 0);
        const QStringList before = f->database.dump();
        const HttpResponse refused = track(compute("n-2", 600));
        QCOMPARE(refused.status, 402);
        QCOMPARE(refused.errorCode(), QString("insufficient_credits"));
        const QJsonObject details = refused.json().value("error").toObject().value("details").toObject();
        QCOMPARE(details.value("requested").toInteger(), 600);
        QCOMPARE(details.value("available").toInteger(), 400);
        const HttpResponse inBatch = batch({compute("n-2", 600)});
        QCOMPARE(result(inBatch, 0).value("status").toInt(), 402);
        QVERIFY(!result(inBatch, 0).contains("overage_credits"));
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(balance(), 400);

        // Once overage is allowed the same event is accepted (a refused id is free to use again).
        allowOverage(true);
        const HttpResponse accepted = track(compute("n-2", 600));
        QCOMPARE(accepted.status, 200);
        QCOMPARE(accepted.json().value("credits").toInteger(), 400);
        QCOMPARE(accepted.json().value("overage_credits").toInteger(), 200);
        QCOMPARE(balance(), 0);
        QCOMPARE(overageTotal(org), 200);
        // Switched off again: back to 402, and what was recorded stays.
        allowOverage(false);
        QCOMPARE(track(compute("n-3", 1)).status, 402);
        QCOMPARE(overageTotal(org), 200);
        verifyLedger();
    }

    void holdSettlesWithOverageBeyondTheHoldAndTheBalance()
    {
        auto client = f->server->client(owner);
        const HttpResponse held =
            client->post("/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 300}});
        QCOMPARE(held.status, 201);
        const qint64 hold = held.json().value("reservation").toObject().value("id").toInteger();
        QCOMPARE(track(compute("h-1", 600)).json().value("credits").toInteger(), 600); // 700 were available
        // 500 against a hold of 300 with 400 left in the balance: 402 without overage, the hold stays.
        const QStringList before = f->database.dump();
        const HttpResponse refused = track(compute("h-2", 500, {{"reservation_id", hold}}));
        QCOMPARE(refused.status, 402);
        QCOMPARE(f->database.dump(), before);
        allowOverage(true);
        const HttpResponse settled = track(compute("h-2", 500, {{"reservation_id", hold}}));
        QCOMPARE(settled.status, 200);
        QCOMPARE(settled.json().value("credits").toInteger(), 400);
        QCOMPARE(settled.json().value("overage_credits").toInteger(), 100);
        const QJsonObject reservation =
            client->get("/api/v1/credits/reservations/" + QByteArray::number(hold)).json();
        QCOMPARE(reservation.value("status").toString(), QString("settled"));
        QCOMPARE(reservation.value("settled_amount").toInteger(), 400);
        QCOMPARE(reservation.value("transaction_id").toInteger(),
                 settled.json().value("transaction_id").toInteger());
        QCOMPARE(balance(), 0);
        QCOMPARE(overageTotal(org), 100);
        // A hold on an empty account: released, all of it overage.
        QCOMPARE(f->allocate(f->adminToken, org, 10).status, 201);
        const HttpResponse second =
            client->post("/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 10}});
        const qint64 hold2 = second.json().value("reservation").toObject().value("id").toInteger();
        QCOMPARE(track(compute("h-3", 10)).json().value("overage_credits").toInteger(),
                 10); // the hold keeps the 10 back
        const HttpResponse onHold = track(compute("h-4", 30, {{"reservation_id", hold2}}));
        QCOMPARE(onHold.json().value("credits").toInteger(), 10);
        QCOMPARE(onHold.json().value("overage_credits").toInteger(), 20);
        QCOMPARE(balance(), 0);
        QCOMPARE(overageTotal(org), 130);
        verifyLedger();
    }

    void personalAccountsAreRatedAtTheirTier()
    {
        auto admin = f->server->client(f->adminToken);
        const QByteArray anaToken = f->login("ana@acme.test", Fixture::passwordFor("ana@acme.test"));
        QCOMPARE(
            admin
                ->post("/api/v1/credits/allocate", {{"user_id", ana}, {"amount", 1000}, {"kind", "purchase"}})
                .status,
            201);
        const auto personal = [&](const QString& id, const QString& model, qint64 in, qint64 out,
                                  qint64 computeMs = 0) {
            QJsonObject body{
                {"id", id},           {"occurred_at", at()},  {"user_id", ana},         {"kind", "chat"},
                {"tokens_input", in}, {"tokens_output", out}, {"compute_ms", computeMs}};
            if (!model.isEmpty())
                body.insert("model", model);
            return track(body, anaToken);
        };
        const auto personalBalance = [&] {
            return admin->get("/api/v1/credits/balance?user_id=" + QByteArray::number(ana))
                .json()
                .value("balance")
                .toInteger();
        };
        // New personal accounts are on the free tier: paid models are not in the plan.
        QCOMPARE(personal("p-1", "openai/gpt-4o", 1000, 500).errorCode(), QString("model_not_in_plan"));

        // Only platform administrators change a personal account's terms.
        const QByteArray path = "/api/v1/users/" + QByteArray::number(ana);
        const QStringList before = f->database.dump();
        QCOMPARE(patch(owner, path, R"({"tier":"starter"})").status, 403);
        QCOMPARE(patch(anaToken, path, R"({"tier":"starter","overage_allowed":true})").status, 403);
        QCOMPARE(patch(gateway, path, R"({"tier":"starter"})").status, 403);
        QCOMPARE(patch(owner, "/api/v1/users/999999", R"({"tier":"starter"})").status, 403);
        QCOMPARE(patch(f->adminToken, "/api/v1/users/999999", R"({"tier":"starter"})").status, 404);
        QCOMPARE(patch(f->adminToken, path, R"({"tier":"gold"})").errorCode(), QString("validation_failed"));
        QCOMPARE(patch(f->adminToken, path, R"({"billing_option":"byok"})").errorCode(),
                 QString("billing_option_not_in_tier"));
        const HttpResponse notBool = patch(f->adminToken, path, R"({"overage_allowed":"yes"})");
        QCOMPARE(notBool.status, 422);
        QCOMPARE(
            notBool.json().value("error").toObject().value("details").toObject().value("field").toString(),
            QString("overage_allowed"));
        QCOMPARE(patch(f->adminToken, path, R"({})").status, 422);
        QCOMPARE(patch(f->adminToken, path, R"({"tier":"starter","plan":"x"})").errorCode(),
                 QString("unknown_field"));
        QCOMPARE(f->database.dump(), before);

        const HttpResponse changed = patch(f->adminToken, path, R"({"tier":"starter"})");
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.json().value("id").toInteger(), ana);
        QCOMPARE(changed.json().value("tier").toString(), QString("starter"));
        QCOMPARE(changed.json().value("billing_option").toString(), QString("credits"));
        QCOMPARE(changed.json().value("overage_allowed").toBool(), false);
        QCOMPARE(f->server->client(anaToken)
                     ->get("/api/v1/me")
                     .json()
                     .value("user")
                     .toObject()
                     .value("tier")
                     .toString(),
                 QString("starter"));

        // Starter: gpt-4o, 1,000 in + 500 out = 7,500 µ$ + 10 % = 206.25 credits.
        const HttpResponse rated = personal("p-1", "openai/gpt-4o", 1000, 500);
        QCOMPARE(rated.status, 200);
        QCOMPARE(rated.json().value("credits_micro").toInteger(), 206'250'000);
        QCOMPARE(rated.json().value("credits").toInteger(), 206);
        QCOMPARE(personalBalance(), 794);
        const QJsonObject freeTier =
            f->server->client(anaToken)
                ->get("/api/v1/metering/free-tier?user_id=" + QByteArray::number(ana))
                .json();
        QCOMPARE(freeTier.value("tier").toString(), QString("starter"));

        // 1,000 credits of compute with 794 left: 402 until overage is allowed, then 794 + 206 overage
        // (the carry's .25 stays for the next event).
        QCOMPARE(personal("p-2", {}, 0, 0, 1'200'000).status, 402);
        QCOMPARE(patch(f->adminToken, path, R"({"overage_allowed":true})")
                     .json()
                     .value("overage_allowed")
                     .toBool(),
                 true);
        QCOMPARE(
            patch(f->adminToken, path, R"({"billing_option":"credits"})").json().value("tier").toString(),
            QString("starter"));
        const HttpResponse over = personal("p-2", {}, 0, 0, 1'200'000);
        QCOMPARE(over.status, 200);
        QCOMPARE(over.json().value("credits").toInteger(), 794);
        QCOMPARE(over.json().value("overage_credits").toInteger(), 206);
        QCOMPARE(personalBalance(), 0);
        QCOMPARE(
            f->database.scalar(
                QString(
                    "SELECT o.overage_credits FROM usage_overage o JOIN accounts a ON a.id = o.account_id "
                    "WHERE a.owner_kind = 'user' AND a.owner_id = %1")
                    .arg(ana)),
            206);
        QCOMPARE(f->database.scalar(
                     QString("SELECT c.carry_micro FROM usage_carry c JOIN accounts a ON a.id = c.account_id "
                             "WHERE a.owner_kind = 'user' AND a.owner_id = %1")
                         .arg(ana)),
                 250'000);
        const QJsonObject summary = f->server->client(anaToken)
                                        ->get("/api/v1/metering/summary?user_id=" + QByteArray::number(ana))
                                        .json();
        QCOMPARE(summary.value("totals").toObject().value("overage_credits").toInteger(), 206);
        // The organization's terms are untouched by the personal ones.
        QCOMPARE(overageTotal(org), 0);
        verifyLedger();
    }

    void organizationTermsArePlatformAdminOnly()
    {
        const QStringList before = f->database.dump();
        QCOMPARE(patch(owner, orgPath(), R"({"overage_allowed":true})").status, 403);
        QCOMPARE(patch(gateway, orgPath(), R"({"overage_allowed":true})").status, 403);
        QCOMPARE(patch(f->adminToken, orgPath(), R"({"overage_allowed":1})").errorCode(),
                 QString("validation_failed"));
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(f->server->client(owner)->get(orgPath()).json().value("overage_allowed").toBool(), false);
        allowOverage(true);
        QCOMPARE(f->server->client(owner)->get(orgPath()).json().value("overage_allowed").toBool(), true);
        // A tier change leaves overage as it was.
        const HttpResponse tier = patch(f->adminToken, orgPath(), R"({"tier":"starter"})");
        QCOMPARE(tier.json().value("tier").toString(), QString("starter"));
        QCOMPARE(tier.json().value("overage_allowed").toBool(), true);
    }

    void publicOrganizationMembersUseTheirOwnOverage()
    {
        const qint64 community = f->createOrganization(f->adminToken, "Community", "public");
        const qint64 carol = f->addMember(f->adminToken, community, "carol@acme.test", "member");
        auto admin = f->server->client(f->adminToken);
        QCOMPARE(patch(f->adminToken, "/api/v1/organizations/" + QByteArray::number(community),
                       R"({"tier":"enterprise","overage_allowed":true})")
                     .status,
                 200);
        QCOMPARE(admin
                     ->post("/api/v1/credits/allocate",
                            {{"user_id", carol}, {"amount", 100}, {"kind", "purchase"}})
                     .status,
                 201);
        const QByteArray token = f->createApiToken(f->adminToken, community, {"metering:write"});
        const auto event = [&](const QString& id) {
            QJsonObject body = compute(id, 150, {{"member_id", carol}});
            body.insert("organization_id", community);
            return track(body, token);
        };
        // Carol pays, and her personal account does not allow overage: 402 whatever the organization says.
        QCOMPARE(event("pub-1").status, 402);
        QCOMPARE(
            patch(f->adminToken, "/api/v1/users/" + QByteArray::number(carol), R"({"overage_allowed":true})")
                .status,
            200);
        const HttpResponse accepted = event("pub-1");
        QCOMPARE(accepted.status, 200);
        QCOMPARE(accepted.json().value("credits").toInteger(), 100);
        QCOMPARE(accepted.json().value("overage_credits").toInteger(), 50);
        QCOMPARE(overageTotal(community), 0);
        QCOMPARE(
            f->database.scalar(
                QString(
                    "SELECT o.overage_credits FROM usage_overage o JOIN accounts a ON a.id = o.account_id "
                    "WHERE a.owner_kind = 'user' AND a.owner_id = %1")
                    .arg(carol)),
            50);
        verifyLedger();
    }
};

QTEST_GUILESS_MAIN(TestMeteringOverage)
#include "tst_metering_overage.moc"
