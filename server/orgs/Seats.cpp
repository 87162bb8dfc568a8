#include "orgs/Seats.h"

#include "auth/Access.h"
#include "core/ApiError.h"

namespace creditdesk::server {

qint64 Seats::accountOf(qint64 organizationId)
{
    const auto accountId = accountIdFor(m_db, QStringLiteral("organization"), organizationId);
    if (!accountId)
        throw ApiError::notFound(QStringLiteral("Organization"));
    return *accountId;
}

SeatCount Seats::count(qint64 organizationId)
{
    const Subscription subscription = Subscriptions(m_db, m_now).get(accountOf(organizationId));
    SeatCount seats;
    seats.included = subscription.terms.includedSeats;
    seats.purchased = subscription.extraSeats;
    seats.purchasedNextPeriod = subscription.pendingExtraSeats;
    seats.seatPriceMinor = subscription.terms.seatPriceMinor;
    const auto row = m_db.row(
        QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM memberships WHERE organization_id = ? AND status = 'active'), "
            "(SELECT COUNT(*) FROM invitations WHERE organization_id = ? AND accepted_at IS NULL "
            "AND revoked_at IS NULL AND expires_at > ?)"),
        {organizationId, organizationId, m_now});
    seats.assigned = asInt(row->at(0));
    seats.pendingInvitations = asInt(row->at(1));
    return seats;
}

void Seats::lockOrganization(qint64 organizationId)
{
    if (!m_db.row(QStringLiteral("SELECT id FROM organizations WHERE id = ?") + m_db.forUpdate(),
                  {organizationId}))
        throw ApiError::notFound(QStringLiteral("Organization"));
}

void Seats::requireFreeSeat(qint64 organizationId)
{
    lockOrganization(organizationId);
    const SeatCount seats = count(organizationId);
    if (seats.inUse() >= seats.capacity())
        throw ApiError(QStringLiteral("seat_limit_reached"),
                       QStringLiteral("All %1 seats are taken (%2 members, %3 pending invitations); buy more "
                                      "seats first")
                           .arg(seats.capacity())
                           .arg(seats.assigned)
                           .arg(seats.pendingInvitations),
                       QJsonObject{{QStringLiteral("total"), seats.capacity()},
                                   {QStringLiteral("in_use"), seats.inUse()}});
}

SeatChange Seats::setPurchased(qint64 organizationId, qint64 purchased, const BillingActor& actor)
{
    lockOrganization(organizationId);
    const SeatCount seats = count(organizationId);
    return Subscriptions(m_db, m_now)
        .changeExtraSeats(accountOf(organizationId), purchased, seats.inUse(), actor);
}

} // namespace creditdesk::server
