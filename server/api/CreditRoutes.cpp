#include "api/ServerContext.h"
#include "core/Json.h"
#include "core/JsonWriter.h"
#include "ledger/Ledger.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace creditdesk {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();
constexpr qint64 kMaxHoldSeconds = 24 * 3600;

QByteArray canonical(const JsonBody& body)
{
    return QJsonDocument(body.object()).toJson(QJsonDocument::Compact);
}

Attribution actorOf(const Principal& principal)
{
    Attribution attribution;
    attribution.actorKind = principal.actorKind();
    attribution.actorId = principal.actorId();
    return attribution;
}

// Resolves the account a balance-changing request addresses and whom the movement is for. A member
// of a team organization draws on the pooled account; in a public organization each member is billed
// on their own personal account, with the organization still recorded.
struct WriteTarget
{
    qint64 accountId = 0;
    Attribution attribution;
};

WriteTarget resolveWriteTarget(ServerContext& context, const Principal& principal, const JsonBody& body,
                               CreditAction action)
{
    SqlConnection& reader = context.store.reader();
    const auto organizationId = body.optionalId("organization_id");
    const auto userId = body.optionalId("user_id");
    const auto memberId = body.optionalId("member_id");
    const CreditTarget target = resolveCreditTarget(reader, principal, organizationId, userId, action);
    WriteTarget result{target.accountId, actorOf(principal)};
    result.attribution.organizationId = target.organizationId;
    if (!memberId)
        return result;
    if (target.userId) {
        if (*memberId != *target.userId)
            throw ApiError::validation(QStringLiteral("member_id"),
                                       QStringLiteral("'member_id' must be the account's own user for a personal account"));
        result.attribution.memberId = memberId;
        return result;
    }
    const auto membership = reader.row(QStringLiteral("SELECT department_id FROM memberships WHERE organization_id = ? "
                                                      "AND user_id = ?"),
                                       {*target.organizationId, *memberId});
    if (!membership)
        throw ApiError::validation(QStringLiteral("member_id"),
                                   QStringLiteral("'member_id' is not a member of this organization"));
    result.attribution.memberId = memberId;
    result.attribution.departmentId = optionalInt(membership->at(0));
    if (target.organizationKind == QLatin1String("public"))
        result.accountId = accountIdFor(reader, QStringLiteral("user"), *memberId).value_or(0);
    return result;
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
    return response;
}

std::optional<QString> optionalKey(const ApiRequest& request)
{
    return request.idempotencyKey.isEmpty() ? std::nullopt
                                            : std::optional(QString::fromLatin1(request.idempotencyKey));
}

// ---- reads ----------------------------------------------------------------------------------------

CreditTarget readTarget(ServerContext& context, const ApiRequest& request, const Principal& principal)
{
    const auto organizationId = parseQueryInteger(request, QStringLiteral("organization_id"), 1, kMaxId);
    const auto userId = parseQueryInteger(request, QStringLiteral("user_id"), 1, kMaxId);
    return resolveCreditTarget(context.store.reader(), principal, organizationId, userId, CreditAction::Read);
}

ApiResponse balance(ServerContext& context, const ApiRequest& request)
{
    const Principal principal = context.authenticate(request);
    const CreditTarget target = readTarget(context, request, principal);
    Ledger ledger(context.store.reader(), context.clock.nowMs());
    QJsonObject object = ledger.balance(target.accountId).toJson();
    object.insert(QStringLiteral("organization_id"), target.organizationId ? QJsonValue(*target.organizationId) : QJsonValue());
    object.insert(QStringLiteral("user_id"), target.userId ? QJsonValue(*target.userId) : QJsonValue());
    return jsonResponse(200, object);
}

