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

#include <atomic>
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

    QByteArray orgQuery(qint64 id) const { return "organization_id=" + QByteArray::number(id); }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& path,
                      const QByteArray& body)
    {
        return f->server->client(token)->request(method, path, body, {{"Content-Type", "application/json"}});
    }
    HttpResponse moveClockBy(qint64 seconds)
    {
        return f->post(f->adminToken, "/api/v1/admin/test-clock", {{"advance_seconds", seconds}});
    }
    qint64 count(const QString& sql) { return f->database.scalar(sql); }
    QJsonArray invoices(const QByteArray& token, const QByteArray& query)
    {
        const HttpResponse response = f->get(token, "/api/v1/invoices?" + query);
        if (response.status != 200)
            qWarning() << response.body;
        return response.json().value("data").toArray();
    }
    HttpResponse switchPlan(qint64 organizationId, const QString& plan)
    {
        return f->post(owner, "/api/v1/tiers/switch", {{"organization_id", organizationId}, {"plan", plan}});
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
        owner = f->loginMember("owner@acme.test");
        finance = f->loginMember("fin@acme.test");
        member = f->loginMember("ana@acme.test");
        otherOwner = f->loginMember("owner@other.test");
    }
    void cleanup() { f.reset(); }

    void startStarter(qint64 organizationId)
    {
        QCOMPARE(send(f->adminToken, "PATCH", "/api/v1/organizations/" + QByteArray::number(organizationId),
                      R"({"tier":"starter"})")
                     .status,
                 200);
    }
    QStringList lines(const QJsonObject& invoice)
    {
        QStringList out;
        for (const QJsonValue& line : invoice["lines"].toArray())
            out.append(QStringLiteral("%1 %2 x%3 %4 %5")
                           .arg(line["kind"].toString())
                           .arg(line["unit_amount_minor"].toInteger())
                           .arg(line["quantity"].toInteger())
                           .arg(line["amount_minor"].toInteger())
                           .arg(line["description"].toString()));
        return out;
    }
    QStringList invoiceTables()
    {
        return f->database.dump({"invoices ORDER BY id", "invoice_lines ORDER BY id",
                                 "invoice_series ORDER BY series", "seller_settings", "charges ORDER BY id"});
    }
    // One closed invoice of `org`, open and numbered.
    QJsonObject closedInvoice()
    {
        startStarter(org);
        if (moveClockBy(32 * 86400).status != 200)
            return {};
        const QJsonArray list = invoices(owner, orgQuery(org));
        return list.size() == 1 ? list[0].toObject() : QJsonObject();
    }

    void periodCloseInvoicesTheCharges()
    {
        QVERIFY(
            f->post(
                 f->adminToken, "/api/v1/coupons/create",
                 {{"code", "EARLYBIRD"}, {"kind", "percent_off"}, {"percent", 20}, {"duration_periods", 3}})
                .status == 201);
        startStarter(org);
        QCOMPARE(f->post(owner, "/api/v1/coupons/redeem", {{"code", "EARLYBIRD"}, {"organization_id", org}})
                     .status,
                 200);
        QCOMPARE(invoices(owner, orgQuery(org)).size(), 0); // nothing is invoiced mid-period
        // The first close: the new period's fee in advance, with the coupon's discount line.
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        QJsonArray list = invoices(owner, orgQuery(org));
        QCOMPARE(list.size(), 1);
        const QJsonObject first = list[0].toObject();
        const QString year = first["issued_at"].toString().left(4);
        QCOMPARE(first["number"].toString(), QStringLiteral("CD-%1-000001").arg(year));
        QCOMPARE(first["kind"].toString(), QStringLiteral("period"));
        QCOMPARE(first["status"].toString(), QStringLiteral("open"));
        QCOMPARE(first["currency"].toString(), QStringLiteral("USD"));
        QCOMPARE(first["period_start"].toString(), first["issued_at"].toString());
        QCOMPARE(first["buyer"].toObject(), (QJsonObject{{"name", "Acme"}, {"organization_id", org}}));
        QCOMPARE(first["account"].toObject()["organization_id"].toInteger(), org);
        const QString periodText = first["lines"].toArray()[0].toObject()["description"].toString().mid(14);
        QCOMPARE(lines(first),
                 (QStringList{"period_fee 3000 x1 3000 Starter plan, " + periodText,
                              "discount -600 x1 -600 Coupon EARLYBIRD on Starter plan, " + periodText}));
        QCOMPARE(first["subtotal_minor"].toInteger(), 3000);
        QCOMPARE(first["discount_minor"].toInteger(), 600);
        QCOMPARE(first["tax_minor"].toInteger(), 0);
        QCOMPARE(first["tax_lines"].toArray().size(), 0);
        QCOMPARE(first["total_minor"].toInteger(), 2400);
        QCOMPARE(first["amount_paid_minor"].toInteger(), 0);
        QCOMPARE(first["amount_due_minor"].toInteger(), 2400);
        QCOMPARE(count("SELECT COUNT(*) FROM charges WHERE invoice_id IS NULL"), 0);

        // Mid-period: an upgrade's proration waits for the next close, with the next period's fee.
        QCOMPARE(moveClockBy(10 * 86400).status, 200);
        QCOMPARE(switchPlan(org, "professional").status, 200);
        QCOMPARE(invoices(owner, orgQuery(org)).size(), 1);
        QCOMPARE(moveClockBy(25 * 86400).status, 200);
        list = invoices(owner, orgQuery(org));
        QCOMPARE(list.size(), 2);
        const QJsonObject second = list[0].toObject(); // newest first
        QCOMPARE(second["number"].toString(),
                 QStringLiteral("CD-%1-000002").arg(second["issued_at"].toString().left(4)));
        const QJsonArray secondLines = second["lines"].toArray();
        QCOMPARE(secondLines.size(), 3);
        QCOMPARE(secondLines[0]["kind"].toString(), QStringLiteral("proration"));
        QCOMPARE(secondLines[0]["amount_minor"].toInteger(), 1290); // 2,000 for 1,728,000 of 2,678,400 s
        QCOMPARE(secondLines[1]["kind"].toString(), QStringLiteral("period_fee"));
        QCOMPARE(secondLines[1]["amount_minor"].toInteger(), 5000);
        QCOMPARE(secondLines[2]["kind"].toString(), QStringLiteral("discount"));
        QCOMPARE(secondLines[2]["amount_minor"].toInteger(), -1000);
        QCOMPARE(second["subtotal_minor"].toInteger(), 6290);
        QCOMPARE(second["discount_minor"].toInteger(), 1000);
        QCOMPARE(second["total_minor"].toInteger(), 5290);
        // Exactly the account's charges, each on one invoice.
        QCOMPARE(count("SELECT COUNT(*) FROM charges WHERE invoice_id IS NULL"), 0);
        QCOMPARE(count("SELECT SUM(amount_minor) FROM charges"), 2400 + 5290);
        QCOMPARE(f->get(finance, "/api/v1/invoices/" + QByteArray::number(second["id"].toInteger())).json(),
                 second);

        QCOMPARE(
            count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'invoices.finalized' AND actor_type = 'job'"),
            2);
        // The job again at the same and a later instant: nothing more.
        const QStringList before = invoiceTables();
        QCOMPARE(moveClockBy(1).status, 200);
        QCOMPARE(moveClockBy(3600).status, 200);
        QCOMPARE(invoiceTables(), before);
        // since: what was finalized after a seq; q: number, buyer and line text; status; dates.
        QCOMPARE(invoices(owner, orgQuery(org) + "&since=1").size(), 1);
        QCOMPARE(invoices(owner, orgQuery(org) + "&since=2").size(), 0);
        QCOMPARE(invoices(owner, orgQuery(org) + "&q=upgrade").size(), 1);
        QCOMPARE(invoices(owner, orgQuery(org) + "&q=cd-").size(), 2);
        QCOMPARE(invoices(owner, orgQuery(org) + "&q=acme").size(), 2);
        QCOMPARE(invoices(owner, orgQuery(org) + "&q=50%25").size(), 0);
        QCOMPARE(invoices(owner, orgQuery(org) + "&status=paid").size(), 0);
        const QByteArray day = first["issued_at"].toString().left(10).toLatin1();
        QCOMPARE(invoices(owner, orgQuery(org) + "&from=" + day + "&to=" + day).size(), 1);
        QCOMPARE(invoices(owner, orgQuery(org) + "&limit=1").size(), 1);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void overageBecomesAPeriodLine()
    {
        // Overage (usage beyond the balance, recorded per event) is billed at the close in whole cents
        // (250 credits each); the rest of a cent carries over to the next close.
        startStarter(org);
        QCOMPARE(send(f->adminToken, "PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                      R"({"overage_allowed":true})")
                     .status,
                 200);
        const QByteArray gateway = f->createApiToken(owner, org, {"metering:write"});
        const auto trackCompute = [&](const QString& id, qint64 credits) {
            // Compute usage: 50 credits per 60,000 ms on the default rate card.
            const QString at = QDateTime::fromString(
                                   f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString(),
                                   Qt::ISODateWithMs)
                                   .addSecs(-60)
                                   .toString(Qt::ISODateWithMs);
            return f->server->client(gateway)
                ->post("/api/v1/metering/track", {{"id", id},
                                                  {"occurred_at", at},
                                                  {"organization_id", org},
                                                  {"kind", "compute"},
                                                  {"compute_ms", credits * 1200}})
                .json()["overage_credits"]
                .toInteger();
        };
        const qint64 balance = f->balance(owner, org);
        QCOMPARE(trackCompute("over-1", balance + 1'000'123), 1'000'123);
        QCOMPARE(moveClockBy(32 * 86400).status, 200);
        QJsonArray list = invoices(owner, orgQuery(org));
        QCOMPARE(list.size(), 1);
        QJsonObject invoice = list[0].toObject();
        QCOMPARE(lines(invoice).filter("overage "),
                 QStringList{"overage 4000 x1 4000 Overage: 1,000,000 credits beyond the balance"});
        QCOMPARE(invoice["total_minor"].toInteger(), 3000 + 4000);
        QCOMPARE(count("SELECT billed_credits FROM usage_overage"), 1'000'000);
        // The job again: nothing more.
        QCOMPARE(moveClockBy(60).status, 200);
        QCOMPARE(count("SELECT COUNT(*) FROM charges WHERE kind = 'overage'"), 1);

        // 127 more beyond the new period's allowance: with the 123 carried, one cent at the next close.
        QCOMPARE(trackCompute("over-2", f->balance(owner, org) + 127), 127);
        QCOMPARE(moveClockBy(31 * 86400).status, 200);
        list = invoices(owner, orgQuery(org));
        QCOMPARE(list.size(), 2);
        invoice = list[0].toObject();
        QCOMPARE(lines(invoice).filter("overage "),
                 QStringList{"overage 1 x1 1 Overage: 250 credits beyond the balance"});
        QCOMPARE(count("SELECT overage_credits - billed_credits FROM usage_overage"), 0);
        QCOMPARE(count("SELECT SUM(amount_minor) FROM charges WHERE kind = 'overage'"), 4001);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void numbersAreGaplessUnderConcurrency()
    {
        // 64 accounts whose periods end at the same instant; on PostgreSQL a second server process on the
        // same database moves its own test clock to that instant at the same time, closing too.
        std::vector<qint64> orgs;
        for (int i = 0; i < 64; ++i) {
            orgs.push_back(f->createOrganization(f->adminToken, QStringLiteral("Org %1").arg(i)));
            startStarter(orgs.back());
        }
        const QString now = f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString();
        const QString target =
            QDateTime::fromString(now, Qt::ISODateWithMs).addDays(32).toString(Qt::ISODateWithMs);
        std::unique_ptr<TestServer> second;
        if (f->database.isPostgres()) {
            second = std::make_unique<TestServer>(f->database.url(),
                                                  QStringList{QStringLiteral("--test-clock"),
                                                              QStringLiteral("--jobs-interval-ms"),
                                                              QStringLiteral("3600000")});
            QVERIFY(second->start());
        }
        std::latch start(second ? 2 : 1);
        std::vector<std::thread> threads;
        std::atomic<int> moved{0};
        for (TestServer* server : {f->server.get(), second.get()}) {
            if (!server)
                continue;
            threads.emplace_back([&, server] {
                auto client = server->client(f->adminToken);
                start.arrive_and_wait();
                if (client->post("/api/v1/admin/test-clock", {{"now", target}}).status == 200)
                    ++moved;
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(moved.load(), second ? 2 : 1);
        QCOMPARE(count("SELECT COUNT(*) FROM invoices"), 64);
        QCOMPARE(count("SELECT COUNT(DISTINCT account_id) FROM invoices"), 64);
        QCOMPARE(count("SELECT COUNT(DISTINCT number) FROM invoices"), 64);
        QCOMPARE(count("SELECT COUNT(*) FROM charges WHERE invoice_id IS NULL"), 0);
        const QJsonArray all = invoices(f->adminToken, "limit=200");
        QCOMPARE(all.size(), 64);
        QStringList numbers;
        for (const QJsonValue& invoice : all)
            numbers.append(invoice["number"].toString());
        numbers.sort();
        const QString year = target.left(4);
        for (int i = 0; i < 64; ++i)
            QCOMPARE(numbers[i], QStringLiteral("CD-%1-%2").arg(year).arg(i + 1, 6, 10, QLatin1Char('0')));
        QCOMPARE(count("SELECT next FROM invoice_series WHERE series = 'CD'"), 65);
        // The job again in both processes: nothing more.
        QCOMPARE(moveClockBy(1).status, 200);
        if (second)
            QCOMPARE(second->client(f->adminToken)
                         ->post("/api/v1/admin/test-clock", {{"advance_seconds", 2}})
                         .status,
                     200);
        QCOMPARE(count("SELECT COUNT(*) FROM invoices"), 64);
    }

    void voidAndMarkPaidFollowTheStatus()
    {
        const QJsonObject invoice = closedInvoice();
        QVERIFY(!invoice.isEmpty());
        const QByteArray path = "/api/v1/invoices/" + QByteArray::number(invoice["id"].toInteger());
        const HttpResponse paid = f->post(f->adminToken, path + "/mark-paid",
                                          {{"method", "bank_transfer"}, {"reference", "WIRE-42"}});
        QCOMPARE(paid.status, 200);
        QCOMPARE(paid.json()["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(paid.json()["amount_paid_minor"].toInteger(), 3000);
        QCOMPARE(paid.json()["amount_due_minor"].toInteger(), 0);
        QCOMPARE(paid.json()["payment"].toObject()["method"].toString(), QStringLiteral("bank_transfer"));
        QCOMPARE(paid.json()["payment"].toObject()["reference"].toString(), QStringLiteral("WIRE-42"));
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.marked_paid'"), 1);
        // A console that synced the open invoice sees the payment: it has a later seq.
        QVERIFY(paid.json()["seq"].toInteger() > invoice["seq"].toInteger());
        const QJsonArray changed =
            invoices(owner, orgQuery(org) + "&since=" + QByteArray::number(invoice["seq"].toInteger()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0]["status"].toString(), QStringLiteral("paid"));
        const QStringList before = invoiceTables();
        HttpResponse again = f->post(f->adminToken, path + "/mark-paid", {{"method", "other"}});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("invalid_invoice_state"));
        again = f->post(f->adminToken, path + "/void", {});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("invalid_invoice_state"));
        QCOMPARE(invoiceTables(), before);
    }

    void voidedInvoiceCannotBePaid()
    {
        const QJsonObject invoice = closedInvoice();
        QVERIFY(!invoice.isEmpty());
        const QByteArray path = "/api/v1/invoices/" + QByteArray::number(invoice["id"].toInteger());
        const HttpResponse voided = f->post(f->adminToken, path + "/void", {});
        QCOMPARE(voided.status, 200);
        QCOMPARE(voided.json()["status"].toString(), QStringLiteral("void"));
        QCOMPARE(voided.json()["amount_due_minor"].toInteger(), 0);
        QCOMPARE(voided.json()["number"], invoice["number"]); // a void invoice keeps its number
        QCOMPARE(f->post(f->adminToken, path + "/mark-paid", {{"method", "paypal"}}).errorCode(),
                 QStringLiteral("invalid_invoice_state"));
        QCOMPARE(f->post(f->adminToken, path + "/void", {}).errorCode(),
                 QStringLiteral("invalid_invoice_state"));
        QCOMPARE(invoices(owner, orgQuery(org) + "&status=void").size(), 1);
        QCOMPARE(invoices(owner, orgQuery(org) + "&status=open").size(), 0);
    }

    void routesAreScoped()
    {
        const QJsonObject invoice = closedInvoice();
        QVERIFY(!invoice.isEmpty());
        const QByteArray path = "/api/v1/invoices/" + QByteArray::number(invoice["id"].toInteger());
        QCOMPARE(f->get(owner, path).status, 200);
        QCOMPARE(f->get(finance, path).status, 200);
        QCOMPARE(f->get(f->adminToken, path).status, 200);
        QCOMPARE(f->get(member, path).status, 403);
        QCOMPARE(f->get(otherOwner, path).status, 404);
        QCOMPARE(f->get(owner, "/api/v1/invoices/999999").status, 404);
        QCOMPARE(f->get(owner, "/api/v1/invoices?" + orgQuery(org)).status, 200);
        QCOMPARE(f->get(finance, "/api/v1/invoices?" + orgQuery(org)).status, 200);
        QCOMPARE(f->get(member, "/api/v1/invoices?" + orgQuery(org)).status, 403);
        QCOMPARE(f->get(otherOwner, "/api/v1/invoices?" + orgQuery(org)).status, 404);
        QCOMPARE(invoices(otherOwner, orgQuery(other)).size(), 0);
        QCOMPARE(f->get(owner, "/api/v1/invoices").status, 422); // only platform admins see every account's
        const QStringList before = invoiceTables();
        for (const QByteArray& token : {owner, finance, member, otherOwner}) {
            QCOMPARE(f->post(token, path + "/void", {}).status, 403);
            QCOMPARE(f->post(token, path + "/mark-paid", {{"method", "other"}}).status, 403);
            QCOMPARE(f->get(token, "/api/v1/admin/seller").status, 403);
            QCOMPARE(send(token, "PUT", "/api/v1/admin/seller",
                          R"({"legal_name":"X","country":"DE","email":"a@b.c"})")
                         .status,
                     403);
        }
        QCOMPARE(invoiceTables(), before);
    }

    void personalInvoicesAreTheUsersOwn()
    {
        const qint64 ana = f->get(member, "/api/v1/me").json()["user"].toObject()["id"].toInteger();
        QVERIFY(ana > 0);
        const QByteArray self = "user_id=" + QByteArray::number(ana);
        const HttpResponse switched =
            f->post(member, "/api/v1/tiers/switch", {{"user_id", ana}, {"plan", "starter"}});
        QVERIFY2(switched.status == 200, switched.body.constData());
        QCOMPARE(moveClockBy(70 * 86400).status, 200);
        const QJsonArray list = invoices(member, self);
        QVERIFY(!list.isEmpty());
        const QJsonObject invoice = list.last().toObject();
        QCOMPARE(invoice["account"].toObject()["user_id"].toInteger(), ana);
        QCOMPARE(invoice["buyer"].toObject()["email"].toString(), QStringLiteral("ana@acme.test"));
        QCOMPARE(invoice["lines"].toArray()[0].toObject()["kind"].toString(), QStringLiteral("period_fee"));
        QCOMPARE(invoice["total_minor"].toInteger(), 3000);
        const QByteArray path = "/api/v1/invoices/" + QByteArray::number(invoice["id"].toInteger());
        QCOMPARE(f->get(member, path).status, 200);
        QCOMPARE(f->get(f->adminToken, path).status, 200);
        for (const QByteArray& token : {owner, finance, otherOwner}) {
            QCOMPARE(f->get(token, path).status, 404);
            QCOMPARE(f->get(token, "/api/v1/invoices?" + self).status, 404);
        }
        // The organization's invoices do not include the member's own.
        for (const QJsonValue& orgInvoice : invoices(owner, orgQuery(org)))
            QVERIFY(orgInvoice["account"].toObject()["organization_id"].toInteger() == org);
    }

    void sellerIsSnapshotOnInvoices()
    {
        QCOMPARE(f->get(f->adminToken, "/api/v1/admin/seller").json(), QJsonObject());
        const QJsonObject seller{{"legal_name", "CreditDesk GmbH"},
                                 {"address", QJsonObject{{"line1", "Hauptstr. 1"},
                                                         {"city", "Berlin"},
                                                         {"postal_code", "10115"},
                                                         {"country", "DE"}}},
                                 {"tax_id", "DE123456789"},
                                 {"country", "DE"},
                                 {"email", "billing@creditdesk.test"}};
        const HttpResponse put =
            send(f->adminToken, "PUT", "/api/v1/admin/seller", QJsonDocument(seller).toJson());
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json(), seller);
        QCOMPARE(f->get(f->adminToken, "/api/v1/admin/seller").json(), seller);
        QCOMPARE(closedInvoice()["seller"].toObject(), seller);
    }

    void badInputIsRefused()
    {
        const QJsonObject invoice = closedInvoice();
        QVERIFY(!invoice.isEmpty());
        const QByteArray path = "/api/v1/invoices/" + QByteArray::number(invoice["id"].toInteger());
        const QStringList before = invoiceTables();
        struct Case
        {
            QByteArray method;
            QByteArray path;
            QByteArray body;
            QString field;
        };
        const QByteArray o = orgQuery(org);
        const Case cases[] = {
            {"GET", "/api/v1/invoices?" + o + "&status=late", {}, "status"},
            {"GET", "/api/v1/invoices?" + o + "&from=2026-13-01", {}, "from"},
            {"GET", "/api/v1/invoices?" + o + "&to=yesterday", {}, "to"},
            {"GET", "/api/v1/invoices?" + o + "&from=2026-03-02&to=2026-03-01", {}, "to"},
            {"GET", "/api/v1/invoices?" + o + "&since=-1", {}, "since"},
            {"GET", "/api/v1/invoices?" + o + "&limit=0", {}, "limit"},
            {"GET", "/api/v1/invoices?" + o + "&cursor=abc", {}, "cursor"},
            {"POST", path + "/mark-paid", R"({})", "method"},
            {"POST", path + "/mark-paid", R"({"method":"cash"})", "method"},
            {"POST", path + "/mark-paid", R"({"method":"other","reference":7})", "reference"},
            {"POST", path + "/mark-paid", R"({"method":"other","amount":1})", "amount"},
            {"PUT", "/api/v1/admin/seller", R"({"country":"DE","email":"a@b.c"})", "legal_name"},
            {"PUT", "/api/v1/admin/seller", R"({"legal_name":"X","country":"Germany","email":"a@b.c"})",
             "country"},
            {"PUT", "/api/v1/admin/seller", R"({"legal_name":"X","country":"DE","email":"nobody"})", "email"},
            {"PUT", "/api/v1/admin/seller",
             R"({"legal_name":"X","country":"DE","email":"a@b.c","address":"x"})", "address"},
            {"PUT", "/api/v1/admin/seller",
             R"({"legal_name":"X","country":"DE","email":"a@b.c","address":{"street":"x"}})", "street"},
        };
        for (const Case& c : cases) {
            const HttpResponse response = send(f->adminToken, c.method, c.path, c.body);
            QVERIFY2(response.status == 422, (c.path + " " + c.body + " → " + response.body).constData());
            QCOMPARE(response.json()["error"].toObject()["details"].toObject()["field"].toString(), c.field);
        }
        QCOMPARE(invoiceTables(), before);
        QCOMPARE(f->post(f->adminToken, "/api/v1/invoices/abc/void", {}).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestInvoices)
#include "tst_invoices.moc"
