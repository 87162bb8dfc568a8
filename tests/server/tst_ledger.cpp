// The credit ledger through the public API: allocation, draw-down order, deduction, refunds, holds,
// expiry and idempotency, with exact balances and `verify` after each scenario.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace creditdesk::test;

class TestLedger : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    qint64 org = 0;
    QByteArray owner;

    HttpResponse deduct(qint64 amount, const QByteArray& key = {})
    {
        Headers headers;
        if (!key.isEmpty())
            headers.append({"Idempotency-Key", key});
        return f->server->client(owner)->post(
            "/api/v1/credits/deduct",
            QJsonObject{{QStringLiteral("organization_id"), org}, {QStringLiteral("amount"), amount}},
            headers);
    }
    HttpResponse post(const QByteArray& target, const QJsonObject& body, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? owner : token)->post(target, body);
    }
    HttpResponse get(const QByteArray& target, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? owner : token)->get(target);
    }
    QJsonObject balanceOf()
    {
        return get("/api/v1/credits/balance?organization_id=" + QByteArray::number(org)).json();
    }
    static qint64 transactionIdOf(const HttpResponse& response)
    {
        return response.json().value("transaction").toObject().value("id").toInteger();
    }
    HttpResponse refund(qint64 transactionId, std::optional<qint64> amount)
    {
        QJsonObject body{{"transaction_id", transactionId}, {"reason", "customer complaint"}};
        if (amount)
            body.insert("amount", *amount);
        return post("/api/v1/credits/refund", body, f->adminToken); // refunds are a platform admin's
    }
    HttpResponse reserve(qint64 amount, qint64 ttlSeconds = 300)
    {
        return post("/api/v1/credits/reserve",
                    {{"organization_id", org}, {"amount", amount}, {"ttl_seconds", ttlSeconds}});
    }
    static QByteArray holdPath(const HttpResponse& reserved)
    {
        return "/api/v1/credits/reservations/" +
               QByteArray::number(reserved.json().value("reservation").toObject().value("id").toInteger());
    }
    HttpResponse transactions(const QByteArray& query)
    {
        return get("/api/v1/credits/transactions?organization_id=" + QByteArray::number(org) + query);
    }
    static QList<qint64> seqsOf(const HttpResponse& response)
    {
        QList<qint64> seqs;
        for (const QJsonValue& row : response.json().value("data").toArray())
            seqs.append(row.toObject().value("seq").toInteger());
        return seqs;
    }
    void verifyLedger() { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<Fixture>();
        org = f->createOrganization(f->adminToken, QStringLiteral("Acme"));
        f->addMember(f->adminToken, org, QStringLiteral("owner@acme.test"), QStringLiteral("owner"));
        owner = f->login(QStringLiteral("owner@acme.test"),
                         Fixture::passwordFor(QStringLiteral("owner@acme.test")));
    }
    void cleanup() { f.reset(); }

    void deductDrawsDownInPriorityThenExpiryOrder()
    {
        auto client = f->server->client(owner);
        auto admin = f->server->client(f->adminToken);
        const QString soon = QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate);
        const QString later = QDateTime::currentDateTimeUtc().addDays(10).toString(Qt::ISODate);
        QCOMPARE(admin
                     ->post("/api/v1/credits/allocate",
                            {{"organization_id", org}, {"amount", 100}, {"kind", "purchase"}})
                     .status,
                 201);
        QCOMPARE(
            admin
                ->post("/api/v1/credits/allocate",
                       {{"organization_id", org}, {"amount", 50}, {"kind", "bonus"}, {"expires_at", later}})
                .status,
            201);
        QCOMPARE(
            admin
                ->post("/api/v1/credits/allocate",
                       {{"organization_id", org}, {"amount", 30}, {"kind", "bonus"}, {"expires_at", soon}})
                .status,
            201);
        const HttpResponse response = deduct(60);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value("balance").toInteger(), 120);
        const QJsonArray grants =
            client->get("/api/v1/credits/balance?organization_id=" + QByteArray::number(org))
                .json()
                .value("grants")
                .toArray();
        QCOMPARE(grants.size(), 2); // the bonus expiring soon is used up, then 30 of the later one
        QCOMPARE(grants[0].toObject().value("remaining").toInteger(), 20);
        QCOMPARE(grants[0].toObject().value("kind").toString(), QStringLiteral("bonus"));
        QCOMPARE(grants[1].toObject().value("remaining").toInteger(), 100);
        verifyLedger();
    }

    void insufficientCreditsChangesNothing()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201);
        const QStringList before = f->database.dump();
        const HttpResponse response = deduct(101);
        QCOMPARE(response.status, 402);
        QCOMPARE(response.errorCode(), QStringLiteral("insufficient_credits"));
        QCOMPARE(f->database.dump(), before);
    }

    void idempotentReplayAndConflict()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201);
        const HttpResponse first = deduct(10, "key-1");
        QCOMPARE(first.status, 200);
        const HttpResponse replay = deduct(10, "key-1");
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.body, first.body);
        const HttpResponse other = deduct(11, "key-1");
        QCOMPARE(other.status, 409);
        QCOMPARE(other.errorCode(), QStringLiteral("idempotency_key_reused"));
        QCOMPARE(f->balance(owner, org), 90);
        verifyLedger();
    }

    void refundsPartialFullAndRefused()
    {
        const HttpResponse funded = f->allocate(f->adminToken, org, 100);
        QCOMPARE(funded.status, 201);
        const qint64 allocation = transactionIdOf(funded);
        const HttpResponse spent = deduct(40);
        QCOMPARE(spent.status, 200);
        const qint64 deduction = transactionIdOf(spent);

        const HttpResponse partial = refund(deduction, 10);
        QCOMPARE(partial.status, 201);
        QCOMPARE(partial.json().value("balance").toInteger(), 70);
        const QJsonObject booked = partial.json().value("transaction").toObject();
        QCOMPARE(booked.value("kind").toString(), QStringLiteral("refund"));
        QCOMPARE(booked.value("amount").toInteger(), 10);
        QCOMPARE(booked.value("balance_after").toInteger(), 70);
        QCOMPARE(booked.value("related_transaction_id").toInteger(), deduction);
        QCOMPARE(booked.value("note").toString(), QStringLiteral("customer complaint"));

        QStringList before = f->database.dump();
        const HttpResponse tooMuch = refund(deduction, 31);
        QCOMPARE(tooMuch.status, 422);
        QCOMPARE(tooMuch.errorCode(), QStringLiteral("refund_exceeds_deduction"));
        QCOMPARE(tooMuch.json()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("refundable")
                     .toInteger(),
                 30);
        const HttpResponse ofAllocation = refund(allocation, std::nullopt);
        QCOMPARE(ofAllocation.status, 422);
        QCOMPARE(ofAllocation.errorCode(), QStringLiteral("not_refundable"));
        const HttpResponse ofRefund = refund(transactionIdOf(partial), std::nullopt);
        QCOMPARE(ofRefund.status, 422);
        QCOMPARE(ofRefund.errorCode(), QStringLiteral("not_refundable"));
        QCOMPARE(refund(999999, std::nullopt).status, 404);
        QCOMPARE(f->database.dump(), before);

        // Without an amount the rest is refunded.
        const HttpResponse rest = refund(deduction, std::nullopt);
        QCOMPARE(rest.status, 201);
        QCOMPARE(rest.json().value("transaction").toObject().value("amount").toInteger(), 30);
        QCOMPARE(rest.json().value("balance").toInteger(), 100);
        QCOMPARE(f->balance(owner, org), 100);

        before = f->database.dump();
        const HttpResponse again = refund(deduction, std::nullopt);
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), QStringLiteral("already_refunded"));
        QCOMPARE(refund(deduction, 1).errorCode(), QStringLiteral("already_refunded"));
        QCOMPARE(f->database.dump(), before);

        // A refund is a grant of kind 'refund', drawn before purchases (priority 40 before 50).
        const QJsonArray grants = balanceOf().value("grants").toArray();
        QCOMPARE(grants.size(), 3);
        QCOMPARE(grants[0].toObject().value("kind").toString(), QStringLiteral("refund"));
        QCOMPARE(grants[0].toObject().value("remaining").toInteger(), 10);
        QCOMPARE(grants[1].toObject().value("kind").toString(), QStringLiteral("refund"));
        QCOMPARE(grants[1].toObject().value("remaining").toInteger(), 30);
        QCOMPARE(grants[2].toObject().value("kind").toString(), QStringLiteral("purchase"));
        QCOMPARE(grants[2].toObject().value("remaining").toInteger(), 60);
        verifyLedger();
    }

    void reserveSettleAndRelease()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201);
        const HttpResponse first = reserve(30);
        QCOMPARE(first.status, 201);
        QCOMPARE(first.json().value("balance").toInteger(), 100);
        QCOMPARE(first.json().value("reserved").toInteger(), 30);
        QCOMPARE(first.json().value("available").toInteger(), 70);
        QCOMPARE(first.json().value("reservation").toObject().value("status").toString(),
                 QStringLiteral("held"));
        QCOMPARE(first.json().value("reservation").toObject().value("amount").toInteger(), 30);
        // The hold counts against what may be spent without one.
        QStringList before = f->database.dump();
        QCOMPARE(deduct(71).status, 402);
        QCOMPARE(f->database.dump(), before);

        // Settling less than held releases the rest.
        const HttpResponse settled = post(holdPath(first) + "/settle", {{"amount", 20}});
        QCOMPARE(settled.status, 200);
        QCOMPARE(settled.json().value("balance").toInteger(), 80);
        QCOMPARE(settled.json().value("reserved").toInteger(), 0);
        QCOMPARE(settled.json().value("available").toInteger(), 80);
        QCOMPARE(settled.json().value("transaction").toObject().value("amount").toInteger(), -20);
        QCOMPARE(settled.json().value("transaction").toObject().value("kind").toString(),
                 QStringLiteral("deduction"));
        const QJsonObject settledHold = get(holdPath(first)).json();
        QCOMPARE(settledHold.value("status").toString(), QStringLiteral("settled"));
        QCOMPARE(settledHold.value("settled_amount").toInteger(), 20);
        QCOMPARE(settledHold.value("transaction_id").toInteger(), transactionIdOf(settled));

        // Settling more than held succeeds when the rest of the balance covers it...
        const HttpResponse second = reserve(30);
        QCOMPARE(second.json().value("available").toInteger(), 50);
        const HttpResponse over = post(holdPath(second) + "/settle", {{"amount", 50}});
        QCOMPARE(over.status, 200);
        QCOMPARE(over.json().value("balance").toInteger(), 30);
        QCOMPARE(over.json().value("reserved").toInteger(), 0);

        // ...and fails with 402, leaving the hold in place, when it does not.
        const HttpResponse third = reserve(20);
        QCOMPARE(third.status, 201);
        QCOMPARE(third.json().value("available").toInteger(), 10);
        before = f->database.dump();
        const HttpResponse shortfall = post(holdPath(third) + "/settle", {{"amount", 31}});
        QCOMPARE(shortfall.status, 402);
        QCOMPARE(shortfall.errorCode(), QStringLiteral("insufficient_credits"));
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(get(holdPath(third)).json().value("status").toString(), QStringLiteral("held"));
        const HttpResponse exact = post(holdPath(third) + "/settle", {{"amount", 30}});
        QCOMPARE(exact.status, 200);
        QCOMPARE(exact.json().value("balance").toInteger(), 0);

        // Release gives the whole hold back; a closed hold is neither settled nor released again.
        QCOMPARE(f->allocate(f->adminToken, org, 50).status, 201);
        const HttpResponse fourth = reserve(50);
        QCOMPARE(fourth.json().value("available").toInteger(), 0);
        const HttpResponse released = post(holdPath(fourth) + "/release", {});
        QCOMPARE(released.status, 200);
        QCOMPARE(released.json().value("reservation").toObject().value("status").toString(),
                 QStringLiteral("released"));
        QCOMPARE(released.json().value("reserved").toInteger(), 0);
        QCOMPARE(released.json().value("available").toInteger(), 50);
        before = f->database.dump();
        HttpResponse closed = post(holdPath(fourth) + "/settle", {{"amount", 10}});
        QCOMPARE(closed.status, 409);
        QCOMPARE(closed.errorCode(), QStringLiteral("reservation_closed"));
        closed = post(holdPath(fourth) + "/release", {});
        QCOMPARE(closed.status, 409);
        QCOMPARE(closed.errorCode(), QStringLiteral("reservation_closed"));
        QCOMPARE(post(holdPath(first) + "/settle", {{"amount", 1}}).errorCode(),
                 QStringLiteral("reservation_closed"));
        QCOMPARE(post("/api/v1/credits/reservations/999999/settle", {{"amount", 1}}).status, 404);
        QCOMPARE(f->database.dump(), before);

        // Settling at zero is a release.
        const HttpResponse fifth = reserve(10);
        const HttpResponse zero = post(holdPath(fifth) + "/settle", {{"amount", 0}});
        QCOMPARE(zero.status, 200);
        QCOMPARE(zero.json().value("reservation").toObject().value("status").toString(),
                 QStringLiteral("released"));
        QVERIFY(zero.json().value("transaction").isNull());
        QCOMPARE(f->balance(owner, org), 50);
        verifyLedger();
    }

    void reserveBeyondAvailableChangesNothing()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201);
        QCOMPARE(reserve(60).status, 201);
        const QStringList before = f->database.dump();
        const HttpResponse refused = reserve(41);
        QCOMPARE(refused.status, 402);
        QCOMPARE(refused.errorCode(), QStringLiteral("insufficient_credits"));
        const QJsonObject details = refused.json().value("error").toObject().value("details").toObject();
        QCOMPARE(details.value("requested").toInteger(), 41);
        QCOMPARE(details.value("available").toInteger(), 40);
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(reserve(40).status, 201);
        QCOMPARE(balanceOf().value("available").toInteger(), 0);
        verifyLedger();
    }

    void holdsExpire()
    {
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201);
        const HttpResponse held = reserve(40, 1);
        QCOMPARE(held.status, 201);
        const QJsonObject hold = held.json().value("reservation").toObject();
        const QDateTime created =
            QDateTime::fromString(hold.value("created_at").toString(), Qt::ISODateWithMs);
        const QDateTime expires =
            QDateTime::fromString(hold.value("expires_at").toString(), Qt::ISODateWithMs);
        QCOMPARE(created.msecsTo(expires), 1000);
        QCOMPARE(balanceOf().value("reserved").toInteger(), 40);
        QCOMPARE(deduct(61).status, 402);

        // The jobs run every 200 ms in tests: the hold is 'expired' soon after its second is up.
        QTRY_COMPARE_WITH_TIMEOUT(get(holdPath(held)).json().value("status").toString(),
                                  QStringLiteral("expired"), 3000);
        QVERIFY(QDateTime::currentDateTimeUtc() >= expires);
        const QJsonObject after = balanceOf();
        QCOMPARE(after.value("balance").toInteger(), 100);
        QCOMPARE(after.value("reserved").toInteger(), 0);
        QCOMPARE(after.value("available").toInteger(), 100);
        const QStringList before = f->database.dump();
        const HttpResponse late = post(holdPath(held) + "/settle", {{"amount", 10}});
        QCOMPARE(late.status, 409);
        QCOMPARE(late.errorCode(), QStringLiteral("reservation_closed"));
        QCOMPARE(f->database.dump(), before);
        QCOMPARE(deduct(100).status, 200);
        verifyLedger();
    }

    void grantsExpireWithAnExpiryTransaction()
    {
        const QString expiresAt = QDateTime::currentDateTimeUtc().addMSecs(1500).toString(Qt::ISODateWithMs);
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201);
        const HttpResponse bonus =
            post("/api/v1/credits/allocate",
                 {{"organization_id", org}, {"amount", 50}, {"kind", "bonus"}, {"expires_at", expiresAt}},
                 f->adminToken);
        QCOMPARE(bonus.status, 201);
        const qint64 bonusGrant = bonus.json().value("transaction").toObject().value("grant_id").toInteger();
        // The bonus is spent first, so 30 of it are left to expire.
        QCOMPARE(deduct(20).json().value("balance").toInteger(), 130);
        QCOMPARE(balanceOf().value("balance").toInteger(), 130);

        QTRY_COMPARE_WITH_TIMEOUT(seqsOf(transactions("&kind=expiry")).size(), 1, 4000);
        const QJsonObject expiry = transactions("&kind=expiry").json().value("data").toArray()[0].toObject();
        QCOMPARE(expiry.value("amount").toInteger(), -30);
        QCOMPARE(expiry.value("balance_after").toInteger(), 100);
        QCOMPARE(expiry.value("grant_kind").toString(), QStringLiteral("bonus"));
        QCOMPARE(expiry.value("grant_id").toInteger(), bonusGrant);
        QCOMPARE(expiry.value("seq").toInteger(), 4);
        QVERIFY(QDateTime::fromString(expiry.value("created_at").toString(), Qt::ISODateWithMs) >=
                QDateTime::fromString(expiresAt, Qt::ISODateWithMs));
        const QJsonObject after = balanceOf();
        QCOMPARE(after.value("balance").toInteger(), 100);
        QCOMPARE(after.value("grants").toArray().size(), 1);
        QCOMPARE(after.value("grants").toArray()[0].toObject().value("kind").toString(),
                 QStringLiteral("purchase"));
        // Booked once: later draws do not book it again.
        QCOMPARE(deduct(100).json().value("balance").toInteger(), 0);
        QCOMPARE(seqsOf(transactions("&kind=expiry")).size(), 1);
        QCOMPARE(seqsOf(transactions({})), (QList<qint64>{5, 4, 3, 2, 1}));
        const QStringList before = f->database.dump();
        const HttpResponse past = post(
            "/api/v1/credits/allocate",
            {{"organization_id", org}, {"amount", 5}, {"expires_at", "2020-01-01T00:00:00Z"}}, f->adminToken);
        QCOMPARE(past.status, 422);
        QCOMPARE(f->database.dump(), before);
        verifyLedger();
    }

    void transactionsPaginateAndFilter()
    {
        const qint64 member =
            f->addMember(owner, org, QStringLiteral("mia@acme.test"), QStringLiteral("member"));
        const auto spendFor = [&](qint64 amount, std::optional<qint64> memberId) {
            QJsonObject body{{"organization_id", org}, {"amount", amount}};
            if (memberId)
                body.insert("member_id", *memberId);
            return post("/api/v1/credits/deduct", body).status;
        };
        QCOMPARE(f->allocate(f->adminToken, org, 100).status, 201); // seq 1
        QCOMPARE(spendFor(1, member), 200);                         // seq 2
        QCOMPARE(spendFor(2, std::nullopt), 200);                   // seq 3
        QCOMPARE(spendFor(3, member), 200);                         // seq 4
        QCOMPARE(spendFor(4, std::nullopt), 200);                   // seq 5
        QCOMPARE(post("/api/v1/credits/allocate",
                      {{"organization_id", org}, {"amount", 10}, {"kind", "bonus"}}, f->adminToken)
                     .status,
                 201); // seq 6

        // Newest first, page by page.
        HttpResponse page = transactions("&limit=2");
        QCOMPARE(page.status, 200);
        QCOMPARE(seqsOf(page), (QList<qint64>{6, 5}));
        QCOMPARE(page.json().value("next_cursor").toString(), QStringLiteral("5"));
        QCOMPARE(page.json().value("data").toArray()[1].toObject().value("balance_after").toInteger(), 90);
        page = transactions("&limit=2&cursor=5");
        QCOMPARE(seqsOf(page), (QList<qint64>{4, 3}));
        QCOMPARE(page.json().value("next_cursor").toString(), QStringLiteral("3"));
        page = transactions("&limit=2&cursor=3");
        QCOMPARE(seqsOf(page), (QList<qint64>{2, 1}));
        QVERIFY(page.json().value("next_cursor").isNull());
        QCOMPARE(seqsOf(transactions({})), (QList<qint64>{6, 5, 4, 3, 2, 1}));

        // Incremental sync runs forward from a sequence number.
        page = transactions("&since=0&limit=4");
        QCOMPARE(seqsOf(page), (QList<qint64>{1, 2, 3, 4}));
        QCOMPARE(page.json().value("next_cursor").toString(), QStringLiteral("4"));
        page = transactions("&since=4&limit=4");
        QCOMPARE(seqsOf(page), (QList<qint64>{5, 6}));
        QVERIFY(page.json().value("next_cursor").isNull());
        QCOMPARE(seqsOf(transactions("&since=6")), QList<qint64>{});
        QCOMPARE(spendFor(5, member), 200); // seq 7: the next sync picks up just the new row
        QCOMPARE(seqsOf(transactions("&since=6")), QList<qint64>{7});

        // Filters.
        QCOMPARE(seqsOf(transactions("&kind=deduction")), (QList<qint64>{7, 5, 4, 3, 2}));
        QCOMPARE(seqsOf(transactions("&kind=allocation")), (QList<qint64>{6, 1}));
        QCOMPARE(seqsOf(transactions("&member_id=" + QByteArray::number(member))), (QList<qint64>{7, 4, 2}));
        QCOMPARE(seqsOf(transactions("&member_id=" + QByteArray::number(member) + "&limit=2")),
                 (QList<qint64>{7, 4}));
        QCOMPARE(seqsOf(transactions("&member_id=" + QByteArray::number(member) + "&since=2&kind=deduction")),
                 (QList<qint64>{4, 7}));
        for (const QByteArray& bad :
             {QByteArray("&kind=bogus"), QByteArray("&limit=0"), QByteArray("&limit=1001"),
              QByteArray("&cursor=abc"), QByteArray("&since=-1")}) {
            const HttpResponse refused = transactions(bad);
            QVERIFY2(refused.status == 422, bad.constData());
            QCOMPARE(refused.errorCode(), QStringLiteral("validation_failed"));
        }
    }

    void publicOrganizationBillsTheMembersPersonalAccount()
    {
        const qint64 pub =
            f->createOrganization(f->adminToken, QStringLiteral("Acme Community"), QStringLiteral("public"));
        f->addMember(f->adminToken, pub, QStringLiteral("host@acme.test"), QStringLiteral("owner"));
        const qint64 member =
            f->addMember(f->adminToken, pub, QStringLiteral("pat@acme.test"), QStringLiteral("member"));
        const QByteArray host = f->login(QStringLiteral("host@acme.test"),
                                         Fixture::passwordFor(QStringLiteral("host@acme.test")));
        const QByteArray pat =
            f->login(QStringLiteral("pat@acme.test"), Fixture::passwordFor(QStringLiteral("pat@acme.test")));
        const qint64 patAccount = get("/api/v1/me", pat).json().value("personal_account_id").toInteger();
        const QByteArray patBalance = "/api/v1/credits/balance?user_id=" + QByteArray::number(member);
        const QByteArray poolBalance = "/api/v1/credits/balance?organization_id=" + QByteArray::number(pub);

        // The organization's owner cannot fund a member's personal account (nor the pool): only the
        // operator's staff create credits.
        const QJsonObject grant{
            {"organization_id", pub}, {"member_id", member}, {"amount", 100}, {"kind", "bonus"}};
        const QStringList unfunded = f->database.dump();
        const HttpResponse minted = post("/api/v1/credits/allocate", grant, host);
        QCOMPARE(minted.status, 403);
        QCOMPARE(minted.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(f->database.dump(), unfunded);
        const HttpResponse funded = post("/api/v1/credits/allocate", grant, f->adminToken);
        QCOMPARE(funded.status, 201);
        QCOMPARE(funded.json().value("transaction").toObject().value("account_id").toInteger(), patAccount);
        const HttpResponse spent =
            post("/api/v1/credits/deduct", {{"organization_id", pub}, {"member_id", member}, {"amount", 30}},
                 host);
        QCOMPARE(spent.status, 200);
        QCOMPARE(spent.json().value("balance").toInteger(), 70);
        const QJsonObject booked = spent.json().value("transaction").toObject();
        QCOMPARE(booked.value("account_id").toInteger(), patAccount);
        QCOMPARE(booked.value("organization_id").toInteger(), pub);
        QCOMPARE(booked.value("member_id").toInteger(), member);
        QCOMPARE(get(patBalance, pat).json().value("balance").toInteger(), 70);
        QCOMPARE(get(poolBalance, host).json().value("balance").toInteger(), 0);
        QCOMPARE(get("/api/v1/credits/transactions?user_id=" + QByteArray::number(member), pat)
                     .json()
                     .value("data")
                     .toArray()
                     .size(),
                 2);

        // The pool is empty, and the member's own account limits what is charged to them.
        const QStringList before = f->database.dump();
        QCOMPARE(post("/api/v1/credits/deduct", {{"organization_id", pub}, {"amount", 1}}, host).status, 402);
        const HttpResponse tooMuch =
            post("/api/v1/credits/deduct", {{"organization_id", pub}, {"member_id", member}, {"amount", 71}},
                 host);
        QCOMPARE(tooMuch.status, 402);
        QCOMPARE(tooMuch.json()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("available")
                     .toInteger(),
                 70);
        QCOMPARE(f->database.dump(), before);

        // Refunds create credits too: the organization's admins may not refund what they charged,
        // the operator's staff may.
        const QJsonObject undo{{"transaction_id", booked.value("id")}, {"reason", "oops"}};
        const QStringList charged = f->database.dump();
        const HttpResponse selfRefund = post("/api/v1/credits/refund", undo, host);
        QCOMPARE(selfRefund.status, 403);
        QCOMPARE(selfRefund.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(f->database.dump(), charged);
        const HttpResponse refunded = post("/api/v1/credits/refund", undo, f->adminToken);
        QCOMPARE(refunded.status, 201);
        QCOMPARE(refunded.json().value("balance").toInteger(), 100);
        QCOMPARE(get(patBalance, pat).json().value("balance").toInteger(), 100);
        verifyLedger();
    }

    void teamAllocationRecordsMemberAndDepartment()
    {
        const qint64 research = f->createDepartment(owner, org, QStringLiteral("Research"));
        const qint64 member =
            f->addMember(owner, org, QStringLiteral("rita@acme.test"), QStringLiteral("member"), research);
        const qint64 other = f->createOrganization(f->adminToken, QStringLiteral("Other"));
        const qint64 outsider =
            f->addMember(f->adminToken, other, QStringLiteral("otto@other.test"), QStringLiteral("member"));
        const HttpResponse allocated =
            post("/api/v1/credits/allocate",
                 {{"organization_id", org}, {"member_id", member}, {"amount", 50}, {"kind", "purchase"}},
                 f->adminToken);
        QCOMPARE(allocated.status, 201);
        const QJsonObject booked = allocated.json().value("transaction").toObject();
        QCOMPARE(booked.value("member_id").toInteger(), member);
        QCOMPARE(booked.value("department_id").toInteger(), research);
        QCOMPARE(booked.value("organization_id").toInteger(), org);
        QCOMPARE(
            booked.value("account_id").toInteger(),
            get("/api/v1/organizations/" + QByteArray::number(org)).json().value("account_id").toInteger());
        QCOMPARE(f->balance(owner, org), 50); // the pool, not the member's own account
        const QByteArray rita = f->login(QStringLiteral("rita@acme.test"),
                                         Fixture::passwordFor(QStringLiteral("rita@acme.test")));
        QCOMPARE(get("/api/v1/credits/balance?user_id=" + QByteArray::number(member), rita)
                     .json()
                     .value("balance")
                     .toInteger(),
                 0);
        QCOMPARE(seqsOf(get("/api/v1/credits/transactions?organization_id=" + QByteArray::number(org), rita)),
                 QList<qint64>{1});

        const QStringList before = f->database.dump();
        const HttpResponse refused =
            post("/api/v1/credits/allocate",
                 {{"organization_id", org}, {"member_id", outsider}, {"amount", 50}}, f->adminToken);
        QCOMPARE(refused.status, 422);
        QCOMPARE(
            refused.json().value("error").toObject().value("details").toObject().value("field").toString(),
            QStringLiteral("member_id"));
        QCOMPARE(f->database.dump(), before);
        verifyLedger();
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
