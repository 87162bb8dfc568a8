#pragma once

#include "auth/Access.h"
#include "core/ExpiringCache.h"

#include <QByteArray>
#include <QMutex>

#include <optional>

namespace creditdesk::server {

// Remembers resolved bearer tokens for a short time, so the hot paths (deduct, reserve, metering)
// do not read the session or token row on every request. Sign-out, token revocation and member
// removal in this process take effect at once (forget/clear once the change has committed); in another
// server process sharing the database they take effect within the time-to-live (docs/operations.md).
//
// A principal carries no role: what it may do in an organization (a built-in or custom role's
// permissions) is read with the membership on every request (OrganizationAccess::resolve), so a changed
// role needs no clearing here. Metering's targets cache follows ServerContext::directoryGeneration.
//
// A lookup that read the database before a revocation committed must not put the old answer back
// after forget/clear: every forget/clear starts a new epoch, and insert() drops what was looked up in
// an earlier one.
class PrincipalCache
{
public:
    explicit PrincipalCache(qint64 ttlMs = 1000) : m_entries(ttlMs) {}

    std::optional<Principal> find(const QByteArray& bearer, qint64 nowMs)
    {
        return m_entries.find(bearer, nowMs);
    }

    // Read before looking the token up in the database; pass it to insert().
    quint64 epoch() const
    {
        QMutexLocker lock(&m_mutex);
        return m_epoch;
    }
    void insert(const QByteArray& bearer, const Principal& principal, qint64 nowMs, quint64 lookedUpInEpoch)
    {
        QMutexLocker lock(&m_mutex);
        if (lookedUpInEpoch == m_epoch)
            m_entries.insert(bearer, principal, nowMs);
    }
    void forget(const QByteArray& tokenHash) // after sign-out
    {
        QMutexLocker lock(&m_mutex);
        ++m_epoch;
        m_entries.removeIf([&](const Principal& principal) { return principal.sessionHash == tokenHash; });
    }
    void clear() // after revocations
    {
        QMutexLocker lock(&m_mutex);
        ++m_epoch;
        m_entries.clear();
    }

private:
    mutable QMutex m_mutex; // orders insert against forget/clear
    quint64 m_epoch = 0;
    ExpiringCache<QByteArray, Principal> m_entries; // keyed by the Authorization header value
};

} // namespace creditdesk::server
