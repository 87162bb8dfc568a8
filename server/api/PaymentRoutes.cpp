// Payments (docs/admin-guide.md "Payments (Stripe)"): the billing portal for the account's payment
// methods, the account's payments, and Stripe's webhook. Handlers parse, call payments/, render; calls to
// Stripe run on the blocking pool, never on an HTTP thread.
#include "api/PaymentRoutes.h"

#include "api/ServerContext.h"
#include "core/Json.h"
#include "payments/MeterReports.h"
#include "payments/Payments.h"
#include "payments/StripePayments.h"
#include "payments/StripeSignature.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrl>

namespace creditdesk::server {

namespace {

ApiError notConfigured()
{
    return ApiError(
        QStringLiteral("payments_not_configured"),
        QStringLiteral("This server takes no card payments (no STRIPE_API_KEY); invoices are paid "
                       "by bank transfer"));
}

ApiResponse listPayments(ServerContext& context, const Call& call)
{
    const int limit = parseLimit(call.request(), 200);
    return jsonResponse(
        200, Payments(context.store.reader(), context.clock.nowMs()).list(call.account().accountId, limit));
}

// Stripe metered usage: each day's overage report and whether Stripe took it (empty without
// --stripe-meter-event).
ApiResponse listUsageReports(ServerContext& context, const Call& call)
{
    const int limit = parseLimit(call.request(), 400);
    return jsonResponse(
        200,
        MeterReports(context.store.reader(), context.clock.nowMs()).list(call.account().accountId, limit));
}

void openPortal(StripePayments* stripe, ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "user_id", "return_url"});
    const QString returnUrl = body.requiredString("return_url", 2000);
    const QUrl url(returnUrl, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        url.host().isEmpty())
        throw ApiError::validation(QStringLiteral("return_url"),
                                   QStringLiteral("'return_url' must be an http(s) URL"));
    if (!stripe)
        throw notConfigured();
    const qint64 accountId = call.account().accountId;
    const AuditContext audit = call.audit();
    context.blockingPool.post([stripe, &context, audit, accountId, returnUrl, respond = std::move(respond)] {
        try {
            const QString portal = stripe->portalUrl(accountId, returnUrl);
            // Opening a portal changes nothing here, but who sent whom to manage payment methods is kept.
            AuditNote note;
            note.targetType = QStringLiteral("billing_account");
            note.targetId = accountId;
            note.summary = QStringLiteral("billing portal opened");
            context.store.runSync([audit, note, now = context.clock.nowMs()](SqlConnection& db) {
                AuditTrail(db).append(auditEntryOf(audit, now, note));
                return ApiResponse{};
            });
            respond(jsonResponse(200, QJsonObject{{QStringLiteral("url"), portal}}));
        } catch (const ApiError& error) {
            respond(errorResponse(error));
        }
    });
}

// Stripe's webhook: the signature is the authentication. A valid event is recorded by id in the same
// transaction as what it books, so a replayed event changes nothing.
void stripeWebhook(StripePayments* stripe, ServerContext& context, const Call& call, Responder respond)
{
    if (!stripe || stripe->webhookSecret().isEmpty())
        throw notConfigured();
    const ApiRequest& request = call.request();
    // The wall clock, never the test clock: the signature's age is about real time on the wire.
    const SignatureCheck check = checkStripeSignature(
        request.stripeSignature, request.body, stripe->webhookSecret(), QDateTime::currentSecsSinceEpoch());
    if (check != SignatureCheck::Valid)
        throw ApiError(QStringLiteral("invalid_signature"),
                       check == SignatureCheck::TooOld
                           ? QStringLiteral("The Stripe-Signature timestamp is outside the tolerance")
                           : QStringLiteral("The Stripe-Signature header does not match the body"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        throw ApiError(QStringLiteral("malformed_json"));
    const QJsonObject root = document.object();
    StripeEvent event;
    event.id = root.value(QStringLiteral("id")).toString();
    event.type = root.value(QStringLiteral("type")).toString();
    event.object = root.value(QStringLiteral("data")).toObject().value(QStringLiteral("object")).toObject();
    if (event.id.isEmpty() || event.id.size() > 255)
        throw ApiError(QStringLiteral("invalid_event"), QStringLiteral("A Stripe event needs its 'id'"));
    if (event.type.isEmpty() || event.type.size() > 100)
        throw ApiError(QStringLiteral("invalid_event"), QStringLiteral("A Stripe event needs its 'type'"));
    AuditContext audit = call.audit();
    audit.actorType = QByteArrayLiteral("job");
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, audit,
        [stripe, event, now](SqlConnection& db) {
            ApiResponse response = jsonResponse(200, QJsonObject{{QStringLiteral("received"), true}});
            response.audit.targetType = QStringLiteral("stripe_event");
            response.audit.summary = stripe->bookEvent(db, now, event);
            return response;
        },
        std::move(respond));
}

} // namespace

void registerPaymentRoutes(RouteTable& routes, StripePayments* stripe)
{
    routes.add("GET", QStringLiteral("/api/v1/payments"),
               AccessRule::billingAccount(Permission::ReadInvoices, Locate::Query), listPayments);
    routes.add("GET", QStringLiteral("/api/v1/billing/usage-reports"),
               AccessRule::billingAccount(Permission::ReadInvoices, Locate::Query), listUsageReports);
    routes.addAsync("POST", QStringLiteral("/api/v1/billing/portal"),
                    AccessRule::billingAccount(Permission::ManageBilling, Locate::Body),
                    "billing_portal.opened",
                    [stripe](ServerContext& context, const Call& call, Responder respond) {
                        openPortal(stripe, context, call, std::move(respond));
                    });
    // No session: Stripe signs each delivery with the endpoint's secret (Stripe-Signature), checked first.
    routes.addAsync("POST", QStringLiteral("/api/v1/webhooks/stripe"), AccessRule::publicRoute(),
                    "stripe_event.received",
                    [stripe](ServerContext& context, const Call& call, Responder respond) {
                        stripeWebhook(stripe, context, call, std::move(respond));
                    });
}

} // namespace creditdesk::server
