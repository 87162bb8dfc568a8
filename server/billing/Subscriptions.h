#pragma once

#include "billing/Plan.h"
#include "ledger/Ledger.h"
#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk::server {

// Who changed a subscription: a user, an API token or one of the server's jobs.
struct BillingActor
{
    QString type = QStringLiteral("job"); // "user" | "token" | "job"
    std::optional<qint64> id;
};

// A coupon's discount on a subscription's next period fees.
struct SubscriptionDiscount
{
    QString coupon;
    QString kind;     // "percent_off" | "amount_off" | "free_period"
    qint64 value = 0; // percent, or minor units off each period fee
    qint64 periodsLeft = 0;
    QJsonObject toJson() const;
};

struct Subscription
{
    qint64 accountId = 0;
    QString ownerKind; // "organization" | "user"
    qint64 ownerId = 0;
    QString plan;
    QString billingOption;
    QString status; // "trialing" | "active" | "past_due" | "canceled"
    Plan terms;     // the plan as it was when the current period began (or the plan was switched)
    qint64 anchorAt = 0;
    qint64 periodNumber = 0;
    qint64 periodStart = 0;
    qint64 periodEnd = 0;
    bool cancelAtPeriodEnd = false;
    std::optional<QString> pendingPlan;
    std::optional<QString> pendingBillingOption;
    std::optional<qint64> trialEnd;
    bool trialUsed = false;
    bool firstBonusGranted = false;
    std::optional<SubscriptionDiscount> discount;
    qint64 refreshDay = 0;
    qint64 extraSeats = 0;                   // seats bought beyond the plan's included ones
    std::optional<qint64> pendingExtraSeats; // a decrease that takes effect at the period end

    std::optional<qint64> organizationId() const
    {
        return ownerKind == QLatin1String("organization") ? std::optional(ownerId) : std::nullopt;
    }
};

// What a plan switch costs and gives now (the same numbers for a preview and the switch made after it).
struct Proration
{
    qint64 chargeMinor = 0;   // before discounts
    qint64 discountMinor = 0; // a verified institution's discount on it
    qint64 creditsGranted = 0;
    qint64 remainingSeconds = 0;
    qint64 periodSeconds = 0;
    qint64 effectiveAt = 0;
    bool immediate = false; // an upgrade (or a trial start); otherwise scheduled for the period end
    bool startsTrial = false;
    QJsonObject toJson() const;
};

// What buying or giving back extra seats costs now: an increase is charged at once, prorated for the rest
// of the period like a plan upgrade; a decrease waits for the period end and costs nothing.
struct SeatChange
{
    qint64 chargeMinor = 0; // before discounts
    qint64 discountMinor = 0;
    qint64 remainingSeconds = 0;
    qint64 periodSeconds = 0;
    qint64 effectiveAt = 0;
    bool immediate = false;
    QJsonObject toJson() const;
};

