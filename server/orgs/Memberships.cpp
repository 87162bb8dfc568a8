#include "orgs/Memberships.h"

#include "auth/ApiTokens.h"
#include "core/ApiError.h"
#include "orgs/Departments.h"
#include "orgs/Directory.h"
#include "orgs/Seats.h"

namespace creditdesk::server {

namespace {

ApiError notADepartment()
{
    return ApiError::validation(QStringLiteral("department_id"),
                                QStringLiteral("'department_id' is not a department of this organization"));
}

ApiError lastOwner()
{
    return ApiError::conflict(QStringLiteral("last_owner"),
                              QStringLiteral("An organization needs at least one owner"));
}

} // namespace

qint64 Memberships::add(qint64 organizationId, const NewMember& member, qint64 nowMs)
{
    if (member.departmentId && !Departments(m_db).belongsTo(*member.departmentId, organizationId))
        throw notADepartment();
    auto userId = directory::userIdByEmail(m_db, member.email);
    if (userId && member.passwordHash)
        throw ApiError(QStringLiteral("password_not_allowed"),
                       QStringLiteral("This user already has an account; leave 'password' out to add them"));
    if (userId && member.existingUserNeedsPlatformAdmin)
        throw ApiError::forbidden(QStringLiteral("Only a platform administrator can add an existing user "
                                                 "to a public organization"));
    if (!userId) {
        if (!member.passwordHash)
            throw ApiError::validation(QStringLiteral("password"),
                                       QStringLiteral("'password' is required for a new user"));
        if (!member.name || member.name->isEmpty())
            throw ApiError::validation(QStringLiteral("name"),
                                       QStringLiteral("'name' is required for a new user"));
        userId = directory::createUser(m_db, member.email, *member.name, *member.passwordHash, false, nowMs,
                                       member.addedByPlatformAdmin ? directory::SignupCredits::Grant
                                                                   : directory::SignupCredits::None);
    } else if (roleOf(organizationId, *userId)) {
        throw ApiError::conflict(QStringLiteral("already_member"),
                                 QStringLiteral("This user is already a member of the organization"));
    }
    m_db.execute(
        QStringLiteral("INSERT INTO memberships (organization_id, user_id, role, department_id, "
                       "created_at) VALUES (?, ?, ?, ?, ?)"),
        {organizationId, *userId, roleToString(member.role), nullableInt(member.departmentId), nowMs});
    return *userId;
}

void Memberships::change(qint64 organizationId, qint64 userId, const MemberChange& change, bool ownerPowers,
                         qint64 nowMs)
{
    const auto current = roleOf(organizationId, userId);
    if (!current)
        throw ApiError::notFound(QStringLiteral("Member"));
    const bool isOwner = *current == QLatin1String("owner");
    const bool roleChanges = change.role || change.customRole;
    const bool becomesOwner = change.role == Role::Owner; // a custom role is never an owner
    if (roleChanges && (isOwner || becomesOwner) && !ownerPowers)
        throw ApiError::forbidden(QStringLiteral("Only an owner can grant, change or remove the owner role"));
    if (roleChanges && isOwner && !becomesOwner && ownerCount(organizationId) <= 1)
        throw lastOwner();
    if (change.departmentId && !Departments(m_db).belongsTo(*change.departmentId, organizationId))
        throw notADepartment();
    if (change.status) {
        const QString status =
            m_db.row(QStringLiteral("SELECT status FROM memberships WHERE organization_id = ? "
                                    "AND user_id = ?"),
                     {organizationId, userId})
                ->at(0)
                .toString();
        if (*change.status != status) {
            if (isOwner && !ownerPowers)
                throw ApiError::forbidden(QStringLiteral("Only an owner can suspend or reactivate an owner"));
            if (*change.status == QLatin1String("suspended") && isOwner && ownerCount(organizationId) <= 1)
                throw lastOwner();
            if (*change.status == QLatin1String("active"))
                Seats(m_db, nowMs).requireFreeSeat(organizationId);
            m_db.execute(
                QStringLiteral("UPDATE memberships SET status = ? WHERE organization_id = ? AND user_id = ?"),
                {*change.status, organizationId, userId});
        }
    }
    if (roleChanges)
        m_db.execute(
            QStringLiteral("UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?"),
            {change.customRole ? *change.customRole : roleToString(*change.role), organizationId, userId});
    if (change.changeDepartment)
        m_db.execute(
            QStringLiteral(
                "UPDATE memberships SET department_id = ? WHERE organization_id = ? AND user_id = ?"),
            {nullableInt(change.departmentId), organizationId, userId});
}

void Memberships::remove(qint64 organizationId, qint64 userId, bool ownerPowers, qint64 nowMs)
{
    const auto current = roleOf(organizationId, userId);
    if (!current)
        throw ApiError::notFound(QStringLiteral("Member"));
    if (*current == QLatin1String("owner")) {
        if (!ownerPowers)
            throw ApiError::forbidden(QStringLiteral("Only an owner can remove an owner"));
        if (ownerCount(organizationId) <= 1)
            throw lastOwner();
    }
    m_db.execute(QStringLiteral("DELETE FROM memberships WHERE organization_id = ? AND user_id = ?"),
                 {organizationId, userId});
    // Machines a former member set up for this organization stop working with them.
    ApiTokens(m_db).revokeMemberTokens(organizationId, userId, nowMs);
}

Member Memberships::member(qint64 organizationId, qint64 userId)
{
    const auto row = m_db.row(
        QStringLiteral("SELECT u.id, u.email, u.name, m.role, m.department_id, m.created_at, m.status, "
                       "u.last_sign_in_at FROM memberships m JOIN users u ON u.id = m.user_id "
                       "WHERE m.organization_id = ? AND m.user_id = ?"),
        {organizationId, userId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Member"));
    return Member{asInt(row->at(0)),     row->at(1).toString(),   row->at(2).toString(),
                  row->at(3).toString(), optionalInt(row->at(4)), asInt(row->at(5)),
                  row->at(6).toString(), optionalInt(row->at(7))};
}

std::map<qint64, MemberActivity> Memberships::activity(qint64 organizationId, qint64 periodStart)
{
    // Deductions (requests and metering alike) record the member they are for; refunds of them carry the
    // member too and give back what was spent. A public organization's members spend on their own
    // accounts, with the organization recorded: organization_id covers both.
    std::map<qint64, MemberActivity> activity;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT member_id, MAX(CASE WHEN kind = 'deduction' THEN created_at END), "
                                  "COALESCE(-SUM(CASE WHEN created_at >= ? THEN amount ELSE 0 END), 0) "
                                  "FROM transactions WHERE organization_id = ? AND member_id IS NOT NULL "
                                  "AND (kind = 'deduction' OR kind = 'refund') GROUP BY member_id"),
                   {periodStart, organizationId}))
        activity[asInt(row[0])] = MemberActivity{optionalInt(row[1]), asInt(row[2])};
    return activity;
}

