#include "billing/Subscriptions.h"

#include "alerts/AlertEngine.h"
#include "alerts/Outbox.h"
#include "audit/AuditTrail.h"
#include "billing/BillingPeriod.h"
#include "core/ApiError.h"
#include "core/Json.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk::server {

using billing::monthsAfter;

namespace {

const QString kColumns = QStringLiteral(
    "s.account_id, s.plan, s.billing_option, s.status, s.terms, s.anchor_at, s.period_number, "
    "s.current_period_start, s.current_period_end, s.cancel_at_period_end, s.pending_plan, "
    "s.pending_billing_option, s.trial_end, s.trial_used, s.first_bonus_granted, s.discount_coupon, "
    "s.discount_kind, s.discount_value, s.discount_periods_left, s.refresh_day, a.owner_kind, a.owner_id, "
    "s.extra_seats, s.pending_extra_seats");

QJsonValue timestampOrNull(const std::optional<qint64>& at)
{
    return at ? QJsonValue(formatTimestamp(*at)) : QJsonValue();
}

std::optional<QString> textOrNone(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<QString>(value.toString());
}

QString planName(const QString& id)
{
    return id.isEmpty() ? id : id.at(0).toUpper() + id.mid(1);
}

// "Dec 6 – Jan 6, 2027": the period a charge is for, as a charge line says it.
QString periodText(qint64 start, qint64 end)
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(start, Qt::UTC);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(end, Qt::UTC);
    return QStringLiteral("%1 – %2").arg(from.toString(QStringLiteral("yyyy-MM-dd")),
                                         to.toString(QStringLiteral("yyyy-MM-dd")));
}

// The plan as a subscription keeps it for its current period (subscriptions.terms).
QString termsText(const Plan& plan)
{
    return QString::fromUtf8(QJsonDocument(plan.toJson()).toJson(QJsonDocument::Compact));
}

// What was left of an allowance when it ran out at `boundary`, for `account` (SQL expressions): the part
// still on its grants, plus what an expiry booked from them already (any draw after the period end books
// the expiry first; an expiry transaction names its grant and has the credits it took, negated).
QString allowanceRemainderSql(const QString& account, const QString& boundary)
{
    return QStringLiteral(
               "(SELECT COALESCE(SUM(g.remaining - COALESCE((SELECT SUM(t.amount) FROM transactions t WHERE "
               "t.grant_id = g.id AND t.kind = 'expiry'), 0)), 0) FROM grants g WHERE g.account_id = %1 AND "
               "g.kind = 'plan_allocation' AND g.expires_at = %2)")
        .arg(account, boundary);
}

} // namespace

QJsonObject SubscriptionDiscount::toJson() const
{
    QJsonObject object{{QStringLiteral("coupon"), coupon},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("periods_left"), periodsLeft}};
    if (kind == QLatin1String("percent_off"))
        object.insert(QStringLiteral("percent"), value);
    else if (kind == QLatin1String("amount_off"))
        object.insert(QStringLiteral("amount_minor"), value);
    else
        object.insert(QStringLiteral("percent"), 100);
    return object;
}

QJsonObject Proration::toJson() const
{
    return QJsonObject{{QStringLiteral("charge_minor"), chargeMinor},
                       {QStringLiteral("discount_minor"), discountMinor},
                       {QStringLiteral("credits_granted"), creditsGranted},
                       {QStringLiteral("remaining_seconds"), remainingSeconds},
                       {QStringLiteral("period_seconds"), periodSeconds},
                       {QStringLiteral("effective_at"), formatTimestamp(effectiveAt)},
                       {QStringLiteral("immediate"), immediate},
                       {QStringLiteral("starts_trial"), startsTrial}};
}

// ---- loading and storing ------------------------------------------------------------------------

namespace {

// A subscription from a row of kColumns; `terms` is the plan its terms column holds.
Subscription subscriptionFromRow(const Row& r, const Plan& terms)
{
    Subscription s;
    s.accountId = asInt(r[0]);
    s.plan = r[1].toString();
    s.billingOption = r[2].toString();
    s.status = r[3].toString();
    s.terms = terms;
    s.anchorAt = asInt(r[5]);
    s.periodNumber = asInt(r[6]);
    s.periodStart = asInt(r[7]);
    s.periodEnd = asInt(r[8]);
    s.cancelAtPeriodEnd = asInt(r[9]) != 0;
    s.pendingPlan = textOrNone(r[10]);
    s.pendingBillingOption = textOrNone(r[11]);
    s.trialEnd = optionalInt(r[12]);
    s.trialUsed = asInt(r[13]) != 0;
    s.firstBonusGranted = asInt(r[14]) != 0;
    if (!r[15].isNull())
        s.discount = SubscriptionDiscount{r[15].toString(), r[16].toString(), asInt(r[17]), asInt(r[18])};
    s.refreshDay = asInt(r[19]);
    s.ownerKind = r[20].toString();
    s.ownerId = asInt(r[21]);
    s.extraSeats = asInt(r[22]);
    s.pendingExtraSeats = optionalInt(r[23]);
    return s;
}

Plan planFromDefinition(const QVariant& definition, const QString& id)
{
    return Plan::fromJson(QJsonDocument::fromJson(definition.toByteArray()).object(), id);
}

} // namespace

std::optional<Subscription> Subscriptions::load(qint64 accountId, bool forUpdate)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT %1 FROM subscriptions s JOIN accounts a ON a.id = s.account_id "
                                "WHERE s.account_id = ?%2")
                     .arg(kColumns, forUpdate ? m_db.forUpdateOf(QStringLiteral("s")) : QString()),
                 {accountId});
    if (!row)
        return std::nullopt;
    return subscriptionFromRow(*row, planFromDefinition(row->at(4), row->at(1).toString()));
}

Subscription Subscriptions::get(qint64 accountId)
{
    if (auto subscription = load(accountId, false))
        return *subscription;
    throw ApiError::notFound(QStringLiteral("Subscription"));
}

Subscription Subscriptions::lockExisting(qint64 accountId)
{
    if (auto subscription = load(accountId, true))
        return *subscription;
    throw ApiError::notFound(QStringLiteral("Subscription"));
}

