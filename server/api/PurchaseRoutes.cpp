// Credit packs, purchases and auto-recharge (docs/admin-guide.md "Credit packs and purchases",
// docs/user-guide.md "Buying credits" and "Auto-recharge"). Handlers parse, call invoices/, render.
#include "api/ServerContext.h"
#include "audit/AuditTrail.h"
#include "core/Json.h"
#include "invoices/AutoRecharge.h"
#include "invoices/CreditPacks.h"
#include "invoices/CreditPurchases.h"
#include "invoices/Invoices.h"
#include "invoices/PaymentCollector.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

namespace creditdesk::server {

namespace {

ApiResponse listPacks(ServerContext&, const Call&)
{
    QJsonArray data;
    for (const CreditPack& pack : CreditPacks::all())
        data.append(pack.toJson());
    return jsonResponse(200, QJsonObject{{QStringLiteral("data"), data}});
}

CreditPack packParameter(const JsonBody& body)
{
    const QString id = body.requiredString("pack", 40);
    if (const auto pack = CreditPacks::find(id))
        return *pack;
    QStringList ids;
    for (const CreditPack& pack : CreditPacks::all())
        ids.append(pack.id);
    throw ApiError::validation(QStringLiteral("pack"),
                               QStringLiteral("'pack' must be one of %1 (GET /api/v1/credit-packs)")
                                   .arg(ids.join(QStringLiteral(", "))));
}

ApiError paymentMethodRequired()
{
    return ApiError(
        QStringLiteral("payment_method_required"),
        QStringLiteral("Add a card first (Manage payment methods), or pay by invoice (enterprise)"));
}

// The purchase answer: the invoice with the purchase's pack and credits.
QJsonObject purchaseJson(SqlConnection& db, qint64 now, qint64 invoiceId)
{
    return QJsonObject{{QStringLiteral("invoice"), Invoices(db, now).get(invoiceId)},
                       {QStringLiteral("purchase"), CreditPurchases(db, now).purchaseOf(invoiceId)}};
}

// What a card purchase answers once its invoice was issued: the collection's outcome. A purchase that was
// not paid has its invoice voided (nothing is owed, nothing was booked) and answers 402 (503 when the
// provider could not be reached); the same Idempotency-Key then replays that answer from the invoice.
void collectPurchase(ServerContext& context, qint64 invoiceId, AuditContext audit, Responder respond)
{
    context.blockingPool.post([&context, invoiceId, audit, respond = std::move(respond)] {
        try {
            const CollectionOutcome outcome = context.payments->collectNow(invoiceId);
            if (outcome.status == CollectionOutcome::Status::Paid) {
                ApiResponse response =
                    jsonResponse(201, purchaseJson(context.store.reader(), context.clock.nowMs(), invoiceId));
                respond(std::move(response));
                return;
            }
            const qint64 now = context.clock.nowMs();
            context.store.runSync([invoiceId, now, audit](SqlConnection& db) {
                if (CreditPurchases(db, now).collectionFailed(invoiceId)) {
                    AuditNote note;
                    note.targetType = QStringLiteral("invoice");
                    note.targetId = invoiceId;
                    note.summary = QStringLiteral("purchase not paid: invoice voided");
                    AuditTrail(db).append(auditEntryOf(audit, now, note));
                }
                return ApiResponse{};
            });
            const QJsonObject details{{QStringLiteral("invoice_id"), invoiceId},
                                      {QStringLiteral("reason"), outcome.failureReason}};
            switch (outcome.status) {
            case CollectionOutcome::Status::NoPaymentMethod:
                respond(errorResponse(ApiError(paymentMethodRequired().code(), {}, details)));
                break;
            case CollectionOutcome::Status::Unavailable:
                respond(errorResponse(ApiError(QStringLiteral("payment_unavailable"), {}, details)));
                break;
            default:
                respond(errorResponse(ApiError(QStringLiteral("card_declined"), {}, details)));
            }
        } catch (const ApiError& error) {
            respond(errorResponse(error));
        } catch (const std::exception&) { // the provider's client failed: answered, never left hanging
            respond(errorResponse(QStringLiteral("internal_error")));
        }
    });
}

// A replayed card purchase answers what became of its invoice.
ApiResponse replayedPurchase(ServerContext& context, ApiResponse stored)
{
    const qint64 invoiceId = QJsonDocument::fromJson(stored.body)
                                 .object()[QStringLiteral("invoice")][QStringLiteral("id")]
                                 .toInteger();
    const QJsonObject current = purchaseJson(context.store.reader(), context.clock.nowMs(), invoiceId);
    const QString status = current[QStringLiteral("invoice")][QStringLiteral("status")].toString();
    ApiResponse response =
        status == QLatin1String("void")
            ? errorResponse(ApiError(QStringLiteral("card_declined"), {},
                                     QJsonObject{{QStringLiteral("invoice_id"), invoiceId}}))
            : jsonResponse(201, current);
    response.setHeader("Idempotent-Replayed", "true");
    return response;
}

void purchase(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "user_id", "pack", "payment"});
    const CreditPack pack = packParameter(body);
    const QString payment = body.requiredString("payment", 10);
    if (payment != QLatin1String("card") && payment != QLatin1String("invoice"))
        throw ApiError::validation(QStringLiteral("payment"),
                                   QStringLiteral("'payment' must be card or invoice"));
    if (call.request().idempotencyKey.isEmpty())
        throw ApiError::badRequest(QStringLiteral("idempotency_key_required"),
                                   QStringLiteral("A purchase needs an Idempotency-Key header"));
    const qint64 accountId = call.account().accountId;
    const qint64 now = context.clock.nowMs();
    CreditPurchases(context.store.reader(), now).requireAllowed(accountId, pack, payment);
    PurchaseOrder order;
    order.accountId = accountId;
    order.pack = pack;
    order.payment = payment;
    if (call.principal().isUser())
        order.requestedBy = call.principal().userId;
    const IdempotentSubmit submit =
        idempotentSubmitter(context, call, QJsonDocument(body.object()).toJson(QJsonDocument::Compact));
    // One write transaction: the invoice, its purchase row, the audit entry and the key.
    WriteCommand issue = [order, now](SqlConnection& db) {
        CreditPurchases purchases(db, now);
        purchases.requireAllowed(order.accountId, order.pack, order.payment); // the plan may have changed
        const qint64 invoiceId = purchases.issue(order);
        ApiResponse response = jsonResponse(201, purchaseJson(db, now, invoiceId));
        response.audit.targetType = QStringLiteral("invoice");
        response.audit.targetId = invoiceId;
        response.audit.summary = QStringLiteral("%1 (%2 credits) by %3")
                                     .arg(order.pack.id)
                                     .arg(order.pack.credits)
                                     .arg(order.payment);
        return response;
    };
    if (payment == QLatin1String("invoice")) { // booked when the operator marks it paid
        submit(std::move(issue), std::move(respond));
        return;
    }
    PaymentCollector* payments = context.payments;
    if (!payments)
        throw paymentMethodRequired();
    const AuditContext audit = call.audit();
    // Asking the provider blocks on the network: on the blocking pool, before anything is written.
    context.blockingPool.post(
        [&context, payments, accountId, submit, issue = std::move(issue), audit, respond]() mutable {
            try {
                if (!payments->hasPaymentMethod(accountId)) {
                    respond(errorResponse(paymentMethodRequired()));
                    return;
                }
                submit(std::move(issue), [&context, audit, respond](ApiResponse response) mutable {
                    if (response.status != 201) {
                        respond(std::move(response));
                        return;
                    }
                    for (const auto& header : response.headers)
                        if (header.first == "Idempotent-Replayed") {
                            respond(replayedPurchase(context, std::move(response)));
                            return;
                        }
                    const qint64 invoiceId = QJsonDocument::fromJson(response.body)
                                                 .object()[QStringLiteral("invoice")][QStringLiteral("id")]
                                                 .toInteger();
                    // Collected outside the transaction that issued it, on the blocking pool.
                    collectPurchase(context, invoiceId, audit, std::move(respond));
                });
            } catch (const ApiError& error) {
                respond(errorResponse(error));
            } catch (const std::exception&) {
                respond(errorResponse(QStringLiteral("internal_error")));
            }
        });
}

