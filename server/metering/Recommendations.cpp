#include "metering/Recommendations.h"

#include "core/CreditValue.h"
#include "core/Json.h"

#include <QLocale>
#include <QStringList>

namespace creditdesk::server::recommend {

namespace {

using Wide = __int128;
constexpr qint64 kMicro = 1'000'000;
constexpr qint64 kMicroCreditsPerMicroUsd = 25'000; // 1 credit = 40 µ$

QString number(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

QString money(qint64 minor)
{
    return QStringLiteral("$%1.%2").arg(number(minor / 100)).arg(minor % 100, 2, 10, QLatin1Char('0'));
}

// A list price per million tokens, in dollars with up to six decimals ("$2.50", "$0.075").
QString pricePerMtok(qint64 microUsd)
{
    QString cents = QStringLiteral("%1").arg(microUsd % kMicro, 6, 10, QLatin1Char('0'));
    while (cents.size() > 2 && cents.endsWith(QLatin1Char('0')))
        cents.chop(1);
    return QStringLiteral("$%1.%2").arg(microUsd / kMicro).arg(cents);
}

// Basis points as a percentage: 1000 → "10", 250 → "2.5".
QString percent(qint64 basisPoints)
{
    QString text = QString::number(basisPoints / 100);
    if (basisPoints % 100 != 0) {
        QString fraction = QStringLiteral("%1").arg(basisPoints % 100, 2, 10, QLatin1Char('0'));
        if (fraction.endsWith(QLatin1Char('0')))
            fraction.chop(1);
        text += QLatin1Char('.') + fraction;
    }
    return text;
}

qint64 roundHalfUp(Wide numerator, Wide denominator)
{
    return static_cast<qint64>((numerator * 2 + denominator) / (denominator * 2));
}

QString providerOf(const QString& model)
{
    const qsizetype slash = model.indexOf(QLatin1Char('/'));
    return slash > 0 ? model.left(slash) : QString();
}

bool isEmbedding(const QString& model)
{
    return model.contains(QLatin1String("embed"));
}

// The list cost of the tokens in micro-dollars × 10^6 (the division by a million is left out: only
// ratios of it are used).
Wide listCost(qint64 tokensInput, qint64 tokensOutput, const ModelPriceNow& price)
{
    return static_cast<Wide>(tokensInput) * price.inputMicroUsdPerMtok +
           static_cast<Wide>(tokensOutput) * price.outputMicroUsdPerMtok;
}

} // namespace

QJsonObject Recommendation::toJson() const
{
    return QJsonObject{{QStringLiteral("kind"), kind},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("saving_credits_per_month"), savingCreditsPerMonth},
                       {QStringLiteral("basis"), basis}};
}

std::optional<Recommendation> cheaperModel(const ModelUsage& usage, const std::vector<ModelPriceNow>& prices)
{
    const QString provider = providerOf(usage.model);
    if (provider.isEmpty() || usage.creditsMicro <= 0)
        return std::nullopt;
    const ModelPriceNow* own = nullptr;
    for (const ModelPriceNow& price : prices)
        if (price.model == usage.model)
            own = &price;
    if (!own || own->free)
        return std::nullopt;
    const Wide cost = listCost(usage.tokensInput, usage.tokensOutput, *own);
    if (cost <= 0)
        return std::nullopt;
    const ModelPriceNow* best = nullptr;
    Wide bestCost = 0;
    for (const ModelPriceNow& price : prices) {
        if (price.free || price.model == usage.model || providerOf(price.model) != provider ||
            isEmbedding(price.model) != isEmbedding(usage.model))
            continue;
        const Wide candidate = listCost(usage.tokensInput, usage.tokensOutput, price);
        if (candidate < cost &&
            (!best || candidate > bestCost || (candidate == bestCost && price.model < best->model))) {
            best = &price;
            bestCost = candidate;
        }
    }
    if (!best)
        return std::nullopt;
    const qint64 saving =
        roundHalfUp(static_cast<Wide>(usage.creditsMicro) * (cost - bestCost), cost * kMicro);
    if (saving <= 0)
        return std::nullopt;
    const qint64 credits = roundHalfUp(usage.creditsMicro, kMicro);
    Recommendation recommendation;
    recommendation.kind = QStringLiteral("cheaper_model");
    recommendation.title = QStringLiteral("Use %1 instead of %2").arg(best->model, usage.model);
    recommendation.savingCreditsPerMonth = saving;
    recommendation.basis =
        QStringLiteral("In the last 30 days %1 used %2 input and %3 output tokens for %4 credits; at %5's "
                       "list prices (%6 input, %7 output per million tokens, against %8 and %9) the same "
                       "tokens cost %10 credits less.")
            .arg(usage.model, number(usage.tokensInput), number(usage.tokensOutput), number(credits),
                 best->model, pricePerMtok(best->inputMicroUsdPerMtok),
                 pricePerMtok(best->outputMicroUsdPerMtok), pricePerMtok(own->inputMicroUsdPerMtok),
                 pricePerMtok(own->outputMicroUsdPerMtok))
            .arg(number(saving));
    return recommendation;
}

Recommendation expiringCredits(const std::vector<forecast::ExpiringCredits>& sameExpiry,
                               qint64 burnRatePerDay)
{
    const QString date = sameExpiry.empty() ? QString() : formatTimestamp(sameExpiry.front().expiresAt);
    qint64 total = 0;
    QStringList grants;
    QStringList credits;
    for (const forecast::ExpiringCredits& expiring : sameExpiry) {
        total += expiring.credits;
        grants << QString::number(expiring.grantId);
        credits << number(expiring.credits);
    }
    const auto list = [](const QStringList& items) {
        return items.size() < 2 ? items.join(QString())
                                : items.mid(0, items.size() - 1).join(QStringLiteral(", ")) +
                                      QStringLiteral(" and ") + items.last();
    };
    Recommendation recommendation;
    recommendation.kind = QStringLiteral("expiring_credits");
    recommendation.title = QStringLiteral("%1 credits expire unused on %2").arg(number(total), date.left(10));
    recommendation.savingCreditsPerMonth = total;
    recommendation.basis =
        sameExpiry.size() == 1
            ? QStringLiteral("Grant %1 expires at %2; spending %3 credits a day (the last 7 days' rate) from "
                             "the grants in draw-down order leaves %4 of its credits unspent then.")
                  .arg(grants.front(), date, number(burnRatePerDay), credits.front())
            : QStringLiteral(
                  "Grants %1 expire at %2; spending %3 credits a day (the last 7 days' rate) from "
                  "the grants in draw-down order leaves %4 of their credits unspent then, %5 in all.")
                  .arg(list(grants), date, number(burnRatePerDay), list(credits), number(total));
    return recommendation;
}

qint64 creditsOnPlan(const PeriodUsage& usage, const PlanTerms& plan)
{
    // credits_micro = (cost + markup) × 25,000; on the plan: the usage without its markup plus the plan's.
    const Wide planMarkupMicroCredits =
        static_cast<Wide>(usage.costMicroUsd) * plan.markupBasisPoints * kMicroCreditsPerMicroUsd / 10'000;
    const Wide micro = static_cast<Wide>(usage.creditsMicro) -
                       static_cast<Wide>(usage.markupMicroUsd) * kMicroCreditsPerMicroUsd +
                       planMarkupMicroCredits;
    return micro <= 0 ? 0 : roundHalfUp(micro, kMicro);
}

qint64 extraSeats(const PeriodUsage& usage, const PlanTerms& plan)
{
    return std::max<qint64>(0, usage.seats - plan.includedSeats);
}

qint64 costOnPlan(const PeriodUsage& usage, const PlanTerms& plan)
{
    const qint64 beyond = std::max<qint64>(0, creditsOnPlan(usage, plan) - plan.monthlyCredits);
    return plan.priceMinor + extraSeats(usage, plan) * plan.seatPriceMinor +
           (beyond + kCreditsPerCent - 1) / kCreditsPerCent;
}

std::optional<Recommendation> cheaperPlan(const PeriodUsage& usage, const PlanTerms& current,
                                          const std::vector<PlanTerms>& catalog)
{
    if (usage.creditsMicro <= 0)
        return std::nullopt;
    const qint64 currentCost = costOnPlan(usage, current);
    const PlanTerms* best = nullptr;
    qint64 bestCost = currentCost;
    for (const PlanTerms& plan : catalog) {
        if (plan.id == current.id || plan.freeModelsOnly)
            continue;
        const qint64 cost = costOnPlan(usage, plan);
        if (cost < bestCost) {
            best = &plan;
            bestCost = cost;
        }
    }
    if (!best)
        return std::nullopt;
    const qint64 saving = (currentCost - bestCost) * kCreditsPerCent;
    const auto describe = [&](const PlanTerms& plan) {
        const qint64 credits = creditsOnPlan(usage, plan);
        const qint64 beyond = std::max<qint64>(0, credits - plan.monthlyCredits);
        const qint64 seats = extraSeats(usage, plan);
        const QString seatText =
            seats > 0
                ? QStringLiteral(", %1 extra seats at %2").arg(number(seats), money(plan.seatPriceMinor))
                : QString();
        return QStringLiteral("%1 (%2 fee%3, %4 credits included, %5 % markup: %6 credits, %7 of them beyond "
                              "the allowance, %8 in all)")
            .arg(plan.name, money(plan.priceMinor), seatText, number(plan.monthlyCredits),
                 percent(plan.markupBasisPoints), number(credits), number(beyond),
                 money(costOnPlan(usage, plan)));
    };
    Recommendation recommendation;
    recommendation.kind = QStringLiteral("cheaper_plan");
    recommendation.title = QStringLiteral("Switch to %1").arg(best->name);
    recommendation.savingCreditsPerMonth = saving;
    recommendation.basis =
        QStringLiteral("The last 30 days' usage would have cost %1 on %2 against %3 on %4, where credits "
                       "beyond the allowance cost $1 per 25,000; the difference, %5, is %6 credits.")
            .arg(money(bestCost), describe(*best), money(currentCost), describe(current),
                 money(currentCost - bestCost), number(saving));
    return recommendation;
}

} // namespace creditdesk::server::recommend
