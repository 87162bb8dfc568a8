#include "api/BillingParsers.h"

#include "api/JsonParsers.h"

#include <QJsonArray>

namespace creditdesk::json {

namespace {

QString key(const char* name)
{
    return QLatin1String(name);
}

bool readBool(const QJsonObject& object, const char* name, bool* out)
{
    const QJsonValue value = object.value(key(name));
    if (!value.isBool())
        return false;
    *out = value.toBool();
    return true;
}

bool readInt(const QJsonObject& object, const char* name, qint64* out)
{
    return readInteger(object.value(key(name)), out);
}

// Lenient readers: a missing or null field keeps the default; a field of the wrong type fails.
bool lenientInt(const QJsonObject& object, const char* name, qint64* out)
{
    const QJsonValue value = object.value(key(name));
    return value.isUndefined() || value.isNull() || readInteger(value, out);
}

bool lenientOptionalInt(const QJsonObject& object, const char* name, std::optional<qint64>* out)
{
    const QJsonValue value = object.value(key(name));
    if (value.isUndefined() || value.isNull()) {
        out->reset();
        return true;
    }
    return readOptionalInteger(value, out);
}

bool lenientText(const QJsonObject& object, const char* name, QString* out)
{
    const QJsonValue value = object.value(key(name));
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

bool lenientBool(const QJsonObject& object, const char* name, bool* out)
{
    const QJsonValue value = object.value(key(name));
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isBool())
        return false;
    *out = value.toBool();
    return true;
}

bool lenientTime(const QJsonObject& object, const char* name, QDateTime* out)
{
    const QJsonValue value = object.value(key(name));
    if (value.isUndefined())
        return true;
    return readTimestamp(value, out, true);
}

bool readStrings(const QJsonValue& value, QStringList* out)
{
    if (!value.isArray())
        return false;
    QStringList strings;
    for (const QJsonValue& entry : value.toArray()) {
        if (!entry.isString())
            return false;
        strings.append(entry.toString());
    }
    *out = strings;
    return true;
}

} // namespace

bool parsePlan(const QJsonObject& object, Plan* out)
{
    if (!readString(object, "id", &out->id) || !readString(object, "name", &out->name) ||
        !readInt(object, "price_minor", &out->priceMinor) ||
        !readString(object, "currency", &out->currency) || !readString(object, "interval", &out->interval) ||
        !readString(object, "models", &out->models) ||
        !readStrings(object.value(key("features")), &out->features) ||
        !readInt(object, "included_seats", &out->includedSeats) ||
        !readInt(object, "seat_price_minor", &out->seatPriceMinor) ||
        !readInt(object, "concurrent_tasks", &out->concurrentTasks) ||
        !readInt(object, "signup_credits", &out->signupCredits) ||
        !readInt(object, "daily_refresh_credits", &out->dailyRefreshCredits) ||
        !readInt(object, "first_month_bonus_credits", &out->firstMonthBonusCredits) ||
        !readInteger(object.value(key("rollover")).toObject().value(key("max_percent")),
                     &out->rolloverMaxPercent) ||
        !readInt(object, "trial_days", &out->trialDays) ||
        !readInt(object, "trial_credits", &out->trialCredits))
        return false;
    const QJsonValue options = object.value(key("billing_options"));
    if (!options.isArray())
        return false;
    out->billingOptions.clear();
    for (const QJsonValue& value : options.toArray()) {
        const QJsonObject entry = value.toObject();
        PlanBillingOption option;
        if (!readString(entry, "option", &option.option) ||
            !readInt(entry, "monthly_credits", &option.monthlyCredits) ||
            !readInt(entry, "markup_basis_points", &option.markupBasisPoints))
            return false;
        out->billingOptions.append(option);
    }
    return true;
}

bool parsePlanCatalog(const QJsonObject& object, PlanCatalog* out)
{
    const QJsonValue data = object.value(key("data"));
    if (!data.isArray())
        return false;
    out->plans.clear();
    for (const QJsonValue& value : data.toArray()) {
        Plan plan;
        if (!value.isObject() || !parsePlan(value.toObject(), &plan))
            return false;
        out->plans.append(plan);
    }
    out->verificationDiscounts.clear();
    const QJsonObject discounts = object.value(key("verification_discounts")).toObject();
    for (auto it = discounts.begin(); it != discounts.end(); ++it) {
        qint64 percent = 0;
        if (!readInteger(it.value(), &percent))
            return false;
        out->verificationDiscounts.append({it.key(), percent});
    }
    return true;
}

bool parseSubscription(const QJsonObject& object, Subscription* out)
{
    if (!readString(object, "plan", &out->plan) ||
        !readString(object, "billing_option", &out->billingOption) ||
        !readString(object, "status", &out->status) ||
        !readTimestamp(object.value(key("current_period_start")), &out->periodStart) ||
        !readTimestamp(object.value(key("current_period_end")), &out->periodEnd) ||
        !readBool(object, "cancel_at_period_end", &out->cancelAtPeriodEnd) ||
        !readTimestamp(object.value(key("trial_end")), &out->trialEnd, true) ||
        !readInt(object, "price_minor", &out->priceMinor) ||
        !readInt(object, "monthly_credits", &out->monthlyCredits) ||
        !lenientInt(object, "verified_discount_percent", &out->verifiedDiscountPercent))
        return false;
    const QJsonValue pending = object.value(key("pending_change"));
    out->pendingChange.reset();
    if (pending.isObject()) {
        PendingPlanChange change;
        const QJsonObject entry = pending.toObject();
        if (!readString(entry, "plan", &change.plan) ||
            !readString(entry, "billing_option", &change.billingOption) ||
            !readTimestamp(entry.value(key("effective_at")), &change.effectiveAt))
            return false;
        out->pendingChange = change;
    } else if (!pending.isNull() && !pending.isUndefined()) {
        return false;
    }
    const QJsonValue discount = object.value(key("discount"));
    out->discount.reset();
    if (discount.isObject()) {
        SubscriptionDiscount entry;
        const QJsonObject d = discount.toObject();
        if (!readString(d, "coupon", &entry.coupon) || !readString(d, "kind", &entry.kind) ||
            !lenientInt(d, "percent", &entry.percent) || !lenientInt(d, "amount_minor", &entry.amountMinor) ||
            !lenientInt(d, "periods_left", &entry.periodsLeft))
            return false;
        out->discount = entry;
    } else if (!discount.isNull() && !discount.isUndefined()) {
        return false;
    }
    return true;
}

bool parseProration(const QJsonObject& object, Proration* out)
{
    return readInt(object, "charge_minor", &out->chargeMinor) &&
           readInt(object, "discount_minor", &out->discountMinor) &&
           readInt(object, "credits_granted", &out->creditsGranted) &&
           readInt(object, "remaining_seconds", &out->remainingSeconds) &&
           readInt(object, "period_seconds", &out->periodSeconds) &&
           readTimestamp(object.value(key("effective_at")), &out->effectiveAt) &&
           readBool(object, "immediate", &out->immediate) &&
           readBool(object, "starts_trial", &out->startsTrial);
}

bool parseSwitchResult(const QJsonObject& object, SwitchResult* out)
{
    return parseSubscription(object.value(key("subscription")).toObject(), &out->subscription) &&
           parseProration(object.value(key("proration")).toObject(), &out->proration);
}

bool parseSubscriptionEvent(const QJsonObject& object, SubscriptionEvent* out)
{
    if (!readInt(object, "id", &out->id) || !readTimestamp(object.value(key("at")), &out->at) ||
        !readString(object, "kind", &out->kind) || !readString(object, "from_plan", &out->fromPlan, true) ||
        !readString(object, "to_plan", &out->toPlan, true))
        return false;
    const QJsonValue proration = object.value(key("proration"));
    out->proration.reset();
    if (proration.isObject()) {
        Proration p;
        if (!parseProration(proration.toObject(), &p))
            return false;
        out->proration = p;
    }
    const QJsonObject actor = object.value(key("actor")).toObject();
    return lenientText(actor, "type", &out->actorType) && lenientOptionalInt(actor, "id", &out->actorId);
}

bool parseCoupon(const QJsonObject& object, Coupon* out)
{
    if (!readString(object, "code", &out->code) || !lenientText(object, "kind", &out->kind) ||
        !lenientInt(object, "credits", &out->credits) || !lenientInt(object, "percent", &out->percent) ||
        !lenientInt(object, "amount_minor", &out->amountMinor) ||
        !lenientInt(object, "duration_periods", &out->durationPeriods) ||
        !lenientText(object, "plan", &out->plan) ||
        !lenientOptionalInt(object, "credit_expiry_days", &out->creditExpiryDays) ||
        !lenientOptionalInt(object, "max_redemptions", &out->maxRedemptions) ||
        !lenientInt(object, "per_account_limit", &out->perAccountLimit) ||
        !lenientInt(object, "redemption_count", &out->redemptionCount) ||
        !lenientTime(object, "expires_at", &out->expiresAt) ||
        !lenientTime(object, "created_at", &out->createdAt) ||
        !lenientBool(object, "first_time_only", &out->firstTimeOnly) ||
        !lenientBool(object, "active", &out->active))
        return false;
    const QJsonValue plans = object.value(key("valid_plans"));
    if (!plans.isUndefined() && !plans.isNull() && !readStrings(plans, &out->validPlans))
        return false;
    return true;
}

bool parseCouponEffect(const QJsonObject& object, CouponEffect* out)
{
    qint64 creditsGranted = 0;
    if (!lenientText(object, "kind", &out->kind) || !lenientInt(object, "credits", &out->credits) ||
        !lenientInt(object, "credits_granted", &creditsGranted) ||
        !lenientInt(object, "percent", &out->percent) ||
        !lenientInt(object, "amount_minor", &out->amountMinor) ||
        !lenientInt(object, "duration_periods", &out->periods) ||
        !lenientInt(object, "periods", &out->periods) || !lenientText(object, "plan", &out->plan) ||
        !lenientTime(object, "credits_expire_at", &out->creditsExpireAt))
        return false;
    if (out->credits == 0)
        out->credits = creditsGranted;
    return true;
}

bool parseCouponCheck(const QJsonObject& object, CouponCheck* out)
{
    if (!readBool(object, "valid", &out->valid) || !lenientText(object, "reason", &out->reason))
        return false;
    if (object.value(key("coupon")).isObject() &&
        !parseCoupon(object.value(key("coupon")).toObject(), &out->coupon))
        return false;
    if (object.value(key("effect")).isObject() &&
        !parseCouponEffect(object.value(key("effect")).toObject(), &out->effect))
        return false;
    // What the coupon gives, where the effect leaves it out.
    if (out->effect.kind.isEmpty())
        out->effect.kind = out->coupon.kind;
    if (out->effect.credits == 0)
        out->effect.credits = out->coupon.credits;
    if (out->effect.percent == 0)
        out->effect.percent = out->coupon.percent;
    if (out->effect.amountMinor == 0)
        out->effect.amountMinor = out->coupon.amountMinor;
    if (out->effect.periods == 0)
        out->effect.periods = out->coupon.durationPeriods;
    if (out->effect.plan.isEmpty())
        out->effect.plan = out->coupon.plan;
    return out->valid || !out->reason.isEmpty();
}

bool parseCouponRedemption(const QJsonObject& object, CouponRedemption* out)
{
    const QJsonObject redemption =
        object.value(key("redemption")).isObject() ? object.value(key("redemption")).toObject() : object;
    if (!lenientInt(redemption, "id", &out->id) || !lenientText(redemption, "code", &out->code) ||
        !lenientOptionalInt(redemption, "organization_id", &out->organizationId) ||
        !lenientOptionalInt(redemption, "user_id", &out->userId))
        return false;
    if (!lenientTime(redemption, "redeemed_at", &out->at) ||
        (!out->at.isValid() && !lenientTime(redemption, "at", &out->at)) ||
        (!out->at.isValid() && !lenientTime(redemption, "created_at", &out->at)))
        return false;
    const QJsonValue effect = object.value(key("effect")).isObject() ? object.value(key("effect"))
                                                                     : redemption.value(key("effect"));
    if (effect.isObject() && !parseCouponEffect(effect.toObject(), &out->effect))
        return false;
    if (out->effect.kind.isEmpty())
        lenientText(redemption, "kind", &out->effect.kind);
    return true;
}

} // namespace creditdesk::json
