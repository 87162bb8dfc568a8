// Usage analytics against a real server on the test clock (SQLite and PostgreSQL): the forecast with a
// grant that expires before the burn rate can use it (run-out not pushed out, the rest listed with exact
// credits), exact burn rates and trends on a constructed 30-day history, a member's forecast against their
// limit, the forecast after the clock passes the expiry, recommendations with exact savings on a
// constructed history, the model on usage transactions (and the `since` sync), by-date grouped by model
// with top N and "other", and the scoping and bad input of every new or changed route.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <set>

using namespace creditdesk::test;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

qint64 parseTime(const QJsonValue& value)
{
    const QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toMSecsSinceEpoch() : -1;
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QStringList clockArguments()
{
    return {QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"), QStringLiteral("315360000"),
            QStringLiteral("--jobs-interval-ms"), QStringLiteral("3600000")};
}

} // namespace

class TestForecast : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 now = 0; // the test clock: noon UTC
    qint64 today = 0;
    qint64 org = 0;
    QByteArray owner, gateway, anaToken, benToken, miaToken;
    qint64 eng = 0, ops = 0, ana = 0, ben = 0, oli = 0, mia = 0;
    qint64 expiringGrant = 0;

    QByteArray orgQuery() const { return "organization_id=" + QByteArray::number(org); }
    QJsonObject getOk(const QByteArray& token, const QByteArray& path)
    {
        const HttpResponse response = f->get(token, path);
        if (response.status != 200)
            qFatal("%s: %d %s", path.constData(), response.status, response.body.constData());
        return response.json();
    }
    void moveTo(qint64 when)
    {
        const HttpResponse moved =
            f->server->client(f->adminToken)->post("/api/v1/admin/test-clock", {{"now", iso(when)}});
        QCOMPARE(moved.status, 200);
        QCOMPARE(parseTime(moved.json().value("now")), when);
    }
    void startAtNoon(Fixture::Catalog catalog)
    {
        f = std::make_unique<Fixture>(clockArguments(), catalog);
        const qint64 started =
            parseTime(f->server->client(f->adminToken)->get("/api/v1/admin/test-clock").json().value("now"));
        now = (started / kDayMs + 2) * kDayMs + 12 * 3600 * 1000;
        today = now / kDayMs;
        moveTo(now);
    }
    // One event at 01:00 UTC on `day` (days since 1970).
    QJsonObject compute(const QString& id, qint64 day, qint64 credits, qint64 member) const
    {
        return {{"id", id},
                {"occurred_at", iso(day * kDayMs + 3600 * 1000)},
                {"organization_id", org},
                {"member_id", member},
                {"kind", "compute"},
                {"compute_ms", credits * 1200}}; // 50 credits a minute
    }
    QJsonObject chat(const QString& id, qint64 day, const QString& model, qint64 input, qint64 output) const
    {
        return {{"id", id},
                {"occurred_at", iso(day * kDayMs + 3600 * 1000)},
                {"organization_id", org},
                {"kind", "chat"},
                {"model", model},
                {"tokens_input", input},
                {"tokens_output", output}};
    }
    void sendEvents(const QJsonArray& events)
    {
        const HttpResponse batch =
            f->server->client(gateway)->post("/api/v1/metering/events", {{"events", events}});
        QCOMPARE(batch.status, 200);
        for (const QJsonValue& line : batch.json().value("results").toArray())
            QVERIFY2(line.toObject().value("status").toInt() == 200, QJsonDocument(line.toObject()).toJson());
    }
    qint64 allocate(qint64 amount, const QString& kind, std::optional<qint64> expiresAt = std::nullopt)
    {
        QJsonObject body{{"organization_id", org}, {"amount", amount}, {"kind", kind}};
        if (expiresAt)
            body.insert("expires_at", iso(*expiresAt));
        const HttpResponse response =
            f->server->client(f->adminToken)->post("/api/v1/credits/allocate", body);
        if (response.status != 201)
            qFatal("allocate: %d %s", response.status, response.body.constData());
        return response.json().value("transaction").toObject().value("grant_id").toInteger();
    }
    void setTier(const QString& tier)
    {
        const HttpResponse response =
            f->server->client(f->adminToken)
                ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                          QJsonDocument(QJsonObject{{"tier", tier}}).toJson(),
                          {{"Content-Type", "application/json"}});
        QCOMPARE(response.status, 200);
    }
    QJsonObject forecast(const QByteArray& token, const QByteArray& extra = {})
    {
        return getOk(token, "/api/v1/metering/forecast?" + orgQuery() + extra);
    }
    static QJsonArray expiring(qint64 grant, qint64 at, qint64 credits)
    {
        return QJsonArray{QJsonObject{{"grant_id", grant}, {"expires_at", iso(at)}, {"credits", credits}}};
    }
    // expires_at as the server writes it, compared as instants.
    static QJsonArray normalized(QJsonArray list)
    {
        for (qsizetype i = 0; i < list.size(); ++i) {
            QJsonObject entry = list[i].toObject();
            entry.insert("expires_at", iso(parseTime(entry.value("expires_at"))));
            list[i] = entry;
        }
        return list;
    }

