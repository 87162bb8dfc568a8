// A corpus of malformed and hostile usage events for both metering endpoints (docs/design.md §6: bad input
// changes nothing). Every bad event is sent twice: alone to POST /metering/track, which must answer the
// exact status and error code, and inside a batch to POST /metering/events, which must answer 200 with
// that status and code as the event's result. Body-level problems of either endpoint are rows of their
// own. After every row the database (every ledger and metering table) is byte-for-byte unchanged.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk::test;

namespace {

void addCorpusRows();

#ifndef Q_MOC_RUN
// endpoint "track" | "events": for "events" with eventStatus > 0 the body's one event is checked in the
// results; otherwise the response itself.
void row(const char* name, const QByteArray& endpoint, const QByteArray& body, const QByteArray& auth,
         int status, const char* code, int eventStatus = 0)
{
    QTest::newRow(name) << endpoint << body << auth << status << QString::fromLatin1(code) << eventStatus;
}

// One bad event, both ways.
void bad(const char* name, const QByteArray& event, int status, const char* code,
         const QByteArray& auth = "gateway")
{
    row((QByteArray("track: ") + name).constData(), "track", event, auth, status, code);
    row((QByteArray("events: ") + name).constData(), "events", "{\"events\": [" + event + "]}", auth, 200,
        code, status);
}

QByteArray repeat(char c, int count)
{
    return QByteArray(count, c);
}

void addCorpusRows()
{
    QTest::addColumn<QByteArray>("endpoint");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("auth");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("eventStatus");

    const QByteArray base =
        R"("occurred_at": "{now}", "organization_id": {org}, "kind": "chat", "model": "openai/gpt-4o", "tokens_input": 10)";
    const auto ev = [&](const QByteArray& rest) {
        return "{\"id\": \"bad-1\", " + base + (rest.isEmpty() ? "" : ", " + rest) + "}";
    };
    const auto only = [](const QByteArray& fields) { return "{" + fields + "}"; };

    // ---- the id -----------------------------------------------------------------------------
    bad("id missing", only(base), 422, "validation_failed");
    bad("id empty", "{\"id\": \"\", " + base + "}", 422, "validation_failed");
    bad("id number", "{\"id\": 5, " + base + "}", 422, "validation_failed");
    bad("id with space", "{\"id\": \"a b\", " + base + "}", 422, "validation_failed");
    bad("id 129 characters", "{\"id\": \"" + repeat('i', 129) + "\", " + base + "}", 422,
        "validation_failed");
    bad("id non-ASCII", "{\"id\": \"\xc3\xa9v\xc3\xa9nement\", " + base + "}", 422, "validation_failed");
    bad("id NUL", "{\"id\": \"a\\u0000b\", " + base + "}", 422, "validation_failed");
    bad("id with a trailing CR", "{\"id\": \"bad-1\\r\", " + base + "}", 422, "validation_failed");
    bad("id with a leading space", "{\"id\": \" bad-1\", " + base + "}", 422, "validation_failed");

    // ---- time --------------------------------------------------------------------------------
    bad("occurred_at missing", R"({"id": "bad-1", "organization_id": {org}, "kind": "chat"})", 422,
        "validation_failed");
    bad("occurred_at not RFC 3339",
        R"({"id": "bad-1", "occurred_at": "21/11/2026", "organization_id": {org}, "kind": "chat"})", 422,
        "validation_failed");
    bad("occurred_at epoch number",
        R"({"id": "bad-1", "occurred_at": 1763700000, "organization_id": {org}, "kind": "chat"})", 422,
        "validation_failed");
    bad("occurred_at hour 24",
        R"({"id": "bad-1", "occurred_at": "2026-11-21T24:00:00Z", "organization_id": {org}, "kind": "chat"})",
        422, "validation_failed");
    bad("occurred_at 36 days ago",
        R"({"id": "bad-1", "occurred_at": "{old}", "organization_id": {org}, "kind": "compute"})", 422,
        "event_too_old");
    bad("occurred_at 10 minutes ahead",
        R"({"id": "bad-1", "occurred_at": "{future}", "organization_id": {org}, "kind": "compute"})", 422,
        "event_in_future");
    bad("occurred_at year 1970",
        R"({"id": "bad-1", "occurred_at": "1970-01-01T00:00:00Z", "organization_id": {org}, "kind": "compute"})",
        422, "event_too_old");

    // ---- whose usage ----------------------------------------------------------------------------
    bad("no account", R"({"id": "bad-1", "occurred_at": "{now}", "kind": "chat"})", 422, "validation_failed");
    bad("organization and user", ev(R"("user_id": {owner_id})"), 422, "validation_failed");
    bad("organization string",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": "{org}", "kind": "chat"})", 422,
        "validation_failed");
    bad("organization zero",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": 0, "kind": "chat"})", 422,
        "validation_failed");
    bad("organization unknown",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": 999999, "kind": "chat"})", 404,
        "not_found");
    bad("organization of someone else",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {org2}, "kind": "compute"})", 404,
        "not_found");
    bad("user of someone else", R"({"id": "bad-1", "occurred_at": "{now}", "user_id": 1, "kind": "compute"})",
        404, "not_found");
    bad("member not in organization", ev(R"("member_id": 999999)"), 422, "validation_failed");
    bad("member negative", ev(R"("member_id": -3)"), 422, "validation_failed");

    // ---- what was used ---------------------------------------------------------------------------
    bad("kind missing", R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {org}})", 422,
        "validation_failed");
    bad("kind unknown",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {org}, "kind": "video"})", 422,
        "validation_failed");
    bad("kind upper case",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {org}, "kind": "CHAT"})", 422,
        "validation_failed");
    bad("tokens negative", ev(R"("tokens_output": -1)"), 422, "validation_failed");
    bad("tokens fraction", ev(R"("tokens_output": 1.5)"), 422, "validation_failed");
    bad("tokens string", ev(R"("tokens_output": "12")"), 422, "validation_failed");
    bad("tokens above 10^9", ev(R"("tokens_output": 1000000001)"), 422, "validation_failed");
    bad("tokens 2^63", ev(R"("tokens_output": 9223372036854775808)"), 422, "validation_failed");
    bad("compute_ms negative", ev(R"("compute_ms": -1)"), 422, "validation_failed");
    bad("units huge", ev(R"("units": 99999999999)"), 422, "validation_failed");
    bad("status unknown", ev(R"("status": "timeout")"), 422, "validation_failed");
    bad("byok string", ev(R"("byok": "yes")"), 422, "validation_failed");
    bad("byok number", ev(R"("byok": 1)"), 422, "validation_failed");
    bad("metadata array", ev(R"("metadata": [1, 2])"), 422, "validation_failed");
    bad("metadata string", ev(R"("metadata": "{}")"), 422, "validation_failed");
    bad("metadata 5 KB", ev("\"metadata\": {\"note\": \"" + repeat('m', 5000) + "\"}"), 422,
        "validation_failed");
    bad("task_type 65 characters",
        ev("\"provider\": \"x\", \"units\": 1, \"task_type\": \"" + repeat('t', 65) + "\""), 422,
        "validation_failed");
    bad("model with RTL override",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {org}, "kind": "chat", "model": "gpt\u202E4o"})",
        422, "validation_failed");
    bad("provider with control character", ev("\"provider\": \"open\\u0007ai\""), 422, "validation_failed");
    bad("unknown field", ev(R"("cost": 0)"), 422, "unknown_field");
    bad("unknown field differing in case", ev(R"("Model": "x")"), 422, "unknown_field");
    bad("reservation string", ev(R"("reservation_id": "1")"), 422, "validation_failed");
    bad("reservation unknown", ev(R"("reservation_id": 999999)"), 422, "reservation_mismatch");
    bad("reservation closed", ev(R"("reservation_id": {closed_res})"), 409, "reservation_closed");

    // ---- money and plan --------------------------------------------------------------------------
    bad("paid model on the free tier",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {free_org}, "kind": "chat", "model": "openai/gpt-4o", "tokens_input": 10})",
        403, "model_not_in_plan", "free_gateway");
    bad("unpriced model on the free tier",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {free_org}, "kind": "chat", "model": "acme/secret-model"})",
        403, "model_not_in_plan", "free_gateway");
    bad("more than the balance", ev(R"("tokens_input": 1000000000, "model": "anthropic/claude-opus-4")"), 402,
        "insufficient_credits");
    bad("id reused with other content",
        R"({"id": "seen-1", "occurred_at": "{seen_at}", "organization_id": {org}, "kind": "compute", "compute_ms": 2})",
        409, "event_id_reused");

    // ---- who is asking ---------------------------------------------------------------------------
    row("track: no token", "track", ev(""), "none", 401, "unauthorized");
    row("events: no token", "events", "{\"events\": [" + ev("") + "]}", "none", 401, "unauthorized");
    row("track: forged token", "track", ev(""), "forged", 401, "unauthorized");
    row("events: forged token", "events", "{\"events\": [" + ev("") + "]}", "forged", 401, "unauthorized");
    bad("token without metering:write", ev(""), 403, "forbidden", "reader");
    bad("member session", ev(""), 403, "forbidden", "member");

    // ---- the body ------------------------------------------------------------------------------
    for (const char* endpoint : {"track", "events"}) {
        const QByteArray e = endpoint;
        row((e + ": empty body").constData(), e, "", "gateway", 400, "invalid_body");
        row((e + ": truncated").constData(), e, "{\"events\": [" + ev("").left(30), "gateway", 400,
            "malformed_json");
        row((e + ": array").constData(), e, "[" + ev("") + "]", "gateway", 400, "invalid_body");
        row((e + ": trailing garbage").constData(), e, ev("") + "x", "gateway", 400, "malformed_json");
        row((e + ": NaN").constData(), e, ev("\"units\": NaN"), "gateway", 400, "malformed_json");
        row((e + ": deeply nested").constData(), e, QByteArray(5000, '[') + QByteArray(5000, ']'), "gateway",
            400, "malformed_json");
    }
    row("events: events missing", "events", "{}", "gateway", 422, "validation_failed");
    row("events: events empty", "events", R"({"events": []})", "gateway", 422, "validation_failed");
    row("events: events object", "events", "{\"events\": " + ev("") + "}", "gateway", 422,
        "validation_failed");
    row("events: unknown top-level field", "events", "{\"events\": [" + ev("") + "], \"dry_run\": true}",
        "gateway", 422, "unknown_field");
    QByteArray tooMany = "{\"events\": [";
    for (int i = 0; i < 1001; ++i)
        tooMany += (i ? ",{}" : "{}");
    row("events: 1,001 events", "events", tooMany + "]}", "gateway", 413, "too_many_events");
    row("events: element is a number", "events", R"({"events": [5]})", "gateway", 200, "validation_failed",
        422);
    row("events: element is null", "events", R"({"events": [null]})", "gateway", 200, "validation_failed",
        422);
    // Integers must be written as integers: Qt reads 10.0 and 1e3 as integers, the text does not.
    bad("units written 10.0", ev(R"("units": 10.0)"), 422, "validation_failed");
    bad("compute_ms written 1e3", ev(R"("compute_ms": 1e3)"), 422, "validation_failed");
    bad("tokens_input written 10.0",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {org}, "kind": "chat", "tokens_input": 10.0})",
        422, "validation_failed");
    bad("tokens_output written 1E2", ev(R"("tokens_output": 1E2)"), 422, "validation_failed");
    bad("tokens_output written 5e+0", ev(R"("tokens_output": 5e+0)"), 422, "validation_failed");
    bad("tokens_output written -0.0", ev(R"("tokens_output": -0.0)"), 422, "validation_failed");
    bad("organization_id written with a fraction",
        R"({"id": "bad-1", "occurred_at": "{now}", "organization_id": {org}.0, "kind": "compute"})", 422,
        "validation_failed");
    bad("member_id written with a fraction", ev(R"("member_id": {owner_id}.0)"), 422, "validation_failed");
    bad("reservation_id written 1.0", ev(R"("reservation_id": 1.0)"), 422, "validation_failed");
    bad("units written 10.0, then 10", ev(R"("units": 10.0, "units": 10)"), 422, "validation_failed");
}
#endif

} // namespace

