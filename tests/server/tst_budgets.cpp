// Department budgets and member limits through the public API against a real server (SQLite and
// PostgreSQL): enforcement on every spending route (deduct, reserve, settle, metering single and batch)
// with exact balances and error details, the member's limit before the department's budget, soft budgets
// that charge and record the crossing, 64 clients against a budget of N, the billing period, spending
// before a budget and refunds, budget requests, the history, the departments list, the cross-organization
// matrix and bad input for every new route.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

using namespace creditdesk::test;

class TestBudgets : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;
    QByteArray gateway; // credits:deduct and metering:write
    qint64 eng = 0;     // departments
    qint64 ops = 0;
    qint64 ana = 0; // member in eng
    qint64 ben = 0; // member in eng
    qint64 oli = 0; // member in ops
    qint64 mia = 0; // manager of eng
    qint64 ownerId = 0;

    void setUpOrganization(QStringList serverArguments = {})
    {
        f = std::make_unique<Fixture>(serverArguments);
        org = f->createOrganization(f->adminToken, "Acme");
        ownerId = f->addMember(f->adminToken, org, "owner@acme.test", "owner");
        owner = f->loginMember("owner@acme.test");
        eng = f->createDepartment(owner, org, "Engineering");
        ops = f->createDepartment(owner, org, "Operations");
        ana = f->addMember(owner, org, "ana@acme.test", "member", eng);
        ben = f->addMember(owner, org, "ben@acme.test", "member", eng);
        oli = f->addMember(owner, org, "oli@acme.test", "member", ops);
        mia = f->addMember(owner, org, "mia@acme.test", "manager", eng);
        gateway = f->createApiToken(owner, org, {"credits:deduct", "metering:write"});
        QCOMPARE(patch(f->adminToken, orgPath(), R"({"tier":"enterprise"})").status, 200);
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
    }
    QByteArray orgPath() const { return "/api/v1/organizations/" + QByteArray::number(org); }
    QByteArray budgetPath(qint64 department) const
    {
        return orgPath() + "/departments/" + QByteArray::number(department) + "/budget";
    }
    QByteArray limitPath(qint64 user) const
    {
        return orgPath() + "/members/" + QByteArray::number(user) + "/limit";
    }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& path,
                      const QByteArray& body = {})
    {
        return f->server->client(token)->request(method, path, body, {{"Content-Type", "application/json"}});
    }
    HttpResponse patch(const QByteArray& token, const QByteArray& path, const QByteArray& body)
    {
        return send(token, "PATCH", path, body);
    }
    HttpResponse put(const QByteArray& path, const QByteArray& body, const QByteArray& token = {})
    {
        return send(token.isEmpty() ? owner : token, "PUT", path, body);
    }
    HttpResponse post(const QByteArray& path, const QJsonObject& body, const QByteArray& token)
    {
        return f->server->client(token)->post(path, body);
    }
    void setBudget(qint64 department, qint64 credits, const char* period = "month",
                   const char* enforcement = "hard")
    {
        const HttpResponse response =
            put(budgetPath(department), QStringLiteral(R"({"credits":%1,"period":"%2","enforcement":"%3"})")
                                            .arg(credits)
                                            .arg(QLatin1String(period), QLatin1String(enforcement))
                                            .toUtf8());
        QCOMPARE(response.status, 200);
    }
    void setLimit(qint64 user, qint64 credits, const char* period = "month", const char* enforcement = "hard")
    {
        const HttpResponse response =
            put(limitPath(user), QStringLiteral(R"({"credits":%1,"period":"%2","enforcement":"%3"})")
                                     .arg(credits)
                                     .arg(QLatin1String(period), QLatin1String(enforcement))
                                     .toUtf8());
        QCOMPARE(response.status, 200);
    }
    HttpResponse deduct(qint64 member, qint64 amount)
    {
        return post("/api/v1/credits/deduct",
                    {{"organization_id", org}, {"member_id", member}, {"amount", amount}}, gateway);
    }
    HttpResponse reserve(qint64 member, qint64 amount)
    {
        return post("/api/v1/credits/reserve",
                    {{"organization_id", org}, {"member_id", member}, {"amount", amount}}, gateway);
    }
    HttpResponse settle(qint64 reservation, qint64 amount)
    {
        return post("/api/v1/credits/reservations/" + QByteArray::number(reservation) + "/settle",
                    {{"amount", amount}}, gateway);
    }
    static QString at() { return QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODateWithMs); }
    // Compute usage: 50 credits per 60,000 ms on the default rate card, so credits are exact.
    QJsonObject compute(const QString& id, qint64 credits, qint64 member) const
    {
        return QJsonObject{{"id", id},          {"occurred_at", at()},          {"organization_id", org},
                           {"kind", "compute"}, {"compute_ms", credits * 1200}, {"member_id", member}};
    }
    qint64 balance() { return f->balance(owner, org); }
    static QJsonObject exceeded(const char* scope, qint64 limit, qint64 used)
    {
        return QJsonObject{{"scope", scope}, {"limit", limit}, {"used", used}};
    }
    // A 403 budget_exceeded with exactly these details.
    static bool refused(const HttpResponse& response, const QJsonObject& details)
    {
        const QJsonObject error = response.json().value("error").toObject();
        if (response.status == 403 && error.value("code") == QLatin1String("budget_exceeded") &&
            error.value("details").toObject() == details)
            return true;
        qWarning("expected budget_exceeded %s, got %d %s", QJsonDocument(details).toJson().constData(),
                 response.status, response.body.constData());
        return false;
    }
    QJsonObject departmentEntry(qint64 department)
    {
        const HttpResponse list = f->server->client(owner)->get(orgPath() + "/departments");
        for (const QJsonValue& value : list.json().value("data").toArray())
            if (value.toObject().value("id").toInteger() == department)
                return value.toObject();
        return {};
    }
    void verifyLedger() { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

private Q_SLOTS:
    void cleanup() { f.reset(); }

    void deductChecksTheMemberLimitBeforeTheDepartment()
    {
        setUpOrganization();
        setBudget(eng, 100);
        setLimit(ana, 60);
        QCOMPARE(deduct(ana, 50).status, 200);
        const QStringList before = f->database.dump();
        QVERIFY(refused(deduct(ana, 20), exceeded("member", 60, 50)));
        // The department's budget lowered below what it used: the member's limit is still reported first.
        setBudget(eng, 40);
        const QStringList lowered = f->database.dump();
        QVERIFY(refused(deduct(ana, 20), exceeded("member", 60, 50)));
        QVERIFY(refused(deduct(ana, 5), exceeded("department", 40, 50)));
        QVERIFY(refused(deduct(ben, 1), exceeded("department", 40, 50)));
        QCOMPARE(f->database.dump(), lowered);
        QVERIFY(before != lowered);
        // Another department and spending without a member are not capped.
        QCOMPARE(deduct(oli, 30).status, 200);
        QCOMPARE(post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 10}}, gateway).status,
                 200);
        QCOMPARE(balance(), 1000 - 50 - 30 - 10);
        QCOMPARE(departmentEntry(eng).value("used_this_period").toInteger(), 50);
        QCOMPARE(departmentEntry(eng).value("budget").toObject(),
                 (QJsonObject{{"credits", 40}, {"period", "month"}, {"enforcement", "hard"}}));
        QCOMPARE(departmentEntry(ops).value("used_this_period").toInteger(), 30);
        QVERIFY(departmentEntry(ops).value("budget").isNull());
        // Removing the budget lifts the cap.
        QCOMPARE(send(owner, "DELETE", budgetPath(eng)).status, 200);
        QCOMPARE(deduct(ben, 5).status, 200);
        QCOMPARE(balance(), 905);
        verifyLedger();
    }

    void holdsCountAsUsedAndSettlementsAreChecked()
    {
        setUpOrganization();
        setBudget(eng, 100);
        const HttpResponse hold = reserve(ana, 70);
        QCOMPARE(hold.status, 201);
        const qint64 holdId = hold.json().value("reservation").toObject().value("id").toInteger();
        QVERIFY(refused(reserve(ben, 40), exceeded("department", 100, 70)));
        QVERIFY(refused(deduct(ben, 31), exceeded("department", 100, 70)));
        const HttpResponse spent = deduct(ben, 30);
        QCOMPARE(spent.status, 200);
        const qint64 deduction = spent.json().value("transaction").toObject().value("id").toInteger();
        // Settling above the hold: the hold no longer counts, the settlement does.
        QVERIFY(refused(settle(holdId, 71), exceeded("department", 100, 30)));
        QCOMPARE(settle(holdId, 70).status, 200);
        QCOMPARE(balance(), 900);
        QVERIFY(refused(reserve(ana, 1), exceeded("department", 100, 100)));
        // A refund gives the credits back to the budget too.
        QCOMPARE(post("/api/v1/credits/refund",
                      {{"transaction_id", deduction}, {"amount", 20}, {"reason", "test"}}, f->adminToken)
                     .status,
                 201);
        QCOMPARE(departmentEntry(eng).value("used_this_period").toInteger(), 80);
        const HttpResponse second = reserve(ben, 20);
        QCOMPARE(second.status, 201);
        const qint64 secondId = second.json().value("reservation").toObject().value("id").toInteger();
        QCOMPARE(departmentEntry(eng).value("used_this_period").toInteger(), 100);
        QVERIFY(refused(deduct(ana, 1), exceeded("department", 100, 100)));
        // A released hold stops counting.
        QCOMPARE(
            post("/api/v1/credits/reservations/" + QByteArray::number(secondId) + "/release", {}, gateway)
                .status,
            200);
        QCOMPARE(deduct(ana, 20).status, 200);
        QVERIFY(refused(deduct(ana, 1), exceeded("department", 100, 100)));
        QCOMPARE(balance(), 1000 - 30 - 70 + 20 - 20);
        verifyLedger();
    }

    void meteringIsCheckedPerEvent()
    {
        setUpOrganization();
        setLimit(ana, 100);
        const HttpResponse first = post("/api/v1/metering/track", compute("m-1", 60, ana), gateway);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value("credits").toInteger(), 60);
        QVERIFY(refused(post("/api/v1/metering/track", compute("m-2", 50, ana), gateway),
                        exceeded("member", 100, 60)));
        // A batch: each event on its own, as with insufficient credits; refused events are not recorded.
        const HttpResponse batch = post(
            "/api/v1/metering/events",
            {{"events", QJsonArray{compute("m-3", 40, ana), compute("m-4", 1, ana), compute("m-5", 5, ben)}}},
            gateway);
        QCOMPARE(batch.status, 200);
        const QJsonArray results = batch.json().value("results").toArray();
        QCOMPARE(results.at(0).toObject().value("status").toInt(), 200);
        QCOMPARE(results.at(0).toObject().value("credits").toInteger(), 40);
        QCOMPARE(results.at(1).toObject().value("status").toInt(), 403);
        QCOMPARE(results.at(1).toObject().value("error").toObject().value("code").toString(),
                 "budget_exceeded");
        QCOMPARE(results.at(1).toObject().value("error").toObject().value("details").toObject(),
                 exceeded("member", 100, 100));
        QCOMPARE(results.at(2).toObject().value("status").toInt(), 200);
        QCOMPARE(balance(), 1000 - 60 - 40 - 5);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events"), 3);
        // The department's budget counts metering too.
        setBudget(eng, 110);
        QVERIFY(refused(post("/api/v1/metering/track", compute("m-6", 6, ben), gateway),
                        exceeded("department", 110, 105)));
        QCOMPARE(post("/api/v1/metering/track", compute("m-7", 5, ben), gateway).status, 200);
        QCOMPARE(balance(), 890);
        verifyLedger();
    }

    // Usage events that settle a hold are checked as settlements are; the overage part of an event counts.
    void meteringHoldsAndOverageCount()
    {
        setUpOrganization();
        setBudget(eng, 150);
        const HttpResponse hold = reserve(ana, 100);
        QCOMPARE(hold.status, 201);
        const qint64 holdId = hold.json().value("reservation").toObject().value("id").toInteger();
        QCOMPARE(deduct(ben, 50).status, 200);
        QJsonObject settling = compute("h-1", 120, ana);
        settling.insert("reservation_id", holdId);
        const HttpResponse refusedBatch = post(
            "/api/v1/metering/events", {{"events", QJsonArray{settling, compute("h-2", 1, ben)}}}, gateway);
        const QJsonArray lines = refusedBatch.json().value("results").toArray();
        QCOMPARE(lines.at(0).toObject().value("status").toInt(), 403);
        QCOMPARE(lines.at(0).toObject().value("error").toObject().value("details").toObject(),
                 exceeded("department", 150, 50));
        // The hold still counts, so the other event is refused too.
        QCOMPARE(lines.at(1).toObject().value("error").toObject().value("details").toObject(),
                 exceeded("department", 150, 150));
        settling.insert("id", "h-3");
        settling.insert("compute_ms", 80 * 1200);
        const HttpResponse settled = post("/api/v1/metering/track", settling, gateway);
        QCOMPARE(settled.status, 200);
        QCOMPARE(settled.json().value("credits").toInteger(), 80);
        QCOMPARE(departmentEntry(eng).value("used_this_period").toInteger(), 130);
        QCOMPARE(balance(), 1000 - 50 - 80);
        // With overage allowed, what the pool cannot cover still counts against the budget.
        QCOMPARE(patch(f->adminToken, orgPath(), R"({"overage_allowed":true})").status, 200);
        setBudget(eng, 2000);
        const HttpResponse big = post("/api/v1/metering/track", compute("h-4", 1500, ana), gateway);
        QCOMPARE(big.status, 200);
        QCOMPARE(big.json().value("credits").toInteger(), 870);
        QCOMPARE(big.json().value("overage_credits").toInteger(), 630);
        QVERIFY(refused(post("/api/v1/metering/track", compute("h-5", 371, ben), gateway),
                        exceeded("department", 2000, 1630)));
        const HttpResponse rest = post("/api/v1/metering/track", compute("h-6", 370, ben), gateway);
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.json().value("overage_credits").toInteger(), 370);
        QCOMPARE(departmentEntry(eng).value("used_this_period").toInteger(), 2000);
        QCOMPARE(balance(), 0);
        // Set again with another period, the counter is rebuilt from the ledger, overage included.
        setBudget(eng, 2000, "total");
        QCOMPARE(f->database.scalar("SELECT used FROM budgets WHERE scope = 'department'"), 2000);
        verifyLedger();
    }

    void softBudgetsChargeAndRecordTheCrossing()
    {
        setUpOrganization();
        setBudget(eng, 50, "month", "soft");
        QCOMPARE(deduct(ana, 40).status, 200);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM budget_crossings"), 0);
        QCOMPARE(deduct(ben, 20).status, 200);
        QCOMPARE(deduct(ben, 5).status, 200);
        QCOMPARE(balance(), 935);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM budget_crossings"), 1);
        QCOMPARE(f->database.scalar(
                     QStringLiteral("SELECT COUNT(*) FROM budget_crossings WHERE organization_id = %1 "
                                    "AND scope = 'department' AND scope_id = %2 AND credits = 50 AND "
                                    "used_before = 40 AND used_after = 60")
                         .arg(org)
                         .arg(eng)),
                 1);
        // A hard member limit still applies under a soft department budget.
        setLimit(ana, 45);
        QVERIFY(refused(deduct(ana, 6), exceeded("member", 45, 40)));
        verifyLedger();
    }

    // 64 clients spend 1 credit each at once against a budget of 20: exactly 20 are charged, by deductions
    // and by usage events.
    void parallelSpendingStopsAtTheBudget()
    {
        setUpOrganization();
        constexpr int kClients = 64;
        constexpr qint64 kBudget = 20;
        setBudget(eng, kBudget);
        setLimit(ben, 1000);
        std::atomic<int> charged{0}, refusedCount{0}, other{0};
        std::latch start(kClients);
        std::vector<std::thread> threads;
        for (int t = 0; t < kClients; ++t)
            threads.emplace_back([&, t] {
                HttpClient client("127.0.0.1", f->server->port());
                client.setBearer(gateway);
                start.arrive_and_wait();
                const HttpResponse response =
                    client.post("/api/v1/credits/deduct",
                                {{"organization_id", org}, {"member_id", t % 2 ? ana : ben}, {"amount", 1}});
                if (response.status == 200)
                    ++charged;
                else if (response.status == 403 && response.errorCode() == QLatin1String("budget_exceeded"))
                    ++refusedCount;
                else
                    ++other;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(other.load(), 0);
        QCOMPARE(charged.load(), int(kBudget));
        QCOMPARE(refusedCount.load(), kClients - int(kBudget));
        QCOMPARE(balance(), 1000 - kBudget);
        QCOMPARE(departmentEntry(eng).value("used_this_period").toInteger(), kBudget);
        QCOMPARE(f->database.scalar(QStringLiteral("SELECT used FROM budgets WHERE scope = 'department' AND "
                                                   "scope_id = %1")
                                        .arg(eng)),
                 kBudget);

        // The same through metering: single events at once go through the track coalescer together.
        setBudget(ops, kBudget);
        std::atomic<int> tracked{0}, trackRefused{0}, trackOther{0};
        std::latch trackStart(kClients);
        std::vector<std::thread> trackers;
        for (int t = 0; t < kClients; ++t)
            trackers.emplace_back([&, t] {
                HttpClient client("127.0.0.1", f->server->port());
                client.setBearer(gateway);
                trackStart.arrive_and_wait();
                const HttpResponse response =
                    client.post("/api/v1/metering/track", compute(QStringLiteral("race-%1").arg(t), 1, oli));
                if (response.status == 200 && response.json().value("credits").toInteger() == 1)
                    ++tracked;
                else if (response.status == 403 && response.errorCode() == QLatin1String("budget_exceeded"))
                    ++trackRefused;
                else
                    ++trackOther;
            });
        for (std::thread& thread : trackers)
            thread.join();
        QCOMPARE(trackOther.load(), 0);
        QCOMPARE(tracked.load(), int(kBudget));
        QCOMPARE(trackRefused.load(), kClients - int(kBudget));
        QCOMPARE(balance(), 1000 - 2 * kBudget);
        QCOMPARE(departmentEntry(ops).value("used_this_period").toInteger(), kBudget);
        verifyLedger();
    }

    // "month" is the organization's billing period: the counter starts over when it renews; "total" does not.
    void monthlyBudgetsFollowTheBillingPeriod()
    {
        setUpOrganization({"--test-clock", "--session-ttl", "315360000", "--jobs-interval-ms", "3600000"});
        setLimit(ana, 30);
        setLimit(ben, 30, "total");
        QCOMPARE(deduct(ana, 30).status, 200);
        QCOMPARE(deduct(ben, 30).status, 200);
        QVERIFY(refused(deduct(ana, 1), exceeded("member", 30, 30)));
        QVERIFY(refused(deduct(ben, 1), exceeded("member", 30, 30)));
        const qint64 periodEnd = f->database.scalar(
            QStringLiteral(
                "SELECT s.current_period_end FROM subscriptions s JOIN accounts a ON a.id = s.account_id "
                "WHERE a.owner_kind = 'organization' AND a.owner_id = %1")
                .arg(org));
        const HttpResponse moved =
            post("/api/v1/admin/test-clock",
                 {{"now", QDateTime::fromMSecsSinceEpoch(periodEnd + 1000, Qt::UTC).toString(Qt::ISODate)}},
                 f->adminToken);
        QCOMPARE(moved.status, 200);
        QVERIFY(f->database.scalar(
                    QStringLiteral("SELECT s.current_period_start FROM subscriptions s JOIN accounts a "
                                   "ON a.id = s.account_id WHERE a.owner_kind = 'organization' AND "
                                   "a.owner_id = %1")
                        .arg(org)) >= periodEnd);
        QCOMPARE(deduct(ana, 30).status, 200);
        QVERIFY(refused(deduct(ana, 1), exceeded("member", 30, 30)));
        QVERIFY(refused(deduct(ben, 1), exceeded("member", 30, 30)));
        QCOMPARE(departmentEntry(eng).value("used_this_period").toInteger(), 30);
        verifyLedger();
    }

    // Spending before a budget was set counts; refunds take it off again.
    void spendingBeforeTheBudgetCounts()
    {
        setUpOrganization();
        const HttpResponse first = deduct(ana, 40);
        QCOMPARE(first.status, 200);
        QCOMPARE(post("/api/v1/metering/track", compute("b-1", 5, ana), gateway).status, 200);
        setLimit(ana, 50);
        setBudget(eng, 45);
        QVERIFY(refused(deduct(ana, 6), exceeded("member", 50, 45)));
        QVERIFY(refused(deduct(ben, 1), exceeded("department", 45, 45)));
        const qint64 deduction = first.json().value("transaction").toObject().value("id").toInteger();
        QCOMPARE(post("/api/v1/credits/refund",
                      {{"transaction_id", deduction}, {"amount", 20}, {"reason", "test"}}, f->adminToken)
                     .status,
                 201);
        QVERIFY(refused(deduct(ana, 21), exceeded("department", 45, 25)));
        QCOMPARE(deduct(ana, 20).status, 200);
        QCOMPARE(balance(), 1000 - 40 - 5 + 20 - 20);
        // A budget set again with another period counts from the ledger again.
        setBudget(eng, 45, "total");
        QCOMPARE(f->database.scalar("SELECT used FROM budgets WHERE scope = 'department'"), 45);
        verifyLedger();
    }

    void requestsAreMadeByManagersAndDecidedOnce()
    {
        setUpOrganization();
        const QByteArray manager = f->loginMember("mia@acme.test");
        const QByteArray member = f->loginMember("ana@acme.test");
        const QByteArray requestsPath =
            orgPath() + "/departments/" + QByteArray::number(eng) + "/budget-requests";
        QCOMPARE(post(requestsPath, {{"credits", 500}, {"reason", "launch"}}, member).status, 403);
        QCOMPARE(post(requestsPath, {{"credits", 500}, {"reason", "launch"}}, owner).status, 403);
        QCOMPARE(post(orgPath() + "/departments/" + QByteArray::number(ops) + "/budget-requests",
                      {{"credits", 500}, {"reason", "launch"}}, manager)
                     .status,
                 403);
        QCOMPARE(post(orgPath() + "/departments/999999/budget-requests", {{"credits", 500}, {"reason", "x"}},
                      manager)
                     .status,
                 403);
        setBudget(eng, 100, "total", "soft");
        const HttpResponse created = post(requestsPath, {{"credits", 500}, {"reason", "launch"}}, manager);
        QCOMPARE(created.status, 201);
        const QJsonObject request = created.json();
        QCOMPARE(request.value("status").toString(), "pending");
        QCOMPARE(request.value("credits").toInteger(), 500);
        QCOMPARE(request.value("department_id").toInteger(), eng);
        QCOMPARE(request.value("requested_by").toInteger(), mia);
        const QByteArray decide =
            orgPath() + "/budget-requests/" + QByteArray::number(request.value("id").toInteger());
        QCOMPARE(post(decide + "/approve", {}, manager).status, 403);
        const HttpResponse pending =
            f->server->client(owner)->get(orgPath() + "/budget-requests?status=pending");
        QCOMPARE(pending.json().value("data").toArray().size(), 1);
        const HttpResponse approved = post(decide + "/approve", {{"note", "ok"}}, owner);
        QCOMPARE(approved.status, 200);
        QCOMPARE(approved.json().value("status").toString(), "approved");
        QCOMPARE(approved.json().value("decided_by").toInteger(), ownerId);
        QCOMPARE(approved.json().value("note").toString(), "ok");
        // The budget is the credits asked for, its period and enforcement kept.
        QCOMPARE(departmentEntry(eng).value("budget").toObject(),
                 (QJsonObject{{"credits", 500}, {"period", "total"}, {"enforcement", "soft"}}));
        const QStringList before = f->database.dump();
        const HttpResponse twice = post(decide + "/approve", {}, owner);
        QCOMPARE(twice.status, 409);
        QCOMPARE(twice.errorCode(), "budget_request_closed");
        QCOMPARE(post(decide + "/reject", {}, owner).errorCode(), "budget_request_closed");
        QCOMPARE(f->database.dump(), before);
        // Rejected: the budget stays; without a budget an approval gives month and hard.
        const HttpResponse other =
            post(orgPath() + "/departments/" + QByteArray::number(eng) + "/budget-requests",
                 {{"credits", 900}, {"reason", "more"}}, manager);
        const QByteArray rejectPath = orgPath() + "/budget-requests/" +
                                      QByteArray::number(other.json().value("id").toInteger()) + "/reject";
        QCOMPARE(post(rejectPath, {{"note", "no"}}, owner).json().value("status").toString(), "rejected");
        QCOMPARE(departmentEntry(eng).value("budget").toObject().value("credits").toInteger(), 500);
        QCOMPARE(send(owner, "DELETE", budgetPath(eng)).status, 200);
        const HttpResponse third = post(requestsPath, {{"credits", 0}, {"reason", "freeze"}}, manager);
        QCOMPARE(post(orgPath() + "/budget-requests/" +
                          QByteArray::number(third.json().value("id").toInteger()) + "/approve",
                      {}, owner)
                     .status,
                 200);
        QCOMPARE(departmentEntry(eng).value("budget").toObject(),
                 (QJsonObject{{"credits", 0}, {"period", "month"}, {"enforcement", "hard"}}));
        QVERIFY(refused(deduct(ana, 1), exceeded("department", 0, 0)));
        const auto count = [&](const QByteArray& status) {
            return f->server->client(owner)
                ->get(orgPath() + "/budget-requests?status=" + status)
                .json()
                .value("data")
                .toArray()
                .size();
        };
        QCOMPARE(count("approved"), 2);
        QCOMPARE(count("rejected"), 1);
        QCOMPARE(count("pending"), 0);
        // Finance reads them; members do not.
        QCOMPARE(f->server->client(member)->get(orgPath() + "/budget-requests").status, 403);
        // Every change is audited.
        for (const char* action : {"budget.set", "budget.removed", "budget_request.created",
                                   "budget_request.approved", "budget_request.rejected"}) {
            const HttpResponse audit = f->server->client(owner)->get(
                "/api/v1/audit?organization_id=" + QByteArray::number(org) + "&action=" + action);
            QVERIFY2(!audit.json().value("data").toArray().isEmpty(), action);
        }
    }

    void historyListsEveryChange()
    {
        setUpOrganization();
        setBudget(eng, 100);
        QCOMPARE(
            put(budgetPath(eng), R"({"credits":150,"period":"total","enforcement":"soft","reason":"q3"})")
                .status,
            200);
        setLimit(ana, 20);
        QCOMPARE(send(owner, "DELETE", limitPath(ana)).status, 200);
        QCOMPARE(send(owner, "DELETE", limitPath(ana)).status, 404);
        const HttpResponse page = f->server->client(owner)->get(orgPath() + "/budget-history?limit=3");
        QCOMPARE(page.status, 200);
        const QJsonArray data = page.json().value("data").toArray();
        QCOMPARE(data.size(), 3);
        const QJsonObject actor{{"kind", "user"}, {"id", ownerId}};
        const QJsonObject limit{{"credits", 20}, {"period", "month"}, {"enforcement", "hard"}};
        const auto without = [](QJsonObject entry) {
            entry.remove("at");
            entry.remove("id");
            return entry;
        };
        QCOMPARE(without(data.at(0).toObject()), (QJsonObject{{"scope", "member"},
                                                              {"user_id", ana},
                                                              {"old", limit},
                                                              {"new", QJsonValue()},
                                                              {"actor", actor},
                                                              {"reason", QJsonValue()},
                                                              {"request_id", QJsonValue()}}));
        QCOMPARE(without(data.at(1).toObject()), (QJsonObject{{"scope", "member"},
                                                              {"user_id", ana},
                                                              {"old", QJsonValue()},
                                                              {"new", limit},
                                                              {"actor", actor},
                                                              {"reason", QJsonValue()},
                                                              {"request_id", QJsonValue()}}));
        QCOMPARE(
            without(data.at(2).toObject()),
            (QJsonObject{{"scope", "department"},
                         {"department_id", eng},
                         {"old", QJsonObject{{"credits", 100}, {"period", "month"}, {"enforcement", "hard"}}},
                         {"new", QJsonObject{{"credits", 150}, {"period", "total"}, {"enforcement", "soft"}}},
                         {"actor", actor},
                         {"reason", "q3"},
                         {"request_id", QJsonValue()}}));
        QVERIFY(!data.at(0).toObject().value("at").toString().isEmpty());
        const QString cursor = page.json().value("next_cursor").toString();
        QVERIFY(!cursor.isEmpty());
        const HttpResponse next =
            f->server->client(owner)->get(orgPath() + "/budget-history?limit=3&cursor=" + cursor.toLatin1());
        const QJsonArray rest = next.json().value("data").toArray();
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest.at(0).toObject().value("old"), QJsonValue());
        QCOMPARE(rest.at(0).toObject().value("department_id").toInteger(), eng);
        QVERIFY(next.json().value("next_cursor").isNull() ||
                next.json().value("next_cursor").toString().isEmpty());
        // Finance staff read the history.
        f->addMember(owner, org, "fin@acme.test", "finance");
        QCOMPARE(
            f->server->client(f->loginMember("fin@acme.test"))->get(orgPath() + "/budget-history").status,
            200);
        QCOMPARE(put(budgetPath(eng), R"({"credits":1})", f->loginMember("fin@acme.test")).status, 403);
    }

    // Another organization's owner finds none of these routes on this organization (404), and this
    // organization's routes find no department or member of another (404).
    void otherOrganizationsSeeNothing()
    {
        setUpOrganization();
        const qint64 rival = f->createOrganization(f->adminToken, "Rival");
        f->addMember(f->adminToken, rival, "boss@rival.test", "owner");
        const QByteArray boss = f->loginMember("boss@rival.test");
        const qint64 rivalDepartment = f->createDepartment(boss, rival, "Sales");
        const qint64 rivalMember = f->addMember(boss, rival, "rep@rival.test", "manager", rivalDepartment);
        setBudget(eng, 100);
        const HttpResponse created =
            post(orgPath() + "/departments/" + QByteArray::number(eng) + "/budget-requests",
                 {{"credits", 5}, {"reason", "x"}}, f->loginMember("mia@acme.test"));
        QCOMPARE(created.status, 201);
        const QByteArray request =
            orgPath() + "/budget-requests/" + QByteArray::number(created.json().value("id").toInteger());
        const QByteArray rep = f->loginMember("rep@rival.test");
        const QStringList before = f->database.dump();
        struct Call
        {
            QByteArray method;
            QByteArray path;
            QByteArray body;
        };
        const QByteArray terms = R"({"credits":1})";
        const QList<Call> calls{
            {"PUT", budgetPath(eng), terms},
            {"DELETE", budgetPath(eng), {}},
            {"PUT", limitPath(ana), terms},
            {"DELETE", limitPath(ana), {}},
            {"POST", orgPath() + "/departments/" + QByteArray::number(eng) + "/budget-requests",
             R"({"credits":1,"reason":"x"})"},
            {"GET", orgPath() + "/budget-requests", {}},
            {"POST", request + "/approve", {}},
            {"POST", request + "/reject", {}},
            {"GET", orgPath() + "/budget-history", {}},
        };
        for (const QByteArray& token : {boss, rep})
            for (const Call& call : calls) {
                const HttpResponse response = send(token, call.method, call.path, call.body);
                QVERIFY2(response.status == 404,
                         (call.method + ' ' + call.path + " → " + QByteArray::number(response.status))
                             .constData());
            }
        // This organization's routes with another organization's department or member.
        QCOMPARE(put(budgetPath(rivalDepartment), terms).status, 404);
        QCOMPARE(put(limitPath(rivalMember), terms).status, 404);
        QCOMPARE(send(owner, "DELETE", budgetPath(rivalDepartment)).status, 404);
        QCOMPARE(put(limitPath(999999), terms).status, 404);
        QCOMPARE(f->database.dump(), before);
        // The rival's own budget request is not this organization's to decide.
        const HttpResponse rivalRequest =
            post("/api/v1/organizations/" + QByteArray::number(rival) + "/departments/" +
                     QByteArray::number(rivalDepartment) + "/budget-requests",
                 {{"credits", 5}, {"reason", "x"}}, rep);
        QCOMPARE(rivalRequest.status, 201);
        QCOMPARE(post(orgPath() + "/budget-requests/" +
                          QByteArray::number(rivalRequest.json().value("id").toInteger()) + "/approve",
                      {}, owner)
                     .status,
                 404);
    }

    void badInputChangesNothing()
    {
        setUpOrganization();
        setBudget(eng, 100);
        const HttpResponse created =
            post(orgPath() + "/departments/" + QByteArray::number(eng) + "/budget-requests",
                 {{"credits", 5}, {"reason", "x"}}, f->loginMember("mia@acme.test"));
        const QByteArray request =
            orgPath() + "/budget-requests/" + QByteArray::number(created.json().value("id").toInteger());
        const QByteArray manager = f->loginMember("mia@acme.test");
        const QStringList before = f->database.dump();
        struct Case
        {
            QByteArray method;
            QByteArray path;
            QByteArray body;
            QByteArray token;
            QString field;
        };
        const QByteArray requests =
            orgPath() + "/departments/" + QByteArray::number(eng) + "/budget-requests";
        const QList<Case> cases{
            {"PUT", budgetPath(eng), R"({"period":"month"})", owner, "credits"},
            {"PUT", budgetPath(eng), R"({"credits":-1})", owner, "credits"},
            {"PUT", budgetPath(eng), R"({"credits":1.5})", owner, "credits"},
            {"PUT", budgetPath(eng), R"({"credits":"10"})", owner, "credits"},
            {"PUT", budgetPath(eng), R"({"credits":10,"period":"week"})", owner, "period"},
            {"PUT", budgetPath(eng), R"({"credits":10,"enforcement":"strict"})", owner, "enforcement"},
            {"PUT", budgetPath(eng), R"({"credits":10,"colour":"red"})", owner, "colour"},
            {"PUT", limitPath(ana), R"({"credits":10,"period":1})", owner, "period"},
            {"PUT", limitPath(ana), R"({})", owner, "credits"},
            {"DELETE", limitPath(ana), R"({"credits":1})", owner, "credits"},
            {"POST", requests, R"({"reason":"x"})", manager, "credits"},
            {"POST", requests, R"({"credits":5})", manager, "reason"},
            {"POST", requests, R"({"credits":-5,"reason":"x"})", manager, "credits"},
            {"POST", request + "/approve", R"({"note":5})", owner, "note"},
            {"POST", request + "/reject", R"({"verdict":"no"})", owner, "verdict"},
            {"GET", orgPath() + "/budget-requests?status=open", {}, owner, "status"},
            {"GET", orgPath() + "/budget-requests?limit=0", {}, owner, "limit"},
            {"GET", orgPath() + "/budget-history?cursor=abc", {}, owner, "cursor"},
            {"GET", orgPath() + "/budget-history?limit=5000", {}, owner, "limit"},
        };
        for (const Case& c : cases) {
            const HttpResponse response = send(c.token, c.method, c.path, c.body);
            const QString field = response.json()
                                      .value("error")
                                      .toObject()
                                      .value("details")
                                      .toObject()
                                      .value("field")
                                      .toString();
            QVERIFY2(response.status == 422 && field == c.field,
                     (c.method + ' ' + c.path + ' ' + c.body + " → " + QByteArray::number(response.status) +
                      ' ' + response.body)
                         .constData());
        }
        QCOMPARE(send(owner, "PUT", budgetPath(eng), "{not json").status, 400);
        QCOMPARE(f->database.dump(), before);
    }
};

QTEST_GUILESS_MAIN(TestBudgets)
#include "tst_budgets.moc"
