#include "billing/Coupons.h"

#include "alerts/Outbox.h"
#include "billing/BillingPeriod.h"
#include "core/ApiError.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace creditdesk::server {

namespace {

constexpr int kMaxCodeLength = 40;
constexpr qint64 kMaxPeriods = 120;
constexpr qint64 kMaxAmountMinor = 100'000'000; // $1,000,000 off a period fee
constexpr qint64 kMaxRedemptions = 1'000'000'000;

const QString kColumns = QStringLiteral(
    "id, code, kind, credits, percent, amount_minor, duration_periods, plan, credit_expiry_days, "
    "max_redemptions, "
    "per_account_limit, redemption_count, expires_at, valid_plans, first_time_only, active, created_at");

const QStringList& couponKinds()
{
    static const QStringList kinds{QStringLiteral("bonus_credits"), QStringLiteral("percent_off"),
                                   QStringLiteral("amount_off"), QStringLiteral("free_period")};
    return kinds;
}

QJsonValue orNull(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

QJsonValue timestampOrNull(const std::optional<qint64>& at)
{
    return at ? QJsonValue(formatTimestamp(*at)) : QJsonValue();
}

QVariant positiveOrNull(qint64 value)
{
    return value > 0 ? QVariant(static_cast<qlonglong>(value)) : QVariant(QMetaType::fromType<qlonglong>());
}

bool boolField(const JsonBody& body, const char* name, bool fallback)
{
    if (!body.has(name))
        return fallback;
    const QJsonValue value = body.object().value(QLatin1String(name));
    if (!value.isBool())
        throw ApiError::validation(QLatin1String(name),
                                   QStringLiteral("'%1' must be true or false").arg(QLatin1String(name)));
    return value.toBool();
}

Coupon couponFromRow(const Row& r)
{
    Coupon c;
    c.id = asInt(r[0]);
    c.code = r[1].toString();
    c.kind = r[2].toString();
    c.credits = asInt(r[3]);
    c.percent = asInt(r[4]);
    c.amountMinor = asInt(r[5]);
    c.durationPeriods = asInt(r[6]);
    c.plan = r[7].toString();
    c.creditExpiryDays = optionalInt(r[8]);
    c.maxRedemptions = optionalInt(r[9]);
    c.perAccountLimit = asInt(r[10]);
    c.redemptionCount = asInt(r[11]);
    c.expiresAt = optionalInt(r[12]);
    if (!r[13].isNull())
        for (const QJsonValue& plan : QJsonDocument::fromJson(r[13].toByteArray()).array())
            c.validPlans.append(plan.toString());
    c.firstTimeOnly = asInt(r[14]) != 0;
    c.active = asInt(r[15]) != 0;
    c.createdAt = asInt(r[16]);
    return c;
}

// The error a redemption answers for a reason check() found.
ApiError refusal(const QString& reason, const QString& code)
{
    if (reason == QLatin1String("not_found"))
        return ApiError(QStringLiteral("coupon_not_found"),
                        QStringLiteral("No coupon has the code %1").arg(code));
    if (reason == QLatin1String("inactive"))
        return ApiError(QStringLiteral("coupon_inactive"),
                        QStringLiteral("Coupon %1 is no longer active").arg(code));
    if (reason == QLatin1String("expired"))
        return ApiError(QStringLiteral("coupon_expired"), QStringLiteral("Coupon %1 has expired").arg(code));
    if (reason == QLatin1String("exhausted"))
        return ApiError(QStringLiteral("coupon_exhausted"),
                        QStringLiteral("Coupon %1 has been redeemed as often as it may be").arg(code));
    if (reason == QLatin1String("already_redeemed"))
        return ApiError(QStringLiteral("coupon_already_redeemed"),
                        QStringLiteral("This account has already redeemed coupon %1").arg(code));
    if (reason == QLatin1String("not_applicable"))
        return ApiError(QStringLiteral("coupon_not_applicable"),
                        QStringLiteral("Coupon %1 does not apply to this account").arg(code));
    return ApiError(QStringLiteral("discount_already_active"),
                    QStringLiteral("The subscription already has a coupon discount"));
}

} // namespace

// ---- the coupon -----------------------------------------------------------------------------------

std::optional<QString> Coupon::normalizedCode(const QString& text)
{
    if (text.isEmpty() || text.size() > kMaxCodeLength)
        return std::nullopt;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                        u == '-' || u == '_';
        if (!ok)
            return std::nullopt;
    }
    return text.toUpper();
}

