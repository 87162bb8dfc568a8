// Paying an invoice through PayPal, against a real server (SQLite and PostgreSQL) and
// tests/server/paypal_fake.py, a stand-in that follows PayPal's published Orders v2, OAuth 2.0 and
// idempotency documentation (named in the fake): an order for the amount due, approved by the payer on
// PayPal's side, captured once — a repeated or concurrent capture pays nothing twice — and the invoice
// paid with the capture as its reference; capture before approval is 409 payment_not_approved and a
// declined funding source 402 payment_failed, both leaving the invoice open; every route is scoped and
// validated; without credentials the routes answer 503 paypal_not_configured.
#include "TestServer.h"
#include "paypal/PayPalClient.h"

#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <thread>

using namespace creditdesk::test;
using creditdesk::server::PayPalClient;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestPayPal : public QObject
{
    Q_OBJECT

private:
    QProcess fake;
    quint16 fakePort = 0;
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;
    QByteArray finance;
    QByteArray member;
    QByteArray otherOwner;

    qint64 count(const QString& sql) { return f->database.scalar(sql); }
    QJsonObject fakeGet(const QByteArray& target)
    {
        HttpClient client("127.0.0.1", fakePort);
        return client.get(target).json();
    }
    QByteArray fakeTarget(const QString& url) // the path and query of a link the fake gave
    {
        const QUrl parsed(url);
        return parsed.path().toLatin1() + "?" + parsed.query().toLatin1();
    }
    // An open invoice of `org` (the Starter plan's first close: 3,000 minor units).
    QByteArray openInvoice()
    {
        if (f->server->client(f->adminToken)
                ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(org),
                          R"({"tier":"starter"})", {{"Content-Type", "application/json"}})
                .status != 200)
            return {};
        if (f->post(f->adminToken, "/api/v1/admin/test-clock", {{"advance_seconds", 32 * 86400}}).status !=
            200)
            return {};
        const QJsonArray list = f->server->client(owner)
                                    ->get("/api/v1/invoices?organization_id=" + QByteArray::number(org))
                                    .json()["data"]
                                    .toArray();
        return list.size() == 1 ? "/api/v1/invoices/" + QByteArray::number(list[0]["id"].toInteger())
                                : QByteArray();
    }
    QJsonObject order(const QByteArray& token, const QByteArray& invoice)
    {
        return f
            ->post(token, invoice + "/paypal/orders",
                   {{"return_url", "https://console.example/paid"},
                    {"cancel_url", "https://console.example/no"}})
            .json();
    }
    QStringList invoiceTable()
    {
        return f->database.dump({"invoices ORDER BY id", "invoice_lines ORDER BY id"});
    }
    QStringList paypalTables()
    {
        return f->database.dump({"paypal_orders ORDER BY id", "invoices ORDER BY id"});
    }

