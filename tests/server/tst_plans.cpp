// Plans and subscriptions against a real server on the test clock (docs/billing.md): proration golden
// cases placed to the second with {"now": ...}, the same numbers from the preview and the switch, periods
// anchored on their start day, a simulated year with every balance and charge worked out here by a small
// model of the ledger, renewals that run once, trials, entitlements, plan edits, bad input and access.
// Expected numbers are computed in this file from dates and the catalog, never read back from the server.
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>
#include <thread>

using namespace creditdesk::test;

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kNever = std::numeric_limits<qint64>::max();

// The catalog of resources/plans.json, as this test knows it.
struct PlanFacts
{
    qint64 price;
    qint64 allowance;
    qint64 rolloverPercent;
    qint64 firstMonthBonus;
};

PlanFacts facts(const QString& plan)
{
    if (plan == QLatin1String("starter"))
        return {3000, 750'000, 25, 75'000};
    if (plan == QLatin1String("professional"))
        return {5000, 1'250'000, 50, 125'000};
    if (plan == QLatin1String("enterprise"))
        return {9900, 2'500'000, 100, 250'000};
    return {0, 0, 0, 0};
}

qint64 at(const char* text)
{
    const QDateTime parsed = QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate);
    if (!parsed.isValid())
        throw std::runtime_error(std::string("bad time in test: ") + text);
    return parsed.toMSecsSinceEpoch();
}

qint64 parseTime(const QJsonValue& value)
{
    const QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toMSecsSinceEpoch() : -1;
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// `n` calendar months after the anchor, on the anchor's day clamped to the month's end (QDate does the
// clamping), at the anchor's time of day.
qint64 monthsAfter(qint64 anchor, int n)
{
    const QDateTime a = QDateTime::fromMSecsSinceEpoch(anchor, Qt::UTC);
    return QDateTime(a.date().addMonths(n), a.time(), Qt::UTC).toMSecsSinceEpoch();
}

// round_half_up(amount × r / p) and floor(amount × r / p), by quotient and remainder.
qint64 roundHalfUp(qint64 amount, qint64 r, qint64 p)
{
    const qint64 whole = amount * r / p;
    const qint64 rest = amount * r % p;
    return whole + (2 * rest >= p ? 1 : 0);
}

qint64 floorOf(qint64 amount, qint64 r, qint64 p)
{
    return amount * r / p;
}

int priorityOf(const QString& kind)
{
    if (kind == QLatin1String("bonus"))
        return 10;
    if (kind == QLatin1String("daily_refresh"))
        return 20;
    if (kind == QLatin1String("rollover"))
        return 25;
    if (kind == QLatin1String("plan_allocation"))
        return 30;
    return 50;
}

// What the ledger should hold: grants drawn by priority, then expiry, then age; an expired grant counts
// for nothing.
class ModelLedger
{
public:
    void grant(const QString& kind, qint64 amount, qint64 expiresAt)
    {
        if (amount > 0)
            m_grants.push_back({kind, priorityOf(kind), amount, expiresAt, m_next++});
    }
    qint64 balance(qint64 now) const
    {
        qint64 sum = 0;
        for (const Grant& g : m_grants)
            sum += g.expiresAt > now ? g.remaining : 0;
        return sum;
    }
    void deduct(qint64 amount, qint64 now)
    {
        std::vector<Grant*> live;
        for (Grant& g : m_grants)
            if (g.expiresAt > now && g.remaining > 0)
                live.push_back(&g);
        std::sort(live.begin(), live.end(), [](const Grant* a, const Grant* b) {
            return std::tie(a->priority, a->expiresAt, a->order) <
                   std::tie(b->priority, b->expiresAt, b->order);
        });
        for (Grant* g : live) {
            const qint64 take = std::min(amount, g->remaining);
            g->remaining -= take;
            amount -= take;
        }
        if (amount != 0)
            throw std::runtime_error("model: deduction exceeds the balance");
    }
    // What is left on grants of `kind` that run out at `expiresAt`.
    qint64 remaining(const QString& kind, qint64 expiresAt) const
    {
        qint64 sum = 0;
        for (const Grant& g : m_grants)
            sum += g.kind == kind && g.expiresAt == expiresAt ? g.remaining : 0;
        return sum;
    }
    qint64 expiringAt(qint64 expiresAt) const
    {
        qint64 sum = 0;
        for (const Grant& g : m_grants)
            sum += g.expiresAt == expiresAt ? g.remaining : 0;
        return sum;
    }

private:
    struct Grant
    {
        QString kind;
        int priority;
        qint64 remaining;
        qint64 expiresAt;
        int order;
    };
    std::vector<Grant> m_grants;
    int m_next = 0;
};

// A billing account as the API addresses it.
struct Owner
{
    QString field; // "organization_id" | "user_id"
    qint64 id = 0;
    QByteArray query() const { return field.toLatin1() + '=' + QByteArray::number(id); }
    QJsonObject body(QJsonObject extra = {}) const
    {
        extra.insert(field, id);
        return extra;
    }
};

using ChargeLines = QList<QPair<QString, qint64>>;

} // namespace

class TestPlans : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;

    static QStringList serverArguments()
    {
        // Sessions expire by the test clock: ten years outlast every jump here. The jobs run when the clock
        // moves (the hourly periodic run would land between a test's snapshots at a random moment).
        return {QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"), QStringLiteral("315360000"),
                QStringLiteral("--jobs-interval-ms"), QStringLiteral("3600000")};
    }

    QByteArray loginAs(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }

    static void expectStatus(const HttpResponse& response, int status, const char* what)
    {
        if (response.status != status)
            throw std::runtime_error(std::string(what) + ": expected " + std::to_string(status) + ", got " +
                                     std::to_string(response.status) + " " + response.body.toStdString());
    }

    HttpResponse moveClock(const QJsonObject& body)
    {
        return f->server->client(f->adminToken)->post("/api/v1/admin/test-clock", body);
    }
    // Places the test clock at `when` and runs everything due on the way (renewals at their instants).
    void moveTo(qint64 when)
    {
        const HttpResponse moved = moveClock({{"now", iso(when)}});
        expectStatus(moved, 200, qPrintable(QStringLiteral("move the clock to %1").arg(iso(when))));
        if (parseTime(moved.json().value("now")) != when)
            throw std::runtime_error("the clock is not where it was put: " + moved.body.toStdString());
    }
    qint64 clockNow()
    {
        return parseTime(
            f->server->client(f->adminToken)->get("/api/v1/admin/test-clock").json().value("now"));
    }

    HttpResponse preview(const QByteArray& token, const Owner& owner, const QString& plan,
                         const QString& option = {})
    {
        QByteArray target = "/api/v1/tiers/switch/preview?" + owner.query() + "&plan=" + plan.toLatin1();
        if (!option.isEmpty())
            target += "&billing_option=" + option.toLatin1();
        return f->server->client(token)->get(target);
    }
    HttpResponse switchTo(const QByteArray& token, const Owner& owner, const QString& plan,
                          const QString& option = {})
    {
        QJsonObject body = owner.body({{"plan", plan}});
        if (!option.isEmpty())
            body.insert("billing_option", option);
        return f->server->client(token)->post("/api/v1/tiers/switch", body);
    }
    // Preview, then switch: both must give the same proration. Returns it.
    QJsonObject previewAndSwitch(const QByteArray& token, const Owner& owner, const QString& plan,
                                 const QString& option = {})
    {
        const HttpResponse previewed = preview(token, owner, plan, option);
        expectStatus(previewed, 200, "preview");
        const HttpResponse switched = switchTo(token, owner, plan, option);
        expectStatus(switched, 200, "switch");
        const QJsonObject proration = switched.json().value("proration").toObject();
        if (previewed.json() != proration)
            throw std::runtime_error("preview " + previewed.body.toStdString() + " differs from the switch " +
                                     switched.body.toStdString());
        return proration;
    }
    QJsonObject subscription(const Owner& owner, const QByteArray& token = {})
    {
        const HttpResponse response = f->server->client(token.isEmpty() ? f->adminToken : token)
                                          ->get("/api/v1/subscription?" + owner.query());
        expectStatus(response, 200, "subscription");
        return response.json();
    }
    ChargeLines charges(const Owner& owner)
    {
        const HttpResponse response =
            f->server->client(f->adminToken)->get("/api/v1/charges?limit=500&" + owner.query());
        expectStatus(response, 200, "charges");
        ChargeLines lines;
        for (const QJsonValue& value : response.json().value("data").toArray())
            lines.prepend({value.toObject().value("kind").toString(),
                           value.toObject().value("amount_minor").toInteger()});
        return lines;
    }
    qint64 balance(const Owner& owner)
    {
        const HttpResponse response =
            f->server->client(f->adminToken)->get("/api/v1/credits/balance?" + owner.query());
        expectStatus(response, 200, "balance");
        return response.json().value("balance").toInteger();
    }
    void deduct(const QByteArray& token, const Owner& owner, qint64 amount)
    {
        expectStatus(
            f->server->client(token)->post("/api/v1/credits/deduct", owner.body({{"amount", amount}})), 200,
            "deduct");
    }
    qint64 accountOf(const Owner& owner) { return subscription(owner).value("account_id").toInteger(); }
    qint64 sql(const QString& statement) { return f->database.scalar(statement); }
    // An organization created by the platform admin at the clock's current time (its period's anchor),
    // moved by the admin to `plan` without charge when it is not free. Its members are added the
    // operator's way (Fixture::addMemberByOperator), which seats do not limit: the admin who created it
    // holds the shipped free plan's only seat.
    Owner newOrganization(const QString& name, const QString& plan = QStringLiteral("free"))
    {
        const Owner owner{QStringLiteral("organization_id"), f->createOrganization(f->adminToken, name)};
        if (plan != QLatin1String("free"))
            expectStatus(
                f->server->client(f->adminToken)
                    ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(owner.id),
                              QJsonDocument(QJsonObject{{"tier", plan}}).toJson(QJsonDocument::Compact)),
                200, "set tier");
        return owner;
    }
    // Every table that billing writes, row by row, beside the ledger's: for "nothing changed".
    QStringList snapshot()
    {
        return f->database.dump({"plans ORDER BY id", "subscriptions ORDER BY account_id",
                                 "subscription_periods ORDER BY account_id, period_start",
                                 "subscription_history ORDER BY id", "charges ORDER BY id"});
    }
    void verifyLedger() { CREDITDESK_VERIFY_LEDGER(f->database.url()); }
    // Helpers throw on an unexpected answer; QtTest would end the whole run on an exception.
    template<typename Body> static void guarded(Body body)
    {
        try {
            body();
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
    }

private Q_SLOTS:
    void init() { f = std::make_unique<Fixture>(serverArguments(), Fixture::Catalog::Shipped); }
    void cleanup() { f.reset(); }

    // Upgrades charge round_half_up(Δprice × r / p) and grant floor(Δallowance × r / p), r and p in
    // seconds, the period unmoved; the preview gives the same numbers. Each case's organization is
    // created at its anchor and switched at its instant, all in the order of time (the clock only moves on).
    void prorationGoldenCases()
    {
        guarded([&] {
            struct Case
            {
                const char* what;
                const char* anchor;
                const char* from;
                const char* to;
                const char* switchAt;
                qint64 periodSeconds; // worked out by hand from the calendar
                qint64 remainingSeconds;
                qint64 charge; // worked out by hand
                qint64 credits;
                Owner owner{};
            };
            std::vector<Case> cases{
                {"31-day month, mid-period", "2027-01-15T00:00:00Z", "starter", "professional",
                 "2027-01-30T12:00:00Z", 31 * 86400, 1'339'200, 1000, 250'000},
                {"Jan 31 anchor: the period ends Feb 28", "2027-01-31T00:00:00Z", "free", "professional",
                 "2027-02-10T06:30:00Z", 28 * 86400, 1'531'800, 3166, 791'480},
                {"28-day month", "2027-02-05T09:00:00Z", "professional", "enterprise", "2027-02-20T17:45:00Z",
                 28 * 86400, 1'091'700, 2211, 564'081},
                {"the last second", "2027-02-01T00:00:00Z", "starter", "enterprise", "2027-02-28T23:59:59Z",
                 28 * 86400, 1, 0, 0},
                {"the first second: the whole period", "2027-03-01T00:00:00Z", "starter", "professional",
                 "2027-03-01T00:00:00Z", 31 * 86400, 31 * 86400, 2000, 500'000},
                {"30-day month, exactly half a minor unit rounds up", "2027-04-10T00:00:00Z", "free",
                 "professional", "2027-05-09T23:38:24Z", 30 * 86400, 1296, 3, 625},
                {"29-day February of a leap year", "2028-02-10T00:00:00Z", "starter", "professional",
                 "2028-02-24T12:00:00Z", 29 * 86400, 1'252'800, 1000, 250'000},
                {"leap day anchor: Feb 29 to Mar 29", "2028-02-29T00:00:00Z", "free", "enterprise",
                 "2028-03-15T00:00:00Z", 29 * 86400, 1'209'600, 4779, 1'206'896},
            };
            struct Event
            {
                qint64 when;
                bool create;
                std::size_t index;
            };
            std::vector<Event> events;
            for (std::size_t i = 0; i < cases.size(); ++i) {
                events.push_back({at(cases[i].anchor), true, i});
                events.push_back({at(cases[i].switchAt), false, i});
            }
            std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
                return a.when != b.when ? a.when < b.when : a.create > b.create;
            });
            for (const Event& event : events) {
                Case& c = cases[event.index];
                moveTo(event.when);
                if (event.create) {
                    c.owner = newOrganization(QString::fromLatin1(c.what), QString::fromLatin1(c.from));
                    continue;
                }
                const qint64 anchor = at(c.anchor);
                const qint64 end = monthsAfter(anchor, 1);
                // The numbers again, from the dates and the catalog rather than by hand.
                const qint64 p = (end - anchor) / 1000;
                const qint64 r = (end - event.when) / 1000;
                const PlanFacts from = facts(QString::fromLatin1(c.from));
                const PlanFacts to = facts(QString::fromLatin1(c.to));
                QCOMPARE(p, c.periodSeconds);
                QCOMPARE(r, c.remainingSeconds);
                QCOMPARE(roundHalfUp(to.price - from.price, r, p), c.charge);
                QCOMPARE(floorOf(to.allowance - from.allowance, r, p), c.credits);

                const QJsonObject proration =
                    previewAndSwitch(f->adminToken, c.owner, QString::fromLatin1(c.to));
                const QByteArray what =
                    QByteArray(c.what) + ": " + QJsonDocument(proration).toJson(QJsonDocument::Compact);
                QVERIFY2(proration.value("immediate").toBool(), what.constData());
                QVERIFY2(!proration.value("starts_trial").toBool(), what.constData());
                QVERIFY2(proration.value("charge_minor").toInteger() == c.charge, what.constData());
                QVERIFY2(proration.value("credits_granted").toInteger() == c.credits, what.constData());
                QVERIFY2(proration.value("remaining_seconds").toInteger() == r, what.constData());
                QVERIFY2(proration.value("period_seconds").toInteger() == p, what.constData());
                QVERIFY2(proration.value("discount_minor").toInteger() == 0, what.constData());
                QVERIFY2(parseTime(proration.value("effective_at")) == event.when, what.constData());

                // The period does not move; the plan is the new one; a charge line only when there is a
                // charge; the credits expire at the period end.
                const QJsonObject s = subscription(c.owner);
                QCOMPARE(s.value("plan").toString(), QString::fromLatin1(c.to));
                QCOMPARE(parseTime(s.value("current_period_start")), anchor);
                QCOMPARE(parseTime(s.value("current_period_end")), end);
                QCOMPARE(s.value("pending_change"), QJsonValue());
                const ChargeLines expected =
                    c.charge > 0 ? ChargeLines{{QStringLiteral("proration"), c.charge}} : ChargeLines{};
                QCOMPARE(charges(c.owner), expected);
                QCOMPARE(balance(c.owner), c.credits);
                if (c.credits > 0)
                    QCOMPARE(
                        sql(QStringLiteral("SELECT expires_at FROM grants WHERE kind = 'plan_allocation' AND "
                                           "account_id = %1")
                                .arg(accountOf(c.owner))),
                        end);
            }
            verifyLedger();
        });
    }

    // Periods are counted from the anchor and clamped to the month's last day, never shifted by a short
    // month: Jan 31 → Feb 28 → Mar 31 → Apr 30 → May 31, and Feb 29 2028 → … → Feb 28 2029 → Mar 29 2029.
    // The period fee is charged at each renewal, and a proration uses the period it falls in.
    void periodsFollowTheAnchorDay()
    {
        guarded([&] {
            moveTo(at("2027-01-31T10:00:00Z"));
            const Owner january = newOrganization(QStringLiteral("January"), QStringLiteral("professional"));
            const qint64 anchor = at("2027-01-31T10:00:00Z");
            const QList<qint64> ends{at("2027-02-28T10:00:00Z"), at("2027-03-31T10:00:00Z"),
                                     at("2027-04-30T10:00:00Z"), at("2027-05-31T10:00:00Z")};
            for (int n = 0; n < ends.size(); ++n)
                QCOMPARE(monthsAfter(anchor, n + 1), ends[n]);
            QCOMPARE(parseTime(subscription(january).value("current_period_end")), ends[0]);
            moveTo(ends[0]);
            QCOMPARE(parseTime(subscription(january).value("current_period_start")), ends[0]);
            QCOMPARE(parseTime(subscription(january).value("current_period_end")), ends[1]);
            // Mid-period in the 31-day period Feb 28 → Mar 31: professional → enterprise.
            const qint64 upgradeAt = at("2027-03-15T10:00:00Z");
            moveTo(upgradeAt);
            const QJsonObject proration =
                previewAndSwitch(f->adminToken, january, QStringLiteral("enterprise"));
            QCOMPARE(proration.value("period_seconds").toInteger(), 31 * 86400);
            QCOMPARE(proration.value("remaining_seconds").toInteger(), 16 * 86400);
            QCOMPARE(proration.value("charge_minor").toInteger(), roundHalfUp(4900, 16, 31)); // 2529
            QCOMPARE(proration.value("charge_minor").toInteger(), 2529);
            QCOMPARE(proration.value("credits_granted").toInteger(), 645'161);
            for (int n = 2; n < ends.size(); ++n) {
                moveTo(ends[n - 1]);
                QCOMPARE(parseTime(subscription(january).value("current_period_end")), ends[n]);
            }
            QCOMPARE(
                charges(january),
                (ChargeLines{
                    {"period_fee", 5000}, {"proration", 2529}, {"period_fee", 9900}, {"period_fee", 9900}}));

            const qint64 leapAnchor = at("2028-02-29T12:00:00Z");
            moveTo(leapAnchor);
            const Owner leap = newOrganization(QStringLiteral("Leap"), QStringLiteral("starter"));
            QList<qint64> leapEnds;
            for (const char* end : {"2028-03-29T12:00:00Z", "2028-04-29T12:00:00Z", "2028-05-29T12:00:00Z",
                                    "2028-06-29T12:00:00Z", "2028-07-29T12:00:00Z", "2028-08-29T12:00:00Z",
                                    "2028-09-29T12:00:00Z", "2028-10-29T12:00:00Z", "2028-11-29T12:00:00Z",
                                    "2028-12-29T12:00:00Z", "2029-01-29T12:00:00Z", "2029-02-28T12:00:00Z",
                                    "2029-03-29T12:00:00Z"})
                leapEnds.append(at(end));
            for (int n = 0; n < leapEnds.size(); ++n)
                QCOMPARE(monthsAfter(leapAnchor, n + 1), leapEnds[n]);
            QCOMPARE(parseTime(subscription(leap).value("current_period_end")), leapEnds[0]);
            // A year in one move: the clock stops at every renewal on the way.
            moveTo(at("2029-03-01T00:00:00Z"));
            const QJsonObject s = subscription(leap);
            QCOMPARE(parseTime(s.value("current_period_start")), leapEnds[11]);
            QCOMPARE(parseTime(s.value("current_period_end")), leapEnds[12]);
            QCOMPARE(charges(leap).size(), 12);
            for (const auto& line : charges(leap))
                QCOMPARE(line, (QPair<QString, qint64>{"period_fee", 3000}));
            const qint64 leapAccount = accountOf(leap);
            QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM subscription_periods WHERE account_id = %1")
                             .arg(leapAccount)),
                     12);
            for (int n = 0; n < 12; ++n)
                QCOMPARE(
                    sql(QStringLiteral("SELECT COUNT(*) FROM subscription_periods WHERE account_id = %1 AND "
                                       "period_start = %2")
                            .arg(leapAccount)
                            .arg(leapEnds[n])),
                    1);
            verifyLedger();
        });
    }

    // A year on the test clock. Pat, a personal user on free: sign-up credits once, a daily refresh that
    // only lasts its day. Acme: a starter trial that ends into starter, a mid-period upgrade to
    // professional, rollovers, an upgrade to enterprise with a downgrade scheduled, cancelled by switching
    // back, scheduled again and applied, cancel and resume, a cancellation to free. Every balance and
    // charge is the model's; verify is clean at the end.
    void aSimulatedYear()
    {
        guarded([&] {
            const qint64 t0 = at("2027-01-04T08:00:00Z");
            moveTo(t0);
            const Owner acme{QStringLiteral("organization_id"), f->createOrganization(f->adminToken, "Acme")};
            f->addMemberByOperator(acme.id, "owner@acme.test", "owner");
            const qint64 patId = f->addMemberByOperator(acme.id, "pat@acme.test", "member");
            const Owner pat{QStringLiteral("user_id"), patId};
            const QByteArray owner = loginAs("owner@acme.test");
            const QByteArray patToken = loginAs("pat@acme.test");
            moveTo(t0); // runs the jobs now: Pat's first daily refresh

            ModelLedger acmeModel;
            ChargeLines acmeCharges;
            qint64 patSignupLeft = 250'000;
            const auto nextMidnight = [](qint64 when) { return (when / kDayMs + 1) * kDayMs; };
            const qint64 patAccount = accountOf(pat);
            const qint64 acmeAccount = accountOf(acme);
            const auto checkPat = [&](qint64 now) {
                // The sign-up credits (never expiring) and today's refresh only, however far the clock
                // jumped.
                QCOMPARE(balance(pat), patSignupLeft + 2500);
                QCOMPARE(
                    sql(QStringLiteral(
                            "SELECT COUNT(*) FROM grants WHERE account_id = %1 AND kind = 'daily_refresh' "
                            "AND expires_at > %2")
                            .arg(patAccount)
                            .arg(now)),
                    1);
                QCOMPARE(sql(QStringLiteral("SELECT expires_at FROM grants WHERE account_id = %1 AND kind = "
                                            "'daily_refresh' AND expires_at > %2")
                                 .arg(patAccount)
                                 .arg(now)),
                         nextMidnight(now));
                QCOMPARE(charges(pat), ChargeLines{});
                QCOMPARE(subscription(pat).value("plan").toString(), QString("free"));
            };
            const auto checkAcme = [&](qint64 now) {
                QCOMPARE(balance(acme), acmeModel.balance(now));
                QCOMPARE(charges(acme), acmeCharges);
            };
            QCOMPARE(
                sql(QStringLiteral("SELECT COUNT(*) FROM grants WHERE account_id = %1 AND kind = 'bonus' AND "
                                   "amount = 250000")
                        .arg(patAccount)),
                1);
            checkPat(t0);

            // Free → starter: the trial, 14 days with 10,000 credits, no charge.
            const QJsonObject trial = previewAndSwitch(owner, acme, "starter");
            QCOMPARE(trial.value("starts_trial").toBool(), true);
            QCOMPARE(trial.value("charge_minor").toInteger(), 0);
            QCOMPARE(trial.value("credits_granted").toInteger(), 10'000);
            const qint64 trialEnd = t0 + 14 * kDayMs;
            acmeModel.grant("bonus", 10'000, trialEnd);
            QCOMPARE(subscription(acme).value("status").toString(), QString("trialing"));
            QCOMPARE(parseTime(subscription(acme).value("trial_end")), trialEnd);
            checkAcme(t0);

            // Several days later: only the current day's refresh for Pat; Pat spends some sign-up credits.
            const qint64 t1 = at("2027-01-10T13:00:00Z");
            moveTo(t1);
            checkPat(t1);
            deduct(patToken, pat, 1000);
            patSignupLeft -= 1000; // bonus credits are drawn before the refresh
            checkPat(t1);
            deduct(owner, acme, 4000);
            acmeModel.deduct(4000, t1);
            checkAcme(t1);

            // The trial ends into starter: the period fee in advance, the allowance and the first-month
            // bonus, a period anchored at the trial's end.
            const qint64 anchor = trialEnd;
            const auto boundary = [&](int n) { return monthsAfter(anchor, n); };
            // Renewal n (at boundary n) from the ending plan to the next, as the model sees it; the rollover
            // it granted is left in `rolledOver`.
            qint64 rolledOver = -1;
            const auto renew = [&](int n, const QString& ending, const QString& next, bool bonus) {
                const qint64 start = boundary(n);
                const qint64 end = boundary(n + 1);
                const qint64 left = acmeModel.remaining("plan_allocation", start);
                const qint64 expiring = acmeModel.expiringAt(start);
                const qint64 rollover =
                    std::min(left, facts(ending).allowance * facts(ending).rolloverPercent / 100);
                if (facts(next).price > 0)
                    acmeCharges.append({"period_fee", facts(next).price});
                acmeModel.grant("plan_allocation", facts(next).allowance, end);
                if (bonus)
                    acmeModel.grant("bonus", facts(next).firstMonthBonus, end);
                acmeModel.grant("rollover", rollover, end);
                moveTo(start);
                // The ledger books everything left as expiry at the boundary and grants the rollover again.
                QCOMPARE(sql(QStringLiteral(
                                 "SELECT COALESCE(-SUM(amount), 0) FROM transactions WHERE account_id = %1 "
                                 "AND kind = 'expiry' AND created_at = %2")
                                 .arg(acmeAccount)
                                 .arg(start)),
                         expiring);
                QCOMPARE(sql(QStringLiteral(
                                 "SELECT COALESCE(SUM(amount), 0) FROM grants WHERE account_id = %1 AND "
                                 "kind = 'rollover' AND expires_at = %2")
                                 .arg(acmeAccount)
                                 .arg(end)),
                         rollover);
                const QJsonObject s = subscription(acme);
                QCOMPARE(s.value("plan").toString(), next);
                QCOMPARE(s.value("status").toString(), QString("active"));
                QCOMPARE(parseTime(s.value("current_period_start")), start);
                QCOMPARE(parseTime(s.value("current_period_end")), end);
                checkAcme(start);
                checkPat(start);
                rolledOver = rollover;
            };
            renew(0, "starter", "starter", true);
            QCOMPARE(rolledOver, 0);
            QCOMPARE(balance(acme), 825'000);
            const QJsonArray feeLines = f->server->client(owner)
                                            ->get("/api/v1/charges?" + acme.query())
                                            .json()
                                            .value("data")
                                            .toArray();
            QCOMPARE(parseTime(feeLines.at(0).toObject().value("period_start")), boundary(0));
            QCOMPARE(parseTime(feeLines.at(0).toObject().value("period_end")), boundary(1));

            const qint64 t2 = at("2027-01-25T08:00:00Z");
            moveTo(t2);
            deduct(owner, acme, 100'000); // the bonus first, then the allowance
            acmeModel.deduct(100'000, t2);
            checkAcme(t2);

            // Starter → professional mid-period: prorated; no first-month bonus on an upgrade.
            const qint64 t3 = at("2027-02-01T20:00:00Z");
            moveTo(t3);
            const qint64 p1 = (boundary(1) - boundary(0)) / 1000;
            const qint64 r1 = (boundary(1) - t3) / 1000;
            const QJsonObject upgrade = previewAndSwitch(owner, acme, "professional");
            QCOMPARE(upgrade.value("charge_minor").toInteger(), roundHalfUp(2000, r1, p1));
            QCOMPARE(upgrade.value("charge_minor").toInteger(), 1065);
            QCOMPARE(upgrade.value("credits_granted").toInteger(), floorOf(500'000, r1, p1));
            acmeCharges.append({"proration", roundHalfUp(2000, r1, p1)});
            acmeModel.grant("plan_allocation", floorOf(500'000, r1, p1), boundary(1));
            checkAcme(t3);
            QCOMPARE(parseTime(subscription(acme).value("current_period_end")), boundary(1));

            // Professional renews; the rollover is capped at 50 % of its 1,250,000.
            renew(1, "professional", "professional", false);
            QCOMPARE(rolledOver, 625'000);
            const qint64 t4 = at("2027-03-01T08:00:00Z");
            moveTo(t4);
            deduct(owner, acme, 700'000); // the rollover before the allowance
            acmeModel.deduct(700'000, t4);
            checkAcme(t4);
            renew(2, "professional", "professional", false);
            QCOMPARE(rolledOver, 625'000);

            // Professional → enterprise mid-period, then a downgrade scheduled, cancelled by switching back,
            // scheduled again (with the byok option) and applied at the period end.
            const qint64 t5 = at("2027-04-01T00:00:00Z");
            moveTo(t5);
            const qint64 p3 = (boundary(3) - boundary(2)) / 1000;
            const qint64 r3 = (boundary(3) - t5) / 1000;
            const QJsonObject toEnterprise = previewAndSwitch(owner, acme, "enterprise");
            QCOMPARE(toEnterprise.value("charge_minor").toInteger(), roundHalfUp(4900, r3, p3));
            QCOMPARE(toEnterprise.value("credits_granted").toInteger(), floorOf(1'250'000, r3, p3));
            acmeCharges.append({"proration", roundHalfUp(4900, r3, p3)});
            acmeModel.grant("plan_allocation", floorOf(1'250'000, r3, p3), boundary(3));
            checkAcme(t5);

            const qint64 t6 = at("2027-04-05T00:00:00Z");
            moveTo(t6);
            const QJsonObject scheduled = previewAndSwitch(owner, acme, "professional");
            QCOMPARE(scheduled.value("immediate").toBool(), false);
            QCOMPARE(scheduled.value("charge_minor").toInteger(), 0);
            QCOMPARE(scheduled.value("credits_granted").toInteger(), 0);
            QCOMPARE(parseTime(scheduled.value("effective_at")), boundary(3));
            QJsonObject s = subscription(acme);
            QCOMPARE(s.value("plan").toString(), QString("enterprise"));
            QCOMPARE(s.value("pending_change").toObject().value("plan").toString(), QString("professional"));
            QCOMPARE(parseTime(s.value("pending_change").toObject().value("effective_at")), boundary(3));
            previewAndSwitch(owner, acme, "enterprise"); // switching back cancels the pending change
            QCOMPARE(subscription(acme).value("pending_change"), QJsonValue());
            const QJsonArray history = f->server->client(owner)
                                           ->get("/api/v1/subscription/history?" + acme.query())
                                           .json()
                                           .value("data")
                                           .toArray();
            QCOMPARE(history.at(0).toObject().value("kind").toString(), QString("pending_change_canceled"));
            QCOMPARE(history.at(1).toObject().value("kind").toString(), QString("downgrade_scheduled"));
            moveTo(t6 + kDayMs);
            QCOMPARE(previewAndSwitch(owner, acme, "professional", "byok").value("immediate").toBool(),
                     false);
            QCOMPARE(subscription(acme).value("pending_change").toObject().value("billing_option").toString(),
                     QString("byok"));
            checkAcme(t6 + kDayMs);
            renew(3, "enterprise", "professional", false);
            QCOMPARE(rolledOver,
                     1'250'000 + floorOf(1'250'000, r3, p3)); // enterprise's 100 % caps nothing here
            QCOMPARE(subscription(acme).value("billing_option").toString(), QString("byok"));
            QCOMPARE(subscription(acme).value("pending_change"), QJsonValue());

            const qint64 t7 = at("2027-05-01T00:00:00Z");
            moveTo(t7);
            deduct(owner, acme, 2'000'000);
            acmeModel.deduct(2'000'000, t7);
            checkAcme(t7);
            renew(4, "professional", "professional", false);

            // Cancel, resume: nothing changes at the period end.
            moveTo(at("2027-06-01T00:00:00Z"));
            QCOMPARE(f->server->client(owner)->post("/api/v1/subscription/cancel", acme.body()).status, 200);
            QCOMPARE(subscription(acme).value("cancel_at_period_end").toBool(), true);
            moveTo(at("2027-06-02T00:00:00Z"));
            const HttpResponse resumed =
                f->server->client(owner)->post("/api/v1/subscription/resume", acme.body());
            QCOMPARE(resumed.status, 200);
            QCOMPARE(resumed.json().value("cancel_at_period_end").toBool(), false);
            renew(5, "professional", "professional", false);

            // Cancel for good: free from the period end, no fee; the rollover of the ending plan stays.
            moveTo(at("2027-07-01T00:00:00Z"));
            QCOMPARE(f->server->client(owner)->post("/api/v1/subscription/cancel", acme.body()).status, 200);
            renew(6, "professional", "free", false);
            // Free months to the end of the year: no charges, no allowance.
            for (int n = 7; n <= 11; ++n)
                renew(n, "free", "free", false);
            const qint64 end = at("2028-01-04T08:00:00Z");
            moveTo(end);
            checkAcme(end);
            checkPat(end);
            QCOMPARE(acmeCharges, (ChargeLines{{"period_fee", 3000},
                                               {"proration", 1065},
                                               {"period_fee", 5000},
                                               {"period_fee", 5000},
                                               {"proration", roundHalfUp(4900, r3, p3)},
                                               {"period_fee", 5000},
                                               {"period_fee", 5000},
                                               {"period_fee", 5000}}));
            QCOMPARE(sql(QStringLiteral(
                             "SELECT COUNT(*) FROM grants WHERE account_id = %1 AND kind = 'daily_refresh'")
                             .arg(acmeAccount)),
                     0);
            // Pat's periods renewed monthly on the free plan too, anchored at the account's creation.
            QCOMPARE(parseTime(subscription(pat).value("current_period_end")), monthsAfter(t0, 13));
            verifyLedger();
        });
    }

    // Moving the clock to the same instant again, or by zero seconds, renews nothing twice; two moves at
    // once renew once (one of them may be refused as busy).
    void renewalRunsOncePerPeriod()
    {
        guarded([&] {
            const qint64 start = at("2027-01-10T00:00:00Z");
            moveTo(start);
            const Owner org = newOrganization(QStringLiteral("Once"), QStringLiteral("starter"));
            const qint64 due = monthsAfter(start, 1);
            moveTo(due);
            moveTo(due);
            QCOMPARE(moveClock({{"advance_seconds", 0}}).status, 200);
            std::vector<std::thread> threads;
            std::atomic<int> refusedAsBusy{0};
            std::atomic<int> failed{0};
            for (int i = 0; i < 2; ++i)
                threads.emplace_back([&] {
                    auto client = f->server->client(f->adminToken);
                    const HttpResponse r =
                        client->post("/api/v1/admin/test-clock", {{"now", iso(due + 1000)}});
                    if (r.status == 409 && r.errorCode() == QLatin1String("clock_busy"))
                        ++refusedAsBusy;
                    else if (r.status != 200)
                        ++failed;
                });
            for (std::thread& thread : threads)
                thread.join();
            QCOMPARE(failed.load(), 0);
            QVERIFY(refusedAsBusy.load() <= 1);
            QCOMPARE(charges(org), (ChargeLines{{"period_fee", 3000}}));
            const qint64 account = accountOf(org);
            QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM subscription_periods WHERE account_id = %1")
                             .arg(account)),
                     1);
            QCOMPARE(sql(QStringLiteral(
                             "SELECT COUNT(*) FROM grants WHERE account_id = %1 AND kind = 'plan_allocation'")
                             .arg(account)),
                     1);
            // First-month bonus once (an operator's move to starter never gave it) and no rollover: nothing
            // was granted in the first period.
            QCOMPARE(balance(org), 750'000 + 75'000);
            QCOMPARE(parseTime(subscription(org).value("current_period_end")), monthsAfter(start, 2));
            // The periodic job runs at the standing clock too: still once.
            QTest::qWait(600);
            QCOMPARE(charges(org).size(), 1);
            verifyLedger();
        });
    }

    // Free → starter starts the trial once per account; it ends into starter; a second start after
    // a cancellation is an ordinary prorated upgrade.
    void trialStartsOnceAndEndsIntoItsPlan()
    {
        guarded([&] {
            const qint64 start = at("2027-01-10T06:00:00Z");
            moveTo(start);
            const Owner org = newOrganization(QStringLiteral("Trial"));
            const QJsonObject proration = previewAndSwitch(f->adminToken, org, "starter");
            QCOMPARE(proration.value("starts_trial").toBool(), true);
            QCOMPARE(proration.value("immediate").toBool(), true);
            QCOMPARE(proration.value("charge_minor").toInteger(), 0);
            QCOMPARE(proration.value("credits_granted").toInteger(), 10'000);
            QCOMPARE(proration.value("remaining_seconds").toInteger(), 14 * 86400);
            const qint64 trialEnd = start + 14 * kDayMs;
            QJsonObject s = subscription(org);
            QCOMPARE(s.value("status").toString(), QString("trialing"));
            QCOMPARE(s.value("plan").toString(), QString("starter"));
            QCOMPARE(parseTime(s.value("trial_end")), trialEnd);
            QCOMPARE(parseTime(s.value("current_period_end")), trialEnd);
            QCOMPARE(balance(org), 10'000);
            QCOMPARE(charges(org), ChargeLines{});
            const QJsonObject entitlements =
                f->server->client(f->adminToken)->get("/api/v1/entitlements?" + org.query()).json();
            QCOMPARE(entitlements.value("status").toString(), QString("trialing"));
            QCOMPARE(entitlements.value("limits").toObject().value("models").toString(), QString("all"));

            moveTo(trialEnd - 1000);
            QCOMPARE(subscription(org).value("status").toString(), QString("trialing"));
            moveTo(trialEnd);
            s = subscription(org);
            QCOMPARE(s.value("status").toString(), QString("active"));
            QCOMPARE(s.value("plan").toString(), QString("starter"));
            QCOMPARE(parseTime(s.value("current_period_start")), trialEnd);
            QCOMPARE(parseTime(s.value("current_period_end")), monthsAfter(trialEnd, 1));
            QCOMPARE(charges(org), (ChargeLines{{"period_fee", 3000}}));
            QCOMPARE(balance(org), 750'000 + 75'000); // the trial credits ended with the trial
            const QJsonArray history = f->server->client(f->adminToken)
                                           ->get("/api/v1/subscription/history?" + org.query())
                                           .json()
                                           .value("data")
                                           .toArray();
            QStringList kinds;
            for (const QJsonValue& entry : history)
                kinds.prepend(entry.toObject().value("kind").toString());
            QCOMPARE(kinds, (QStringList{"created", "trial_started", "trial_ended", "renewal"}));

            // Cancelled to free, the account has had its trial: starter again is a prorated upgrade.
            QCOMPARE(f->server->client(f->adminToken)->post("/api/v1/subscription/cancel", org.body()).status,
                     200);
            const qint64 freeFrom = monthsAfter(trialEnd, 1);
            moveTo(freeFrom);
            QCOMPARE(subscription(org).value("plan").toString(), QString("free"));
            const qint64 again = freeFrom + 10 * kDayMs;
            moveTo(again);
            const QJsonObject second = previewAndSwitch(f->adminToken, org, "starter");
            const qint64 p = (monthsAfter(trialEnd, 2) - freeFrom) / 1000;
            const qint64 r = (monthsAfter(trialEnd, 2) - again) / 1000;
            QCOMPARE(second.value("starts_trial").toBool(), false);
            QCOMPARE(second.value("charge_minor").toInteger(), roundHalfUp(3000, r, p));
            QCOMPARE(second.value("credits_granted").toInteger(), floorOf(750'000, r, p));
            QCOMPARE(subscription(org).value("status").toString(), QString("active"));
            verifyLedger();
        });
    }

    // A free account: its entitlements say free models only, and tracking a paid model is refused with
    // model_not_in_plan, changing nothing; after an upgrade the same event is rated.
    void freeAccountEntitlementsAndModels()
    {
        guarded([&] {
            const qint64 start = at("2027-02-01T00:00:00Z");
            moveTo(start);
            const Owner org = newOrganization(QStringLiteral("Free Co"));
            f->addMemberByOperator(org.id, "owner@free.test", "owner");
            const QByteArray owner = loginAs("owner@free.test");
            const QByteArray gateway = f->createApiToken(owner, org.id, {"metering:write"});
            const QJsonObject entitlements =
                f->server->client(owner)->get("/api/v1/entitlements?" + org.query()).json();
            QCOMPARE(entitlements.value("plan").toString(), QString("free"));
            QCOMPARE(entitlements.value("features").toArray(), QJsonArray{"basic_chatflows"});
            const QJsonObject limits = entitlements.value("limits").toObject();
            QCOMPARE(limits.value("models").toString(), QString("free_only"));
            QCOMPARE(limits.value("byok").toBool(), false);
            QCOMPARE(limits.value("monthly_credits").toInteger(), 0);
            QCOMPARE(limits.value("included_seats").toInteger(), 1);
            QCOMPARE(limits.value("concurrent_tasks").toInteger(), 1);
            QCOMPARE(limits.value("markup_basis_points").toInteger(), 0);

            const auto event = [&](const QString& id, const QString& model) {
                return QJsonObject{
                    {"id", id},
                    {"occurred_at", QDateTime::fromMSecsSinceEpoch(clockNow() - 60'000, Qt::UTC)
                                        .toString(Qt::ISODateWithMs)},
                    {"organization_id", org.id},
                    {"kind", "chat"},
                    {"model", model},
                    {"tokens_input", 1000},
                    {"tokens_output", 500}};
            };
            const QStringList before = snapshot();
            const HttpResponse refused =
                f->server->client(gateway)->post("/api/v1/metering/track", event("e-1", "openai/gpt-4o"));
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.errorCode(), QString("model_not_in_plan"));
            QCOMPARE(snapshot(), before);

            moveTo(start + 3 * kDayMs);
            previewAndSwitch(owner, org, "professional");
            const QJsonObject paid =
                f->server->client(owner)->get("/api/v1/entitlements?" + org.query()).json();
            QCOMPARE(paid.value("plan").toString(), QString("professional"));
            QVERIFY(paid.value("features").toArray().contains(QJsonValue("priority_support")));
            QCOMPARE(paid.value("limits").toObject().value("models").toString(), QString("all"));
            QCOMPARE(paid.value("limits").toObject().value("byok").toBool(), true);
            QCOMPARE(paid.value("limits").toObject().value("markup_basis_points").toInteger(), 500);
            const HttpResponse rated =
                f->server->client(gateway)->post("/api/v1/metering/track", event("e-2", "openai/gpt-4o"));
            QVERIFY2(rated.status == 200, rated.body.constData());
            verifyLedger();
        });
    }

    // A platform admin's edit of a plan leaves every current period on the terms it began with; the
    // next period is charged and granted on the new ones.
    void planEditAppliesFromTheNextPeriod()
    {
        guarded([&] {
            const qint64 start = at("2027-01-10T00:00:00Z");
            moveTo(start);
            const Owner org = newOrganization(QStringLiteral("Edited"), QStringLiteral("starter"));
            f->addMemberByOperator(org.id, "owner@edit.test", "owner");
            const QByteArray owner = loginAs("owner@edit.test");
            QJsonObject starter;
            for (const QJsonValue& plan :
                 f->server->client(f->adminToken)->get("/api/v1/admin/plans").json().value("data").toArray())
                if (plan.toObject().value("id").toString() == QLatin1String("starter"))
                    starter = plan.toObject();
            QCOMPARE(starter.value("price_minor").toInteger(), 3000);
            starter.insert("price_minor", 3500);
            starter.insert("billing_options", QJsonArray{QJsonObject{{"option", "credits"},
                                                                     {"monthly_credits", 800'000},
                                                                     {"markup_basis_points", 2000}}});
            const QByteArray body = QJsonDocument(starter).toJson(QJsonDocument::Compact);
            const QStringList before = snapshot();
            QCOMPARE(f->server->client(owner)->request("PUT", "/api/v1/admin/plans/starter", body).status,
                     403);
            QCOMPARE(snapshot(), before);
            moveTo(start + 5 * kDayMs);
            const HttpResponse edited =
                f->server->client(f->adminToken)->request("PUT", "/api/v1/admin/plans/starter", body);
            QCOMPARE(edited.status, 200);
            QCOMPARE(edited.json().value("price_minor").toInteger(), 3500);
            // The catalog shows the new terms; the running period keeps the old ones.
            const QJsonArray compared =
                f->server->client()->get("/api/v1/tiers/compare").json().value("data").toArray();
            QCOMPARE(compared.at(1).toObject().value("price_minor").toInteger(), 3500);
            QJsonObject s = subscription(org, owner);
            QCOMPARE(s.value("price_minor").toInteger(), 3000);
            QCOMPARE(s.value("monthly_credits").toInteger(), 750'000);
            QCOMPARE(f->server->client(owner)
                         ->get("/api/v1/entitlements?" + org.query())
                         .json()
                         .value("limits")
                         .toObject()
                         .value("markup_basis_points")
                         .toInteger(),
                     1000);
            // Next period: 3,500 charged, 800,000 granted and the first-month bonus. No rollover: the
            // operator's move to starter granted no allowance to roll over.
            const qint64 next = monthsAfter(start, 1);
            moveTo(next);
            QCOMPARE(charges(org), (ChargeLines{{"period_fee", 3500}}));
            QCOMPARE(balance(org), 800'000 + 75'000);
            s = subscription(org, owner);
            QCOMPARE(s.value("price_minor").toInteger(), 3500);
            QCOMPARE(s.value("monthly_credits").toInteger(), 800'000);
            QCOMPARE(f->server->client(owner)
                         ->get("/api/v1/entitlements?" + org.query())
                         .json()
                         .value("limits")
                         .toObject()
                         .value("markup_basis_points")
                         .toInteger(),
                     2000);
            verifyLedger();
        });
    }

    // Every new route refuses bad input with 422 naming the field (or the route's own error), and nothing
    // changes.
    void badInputIsRefusedNamingTheField()
    {
        guarded([&] {
            moveTo(at("2027-01-10T00:00:00Z"));
            const Owner org = newOrganization(QStringLiteral("Inputs"), QStringLiteral("starter"));
            const QByteArray id = QByteArray::number(org.id);
            const qint64 userId = f->addMemberByOperator(org.id, "pat@inputs.test", "member");
            QJsonObject starter;
            for (const QJsonValue& plan :
                 f->server->client(f->adminToken)->get("/api/v1/admin/plans").json().value("data").toArray())
                if (plan.toObject().value("id").toString() == QLatin1String("starter"))
                    starter = plan.toObject();
            const auto planWith = [&](const QString& field, const QJsonValue& value) {
                QJsonObject plan = starter;
                if (value.isUndefined())
                    plan.remove(field);
                else
                    plan.insert(field, value);
                return QJsonDocument(plan).toJson(QJsonDocument::Compact);
            };
            const Owner free = newOrganization(QStringLiteral("Nothing to cancel"));
            moveClock({{"advance_seconds", 0}}); // the jobs of the new user ran: nothing is pending below
            const QStringList before = snapshot();
            struct Bad
            {
                QByteArray method;
                QByteArray target;
                QByteArray body;
                int status;
                QString code;
                QString field; // empty: no field to name
            };
            const QByteArray o = "organization_id=" + id;
            const QByteArray ob = R"("organization_id": )" + id;
            const std::vector<Bad> cases{
                {"GET", "/api/v1/entitlements", {}, 422, "validation_failed", "organization_id"},
                {"GET",
                 "/api/v1/entitlements?" + o + "&user_id=" + QByteArray::number(userId),
                 {},
                 422,
                 "validation_failed",
                 "organization_id"},
                {"GET",
                 "/api/v1/entitlements?organization_id=abc",
                 {},
                 422,
                 "validation_failed",
                 "organization_id"},
                {"GET", "/api/v1/subscription", {}, 422, "validation_failed", "organization_id"},
                {"GET",
                 "/api/v1/subscription?organization_id=-4",
                 {},
                 422,
                 "validation_failed",
                 "organization_id"},
                {"GET",
                 "/api/v1/subscription/history?" + o + "&cursor=0",
                 {},
                 422,
                 "validation_failed",
                 "cursor"},
                {"GET",
                 "/api/v1/subscription/history?" + o + "&cursor=x",
                 {},
                 422,
                 "validation_failed",
                 "cursor"},
                {"GET",
                 "/api/v1/subscription/history?" + o + "&limit=0",
                 {},
                 422,
                 "validation_failed",
                 "limit"},
                {"GET",
                 "/api/v1/subscription/history?" + o + "&limit=501",
                 {},
                 422,
                 "validation_failed",
                 "limit"},
                {"GET", "/api/v1/tiers/switch/preview?" + o, {}, 422, "validation_failed", "plan"},
                {"GET", "/api/v1/tiers/switch/preview?" + o + "&plan=gold", {}, 422, "unknown_plan", "plan"},
                {"GET",
                 "/api/v1/tiers/switch/preview?" + o + "&plan=professional&billing_option=cash",
                 {},
                 422,
                 "validation_failed",
                 "billing_option"},
                {"GET",
                 "/api/v1/tiers/switch/preview?" + o + "&plan=starter&billing_option=byok",
                 {},
                 422,
                 "billing_option_not_in_tier",
                 "billing_option"},
                {"GET",
                 "/api/v1/tiers/switch/preview?plan=starter",
                 {},
                 422,
                 "validation_failed",
                 "organization_id"},
                {"POST", "/api/v1/tiers/switch", "{" + ob + "}", 422, "validation_failed", "plan"},
                {"POST", "/api/v1/tiers/switch", "{" + ob + R"(, "plan": "")" + "}", 422, "validation_failed",
                 "plan"},
                {"POST", "/api/v1/tiers/switch", "{" + ob + R"(, "plan": 7)" + "}", 422, "validation_failed",
                 "plan"},
                {"POST", "/api/v1/tiers/switch", "{" + ob + R"(, "plan": "gold")" + "}", 422, "unknown_plan",
                 "plan"},
                {"POST", "/api/v1/tiers/switch",
                 "{" + ob + R"(, "plan": "professional", "billing_option": "cash")" + "}", 422,
                 "validation_failed", "billing_option"},
                {"POST", "/api/v1/tiers/switch",
                 "{" + ob + R"(, "plan": "starter", "billing_option": "byok")" + "}", 422,
                 "billing_option_not_in_tier", "billing_option"},
                {"POST", "/api/v1/tiers/switch", "{" + ob + R"(, "plan": "professional", "seats": 4)" + "}",
                 422, "unknown_field", "seats"},
                {"POST", "/api/v1/tiers/switch", R"({"plan": "professional"})", 422, "validation_failed",
                 "organization_id"},
                {"POST", "/api/v1/tiers/switch",
                 "{" + ob + R"(, "user_id": )" + QByteArray::number(userId) + R"(, "plan": "professional"})",
                 422, "validation_failed", "organization_id"},
                {"POST", "/api/v1/tiers/switch", R"({"organization_id": "x", "plan": "professional"})", 422,
                 "validation_failed", "organization_id"},
                {"POST", "/api/v1/subscription/cancel", "{}", 422, "validation_failed", "organization_id"},
                {"POST", "/api/v1/subscription/cancel", "{" + ob + R"(, "at_once": true)" + "}", 422,
                 "unknown_field", "at_once"},
                {"POST", "/api/v1/subscription/resume", "{}", 422, "validation_failed", "organization_id"},
                {"POST", "/api/v1/subscription/resume", "{" + ob + R"(, "plan": "starter")" + "}", 422,
                 "unknown_field", "plan"},
                {"GET", "/api/v1/charges", {}, 422, "validation_failed", "organization_id"},
                {"GET",
                 "/api/v1/charges?" + o + "&uninvoiced=maybe",
                 {},
                 422,
                 "validation_failed",
                 "uninvoiced"},
                {"GET", "/api/v1/charges?" + o + "&cursor=-1", {}, 422, "validation_failed", "cursor"},
                {"GET", "/api/v1/charges?" + o + "&limit=abc", {}, 422, "validation_failed", "limit"},
                {"PUT", "/api/v1/admin/plans/gold", planWith("name", "Gold"), 404, "not_found", {}},
                {"PUT", "/api/v1/admin/plans/starter", planWith("price_minor", -1), 422, "validation_failed",
                 "price_minor"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("price_minor", QJsonValue::Undefined), 422,
                 "validation_failed", "price_minor"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("price_minor", "3000"), 422,
                 "validation_failed", "price_minor"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("name", ""), 422, "validation_failed",
                 "name"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("id", "professional"), 422,
                 "validation_failed", "id"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("currency", "EUR"), 422, "validation_failed",
                 "currency"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("interval", "year"), 422, "validation_failed",
                 "interval"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("models", "some"), 422, "validation_failed",
                 "models"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("billing_options", QJsonArray{}), 422,
                 "validation_failed", "billing_options"},
                {"PUT", "/api/v1/admin/plans/starter",
                 planWith("billing_options",
                          QJsonArray{QJsonObject{
                              {"option", "credits"}, {"monthly_credits", -5}, {"markup_basis_points", 0}}}),
                 422, "validation_failed", "billing_options[].monthly_credits"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("features", QJsonArray{"Not A Key"}), 422,
                 "validation_failed", "features"},
                {"PUT", "/api/v1/admin/plans/starter",
                 planWith("rollover", QJsonObject{{"max_percent", 101}}), 422, "validation_failed",
                 "rollover.max_percent"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("trial_days", 91), 422, "validation_failed",
                 "trial_days"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("seat_price_minor", 0), 422,
                 "validation_failed", "seat_price_minor"},
                {"PUT", "/api/v1/admin/plans/starter", planWith("color", "blue"), 422, "unknown_field",
                 "color"},
                {"PUT", "/api/v1/admin/plans/starter", "[1, 2]", 400, {}, {}},
                {"POST", "/api/v1/admin/test-clock", "{}", 422, "validation_failed", "advance_seconds"},
                {"POST", "/api/v1/admin/test-clock",
                 R"({"advance_seconds": 5, "now": "2030-01-01T00:00:00Z"})", 422, "validation_failed",
                 "advance_seconds"},
                {"POST", "/api/v1/admin/test-clock", R"({"advance_seconds": -5})", 422, "validation_failed",
                 "advance_seconds"},
                {"POST", "/api/v1/admin/test-clock", R"({"advance_seconds": "5"})", 422, "validation_failed",
                 "advance_seconds"},
                {"POST", "/api/v1/admin/test-clock", R"({"now": "next tuesday"})", 422, "validation_failed",
                 "now"},
                {"POST",
                 "/api/v1/admin/test-clock",
                 R"({"now": "2027-01-01T00:00:00Z"})",
                 422,
                 "clock_backwards",
                 {}},
                {"POST", "/api/v1/admin/test-clock", R"({"speed": 2})", 422, "unknown_field", "speed"},
            };
            for (const Bad& bad : cases) {
                const HttpResponse response =
                    f->server->client(f->adminToken)->request(bad.method, bad.target, bad.body);
                const QByteArray what = bad.method + ' ' + bad.target + ' ' + bad.body + " -> " +
                                        QByteArray::number(response.status) + ' ' + response.body;
                QVERIFY2(response.status == bad.status, what.constData());
                if (!bad.code.isEmpty())
                    QVERIFY2(response.errorCode() == bad.code, what.constData());
                if (!bad.field.isEmpty())
                    QVERIFY2(response.json()
                                     .value("error")
                                     .toObject()
                                     .value("details")
                                     .toObject()
                                     .value("field")
                                     .toString() == bad.field,
                             what.constData());
            }
            // Cancel on free has nothing to cancel.
            const HttpResponse nothing =
                f->server->client(f->adminToken)->post("/api/v1/subscription/cancel", free.body());
            QCOMPARE(nothing.status, 409);
            QCOMPARE(nothing.errorCode(), QString("conflict"));
            QCOMPARE(clockNow(), at("2027-01-10T00:00:00Z"));
            QCOMPARE(snapshot(), before);
            verifyLedger();
        });
    }

    // Anonymous callers get 401; members may read a subscription but only owners and admins switch,
    // preview, cancel and resume; owners, admins and finance read charges; outsiders see nothing (404);
    // a personal account is its user's; the catalog and the clock are platform admins'.
    void accessRules()
    {
        guarded([&] {
            moveTo(at("2027-01-10T00:00:00Z"));
            const Owner org = newOrganization(QStringLiteral("Access"), QStringLiteral("starter"));
            for (const char* role : {"owner", "admin", "finance", "manager", "member"})
                f->addMemberByOperator(org.id, QStringLiteral("%1@access.test").arg(QLatin1String(role)),
                                       QLatin1String(role));
            const qint64 other = f->createOrganization(f->adminToken, "Elsewhere");
            const qint64 outsiderId = f->addMemberByOperator(other, "outsider@else.test", "owner");
            QMap<QString, QByteArray> token;
            for (const char* role : {"owner", "admin", "finance", "manager", "member"})
                token[QLatin1String(role)] =
                    loginAs(QStringLiteral("%1@access.test").arg(QLatin1String(role)));
            token["outsider"] = loginAs("outsider@else.test");
            const QByteArray apiToken = f->createApiToken(token["owner"], org.id, {"credits:read"});
            moveClock({{"advance_seconds", 0}}); // the new users' daily refreshes, before any snapshot
            const QByteArray q = org.query();
            struct Route
            {
                QByteArray method;
                QByteArray target;
                QByteArray body;
                QStringList allowed; // roles that get through (2xx or a 409 of the route itself)
            };
            const QByteArray body = QJsonDocument(org.body()).toJson(QJsonDocument::Compact);
            const QByteArray switchBody =
                QJsonDocument(org.body({{"plan", "starter"}})).toJson(QJsonDocument::Compact);
            const QStringList everyone{"owner", "admin", "finance", "manager", "member"};
            const std::vector<Route> routes{
                {"GET", "/api/v1/entitlements?" + q, {}, everyone},
                {"GET", "/api/v1/subscription?" + q, {}, everyone},
                {"GET", "/api/v1/subscription/history?" + q, {}, everyone},
                {"GET", "/api/v1/tiers/switch/preview?" + q + "&plan=professional", {}, {"owner", "admin"}},
                {"POST", "/api/v1/tiers/switch", switchBody, {"owner", "admin"}},
                {"POST", "/api/v1/subscription/cancel", body, {"owner", "admin"}},
                {"POST", "/api/v1/subscription/resume", body, {"owner", "admin"}},
                {"GET", "/api/v1/charges?" + q, {}, {"owner", "admin", "finance"}},
            };
            for (const Route& route : routes) {
                const QStringList before = snapshot();
                const HttpResponse anonymous =
                    f->server->client()->request(route.method, route.target, route.body);
                QVERIFY2(anonymous.status == 401, route.target.constData());
                for (const QString& role : token.keys()) {
                    const HttpResponse response =
                        f->server->client(token[role])->request(route.method, route.target, route.body);
                    const QByteArray what =
                        role.toLatin1() + ' ' + route.method + ' ' + route.target + " -> " + response.body;
                    if (route.allowed.contains(role)) {
                        QVERIFY2(response.status == 200, what.constData());
                    } else if (role == QLatin1String("outsider")) {
                        QVERIFY2(response.status == 404, what.constData());
                    } else {
                        QVERIFY2(response.status == 403, what.constData());
                        QCOMPARE(response.errorCode(), QString("forbidden"));
                    }
                }
                if (route.method == "GET")
                    QCOMPARE(snapshot(), before);
            }
            // The subscription (after the owners' and admins' switches to the plan it has, cancel and resume)
            // is as it was.
            QCOMPARE(subscription(org).value("cancel_at_period_end").toBool(), false);
            QCOMPARE(subscription(org).value("plan").toString(), QString("starter"));

            // A personal account: its own user (not an API token of theirs), or a platform admin.
            const qint64 memberId = f->server->client(token["member"])
                                        ->get("/api/v1/me")
                                        .json()
                                        .value("user")
                                        .toObject()
                                        .value("id")
                                        .toInteger();
            const Owner personal{QStringLiteral("user_id"), memberId};
            QCOMPARE(
                f->server->client(token["member"])->get("/api/v1/subscription?" + personal.query()).status,
                200);
            QCOMPARE(f->server->client(token["member"])->get("/api/v1/charges?" + personal.query()).status,
                     200);
            QCOMPARE(f->server->client(f->adminToken)->get("/api/v1/subscription?" + personal.query()).status,
                     200);
            QCOMPARE(
                f->server->client(token["owner"])->get("/api/v1/subscription?" + personal.query()).status,
                404);
            QCOMPARE(f->server->client(token["outsider"])
                         ->post("/api/v1/tiers/switch", personal.body({{"plan", "professional"}}))
                         .status,
                     404);
            QCOMPARE(f->server->client(apiToken)->get("/api/v1/subscription?" + personal.query()).status,
                     404);
            const Owner outsiderPersonal{QStringLiteral("user_id"), outsiderId};
            QCOMPARE(f->server->client(token["outsider"])
                         ->get("/api/v1/entitlements?" + outsiderPersonal.query())
                         .status,
                     200);
            // The catalog is public; plans and the clock are platform admins'.
            QCOMPARE(f->server->client()->get("/api/v1/tiers/compare").status, 200);
            const QByteArray plan = R"({"name": "Free"})";
            const QStringList before = snapshot();
            for (const QByteArray& who : {QByteArray(), token["owner"], apiToken}) {
                const int denied = who.isEmpty() ? 401 : 403;
                QCOMPARE(f->server->client(who)->get("/api/v1/admin/plans").status, denied);
                QCOMPARE(f->server->client(who)->request("PUT", "/api/v1/admin/plans/free", plan).status,
                         denied);
                QCOMPARE(f->server->client(who)->get("/api/v1/admin/test-clock").status, denied);
                QCOMPARE(f->server->client(who)
                             ->post("/api/v1/admin/test-clock", {{"advance_seconds", 86400}})
                             .status,
                         denied);
            }
            QCOMPARE(snapshot(), before);
            QCOMPARE(clockNow(), at("2027-01-10T00:00:00Z"));
            verifyLedger();
        });
    }

    // Without --test-clock there is no test clock (404), and the clock runs.
    void noTestClockWithoutTheOption()
    {
        guarded([&] {
            Fixture plain;
            auto admin = plain.server->client(plain.adminToken);
            QCOMPARE(admin->get("/api/v1/admin/test-clock").status, 404);
            const HttpResponse refused = admin->post("/api/v1/admin/test-clock", {{"advance_seconds", 60}});
            QCOMPARE(refused.status, 404);
            QCOMPARE(refused.errorCode(), QString("not_found"));
            // The test clock moves by seconds too, and never backwards.
            const qint64 now = clockNow();
            QCOMPARE(moveClock({{"advance_seconds", 90}}).status, 200);
            QCOMPARE(clockNow(), now + 90'000);
            const HttpResponse backwards = moveClock({{"now", iso(now)}});
            QCOMPARE(backwards.status, 422);
            QCOMPARE(backwards.errorCode(), QString("clock_backwards"));
            QCOMPARE(clockNow(), now + 90'000);
        });
    }
};

QTEST_GUILESS_MAIN(TestPlans)
#include "tst_plans.moc"