QJsonObject Coupon::toJson(bool full) const
{
    const bool bonus = kind == QLatin1String("bonus_credits");
    QJsonObject object{
        {QStringLiteral("code"), code},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("credits"), bonus ? QJsonValue(credits) : QJsonValue()},
        {QStringLiteral("percent"),
         kind == QLatin1String("percent_off") ? QJsonValue(percent) : QJsonValue()},
        {QStringLiteral("amount_minor"),
         kind == QLatin1String("amount_off") ? QJsonValue(amountMinor) : QJsonValue()},
        {QStringLiteral("duration_periods"), bonus ? QJsonValue() : QJsonValue(durationPeriods)},
        {QStringLiteral("plan"), kind == QLatin1String("free_period") ? QJsonValue(plan) : QJsonValue()},
        {QStringLiteral("credit_expiry_days"), orNull(creditExpiryDays)},
        {QStringLiteral("per_account_limit"), perAccountLimit},
        {QStringLiteral("expires_at"), timestampOrNull(expiresAt)},
        {QStringLiteral("valid_plans"), QJsonArray::fromStringList(validPlans)},
        {QStringLiteral("first_time_only"), firstTimeOnly},
    };
    if (full) {
        object.insert(QStringLiteral("id"), id);
        object.insert(QStringLiteral("max_redemptions"), orNull(maxRedemptions));
        object.insert(QStringLiteral("redemption_count"), redemptionCount);
        object.insert(QStringLiteral("active"), active);
        object.insert(QStringLiteral("created_at"), formatTimestamp(createdAt));
    }
    return object;
}

Coupon Coupon::fromJson(const JsonBody& body, qint64 nowMs)
{
    body.rejectUnknownFields({"code", "kind", "credits", "percent", "amount_minor", "duration_periods",
                              "plan", "credit_expiry_days", "max_redemptions", "per_account_limit",
                              "expires_at", "valid_plans", "first_time_only", "active"});
    Coupon c;
    const auto code = normalizedCode(body.requiredString("code", kMaxCodeLength));
    if (!code)
        throw ApiError::validation(QStringLiteral("code"),
                                   QStringLiteral("'code' may hold only letters, digits, '-' and '_'"));
    c.code = *code;
    c.kind = body.requiredString("kind", 20);
    if (!couponKinds().contains(c.kind))
        throw ApiError::validation(
            QStringLiteral("kind"),
            QStringLiteral("'kind' must be bonus_credits, percent_off, amount_off or free_period"));
    const auto notFor = [&](std::initializer_list<const char*> fields) {
        for (const char* field : fields)
            if (body.has(field))
                throw ApiError::validation(
                    QLatin1String(field),
                    QStringLiteral("'%1' does not apply to a %2 coupon").arg(QLatin1String(field), c.kind));
    };
    if (c.kind == QLatin1String("bonus_credits")) {
        notFor({"percent", "amount_minor", "duration_periods", "plan"});
        c.credits = body.requiredAmount("credits");
        c.creditExpiryDays = body.optionalInteger("credit_expiry_days", 1, 3650);
    } else if (c.kind == QLatin1String("percent_off")) {
        notFor({"credits", "amount_minor", "plan", "credit_expiry_days"});
        c.percent = body.requiredInteger("percent", 1, 100);
        c.durationPeriods = body.optionalInteger("duration_periods", 1, kMaxPeriods).value_or(1);
    } else if (c.kind == QLatin1String("amount_off")) {
        notFor({"credits", "percent", "plan", "credit_expiry_days"});
        c.amountMinor = body.requiredInteger("amount_minor", 1, kMaxAmountMinor);
        c.durationPeriods = body.optionalInteger("duration_periods", 1, kMaxPeriods).value_or(1);
    } else {
        notFor({"credits", "percent", "amount_minor", "credit_expiry_days"});
        c.plan = body.optionalString("plan", 40).value_or(QStringLiteral("starter"));
        c.durationPeriods = body.optionalInteger("duration_periods", 1, kMaxPeriods).value_or(1);
        if (c.durationPeriods != 1)
            throw ApiError::validation(QStringLiteral("duration_periods"),
                                       QStringLiteral("A free_period coupon waives exactly one period fee"));
    }
    c.maxRedemptions = body.optionalInteger("max_redemptions", 1, kMaxRedemptions);
    c.perAccountLimit = body.optionalInteger("per_account_limit", 1, 1000).value_or(1);
    c.expiresAt = body.optionalTimestamp("expires_at");
    if (c.expiresAt && *c.expiresAt <= nowMs)
        throw ApiError::validation(QStringLiteral("expires_at"),
                                   QStringLiteral("'expires_at' must be in the future"));
    if (body.has("valid_plans"))
        for (const QString& plan : body.requiredStringArray("valid_plans", 10, 40))
            if (!c.validPlans.contains(plan))
                c.validPlans.append(plan);
    c.firstTimeOnly = boolField(body, "first_time_only", false);
    c.active = boolField(body, "active", true);
    c.createdAt = nowMs;
    return c;
}