void Subscriptions::store(const Subscription& s)
{
    const PlanBillingOption* option = s.terms.option(s.billingOption);
    const QString terms = termsText(s.terms);
    const auto discountField = [&](auto get) { return s.discount ? QVariant(get(*s.discount)) : QVariant(); };
    m_db.execute(
        QStringLiteral(
            "UPDATE subscriptions SET plan = ?, billing_option = ?, status = ?, terms = ?, "
            "markup_basis_points = ?, "
            "free_models_only = ?, anchor_at = ?, period_number = ?, current_period_start = ?, "
            "current_period_end = ?, cancel_at_period_end = ?, pending_plan = ?, pending_billing_option = ?, "
            "trial_end = ?, trial_used = ?, first_bonus_granted = ?, discount_coupon = ?, discount_kind = ?, "
            "discount_value = ?, discount_periods_left = ?, refresh_day = ?, extra_seats = ?, "
            "pending_extra_seats = ?, updated_at = ? WHERE account_id = ?"),
        {s.plan,
         s.billingOption,
         s.status,
         terms,
         option ? option->markupBasisPoints : 0,
         s.terms.freeModelsOnly() ? 1 : 0,
         s.anchorAt,
         s.periodNumber,
         s.periodStart,
         s.periodEnd,
         s.cancelAtPeriodEnd ? 1 : 0,
         s.pendingPlan ? QVariant(*s.pendingPlan) : QVariant(),
         s.pendingBillingOption ? QVariant(*s.pendingBillingOption) : QVariant(),
         s.trialEnd ? QVariant(*s.trialEnd) : QVariant(),
         s.trialUsed ? 1 : 0,
         s.firstBonusGranted ? 1 : 0,
         discountField([](const SubscriptionDiscount& d) { return d.coupon; }),
         discountField([](const SubscriptionDiscount& d) { return d.kind; }),
         discountField([](const SubscriptionDiscount& d) { return d.value; }),
         discountField([](const SubscriptionDiscount& d) { return d.periodsLeft; }),
         s.refreshDay,
         s.extraSeats,
         nullableInt(s.pendingExtraSeats),
         m_now,
         s.accountId});
}

void Subscriptions::syncOwnerTier(const Subscription& s)
{
    // Rating reads the tier and billing option of the owner (metering/MeteringTargets.h) beside the
    // subscription's markup: both follow the plan.
    const QString table = s.ownerKind == QLatin1String("organization") ? QStringLiteral("organizations")
                                                                       : QStringLiteral("users");
    m_db.execute(QStringLiteral("UPDATE %1 SET tier = ?, billing_option = ? WHERE id = ?").arg(table),
                 {s.plan, s.billingOption, s.ownerId});
}

void Subscriptions::record(qint64 accountId, const QString& kind, const QString& fromPlan,
                           const QString& toPlan, const std::optional<QJsonObject>& proration,
                           const BillingActor& actor)
{
    m_db.execute(QStringLiteral("INSERT INTO subscription_history (account_id, at, kind, from_plan, to_plan, "
                                "proration, actor_type, actor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {accountId, m_now, kind, fromPlan, toPlan,
                  proration
                      ? QVariant(QString::fromUtf8(QJsonDocument(*proration).toJson(QJsonDocument::Compact)))
                      : QVariant(),
                  actor.type, actor.id ? QVariant(*actor.id) : QVariant()});
}

void Subscriptions::applyTerms(Subscription& s, const Plan& plan, const QString& option)
{
    s.plan = plan.id;
    s.billingOption = plan.option(option) ? option : QStringLiteral("credits");
    s.terms = plan;
}

void Subscriptions::auditJob(const Subscription& s, const QString& action, const QString& summary)
{
    AuditEntry entry;
    entry.at = m_now;
    entry.actorType = QStringLiteral("job");
    entry.organizationId = s.organizationId();
    entry.action = action;
    entry.targetType = QStringLiteral("subscription");
    entry.targetId = s.accountId;
    entry.summary = summary;
    AuditTrail(m_db).append(std::move(entry));
}

void Subscriptions::notifyChanged(const Subscription& s)
{
    AlertEngine(m_db, m_now).allowanceChanged(s.accountId);
    Outbox(m_db).enqueue(
        OutboxEvent{QStringLiteral("subscription.changed"), s.accountId, s.organizationId(), toJson(s)},
        m_now);
}

// ---- creation -------------------------------------------------------------------------------------

void Subscriptions::insertActive(qint64 accountId, const Plan& plan, const QString& billingOption)
{
    m_db.execute(QStringLiteral(
                     "INSERT INTO subscriptions (account_id, plan, billing_option, status, terms, "
                     "markup_basis_points, free_models_only, anchor_at, period_number, current_period_start, "
                     "current_period_end, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?, 0, "
                     "?, ?, ?, ?)"),
                 {accountId, plan.id, billingOption, termsText(plan),
                  plan.option(billingOption)->markupBasisPoints, plan.freeModelsOnly() ? 1 : 0, m_now, m_now,
                  monthsAfter(m_now, 1), m_now, m_now});
    record(accountId, QStringLiteral("created"), QString(), plan.id, std::nullopt, BillingActor{});
}

void Subscriptions::createForNewAccount(qint64 accountId, const QString& ownerKind, bool signupCredits)
{
    PlanCatalog catalog(m_db);
    std::optional<Plan> found = catalog.find(QStringLiteral("free"));
    if (!found) { // a database made by a command before any server start filled its catalog
        catalog.seedIfEmpty(m_now);
        found = catalog.require(QStringLiteral("free"));
    }
    const Plan& free = *found;
    insertActive(accountId, free, QStringLiteral("credits"));
    // Sign-up credits belong to a new user's personal account, once (an organization gets nothing by
    // being created: organizations are free to create, so credits per organization could be farmed).
    if (signupCredits && ownerKind == QLatin1String("user") && free.signupCredits > 0) {
        AllocationRequest request;
        request.amount = free.signupCredits;
        request.grantKind = QStringLiteral("bonus");
        request.priority = defaultPriorityFor(request.grantKind);
        request.note = QStringLiteral("Sign-up credits of the Free plan");
        request.idempotencyKey = QStringLiteral("signup");
        Ledger(m_db, m_now).allocate(accountId, request, Attribution{});
    }
}

int Subscriptions::backfill()
{
    const auto missing = m_db.rows(
        QStringLiteral("SELECT a.id, a.owner_kind, COALESCE(o.tier, u.tier, 'free'), "
                       "COALESCE(o.billing_option, u.billing_option, "
                       "'credits') FROM accounts a LEFT JOIN organizations o ON a.owner_kind = "
                       "'organization' AND o.id = a.owner_id "
                       "LEFT JOIN users u ON a.owner_kind = 'user' AND u.id = a.owner_id "
                       "WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = a.id)"));
    PlanCatalog catalog(m_db);
    for (const Row& row : missing) {
        const std::optional<Plan> found = catalog.find(row[2].toString());
        const Plan plan = found ? *found : catalog.require(QStringLiteral("free"));
        const QString option = plan.option(row[3].toString()) ? row[3].toString() : QStringLiteral("credits");
        insertActive(asInt(row[0]), plan, option);
    }
    return static_cast<int>(missing.size());
}

// ---- reading --------------------------------------------------------------------------------------

qint64 Subscriptions::verifiedDiscountPercent(const Subscription& s)
{
    if (!s.organizationId())
        return 0;
    const auto row =
        m_db.row(QStringLiteral(
                     "SELECT COALESCE(MAX(d.percent), 0) FROM verifications v JOIN verification_discounts d "
                     "ON d.type = v.type WHERE v.organization_id = ? AND v.status = 'approved'"),
                 {*s.organizationId()});
    return row ? asInt(row->at(0)) : 0;
}

