#include "orgs/Invitations.h"

#include "core/ApiError.h"
#include "core/Crypto.h"
#include "orgs/Departments.h"
#include "orgs/Directory.h"
#include "orgs/Seats.h"

namespace creditdesk::server {

namespace {

const QString kColumns =
    QStringLiteral("id, organization_id, email, role, department_id, invited_by, created_at, expires_at");
// An invitation that can still be accepted (and holds a seat).
const QString kOpen = QStringLiteral("accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?");

Invitation fromRow(const Row& row)
{
    return Invitation{asInt(row[0]),       asInt(row[1]), row[2].toString(), row[3].toString(),
                      optionalInt(row[4]), asInt(row[5]), asInt(row[6]),     asInt(row[7])};
}

QString hashOf(const QByteArray& token)
{
    return QString::fromLatin1(crypto::sha256Hex(token));
}

ApiError invalid()
{
    return ApiError(QStringLiteral("invitation_invalid"));
}

bool isMember(SqlConnection& db, qint64 organizationId, qint64 userId)
{
    return db
        .row(QStringLiteral("SELECT 1 FROM memberships WHERE organization_id = ? AND user_id = ?"),
             {organizationId, userId})
        .has_value();
}

} // namespace

Invitation Invitations::create(qint64 organizationId, const NewInvitation& invitation,
                               const QByteArray& token)
{
    if (invitation.departmentId && !Departments(m_db).belongsTo(*invitation.departmentId, organizationId))
        throw ApiError::validation(
            QStringLiteral("department_id"),
            QStringLiteral("'department_id' is not a department of this organization"));
    // The seat check locks the organization first: invitations created at once are counted in turn.
    Seats(m_db, m_now).requireFreeSeat(organizationId);
    if (const auto userId = directory::userIdByEmail(m_db, invitation.email);
        userId && isMember(m_db, organizationId, *userId))
        throw ApiError::conflict(QStringLiteral("already_member"),
                                 QStringLiteral("This user is already a member of the organization"));
    if (m_db.row(QStringLiteral("SELECT 1 FROM invitations WHERE organization_id = ? AND email = ? AND ") +
                     kOpen,
                 {organizationId, invitation.email, m_now}))
        throw ApiError::conflict(QStringLiteral("conflict"),
                                 QStringLiteral("An invitation for this e-mail address is pending; revoke it "
                                                "first to send a new one"));
    const qint64 id = m_db.insert(
        QStringLiteral("INSERT INTO invitations (organization_id, email, role, department_id, token_hash, "
                       "invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {organizationId, invitation.email, roleToString(invitation.role),
         nullableInt(invitation.departmentId), hashOf(token), invitation.invitedBy, m_now,
         m_now + kValidityMs});
    return Invitation{id,
                      organizationId,
                      invitation.email,
                      roleToString(invitation.role),
                      invitation.departmentId,
                      invitation.invitedBy,
                      m_now,
                      m_now + kValidityMs};
}

std::vector<Invitation> Invitations::pending(qint64 organizationId, std::optional<qint64> departmentId)
{
    std::vector<Invitation> invitations;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT %1 FROM invitations WHERE organization_id = ? AND %2 ORDER BY id")
                       .arg(kColumns, kOpen),
                   {organizationId, m_now})) {
        Invitation invitation = fromRow(row);
        if (!departmentId || invitation.departmentId == departmentId)
            invitations.push_back(std::move(invitation));
    }
    return invitations;
}

Invitation Invitations::revoke(qint64 organizationId, qint64 invitationId, std::optional<qint64> departmentId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT %1 FROM invitations WHERE id = ? AND organization_id = ? AND %2")
                     .arg(kColumns, kOpen),
                 {invitationId, organizationId, m_now});
    if (!row || (departmentId && optionalInt(row->at(4)) != departmentId))
        throw ApiError::notFound(QStringLiteral("Invitation"));
    m_db.execute(QStringLiteral("UPDATE invitations SET revoked_at = ? WHERE id = ?"), {m_now, invitationId});
    return fromRow(*row);
}

std::optional<Invitation> Invitations::byTokenHash(const QString& tokenHash)
{
    const auto row = m_db.row(
        QStringLiteral("SELECT %1 FROM invitations WHERE token_hash = ? AND %2").arg(kColumns, kOpen),
        {tokenHash, m_now});
    return row ? std::optional(fromRow(*row)) : std::nullopt;
}

Invitation Invitations::open(const QByteArray& token)
{
    if (auto invitation = byTokenHash(hashOf(token)))
        return *invitation;
    throw invalid();
}

qint64 Invitations::accept(const QByteArray& token, const Acceptance& acceptance)
{
    const QString tokenHash = hashOf(token);
    const auto invitation = byTokenHash(tokenHash);
    if (!invitation)
        throw invalid();
    // The guard first: only an open invitation is marked used, once. A second acceptance at the same time
    // (another process on PostgreSQL) waits for this row, then changes nothing and gets 410; a refusal
    // below rolls the mark back, so the invitation stays valid.
    if (m_db.executeCounted(QStringLiteral("UPDATE invitations SET accepted_at = ? WHERE id = ? AND ") +
                                kOpen,
                            {m_now, invitation->id, m_now}) != 1)
        throw invalid();
    qint64 userId = 0;
    if (acceptance.existingUserId) {
        if (directory::userIdByEmail(m_db, invitation->email) != acceptance.existingUserId)
            throw ApiError(QStringLiteral("invitation_wrong_user"));
        userId = *acceptance.existingUserId;
        if (isMember(m_db, invitation->organizationId, userId))
            throw ApiError::conflict(QStringLiteral("already_member"),
                                     QStringLiteral("You are already a member of the organization"));
    } else {
        // No sign-up credits: an organization admin could otherwise mint them by inviting made-up
        // addresses and accepting the invitations themselves (directory::SignupCredits).
        userId = directory::createUser(m_db, invitation->email, acceptance.name, acceptance.passwordHash,
                                       false, m_now, directory::SignupCredits::None);
    }
    m_db.execute(QStringLiteral("UPDATE invitations SET accepted_by = ? WHERE id = ?"),
                 {userId, invitation->id});
    m_db.execute(
        QStringLiteral("INSERT INTO memberships (organization_id, user_id, role, department_id, "
                       "created_at) VALUES (?, ?, ?, ?, ?)"),
        {invitation->organizationId, userId, invitation->role, nullableInt(invitation->departmentId), m_now});
    return userId;
}

} // namespace creditdesk::server
