// Credits and price formatting, usage thresholds and forecast, and the strict JSON readers (garbled answers
// refused).
#include "api/ApiError.h"
#include "api/BillingParsers.h"
#include "api/JsonParsers.h"
#include "api/OrganizationParsers.h"
#include "domain/Billing.h"
#include "domain/Credits.h"
#include "domain/Invoices.h"
#include "domain/OrgAdmin.h"
#include "domain/UsageForecast.h"

#include <QFile>
#include <QJsonDocument>
#include <QLocale>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace creditdesk;

namespace {

// A fixture in the shapes of issue 13 (tests/console/data/organization).
QJsonObject organizationFixture(const char* name)
{
    QFile file(QStringLiteral(CREDITDESK_CONSOLE_TEST_DATA "/organization/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QDateTime utc(const char* text)
{
    return QDateTime::fromString(QLatin1String(text), Qt::ISODate).toUTC();
}

} // namespace

class TestConsoleDomain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void creditsOnScreenRoundToCents()
    {
        const QLocale c = QLocale::c();
        QCOMPARE(Credits(25'000).formatDollars(c), QStringLiteral("$1.00"));
        QCOMPARE(Credits(1'234'500).formatDollars(c), QStringLiteral("$49.38"));
        QCOMPARE(Credits(1'234'567).formatDollars(c), QStringLiteral("$49.38"));
        QCOMPARE(Credits(250).formatDollars(c), QStringLiteral("$0.01"));
        QCOMPARE(Credits(572).formatDollars(c), QStringLiteral("$0.02")); // $0.02288
        QCOMPARE(Credits(-572).formatDollars(c), QStringLiteral("-$0.02"));
        QCOMPARE(Credits(125).formatDollars(c), QStringLiteral("$0.01")); // half a cent rounds away from zero
        QCOMPARE(Credits(-125).formatDollars(c), QStringLiteral("-$0.01"));
        QCOMPARE(Credits(375).formatDollars(c), QStringLiteral("$0.02"));
        QCOMPARE(Credits(374).formatDollars(c), QStringLiteral("$0.01"));
        // Sub-cent amounts round like every other row, and never read as $0.00.
        QCOMPARE(Credits(124).formatDollars(c), QStringLiteral("<$0.01"));
        QCOMPARE(Credits(61).formatDollars(c), QStringLiteral("<$0.01"));
        QCOMPARE(Credits(1).formatDollars(c), QStringLiteral("<$0.01"));
        QCOMPARE(Credits(-1).formatDollars(c), QStringLiteral("-<$0.01"));
        QCOMPARE(Credits(-124).formatDollars(c), QStringLiteral("-<$0.01"));
        QCOMPARE(Credits(0).formatDollars(c), QStringLiteral("$0.00"));
        QCOMPARE(Credits(-25'000).formatDollars(c), QStringLiteral("-$1.00"));
        QCOMPARE(Credits(1'000'000'000'000'000'000).formatDollars(c), QStringLiteral("$40000000000000.00"));
        // The qint64 boundaries: 9223372036854775807 credits = $368934881474191.03228.
        QCOMPARE(Credits(std::numeric_limits<qint64>::max()).formatDollars(c),
                 QStringLiteral("$368934881474191.03"));
        QCOMPARE(Credits(std::numeric_limits<qint64>::min()).formatDollars(c),
                 QStringLiteral("-$368934881474191.03"));
        QCOMPARE(Credits(1'234'567).formatDollars(QLocale(QLocale::German)), QStringLiteral("$49,38"));
        QCOMPARE(Credits(-61).formatDollars(QLocale(QLocale::German)), QStringLiteral("-<$0,01"));
        QCOMPARE(Credits(123'456'789'000).formatDollars(QLocale(QLocale::English)),
                 QStringLiteral("$4,938,271.56"));
    }

    void creditsRoundedCents()
    {
        QCOMPARE(Credits(375).roundedCents(), 2); // 1.5 cents rounds half away from zero
        QCOMPARE(Credits(-375).roundedCents(), -2);
        QCOMPARE(Credits(124).roundedCents(), 0);
        QCOMPARE(Credits(0).roundedCents(), 0);
        QCOMPARE(Credits(std::numeric_limits<qint64>::max()).roundedCents(), 36'893'488'147'419'103LL);
        QCOMPARE(Credits(std::numeric_limits<qint64>::min()).roundedCents(), -36'893'488'147'419'103LL);
        QCOMPARE(Credits(1'234'567).format(QLocale(QLocale::English)), QStringLiteral("1,234,567"));
    }

    void creditsOnScreenExact()
    {
        const QLocale c = QLocale::c();
        QCOMPARE(Credits(572).formatExactDollars(c), QStringLiteral("$0.02288"));
        QCOMPARE(Credits(-572).formatExactDollars(c), QStringLiteral("-$0.02288"));
        QCOMPARE(Credits(61).formatExactDollars(c), QStringLiteral("$0.00244"));
        QCOMPARE(Credits(1).formatExactDollars(c), QStringLiteral("$0.00004"));
        QCOMPARE(Credits(-1).formatExactDollars(c), QStringLiteral("-$0.00004"));
        QCOMPARE(Credits(0).formatExactDollars(c), QStringLiteral("$0.00"));
        QCOMPARE(Credits(250).formatExactDollars(c), QStringLiteral("$0.01"));
        QCOMPARE(Credits(25'000).formatExactDollars(c), QStringLiteral("$1.00"));
        QCOMPARE(Credits(2'500).formatExactDollars(c), QStringLiteral("$0.10"));
        QCOMPARE(Credits(1'234'567).formatExactDollars(c), QStringLiteral("$49.38268"));
        QCOMPARE(Credits(std::numeric_limits<qint64>::max()).formatExactDollars(c),
                 QStringLiteral("$368934881474191.03228"));
        QCOMPARE(Credits(std::numeric_limits<qint64>::min()).formatExactDollars(c),
                 QStringLiteral("-$368934881474191.03232"));
        QCOMPARE(Credits(-30'864'175).formatExactDollars(QLocale(QLocale::English)),
                 QStringLiteral("-$1,234.567"));
        QCOMPARE(Credits(-30'864'175).formatExactDollars(QLocale(QLocale::German)),
                 QStringLiteral("-$1.234,567"));
        // The tooltip text (untranslated here: no translator is installed).
        QCOMPARE(Credits(572).describeExact(c), QStringLiteral("$0.02288 (572 credits)"));
        QCOMPARE(Credits(-572).describeExact(c), QStringLiteral("-$0.02288 (-572 credits)"));
        QCOMPARE(Credits(1).describeExact(c), QStringLiteral("$0.00004 (1 credit)"));
        QCOMPARE(Credits(-1).describeExact(c), QStringLiteral("-$0.00004 (-1 credit)"));
        QCOMPARE(Credits(0).describeExact(c), QStringLiteral("$0.00 (0 credits)"));
        QCOMPARE(Credits(1'234'567).describeExact(QLocale(QLocale::English)),
                 QStringLiteral("$49.38268 (1,234,567 credits)"));
    }

    void creditsInFilesExact()
    {
        QCOMPARE(Credits(-572).exactDollars(), QStringLiteral("-0.02288"));
        QCOMPARE(Credits(572).exactDollars(), QStringLiteral("0.02288"));
        QCOMPARE(Credits(250'000).exactDollars(), QStringLiteral("10.00000"));
        QCOMPARE(Credits(61).exactDollars(), QStringLiteral("0.00244"));
        QCOMPARE(Credits(1).exactDollars(), QStringLiteral("0.00004"));
        QCOMPARE(Credits(-1).exactDollars(), QStringLiteral("-0.00004"));
        QCOMPARE(Credits(0).exactDollars(), QStringLiteral("0.00000"));
        QCOMPARE(Credits(24'999).exactDollars(), QStringLiteral("0.99996"));
        QCOMPARE(Credits(-25'001).exactDollars(), QStringLiteral("-1.00004"));
        QCOMPARE(Credits(30'864'175).exactDollars(), QStringLiteral("1234.56700")); // no grouping
        QCOMPARE(Credits(std::numeric_limits<qint64>::max()).exactDollars(),
                 QStringLiteral("368934881474191.03228"));
        QCOMPARE(Credits(std::numeric_limits<qint64>::min()).exactDollars(),
                 QStringLiteral("-368934881474191.03232"));
        // Independent of the default locale.
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German));
        QCOMPARE(Credits(-30'864'175).exactDollars(), QStringLiteral("-1234.56700"));
        QLocale::setDefault(QLocale(QLocale::French));
        QCOMPARE(Credits(-30'864'175).exactDollars(), QStringLiteral("-1234.56700"));
        QLocale::setDefault(before);
        // Every value round-trips: the digits without the point are the credits times 4.
        for (const qint64 credits :
             {qint64(-572), qint64(61), qint64(1), qint64(987'654'321), qint64(-25'000)}) {
            QString digits = Credits(credits).exactDollars();
            digits.remove(QLatin1Char('.'));
            QCOMPARE(digits.toLongLong(), credits * 4);
        }
    }

    void thresholdsAt80And95Percent()
    {
        QCOMPARE(usageLevel(79, 100), UsageLevel::Normal);
        QCOMPARE(usageLevel(80, 100), UsageLevel::Warning);
        QCOMPARE(usageLevel(94, 100), UsageLevel::Warning);
        QCOMPARE(usageLevel(95, 100), UsageLevel::Critical);
        QCOMPARE(usageLevel(0, 0), UsageLevel::Normal);
        // No overflow near the balance limit (10^18).
        QCOMPARE(usageLevel(800'000'000'000'000'000, 1'000'000'000'000'000'000), UsageLevel::Warning);
    }

    void summaryPeriodBurnRateAndRunOut()
    {
        const QDate today(2026, 3, 20);
        QList<DailyUsage> days;
        days.append({QDate(2026, 2, 27), 9'999, 0}); // before the period: not this period's usage
        days.append({QDate(2026, 3, 1), 0, 500'000});
        for (int i = 0; i < 7; ++i)
            days.append({today.addDays(-i), 1'000, 0});
        const UsageSummary summary = summarizeUsage(days, 100'000, 70'000, today);
        QCOMPARE(summary.periodStart, QDate(2026, 3, 1));
        QCOMPARE(summary.periodEnd, QDate(2026, 3, 31));
        QCOMPARE(summary.used, 7'000);
        QCOMPARE(summary.allowance, 600'000);
        QCOMPARE(summary.basisPoints, 116); // 1.16%
        QCOMPARE(summary.level, UsageLevel::Normal);
        QCOMPARE(summary.burnPerDay, 1'000);
        QCOMPARE(summary.runOutDate, today.addDays(70));

        const UsageSummary idle = summarizeUsage({}, 0, 10, today);
        QCOMPARE(idle.burnPerDay, 0);
        QVERIFY(!idle.runOutDate);
    }

    void transactionParserIsStrict()
    {
        const QByteArray good =
            R"({"id": 3, "account_id": 2, "seq": 3, "kind": "deduction", "grant_kind": null,
            "amount": -1500, "balance_after": 9007199254740993, "organization_id": 1, "member_id": 2,
            "department_id": null, "actor": {"kind": "api_token", "id": 1}, "reference": "gen-001",
            "related_transaction_id": null, "reservation_id": null, "grant_id": null, "note": null,
            "created_at": "2025-01-31T12:00:00.000Z"})";
        Transaction row;
        QVERIFY(json::parseTransaction(QJsonDocument::fromJson(good).object(), &row));
        QCOMPARE(row.amount, -1500);
        QCOMPARE(row.balanceAfter, 9007199254740993LL); // beyond double precision, still exact
        QCOMPARE(row.kind, TransactionKind::Deduction);
        QCOMPARE(row.memberId, std::optional<qint64>(2));
        QVERIFY(!row.departmentId);
        QCOMPARE(row.actor, QStringLiteral("api_token 1"));
        QCOMPARE(row.createdAt, QDateTime(QDate(2025, 1, 31), QTime(12, 0), QTimeZone::utc()));

        QByteArray fraction = good;
        fraction.replace("-1500", "-1500.5");
        QVERIFY(!json::parseTransaction(QJsonDocument::fromJson(fraction).object(), &row));
        QByteArray text = good;
        text.replace("-1500", "\"-1500\"");
        QVERIFY(!json::parseTransaction(QJsonDocument::fromJson(text).object(), &row));
        QByteArray kind = good;
        kind.replace("\"deduction\"", "\"gift\"");
        QVERIFY(!json::parseTransaction(QJsonDocument::fromJson(kind).object(), &row));
        QByteArray date = good;
        date.replace("2025-01-31T12", "yesterday");
        QVERIFY(!json::parseTransaction(QJsonDocument::fromJson(date).object(), &row));
    }

    void errorsInPlainWords()
    {
        ApiError refused{ApiError::Kind::ConnectionRefused, 0, {}, {}, 0};
        QVERIFY(refused.isOffline());
        QVERIFY(refused.userMessage().contains(QStringLiteral("not answering")));
        ApiError wrong{ApiError::Kind::Unauthorized, 401, QStringLiteral("invalid_credentials"), {}, 0};
        QVERIFY(wrong.userMessage().contains(QStringLiteral("password is wrong")));
        ApiError tls{ApiError::Kind::Tls, 0, {}, QStringLiteral("self-signed certificate"), 0};
        QVERIFY(tls.userMessage().contains(QStringLiteral("CA")));
        ApiError limited{ApiError::Kind::RateLimited, 429, QStringLiteral("too_many_attempts"), {}, 30};
        QVERIFY(limited.userMessage().contains(QStringLiteral("30")));
        ApiError server{ApiError::Kind::ServerError, 500, QStringLiteral("internal"), {}, 0};
        QVERIFY(server.userMessage().contains(QStringLiteral("500")));
        QVERIFY(!server.userMessage().trimmed().isEmpty());
    }

    void pricesInMinorUnitsWithoutDoubles()
    {
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        const QLocale de(QLocale::German, QLocale::Germany);
        QCOMPARE(formatMinorUnits(3000, "USD", en), QStringLiteral("$30.00"));
        QCOMPARE(formatMinorUnits(5, "USD", en), QStringLiteral("$0.05"));
        QCOMPARE(formatMinorUnits(123456789, "USD", en), QStringLiteral("$1,234,567.89"));
        QCOMPARE(formatMinorUnits(-484, "USD", en), QStringLiteral("-$4.84"));
        QCOMPARE(formatMinorUnits(123456789, "USD", de), QStringLiteral("$1.234.567,89"));
        QCOMPARE(formatMinorUnits(990, "EUR", en), QStringLiteral("9.90 EUR"));
        QCOMPARE(formatMinorUnits(std::numeric_limits<qint64>::min(), "USD", QLocale::c()),
                 QStringLiteral("-$92233720368547758.08"));
        QCOMPARE(basisPointsAsPercent(1000, en), QStringLiteral("10"));
        QCOMPARE(basisPointsAsPercent(250, en), QStringLiteral("2.5"));
        QCOMPARE(basisPointsAsPercent(5, en), QStringLiteral("0.05"));
        QCOMPARE(basisPointsAsPercent(250, de), QStringLiteral("2,5"));
        QCOMPARE(parseMinorUnits("5", en), std::optional<qint64>(500));
        QCOMPARE(parseMinorUnits("5.5", en), std::optional<qint64>(550));
        QCOMPARE(parseMinorUnits(" $1,234.05 ", en), std::optional<qint64>(123405));
        QCOMPARE(parseMinorUnits("1.234,05", de), std::optional<qint64>(123405));
        QCOMPARE(parseMinorUnits("0.001", en), std::nullopt);
        QCOMPARE(parseMinorUnits("-5", en), std::nullopt);
        QCOMPARE(parseMinorUnits("5e3", en), std::nullopt);
        QCOMPARE(parseMinorUnits("", en), std::nullopt);
    }

    void planAndSubscriptionParsersAreStrict()
    {
        const QJsonObject subscription = QJsonDocument::fromJson(R"({"account_id": 3, "plan": "starter",
            "billing_option": "credits", "status": "trialing", "current_period_start": "2026-03-01T00:00:00Z",
            "current_period_end": "2026-03-15T00:00:00Z", "cancel_at_period_end": false,
            "pending_change": {"plan": "free", "billing_option": "credits", "effective_at": "2026-03-15T00:00:00Z"},
            "trial_end": "2026-03-15T00:00:00Z", "discount": {"coupon": "SPRING", "kind": "percent_off",
            "percent": 20, "periods_left": 2}, "verified_discount_percent": 0, "price_minor": 3000,
            "monthly_credits": 750000, "organization_id": 5})")
                                             .object();
        Subscription s;
        QVERIFY(json::parseSubscription(subscription, &s));
        QCOMPARE(s.plan, QStringLiteral("starter"));
        QCOMPARE(s.status, QStringLiteral("trialing"));
        QCOMPARE(s.periodEnd, QDateTime(QDate(2026, 3, 15), QTime(0, 0), QTimeZone::utc()));
        QVERIFY(s.pendingChange);
        QCOMPARE(s.pendingChange->plan, QStringLiteral("free"));
        QVERIFY(s.discount);
        QCOMPARE(s.discount->percent, 20);
        QCOMPARE(s.discount->periodsLeft, 2);
        QCOMPARE(s.monthlyCredits, 750'000);
        // A price as a fraction, or a missing period, is garbled.
        QJsonObject broken = subscription;
        broken.insert("price_minor", 30.5);
        QVERIFY(!json::parseSubscription(broken, &s));
        broken = subscription;
        broken.remove("current_period_end");
        QVERIFY(!json::parseSubscription(broken, &s));

        Proration p;
        QVERIFY(json::parseProration(QJsonDocument::fromJson(R"({"charge_minor": 4839, "discount_minor": 484,
            "credits_granted": 1209677, "remaining_seconds": 2592000, "period_seconds": 2678400,
            "effective_at": "2026-03-01T12:00:00Z", "immediate": true, "starts_trial": false})")
                                         .object(),
                                     &p));
        QCOMPARE(p.payMinor(), 4355);
        QCOMPARE(p.creditsGranted, 1'209'677);
        QVERIFY(p.immediate);
        QVERIFY(!json::parseProration(QJsonDocument::fromJson(R"({"charge_minor": "12"})").object(), &p));

        const BillingTarget organization = BillingTarget::organization(5);
        const BillingTarget personal = BillingTarget::personal(7);
        QVERIFY(organization.isValid() && personal.isValid() && !BillingTarget().isValid());
        QUrlQuery query;
        personal.addTo(&query);
        QCOMPARE(query.toString(), QStringLiteral("user_id=7"));
        QJsonObject body;
        organization.addTo(&body);
        QCOMPARE(body, QJsonObject({{"organization_id", 5}}));
    }

    void organizationMembersWithActivity()
    {
        QList<OrgMember> members;
        QVERIFY(json::parseDataList(organizationFixture("members.json"), &members, json::parseOrgMember));
        QCOMPARE(members.size(), 4);
        const OrgMember& owner = members.at(0);
        QCOMPARE(owner.userId, 1);
        QCOMPARE(owner.role, QStringLiteral("owner"));
        QVERIFY(!owner.departmentId);
        QCOMPARE(owner.status, QStringLiteral("active"));
        QCOMPARE(owner.lastSignInAt, utc("2026-03-09T08:00:00Z"));
        QCOMPARE(owner.lastActive(), utc("2026-03-10T11:30:00Z")); // the later of sign-in and usage
        QCOMPARE(owner.usageThisPeriod, std::optional<qint64>(1200));
        QCOMPARE(owner.seat, std::optional<bool>(true));
        QVERIFY(members.at(1).isSuspended());
        QCOMPARE(members.at(1).seat, std::optional<bool>(false));
        QCOMPARE(members.at(1).lastActive(), utc("2026-02-01T09:00:00Z"));
        // An older server: the new fields are simply absent.
        const OrgMember& legacy = members.at(2);
        QVERIFY(legacy.status.isEmpty() && !legacy.seat && !legacy.usageThisPeriod &&
                !legacy.lastActive().isValid());
        QCOMPARE(legacy.departmentId, std::optional<qint64>(10));
        QCOMPARE(members.at(3).role, QStringLiteral("custom-7"));
        QCOMPARE(members.at(3).limit, std::optional<BudgetLimit>(BudgetLimit{40000, "month", "soft"}));

        // Identity fields are required, new ones must have their type when present.
        OrgMember member;
        QVERIFY(!json::parseOrgMember(QJsonObject{{"email", "a@b"}, {"role", "member"}}, &member));
        QVERIFY(!json::parseOrgMember(
            QJsonObject{{"user_id", 1}, {"email", "a@b"}, {"role", "member"}, {"seat", "yes"}}, &member));
        QVERIFY(!json::parseOrgMember(
            QJsonObject{{"user_id", 1}, {"email", "a@b"}, {"role", "member"}, {"usage_this_period", 1.5}},
            &member));
    }

    void departmentsWithBudgets()
    {
        QList<OrgDepartment> departments;
        QVERIFY(json::parseDataList(organizationFixture("departments.json"), &departments,
                                    json::parseOrgDepartment));
        QCOMPARE(departments.size(), 3);
        QCOMPARE(departments.at(0).budget, std::optional<BudgetLimit>(BudgetLimit{5000, "month", "hard"}));
        QCOMPARE(departments.at(0).usedThisPeriod, std::optional<qint64>(1250));
        QCOMPARE(departments.at(1).budget->period, QStringLiteral("total"));
        QVERIFY(!departments.at(2).budget);
        QCOMPARE(departments.at(2).usedThisPeriod, std::optional<qint64>(300));
        // A department of an older server: id and name only.
        OrgDepartment plain;
        QVERIFY(json::parseOrgDepartment(QJsonObject{{"id", 3}, {"name", "Ops"}}, &plain));
        QVERIFY(!plain.budget && !plain.usedThisPeriod);
        QVERIFY(
            !json::parseOrgDepartment(QJsonObject{{"id", 3}, {"name", "Ops"}, {"budget", "lots"}}, &plain));
    }

    void invitationsSeatsAndAcceptance()
    {
        QList<Invitation> invitations;
        QVERIFY(json::parseDataList(organizationFixture("invitations.json"), &invitations,
                                    json::parseInvitation));
        QCOMPARE(invitations.size(), 2);
        QCOMPARE(invitations.at(0).departmentId, std::optional<qint64>(10));
        QVERIFY(invitations.at(0).token.isEmpty()); // listed invitations never carry the token
        QCOMPARE(invitations.at(1).expiresAt, utc("2026-03-15T12:00:00Z"));
        Invitation created;
        QVERIFY(json::parseInvitation(organizationFixture("invitation-created.json"), &created));
        QCOMPARE(created.id, 7);
        QCOMPARE(created.token, QStringLiteral("inv_3kQ9xWb2"));

        SeatSummary seats;
        QVERIFY(json::parseSeatSummary(organizationFixture("seats.json"), &seats));
        QCOMPARE(seats.included, 5);
        QCOMPARE(seats.purchased, 3);
        QCOMPARE(seats.total, 8);
        QCOMPARE(seats.assigned, 5);
        QCOMPARE(seats.pendingInvitations, 2);
        QCOMPARE(seats.available, 1);
        QCOMPARE(seats.inUse(), 7);
        QCOMPARE(seats.seatPriceMinor, 1200);
        QVERIFY(!seats.chargedMinor);
        // A PUT answer that says what it charged.
        QJsonObject charged = organizationFixture("seats.json");
        charged.insert("change",
                       QJsonObject{{"charge_minor", 600}, {"discount_minor", 60}, {"immediate", true}});
        QVERIFY(json::parseSeatSummary(charged, &seats));
        QCOMPARE(seats.chargedMinor, std::optional<qint64>(540));
        QVERIFY(!json::parseSeatSummary(QJsonObject{{"included", 5}}, &seats));

        AcceptedInvitation accepted;
        QVERIFY(json::parseAcceptedInvitation(organizationFixture("accept.json"), &accepted));
        QCOMPARE(accepted.user.email, QStringLiteral("kim@acme.test"));
        QCOMPARE(accepted.organizationId, 2);
        QCOMPARE(accepted.role, QStringLiteral("member"));
    }

    void budgetRequestsHistoryRolesAndPermissions()
    {
        QList<BudgetRequest> requests;
        QVERIFY(json::parseDataList(organizationFixture("budget-requests.json"), &requests,
                                    json::parseBudgetRequest));
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).credits, 8000);
        QCOMPARE(requests.at(0).status, QStringLiteral("pending"));
        QCOMPARE(requests.at(0).requestedBy, std::optional<qint64>(3));
        QVERIFY(!requests.at(0).decidedAt.isValid());
        QCOMPARE(requests.at(1).note, QStringLiteral("Not this month"));

        QList<BudgetChange> changes;
        QVERIFY(json::parseDataList(organizationFixture("budget-history.json"), &changes,
                                    json::parseBudgetChange));
        QCOMPARE(changes.size(), 3);
        QVERIFY(!changes.at(0).oldLimit);
        QCOMPARE(changes.at(0).newLimit->credits, 4000);
        QCOMPARE(changes.at(0).actor, QStringLiteral("user 1"));
        QCOMPARE(changes.at(0).actorUserId, std::optional<qint64>(1));
        QCOMPARE(changes.at(1).actor, QStringLiteral("Olivia Owner"));
        QCOMPARE(changes.at(1).requestId, std::optional<qint64>(1));
        QCOMPARE(changes.at(2).scope, QStringLiteral("member"));
        QCOMPARE(changes.at(2).userId, std::optional<qint64>(4));

        QList<OrgRole> roles;
        QVERIFY(json::parseDataList(organizationFixture("roles.json"), &roles, json::parseOrgRole));
        QCOMPARE(roles.size(), 3);
        QVERIFY(roles.at(0).builtIn);
        QVERIFY(!roles.at(2).builtIn);
        QCOMPARE(roles.at(2).permissions, QStringList({"organization:read", "credits:read", "audit:read"}));
        OrgRole guessed; // without built_in: custom ids say so
        QVERIFY(json::parseOrgRole(QJsonObject{{"id", "custom-9"}, {"name", "Ops"}}, &guessed));
        QVERIFY(!guessed.builtIn && guessed.permissions.isEmpty());

        QList<PermissionDescription> permissions;
        QVERIFY(json::parseDataList(organizationFixture("permissions.json"), &permissions,
                                    json::parsePermissionDescription));
        QCOMPARE(permissions.size(), 4);
        QCOMPARE(permissions.at(1).name, QStringLiteral("members:manage"));
        QVERIFY(permissions.at(1).description.startsWith("Invite"));
    }

    void seatChargeEstimateIsProratedInIntegers()
    {
        const QDateTime start = utc("2026-03-01T00:00:00Z");
        const QDateTime end = utc("2026-03-31T00:00:00Z"); // 30 days
        // Two seats at $12.00 with 15 of 30 days left: $12.00.
        QCOMPARE(estimateSeatCharge(1200, 2, start, end, utc("2026-03-16T00:00:00Z")),
                 std::optional<qint64>(1200));
        // One seat with 10 of 30 days left: 400 cents; 333.33 and 666.67 cents rounded half up.
        QCOMPARE(estimateSeatCharge(1200, 1, start, end, utc("2026-03-21T00:00:00Z")),
                 std::optional<qint64>(400));
        QCOMPARE(estimateSeatCharge(1000, 1, start, end, utc("2026-03-21T00:00:00Z")),
                 std::optional<qint64>(333));
        QCOMPARE(estimateSeatCharge(1000, 2, start, end, utc("2026-03-21T00:00:00Z")),
                 std::optional<qint64>(667));
        // Before the period: the whole period at most.
        QCOMPARE(estimateSeatCharge(1200, 1, start, end, utc("2026-02-20T00:00:00Z")),
                 std::optional<qint64>(1200));
        // Nothing to estimate: no increase, no period, the period over.
        QVERIFY(!estimateSeatCharge(1200, 0, start, end, start));
        QVERIFY(!estimateSeatCharge(1200, -1, start, end, start));
        QVERIFY(!estimateSeatCharge(1200, 1, QDateTime(), end, start));
        QVERIFY(!estimateSeatCharge(1200, 1, start, end, end));
        // Big numbers do not overflow.
        QCOMPARE(estimateSeatCharge(std::numeric_limits<qint32>::max(), 1000000, start, end, start),
                 std::optional<qint64>(qint64(std::numeric_limits<qint32>::max()) * 1000000));
    }

    // The Invoices pane's records: packs and payments read exactly (integers, never doubles), a record
    // without its amounts refused, the billing profile's exemption sent only for platform admins, and
    // minor units as plain decimals for files.
    void invoiceRecordsAndDecimals()
    {
        const auto pack = CreditPack::fromJson(QJsonDocument::fromJson(
                                                   R"({"id": "pack_50", "name": "Team", "price_minor": 5000,
                                                       "credits": 1300000, "bonus_credits": 50000})")
                                                   .object());
        QVERIFY(pack);
        QCOMPARE(pack->id, QStringLiteral("pack_50"));
        QCOMPARE(pack->priceMinor, 5000);
        QCOMPARE(pack->credits, 1'300'000);
        QCOMPARE(pack->bonusCredits, 50'000);
        QCOMPARE(pack->currency, QStringLiteral("USD"));
        QVERIFY(!pack->enterpriseOnly);
        QVERIFY(!CreditPack::fromJson(QJsonDocument::fromJson(R"({"id": "x", "credits": 1})").object()));

        const auto payment = Payment::fromJson(
            QJsonDocument::fromJson(R"({"id": 7, "invoice_id": 3, "amount_minor": 2400, "method": "card",
                                        "status": "failed", "failure_reason": "card_declined",
                                        "created_at": "2026-03-01T09:00:00.000Z"})")
                .object());
        QVERIFY(payment);
        QCOMPARE(payment->invoiceId, std::optional<qint64>(3));
        QCOMPARE(payment->amountMinor, 2400);
        QCOMPARE(payment->failureReason, QStringLiteral("card_declined"));
        QCOMPARE(payment->createdAt, QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc()));
        QVERIFY(!Payment::fromJson(QJsonDocument::fromJson(R"({"id": 7})").object()));

        BillingProfile profile;
        profile.legalName = "Acme GmbH";
        profile.country = "DE";
        profile.taxExempt = true;
        QVERIFY(!profile.toJson(false).contains("tax_exempt"));
        QVERIFY(!profile.toJson(false).contains("exemption_reason"));
        QCOMPARE(profile.toJson(true).value("tax_exempt").toBool(), true);
        QCOMPARE(profile.toJson(false).value("address").toObject(), QJsonObject({{"country", "DE"}}));
        QCOMPARE(BillingProfile::fromJson(profile.toJson(true)).legalName, QStringLiteral("Acme GmbH"));

        QCOMPARE(minorUnitsAsDecimal(0), QStringLiteral("0.00"));
        QCOMPARE(minorUnitsAsDecimal(5), QStringLiteral("0.05"));
        QCOMPARE(minorUnitsAsDecimal(123456), QStringLiteral("1234.56"));
        QCOMPARE(minorUnitsAsDecimal(-600), QStringLiteral("-6.00"));
        QCOMPARE(minorUnitsAsDecimal(std::numeric_limits<qint64>::min()),
                 QStringLiteral("-92233720368547758.08"));
    }

    void organizationRightsFromPermissions()
    {
        Organization organization;
        organization.id = 1;
        organization.permissions = {"organization:read", "credits:read_own"};
        QVERIFY(!OrgAdminRights::of(organization).any()); // members: no Organization pane
        organization.permissions = {"organization:read", "members:invite_department", "budgets:request",
                                    "credits:read_department"};
        organization.departmentId = 10;
        OrgAdminRights manager = OrgAdminRights::of(organization);
        QVERIFY(manager.any() && manager.canInvite() && manager.requestBudget);
        QVERIFY(!manager.manageMembers && !manager.seesWholeOrganization());
        QCOMPARE(manager.ownDepartment, std::optional<qint64>(10));
        organization.permissions = {"organization:read", "members:manage", "seats:manage",
                                    "budgets:manage",    "budgets:read",   "roles:manage"};
        OrgAdminRights admin = OrgAdminRights::of(organization);
        QVERIFY(admin.manageMembers && admin.manageSeats && admin.manageBudgets && admin.manageRoles);
        QVERIFY(admin.seesWholeOrganization());
        organization.permissions = {"organization:read", "budgets:read", "credits:read"};
        OrgAdminRights finance = OrgAdminRights::of(organization);
        QVERIFY(finance.any() && finance.seesWholeOrganization() && !finance.canInvite());
    }
};

QTEST_GUILESS_MAIN(TestConsoleDomain)
#include "tst_console_domain.moc"
