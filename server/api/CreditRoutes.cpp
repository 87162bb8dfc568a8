#include "api/ServerContext.h"
#include "billing/Subscriptions.h"
#include "core/Json.h"
#include "core/JsonWriter.h"
#include "ledger/Ledger.h"
#include "ledger/TransactionList.h"
#include "metering/PriceBookStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();
constexpr qint64 kMaxHoldSeconds = 24 * 3600;

QByteArray canonical(const JsonBody& body)
{
    return QJsonDocument(body.object()).toJson(QJsonDocument::Compact);
}

// Whom a movement is recorded for: the caller as actor, with the organization, member and department
// the request addressed (resolved by the route's access rule).
Attribution attributionOf(const Call& call)
{
    Attribution attribution = actorOf(call.principal());
    attribution.organizationId = call.account().organizationId;
    attribution.memberId = call.account().memberId;
    attribution.departmentId = call.account().departmentId;
    return attribution;
}

QJsonObject balanceFields(Ledger& ledger, qint64 accountId)
{
    const BalanceSnapshot snapshot = ledger.balance(accountId);
    return QJsonObject{{QStringLiteral("balance"), snapshot.balance},
                       {QStringLiteral("reserved"), snapshot.reserved},
                       {QStringLiteral("available"), snapshot.available()}};
}

// After an allocation, deduction or refund the account's balance is the transaction's balance_after
// (expired grants were booked before it) and its holds are what the ledger saw when it locked it.
ApiResponse movementResponse(int status, Ledger& ledger, const TransactionRecord& record)
{
    const qint64 reserved = ledger.heldAtLastLock();
    JsonWriter out;
    out.beginObject()
        .field("balance", record.balanceAfter)
        .field("reserved", reserved)
        .field("available", std::max<qint64>(0, record.balanceAfter - reserved))
        .key("transaction");
    record.writeJson(out);
    out.endObject();
    ApiResponse response;
    response.status = status;
    response.body = out.take();
    response.audit.targetType = QStringLiteral("transaction");
    response.audit.targetId = record.id;
    response.audit.summary =
        QStringLiteral("%1 credits, balance %2").arg(record.amount).arg(record.balanceAfter);
    return response;
}

// A settle or release answer, recorded in the audit trail against the hold.
ApiResponse reservationAnswer(const QJsonObject& object, qint64 reservationId, const QString& summary)
{
    ApiResponse response = jsonResponse(200, object);
    response.audit.targetType = QStringLiteral("reservation");
    response.audit.targetId = reservationId;
    response.audit.summary = summary;
    return response;
}

std::optional<QString> optionalKey(const ApiRequest& request)
{
    return request.idempotencyKey.isEmpty() ? std::nullopt
                                            : std::optional(QString::fromLatin1(request.idempotencyKey));
}

// ---- reads ----------------------------------------------------------------------------------------

ApiResponse balance(ServerContext& context, const Call& call)
{
    const CreditTarget& target = call.account();
    Ledger ledger(context.store.reader(), context.clock.nowMs());
    QJsonObject object = ledger.balance(target.accountId).toJson();
    object.insert(QStringLiteral("organization_id"),
                  target.organizationId ? QJsonValue(*target.organizationId) : QJsonValue());
    object.insert(QStringLiteral("user_id"), target.userId ? QJsonValue(*target.userId) : QJsonValue());
    return jsonResponse(200, object);
}

ApiResponse transactions(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const CreditTarget& target = call.account();
    const qint64 limit = parseQueryInteger(request, QStringLiteral("limit"), 1, 1000).value_or(50);
    const auto since = parseQueryInteger(request, QStringLiteral("since"), 0, kMaxId);
    const auto memberId = parseQueryInteger(request, QStringLiteral("member_id"), 1, kMaxId);
    std::optional<qint64> cursor;
    if (request.hasQuery(QStringLiteral("cursor"))) {
        bool ok = false;
        cursor = request.queryValue(QStringLiteral("cursor")).toLongLong(&ok);
        if (!ok || *cursor < 0)
            throw ApiError::validation(QStringLiteral("cursor"),
                                       QStringLiteral("'cursor' is not a cursor from this list"));
    }
    const QString kind = request.queryValue(QStringLiteral("kind"));
    if (!kind.isEmpty() && kind != QLatin1String("allocation") && kind != QLatin1String("deduction") &&
        kind != QLatin1String("refund") && kind != QLatin1String("expiry"))
        throw ApiError::validation(QStringLiteral("kind"),
                                   QStringLiteral("'kind' must be allocation, deduction, refund or expiry"));

    TransactionQuery query;
    query.accountId = target.accountId;
    query.limit = limit;
    query.since = since;
    query.cursor = cursor;
    query.memberId = memberId;
    query.onlyMemberId = target.onlyMemberId;
    query.onlyDepartmentId = target.onlyDepartmentId;
    query.kind = kind;
    const TransactionPage page = TransactionList(context.store.reader()).page(query);
    JsonWriter out;
    out.beginObject().key("data").beginArray();
    for (const TransactionRecord& record : page.records)
        record.writeJson(out);
    out.endArray();
    const std::optional<QString> nextCursor =
        page.more ? std::optional(QString::number(page.records.back().seq)) : std::nullopt;
    out.field("next_cursor", nextCursor).endObject();
    ApiResponse response;
    response.body = out.take();
    return response;
}

