// The pure rules of the usage forecast and the recommendations (metering/Forecast.h,
// metering/Recommendations.h), without a server: burn-rate and trend rounding, the walk through the grants
// in draw-down order with expiry, holds and grants that become effective later, a member's limit, the
// closest cheaper model and the plan comparison, each with exact numbers.
#include "ledger/Ledger.h"
#include "metering/Forecast.h"
#include "metering/Recommendations.h"

#include <QTest>

using namespace creditdesk::server;
using forecast::ExpiringCredits;
using forecast::Grant;
using forecast::kDayMs;

class TestForecastUnit : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 kNow = 1'800'000'000'000; // 2027-01-15T08:00:00Z

private Q_SLOTS:
    void burnRateRoundsHalfUp()
    {
        QCOMPARE(forecast::burnRate(7000, 7), 1000);
        QCOMPARE(forecast::burnRate(13'900, 30), 463); // 463.33
        QCOMPARE(forecast::burnRate(5, 2), 3);         // 2.5
        QCOMPARE(forecast::burnRate(4, 3), 1);         // 1.33
        QCOMPARE(forecast::burnRate(0, 7), 0);
        QCOMPARE(forecast::burnRate(10, 0), 0);
    }

    void trendRoundsHalfAwayFromZero()
    {
        QCOMPARE(forecast::trendPercent(3150, 4725), 50);
        QCOMPARE(forecast::trendPercent(100, 50), -50);
        QCOMPARE(forecast::trendPercent(3, 4), 33);  // 33.33
        QCOMPARE(forecast::trendPercent(3, 2), -33); // -33.33
        QCOMPARE(forecast::trendPercent(8, 9), 13);  // 12.5
        QCOMPARE(forecast::trendPercent(8, 7), -13); // -12.5
        QCOMPARE(forecast::trendPercent(0, 0), 0);
        QCOMPARE(forecast::trendPercent(0, 10), 100); // new in the window
        QCOMPARE(forecast::trendPercent(10, 0), -100);
    }

    void expiringGrantDoesNotPushRunOutOut()
    {
        // Drawn first (earlier expiry): 5,000 credits expiring in 3 days, of which 1,000 a day use 3,000.
        const std::vector<Grant> grants{{1, 5000, 0, kNow + 3 * kDayMs}, {2, 2000, 0, kNeverExpires}};
        const forecast::RunOut out = forecast::walkGrants(grants, 0, 1000, kNow);
        QCOMPARE(out.at, std::optional<qint64>(kNow + 5 * kDayMs));
        QCOMPARE(out.expiringUnused, (std::vector<ExpiringCredits>{{1, kNow + 3 * kDayMs, 2000}}));
    }

    void grantUsedUpBeforeItsExpiryExpiresNothing()
    {
        const std::vector<Grant> grants{{1, 2000, 0, kNow + 3 * kDayMs}, {2, 1000, 0, kNeverExpires}};
        const forecast::RunOut out = forecast::walkGrants(grants, 0, 1000, kNow);
        QCOMPARE(out.at, std::optional<qint64>(kNow + 3 * kDayMs));
        QVERIFY(out.expiringUnused.empty());
    }

    void laterGrantExpiringWhileAnEarlierOneIsSpent()
    {
        // Priority order puts the never-expiring grant first; the second one expires untouched.
        const std::vector<Grant> grants{{7, 3000, 0, kNeverExpires}, {8, 500, 0, kNow + kDayMs}};
        const forecast::RunOut out = forecast::walkGrants(grants, 0, 1000, kNow);
        QCOMPARE(out.at, std::optional<qint64>(kNow + 3 * kDayMs));
        QCOMPARE(out.expiringUnused, (std::vector<ExpiringCredits>{{8, kNow + kDayMs, 500}}));
    }

    void holdsAreTakenFirst()
    {
        const std::vector<Grant> grants{{1, 1000, 0, kNow + 2 * kDayMs}, {2, 1000, 0, kNeverExpires}};
        const forecast::RunOut out = forecast::walkGrants(grants, 600, 100, kNow);
        // 400 left in grant 1: 4 days at 100 a day, but it expires after 2 (200 spent, 200 unused).
        QCOMPARE(out.expiringUnused, (std::vector<ExpiringCredits>{{1, kNow + 2 * kDayMs, 200}}));
        QCOMPARE(out.at, std::optional<qint64>(kNow + 12 * kDayMs));
    }

    void grantEffectiveLaterJoinsTheWalk()
    {
        // Nothing to spend for a day (run-out now), then a grant becomes effective and expires half used.
        const std::vector<Grant> grants{{3, 1000, kNow + kDayMs, kNow + 2 * kDayMs}};
        const forecast::RunOut out = forecast::walkGrants(grants, 0, 500, kNow);
        QCOMPARE(out.at, std::optional<qint64>(kNow));
        QCOMPARE(out.expiringUnused, (std::vector<ExpiringCredits>{{3, kNow + 2 * kDayMs, 500}}));
    }

    void partialDaysAreExact()
    {
        // 1,000 credits at 3 a day: ceil(1000 × day / 3) ms; an expiry after 1.5 days spends floor(4.5) = 4.
        const forecast::RunOut out = forecast::walkGrants(
            {{1, 10, 0, kNow + kDayMs * 3 / 2}, {2, 1000, 0, kNeverExpires}}, 0, 3, kNow);
        QCOMPARE(out.expiringUnused, (std::vector<ExpiringCredits>{{1, kNow + kDayMs * 3 / 2, 6}}));
        QCOMPARE(out.at, std::optional<qint64>(kNow + kDayMs * 3 / 2 + (1000 * kDayMs + 2) / 3));
    }

    void nothingSpentMeansNoRunOut()
    {
        const forecast::RunOut out =
            forecast::walkGrants({{1, 10, 0, kNow + kDayMs}, {2, 20, 0, kNeverExpires}}, 0, 0, kNow);
        QVERIFY(!out.at);
        QCOMPARE(out.expiringUnused, (std::vector<ExpiringCredits>{{1, kNow + kDayMs, 10}}));
        // Huge balances at a tiny rate stay in range.
        const forecast::RunOut far =
            forecast::walkGrants({{1, 4'000'000'000'000'000'000LL, 0, kNeverExpires}}, 0, 1, kNow);
        QVERIFY(!far.at || *far.at > kNow);
        QVERIFY(far.expiringUnused.empty());
    }

    void memberLimitRunsOut()
    {
        QCOMPARE(forecast::capRunsOutAt(300, 100, kNow), std::optional<qint64>(kNow + 3 * kDayMs));
        QCOMPARE(forecast::capRunsOutAt(0, 100, kNow), std::optional<qint64>(kNow));
        QCOMPARE(forecast::capRunsOutAt(300, 0, kNow), std::nullopt);
    }

    void closestCheaperModelOfTheSameProvider()
    {
        const std::vector<recommend::ModelPriceNow> prices{
            {"openai/gpt-4o", 2'500'000, 10'000'000, false},
            {"openai/gpt-4.1", 2'000'000, 8'000'000, false},
            {"openai/o3", 2'000'000, 8'000'000, false},
            {"openai/gpt-4.1-nano", 100'000, 400'000, false},
            {"openai/text-embedding-3-small", 20'000, 0, false},
            {"anthropic/claude-3.5-haiku", 800'000, 4'000'000, false},
            {"openai/gpt-oss:free", 0, 0, true}};
        // 1M input and 100k output tokens of gpt-4o rated 91,875 credits: gpt-4.1 (ties with o3 by name)
        // costs 2.8 against 3.5 dollars, 20 % less.
        const auto model =
            recommend::cheaperModel({"chat", "openai/gpt-4o", 1'000'000, 100'000, 91'875'000'000}, prices);
        QVERIFY(model);
        QCOMPARE(model->kind, QString("cheaper_model"));
        QCOMPARE(model->title, QString("Use openai/gpt-4.1 instead of openai/gpt-4o"));
        QCOMPARE(model->savingCreditsPerMonth, 18'375);
        QVERIFY2(model->basis.contains("1,000,000 input and 100,000 output tokens for 91,875 credits"),
                 qPrintable(model->basis));
        QVERIFY2(model->basis.contains("$2.00 input, $8.00 output"), qPrintable(model->basis));
        // Embeddings only against embeddings; the cheapest model has nothing cheaper.
        QVERIFY(!recommend::cheaperModel(
            {"embedding", "openai/text-embedding-3-small", 1'000'000, 0, 500'000'000}, prices));
        QVERIFY(
            !recommend::cheaperModel({"chat", "openai/gpt-4.1-nano", 1'000'000, 0, 2'500'000'000}, prices));
        QVERIFY(!recommend::cheaperModel({"chat", "unknown/model", 1'000'000, 0, 2'500'000'000}, prices));
    }

    void planThatWouldHaveCostLess()
    {
        const recommend::PlanTerms starter{"starter", "Starter", 3000, 750'000, 1000, false};
        const recommend::PlanTerms professional{"professional", "Professional", 5000, 1'250'000, 500, false};
        const recommend::PlanTerms enterprise{"enterprise", "Enterprise", 9900, 2'500'000, 0, false};
        const recommend::PlanTerms free{"free", "Free", 0, 0, 0, true};
        // 99,750 credits on professional (3.8 M µ$ cost, 190,000 µ$ markup): 104,500 on starter.
        const recommend::PeriodUsage usage{99'750'000'000, 3'800'000, 190'000};
        QCOMPARE(recommend::creditsOnPlan(usage, starter), 104'500);
        QCOMPARE(recommend::creditsOnPlan(usage, enterprise), 95'000);
        QCOMPARE(recommend::costOnPlan(usage, starter), 3000);
        const auto plan =
            recommend::cheaperPlan(usage, professional, {free, starter, professional, enterprise});
        QVERIFY(plan);
        QCOMPARE(plan->title, QString("Switch to Starter"));
        QCOMPARE(plan->savingCreditsPerMonth, 500'000);
        QVERIFY2(plan->basis.contains("$30.00 on Starter ($30.00 fee, 750,000 credits included, 10 % markup: "
                                      "104,500 credits, 0 of them beyond the allowance, $30.00 in all)"),
                 qPrintable(plan->basis));
        // Usage beyond every allowance: credits bought at 250 a cent, rounded up.
        const recommend::PeriodUsage heavy{3'000'000'000'000, 0, 0};
        QCOMPARE(recommend::costOnPlan(heavy, starter), 3000 + (3'000'000 - 750'000 + 249) / 250);
        QCOMPARE(recommend::costOnPlan(heavy, enterprise), 9900 + 2000);
        const auto bigger = recommend::cheaperPlan(heavy, starter, {starter, professional, enterprise});
        QVERIFY(bigger);
        QCOMPARE(bigger->title, QString("Switch to Enterprise"));
        QCOMPARE(bigger->savingCreditsPerMonth, (12'000 - 11'900) * 250);
        // The current plan already the cheapest: nothing.
        QVERIFY(!recommend::cheaperPlan(usage, starter, {free, starter, professional, enterprise}));
    }

    void expiringCreditsRecommendation()
    {
        const recommend::Recommendation r = recommend::expiringCredits({{42, kNow, 22'400}}, 13'800);
        QCOMPARE(r.kind, QString("expiring_credits"));
        QCOMPARE(r.savingCreditsPerMonth, 22'400);
        QCOMPARE(r.title, QString("22,400 credits expire unused on 2027-01-15"));
        QVERIFY2(r.basis.contains("Grant 42 expires") && r.basis.contains("13,800 credits a day"),
                 qPrintable(r.basis));
        // Grants that end together are one recommendation.
        const recommend::Recommendation together = recommend::expiringCredits(
            {{29, kNow, 1'250'000}, {32, kNow, 663'194}, {30, kNow, 593'736}}, 17'338);
        QCOMPARE(together.savingCreditsPerMonth, 2'506'930);
        QCOMPARE(together.title, QString("2,506,930 credits expire unused on 2027-01-15"));
        QVERIFY2(together.basis.contains("Grants 29, 32 and 30 expire") &&
                     together.basis.contains("1,250,000, 663,194 and 593,736 of their credits unspent then, "
                                             "2,506,930 in all"),
                 qPrintable(together.basis));
    }

    void seatsBeyondThePlanCount()
    {
        // Ten members: starter includes 3 (7 × $10), professional 10, enterprise 25.
        const recommend::PlanTerms starter{"starter", "Starter", 3000, 750'000, 1000, false, 3, 1000};
        const recommend::PlanTerms enterprise{"enterprise", "Enterprise", 9900, 2'500'000, 0, false, 25, 600};
        const recommend::PlanTerms professional{
            "professional", "Professional", 5000, 1'250'000, 500, false, 10, 800};
        const recommend::PeriodUsage usage{537'428'000'000, 0, 0, 10};
        QCOMPARE(recommend::costOnPlan(usage, starter), 3000 + 7 * 1000);
        const auto plan = recommend::cheaperPlan(usage, enterprise, {starter, professional, enterprise});
        QVERIFY(plan);
        QCOMPARE(plan->title, QString("Switch to Professional")); // $50 against $100 (starter) and $99
        QCOMPARE(plan->savingCreditsPerMonth, (9900 - 5000) * 250);
        QVERIFY(!recommend::cheaperPlan(usage, professional, {starter, professional, enterprise}));
        QVERIFY2(
            recommend::cheaperPlan({537'428'000'000, 0, 0, 4}, enterprise, {starter, enterprise})
                ->basis.contains("$30.00 fee, 1 extra seats at $10.00"),
            qPrintable(recommend::cheaperPlan({537'428'000'000, 0, 0, 4}, enterprise, {starter, enterprise})
                           ->basis));
    }
};

QTEST_GUILESS_MAIN(TestForecastUnit)
#include "tst_forecast_unit.moc"
