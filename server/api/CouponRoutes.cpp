// Coupons and verified institutions (docs/billing.md "Coupons", "Verified institutions"): platform admins
// create and deactivate coupons and decide verification requests; owners and admins validate and redeem
// coupons for their organization's or their own billing account; owners ask for verification.
// Handlers parse, call billing/, render.
#include "api/ServerContext.h"
#include "billing/Coupons.h"
#include "billing/Verifications.h"
#include "core/Json.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk::server {

namespace {

// A coupon code as the client sent it (query or body): 422 naming `code` when it cannot be one.
QString codeParameter(const std::optional<QString>& value)
{
    if (!value || value->isEmpty())
        throw ApiError::validation(QStringLiteral("code"), QStringLiteral("'code' is required"));
    const auto code = Coupon::normalizedCode(*value);
    if (!code)
        throw ApiError::validation(QStringLiteral("code"),
                                   QStringLiteral("'code' is 1 to 40 letters, digits, '-' and '_'"));
    return *code;
}

std::optional<QString> codeQuery(const ApiRequest& request)
{
    return request.hasQuery(QStringLiteral("code"))
               ? std::optional(request.queryValue(QStringLiteral("code")))
               : std::nullopt;
}

// After a redemption that moved a Free account to a paid plan, metering's cached terms start over.
Responder refreshingTerms(ServerContext& context, Responder respond)
{
    return [&context, respond = std::move(respond)](ApiResponse response) {
        if (response.status < 300)
            context.directoryGeneration.fetch_add(1);
        respond(std::move(response));
    };
}

QString effectSummary(const CouponEffect& effect)
{
    if (effect.kind == QLatin1String("bonus_credits"))
        return QStringLiteral("%1 credits").arg(effect.creditsGranted);
    if (effect.kind == QLatin1String("percent_off"))
        return QStringLiteral("%1 % off %2 period fee(s)")
            .arg(effect.percent.value_or(0))
            .arg(effect.periods);
    if (effect.kind == QLatin1String("amount_off"))
        return QStringLiteral("%1 minor off %2 period fee(s)")
            .arg(effect.amountMinor.value_or(0))
            .arg(effect.periods);
    return effect.planChanged
               ? QStringLiteral("free period of %1 (moved from free)").arg(effect.plan.value_or(QString()))
               : QStringLiteral("next %1 period fee free").arg(effect.plan.value_or(QString()));
}

// ---- coupons --------------------------------------------------------------------------------------

void createCoupon(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 now = context.clock.nowMs();
    const Coupon coupon = Coupon::fromJson(call.body(), now);
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const Coupon created = Coupons(db, now).create(coupon);
            ApiResponse response = jsonResponse(201, created.toJson(true));
            response.audit.targetId = created.id;
            response.audit.summary = QStringLiteral("%1: %2").arg(created.code, created.kind);
            return response;
        },
        std::move(respond));
}

ApiResponse listCoupons(ServerContext& context, const Call&)
{
    QJsonArray data;
    for (const Coupon& coupon : Coupons(context.store.reader(), context.clock.nowMs()).list())
        data.append(coupon.toJson(true));
    return listResponse(data, QString());
}

void deactivateCoupon(ServerContext& context, const Call& call, Responder respond)
{
    const auto code = Coupon::normalizedCode(call.request().pathParams.value(0));
    if (!code)
        throw ApiError(QStringLiteral("coupon_not_found"), QStringLiteral("No coupon has this code"));
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const Coupon coupon = Coupons(db, now).deactivate(*code);
            ApiResponse response;
            response.status = 204;
            response.audit.targetId = coupon.id;
            response.audit.summary = QStringLiteral("%1 deactivated").arg(*code);
            return response;
        },
        std::move(respond));
}

