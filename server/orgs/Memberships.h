#pragma once

#include "auth/Permissions.h"
#include "store/Sql.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace creditdesk::server {

// A member of an organization, as the organization's member list shows them.
struct Member
{
    qint64 userId = 0;
    QString email;
    QString name;
    QString role;
    std::optional<qint64> departmentId;
    qint64 joinedAt = 0;
    QString status; // "active" | "suspended"; an active member holds a seat
    std::optional<qint64> lastSignInAt;
};

// What a member did in the organization, for its member list.
struct MemberActivity
{
    std::optional<qint64> lastUsageAt; // the member's last deduction attributed to them
    qint64 usageThisPeriod = 0;        // credits spent attributed to them in the current billing period
};

// One of a user's memberships, as the user sees it.
struct Membership
{
    qint64 organizationId = 0;
    QString role;
    std::optional<qint64> departmentId;
};

// Whom to add: an existing user by e-mail, or a new one (then with a name and the hash of a password).
struct NewMember
{
    QString email; // normalized
    std::optional<QString> name;
    std::optional<QByteArray> passwordHash; // given exactly when the request carried a password
    Role role = Role::Member;
    std::optional<qint64> departmentId;
    // A public organization bills its members' personal accounts: only a platform administrator may put
    // an existing user into one.
    bool existingUserNeedsPlatformAdmin = false;
    bool addedByPlatformAdmin = false; // a new user then gets the sign-up credits (directory::SignupCredits)
};

struct MemberChange
{
    std::optional<Role> role;
    std::optional<QString> customRole; // "custom-7", checked by Roles::requireAssignable (orgs/Roles.h)
    bool changeDepartment = false;     // set department_id to `departmentId` (none: no department)
    std::optional<qint64> departmentId;
    std::optional<QString> status; // "active" | "suspended"
};

// Who belongs to an organization and in which role. Enforces the owner rules: only owners (and platform
// administrators, `ownerPowers`) grant, change or take away the owner role, and an organization keeps at
// least one owner. Runs inside the caller's (writer) transaction.
class Memberships
{
public:
    explicit Memberships(SqlConnection& db) : m_db(db) {}

    qint64 add(qint64 organizationId, const NewMember& member, qint64 nowMs); // the member's user id
    // A suspension frees the member's seat; reactivating takes one (409 seat_limit_reached).
    void change(qint64 organizationId, qint64 userId, const MemberChange& change, bool ownerPowers,
                qint64 nowMs);
    // Also revokes the API tokens the member set up for the organization.
    void remove(qint64 organizationId, qint64 userId, bool ownerPowers, qint64 nowMs);

    Member member(qint64 organizationId, qint64 userId); // throws not_found
    // Each member's activity (by user id; members without any are absent), usage since `periodStart`.
    std::map<qint64, MemberActivity> activity(qint64 organizationId, qint64 periodStart);
    std::vector<Member> members(qint64 organizationId); // by user id
    std::vector<Membership> ofUser(qint64 userId);      // by organization id

private:
    std::optional<QString> roleOf(qint64 organizationId, qint64 userId);
    int ownerCount(qint64 organizationId); // active ones

    SqlConnection& m_db;
};

} // namespace creditdesk::server
