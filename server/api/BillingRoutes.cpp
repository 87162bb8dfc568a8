// Plans and subscriptions (docs/billing.md): the catalog and its comparison, entitlements, the
// subscription of a billing account with its history, plan switches with proration and their preview,
// cancel and resume, charge lines, and the test clock. Handlers parse, call billing/, render.
#include "api/ServerContext.h"
#include "billing/BillingJobs.h"
#include "billing/Features.h"
#include "billing/Subscriptions.h"
#include "core/Json.h"

#include <QJsonArray>

#include <limits>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

BillingActor billingActorOf(const Call& call)
{
    const Principal& principal = call.principal();
    return BillingActor{principal.isUser() ? QStringLiteral("user") : QStringLiteral("token"),
                        principal.actorId()};
}

QString planParameter(const QString& value)
{
    if (value.isEmpty())
        throw ApiError::validation(QStringLiteral("plan"), QStringLiteral("'plan' is required"));
    return value;
}

std::optional<QString> billingOptionParameter(const std::optional<QString>& value)
{
    if (value && *value != QLatin1String("credits") && *value != QLatin1String("byok"))
        throw ApiError::validation(QStringLiteral("billing_option"),
                                   QStringLiteral("'billing_option' must be credits or byok"));
    return value;
}

// After a committed change of plan, metering's cached terms start over (the next event is rated on them).
Responder refreshingTerms(ServerContext& context, Responder respond)
{
    return [&context, respond = std::move(respond)](ApiResponse response) {
        if (response.status < 300)
            context.directoryGeneration.fetch_add(1);
        respond(std::move(response));
    };
}

ApiResponse compareTiers(ServerContext& context, const Call&)
{
    PlanCatalog catalog(context.store.reader());
    QJsonArray plans;
    for (const Plan& plan : catalog.all())
        plans.append(plan.toJson());
    return jsonResponse(
        200, QJsonObject{{QStringLiteral("data"), plans},
                         {QStringLiteral("verification_discounts"), catalog.verificationDiscounts()}});
}

ApiResponse entitlements(ServerContext& context, const Call& call)
{
    const Subscription s =
        Subscriptions(context.store.reader(), context.clock.nowMs()).get(call.account().accountId);
    // A trial gives the plan's models and markup with the trial's features (seed 002 FREE_TRIAL).
    const QStringList features = currentFeatures(s);
    const PlanBillingOption* option = s.terms.option(s.billingOption);
    return jsonResponse(
        200, QJsonObject{
                 {QStringLiteral("plan"), s.plan},
                 {QStringLiteral("billing_option"), s.billingOption},
                 {QStringLiteral("status"), s.status},
                 {QStringLiteral("features"), QJsonArray::fromStringList(features)},
                 {QStringLiteral("limits"),
                  QJsonObject{{QStringLiteral("models"), s.terms.models},
                              {QStringLiteral("byok"), s.terms.option(QStringLiteral("byok")) != nullptr},
                              {QStringLiteral("monthly_credits"), s.terms.allowance(s.billingOption)},
                              {QStringLiteral("markup_basis_points"), option ? option->markupBasisPoints : 0},
                              {QStringLiteral("included_seats"), s.terms.includedSeats},
                              {QStringLiteral("seat_price_minor"), s.terms.seatPriceMinor},
                              {QStringLiteral("concurrent_tasks"), s.terms.concurrentTasks}}}});
}

ApiResponse getSubscription(ServerContext& context, const Call& call)
{
    Subscriptions subscriptions(context.store.reader(), context.clock.nowMs());
    return jsonResponse(200, subscriptions.toJson(subscriptions.get(call.account().accountId)));
}

ApiResponse subscriptionHistory(ServerContext& context, const Call& call)
{
    return jsonResponse(200, Subscriptions(context.store.reader(), context.clock.nowMs())
                                 .history(call.account().accountId, parseCursor(call.request()),
                                          parseLimit(call.request(), 500)));
}

ApiResponse previewSwitch(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const QString plan = planParameter(request.queryValue(QStringLiteral("plan")));
    const auto option =
        billingOptionParameter(request.hasQuery(QStringLiteral("billing_option"))
                                   ? std::optional(request.queryValue(QStringLiteral("billing_option")))
                                   : std::nullopt);
    return jsonResponse(200, Subscriptions(context.store.reader(), context.clock.nowMs())
                                 .preview(call.account().accountId, plan, option)
                                 .toJson());
}