QJsonObject CouponEffect::toJson() const
{
    return QJsonObject{{QStringLiteral("kind"), kind},
                       {QStringLiteral("credits_granted"), creditsGranted},
                       {QStringLiteral("credits_expire_at"), timestampOrNull(creditsExpireAt)},
                       {QStringLiteral("percent"), orNull(percent)},
                       {QStringLiteral("amount_minor"), orNull(amountMinor)},
                       {QStringLiteral("periods"), periods},
                       {QStringLiteral("plan"), plan ? QJsonValue(*plan) : QJsonValue()},
                       {QStringLiteral("plan_changed"), planChanged}};
}

CouponEffect CouponEffect::fromJson(const QJsonObject& object)
{
    const auto integer = [&](const char* name) {
        const QJsonValue value = object.value(QLatin1String(name));
        return value.isNull() || value.isUndefined() ? std::nullopt
                                                     : std::optional<qint64>(value.toInteger());
    };
    CouponEffect effect;
    effect.kind = object.value(QStringLiteral("kind")).toString();
    effect.creditsGranted = object.value(QStringLiteral("credits_granted")).toInteger();
    if (const QJsonValue at = object.value(QStringLiteral("credits_expire_at")); at.isString())
        effect.creditsExpireAt = parseTimestamp(at.toString());
    effect.percent = integer("percent");
    effect.amountMinor = integer("amount_minor");
    effect.periods = object.value(QStringLiteral("periods")).toInteger();
    if (const QJsonValue plan = object.value(QStringLiteral("plan")); plan.isString())
        effect.plan = plan.toString();
    effect.planChanged = object.value(QStringLiteral("plan_changed")).toBool();
    return effect;
}

QJsonObject CouponRedemption::toJson() const
{
    QJsonObject object{{QStringLiteral("id"), id},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("account_id"), accountId},
                       {QStringLiteral("number"), number},
                       {QStringLiteral("redeemed_by"), orNull(redeemedBy)},
                       {QStringLiteral("effect"), effect.toJson()},
                       {QStringLiteral("created_at"), formatTimestamp(createdAt)}};
    object.insert(ownerKind == QLatin1String("organization") ? QStringLiteral("organization_id")
                                                             : QStringLiteral("user_id"),
                  ownerId);
    return object;
}

// ---- the catalog of coupons -----------------------------------------------------------------------

std::optional<Coupon> Coupons::load(const QString& code)
{
    const auto row = m_db.row(QStringLiteral("SELECT %1 FROM coupons WHERE code = ?").arg(kColumns), {code});
    return row ? std::optional(couponFromRow(*row)) : std::nullopt;
}