std::vector<Member> Memberships::members(qint64 organizationId)
{
    std::vector<Member> members;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT user_id FROM memberships WHERE organization_id = ? "
                                  "ORDER BY user_id"),
                   {organizationId}))
        members.push_back(member(organizationId, asInt(row[0])));
    return members;
}

std::vector<Membership> Memberships::ofUser(qint64 userId)
{
    std::vector<Membership> memberships;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT m.organization_id, m.role, m.department_id FROM memberships m "
                                  "WHERE m.user_id = ? ORDER BY m.organization_id"),
                   {userId}))
        memberships.push_back({asInt(row[0]), row[1].toString(), optionalInt(row[2])});
    return memberships;
}

std::optional<QString> Memberships::roleOf(qint64 organizationId, qint64 userId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT role FROM memberships WHERE organization_id = ? AND user_id = ?"),
                 {organizationId, userId});
    return row ? std::optional(row->at(0).toString()) : std::nullopt;
}

int Memberships::ownerCount(qint64 organizationId)
{
    return static_cast<int>(
        asInt(m_db.row(QStringLiteral("SELECT COUNT(*) FROM memberships WHERE organization_id = ? "
                                      "AND role = 'owner' AND status = 'active'"),
                       {organizationId})
                  ->at(0)));
}

} // namespace creditdesk::server
