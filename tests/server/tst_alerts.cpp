// Alerts through the public API against a real server (SQLite and PostgreSQL): built-in rules on every
// account, rule changes with bad input (422 naming the field, nothing changed) and rule_builtin, firing
// exactly once under 64 concurrent deductions with its outbox event, re-arming at renewal (test clock) and
// after a grant, low balance, credits expiring on the test clock, department budgets and member limits at
// 80 % and 100 % with a budget raise re-arming them, the feed (since, acknowledge with a new seq), the
// scoping of every route, and the quota status for gateways.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using namespace creditdesk::test;

namespace {

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

class TestAlerts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;
    QByteArray gateway; // credits:deduct
    qint64 eng = 0;
    qint64 ana = 0; // member in eng
    qint64 ben = 0; // member in eng
    QByteArray anaToken;
    QByteArray finance;

    void setUpOrganization()
    {
        // The jobs run when the test clock moves, not on their own.
        f = std::make_unique<Fixture>(QStringList{
            QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"), QStringLiteral("315360000"),
            QStringLiteral("--jobs-interval-ms"), QStringLiteral("3600000")});
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMember(f->adminToken, org, "owner@acme.test", "owner");
        owner = f->loginMember("owner@acme.test");
        eng = f->createDepartment(owner, org, "Engineering");
        ana = f->addMember(owner, org, "ana@acme.test", "member", eng);
        ben = f->addMember(owner, org, "ben@acme.test", "member", eng);
        f->addMember(owner, org, "fin@acme.test", "finance");
        anaToken = f->loginMember("ana@acme.test");
        finance = f->loginMember("fin@acme.test");
        gateway = f->createApiToken(owner, org, {"credits:deduct"});
        // The starter plan's allowance: 750,000 credits a month (80 % = 600,000, 95 % = 712,500).
        QCOMPARE(send(f->adminToken, "PATCH", orgPath(), R"({"tier":"starter"})").status, 200);
        QCOMPARE(f->allocate(f->adminToken, org, 1'000'000).status, 201);
    }
    QByteArray orgPath() const { return "/api/v1/organizations/" + QByteArray::number(org); }
    QByteArray orgQuery() const { return "organization_id=" + QByteArray::number(org); }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& path,
                      const QByteArray& body = {})
    {
        return f->server->client(token)->request(method, path, body, {{"Content-Type", "application/json"}});
    }
    HttpResponse deduct(qint64 amount, std::optional<qint64> member = std::nullopt)
    {
        QJsonObject body{{"organization_id", org}, {"amount", amount}};
        if (member)
            body.insert("member_id", *member);
        return f->post(gateway, "/api/v1/credits/deduct", body);
    }
    QJsonArray alerts(const QByteArray& token, qint64 since = 0)
    {
        const HttpResponse response =
            f->get(token, "/api/v1/alerts?" + orgQuery() + "&since=" + QByteArray::number(since));
        if (response.status != 200)
            qWarning() << response.body;
        return response.json().value("data").toArray();
    }
    QJsonArray rules(const QByteArray& token, const QByteArray& query)
    {
        return f->get(token, "/api/v1/alerts/rules?" + query).json().value("data").toArray();
    }
    qint64 ruleId(const QString& kind, qint64 threshold)
    {
        for (const QJsonValue& rule : rules(owner, orgQuery()))
            if (rule["kind"].toString() == kind && rule["threshold"].toInteger() == threshold)
                return rule["id"].toInteger();
        return 0;
    }
    qint64 count(const char* sql) { return f->database.scalar(QString::fromLatin1(sql)); }
    HttpResponse moveClockBy(qint64 seconds)
    {
        return f->post(f->adminToken, "/api/v1/admin/test-clock", {{"advance_seconds", seconds}});
    }
    QJsonObject quota(const QByteArray& token, const QByteArray& extra = {})
    {
        const HttpResponse response = f->get(token, "/api/v1/quota?" + orgQuery() + extra);
        if (response.status != 200)
            qWarning() << response.body;
        return response.json();
    }