void switchPlan(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "user_id", "plan", "billing_option"});
    const QString plan = planParameter(body.optionalString("plan", 40).value_or(QString()));
    const auto option = billingOptionParameter(body.optionalString("billing_option", 20));
    const qint64 accountId = call.account().accountId;
    const BillingActor actor = billingActorOf(call);
    const qint64 now = context.clock.nowMs();
    submitIdempotent(
        context, call, call.request().body,
        [=](SqlConnection& db) {
            Subscriptions subscriptions(db, now);
            const auto result = subscriptions.switchPlan(accountId, plan, option, actor);
            ApiResponse response = jsonResponse(
                200, QJsonObject{{QStringLiteral("subscription"), subscriptions.toJson(result.subscription)},
                                 {QStringLiteral("proration"), result.proration.toJson()}});
            response.audit.targetType = QStringLiteral("subscription");
            response.audit.targetId = accountId;
            response.audit.summary =
                QStringLiteral("plan → %1 (%2), charge %3, credits %4, effective %5")
                    .arg(plan, result.subscription.pendingPlan ? QStringLiteral("scheduled")
                                                               : QStringLiteral("now"))
                    .arg(result.proration.chargeMinor)
                    .arg(result.proration.creditsGranted)
                    .arg(formatTimestamp(result.proration.effectiveAt));
            return response;
        },
        refreshingTerms(context, std::move(respond)));
}

void changeCancellation(ServerContext& context, const Call& call, Responder respond, bool cancel)
{
    call.body().rejectUnknownFields({"organization_id", "user_id"});
    const qint64 accountId = call.account().accountId;
    const BillingActor actor = billingActorOf(call);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            Subscriptions subscriptions(db, now);
            const Subscription s =
                cancel ? subscriptions.cancel(accountId, actor) : subscriptions.resume(accountId, actor);
            ApiResponse response = jsonResponse(200, subscriptions.toJson(s));
            response.audit.targetType = QStringLiteral("subscription");
            response.audit.targetId = accountId;
            response.audit.summary = cancel ? QStringLiteral("%1: cancels at period end").arg(s.plan)
                                            : QStringLiteral("%1: renews at period end").arg(s.plan);
            return response;
        },
        std::move(respond));
}

void cancelSubscription(ServerContext& context, const Call& call, Responder respond)
{
    changeCancellation(context, call, std::move(respond), true);
}

void resumeSubscription(ServerContext& context, const Call& call, Responder respond)
{
    changeCancellation(context, call, std::move(respond), false);
}

ApiResponse listCharges(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const QString uninvoiced = request.queryValue(QStringLiteral("uninvoiced"));
    if (request.hasQuery(QStringLiteral("uninvoiced")) && uninvoiced != QLatin1String("true") &&
        uninvoiced != QLatin1String("false"))
        throw ApiError::validation(QStringLiteral("uninvoiced"),
                                   QStringLiteral("'uninvoiced' must be true or false"));
    return jsonResponse(200, Charges(context.store.reader())
                                 .list(call.account().accountId, uninvoiced == QLatin1String("true"),
                                       parseCursor(request), parseLimit(request, 500)));
}

ApiResponse listPlans(ServerContext& context, const Call&)
{
    QJsonArray plans;
    for (const Plan& plan : PlanCatalog(context.store.reader()).all())
        plans.append(plan.toJson());
    return listResponse(plans, QString());
}

void putPlan(ServerContext& context, const Call& call, Responder respond)
{
    const QString id = call.request().pathParams.value(0);
    if (!planIdsInOrder().contains(id))
        throw ApiError::notFound(QStringLiteral("Plan"));
    const Plan plan = Plan::fromJson(call.body().object(), id);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            // Subscriptions keep their current period's terms; the change applies from their next period.
            PlanCatalog(db).put(plan, now);
            ApiResponse response = jsonResponse(200, plan.toJson());
            response.audit.targetType = QStringLiteral("plan");
            response.audit.summary = QStringLiteral("plan %1: %2 minor, %3 credits")
                                         .arg(plan.id)
                                         .arg(plan.priceMinor)
                                         .arg(plan.allowance(QStringLiteral("credits")));
            return response;
        },
        std::move(respond));
}

void requireTestClock(const ServerContext& context)
{
    if (!context.clock.isTestClock() || !context.billingJobs)
        throw ApiError::notFound(QStringLiteral("Test clock (start the server with --test-clock)"));
}

