// Paying an open invoice through PayPal (docs/admin-guide.md "PayPal"): create an order and send the
// payer to PayPal's approval page, then capture it; the capture pays the invoice. Handlers parse, call
// PayPal on the blocking pool (never the writer or an I/O thread), record through paypal/.
#include "api/ServerContext.h"
#include "core/Json.h"
#include "invoices/Invoices.h"
#include "paypal/PayPalCheckout.h"
#include "paypal/PayPalClient.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace creditdesk::server {

namespace {

PayPalClient& paypalOf(ServerContext& context)
{
    if (!context.paypal)
        throw ApiError(QStringLiteral("paypal_not_configured"));
    return *context.paypal;
}

QString requiredWebUrl(const JsonBody& body, const char* field)
{
    const QString text = body.requiredString(field, 2000);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) ||
        url.host().isEmpty())
        throw ApiError::validation(QLatin1String(field),
                                   QStringLiteral("'%1' must be an http(s) URL").arg(QLatin1String(field)));
    return text;
}

// A refusal or silence of PayPal as our error: 409 when the payer has not approved yet, 402 when their
// funding was declined, 502 otherwise.
ApiError providerError(const PayPalOrder& answer)
{
    if (answer.issue == QLatin1String("ORDER_NOT_APPROVED"))
        return ApiError(QStringLiteral("payment_not_approved"),
                        QStringLiteral("The payer has not approved the PayPal order yet"));
    if (answer.issue == QLatin1String("INSTRUMENT_DECLINED"))
        return ApiError(
            QStringLiteral("payment_failed"),
            QStringLiteral("PayPal declined the payer's funding source; they may choose another"));
    return ApiError(QStringLiteral("payment_provider_error"),
                    QStringLiteral("PayPal: %1").arg(answer.message));
}

ApiResponse auditedInvoiceResponse(int status, const QJsonObject& body, qint64 invoiceId,
                                   const QString& summary)
{
    ApiResponse response = jsonResponse(status, body);
    response.audit.targetType = QStringLiteral("invoice");
    response.audit.targetId = invoiceId;
    response.audit.summary = summary;
    return response;
}

void createOrder(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"return_url", "cancel_url"});
    const QString returnUrl = requiredWebUrl(body, "return_url");
    const QString cancelUrl = requiredWebUrl(body, "cancel_url");
    PayPalClient& paypal = paypalOf(context);
    const qint64 invoiceId = call.resourceId();
    const AuditContext audit = call.audit();
    context.blockingPool.post(
        [&context, &paypal, audit, invoiceId, returnUrl, cancelUrl, respond = std::move(respond)]() mutable {
            try {
                PayPalCheckout reader(context.store.reader(), context.clock.nowMs());
                const PayableInvoice invoice = reader.payable(invoiceId);
                if (const auto waiting = reader.waitingOrder(invoiceId, invoice.amountDueMinor)) {
                    respond(jsonResponse(200, *waiting));
                    return;
                }
                // PayPal's idempotency key, unique to this attempt: invoice ids repeat across databases
                // that share a PayPal account (staging, a restored backup), and a repeated key would answer
                // another database's order. A second click is answered from waitingOrder() above instead.
                const QByteArray requestId = QStringLiteral("invoice-%1-%2")
                                                 .arg(invoiceId)
                                                 .arg(QUuid::createUuid().toString(QUuid::WithoutBraces))
                                                 .toLatin1();
                const PayPalOrder order =
                    paypal.createOrder(requestId, invoice.number, invoiceId, invoice.amountDueMinor,
                                       invoice.currency, returnUrl, cancelUrl);
                if (!order.ok())
                    throw providerError(order);
                if (order.id.isEmpty() || order.approveUrl.isEmpty())
                    throw ApiError(QStringLiteral("payment_provider_error"),
                                   QStringLiteral("PayPal answered without an order id or approval link"));
                const qint64 now = context.clock.nowMs();
                submitWrite(
                    context, audit,
                    [=](SqlConnection& db) {
                        PayPalCheckout checkout(db, now);
                        checkout.payable(invoiceId); // still open now
                        return auditedInvoiceResponse(
                            201,
                            checkout.recordOrder(invoiceId, order.id, order.approveUrl,
                                                 invoice.amountDueMinor, invoice.currency),
                            invoiceId, QStringLiteral("%1: PayPal order %2").arg(invoice.number, order.id));
                    },
                    std::move(respond));
            } catch (const ApiError& error) {
                respond(errorResponse(error));
            }
        });
}

