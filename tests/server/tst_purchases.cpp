// Credit packs, purchases and auto-recharge through the public API against a real server (SQLite and
// PostgreSQL): the catalog; a purchase by invoice (enterprise) is a net-30 purchase invoice whose grant is
// booked exactly once when a platform admin marks it paid (repeated: 409; 64 at once: one grant); without
// a payment provider a card purchase is 402 payment_method_required and nothing is issued; the same
// Idempotency-Key replays; bad input and the access matrix change nothing; auto-recharge requests exactly
// one purchase when 64 concurrent deductions cross its threshold, and three failed purchases (no payment
// provider) turn it off with an auto_recharge_failed alert, on the test clock.
#include "TestServer.h"
#include "invoices/AutoRecharge.h"
#include "invoices/Invoices.h"
#include "invoices/PaymentCollector.h"
#include "ledger/Ledger.h"
#include "store/Store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <atomic>
#include <latch>
#include <thread>

using namespace creditdesk::test;
using creditdesk::server::CollectionOutcome;

// A payment provider as invoices/PaymentCollector.h describes it: every account has a card; collectNow
// either marks the invoice paid through Invoices::markPaid (as a successful charge does) or declines.
class FakeCollector : public creditdesk::server::PaymentCollector
{
public:
    FakeCollector(creditdesk::server::Store& store, qint64 nowMs) : m_store(store), m_now(nowMs) {}
    bool decline = false;
    std::atomic<int> collected{0};

    bool hasPaymentMethod(qint64) override { return true; }
    CollectionOutcome collectNow(qint64 invoiceId) override
    {
        ++collected;
        if (decline)
            return CollectionOutcome{CollectionOutcome::Status::Failed, QStringLiteral("card_declined")};
        m_store.runSync([&](creditdesk::server::SqlConnection& db) {
            creditdesk::server::Invoices(db, m_now).markPaid(invoiceId, QStringLiteral("card"),
                                                             QStringLiteral("pi_fake"));
            return creditdesk::server::ApiResponse{};
        });
        return CollectionOutcome{CollectionOutcome::Status::Paid, {}};
    }

private:
    creditdesk::server::Store& m_store;
    qint64 m_now;
};