ApiResponse validateCoupon(ServerContext& context, const Call& call)
{
    const QString code = codeParameter(codeQuery(call.request()));
    const CouponCheck check =
        Coupons(context.store.reader(), context.clock.nowMs()).check(code, call.account().accountId);
    if (check.reason)
        return jsonResponse(
            200, QJsonObject{{QStringLiteral("valid"), false}, {QStringLiteral("reason"), *check.reason}});
    return jsonResponse(200, QJsonObject{{QStringLiteral("valid"), true},
                                         {QStringLiteral("coupon"), check.coupon->toJson(false)},
                                         {QStringLiteral("effect"), check.effect.toJson()}});
}

void redeemCoupon(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"code", "organization_id", "user_id"});
    const QString code = codeParameter(body.optionalString("code", 200));
    const Principal& principal = call.principal();
    const CreditTarget& account = call.account();
    CouponRedeemer redeemer;
    if (principal.isUser())
        redeemer.userId = principal.userId;
    redeemer.actor = BillingActor{principal.isUser() ? QStringLiteral("user") : QStringLiteral("token"),
                                  principal.actorId()};
    redeemer.attribution.organizationId = account.organizationId;
    redeemer.attribution.actorKind = principal.actorKind();
    redeemer.attribution.actorId = principal.actorId();
    if (!call.request().idempotencyKey.isEmpty())
        redeemer.idempotencyKey = QString::fromLatin1(call.request().idempotencyKey);
    const qint64 accountId = account.accountId;
    const qint64 now = context.clock.nowMs();
    // The same JSON in any key order is the same request.
    const QByteArray canonical = QJsonDocument(body.object()).toJson(QJsonDocument::Compact);
    submitIdempotent(
        context, call, canonical,
        [=](SqlConnection& db) {
            const CouponRedemption redemption = Coupons(db, now).redeem(code, accountId, redeemer);
            ApiResponse response =
                jsonResponse(200, QJsonObject{{QStringLiteral("redemption"), redemption.toJson()},
                                              {QStringLiteral("effect"), redemption.effect.toJson()}});
            response.audit.targetType = QStringLiteral("coupon_redemption");
            response.audit.targetId = redemption.id;
            response.audit.summary = QStringLiteral("%1 for account %2: %3")
                                         .arg(code)
                                         .arg(accountId)
                                         .arg(effectSummary(redemption.effect));
            return response;
        },
        refreshingTerms(context, std::move(respond)));
}

ApiResponse listRedemptions(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const auto code = codeQuery(request);
    std::optional<qint64> accountId;
    if (call.hasAccount())
        accountId = call.account().accountId;
    else if (!code) // a platform admin without an account: one coupon's redemptions
        throw ApiError::validation(QStringLiteral("code"),
                                   QStringLiteral("Give 'organization_id', 'user_id' or 'code'"));
    return jsonResponse(200,
                        Coupons(context.store.reader(), context.clock.nowMs())
                            .redemptions(accountId, code ? std::optional(codeParameter(code)) : std::nullopt,
                                         parseCursor(request), parseLimit(request, 500)));
}

// ---- verified institutions ------------------------------------------------------------------------

void requestVerification(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"type", "institution", "evidence"});
    const QString type = body.requiredString("type", 40);
    const QString institution = body.requiredString("institution", 200);
    const QString evidence = body.requiredString("evidence", 2000);
    const qint64 organizationId = call.organization().organizationId();
    const qint64 requestedBy = call.principal().userId;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const Verification verification =
                Verifications(db, now).request(organizationId, type, institution, evidence, requestedBy);
            ApiResponse response = jsonResponse(201, verification.toJson());
            response.audit.targetType = QStringLiteral("verification");
            response.audit.targetId = verification.id;
            response.audit.summary = QStringLiteral("%1: %2").arg(type, institution.left(100));
            return response;
        },
        std::move(respond));
}

ApiResponse getVerification(ServerContext& context, const Call& call)
{
    const auto verification = Verifications(context.store.reader(), context.clock.nowMs())
                                  .latest(call.organization().organizationId());
    if (!verification)
        throw ApiError::notFound(QStringLiteral("Verification request"));
    return jsonResponse(200, verification->toJson());
}

