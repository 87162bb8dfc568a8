// Who may do what, through the public API: sign-in and sessions, organizations, members, departments,
// API tokens with scopes, and the isolation between organizations and between personal accounts that
// every credits endpoint must keep (refused requests answer 404/403 and change nothing).
#include "TestServer.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace creditdesk::test;

namespace {

QByteArray num(qint64 value)
{
    return QByteArray::number(value);
}

QList<qint64> seqsOf(const HttpResponse& response)
{
    QList<qint64> seqs;
    for (const QJsonValue& row : response.json().value("data").toArray())
        seqs.append(row.toObject().value("seq").toInteger());
    return seqs;
}

QStringList toStrings(const QJsonArray& array)
{
    QStringList list;
    for (const QJsonValue& value : array)
        list.append(value.toString());
    return list;
}

} // namespace

class TestAccess : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;

    HttpResponse get(const QByteArray& token, const QByteArray& target)
    {
        return f->server->client(token)->get(target);
    }
    HttpResponse post(const QByteArray& token, const QByteArray& target, const QJsonObject& body)
    {
        return f->server->client(token)->post(target, body);
    }
    HttpResponse patch(const QByteArray& token, const QByteArray& target, const QJsonObject& body)
    {
        return f->server->client(token)->request("PATCH", target,
                                                 QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpResponse del(const QByteArray& token, const QByteArray& target)
    {
        return f->server->client(token)->request("DELETE", target);
    }
    QByteArray loginAs(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }
    qint64 userIdOf(const QByteArray& token)
    {
        return get(token, "/api/v1/me").json().value("user").toObject().value("id").toInteger();
    }
    qint64 apiTokenId(const QByteArray& token)
    {
        return get(token, "/api/v1/me").json().value("api_token").toObject().value("id").toInteger();
    }
    void verifyLedger() { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

private Q_SLOTS:
    void init() { f = std::make_unique<Fixture>(); }
    void cleanup() { f.reset(); }

    // ---- sign-in and sessions -----------------------------------------------------------------

    void loginReturnsSessionAndRejectsWrongPassword()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        const qint64 alice =
            f->addMember(f->adminToken, home, QStringLiteral("alice@acme.test"), QStringLiteral("member"));
        auto client = f->server->client();
        const QDateTime before = QDateTime::currentDateTimeUtc();
        // The address is matched case-insensitively.
        const HttpResponse ok =
            client->post("/api/v1/auth/login", {{"email", "Alice@ACME.test"},
                                                {"password", Fixture::passwordFor("alice@acme.test")}});
        QCOMPARE(ok.status, 200);
        const QByteArray token = ok.json().value("token").toString().toLatin1();
        QVERIFY2(token.startsWith("cds_") && token.size() >= 40, token.constData());
        const QDateTime expires =
            QDateTime::fromString(ok.json().value("expires_at").toString(), Qt::ISODateWithMs);
        QVERIFY(expires.isValid());
        const qint64 ttl = before.secsTo(expires);
        QVERIFY2(ttl > 12 * 3600 - 60 && ttl <= 12 * 3600 + 60, qPrintable(QString::number(ttl)));
        const QJsonObject user = ok.json().value("user").toObject();
        QCOMPARE(user.value("id").toInteger(), alice);
        QCOMPARE(user.value("email").toString(), QStringLiteral("alice@acme.test"));
        QCOMPARE(user.value("is_platform_admin").toBool(), false);
        QVERIFY(!user.contains("password_hash"));
        QCOMPARE(userIdOf(token), alice);

        const HttpResponse wrong = client->post(
            "/api/v1/auth/login", {{"email", "alice@acme.test"}, {"password", "not-her-password"}});
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.errorCode(), QStringLiteral("invalid_credentials"));
        QVERIFY(!wrong.json().contains("token"));
        const HttpResponse unknown = client->post(
            "/api/v1/auth/login", {{"email", "nobody@acme.test"}, {"password", "whatever-password"}});
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.errorCode(), QStringLiteral("invalid_credentials"));
        const HttpResponse noToken = f->server->client("cds_not-a-session")->get("/api/v1/me");
        QCOMPARE(noToken.status, 401);
        QCOMPARE(noToken.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(noToken.header("WWW-Authenticate"), QByteArray("Bearer realm=\"creditdesk\""));
        QCOMPARE(f->server->client()->get("/api/v1/me").status, 401);
    }

    // Passwords are taken exactly as typed: spaces are part of them, at either end too.
    void passwordsAreTakenExactlyAsTyped()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        const QString spaced = QStringLiteral("  two spaces either side  ");
        QCOMPARE(
            post(
                f->adminToken, "/api/v1/organizations/" + num(home) + "/members",
                {{"email", "spacey@acme.test"}, {"name", "Spacey"}, {"password", spaced}, {"role", "member"}})
                .status,
            201);
        auto client = f->server->client();
        const auto signIn = [&](const QString& email, const QString& password) {
            return client->post("/api/v1/auth/login", {{"email", email}, {"password", password}}).status;
        };
        QCOMPARE(signIn(QStringLiteral("spacey@acme.test"), spaced), 200);
        QCOMPARE(signIn(QStringLiteral("spacey@acme.test"), spaced.trimmed()), 401);
        QCOMPARE(signIn(QStringLiteral("spacey@acme.test"), spaced + QLatin1Char(' ')), 401);

        // bootstrap reads the first line of its password file and drops only the line break.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("pw")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(" boot strap pass \n");
        file.close();
        QByteArray output;
        QCOMPARE(TestServer::runCommand({QStringLiteral("bootstrap"), QStringLiteral("--database"),
                                         f->database.url(), QStringLiteral("--email"),
                                         QStringLiteral("ops@acme.test"), QStringLiteral("--password-file"),
                                         file.fileName()},
                                        &output),
                 0);
        QCOMPARE(signIn(QStringLiteral("ops@acme.test"), QStringLiteral(" boot strap pass ")), 200);
        QCOMPARE(signIn(QStringLiteral("ops@acme.test"), QStringLiteral("boot strap pass")), 401);
    }

    void repeatedFailuresAreThrottledPerEmail()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("alice@acme.test"), QStringLiteral("member"));
        f->addMember(f->adminToken, home, QStringLiteral("bob@acme.test"), QStringLiteral("member"));
        auto client = f->server->client();
        for (int i = 0; i < 5; ++i) {
            const HttpResponse wrong =
                client->post("/api/v1/auth/login", {{"email", "alice@acme.test"},
                                                    {"password", "guess-number-" + QString::number(i)}});
            QCOMPARE(wrong.status, 401);
            QCOMPARE(wrong.errorCode(), QStringLiteral("invalid_credentials"));
        }
        // The sixth attempt is refused even with the right password.
        const HttpResponse right =
            client->post("/api/v1/auth/login", {{"email", "alice@acme.test"},
                                                {"password", Fixture::passwordFor("alice@acme.test")}});
        QCOMPARE(right.status, 429);
        QCOMPARE(right.errorCode(), QStringLiteral("too_many_attempts"));
        QVERIFY(!right.json().contains("token"));
        bool ok = false;
        const qint64 retryAfter = right.header("Retry-After").toLongLong(&ok);
        QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 15 * 60, right.header("Retry-After").constData());
        QCOMPARE(right.json()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("retry_after_seconds")
                     .toInteger(),
                 retryAfter);
        // Another address is not affected.
        QCOMPARE(client
                     ->post("/api/v1/auth/login",
                            {{"email", "bob@acme.test"}, {"password", Fixture::passwordFor("bob@acme.test")}})
                     .status,
                 200);
        QCOMPARE(
            client->post("/api/v1/auth/login", {{"email", "ALICE@acme.test"}, {"password", "guess"}}).status,
            429);
    }

    void logoutEndsOnlyThatSession()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("alice@acme.test"), QStringLiteral("member"));
        const QByteArray first = loginAs(QStringLiteral("alice@acme.test"));
        const QByteArray second = loginAs(QStringLiteral("alice@acme.test"));
        QVERIFY(first != second);
        QCOMPARE(get(first, "/api/v1/me").status, 200);
        const HttpResponse out = post(first, "/api/v1/auth/logout", {});
        QCOMPARE(out.status, 204);
        const HttpResponse after = get(first, "/api/v1/me");
        QCOMPARE(after.status, 401);
        QCOMPARE(after.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(post(first, "/api/v1/auth/logout", {}).status, 401);
        QCOMPARE(get(second, "/api/v1/me").status, 200);
        // API tokens are revoked, not signed out.
        const QByteArray machine = f->createApiToken(second, std::nullopt, {QStringLiteral("credits:read")});
        const HttpResponse machineOut = post(machine, "/api/v1/auth/logout", {});
        QCOMPARE(machineOut.status, 400);
        QCOMPARE(machineOut.errorCode(), QStringLiteral("not_a_session"));
        QCOMPARE(get(machine, "/api/v1/me").status, 200);
    }

    // Sign-out is immediate: with other clients busy on the same session, every request sent after the
    // 204 arrived is refused, however recently the session was used (no cached principal survives it).
    void signOutRefusesEveryRequestSentAfterTheAnswer()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("alice@acme.test"), QStringLiteral("member"));
        for (int round = 0; round < 5; ++round) {
            const QByteArray session = loginAs(QStringLiteral("alice@acme.test"));
            std::atomic<bool> signedOut{false};
            std::atomic<bool> stop{false};
            std::atomic<int> okBefore{0};
            std::atomic<int> refusedAfter{0};
            std::atomic<int> acceptedAfter{0};
            std::vector<std::thread> loops;
            for (int i = 0; i < 2; ++i)
                loops.emplace_back([&] {
                    auto client = f->server->client(session);
                    while (!stop) {
                        const bool sentAfterSignOut = signedOut; // read before the request goes out
                        const int status = client->get("/api/v1/me").status;
                        if (sentAfterSignOut)
                            (status == 401 ? refusedAfter : acceptedAfter)++;
                        else if (status == 200)
                            okBefore++;
                        if (sentAfterSignOut && refusedAfter + acceptedAfter >= 200)
                            stop = true;
                    }
                });
            QTRY_VERIFY(okBefore >= 20); // both loops are hitting the (cached) session
            const HttpResponse out = post(session, "/api/v1/auth/logout", {});
            signedOut = true;
            for (std::thread& loop : loops)
                loop.join();
            QCOMPARE(out.status, 204);
            QCOMPARE(acceptedAfter.load(), 0);
            QVERIFY(refusedAfter >= 200);
        }
    }

    void meListsOrganizationsWithRoleAndPermissions()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        const qint64 research = f->createDepartment(f->adminToken, home, QStringLiteral("Research"));
        const qint64 alice = f->addMember(f->adminToken, home, QStringLiteral("alice@acme.test"),
                                          QStringLiteral("member"), research);
        const QByteArray token = loginAs(QStringLiteral("alice@acme.test"));
        const qint64 own = f->createOrganization(token, QStringLiteral("Alice Labs"));

        const HttpResponse me = get(token, "/api/v1/me");
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value("user").toObject().value("id").toInteger(), alice);
        QVERIFY(me.json().value("personal_account_id").toInteger() > 0);
        QVERIFY(!me.json().contains("api_token"));
        const QJsonArray organizations = me.json().value("organizations").toArray();
        QCOMPARE(organizations.size(), 2);
        const QJsonObject first = organizations[0].toObject();
        QCOMPARE(first.value("id").toInteger(), home);
        QCOMPARE(first.value("name").toString(), QStringLiteral("Home"));
        QCOMPARE(first.value("role").toString(), QStringLiteral("member"));
        QCOMPARE(first.value("department_id").toInteger(), research);
        QCOMPARE(toStrings(first.value("permissions").toArray()),
                 QStringList({QStringLiteral("organization:read"), QStringLiteral("credits:read_own"),
                              QStringLiteral("subscription:read")}));
        const QJsonObject second = organizations[1].toObject();
        QCOMPARE(second.value("id").toInteger(), own);
        QCOMPARE(second.value("role").toString(), QStringLiteral("owner"));
        QVERIFY(second.value("department_id").isNull());
        QCOMPARE(toStrings(second.value("permissions").toArray()),
                 QStringList(
                     {"organization:read",   "members:manage",  "departments:manage",   "api_tokens:manage",
                      "credits:read",        "credits:deduct",  "audit:read",           "subscription:read",
                      "subscription:manage", "charges:read",    "verification:request", "seats:manage",
                      "budgets:manage",      "budgets:read",    "roles:manage",         "alerts:read",
                      "alerts:manage",       "webhooks:manage", "invoices:read",        "billing:manage",
                      "credits:purchase"})); // owners do not create credits

        // An API token sees only its organization, with its scopes as permissions.
        const QByteArray machine = f->createApiToken(token, own, {QStringLiteral("credits:read")});
        const HttpResponse machineMe = get(machine, "/api/v1/me");
        QCOMPARE(machineMe.status, 200);
        QCOMPARE(machineMe.json().value("api_token").toObject().value("organization_id").toInteger(), own);
        const QJsonArray machineOrganizations = machineMe.json().value("organizations").toArray();
        QCOMPARE(machineOrganizations.size(), 1);
        QCOMPARE(machineOrganizations[0].toObject().value("id").toInteger(), own);
        QCOMPARE(toStrings(machineOrganizations[0].toObject().value("permissions").toArray()),
                 QStringList{"credits:read"});
    }

    void forwardedForCountsOnlyBehindTrustedProxies()
    {
        // 20 failed sign-ins from one client address, with different e-mails, use up that address's room.
        const auto failFrom = [](TestServer& server, const QByteArray& forwardedFor, int i) {
            return server.client()->post(
                "/api/v1/auth/login",
                {{"email", QStringLiteral("nobody%1@acme.test").arg(i)}, {"password", "guess"}},
                {{"X-Forwarded-For", forwardedFor}});
        };
        // Directly reachable server: X-Forwarded-For is the client's say-so and is ignored.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(failFrom(*f->server, "198.51.100." + QByteArray::number(i), i).status, 401);
        QCOMPARE(failFrom(*f->server, "198.51.100.99", 20).status, 429);

        // Behind a trusted proxy (the tests connect from 127.0.0.1): the forwarded address counts.
        TestDatabase database;
        TestServer behindProxy(database.url(),
                               {QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1")});
        QVERIFY(behindProxy.start());
        for (int i = 0; i < 20;
             ++i) // the right-most entry is what the proxy saw; the rest is the client's claim
            QCOMPARE(failFrom(behindProxy, "10.9.9." + QByteArray::number(i) + ", 203.0.113.5", i).status,
                     401);
        QCOMPARE(failFrom(behindProxy, "203.0.113.5", 20).status, 429);
        QCOMPARE(failFrom(behindProxy, "203.0.113.6", 21).status, 401); // another client is not throttled
        QCOMPARE(failFrom(behindProxy, "203.0.113.5, 127.0.0.1", 22).status, 429); // a trusted hop is skipped
        QCOMPARE(failFrom(behindProxy, "not-an-address", 23).status,
                 401); // unusable: counted for the proxy itself
    }

    void headAnswersLikeGetWithoutABody()
    {
        auto client = f->server->client(f->adminToken);
        const HttpResponse get = client->get("/api/v1/me");
        const HttpResponse head = client->request("HEAD", "/api/v1/me");
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length"), QByteArray::number(get.body.size()));
        QVERIFY(head.body.isEmpty());
        QCOMPARE(client->get("/api/v1/me").body,
                 get.body); // the keep-alive connection carried no stray bytes
        QCOMPARE(f->server->client()->request("HEAD", "/readyz").status, 200);
        QCOMPARE(f->server->client()->request("HEAD", "/api/v1/me").status, 401);
    }

    void sessionsSurviveServerRestart()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        const qint64 alice =
            f->addMember(f->adminToken, home, QStringLiteral("alice@acme.test"), QStringLiteral("owner"));
        const QByteArray token = loginAs(QStringLiteral("alice@acme.test"));
        const QByteArray machine = f->createApiToken(token, home, {QStringLiteral("credits:read")});
        QCOMPARE(f->allocate(f->adminToken, home, 70).status, 201);

        f->server->stop();
        QCOMPARE(f->server->client(token)->get("/api/v1/me").status, 0); // really gone
        f->server = std::make_unique<TestServer>(f->database.url());
        QVERIFY(f->server->start());

        QCOMPARE(userIdOf(token), alice);
        QCOMPARE(f->balance(token, home), 70);
        QCOMPARE(f->balance(machine, home), 70);
        QCOMPARE(f->balance(f->adminToken, home), 70);
    }

    // ---- organizations, members, departments --------------------------------------------------

    void organizationsCreateListGet()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        const qint64 alice =
            f->addMember(f->adminToken, home, QStringLiteral("alice@acme.test"), QStringLiteral("member"));
        f->addMember(f->adminToken, home, QStringLiteral("bob@acme.test"), QStringLiteral("member"));
        const QByteArray token = loginAs(QStringLiteral("alice@acme.test"));
        const QByteArray bob = loginAs(QStringLiteral("bob@acme.test"));

        const HttpResponse created = post(token, "/api/v1/organizations", {{"name", "Alice Labs"}});
        QCOMPARE(created.status, 201);
        const qint64 labs = created.json().value("id").toInteger();
        QCOMPARE(created.json().value("name").toString(), QStringLiteral("Alice Labs"));
        QCOMPARE(created.json().value("kind").toString(), QStringLiteral("team"));
        QCOMPARE(created.json().value("role").toString(), QStringLiteral("owner"));
        QVERIFY(created.json().value("account_id").toInteger() > 0);
        const HttpResponse pub =
            post(token, "/api/v1/organizations", {{"name", "Alice Community"}, {"kind", "public"}});
        QCOMPARE(pub.status, 201);
        QCOMPARE(pub.json().value("kind").toString(), QStringLiteral("public"));
        const qint64 community = pub.json().value("id").toInteger();

        const QStringList before = f->database.dump();
        const HttpResponse badKind =
            post(token, "/api/v1/organizations", {{"name", "X"}, {"kind", "private"}});
        QCOMPARE(badKind.status, 422);
        QCOMPARE(badKind.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(post(token, "/api/v1/organizations", {{"kind", "team"}}).status, 422);
        QCOMPARE(f->database.dump(), before);
        const QByteArray machine = f->createApiToken(token, labs, {QStringLiteral("credits:read")});
        const QStringList withToken = f->database.dump();
        QCOMPARE(post(machine, "/api/v1/organizations", {{"name", "Machine Org"}}).status, 403);
        QCOMPARE(f->database.dump(), withToken);
        QCOMPARE(withToken.size(), before.size() + 1);

        // The creator is the only member, as owner.
        const HttpResponse members = get(token, "/api/v1/organizations/" + num(labs) + "/members");
        QCOMPARE(members.status, 200);
        const QJsonArray memberList = members.json().value("data").toArray();
        QCOMPARE(memberList.size(), 1);
        QCOMPARE(memberList[0].toObject().value("user_id").toInteger(), alice);
        QCOMPARE(memberList[0].toObject().value("role").toString(), QStringLiteral("owner"));

        const HttpResponse list = get(token, "/api/v1/organizations");
        QCOMPARE(list.status, 200);
        const QJsonArray organizations = list.json().value("data").toArray();
        QCOMPARE(organizations.size(), 3);
        QCOMPARE(organizations[0].toObject().value("id").toInteger(), home);
        QCOMPARE(organizations[0].toObject().value("role").toString(), QStringLiteral("member"));
        QCOMPARE(organizations[1].toObject().value("id").toInteger(), labs);
        QCOMPARE(organizations[1].toObject().value("role").toString(), QStringLiteral("owner"));
        QCOMPARE(organizations[2].toObject().value("id").toInteger(), community);
        QCOMPARE(get(bob, "/api/v1/organizations").json().value("data").toArray().size(), 1);

        const HttpResponse one = get(token, "/api/v1/organizations/" + num(labs));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value("name").toString(), QStringLiteral("Alice Labs"));
        QCOMPARE(one.json().value("role").toString(), QStringLiteral("owner"));
        // Outsiders cannot tell a foreign organization from a missing one.
        const HttpResponse foreign = get(bob, "/api/v1/organizations/" + num(labs));
        QCOMPARE(foreign.status, 404);
        QCOMPARE(foreign.errorCode(), QStringLiteral("not_found"));
        QCOMPARE(get(bob, "/api/v1/organizations/" + num(labs) + "/members").status, 404);
        QCOMPARE(get(token, "/api/v1/organizations/999999").status, 404);
        QCOMPARE(get(f->adminToken, "/api/v1/organizations/" + num(labs)).status, 200); // platform admin
    }

    void membersAddListChangeRemove()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("olivia@acme.test"), QStringLiteral("member"));
        const QByteArray owner = loginAs(QStringLiteral("olivia@acme.test"));
        const qint64 ownerId = userIdOf(owner);
        const qint64 org = f->createOrganization(owner, QStringLiteral("Acme"));
        const qint64 research = f->createDepartment(owner, org, QStringLiteral("Research"));
        const qint64 support = f->createDepartment(owner, org, QStringLiteral("Support"));
        const qint64 foreignDepartment =
            f->createDepartment(f->adminToken, home, QStringLiteral("Elsewhere"));
        const QByteArray members = "/api/v1/organizations/" + num(org) + "/members";

        const QByteArray invitations = "/api/v1/organizations/" + num(org) + "/invitations";
        // Owners no longer create users with a password: they invite (the operator's POST is
        // tst_invitations').
        QStringList before = f->database.dump();
        HttpResponse refused = post(owner, members,
                                    {{"email", "alice@acme.test"},
                                     {"name", "Alice"},
                                     {"password", "alice-password"},
                                     {"role", "member"},
                                     {"department_id", research}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(f->database.dump(), before);

        const HttpResponse invited =
            post(owner, invitations,
                 {{"email", "alice@acme.test"}, {"role", "member"}, {"department_id", research}});
        QCOMPARE(invited.status, 201);
        QCOMPARE(invited.json().value("email").toString(), QStringLiteral("alice@acme.test"));
        QCOMPARE(invited.json().value("role").toString(), QStringLiteral("member"));
        QCOMPARE(invited.json().value("department_id").toInteger(), research);
        const HttpResponse added = post(
            {}, "/api/v1/invitations/accept",
            {{"token", invited.json().value("token")}, {"name", "Alice"}, {"password", "alice-password"}});
        QCOMPARE(added.status, 200);
        const qint64 alice = added.json().value("user").toObject().value("id").toInteger();
        QCOMPARE(added.json().value("user").toObject().value("email").toString(),
                 QStringLiteral("alice@acme.test"));
        QCOMPARE(added.json().value("role").toString(), QStringLiteral("member"));
        QCOMPARE(f->login(QStringLiteral("alice@acme.test"), QStringLiteral("alice-password")).left(4),
                 QByteArray("cds_"));

        before = f->database.dump();
        refused = post(owner, invitations, {{"email", "alice@acme.test"}, {"role", "member"}});
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), QStringLiteral("already_member"));
        refused =
            post(owner, invitations,
                 {{"email", "carol@acme.test"}, {"role", "member"}, {"department_id", foreignDepartment}});
        QCOMPARE(refused.status, 422);
        QCOMPARE(
            refused.json().value("error").toObject().value("details").toObject().value("field").toString(),
            QStringLiteral("department_id"));
        refused = post(owner, invitations, {{"email", "carol@acme.test"}, {"role", "boss"}});
        QCOMPARE(refused.status, 422);
        QCOMPARE(f->database.dump(), before);

        // An existing user is invited by e-mail alone and accepts signed in as themselves.
        const HttpResponse existingInvitation =
            post(owner, invitations, {{"email", "admin@example.com"}, {"role", "finance"}});
        QCOMPARE(existingInvitation.status, 201);
        const HttpResponse existing = post(f->adminToken, "/api/v1/invitations/accept",
                                           {{"token", existingInvitation.json().value("token")}});
        QCOMPARE(existing.status, 200);
        const qint64 adminId = existing.json().value("user").toObject().value("id").toInteger();

        const HttpResponse list = get(owner, members);
        QCOMPARE(list.status, 200);
        const QJsonArray rows = list.json().value("data").toArray();
        QCOMPARE(rows.size(), 3);
        QMap<qint64, QString> roles;
        for (const QJsonValue& row : rows)
            roles.insert(row.toObject().value("user_id").toInteger(),
                         row.toObject().value("role").toString());
        QCOMPARE(roles.value(ownerId), QStringLiteral("owner"));
        QCOMPARE(roles.value(alice), QStringLiteral("member"));
        QCOMPARE(roles.value(adminId), QStringLiteral("finance"));

        HttpResponse changed = patch(owner, members + '/' + num(alice), {{"role", "manager"}});
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.json().value("role").toString(), QStringLiteral("manager"));
        QCOMPARE(changed.json().value("department_id").toInteger(), research); // kept
        changed = patch(owner, members + '/' + num(alice), {{"department_id", support}});
        QCOMPARE(changed.status, 200);
        QCOMPARE(changed.json().value("role").toString(), QStringLiteral("manager"));
        QCOMPARE(changed.json().value("department_id").toInteger(), support);
        changed = patch(owner, members + '/' + num(alice), {{"department_id", QJsonValue()}});
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.json().value("department_id").isNull());
        before = f->database.dump();
        QCOMPARE(patch(owner, members + '/' + num(alice), {{"department_id", foreignDepartment}}).status,
                 422);
        QCOMPARE(patch(owner, members + "/999999", {{"role", "member"}}).status, 404);
        // A manager does not manage members.
        const QByteArray aliceToken =
            f->login(QStringLiteral("alice@acme.test"), QStringLiteral("alice-password"));
        QCOMPARE(post(aliceToken, members,
                      {{"email", "dan@acme.test"},
                       {"name", "Dan"},
                       {"password", "dan-password"},
                       {"role", "member"}})
                     .status,
                 403);
        // Without a department a manager invites nobody.
        QCOMPARE(post(aliceToken, invitations, {{"email", "dan@acme.test"}, {"role", "member"}}).status, 403);
        QCOMPARE(patch(aliceToken, members + '/' + num(adminId), {{"role", "member"}}).status, 403);
        QCOMPARE(del(aliceToken, members + '/' + num(adminId)).status, 403);
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(get(aliceToken, "/api/v1/organizations/" + num(org)).status, 200);

        QCOMPARE(del(owner, members + '/' + num(alice)).status, 204);
        QCOMPARE(get(owner, members).json().value("data").toArray().size(), 2);
        const HttpResponse again = del(owner, members + '/' + num(alice));
        QCOMPARE(again.status, 404);
        QCOMPARE(again.errorCode(), QStringLiteral("not_found"));
        // A former member no longer sees the organization.
        QCOMPARE(get(aliceToken, "/api/v1/organizations/" + num(org)).status, 404);
    }

    void lastOwnerCannotBeDemotedOrRemoved()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("olivia@acme.test"), QStringLiteral("member"));
        const QByteArray owner = loginAs(QStringLiteral("olivia@acme.test"));
        const qint64 ownerId = userIdOf(owner);
        const qint64 org = f->createOrganization(owner, QStringLiteral("Acme"));
        const QByteArray members = "/api/v1/organizations/" + num(org) + "/members";

        const QStringList before = f->database.dump();
        HttpResponse refused = patch(owner, members + '/' + num(ownerId), {{"role", "admin"}});
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), QStringLiteral("last_owner"));
        refused = del(owner, members + '/' + num(ownerId));
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), QStringLiteral("last_owner"));
        QCOMPARE(f->database.dump(), before);

        // With a second owner the first may step down; then the second is the last one.
        const qint64 second =
            f->addMember(owner, org, QStringLiteral("sam@acme.test"), QStringLiteral("owner"));
        const HttpResponse stepDown = patch(owner, members + '/' + num(ownerId), {{"role", "admin"}});
        QCOMPARE(stepDown.status, 200);
        QCOMPARE(stepDown.json().value("role").toString(), QStringLiteral("admin"));
        const QByteArray sam = loginAs(QStringLiteral("sam@acme.test"));
        const QStringList after = f->database.dump();
        QCOMPARE(del(sam, members + '/' + num(second)).errorCode(), QStringLiteral("last_owner"));
        QCOMPARE(patch(sam, members + '/' + num(second), {{"role", "member"}}).errorCode(),
                 QStringLiteral("last_owner"));
        QCOMPARE(f->database.dump(), after);
    }

    void adminsCannotGrantOrTakeOwner()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("olivia@acme.test"), QStringLiteral("member"));
        const QByteArray owner = loginAs(QStringLiteral("olivia@acme.test"));
        const qint64 ownerId = userIdOf(owner);
        const qint64 org = f->createOrganization(owner, QStringLiteral("Acme"));
        const QByteArray members = "/api/v1/organizations/" + num(org) + "/members";
        f->addMember(owner, org, QStringLiteral("adam@acme.test"), QStringLiteral("admin"));
        const qint64 mia =
            f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
        const QByteArray admin = loginAs(QStringLiteral("adam@acme.test"));

        const QStringList before = f->database.dump();
        HttpResponse refused = post(
            admin, members,
            {{"email", "eve@acme.test"}, {"name", "Eve"}, {"password", "eve-password"}, {"role", "owner"}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
        refused = patch(admin, members + '/' + num(mia), {{"role", "owner"}});
        QCOMPARE(refused.status, 403);
        refused = patch(admin, members + '/' + num(ownerId), {{"role", "member"}});
        QCOMPARE(refused.status, 403);
        refused = del(admin, members + '/' + num(ownerId));
        QCOMPARE(refused.status, 403);
        QCOMPARE(f->database.dump(), before);

        // What an admin may do.
        QCOMPARE(patch(admin, members + '/' + num(mia), {{"role", "finance"}}).status, 200);
        QVERIFY(f->addMember(admin, org, QStringLiteral("eve@acme.test"), QStringLiteral("admin")) > 0);
        QCOMPARE(del(admin, members + '/' + num(mia)).status, 204);
    }

    void departmentsCreateListRename()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("olivia@acme.test"), QStringLiteral("member"));
        f->addMember(f->adminToken, home, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
        const QByteArray owner = loginAs(QStringLiteral("olivia@acme.test"));
        const QByteArray outsider = loginAs(QStringLiteral("mia@acme.test"));
        const qint64 org = f->createOrganization(owner, QStringLiteral("Acme"));
        const QByteArray departments = "/api/v1/organizations/" + num(org) + "/departments";

        const HttpResponse research = post(owner, departments, {{"name", "Research"}});
        QCOMPARE(research.status, 201);
        QCOMPARE(research.json().value("name").toString(), QStringLiteral("Research"));
        QCOMPARE(research.json().value("organization_id").toInteger(), org);
        const qint64 researchId = research.json().value("id").toInteger();
        const qint64 supportId = f->createDepartment(owner, org, QStringLiteral("Support"));
        const qint64 homeDepartment = f->createDepartment(f->adminToken, home, QStringLiteral("Home Dept"));

        const QStringList before = f->database.dump();
        HttpResponse refused = post(owner, departments, {{"name", "Research"}});
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), QStringLiteral("department_exists"));
        refused = patch(owner, departments + '/' + num(supportId), {{"name", "Research"}});
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), QStringLiteral("department_exists"));
        QCOMPARE(patch(owner, departments + "/999999", {{"name", "Nope"}}).status, 404);
        // Another organization's department is not reachable through this one.
        QCOMPARE(patch(owner, departments + '/' + num(homeDepartment), {{"name", "Taken"}}).status, 404);
        QCOMPARE(post(outsider, departments, {{"name", "Intruders"}}).status, 404);
        QCOMPARE(get(outsider, departments).status, 404);
        QCOMPARE(f->database.dump(), before);

        const HttpResponse renamed = patch(owner, departments + '/' + num(researchId), {{"name", "R&D"}});
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.json().value("name").toString(), QStringLiteral("R&D"));
        QCOMPARE(post(owner, departments, {{"name", "Research"}}).status, 201); // the old name is free again

        const HttpResponse list = get(owner, departments);
        QCOMPARE(list.status, 200);
        const QJsonArray rows = list.json().value("data").toArray();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].toObject().value("name").toString(), QStringLiteral("R&D"));
        QCOMPARE(rows[1].toObject().value("name").toString(), QStringLiteral("Support"));
        QCOMPARE(rows[2].toObject().value("name").toString(), QStringLiteral("Research"));

        // Members read departments but do not manage them.
        const QByteArray member = [&] {
            f->addMember(owner, org, QStringLiteral("max@acme.test"), QStringLiteral("member"));
            return loginAs(QStringLiteral("max@acme.test"));
        }();
        QCOMPARE(get(member, departments).json().value("data").toArray().size(), 3);
        const QStringList beforeMember = f->database.dump();
        QCOMPARE(post(member, departments, {{"name", "Mine"}}).status, 403);
        QCOMPARE(patch(member, departments + '/' + num(supportId), {{"name", "Mine"}}).status, 403);
        QCOMPARE(f->database.dump(), beforeMember);
    }

    // ---- API tokens -----------------------------------------------------------------------------

    void apiTokensCarryScopes()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("olivia@acme.test"), QStringLiteral("member"));
        const QByteArray owner = loginAs(QStringLiteral("olivia@acme.test"));
        const qint64 org = f->createOrganization(owner, QStringLiteral("Acme"));
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);

        const HttpResponse created = post(
            owner, "/api/v1/api-tokens",
            {{"name", "gateway read"}, {"organization_id", org}, {"scopes", QJsonArray{"credits:read"}}});
        QCOMPARE(created.status, 201);
        const QByteArray reader = created.json().value("token").toString().toLatin1();
        QVERIFY2(reader.startsWith("cdk_") && reader.size() >= 40, reader.constData());
        QCOMPARE(created.json().value("prefix").toString().toLatin1(), reader.left(10));
        QCOMPARE(created.json().value("organization_id").toInteger(), org);
        QCOMPARE(toStrings(created.json().value("scopes").toArray()), QStringList{"credits:read"});
        QVERIFY(created.json().value("revoked_at").isNull());
        // Shown once: the list has no secret.
        const HttpResponse list = get(owner, "/api/v1/api-tokens?organization_id=" + num(org));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value("data").toArray().size(), 1);
        QVERIFY(!list.json().value("data").toArray()[0].toObject().contains("token"));
        QVERIFY(!list.body.contains(reader));

        QCOMPARE(f->balance(reader, org), 1000);
        const QStringList before = f->database.dump();
        HttpResponse refused = f->server->client(reader)->post("/api/v1/credits/deduct",
                                                               {{"organization_id", org}, {"amount", 10}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(f->allocate(reader, org, 10).status, 403);
        QCOMPARE(
            post(reader, "/api/v1/api-tokens", {{"name", "child"}, {"scopes", QJsonArray{"credits:read"}}})
                .status,
            403);
        QCOMPARE(f->database.dump(), before);

        const QByteArray deducter = f->createApiToken(owner, org, {QStringLiteral("credits:deduct")});
        const qint64 deducterId = apiTokenId(deducter);
        const HttpResponse spent =
            post(deducter, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 100}});
        QCOMPARE(spent.status, 200);
        QCOMPARE(spent.json().value("balance").toInteger(), 900);
        const QJsonObject actor = spent.json().value("transaction").toObject().value("actor").toObject();
        QCOMPARE(actor.value("kind").toString(), QStringLiteral("api_token"));
        QCOMPARE(actor.value("id").toInteger(), deducterId);
        QCOMPARE(get(deducter, "/api/v1/credits/balance?organization_id=" + num(org)).status,
                 403); // no read scope

        const HttpResponse revoked = del(owner, "/api/v1/api-tokens/" + num(deducterId));
        QCOMPARE(revoked.status, 200);
        QVERIFY(!revoked.json().value("revoked_at").isNull());
        const QStringList afterRevoke = f->database.dump();
        const HttpResponse dead =
            post(deducter, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 1}});
        QCOMPARE(dead.status, 401);
        QCOMPARE(dead.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(f->database.dump(), afterRevoke);
        QCOMPARE(f->balance(owner, org), 900);

        HttpResponse invalid = post(owner, "/api/v1/api-tokens",
                                    {{"name", "bad"},
                                     {"organization_id", org},
                                     {"scopes", QJsonArray{"credits:read", "credits:everything"}}});
        QCOMPARE(invalid.status, 422);
        QCOMPARE(invalid.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(
            invalid.json().value("error").toObject().value("details").toObject().value("field").toString(),
            QStringLiteral("scopes"));
        invalid = post(owner, "/api/v1/api-tokens",
                       {{"name", "empty"}, {"organization_id", org}, {"scopes", QJsonArray{}}});
        QCOMPARE(invalid.status, 422);
        QCOMPARE(f->database.dump(), afterRevoke);
        verifyLedger();
    }

    void apiTokensNeedManagersAndDieWithTheirMembership()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("olivia@acme.test"), QStringLiteral("member"));
        const QByteArray owner = loginAs(QStringLiteral("olivia@acme.test"));
        const qint64 org = f->createOrganization(owner, QStringLiteral("Acme"));
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201);
        const qint64 adamId =
            f->addMember(owner, org, QStringLiteral("adam@acme.test"), QStringLiteral("admin"));
        f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
        const QByteArray admin = loginAs(QStringLiteral("adam@acme.test"));
        const QByteArray member = loginAs(QStringLiteral("mia@acme.test"));

        const QStringList before = f->database.dump();
        const HttpResponse refused =
            post(member, "/api/v1/api-tokens",
                 {{"name", "mine"}, {"organization_id", org}, {"scopes", QJsonArray{"credits:read"}}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(f->database.dump(), before);

        const QByteArray machine = f->createApiToken(admin, org, {QStringLiteral("credits:read")});
        QCOMPARE(f->balance(machine, org), 100);
        QCOMPARE(del(owner, "/api/v1/organizations/" + num(org) + "/members/" + num(adamId)).status, 204);
        QCOMPARE(get(machine, "/api/v1/credits/balance?organization_id=" + num(org)).status, 401);
    }

    // ---- isolation ------------------------------------------------------------------------------

    void organizationsAreIsolatedOnEveryCreditsEndpoint()
    {
        const qint64 a = f->createOrganization(f->adminToken, QStringLiteral("Alpha"));
        const qint64 b = f->createOrganization(f->adminToken, QStringLiteral("Beta"));
        const qint64 alphaDepartment = f->createDepartment(f->adminToken, a, QStringLiteral("Alpha R&D"));
        f->addMember(f->adminToken, a, QStringLiteral("owner@alpha.test"), QStringLiteral("owner"));
        f->addMember(f->adminToken, a, QStringLiteral("admin@alpha.test"), QStringLiteral("admin"));
        f->addMember(f->adminToken, a, QStringLiteral("finance@alpha.test"), QStringLiteral("finance"));
        f->addMember(f->adminToken, a, QStringLiteral("manager@alpha.test"), QStringLiteral("manager"),
                     alphaDepartment);
        const qint64 alphaMember =
            f->addMember(f->adminToken, a, QStringLiteral("member@alpha.test"), QStringLiteral("member"));
        f->addMember(f->adminToken, b, QStringLiteral("owner@beta.test"), QStringLiteral("owner"));
        const qint64 betaMember =
            f->addMember(f->adminToken, b, QStringLiteral("member@beta.test"), QStringLiteral("member"));
        const QByteArray alphaOwner = loginAs(QStringLiteral("owner@alpha.test"));
        const QByteArray betaOwner = loginAs(QStringLiteral("owner@beta.test"));
        const QByteArray alphaToken = f->createApiToken(
            alphaOwner, a, {QStringLiteral("credits:read"), QStringLiteral("credits:deduct")});
        const QByteArray alphaPersonalToken = f->createApiToken(
            alphaOwner, std::nullopt, {QStringLiteral("credits:read"), QStringLiteral("credits:deduct")});

        QCOMPARE(f->allocate(f->adminToken, a, 500).status, 201);
        QCOMPARE(f->allocate(f->adminToken, b, 1000).status, 201);
        const HttpResponse betaDeduction =
            post(betaOwner, "/api/v1/credits/deduct",
                 {{"organization_id", b}, {"amount", 100}, {"member_id", betaMember}});
        QCOMPARE(betaDeduction.status, 200);
        const qint64 betaTransaction =
            betaDeduction.json().value("transaction").toObject().value("id").toInteger();
        const HttpResponse betaHold =
            post(betaOwner, "/api/v1/credits/reserve", {{"organization_id", b}, {"amount", 50}});
        QCOMPARE(betaHold.status, 201);
        const QByteArray hold = "/api/v1/credits/reservations/" +
                                num(betaHold.json().value("reservation").toObject().value("id").toInteger());
        // Alpha's own reservation, to show Alpha's principals do reach their own things.
        const HttpResponse alphaHold =
            post(alphaOwner, "/api/v1/credits/reserve", {{"organization_id", a}, {"amount", 5}});
        QCOMPARE(alphaHold.status, 201);

        struct Caller
        {
            const char* name;
            QByteArray token;
        };
        const QList<Caller> callers{{"alpha owner", alphaOwner},
                                    {"alpha admin", loginAs(QStringLiteral("admin@alpha.test"))},
                                    {"alpha finance", loginAs(QStringLiteral("finance@alpha.test"))},
                                    {"alpha manager", loginAs(QStringLiteral("manager@alpha.test"))},
                                    {"alpha member", loginAs(QStringLiteral("member@alpha.test"))},
                                    {"alpha API token", alphaToken},
                                    {"alpha owner's personal API token", alphaPersonalToken}};
        struct Attempt
        {
            const char* method;
            QByteArray target;
            QJsonObject body;
        };
        const QList<Attempt> attempts{
            {"GET", "/api/v1/credits/balance?organization_id=" + num(b), {}},
            {"GET", "/api/v1/credits/transactions?organization_id=" + num(b), {}},
            {"GET", "/api/v1/credits/transactions?organization_id=" + num(b) + "&since=0", {}},
            {"POST", "/api/v1/credits/allocate", {{"organization_id", b}, {"amount", 10}, {"kind", "bonus"}}},
            {"POST", "/api/v1/credits/deduct", {{"organization_id", b}, {"amount", 10}}},
            {"POST",
             "/api/v1/credits/deduct",
             {{"organization_id", b}, {"amount", 10}, {"member_id", betaMember}}},
            {"POST",
             "/api/v1/credits/refund",
             {{"transaction_id", betaTransaction}, {"amount", 10}, {"reason", "steal"}}},
            {"POST", "/api/v1/credits/refund", {{"transaction_id", betaTransaction}, {"reason", "steal"}}},
            {"POST", "/api/v1/credits/reserve", {{"organization_id", b}, {"amount", 10}}},
            {"POST", hold + "/settle", {{"amount", 10}}},
            {"POST", hold + "/settle", {{"amount", 0}}},
            {"POST", hold + "/release", {}},
            {"GET", hold, {}},
            {"GET", "/api/v1/organizations/" + num(b), {}},
            {"GET", "/api/v1/organizations/" + num(b) + "/members", {}},
        };

        const QStringList before = f->database.dump();
        for (const Caller& caller : callers) {
            for (const Attempt& attempt : attempts) {
                auto client = f->server->client(caller.token);
                const HttpResponse response =
                    attempt.method == QByteArray("GET")
                        ? client->get(attempt.target)
                        : client->request("POST", attempt.target,
                                          QJsonDocument(attempt.body).toJson(QJsonDocument::Compact),
                                          {{"Idempotency-Key", "iso-" + attempt.target.toHex()}});
                const QByteArray what = QByteArray(caller.name) + ": " + attempt.method + ' ' +
                                        attempt.target + ' ' +
                                        QJsonDocument(attempt.body).toJson(QJsonDocument::Compact) + " -> " +
                                        QByteArray::number(response.status) + ' ' + response.body;
                QVERIFY2(response.status == 404, what.constData());
                QVERIFY2(response.errorCode() == QStringLiteral("not_found"), what.constData());
            }
        }
        // Attributing a movement of one's own organization to another organization's member is refused too.
        const HttpResponse foreignMember =
            post(alphaOwner, "/api/v1/credits/deduct",
                 {{"organization_id", a}, {"amount", 1}, {"member_id", betaMember}});
        QCOMPARE(foreignMember.status, 422);
        QCOMPARE(f->database.dump(), before);

        // Beta is exactly as Beta left it; Alpha's callers do reach Alpha.
        const QJsonObject beta = get(betaOwner, "/api/v1/credits/balance?organization_id=" + num(b)).json();
        QCOMPARE(beta.value("balance").toInteger(), 900);
        QCOMPARE(beta.value("reserved").toInteger(), 50);
        QCOMPARE(get(betaOwner, hold).json().value("status").toString(), QStringLiteral("held"));
        for (const Caller& caller : callers.mid(0, 6))
            QVERIFY2(get(caller.token, "/api/v1/credits/balance?organization_id=" + num(a)).status == 200,
                     caller.name);
        QCOMPARE(f->balance(alphaToken, a), 500);
        const HttpResponse own = post(alphaToken, "/api/v1/credits/deduct",
                                      {{"organization_id", a}, {"amount", 7}, {"member_id", alphaMember}});
        QCOMPARE(own.status, 200);
        QCOMPARE(own.json().value("balance").toInteger(), 493);
        verifyLedger();
    }

    // An id that exists in another organization (or another user's personal account) is answered
    // exactly as an id that does not exist: same status, same code, same message.
    void foreignIdsAreAnsweredAsIfTheyDidNotExist()
    {
        const qint64 a = f->createOrganization(f->adminToken, QStringLiteral("Alpha"));
        const qint64 b = f->createOrganization(f->adminToken, QStringLiteral("Beta"));
        f->addMember(f->adminToken, a, QStringLiteral("owner@alpha.test"), QStringLiteral("owner"));
        f->addMember(f->adminToken, b, QStringLiteral("owner@beta.test"), QStringLiteral("owner"));
        const qint64 loner =
            f->addMember(f->adminToken, b, QStringLiteral("loner@beta.test"), QStringLiteral("member"));
        const QByteArray alphaOwner = loginAs(QStringLiteral("owner@alpha.test"));
        const QByteArray betaOwner = loginAs(QStringLiteral("owner@beta.test"));
        const QByteArray lonerSession = loginAs(QStringLiteral("loner@beta.test"));
        QCOMPARE(f->allocate(f->adminToken, b, 1000).status, 201);
        QCOMPARE(
            post(f->adminToken, "/api/v1/credits/allocate", {{"user_id", loner}, {"amount", 100}}).status,
            201);
        const auto idOf = [](const HttpResponse& response, const char* object) {
            return num(response.json().value(QLatin1String(object)).toObject().value("id").toInteger());
        };
        const QByteArray betaDeduction =
            idOf(post(betaOwner, "/api/v1/credits/deduct", {{"organization_id", b}, {"amount", 10}}),
                 "transaction");
        const QByteArray lonerDeduction =
            idOf(post(lonerSession, "/api/v1/credits/deduct", {{"user_id", loner}, {"amount", 10}}),
                 "transaction");
        const QByteArray betaHold =
            idOf(post(betaOwner, "/api/v1/credits/reserve", {{"organization_id", b}, {"amount", 10}}),
                 "reservation");
        const QByteArray lonerHold =
            idOf(post(lonerSession, "/api/v1/credits/reserve", {{"user_id", loner}, {"amount", 10}}),
                 "reservation");
        const QByteArray betaTokenId =
            num(get(f->createApiToken(betaOwner, b, {QStringLiteral("credits:read")}), "/api/v1/me")
                    .json()
                    .value("api_token")
                    .toObject()
                    .value("id")
                    .toInteger());

        struct Probe
        {
            QByteArray method;
            QByteArray foreign; // a target naming an id that exists elsewhere
            QByteArray missing; // the same target with an id that does not exist
            QJsonObject body;
        };
        const QByteArray holds = "/api/v1/credits/reservations/";
        const QList<Probe> probes{
            {"POST", betaDeduction, "999999", {{"reason", "probe"}}},
            {"POST", lonerDeduction, "999999", {{"reason", "probe"}}},
            {"GET", holds + betaHold, holds + "999999", {}},
            {"GET", holds + lonerHold, holds + "999999", {}},
            {"POST", holds + betaHold + "/settle", holds + "999999/settle", {{"amount", 1}}},
            {"POST", holds + lonerHold + "/release", holds + "999999/release", {}},
            {"DELETE", "/api/v1/api-tokens/" + betaTokenId, "/api/v1/api-tokens/999999", {}},
        };
        const QStringList before = f->database.dump();
        for (const Probe& probe : probes) {
            const auto ask = [&](const QByteArray& target) {
                if (probe.method == "POST" &&
                    probe.body.contains("reason")) { // a refund names the id in its body
                    QJsonObject body = probe.body;
                    body.insert("transaction_id", target.toLongLong());
                    return post(alphaOwner, "/api/v1/credits/refund", body);
                }
                if (probe.method == "GET")
                    return get(alphaOwner, target);
                if (probe.method == "DELETE")
                    return del(alphaOwner, target);
                return post(alphaOwner, target, probe.body);
            };
            const HttpResponse foreign = ask(probe.foreign);
            const HttpResponse missing = ask(probe.missing);
            const QByteArray what =
                probe.method + ' ' + probe.foreign + ": " + foreign.body + " vs " + missing.body;
            QVERIFY2(foreign.status == 404, what.constData());
            QVERIFY2(foreign.status == missing.status && foreign.body == missing.body, what.constData());
        }
        QCOMPARE(f->database.dump(), before);
    }

    void personalAccountsAreTheirOwnersAlone()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("olivia@acme.test"), QStringLiteral("owner"));
        const qint64 xId =
            f->addMember(f->adminToken, home, QStringLiteral("xavier@acme.test"), QStringLiteral("member"));
        const qint64 yId =
            f->addMember(f->adminToken, home, QStringLiteral("yvonne@acme.test"), QStringLiteral("member"));
        const QByteArray x = loginAs(QStringLiteral("xavier@acme.test"));
        const QByteArray y = loginAs(QStringLiteral("yvonne@acme.test"));
        const QByteArray homeOwner = loginAs(QStringLiteral("olivia@acme.test"));
        const QByteArray xToken = f->createApiToken(
            x, std::nullopt, {QStringLiteral("credits:read"), QStringLiteral("credits:deduct")});
        const QByteArray yReadToken = f->createApiToken(y, std::nullopt, {QStringLiteral("credits:read")});
        const QByteArray homeToken = f->createApiToken(
            homeOwner, home, {QStringLiteral("credits:read"), QStringLiteral("credits:deduct")});

        // Only a platform admin funds a personal account.
        const HttpResponse funded = post(f->adminToken, "/api/v1/credits/allocate",
                                         {{"user_id", yId}, {"amount", 300}, {"kind", "purchase"}});
        QCOMPARE(funded.status, 201);
        const HttpResponse spent = post(y, "/api/v1/credits/deduct", {{"user_id", yId}, {"amount", 20}});
        QCOMPARE(spent.status, 200);
        QCOMPARE(spent.json().value("balance").toInteger(), 280);
        const qint64 yTransaction = spent.json().value("transaction").toObject().value("id").toInteger();
        const HttpResponse held = post(y, "/api/v1/credits/reserve", {{"user_id", yId}, {"amount", 30}});
        QCOMPARE(held.status, 201);
        const QByteArray hold = "/api/v1/credits/reservations/" +
                                num(held.json().value("reservation").toObject().value("id").toInteger());
        const QByteArray yBalance = "/api/v1/credits/balance?user_id=" + num(yId);
        // A public organization bills its members' personal accounts: Xavier's own one must not reach
        // Yvonne's.
        const qint64 trap = f->createOrganization(x, QStringLiteral("Trap"), QStringLiteral("public"));

        const QStringList before = f->database.dump();
        const QList<QPair<const char*, QByteArray>> callers{{"xavier", x},
                                                            {"xavier's token", xToken},
                                                            {"home owner", homeOwner},
                                                            {"home API token", homeToken}};
        for (const auto& [name, token] : callers) {
            auto client = f->server->client(token);
            const QList<HttpResponse> responses{
                client->get(yBalance),
                client->get("/api/v1/credits/transactions?user_id=" + num(yId)),
                client->post("/api/v1/credits/deduct", {{"user_id", yId}, {"amount", 1}}),
                client->post("/api/v1/credits/reserve", {{"user_id", yId}, {"amount", 1}}),
                client->post("/api/v1/credits/allocate", {{"user_id", yId}, {"amount", 1}}),
                client->post("/api/v1/credits/refund",
                             {{"transaction_id", yTransaction}, {"reason", "mine now"}}),
                client->get(hold),
                client->post(hold + "/settle", {{"amount", 1}}),
                client->post(hold + "/release", {}),
            };
            for (qsizetype i = 0; i < responses.size(); ++i)
                QVERIFY2(responses[i].status == 404,
                         qPrintable(QStringLiteral("%1, request %2: %3 %4")
                                        .arg(QLatin1String(name))
                                        .arg(i)
                                        .arg(responses[i].status)
                                        .arg(QString::fromUtf8(responses[i].body))));
        }
        // The owner may read and spend, not fund or refund; a read-only token only reads.
        QCOMPARE(post(y, "/api/v1/credits/allocate", {{"user_id", yId}, {"amount", 1}}).status, 403);
        QCOMPARE(post(y, "/api/v1/credits/refund", {{"transaction_id", yTransaction}, {"reason", "please"}})
                     .status,
                 403);
        QCOMPARE(post(yReadToken, "/api/v1/credits/deduct", {{"user_id", yId}, {"amount", 1}}).status, 403);
        QCOMPARE(
            post(y, "/api/v1/credits/deduct", {{"user_id", yId}, {"amount", 1}, {"member_id", xId}}).status,
            422);
        const HttpResponse lured = post(x, "/api/v1/organizations/" + num(trap) + "/members",
                                        {{"email", "yvonne@acme.test"}, {"role", "member"}});
        QCOMPARE(lured.status, 403);
        QCOMPARE(lured.errorCode(), QStringLiteral("forbidden"));
        const HttpResponse charged = post(x, "/api/v1/credits/deduct",
                                          {{"organization_id", trap}, {"member_id", yId}, {"amount", 280}});
        QCOMPARE(charged.status, 422);
        QCOMPARE(f->database.dump(), before);
        // New users may still be added to it, and a platform admin may add existing ones.
        QVERIFY(f->addMember(x, trap, QStringLiteral("zoe@acme.test"), QStringLiteral("member")) > 0);
        QCOMPARE(post(f->adminToken, "/api/v1/organizations/" + num(trap) + "/members",
                      {{"email", "olivia@acme.test"}, {"role", "member"}})
                     .status,
                 201);

        const QJsonObject mine = get(yReadToken, yBalance).json();
        QCOMPARE(mine.value("balance").toInteger(), 280);
        QCOMPARE(mine.value("reserved").toInteger(), 30);
        QCOMPARE(mine.value("available").toInteger(), 250);
        QCOMPARE(
            get(y, "/api/v1/credits/transactions?user_id=" + num(yId)).json().value("data").toArray().size(),
            2);
        QCOMPARE(get(y, hold).json().value("status").toString(), QStringLiteral("held"));
        const HttpResponse xOwn = get(xToken, "/api/v1/credits/balance?user_id=" + num(xId));
        QCOMPARE(xOwn.status, 200);
        QCOMPARE(xOwn.json().value("balance").toInteger(), 0);
        verifyLedger();
    }

    // ---- role scoping -----------------------------------------------------------------------

    void transactionsAreScopedByRole()
    {
        const qint64 org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        const qint64 research = f->createDepartment(f->adminToken, org, QStringLiteral("Research"));
        const qint64 support = f->createDepartment(f->adminToken, org, QStringLiteral("Support"));
        f->addMember(f->adminToken, org, QStringLiteral("olivia@acme.test"), QStringLiteral("owner"));
        const qint64 managerId = f->addMember(f->adminToken, org, QStringLiteral("mona@acme.test"),
                                              QStringLiteral("manager"), research);
        const qint64 loneManagerId =
            f->addMember(f->adminToken, org, QStringLiteral("lou@acme.test"), QStringLiteral("manager"));
        const qint64 m1 = f->addMember(f->adminToken, org, QStringLiteral("rita@acme.test"),
                                       QStringLiteral("member"), research);
        const qint64 m2 = f->addMember(f->adminToken, org, QStringLiteral("sid@acme.test"),
                                       QStringLiteral("member"), support);
        f->addMember(f->adminToken, org, QStringLiteral("fred@acme.test"), QStringLiteral("finance"));
        const QByteArray owner = loginAs(QStringLiteral("olivia@acme.test"));

        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201); // seq 1, nobody's
        const auto spend = [&](qint64 amount, std::optional<qint64> member) {
            QJsonObject body{{"organization_id", org}, {"amount", amount}};
            if (member)
                body.insert("member_id", *member);
            const HttpResponse response = post(owner, "/api/v1/credits/deduct", body);
            if (response.status != 200)
                qWarning("deduct failed: %s", response.body.constData());
            return response.json().value("transaction").toObject();
        };
        const QJsonObject first = spend(10, m1); // seq 2
        QCOMPARE(first.value("department_id").toInteger(), research);
        QCOMPARE(first.value("member_id").toInteger(), m1);
        QCOMPARE(spend(20, m1).value("seq").toInteger(), 3);                        // seq 3
        QCOMPARE(spend(30, m2).value("department_id").toInteger(), support);        // seq 4
        QCOMPARE(spend(5, managerId).value("department_id").toInteger(), research); // seq 5
        QVERIFY(spend(7, std::nullopt).value("member_id").isNull());                // seq 6
        QVERIFY(spend(1, loneManagerId).value("department_id").isNull());           // seq 7

        const QByteArray list = "/api/v1/credits/transactions?organization_id=" + num(org);
        QCOMPARE(seqsOf(get(owner, list)), (QList<qint64>{7, 6, 5, 4, 3, 2, 1}));
        QCOMPARE(seqsOf(get(loginAs(QStringLiteral("fred@acme.test")), list)),
                 (QList<qint64>{7, 6, 5, 4, 3, 2, 1}));
        const QByteArray manager = loginAs(QStringLiteral("mona@acme.test"));
        QCOMPARE(seqsOf(get(manager, list)), (QList<qint64>{5, 3, 2}));
        QCOMPARE(seqsOf(get(manager, list + "&member_id=" + num(m2))), QList<qint64>{}); // cannot widen
        QCOMPARE(seqsOf(get(manager, list + "&since=0")), (QList<qint64>{2, 3, 5}));
        QCOMPARE(seqsOf(get(loginAs(QStringLiteral("lou@acme.test")), list)), QList<qint64>{7});
        const QByteArray rita = loginAs(QStringLiteral("rita@acme.test"));
        QCOMPARE(seqsOf(get(rita, list)), (QList<qint64>{3, 2}));
        QCOMPARE(seqsOf(get(rita, list + "&member_id=" + num(m2))), QList<qint64>{});
        QCOMPARE(seqsOf(get(rita, list + "&since=0&kind=deduction")), (QList<qint64>{2, 3}));
        const QByteArray sid = loginAs(QStringLiteral("sid@acme.test"));
        QCOMPARE(seqsOf(get(sid, list)), QList<qint64>{4});

        // Reading is not writing: members, managers and finance do not move credits; nor do owners
        // create them.
        const QStringList before = f->database.dump();
        for (const QByteArray& token : {rita, manager, loginAs(QStringLiteral("fred@acme.test"))}) {
            HttpResponse refused = f->allocate(token, org, 50);
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
            QCOMPARE(post(token, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 1}}).status,
                     403);
            QCOMPARE(post(token, "/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 1}}).status,
                     403);
            QCOMPARE(post(token, "/api/v1/credits/refund",
                          {{"transaction_id", first.value("id")}, {"reason", "mine"}})
                         .status,
                     403);
        }
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(f->balance(owner, org), 1000 - 10 - 20 - 30 - 5 - 7 - 1);
        verifyLedger();
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
