#pragma once

#include "auth/AccessRule.h"
#include "auth/Permissions.h"
#include "core/ApiTypes.h"
#include "store/Sql.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace creditdesk::server {

// Who is calling: a signed-in user (session token) or a machine (API token with scopes).
struct Principal
{
    enum class Kind
    {
        User,
        ApiToken
    };
    Kind kind = Kind::User;
    qint64 userId = 0; // the user, or the user who created the API token
    qint64 tokenId = 0;
    std::optional<qint64> tokenOrganizationId; // API tokens: the organization it acts for (none: personal)
    QStringList scopes;
    bool platformAdmin = false;
    QByteArray sessionHash;

    bool isUser() const { return kind == Kind::User; }
    QString actorKind() const { return isUser() ? QStringLiteral("user") : QStringLiteral("api_token"); }
    qint64 actorId() const { return isUser() ? userId : tokenId; }
    // Idempotency keys are unique per caller, as Stripe scopes them per account.
    QString idempotencyScope() const { return actorKind() + QLatin1Char(':') + QString::number(actorId()); }
};

// Resolves the bearer token; throws 401 when it is missing, unknown, expired or revoked.
Principal authenticate(SqlConnection& reader, const ApiRequest& request, qint64 nowMs);

// What the principal may do in one organization. Throws 404 when the organization does not exist or
// the caller has no relation to it, so organization ids cannot be probed.
class OrganizationAccess
{
public:
    static OrganizationAccess resolve(SqlConnection& reader, const Principal& principal,
                                      qint64 organizationId);

    qint64 organizationId() const { return m_organizationId; }
    const QString& kind() const { return m_kind; }
    std::optional<Role> role() const { return m_role; } // none for a custom role (never an owner)
    // The membership's role id: a built-in role's name or a custom role's "custom-<n>"; empty for
    // platform admins who are not members and for API tokens.
    const QString& roleId() const { return m_roleId; }
    std::optional<qint64> departmentId() const { return m_departmentId; }
    bool can(Permission permission) const;
    void require(Permission permission) const; // throws 403 forbidden

private:
    const Principal* m_principal = nullptr;
    qint64 m_organizationId = 0;
    QString m_kind;
    std::optional<Role> m_role;
    QString m_roleId;
    // A custom role's permissions (docs/admin-guide.md "Custom roles"), read with the membership on
    // every request, so a changed role takes effect with the next request.
    std::optional<std::vector<Permission>> m_customPermissions;
    std::optional<qint64> m_departmentId;
};

// The billing account a credits request addresses: an organization's pool ("organization_id") or a
// user's personal account ("user_id"), and how much of it the caller may see.
struct CreditTarget
{
    qint64 accountId = 0;
    std::optional<qint64> organizationId;
    std::optional<qint64> userId;
    QString organizationKind;
    // Row filters for reading: managers see their department, members their own movements.
    std::optional<qint64> onlyDepartmentId;
    std::optional<qint64> onlyMemberId;
    // Writes: the member (and their department) the movement is for, from the request's member_id.
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
};

CreditTarget resolveCreditTarget(SqlConnection& reader, const Principal& principal,
                                 std::optional<qint64> organizationId, std::optional<qint64> userId,
                                 CreditAction action);

// The billing account (plans, subscriptions, charges, coupons) an "organization_id" | "user_id" names:
// in an organization the caller needs `permission`; a personal account is its own user's (a person, not
// an API token) and platform admins'. 404 when the caller may not know it exists.
CreditTarget resolveBillingAccount(SqlConnection& reader, const Principal& principal,
                                   std::optional<qint64> organizationId, std::optional<qint64> userId,
                                   Permission permission);

// The one place that resolves which account and member a balance-changing request addresses: the
// organization's pool or a personal account, and with member_id the member (and department) the
// movement is for. A member of a team organization draws on the pool; in a public organization each
// member is billed on their own personal account (organization still recorded). Rights that depend on
// the account (allocate, refund) are checked on the account actually written.
CreditTarget resolveAddressedAccount(SqlConnection& reader, const Principal& principal,
                                     std::optional<qint64> organizationId, std::optional<qint64> userId,
                                     std::optional<qint64> memberId, CreditAction action);

// The account a recorded transaction or hold belongs to, authorized for the given action (a public
// organization's member account is acted on through the organization).
CreditTarget authorizeOnAccount(SqlConnection& reader, const Principal& principal, qint64 accountId,
                                std::optional<qint64> organizationId, CreditAction action);
std::optional<qint64> accountIdFor(SqlConnection& connection, const QString& ownerKind, qint64 ownerId);

} // namespace creditdesk::server
