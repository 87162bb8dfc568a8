#include "auth/Access.h"

#include "auth/CustomRoleIds.h"
#include "core/ApiError.h"
#include "core/Crypto.h"

#include <algorithm>

namespace creditdesk::server {

namespace {

QByteArray bearerToken(const ApiRequest& request)
{
    const QByteArray& header = request.authorization;
    if (header.size() < 8 || header.size() > 512 || !header.startsWith("Bearer "))
        throw ApiError::unauthorized();
    return header.mid(7).trimmed();
}

// A custom role's permissions; none when the role is gone (deleting a role members hold is refused, so
// only a corrupted row gets here, and it grants nothing).
std::vector<Permission> customRolePermissions(SqlConnection& reader, qint64 organizationId,
                                              const QString& roleId)
{
    const auto number = customRoleNumber(roleId);
    if (!number)
        return {};
    const auto row = reader.row(
        QStringLiteral("SELECT permissions FROM custom_roles WHERE id = ? AND organization_id = ?"),
        {*number, organizationId});
    return row ? storedPermissions(row->at(0).toString()) : std::vector<Permission>{};
}

// A suspended member holds no seat and may not act in the organization (nor their API tokens for it, nor
// anyone on their behalf through member_id); they may still sign in and use their other memberships.
bool isSuspended(const QVariant& status)
{
    return status.toString() == QLatin1String("suspended");
}

ApiError suspended()
{
    return ApiError(QStringLiteral("member_suspended"));
}

} // namespace

Principal authenticate(SqlConnection& reader, const ApiRequest& request, qint64 nowMs)
{
    const QByteArray token = bearerToken(request);
    const QByteArray hash = crypto::sha256Hex(token);
    Principal principal;
    if (token.startsWith("cds_")) {
        const auto row =
            reader.row(QStringLiteral("SELECT s.user_id, u.is_platform_admin FROM sessions s JOIN users u "
                                      "ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?"),
                       {QString::fromLatin1(hash), nowMs});
        if (!row)
            throw ApiError::unauthorized(
                QStringLiteral("The session is unknown or has expired; sign in again"));
        principal.kind = Principal::Kind::User;
        principal.userId = asInt(row->at(0));
        principal.platformAdmin = asInt(row->at(1)) != 0;
        principal.sessionHash = hash;
        return principal;
    }
    if (token.startsWith("cdk_")) {
        const auto row =
            reader.row(QStringLiteral("SELECT id, user_id, organization_id, scopes FROM api_tokens "
                                      "WHERE token_hash = ? AND revoked_at IS NULL"),
                       {QString::fromLatin1(hash)});
        if (!row)
            throw ApiError::unauthorized(QStringLiteral("The API token is unknown or revoked"));
        principal.kind = Principal::Kind::ApiToken;
        principal.tokenId = asInt(row->at(0));
        principal.userId = asInt(row->at(1));
        principal.tokenOrganizationId = optionalInt(row->at(2));
        principal.scopes = row->at(3).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        return principal;
    }
    throw ApiError::unauthorized();
}

OrganizationAccess OrganizationAccess::resolve(SqlConnection& reader, const Principal& principal,
                                               qint64 organizationId)
{
    OrganizationAccess access;
    access.m_principal = &principal;
    access.m_organizationId = organizationId;
    // With the status of the caller's membership (for an API token: its creator's), so that a suspended
    // member's tokens are refused without another read.
    const auto organization =
        reader.row(QStringLiteral("SELECT o.kind, m.status FROM organizations o LEFT JOIN memberships m "
                                  "ON m.organization_id = o.id AND m.user_id = ? WHERE o.id = ?"),
                   {principal.userId, organizationId});
    if (!organization)
        throw ApiError::notFound(QStringLiteral("Organization"));
    access.m_kind = organization->at(0).toString();
    if (principal.isUser()) {
        const auto membership = reader.row(
            QStringLiteral("SELECT role, department_id, status FROM memberships WHERE organization_id = ? "
                           "AND user_id = ?"),
            {organizationId, principal.userId});
        if (membership) {
            if (isSuspended(membership->at(2)) && !principal.platformAdmin)
                throw suspended();
            access.m_role = roleFromString(membership->at(0).toString());
            access.m_departmentId = optionalInt(membership->at(1));
            access.m_roleId = membership->at(0).toString();
            if (!access.m_role)
                access.m_customPermissions = customRolePermissions(reader, organizationId, access.m_roleId);
        } else if (!principal.platformAdmin) {
            throw ApiError::notFound(QStringLiteral("Organization"));
        }
    } else if (principal.tokenOrganizationId != organizationId) {
        throw ApiError::notFound(QStringLiteral("Organization"));
    } else if (isSuspended(organization->at(1))) {
        throw suspended(); // a suspended member's tokens stop working for the organization too
    }
    return access;
}

bool OrganizationAccess::can(Permission permission) const
{
    if (m_principal->isUser()) {
        if (m_principal->platformAdmin)
            return true;
        if (m_customPermissions)
            return std::find(m_customPermissions->begin(), m_customPermissions->end(), permission) !=
                   m_customPermissions->end();
        return m_role && roleHas(*m_role, permission);
    }
    for (const QString& scope : m_principal->scopes)
        if (scopeGrants(scope, permission))
            return true;
    return false;
}

void OrganizationAccess::require(Permission permission) const
{
    if (!can(permission))
        throw ApiError::forbidden();
}

std::optional<qint64> accountIdFor(SqlConnection& connection, const QString& ownerKind, qint64 ownerId)
{
    const auto row =
        connection.row(QStringLiteral("SELECT id FROM accounts WHERE owner_kind = ? AND owner_id = ?"),
                       {ownerKind, ownerId});
    return row ? optionalInt(row->at(0)) : std::nullopt;
}

namespace {

Permission permissionFor(CreditAction action)
{
    switch (action) {
    case CreditAction::Read:
        return Permission::ReadAllCredits;
    case CreditAction::Deduct:
        return Permission::DeductCredits;
    case CreditAction::Allocate:
        return Permission::AllocateCredits;
    case CreditAction::Refund:
        return Permission::RefundCredits;
    }
    return Permission::ReadAllCredits;
}

CreditTarget organizationTarget(SqlConnection& reader, const Principal& principal, qint64 organizationId,
                                CreditAction action)
{
    const OrganizationAccess access = OrganizationAccess::resolve(reader, principal, organizationId);
    CreditTarget target;
    target.organizationId = organizationId;
    target.organizationKind = access.kind();
    if (action == CreditAction::Read && !access.can(Permission::ReadAllCredits)) {
        if (access.can(Permission::ReadDepartmentCredits) && access.departmentId())
            target.onlyDepartmentId = access.departmentId();
        else if (access.can(Permission::ReadOwnCredits) || access.can(Permission::ReadDepartmentCredits))
            target.onlyMemberId = principal.userId; // a manager without a department sees their own
        else
            throw ApiError::forbidden();
    } else if (action != CreditAction::Read) {
        access.require(permissionFor(action));
    }
    target.accountId = accountIdFor(reader, QStringLiteral("organization"), organizationId).value_or(0);
    if (target.accountId == 0)
        throw ApiError::notFound(QStringLiteral("Billing account"));
    return target;
}

CreditTarget personalTarget(SqlConnection& reader, const Principal& principal, qint64 userId,
                            CreditAction action)
{
    // A personal account is its owner's alone: the user (or their personal API token, by scope) and
    // platform admins. Allocation and refunds to it are a platform admin's job.
    const bool isOwner =
        principal.userId == userId && (principal.isUser() || !principal.tokenOrganizationId.has_value());
    bool allowed = false;
    if (principal.isUser() && principal.platformAdmin)
        allowed = true;
    else if (isOwner && principal.isUser())
        allowed = action == CreditAction::Read || action == CreditAction::Deduct;
    else if (isOwner)
        allowed =
            std::any_of(principal.scopes.begin(), principal.scopes.end(),
                        [&](const QString& scope) { return scopeGrants(scope, permissionFor(action)); }) &&
            (action == CreditAction::Read || action == CreditAction::Deduct);
    if (!allowed) {
        if (!isOwner && !principal.platformAdmin)
            throw ApiError::notFound(QStringLiteral("User"));
        throw ApiError::forbidden();
    }
    CreditTarget target;
    target.userId = userId;
    target.accountId = accountIdFor(reader, QStringLiteral("user"), userId).value_or(0);
    if (target.accountId == 0)
        throw ApiError::notFound(QStringLiteral("User"));
    return target;
}

} // namespace

namespace {

// A billing account is addressed by its organization or its user, never both.
void requireOneOwner(const std::optional<qint64>& organizationId, const std::optional<qint64>& userId)
{
    if (organizationId.has_value() == userId.has_value())
        throw ApiError::validation(QStringLiteral("organization_id"),
                                   QStringLiteral("Give exactly one of 'organization_id' and 'user_id'"));
}

} // namespace

CreditTarget resolveCreditTarget(SqlConnection& reader, const Principal& principal,
                                 std::optional<qint64> organizationId, std::optional<qint64> userId,
                                 CreditAction action)
{
    requireOneOwner(organizationId, userId);
    if (organizationId)
        return organizationTarget(reader, principal, *organizationId, action);
    return personalTarget(reader, principal, *userId, action);
}

CreditTarget resolveBillingAccount(SqlConnection& reader, const Principal& principal,
                                   std::optional<qint64> organizationId, std::optional<qint64> userId,
                                   Permission permission)
{
    requireOneOwner(organizationId, userId);
    CreditTarget target;
    if (organizationId) {
        const OrganizationAccess access = OrganizationAccess::resolve(reader, principal, *organizationId);
        access.require(permission);
        target.organizationId = organizationId;
        target.organizationKind = access.kind();
        target.accountId = accountIdFor(reader, QStringLiteral("organization"), *organizationId).value_or(0);
        if (target.accountId == 0)
            throw ApiError::notFound(QStringLiteral("Billing account"));
        return target;
    }
    const bool platformAdmin = principal.isUser() && principal.platformAdmin;
    if (principal.userId != *userId && !platformAdmin)
        throw ApiError::notFound(QStringLiteral("User"));
    if (!principal.isUser())
        throw ApiError::forbidden(QStringLiteral("A personal plan is managed by its user, not an API token"));
    target.userId = userId;
    target.accountId = accountIdFor(reader, QStringLiteral("user"), *userId).value_or(0);
    if (target.accountId == 0)
        throw ApiError::notFound(QStringLiteral("User"));
    return target;
}

CreditTarget resolveAddressedAccount(SqlConnection& reader, const Principal& principal,
                                     std::optional<qint64> organizationId, std::optional<qint64> userId,
                                     std::optional<qint64> memberId, CreditAction action)
{
    CreditTarget target = resolveCreditTarget(reader, principal, organizationId, userId, action);
    if (!memberId)
        return target;
    if (target.userId) {
        if (*memberId != *target.userId)
            throw ApiError::validation(
                QStringLiteral("member_id"),
                QStringLiteral("'member_id' must be the account's own user for a personal account"));
        target.memberId = memberId;
        return target;
    }
    const auto membership =
        reader.row(QStringLiteral("SELECT department_id, status FROM memberships WHERE organization_id = ? "
                                  "AND user_id = ?"),
                   {*target.organizationId, *memberId});
    if (!membership)
        throw ApiError::validation(QStringLiteral("member_id"),
                                   QStringLiteral("'member_id' is not a member of this organization"));
    if (isSuspended(membership->at(1)) && action != CreditAction::Read)
        throw suspended();
    target.memberId = memberId;
    target.departmentId = optionalInt(membership->at(0));
    if (target.organizationKind == QLatin1String("public")) {
        // The movement lands on the member's personal account. Creating credits there needs the right on
        // that account itself; deductions are the organization's to make (its members are billed there).
        if (action == CreditAction::Allocate || action == CreditAction::Refund)
            personalTarget(reader, principal, *memberId, action);
        target.accountId = accountIdFor(reader, QStringLiteral("user"), *memberId).value_or(0);
    }
    return target;
}

CreditTarget authorizeOnAccount(SqlConnection& reader, const Principal& principal, qint64 accountId,
                                std::optional<qint64> organizationId, CreditAction action)
{
    const auto owner =
        reader.row(QStringLiteral("SELECT owner_kind, owner_id FROM accounts WHERE id = ?"), {accountId});
    if (!owner)
        throw ApiError::notFound(QStringLiteral("Billing account"));
    if (owner->at(0).toString() == QLatin1String("organization"))
        return resolveCreditTarget(reader, principal, asInt(owner->at(1)), std::nullopt, action);
    if (organizationId) // a public organization's member account: the organization's admins act on it
        return resolveCreditTarget(reader, principal, organizationId, std::nullopt, action);
    return resolveCreditTarget(reader, principal, std::nullopt, asInt(owner->at(1)), action);
}

} // namespace creditdesk::server
