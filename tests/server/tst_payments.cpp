// Payments through Stripe (issue 15, docs/admin-guide.md "Payments (Stripe)" and "Dunning") against
// independent peers on loopback, behind a front of ours at --stripe-api-base (tests/server/stripe_front.py):
//  - stripe-stateful-mock@0.0.16 (scripts/start-stripe-mock) for customers, charges, refunds and
//    idempotency: it is faithful there (Stripe-style errors, decline codes, Idempotency-Key replay), but has
//    no PaymentIntents;
//  - emulate@0.12.2 (scripts/start-stripe-emulate, Node 22) for PaymentIntents and signed webhooks: it
//    confirms every PaymentIntent (it cannot decline), ignores Idempotency-Key, and its events carry no
//    `id`;
//  - the billing portal (POST /v1/billing_portal/sessions) is a fake in the front after Stripe's documented
//    shapes (https://docs.stripe.com/api/customer_portal/sessions/create): no peer has it.
// How a decline reaches us: the decline test cards (pm_card_chargeDeclinedInsufficientFunds) are charged
// by the front at stripe-stateful-mock as their tokens (tok_chargeDeclinedInsufficientFunds), whose 402
// card_error the front answers as Stripe answers a declined off-session PaymentIntent (the error with its
// payment_intent), and, as Stripe does, then sends a signed payment_intent.payment_failed event. In the
// "async" mode the front answers `processing` and sends the failure only as an event (POST /_front/settle),
// like a bank debit that fails later. emulate's own signed events reach the server through the front,
// which verifies them with Python's hmac, adds the `id` real events have and signs again with the same
// secret. Time moves through the server's test clock; nothing sleeps.
#include "TestServer.h"
#include "core/ApiError.h"
#include "core/Clock.h"
#include "payments/StripeClient.h"
#include "payments/StripePayments.h"
#include "payments/StripeSignature.h"
#include "store/Store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk::test;
using creditdesk::server::SignatureCheck;

namespace {

constexpr qint64 kDay = 86400;
const QByteArray kSecret = "whsec_tst_payments_secret";

QString errorCode(const HttpResponse& response)
{
    return response.json().value("error").toObject().value("code").toString();
}

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

} // namespace