ApiResponse transactions(ServerContext& context, const ApiRequest& request)
{
    const Principal principal = context.authenticate(request);
    const CreditTarget target = readTarget(context, request, principal);
    const qint64 limit = parseQueryInteger(request, QStringLiteral("limit"), 1, 1000).value_or(50);
    const auto since = parseQueryInteger(request, QStringLiteral("since"), 0, kMaxId);
    const auto memberId = parseQueryInteger(request, QStringLiteral("member_id"), 1, kMaxId);
    std::optional<qint64> cursor;
    if (request.hasQuery(QStringLiteral("cursor"))) {
        bool ok = false;
        cursor = request.queryValue(QStringLiteral("cursor")).toLongLong(&ok);
        if (!ok || *cursor < 0)
            throw ApiError::validation(QStringLiteral("cursor"), QStringLiteral("'cursor' is not a cursor from this list"));
    }
    const QString kind = request.queryValue(QStringLiteral("kind"));
    if (!kind.isEmpty() && kind != QLatin1String("allocation") && kind != QLatin1String("deduction") &&
        kind != QLatin1String("refund") && kind != QLatin1String("expiry"))
        throw ApiError::validation(QStringLiteral("kind"),
                                   QStringLiteral("'kind' must be allocation, deduction, refund or expiry"));

    // With 'since' the list runs forward from that sequence number (incremental sync); otherwise it
    // runs newest first. Either way the cursor is the last sequence number returned.
    const bool forward = since.has_value();
    QString sql = QStringLiteral("SELECT ") + TransactionRecord::selectColumns() +
                  QStringLiteral(" FROM transactions WHERE account_id = ?");
    QVariantList binds{target.accountId};
    if (forward) {
        sql += QStringLiteral(" AND seq > ?");
        binds.append(std::max(*since, cursor.value_or(0)));
    } else if (cursor) {
        sql += QStringLiteral(" AND seq < ?");
        binds.append(*cursor);
    }
    const auto addFilter = [&](const char* column, const QVariant& value) {
        sql += QStringLiteral(" AND %1 = ?").arg(QLatin1String(column));
        binds.append(value);
    };
    if (memberId)
        addFilter("member_id", *memberId);
    if (target.onlyMemberId)
        addFilter("member_id", *target.onlyMemberId);
    if (target.onlyDepartmentId)
        addFilter("department_id", *target.onlyDepartmentId);
    if (!kind.isEmpty())
        addFilter("kind", kind);
    sql += forward ? QStringLiteral(" ORDER BY seq ASC LIMIT ?") : QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    binds.append(limit + 1);
    const auto rows = context.store.reader().rows(sql, binds);
    const qsizetype shown = std::min<qsizetype>(static_cast<qsizetype>(rows.size()), limit);
    JsonWriter out;
    out.beginObject().key("data").beginArray();
    qint64 lastSeq = 0;
    for (qsizetype i = 0; i < shown; ++i) {
        const TransactionRecord record = TransactionRecord::fromRow(rows[static_cast<std::size_t>(i)]);
        lastSeq = record.seq;
        record.writeJson(out);
    }
    out.endArray();
    const bool more = static_cast<qint64>(rows.size()) > limit;
    out.field("next_cursor", more ? std::optional<QString>(QString::number(lastSeq)) : std::nullopt).endObject();
    ApiResponse response;
    response.body = out.take();
    return response;
}

ApiResponse getReservation(ServerContext& context, const ApiRequest& request)
{
    const Principal principal = context.authenticate(request);
    const qint64 reservationId = parsePathId(request.pathParams[0], QStringLiteral("Reservation"));
    SqlConnection& reader = context.store.reader();
    Ledger ledger(reader, context.clock.nowMs());
    const auto record = ledger.reservation(reservationId);
    if (!record)
        throw ApiError::notFound(QStringLiteral("Reservation"));
    const auto owner = reader.row(QStringLiteral("SELECT owner_kind, owner_id FROM accounts WHERE id = ?"), {record->accountId});
    const bool isOrganization = owner->at(0).toString() == QLatin1String("organization");
    const CreditTarget target = authorizeAsIfMissing(QStringLiteral("Reservation"), [&] {
        return resolveCreditTarget(
            reader, principal,
            isOrganization ? std::optional(asInt(owner->at(1))) : record->attribution.organizationId,
            isOrganization || record->attribution.organizationId ? std::nullopt
                                                                 : std::optional(asInt(owner->at(1))),
            CreditAction::Read);
    });
    // The same row scoping as the transaction list: managers see their department's holds, members their own.
    if ((target.onlyMemberId && record->attribution.memberId != target.onlyMemberId) ||
        (target.onlyDepartmentId && record->attribution.departmentId != target.onlyDepartmentId))
        throw ApiError::notFound(QStringLiteral("Reservation"));
    return jsonResponse(200, record->toJson());
}

// ---- writes ---------------------------------------------------------------------------------------

// Runs a ledger operation in the writer, with idempotency, at the time the request arrived.
void submitLedgerOperation(ServerContext& context, const ApiRequest& request, const Principal& principal,
                           const QByteArray& canonicalBody, std::function<ApiResponse(Ledger&)> operation,
                           Responder respond)
{
    const qint64 now = context.clock.nowMs();
    submitIdempotent(
        context, request, principal, canonicalBody,
        [now, operation = std::move(operation)](SqlConnection& db) {
            Ledger ledger(db, now);
            return operation(ledger);
        },
        std::move(respond));
}

