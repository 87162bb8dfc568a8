#pragma once

#include "billing/Subscriptions.h"
#include "core/Json.h"
#include "ledger/Ledger.h"
#include "store/Sql.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace creditdesk::server {

// A coupon code (docs/billing.md "Coupons"): bonus credits, or a discount on the next period fees of
// the redeeming account's subscription, or a free period. Codes are stored upper-case and matched
// case-insensitively.
struct Coupon
{
    qint64 id = 0;
    QString code;
    QString kind;                           // "bonus_credits" | "percent_off" | "amount_off" | "free_period"
    qint64 credits = 0;                     // bonus_credits
    qint64 percent = 0;                     // percent_off
    qint64 amountMinor = 0;                 // amount_off: minor units off each period fee
    qint64 durationPeriods = 0;             // percent_off, amount_off: how many period fees; free_period: 1
    QString plan;                           // free_period: where a Free account moves (default starter)
    std::optional<qint64> creditExpiryDays; // bonus_credits: the grant expires this many days after redeeming
    std::optional<qint64> maxRedemptions;   // over all accounts; none: unlimited
    qint64 perAccountLimit = 1;
    qint64 redemptionCount = 0;
    std::optional<qint64> expiresAt;
    QStringList validPlans; // empty: every plan
    bool firstTimeOnly = false;
    bool active = true;
    qint64 createdAt = 0;

    // `full`: what platform admins see (limits, counts, state); otherwise what a customer may know.
    QJsonObject toJson(bool full) const;
    // Parses and checks a create request; throws 422 naming the first bad field. Plans are checked
    // against the catalog by Coupons::create.
    static Coupon fromJson(const JsonBody& body, qint64 nowMs);
    // Letters, digits, '-' and '_', 1 to 40 of them; returned upper-case, or nothing when not a code.
    static std::optional<QString> normalizedCode(const QString& text);
};

// What a redemption does (or would do) to an account; the same object in validate, redeem and the
// redemption list. Unused members are 0 / null.
struct CouponEffect
{
    QString kind;
    qint64 creditsGranted = 0;             // bonus_credits; free_period on Free: the plan's allowance
    std::optional<qint64> creditsExpireAt; // bonus_credits with credit_expiry_days
    std::optional<qint64> percent;         // percent_off; free_period: 100
    std::optional<qint64> amountMinor;     // amount_off
    qint64 periods = 0;                    // period fees discounted
    std::optional<QString> plan;           // free_period: the plan whose fee is waived
    bool planChanged = false;              // free_period on Free: the account moved to `plan` now

    QJsonObject toJson() const;
    static CouponEffect fromJson(const QJsonObject& object);
};

// Who redeems: recorded on the redemption, the ledger movement and the subscription history.
struct CouponRedeemer
{
    std::optional<qint64> userId; // a person; none for an API token
    BillingActor actor;
    Attribution attribution;
    std::optional<QString> idempotencyKey; // the request's, kept on the ledger movement
};

struct CouponRedemption
{
    qint64 id = 0;
    QString code;
    qint64 accountId = 0;
    QString ownerKind; // the account's: "organization" | "user"
    qint64 ownerId = 0;
    qint64 number = 0; // the account's n-th redemption of this coupon
    std::optional<qint64> redeemedBy;
    CouponEffect effect;
    qint64 createdAt = 0;

    QJsonObject toJson() const;
};

// Why a coupon cannot be redeemed by an account now ("not_found", "inactive", "expired", "exhausted",
// "already_redeemed", "not_applicable", "discount_already_active"), or nothing when it can.
struct CouponCheck
{
    std::optional<Coupon> coupon;
    std::optional<QString> reason;
    CouponEffect effect; // when it can
};

// Coupons and their redemptions, inside the caller's transaction (the writer's for changes).
// Redemption is race-proof across threads and server processes: the coupon's redemption count rises
// by a conditional update that fails once max_redemptions is reached, and the unique key
// (coupon, account, number) allows each account at most per_account_limit redemptions.
class Coupons
{
public:
    Coupons(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    Coupon create(Coupon coupon); // 409 coupon_exists; 422 unknown_plan / validation_failed for plans
    std::vector<Coupon> list();
    std::optional<Coupon> find(const QString& code);
    Coupon deactivate(const QString& code); // 404 coupon_not_found; redemptions keep their effect

    CouponCheck check(const QString& code, qint64 accountId);
    // Redeems `code` for the account or throws the error of check()'s reason (coupon_not_found 404,
    // coupon_inactive 410, coupon_expired 410, coupon_exhausted 409, coupon_already_redeemed 409,
    // coupon_not_applicable 422, discount_already_active 409).
    CouponRedemption redeem(const QString& code, qint64 accountId, const CouponRedeemer& redeemer);

    // Redemptions newest first, of one account and/or one coupon; {"data", "next_cursor"}.
    QJsonObject redemptions(std::optional<qint64> accountId, std::optional<QString> code,
                            std::optional<qint64> beforeId, int limit);

    // For seed-demo: creates the coupon unless one with its code exists. Returns whether it did.
    bool ensure(const Coupon& coupon);

private:
    std::optional<Coupon> load(const QString& code);
    CouponEffect effectFor(const Coupon& coupon, const Subscription& subscription);
    void checkPlans(const Coupon& coupon);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
