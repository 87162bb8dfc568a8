#pragma once

#include "billing/Subscriptions.h"
#include "store/Sql.h"

#include <optional>

namespace creditdesk::server {

// An organization's seats: the plan's included ones plus the extra ones it bought. A seat is in use by an
// active member or by a pending, unexpired invitation (a suspended member holds none).
struct SeatCount
{
    qint64 included = 0;
    qint64 purchased = 0;
    std::optional<qint64> purchasedNextPeriod; // a decrease scheduled for the period end
    qint64 assigned = 0;                       // active members
    qint64 pendingInvitations = 0;
    qint64 seatPriceMinor = 0;

    qint64 total() const { return included + purchased; }
    qint64 inUse() const { return assigned + pendingInvitations; }
    qint64 available() const { return total() - inUse(); }
    // What new seat holders may fill: while a decrease is scheduled, no more than the next period has.
    qint64 capacity() const
    {
        return included + std::min(purchased, purchasedNextPeriod.value_or(purchased));
    }
};

// Counting, taking and buying seats, inside the caller's (writer) transaction.
class Seats
{
public:
    Seats(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    SeatCount count(qint64 organizationId);
    // Before a new invitation or a reactivated member takes a seat: locks the organization's row (on
    // PostgreSQL; SQLite has one writer) so that concurrent takers count one after the other, then 409
    // seat_limit_reached when no seat is free.
    void requireFreeSeat(qint64 organizationId);
    // PUT …/seats: the extra seats to have (billing/Subscriptions::changeExtraSeats), checked against the
    // seats in use under the same lock.
    SeatChange setPurchased(qint64 organizationId, qint64 purchased, const BillingActor& actor);

private:
    void lockOrganization(qint64 organizationId);
    qint64 accountOf(qint64 organizationId);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