void allocate(ServerContext& context, const ApiRequest& request, Responder respond)
{
    const Principal principal = context.authenticate(request);
    const JsonBody body(request.body);
    body.rejectUnknownFields({"organization_id", "user_id", "member_id", "amount", "kind", "expires_at", "priority", "note"});
    AllocationRequest allocation;
    allocation.amount = body.requiredAmount("amount");
    allocation.grantKind = body.optionalString("kind", 40).value_or(QStringLiteral("adjustment"));
    if (!isGrantKind(allocation.grantKind))
        throw ApiError::validation(QStringLiteral("kind"),
                                   QStringLiteral("'kind' must be one of plan_allocation, daily_refresh, bonus, coupon, "
                                                  "purchase, refund, adjustment"));
    allocation.priority =
        static_cast<int>(body.optionalInteger("priority", 0, 1000).value_or(defaultPriorityFor(allocation.grantKind)));
    allocation.expiresAt = body.optionalTimestamp("expires_at").value_or(kNeverExpires);
    allocation.note = body.optionalString("note", 500);
    allocation.idempotencyKey = optionalKey(request);
    const WriteTarget target = resolveWriteTarget(context, principal, body, CreditAction::Allocate);
    submitLedgerOperation(
        context, request, principal, canonical(body),
        [=](Ledger& ledger) {
            return movementResponse(201, ledger, ledger.allocate(target.accountId, allocation, target.attribution));
        },
        std::move(respond));
}

void deduct(ServerContext& context, const ApiRequest& request, Responder respond)
{
    const Principal principal = context.authenticate(request);
    const JsonBody body(request.body);
    body.rejectUnknownFields({"organization_id", "user_id", "member_id", "amount", "reference"});
    const qint64 amount = body.requiredAmount("amount");
    const auto reference = body.optionalString("reference", 200);
    const WriteTarget target = resolveWriteTarget(context, principal, body, CreditAction::Deduct);
    const auto key = optionalKey(request);
    submitLedgerOperation(
        context, request, principal, canonical(body),
        [=](Ledger& ledger) {
            return movementResponse(200, ledger, ledger.deduct(target.accountId, amount, target.attribution, reference, key));
        },
        std::move(respond));
}

// The account a recorded transaction or hold belongs to, authorized for the given action.
void authorizeOnAccount(ServerContext& context, const Principal& principal, qint64 accountId,
                        std::optional<qint64> organizationId, CreditAction action)
{
    SqlConnection& reader = context.store.reader();
    const auto owner = reader.row(QStringLiteral("SELECT owner_kind, owner_id FROM accounts WHERE id = ?"), {accountId});
    if (!owner)
        throw ApiError::notFound(QStringLiteral("Billing account"));
    if (owner->at(0).toString() == QLatin1String("organization"))
        resolveCreditTarget(reader, principal, asInt(owner->at(1)), std::nullopt, action);
    else if (organizationId) // a public organization's member account: the organization's admins act on it
        resolveCreditTarget(reader, principal, organizationId, std::nullopt, action);
    else
        resolveCreditTarget(reader, principal, std::nullopt, asInt(owner->at(1)), action);
}

void refund(ServerContext& context, const ApiRequest& request, Responder respond)
{
    const Principal principal = context.authenticate(request);
    const JsonBody body(request.body);
    body.rejectUnknownFields({"transaction_id", "amount", "reason"});
    const auto transactionId = body.optionalId("transaction_id");
    if (!transactionId)
        throw ApiError::validation(QStringLiteral("transaction_id"), QStringLiteral("'transaction_id' is required"));
    const auto amount = body.optionalInteger("amount", 1, kMaxAmount);
    const QString reason = body.requiredString("reason", 500);
    const auto original = Ledger(context.store.reader(), context.clock.nowMs()).transaction(*transactionId);
    if (!original)
        throw ApiError::notFound(QStringLiteral("Transaction"));
    authorizeAsIfMissing(QStringLiteral("Transaction"), [&] {
        authorizeOnAccount(context, principal, original->accountId, original->attribution.organizationId,
                           CreditAction::Refund);
    });
    const Attribution actor = actorOf(principal);
    const auto key = optionalKey(request);
    submitLedgerOperation(
        context, request, principal, canonical(body),
        [=](Ledger& ledger) {
            return movementResponse(201, ledger, ledger.refund(*transactionId, amount, reason, actor, key));
        },
        std::move(respond));
}