QJsonObject Subscriptions::toJson(const Subscription& s)
{
    QJsonObject pending;
    if (s.pendingPlan)
        pending = QJsonObject{
            {QStringLiteral("plan"), *s.pendingPlan},
            {QStringLiteral("billing_option"), s.pendingBillingOption.value_or(QStringLiteral("credits"))},
            {QStringLiteral("effective_at"), formatTimestamp(s.periodEnd)}};
    const qint64 verified = verifiedDiscountPercent(s);
    QJsonObject object{
        {QStringLiteral("account_id"), s.accountId},
        {QStringLiteral("plan"), s.plan},
        {QStringLiteral("billing_option"), s.billingOption},
        {QStringLiteral("status"), s.status},
        {QStringLiteral("current_period_start"), formatTimestamp(s.periodStart)},
        {QStringLiteral("current_period_end"), formatTimestamp(s.periodEnd)},
        {QStringLiteral("cancel_at_period_end"), s.cancelAtPeriodEnd},
        {QStringLiteral("pending_change"), s.pendingPlan ? QJsonValue(pending) : QJsonValue()},
        {QStringLiteral("trial_end"), timestampOrNull(s.trialEnd)},
        {QStringLiteral("discount"), s.discount ? QJsonValue(s.discount->toJson()) : QJsonValue()},
        {QStringLiteral("verified_discount_percent"), verified},
        {QStringLiteral("price_minor"), s.terms.priceMinor},
        {QStringLiteral("monthly_credits"), s.terms.allowance(s.billingOption)},
    };
    if (s.organizationId())
        object.insert(QStringLiteral("organization_id"), *s.organizationId());
    else
        object.insert(QStringLiteral("user_id"), s.ownerId);
    return object;
}

QJsonObject Subscriptions::history(qint64 accountId, std::optional<qint64> beforeId, int limit)
{
    const auto rows = m_db.rows(
        QStringLiteral("SELECT id, at, kind, from_plan, to_plan, proration, actor_type, actor_id "
                       "FROM subscription_history WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT ?"),
        {accountId, beforeId.value_or(std::numeric_limits<qint64>::max()), limit + 1});
    QJsonArray data;
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) {
        const Row& r = rows[i];
        data.append(QJsonObject{
            {QStringLiteral("id"), asInt(r[0])},
            {QStringLiteral("at"), formatTimestamp(asInt(r[1]))},
            {QStringLiteral("kind"), r[2].toString()},
            {QStringLiteral("from_plan"),
             r[3].isNull() || r[3].toString().isEmpty() ? QJsonValue() : r[3].toString()},
            {QStringLiteral("to_plan"), r[4].isNull() ? QJsonValue() : r[4].toString()},
            {QStringLiteral("proration"),
             r[5].isNull() ? QJsonValue() : QJsonValue(QJsonDocument::fromJson(r[5].toByteArray()).object())},
            {QStringLiteral("actor"),
             QJsonObject{{QStringLiteral("type"), r[6].toString()},
                         {QStringLiteral("id"), r[7].isNull() ? QJsonValue() : asInt(r[7])}}}});
    }
    const bool more = static_cast<int>(rows.size()) > limit;
    return QJsonObject{{QStringLiteral("data"), data},
                       {QStringLiteral("next_cursor"),
                        more ? QJsonValue(QString::number(asInt(rows[limit - 1][0]))) : QJsonValue()}};
}

// ---- switching ------------------------------------------------------------------------------------

QString Subscriptions::checkedOption(const Plan& plan, const std::optional<QString>& requested,
                                     const Subscription& current)
{
    QString option = requested.value_or(plan.option(current.billingOption) ? current.billingOption
                                                                           : QStringLiteral("credits"));
    if (!plan.option(option))
        throw ApiError(QStringLiteral("billing_option_not_in_tier"),
                       QStringLiteral("The %1 plan has no '%2' billing option").arg(plan.name, option),
                       QJsonObject{{QStringLiteral("field"), QStringLiteral("billing_option")}});
    return option;
}

Proration Subscriptions::compute(const Subscription& s, const Plan& target, const QString& option)
{
    Proration p;
    p.remainingSeconds = std::max<qint64>(0, (s.periodEnd - m_now) / 1000);
    p.periodSeconds = std::max<qint64>(1, (s.periodEnd - s.periodStart) / 1000);
    p.effectiveAt = m_now;
    if (target.id == s.plan && option == s.billingOption)
        return p; // no change (cancels a pending one)
    const bool trialing = s.status == QLatin1String("trialing");
    if (!trialing && s.terms.priceMinor == 0 && target.trialDays > 0 && !s.trialUsed) {
        p.immediate = true;
        p.startsTrial = true;
        p.creditsGranted = target.trialCredits;
        p.remainingSeconds = p.periodSeconds = target.trialDays * 86400;
        return p;
    }
    if (target.priceMinor > s.terms.priceMinor) {
        p.immediate = true;
        if (trialing) { // a trial ends into a full paid period of the new plan, starting now
            const qint64 end = monthsAfter(m_now, 1);
            p.remainingSeconds = p.periodSeconds = (end - m_now) / 1000;
            p.chargeMinor = target.priceMinor;
            p.creditsGranted = target.allowance(option);
        } else {
            p.chargeMinor = billing::prorateRoundHalfUp(target.priceMinor - s.terms.priceMinor,
                                                        p.remainingSeconds, p.periodSeconds);
            const qint64 gained = target.allowance(option) - s.terms.allowance(s.billingOption);
            p.creditsGranted =
                gained > 0 ? billing::prorateFloor(gained, p.remainingSeconds, p.periodSeconds) : 0;
        }
        p.discountMinor = billing::percentOf(p.chargeMinor, verifiedDiscountPercent(s));
        return p;
    }
    p.effectiveAt = s.periodEnd; // a downgrade, or a change of billing option alone
    return p;
}

Proration Subscriptions::preview(qint64 accountId, const QString& plan,
                                 const std::optional<QString>& billingOption)
{
    const Subscription s = get(accountId);
    const Plan target = PlanCatalog(m_db).require(plan);
    return compute(s, target, checkedOption(target, billingOption, s));
}

std::optional<AccountAllocation> Subscriptions::allocationFor(const Subscription& s, const QString& kind,
                                                              qint64 credits, qint64 expiresAt,
                                                              const QString& note,
                                                              const QString& idempotencyKey)
{
    if (credits <= 0 || expiresAt <= m_now)
        return std::nullopt;
    AccountAllocation allocation;
    allocation.accountId = s.accountId;
    AllocationRequest& request = allocation.request;
    request.amount = credits;
    request.grantKind = kind;
    request.priority = defaultPriorityFor(kind);
    request.expiresAt = expiresAt;
    request.note = note;
    if (!idempotencyKey.isEmpty())
        request.idempotencyKey = idempotencyKey;
    allocation.attribution.organizationId = s.organizationId();
    return allocation;
}

void Subscriptions::grant(const Subscription& s, const QString& kind, qint64 credits, qint64 expiresAt,
                          const QString& note, const QString& idempotencyKey)
{
    if (const auto allocation = allocationFor(s, kind, credits, expiresAt, note, idempotencyKey))
        Ledger(m_db, m_now).allocate(allocation->accountId, allocation->request, allocation->attribution);
}

