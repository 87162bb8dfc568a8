#pragma once

#include "auth/Access.h"
#include "metering/MeteringTargetCache.h"
#include "metering/UsageEvent.h"
#include "store/Sql.h"

namespace creditdesk::server {

// The per-event side of the usage_events access rule (auth/AccessRule.h): resolves and authorizes the
// account each usage event is for (an organization's pool, a public organization's member, a personal
// account), through the metering module's MeteringTargetCache. Machines need the metering:write scope,
// people the right to deduct.
inline bool hasScope(const Principal& principal, const char* scope)
{
    return principal.scopes.contains(QLatin1String(scope));
}

class MeteringTargets
{
public:
    // `generation`: the directory's current generation (ServerContext::directoryGeneration).
    MeteringTargets(SqlConnection& reader, MeteringTargetCache& cache, const Principal& principal,
                    QByteArray bearer, qint64 nowMs, quint64 generation)
        : m_reader(reader), m_principal(principal), m_cache(cache), m_bearer(std::move(bearer)), m_now(nowMs),
          m_generation(cache.sync(generation))
    {
    }

    MeteringTarget resolve(const UsageEvent& event)
    {
        MeteringTarget target =
            event.organizationId ? organization(*event.organizationId) : personal(*event.userId);
        if (!event.memberId)
            return target;
        if (target.userId) {
            if (*event.memberId != *target.userId)
                throw ApiError::validation(
                    QStringLiteral("member_id"),
                    QStringLiteral("'member_id' must be the account's own user for a personal account"));
            target.memberId = event.memberId;
            return target;
        }
        const std::optional<MeteringTargetCache::Member> member =
            this->member(*target.organizationId, *event.memberId);
        if (!member)
            throw ApiError::validation(QStringLiteral("member_id"),
                                       QStringLiteral("'member_id' is not a member of this organization"));
        if (member->suspended)
            throw ApiError(QStringLiteral("member_suspended"));
        target.memberId = event.memberId;
        target.departmentId = member->departmentId;
        // In a public organization each member is billed on their own account (docs/ledger.md), rated
        // at the organization's tier; overage is a term of the account that pays, so it is the member's.
        if (m_organizationKind == QLatin1String("public")) {
            target.accountId = member->personalAccountId;
            target.overageAllowed = member->personalOverageAllowed;
        }
        return target;
    }

private:
    template<typename Cache, typename Key, typename Value>
    void remember(Cache& cache, const Key& key, const Value& value)
    {
        if (m_cache.isCurrent(m_generation)) // a directory write since the read: the value may be stale
            cache.insert(key, value, m_now);
    }

    MeteringTarget organization(qint64 organizationId)
    {
        const std::pair<QByteArray, qint64> key{m_bearer, organizationId};
        std::optional<MeteringTargetCache::Organization> entry = m_cache.organizations.find(key, m_now);
        if (!entry) {
            entry.emplace();
            try {
                load(*entry, organizationId);
            } catch (const ApiError& error) {
                entry->error = error;
            }
            remember(m_cache.organizations, key, *entry);
        }
        if (entry->error)
            throw *entry->error;
        m_organizationKind = entry->kind;
        return entry->target;
    }

    void load(MeteringTargetCache::Organization& entry, qint64 organizationId)
    {
        const OrganizationAccess access = OrganizationAccess::resolve(m_reader, m_principal, organizationId);
        // Machines report usage with a metering:write token; people need the right to deduct.
        const bool allowed = m_principal.isUser() ? access.can(Permission::DeductCredits)
                                                  : hasScope(m_principal, "metering:write");
        if (!allowed)
            throw ApiError::forbidden(
                QStringLiteral("Reporting usage needs an API token with the metering:write scope"));
        const auto row = m_reader.row(
            QStringLiteral("SELECT o.kind, o.tier, o.billing_option, a.id, o.overage_allowed, "
                           "s.markup_basis_points, s.free_models_only FROM organizations o "
                           "JOIN accounts a ON a.owner_kind = 'organization' AND a.owner_id = o.id "
                           "LEFT JOIN subscriptions s ON s.account_id = a.id WHERE o.id = ?"),
            {organizationId});
        if (!row)
            throw ApiError::notFound(QStringLiteral("Organization"));
        entry.kind = row->at(0).toString();
        entry.target.organizationId = organizationId;
        entry.target.policy.tier = tierFromString(row->at(1).toString()).value_or(Tier::Free);
        entry.target.policy.billingOption =
            billingOptionFromString(row->at(2).toString()).value_or(BillingOption::Credits);
        entry.target.scopeAccountId = asInt(row->at(3));
        entry.target.accountId = entry.target.scopeAccountId;
        entry.target.overageAllowed = asInt(row->at(4)) != 0;
        applyPlanTerms(entry.target.policy, row->at(5), row->at(6));
    }