class TestPurchases : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    qint64 other = 0;
    QByteArray owner;
    QByteArray admin;
    QByteArray finance;
    QByteArray member;
    QByteArray otherOwner;

    HttpResponse post(const QByteArray& token, const QByteArray& path, const QJsonObject& body,
                      const QByteArray& key = {})
    {
        Headers headers;
        if (!key.isEmpty())
            headers.append({"Idempotency-Key", key});
        return f->server->client(token)->post(path, body, headers);
    }
    HttpResponse put(const QByteArray& token, const QByteArray& path, const QJsonObject& body)
    {
        return f->server->client(token)->request("PUT", path,
                                                 QJsonDocument(body).toJson(QJsonDocument::Compact),
                                                 {{"Content-Type", "application/json"}});
    }
    HttpResponse buy(const QByteArray& token, qint64 organizationId, const QString& pack,
                     const QString& payment, const QByteArray& key)
    {
        return post(token, "/api/v1/credits/purchase",
                    {{"organization_id", organizationId}, {"pack", pack}, {"payment", payment}}, key);
    }
    HttpResponse moveClockBy(qint64 seconds)
    {
        return post(f->adminToken, "/api/v1/admin/test-clock", {{"advance_seconds", seconds}});
    }
    qint64 count(const QString& sql) { return f->database.scalar(sql); }
    qint64 available(qint64 organizationId)
    {
        return f
            ->get(f->adminToken,
                  "/api/v1/credits/balance?organization_id=" + QByteArray::number(organizationId))
            .json()["available"]
            .toInteger();
    }
    void setTier(qint64 organizationId, const QByteArray& tier)
    {
        const HttpResponse response =
            f->server->client(f->adminToken)
                ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(organizationId),
                          R"({"tier":")" + tier + R"("})", {{"Content-Type", "application/json"}});
        QVERIFY2(response.status == 200, response.body.constData());
    }
    QStringList purchaseTables()
    {
        return f->database.dump({"invoices ORDER BY id", "invoice_lines ORDER BY id",
                                 "invoice_series ORDER BY series", "credit_purchases ORDER BY invoice_id",
                                 "purchase_grants ORDER BY invoice_id", "auto_recharge ORDER BY account_id",
                                 "audit_log ORDER BY seq"});
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>(QStringList{
            QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"), QStringLiteral("315360000"),
            QStringLiteral("--jobs-interval-ms"), QStringLiteral("3600000")});
        org = f->createOrganization(f->adminToken, "Acme");
        f->addMemberByOperator(org, "owner@acme.test", "owner");
        f->addMemberByOperator(org, "admin@acme.test", "admin");
        f->addMemberByOperator(org, "fin@acme.test", "finance");
        f->addMemberByOperator(org, "ana@acme.test", "member");
        other = f->createOrganization(f->adminToken, "Other");
        f->addMemberByOperator(other, "owner@other.test", "owner");
        owner = f->loginMember("owner@acme.test");
        admin = f->loginMember("admin@acme.test");
        finance = f->loginMember("fin@acme.test");
        member = f->loginMember("ana@acme.test");
        otherOwner = f->loginMember("owner@other.test");
    }
    void cleanup() { f.reset(); }

    void catalogListsThePacks()
    {
        const HttpResponse response = f->get(member, "/api/v1/credit-packs");
        QCOMPARE(response.status, 200);
        const QJsonArray packs = response.json()["data"].toArray();
        QCOMPARE(packs.size(), 4);
        QStringList shown;
        for (const QJsonValue& p : packs)
            shown.append(QStringLiteral("%1 %2 %3 %4 %5 %6")
                             .arg(p["id"].toString())
                             .arg(p["price_minor"].toInteger())
                             .arg(p["currency"].toString())
                             .arg(p["credits"].toInteger())
                             .arg(p["bonus_credits"].toInteger())
                             .arg(p["enterprise_only"].toBool() ? "true" : "false"));
        QCOMPARE(shown,
                 (QStringList{"pack_10 1000 USD 250000 0 false", "pack_50 5000 USD 1300000 50000 false",
                              "pack_200 20000 USD 5500000 500000 false",
                              "enterprise_1000 100000 USD 30000000 5000000 true"}));
        QCOMPARE(f->server->client()->get("/api/v1/credit-packs").status, 401);
    }

    void invoicePurchaseIsBookedOnceWhenPaid()
    {
        setTier(org, "enterprise");
        QCOMPARE(available(org), 0);
        const HttpResponse bought = buy(owner, org, "pack_50", "invoice", "buy-1");
        QVERIFY2(bought.status == 201, bought.body.constData());
        const QJsonObject invoice = bought.json()["invoice"].toObject();
        QCOMPARE(invoice["kind"].toString(), QStringLiteral("purchase"));
        QCOMPARE(invoice["status"].toString(), QStringLiteral("open"));
        QCOMPARE(invoice["total_minor"].toInteger(), 5000);
        QCOMPARE(invoice["amount_due_minor"].toInteger(), 5000);
        const QDateTime issued = QDateTime::fromString(invoice["issued_at"].toString(), Qt::ISODateWithMs);
        const QDateTime due = QDateTime::fromString(invoice["due_at"].toString(), Qt::ISODateWithMs);
        QCOMPARE(issued.msecsTo(due), 30LL * 86'400'000); // net 30
        const QJsonArray lines = invoice["lines"].toArray();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].toObject()["kind"].toString(), QStringLiteral("credit_pack"));
        QCOMPARE(lines[0].toObject()["amount_minor"].toInteger(), 5000);
        QCOMPARE(bought.json()["purchase"].toObject()["credits"].toInteger(), 1'300'000);
        QVERIFY(bought.json()["purchase"].toObject()["grant_transaction_id"].isNull());
        QCOMPARE(available(org), 0); // nothing before it is paid

        // Double click: the same key replays the same invoice; nothing more is issued.
        const HttpResponse replay = buy(owner, org, "pack_50", "invoice", "buy-1");
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.json()["invoice"].toObject()["id"].toInteger(), invoice["id"].toInteger());
        QCOMPARE(count("SELECT COUNT(*) FROM invoices"), 1);
        // The same key with another body is refused.
        QCOMPARE(buy(owner, org, "pack_10", "invoice", "buy-1").status, 409);

        // Customers cannot mark it paid.
        const QByteArray path = "/api/v1/invoices/" + QByteArray::number(invoice["id"].toInteger());
        for (const QByteArray& token : {owner, admin, finance, member})
            QCOMPARE(post(token, path + "/mark-paid", {{"method", "bank_transfer"}}).status, 403);
        QCOMPARE(available(org), 0);

        const HttpResponse paid = post(f->adminToken, path + "/mark-paid", {{"method", "bank_transfer"}});
        QCOMPARE(paid.status, 200);
        QCOMPARE(paid.json()["status"].toString(), QStringLiteral("paid"));
        QCOMPARE(available(org), 1'300'000);
        const QJsonArray grants =
            f->get(owner, "/api/v1/credits/balance?organization_id=" + QByteArray::number(org))
                .json()["grants"]
                .toArray();
        QCOMPARE(grants.size(), 1);
        QCOMPARE(grants[0].toObject()["kind"].toString(), QStringLiteral("purchase"));
        QCOMPARE(grants[0].toObject()["amount"].toInteger(), 1'300'000);
        QCOMPARE(grants[0].toObject()["priority"].toInteger(), 50);
        QVERIFY(grants[0].toObject()["expires_at"].isNull()); // purchased credits never expire
        QVERIFY(f->get(owner, path).json()["status"] == QStringLiteral("paid"));

        // Marked paid again: 409, still one grant.
        const QStringList before = purchaseTables();
        const HttpResponse again = post(f->adminToken, path + "/mark-paid", {{"method", "other"}});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("invalid_invoice_state"));
        QCOMPARE(purchaseTables(), before);
        QCOMPARE(available(org), 1'300'000);
        QCOMPARE(count("SELECT COUNT(*) FROM purchase_grants"), 1);

        // A second purchase the user really asked for (another key) is a second invoice.
        QCOMPARE(buy(admin, org, "enterprise_1000", "invoice", "buy-2").status, 201);
        QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE kind = 'purchase'"), 2);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void concurrentMarkPaidBooksOneGrant()
    {
        setTier(org, "enterprise");
        const HttpResponse bought = buy(owner, org, "pack_200", "invoice", "k");
        QCOMPARE(bought.status, 201);
        const QByteArray path = "/api/v1/invoices/" +
                                QByteArray::number(bought.json()["invoice"].toObject()["id"].toInteger()) +
                                "/mark-paid";
        // On PostgreSQL a second server process marks it paid too.
        std::unique_ptr<TestServer> second;
        if (f->database.isPostgres()) {
            second =
                std::make_unique<TestServer>(f->database.url(), QStringList{QStringLiteral("--test-clock")});
            QVERIFY(second->start());
        }
        std::latch start(64);
        std::atomic<int> paid{0};
        std::atomic<int> refused{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 64; ++i)
            threads.emplace_back([&, i] {
                TestServer* server = second && i % 2 ? second.get() : f->server.get();
                auto client = server->client(f->adminToken);
                start.arrive_and_wait();
                const HttpResponse r = client->post(path, {{"method", "other"}});
                if (r.status == 200)
                    ++paid;
                else if (r.status == 409 && r.errorCode() == QStringLiteral("invalid_invoice_state"))
                    ++refused;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(paid.load(), 1);
        QCOMPARE(refused.load(), 63);
        QCOMPARE(available(org), 5'500'000);
        QCOMPARE(count("SELECT COUNT(*) FROM purchase_grants"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM grants WHERE kind = 'purchase'"), 1);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void cardWithoutPaymentMethodIsRefused()
    {
        // This server has no payment provider: no account has a card to charge.
        setTier(org, "enterprise");
        const QStringList before = purchaseTables();
        for (const QString& pack : {QStringLiteral("pack_10"), QStringLiteral("enterprise_1000")}) {
            const HttpResponse r = buy(owner, org, pack, "card", "card-1");
            QCOMPARE(r.status, 402);
            QCOMPARE(r.errorCode(), QStringLiteral("payment_method_required"));
        }
        QCOMPARE(purchaseTables(), before);
        QCOMPARE(available(org), 0);
    }

    void invoiceAndBulkPacksNeedEnterprise()
    {
        setTier(org, "starter");
        const QStringList before = purchaseTables();
        HttpResponse r = buy(owner, org, "pack_10", "invoice", "a");
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("enterprise_plan_required"));
        r = buy(owner, org, "enterprise_1000", "card", "b");
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("enterprise_plan_required"));
        r = put(owner, "/api/v1/credits/auto-recharge",
                {{"organization_id", org},
                 {"enabled", true},
                 {"threshold_credits", 10},
                 {"pack", "enterprise_1000"}});
        QCOMPARE(r.status, 409);
        QCOMPARE(purchaseTables(), before);
    }

    void badInputChangesNothing()
    {
        setTier(org, "enterprise");
        const QStringList before = purchaseTables();
        HttpResponse r = buy(owner, org, "pack_10", "invoice", {});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("idempotency_key_required"));
        const auto refused = [&](const QJsonObject& body, const char* field) {
            const HttpResponse response = post(owner, "/api/v1/credits/purchase", body, "bad");
            QCOMPARE(response.status, 422);
            QCOMPARE(response.json()["error"].toObject()["details"].toObject()["field"].toString(),
                     QString::fromLatin1(field));
        };
        refused({{"organization_id", org}, {"pack", "pack_11"}, {"payment", "invoice"}}, "pack");
        refused({{"organization_id", org}, {"payment", "invoice"}}, "pack");
        refused({{"organization_id", org}, {"pack", 10}, {"payment", "invoice"}}, "pack");
        refused({{"organization_id", org}, {"pack", "pack_10"}, {"payment", "cash"}}, "payment");
        refused({{"organization_id", org}, {"pack", "pack_10"}}, "payment");
        refused({{"organization_id", org}, {"pack", "pack_10"}, {"payment", "invoice"}, {"credits", 5}},
                "credits");
        r = post(owner, "/api/v1/credits/purchase", {{"pack", "pack_10"}, {"payment", "invoice"}}, "bad");
        QVERIFY(r.status == 422 || r.status == 400);
        const auto refusedSetting = [&](const QJsonObject& body, const char* field) {
            const HttpResponse response = put(owner, "/api/v1/credits/auto-recharge", body);
            QCOMPARE(response.status, 422);
            QCOMPARE(response.json()["error"].toObject()["details"].toObject()["field"].toString(),
                     QString::fromLatin1(field));
        };
        refusedSetting(
            {{"organization_id", org}, {"enabled", "yes"}, {"threshold_credits", 5}, {"pack", "pack_10"}},
            "enabled");
        refusedSetting(
            {{"organization_id", org}, {"enabled", true}, {"threshold_credits", 0}, {"pack", "pack_10"}},
            "threshold_credits");
        refusedSetting(
            {{"organization_id", org}, {"enabled", true}, {"threshold_credits", -5}, {"pack", "pack_10"}},
            "threshold_credits");
        refusedSetting({{"organization_id", org}, {"enabled", true}, {"threshold_credits", 5}, {"pack", "x"}},
                       "pack");
        refusedSetting({{"organization_id", org}, {"enabled", true}, {"threshold_credits", 5}}, "pack");
        QCOMPARE(purchaseTables(), before);
    }

    void accessMatrix()
    {
        setTier(org, "enterprise");
        setTier(other, "enterprise");
        const QStringList before = purchaseTables();
        const QByteArray settings =
            "/api/v1/credits/auto-recharge?organization_id=" + QByteArray::number(org);
        const QJsonObject on{
            {"organization_id", org}, {"enabled", true}, {"threshold_credits", 5}, {"pack", "pack_10"}};
        for (const QByteArray& token : {finance, member}) {
            QCOMPARE(buy(token, org, "pack_10", "invoice", "m").status, 403);
            QCOMPARE(f->get(token, settings).status, 403);
            QCOMPARE(put(token, "/api/v1/credits/auto-recharge", on).status, 403);
        }
        QCOMPARE(buy(otherOwner, org, "pack_10", "invoice", "o").status, 404);
        QCOMPARE(f->get(otherOwner, settings).status, 404);
        QCOMPARE(put(otherOwner, "/api/v1/credits/auto-recharge", on).status, 404);
        QCOMPARE(purchaseTables(), before);
        // Owners and admins may; finance reads the invoice, a member does not, another organization not at
        // all.
        const HttpResponse bought = buy(admin, org, "pack_10", "invoice", "ok");
        QCOMPARE(bought.status, 201);
        const QByteArray path =
            "/api/v1/invoices/" + QByteArray::number(bought.json()["invoice"].toObject()["id"].toInteger());
        QCOMPARE(f->get(finance, path).status, 200);
        QCOMPARE(f->get(member, path).status, 403);
        QCOMPARE(f->get(otherOwner, path).status, 404);
        QCOMPARE(f->get(owner, settings).status, 200);
        QCOMPARE(put(admin, "/api/v1/credits/auto-recharge", on).status, 200);
        // Another organization's purchase does not touch this one.
        QCOMPARE(buy(otherOwner, other, "pack_10", "invoice", "ok").status, 201);
        QCOMPARE(
            count("SELECT COUNT(*) FROM credit_purchases WHERE account_id = (SELECT id FROM accounts WHERE "
                  "owner_kind = 'organization' AND owner_id = " +
                  QString::number(org) + ")"),
            1);
    }

    void personalAccount()
    {
        const qint64 ana = f->get(member, "/api/v1/me").json()["user"].toObject()["id"].toInteger();
        QVERIFY(ana > 0);
        const QStringList before = purchaseTables();
        // Paying by invoice is for enterprise accounts; there is no card to charge on this server.
        HttpResponse r = post(member, "/api/v1/credits/purchase",
                              {{"user_id", ana}, {"pack", "pack_10"}, {"payment", "invoice"}}, "p1");
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("enterprise_plan_required"));
        r = post(member, "/api/v1/credits/purchase",
                 {{"user_id", ana}, {"pack", "pack_10"}, {"payment", "card"}}, "p2");
        QCOMPARE(r.status, 402);
        QCOMPARE(r.errorCode(), QStringLiteral("payment_method_required"));
        // Nobody else buys for the user.
        for (const QByteArray& token : {owner, otherOwner})
            QCOMPARE(post(token, "/api/v1/credits/purchase",
                          {{"user_id", ana}, {"pack", "pack_10"}, {"payment", "card"}}, "p3")
                         .status,
                     404);
        QCOMPARE(purchaseTables(), before);
        const QJsonObject on{
            {"user_id", ana}, {"enabled", true}, {"threshold_credits", 100}, {"pack", "pack_10"}};
        QCOMPARE(put(owner, "/api/v1/credits/auto-recharge", on).status, 404);
        r = put(member, "/api/v1/credits/auto-recharge", on);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["enabled"].toBool(), true);
        QCOMPARE(
            f->get(member, "/api/v1/credits/auto-recharge?user_id=" + QByteArray::number(ana)).json()["pack"],
            QJsonValue("pack_10"));
    }

    void autoRechargeStartsOncePerCrossingAndTurnsOffAfterThreeFailures()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 150'000).status, 201);
        HttpResponse r = put(owner, "/api/v1/credits/auto-recharge",
                             {{"organization_id", org},
                              {"enabled", true},
                              {"threshold_credits", 100'000},
                              {"pack", "pack_10"}});
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json()["enabled"].toBool(), true);
        QCOMPARE(r.json()["failures"].toInteger(), 0);
        QCOMPARE(r.json()["pending"].toBool(), false);
        // 64 concurrent deductions of 1,000 cross 100,000 once (150,000 → 86,000); on PostgreSQL half of
        // them through a second server process.
        std::unique_ptr<TestServer> second;
        if (f->database.isPostgres()) {
            second = std::make_unique<TestServer>(f->database.url(),
                                                  QStringList{QStringLiteral("--test-clock"),
                                                              QStringLiteral("--jobs-interval-ms"),
                                                              QStringLiteral("3600000")});
            QVERIFY(second->start());
        }
        std::latch start(64);
        std::atomic<int> ok{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 64; ++i)
            threads.emplace_back([&, i] {
                TestServer* server = second && i % 2 ? second.get() : f->server.get();
                auto client = server->client(f->adminToken);
                start.arrive_and_wait();
                if (client->post("/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 1000}})
                        .status == 200)
                    ++ok;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(ok.load(), 64);
        QCOMPARE(available(org), 86'000);
        const QByteArray settings =
            "/api/v1/credits/auto-recharge?organization_id=" + QByteArray::number(org);
        QCOMPARE(f->get(owner, settings).json()["pending"].toBool(), true);
        QCOMPARE(count("SELECT COUNT(*) FROM auto_recharge WHERE pending_since IS NOT NULL"), 1);

        // The due work (a test-clock move) tries the purchase: no payment provider, so it fails without
        // issuing anything; the request is cleared and the next crossing charge requests again.
        for (int failure = 1; failure <= 3; ++failure) {
            QCOMPARE(moveClockBy(1).status, 200);
            const QJsonObject s = f->get(owner, settings).json();
            QCOMPARE(s["failures"].toInteger(), failure);
            QCOMPARE(s["pending"].toBool(), false);
            QCOMPARE(s["last_failure"].toString(), QStringLiteral("payment_method_required"));
            QCOMPARE(s["enabled"].toBool(), failure < 3);
            QCOMPARE(count("SELECT COUNT(*) FROM invoices"), 0);
            QCOMPARE(count("SELECT COUNT(*) FROM alerts WHERE kind = 'auto_recharge_failed'"),
                     failure == 3 ? 1 : 0);
            QCOMPARE(
                post(f->adminToken, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 1000}})
                    .status,
                200);
            QCOMPARE(f->get(owner, settings).json()["pending"].toBool(), failure < 3);
        }
        // Off: further charges request nothing, further moves change nothing.
        QCOMPARE(moveClockBy(1).status, 200);
        QCOMPARE(f->get(owner, settings).json()["failures"].toInteger(), 3);
        QCOMPARE(count("SELECT COUNT(*) FROM alerts WHERE kind = 'auto_recharge_failed'"), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM outbox_events WHERE type = 'alert.fired' AND payload LIKE "
                       "'%auto_recharge_failed%'"),
                 1);
        const QJsonArray alerts = f->get(owner, "/api/v1/alerts?organization_id=" + QByteArray::number(org))
                                      .json()["data"]
                                      .toArray();
        QVERIFY(!alerts.isEmpty());
        QCOMPARE(alerts[0].toObject()["kind"].toString(), QStringLiteral("auto_recharge_failed"));
        QCOMPARE(available(org), 83'000);
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }

    void turningOffCancelsARequestedPurchase()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 50'000).status, 201);
        const QJsonObject on{
            {"organization_id", org}, {"enabled", true}, {"threshold_credits", 40'000}, {"pack", "pack_10"}};
        QCOMPARE(put(owner, "/api/v1/credits/auto-recharge", on).status, 200);
        QCOMPARE(post(f->adminToken, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 20'000}})
                     .status,
                 200);
        const QByteArray settings =
            "/api/v1/credits/auto-recharge?organization_id=" + QByteArray::number(org);
        QCOMPARE(f->get(owner, settings).json()["pending"].toBool(), true);
        QJsonObject off = on;
        off["enabled"] = false;
        const HttpResponse r = put(owner, "/api/v1/credits/auto-recharge", off);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["pending"].toBool(), false);
        QCOMPARE(r.json()["enabled"].toBool(), false);
        QCOMPARE(moveClockBy(1).status, 200);
        QCOMPARE(f->get(owner, settings).json()["failures"].toInteger(), 0); // nothing was tried
        QCOMPARE(post(f->adminToken, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 1000}})
                     .status,
                 200);
        QCOMPARE(f->get(owner, settings).json()["pending"].toBool(), false); // off: charges request nothing
        // On again while below the threshold: the next charge requests one.
        QCOMPARE(put(owner, "/api/v1/credits/auto-recharge", on).status, 200);
        QCOMPARE(f->get(owner, settings).json()["pending"].toBool(), false);
        QCOMPARE(post(f->adminToken, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 1000}})
                     .status,
                 200);
        QCOMPARE(f->get(owner, settings).json()["pending"].toBool(), true);
        QCOMPARE(available(org), 28'000);
    }

    void autoRechargeThroughAPaymentCollector()
    {
        // The card path against the PaymentCollector interface (the Stripe collector is another slice):
        // the server sets it up and a charge requests the purchase; the due work then runs in this
        // process with a fake collector on the same database.
        QCOMPARE(f->allocate(f->adminToken, org, 150'000).status, 201);
        QCOMPARE(put(owner, "/api/v1/credits/auto-recharge",
                     {{"organization_id", org},
                      {"enabled", true},
                      {"threshold_credits", 100'000},
                      {"pack", "pack_10"}})
                     .status,
                 200);
        QCOMPARE(post(f->adminToken, "/api/v1/credits/deduct", {{"organization_id", org}, {"amount", 60'000}})
                     .status,
                 200);
        const qint64 now =
            QDateTime::fromString(f->get(f->adminToken, "/api/v1/admin/test-clock").json()["now"].toString(),
                                  Qt::ISODateWithMs)
                .toMSecsSinceEpoch() +
            1000;
        f->server->stop();
        const qint64 account =
            count(QStringLiteral("SELECT id FROM accounts WHERE owner_kind = 'organization' AND "
                                 "owner_id = %1")
                      .arg(org));
        QCOMPARE(count("SELECT COUNT(*) FROM auto_recharge WHERE pending_since IS NOT NULL"), 1);
        {
            creditdesk::server::Store store(creditdesk::server::DatabaseUrl::parse(f->database.url()));
            store.open(now);
            FakeCollector collector(store, now);
            // Paid: one invoice, one grant, the request cleared.
            QCOMPARE(creditdesk::server::AutoRecharge::runDue(store, &collector, now), 1);
            QCOMPARE(creditdesk::server::AutoRecharge::runDue(store, &collector, now), 0);
            QCOMPARE(collector.collected.load(), 1);
            QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE kind = 'purchase' AND status = 'paid'"), 1);
            QCOMPARE(count("SELECT COUNT(*) FROM purchase_grants"), 1);
            QCOMPARE(count(QStringLiteral("SELECT balance FROM accounts WHERE id = %1").arg(account)),
                     340'000);
            QCOMPARE(
                count("SELECT COUNT(*) FROM auto_recharge WHERE pending_since IS NULL AND invoice_id IS NULL "
                      "AND failures = 0"),
                1);
            // The next crossing, declined: the invoice is voided, nothing booked, one failure counted.
            store.runSync([&](creditdesk::server::SqlConnection& db) {
                creditdesk::server::Ledger(db, now).deduct(account, 250'000, {}, std::nullopt, std::nullopt);
                return creditdesk::server::ApiResponse{};
            });
            QCOMPARE(count("SELECT COUNT(*) FROM auto_recharge WHERE pending_since IS NOT NULL"), 1);
            collector.decline = true;
            QCOMPARE(creditdesk::server::AutoRecharge::runDue(store, &collector, now), 1);
            QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE kind = 'purchase' AND status = 'void'"), 1);
            QCOMPARE(count("SELECT COUNT(*) FROM purchase_grants"), 1);
            QCOMPARE(count(QStringLiteral("SELECT balance FROM accounts WHERE id = %1").arg(account)),
                     90'000);
            QCOMPARE(count("SELECT failures FROM auto_recharge"), 1);
            QCOMPARE(
                count(
                    "SELECT COUNT(*) FROM auto_recharge WHERE pending_since IS NULL AND invoice_id IS NULL"),
                1);
            bool started = false;
            // Interrupted between issuing and charging (as if the process stopped): left alone for an hour,
            // then given up — the invoice voided, a failure counted, the account free to recharge again.
            store.runSync([&](creditdesk::server::SqlConnection& db) {
                creditdesk::server::Ledger(db, now).deduct(account, 1000, {}, std::nullopt, std::nullopt);
                started = creditdesk::server::AutoRecharge(db, now).start(account).has_value();
                return creditdesk::server::ApiResponse{};
            });
            QVERIFY(started);
            QCOMPARE(creditdesk::server::AutoRecharge::runDue(store, &collector, now + 1000), 0);
            QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE kind = 'purchase' AND status = 'open'"), 1);
            const qint64 later = now + creditdesk::server::AutoRecharge::kStalledAfterMs;
            QCOMPARE(creditdesk::server::AutoRecharge::runDue(store, &collector, later), 0);
            QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE kind = 'purchase' AND status = 'open'"), 0);
            QCOMPARE(count("SELECT COUNT(*) FROM invoices WHERE kind = 'purchase' AND status = 'void'"), 2);
            QCOMPARE(count("SELECT failures FROM auto_recharge"), 2);
            QCOMPARE(
                count("SELECT COUNT(*) FROM auto_recharge WHERE pending_since IS NULL AND last_failure = "
                      "'interrupted'"),
                1);
            QCOMPARE(collector.collected.load(), 2);
            store.stop();
        }
        CREDITDESK_VERIFY_LEDGER(f->database.url());
    }
};

QTEST_GUILESS_MAIN(TestPurchases)
#include "tst_purchases.moc"