void Subscriptions::charge(Subscription& s, const QString& kind, const QString& description,
                           qint64 amountMinor, qint64 periodStart, qint64 periodEnd, bool periodFee)
{
    if (amountMinor <= 0)
        return;
    Charges charges(m_db);
    charges.add(s.accountId, kind, description, amountMinor, periodStart, periodEnd, m_now);
    const qint64 verifiedPercent = verifiedDiscountPercent(s);
    const qint64 verified = billing::percentOf(amountMinor, verifiedPercent);
    qint64 coupon = 0;
    const QString couponCode = s.discount ? s.discount->coupon : QString();
    if (periodFee && s.discount && s.discount->periodsLeft > 0) {
        if (s.discount->kind == QLatin1String("percent_off"))
            coupon = billing::percentOf(amountMinor, s.discount->value);
        else if (s.discount->kind == QLatin1String("amount_off"))
            coupon = std::min(amountMinor, s.discount->value);
        else
            coupon = amountMinor; // free_period
        // A coupon's periods count down with each period fee while it runs, given or outdone.
        if (--s.discount->periodsLeft <= 0)
            s.discount.reset();
    }
    if (coupon == 0 && verified == 0)
        return;
    const QString reason = coupon >= verified
                               ? QStringLiteral("Coupon %1").arg(couponCode)
                               : QStringLiteral("Verified institution discount (%1 %)").arg(verifiedPercent);
    charges.add(s.accountId, QStringLiteral("discount"), QStringLiteral("%1 on %2").arg(reason, description),
                -std::max(coupon, verified), periodStart, periodEnd, m_now);
}

Subscriptions::SwitchResult Subscriptions::switchPlan(qint64 accountId, const QString& plan,
                                                      const std::optional<QString>& billingOption,
                                                      const BillingActor& actor)
{
    Subscription s = lockExisting(accountId);
    const Plan target = PlanCatalog(m_db).require(plan);
    const QString option = checkedOption(target, billingOption, s);
    const Proration p = compute(s, target, option);
    const QString fromPlan = s.plan;
    if (target.id == s.plan && option == s.billingOption) {
        if (s.pendingPlan) {
            s.pendingPlan.reset();
            s.pendingBillingOption.reset();
            record(accountId, QStringLiteral("pending_change_canceled"), fromPlan, fromPlan, std::nullopt,
                   actor);
            store(s);
            notifyChanged(s);
        }
        return {s, p};
    }
    if (p.startsTrial) {
        s.status = QStringLiteral("trialing");
        s.trialUsed = true;
        s.trialEnd = m_now + target.trialDays * billing::kDayMs;
        s.periodStart = m_now;
        s.periodEnd = *s.trialEnd;
        s.pendingPlan.reset();
        s.pendingBillingOption.reset();
        applyTerms(s, target, option);
        grant(s, QStringLiteral("bonus"), target.trialCredits, s.periodEnd,
              QStringLiteral("Trial credits of the %1 plan").arg(target.name), QString());
        record(accountId, QStringLiteral("trial_started"), fromPlan, target.id, p.toJson(), actor);
    } else if (p.immediate) {
        const bool endsTrial = s.status == QLatin1String("trialing");
        if (endsTrial) {
            s.status = QStringLiteral("active");
            restartPeriodNow(s);
            record(accountId, QStringLiteral("trial_ended"), fromPlan, fromPlan, std::nullopt, actor);
        }
        s.pendingPlan.reset(); // an upgrade replaces a scheduled downgrade
        s.pendingBillingOption.reset();
        applyTerms(s, target, option);
        if (endsTrial) {
            openPeriod(s, true, QString()); // the preview's charge and credits are this full period's
        } else {
            charge(s, QStringLiteral("proration"),
                   QStringLiteral("Upgrade from %1 to %2, %3 of %4 seconds of the period")
                       .arg(planName(fromPlan), target.name)
                       .arg(p.remainingSeconds)
                       .arg(p.periodSeconds),
                   p.chargeMinor, m_now, s.periodEnd, false);
            grant(s, QStringLiteral("plan_allocation"), p.creditsGranted, s.periodEnd,
                  QStringLiteral("Upgrade to %1, prorated allowance").arg(target.name), QString());
        }
        record(accountId, QStringLiteral("upgrade"), fromPlan, target.id, p.toJson(), actor);
    } else {
        s.pendingPlan = target.id;
        s.pendingBillingOption = option;
        record(accountId, QStringLiteral("downgrade_scheduled"), fromPlan, target.id, p.toJson(), actor);
    }
    store(s);
    syncOwnerTier(s);
    notifyChanged(s);
    return {s, p};
}

Subscription Subscriptions::cancel(qint64 accountId, const BillingActor& actor)
{
    Subscription s = lockExisting(accountId);
    if (s.plan == QLatin1String("free"))
        throw ApiError::conflict(QStringLiteral("conflict"),
                                 QStringLiteral("The Free plan has nothing to cancel"));
    if (!s.cancelAtPeriodEnd) {
        s.cancelAtPeriodEnd = true;
        record(accountId, QStringLiteral("cancel_scheduled"), s.plan, QStringLiteral("free"), std::nullopt,
               actor);
        store(s);
        notifyChanged(s);
    }
    return s;
}

Subscription Subscriptions::resume(qint64 accountId, const BillingActor& actor)
{
    Subscription s = lockExisting(accountId);
    if (s.cancelAtPeriodEnd) {
        s.cancelAtPeriodEnd = false;
        record(accountId, QStringLiteral("resumed"), s.plan, s.plan, std::nullopt, actor);
        store(s);
        notifyChanged(s);
    }
    return s;
}

bool Subscriptions::markPastDue(qint64 accountId)
{
    Subscription s = lockExisting(accountId);
    if (s.status != QLatin1String("active") || s.plan == QLatin1String("free"))
        return false;
    s.status = QStringLiteral("past_due");
    record(accountId, QStringLiteral("past_due"), s.plan, s.plan, std::nullopt, BillingActor{});
    store(s);
    notifyChanged(s);
    return true;
}

bool Subscriptions::restoreActive(qint64 accountId)
{
    Subscription s = lockExisting(accountId);
    if (s.status != QLatin1String("past_due"))
        return false;
    s.status = QStringLiteral("active");
    record(accountId, QStringLiteral("payment_recovered"), s.plan, s.plan, std::nullopt, BillingActor{});
    store(s);
    notifyChanged(s);
    return true;
}

bool Subscriptions::cancelForNonPayment(qint64 accountId)
{
    Subscription s = lockExisting(accountId);
    if (s.plan == QLatin1String("free"))
        return false;
    const QString fromPlan = s.plan;
    // The free plan from now on; the period runs on to its end (the next renewal opens a free period),
    // so nothing is charged and no credits are granted here.
    s.status = QStringLiteral("active");
    s.cancelAtPeriodEnd = false;
    s.pendingPlan.reset();
    s.pendingBillingOption.reset();
    s.discount.reset();
    applyTerms(s, PlanCatalog(m_db).require(QStringLiteral("free")), QStringLiteral("credits"));
    record(accountId, QStringLiteral("canceled"), fromPlan, s.plan, std::nullopt, BillingActor{});
    store(s);
    syncOwnerTier(s);
    notifyChanged(s);
    auditJob(s, QStringLiteral("subscription.canceled"),
             QStringLiteral("%1 → free: the invoice stayed unpaid after every retry").arg(fromPlan));
    return true;
}

