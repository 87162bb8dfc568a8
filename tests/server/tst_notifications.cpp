// Notification delivery (issue 14, docs/admin-guide.md "Notifications") against real peers on loopback:
// e-mail through maildev (a real SMTP server, scripts/start-maildev) checked through its HTTP API, and
// webhooks received by tests/server/webhook_receiver.py, which verifies every signature with Python's
// hmac (an implementation that shares nothing with ours). Time moves through the server's test clock:
// retries at 1, 2, 4 … minutes and `failed` after 24 hours. Also: the documented signature test vector,
// notification preferences (defaults by role, PUT, bad input), the scoping of every route, and bad
// input that stores nothing.
#include "TestServer.h"
#include "alerts/Deliveries.h"
#include "alerts/NetworkAddresses.h"
#include "alerts/WebhookEndpoints.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

#include <atomic>
#include <thread>

using namespace creditdesk::test;

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
// 64 hex digits: the master key the test server seals webhook secrets with.
const QByteArray kMasterKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray id(qint64 value)
{
    return QByteArray::number(value);
}

QJsonArray jsonArray(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).array();
}

} // namespace

class TestNotifications : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    QProcess maildev;
    QProcess receiver;
    quint16 smtpPort = 0;
    quint16 mailWebPort = 0;
    quint16 receiverPort = 0;
    qint64 org = 0;
    qint64 otherOrg = 0;
    QByteArray adminToken, financeToken, memberToken, otherOwnerToken;
    qint64 adminId = 0, financeId = 0, memberId = 0, ownerId = 0;

    // ---- peers -------------------------------------------------------------------------------------

    HttpResponse mailApi(const QByteArray& method, const QByteArray& target)
    {
        return HttpClient("127.0.0.1", mailWebPort).request(method, target);
    }
    QJsonArray mails() { return jsonArray(mailApi("GET", "/email").body); }
    HttpResponse receiverApi(const QByteArray& method, const QByteArray& target, const QJsonObject& body = {})
    {
        HttpClient client("127.0.0.1", receiverPort);
        return body.isEmpty() ? client.request(method, target) : client.post(target, body);
    }
    QJsonArray received() { return jsonArray(receiverApi("GET", "/requests").body); }
    void resetPeers()
    {
        QCOMPARE(mailApi("DELETE", "/email/all").status, 200);
        QCOMPARE(receiverApi("DELETE", "/requests").status, 200);
    }
    // Recipients of the received mails, sorted.
    QStringList mailRecipients()
    {
        QStringList to;
        for (const QJsonValue& mail : mails())
            for (const QJsonValue& address : mail.toObject().value("to").toArray())
                to.append(address.toObject().value("address").toString());
        to.sort();
        return to;
    }

    // ---- server ------------------------------------------------------------------------------------

    HttpResponse get(const QByteArray& target, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? f->adminToken : token)->get(target);
    }
    HttpResponse post(const QByteArray& target, const QJsonObject& body, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? f->adminToken : token)->post(target, body);
    }
    HttpResponse put(const QByteArray& target, const QJsonObject& body, const QByteArray& token)
    {
        return f->server->client(token)->request("PUT", target,
                                                 QJsonDocument(body).toJson(QJsonDocument::Compact),
                                                 {{"Content-Type", "application/json"}});
    }
    HttpResponse del(const QByteArray& target, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? f->adminToken : token)->request("DELETE", target);
    }
    qint64 now()
    {
        return QDateTime::fromString(get("/api/v1/admin/test-clock").json().value("now").toString(),
                                     Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    }
    // Moves the test clock; the server runs what falls due (deliveries too) before it answers.
    void advanceBy(qint64 ms)
    {
        const QJsonObject body{{"advance_seconds", ms / 1000}};
        HttpResponse response = post("/api/v1/admin/test-clock", body);
        for (int attempt = 0; attempt < 1000 && response.errorCode() == QLatin1String("clock_busy");
             ++attempt)
            response = post("/api/v1/admin/test-clock", body);
        QVERIFY2(response.status == 200, response.body.constData());
    }
    void runDueWork() { advanceBy(0); }
    qint64 count(const QString& sql) { return f->database.scalar(sql); }
    qint64 accountOf(qint64 organization)
    {
        return count(
            QStringLiteral("SELECT id FROM accounts WHERE owner_kind = 'organization' AND owner_id = %1")
                .arg(organization));
    }
    HttpResponse createEndpoint(qint64 organization, const QString& url, const QStringList& events,
                                const QByteArray& token = {})
    {
        return post(
            "/api/v1/webhook-endpoints",
            {{"organization_id", organization}, {"url", url}, {"events", QJsonArray::fromStringList(events)}},
            token);
    }
    QString hookUrl() const { return QStringLiteral("http://127.0.0.1:%1/hook").arg(receiverPort); }
    // An endpoint of the fixture's organization on the receiver, which verifies with its secret and
    // refuses the first `failures` deliveries with 500.
    qint64 endpointOnReceiver(const QStringList& events, int failures)
    {
        const HttpResponse created = createEndpoint(org, hookUrl(), events);
        if (created.status != 201)
            qWarning("create endpoint: %s", created.body.constData());
        const QString secret = created.json().value("secret").toString();
        receiverApi("POST", "/control", {{"secret", secret}, {"fail", failures}});
        return created.json().value("id").toInteger();
    }
    QJsonArray deliveries(qint64 endpoint)
    {
        const HttpResponse response = get("/api/v1/webhook-endpoints/" + id(endpoint) + "/deliveries");
        if (response.status != 200)
            qWarning("deliveries: %s", response.body.constData());
        return response.json().value("data").toArray();
    }
    void switchPlan(const QString& plan)
    {
        const HttpResponse response =
            post("/api/v1/tiers/switch", {{"organization_id", org}, {"plan", plan}});
        QVERIFY2(response.status == 200, response.body.constData());
    }
    void insertAlertEvent(const QJsonObject& alert)
    {
        static int connections = 0;
        const QString name = QStringLiteral("alerts-%1").arg(++connections);
        QSqlDatabase db = openDirectConnection(f->database.url(), name);
        {
            QSqlQuery query(db);
            query.prepare(
                "INSERT INTO outbox_events (type, account_id, organization_id, payload, created_at) "
                "VALUES ('alert.fired', ?, ?, ?, ?)");
            query.addBindValue(accountOf(org));
            query.addBindValue(org);
            query.addBindValue(QString::fromUtf8(QJsonDocument(alert).toJson(QJsonDocument::Compact)));
            query.addBindValue(now());
            QVERIFY2(query.exec(), "insert outbox event");
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        smtpPort = freePort();
        mailWebPort = freePort();
        receiverPort = freePort();
        maildev.setProcessChannelMode(QProcess::MergedChannels);
        maildev.start(QStringLiteral(CREDITDESK_SOURCE_DIR "/scripts/start-maildev"),
                      {QString::number(smtpPort), QString::number(mailWebPort)});
        QVERIFY2(maildev.waitForStarted(10000), "scripts/start-maildev did not start");
        // maildev answers its HTTP API once it listens (installed by scripts/install-peers).
        QTRY_VERIFY2_WITH_TIMEOUT(mailApi("GET", "/email").status == 200 ||
                                      maildev.state() == QProcess::NotRunning,
                                  "maildev", 30000);
        QVERIFY2(maildev.state() == QProcess::Running, maildev.readAll().constData());
        receiver.setProcessChannelMode(QProcess::MergedChannels);
        receiver.start(QStringLiteral("python3"),
                       {QStringLiteral(CREDITDESK_SOURCE_DIR "/tests/server/webhook_receiver.py"),
                        QString::number(receiverPort)});
        QVERIFY(receiver.waitForStarted(10000));
        QVERIFY(receiver.waitForReadyRead(10000));
        QVERIFY(receiver.readAll().contains("ready"));

        qputenv("CREDITDESK_MASTER_KEY", kMasterKey);
        f = std::make_unique<Fixture>(QStringList{
            "--test-clock", "--session-ttl", "315360000", "--jobs-interval-ms", "3600000", "--smtp-url",
            QStringLiteral("smtp://127.0.0.1:%1").arg(smtpPort), "--mail-from", "billing@creditdesk.test"});
        // admin@example.com (the platform admin) owns the organization; an admin, finance and a member.
        org = f->createOrganization(f->adminToken, QStringLiteral("Acme Notifications"));
        ownerId = count("SELECT id FROM users WHERE email = 'admin@example.com'");
        adminId = f->addMember(f->adminToken, org, "boss@example.com", "admin");
        financeId = f->addMember(f->adminToken, org, "money@example.com", "finance");
        memberId = f->addMember(f->adminToken, org, "worker@example.com", "member");
        adminToken = f->login("boss@example.com", Fixture::passwordFor("boss@example.com"));
        financeToken = f->login("money@example.com", Fixture::passwordFor("money@example.com"));
        memberToken = f->login("worker@example.com", Fixture::passwordFor("worker@example.com"));
        // Another organization, owned by someone who is nothing in the first.
        const qint64 otherOwner = f->addMember(f->adminToken, org, "stranger@example.com", "member");
        Q_UNUSED(otherOwner);
        otherOwnerToken = f->login("stranger@example.com", Fixture::passwordFor("stranger@example.com"));
        QCOMPARE(del("/api/v1/organizations/" + id(org) + "/members/" + id(otherOwner)).status, 204);
        otherOrg = f->createOrganization(otherOwnerToken, QStringLiteral("Other Org"));
        QVERIFY(otherOrg > 0);
        runDueWork(); // whatever the set-up caused
        resetPeers();
    }

    void cleanupTestCase()
    {
        f.reset();
        for (QProcess* process : {&maildev, &receiver}) {
            process->terminate();
            if (!process->waitForFinished(5000))
                process->kill();
        }
    }

    // The address classes deliveries are checked against once the host name has been resolved.
    void addressClasses()
    {
        using creditdesk::server::AddressKind;
        using creditdesk::server::classifyAddress;
        using creditdesk::server::isLoopbackHost;
        QCOMPARE(classifyAddress("203.0.113.7"), AddressKind::Public);
        QCOMPARE(classifyAddress("8.8.8.8"), AddressKind::Public);
        QCOMPARE(classifyAddress("2606:4700::1111"), AddressKind::Public);
        QCOMPARE(classifyAddress("127.0.0.1"), AddressKind::Loopback);
        QCOMPARE(classifyAddress("127.8.9.10"), AddressKind::Loopback);
        QCOMPARE(classifyAddress("[::1]"), AddressKind::Loopback);
        QCOMPARE(classifyAddress("::ffff:127.0.0.1"), AddressKind::Loopback);
        for (const char* internal :
             {"10.0.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.127.0.1", "0.0.0.0",
              "224.0.0.1", "255.255.255.255", "::", "fc00::1", "fe80::1", "ff02::1", "::ffff:192.168.0.1"})
            QVERIFY2(classifyAddress(internal) == AddressKind::Internal, internal);
        QCOMPARE(classifyAddress("172.32.0.1"), AddressKind::Public);  // just outside 172.16/12
        QCOMPARE(classifyAddress("100.128.0.1"), AddressKind::Public); // just outside 100.64/10
        QCOMPARE(classifyAddress("hooks.example.com"), AddressKind::NotAnAddress);
        QVERIFY(isLoopbackHost("localhost"));
        QVERIFY(isLoopbackHost("127.0.0.1"));
        QVERIFY(!isLoopbackHost("10.0.0.1"));
    }

    // The documented test vectors: ours (docs/admin-guide.md "Verifying a webhook") and Stripe's own
    // signature scheme's (the same HMAC-SHA256 over "<t>.<raw body>").
    void signatureTestVector()
    {
        const QByteArray body =
            R"({"id":"evt_test_webhook","object":"event","type":"invoice.paid","data":{"object":{"id":"in_123"}}})";
        QCOMPARE(
            creditdesk::server::webhookSignature("whsec_test_secret", 1700000000, body),
            QByteArray("t=1700000000,v1=34e7f462b60a801f2e0a23192d5d6d566ebd93ac26e936a070c40dd481545a86"));
        QVERIFY(creditdesk::server::webhookSignature("whsec_test_secret", 1700000000, body + ' ') !=
                creditdesk::server::webhookSignature("whsec_test_secret", 1700000000, body));
        // The CreditDesk-shaped example of the admin guide.
        const QByteArray ours =
            R"({"created_at":"2023-11-14T22:13:20.000Z","data":{"plan":"starter"},"id":42,)"
            R"("organization_id":7,"type":"subscription.changed"})";
        QCOMPARE(
            creditdesk::server::webhookSignature("whsec_test_secret", 1700000000, ours),
            QByteArray("t=1700000000,v1=cf7f6e260dd10792feeffa2aceb1846f5ee208a0d6e2af34855a7781976d2faa"));
    }

    void retrySchedule()
    {
        using creditdesk::server::nextAttemptAfterFailure;
        const qint64 t0 = 1'000'000;
        QCOMPARE(nextAttemptAfterFailure(t0, t0, 1), std::optional<qint64>(t0 + kMinuteMs));
        QCOMPARE(nextAttemptAfterFailure(t0, t0 + kMinuteMs, 2), std::optional<qint64>(t0 + 3 * kMinuteMs));
        QCOMPARE(nextAttemptAfterFailure(t0, t0 + 1023 * kMinuteMs, 11),
                 std::optional<qint64>(t0 + 1440 * kMinuteMs));
        QCOMPARE(nextAttemptAfterFailure(t0, t0 + 1440 * kMinuteMs, 12), std::optional<qint64>());
    }

    void preferenceDefaultsByRole()
    {
        const auto preferences = [this](const QByteArray& token) {
            const HttpResponse response = get("/api/v1/me/notification-preferences", token);
            QStringList lines;
            for (const QJsonValue& value : response.json().value("preferences").toArray()) {
                const QJsonObject p = value.toObject();
                lines.append(QStringLiteral("%1 %2 %3")
                                 .arg(p.value("kind").toString(), p.value("in_app").toBool() ? "in_app" : "-",
                                      p.value("email").toBool() ? "email" : "-"));
            }
            return lines;
        };
        const QStringList everything{"allowance_used in_app email", "low_balance in_app email",
                                     "credits_expiring in_app email", "department_budget in_app email",
                                     "member_limit in_app email"};
        QCOMPARE(preferences(f->adminToken), everything);
        QCOMPARE(preferences(adminToken), everything);
        QCOMPARE(preferences(financeToken), everything);
        QCOMPARE(preferences(memberToken),
                 (QStringList{"allowance_used in_app -", "low_balance in_app -", "credits_expiring in_app -",
                              "department_budget in_app -", "member_limit in_app -"}));
        // An API token is not a person with preferences.
        const QByteArray token = f->createApiToken(f->adminToken, org, {"credits:read"});
        QCOMPARE(get("/api/v1/me/notification-preferences", token).status, 403);
    }

    void putPreferences()
    {
        const HttpResponse changed =
            put("/api/v1/me/notification-preferences",
                {{"preferences",
                  QJsonArray{QJsonObject{{"kind", "member_limit"}, {"in_app", true}, {"email", true}}}}},
                memberToken);
        QVERIFY2(changed.status == 200, changed.body.constData());
        const QJsonArray list = changed.json().value("preferences").toArray();
        QCOMPARE(list.size(), 5);
        QCOMPARE(list[4].toObject().value("kind").toString(), QStringLiteral("member_limit"));
        QCOMPARE(list[4].toObject().value("email").toBool(), true);
        QCOMPARE(list[0].toObject().value("email").toBool(), false); // the others keep the default
        QCOMPARE(
            get("/api/v1/me/notification-preferences", memberToken).json().value("preferences").toArray(),
            list);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notification_preferences WHERE user_id = %1")
                           .arg(memberId)),
                 1);
    }

    void preferencesBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown kind")
            << QByteArray(R"({"preferences":[{"kind":"weather","in_app":true,"email":true}]})")
            << "preferences.kind";
        QTest::newRow("kind twice")
            << QByteArray(R"({"preferences":[{"kind":"low_balance","in_app":true,"email":true},)"
                          R"({"kind":"low_balance","in_app":true,"email":false}]})")
            << "preferences.kind";
        QTest::newRow("email not a bool")
            << QByteArray(R"({"preferences":[{"kind":"low_balance","in_app":true,"email":1}]})")
            << "preferences[0].email";
        QTest::newRow("in_app missing")
            << QByteArray(R"({"preferences":[{"kind":"low_balance","email":true}]})")
            << "preferences[0].in_app";
        QTest::newRow("not a list") << QByteArray(R"({"preferences":{"kind":"low_balance"}})")
                                    << "preferences";
        QTest::newRow("missing") << QByteArray(R"({})") << "preferences";
        QTest::newRow("unknown field") << QByteArray(R"({"preferences":[],"colour":"red"})") << "colour";
    }

    void preferencesBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const qint64 before = count("SELECT COUNT(*) FROM notification_preferences");
        const HttpResponse response = f->server->client(financeToken)
                                          ->request("PUT", "/api/v1/me/notification-preferences", body,
                                                    {{"Content-Type", "application/json"}});
        QCOMPARE(response.status, 422);
        QCOMPARE(
            response.json().value("error").toObject().value("details").toObject().value("field").toString(),
            field);
        QCOMPARE(count("SELECT COUNT(*) FROM notification_preferences"), before);
    }

    void endpointScopingAndBadInput()
    {
        const qint64 before = count("SELECT COUNT(*) FROM webhook_endpoints");
        // Bad input: 422 naming the field, nothing stored.
        const HttpResponse plainHttp = createEndpoint(org, "http://example.com/hook", {"alert.fired"});
        QCOMPARE(plainHttp.status, 422);
        QCOMPARE(
            plainHttp.json().value("error").toObject().value("details").toObject().value("field").toString(),
            QStringLiteral("url"));
        QCOMPARE(createEndpoint(org, "ftp://127.0.0.1/hook", {"alert.fired"}).status, 422);
        QCOMPARE(createEndpoint(org, "not a url", {"alert.fired"}).status, 422);
        const HttpResponse unknownEvent =
            createEndpoint(org, "https://example.com/hook", {"alert.fired", "invoice.paid"});
        QCOMPARE(unknownEvent.status, 422);
        QCOMPARE(unknownEvent.json()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("field")
                     .toString(),
                 QStringLiteral("events"));
        QCOMPARE(createEndpoint(org, "https://example.com/hook", {}).status, 422);
        // Nothing inside the operator's network (server-side request forgery): private, link-local (the
        // cloud metadata address), shared and unspecified addresses, IPv4 and IPv6.
        for (const char* internal :
             {"https://10.1.2.3/hook", "https://192.168.0.10/hook", "https://172.16.5.4/x",
              "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/x", "https://0.0.0.0/x",
              "https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::ffff:10.0.0.1]/x"}) {
            const HttpResponse refused = createEndpoint(org, internal, {"alert.fired"});
            QVERIFY2(refused.status == 422, internal);
            QCOMPARE(refused.json()
                         .value("error")
                         .toObject()
                         .value("details")
                         .toObject()
                         .value("field")
                         .toString(),
                     QStringLiteral("url"));
        }
        QCOMPARE(count("SELECT COUNT(*) FROM webhook_endpoints"), before);
        // Who may manage: owners and admins; finance and members 403; another organization's owner 404.
        QCOMPARE(createEndpoint(org, "https://example.com/hook", {"alert.fired"}, memberToken).status, 403);
        QCOMPARE(createEndpoint(org, "https://example.com/hook", {"alert.fired"}, financeToken).status, 403);
        QCOMPARE(createEndpoint(org, "https://example.com/hook", {"alert.fired"}, otherOwnerToken).status,
                 404);
        QCOMPARE(count("SELECT COUNT(*) FROM webhook_endpoints"), before);

        const HttpResponse created = createEndpoint(org, "https://hooks.example.com/creditdesk",
                                                    {"alert.fired", "coupon.redeemed"}, adminToken);
        QVERIFY2(created.status == 201, created.body.constData());
        const QJsonObject endpoint = created.json();
        const qint64 endpointId = endpoint.value("id").toInteger();
        const QString secret = endpoint.value("secret").toString();
        QVERIFY(secret.startsWith("whsec_"));
        QCOMPARE(endpoint.value("url").toString(), QStringLiteral("https://hooks.example.com/creditdesk"));
        QCOMPARE(endpoint.value("events").toArray(), (QJsonArray{"alert.fired", "coupon.redeemed"}));
        // Stored sealed: the secret is nowhere in the database.
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM webhook_endpoints WHERE secret_sealed LIKE '%%1%'")
                      .arg(secret.mid(6, 20))),
            0);
        // Listed without the secret.
        const HttpResponse list = get("/api/v1/webhook-endpoints?organization_id=" + id(org));
        QCOMPARE(list.status, 200);
        bool found = false;
        for (const QJsonValue& value : list.json().value("data").toArray())
            if (value.toObject().value("id").toInteger() == endpointId) {
                found = true;
                QVERIFY(!value.toObject().contains("secret"));
            }
        QVERIFY(found);
        QVERIFY(!list.body.contains(secret.toLatin1()));
        const QByteArray path = "/api/v1/webhook-endpoints/" + id(endpointId);
        for (const QByteArray& token : {memberToken, financeToken}) {
            QCOMPARE(get("/api/v1/webhook-endpoints?organization_id=" + id(org), token).status, 403);
            QCOMPARE(get(path + "/deliveries", token).status, 403);
            QCOMPARE(del(path, token).status, 403);
        }
        QCOMPARE(get("/api/v1/webhook-endpoints?organization_id=" + id(org), otherOwnerToken).status, 404);
        QCOMPARE(get(path + "/deliveries", otherOwnerToken).status, 404);
        QCOMPARE(del(path, otherOwnerToken).status, 404);
        QCOMPARE(get("/api/v1/webhook-endpoints/999999/deliveries").status, 404);
        // Deleted: gone from the list, its deliveries and a second delete are 404.
        QCOMPARE(del(path, adminToken).status, 204);
        QCOMPARE(del(path, adminToken).status, 404);
        QCOMPARE(get(path + "/deliveries").status, 404);
        QVERIFY(!get("/api/v1/webhook-endpoints?organization_id=" + id(org))
                     .body.contains("\"id\":" + id(endpointId) + ","));
    }

    // A plan switch: e-mail to the owner, admin and finance (not the member), and a webhook signed with the
    // endpoint's secret, verified by Python's hmac.
    void subscriptionChangeReachesPeopleAndWebhooks()
    {
        resetPeers();
        const qint64 endpoint = endpointOnReceiver({"subscription.changed"}, 0);
        const qint64 clock = now();
        switchPlan("starter");
        runDueWork();
        QTRY_COMPARE(mailRecipients(),
                     (QStringList{"admin@example.com", "boss@example.com", "money@example.com"}));
        const QJsonObject mail = mails()[0].toObject();
        QCOMPARE(mail.value("subject").toString(),
                 QStringLiteral("[CreditDesk] Subscription of Acme Notifications: plan starter"));
        QCOMPARE(mail.value("from").toArray()[0].toObject().value("address").toString(),
                 QStringLiteral("billing@creditdesk.test"));
        QVERIFY2(mail.value("text").toString().contains("Plan: starter"),
                 qPrintable(mail.value("text").toString()));
        QVERIFY(mail.value("text").toString().contains("The subscription of Acme Notifications changed."));
        QVERIFY2(mail.value("html").toString().contains("<th align=\"left\">Plan</th><td>starter</td>"),
                 qPrintable(mail.value("html").toString()));
        QVERIFY(mail.value("headers").toObject().value("message-id").toString().contains("@creditdesk.test"));
        QVERIFY(!mail.value("headers").toObject().value("date").toString().isEmpty());

        const QJsonArray hooks = received();
        QCOMPARE(hooks.size(), 1);
        const QJsonObject hook = hooks[0].toObject();
        QCOMPARE(hook.value("verified").toBool(), true);
        QCOMPARE(hook.value("t").toInteger(), clock / 1000); // the server's (test) clock
        QCOMPARE(hook.value("content_type").toString(), QStringLiteral("application/json"));
        const QJsonObject body = hook.value("body").toObject();
        QCOMPARE(body.value("type").toString(), QStringLiteral("subscription.changed"));
        QCOMPARE(body.value("organization_id").toInteger(), org);
        QCOMPARE(body.value("data").toObject().value("plan").toString(), QStringLiteral("starter"));
        QCOMPARE(body.value("data").toObject().value("organization_id").toInteger(), org);
        QVERIFY(body.value("id").toInteger() > 0);
        QVERIFY(!body.value("created_at").toString().isEmpty());

        const QJsonArray list = deliveries(endpoint);
        QCOMPARE(list.size(), 1);
        const QJsonObject delivery = list[0].toObject();
        QCOMPARE(delivery.value("event").toString(), QStringLiteral("subscription.changed"));
        QCOMPARE(delivery.value("status").toString(), QStringLiteral("delivered"));
        QCOMPARE(delivery.value("attempts").toArray().size(), 1);
        QCOMPARE(delivery.value("attempts").toArray()[0].toObject().value("status_code").toInteger(), 200);
        QVERIFY(delivery.value("next_attempt_at").isNull());
        // Running the jobs again sends nothing twice.
        runDueWork();
        QCOMPARE(received().size(), 1);
        QCOMPARE(mails().size(), 3);
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(endpoint)).status, 204);
    }

    // A personal account's event: e-mail to its user only, no webhook (endpoints belong to organizations).
    void personalAccountMailsItsUser()
    {
        resetPeers();
        const qint64 endpoint = endpointOnReceiver({"subscription.changed"}, 0);
        const HttpResponse switched =
            post("/api/v1/tiers/switch", {{"user_id", ownerId}, {"plan", "starter"}});
        QVERIFY2(switched.status == 200, switched.body.constData());
        runDueWork();
        QTRY_COMPARE(mailRecipients(), QStringList{"admin@example.com"});
        QCOMPARE(mails()[0].toObject().value("subject").toString(),
                 QStringLiteral("[CreditDesk] Subscription of your account: plan starter"));
        QCOMPARE(received().size(), 0);
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(endpoint)).status, 204);
    }

    // A coupon redemption: coupon.redeemed to the subscribed endpoint (not to one that wants other
    // events) and e-mail to the owner, admin and finance.
    void couponRedemptionReachesPeopleAndWebhooks()
    {
        resetPeers();
        const HttpResponse coupon = post("/api/v1/coupons/create",
                                         {{"code", "HELLO5"}, {"kind", "bonus_credits"}, {"credits", 5000}});
        QVERIFY2(coupon.status == 201, coupon.body.constData());
        const qint64 subscribed = endpointOnReceiver({"coupon.redeemed"}, 0);
        const HttpResponse other = createEndpoint(org, hookUrl() + "?other", {"alert.fired"});
        QCOMPARE(other.status, 201);
        const HttpResponse redeemed =
            post("/api/v1/coupons/redeem", {{"code", "HELLO5"}, {"organization_id", org}});
        QVERIFY2(redeemed.status == 200, redeemed.body.constData());
        runDueWork();
        const QJsonArray hooks = received();
        QCOMPARE(hooks.size(), 1);
        QCOMPARE(hooks[0].toObject().value("path").toString(), QStringLiteral("/hook"));
        QCOMPARE(hooks[0].toObject().value("verified").toBool(), true);
        const QJsonObject body = hooks[0].toObject().value("body").toObject();
        QCOMPARE(body.value("type").toString(), QStringLiteral("coupon.redeemed"));
        QCOMPARE(body.value("data").toObject(), redeemed.json().value("redemption").toObject());
        QTRY_COMPARE(mailRecipients(),
                     (QStringList{"admin@example.com", "boss@example.com", "money@example.com"}));
        QCOMPARE(mails()[0].toObject().value("subject").toString(),
                 QStringLiteral("[CreditDesk] Coupon HELLO5 redeemed for Acme Notifications"));
        QCOMPARE(deliveries(other.json().value("id").toInteger()).size(), 0);
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(subscribed)).status, 204);
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(other.json().value("id").toInteger())).status, 204);
    }

    // alert.fired as the alerts core writes it, inserted directly so that each preference case is exact: the
    // owners, admins and finance whose preference asks for e-mail, and for member_limit the member when
    // theirs does.
    void alertEmailFollowsPreferences()
    {
        resetPeers();
        const QJsonObject alert{{"id", 1},
                                {"seq", 1},
                                {"rule_id", 1},
                                {"kind", "member_limit"},
                                {"level", "critical"},
                                {"message", "worker@example.com used 100 % of their limit"},
                                {"value", 100},
                                {"threshold", 100},
                                {"fired_at", "2026-12-06T12:00:00.000Z"},
                                {"acknowledged_at", QJsonValue()},
                                {"acknowledged_by", QJsonValue()},
                                {"account_id", accountOf(org)},
                                {"member_id", memberId},
                                {"department_id", QJsonValue()}};
        // The member asked for e-mail about their limit (putPreferences); finance turns it off.
        QCOMPARE(put("/api/v1/me/notification-preferences",
                     {{"preferences", QJsonArray{QJsonObject{
                                          {"kind", "member_limit"}, {"in_app", true}, {"email", false}}}}},
                     financeToken)
                     .status,
                 200);
        insertAlertEvent(alert);
        runDueWork();
        QTRY_COMPARE(mailRecipients(),
                     (QStringList{"admin@example.com", "boss@example.com", "worker@example.com"}));
        const QJsonObject mail = mails()[0].toObject();
        QCOMPARE(mail.value("subject").toString(),
                 QStringLiteral("[CreditDesk] Critical: worker@example.com used 100 % of their limit"));
        QVERIFY(mail.value("text").toString().contains("Threshold: 100"));
        // Another kind: the member (in-app only by default) gets none; finance does again.
        resetPeers();
        QJsonObject lowBalance = alert;
        lowBalance.insert("kind", "low_balance");
        lowBalance.insert("member_id", QJsonValue());
        lowBalance.insert("message", "Available credits are below 1,000");
        insertAlertEvent(lowBalance);
        runDueWork();
        QTRY_COMPARE(mailRecipients(),
                     (QStringList{"admin@example.com", "boss@example.com", "money@example.com"}));
    }

    // End to end with the alerts core: a deduction takes the member to 80 % of their limit, the rule
    // fires in that write, and the delivery job mails the owner, the admin and the member (who asked for
    // it in putPreferences; finance turned member_limit e-mail off) and posts the signed alert.
    void firedAlertReachesPeopleAndWebhooks()
    {
        resetPeers();
        const qint64 endpoint = endpointOnReceiver({"alert.fired"}, 0);
        QCOMPARE(put("/api/v1/organizations/" + id(org) + "/members/" + id(memberId) + "/limit",
                     {{"credits", 100}, {"period", "month"}, {"enforcement", "hard"}}, f->adminToken)
                     .status,
                 200);
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
        const HttpResponse deducted = post(
            "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 80}, {"member_id", memberId}});
        QVERIFY2(deducted.status == 200, deducted.body.constData());
        runDueWork();
        QTRY_COMPARE(mailRecipients(),
                     (QStringList{"admin@example.com", "boss@example.com", "worker@example.com"}));
        const QString subject = mails()[0].toObject().value("subject").toString();
        QVERIFY2(subject.startsWith("[CreditDesk] Warning: "), qPrintable(subject));
        const QJsonArray hooks = received();
        QCOMPARE(hooks.size(), 1);
        QCOMPARE(hooks[0].toObject().value("verified").toBool(), true);
        const QJsonObject body = hooks[0].toObject().value("body").toObject();
        QCOMPARE(body.value("type").toString(), QStringLiteral("alert.fired"));
        QCOMPARE(body.value("data").toObject().value("kind").toString(), QStringLiteral("member_limit"));
        QCOMPARE(body.value("data").toObject().value("level").toString(), QStringLiteral("warning"));
        QCOMPARE(body.value("data").toObject().value("member_id").toInteger(), memberId);
        QCOMPARE(deliveries(endpoint)[0].toObject().value("status").toString(), QStringLiteral("delivered"));
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(endpoint)).status, 204);
    }

    // The delivery job also runs right after a successful write (the jobs interval here is an hour and
    // the clock does not move): the event is delivered without waiting for the next interval.
    void deliveredSoonAfterTheWrite()
    {
        resetPeers();
        const qint64 endpoint = endpointOnReceiver({"subscription.changed"}, 0);
        switchPlan("professional");
        QTRY_COMPARE_WITH_TIMEOUT(received().size(), 1, 30000);
        QCOMPARE(received()[0]
                     .toObject()
                     .value("body")
                     .toObject()
                     .value("data")
                     .toObject()
                     .value("plan")
                     .toString(),
                 QStringLiteral("professional"));
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(endpoint)).status, 204);
    }

    // A receiver that answers 500 twice: retried after 1 and then 2 more minutes, delivered at the third.
    void webhookRetriedUntilDelivered()
    {
        resetPeers();
        const qint64 endpoint = endpointOnReceiver({"subscription.changed"}, 2);
        const qint64 start = now();
        QVERIFY2(post("/api/v1/subscription/cancel", {{"organization_id", org}}).status == 200, "cancel");
        runDueWork();
        QCOMPARE(received().size(), 1);
        QJsonObject delivery = deliveries(endpoint)[0].toObject();
        QCOMPARE(delivery.value("status").toString(), QStringLiteral("pending"));
        QCOMPARE(delivery.value("attempts").toArray()[0].toObject().value("status_code").toInteger(), 500);
        QCOMPARE(delivery.value("attempts").toArray()[0].toObject().value("error").toString(),
                 QStringLiteral("HTTP 500"));
        QCOMPARE(QDateTime::fromString(delivery.value("next_attempt_at").toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
                 start + kMinuteMs);
        advanceBy(kMinuteMs - 1000); // not yet due
        QCOMPARE(received().size(), 1);
        advanceBy(1000);
        QCOMPARE(received().size(), 2);
        delivery = deliveries(endpoint)[0].toObject();
        QCOMPARE(QDateTime::fromString(delivery.value("next_attempt_at").toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
                 start + 3 * kMinuteMs);
        advanceBy(2 * kMinuteMs);
        const QJsonArray hooks = received();
        QCOMPARE(hooks.size(), 3);
        for (const QJsonValue& hook : hooks) {
            QCOMPARE(hook.toObject().value("verified").toBool(), true);
            QCOMPARE(hook.toObject().value("body").toObject(),
                     hooks[0].toObject().value("body").toObject()); // same event
        }
        QCOMPARE(hooks[2].toObject().value("t").toInteger(), (start + 3 * kMinuteMs) / 1000);
        delivery = deliveries(endpoint)[0].toObject();
        QCOMPARE(delivery.value("status").toString(), QStringLiteral("delivered"));
        QCOMPARE(delivery.value("attempts").toArray().size(), 3);
        QVERIFY(delivery.value("next_attempt_at").isNull());
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(endpoint)).status, 204);
    }

    // A receiver that always fails: attempts at 0, 1, 3, 7, … 1023 minutes and at 24 hours, then failed.
    void webhookFailsAfter24Hours()
    {
        resetPeers();
        const qint64 endpoint = endpointOnReceiver({"subscription.changed"}, 1000);
        const qint64 start = now();
        QVERIFY2(post("/api/v1/subscription/resume", {{"organization_id", org}}).status == 200, "resume");
        runDueWork();
        const QList<qint64> minutes{0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023, 1440};
        for (qsizetype i = 1; i < minutes.size(); ++i) {
            const QJsonObject delivery = deliveries(endpoint)[0].toObject();
            QCOMPARE(delivery.value("status").toString(), QStringLiteral("pending"));
            QCOMPARE(QDateTime::fromString(delivery.value("next_attempt_at").toString(), Qt::ISODateWithMs)
                         .toMSecsSinceEpoch(),
                     start + minutes[i] * kMinuteMs);
            advanceBy((minutes[i] - minutes[i - 1]) * kMinuteMs);
            QCOMPARE(received().size(), i + 1);
        }
        const QJsonObject delivery = deliveries(endpoint)[0].toObject();
        QCOMPARE(delivery.value("status").toString(), QStringLiteral("failed"));
        QCOMPARE(delivery.value("attempts").toArray().size(), 12);
        QVERIFY(delivery.value("next_attempt_at").isNull());
        advanceBy(48 * 60 * kMinuteMs);
        QCOMPARE(received().size(), 12); // no more after failed
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(endpoint)).status, 204);
    }

    // Two server processes on one database run the delivery job at the same moment over 30 new events:
    // each event is fanned out once and each delivery sent once (unique keys, SKIP LOCKED, claims).
    void twoProcessesDeliverOnce()
    {
        resetPeers();
        const qint64 endpoint = endpointOnReceiver({"alert.fired"}, 0);
        TestServer second(f->database.url(),
                          {"--test-clock", "--session-ttl", "315360000", "--jobs-interval-ms", "3600000",
                           "--smtp-url", QStringLiteral("smtp://127.0.0.1:%1").arg(smtpPort), "--mail-from",
                           "billing@creditdesk.test"});
        QVERIFY(second.start());
        // Each process has its own test clock: the second's starts at the real time, behind the first's
        // (moved by the tests before). Claims are leases on the clock, so both must tell the same time.
        const QJsonObject sameTime{
            {"now", QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC).toString(Qt::ISODateWithMs)}};
        QCOMPARE(second.client(f->adminToken)->post("/api/v1/admin/test-clock", sameTime).status, 200);
        const qint64 firstEvent = count("SELECT COALESCE(MAX(id), 0) FROM outbox_events") + 1;
        for (int i = 0; i < 30; ++i)
            insertAlertEvent(QJsonObject{{"id", 1000 + i},
                                         {"kind", "low_balance"},
                                         {"level", "warning"},
                                         {"message", QStringLiteral("Low balance %1").arg(i)},
                                         {"value", i},
                                         {"threshold", 1000},
                                         {"account_id", accountOf(org)},
                                         {"member_id", QJsonValue()},
                                         {"department_id", QJsonValue()}});
        std::atomic<int> ok{0};
        std::thread other([&] {
            auto client = second.client(f->adminToken);
            if (client->post("/api/v1/admin/test-clock", {{"advance_seconds", 0}}).status == 200)
                ++ok;
        });
        {
            auto client = f->server->client(f->adminToken);
            if (client->post("/api/v1/admin/test-clock", {{"advance_seconds", 0}}).status == 200)
                ++ok;
        }
        other.join();
        QCOMPARE(ok.load(), 2);
        QCOMPARE(count(QStringLiteral(
                           "SELECT COUNT(*) FROM outbox_events WHERE id >= %1 AND dispatched_at IS NULL")
                           .arg(firstEvent)),
                 0);
        // owner, admin and finance by e-mail, and the endpoint: four deliveries per event, all delivered
        // once.
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notification_deliveries WHERE event_id >= %1")
                           .arg(firstEvent)),
                 30 * 4);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM notification_deliveries WHERE event_id >= %1 AND "
                                      "(status <> 'delivered' OR attempt_count <> 1)")
                           .arg(firstEvent)),
                 0);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts a JOIN notification_deliveries d ON "
                                 "d.id = a.delivery_id WHERE d.event_id >= %1")
                      .arg(firstEvent)),
            30 * 4);
        const QJsonArray hooks = received();
        QCOMPARE(hooks.size(), 30);
        QSet<qint64> ids;
        for (const QJsonValue& hook : hooks) {
            QVERIFY(hook.toObject().value("verified").toBool());
            ids.insert(hook.toObject().value("body").toObject().value("id").toInteger());
        }
        QCOMPARE(ids.size(), 30);
        QTRY_COMPARE(mails().size(), 90);
        second.stop();
        QCOMPARE(del("/api/v1/webhook-endpoints/" + id(endpoint)).status, 204);
    }

    // Each event fans out once: one delivery per event and recipient, however often the job runs.
    void fanOutExactlyOnce()
    {
        QCOMPARE(count("SELECT COUNT(*) FROM outbox_events WHERE dispatched_at IS NULL"), 0);
        QCOMPARE(count("SELECT COUNT(*) FROM (SELECT event_id, recipient FROM notification_deliveries "
                       "GROUP BY event_id, recipient HAVING COUNT(*) > 1) duplicates"),
                 0);
        QCOMPARE(count("SELECT COUNT(*) FROM notification_deliveries WHERE channel = 'email' AND status <> "
                       "'delivered'"),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestNotifications)
#include "tst_notifications.moc"