std::optional<Coupon> Coupons::find(const QString& code)
{
    const auto normalized = Coupon::normalizedCode(code);
    return normalized ? load(*normalized) : std::nullopt;
}

void Coupons::checkPlans(const Coupon& coupon)
{
    PlanCatalog catalog(m_db);
    if (coupon.kind == QLatin1String("free_period")) {
        const Plan plan = catalog.require(coupon.plan);
        if (plan.priceMinor <= 0)
            throw ApiError::validation(
                QStringLiteral("plan"),
                QStringLiteral("'plan' must be a paid plan: a free period of %1 is no gift").arg(plan.name));
    }
    for (const QString& id : coupon.validPlans)
        if (!catalog.find(id))
            throw ApiError::validation(
                QStringLiteral("valid_plans"),
                QStringLiteral("'valid_plans' names '%1', which is not a plan").arg(id.left(40)));
}

Coupon Coupons::create(Coupon coupon)
{
    checkPlans(coupon);
    if (load(coupon.code))
        throw ApiError::conflict(QStringLiteral("coupon_exists"),
                                 QStringLiteral("A coupon with the code %1 exists").arg(coupon.code));
    const bool bonus = coupon.kind == QLatin1String("bonus_credits");
    coupon.createdAt = m_now;
    coupon.redemptionCount = 0;
    coupon.id = m_db.insert(
        QStringLiteral(
            "INSERT INTO coupons (code, kind, credits, percent, amount_minor, duration_periods, plan, "
            "credit_expiry_days, max_redemptions, per_account_limit, redemption_count, expires_at, "
            "valid_plans, first_time_only, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, "
            "?, ?, ?, ?, ?)"),
        {coupon.code, coupon.kind, positiveOrNull(coupon.credits), positiveOrNull(coupon.percent),
         positiveOrNull(coupon.amountMinor),
         bonus ? QVariant(QMetaType::fromType<qlonglong>())
               : QVariant(static_cast<qlonglong>(coupon.durationPeriods)),
         coupon.kind == QLatin1String("free_period") ? QVariant(coupon.plan)
                                                     : QVariant(QMetaType::fromType<QString>()),
         nullableInt(coupon.creditExpiryDays), nullableInt(coupon.maxRedemptions), coupon.perAccountLimit,
         nullableInt(coupon.expiresAt),
         coupon.validPlans.isEmpty()
             ? QVariant(QMetaType::fromType<QString>())
             : QVariant(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(coupon.validPlans))
                                              .toJson(QJsonDocument::Compact))),
         coupon.firstTimeOnly ? 1 : 0, coupon.active ? 1 : 0, m_now});
    return coupon;
}

bool Coupons::ensure(const Coupon& coupon)
{
    if (load(coupon.code))
        return false;
    create(coupon);
    return true;
}

std::vector<Coupon> Coupons::list()
{
    std::vector<Coupon> coupons;
    for (const Row& row : m_db.rows(QStringLiteral("SELECT %1 FROM coupons ORDER BY id").arg(kColumns)))
        coupons.push_back(couponFromRow(row));
    return coupons;
}

Coupon Coupons::deactivate(const QString& code)
{
    auto coupon = find(code);
    if (!coupon)
        throw ApiError(QStringLiteral("coupon_not_found"),
                       QStringLiteral("No coupon has the code %1").arg(code.left(40)));
    m_db.execute(QStringLiteral("UPDATE coupons SET active = 0 WHERE id = ?"), {coupon->id});
    coupon->active = false;
    return *coupon;
}

// ---- redeeming ------------------------------------------------------------------------------------