private Q_SLOTS:
    void initTestCase()
    {
        fakePort = freePort();
        fake.setProcessChannelMode(QProcess::MergedChannels);
        fake.start(QStringLiteral("python3"),
                   {QStringLiteral(CREDITDESK_SOURCE_DIR "/tests/server/paypal_fake.py"),
                    QString::number(fakePort), QStringLiteral("client-id-1"), QStringLiteral("secret-1")});
        QVERIFY(fake.waitForStarted(10000));
        QVERIFY(fake.waitForReadyRead(10000));
        QVERIFY(fake.readAll().contains("ready"));
    }
    void cleanupTestCase()
    {
        fake.kill();
        fake.waitForFinished();
    }
    void init()
    {
        qputenv("PAYPAL_CLIENT_ID", "client-id-1");
        qputenv("PAYPAL_CLIENT_SECRET", "secret-1");
        f = std::make_unique<Fixture>(
            QStringList{QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"),
                        QStringLiteral("315360000"), QStringLiteral("--jobs-interval-ms"),
                        QStringLiteral("3600000"), QStringLiteral("--paypal-api-base"),
                        QStringLiteral("http://127.0.0.1:%1").arg(fakePort)},
            Fixture::Catalog::Shipped);
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMemberByOperator(org, "owner@acme.test", "owner");
        f->addMemberByOperator(org, "fin@acme.test", "finance");
        f->addMemberByOperator(org, "ana@acme.test", "member");
        const qint64 other = f->createOrganization(f->adminToken, "Other");
        f->addMemberByOperator(other, "owner@other.test", "owner");
        owner = f->loginMember("owner@acme.test");
        finance = f->loginMember("fin@acme.test");
        member = f->loginMember("ana@acme.test");
        otherOwner = f->loginMember("owner@other.test");
    }
    void cleanup() { f.reset(); }

    void amountsAreMinorUnits()
    {
        QCOMPARE(PayPalClient::formatAmount(2400), QStringLiteral("24.00"));
        QCOMPARE(PayPalClient::formatAmount(5), QStringLiteral("0.05"));
        QCOMPARE(PayPalClient::formatAmount(123456789), QStringLiteral("1234567.89"));
        QCOMPARE(PayPalClient::parseAmount("24.00"), std::optional<qint64>(2400));
        QCOMPARE(PayPalClient::parseAmount("24.5"), std::optional<qint64>(2450));
        QCOMPARE(PayPalClient::parseAmount("24"), std::optional<qint64>(2400));
        QCOMPARE(PayPalClient::parseAmount("0.05"), std::optional<qint64>(5));
        for (const char* bad : {"24.001", "-1.00", "1e3", "", " 1.00", "1,00"})
            QCOMPARE(PayPalClient::parseAmount(QString::fromLatin1(bad)), std::nullopt);
    }

    void paysTheInvoiceOnce()
    {
        const QByteArray invoice = openInvoice();
        QVERIFY(!invoice.isEmpty());
        const QJsonObject first = order(finance, invoice);
        QCOMPARE(first["status"].toString(), QStringLiteral("created"));
        QCOMPARE(first["amount_minor"].toInteger(), 3000);
        QCOMPARE(first["currency"].toString(), QStringLiteral("USD"));
        const QString orderId = first["order_id"].toString();
        QVERIFY(!orderId.isEmpty());
        QVERIFY(first["approve_url"].toString().contains("/checkoutnow?token=" + orderId));
        // A second click gets the same order, not a new one.
        QCOMPARE(order(owner, invoice), first);
        QCOMPARE(count("SELECT COUNT(*) FROM paypal_orders"), 1);

        // Before the payer approved it: 409, the invoice unchanged; the refused attempt is counted, so
        // the capture after approval is a new request to PayPal, not a replay of the refusal.
        const QStringList before = invoiceTable();
        const HttpResponse early = f->post(finance, invoice + "/paypal/capture", {{"order_id", orderId}});
        QCOMPARE(early.status, 409);
        QCOMPARE(early.errorCode(), QStringLiteral("payment_not_approved"));
        QCOMPARE(invoiceTable(), before);
        QCOMPARE(count("SELECT capture_attempts FROM paypal_orders WHERE status = 'created'"), 1);

        QCOMPARE(fakeGet(fakeTarget(first["approve_url"].toString()))["approved"].toString(), orderId);
        const HttpResponse captured = f->post(finance, invoice + "/paypal/capture", {{"order_id", orderId}});
        QCOMPARE(captured.status, 200);
        const QJsonObject paid = captured.json();
        QCOMPARE(paid["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(paid["amount_paid_minor"].toInteger(), 3000);
        QCOMPARE(paid["amount_due_minor"].toInteger(), 0);
        QCOMPARE(paid["payment"].toObject()["method"].toString(), QStringLiteral("paypal"));
        const QString captureId = paid["payment"].toObject()["reference"].toString();
        QVERIFY(!captureId.isEmpty());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM paypal_orders WHERE status = 'completed' AND "
                                      "capture_id = '%1'")
                           .arg(captureId)),
                 1);
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.paypal_captured'"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.paypal_order_created'"), 1);

        // Again: the invoice as it is, and PayPal captured once.
        const HttpResponse again = f->post(owner, invoice + "/paypal/capture", {{"order_id", orderId}});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json(), paid);
        QCOMPARE(fakeGet("/test/stats")["captures"].toObject()[orderId].toInt(), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.paypal_captured'"), 1);
        // A paid invoice takes no new order.
        const HttpResponse late =
            f->post(owner, invoice + "/paypal/orders",
                    {{"return_url", "https://x.example/a"}, {"cancel_url", "https://x.example/b"}});
        QCOMPARE(late.status, 409);
        QCOMPARE(late.errorCode(), QStringLiteral("invalid_invoice_state"));
    }

    void orderChargesWhatCreditNotesLeft()
    {
        // A credit note on an open invoice takes its amount off what is due: the PayPal order is for the
        // rest, and its capture pays the invoice in full (Invoices::amountDueSql, shared with Stripe).
        const QByteArray invoice = openInvoice();
        QVERIFY(!invoice.isEmpty());
        QCOMPARE(f->server->client(f->adminToken)
                     ->post(invoice + "/credit-note", {{"amount_minor", 1000}, {"reason", "Outage"}},
                            {{"Idempotency-Key", "cn-1"}})
                     .status,
                 201);
        const QJsonObject created = order(owner, invoice);
        QCOMPARE(created["amount_minor"].toInteger(), 2000);
        fakeGet(fakeTarget(created["approve_url"].toString()));
        const HttpResponse captured =
            f->post(owner, invoice + "/paypal/capture", {{"order_id", created["order_id"].toString()}});
        QCOMPARE(captured.status, 200);
        QCOMPARE(captured.json()["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(captured.json()["amount_paid_minor"].toInteger(), 2000);
        QCOMPARE(captured.json()["amount_credited_minor"].toInteger(), 1000);
        QCOMPARE(captured.json()["amount_due_minor"].toInteger(), 0);
    }

    void concurrentCapturesPayOnce()
    {
        const QByteArray invoice = openInvoice();
        QVERIFY(!invoice.isEmpty());
        const QJsonObject created = order(owner, invoice);
        const QString orderId = created["order_id"].toString();
        fakeGet(fakeTarget(created["approve_url"].toString()));
        std::vector<std::thread> threads;
        std::vector<int> statuses(8, 0);
        for (std::size_t i = 0; i < statuses.size(); ++i)
            threads.emplace_back([&, i] {
                statuses[i] = f->server->client(i % 2 ? owner : finance)
                                  ->post(invoice + "/paypal/capture", {{"order_id", orderId}})
                                  .status;
            });
        for (std::thread& thread : threads)
            thread.join();
        for (const int status : statuses)
            QCOMPARE(status, 200);
        QCOMPARE(fakeGet("/test/stats")["captures"].toObject()[orderId].toInt(), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM paypal_orders WHERE status = 'completed'"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE status = 'paid' AND payment_method = 'paypal'"),
                 1);
        QCOMPARE(count("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.paypal_captured'"), 1);
        // The capture is the invoice's one payment in GET /api/v1/payments (finance reads it).
        const QString captureId =
            f->server->client(owner)->get(invoice).json()["payment"].toObject()["reference"].toString();
        QVERIFY(!captureId.isEmpty());
        const HttpResponse listed =
            f->server->client(finance)->get("/api/v1/payments?organization_id=" + QByteArray::number(org));
        QCOMPARE(listed.status, 200);
        const QJsonArray payments = listed.json()["data"].toArray();
        QCOMPARE(payments.size(), 1);
        const QJsonObject payment = payments[0].toObject();
        QCOMPARE(payment["invoice_id"].toInteger(), invoice.mid(invoice.lastIndexOf('/') + 1).toLongLong());
        QCOMPARE(payment["amount_minor"].toInteger(), 3000);
        QCOMPARE(payment["currency"].toString(), QStringLiteral("USD"));
        QCOMPARE(payment["method"].toString(), QStringLiteral("paypal"));
        QCOMPARE(payment["status"].toString(), QStringLiteral("succeeded"));
        QCOMPARE(payment["attempt"].toInteger(), 1);
        QVERIFY(payment["failure_reason"].isNull());
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE provider_id = '%1'").arg(captureId)),
            1);
    }

    void declinedFundingLeavesTheInvoiceOpen()
    {
        const QByteArray invoice = openInvoice();
        QVERIFY(!invoice.isEmpty());
        const QJsonObject created = order(owner, invoice);
        const QString orderId = created["order_id"].toString();
        fakeGet(fakeTarget(created["approve_url"].toString()));
        HttpClient(QByteArray("127.0.0.1"), fakePort)
            .request("POST", "/test/decline?token=" + orderId.toLatin1());
        const QStringList before = invoiceTable();
        const HttpResponse declined = f->post(owner, invoice + "/paypal/capture", {{"order_id", orderId}});
        QCOMPARE(declined.status, 402);
        QCOMPARE(declined.errorCode(), QStringLiteral("payment_failed"));
        QCOMPARE(invoiceTable(), before);
        QCOMPARE(
            count("SELECT COUNT(*) FROM paypal_orders WHERE status = 'created' AND capture_attempts = 1"), 1);
        QCOMPARE(f->server->client(owner)->get(invoice).json()["status"].toString(), QStringLiteral("open"));
        QCOMPARE(count("SELECT COUNT(*) FROM payments"), 0); // nothing was paid
    }

    void routesAreScopedAndValidated()
    {
        const QByteArray invoice = openInvoice();
        QVERIFY(!invoice.isEmpty());
        const QStringList before = paypalTables();
        const QJsonObject urls{{"return_url", "https://x.example/a"}, {"cancel_url", "https://x.example/b"}};
        QCOMPARE(f->post(member, invoice + "/paypal/orders", urls).status, 403);
        QCOMPARE(f->post(otherOwner, invoice + "/paypal/orders", urls).status, 404);
        QCOMPARE(f->post(member, invoice + "/paypal/capture", {{"order_id", "ABC"}}).status, 403);
        QCOMPARE(f->post(otherOwner, invoice + "/paypal/capture", {{"order_id", "ABC"}}).status, 404);
        QCOMPARE(f->post(owner, "/api/v1/invoices/999999/paypal/orders", urls).status, 404);
        const struct
        {
            QJsonObject body;
            const char* field;
        } bad[] = {
            {{{"return_url", "ftp://x.example/a"}, {"cancel_url", "https://x.example/b"}}, "return_url"},
            {{{"return_url", "https://x.example/a"}}, "cancel_url"},
            {{{"return_url", "not a url"}, {"cancel_url", "https://x.example/b"}}, "return_url"},
        };
        for (const auto& [body, field] : bad) {
            const HttpResponse response = f->post(owner, invoice + "/paypal/orders", body);
            QCOMPARE(response.status, 422);
            QCOMPARE(response.json()["error"].toObject()["details"].toObject()["field"].toString(),
                     QString::fromLatin1(field));
        }
        QCOMPARE(
            f->post(owner, invoice + "/paypal/orders",
                    {{"return_url", "https://x.example/a"}, {"cancel_url", "https://x.example/b"}, {"x", 1}})
                .status,
            422);
        QCOMPARE(f->post(owner, invoice + "/paypal/capture", {{"order_id", "ABC; DROP"}}).status, 422);
        QCOMPARE(f->post(owner, invoice + "/paypal/capture", {}).status, 422);
        // An order that is not this invoice's.
        QCOMPARE(f->post(owner, invoice + "/paypal/capture", {{"order_id", "UNKNOWN123"}}).status, 404);
        QCOMPARE(paypalTables(), before);
    }

    void withoutCredentialsPayPalIsOff()
    {
        const QByteArray invoice = openInvoice();
        QVERIFY(!invoice.isEmpty());
        f->server->stop();
        qunsetenv("PAYPAL_CLIENT_ID");
        qunsetenv("PAYPAL_CLIENT_SECRET");
        const QStringList arguments{QStringLiteral("--test-clock"), QStringLiteral("--paypal-api-base"),
                                    QStringLiteral("http://127.0.0.1:%1").arg(fakePort)};
        {
            TestServer off(f->database.url(), arguments);
            QVERIFY(off.start());
            const HttpResponse response =
                off.client(owner)->post(invoice + "/paypal/orders", {{"return_url", "https://x.example/a"},
                                                                     {"cancel_url", "https://x.example/b"}});
            QCOMPARE(response.status, 503);
            QCOMPARE(response.errorCode(), QStringLiteral("paypal_not_configured"));
        }
        // Wrong credentials: PayPal refuses the token, we answer 502 and record nothing.
        qputenv("PAYPAL_CLIENT_ID", "client-id-1");
        qputenv("PAYPAL_CLIENT_SECRET", "wrong");
        TestServer wrong(f->database.url(), arguments);
        QVERIFY(wrong.start());
        const HttpResponse refused =
            wrong.client(owner)->post(invoice + "/paypal/orders", {{"return_url", "https://x.example/a"},
                                                                   {"cancel_url", "https://x.example/b"}});
        QCOMPARE(refused.status, 502);
        QCOMPARE(refused.errorCode(), QStringLiteral("payment_provider_error"));
        QVERIFY(!refused.body.contains("wrong")); // the secret never appears
        QCOMPARE(count("SELECT COUNT(*) FROM paypal_orders"), 0);
    }
};

QTEST_GUILESS_MAIN(TestPayPal)
#include "tst_paypal.moc"