void reserve(ServerContext& context, const ApiRequest& request, Responder respond)
{
    const Principal principal = context.authenticate(request);
    const JsonBody body(request.body);
    body.rejectUnknownFields({"organization_id", "user_id", "member_id", "amount", "ttl_seconds"});
    const qint64 amount = body.requiredAmount("amount");
    const qint64 ttl = body.optionalInteger("ttl_seconds", 1, kMaxHoldSeconds).value_or(300);
    const WriteTarget target = resolveWriteTarget(context, principal, body, CreditAction::Deduct);
    submitLedgerOperation(
        context, request, principal, canonical(body),
        [=](Ledger& ledger) {
            const ReservationRecord record = ledger.reserve(target.accountId, amount, ttl, target.attribution);
            QJsonObject object = balanceFields(ledger, record.accountId);
            object.insert(QStringLiteral("reservation"), record.toJson());
            return jsonResponse(201, object);
        },
        std::move(respond));
}

ReservationRecord authorizedReservation(ServerContext& context, const Principal& principal, const ApiRequest& request)
{
    const qint64 reservationId = parsePathId(request.pathParams[0], QStringLiteral("Reservation"));
    const auto record = Ledger(context.store.reader(), context.clock.nowMs()).reservation(reservationId);
    if (!record)
        throw ApiError::notFound(QStringLiteral("Reservation"));
    authorizeAsIfMissing(QStringLiteral("Reservation"), [&] {
        authorizeOnAccount(context, principal, record->accountId, record->attribution.organizationId,
                           CreditAction::Deduct);
    });
    return *record;
}

void settle(ServerContext& context, const ApiRequest& request, Responder respond)
{
    const Principal principal = context.authenticate(request);
    const JsonBody body(request.body);
    body.rejectUnknownFields({"amount"});
    const qint64 amount = body.requiredInteger("amount", 0, kMaxAmount);
    const ReservationRecord held = authorizedReservation(context, principal, request);
    const Attribution actor = actorOf(principal);
    const auto key = optionalKey(request);
    submitLedgerOperation(
        context, request, principal, canonical(body),
        [=](Ledger& ledger) {
            if (amount == 0) { // nothing was used: settling at zero is a release
                const ReservationRecord released = ledger.release(held.id);
                QJsonObject object = balanceFields(ledger, held.accountId);
                object.insert(QStringLiteral("reservation"), released.toJson());
                object.insert(QStringLiteral("transaction"), QJsonValue());
                return jsonResponse(200, object);
            }
            const TransactionRecord booked = ledger.settle(held.id, amount, actor, key);
            QJsonObject object = balanceFields(ledger, held.accountId);
            object.insert(QStringLiteral("reservation"), ledger.reservation(held.id)->toJson());
            object.insert(QStringLiteral("transaction"), booked.toJson());
            return jsonResponse(200, object);
        },
        std::move(respond));
}

void release(ServerContext& context, const ApiRequest& request, Responder respond)
{
    const Principal principal = context.authenticate(request);
    if (!request.body.trimmed().isEmpty())
        JsonBody(request.body).rejectUnknownFields({});
    const ReservationRecord held = authorizedReservation(context, principal, request);
    submitLedgerOperation(
        context, request, principal, request.body.trimmed(),
        [=](Ledger& ledger) {
            const ReservationRecord released = ledger.release(held.id);
            QJsonObject object = balanceFields(ledger, held.accountId);
            object.insert(QStringLiteral("reservation"), released.toJson());
            return jsonResponse(200, object);
        },
        std::move(respond));
}

} // namespace

void registerCreditRoutes(Router& router, ServerContext& context)
{
    router.add("GET", QStringLiteral("/api/v1/credits/balance"), syncHandler(context, balance));
    router.add("GET", QStringLiteral("/api/v1/credits/transactions"), syncHandler(context, transactions));
    router.add("POST", QStringLiteral("/api/v1/credits/allocate"), asyncHandler<allocate>(context));
    router.add("POST", QStringLiteral("/api/v1/credits/deduct"), asyncHandler<deduct>(context));
    router.add("POST", QStringLiteral("/api/v1/credits/refund"), asyncHandler<refund>(context));
    router.add("POST", QStringLiteral("/api/v1/credits/reserve"), asyncHandler<reserve>(context));
    router.add("GET", QStringLiteral("/api/v1/credits/reservations/{id}"), syncHandler(context, getReservation));
    router.add("POST", QStringLiteral("/api/v1/credits/reservations/{id}/settle"), asyncHandler<settle>(context));
    router.add("POST", QStringLiteral("/api/v1/credits/reservations/{id}/release"), asyncHandler<release>(context));
}

} // namespace creditdesk
