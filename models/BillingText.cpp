#include "models/BillingText.h"

#include "domain/Credits.h"

#include <algorithm>
#include <limits>

namespace creditdesk {

namespace {

// The plural form of a count that may exceed int (credits): only whether it is one matters here.
int pluralOf(qint64 count)
{
    return static_cast<int>(std::clamp<qint64>(count, 0, std::numeric_limits<int>::max()));
}

} // namespace

QString BillingText::featureLabel(const QString& key)
{
    if (key == QLatin1String("basic_chatflows"))
        return tr("Basic chatflows");
    if (key == QLatin1String("all_chatflows"))
        return tr("All chatflows");
    if (key == QLatin1String("priority_support"))
        return tr("Priority support");
    if (key == QLatin1String("team_features"))
        return tr("Team features");
    if (key == QLatin1String("custom_roles"))
        return tr("Custom roles");
    // A feature this console does not know yet: its key in words ("audit_export" → "Audit export").
    QString words = key;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words.at(0).toUpper();
    return words;
}

QString BillingText::modelsLabel(const QString& models)
{
    if (models == QLatin1String("free_only"))
        return tr("Free models only");
    if (models == QLatin1String("all"))
        return tr("All models");
    return models;
}

QString BillingText::billingOptionLabel(const QString& option)
{
    if (option == QLatin1String("credits"))
        return tr("Platform credits");
    if (option == QLatin1String("byok"))
        return tr("Your own provider keys (BYOK)");
    return option;
}

QString BillingText::statusLabel(const QString& status)
{
    if (status == QLatin1String("active"))
        return tr("Active");
    if (status == QLatin1String("trialing"))
        return tr("Trial");
    if (status == QLatin1String("past_due"))
        return tr("Payment overdue");
    if (status == QLatin1String("canceled"))
        return tr("Canceled");
    return status;
}

QString BillingText::planName(const PlanCatalog& catalog, const QString& id)
{
    const Plan* plan = catalog.find(id);
    return plan ? plan->name : id;
}

QString BillingText::percent(qint64 basisPoints)
{
    return tr("%1%").arg(basisPointsAsPercent(basisPoints));
}

QString BillingText::price(qint64 minor, const QString& currency, const QString& interval)
{
    if (minor == 0)
        return tr("Free");
    const QString amount = formatMinorUnits(minor, currency);
    if (interval == QLatin1String("month"))
        return tr("%1 / month").arg(amount);
    if (interval == QLatin1String("year"))
        return tr("%1 / year").arg(amount);
    return amount;
}

QString BillingText::creditsWithValue(qint64 credits)
{
    return tr("%1 credit(s) (%2)", nullptr, pluralOf(credits))
        .arg(Credits(credits).format(), Credits(credits).formatDollars());
}

QString BillingText::discount(const SubscriptionDiscount& discount)
{
    const int periods = pluralOf(discount.periodsLeft);
    if (discount.kind == QLatin1String("percent_off"))
        return tr("%1 off for %n more billing period(s) (coupon %2)", nullptr, periods)
            .arg(percent(discount.percent * 100), discount.coupon);
    if (discount.kind == QLatin1String("amount_off"))
        return tr("%1 off for %n more billing period(s) (coupon %2)", nullptr, periods)
            .arg(formatMinorUnits(discount.amountMinor), discount.coupon);
    if (discount.kind == QLatin1String("free_period"))
        return tr("No fee for %n more billing period(s) (coupon %1)", nullptr, periods).arg(discount.coupon);
    return discount.coupon;
}

QString BillingText::historyEvent(const SubscriptionEvent& event, const PlanCatalog& catalog)
{
    const QString from = planName(catalog, event.fromPlan);
    const QString to = planName(catalog, event.toPlan);
    const QString& kind = event.kind;
    if (kind == QLatin1String("created"))
        return tr("Started on %1").arg(to);
    if (kind == QLatin1String("upgrade"))
        return tr("Upgraded from %1 to %2").arg(from, to);
    if (kind == QLatin1String("downgrade_scheduled"))
        return tr("Change from %1 to %2 scheduled for the end of the period").arg(from, to);
    if (kind == QLatin1String("downgrade"))
        return tr("Changed from %1 to %2").arg(from, to);
    if (kind == QLatin1String("pending_change_canceled"))
        return tr("Scheduled change canceled, staying on %1").arg(from);
    if (kind == QLatin1String("trial_started"))
        return tr("Trial of %1 started").arg(to);
    if (kind == QLatin1String("trial_ended"))
        return tr("Trial of %1 ended").arg(from);
    if (kind == QLatin1String("renewal"))
        return tr("Renewed on %1").arg(to.isEmpty() ? from : to);
    if (kind == QLatin1String("cancel_scheduled"))
        return tr("Cancellation of %1 scheduled for the end of the period").arg(from);
    if (kind == QLatin1String("canceled"))
        return tr("%1 canceled, now on %2").arg(from, to);
    if (kind == QLatin1String("resumed"))
        return tr("%1 resumed: renews at the end of the period").arg(from);
    return kind;
}

QString BillingText::actor(const QString& type, std::optional<qint64> id, qint64 myUserId)
{
    const QLocale locale;
    if (type == QLatin1String("user")) {
        if (id && *id == myUserId)
            return tr("You");
        return id ? tr("User #%1").arg(locale.toString(*id)) : tr("User");
    }
    if (type == QLatin1String("token"))
        return id ? tr("API token #%1").arg(locale.toString(*id)) : tr("API token");
    if (type == QLatin1String("job"))
        return tr("Automatic");
    return type;
}

QString BillingText::couponKindLabel(const QString& kind)
{
    if (kind == QLatin1String("bonus_credits"))
        return tr("Bonus credits");
    if (kind == QLatin1String("percent_off"))
        return tr("Percent off");
    if (kind == QLatin1String("amount_off"))
        return tr("Amount off");
    if (kind == QLatin1String("free_period"))
        return tr("Free period");
    return kind;
}

QString BillingText::couponGives(const CouponEffect& effect, const PlanCatalog& catalog)
{
    const QString& kind = effect.kind;
    const int periods = pluralOf(std::max<qint64>(1, effect.periods));
    if (kind == QLatin1String("bonus_credits")) {
        const QString credits = creditsWithValue(effect.credits);
        if (effect.creditsExpireAt.isValid())
            return tr("%1 added to the balance, usable until %2")
                .arg(credits,
                     QLocale().toString(effect.creditsExpireAt.toLocalTime().date(), QLocale::ShortFormat));
        return tr("%1 added to the balance").arg(credits);
    }
    if (kind == QLatin1String("percent_off"))
        return tr("%1 off for %n billing period(s)", nullptr, periods).arg(percent(effect.percent * 100));
    if (kind == QLatin1String("amount_off"))
        return tr("%1 off for %n billing period(s)", nullptr, periods)
            .arg(formatMinorUnits(effect.amountMinor));
    if (kind == QLatin1String("free_period")) {
        if (effect.plan.isEmpty())
            return tr("%n free billing period(s)", nullptr, periods);
        return tr("%n free billing period(s) of the %1 plan", nullptr, periods)
            .arg(planName(catalog, effect.plan));
    }
    return couponKindLabel(kind);
}

QString BillingText::couponRefusal(const QString& reason)
{
    if (reason == QLatin1String("not_found"))
        return tr("There is no coupon with this code. Check the spelling.");
    if (reason == QLatin1String("expired"))
        return tr("This coupon has expired.");
    if (reason == QLatin1String("exhausted"))
        return tr("This coupon has been used up: it was redeemed as often as it may be.");
    if (reason == QLatin1String("already_redeemed"))
        return tr("This account has already redeemed this coupon.");
    if (reason == QLatin1String("not_applicable"))
        return tr("This coupon does not apply to this account's plan.");
    if (reason == QLatin1String("inactive"))
        return tr("This coupon is no longer active.");
    if (reason == QLatin1String("discount_already_active"))
        return tr(
            "The subscription already has a coupon discount; a second one cannot be added while it runs.");
    return tr("This coupon cannot be redeemed (%1).").arg(reason);
}

QString BillingText::redemptionsOfMax(qint64 count, std::optional<qint64> max)
{
    const QLocale locale;
    if (!max)
        return tr("%1 (no limit)").arg(locale.toString(count));
    return tr("%1 of %2").arg(locale.toString(count), locale.toString(*max));
}

} // namespace creditdesk