    std::optional<MeteringTargetCache::Member> member(qint64 organizationId, qint64 userId)
    {
        const std::pair<qint64, qint64> key{organizationId, userId};
        if (auto cached = m_cache.members.find(key, m_now))
            return *cached;
        const auto row = m_reader.row(
            QStringLiteral("SELECT m.department_id, a.id, u.overage_allowed, m.status FROM memberships m "
                           "JOIN users u ON u.id = m.user_id LEFT JOIN accounts a "
                           "ON a.owner_kind = 'user' AND a.owner_id = m.user_id "
                           "WHERE m.organization_id = ? AND m.user_id = ?"),
            {organizationId, userId});
        std::optional<MeteringTargetCache::Member> found;
        if (row)
            found = MeteringTargetCache::Member{optionalInt(row->at(0)), optionalInt(row->at(1)).value_or(0),
                                                asInt(row->at(2)) != 0,
                                                row->at(3).toString() == QLatin1String("suspended")};
        remember(m_cache.members, key, found);
        return found;
    }

    MeteringTarget personal(qint64 userId)
    {
        const std::pair<QByteArray, qint64> key{m_bearer, userId};
        std::optional<MeteringTargetCache::Personal> entry = m_cache.personal.find(key, m_now);
        if (!entry) {
            entry.emplace();
            try {
                entry->target = loadPersonal(userId);
            } catch (const ApiError& error) {
                entry->error = error;
            }
            remember(m_cache.personal, key, *entry);
        }
        if (entry->error)
            throw *entry->error;
        return entry->target;
    }

    MeteringTarget loadPersonal(qint64 userId)
    {
        const bool isOwner = m_principal.userId == userId &&
                             (m_principal.isUser() ||
                              (!m_principal.tokenOrganizationId && hasScope(m_principal, "metering:write")));
        if (!isOwner && !(m_principal.isUser() && m_principal.platformAdmin))
            throw ApiError::notFound(QStringLiteral("User"));
        const auto row = m_reader.row(
            QStringLiteral("SELECT a.id, u.tier, u.billing_option, u.overage_allowed, s.markup_basis_points, "
                           "s.free_models_only FROM users u "
                           "JOIN accounts a ON a.owner_kind = 'user' AND a.owner_id = u.id "
                           "LEFT JOIN subscriptions s ON s.account_id = a.id WHERE u.id = ?"),
            {userId});
        if (!row)
            throw ApiError::notFound(QStringLiteral("User"));
        MeteringTarget target;
        target.userId = userId;
        target.scopeAccountId = asInt(row->at(0));
        target.accountId = target.scopeAccountId;
        // A personal account's terms are set by a platform administrator (PATCH /users/{id}); new
        // accounts are on the free tier.
        target.policy.tier = tierFromString(row->at(1).toString()).value_or(Tier::Free);
        target.policy.billingOption =
            billingOptionFromString(row->at(2).toString()).value_or(BillingOption::Credits);
        target.overageAllowed = asInt(row->at(3)) != 0;
        applyPlanTerms(target.policy, row->at(4), row->at(5));
        return target;
    }

    static void applyPlanTerms(TierPolicy& policy, const QVariant& markupBasisPoints,
                               const QVariant& freeModelsOnly)
    {
        if (!markupBasisPoints.isNull())
            policy.planMarkupBasisPoints = asInt(markupBasisPoints);
        if (!freeModelsOnly.isNull())
            policy.planFreeModelsOnly = asInt(freeModelsOnly) != 0;
    }

    SqlConnection& m_reader;
    const Principal& m_principal;
    MeteringTargetCache& m_cache;
    QByteArray m_bearer;
    qint64 m_now;
    quint64 m_generation;
    QString m_organizationKind; // of the organization the last resolve() addressed
};

} // namespace creditdesk::server
