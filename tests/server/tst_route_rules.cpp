// Every route of the server's route table, driven by a principal that lacks its access rule: no token
// (401), an API token where a person is needed, a member without the permission (403), an outsider who
// cannot see the organization or account (404). Each refusal carries the error envelope and changes nothing.
#include "TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace creditdesk::test;

namespace {

struct Route
{
    QByteArray method;
    QString path;
    QString access;
};

QList<Route> routeTable()
{
    TestDatabase database;
    QByteArray output;
    if (TestServer::runCommand({QStringLiteral("serve"), QStringLiteral("--database"), database.url(),
                                QStringLiteral("--print-routes")},
                               &output) != 0)
        return {};
    QList<Route> routes;
    for (const QJsonValue& value : QJsonDocument::fromJson(output).array()) {
        const QJsonObject route = value.toObject();
        routes.append(Route{route.value("method").toString().toLatin1(), route.value("path").toString(),
                            route.value("access").toString()});
    }
    return routes;
}

} // namespace

class TestRouteRules : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner, member, outsider, gateway;
    QHash<QString, QByteArray> ids; // what fills {id}, {user_id}, {department_id} and transaction_id

    QByteArray loginAs(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }

    // The principal that lacks `access`, and the status it must get.
    std::pair<QByteArray, int> lacking(const QString& access) const
    {
        if (access == QLatin1String("signed_in") || access == QLatin1String("usage_events"))
            return {QByteArray(), 401};
        if (access == QLatin1String("user_session"))
            return {gateway, 403};
        if (access == QLatin1String("platform_admin"))
            return {owner, 403};
        if (access.startsWith(QLatin1String("api_token")))
            return {member, 403};
        // A permission someone in the organization holds: a plain member lacks it (403), except for reading,
        // which only an outsider lacks (404: the organization or account is not visible to them).
        const bool reading =
            access.endsWith(QLatin1String(": read")) || access.contains(QLatin1String("organization:read")) ||
            access.endsWith(QLatin1String("subscription:read")) || !access.contains(QLatin1Char(':'));
        if (reading)
            return {outsider, 404};
        return {member, 403};
    }

    QByteArray fill(QString path) const
    {
        path.replace(
            QLatin1String("{id}"),
            path.contains(QLatin1String("/reservations/"))   ? QString::fromLatin1(ids.value("reservation"))
            : path.contains(QLatin1String("/alerts/rules/")) ? QString::fromLatin1(ids.value("alert_rule"))
            : path.contains(QLatin1String("/alerts/"))       ? QString::fromLatin1(ids.value("alert"))
            : path.contains(QLatin1String("/invoices/"))     ? QString::fromLatin1(ids.value("invoice"))
            : path.contains(QLatin1String("/webhook-endpoints/")) ? QString::fromLatin1(ids.value("webhook"))
            : path.contains(QLatin1String("/api-tokens/"))        ? QString::fromLatin1(ids.value("token"))
            : path.contains(QLatin1String("/prices/"))            ? QStringLiteral("1")
            : path.startsWith(QLatin1String("/api/v1/users/"))    ? QString::fromLatin1(ids.value("owner_id"))
                                                                  : QString::number(org));
        path.replace(QLatin1String("{user_id}"), QString::fromLatin1(ids.value("member_id")));
        path.replace(QLatin1String("{department_id}"), QString::fromLatin1(ids.value("department")));
        path.replace(QLatin1String("{code}"), QStringLiteral("WELCOME10"));
        return path.toLatin1();
    }

    // Query and body: the organization, its transaction, a plausible body for the route.
    QByteArray query(const Route& route) const
    {
        return route.method == "GET" && (route.access.startsWith(QLatin1String("account(query)")) ||
                                         route.access.startsWith(QLatin1String("billing_account(query)")))
                   ? "?organization_id=" + QByteArray::number(org)
               : route.access.startsWith(QLatin1String("organization(query")) ||
                       route.access.startsWith(QLatin1String("billing_account(query"))
                   ? "?organization_id=" + QByteArray::number(org)
                   : QByteArray();
    }
    QByteArray body(const Route& route) const
    {
        if (route.method == "GET" || route.method == "DELETE")
            return {};
        QJsonObject object{{"organization_id", org},
                           {"amount", 5},
                           {"name", "x"},
                           {"reason", "x"},
                           {"scopes", QJsonArray{"credits:read"}},
                           {"role", "member"},
                           {"email", "new@acme.test"},
                           {"password", "a-long-password"}};
        if (route.access.startsWith(QLatin1String("transaction")))
            object = {{"transaction_id", ids.value("transaction").toLongLong()}, {"reason", "x"}};
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Webhook endpoints keep their secret sealed with the master key.
        qputenv("CREDITDESK_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        const qint64 research = f->createDepartment(f->adminToken, org, QStringLiteral("Research"));
        ids.insert("department", QByteArray::number(research));
        ids.insert("owner_id",
                   QByteArray::number(f->addMember(f->adminToken, org, "owner@acme.test", "owner")));
        ids.insert("member_id", QByteArray::number(f->addMember(f->adminToken, org, "member@acme.test",
                                                                "member", research)));
        const qint64 other = f->createOrganization(f->adminToken, QStringLiteral("Other"));
        f->addMember(f->adminToken, other, "outsider@other.test", "owner");
        owner = loginAs("owner@acme.test");
        member = loginAs("member@acme.test");
        outsider = loginAs("outsider@other.test");
        gateway = f->createApiToken(owner, org, {"credits:read", "credits:deduct", "metering:write"});
        ids.insert("token", QByteArray::number(f->server->client(gateway)
                                                   ->get("/api/v1/me")
                                                   .json()
                                                   .value("api_token")
                                                   .toObject()
                                                   .value("id")
                                                   .toInteger()));
        QCOMPARE(f->allocate(f->adminToken, org, 1000).status, 201);
        auto client = f->server->client(owner);
        const HttpResponse webhook =
            client->post("/api/v1/webhook-endpoints", {{"organization_id", org},
                                                       {"url", "https://hooks.acme.test/x"},
                                                       {"events", QJsonArray{"alert.fired"}}});
        QVERIFY2(webhook.status == 201, webhook.body.constData());
        ids.insert("webhook", QByteArray::number(webhook.json().value("id").toInteger()));
        // An alert rule that the deduction below fires: the rule and the alert fill the alerts' {id}.
        ids.insert("alert_rule",
                   QByteArray::number(
                       client
                           ->post("/api/v1/alerts/rules",
                                  {{"organization_id", org}, {"kind", "low_balance"}, {"threshold", 100000}})
                           .json()
                           .value("id")
                           .toInteger()));
        ids.insert("transaction",
                   QByteArray::number(
                       client->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 10}})
                           .json()
                           .value("transaction")
                           .toObject()
                           .value("id")
                           .toInteger()));
        ids.insert("reservation",
                   QByteArray::number(
                       client->post("/api/v1/credits/reserve", {{"organization_id", org}, {"amount", 10}})
                           .json()
                           .value("reservation")
                           .toObject()
                           .value("id")
                           .toInteger()));
        const QJsonArray alerts = client->get("/api/v1/alerts?organization_id=" + QByteArray::number(org))
                                      .json()
                                      .value("data")
                                      .toArray();
        QCOMPARE(alerts.size(), 1);
        ids.insert("alert", QByteArray::number(alerts[0].toObject().value("id").toInteger()));
        // An invoice of the organization (the period close makes them on the test clock, which this server
        // does not run): written directly, as the close job would.
        ids.insert(
            "invoice",
            QByteArray::number(f->database.scalar(
                QStringLiteral("INSERT INTO invoices (seq, account_id, kind, status, number, currency, "
                               "subtotal_minor, discount_minor, tax_minor, total_minor, buyer, seller, "
                               "created_at, updated_at) SELECT 1, id, 'period', 'open', 'CD-2026-000001', "
                               "'USD', 100, 0, 0, 100, '{}', '{}', 0, 0 FROM accounts WHERE owner_kind = "
                               "'organization' AND owner_id = %1 RETURNING id")
                    .arg(org))));
    }
    void cleanupTestCase() { f.reset(); }

    void everyRouteRefusesWhoLacksItsRule()
    {
        const QList<Route> routes = routeTable();
        QVERIFY(routes.size() >= 40);
        int checked = 0;
        const QStringList before = f->database.dump();
        for (const Route& route : routes) {
            if (route.access == QLatin1String("public"))
                continue;
            const QByteArray target = fill(route.path) + query(route);
            const QByteArray payload = body(route);
            const auto attempt = [&](const QByteArray& token, int expected, const char* who) {
                auto client = f->server->client(token);
                const HttpResponse response =
                    client->request(route.method, target, payload, {{"Content-Type", "application/json"}});
                const QByteArray what = route.method + ' ' + target + " (" + route.access.toLatin1() +
                                        ") as " + who + ": expected " + QByteArray::number(expected) +
                                        ", got " + QByteArray::number(response.status) + ' ' + response.body;
                QVERIFY2(response.status == expected, what.constData());
                const QJsonObject error = response.json().value("error").toObject();
                QVERIFY2(!error.value("code").toString().isEmpty() &&
                             !error.value("message").toString().isEmpty(),
                         what.constData());
            };
            // Nobody signed in: 401 on every route that is not public.
            attempt({}, 401, "no token");
            if (QTest::currentTestFailed())
                return;
            const auto [token, status] = lacking(route.access);
            if (!token.isEmpty()) {
                attempt(token, status, status == 404 ? "outsider" : "principal without the right");
                if (QTest::currentTestFailed())
                    return;
            }
            ++checked;
        }
        QVERIFY(checked >= 35);
        QCOMPARE(f->database.dump(), before);
    }
};

QTEST_GUILESS_MAIN(TestRouteRules)
#include "tst_route_rules.moc"