ApiResponse getReservation(ServerContext& context, const Call& call)
{
    const auto record = Ledger(context.store.reader(), context.clock.nowMs()).reservation(call.resourceId());
    if (!record)
        throw ApiError::notFound(QStringLiteral("Reservation"));
    return jsonResponse(200, record->toJson());
}

// ---- writes ---------------------------------------------------------------------------------------

// Runs a ledger operation in the writer, with idempotency, at the time the request arrived.
void submitLedgerOperation(ServerContext& context, const Call& call, const QByteArray& canonicalBody,
                           std::function<ApiResponse(Ledger&)> operation, Responder respond)
{
    const qint64 now = context.clock.nowMs();
    submitIdempotent(
        context, call, canonicalBody,
        [now, operation = std::move(operation)](SqlConnection& db) {
            Ledger ledger(db, now);
            return operation(ledger);
        },
        std::move(respond));
}

void allocate(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields(
        {"organization_id", "user_id", "member_id", "amount", "kind", "expires_at", "priority", "note"});
    AllocationRequest allocation;
    allocation.amount = body.requiredAmount("amount");
    allocation.grantKind = body.optionalString("kind", 40).value_or(QStringLiteral("adjustment"));
    if (!isGrantKind(allocation.grantKind))
        throw ApiError::validation(
            QStringLiteral("kind"),
            QStringLiteral("'kind' must be one of plan_allocation, daily_refresh, bonus, coupon, "
                           "purchase, refund, adjustment"));
    allocation.priority = static_cast<int>(
        body.optionalInteger("priority", 0, 1000).value_or(defaultPriorityFor(allocation.grantKind)));
    allocation.expiresAt = body.optionalTimestamp("expires_at").value_or(kNeverExpires);
    allocation.note = body.optionalString("note", 500);
    allocation.idempotencyKey = optionalKey(call.request());
    const qint64 accountId = call.account().accountId;
    const Attribution attribution = attributionOf(call);
    submitLedgerOperation(
        context, call, canonical(body),
        [=](Ledger& ledger) {
            return movementResponse(201, ledger, ledger.allocate(accountId, allocation, attribution));
        },
        std::move(respond));
}

void deduct(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "user_id", "member_id", "amount", "reference"});
    const qint64 amount = body.requiredAmount("amount");
    const auto reference = body.optionalString("reference", 200);
    const qint64 accountId = call.account().accountId;
    const Attribution attribution = attributionOf(call);
    const auto key = optionalKey(call.request());
    submitLedgerOperation(
        context, call, canonical(body),
        [=](Ledger& ledger) {
            return movementResponse(200, ledger,
                                    ledger.deduct(accountId, amount, attribution, reference, key));
        },
        std::move(respond));
}

void refund(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"transaction_id", "amount", "reason"});
    const qint64 transactionId = call.resourceId();
    const auto amount = body.optionalInteger("amount", 1, kMaxAmount);
    const QString reason = body.requiredString("reason", 500);
    const Attribution actor = actorOf(call.principal());
    const auto key = optionalKey(call.request());
    submitLedgerOperation(
        context, call, canonical(body),
        [=](Ledger& ledger) {
            return movementResponse(201, ledger, ledger.refund(transactionId, amount, reason, actor, key));
        },
        std::move(respond));
}

// A hold before calling a model that names the model is refused, and nothing held, when the account's
// plan includes free models only and this one is not free (as track refuses the usage itself).
void requireModelInPlan(ServerContext& context, qint64 accountId, const QString& model)
{
    SqlConnection& reader = context.store.reader();
    const Subscription subscription = Subscriptions(reader, context.clock.nowMs()).get(accountId);
    if (!subscription.terms.freeModelsOnly())
        return;
    std::optional<ModelPrice> current;
    for (const ModelPrice& price : PriceBookStore(reader).list(model))
        if (price.model == model && price.effectiveFrom <= context.clock.nowMs() &&
            (!current || price.effectiveFrom > current->effectiveFrom))
            current = price;
    if (!current || !current->free)
        throw ApiError(QStringLiteral("model_not_in_plan"),
                       QStringLiteral("The %1 plan includes free models only; '%2' is not one")
                           .arg(subscription.terms.name, model.left(128)),
                       QJsonObject{{QStringLiteral("model"), model.left(128)},
                                   {QStringLiteral("plan"), subscription.plan}});
}