private Q_SLOTS:
    void init() { setUpOrganization(); }
    void cleanup() { f.reset(); }

    void builtinRulesOnEveryAccount()
    {
        const QJsonArray builtins = rules(owner, orgQuery());
        QCOMPARE(builtins.size(), 6);
        QStringList seen;
        for (const QJsonValue& rule : builtins) {
            QVERIFY(rule["builtin"].toBool());
            QVERIFY(rule["enabled"].toBool());
            seen << QStringLiteral("%1 %2 %3")
                        .arg(rule["kind"].toString())
                        .arg(rule["threshold"].toInteger())
                        .arg(rule["level"].toString());
        }
        QCOMPARE(seen, QStringList({"allowance_used 80 warning", "allowance_used 95 critical",
                                    "department_budget 80 warning", "department_budget 100 critical",
                                    "member_limit 80 warning", "member_limit 100 critical"}));
        // A personal account (a new user's) has them too, managed by the user.
        const QJsonArray personal = rules(anaToken, "user_id=" + QByteArray::number(ana));
        QCOMPARE(personal.size(), 6);
    }

    void ruleCrudAndBadInput()
    {
        const QByteArray path = "/api/v1/alerts/rules";
        const QStringList before = f->database.dump({"alert_rules ORDER BY id"});
        struct Bad
        {
            QJsonObject body;
            const char* field;
        };
        const Bad bad[] = {
            {{{"organization_id", org}, {"kind", "nonsense"}, {"threshold", 10}}, "kind"},
            {{{"organization_id", org}, {"kind", "low_balance"}, {"threshold", 0}}, "threshold"},
            {{{"organization_id", org}, {"kind", "allowance_used"}, {"threshold", 1001}}, "threshold"},
            {{{"organization_id", org}, {"kind", "credits_expiring"}, {"threshold", 400}}, "threshold"},
            {{{"organization_id", org}, {"kind", "low_balance"}, {"threshold", 10}, {"level", "loud"}},
             "level"},
            {{{"organization_id", org}, {"kind", "low_balance"}, {"threshold", "10"}}, "threshold"},
            {{{"organization_id", org}, {"threshold", 10}}, "kind"},
            {{{"organization_id", org}, {"kind", "low_balance"}, {"threshold", 10}, {"extra", 1}}, "extra"},
        };
        for (const Bad& b : bad) {
            const HttpResponse response = f->post(owner, path, b.body);
            QCOMPARE(response.status, 422);
            QCOMPARE(
                response.errorCode(),
                QString::fromLatin1(qstrcmp(b.field, "extra") == 0 ? "unknown_field" : "validation_failed"));
            QVERIFY2(response.body.contains(b.field), response.body.constData());
        }
        QCOMPARE(f->database.dump({"alert_rules ORDER BY id"}), before);

        const HttpResponse created = f->post(
            owner, path,
            {{"organization_id", org}, {"kind", "low_balance"}, {"threshold", 5000}, {"level", "critical"}});
        QCOMPARE(created.status, 201);
        const qint64 custom = created.json()["id"].toInteger();
        QCOMPARE(created.json()["builtin"].toBool(), false);
        QCOMPARE(created.json()["level"].toString(), QStringLiteral("critical"));
        QCOMPARE(rules(owner, orgQuery()).size(), 7);

        const QByteArray builtinPath = path + "/" + QByteArray::number(ruleId("allowance_used", 80));
        HttpResponse patched = send(owner, "PATCH", builtinPath, R"({"threshold":70,"enabled":false})");
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json()["threshold"].toInteger(), 70);
        QCOMPARE(patched.json()["enabled"].toBool(), false);
        const QStringList afterPatch = f->database.dump({"alert_rules ORDER BY id"});
        QCOMPARE(send(owner, "PATCH", builtinPath, R"({"enabled":"no"})").status, 422);
        QVERIFY(send(owner, "PATCH", builtinPath, R"({"threshold":0})").body.contains("threshold"));
        QVERIFY(send(owner, "PATCH", builtinPath, R"({"kind":"low_balance"})").body.contains("kind"));
        QCOMPARE(f->database.dump({"alert_rules ORDER BY id"}), afterPatch);

        const HttpResponse builtinDelete = send(owner, "DELETE", builtinPath);
        QCOMPARE(builtinDelete.status, 409);
        QCOMPARE(builtinDelete.errorCode(), QStringLiteral("rule_builtin"));
        QCOMPARE(send(owner, "DELETE", path + "/" + QByteArray::number(custom)).status, 200);
        QCOMPARE(rules(owner, orgQuery()).size(), 6);
        QCOMPARE(send(owner, "DELETE", path + "/" + QByteArray::number(custom)).status, 404);
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'alert_rule.%'"), 3);

        // Scoping: finance and members may not manage rules (403); another organization's owner does not
        // see this one (404), for the list, a new rule and a change.
        QCOMPARE(f->get(finance, path + "?" + orgQuery()).status, 403);
        QCOMPARE(f->get(anaToken, path + "?" + orgQuery()).status, 403);
        QCOMPARE(send(anaToken, "PATCH", builtinPath, R"({"threshold":60})").status, 403);
        const qint64 other = f->createOrganization(f->adminToken, "Other");
        f->addMember(f->adminToken, other, "boss@other.test", "owner");
        const QByteArray stranger = f->loginMember("boss@other.test");
        QCOMPARE(f->get(stranger, path + "?" + orgQuery()).status, 404);
        QCOMPARE(
            f->post(stranger, path, {{"organization_id", org}, {"kind", "low_balance"}, {"threshold", 5}})
                .status,
            404);
        QCOMPARE(send(stranger, "PATCH", builtinPath, R"({"threshold":60})").status, 404);
        QCOMPARE(send(stranger, "DELETE", builtinPath).status, 404);
        // A platform admin manages any account's rules; a user their personal account's, nobody else's.
        QCOMPARE(f->get(f->adminToken, path + "?" + orgQuery()).status, 200);
        QCOMPARE(f->get(anaToken, path + "?user_id=" + QByteArray::number(ben)).status, 404);
    }

    void allowanceFiresExactlyOnceUnderConcurrency()
    {
        QCOMPARE(deduct(599'000).status, 200);
        QCOMPARE(alerts(owner).size(), 0);
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("ok"));
        // 64 clients at once, 100 credits each: the 10th crosses 600,000. On PostgreSQL half of them go to a
        // second server process on the same database (the account's row lock serializes the two).
        std::unique_ptr<TestServer> second;
        if (f->database.isPostgres()) {
            second =
                std::make_unique<TestServer>(f->database.url(), QStringList{QStringLiteral("--test-clock")});
            QVERIFY(second->start());
        }
        std::latch start(64);
        std::vector<std::thread> threads;
        std::atomic<int> created{0};
        for (int i = 0; i < 64; ++i)
            threads.emplace_back([&, i] {
                auto client = (second && i % 2 ? second.get() : f->server.get())->client(gateway);
                start.arrive_and_wait();
                if (client->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 100}})
                        .status == 200)
                    ++created;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(created.load(), 64);
        const QJsonArray fired = alerts(owner);
        QCOMPARE(fired.size(), 1);
        const QJsonObject alert = fired[0].toObject();
        QCOMPARE(alert["kind"].toString(), QStringLiteral("allowance_used"));
        QCOMPARE(alert["level"].toString(), QStringLiteral("warning"));
        QCOMPARE(alert["threshold"].toInteger(), 80);
        QCOMPARE(alert["value"].toInteger(), 80); // 605,400 of 750,000
        QCOMPARE(alert["rule_id"].toInteger(), ruleId("allowance_used", 80));
        QVERIFY(alert["acknowledged_at"].isNull());
        // The outbox event, written with the alert: the alert as the feed renders it, with its account.
        QCOMPARE(count("SELECT COUNT(*) FROM outbox_events WHERE type = 'alert.fired'"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM alerts"), 1);
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("warning"));
        QCOMPARE(quota(owner)["allowance_used_percent"].toInteger(), 80);

        // 95 %: the critical rule, once.
        QCOMPARE(deduct(107'100).status, 200); // 712,500
        QCOMPARE(deduct(10).status, 200);
        QCOMPARE(alerts(owner).size(), 2);
        QCOMPARE(alerts(owner)[1].toObject()["level"].toString(), QStringLiteral("critical"));
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("critical"));
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    // A plan change between charges changes the allowance the rules measure: on free (no allowance) no
    // allowance rule can fire, so the account keeps no trigger; moved to starter by the operator, the next
    // charge past 80 % of starter's allowance fires (the triggers are recomputed, not kept from free).
    void planChangeRecomputesTheTriggers()
    {
        QCOMPARE(send(f->adminToken, "PATCH", orgPath(), R"({"tier":"free"})").status, 200);
        QCOMPARE(deduct(100).status, 200);
        QCOMPARE(send(f->adminToken, "PATCH", orgPath(), R"({"tier":"starter"})").status, 200);
        QCOMPARE(deduct(599'900).status, 200); // 600,000 of 750,000 this period
        const QJsonArray fired = alerts(owner);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0].toObject()["threshold"].toInteger(), 80);
        QCOMPARE(fired[0].toObject()["value"].toInteger(), 80);
        QCOMPARE(fired[0].toObject()["message"].toString(),
                 QStringLiteral("80 % of the monthly allowance used (600,000 of 750,000 credits)"));
    }

    // A refund of this period's charge is no longer spent: the allowance used goes down by it.
    void refundsGiveBackAllowance()
    {
        const HttpResponse charged = deduct(600'000);
        QCOMPARE(charged.status, 200);
        QCOMPARE(quota(owner)["allowance_used_percent"].toInteger(), 80);
        QCOMPARE(alerts(owner).size(), 1);
        const HttpResponse refunded =
            f->post(f->adminToken, "/api/v1/credits/refund",
                    {{"transaction_id", charged.json()["transaction"].toObject()["id"].toInteger()},
                     {"amount", 150'000},
                     {"reason", "outage"}});
        QCOMPARE(refunded.status, 201);
        QCOMPARE(quota(owner)["allowance_used_percent"].toInteger(), 60); // 450,000 of 750,000
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("ok"));
        QCOMPARE(deduct(1).status, 200);
        QCOMPARE(alerts(owner).size(), 1); // 450,001: below every threshold, nothing fires
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void settlementsAndUsageChargesFire()
    {
        const QByteArray metering = f->createApiToken(owner, org, {"metering:write"});
        const HttpResponse hold =
            f->post(gateway, "/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 600'000}});
        QCOMPARE(hold.status, 201);
        const qint64 holdId = hold.json()["reservation"].toObject()["id"].toInteger();
        QCOMPARE(alerts(owner).size(), 0); // a hold is not spending
        QCOMPARE(f->post(gateway, "/api/v1/credits/reservations/" + QByteArray::number(holdId) + "/settle",
                         {{"amount", 600'000}})
                     .status,
                 200);
        QCOMPARE(alerts(owner).size(), 1);
        QCOMPARE(deduct(112'000).status, 200);
        QCOMPARE(alerts(owner).size(), 1);
        // A usage event of 500 credits (compute: 50 credits per 60,000 ms) reaches 712,500: 95 %.
        const QString at = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODateWithMs);
        const HttpResponse tracked = f->post(metering, "/api/v1/metering/track",
                                             {{"id", "u-1"},
                                              {"occurred_at", at},
                                              {"organization_id", org},
                                              {"kind", "compute"},
                                              {"compute_ms", 500 * 1200}});
        QCOMPARE(tracked.status, 200);
        QCOMPARE(tracked.json()["credits"].toInteger(), 500);
        const QJsonArray fired = alerts(owner);
        QCOMPARE(fired.size(), 2);
        QCOMPARE(fired[1].toObject()["level"].toString(), QStringLiteral("critical"));
        QCOMPARE(fired[1].toObject()["value"].toInteger(), 95);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void outboxEventCarriesTheAlert()
    {
        QCOMPARE(deduct(600'000).status, 200);
        const QJsonObject alert = alerts(owner)[0].toObject();
        QSqlDatabase db = openDirectConnection(f->database.url(), QStringLiteral("outbox"));
        QSqlQuery query(db);
        QVERIFY(
            query.exec(QStringLiteral("SELECT payload, account_id, organization_id FROM outbox_events WHERE "
                                      "type = 'alert.fired'")));
        QVERIFY(query.next());
        QJsonObject payload = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
        QCOMPARE(payload.take("account_id").toInteger(), query.value(1).toLongLong());
        QCOMPARE(query.value(2).toLongLong(), org);
        QVERIFY(payload.take("member_id").isNull());
        QVERIFY(payload.take("department_id").isNull());
        QCOMPARE(payload, alert);
        QVERIFY(!query.next());
    }

    void rearmsAtRenewal()
    {
        QCOMPARE(deduct(600'000).status, 200);
        QCOMPARE(alerts(owner).size(), 1);
        QCOMPARE(deduct(1000).status, 200);
        QCOMPARE(alerts(owner).size(), 1); // fired once, not on every charge after it
        // The next billing period: the counter starts over and the rules are armed again.
        const QJsonObject subscription = f->get(owner, "/api/v1/subscription?" + orgQuery()).json();
        const qint64 end =
            QDateTime::fromString(subscription["current_period_end"].toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        QCOMPARE(f->post(f->adminToken, "/api/v1/admin/test-clock", {{"now", iso(end + 1000)}}).status, 200);
        QCOMPARE(quota(owner)["allowance_used_percent"].toInteger(), 0);
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("ok"));
        QCOMPARE(f->allocate(f->adminToken, org, 1'000'000).status, 201);
        QCOMPARE(deduct(599'999).status, 200);
        QCOMPARE(alerts(owner).size(), 1);
        QCOMPARE(deduct(1).status, 200);
        QCOMPARE(alerts(owner).size(), 2);
        QCOMPARE(alerts(owner)[1].toObject()["threshold"].toInteger(), 80);
    }

    void lowBalanceAndRearmAfterGrant()
    {
        QCOMPARE(f->post(owner, "/api/v1/alerts/rules",
                         {{"organization_id", org},
                          {"kind", "low_balance"},
                          {"threshold", 500'000},
                          {"level", "warning"}})
                     .status,
                 201);
        QCOMPARE(deduct(400'000).status, 200); // 600,000 left
        QCOMPARE(alerts(owner).size(), 0);
        QCOMPARE(deduct(100'001).status, 200); // 499,999 left: below 500,000 (and 500,001 spent: < 80 %)
        QJsonArray fired = alerts(owner);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0].toObject()["kind"].toString(), QStringLiteral("low_balance"));
        QCOMPARE(fired[0].toObject()["value"].toInteger(), 499'999);
        QCOMPARE(deduct(1).status, 200);
        QCOMPARE(alerts(owner).size(), 1);
        // A grant lifts the balance above the threshold: the rule is armed again and fires at the next
        // crossing.
        QCOMPARE(f->allocate(f->adminToken, org, 10'000).status, 201); // 509,998
        QCOMPARE(deduct(9'998).status, 200);                           // 500,000: not below
        QCOMPARE(alerts(owner).size(), 1);
        QCOMPARE(deduct(1).status, 200);
        QCOMPARE(alerts(owner).size(), 2);
        // A grant that does not reach the threshold does not re-arm it.
        QCOMPARE(deduct(100).status, 200);                         // 499,899
        QCOMPARE(f->allocate(f->adminToken, org, 10).status, 201); // 499,909
        QCOMPARE(deduct(1).status, 200);
        QCOMPARE(alerts(owner).size(), 2);
        // A released hold gives its credits back to the available balance: that re-arms the rule too.
        QCOMPARE(f->allocate(f->adminToken, org, 100'000).status, 201); // 599,908: armed again
        const HttpResponse hold =
            f->post(gateway, "/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 100'000}});
        QCOMPARE(hold.status, 201);
        QCOMPARE(deduct(1).status, 200); // 499,907 available: fires
        QCOMPARE(alerts(owner).size(), 3);
        const QByteArray holdPath =
            "/api/v1/credits/reservations/" +
            QByteArray::number(hold.json()["reservation"].toObject()["id"].toInteger());
        QCOMPARE(f->post(gateway, holdPath + "/release", {}).status, 200); // 599,907 available
        QCOMPARE(deduct(99'908).status,
                 200); // 499,999: fires again (and 610,011 spent: 80 % of the allowance)
        int lowBalance = 0;
        for (const QJsonValue& alert : alerts(owner))
            lowBalance += alert["kind"].toString() == QLatin1String("low_balance") ? 1 : 0;
        QCOMPARE(lowBalance, 4);
    }

    void creditsExpiringOnTheTestClock()
    {
        const qint64 now =
            QDateTime::fromString(f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString(),
                                  Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        QCOMPARE(f->post(f->adminToken, "/api/v1/credits/allocate",
                         {{"organization_id", org},
                          {"amount", 2'470},
                          {"kind", "bonus"},
                          {"expires_at", iso(now + 10LL * 24 * 3600 * 1000)}})
                     .status,
                 201);
        QCOMPARE(f->post(owner, "/api/v1/alerts/rules",
                         {{"organization_id", org},
                          {"kind", "credits_expiring"},
                          {"threshold", 7},
                          {"level", "warning"}})
                     .status,
                 201);
        QCOMPARE(moveClockBy(2 * 24 * 3600).status, 200); // expires in 8 days: not yet
        QCOMPARE(alerts(owner).size(), 0);
        QCOMPARE(moveClockBy(2 * 24 * 3600).status, 200); // in 6 days
        QJsonArray fired = alerts(owner);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0].toObject()["kind"].toString(), QStringLiteral("credits_expiring"));
        QCOMPARE(fired[0].toObject()["value"].toInteger(), 2'470);
        QCOMPARE(fired[0].toObject()["threshold"].toInteger(), 7);
        QCOMPARE(moveClockBy(24 * 3600).status, 200);
        QCOMPARE(alerts(owner).size(), 1); // once
    }

    void budgetsAndLimitsAt80And100()
    {
        QCOMPARE(send(owner, "PUT", orgPath() + "/members/" + QByteArray::number(ana) + "/limit",
                      R"({"credits":100,"period":"month","enforcement":"hard"})")
                     .status,
                 200);
        QCOMPARE(send(owner, "PUT", orgPath() + "/departments/" + QByteArray::number(eng) + "/budget",
                      R"({"credits":1000,"period":"month","enforcement":"soft"})")
                     .status,
                 200);
        QCOMPARE(deduct(79, ana).status, 200);
        QCOMPARE(alerts(owner).size(), 0);
        QCOMPARE(deduct(1, ana).status, 200); // 80 of 100
        QJsonArray fired = alerts(owner);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(fired[0].toObject()["kind"].toString(), QStringLiteral("member_limit"));
        QCOMPARE(fired[0].toObject()["value"].toInteger(), 80);
        QCOMPARE(deduct(19, ana).status, 200);
        QCOMPARE(alerts(owner).size(), 1);
        QCOMPARE(deduct(1, ana).status, 200); // 100 of 100
        fired = alerts(owner);
        QCOMPARE(fired.size(), 2);
        QCOMPARE(fired[1].toObject()["level"].toString(), QStringLiteral("critical"));
        QCOMPARE(deduct(1, ana).status, 403); // the hard limit refuses; no alert from a refusal
        QCOMPARE(alerts(owner).size(), 2);
        // The department's soft budget: 800 of 1,000, then beyond 1,000.
        QCOMPARE(deduct(699, ben).status, 200);
        QCOMPARE(alerts(owner).size(), 2);
        QCOMPARE(deduct(1, ben).status, 200); // 100 + 700 = 800
        QCOMPARE(alerts(owner).size(), 3);
        QCOMPARE(alerts(owner)[2].toObject()["kind"].toString(), QStringLiteral("department_budget"));
        QCOMPARE(deduct(300, ben).status, 200); // 1,100 of 1,000 (soft)
        QCOMPARE(alerts(owner).size(), 4);
        QCOMPARE(alerts(owner)[3].toObject()["value"].toInteger(), 110);
        QCOMPARE(count("SELECT COUNT(*) FROM outbox_events WHERE type = 'alert.fired'"), 4);

        // The member sees only the alerts about their own limit, and may acknowledge those.
        const QJsonArray own = alerts(anaToken);
        QCOMPARE(own.size(), 2);
        for (const QJsonValue& alert : own)
            QCOMPARE(alert["kind"].toString(), QStringLiteral("member_limit"));
        const QJsonArray all = alerts(owner);
        const qint64 departmentAlert = all[2].toObject()["id"].toInteger();
        QCOMPARE(
            f->post(anaToken, "/api/v1/alerts/" + QByteArray::number(departmentAlert) + "/acknowledge", {})
                .status,
            404);
        const QByteArray benToken = f->loginMember("ben@acme.test");
        QCOMPARE(alerts(benToken).size(), 0);
        QCOMPARE(f->post(benToken,
                         "/api/v1/alerts/" + QByteArray::number(own[0].toObject()["id"].toInteger()) +
                             "/acknowledge",
                         {})
                     .status,
                 404);
        const qint64 lastSeq = all[3].toObject()["seq"].toInteger();
        const HttpResponse acked = f->post(
            anaToken,
            "/api/v1/alerts/" + QByteArray::number(own[0].toObject()["id"].toInteger()) + "/acknowledge", {});
        QCOMPARE(acked.status, 200);
        QCOMPARE(acked.json()["acknowledged_by"].toInteger(), ana);
        QCOMPARE(acked.json()["seq"].toInteger(), lastSeq + 1); // a change: the feed's next number
        const HttpResponse again = f->post(
            owner,
            "/api/v1/alerts/" + QByteArray::number(own[0].toObject()["id"].toInteger()) + "/acknowledge", {});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json(), acked.json()); // idempotent
        const QJsonArray changed = alerts(owner, lastSeq);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0].toObject()["id"].toInteger(), own[0].toObject()["id"].toInteger());

        // A raise re-arms the rules whose threshold the member's use no longer reaches.
        QCOMPARE(send(owner, "PUT", orgPath() + "/members/" + QByteArray::number(ana) + "/limit",
                      R"({"credits":200,"period":"month","enforcement":"hard"})")
                     .status,
                 200);
        QCOMPARE(deduct(59, ana).status, 200); // 159 of 200
        QCOMPARE(alerts(owner).size(), 4);
        QCOMPARE(deduct(1, ana).status, 200); // 160 of 200: 80 %
        QCOMPARE(alerts(owner).size(), 5);
        QCOMPARE(alerts(owner)[4].toObject()["threshold"].toInteger(), 80);
    }

    void feedScoping()
    {
        QCOMPARE(deduct(600'000).status, 200);
        QCOMPARE(alerts(finance).size(), 1);
        QCOMPARE(alerts(anaToken).size(), 0); // not about her limit
        const qint64 alertId = alerts(owner)[0].toObject()["id"].toInteger();
        QCOMPARE(
            f->post(anaToken, "/api/v1/alerts/" + QByteArray::number(alertId) + "/acknowledge", {}).status,
            404);
        const qint64 other = f->createOrganization(f->adminToken, "Other");
        f->addMember(f->adminToken, other, "boss@other.test", "owner");
        const QByteArray stranger = f->loginMember("boss@other.test");
        QCOMPARE(f->get(stranger, "/api/v1/alerts?" + orgQuery()).status, 404);
        QCOMPARE(
            f->post(stranger, "/api/v1/alerts/" + QByteArray::number(alertId) + "/acknowledge", {}).status,
            404);
        QCOMPARE(f->get(stranger, "/api/v1/quota?" + orgQuery()).status, 404);
        QCOMPARE(f->post(owner, "/api/v1/alerts/999999/acknowledge", {}).status, 404);
        QCOMPARE(f->get(owner, "/api/v1/alerts?" + orgQuery() + "&since=-1").status, 422);
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'alert.acknowledged'"), 0);
        QCOMPARE(
            f->post(finance, "/api/v1/alerts/" + QByteArray::number(alertId) + "/acknowledge", {}).status,
            200);
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'alert.acknowledged'"), 1);
        // Paging: a full page names the next cursor.
        QCOMPARE(deduct(112'500).status, 200); // 95 %
        const HttpResponse first = f->get(owner, "/api/v1/alerts?" + orgQuery() + "&limit=1");
        QCOMPARE(first.json()["data"].toArray().size(), 1);
        const QByteArray cursor = first.json()["next_cursor"].toString().toLatin1();
        QVERIFY(!cursor.isEmpty());
        const HttpResponse second =
            f->get(owner, "/api/v1/alerts?" + orgQuery() + "&limit=1&cursor=" + cursor);
        QCOMPARE(second.json()["data"].toArray().size(), 1);
        QVERIFY(second.json()["data"].toArray()[0].toObject()["seq"].toInteger() > cursor.toLongLong());
    }

    void quotaLevelsAndMembers()
    {
        QJsonObject q = quota(owner);
        QCOMPARE(q["available"].toInteger(), 1'000'000);
        QCOMPARE(q["level"].toString(), QStringLiteral("ok"));
        QCOMPARE(q["allowance_used_percent"].toInteger(), 0);
        QVERIFY(q["budget"].isNull());
        QVERIFY(!q["resets_at"].toString().isEmpty());
        QCOMPARE(send(owner, "PUT", orgPath() + "/members/" + QByteArray::number(ana) + "/limit",
                      R"({"credits":100,"period":"month","enforcement":"hard"})")
                     .status,
                 200);
        QCOMPARE(deduct(30, ana).status, 200);
        q = quota(owner, "&member_id=" + QByteArray::number(ana));
        QCOMPARE(q["available"].toInteger(), 70);
        QCOMPARE(q["budget"].toObject()["scope"].toString(), QStringLiteral("member"));
        QCOMPARE(q["budget"].toObject()["remaining"].toInteger(), 70);
        // The member asks for themselves; not for someone else, nor for the whole pool.
        QCOMPARE(quota(anaToken, "&member_id=" + QByteArray::number(ana))["available"].toInteger(), 70);
        QCOMPARE(
            f->get(anaToken, "/api/v1/quota?" + orgQuery() + "&member_id=" + QByteArray::number(ben)).status,
            403);
        QCOMPARE(f->get(anaToken, "/api/v1/quota?" + orgQuery()).status, 403);
        // Ben has no limit: the pool.
        QCOMPARE(quota(owner, "&member_id=" + QByteArray::number(ben))["available"].toInteger(), 999'970);
        QCOMPARE(f->get(owner, "/api/v1/quota?" + orgQuery() + "&member_id=999999").status, 404);
        // An API token with credits:read.
        const QByteArray reader = f->createApiToken(owner, org, {"credits:read"});
        QCOMPARE(quota(reader)["available"].toInteger(), 999'970);
        // Levels by the allowance rules, exhausted at 0.
        QCOMPARE(deduct(70, ana).status, 200);
        QCOMPARE(quota(owner, "&member_id=" + QByteArray::number(ana))["level"].toString(),
                 QStringLiteral("exhausted"));
        QCOMPARE(deduct(599'900).status, 200); // 600,000 spent
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("warning"));
        QCOMPARE(deduct(112'500).status, 200); // 712,500
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("critical"));
        QCOMPARE(deduct(287'500).status, 200); // all
        QCOMPARE(quota(owner)["available"].toInteger(), 0);
        QCOMPARE(quota(owner)["level"].toString(), QStringLiteral("exhausted"));
    }
};

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