CouponEffect Coupons::effectFor(const Coupon& coupon, const Subscription& subscription)
{
    CouponEffect effect;
    effect.kind = coupon.kind;
    if (coupon.kind == QLatin1String("bonus_credits")) {
        effect.creditsGranted = coupon.credits;
        if (coupon.creditExpiryDays)
            effect.creditsExpireAt = m_now + *coupon.creditExpiryDays * billing::kDayMs;
    } else if (coupon.kind == QLatin1String("percent_off")) {
        effect.percent = coupon.percent;
        effect.periods = coupon.durationPeriods;
    } else if (coupon.kind == QLatin1String("amount_off")) {
        effect.amountMinor = coupon.amountMinor;
        effect.periods = coupon.durationPeriods;
    } else {
        effect.percent = 100;
        effect.periods = 1;
        if (subscription.plan == QLatin1String("free")) {
            // Free has no fee to waive: the account moves to the coupon's plan now, its first period free.
            const Plan target = PlanCatalog(m_db).require(coupon.plan);
            effect.plan = target.id;
            effect.planChanged = true;
            effect.creditsGranted = target.allowance(QStringLiteral("credits"));
        } else {
            effect.plan = subscription.plan;
        }
    }
    return effect;
}

CouponCheck Coupons::check(const QString& code, qint64 accountId)
{
    CouponCheck result;
    result.coupon = find(code);
    const auto refuse = [&result](const char* reason) {
        result.reason = QString::fromLatin1(reason);
        return result;
    };
    if (!result.coupon)
        return refuse("not_found");
    const Coupon& coupon = *result.coupon;
    if (!coupon.active)
        return refuse("inactive");
    if (coupon.expiresAt && *coupon.expiresAt <= m_now)
        return refuse("expired");
    if (coupon.maxRedemptions && coupon.redemptionCount >= *coupon.maxRedemptions)
        return refuse("exhausted");
    const auto used = m_db.row(
        QStringLiteral("SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = ? AND account_id = ?"),
        {coupon.id, accountId});
    if (used && asInt(used->at(0)) >= coupon.perAccountLimit)
        return refuse("already_redeemed");
    const Subscription subscription = Subscriptions(m_db, m_now).get(accountId);
    if (!coupon.validPlans.isEmpty() && !coupon.validPlans.contains(subscription.plan))
        return refuse("not_applicable");
    if (coupon.firstTimeOnly) {
        // A first-time customer has never been charged for a plan (a fee, a proration, a seat).
        const auto paid =
            m_db.row(QStringLiteral("SELECT COUNT(*) FROM charges WHERE account_id = ? AND amount_minor > 0"),
                     {accountId});
        if (paid && asInt(paid->at(0)) > 0)
            return refuse("not_applicable");
    }
    if (coupon.kind != QLatin1String("bonus_credits") && subscription.discount)
        return refuse("discount_already_active");
    result.effect = effectFor(coupon, subscription);
    return result;
}