// Plans and subscriptions of billing accounts (docs/billing.md), inside the caller's transaction.
// Every account has exactly one subscription, created with the account on the free plan. Rating reads a
// subscription's markup and model rule (subscriptions.markup_basis_points, free_models_only), and the
// owner's tier and billing option columns follow the plan, so metering needs nothing else.
class Subscriptions
{
public:
    Subscriptions(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // The free subscription of a new account (and the free plan's sign-up credits for a new user).
    void createForNewAccount(qint64 accountId, const QString& ownerKind, bool signupCredits);
    // Accounts from before plans existed: each gets a subscription to its owner's current tier.
    int backfill();

    Subscription get(qint64 accountId);
    QJsonObject toJson(const Subscription& subscription);

    Proration preview(qint64 accountId, const QString& plan, const std::optional<QString>& billingOption);
    struct SwitchResult
    {
        Subscription subscription;
        Proration proration;
    };
    SwitchResult switchPlan(qint64 accountId, const QString& plan,
                            const std::optional<QString>& billingOption, const BillingActor& actor);
    Subscription cancel(qint64 accountId, const BillingActor& actor);
    Subscription resume(qint64 accountId, const BillingActor& actor);
    // Dunning (payments/Payments.h): the first failed collection makes the subscription past_due, a
    // payment restores active, the last failed retry cancels it at once to the free plan (history
    // `canceled`) without a charge or the free plan's credits before its next renewal. Each returns
    // false when the subscription was not in the state it changes.
    bool markPastDue(qint64 accountId);
    bool restoreActive(qint64 accountId);
    bool cancelForNonPayment(qint64 accountId);
    // A platform administrator's change of plan, at once and without charge or credits (PATCH terms).
    void setPlanByOperator(const QString& ownerKind, qint64 ownerId, const QString& plan,
                           const QString& billingOption);

    // Sets the extra seats an organization buys beyond its plan's included ones (orgs/Seats checks what
    // is in use first and passes it as `seatsInUse`): more at once with a prorated charge line, fewer at
    // the period end (409 seats_in_use below what is in use); 409 conflict on a plan that sells none.
    SeatChange changeExtraSeats(qint64 accountId, qint64 purchased, qint64 seatsInUse,
                                const BillingActor& actor);

    // Jobs. Each renewal runs exactly once per account and period (subscription_periods' key), even if
    // the job runs twice or in two processes. Returns how many were renewed (at most `limit`).
    int renewDue(int limit);
    int grantDailyRefreshes(int limit);
    // The earliest period end among all subscriptions (the test clock steps through them).
    std::optional<qint64> nextRenewalAt();

    QJsonObject history(qint64 accountId, std::optional<qint64> beforeId, int limit);

    // Starts a discount of a coupon on the subscription (409 discount_already_active when one runs).
    void startDiscount(qint64 accountId, const SubscriptionDiscount& discount);
    // Moves a free account at once to `plan` with a new period starting now and its allowance in full;
    // the new period's fee is charged and discounted 100 % (coupon FREEMONTH on free).
    Subscription startFreePeriod(qint64 accountId, const QString& plan, const QString& coupon,
                                 const BillingActor& actor);

    // The verified institution's discount percent of an account's organization (0 when none).
    qint64 verifiedDiscountPercent(const Subscription& subscription);

private:
    // A new active subscription to `plan` with its first period starting now.
    void insertActive(qint64 accountId, const Plan& plan, const QString& billingOption);
    // A new period of the plan starting now, anchored here (the first of a fresh paid run).
    void restartPeriodNow(Subscription& subscription);
    // The start of a period of the subscription's terms: the fee in advance (with its discount), the
    // allowance, and on the first full paid period the first-month bonus, each expiring at the period end.
    // `keyPrefix` makes the grants idempotent per unit of work (renewals); empty for request-driven starts.
    void openPeriod(Subscription& subscription, bool firstBonusEligible, const QString& keyPrefix);

    struct Renewal
    {
        Subscription s;
        Plan next; // the catalog's plan of the subscription's plan, which goes on
    };

    std::optional<Subscription> load(qint64 accountId, bool forUpdate);
    Subscription lockExisting(qint64 accountId);
    void store(const Subscription& subscription);
    void record(qint64 accountId, const QString& kind, const QString& fromPlan, const QString& toPlan,
                const std::optional<QJsonObject>& proration, const BillingActor& actor);
    Proration compute(const Subscription& subscription, const Plan& target, const QString& option);
    QString checkedOption(const Plan& plan, const std::optional<QString>& requested,
                          const Subscription& current);
    void applyTerms(Subscription& subscription, const Plan& plan, const QString& option);
    void grant(const Subscription& subscription, const QString& kind, qint64 credits, qint64 expiresAt,
               const QString& note, const QString& idempotencyKey);
    // Records a subscription charge with its discount line: a coupon's on period fees, a verified
    // institution's on period fees and prorations; only the larger of the two is given.
    void charge(Subscription& subscription, const QString& kind, const QString& description,
                qint64 amountMinor, qint64 periodStart, qint64 periodEnd, bool periodFee);
    bool renewOne(qint64 accountId);
    // At a renewal: applies a scheduled seat decrease and charges the extra seats for the new period.
    void renewExtraSeats(Subscription& subscription);
    // PostgreSQL: renewDue() with the usual renewals of the chunk (the same plan and billing option go
    // on; no cancellation, pending change, trial or coupon) written together, in a few statements for all
    // instead of about twenty-five each; the others go through renewOne(). Same rows either way.
    int renewDueTogether(int limit);
    void renewTogether(std::vector<Renewal>& renewals);
    std::optional<AccountAllocation> allocationFor(const Subscription& subscription, const QString& kind,
                                                   qint64 credits, qint64 expiresAt, const QString& note,
                                                   const QString& idempotencyKey);
    qint64 allowanceRemainderAt(qint64 accountId, qint64 expiresAt);
    void syncOwnerTier(const Subscription& subscription);
    void auditJob(const Subscription& subscription, const QString& action, const QString& summary);
    // The subscription.changed notification (alerts/Outbox.h), in this transaction: its data is the
    // subscription as GET /billing/subscription renders it.
    void notifyChanged(const Subscription& subscription);

    SqlConnection& m_db;
    qint64 m_now;
};

// Charge lines of a billing account (docs/billing.md "Charges").
class Charges
{
public:
    explicit Charges(SqlConnection& db) : m_db(db) {}
    qint64 add(qint64 accountId, const QString& kind, const QString& description, qint64 amountMinor,
               std::optional<qint64> periodStart, std::optional<qint64> periodEnd, qint64 nowMs);
    QJsonObject list(qint64 accountId, bool uninvoicedOnly, std::optional<qint64> beforeId, int limit);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