QJsonObject clockJson(const ServerContext& context)
{
    return QJsonObject{{QStringLiteral("now"), formatTimestamp(context.clock.nowMs())}};
}

ApiResponse getTestClock(ServerContext& context, const Call&)
{
    requireTestClock(context);
    return jsonResponse(200, clockJson(context));
}

void advanceTestClock(ServerContext& context, const Call& call, Responder respond)
{
    requireTestClock(context);
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"advance_seconds", "now"});
    const auto advance = body.optionalInteger("advance_seconds", 0, 100LL * 366 * 86400);
    const auto target = body.optionalTimestamp("now");
    if (advance.has_value() == target.has_value())
        throw ApiError::validation(QStringLiteral("advance_seconds"),
                                   QStringLiteral("Give exactly one of 'advance_seconds' and 'now'"));
    const qint64 from = context.clock.nowMs();
    const qint64 to = advance ? from + *advance * 1000 : *target;
    if (to < from)
        throw ApiError(
            QStringLiteral("clock_backwards"),
            QStringLiteral("The test clock is at %1 and never moves backwards").arg(formatTimestamp(from)));
    const AuditContext audit = call.audit();
    // Runs every job that falls due on the way before answering: on a blocking thread, not an I/O one.
    context.blockingPool.post([&context, audit, from, to, respond = std::move(respond)] {
        try {
            if (!context.billingJobs->advanceTestClock(to))
                throw ApiError(QStringLiteral("clock_busy"));
            context.directoryGeneration.fetch_add(1);
            AuditNote note;
            note.targetType = QStringLiteral("test_clock");
            note.summary = QStringLiteral("%1 → %2").arg(formatTimestamp(from), formatTimestamp(to));
            context.store.runSync([audit, note, to](SqlConnection& db) {
                AuditTrail(db).append(auditEntryOf(audit, to, note));
                return ApiResponse{};
            });
            respond(jsonResponse(200, clockJson(context)));
        } catch (const ApiError& error) {
            respond(errorResponse(error));
        }
    });
}

} // namespace

void registerBillingRoutes(RouteTable& routes)
{
    routes.add("GET", QStringLiteral("/api/v1/tiers/compare"), AccessRule::publicRoute(), compareTiers);
    routes.add("GET", QStringLiteral("/api/v1/entitlements"),
               AccessRule::billingAccount(Permission::ReadSubscription, Locate::Query), entitlements);
    routes.add("GET", QStringLiteral("/api/v1/subscription"),
               AccessRule::billingAccount(Permission::ReadSubscription, Locate::Query), getSubscription);
    routes.add("GET", QStringLiteral("/api/v1/subscription/history"),
               AccessRule::billingAccount(Permission::ReadSubscription, Locate::Query), subscriptionHistory);
    routes.add("GET", QStringLiteral("/api/v1/tiers/switch/preview"),
               AccessRule::billingAccount(Permission::ManageSubscription, Locate::Query), previewSwitch);
    routes.addAsync("POST", QStringLiteral("/api/v1/tiers/switch"),
                    AccessRule::billingAccount(Permission::ManageSubscription, Locate::Body),
                    "subscription.switched", switchPlan);
    routes.addAsync("POST", QStringLiteral("/api/v1/subscription/cancel"),
                    AccessRule::billingAccount(Permission::ManageSubscription, Locate::Body),
                    "subscription.cancel_scheduled", cancelSubscription);
    routes.addAsync("POST", QStringLiteral("/api/v1/subscription/resume"),
                    AccessRule::billingAccount(Permission::ManageSubscription, Locate::Body),
                    "subscription.resumed", resumeSubscription);
    routes.add("GET", QStringLiteral("/api/v1/charges"),
               AccessRule::billingAccount(Permission::ReadCharges, Locate::Query), listCharges);
    routes.add("GET", QStringLiteral("/api/v1/admin/plans"), AccessRule::platformAdmin(), listPlans);
    routes.addAsync("PUT", QStringLiteral("/api/v1/admin/plans/{id}"), AccessRule::platformAdmin(),
                    "plan.updated", putPlan);
    routes.add("GET", QStringLiteral("/api/v1/admin/test-clock"), AccessRule::platformAdmin(), getTestClock);
    routes.addAsync("POST", QStringLiteral("/api/v1/admin/test-clock"), AccessRule::platformAdmin(),
                    "test_clock.advanced", advanceTestClock);
}

} // namespace creditdesk::server