void Subscriptions::setPlanByOperator(const QString& ownerKind, qint64 ownerId, const QString& plan,
                                      const QString& billingOption)
{
    const auto account =
        m_db.row(QStringLiteral("SELECT id FROM accounts WHERE owner_kind = ? AND owner_id = ?"),
                 {ownerKind, ownerId});
    if (!account)
        throw ApiError::notFound(QStringLiteral("Billing account"));
    Subscription s = lockExisting(asInt(account->at(0)));
    const Plan target = PlanCatalog(m_db).require(plan);
    applyTerms(s, target, billingOption);
    s.pendingPlan.reset();
    s.pendingBillingOption.reset();
    store(s);
    notifyChanged(s);
}

void Subscriptions::startDiscount(qint64 accountId, const SubscriptionDiscount& discount)
{
    Subscription s = lockExisting(accountId);
    if (s.discount)
        throw ApiError(
            QStringLiteral("discount_already_active"),
            QStringLiteral("The subscription already has the discount of coupon %1").arg(s.discount->coupon));
    s.discount = discount;
    store(s);
}

Subscription Subscriptions::startFreePeriod(qint64 accountId, const QString& plan, const QString& coupon,
                                            const BillingActor& actor)
{
    Subscription s = lockExisting(accountId);
    if (s.discount)
        throw ApiError(
            QStringLiteral("discount_already_active"),
            QStringLiteral("The subscription already has the discount of coupon %1").arg(s.discount->coupon));
    const Plan target = PlanCatalog(m_db).require(plan);
    const QString fromPlan = s.plan;
    s.status = QStringLiteral("active");
    restartPeriodNow(s);
    s.cancelAtPeriodEnd = false;
    s.pendingPlan.reset();
    s.pendingBillingOption.reset();
    applyTerms(s, target, QStringLiteral("credits"));
    s.discount = SubscriptionDiscount{coupon, QStringLiteral("free_period"), 100, 1};
    openPeriod(s, false, QString()); // a free period is not the first paid one: no first-month bonus
    record(accountId, QStringLiteral("upgrade"), fromPlan, target.id, std::nullopt, actor);
    store(s);
    syncOwnerTier(s);
    notifyChanged(s);
    return s;
}

void Subscriptions::restartPeriodNow(Subscription& s)
{
    s.anchorAt = s.periodStart = m_now;
    s.periodNumber = 0;
    s.periodEnd = monthsAfter(m_now, 1);
}

void Subscriptions::openPeriod(Subscription& s, bool firstBonusEligible, const QString& keyPrefix)
{
    const Plan& terms = s.terms;
    const auto key = [&](const char* part) {
        return keyPrefix.isEmpty() ? QString() : keyPrefix + QLatin1String(part);
    };
    charge(s, QStringLiteral("period_fee"),
           QStringLiteral("%1 plan, %2").arg(terms.name, periodText(s.periodStart, s.periodEnd)),
           terms.priceMinor, s.periodStart, s.periodEnd, true);
    grant(s, QStringLiteral("plan_allocation"), terms.allowance(s.billingOption), s.periodEnd,
          QStringLiteral("%1 plan allowance").arg(terms.name), key("allowance"));
    if (firstBonusEligible && terms.priceMinor > 0 && !s.firstBonusGranted &&
        terms.firstMonthBonusCredits > 0) {
        grant(s, QStringLiteral("bonus"), terms.firstMonthBonusCredits, s.periodEnd,
              QStringLiteral("First-month bonus of the %1 plan").arg(terms.name), key("bonus"));
        s.firstBonusGranted = true;
    }
}

// ---- seats ----------------------------------------------------------------------------------------

QJsonObject SeatChange::toJson() const
{
    return QJsonObject{{QStringLiteral("charge_minor"), chargeMinor},
                       {QStringLiteral("discount_minor"), discountMinor},
                       {QStringLiteral("remaining_seconds"), remainingSeconds},
                       {QStringLiteral("period_seconds"), periodSeconds},
                       {QStringLiteral("effective_at"), formatTimestamp(effectiveAt)},
                       {QStringLiteral("immediate"), immediate}};
}

SeatChange Subscriptions::changeExtraSeats(qint64 accountId, qint64 purchased, qint64 seatsInUse,
                                           const BillingActor& actor)
{
    Subscription s = lockExisting(accountId);
    SeatChange change;
    change.remainingSeconds = std::max<qint64>(0, (s.periodEnd - m_now) / 1000);
    change.periodSeconds = std::max<qint64>(1, (s.periodEnd - s.periodStart) / 1000);
    change.effectiveAt = m_now;
    if (purchased > 0 && s.terms.seatPriceMinor == 0)
        throw ApiError::conflict(
            QStringLiteral("conflict"),
            QStringLiteral("The %1 plan sells no extra seats; switch to a paid plan first")
                .arg(s.terms.name));
    const qint64 before = s.extraSeats;
    const QJsonObject seats{{QStringLiteral("from"), before}, {QStringLiteral("to"), purchased}};
    if (purchased > before) {
        // The same rule as a plan upgrade: the added seats' price for the rest of the period, rounded
        // half up, less a verified institution's discount (charge()).
        change.immediate = true;
        change.chargeMinor = billing::prorateRoundHalfUp((purchased - before) * s.terms.seatPriceMinor,
                                                         change.remainingSeconds, change.periodSeconds);
        change.discountMinor = billing::percentOf(change.chargeMinor, verifiedDiscountPercent(s));
        charge(s, QStringLiteral("seats"),
               QStringLiteral("%1 extra seats (was %2), %3 of %4 seconds of the period")
                   .arg(purchased)
                   .arg(before)
                   .arg(change.remainingSeconds)
                   .arg(change.periodSeconds),
               change.chargeMinor, m_now, s.periodEnd, false);
        s.extraSeats = purchased;
        s.pendingExtraSeats.reset();
        QJsonObject detail = change.toJson();
        detail.insert(QStringLiteral("seats"), seats);
        record(accountId, QStringLiteral("seats_added"), s.plan, s.plan, detail, actor);
    } else if (purchased < before || (purchased == before && s.pendingExtraSeats)) {
        if (purchased < before && s.terms.includedSeats + purchased < seatsInUse)
            throw ApiError(QStringLiteral("seats_in_use"),
                           QStringLiteral("%1 seats are in use; %2 would be left")
                               .arg(seatsInUse)
                               .arg(s.terms.includedSeats + purchased),
                           QJsonObject{{QStringLiteral("in_use"), seatsInUse},
                                       {QStringLiteral("total"), s.terms.includedSeats + purchased}});
        change.effectiveAt = s.periodEnd;
        if (purchased == before) { // back to what there is: the scheduled decrease is off
            s.pendingExtraSeats.reset();
            change.effectiveAt = m_now;
            record(accountId, QStringLiteral("seats_decrease_canceled"), s.plan, s.plan, std::nullopt, actor);
        } else {
            s.pendingExtraSeats = purchased;
            QJsonObject detail = change.toJson();
            detail.insert(QStringLiteral("seats"), seats);
            record(accountId, QStringLiteral("seats_decrease_scheduled"), s.plan, s.plan, detail, actor);
        }
    }
    store(s);
    return change;
}