private Q_SLOTS:
    // Acme on enterprise (2,500,000 credits a month): Engineering (ana, ben, manager mia) and Operations
    // (oli). History, all compute: ben 300 a day on days −30…−8 and 900 on −7…−1, ana 100 on −7…−1, ben 500
    // today. It is charged from a grant of exactly 14,400, then a bonus of 5,000 expiring in 3 days (drawn
    // first) and a purchase of 2,000 that never expires are allocated.
    void initTestCase()
    {
        startAtNoon(Fixture::Catalog::WithoutFreeCredits);
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMember(f->adminToken, org, "owner@acme.test", "owner");
        owner = f->loginMember("owner@acme.test");
        setTier("enterprise");
        eng = f->createDepartment(owner, org, "Engineering");
        ops = f->createDepartment(owner, org, "Operations");
        ana = f->addMember(owner, org, "ana@acme.test", "member", eng);
        ben = f->addMember(owner, org, "ben@acme.test", "member", eng);
        oli = f->addMember(owner, org, "oli@acme.test", "member", ops);
        mia = f->addMember(owner, org, "mia@acme.test", "manager", eng);
        anaToken = f->loginMember("ana@acme.test");
        benToken = f->loginMember("ben@acme.test");
        miaToken = f->loginMember("mia@acme.test");
        gateway = f->createApiToken(owner, org, {"metering:write"});
        allocate(14'400, "purchase");
        QJsonArray events;
        for (qint64 day = today - 30; day <= today - 1; ++day) {
            const bool recent = day >= today - 7;
            events.append(compute(QStringLiteral("ben-%1").arg(day), day, recent ? 900 : 300, ben));
            if (recent)
                events.append(compute(QStringLiteral("ana-%1").arg(day), day, 100, ana));
        }
        events.append(compute("ben-today", today, 500, ben));
        sendEvents(events);
        QCOMPARE(f->balance(owner, org), 0);
        expiringGrant = allocate(5'000, "bonus", now + 3 * kDayMs);
        allocate(2'000, "purchase");
    }

    void forecastOfTheWholeAccount()
    {
        const QJsonObject result = forecast(owner);
        QCOMPARE(result.value("burn_rate_7d").toInteger(), 1000); // 7,000 over the last 7 complete days
        QCOMPARE(result.value("burn_rate_30d").toInteger(), 463); // 13,900 / 30 = 463.33
        QCOMPARE(result.value("available").toInteger(), 7000);
        // 3 days of the bonus (3,000), its other 2,000 expire, then 2 days of the purchase: day 5, not 7.
        QCOMPARE(parseTime(result.value("run_out_at")), now + 5 * kDayMs);
        QCOMPARE(normalized(result.value("expiring_unused").toArray()),
                 expiring(expiringGrant, now + 3 * kDayMs, 2000));
        QCOMPARE(result.value("allowance").toInteger(), 2'500'000);
        QVERIFY(result.value("limit_remaining").isNull());
        QVERIFY(result.value("member_id").isNull());
        QCOMPARE(result.value("organization_id").toInteger(), org);
        QCOMPARE(result.value("period_usage").toInteger(), 500); // today's, the period began today
        const qint64 periodEnd = parseTime(result.value("period_end"));
        QVERIFY(periodEnd > now);
        QCOMPARE(parseTime(result.value("renews_at")), periodEnd);
        QCOMPARE(result.value("projected_period_usage").toInteger(), 500 + 1000 * (periodEnd - now) / kDayMs);
        // One kind of usage: the earlier 15 days 4,500, the later 9,400: +108.9 %.
        QCOMPARE(result.value("by_model").toArray(), (QJsonArray{QJsonObject{{"model", "compute"},
                                                                             {"kind", "compute"},
                                                                             {"credits_30d", 13'900},
                                                                             {"trend_percent", 109}}}));
    }

    void memberForecastAgainstTheirLimit()
    {
        // ana has used 700 this period (her history was charged today); a limit of 1,000 leaves 300.
        const HttpResponse limit =
            f->server->client(owner)->request("PUT",
                                              "/api/v1/organizations/" + QByteArray::number(org) +
                                                  "/members/" + QByteArray::number(ana) + "/limit",
                                              R"({"credits":1000,"period":"month","enforcement":"hard"})",
                                              {{"Content-Type", "application/json"}});
        QCOMPARE(limit.status, 200);
        const QJsonObject mine = forecast(anaToken); // a member asking gets their own
        QCOMPARE(mine.value("member_id").toInteger(), ana);
        QCOMPARE(mine.value("department_id").toInteger(), eng);
        QCOMPARE(mine.value("burn_rate_7d").toInteger(), 100);
        QCOMPARE(mine.value("burn_rate_30d").toInteger(), 23); // 700 / 30
        QCOMPARE(mine.value("limit_remaining").toInteger(), 300);
        QCOMPARE(mine.value("available").toInteger(), 300); // the smaller of the pool (7,000) and the limit
        QCOMPARE(mine.value("allowance").toInteger(), 1000);
        // Her limit runs out after 3 days at 100 a day, before the pool (day 5).
        QCOMPARE(parseTime(mine.value("run_out_at")), now + 3 * kDayMs);
        QCOMPARE(mine.value("period_usage").toInteger(), 0);
        const qint64 periodEnd = parseTime(mine.value("period_end"));
        QCOMPARE(mine.value("projected_period_usage").toInteger(), 100 * (periodEnd - now) / kDayMs);
        QCOMPARE(
            mine.value("by_model").toArray(),
            (QJsonArray{QJsonObject{
                {"model", "compute"}, {"kind", "compute"}, {"credits_30d", 700}, {"trend_percent", 100}}}));
        // The owner asking for her gets the same numbers.
        QCOMPARE(forecast(owner, "&member_id=" + QByteArray::number(ana)), mine);
        // ben has no limit: the pool's run-out at the whole account's rate.
        const QJsonObject bens = forecast(benToken);
        QCOMPARE(bens.value("burn_rate_7d").toInteger(), 900);
        QVERIFY(bens.value("limit_remaining").isNull());
        QCOMPARE(parseTime(bens.value("run_out_at")), now + 5 * kDayMs);
        QCOMPARE(bens.value("allowance").toInteger(), 2'500'000);
    }

    void forecastScoping()
    {
        const QByteArray path = "/api/v1/metering/forecast?" + orgQuery();
        const QByteArray recommendations = "/api/v1/metering/recommendations?" + orgQuery();
        for (const QByteArray& route : {path, recommendations}) {
            // Members: themselves only.
            QCOMPARE(f->get(anaToken, route + "&member_id=" + QByteArray::number(ben)).status, 403);
            QCOMPARE(f->get(anaToken, route + "&department_id=" + QByteArray::number(eng)).status, 403);
            QCOMPARE(f->get(anaToken, route + "&member_id=" + QByteArray::number(ana)).status, 200);
            // Managers: their department's members.
            QCOMPARE(f->get(miaToken, route + "&member_id=" + QByteArray::number(ben)).status, 200);
            QCOMPARE(f->get(miaToken, route + "&member_id=" + QByteArray::number(oli)).status, 403);
            QCOMPARE(f->get(miaToken, route + "&department_id=" + QByteArray::number(ops)).status, 403);
            // Owners: anyone, 404 for someone who is not a member.
            QCOMPARE(f->get(owner, route + "&member_id=999999").status, 404);
            QCOMPARE(f->get(owner, route + "&department_id=999999").status, 404);
            // Bad input: 422 naming the field.
            const HttpResponse bad = f->get(owner, route + "&member_id=abc");
            QCOMPARE(bad.status, 422);
            QCOMPARE(
                bad.json().value("error").toObject().value("details").toObject().value("field").toString(),
                QString("member_id"));
            QCOMPARE(f->get(owner, route.left(route.indexOf('?'))).status, 422);
            // Another organization's people: not found.
            QCOMPARE(f->get(f->login("owner@acme.test", Fixture::passwordFor("owner@acme.test")),
                            route.left(route.indexOf('?')) + "?organization_id=999999")
                         .status,
                     404);
        }
        // The manager's own view is their department: ana and ben, no limit of the department.
        const QJsonObject department = forecast(miaToken);
        QVERIFY(department.value("member_id").isNull());
        QCOMPARE(department.value("department_id").toInteger(), eng);
        QCOMPARE(department.value("burn_rate_7d").toInteger(), 1000);
        QVERIFY(department.value("limit_remaining").isNull());
        // A member's recommendations: the pool's expiring credits, no plan (plans are the account's).
        const QJsonArray anaRecommendations = getOk(anaToken, recommendations).value("data").toArray();
        QCOMPARE(anaRecommendations.size(), 1);
        QCOMPARE(anaRecommendations[0].toObject().value("kind").toString(), QString("expiring_credits"));
        QCOMPARE(anaRecommendations[0].toObject().value("saving_credits_per_month").toInteger(), 2000);
    }

    void usageReportScoping()
    {
        const QByteArray byMember = "/api/v1/metering/by-member?" + orgQuery();
        // A member asking for the pool gets their own rows; for anyone else, 403.
        const QJsonArray own = getOk(anaToken, byMember).value("data").toArray();
        QCOMPARE(own.size(), 1);
        QCOMPARE(own[0].toObject().value("member_id").toInteger(), ana);
        QCOMPARE(own[0].toObject().value("credits").toInteger(), 700);
        QCOMPARE(f->get(anaToken, byMember + "&member_id=" + QByteArray::number(ben)).status, 403);
        QCOMPARE(f->get(anaToken, "/api/v1/metering/by-department?" + orgQuery() +
                                      "&department_id=" + QByteArray::number(eng))
                     .status,
                 403);
        const QJsonArray anaDays =
            getOk(anaToken, "/api/v1/metering/by-date?" + orgQuery() + "&group_by=model")
                .value("data")
                .toArray();
        QCOMPARE(anaDays.size(), 7);
        for (const QJsonValue& row : anaDays)
            QCOMPARE(row.toObject().value("credits").toInteger(), 100);
        // Managers: their department (and its members), 403 outside it.
        QCOMPARE(f->get(miaToken, byMember + "&member_id=" + QByteArray::number(oli)).status, 403);
        QCOMPARE(f->get(miaToken, "/api/v1/metering/summary?" + orgQuery() +
                                      "&department_id=" + QByteArray::number(ops))
                     .status,
                 403);
        const QJsonObject engSummary = getOk(miaToken, "/api/v1/metering/summary?" + orgQuery());
        QCOMPARE(engSummary.value("totals").toObject().value("credits").toInteger(), 14'100); // days −29…0
        QCOMPARE(getOk(miaToken, byMember + "&member_id=" + QByteArray::number(ben))
                     .value("data")
                     .toArray()
                     .size(),
                 1);
        // Owners: everyone.
        QCOMPARE(getOk(owner, byMember).value("data").toArray().size(), 2);
        // by-date's new parameters.
        for (const auto& [query, field] :
             std::initializer_list<std::pair<QByteArray, QString>>{{"&group_by=week", "group_by"},
                                                                   {"&top=3", "top"},
                                                                   {"&group_by=model&top=0", "top"},
                                                                   {"&group_by=model&top=101", "top"}}) {
            const HttpResponse bad = f->get(owner, "/api/v1/metering/by-date?" + orgQuery() + query);
            QCOMPARE(bad.status, 422);
            QCOMPARE(
                bad.json().value("error").toObject().value("details").toObject().value("field").toString(),
                field);
        }
    }

    void forecastAfterTheBonusExpired()
    {
        // Three days on, the bonus has expired (booked by the jobs the clock move runs): 2,000 left.
        const qint64 later = now + 3 * kDayMs + 1000;
        moveTo(later);
        const QJsonObject result = forecast(owner);
        QCOMPARE(result.value("available").toInteger(), 2000);
        QCOMPARE(result.value("expiring_unused").toArray(), QJsonArray());
        // The last 7 complete days are now −4…+2: 3,600 (ben) + 400 (ana) + 500 (ben, day 0) = 4,500: 643 a
        // day.
        QCOMPARE(result.value("burn_rate_7d").toInteger(), 643);
        QCOMPARE(parseTime(result.value("run_out_at")), later + (2000 * kDayMs + 642) / 643);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    // Acme Labs on professional (5 % markup, $50, 1,250,000 credits) with the shipped catalog. History:
    // openai/gpt-4o-mini 800,000 input tokens on day −20 (3,150 credits) and 1,200,000 on day −3 (4,725),
    // openai/gpt-4o 1,000,000 input and 100,000 output on day −2 (91,875), charged from a grant of exactly
    // 99,750; then a bonus of 50,000 expiring in 2 days and a purchase of 100,000.
    void recommendationsOnConstructedHistory()
    {
        f.reset();
        startAtNoon(Fixture::Catalog::Shipped);
        org = f->createOrganization(f->adminToken, "Acme Labs");
        f->addMemberByOperator(org, "owner@labs.test", "owner");
        owner = f->loginMember("owner@labs.test");
        setTier("professional");
        ana = f->addMemberByOperator(org, "ana@labs.test", "member");
        anaToken = f->loginMember("ana@labs.test");
        gateway = f->createApiToken(owner, org, {"metering:write"});
        allocate(99'750, "purchase");
        const qint64 lastSeq = getOk(owner, "/api/v1/credits/transactions?" + orgQuery())
                                   .value("data")
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value("seq")
                                   .toInteger();
        sendEvents({chat("mini-1", today - 20, "openai/gpt-4o-mini", 800'000, 0),
                    chat("mini-2", today - 3, "openai/gpt-4o-mini", 1'200'000, 0),
                    chat("4o-1", today - 2, "openai/gpt-4o", 1'000'000, 100'000)});
        QCOMPARE(f->balance(owner, org), 0);

        // The model on usage transactions: one debit per model of the batch, found with since=.
        const QJsonArray newer = getOk(owner, "/api/v1/credits/transactions?" + orgQuery() +
                                                  "&since=" + QByteArray::number(lastSeq))
                                     .value("data")
                                     .toArray();
        QCOMPARE(newer.size(), 2);
        std::set<std::pair<QString, qint64>> debits;
        for (const QJsonValue& row : newer) {
            QCOMPARE(row.toObject().value("reference").toString(), QString("usage"));
            debits.emplace(row.toObject().value("model").toString(),
                           row.toObject().value("amount").toInteger());
        }
        QCOMPARE(debits, (std::set<std::pair<QString, qint64>>{{"openai/gpt-4o", -91'875},
                                                               {"openai/gpt-4o-mini", -7'875}}));

        const qint64 bonus = allocate(50'000, "bonus", now + 2 * kDayMs);
        allocate(100'000, "purchase");
        const QJsonArray all =
            getOk(owner, "/api/v1/credits/transactions?" + orgQuery()).value("data").toArray();
        QVERIFY(all.first().toObject().contains("model"));
        QVERIFY(all.first().toObject().value("model").isNull()); // an allocation

        // The forecast: 96,600 in the last 7 days = 13,800 a day; the bonus loses 22,400 after 2 days.
        const QJsonObject projection = forecast(owner);
        QCOMPARE(projection.value("allowance").toInteger(), 1'250'000);
        QCOMPARE(projection.value("burn_rate_7d").toInteger(), 13'800);
        QCOMPARE(projection.value("burn_rate_30d").toInteger(), 3325); // 99,750 / 30
        QCOMPARE(normalized(projection.value("expiring_unused").toArray()),
                 expiring(bonus, now + 2 * kDayMs, 22'400));
        QCOMPARE(parseTime(projection.value("run_out_at")),
                 now + 2 * kDayMs + (100'000 * kDayMs + 13'799) / 13'800);
        QCOMPARE(projection.value("by_model").toArray(),
                 (QJsonArray{QJsonObject{{"model", "openai/gpt-4o"},
                                         {"kind", "chat"},
                                         {"credits_30d", 91'875},
                                         {"trend_percent", 100}},
                             QJsonObject{{"model", "openai/gpt-4o-mini"},
                                         {"kind", "chat"},
                                         {"credits_30d", 7'875},
                                         {"trend_percent", 50}}}));

        // Largest saving first: starter ($30 with 104,500 credits within its allowance) against
        // professional ($50): $20 = 500,000 credits; the expiring bonus; gpt-4.1 for gpt-4o (20 % cheaper at
        // list prices: 18,375 of 91,875); gpt-4.1-nano for gpt-4o-mini (a third cheaper: 2,625 of 7,875).
        const QJsonArray data =
            getOk(owner, "/api/v1/metering/recommendations?" + orgQuery()).value("data").toArray();
        QCOMPARE(data.size(), 4);
        const auto expect = [&](int i, const char* kind, const char* title, qint64 saving) {
            const QJsonObject item = data[i].toObject();
            QCOMPARE(item.value("kind").toString(), QString(kind));
            QCOMPARE(item.value("title").toString(), QString(title));
            QCOMPARE(item.value("saving_credits_per_month").toInteger(), saving);
            QVERIFY(!item.value("basis").toString().isEmpty());
        };
        expect(0, "cheaper_plan", "Switch to Starter", 500'000);
        expect(1, "expiring_credits",
               qPrintable(
                   QStringLiteral("22,400 credits expire unused on %1").arg(iso(now + 2 * kDayMs).left(10))),
               22'400);
        expect(2, "cheaper_model", "Use openai/gpt-4.1 instead of openai/gpt-4o", 18'375);
        expect(3, "cheaper_model", "Use openai/gpt-4.1-nano instead of openai/gpt-4o-mini", 2'625);
        const QString planBasis = data[0].toObject().value("basis").toString();
        QVERIFY2(planBasis.contains("$30.00 on Starter") && planBasis.contains("$50.00 on Professional") &&
                     planBasis.contains("500,000 credits"),
                 qPrintable(planBasis));
        QVERIFY2(data[2].toObject().value("basis").toString().contains(
                     "1,000,000 input and 100,000 output tokens for 91,875 credits"),
                 qPrintable(data[2].toObject().value("basis").toString()));

        // by-date grouped by model, and with the top model only and the rest as "other".
        const QByteArray byDate = "/api/v1/metering/by-date?" + orgQuery() + "&group_by=model";
        const auto day = [&](qint64 offset) { return iso((today + offset) * kDayMs).left(10); };
        const auto rowsOf = [&](const QByteArray& path) {
            QStringList rows;
            for (const QJsonValue& row : getOk(owner, path).value("data").toArray())
                rows << QStringLiteral("%1 %2 %3 %4 %5")
                            .arg(row.toObject().value("date").toString(),
                                 row.toObject().value("label").toString(),
                                 row.toObject().value("model").isNull()
                                     ? "null"
                                     : row.toObject().value("model").toString())
                            .arg(row.toObject().value("credits").toInteger())
                            .arg(row.toObject().value("amount_minor").toInteger());
            return rows;
        };
        QCOMPARE(rowsOf(byDate), (QStringList{day(-20) + " openai/gpt-4o-mini openai/gpt-4o-mini 3150 13",
                                              day(-3) + " openai/gpt-4o-mini openai/gpt-4o-mini 4725 19",
                                              day(-2) + " openai/gpt-4o openai/gpt-4o 91875 368"}));
        QCOMPARE(rowsOf(byDate + "&top=1"),
                 (QStringList{day(-20) + " other null 3150 13", day(-3) + " other null 4725 19",
                              day(-2) + " openai/gpt-4o openai/gpt-4o 91875 368"}));
        QCOMPARE(rowsOf(byDate + "&top=1&granularity=month").size() >= 2, true);

        // A usage batch with a model-less event: its debit has no model.
        sendEvents({QJsonObject{{"id", "c-1"},
                                {"occurred_at", iso(now - 60'000)},
                                {"organization_id", org},
                                {"kind", "compute"},
                                {"compute_ms", 12'000}}});
        const QJsonObject last = getOk(owner, "/api/v1/credits/transactions?" + orgQuery())
                                     .value("data")
                                     .toArray()
                                     .first()
                                     .toObject();
        QCOMPARE(last.value("amount").toInteger(), -10);
        QVERIFY(last.value("model").isNull());

        // An event that settles a hold: the settlement is the usage debit and carries the model.
        const QByteArray deducter = f->createApiToken(owner, org, {"credits:deduct"});
        const HttpResponse hold = f->server->client(deducter)->post(
            "/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 100}});
        QCOMPARE(hold.status, 201);
        const qint64 holdId = hold.json().value("reservation").toObject().value("id").toInteger();
        QJsonObject settling = chat("held-1", today, "openai/gpt-4.1-nano", 1'000'000, 0);
        settling.insert("occurred_at", iso(now - 60'000));
        settling.insert("reservation_id", holdId);
        sendEvents({settling});
        const QJsonObject settlement = getOk(owner, "/api/v1/credits/transactions?" + orgQuery())
                                           .value("data")
                                           .toArray()
                                           .first()
                                           .toObject();
        QCOMPARE(settlement.value("reservation_id").toInteger(), holdId);
        QCOMPARE(settlement.value("amount").toInteger(), -2625); // 100,000 µ$ + 5 % = 105,000 µ$
        QCOMPARE(settlement.value("model").toString(), QString("openai/gpt-4.1-nano"));
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void cleanupTestCase() { f.reset(); }
};

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