class TestMeteringBadInput : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    QHash<QByteArray, QByteArray> tokens;
    QHash<QByteArray, QByteArray> placeholders;

    QByteArray fill(QByteArray text) const
    {
        for (auto it = placeholders.begin(); it != placeholders.end(); ++it)
            text.replace(it.key(), it.value());
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        f = std::make_unique<Fixture>();
        const qint64 org = f->createOrganization(f->adminToken, "Acme");
        const qint64 ownerId = f->addMember(f->adminToken, org, "owner@acme.test", "owner");
        f->addMember(f->adminToken, org, "member@acme.test", "member");
        const QByteArray owner = f->login("owner@acme.test", Fixture::passwordFor("owner@acme.test"));
        auto admin = f->server->client(f->adminToken);
        QCOMPARE(admin
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                               R"({"tier":"enterprise"})")
                     .status,
                 200);
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
        const qint64 org2 = f->createOrganization(f->adminToken, "Other");
        const qint64 freeOrg = f->createOrganization(f->adminToken, "Free");
        tokens = {{"gateway", f->createApiToken(owner, org, {"metering:write"})},
                  {"reader", f->createApiToken(owner, org, {"credits:read", "credits:deduct"})},
                  {"free_gateway", f->createApiToken(f->adminToken, freeOrg, {"metering:write"})},
                  {"member", f->login("member@acme.test", Fixture::passwordFor("member@acme.test"))},
                  {"forged", "cdk_forged-forged-forged"}};
        // A closed hold, and an event already recorded under the id "seen-1".
        auto client = f->server->client(owner);
        const HttpResponse held =
            client->post("/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 10}});
        const qint64 hold = held.json().value("reservation").toObject().value("id").toInteger();
        QCOMPARE(
            client->post("/api/v1/credits/reservations/" + QByteArray::number(hold) + "/release", {}).status,
            200);
        const QString seenAt = QDateTime::currentDateTimeUtc().addSecs(-30).toString(Qt::ISODate);
        const HttpResponse seen = f->server->client(tokens.value("gateway"))
                                      ->post("/api/v1/metering/track", {{"id", "seen-1"},
                                                                        {"occurred_at", seenAt},
                                                                        {"organization_id", org},
                                                                        {"kind", "compute"},
                                                                        {"compute_ms", 1}});
        QCOMPARE(seen.status, 200);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        placeholders = {{"{org}", QByteArray::number(org)},
                        {"{org2}", QByteArray::number(org2)},
                        {"{free_org}", QByteArray::number(freeOrg)},
                        {"{owner_id}", QByteArray::number(ownerId)},
                        {"{closed_res}", QByteArray::number(hold)},
                        {"{seen_at}", seenAt.toLatin1()},
                        {"{now}", now.addSecs(-60).toString(Qt::ISODate).toLatin1()},
                        {"{old}", now.addDays(-36).toString(Qt::ISODate).toLatin1()},
                        {"{future}", now.addSecs(600).toString(Qt::ISODate).toLatin1()}};
    }
    void cleanupTestCase() { f.reset(); }

    void corpus_data() { addCorpusRows(); }

    void corpus()
    {
        QFETCH(QByteArray, endpoint);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, auth);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(int, eventStatus);

        const QStringList before = f->database.dump();
        auto client = f->server->client(auth == "none" ? QByteArray() : tokens.value(auth));
        const HttpResponse response = client->request("POST", "/api/v1/metering/" + endpoint, fill(body),
                                                      {{"Content-Type", "application/json"}});
        QVERIFY2(response.status == status, qPrintable(QStringLiteral("expected %1, got %2: %3")
                                                           .arg(status)
                                                           .arg(response.status)
                                                           .arg(QString::fromUtf8(response.body.left(400)))));
        const QJsonObject json = response.json();
        QJsonObject error = json.value("error").toObject();
        if (eventStatus > 0) {
            const QJsonArray results = json.value("results").toArray();
            QCOMPARE(results.size(), 1);
            QCOMPARE(results[0].toObject().value("status").toInt(), eventStatus);
            QVERIFY(!results[0].toObject().contains("credits"));
            error = results[0].toObject().value("error").toObject();
        }
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY(!error.value("message").toString().isEmpty());
        QCOMPARE(f->database.dump(), before);
    }

    // A batch refuses only the event that wrote an integer as 10.0, naming the field; its neighbours
    // (even one with 10.0 inside its metadata, which may hold any JSON) are charged as usual.
    void nonIntegerLiteralRefusesOnlyItsEvent()
    {
        const QByteArray body = fill(R"({"events": [
            {"id": "lit-1", "occurred_at": "{now}", "organization_id": {org}, "kind": "compute", "compute_ms": 60000},
            {"id": "lit-2", "occurred_at": "{now}", "organization_id": {org}, "kind": "compute", "compute_ms": 60000.0},
            {"id": "lit-3", "occurred_at": "{now}", "organization_id": {org}, "kind": "compute", "compute_ms": 60000,
             "metadata": {"ratio": 10.0, "n": [1e3]}}]})");
        const qint64 eventsBefore = f->database.scalar("SELECT COUNT(*) FROM usage_events");
        auto client = f->server->client(tokens.value("gateway"));
        const HttpResponse response =
            client->request("POST", "/api/v1/metering/events", body, {{"Content-Type", "application/json"}});
        QCOMPARE(response.status, 200);
        const QJsonArray results = response.json().value("results").toArray();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[0].toObject().value("status").toInt(), 200);
        QCOMPARE(results[0].toObject().value("credits").toInteger(), 50);
        QCOMPARE(results[1].toObject().value("status").toInt(), 422);
        const QJsonObject error = results[1].toObject().value("error").toObject();
        QCOMPARE(error.value("code").toString(), QString("validation_failed"));
        QCOMPARE(error.value("details").toObject().value("field").toString(), QString("compute_ms"));
        QCOMPARE(results[2].toObject().value("status").toInt(), 200);
        QCOMPARE(results[2].toObject().value("credits").toInteger(), 50);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events"), eventsBefore + 2);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events WHERE event_id = 'lit-2'"), 0);
        // /track names the field too.
        const HttpResponse single = client->request(
            "POST", "/api/v1/metering/track",
            fill(
                R"({"id": "lit-4", "occurred_at": "{now}", "organization_id": {org}, "kind": "compute", "compute_ms": 1e3})"),
            {{"Content-Type", "application/json"}});
        QCOMPARE(single.status, 422);
        QCOMPARE(
            single.json().value("error").toObject().value("details").toObject().value("field").toString(),
            QString("compute_ms"));
    }

    void ledgerStillVerifies()
    {
        QByteArray output;
        QCOMPARE(TestServer::runCommand({"verify", "--database", f->database.url()}, &output), 0);
        QCOMPARE(f->database.scalar("SELECT COUNT(*) FROM usage_events"), 3);
    }
};

QTEST_GUILESS_MAIN(TestMeteringBadInput)
#include "tst_metering_bad_input.moc"
