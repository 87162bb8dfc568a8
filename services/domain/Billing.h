#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace creditdesk {

// Plain records of plans, subscriptions and coupons as the server's JSON says them (GET /tiers/compare,
// /subscription, /coupons/…), typed. Prices are integer minor units (cents) of their currency, allowances
// integer credits ($1 = 25,000 credits); never a double.

// Whose plan: an organization's billing account or a user's personal one (exactly one of the two).
struct BillingTarget
{
    std::optional<qint64> organizationId;
    std::optional<qint64> userId;

    static BillingTarget organization(qint64 id) { return {id, std::nullopt}; }
    static BillingTarget personal(qint64 userId) { return {std::nullopt, userId}; }
    bool isValid() const { return organizationId.has_value() != userId.has_value(); }
    bool isPersonal() const { return userId.has_value(); }
    // organization_id=… or user_id=…, for a query string or a request body.
    void addTo(QUrlQuery* query) const;
    void addTo(QJsonObject* body) const;

    friend bool operator==(const BillingTarget&, const BillingTarget&) = default;
};

struct PlanBillingOption
{
    QString option; // "credits" | "byok"
    qint64 monthlyCredits = 0;
    qint64 markupBasisPoints = 0;
};

struct Plan
{
    QString id;
    QString name;
    qint64 priceMinor = 0;
    QString currency = QStringLiteral("USD");
    QString interval = QStringLiteral("month");
    QList<PlanBillingOption> billingOptions;
    QString models; // "free_only" | "all"
    QStringList features;
    qint64 includedSeats = 0;
    qint64 seatPriceMinor = 0;
    qint64 concurrentTasks = 0;
    qint64 signupCredits = 0;
    qint64 dailyRefreshCredits = 0;
    qint64 firstMonthBonusCredits = 0;
    qint64 rolloverMaxPercent = 0;
    qint64 trialDays = 0;
    qint64 trialCredits = 0;

    const PlanBillingOption* option(const QString& name) const;
    // The monthly credits and markup of paying with the platform's credits (every plan has that option).
    qint64 monthlyCredits() const;
    qint64 markupBasisPoints() const;
    bool offersByok() const { return option(QStringLiteral("byok")) != nullptr; }
};

// The catalog: plans in comparison order and the verified institutions' discounts (percent by type).
struct PlanCatalog
{
    QList<Plan> plans;
    QList<std::pair<QString, qint64>> verificationDiscounts;

    const Plan* find(const QString& id) const;
};

// A coupon's discount on the next period fees.
struct SubscriptionDiscount
{
    QString coupon;
    QString kind; // "percent_off" | "amount_off" | "free_period"
    qint64 percent = 0;
    qint64 amountMinor = 0;
    qint64 periodsLeft = 0;
};

struct PendingPlanChange
{
    QString plan;
    QString billingOption;
    QDateTime effectiveAt;
};

struct Subscription
{
    QString plan;
    QString billingOption;
    QString status; // "trialing" | "active" | "past_due" | "canceled"
    QDateTime periodStart;
    QDateTime periodEnd;
    bool cancelAtPeriodEnd = false;
    std::optional<PendingPlanChange> pendingChange;
    QDateTime trialEnd; // invalid: no trial
    std::optional<SubscriptionDiscount> discount;
    qint64 verifiedDiscountPercent = 0;
    qint64 priceMinor = 0;
    qint64 monthlyCredits = 0;
};

// What a plan switch costs and gives (the preview and the switch itself say the same).
struct Proration
{
    qint64 chargeMinor = 0;   // before the discount
    qint64 discountMinor = 0; // taken off the charge
    qint64 creditsGranted = 0;
    qint64 remainingSeconds = 0;
    qint64 periodSeconds = 0;
    QDateTime effectiveAt;
    bool immediate = false;
    bool startsTrial = false;

    qint64 payMinor() const { return chargeMinor - discountMinor; }
};

struct SwitchResult
{
    Subscription subscription;
    Proration proration;
};

// One entry of GET /subscription/history, newest first.
struct SubscriptionEvent
{
    qint64 id = 0;
    QDateTime at;
    QString kind; // created, upgrade, downgrade_scheduled, renewal, cancel_scheduled, …
    QString fromPlan;
    QString toPlan;
    std::optional<Proration> proration;
    QString actorType; // "user" | "token" | "job"
    std::optional<qint64> actorId;
};

struct Coupon
{
    QString code;
    QString kind; // "bonus_credits" | "percent_off" | "amount_off" | "free_period"
    qint64 credits = 0;
    qint64 percent = 0;
    qint64 amountMinor = 0;
    qint64 durationPeriods = 0;
    QString plan; // free_period: the plan given
    std::optional<qint64> creditExpiryDays;
    std::optional<qint64> maxRedemptions; // none: unlimited
    qint64 perAccountLimit = 1;
    qint64 redemptionCount = 0;
    QDateTime expiresAt; // invalid: never
    QStringList validPlans;
    bool firstTimeOnly = false;
    bool active = true;
    QDateTime createdAt;
};

// What redeeming a coupon does (or did) to an account; fields the server leaves out stay zero.
struct CouponEffect
{
    QString kind;
    qint64 credits = 0;
    qint64 percent = 0;
    qint64 amountMinor = 0;
    qint64 periods = 0;
    QString plan;
    QDateTime creditsExpireAt;
};

// GET /coupons/validate: valid with what it gives, or the reason why not.
struct CouponCheck
{
    bool valid = false;
    QString reason; // not_found, expired, exhausted, already_redeemed, not_applicable, inactive, …
    Coupon coupon;
    CouponEffect effect;
};

struct CouponRedemption
{
    qint64 id = 0;
    QString code;
    std::optional<qint64> organizationId;
    std::optional<qint64> userId;
    QDateTime at;
    CouponEffect effect;
};

// A coupon to create (POST /coupons/create); optional fields are sent only when set.
struct NewCoupon
{
    QString code;
    QString kind;
    std::optional<qint64> credits;
    std::optional<qint64> percent;
    std::optional<qint64> amountMinor;
    std::optional<qint64> durationPeriods;
    std::optional<QString> plan;
    std::optional<qint64> creditExpiryDays;
    std::optional<qint64> maxRedemptions;
    std::optional<qint64> perAccountLimit;
    QDateTime expiresAt; // invalid: never
    QStringList validPlans;
    bool firstTimeOnly = false;

    QJsonObject toJson() const;
};

// An amount of minor units for screens: "$30.00" for USD (the locale's grouping and decimal point, as
// Credits::formatDollars), "30.00 EUR" for other currencies. Integer arithmetic only.
QString formatMinorUnits(qint64 minor, const QString& currency = QStringLiteral("USD"),
                         const QLocale& locale = QLocale());
// An amount typed by a person into minor units: "5", "5.5", "1,234.50", "$5.00" (the locale's decimal
// point or '.', the locale's grouping) → 500, 550, 123450, 500. Nothing for anything else, more than two
// decimals, or a negative amount. Integer arithmetic only.
std::optional<qint64> parseMinorUnits(const QString& text, const QLocale& locale = QLocale());
// Basis points as the number of a percentage: 1000 → "10", 250 → "2.5", 5 → "0.05" (the locale's decimal
// point; the caller adds the per cent sign the way its language writes it).
QString basisPointsAsPercent(qint64 basisPoints, const QLocale& locale = QLocale());

} // namespace creditdesk