CouponRedemption Coupons::redeem(const QString& code, qint64 accountId, const CouponRedeemer& redeemer)
{
    const CouponCheck checked = check(code, accountId);
    if (checked.reason)
        throw refusal(*checked.reason, checked.coupon ? checked.coupon->code : code.left(kMaxCodeLength));
    const Coupon& coupon = *checked.coupon;
    // The guard that holds across threads and processes: the count only rises below the maximum.
    const qint64 counted = m_db.executeCounted(
        QStringLiteral("UPDATE coupons SET redemption_count = redemption_count + 1 WHERE id = ? AND "
                       "(max_redemptions IS NULL OR redemption_count < max_redemptions)"),
        {coupon.id});
    if (counted == 0)
        throw refusal(QStringLiteral("exhausted"), coupon.code);
    // The account's n-th redemption: a concurrent one with the same number fails on the unique key, and its
    // rerun finds this one (coupon_already_redeemed once the limit is reached).
    const auto last = m_db.row(QStringLiteral("SELECT COALESCE(MAX(number), 0) FROM coupon_redemptions WHERE "
                                              "coupon_id = ? AND account_id = ?"),
                               {coupon.id, accountId});
    Subscriptions subscriptions(m_db, m_now);
    const Subscription subscription = subscriptions.get(accountId);
    CouponRedemption redemption;
    redemption.code = coupon.code;
    redemption.accountId = accountId;
    redemption.ownerKind = subscription.ownerKind;
    redemption.ownerId = subscription.ownerId;
    redemption.number = (last ? asInt(last->at(0)) : 0) + 1;
    redemption.redeemedBy = redeemer.userId;
    redemption.effect = checked.effect;
    redemption.createdAt = m_now;
    const QString effect =
        QString::fromUtf8(QJsonDocument(redemption.effect.toJson()).toJson(QJsonDocument::Compact));
    redemption.id =
        m_db.insert(QStringLiteral("INSERT INTO coupon_redemptions (coupon_id, account_id, number, "
                                   "redeemed_by, effect, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                    {coupon.id, accountId, redemption.number, nullableInt(redeemer.userId), effect, m_now});

    const CouponEffect& e = redemption.effect;
    if (coupon.kind == QLatin1String("bonus_credits")) {
        AllocationRequest request;
        request.amount = e.creditsGranted;
        request.grantKind = QStringLiteral("coupon");
        request.priority = defaultPriorityFor(request.grantKind);
        request.expiresAt = e.creditsExpireAt.value_or(kNeverExpires);
        request.note = QStringLiteral("Coupon %1").arg(coupon.code);
        request.idempotencyKey = redeemer.idempotencyKey;
        Ledger(m_db, m_now).allocate(accountId, request, redeemer.attribution);
    } else if (e.planChanged) {
        subscriptions.startFreePeriod(accountId, *e.plan, coupon.code, redeemer.actor);
    } else {
        subscriptions.startDiscount(accountId, SubscriptionDiscount{coupon.code, coupon.kind,
                                                                    coupon.kind == QLatin1String("amount_off")
                                                                        ? coupon.amountMinor
                                                                        : e.percent.value_or(0),
                                                                    e.periods});
    }
    // The coupon.redeemed notification, in this transaction: the redemption as the route renders it.
    Outbox(m_db).enqueue(OutboxEvent{QStringLiteral("coupon.redeemed"), accountId,
                                     subscription.organizationId(), redemption.toJson()},
                         m_now);
    return redemption;
}

QJsonObject Coupons::redemptions(std::optional<qint64> accountId, std::optional<QString> code,
                                 std::optional<qint64> beforeId, int limit)
{
    std::optional<qint64> couponId;
    if (code) {
        const auto coupon = find(*code);
        if (!coupon)
            throw ApiError(QStringLiteral("coupon_not_found"),
                           QStringLiteral("No coupon has the code %1").arg(code->left(kMaxCodeLength)));
        couponId = coupon->id;
    }
    QString sql = QStringLiteral("SELECT r.id, c.code, r.account_id, a.owner_kind, a.owner_id, r.number, "
                                 "r.redeemed_by, r.effect, r.created_at "
                                 "FROM coupon_redemptions r JOIN coupons c ON c.id = r.coupon_id JOIN "
                                 "accounts a ON a.id = r.account_id "
                                 "WHERE r.id < ?");
    QVariantList binds{beforeId.value_or(std::numeric_limits<qint64>::max())};
    if (accountId) {
        sql += QStringLiteral(" AND r.account_id = ?");
        binds.append(*accountId);
    }
    if (couponId) {
        sql += QStringLiteral(" AND r.coupon_id = ?");
        binds.append(*couponId);
    }
    sql += QStringLiteral(" ORDER BY r.id DESC LIMIT ?");
    binds.append(limit + 1);
    const auto rows = m_db.rows(sql, binds);
    QJsonArray data;
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) {
        const Row& r = rows[i];
        CouponRedemption redemption;
        redemption.id = asInt(r[0]);
        redemption.code = r[1].toString();
        redemption.accountId = asInt(r[2]);
        redemption.ownerKind = r[3].toString();
        redemption.ownerId = asInt(r[4]);
        redemption.number = asInt(r[5]);
        redemption.redeemedBy = optionalInt(r[6]);
        redemption.effect = CouponEffect::fromJson(QJsonDocument::fromJson(r[7].toByteArray()).object());
        redemption.createdAt = asInt(r[8]);
        data.append(redemption.toJson());
    }
    const bool more = static_cast<int>(rows.size()) > limit;
    return QJsonObject{{QStringLiteral("data"), data},
                       {QStringLiteral("next_cursor"),
                        more ? QJsonValue(QString::number(asInt(rows[limit - 1][0]))) : QJsonValue()}};
}

} // namespace creditdesk::server
