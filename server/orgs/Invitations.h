#pragma once

#include "auth/Permissions.h"
#include "store/Sql.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// An invitation to join an organization. Its token is shown once, when it is created; only the token's
// SHA-256 is stored (as for sessions and API tokens).
struct Invitation
{
    qint64 id = 0;
    qint64 organizationId = 0;
    QString email;
    QString role;
    std::optional<qint64> departmentId;
    qint64 invitedBy = 0;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
};

struct NewInvitation
{
    QString email; // normalized
    Role role = Role::Member;
    std::optional<qint64> departmentId;
    qint64 invitedBy = 0;
};

// Who accepts: the signed-in user the invitation's e-mail names, or a new user with the password they
// chose (its hash).
struct Acceptance
{
    std::optional<qint64> existingUserId;
    QString name;
    QByteArray passwordHash;
};

// Invitations of an organization (orgs/Seats counts a pending one as a seat in use), inside the caller's
// (writer) transaction.
class Invitations
{
public:
    static constexpr qint64 kValidityMs = 7LL * 24 * 3600 * 1000;

    Invitations(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // 409 already_member, 409 conflict (an invitation for the e-mail is pending), 422 department_id,
    // 409 seat_limit_reached.
    Invitation create(qint64 organizationId, const NewInvitation& invitation, const QByteArray& token);
    // Pending and unexpired, by id; `departmentId` narrows them to one department (managers).
    std::vector<Invitation> pending(qint64 organizationId, std::optional<qint64> departmentId);
    // 404 when it is not a pending invitation of the organization (of the department, for managers).
    Invitation revoke(qint64 organizationId, qint64 invitationId, std::optional<qint64> departmentId);
    // The open invitation a token names (410 invitation_invalid otherwise): read before accepting, to
    // tell a new e-mail from an existing user's.
    Invitation open(const QByteArray& token);
    // Marks the invitation used, only if it still is open (so of two acceptances at once one wins and the
    // other gets 410), and makes the user a member. Returns the user id.
    qint64 accept(const QByteArray& token, const Acceptance& acceptance);

private:
    std::optional<Invitation> byTokenHash(const QString& tokenHash);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
