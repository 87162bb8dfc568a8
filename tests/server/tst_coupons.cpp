// Coupons and verified institutions through the public API, on a server with a test clock: every coupon
// kind's effect with exact balances and charge lines at the following renewals, expiry, every refusal,
// two races (100 accounts on a coupon of 10; one account 20 times at once), the verified discount against
// a coupon (only the larger), bad input (422 naming the field, nothing changed), access, seed-demo, and
// `verify` after each scenario.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <thread>

using namespace creditdesk::test;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QByteArray id(qint64 value)
{
    return QByteArray::number(value);
}

QByteArray orgQuery(qint64 org)
{
    return "organization_id=" + id(org);
}

} // namespace

class TestCoupons : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;
    int orgCounter = 0;

    // ---- requests ----------------------------------------------------------------------------------

    HttpResponse get(const QByteArray& target, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? f->adminToken : token)->get(target);
    }
    HttpResponse post(const QByteArray& target, const QJsonObject& body, const QByteArray& token = {},
                      const Headers& headers = {})
    {
        return f->server->client(token.isEmpty() ? f->adminToken : token)->post(target, body, headers);
    }
    HttpResponse del(const QByteArray& target, const QByteArray& token = {})
    {
        return f->server->client(token.isEmpty() ? f->adminToken : token)->request("DELETE", target);
    }

    qint64 newOrg()
    {
        return f->createOrganization(f->adminToken, QStringLiteral("Org %1").arg(++orgCounter));
    }
    HttpResponse createCoupon(const QJsonObject& body) { return post("/api/v1/coupons/create", body); }
    void requireCoupon(const QJsonObject& body)
    {
        const HttpResponse response = createCoupon(body);
        QVERIFY2(response.status == 201, response.body.constData());
    }
    HttpResponse redeem(const QString& code, qint64 org, const QByteArray& token = {},
                        const Headers& headers = {})
    {
        return post("/api/v1/coupons/redeem", {{"code", code}, {"organization_id", org}}, token, headers);
    }
    QJsonObject validate(const QString& code, qint64 org, const QByteArray& token = {})
    {
        const HttpResponse response =
            get("/api/v1/coupons/validate?code=" + code.toLatin1() + "&" + orgQuery(org), token);
        if (response.status != 200)
            qWarning("validate: %d %s", response.status, response.body.constData());
        return response.json();
    }
    QJsonObject subscription(qint64 org) { return get("/api/v1/subscription?" + orgQuery(org)).json(); }
    qint64 balance(qint64 org) { return f->balance(f->adminToken, org); }
    void switchPlan(qint64 org, const QString& plan)
    {
        const HttpResponse response =
            post("/api/v1/tiers/switch", {{"organization_id", org}, {"plan", plan}});
        QVERIFY2(response.status == 200, response.body.constData());
    }
    // The account's charge lines, oldest first, as "kind amount".
    QStringList charges(qint64 org, QStringList* descriptions = nullptr)
    {
        const QJsonArray data =
            get("/api/v1/charges?" + orgQuery(org) + "&limit=500").json().value("data").toArray();
        QStringList lines;
        for (qsizetype i = data.size() - 1; i >= 0; --i) {
            const QJsonObject line = data[i].toObject();
            lines.append(line.value("kind").toString() + ' ' +
                         QString::number(line.value("amount_minor").toInteger()));
            if (descriptions)
                descriptions->append(line.value("description").toString());
        }
        return lines;
    }
    qint64 now()
    {
        return QDateTime::fromString(get("/api/v1/admin/test-clock").json().value("now").toString(),
                                     Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    }
    void advanceTo(qint64 atMs)
    {
        const QJsonObject body{
            {"now", QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).toString(Qt::ISODateWithMs)}};
        HttpResponse response = post("/api/v1/admin/test-clock", body);
        // The periodic job may be running at this instant: the clock then answers clock_busy, try again.
        for (int attempt = 0; attempt < 1000 && response.errorCode() == QLatin1String("clock_busy");
             ++attempt)
            response = post("/api/v1/admin/test-clock", body);
        QVERIFY2(response.status == 200, response.body.constData());
    }
    void advanceBy(qint64 ms) { advanceTo(now() + ms); }
    // Moves the clock just past the organization's current period end: its next period fee is charged.
    void renew(qint64 org)
    {
        const qint64 end =
            QDateTime::fromString(subscription(org).value("current_period_end").toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        QVERIFY(end > 0);
        advanceTo(end + 1000);
    }
    qint64 accountOf(qint64 org)
    {
        return f->database.scalar(
            QStringLiteral("SELECT id FROM accounts WHERE owner_kind = 'organization' AND owner_id = %1")
                .arg(org));
    }
    qint64 count(const QString& sql) { return f->database.scalar(sql); }
    // Everything a refused coupon or verification request could have touched.
    QStringList snapshot()
    {
        return f->database.dump({"coupons ORDER BY id", "coupon_redemptions ORDER BY id",
                                 "verifications ORDER BY id", "subscriptions ORDER BY account_id",
                                 "charges ORDER BY id", "subscription_history ORDER BY id"});
    }
    void verifyLedger() { CREDITDESK_VERIFY_LEDGER(f->database.url()); }

    static void expectError(const HttpResponse& response, int status, const char* code)
    {
        const QByteArray what = "expected " + QByteArray::number(status) + ' ' + code + ", got " +
                                QByteArray::number(response.status) + ' ' + response.body;
        QVERIFY2(response.status == status && response.errorCode() == QLatin1String(code), what.constData());
    }
    static void expectField(const HttpResponse& response, const char* field,
                            const char* code = "validation_failed")
    {
        const QByteArray what = "expected 422 " + QByteArray(code) + " on '" + field + "', got " +
                                QByteArray::number(response.status) + ' ' + response.body;
        QVERIFY2(response.status == 422 && response.errorCode() == QLatin1String(code) &&
                     response.json().value("error").toObject().value("details").toObject().value("field") ==
                         QLatin1String(field),
                 what.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Sessions last ten years of test-clock time: the clock jumps months ahead.
        // The clock's moves run what falls due; the periodic job has nothing to add at a standing time.
        f = std::make_unique<Fixture>(
            QStringList{"--test-clock", "--session-ttl", "315360000", "--jobs-interval-ms", "3600000"});
        requireCoupon({{"code", "WELCOME10"}, {"kind", "bonus_credits"}, {"credits", 250000}});
        requireCoupon(
            {{"code", "earlybird"}, {"kind", "percent_off"}, {"percent", 20}, {"duration_periods", 3}});
        requireCoupon({{"code", "FREEMONTH"}, {"kind", "free_period"}, {"plan", "starter"}});
        requireCoupon(
            {{"code", "SAVE5"}, {"kind", "amount_off"}, {"amount_minor", 500}, {"duration_periods", 2}});
    }
    void cleanupTestCase() { f.reset(); }

    void createdCouponsAreListedWithTheirFields()
    {
        const QJsonArray coupons = get("/api/v1/coupons/list").json().value("data").toArray();
        QVERIFY(coupons.size() >= 4);
        QJsonObject early;
        for (const QJsonValue& coupon : coupons)
            if (coupon.toObject().value("code") == QLatin1String("EARLYBIRD"))
                early = coupon.toObject();
        QCOMPARE(early.value("kind").toString(), QStringLiteral("percent_off")); // stored upper-case
        QCOMPARE(early.value("percent").toInteger(), 20);
        QCOMPARE(early.value("duration_periods").toInteger(), 3);
        QCOMPARE(early.value("per_account_limit").toInteger(), 1);
        QVERIFY(early.value("max_redemptions").isNull());
        QVERIFY(early.value("credits").isNull());
        QCOMPARE(early.value("active").toBool(), true);
        QVERIFY(early.contains("redemption_count"));
        // Codes are unique whatever their case.
        expectError(createCoupon({{"code", "Welcome10"}, {"kind", "bonus_credits"}, {"credits", 1}}), 409,
                    "coupon_exists");
    }

    void bonusCreditsAreACouponGrant()
    {
        const qint64 org = newOrg();
        QCOMPARE(balance(org), 0); // organizations get no sign-up credits
        const QJsonObject check = validate("welcome10", org);
        QCOMPARE(check.value("valid").toBool(), true);
        QCOMPARE(check.value("coupon").toObject().value("code").toString(), QStringLiteral("WELCOME10"));
        QVERIFY(!check.value("coupon").toObject().contains("redemption_count")); // admins' business
        const QJsonObject expected{
            {"kind", "bonus_credits"}, {"credits_granted", 250000},    {"credits_expire_at", QJsonValue()},
            {"percent", QJsonValue()}, {"amount_minor", QJsonValue()}, {"periods", 0},
            {"plan", QJsonValue()},    {"plan_changed", false}};
        QCOMPARE(check.value("effect").toObject(), expected);
        const HttpResponse redeemed = redeem("Welcome10", org);
        QVERIFY2(redeemed.status == 200, redeemed.body.constData());
        QCOMPARE(redeemed.json().value("effect").toObject(), expected);
        const QJsonObject redemption = redeemed.json().value("redemption").toObject();
        QCOMPARE(redemption.value("code").toString(), QStringLiteral("WELCOME10"));
        QCOMPARE(redemption.value("organization_id").toInteger(), org);
        QCOMPARE(redemption.value("number").toInteger(), 1);
        QCOMPARE(redemption.value("effect").toObject(), expected);
        QCOMPARE(balance(org), 250000);
        const QJsonObject grant = get("/api/v1/credits/balance?" + orgQuery(org))
                                      .json()
                                      .value("grants")
                                      .toArray()
                                      .first()
                                      .toObject();
        QCOMPARE(grant.value("kind").toString(), QStringLiteral("coupon"));
        QCOMPARE(grant.value("remaining").toInteger(), 250000);
        QCOMPARE(charges(org), QStringList{}); // no charge, no discount
        // A second coupon discount can't run beside it, but bonus credits combine with a discount.
        QCOMPARE(redeem("EARLYBIRD", org).status, 200);
        verifyLedger();
    }

    void bonusCreditsExpireAfterTheirDays()
    {
        requireCoupon(
            {{"code", "WEEK"}, {"kind", "bonus_credits"}, {"credits", 1000}, {"credit_expiry_days", 7}});
        const qint64 org = newOrg();
        const qint64 start = now();
        const HttpResponse redeemed = redeem("week", org);
        QVERIFY2(redeemed.status == 200, redeemed.body.constData());
        const QJsonObject effect = redeemed.json().value("effect").toObject();
        QCOMPARE(QDateTime::fromString(effect.value("credits_expire_at").toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
                 start + 7 * kDayMs);
        QCOMPARE(balance(org), 1000);
        advanceBy(6 * kDayMs);
        QCOMPARE(balance(org), 1000);
        advanceBy(2 * kDayMs);
        QCOMPARE(balance(org), 0);
        verifyLedger();
    }

    void personalAccountsRedeemForThemselves()
    {
        const qint64 org = newOrg();
        const qint64 userId = f->addMember(f->adminToken, org, "solo@example.com", "member");
        const QByteArray solo = f->login("solo@example.com", Fixture::passwordFor("solo@example.com"));
        const HttpResponse redeemed =
            post("/api/v1/coupons/redeem", {{"code", "WELCOME10"}, {"user_id", userId}}, solo);
        QVERIFY2(redeemed.status == 200, redeemed.body.constData());
        QCOMPARE(redeemed.json().value("redemption").toObject().value("user_id").toInteger(), userId);
        QCOMPARE(redeemed.json().value("redemption").toObject().value("redeemed_by").toInteger(), userId);
        int coupons = 0;
        for (const QJsonValue& row :
             get("/api/v1/credits/transactions?user_id=" + id(userId), solo).json().value("data").toArray())
            if (row.toObject().value("grant_kind") == QLatin1String("coupon")) {
                QCOMPARE(row.toObject().value("amount").toInteger(), 250000);
                ++coupons;
            }
        QCOMPARE(coupons, 1);
        // Someone else's personal account is not there for them; an API token manages no personal plan.
        const qint64 otherId = f->addMember(f->adminToken, org, "other@example.com", "member");
        expectError(post("/api/v1/coupons/redeem", {{"code", "WELCOME10"}, {"user_id", otherId}}, solo), 404,
                    "not_found");
        const QByteArray token = f->createApiToken(solo, std::nullopt, {"credits:read"});
        expectError(post("/api/v1/coupons/redeem", {{"code", "SAVE5"}, {"user_id", userId}}, token), 403,
                    "forbidden");
        QCOMPARE(get("/api/v1/coupons/redemptions?user_id=" + id(userId), solo)
                     .json()
                     .value("data")
                     .toArray()
                     .size(),
                 1);
        verifyLedger();
    }

    void percentOffDiscountsTheNextPeriodFees()
    {
        const qint64 org = newOrg();
        switchPlan(org, "professional");
        QCOMPARE(charges(org), QStringList{"proration 5000"}); // the clock stands still: a whole period
        QCOMPARE(balance(org), 1250000);
        const HttpResponse redeemed = redeem("EARLYBIRD", org);
        QVERIFY2(redeemed.status == 200, redeemed.body.constData());
        QCOMPARE(redeemed.json().value("effect").toObject().value("percent").toInteger(), 20);
        QCOMPARE(redeemed.json().value("effect").toObject().value("periods").toInteger(), 3);
        const QJsonObject discount = subscription(org).value("discount").toObject();
        QCOMPARE(
            discount,
            (QJsonObject{
                {"coupon", "EARLYBIRD"}, {"kind", "percent_off"}, {"percent", 20}, {"periods_left", 3}}));
        QCOMPARE(charges(org), QStringList{"proration 5000"}); // a proration is not a period fee

        renew(org);
        QStringList descriptions;
        QCOMPARE(charges(org, &descriptions),
                 (QStringList{"proration 5000", "period_fee 5000", "discount -1000"}));
        QVERIFY2(descriptions.last().startsWith("Coupon EARLYBIRD on Professional plan"),
                 qPrintable(descriptions.last()));
        // Allowance, first-month bonus and half of the unspent allowance rolled over.
        QCOMPARE(balance(org), 1250000 + 125000 + 625000);
        QCOMPARE(subscription(org).value("discount").toObject().value("periods_left").toInteger(), 2);
        renew(org);
        QCOMPARE(balance(org), 1250000 + 625000);
        renew(org);
        QVERIFY(subscription(org).value("discount").isNull());
        renew(org);
        QCOMPARE(charges(org),
                 (QStringList{"proration 5000", "period_fee 5000", "discount -1000", "period_fee 5000",
                              "discount -1000", "period_fee 5000", "discount -1000", "period_fee 5000"}));
        // Its periods are over: the same account may start another coupon's discount.
        QCOMPARE(redeem("SAVE5", org).status, 200);
        verifyLedger();
    }

    void amountOffDiscountsTheNextPeriodFees()
    {
        requireCoupon({{"code", "BIG"}, {"kind", "amount_off"}, {"amount_minor", 999999}});
        const qint64 org = newOrg();
        const qint64 capped = newOrg();
        switchPlan(org, "professional");
        switchPlan(capped, "professional");
        QCOMPARE(redeem("SAVE5", org).status, 200);
        QCOMPARE(redeem("BIG", capped).status, 200);
        QCOMPARE(
            subscription(org).value("discount").toObject(),
            (QJsonObject{
                {"coupon", "SAVE5"}, {"kind", "amount_off"}, {"amount_minor", 500}, {"periods_left", 2}}));
        renew(org);
        renew(org);
        renew(org);
        QCOMPARE(charges(org), (QStringList{"proration 5000", "period_fee 5000", "discount -500",
                                            "period_fee 5000", "discount -500", "period_fee 5000"}));
        // Never more than the fee.
        QCOMPARE(charges(capped).mid(0, 3),
                 (QStringList{"proration 5000", "period_fee 5000", "discount -5000"}));
        verifyLedger();
    }

    void freePeriodOnFreeMovesToItsPlanNow()
    {
        const qint64 org = newOrg();
        const QJsonObject expected{
            {"kind", "free_period"}, {"credits_granted", 750000},    {"credits_expire_at", QJsonValue()},
            {"percent", 100},        {"amount_minor", QJsonValue()}, {"periods", 1},
            {"plan", "starter"},     {"plan_changed", true}};
        QCOMPARE(validate("FREEMONTH", org).value("effect").toObject(), expected);
        const qint64 at = now();
        const HttpResponse redeemed = redeem("FREEMONTH", org);
        QVERIFY2(redeemed.status == 200, redeemed.body.constData());
        QCOMPARE(redeemed.json().value("effect").toObject(), expected);
        const QJsonObject s = subscription(org);
        QCOMPARE(s.value("plan").toString(), QStringLiteral("starter"));
        QCOMPARE(s.value("status").toString(), QStringLiteral("active"));
        QVERIFY(s.value("discount").isNull()); // used at once
        QCOMPARE(QDateTime::fromString(s.value("current_period_start").toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
                 at);
        QStringList descriptions;
        QCOMPARE(charges(org, &descriptions), (QStringList{"period_fee 3000", "discount -3000"}));
        QVERIFY2(descriptions.last().startsWith("Coupon FREEMONTH on Starter plan"),
                 qPrintable(descriptions.last()));
        QCOMPARE(balance(org), 750000);
        QCOMPARE(get("/api/v1/entitlements?" + orgQuery(org)).json().value("plan").toString(),
                 QStringLiteral("starter"));
        renew(org);
        QCOMPARE(charges(org), (QStringList{"period_fee 3000", "discount -3000", "period_fee 3000"}));
        // Allowance, first-month bonus and a quarter of the unspent allowance rolled over.
        QCOMPARE(balance(org), 750000 + 75000 + 187500);
        verifyLedger();
    }

    void freePeriodOnAPaidPlanWaivesTheNextFee()
    {
        const qint64 org = newOrg();
        switchPlan(org, "professional");
        const QJsonObject effect = validate("FREEMONTH", org).value("effect").toObject();
        QCOMPARE(effect.value("plan").toString(), QStringLiteral("professional"));
        QCOMPARE(effect.value("plan_changed").toBool(), false);
        QCOMPARE(effect.value("credits_granted").toInteger(), 0);
        QCOMPARE(redeem("FREEMONTH", org).status, 200);
        QCOMPARE(balance(org), 1250000);
        QCOMPARE(
            subscription(org).value("discount").toObject(),
            (QJsonObject{
                {"coupon", "FREEMONTH"}, {"kind", "free_period"}, {"percent", 100}, {"periods_left", 1}}));
        renew(org);
        renew(org);
        QCOMPARE(charges(org),
                 (QStringList{"proration 5000", "period_fee 5000", "discount -5000", "period_fee 5000"}));
        verifyLedger();
    }

    void expiredCouponsAreRefused()
    {
        const qint64 expires = now() + kDayMs;
        requireCoupon(
            {{"code", "SOON"},
             {"kind", "bonus_credits"},
             {"credits", 10},
             {"expires_at", QDateTime::fromMSecsSinceEpoch(expires, Qt::UTC).toString(Qt::ISODateWithMs)}});
        const qint64 org = newOrg();
        QCOMPARE(validate("SOON", org).value("valid").toBool(), true);
        advanceTo(expires - 1);
        QCOMPARE(validate("SOON", org).value("valid").toBool(), true);
        advanceTo(expires);
        QCOMPARE(validate("SOON", org), (QJsonObject{{"valid", false}, {"reason", "expired"}}));
        const QStringList before = snapshot();
        expectError(redeem("SOON", org), 410, "coupon_expired");
        QCOMPARE(snapshot(), before);
    }

    void everyRefusalHasItsCode()
    {
        requireCoupon({{"code", "ONCE"}, {"kind", "bonus_credits"}, {"credits", 5}, {"max_redemptions", 1}});
        requireCoupon(
            {{"code", "TWICE"}, {"kind", "bonus_credits"}, {"credits", 7}, {"per_account_limit", 2}});
        requireCoupon({{"code", "PROONLY"},
                       {"kind", "percent_off"},
                       {"percent", 10},
                       {"valid_plans", QJsonArray{"professional"}}});
        requireCoupon(
            {{"code", "NEWBIE"}, {"kind", "percent_off"}, {"percent", 10}, {"first_time_only", true}});
        requireCoupon({{"code", "GONE"}, {"kind", "bonus_credits"}, {"credits", 3}});
        const qint64 a = newOrg();
        const qint64 b = newOrg();

        QCOMPARE(validate("NOPE", a), (QJsonObject{{"valid", false}, {"reason", "not_found"}}));
        expectError(redeem("NOPE", a), 404, "coupon_not_found");

        QCOMPARE(redeem("ONCE", a).status, 200);
        QCOMPARE(validate("ONCE", b), (QJsonObject{{"valid", false}, {"reason", "exhausted"}}));
        expectError(redeem("ONCE", b), 409, "coupon_exhausted");

        QCOMPARE(redeem("TWICE", a).status, 200);
        const HttpResponse second = redeem("TWICE", a);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json().value("redemption").toObject().value("number").toInteger(), 2);
        QCOMPARE(validate("TWICE", a), (QJsonObject{{"valid", false}, {"reason", "already_redeemed"}}));
        expectError(redeem("TWICE", a), 409, "coupon_already_redeemed");
        QCOMPARE(balance(a), 5 + 7 + 7);

        QCOMPARE(validate("PROONLY", a), (QJsonObject{{"valid", false}, {"reason", "not_applicable"}}));
        expectError(redeem("PROONLY", a), 422, "coupon_not_applicable");

        switchPlan(b, "professional"); // charged: no longer a first-time customer
        QCOMPARE(validate("NEWBIE", a).value("valid").toBool(), true);
        QCOMPARE(validate("NEWBIE", b), (QJsonObject{{"valid", false}, {"reason", "not_applicable"}}));
        expectError(redeem("NEWBIE", b), 422, "coupon_not_applicable");

        QCOMPARE(redeem("PROONLY", b).status, 200);
        QCOMPARE(validate("EARLYBIRD", b),
                 (QJsonObject{{"valid", false}, {"reason", "discount_already_active"}}));
        expectError(redeem("EARLYBIRD", b), 409, "discount_already_active");
        expectError(redeem("FREEMONTH", b), 409, "discount_already_active");
        QCOMPARE(redeem("WELCOME10", b).status, 200); // bonus credits combine freely

        QCOMPARE(redeem("GONE", a).status, 200);
        QCOMPARE(del("/api/v1/coupons/gone").status, 204);
        QCOMPARE(del("/api/v1/coupons/GONE").status, 204); // already inactive: still done
        expectError(del("/api/v1/coupons/NEVER"), 404, "coupon_not_found");
        QCOMPARE(validate("GONE", b), (QJsonObject{{"valid", false}, {"reason", "inactive"}}));
        const QStringList before = snapshot();
        expectError(redeem("GONE", b), 410, "coupon_inactive");
        expectError(redeem("GONE", a), 410, "coupon_inactive");
        expectError(redeem("ONCE", b), 409, "coupon_exhausted");
        expectError(redeem("PROONLY", a), 422, "coupon_not_applicable");
        QCOMPARE(snapshot(), before);
        QCOMPARE(balance(a), 5 + 7 + 7 + 3); // a deactivated coupon's redemptions keep their effect
        verifyLedger();
    }

    void deactivatedDiscountsKeepRunning()
    {
        requireCoupon({{"code", "HALF"}, {"kind", "percent_off"}, {"percent", 50}, {"duration_periods", 1}});
        const qint64 org = newOrg();
        switchPlan(org, "professional");
        QCOMPARE(redeem("HALF", org).status, 200);
        QCOMPARE(del("/api/v1/coupons/HALF").status, 204);
        renew(org);
        QCOMPARE(charges(org), (QStringList{"proration 5000", "period_fee 5000", "discount -2500"}));
        const QJsonArray coupons = get("/api/v1/coupons/list").json().value("data").toArray();
        for (const QJsonValue& coupon : coupons)
            if (coupon.toObject().value("code") == QLatin1String("HALF")) {
                QCOMPARE(coupon.toObject().value("active").toBool(), false);
                QCOMPARE(coupon.toObject().value("redemption_count").toInteger(), 1);
            }
    }

    void redeemingHonoursIdempotencyKeys()
    {
        requireCoupon(
            {{"code", "KEYED"}, {"kind", "bonus_credits"}, {"credits", 42}, {"per_account_limit", 5}});
        const qint64 org = newOrg();
        const HttpResponse first = redeem("KEYED", org, {}, {{"Idempotency-Key", "redeem-keyed-1"}});
        QCOMPARE(first.status, 200);
        // The same JSON in another key order (and spacing) is the same request.
        const HttpResponse again =
            f->server->client(f->adminToken)
                ->request("POST", "/api/v1/coupons/redeem",
                          "{ \"organization_id\": " + id(org) + ", \"code\": \"KEYED\" }",
                          {{"Content-Type", "application/json"}, {"Idempotency-Key", "redeem-keyed-1"}});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(again.json(), first.json());
        QCOMPARE(balance(org), 42);
        expectError(post("/api/v1/coupons/redeem", {{"code", "WELCOME10"}, {"organization_id", org}}, {},
                         {{"Idempotency-Key", "redeem-keyed-1"}}),
                    409, "idempotency_key_reused");
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM coupon_redemptions WHERE account_id = %1")
                           .arg(accountOf(org))),
                 1);
        verifyLedger();
    }

    void hundredAccountsRaceForTenRedemptions()
    {
        requireCoupon(
            {{"code", "RACE10"}, {"kind", "bonus_credits"}, {"credits", 100}, {"max_redemptions", 10}});
        QList<qint64> orgs;
        for (int i = 0; i < 100; ++i)
            orgs.append(newOrg());
        std::atomic<int> ok{0}, exhausted{0}, other{0};
        std::vector<std::thread> threads;
        for (const qint64 org : orgs)
            threads.emplace_back([&, org] {
                HttpClient client("127.0.0.1", f->server->port());
                client.setBearer(f->adminToken);
                const HttpResponse response =
                    client.post("/api/v1/coupons/redeem", {{"code", "RACE10"}, {"organization_id", org}});
                if (response.status == 200)
                    ++ok;
                else if (response.status == 409 && response.errorCode() == QLatin1String("coupon_exhausted"))
                    ++exhausted;
                else
                    ++other;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(ok.load(), 10);
        QCOMPARE(exhausted.load(), 90);
        QCOMPARE(other.load(), 0);
        QCOMPARE(count("SELECT redemption_count FROM coupons WHERE code = 'RACE10'"), 10);
        QCOMPARE(count("SELECT COUNT(*) FROM coupon_redemptions r JOIN coupons c ON c.id = r.coupon_id "
                       "WHERE c.code = 'RACE10'"),
                 10);
        qint64 total = 0;
        for (const qint64 org : orgs)
            total += balance(org);
        QCOMPARE(total, 10 * 100);
        QCOMPARE(get("/api/v1/coupons/redemptions?code=race10").json().value("data").toArray().size(), 10);
        verifyLedger();
    }

    void oneAccountRedeemsTwentyTimesAtOnce()
    {
        requireCoupon({{"code", "SOLO"}, {"kind", "bonus_credits"}, {"credits", 100}});
        const qint64 org = newOrg();
        std::atomic<int> ok{0}, already{0}, other{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 20; ++i)
            threads.emplace_back([&] {
                HttpClient client("127.0.0.1", f->server->port());
                client.setBearer(f->adminToken);
                const HttpResponse response =
                    client.post("/api/v1/coupons/redeem", {{"code", "SOLO"}, {"organization_id", org}});
                if (response.status == 200)
                    ++ok;
                else if (response.status == 409 &&
                         response.errorCode() == QLatin1String("coupon_already_redeemed"))
                    ++already;
                else
                    ++other;
            });
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(ok.load(), 1);
        QCOMPARE(already.load(), 19);
        QCOMPARE(other.load(), 0);
        QCOMPARE(balance(org), 100);
        QCOMPARE(count("SELECT redemption_count FROM coupons WHERE code = 'SOLO'"), 1);
        verifyLedger();
    }

    void verificationRequestsAreDecidedByPlatformAdmins()
    {
        const qint64 org = newOrg();
        f->addMember(f->adminToken, org, "owner.v@example.com", "owner");
        f->addMember(f->adminToken, org, "admin.v@example.com", "admin");
        f->addMember(f->adminToken, org, "member.v@example.com", "member");
        const QByteArray owner = f->login("owner.v@example.com", Fixture::passwordFor("owner.v@example.com"));
        const QByteArray admin = f->login("admin.v@example.com", Fixture::passwordFor("admin.v@example.com"));
        const QByteArray member =
            f->login("member.v@example.com", Fixture::passwordFor("member.v@example.com"));
        const QByteArray path = "/api/v1/organizations/" + id(org) + "/verification";
        expectError(get(path, member), 404, "not_found"); // nothing asked yet
        const QJsonObject body{{"type", "education"},
                               {"institution", "Example University"},
                               {"evidence", "https://example.edu/accreditation"}};
        expectError(post(path, body, admin), 403, "forbidden"); // owners ask
        const HttpResponse requested = post(path, body, owner);
        QVERIFY2(requested.status == 201, requested.body.constData());
        const QJsonObject pending = requested.json();
        QCOMPARE(pending.value("status").toString(), QStringLiteral("pending"));
        QCOMPARE(pending.value("discount_percent").toInteger(), 50);
        QCOMPARE(pending.value("organization_id").toInteger(), org);
        expectError(post(path, body, owner), 409, "verification_pending");
        QCOMPARE(get(path, member).json(), pending);
        const qint64 requestId = pending.value("id").toInteger();
        bool listed = false;
        for (const QJsonValue& row :
             get("/api/v1/admin/verifications?status=pending").json().value("data").toArray())
            listed = listed || row.toObject().value("id").toInteger() == requestId;
        QVERIFY(listed);
        QCOMPARE(subscription(org).value("verified_discount_percent").toInteger(), 0);

        const HttpResponse rejected = post("/api/v1/admin/verifications/" + id(requestId) + "/reject",
                                           {{"note", "evidence unreadable"}});
        QVERIFY2(rejected.status == 200, rejected.body.constData());
        QCOMPARE(rejected.json().value("status").toString(), QStringLiteral("rejected"));
        QCOMPARE(rejected.json().value("note").toString(), QStringLiteral("evidence unreadable"));
        expectError(post("/api/v1/admin/verifications/" + id(requestId) + "/approve", {}), 409,
                    "verification_closed");
        expectError(post("/api/v1/admin/verifications/999999/approve", {}), 404, "not_found");
        QCOMPARE(subscription(org).value("verified_discount_percent").toInteger(), 0);

        const HttpResponse again = post(path, body, owner); // decided: a new request may follow
        QCOMPARE(again.status, 201);
        const qint64 secondId = again.json().value("id").toInteger();
        const HttpResponse approved = post("/api/v1/admin/verifications/" + id(secondId) + "/approve", {});
        QVERIFY2(approved.status == 200, approved.body.constData());
        QCOMPARE(approved.json().value("status").toString(), QStringLiteral("approved"));
        QVERIFY(!approved.json().value("decided_by").isNull());
        QCOMPARE(get(path, member).json().value("status").toString(), QStringLiteral("approved"));
        QCOMPARE(subscription(org).value("verified_discount_percent").toInteger(), 50);
        QCOMPARE(
            get("/api/v1/admin/verifications?status=approved&limit=1").json().value("data").toArray().size(),
            1);
        // Its audit trail names each step.
        QStringList actions;
        for (const QJsonValue& entry :
             get("/api/v1/audit?" + orgQuery(org) + "&limit=100").json().value("data").toArray())
            actions.append(entry.toObject().value("action").toString());
        QVERIFY2(actions.contains("verification.requested") && actions.contains("verification.rejected") &&
                     actions.contains("verification.approved"),
                 qPrintable(actions.join(',')));
    }

    void verifiedDiscountAndCouponGiveOnlyTheLarger()
    {
        const auto verified = [&](const QString& type) {
            const qint64 org = newOrg();
            const HttpResponse requested =
                post("/api/v1/organizations/" + id(org) + "/verification",
                     {{"type", type}, {"institution", "Example"}, {"evidence", "registry entry 42"}});
            const HttpResponse approved = post("/api/v1/admin/verifications/" +
                                                   id(requested.json().value("id").toInteger()) + "/approve",
                                               {{"note", "checked"}});
            if (approved.status != 200)
                qWarning("approve: %s", approved.body.constData());
            return org;
        };
        // Education (50 %) outdoes EARLYBIRD (20 %): the verified discount is given, the coupon's period
        // counted.
        const qint64 school = verified("education");
        switchPlan(school, "professional");
        QStringList descriptions;
        QCOMPARE(charges(school, &descriptions), (QStringList{"proration 5000", "discount -2500"}));
        QVERIFY2(descriptions.last().startsWith("Verified institution discount (50 %)"),
                 qPrintable(descriptions.last()));
        QCOMPARE(redeem("EARLYBIRD", school).status, 200);
        renew(school);
        descriptions.clear();
        QCOMPARE(charges(school, &descriptions),
                 (QStringList{"proration 5000", "discount -2500", "period_fee 5000", "discount -2500"}));
        QVERIFY(descriptions.last().startsWith("Verified institution discount (50 %) on Professional plan"));
        QCOMPARE(subscription(school).value("discount").toObject().value("periods_left").toInteger(), 2);

        // FREEMONTH (100 %) outdoes healthcare (30 %) for one period; then the verified discount again.
        const qint64 clinic = verified("healthcare");
        switchPlan(clinic, "professional");
        QCOMPARE(redeem("FREEMONTH", clinic).status, 200);
        renew(clinic);
        renew(clinic);
        descriptions.clear();
        QCOMPARE(charges(clinic, &descriptions),
                 (QStringList{"proration 5000", "discount -1500", "period_fee 5000", "discount -5000",
                              "period_fee 5000", "discount -1500"}));
        QVERIFY(descriptions[3].startsWith("Coupon FREEMONTH"));
        QVERIFY(descriptions[5].startsWith("Verified institution discount (30 %)"));

        // FREEMONTH on Free for a nonprofit: the coupon's 100 % beats 40 %.
        const qint64 charity = verified("nonprofit");
        QCOMPARE(redeem("FREEMONTH", charity).status, 200);
        renew(charity);
        QCOMPARE(charges(charity),
                 (QStringList{"period_fee 3000", "discount -3000", "period_fee 3000", "discount -1200"}));
        verifyLedger();
    }

    void redemptionsAreListedForTheirReaders()
    {
        requireCoupon(
            {{"code", "LISTED"}, {"kind", "bonus_credits"}, {"credits", 1}, {"per_account_limit", 3}});
        const qint64 org = newOrg();
        f->addMember(f->adminToken, org, "member.r@example.com", "member");
        const QByteArray member =
            f->login("member.r@example.com", Fixture::passwordFor("member.r@example.com"));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(redeem("LISTED", org).status, 200);
        QCOMPARE(redeem("WELCOME10", org).status, 200);
        const HttpResponse all = get("/api/v1/coupons/redemptions?" + orgQuery(org), member);
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json().value("data").toArray().size(), 4);
        QCOMPARE(all.json().value("data").toArray().first().toObject().value("code").toString(),
                 QStringLiteral("WELCOME10"));
        const HttpResponse page =
            get("/api/v1/coupons/redemptions?" + orgQuery(org) + "&code=listed&limit=2", member);
        const QJsonArray first = page.json().value("data").toArray();
        QCOMPARE(first.size(), 2);
        QCOMPARE(first[0].toObject().value("number").toInteger(), 3);
        const QByteArray cursor = page.json().value("next_cursor").toString().toLatin1();
        QVERIFY(!cursor.isEmpty());
        const HttpResponse rest = get(
            "/api/v1/coupons/redemptions?" + orgQuery(org) + "&code=LISTED&limit=2&cursor=" + cursor, member);
        QCOMPARE(rest.json().value("data").toArray().size(), 1);
        QVERIFY(rest.json().value("next_cursor").isNull());
        // Platform admins: one coupon's redemptions over every account.
        QCOMPARE(get("/api/v1/coupons/redemptions?code=LISTED").json().value("data").toArray().size(), 3);
        expectError(get("/api/v1/coupons/redemptions?code=NOSUCH"), 404, "coupon_not_found");
    }

    void accessIsChecked()
    {
        const qint64 org = newOrg();
        f->addMember(f->adminToken, org, "owner.a@example.com", "owner");
        f->addMember(f->adminToken, org, "member.a@example.com", "member");
        f->addMember(f->adminToken, org, "finance.a@example.com", "finance");
        const qint64 other = newOrg();
        f->addMember(f->adminToken, other, "outsider.a@example.com", "owner");
        const QByteArray owner = f->login("owner.a@example.com", Fixture::passwordFor("owner.a@example.com"));
        const QByteArray member =
            f->login("member.a@example.com", Fixture::passwordFor("member.a@example.com"));
        const QByteArray finance =
            f->login("finance.a@example.com", Fixture::passwordFor("finance.a@example.com"));
        const QByteArray outsider =
            f->login("outsider.a@example.com", Fixture::passwordFor("outsider.a@example.com"));
        const QByteArray gateway = f->createApiToken(owner, org, {"credits:read", "credits:deduct"});
        const QStringList before = snapshot();
        const QByteArray verification = "/api/v1/organizations/" + id(org) + "/verification";
        const QJsonObject verificationBody{{"type", "nonprofit"}, {"institution", "X"}, {"evidence", "Y"}};

        auto anonymous = f->server->client();
        expectError(anonymous->post("/api/v1/coupons/create",
                                    {{"code", "X"}, {"kind", "bonus_credits"}, {"credits", 1}}),
                    401, "unauthorized");
        expectError(anonymous->get("/api/v1/coupons/list"), 401, "unauthorized");
        expectError(anonymous->get("/api/v1/coupons/validate?code=WELCOME10&" + orgQuery(org)), 401,
                    "unauthorized");
        expectError(
            anonymous->post("/api/v1/coupons/redeem", {{"code", "WELCOME10"}, {"organization_id", org}}), 401,
            "unauthorized");
        expectError(anonymous->get("/api/v1/coupons/redemptions?" + orgQuery(org)), 401, "unauthorized");
        expectError(anonymous->request("DELETE", "/api/v1/coupons/WELCOME10"), 401, "unauthorized");
        expectError(anonymous->post(verification, verificationBody), 401, "unauthorized");
        expectError(anonymous->get(verification), 401, "unauthorized");
        expectError(anonymous->get("/api/v1/admin/verifications"), 401, "unauthorized");
        expectError(anonymous->post("/api/v1/admin/verifications/1/approve", {}), 401, "unauthorized");

        // Platform admins' routes.
        for (const QByteArray& token : {owner, member}) {
            expectError(post("/api/v1/coupons/create",
                             {{"code", "MINE"}, {"kind", "bonus_credits"}, {"credits", 1}}, token),
                        403, "forbidden");
            expectError(get("/api/v1/coupons/list", token), 403, "forbidden");
            expectError(del("/api/v1/coupons/WELCOME10", token), 403, "forbidden");
            expectError(get("/api/v1/admin/verifications", token), 403, "forbidden");
            expectError(post("/api/v1/admin/verifications/1/approve", {}, token), 403, "forbidden");
            expectError(post("/api/v1/admin/verifications/1/reject", {}, token), 403, "forbidden");
        }
        // Redeeming and validating: owners and admins of the account's organization.
        for (const QByteArray& token : {member, finance, gateway}) {
            expectError(redeem("WELCOME10", org, token), 403, "forbidden");
            expectError(get("/api/v1/coupons/validate?code=WELCOME10&" + orgQuery(org), token), 403,
                        "forbidden");
        }
        expectError(redeem("WELCOME10", org, outsider), 404, "not_found");
        expectError(get("/api/v1/coupons/validate?code=WELCOME10&" + orgQuery(org), outsider), 404,
                    "not_found");
        expectError(get("/api/v1/coupons/redemptions?" + orgQuery(org), outsider), 404, "not_found");
        // A reader without an account and without being a platform admin: nothing to list.
        expectField(get("/api/v1/coupons/redemptions?code=WELCOME10", owner), "organization_id");
        // Verification: owners ask, members read, outsiders see nothing.
        for (const QByteArray& token : {member, finance, gateway})
            expectError(post(verification, verificationBody, token), 403, "forbidden");
        expectError(post(verification, verificationBody, outsider), 404, "not_found");
        expectError(get(verification, outsider), 404, "not_found");
        QCOMPARE(snapshot(), before);

        QCOMPARE(validate("WELCOME10", org, owner).value("valid").toBool(), true);
        QCOMPARE(get("/api/v1/coupons/redemptions?" + orgQuery(org), member).status, 200);
        QCOMPARE(redeem("WELCOME10", org, owner).status, 200);
    }

    void badInputIsRefusedWithItsField()
    {
        const qint64 org = newOrg();
        const QStringList before = snapshot();
        const QJsonObject base{{"code", "FRESH"}, {"kind", "bonus_credits"}, {"credits", 100}};
        const auto with = [&](const QJsonObject& changes, const QStringList& remove = {}) {
            QJsonObject body = base;
            for (auto it = changes.begin(); it != changes.end(); ++it)
                body.insert(it.key(), it.value());
            for (const QString& key : remove)
                body.remove(key);
            return createCoupon(body);
        };
        expectField(with({}, {"code"}), "code");
        expectField(with({{"code", ""}}), "code");
        expectField(with({{"code", "WEL COME"}}), "code");
        expectField(with({{"code", "ÄPFEL"}}), "code");
        expectField(with({{"code", QString(41, QLatin1Char('A'))}}), "code");
        expectField(with({{"code", 10}}), "code");
        expectField(with({}, {"kind"}), "kind");
        expectField(with({{"kind", "gift"}}), "kind");
        expectField(with({}, {"credits"}), "credits");
        expectField(with({{"credits", 0}}), "credits");
        expectField(with({{"credits", -5}}), "credits");
        expectField(with({{"credits", 1.5}}), "credits");
        expectField(with({{"credits", "100"}}), "credits");
        expectField(with({{"credits", 2e18}}), "credits");
        expectField(with({{"percent", 10}}), "percent");
        expectField(with({{"credit_expiry_days", 0}}), "credit_expiry_days");
        expectField(with({{"kind", "percent_off"}, {"percent", 101}}, {"credits"}), "percent");
        expectField(with({{"kind", "percent_off"}, {"percent", 0}}, {"credits"}), "percent");
        expectField(with({{"kind", "percent_off"}}, {"credits"}), "percent");
        expectField(with({{"kind", "percent_off"}, {"percent", 10}}), "credits");
        expectField(with({{"kind", "percent_off"}, {"percent", 10}, {"duration_periods", 0}}, {"credits"}),
                    "duration_periods");
        expectField(with({{"kind", "amount_off"}, {"amount_minor", -1}}, {"credits"}), "amount_minor");
        expectField(with({{"kind", "amount_off"}, {"amount_minor", 100}, {"plan", "starter"}}, {"credits"}),
                    "plan");
        expectField(with({{"kind", "free_period"}, {"plan", "gold"}}, {"credits"}), "plan", "unknown_plan");
        expectField(with({{"kind", "free_period"}, {"plan", "free"}}, {"credits"}), "plan");
        expectField(with({{"kind", "free_period"}, {"duration_periods", 2}}, {"credits"}),
                    "duration_periods");
        expectField(with({{"max_redemptions", 0}}), "max_redemptions");
        expectField(with({{"per_account_limit", 0}}), "per_account_limit");
        expectField(with({{"expires_at", "tomorrow"}}), "expires_at");
        expectField(with({{"expires_at", "2001-01-01T00:00:00Z"}}), "expires_at");
        expectField(with({{"valid_plans", "starter"}}), "valid_plans");
        expectField(with({{"valid_plans", QJsonArray{"gold"}}}), "valid_plans");
        expectField(with({{"first_time_only", "yes"}}), "first_time_only");
        expectField(with({{"active", 1}}), "active");
        expectField(with({{"colour", "red"}}), "colour", "unknown_field");
        expectError(
            f->server->client(f->adminToken)
                ->request("POST", "/api/v1/coupons/create", "{nope", {{"Content-Type", "application/json"}}),
            400, "malformed_json");

        const QByteArray validate = "/api/v1/coupons/validate?";
        expectField(get(validate + orgQuery(org)), "code");
        expectField(get(validate + "code=&" + orgQuery(org)), "code");
        expectField(get(validate + "code=a%20b&" + orgQuery(org)), "code");
        expectField(get(validate + "code=WELCOME10&organization_id=abc"), "organization_id");
        expectField(get(validate + "code=WELCOME10"), "organization_id");

        const auto redeemBody = [&](const QJsonObject& body) { return post("/api/v1/coupons/redeem", body); };
        expectField(redeemBody({{"organization_id", org}}), "code");
        expectField(redeemBody({{"organization_id", org}, {"code", 10}}), "code");
        expectField(redeemBody({{"organization_id", org}, {"code", "!!"}}), "code");
        expectField(redeemBody({{"organization_id", org}, {"code", "WELCOME10"}, {"note", "x"}}), "note",
                    "unknown_field");
        expectField(redeemBody({{"organization_id", "x"}, {"code", "WELCOME10"}}), "organization_id");
        expectField(redeemBody({{"code", "WELCOME10"}}), "organization_id");
        expectError(post("/api/v1/coupons/redeem", {{"code", "WELCOME10"}, {"organization_id", org}}, {},
                         {{"Idempotency-Key", "with space"}}),
                    400, "invalid_idempotency_key");

        const QByteArray redemptions = "/api/v1/coupons/redemptions?";
        expectField(get(redemptions + orgQuery(org) + "&limit=0"), "limit");
        expectField(get(redemptions + orgQuery(org) + "&cursor=x"), "cursor");
        expectField(get(redemptions + orgQuery(org) + "&code=a%20b"), "code");
        expectField(get(redemptions.chopped(1)), "code");

        const QByteArray verification = "/api/v1/organizations/" + id(org) + "/verification";
        const QJsonObject good{{"type", "education"}, {"institution", "Example"}, {"evidence", "link"}};
        const auto verify = [&](const QJsonObject& changes, const QStringList& remove = {}) {
            QJsonObject body = good;
            for (auto it = changes.begin(); it != changes.end(); ++it)
                body.insert(it.key(), it.value());
            for (const QString& key : remove)
                body.remove(key);
            return post(verification, body);
        };
        expectField(verify({}, {"type"}), "type");
        expectField(verify({{"type", "military"}}), "type");
        expectField(verify({{"type", 3}}), "type");
        expectField(verify({}, {"institution"}), "institution");
        expectField(verify({{"institution", "   "}}), "institution");
        expectField(verify({{"institution", QString(201, QLatin1Char('x'))}}), "institution");
        expectField(verify({}, {"evidence"}), "evidence");
        expectField(verify({{"evidence", QString(2001, QLatin1Char('x'))}}), "evidence");
        expectField(verify({{"evidence", QStringLiteral("a\u0001b")}}), "evidence");
        expectField(verify({{"status", "approved"}}), "status", "unknown_field");
        expectError(post("/api/v1/organizations/abc/verification", good), 404, "not_found");

        expectField(get("/api/v1/admin/verifications?status=open"), "status");
        expectField(get("/api/v1/admin/verifications?limit=501"), "limit");
        QCOMPARE(snapshot(), before);
        const qint64 requestId = post(verification, good).json().value("id").toInteger();
        const QStringList pending = snapshot();
        const QByteArray approve = "/api/v1/admin/verifications/" + id(requestId) + "/approve";
        expectField(post(approve, {{"note", 5}}), "note");
        expectField(post(approve, {{"note", QString(1001, QLatin1Char('n'))}}), "note");
        expectField(post(approve, {{"percent", 90}}), "percent", "unknown_field");
        expectError(post("/api/v1/admin/verifications/abc/approve", {}), 404, "not_found");
        const QByteArray reject = "/api/v1/admin/verifications/" + id(requestId) + "/reject";
        expectField(post(reject, {{"note", QJsonArray{"x"}}}), "note");
        expectField(post(reject, {{"reason", "x"}}), "reason", "unknown_field");
        expectError(f->server->client(f->adminToken)
                        ->request("POST", reject, "[1]", {{"Content-Type", "application/json"}}),
                    400, "invalid_body");
        expectError(get("/api/v1/organizations/0/verification"), 404, "not_found");
        QCOMPARE(snapshot(), pending);
        QCOMPARE(post(approve, {}).status, 200);
        QVERIFY(snapshot() != before);
    }

    // The demo organization is a year old: its period invoices of that year, numbered without gaps, each
    // paid by bank transfer a week after issue (the newest may still be open), with the demo seller on them;
    // two paid by card instead: the fourth at issue, later credited for an outage and refunded to the card,
    // and the eighth declined at issue (insufficient funds) and paid by the retry a day later. The ledger
    // and audit chain verify.
    void seedDemoHasAYearOfPaidInvoices()
    {
        TestDatabase database;
        QByteArray output;
        QCOMPARE(TestServer::runCommand({"seed-demo", "--database", database.url()}, &output), 0);
        const qint64 invoices = database.scalar("SELECT COUNT(*) FROM invoices WHERE kind = 'period'");
        QVERIFY2(invoices >= 11 && invoices <= 13, QByteArray::number(invoices).constData());
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM invoices"), invoices);
        QCOMPARE(database.scalar("SELECT MAX(CAST(SUBSTR(number, 9) AS INTEGER)) FROM invoices"), invoices);
        QCOMPARE(database.scalar("SELECT COUNT(DISTINCT number) FROM invoices"), invoices);
        const qint64 open = database.scalar("SELECT COUNT(*) FROM invoices WHERE status = 'open'");
        QVERIFY2(open <= 1, QByteArray::number(open).constData());
        QCOMPARE(
            database.scalar(
                "SELECT COUNT(*) FROM invoices WHERE status = 'paid' AND payment_method = 'bank_transfer' "
                "AND payment_reference = 'SEPA DL-' || number AND amount_paid_minor = total_minor AND "
                "paid_at = issued_at + 7 * 86400000"),
            invoices - 2 - open);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM invoices WHERE status NOT IN ('paid', 'open')"), 0);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM invoices WHERE seller LIKE "
                                 "'%CreditDesk Demo Operator GmbH%'"),
                 invoices);

        // Card payments: three rows, all of the fourth and eighth invoices.
        const QString fourth =
            QString::number(database.scalar("SELECT id FROM invoices ORDER BY id LIMIT 1 OFFSET 3"));
        const QString eighth =
            QString::number(database.scalar("SELECT id FROM invoices ORDER BY id LIMIT 1 OFFSET 7"));
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM payments"), 3);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM payments WHERE method = 'card' AND invoice_id IN (" +
                                 fourth + ", " + eighth + ")"),
                 3);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM invoices WHERE payment_method = 'card'"), 2);
        // The fourth: paid at issue (attempt 1).
        QCOMPARE(database.scalar(
                     "SELECT COUNT(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.id = " +
                     fourth +
                     " AND i.status = 'paid' AND i.payment_method = 'card' AND i.paid_at = i.issued_at AND "
                     "i.amount_paid_minor = i.total_minor AND p.status = 'succeeded' AND p.attempt = 1 AND "
                     "p.failure_reason IS NULL AND p.amount_minor = i.total_minor AND p.provider_id = "
                     "i.payment_reference AND p.created_at = i.issued_at"),
                 1);
        // The eighth: declined at issue (attempt 1, insufficient_funds), paid by the retry a day later.
        QCOMPARE(
            database.scalar(
                "SELECT COUNT(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.id = " +
                eighth +
                " AND p.status = 'failed' AND p.attempt = 1 AND p.failure_reason = "
                "'insufficient_funds' AND p.amount_minor = i.total_minor AND p.created_at = i.issued_at"),
            1);
        QCOMPARE(database.scalar(
                     "SELECT COUNT(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.id = " +
                     eighth +
                     " AND i.status = 'paid' AND i.payment_method = 'card' AND i.paid_at = i.issued_at + "
                     "86400000 AND i.amount_paid_minor = i.total_minor AND p.status = 'succeeded' AND "
                     "p.attempt = 2 AND p.failure_reason IS NULL AND p.amount_minor = i.total_minor AND "
                     "p.provider_id = i.payment_reference AND p.created_at = i.paid_at"),
                 1);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM invoice_collections WHERE invoice_id = " + eighth +
                                 " AND state = 'done' AND failures = 1"),
                 1);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM outbox_events WHERE type = 'payment.failed'"), 1);

        // One credit note: $20 on the fourth for an outage five days into its period, refunded to the card.
        const qint64 periodStart = database.scalar("SELECT period_start FROM invoices WHERE id = " + fourth);
        const QString reason = QStringLiteral("Service outage on ") +
                               QDateTime::fromMSecsSinceEpoch(periodStart + 5 * 86400000LL, Qt::UTC)
                                   .date()
                                   .toString(QStringLiteral("d MMMM"));
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM credit_notes"), 1);
        QVERIFY(database.scalar("SELECT total_minor FROM invoices WHERE id = " + fourth) > 2000);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM credit_notes WHERE invoice_id = " + fourth +
                                 " AND amount_minor = 2000 AND reason = '" + reason +
                                 "' AND refund_status = 'refunded' AND number LIKE 'CN-____-000001' AND "
                                 "issued_at >= " +
                                 QString::number(periodStart + 6 * 86400000LL) + " AND issued_at < " +
                                 QString::number(periodStart + 7 * 86400000LL)),
                 1);
        QCOMPARE(
            database.scalar(
                "SELECT COUNT(*) FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN credit_notes c "
                "ON c.id = r.credit_note_id WHERE p.invoice_id = " +
                fourth +
                " AND r.amount_minor = 2000 AND r.status = 'succeeded' AND r.provider_id = 're_demo_' || "
                "c.id"),
            1);
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM refunds"), 1);
        // Refunded in part: the payment stays succeeded.
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM payments WHERE status = 'succeeded'"), 2);
        QCOMPARE(TestServer::runCommand({"verify", "--database", database.url()}, &output), 0);
    }

    void seedDemoCreatesItsCouponsOnce()
    {
        TestDatabase database;
        for (int run = 0; run < 2; ++run) {
            QByteArray output;
            QCOMPARE(TestServer::runCommand({"seed-demo", "--database", database.url()}, &output), 0);
        }
        QCOMPARE(database.scalar("SELECT COUNT(*) FROM coupons"), 3);
        QCOMPARE(database.scalar(
                     "SELECT COUNT(*) FROM coupons WHERE code = 'FREEMONTH' AND kind = 'free_period' AND "
                     "plan = 'starter' AND duration_periods = 1"),
                 1);
        QCOMPARE(database.scalar(
                     "SELECT COUNT(*) FROM coupons WHERE code = 'WELCOME10' AND kind = 'bonus_credits' AND "
                     "credits = 250000"),
                 1);
        QCOMPARE(database.scalar(
                     "SELECT COUNT(*) FROM coupons WHERE code = 'EARLYBIRD' AND kind = 'percent_off' AND "
                     "percent = 20 AND duration_periods = 3 AND active = 1"),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestCoupons)
#include "tst_coupons.moc"
