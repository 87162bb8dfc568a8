#include "api/ServerContext.h"
#include "core/Json.h"
#include "orgs/Seats.h"

namespace creditdesk::server {

namespace {

QJsonObject seatsJson(const SeatCount& seats)
{
    return QJsonObject{{QStringLiteral("included"), seats.included},
                       {QStringLiteral("purchased"), seats.purchased},
                       {QStringLiteral("purchased_next_period"),
                        seats.purchasedNextPeriod ? QJsonValue(*seats.purchasedNextPeriod) : QJsonValue()},
                       {QStringLiteral("total"), seats.total()},
                       {QStringLiteral("assigned"), seats.assigned},
                       {QStringLiteral("pending_invitations"), seats.pendingInvitations},
                       {QStringLiteral("available"), seats.available()},
                       {QStringLiteral("seat_price_minor"), seats.seatPriceMinor}};
}

ApiResponse getSeats(ServerContext& context, const Call& call)
{
    return jsonResponse(200, seatsJson(Seats(context.store.reader(), context.clock.nowMs())
                                           .count(call.organization().organizationId())));
}

void putSeats(ServerContext& context, const Call& call, Responder respond)
{
    const Principal& principal = call.principal();
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"purchased"});
    const qint64 purchased = body.requiredInteger("purchased", 0, 100'000);
    const qint64 organizationId = call.organization().organizationId();
    const BillingActor actor{principal.isUser() ? QStringLiteral("user") : QStringLiteral("token"),
                             principal.actorId()};
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            Seats seats(db, now);
            const SeatCount before = seats.count(organizationId);
            const SeatChange change = seats.setPurchased(organizationId, purchased, actor);
            QJsonObject object = seatsJson(seats.count(organizationId));
            object.insert(QStringLiteral("change"), change.toJson());
            ApiResponse response = jsonResponse(200, object);
            response.audit.targetType = QStringLiteral("organization");
            response.audit.targetId = organizationId;
            response.audit.summary =
                QStringLiteral("extra seats %1 → %2%3")
                    .arg(before.purchased)
                    .arg(purchased)
                    .arg(change.immediate ? QStringLiteral(", charged %1 minor units").arg(change.chargeMinor)
                         : purchased < before.purchased ? QStringLiteral(" at the period end")
                                                        : QString());
            return response;
        },
        std::move(respond));
}

} // namespace

void registerSeatRoutes(RouteTable& routes)
{
    const QString seats = QStringLiteral("/api/v1/organizations/{id}/seats");
    routes.add("GET", seats, AccessRule::organization(Permission::ReadOrganization, Locate::Path), getSeats);
    routes.addAsync("PUT", seats, AccessRule::organization(Permission::ManageSeats, Locate::Path, true),
                    "seats.changed", putSeats);
}

} // namespace creditdesk::server