void captureOrder(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"order_id"});
    const QString orderId = body.requiredString("order_id", 64);
    static const QRegularExpression orderIdPattern(QStringLiteral("^[A-Za-z0-9-]+$"));
    if (!orderIdPattern.match(orderId).hasMatch())
        throw ApiError::validation(QStringLiteral("order_id"),
                                   QStringLiteral("'order_id' is not a PayPal order id"));
    PayPalClient& paypal = paypalOf(context);
    const qint64 invoiceId = call.resourceId();
    const AuditContext audit = call.audit();
    context.blockingPool.post([&context, &paypal, audit, invoiceId, orderId,
                               respond = std::move(respond)]() mutable {
        try {
            PayPalCheckout reader(context.store.reader(), context.clock.nowMs());
            const PayPalCheckout::CaptureState state = reader.captureState(invoiceId, orderId);
            if (state.captured) { // a repeated capture: the invoice as it is
                respond(jsonResponse(200,
                                     Invoices(context.store.reader(), context.clock.nowMs()).get(invoiceId)));
                return;
            }
            // PayPal's idempotency key: captures racing for the same attempt are one capture at PayPal; a
            // capture after a refusal (not approved yet, declined) is a new attempt, not a replay of it.
            const QByteArray requestId =
                QStringLiteral("capture-%1-%2").arg(orderId).arg(state.refusedAttempts).toLatin1();
            const PayPalOrder captured = paypal.capture(orderId, requestId);
            if (captured.httpStatus && !captured.ok() && *captured.httpStatus < 500) {
                context.store.runSync([orderId, seen = state.refusedAttempts](SqlConnection& db) {
                    PayPalCheckout(db, 0).countRefusedCapture(orderId, seen);
                    return ApiResponse{};
                });
            }
            if (!captured.ok())
                throw providerError(captured);
            if (captured.captureStatus != QLatin1String("COMPLETED") || !captured.capturedMinor)
                throw ApiError(
                    QStringLiteral("payment_failed"),
                    QStringLiteral("PayPal did not complete the payment (capture status %1)")
                        .arg(captured.captureStatus.isEmpty() ? captured.status : captured.captureStatus));
            const qint64 now = context.clock.nowMs();
            submitWrite(
                context, audit,
                [=](SqlConnection& db) {
                    const auto [invoice, recorded] = PayPalCheckout(db, now).recordCapture(
                        invoiceId, orderId, captured.captureId, *captured.capturedMinor, captured.currency);
                    ApiResponse response = auditedInvoiceResponse(
                        200, invoice, invoiceId,
                        QStringLiteral("%1: PayPal capture %2")
                            .arg(invoice.value(QStringLiteral("number")).toString(), captured.captureId));
                    response.audit.unchanged = !recorded; // a racing capture recorded it
                    return response;
                },
                std::move(respond));
        } catch (const ApiError& error) {
            respond(errorResponse(error));
        }
    });
}

} // namespace

void registerPayPalRoutes(RouteTable& routes)
{
    // Whoever manages the account's billing pays its invoices.
    routes.addAsync("POST", QStringLiteral("/api/v1/invoices/{id}/paypal/orders"),
                    AccessRule::invoice(Permission::ManageBilling), "invoice.paypal_order_created",
                    createOrder);
    routes.addAsync("POST", QStringLiteral("/api/v1/invoices/{id}/paypal/capture"),
                    AccessRule::invoice(Permission::ManageBilling), "invoice.paypal_captured", captureOrder);
}

} // namespace creditdesk::server
