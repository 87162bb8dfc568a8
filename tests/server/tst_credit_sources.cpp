// Where credits come from (docs/design.md §3): customers never mint credits. Only platform administrators
// allocate and refund; every other principal (organization owners, admins, managers, finance, members,
// API tokens with every scope, owners of organizations they created themselves) is walked through every
// balance-changing route, and the sum of all balances never rises.
#include "TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk::test;

namespace {

QByteArray num(qint64 value)
{
    return QByteArray::number(value);
}

} // namespace

class TestCreditSources : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;

    QByteArray loginAs(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }
    qint64 userIdOf(const QByteArray& token)
    {
        return f->server->client(token)
            ->get("/api/v1/me")
            .json()
            .value("user")
            .toObject()
            .value("id")
            .toInteger();
    }
    qint64 totalBalance() const
    {
        return f->database.scalar(QStringLiteral("SELECT COALESCE(SUM(balance), 0) FROM accounts"));
    }
    qint64 totalGranted() const
    {
        return f->database.scalar(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM grants"));
    }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& target,
                      const QJsonObject& body)
    {
        return f->server->client(token)->request(method, target,
                                                 QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

private Q_SLOTS:
    void init() { f = std::make_unique<Fixture>(); }
    void cleanup() { f.reset(); }

    // The hole the probe found: any signed-in user creates a public organization and allocates 10^15
    // credits to their own personal account through it.
    void aSignedInUserCannotMintThroughTheirOwnPublicOrganization()
    {
        const qint64 home = f->createOrganization(f->adminToken, QStringLiteral("Home"));
        f->addMember(f->adminToken, home, QStringLiteral("mallory@example.test"), QStringLiteral("member"));
        const QByteArray mallory = loginAs(QStringLiteral("mallory@example.test"));
        const qint64 self = userIdOf(mallory);
        const qint64 own =
            f->createOrganization(mallory, QStringLiteral("Mallory's Commons"), QStringLiteral("public"));

        const qint64 huge = 1'000'000'000'000'000;
        const QStringList before = f->database.dump();
        for (const QJsonObject& body :
             {QJsonObject{{"organization_id", own}, {"member_id", self}, {"amount", huge}},
              QJsonObject{{"organization_id", own}, {"amount", huge}, {"kind", "purchase"}},
              QJsonObject{{"user_id", self}, {"amount", huge}, {"kind", "refund"}}}) {
            const HttpResponse refused = send(mallory, "POST", "/api/v1/credits/allocate", body);
            const QByteArray what =
                QJsonDocument(body).toJson(QJsonDocument::Compact) + " -> " + refused.body;
            QVERIFY2(refused.status == 403, what.constData());
            QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
        }
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(totalBalance(), 0);

        // The operator's staff can grant to any account, the personal one the member_id switches to included.
        const HttpResponse granted =
            send(f->adminToken, "POST", "/api/v1/credits/allocate",
                 {{"organization_id", own}, {"member_id", self}, {"amount", 500}, {"kind", "bonus"}});
        QCOMPARE(granted.status, 201);
        QCOMPARE(f->server->client(mallory)
                     ->get("/api/v1/credits/balance?user_id=" + num(self))
                     .json()
                     .value("balance")
                     .toInteger(),
                 500);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void noPrincipalButPlatformAdminsRaisesTheSumOfBalances()
    {
        // Acme, a team organization with every role, funded by the operator.
        const qint64 acme = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        const qint64 research = f->createDepartment(f->adminToken, acme, QStringLiteral("Research"));
        f->addMember(f->adminToken, acme, QStringLiteral("owner@acme.test"), QStringLiteral("owner"));
        f->addMember(f->adminToken, acme, QStringLiteral("admin@acme.test"), QStringLiteral("admin"));
        f->addMember(f->adminToken, acme, QStringLiteral("manager@acme.test"), QStringLiteral("manager"),
                     research);
        f->addMember(f->adminToken, acme, QStringLiteral("finance@acme.test"), QStringLiteral("finance"));
        const qint64 member = f->addMember(f->adminToken, acme, QStringLiteral("member@acme.test"),
                                           QStringLiteral("member"), research);
        const QByteArray owner = loginAs(QStringLiteral("owner@acme.test"));
        QCOMPARE(f->allocate(f->adminToken, acme, 10'000).status, 201);

        // Commons, a public organization an ordinary user created; its member has a funded personal account.
        f->addMember(f->adminToken, acme, QStringLiteral("host@acme.test"), QStringLiteral("member"));
        const QByteArray host = loginAs(QStringLiteral("host@acme.test"));
        const qint64 commons =
            f->createOrganization(host, QStringLiteral("Commons"), QStringLiteral("public"));
        const qint64 pat = f->addMember(f->adminToken, commons, QStringLiteral("pat@commons.test"),
                                        QStringLiteral("member"));
        QCOMPARE(send(f->adminToken, "POST", "/api/v1/credits/allocate",
                      {{"user_id", pat}, {"amount", 1'000}, {"kind", "purchase"}})
                     .status,
                 201);

        // Movements the walk may try to refund, settle or release.
        const QJsonObject acmeDeduction =
            send(owner, "POST", "/api/v1/credits/deduct",
                 {{"organization_id", acme}, {"amount", 100}, {"member_id", member}})
                .json()
                .value("transaction")
                .toObject();
        QVERIFY(acmeDeduction.value("id").toInteger() > 0);
        const QJsonObject patDeduction =
            send(host, "POST", "/api/v1/credits/deduct",
                 {{"organization_id", commons}, {"amount", 50}, {"member_id", pat}})
                .json()
                .value("transaction")
                .toObject();
        QVERIFY(patDeduction.value("id").toInteger() > 0);

        const QStringList allScopes{QStringLiteral("credits:read"), QStringLiteral("credits:deduct"),
                                    QStringLiteral("metering:write")};
        struct Caller
        {
            const char* name;
            QByteArray token;
        };
        const QList<Caller> callers{
            {"acme owner", owner},
            {"acme admin", loginAs(QStringLiteral("admin@acme.test"))},
            {"acme manager", loginAs(QStringLiteral("manager@acme.test"))},
            {"acme finance", loginAs(QStringLiteral("finance@acme.test"))},
            {"acme member", loginAs(QStringLiteral("member@acme.test"))},
            {"commons owner (created it)", host},
            {"commons member", loginAs(QStringLiteral("pat@commons.test"))},
            {"acme API token, every scope", f->createApiToken(owner, acme, allScopes)},
            {"acme API token made by a platform admin", f->createApiToken(f->adminToken, acme, allScopes)},
            {"owner's personal API token, every scope", f->createApiToken(owner, std::nullopt, allScopes)},
            {"commons API token, every scope", f->createApiToken(host, commons, allScopes)},
        };

        const qint64 grantedBefore = totalGranted();
        qint64 sum = totalBalance();
        QCOMPARE(sum, 10'000 + 1'000 - 100 - 50);
        int eventNumber = 0;
        for (const Caller& caller : callers) {
            const qint64 self = userIdOf(caller.token);
            // A hold of the caller's own, where they may place one, for settle and release.
            const HttpResponse hold = send(caller.token, "POST", "/api/v1/credits/reserve",
                                           {{"organization_id", acme}, {"amount", 20}});
            const QByteArray holdPath =
                "/api/v1/credits/reservations/" +
                num(hold.json().value("reservation").toObject().value("id").toInteger());
            const auto event = [&](const QJsonObject& target) {
                QJsonObject object{{"id", QStringLiteral("walk-%1").arg(++eventNumber)},
                                   {"kind", "chat"},
                                   {"model", "meta-llama/llama-3.3-70b-instruct:free"},
                                   {"tokens_input", 1000},
                                   {"tokens_output", 500}};
                for (auto it = target.begin(); it != target.end(); ++it)
                    object.insert(it.key(), it.value());
                return object;
            };
            struct Attempt
            {
                QByteArray method;
                QByteArray target;
                QJsonObject body;
                bool createsCredits; // allocate and refund: refused for every caller here
            };
            const qint64 huge = 1'000'000'000'000'000;
            const QList<Attempt> attempts{
                {"POST", "/api/v1/credits/allocate", {{"organization_id", acme}, {"amount", huge}}, true},
                {"POST",
                 "/api/v1/credits/allocate",
                 {{"organization_id", acme}, {"amount", 5}, {"kind", "purchase"}},
                 true},
                {"POST",
                 "/api/v1/credits/allocate",
                 {{"organization_id", acme}, {"member_id", self}, {"amount", huge}},
                 true},
                {"POST", "/api/v1/credits/allocate", {{"organization_id", commons}, {"amount", huge}}, true},
                {"POST",
                 "/api/v1/credits/allocate",
                 {{"organization_id", commons}, {"member_id", self}, {"amount", huge}},
                 true},
                {"POST",
                 "/api/v1/credits/allocate",
                 {{"organization_id", commons}, {"member_id", pat}, {"amount", huge}},
                 true},
                {"POST",
                 "/api/v1/credits/allocate",
                 {{"user_id", self}, {"amount", huge}, {"kind", "refund"}},
                 true},
                {"POST", "/api/v1/credits/allocate", {{"user_id", pat}, {"amount", huge}}, true},
                {"POST",
                 "/api/v1/credits/refund",
                 {{"transaction_id", acmeDeduction.value("id")}, {"reason", "walk"}},
                 true},
                {"POST",
                 "/api/v1/credits/refund",
                 {{"transaction_id", patDeduction.value("id")}, {"amount", 10}, {"reason", "walk"}},
                 true},
                {"POST", "/api/v1/credits/deduct", {{"organization_id", acme}, {"amount", -1000}}, false},
                {"POST", "/api/v1/credits/deduct", {{"organization_id", acme}, {"amount", 3}}, false},
                {"POST", "/api/v1/credits/deduct", {{"user_id", self}, {"amount", 1}}, false},
                {"POST",
                 "/api/v1/credits/deduct",
                 {{"organization_id", commons}, {"member_id", pat}, {"amount", 2}},
                 false},
                {"POST", "/api/v1/credits/reserve", {{"organization_id", acme}, {"amount", -50}}, false},
                {"POST", holdPath + "/settle", {{"amount", -20}}, false},
                {"POST", holdPath + "/settle", {{"amount", 4}}, false},
                {"POST", holdPath + "/release", {}, false},
                {"POST", "/api/v1/metering/track", event({{"organization_id", acme}}), false},
                {"POST", "/api/v1/metering/track", event({{"user_id", self}}), false},
                {"POST", "/api/v1/metering/track",
                 event({{"organization_id", acme}, {"tokens_input", -100000}}), false},
                {"POST",
                 "/api/v1/metering/events",
                 {{"events", QJsonArray{event({{"organization_id", acme}}),
                                        event({{"organization_id", commons}, {"member_id", pat}})}}},
                 false},
            };
            for (const Attempt& attempt : attempts) {
                const HttpResponse response =
                    send(caller.token, attempt.method, attempt.target, attempt.body);
                const qint64 now = totalBalance();
                const QByteArray what = QByteArray(caller.name) + ": " + attempt.method + ' ' +
                                        attempt.target + ' ' +
                                        QJsonDocument(attempt.body).toJson(QJsonDocument::Compact) + " -> " +
                                        QByteArray::number(response.status) + ' ' + response.body + " (sum " +
                                        QByteArray::number(sum) + " -> " + QByteArray::number(now) + ')';
                QVERIFY2(now <= sum, what.constData());
                if (attempt.createsCredits) {
                    QVERIFY2(response.status == 403 || response.status == 404, what.constData());
                    QVERIFY2(response.errorCode() == QStringLiteral("forbidden") ||
                                 response.errorCode() == QStringLiteral("not_found"),
                             what.constData());
                }
                sum = now;
            }
        }
        // Nothing was granted by anyone but the operator: the grants are the two made above.
        QCOMPARE(totalGranted(), grantedBefore);
        QCOMPARE(f->database.scalar(QStringLiteral("SELECT COUNT(*) FROM grants")), 2);
        QVERIFY(sum < 10'000 + 1'000 - 150); // the walk did spend (so it reached the routes it walked)
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }
};

QTEST_GUILESS_MAIN(TestCreditSources)
#include "tst_credit_sources.moc"