void Subscriptions::renewExtraSeats(Subscription& s)
{
    // A scheduled decrease takes effect now; a plan that sells no seats (free, after a cancellation or
    // a downgrade) keeps none. The seats that remain are charged for the new period on their own line.
    if (s.pendingExtraSeats)
        s.extraSeats = *s.pendingExtraSeats;
    s.pendingExtraSeats.reset();
    if (s.terms.seatPriceMinor == 0)
        s.extraSeats = 0;
    charge(s, QStringLiteral("seats"),
           QStringLiteral("%1 extra seats, %2").arg(s.extraSeats).arg(periodText(s.periodStart, s.periodEnd)),
           s.extraSeats * s.terms.seatPriceMinor, s.periodStart, s.periodEnd, false);
}

// ---- jobs -----------------------------------------------------------------------------------------

std::optional<qint64> Subscriptions::nextRenewalAt()
{
    const auto row = m_db.row(QStringLiteral("SELECT MIN(current_period_end) FROM subscriptions"));
    return row ? optionalInt(row->at(0)) : std::nullopt;
}

qint64 Subscriptions::allowanceRemainderAt(qint64 accountId, qint64 expiresAt)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT ") + allowanceRemainderSql(QStringLiteral("?"), QStringLiteral("?")),
                 {accountId, expiresAt});
    return row ? asInt(row->at(0)) : 0;
}

int Subscriptions::renewDue(int limit)
{
    if (m_db.isPostgres())
        return renewDueTogether(limit);
    const auto due =
        m_db.rows(QStringLiteral("SELECT account_id FROM subscriptions WHERE current_period_end <= ? "
                                 "ORDER BY current_period_end, account_id LIMIT ?"),
                  {m_now, limit});
    int renewed = 0;
    for (const Row& row : due)
        renewed += renewOne(asInt(row[0])) ? 1 : 0;
    return renewed;
}

bool Subscriptions::renewOne(qint64 accountId)
{
    std::optional<Subscription> loaded = load(accountId, true);
    if (!loaded || loaded->periodEnd > m_now)
        return false; // renewed meanwhile (another process, or this job's earlier run)
    Subscription s = *loaded;
    const qint64 boundary = s.periodEnd;
    // The unit of work's key: a second renewal of the same period fails here, never twice.
    m_db.execute(QStringLiteral("INSERT INTO subscription_periods (account_id, period_start, renewed_at) "
                                "VALUES (?, ?, ?)"),
                 {accountId, boundary, m_now});
    const Plan ending = s.terms;
    const QString endingOption = s.billingOption;
    const qint64 remainder = allowanceRemainderAt(accountId, boundary);
    const qint64 rollover = std::min(
        remainder, billing::prorateFloor(ending.allowance(endingOption), ending.rolloverMaxPercent, 100));
    const QString fromPlan = s.plan;
    QString nextPlan = s.plan;
    QString nextOption = s.billingOption;
    const BillingActor job;
    if (s.cancelAtPeriodEnd) {
        nextPlan = QStringLiteral("free");
        nextOption = QStringLiteral("credits");
        s.cancelAtPeriodEnd = false;
        s.discount.reset();
        record(accountId, QStringLiteral("canceled"), fromPlan, nextPlan, std::nullopt, job);
    } else if (s.pendingPlan) {
        nextPlan = *s.pendingPlan;
        nextOption = s.pendingBillingOption.value_or(QStringLiteral("credits"));
        record(accountId, QStringLiteral("downgrade"), fromPlan, nextPlan, std::nullopt, job);
    }
    s.pendingPlan.reset();
    s.pendingBillingOption.reset();
    if (s.status == QLatin1String("trialing")) {
        record(accountId, QStringLiteral("trial_ended"), fromPlan, nextPlan, std::nullopt, job);
        s.anchorAt = boundary;
        s.periodNumber = 0;
    } else {
        ++s.periodNumber;
    }
    s.status = QStringLiteral("active");
    s.periodStart = boundary;
    s.periodEnd = monthsAfter(s.anchorAt, s.periodNumber + 1);
    PlanCatalog catalog(m_db);
    // value_or(require("free")) would read the free plan on every renewal, found or not.
    const std::optional<Plan> next = catalog.find(nextPlan);
    applyTerms(s, next ? *next : catalog.require(QStringLiteral("free")), nextOption);
    const QString key = QStringLiteral("renewal:%1:").arg(boundary);
    openPeriod(s, true, key);
    renewExtraSeats(s);
    grant(s, QStringLiteral("rollover"), rollover, s.periodEnd,
          QStringLiteral("Rollover: %1 of %2 credits left of the period's allowance")
              .arg(rollover)
              .arg(remainder),
          key + QStringLiteral("rollover"));
    record(accountId, QStringLiteral("renewal"), fromPlan, s.plan, std::nullopt, job);
    store(s);
    if (s.plan != fromPlan || s.billingOption != endingOption) {
        syncOwnerTier(s);
        notifyChanged(s); // a renewal that changes the plan (cancellation, scheduled downgrade)
    }
    auditJob(
        s, QStringLiteral("subscription.renewed"),
        QStringLiteral("%1 → %2, period %3").arg(fromPlan, s.plan, periodText(s.periodStart, s.periodEnd)));
    return true;
}