ApiResponse listVerifications(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    std::optional<QString> status;
    if (request.hasQuery(QStringLiteral("status"))) {
        status = request.queryValue(QStringLiteral("status"));
        if (*status != QLatin1String("pending") && *status != QLatin1String("approved") &&
            *status != QLatin1String("rejected"))
            throw ApiError::validation(QStringLiteral("status"),
                                       QStringLiteral("'status' must be pending, approved or rejected"));
    }
    return jsonResponse(200, Verifications(context.store.reader(), context.clock.nowMs())
                                 .list(status, parseCursor(request), parseLimit(request, 500)));
}

void decideVerification(ServerContext& context, const Call& call, Responder respond, bool approve)
{
    const qint64 id = parsePathId(call.request().pathParams.value(0), QStringLiteral("Verification request"));
    std::optional<QString> note;
    if (!call.request().body.trimmed().isEmpty()) {
        const JsonBody& body = call.body();
        body.rejectUnknownFields({"note"});
        note = body.optionalString("note", 1000);
    }
    const qint64 decidedBy = call.principal().userId;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const Verification verification = Verifications(db, now).decide(id, approve, note, decidedBy);
            ApiResponse response = jsonResponse(200, verification.toJson());
            response.audit.targetType = QStringLiteral("verification");
            response.audit.targetId = id;
            response.audit.organizationId = verification.organizationId;
            response.audit.summary = QStringLiteral("%1 %2: %3 % on subscription charges")
                                         .arg(verification.type, verification.status)
                                         .arg(approve ? verification.discountPercent : 0);
            return response;
        },
        std::move(respond));
}

void approveVerification(ServerContext& context, const Call& call, Responder respond)
{
    decideVerification(context, call, std::move(respond), true);
}

void rejectVerification(ServerContext& context, const Call& call, Responder respond)
{
    decideVerification(context, call, std::move(respond), false);
}

} // namespace

void registerCouponRoutes(RouteTable& routes)
{
    const QString coupons = QStringLiteral("/api/v1/coupons");
    routes.addAsync("POST", coupons + QStringLiteral("/create"), AccessRule::platformAdmin(),
                    "coupon.created", createCoupon);
    routes.add("GET", coupons + QStringLiteral("/list"), AccessRule::platformAdmin(), listCoupons);
    routes.add("GET", coupons + QStringLiteral("/validate"),
               AccessRule::billingAccount(Permission::ManageSubscription, Locate::Query), validateCoupon);
    routes.addAsync("POST", coupons + QStringLiteral("/redeem"),
                    AccessRule::billingAccount(Permission::ManageSubscription, Locate::Body),
                    "coupon.redeemed", redeemCoupon);
    routes.add("GET", coupons + QStringLiteral("/redemptions"),
               AccessRule::billingAccountOrPlatform(Permission::ReadSubscription, Locate::Query),
               listRedemptions);
    routes.addAsync("DELETE", coupons + QStringLiteral("/{code}"), AccessRule::platformAdmin(),
                    "coupon.deactivated", deactivateCoupon);

    const QString verification = QStringLiteral("/api/v1/organizations/{id}/verification");
    routes.addAsync("POST", verification,
                    AccessRule::organization(Permission::RequestVerification, Locate::Path),
                    "verification.requested", requestVerification);
    routes.add("GET", verification, AccessRule::organization(Permission::ReadOrganization, Locate::Path),
               getVerification);
    routes.add("GET", QStringLiteral("/api/v1/admin/verifications"), AccessRule::platformAdmin(),
               listVerifications);
    routes.addAsync("POST", QStringLiteral("/api/v1/admin/verifications/{id}/approve"),
                    AccessRule::platformAdmin(), "verification.approved", approveVerification);
    routes.addAsync("POST", QStringLiteral("/api/v1/admin/verifications/{id}/reject"),
                    AccessRule::platformAdmin(), "verification.rejected", rejectVerification);
}

} // namespace creditdesk::server