ApiResponse getAutoRecharge(ServerContext& context, const Call& call)
{
    return jsonResponse(
        200, AutoRecharge(context.store.reader(), context.clock.nowMs()).settings(call.account().accountId));
}

void putAutoRecharge(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "user_id", "enabled", "threshold_credits", "pack"});
    const QJsonValue enabledValue = body.object().value(QStringLiteral("enabled"));
    if (!enabledValue.isBool())
        throw ApiError::validation(QStringLiteral("enabled"),
                                   QStringLiteral("'enabled' must be true or false"));
    const bool enabled = enabledValue.toBool();
    const qint64 threshold = body.requiredInteger("threshold_credits", 1, kMaxAmount);
    const CreditPack pack = packParameter(body);
    const qint64 accountId = call.account().accountId;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            if (enabled) // what a purchase of the pack would need (enterprise-only packs)
                CreditPurchases(db, now).requireAllowed(accountId, pack, QStringLiteral("card"));
            ApiResponse response =
                jsonResponse(200, AutoRecharge(db, now).set(accountId, enabled, threshold, pack.id));
            response.audit.targetType = QStringLiteral("account");
            response.audit.targetId = accountId;
            response.audit.summary =
                enabled ? QStringLiteral("on: %1 below %2 credits").arg(pack.id).arg(threshold)
                        : QStringLiteral("off");
            return response;
        },
        std::move(respond));
}

} // namespace

void registerPurchaseRoutes(RouteTable& routes)
{
    routes.add("GET", QStringLiteral("/api/v1/credit-packs"), AccessRule::signedIn(), listPacks);
    routes.addAsync("POST", QStringLiteral("/api/v1/credits/purchase"),
                    AccessRule::billingAccount(Permission::PurchaseCredits, Locate::Body),
                    "credits.purchased", purchase);
    routes.add("GET", QStringLiteral("/api/v1/credits/auto-recharge"),
               AccessRule::billingAccount(Permission::PurchaseCredits, Locate::Query), getAutoRecharge);
    routes.addAsync("PUT", QStringLiteral("/api/v1/credits/auto-recharge"),
                    AccessRule::billingAccount(Permission::PurchaseCredits, Locate::Body),
                    "credits.auto_recharge_set", putAutoRecharge);
}

} // namespace creditdesk::server