int Subscriptions::renewDueTogether(int limit)
{
    // The due subscriptions, locked (one renewed meanwhile by another process drops out once its lock
    // is granted), with whether their plan is in the catalog and its definition where it differs from
    // their terms. The chunk is picked on the subscriptions' index alone: a generic plan of the join with
    // the LIMIT could scan them all.
    const auto due = m_db.rows(
        QStringLiteral("SELECT %1, p.id IS NOT NULL, CASE WHEN p.definition = s.terms THEN NULL ELSE "
                       "p.definition END FROM subscriptions s JOIN accounts a ON a.id = s.account_id "
                       "LEFT JOIN plans p ON p.id = s.plan WHERE s.account_id = ANY(ARRAY(SELECT account_id "
                       "FROM subscriptions WHERE current_period_end <= ? ORDER BY current_period_end, "
                       "account_id LIMIT ?)) AND s.current_period_end <= ? "
                       "ORDER BY s.current_period_end, s.account_id FOR UPDATE OF s")
            .arg(kColumns),
        {m_now, limit, m_now});
    std::vector<Renewal> usual;
    std::vector<qint64> others;
    QHash<QString, Plan> terms;                  // plan id and terms text → the plan they hold
    QHash<QString, std::optional<Plan>> catalog; // plan id → the catalog's plan
    for (const Row& row : due) {
        const QString planId = row[1].toString();
        const QString termsKey = planId + QLatin1Char('\n') + row[4].toString();
        auto known = terms.constFind(termsKey);
        if (known == terms.constEnd())
            known = terms.insert(termsKey, planFromDefinition(row[4], planId));
        Subscription s = subscriptionFromRow(row, *known);
        if (s.periodEnd > m_now)
            continue;
        auto next = catalog.constFind(planId);
        if (next == catalog.constEnd())
            next = catalog.insert(planId, !row[24].toBool() ? std::nullopt
                                          : row[25].isNull()
                                              ? std::optional(*known)
                                              : std::optional(planFromDefinition(row[25], planId)));
        // The usual renewal: the same plan and billing option go on, with nothing else to do (extra
        // seats, charged and changed at renewals, go through renewOne()).
        if (!s.cancelAtPeriodEnd && !s.pendingPlan && s.status != QLatin1String("trialing") && !s.discount &&
            s.extraSeats == 0 && !s.pendingExtraSeats && *next && (*next)->option(s.billingOption))
            usual.push_back(Renewal{std::move(s), **next});
        else
            others.push_back(s.accountId);
    }
    if (!usual.empty())
        renewTogether(usual);
    int renewed = static_cast<int>(usual.size());
    for (const qint64 accountId : others)
        renewed += renewOne(accountId) ? 1 : 0;
    return renewed;
}

void Subscriptions::renewTogether(std::vector<Renewal>& renewals)
{
    using Ints = std::vector<std::optional<qint64>>;
    using Texts = std::vector<std::optional<QString>>;
    // What renewOne() reads besides the subscription: the ending allowance's remainder, and the
    // verified institution's discount of organizations.
    Ints accounts, boundaries, organizations;
    for (const Renewal& r : renewals) {
        accounts.emplace_back(r.s.accountId);
        boundaries.emplace_back(r.s.periodEnd);
        organizations.push_back(r.s.organizationId());
    }
    QHash<qint64, std::pair<qint64, qint64>> read; // account → remainder, verified discount percent
    for (const Row& row : m_db.rows(
             QStringLiteral(
                 "SELECT v.id, %1, CASE WHEN v.organization_id IS NULL THEN 0 ELSE (SELECT "
                 "COALESCE(MAX(d.percent), 0) FROM verifications f JOIN verification_discounts d ON d.type = "
                 "f.type WHERE f.organization_id = v.organization_id AND f.status = 'approved') END FROM "
                 "(SELECT unnest(?::bigint[]) AS id, unnest(?::bigint[]) AS boundary, unnest(?::bigint[]) AS "
                 "organization_id) v")
                 .arg(allowanceRemainderSql(QStringLiteral("v.id"), QStringLiteral("v.boundary"))),
             {pgBigintArray(accounts), pgBigintArray(boundaries), pgBigintArray(organizations)}))
        read.insert(asInt(row[0]), {asInt(row[1]), asInt(row[2])});

    // renewOne()'s rows for each, collected column by column.
    Ints periodStarts, chargeAccounts, chargeAmounts, chargeStarts, chargeEnds, markups, freeModelsOnly,
        periodNumbers, starts, ends, bonusGiven;
    Texts chargeKinds, descriptions, plans, termsJson;
    QHash<QString, QString> termsText; // plan id → the terms column of its subscriptions
    std::vector<AccountAllocation> allocations;
    std::vector<std::pair<const Subscription*, QString>> audits;
    for (Renewal& r : renewals) {
        Subscription& s = r.s;
        const auto [remainder, verifiedPercent] = read.value(s.accountId);
        const qint64 boundary = s.periodEnd;
        const qint64 rollover = std::min(remainder, billing::prorateFloor(s.terms.allowance(s.billingOption),
                                                                          s.terms.rolloverMaxPercent, 100));
        ++s.periodNumber;
        s.status = QStringLiteral("active");
        s.periodStart = boundary;
        s.periodEnd = monthsAfter(s.anchorAt, s.periodNumber + 1);
        s.pendingBillingOption.reset();
        applyTerms(s, r.next, s.billingOption);
        const Plan& plan = s.terms;
        const QString period = periodText(s.periodStart, s.periodEnd);
        const QString description = QStringLiteral("%1 plan, %2").arg(plan.name, period);
        if (plan.priceMinor > 0) { // charge(): a period fee, less the verified discount (no coupon here)
            const qint64 verified = billing::percentOf(plan.priceMinor, verifiedPercent);
            for (int line = 0; line < (verified > 0 ? 2 : 1); ++line) {
                chargeAccounts.emplace_back(s.accountId);
                chargeKinds.emplace_back(line == 0 ? QStringLiteral("period_fee")
                                                   : QStringLiteral("discount"));
                descriptions.emplace_back(line == 0
                                              ? description
                                              : QStringLiteral("Verified institution discount (%1 %) on %2")
                                                    .arg(verifiedPercent)
                                                    .arg(description));
                chargeAmounts.emplace_back(line == 0 ? plan.priceMinor : -verified);
                chargeStarts.emplace_back(s.periodStart);
                chargeEnds.emplace_back(s.periodEnd);
            }
        }
        const QString key = QStringLiteral("renewal:%1:").arg(boundary);
        const auto grant = [&](const QString& kind, qint64 credits, const QString& note,
                               const QString& suffix) {
            if (auto allocation = allocationFor(s, kind, credits, s.periodEnd, note, key + suffix))
                allocations.push_back(std::move(*allocation));
        };
        grant(QStringLiteral("plan_allocation"), plan.allowance(s.billingOption),
              QStringLiteral("%1 plan allowance").arg(plan.name), QStringLiteral("allowance"));
        if (plan.priceMinor > 0 && !s.firstBonusGranted && plan.firstMonthBonusCredits > 0) {
            grant(QStringLiteral("bonus"), plan.firstMonthBonusCredits,
                  QStringLiteral("First-month bonus of the %1 plan").arg(plan.name), QStringLiteral("bonus"));
            s.firstBonusGranted = true;
        }
        grant(QStringLiteral("rollover"), rollover,
              QStringLiteral("Rollover: %1 of %2 credits left of the period's allowance")
                  .arg(rollover)
                  .arg(remainder),
              QStringLiteral("rollover"));
        periodStarts.emplace_back(boundary);
        plans.emplace_back(s.plan);
        auto json = termsText.constFind(s.plan);
        if (json == termsText.constEnd())
            json = termsText.insert(
                s.plan, QString::fromUtf8(QJsonDocument(plan.toJson()).toJson(QJsonDocument::Compact)));
        termsJson.emplace_back(*json);
        markups.emplace_back(plan.option(s.billingOption)->markupBasisPoints);
        freeModelsOnly.emplace_back(plan.freeModelsOnly() ? 1 : 0);
        periodNumbers.emplace_back(s.periodNumber);
        starts.emplace_back(s.periodStart);
        ends.emplace_back(s.periodEnd);
        bonusGiven.emplace_back(s.firstBonusGranted ? 1 : 0);
        audits.emplace_back(&s, QStringLiteral("%1 → %2, period %3").arg(s.plan, s.plan, period));
    }
    // The periods' keys first (a second renewal of one fails here), then everything else of the
    // subscriptions in the same statement; store() would also write plan and billing option, unchanged.
    static const QString sql = QStringLiteral(
        "WITH renewed AS (INSERT INTO subscription_periods (account_id, period_start, renewed_at) "
        "SELECT unnest(?::bigint[]), unnest(?::bigint[]), ?::bigint), "
        "charged AS (INSERT INTO charges (account_id, kind, description, amount_minor, currency, "
        "period_start, period_end, created_at) SELECT unnest(?::bigint[]), unnest(?::text[]), "
        "unnest(?::text[]), unnest(?::bigint[]), 'USD', unnest(?::bigint[]), unnest(?::bigint[]), "
        "?::bigint), "
        "recorded AS (INSERT INTO subscription_history (account_id, at, kind, from_plan, to_plan, "
        "actor_type) "
        "SELECT unnest(?::bigint[]), ?::bigint, 'renewal', unnest(?::text[]), unnest(?::text[]), 'job') "
        "UPDATE subscriptions s SET status = 'active', terms = v.terms, markup_basis_points = v.markup, "
        "free_models_only = v.free_models_only, period_number = v.period_number, current_period_start = "
        "v.period_start, current_period_end = v.period_end, cancel_at_period_end = 0, pending_plan = NULL, "
        "pending_billing_option = NULL, first_bonus_granted = v.first_bonus_granted, updated_at = ?::bigint "
        "FROM (SELECT unnest(?::bigint[]) AS account_id, unnest(?::text[]) AS terms, unnest(?::bigint[]) AS "
        "markup, unnest(?::bigint[]) AS free_models_only, unnest(?::bigint[]) AS period_number, "
        "unnest(?::bigint[]) AS period_start, unnest(?::bigint[]) AS period_end, unnest(?::bigint[]) AS "
        "first_bonus_granted) v WHERE s.account_id = v.account_id AND s.account_id = ANY(?::bigint[])");
    const QVariant accountArray = pgBigintArray(accounts);
    const QVariant planArray = pgTextArray(plans);
    m_db.execute(sql, {accountArray,
                       pgBigintArray(periodStarts),
                       m_now,
                       pgBigintArray(chargeAccounts),
                       pgTextArray(chargeKinds),
                       pgTextArray(descriptions),
                       pgBigintArray(chargeAmounts),
                       pgBigintArray(chargeStarts),
                       pgBigintArray(chargeEnds),
                       m_now,
                       accountArray,
                       m_now,
                       planArray,
                       planArray,
                       m_now,
                       accountArray,
                       pgTextArray(termsJson),
                       pgBigintArray(markups),
                       pgBigintArray(freeModelsOnly),
                       pgBigintArray(periodNumbers),
                       pgBigintArray(starts),
                       pgBigintArray(ends),
                       pgBigintArray(bonusGiven),
                       accountArray});
    Ledger(m_db, m_now).allocateMany(allocations);
    for (const auto& [s, summary] : audits)
        auditJob(*s, QStringLiteral("subscription.renewed"), summary);
}