void reserve(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "user_id", "member_id", "amount", "ttl_seconds", "model"});
    const qint64 amount = body.requiredAmount("amount");
    const qint64 ttl = body.optionalInteger("ttl_seconds", 1, kMaxHoldSeconds).value_or(300);
    const qint64 accountId = call.account().accountId;
    if (const auto model = body.optionalString("model", 200))
        requireModelInPlan(context, accountId, *model);
    const Attribution attribution = attributionOf(call);
    submitLedgerOperation(
        context, call, canonical(body),
        [=](Ledger& ledger) {
            const ReservationRecord record = ledger.reserve(accountId, amount, ttl, attribution);
            QJsonObject object = balanceFields(ledger, record.accountId);
            object.insert(QStringLiteral("reservation"), record.toJson());
            ApiResponse response = jsonResponse(201, object);
            response.audit.targetType = QStringLiteral("reservation");
            response.audit.targetId = record.id;
            response.audit.summary = QStringLiteral("%1 credits held for %2 s").arg(amount).arg(ttl);
            return response;
        },
        std::move(respond));
}

ReservationRecord heldReservation(ServerContext& context, const Call& call)
{
    const auto record = Ledger(context.store.reader(), context.clock.nowMs()).reservation(call.resourceId());
    if (!record)
        throw ApiError::notFound(QStringLiteral("Reservation"));
    return *record;
}

void settle(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"amount"});
    const qint64 amount = body.requiredInteger("amount", 0, kMaxAmount);
    const ReservationRecord held = heldReservation(context, call);
    const Attribution actor = actorOf(call.principal());
    const auto key = optionalKey(call.request());
    submitLedgerOperation(
        context, call, canonical(body),
        [=](Ledger& ledger) {
            if (amount == 0) { // nothing was used: settling at zero is a release
                const ReservationRecord released = ledger.release(held.id);
                QJsonObject object = balanceFields(ledger, held.accountId);
                object.insert(QStringLiteral("reservation"), released.toJson());
                object.insert(QStringLiteral("transaction"), QJsonValue());
                return reservationAnswer(object, held.id, QStringLiteral("released (nothing used)"));
            }
            const TransactionRecord booked = ledger.settle(held.id, amount, actor, key);
            QJsonObject object = balanceFields(ledger, held.accountId);
            object.insert(QStringLiteral("reservation"), ledger.reservation(held.id)->toJson());
            object.insert(QStringLiteral("transaction"), booked.toJson());
            return reservationAnswer(
                object, held.id,
                QStringLiteral("settled at %1 credits, balance %2").arg(amount).arg(booked.balanceAfter));
        },
        std::move(respond));
}

void release(ServerContext& context, const Call& call, Responder respond)
{
    const ApiRequest& request = call.request();
    if (!request.body.trimmed().isEmpty())
        call.body().rejectUnknownFields({});
    const ReservationRecord held = heldReservation(context, call);
    submitLedgerOperation(
        context, call, request.body.trimmed(),
        [=](Ledger& ledger) {
            const ReservationRecord released = ledger.release(held.id);
            QJsonObject object = balanceFields(ledger, held.accountId);
            object.insert(QStringLiteral("reservation"), released.toJson());
            return reservationAnswer(object, held.id, QStringLiteral("released"));
        },
        std::move(respond));
}

} // namespace

void registerCreditRoutes(RouteTable& routes)
{
    routes.add("GET", QStringLiteral("/api/v1/credits/balance"),
               AccessRule::account(CreditAction::Read, Locate::Query), balance);
    routes.add("GET", QStringLiteral("/api/v1/credits/transactions"),
               AccessRule::account(CreditAction::Read, Locate::Query), transactions);
    routes.addAsync("POST", QStringLiteral("/api/v1/credits/allocate"),
                    AccessRule::account(CreditAction::Allocate, Locate::Body), "credits.allocated", allocate);
    routes.addAsync("POST", QStringLiteral("/api/v1/credits/deduct"),
                    AccessRule::account(CreditAction::Deduct, Locate::Body), "credits.deducted", deduct);
    routes.addAsync("POST", QStringLiteral("/api/v1/credits/refund"),
                    AccessRule::transaction(CreditAction::Refund), "credits.refunded", refund);
    routes.addAsync("POST", QStringLiteral("/api/v1/credits/reserve"),
                    AccessRule::account(CreditAction::Deduct, Locate::Body), "credits.reserved", reserve);
    routes.add("GET", QStringLiteral("/api/v1/credits/reservations/{id}"),
               AccessRule::reservation(CreditAction::Read), getReservation);
    routes.addAsync("POST", QStringLiteral("/api/v1/credits/reservations/{id}/settle"),
                    AccessRule::reservation(CreditAction::Deduct), "credits.settled", settle);
    routes.addAsync("POST", QStringLiteral("/api/v1/credits/reservations/{id}/release"),
                    AccessRule::reservation(CreditAction::Deduct), "credits.released", release);
}

} // namespace creditdesk::server