class TestPayments : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    QProcess mock, emulate, front;
    quint16 mockPort = 0, emulatePort = 0, frontPort = 0, serverPort = 0;
    std::unique_ptr<Fixture> f;
    qint64 org = 0, other = 0;
    QByteArray owner, finance, member, otherOwner;
    int testNumber = 0;

    // ---- peers -------------------------------------------------------------------------------------

    HttpResponse frontCall(const QByteArray& method, const QByteArray& target, const QByteArray& body = {})
    {
        return HttpClient("127.0.0.1", frontPort)
            .request(method, target, body,
                     {{"Authorization", "Bearer " + qgetenv("STRIPE_API_KEY")},
                      {"Content-Type", "application/x-www-form-urlencoded"}});
    }
    QJsonObject frontLog() { return QJsonDocument::fromJson(frontCall("GET", "/_front/log").body).object(); }
    void frontMode(const QJsonObject& mode)
    {
        QCOMPARE(HttpClient("127.0.0.1", frontPort).post("/_front/mode", mode).status, 200);
    }
    // The customer's default payment method, as the portal sets it (the test stands in for the person).
    void setCardOf(qint64 organizationId, const QByteArray& paymentMethod)
    {
        // The server creates the customer when first needed: the portal asks for it.
        QCOMPARE(f->post(owner, "/api/v1/billing/portal",
                         {{"organization_id", organizationId}, {"return_url", "https://app.test/billing"}})
                     .status,
                 200);
        QCOMPARE(HttpClient("127.0.0.1", frontPort)
                     .post("/_front/set-card", {{"account_id", accountOf(organizationId)},
                                                {"payment_method", QString::fromUtf8(paymentMethod)},
                                                {"api_key", QString::fromUtf8(qgetenv("STRIPE_API_KEY"))}})
                     .status,
                 200);
    }
    // ---- server ------------------------------------------------------------------------------------

    HttpResponse webhook(const QByteArray& body, const QByteArray& signature)
    {
        return f->server->client({})->request(
            "POST", "/api/v1/webhooks/stripe", body,
            {{"Content-Type", "application/json"}, {"Stripe-Signature", signature}});
    }
    HttpResponse signedWebhook(const QJsonObject& event)
    {
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        return webhook(body, creditdesk::server::stripeSignatureHeader(body, kSecret,
                                                                       QDateTime::currentSecsSinceEpoch()));
    }
    HttpResponse moveClockBy(qint64 seconds)
    {
        return f->post(f->adminToken, "/api/v1/admin/test-clock", {{"advance_seconds", seconds}});
    }
    qint64 count(const QString& sql) { return f->database.scalar(sql); }
    qint64 accountOf(qint64 organizationId)
    {
        return count(
            QStringLiteral("SELECT id FROM accounts WHERE owner_kind = 'organization' AND owner_id = %1")
                .arg(organizationId));
    }
    QJsonArray invoicesOf(qint64 organizationId)
    {
        return f->get(owner, "/api/v1/invoices?organization_id=" + id(organizationId))
            .json()["data"]
            .toArray();
    }
    QJsonArray paymentsOf(qint64 organizationId, const QByteArray& token = {})
    {
        return f
            ->get(token.isEmpty() ? owner : token, "/api/v1/payments?organization_id=" + id(organizationId))
            .json()["data"]
            .toArray();
    }
    qint64 subscriptionsWithStatus(qint64 organizationId, const char* status)
    {
        return count(
            QStringLiteral("SELECT COUNT(*) FROM subscriptions WHERE account_id = %1 AND status = '%2'")
                .arg(accountOf(organizationId))
                .arg(QLatin1String(status)));
    }
    qint64 outboxEvents(const char* type)
    {
        return count(
            QStringLiteral("SELECT COUNT(*) FROM outbox_events WHERE type = '%1'").arg(QLatin1String(type)));
    }
    // Starter (a paid plan) from now on; the first close, at the period's end, invoices its next period's
    // fee. The clock stops there, so the retries' days count from here.
    QJsonObject closeFirstInvoice()
    {
        const HttpResponse patched =
            f->server->client(f->adminToken)
                ->request("PATCH", "/api/v1/organizations/" + id(org), R"({"tier":"starter"})",
                          {{"Content-Type", "application/json"}});
        if (patched.status != 200) {
            qWarning() << "PATCH" << patched.status << patched.body;
            return {};
        }
        const qint64 periodEnd =
            count(QStringLiteral("SELECT current_period_end FROM subscriptions WHERE account_id = %1")
                      .arg(accountOf(org)));
        const qint64 now =
            QDateTime::fromString(f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString(),
                                  Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        const HttpResponse moved = moveClockBy((periodEnd - now + 999) / 1000);
        if (moved.status != 200) {
            qWarning() << "clock" << moved.status << moved.body;
            return {};
        }
        const QJsonArray list = invoicesOf(org);
        return list.isEmpty() ? QJsonObject() : list.last().toObject();
    }
    QJsonObject invoice(qint64 invoiceId)
    {
        return f->get(owner, "/api/v1/invoices/" + id(invoiceId)).json();
    }

    void startServer(bool withStripe, const QStringList& extraArguments = {})
    {
        // One Stripe account per test (stateful-mock keeps its data per API key), so customers and
        // idempotency keys of one test never meet another's.
        if (withStripe) {
            qputenv("STRIPE_API_KEY", "sk_test_payments_" + QByteArray::number(++testNumber) + "_" +
                                          QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
            qputenv("STRIPE_WEBHOOK_SECRET", kSecret);
        } else {
            qunsetenv("STRIPE_API_KEY");
            qunsetenv("STRIPE_WEBHOOK_SECRET");
        }
        QStringList arguments{"--test-clock",
                              "--session-ttl",
                              "315360000",
                              "--jobs-interval-ms",
                              "3600000",
                              "--listen",
                              QStringLiteral("127.0.0.1:%1").arg(serverPort)};
        if (withStripe)
            arguments << "--stripe-api-base" << QStringLiteral("http://127.0.0.1:%1").arg(frontPort);
        arguments << extraArguments;
        f = std::make_unique<Fixture>(arguments, Fixture::Catalog::Shipped);
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
        QCOMPARE(HttpClient("127.0.0.1", frontPort).post("/_front/reset", {}).status, 200);
    }

    void startPeer(QProcess& process, const QString& program, const QStringList& arguments, const char* ready)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(program, arguments);
        QVERIFY2(process.waitForStarted(10000), qPrintable(program));
        QByteArray output;
        while (!output.contains(ready) && process.state() == QProcess::Running &&
               process.waitForReadyRead(60000))
            output += process.readAll();
        QVERIFY2(output.contains(ready), output.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        mockPort = freePort();
        emulatePort = freePort();
        frontPort = freePort();
        serverPort = freePort();
        // emulate posts its signed events to the front, which forwards them to the server's webhook.
        const QString seed = dir.filePath("emulate-seed.yaml");
        QFile file(seed);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QStringLiteral("stripe:\n  webhooks:\n    - url: http://127.0.0.1:%1/_front/emulate-webhook\n"
                           "      events: [\"*\"]\n      secret: %2\n")
                .arg(frontPort)
                .arg(QString::fromLatin1(kSecret))
                .toUtf8());
        file.close();
        startPeer(mock, QStringLiteral(CREDITDESK_SOURCE_DIR "/scripts/start-stripe-mock"),
                  {QString::number(mockPort)}, "ready");
        startPeer(emulate, QStringLiteral(CREDITDESK_SOURCE_DIR "/scripts/start-stripe-emulate"),
                  {QString::number(emulatePort), seed}, "Ready");
        startPeer(front, QStringLiteral("python3"),
                  {QStringLiteral(CREDITDESK_SOURCE_DIR "/tests/server/stripe_front.py"),
                   QString::number(frontPort), QString::number(mockPort), QString::number(emulatePort),
                   QStringLiteral("http://127.0.0.1:%1/api/v1/webhooks/stripe").arg(serverPort),
                   QString::fromLatin1(kSecret)},
                  "ready");
    }

    void cleanup() { f.reset(); }

    void cleanupTestCase()
    {
        for (QProcess* process : {&front, &emulate, &mock}) {
            process->terminate();
            if (!process->waitForFinished(5000))
                process->kill();
        }
    }

    // Stripe's scheme with the documented test vector; one trailing space, another secret, an old
    // timestamp and a header without v1 all fail; any of several v1 may match.
    void signatureTestVector()
    {
        using creditdesk::server::checkStripeSignature;
        const QByteArray body =
            R"({"id":"evt_test_webhook","object":"event","type":"invoice.paid","data":{"object":{"id":"in_123"}}})";
        const QByteArray header =
            "t=1700000000,v1=34e7f462b60a801f2e0a23192d5d6d566ebd93ac26e936a070c40dd481545a86";
        QCOMPARE(checkStripeSignature(header, body, "whsec_test_secret", 1700000000), SignatureCheck::Valid);
        QCOMPARE(checkStripeSignature(header, body, "whsec_test_secret", 1700000300), SignatureCheck::Valid);
        QCOMPARE(checkStripeSignature(header, body + ' ', "whsec_test_secret", 1700000000),
                 SignatureCheck::Mismatch);
        QCOMPARE(checkStripeSignature(header, body, "whsec_other", 1700000000), SignatureCheck::Mismatch);
        QCOMPARE(checkStripeSignature(header, body, "whsec_test_secret", 1700000301), SignatureCheck::TooOld);
        QCOMPARE(checkStripeSignature("t=1700000000", body, "whsec_test_secret", 1700000000),
                 SignatureCheck::Malformed);
        QCOMPARE(checkStripeSignature(
                     "t=1700000000,v1=00,v1=34e7f462b60a801f2e0a23192d5d6d566ebd93ac26e936a070c40dd4815"
                     "45a86,v0=ff",
                     body, "whsec_test_secret", 1700000000),
                 SignatureCheck::Valid);
        QCOMPARE(creditdesk::server::stripeSignatureHeader(body, "whsec_test_secret", 1700000000), header);
    }

    // Stripe's form encoding: bracket nesting for objects and arrays, percent-encoding of keys and values.
    void formEncoding()
    {
        using creditdesk::server::StripeClient;
        const QJsonObject object{
            {"amount", 1999},
            {"confirm", true},
            {"metadata", QJsonObject{{"invoice_id", "42"}, {"note", "a&b=c d"}}},
            {"items", QJsonArray{QJsonObject{{"price", "price_1"}}, QJsonObject{{"price", "p 2"}}}},
            {"skip", QJsonValue()}};
        QCOMPARE(StripeClient::encodeForm(StripeClient::flatten(object)),
                 QByteArray(
                     "amount=1999&confirm=true&items%5B0%5D%5Bprice%5D=price_1&items%5B1%5D%5Bprice%5D=p%202"
                     "&metadata%5Binvoice_id%5D=42&metadata%5Bnote%5D=a%26b%3Dc%20d"));
        QCOMPARE(StripeClient::encodeForm({{"customer", "cus_1"}, {"return_url", "https://x.test/?a=1"}}),
                 QByteArray("customer=cus_1&return_url=https%3A%2F%2Fx.test%2F%3Fa%3D1"));
    }

    // Without STRIPE_API_KEY: invoices work with manual payments; the portal and the webhook say so.
    void withoutStripe()
    {
        startServer(false);
        const HttpResponse portal = f->post(owner, "/api/v1/billing/portal",
                                            {{"organization_id", org}, {"return_url", "https://app.test/"}});
        QCOMPARE(portal.status, 503);
        QCOMPARE(errorCode(portal), QStringLiteral("payments_not_configured"));
        QCOMPARE(signedWebhook({{"id", "evt_1"}, {"type", "payment_intent.succeeded"}}).status, 503);
        const QJsonObject invoice = closeFirstInvoice();
        QCOMPARE(invoice["status"].toString(), QStringLiteral("open"));
        QCOMPARE(count("SELECT COUNT(*) FROM payments"), 0);
        QVERIFY(paymentsOf(org).isEmpty());
    }

    // The portal opens a Stripe session for the account's customer (created once, with Idempotency-Key
    // customer-<account>); the URL comes back.
    void portalSession()
    {
        startServer(true);
        const HttpResponse first = f->post(finance, "/api/v1/billing/portal",
                                           {{"organization_id", org}, {"return_url", "https://app.test/b"}});
        QCOMPARE(first.status, 200);
        QVERIFY(first.json()["url"].toString().startsWith("https://billing.stripe.com/p/session/"));
        QCOMPARE(f->post(owner, "/api/v1/billing/portal",
                         {{"organization_id", org}, {"return_url", "https://app.test/"}})
                     .status,
                 200);
        QCOMPARE(count("SELECT COUNT(*) FROM stripe_customers"), 1);
        int customerCreations = 0;
        for (const QJsonValue& call : frontLog()["calls"].toArray())
            if (call["path"] == QStringLiteral("/v1/customers") && call["method"] == QStringLiteral("POST")) {
                ++customerCreations;
                QCOMPARE(call["idempotency_key"].toString(),
                         QStringLiteral("customer-%1").arg(accountOf(org)));
                QVERIFY(call["authorized"].toBool());
            }
        QCOMPARE(customerCreations, 1);
        // Scoping: members, another organization's owner; bad input changes nothing.
        QCOMPARE(f->post(member, "/api/v1/billing/portal",
                         {{"organization_id", org}, {"return_url", "https://a.test/"}})
                     .status,
                 403);
        // Another organization's owner: 404, as for every organization one is not in.
        QCOMPARE(f->post(otherOwner, "/api/v1/billing/portal",
                         {{"organization_id", org}, {"return_url", "https://a.test/"}})
                     .status,
                 404);
        QCOMPARE(f->get(member, "/api/v1/payments?organization_id=" + id(org)).status, 403);
        QCOMPARE(f->get(otherOwner, "/api/v1/payments?organization_id=" + id(org)).status, 404);
        QCOMPARE(f->get(otherOwner, "/api/v1/payments?organization_id=" + id(other)).status, 200);
        for (const QJsonObject& bad :
             {QJsonObject{{"organization_id", org}},
              QJsonObject{{"organization_id", org}, {"return_url", "javascript:alert(1)"}},
              QJsonObject{{"organization_id", org}, {"return_url", 5}},
              QJsonObject{{"organization_id", org}, {"return_url", "https://a.test/"}, {"extra", 1}}}) {
            const HttpResponse refused = f->post(owner, "/api/v1/billing/portal", bad);
            QCOMPARE(refused.status, 422);
        }
        QCOMPARE(count("SELECT COUNT(*) FROM stripe_customers"), 1);
    }

    // Who reads payments and opens the portal: owners, admins and finance of the organization and platform
    // admins; a personal account's own user only; bad queries are 422.
    void accessMatrix()
    {
        startServer(true);
        const QByteArray payments = "/api/v1/payments?organization_id=" + id(org);
        QCOMPARE(f->get(owner, payments).status, 200);
        QCOMPARE(f->get(finance, payments).status, 200);
        QCOMPARE(f->get(f->adminToken, payments).status, 200);
        QCOMPARE(f->get(member, payments).status, 403);
        QCOMPARE(f->get(otherOwner, payments).status, 404);
        QCOMPARE(f->server->client({})->get(payments).status, 401);
        const qint64 ana = count("SELECT id FROM users WHERE email = 'ana@acme.test'");
        const qint64 fin = count("SELECT id FROM users WHERE email = 'fin@acme.test'");
        QCOMPARE(f->get(member, "/api/v1/payments?user_id=" + id(ana)).status, 200);
        // Another person's personal account does not exist for the caller.
        QCOMPARE(f->get(finance, "/api/v1/payments?user_id=" + id(ana)).status, 404);
        QCOMPARE(f->get(member, "/api/v1/payments?user_id=" + id(fin)).status, 404);
        const HttpResponse personal = f->post(member, "/api/v1/billing/portal",
                                              {{"user_id", ana}, {"return_url", "https://app.test/me"}});
        QCOMPARE(personal.status, 200);
        QCOMPARE(f->post(member, "/api/v1/billing/portal",
                         {{"user_id", fin}, {"return_url", "https://app.test/me"}})
                     .status,
                 404);
        for (const QByteArray& bad :
             {QByteArray("/api/v1/payments"), QByteArray("/api/v1/payments?organization_id=abc"),
              "/api/v1/payments?organization_id=" + id(org) + "&limit=0",
              "/api/v1/payments?organization_id=" + id(org) + "&limit=201"})
            QCOMPARE(f->get(owner, bad).status, 422);
        QCOMPARE(count("SELECT COUNT(*) FROM stripe_customers"), 1); // the member's own, nothing else
    }

    // Card on file: the close's invoice is collected at once (PaymentIntent through emulate, key
    // invoice-<id>-attempt-1). emulate's signed payment_intent.succeeded reaches the server before the
    // synchronous answer; the payment is booked once; a replayed event changes nothing; emulate's own event
    // (no id) is refused with 400 although its signature is good; bad signatures are refused.
    void cardPaymentBookedOnce()
    {
        startServer(true);
        setCardOf(org, "pm_card_visa");
        const QJsonObject closed = closeFirstInvoice();
        QVERIFY(!closed.isEmpty());
        const qint64 invoiceId = closed["id"].toInteger();
        const QJsonObject paid = invoice(invoiceId);
        QCOMPARE(paid["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(paid["amount_due_minor"].toInteger(), 0);
        QCOMPARE(paid["payment"]["method"].toString(), QStringLiteral("card"));
        const QString intent = paid["payment"]["reference"].toString();
        QVERIFY(intent.startsWith("pi_"));
        const QJsonArray payments = paymentsOf(org, finance);
        QCOMPARE(payments.size(), 1);
        const QJsonObject payment = payments[0].toObject();
        QCOMPARE(payment["invoice_id"].toInteger(), invoiceId);
        QCOMPARE(payment["amount_minor"].toInteger(), closed["total_minor"].toInteger());
        QCOMPARE(payment["method"].toString(), QStringLiteral("card"));
        QCOMPARE(payment["status"].toString(), QStringLiteral("succeeded"));
        QVERIFY(payment["failure_reason"].isNull());
        QVERIFY(payment.contains("created_at"));
        // The PaymentIntent was made once, with the invoice's key, and emulate's event was booked (200).
        int intents = 0;
        for (const QJsonValue& call : frontLog()["calls"].toArray())
            if (call["path"] == QStringLiteral("/v1/payment_intents") &&
                call["to"] == QStringLiteral("emulate")) {
                ++intents;
                QCOMPARE(call["idempotency_key"].toString(),
                         QStringLiteral("invoice-%1-attempt-1").arg(invoiceId));
            }
        QCOMPARE(intents, 2); // create, then confirm
        QJsonObject forwarded;
        for (const QJsonValue& hook : frontLog()["webhooks"].toArray())
            if (hook["type"] == QStringLiteral("payment_intent.succeeded"))
                forwarded = hook.toObject();
        QCOMPARE(forwarded["source"].toString(), QStringLiteral("emulate"));
        QCOMPARE(forwarded["status"].toInt(), 200);
        QCOMPARE(count("SELECT COUNT(*) FROM stripe_events"), 1);

        const QStringList before = f->database.dump({"payments ORDER BY id", "invoices ORDER BY id"});
        // Replays: the same event again (seen id) and the same PaymentIntent under a new event id.
        QJsonObject raw;
        for (const QJsonValue& delivery : frontLog()["emulate_raw"].toArray())
            if (delivery["type"] == QStringLiteral("payment_intent.succeeded"))
                raw = delivery.toObject();
        QVERIFY(raw["verified"].toBool());
        QJsonObject event = QJsonDocument::fromJson(raw["body"].toString().toUtf8()).object();
        QJsonObject object = event["data"].toObject()["object"].toObject();
        event.insert("id", forwarded["event_id"]);
        QCOMPARE(signedWebhook(event).status, 200);
        event.insert("id", "evt_another_delivery");
        QCOMPARE(signedWebhook(event).status, 200);
        QCOMPARE(f->database.dump({"payments ORDER BY id", "invoices ORDER BY id"}), before);
        // emulate's own delivery, exactly as it signed it: a good signature, but no event id.
        const HttpResponse noId =
            webhook(raw["body"].toString().toUtf8(), raw["signature"].toString().toUtf8());
        if (noId.status == 400 && errorCode(noId) == QStringLiteral("invalid_event")) {
        } else {
            // emulate signs with the wall clock of its delivery: within the 300 s tolerance here.
            QFAIL(noId.body.constData());
        }
        // Signatures: another secret, a changed body, an old timestamp, none at all.
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const auto& [sent, signature] :
             {std::pair{body, creditdesk::server::stripeSignatureHeader(body, "whsec_wrong", now)},
              std::pair{body + ' ', creditdesk::server::stripeSignatureHeader(body, kSecret, now)},
              std::pair{body, creditdesk::server::stripeSignatureHeader(body, kSecret, now - 301)},
              std::pair{body, QByteArray()}}) {
            const HttpResponse refused = webhook(sent, signature);
            QCOMPARE(refused.status, 400);
            QCOMPARE(errorCode(refused), QStringLiteral("invalid_signature"));
        }
        QCOMPARE(errorCode(signedWebhook({{"type", "payment_intent.succeeded"}})),
                 QStringLiteral("invalid_event"));
        QCOMPARE(f->database.dump({"payments ORDER BY id", "invoices ORDER BY id"}), before);
        Q_UNUSED(object)
    }

    // A declined card: the synchronous card_error and the payment_intent.payment_failed event that follows
    // book one failed payment; the subscription is past_due at once, the account told (payment_failed).
    // A day later the retry (attempt 2, a new key) with a working card pays it and restores `active`.
    void declineThenRecovery()
    {
        startServer(true);
        setCardOf(org, "pm_card_chargeDeclinedInsufficientFunds");
        const QJsonObject closed = closeFirstInvoice();
        const qint64 invoiceId = closed["id"].toInteger();
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("open"));
        // The front's failure event went out beside the answer; wait for its booking (no sleeps: poll the
        // log).
        QTRY_VERIFY2_WITH_TIMEOUT(frontLog()["webhooks"].toArray().size() == 1,
                                  QJsonDocument(frontLog()["webhooks"].toArray()).toJson().constData(),
                                  10000);
        QCOMPARE(frontLog()["webhooks"].toArray()[0].toObject()["status"].toInt(), 200);
        QJsonArray payments = paymentsOf(org);
        QCOMPARE(payments.size(), 1);
        QCOMPARE(payments[0].toObject()["status"].toString(), QStringLiteral("failed"));
        QCOMPARE(payments[0].toObject()["failure_reason"].toString(), QStringLiteral("insufficient_funds"));
        QCOMPARE(subscriptionsWithStatus(org, "past_due"), 1);
        QCOMPARE(outboxEvents("payment.failed"), 1);
        // Not yet due: nothing is tried before a day has passed.
        QCOMPARE(moveClockBy(kDay / 2).status, 200);
        QCOMPARE(paymentsOf(org).size(), 1);
        // The person fixes the card; the retry a day after the failure pays.
        setCardOf(org, "pm_card_visa");
        QCOMPARE(moveClockBy(kDay / 2).status, 200);
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("paid"));
        payments = paymentsOf(org);
        QCOMPARE(payments.size(), 2);
        QCOMPARE(payments[0].toObject()["status"].toString(), QStringLiteral("succeeded"));
        QCOMPARE(subscriptionsWithStatus(org, "active"), 1);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM subscription_history WHERE account_id = %1 AND kind = "
                                 "'payment_recovered'")
                      .arg(accountOf(org))),
            1);
        bool secondKey = false;
        for (const QJsonValue& call : frontLog()["calls"].toArray())
            secondKey |= call["idempotency_key"] == QStringLiteral("invoice-%1-attempt-2").arg(invoiceId);
        QVERIFY(secondKey);
    }

    // The operator marks a dunned invoice paid (a bank transfer): the subscription is active again and
    // nothing more is tried.
    void markPaidEndsDunning()
    {
        startServer(true);
        setCardOf(org, "pm_card_chargeDeclinedInsufficientFunds");
        const qint64 invoiceId = closeFirstInvoice()["id"].toInteger();
        QCOMPARE(subscriptionsWithStatus(org, "past_due"), 1);
        QCOMPARE(f->post(f->adminToken, "/api/v1/invoices/" + id(invoiceId) + "/mark-paid",
                         {{"method", "bank_transfer"}, {"reference", "SEPA 123"}})
                     .status,
                 200);
        QCOMPARE(subscriptionsWithStatus(org, "active"), 1);
        QCOMPARE(moveClockBy(8 * kDay).status, 200);
        QCOMPARE(paymentsOf(org).size(), 1);
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("paid"));
    }

    // Every retry fails (1, 3, 5 and 7 days after the first failure): the account is told each time, then
    // the invoice is uncollectible and the subscription canceled to free (history `canceled`).
    void dunningToCancellation()
    {
        startServer(true);
        setCardOf(org, "pm_card_chargeDeclinedInsufficientFunds");
        const qint64 invoiceId = closeFirstInvoice()["id"].toInteger();
        QCOMPARE(subscriptionsWithStatus(org, "past_due"), 1);
        for (const qint64 day : {1, 3, 5}) {
            Q_UNUSED(day)
            QCOMPARE(moveClockBy(kDay * (day == 1 ? 1 : 2)).status, 200);
            QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("open"));
        }
        QCOMPARE(paymentsOf(org).size(), 4);
        QCOMPARE(subscriptionsWithStatus(org, "past_due"), 1);
        QCOMPARE(moveClockBy(2 * kDay).status, 200); // day 7: the last retry
        QCOMPARE(paymentsOf(org).size(), 5);
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("uncollectible"));
        QCOMPARE(invoice(invoiceId)["amount_due_minor"].toInteger(), 0);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM subscriptions WHERE account_id = %1 AND plan = 'free' "
                                 "AND status = 'active'")
                      .arg(accountOf(org))),
            1);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM subscription_history WHERE account_id = %1 AND kind = "
                                 "'canceled'")
                      .arg(accountOf(org))),
            1);
        QCOMPARE(outboxEvents("payment.failed"), 5);
        // Nothing more is tried.
        QCOMPARE(moveClockBy(10 * kDay).status, 200);
        QCOMPARE(paymentsOf(org).size(), 5);
    }

    // A decline that arrives only as an event (the PaymentIntent was `processing`): pending, then failed.
    void declineByEvent()
    {
        startServer(true);
        frontMode({{"async_declines", true}});
        setCardOf(org, "pm_card_chargeDeclinedInsufficientFunds");
        const qint64 invoiceId = closeFirstInvoice()["id"].toInteger();
        QJsonArray payments = paymentsOf(org);
        QCOMPARE(payments.size(), 1);
        QCOMPARE(payments[0].toObject()["status"].toString(), QStringLiteral("pending"));
        QCOMPARE(subscriptionsWithStatus(org, "active"), 1);
        // Not collected again while it is pending.
        QCOMPARE(moveClockBy(3600).status, 200);
        QCOMPARE(paymentsOf(org).size(), 1);
        QCOMPARE(HttpClient("127.0.0.1", frontPort).post("/_front/settle", {}).status, 200);
        payments = paymentsOf(org);
        QCOMPARE(payments.size(), 1);
        QCOMPARE(payments[0].toObject()["status"].toString(), QStringLiteral("failed"));
        QCOMPARE(payments[0].toObject()["failure_reason"].toString(), QStringLiteral("insufficient_funds"));
        QCOMPARE(subscriptionsWithStatus(org, "past_due"), 1);
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("open"));
    }

    // No payment method: nothing is charged, the invoice stays open, the account is told once.
    void noPaymentMethod()
    {
        startServer(true);
        const qint64 invoiceId = closeFirstInvoice()["id"].toInteger();
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("open"));
        QCOMPARE(count("SELECT COUNT(*) FROM payments"), 0);
        QCOMPARE(outboxEvents("payment.method_missing"), 1);
        QCOMPARE(moveClockBy(kDay).status, 200);
        QCOMPARE(outboxEvents("payment.method_missing"), 1);
        for (const QJsonValue& call : frontLog()["calls"].toArray())
            QVERIFY(call["path"] != QStringLiteral("/v1/payment_intents"));
        // A card saved in the portal afterwards is charged at the next daily look.
        setCardOf(org, "pm_card_visa");
        QCOMPARE(moveClockBy(kDay).status, 200);
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(outboxEvents("payment.method_missing"), 1);
    }

    // The answer is lost (Stripe charged, the server heard nothing, no webhook): nothing is booked; ten
    // minutes later the server asks again with the same Idempotency-Key and gets the same PaymentIntent:
    // one charge, booked once.
    void idempotentRetry()
    {
        startServer(true);
        setCardOf(org, "pm_card_visa");
        frontMode({{"webhooks", false}, {"lose_next_answer", true}});
        const qint64 invoiceId = closeFirstInvoice()["id"].toInteger();
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("open"));
        QCOMPARE(count("SELECT COUNT(*) FROM payments"), 0);
        QCOMPARE(moveClockBy(9 * 60).status, 200);
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("open"));
        QCOMPARE(moveClockBy(60).status, 200);
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(paymentsOf(org).size(), 1);
        int created = 0, replayed = 0, lost = 0;
        for (const QJsonValue& call : frontLog()["calls"].toArray()) {
            if (call["path"] != QStringLiteral("/v1/payment_intents"))
                continue;
            QCOMPARE(call["idempotency_key"].toString(),
                     QStringLiteral("invoice-%1-attempt-1").arg(invoiceId));
            created += call["to"] == QStringLiteral("emulate") ? 1 : 0;
            replayed += call["to"] == QStringLiteral("front-idempotency") ? 1 : 0;
            lost += call["to"] == QStringLiteral("lost") ? 1 : 0;
        }
        QCOMPARE(lost, 1);
        QCOMPARE(created, 2); // one create and its confirm: one charge
        QCOMPARE(replayed, 1);
    }

    // Refunds for credit notes (the tax slice's POST /invoices/{id}/credit-note calls this): through
    // stateful-mock's refunds, once per credit note (Idempotency-Key credit-note-<id>); more than the
    // payment is refused and nothing is stored. Driven in-process on the test's database.
    void refundsForCreditNotes()
    {
        using namespace creditdesk::server;
        startServer(true);
        setCardOf(org, "pm_card_visa");
        const QJsonObject closed = closeFirstInvoice();
        QCOMPARE(invoice(closed["id"].toInteger())["status"].toString(), QStringLiteral("paid"));
        const QJsonObject payment = paymentsOf(org)[0].toObject();
        const qint64 paymentId = payment["id"].toInteger();
        const qint64 amount = payment["amount_minor"].toInteger();
        QVERIFY(amount > 100);
        Store store(DatabaseUrl::parse(f->database.url()));
        store.open(QDateTime::currentMSecsSinceEpoch());
        const Clock clock;
        StripeSettings settings;
        settings.apiBase = QStringLiteral("http://127.0.0.1:%1").arg(frontPort);
        settings.apiKey = qgetenv("STRIPE_API_KEY");
        StripePayments stripe(store, clock, settings);
        const QString refund = stripe.refund(paymentId, 100, 77);
        QVERIFY(refund.startsWith("re_"));
        QCOMPARE(stripe.refund(paymentId, 100, 77), refund); // the same credit note: Stripe's replay
        QCOMPARE(count("SELECT COUNT(*) FROM refunds WHERE credit_note_id = 77 AND amount_minor = 100"), 1);
        QCOMPARE(paymentsOf(org)[0].toObject()["status"].toString(), QStringLiteral("succeeded"));
        try {
            stripe.refund(paymentId, amount + 1, 78);
            QFAIL("a refund above the payment was accepted");
        } catch (const ApiError& error) {
            QCOMPARE(error.code(), QStringLiteral("validation_failed"));
        }
        const QString rest = stripe.refund(paymentId, amount - 100, 79);
        QVERIFY(rest.startsWith("re_") && rest != refund);
        QCOMPARE(count("SELECT COUNT(*) FROM refunds"), 2);
        bool keyed = false;
        for (const QJsonValue& call : frontLog()["calls"].toArray())
            keyed |= call["path"] == QStringLiteral("/v1/refunds") &&
                     call["idempotency_key"] == QStringLiteral("credit-note-77") &&
                     call["status"].toInt() == 200;
        QVERIFY(keyed);
        store.stop();
    }

    // A credit note on an invoice paid by card (POST /invoices/{id}/credit-note): after the note commits
    // it is refunded at Stripe (Idempotency-Key credit-note-<note id>) and answered 'refunded'; a replay of
    // the request refunds nothing more; a second note is a second refund.
    void creditNoteRefundedThroughStripe()
    {
        startServer(true);
        setCardOf(org, "pm_card_visa");
        const QJsonObject closed = closeFirstInvoice();
        const qint64 invoiceId = closed["id"].toInteger();
        const qint64 total = closed["total_minor"].toInteger();
        QCOMPARE(invoice(invoiceId)["status"].toString(), QStringLiteral("paid"));
        QVERIFY(total > 800);
        const QByteArray path = "/api/v1/invoices/" + id(invoiceId) + "/credit-note";
        const QJsonObject body{{"amount_minor", 500}, {"reason", "Service outage on 3 March"}};
        const HttpResponse credited =
            f->server->client(f->adminToken)->post(path, body, {{"Idempotency-Key", "cn-refund-1"}});
        QVERIFY2(credited.status == 201, credited.body.constData());
        QCOMPARE(credited.json()["status"].toString(), QStringLiteral("paid"));
        const QJsonArray notes = credited.json()["credit_notes"].toArray();
        QCOMPARE(notes.size(), 1);
        const qint64 noteId = notes[0]["id"].toInteger();
        QCOMPARE(notes[0]["amount_minor"].toInteger(), 500);
        QCOMPARE(notes[0]["refund_status"].toString(), QStringLiteral("refunded"));
        QCOMPARE(invoice(invoiceId)["credit_notes"].toArray(), notes);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE credit_note_id = %1 AND "
                                      "amount_minor = 500 AND provider_id LIKE 're_%'")
                           .arg(noteId)),
                 1);
        // The refund at the peer: one, of 500, with the note's key.
        const auto refundCalls = [&] {
            QStringList keys;
            for (const QJsonValue& call : frontLog()["calls"].toArray())
                if (call["path"] == QStringLiteral("/v1/refunds") && call["method"] == QStringLiteral("POST"))
                    keys.append(call["idempotency_key"].toString() + ' ' +
                                QString::number(call["status"].toInt()));
            return keys;
        };
        QCOMPARE(refundCalls(), QStringList{QStringLiteral("credit-note-%1 200").arg(noteId)});
        // (stateful-mock lists every test's refunds: the note's are those with its metadata.)
        const auto refundsAtPeer = [&] {
            QJsonArray refunds;
            for (const QJsonValue& refund :
                 frontCall("GET", "/v1/refunds?limit=100").json()["data"].toArray())
                if (refund["metadata"]["credit_note_id"] == QString::number(noteId))
                    refunds.append(refund);
            return refunds;
        };
        const QJsonArray atPeer = refundsAtPeer();
        QCOMPARE(atPeer.size(), 1);
        QCOMPARE(atPeer[0]["amount"].toInteger(), 500);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM refunds WHERE provider_id = '%1'")
                           .arg(atPeer[0]["id"].toString())),
                 1);
        // The card payment is refunded in part: it stays succeeded.
        QCOMPARE(paymentsOf(org)[0].toObject()["status"].toString(), QStringLiteral("succeeded"));

        // A replay: the same note, answered as it is now; no second refund anywhere.
        const HttpResponse replay =
            f->server->client(f->adminToken)->post(path, body, {{"Idempotency-Key", "cn-refund-1"}});
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.json()["credit_notes"].toArray(), notes);
        QCOMPARE(count("SELECT COUNT(*) FROM credit_notes"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM refunds"), 1);
        QCOMPARE(refundCalls().size(), 1);
        QCOMPARE(refundsAtPeer(), atPeer);

        // The rest of the invoice: a second refund, and the payment is refunded in full.
        const HttpResponse rest =
            f->post(f->adminToken, path, {{"amount_minor", total - 500}, {"reason", "Goodwill"}});
        QCOMPARE(rest.status, 201);
        const QJsonObject second = rest.json()["credit_notes"].toArray()[1].toObject();
        QCOMPARE(second["refund_status"].toString(), QStringLiteral("refunded"));
        QCOMPARE(refundCalls().size(), 2);
        QCOMPARE(count(QStringLiteral("SELECT SUM(amount_minor) FROM refunds WHERE payment_id = %1")
                           .arg(paymentsOf(org)[0].toObject()["id"].toInteger())),
                 total);
        QCOMPARE(paymentsOf(org)[0].toObject()["status"].toString(), QStringLiteral("refunded"));
    }

    // A credit note on an invoice paid by bank transfer (after a declined card) stays 'pending': the
    // operator refunds it by hand; Stripe is not asked. Without Stripe the same.
    void creditNoteOnBankTransferStaysPending()
    {
        for (const bool withStripe : {true, false}) {
            startServer(withStripe);
            if (withStripe)
                setCardOf(org, "pm_card_chargeDeclinedInsufficientFunds");
            const qint64 invoiceId = closeFirstInvoice()["id"].toInteger();
            QCOMPARE(f->post(f->adminToken, "/api/v1/invoices/" + id(invoiceId) + "/mark-paid",
                             {{"method", "bank_transfer"}, {"reference", "SEPA 9"}})
                         .status,
                     200);
            const HttpResponse credited =
                f->post(f->adminToken, "/api/v1/invoices/" + id(invoiceId) + "/credit-note",
                        {{"amount_minor", 300}, {"reason", "Overcharged"}});
            QCOMPARE(credited.status, 201);
            QCOMPARE(credited.json()["credit_notes"].toArray()[0].toObject()["refund_status"].toString(),
                     QStringLiteral("pending"));
            QCOMPARE(count("SELECT COUNT(*) FROM refunds"), 0);
            for (const QJsonValue& call : frontLog()["calls"].toArray())
                QVERIFY(call["path"] != QStringLiteral("/v1/refunds"));
            cleanup();
        }
    }

    // The pre-billing notice goes out 3 days before a paid renewal, once per period.
    void preBillingNotice()
    {
        startServer(false);
        const HttpResponse patched =
            f->server->client(f->adminToken)
                ->request("PATCH", "/api/v1/organizations/" + id(org), R"({"tier":"starter"})",
                          {{"Content-Type", "application/json"}});
        QCOMPARE(patched.status, 200);
        const qint64 periodEnd =
            count(QStringLiteral("SELECT current_period_end FROM subscriptions WHERE account_id = %1")
                      .arg(accountOf(org)));
        const qint64 now =
            QDateTime::fromString(f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString(),
                                  Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        const qint64 toWindow = (periodEnd - 3 * kDay * 1000 - now) / 1000;
        QCOMPARE(moveClockBy(toWindow - 60).status, 200);
        QCOMPARE(outboxEvents("billing.upcoming"), 0);
        QCOMPARE(moveClockBy(120).status, 200);
        QCOMPARE(outboxEvents("billing.upcoming"), 1);
        QCOMPARE(moveClockBy(kDay).status, 200);
        QCOMPARE(outboxEvents("billing.upcoming"), 1);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM outbox_events WHERE type = 'billing.upcoming' AND "
                                 "account_id = %1")
                      .arg(accountOf(org))),
            1);
    }
    void meteredOverageGoesToStripe()
    {
        // Stripe metered usage (the fake in the front follows
        // https://docs.stripe.com/api/billing/meter-event/create): the Stripe-linked account's overage is
        // reported once a day as a meter event, retried after a failure, and not invoiced; an account
        // without a Stripe customer still gets its overage line.
        startServer(true, {"--stripe-meter-event", "creditdesk_overage"});
        for (const qint64 organization : {org, other}) {
            QCOMPARE(f->server->client(f->adminToken)
                         ->request("PATCH", "/api/v1/organizations/" + id(organization),
                                   R"({"tier":"starter","overage_allowed":true})",
                                   {{"Content-Type", "application/json"}})
                         .status,
                     200);
        }
        QCOMPARE(f->post(owner, "/api/v1/billing/portal",
                         {{"organization_id", org}, {"return_url", "https://app.test/billing"}})
                     .status,
                 200); // the Stripe customer
        const auto clockNow = [&] {
            return QDateTime::fromString(
                f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString(),
                Qt::ISODateWithMs);
        };
        const auto trackOverage = [&](qint64 organization, const QByteArray& token, const QString& eventId,
                                      qint64 overage) {
            const QByteArray gateway = f->createApiToken(token, organization, {"metering:write"});
            const qint64 credits = f->balance(token, organization) + overage;
            return f->server->client(gateway)
                ->post("/api/v1/metering/track",
                       {{"id", eventId},
                        {"occurred_at", clockNow().addSecs(-60).toString(Qt::ISODateWithMs)},
                        {"organization_id", organization},
                        {"kind", "compute"},
                        {"compute_ms", credits * 1200}})
                .json()["overage_credits"]
                .toInteger();
        };
        QCOMPARE(trackOverage(org, owner, "m-1", 5000), 5000);
        QCOMPARE(trackOverage(other, otherOwner, "m-2", 5000), 5000);
        // Past the next UTC midnight: yesterday's report goes out; the first send fails (500), the retry
        // a minute later is taken.
        const QDateTime now = clockNow();
        const QDateTime midnight = QDateTime(now.date().addDays(1), QTime(0, 0), Qt::UTC);
        frontMode({{"meter_failures", 1}, {"meter_now", midnight.toSecsSinceEpoch() + 60}});
        QCOMPARE(moveClockBy(now.secsTo(midnight) + 60).status, 200);
        const QByteArray reportsPath = "/api/v1/billing/usage-reports?organization_id=" + id(org);
        QJsonArray reports = f->get(finance, reportsPath).json()["data"].toArray();
        QCOMPARE(reports.size(), 1);
        const QString day = now.date().toString(Qt::ISODate);
        QCOMPARE(reports[0].toObject()["day"].toString(), day);
        QCOMPARE(reports[0].toObject()["value"].toInteger(), 5000);
        QCOMPARE(reports[0].toObject()["status"].toString(), QStringLiteral("pending"));
        QCOMPARE(reports[0].toObject()["attempts"].toInteger(), 1);
        QVERIFY2(reports[0].toObject()["last_error"].toString().startsWith("HTTP 500"),
                 qPrintable(reports[0].toObject()["last_error"].toString()));
        frontMode({{"meter_now", midnight.toSecsSinceEpoch() + 180}});
        QCOMPARE(moveClockBy(120).status, 200);
        reports = f->get(finance, reportsPath).json()["data"].toArray();
        QCOMPARE(reports[0].toObject()["status"].toString(), QStringLiteral("sent"));
        QCOMPARE(reports[0].toObject()["attempts"].toInteger(), 2);
        const QJsonArray events = frontLog()["meter_events"].toArray();
        QCOMPARE(events.size(), 1);
        const QJsonObject event = events[0].toObject();
        QCOMPARE(event["event_name"].toString(), QStringLiteral("creditdesk_overage"));
        QCOMPARE(event["identifier"].toString(), QStringLiteral("%1-%2").arg(accountOf(org)).arg(day));
        QCOMPARE(event["payload"].toObject()["value"].toString(), QStringLiteral("5000"));
        // The customer the portal created for the account (stateful-mock's ids start with cus_).
        QVERIFY(event["payload"].toObject()["stripe_customer_id"].toString().startsWith("cus_"));
        QCOMPARE(count(QStringLiteral("SELECT billed_credits FROM usage_overage WHERE account_id = %1")
                           .arg(accountOf(org))),
                 5000);
        // The other organization has no Stripe customer: no report, and no meter event for it.
        QCOMPARE(f->get(otherOwner, "/api/v1/billing/usage-reports?organization_id=" + id(other))
                     .json()["data"]
                     .toArray()
                     .size(),
                 0);
        // Another run the same day opens nothing more.
        QCOMPARE(moveClockBy(3600).status, 200);
        QCOMPARE(frontLog()["meter_events"].toArray().size(), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM usage_reports"), 1);
        // The period close: the reported overage is not invoiced; the other organization's is.
        QCOMPARE(moveClockBy(32 * kDay).status, 200);
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM charges WHERE kind = 'overage' AND account_id = %1")
                      .arg(accountOf(org))),
            0);
        QCOMPARE(count(QStringLiteral("SELECT SUM(amount_minor) FROM charges WHERE kind = 'overage' AND "
                                      "account_id = %1")
                           .arg(accountOf(other))),
                 20); // 5,000 credits at 250 a cent
        // Reading the reports is the account's: a member may not, another organization sees nothing.
        QCOMPARE(f->get(member, reportsPath).status, 403);
        QCOMPARE(f->get(otherOwner, reportsPath).status, 404);
    }
    void cardPurchaseBooksItsCreditsOnce()
    {
        // A credit pack paid by card through Stripe (the purchase route's card path with the real
        // collector): the PaymentIntent's answer and emulate's signed payment_intent.succeeded both arrive,
        // the payment is booked once and the purchase grant once; the same Idempotency-Key replays it;
        // a declining card books nothing and voids the purchase's invoice.
        startServer(true);
        setCardOf(org, "pm_card_visa");
        const qint64 before = f->balance(owner, org);
        const QJsonObject body{{"organization_id", org}, {"pack", "pack_50"}, {"payment", "card"}};
        const auto buy = [&](const QByteArray& key) {
            return f->server->client(owner)->post("/api/v1/credits/purchase", body,
                                                  {{"Idempotency-Key", key}});
        };
        const HttpResponse bought = buy("buy-1");
        QCOMPARE(bought.status, 201);
        const QJsonObject invoiceJson = bought.json()["invoice"].toObject();
        QCOMPARE(invoiceJson["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(invoiceJson["kind"].toString(), QStringLiteral("purchase"));
        QCOMPARE(invoiceJson["payment"].toObject()["method"].toString(), QStringLiteral("card"));
        QCOMPARE(f->balance(owner, org), before + 1'300'000);
        const QByteArray replay = buy("buy-1").body;
        QCOMPARE(f->balance(owner, org), before + 1'300'000);
        QCOMPARE(QJsonDocument::fromJson(replay).object()["invoice"].toObject()["id"].toInteger(),
                 invoiceJson["id"].toInteger());
        QCOMPARE(count("SELECT COUNT(*) FROM purchase_grants"), 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM payments WHERE invoice_id = %1 AND status = "
                                      "'succeeded'")
                           .arg(invoiceJson["id"].toInteger())),
                 1);
        QCOMPARE(count("SELECT COUNT(*) FROM stripe_events"), 1); // emulate's event came, and changed nothing

        // A declining card: 402 card_declined, no credits, the purchase's invoice void.
        setCardOf(org, "pm_card_chargeDeclinedInsufficientFunds");
        const HttpResponse declined = buy("buy-2");
        QCOMPARE(declined.status, 402);
        QCOMPARE(errorCode(declined), QStringLiteral("card_declined"));
        QCOMPARE(f->balance(owner, org), before + 1'300'000);
        QCOMPARE(count("SELECT COUNT(*) FROM purchase_grants"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE kind = 'purchase' AND status = 'void'"), 1);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }
};

QTEST_GUILESS_MAIN(TestPayments)
#include "tst_payments.moc"