int Subscriptions::grantDailyRefreshes(int limit)
{
    const qint64 today = m_now / billing::kDayMs;
    const auto due = m_db.rows(
        QStringLiteral("SELECT s.account_id FROM subscriptions s JOIN accounts a ON a.id = s.account_id "
                       "WHERE a.owner_kind = 'user' AND s.refresh_day < ? ORDER BY s.account_id LIMIT ?"),
        {today, limit});
    for (const Row& row : due) {
        Subscription s = lockExisting(asInt(row[0]));
        if (s.refreshDay >= today)
            continue;
        s.refreshDay = today;
        // Only the current day's refresh, however many days the clock jumped.
        grant(s, QStringLiteral("daily_refresh"), s.terms.dailyRefreshCredits,
              billing::nextUtcMidnight(m_now),
              QStringLiteral("Daily refresh of the %1 plan").arg(s.terms.name),
              QStringLiteral("daily-refresh:%1").arg(today));
        store(s);
        if (s.terms.dailyRefreshCredits > 0)
            auditJob(s, QStringLiteral("credits.daily_refresh"),
                     QStringLiteral("%1 credits for %2")
                         .arg(s.terms.dailyRefreshCredits)
                         .arg(formatTimestamp(today * billing::kDayMs).left(10)));
    }
    return static_cast<int>(due.size()); // accounts looked at: the caller goes on until none is left
}

// ---- charges --------------------------------------------------------------------------------------

qint64 Charges::add(qint64 accountId, const QString& kind, const QString& description, qint64 amountMinor,
                    std::optional<qint64> periodStart, std::optional<qint64> periodEnd, qint64 nowMs)
{
    return m_db.insert(
        QStringLiteral("INSERT INTO charges (account_id, kind, description, amount_minor, currency, "
                       "period_start, period_end, created_at) VALUES (?, ?, ?, ?, 'USD', ?, ?, ?)"),
        {accountId, kind, description, amountMinor, periodStart ? QVariant(*periodStart) : QVariant(),
         periodEnd ? QVariant(*periodEnd) : QVariant(), nowMs});
}

QJsonObject Charges::list(qint64 accountId, bool uninvoicedOnly, std::optional<qint64> beforeId, int limit)
{
    const auto rows = m_db.rows(
        QStringLiteral(
            "SELECT id, kind, description, amount_minor, currency, period_start, period_end, created_at, "
            "invoice_id FROM charges WHERE account_id = ? AND id < ?%1 ORDER BY id DESC LIMIT ?")
            .arg(uninvoicedOnly ? QStringLiteral(" AND invoice_id IS NULL") : QString()),
        {accountId, beforeId.value_or(std::numeric_limits<qint64>::max()), limit + 1});
    QJsonArray data;
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i) {
        const Row& r = rows[i];
        data.append(QJsonObject{{QStringLiteral("id"), asInt(r[0])},
                                {QStringLiteral("kind"), r[1].toString()},
                                {QStringLiteral("description"), r[2].toString()},
                                {QStringLiteral("amount_minor"), asInt(r[3])},
                                {QStringLiteral("currency"), r[4].toString()},
                                {QStringLiteral("period_start"), timestampOrNull(optionalInt(r[5]))},
                                {QStringLiteral("period_end"), timestampOrNull(optionalInt(r[6]))},
                                {QStringLiteral("created_at"), formatTimestamp(asInt(r[7]))},
                                {QStringLiteral("invoice_id"), r[8].isNull() ? QJsonValue() : asInt(r[8])}});
    }
    const bool more = static_cast<int>(rows.size()) > limit;
    return QJsonObject{{QStringLiteral("data"), data},
                       {QStringLiteral("next_cursor"),
                        more ? QJsonValue(QString::number(asInt(rows[limit - 1][0]))) : QJsonValue()}};
}

} // namespace creditdesk::server
