#pragma once

#include "auth/Access.h"
#include "core/ExpiringCache.h"

#include <QByteArray>
#include <optional>

namespace creditdesk {

// Remembers resolved bearer tokens for a short time, so the hot paths (deduct, reserve, metering)
// do not read the session or token row on every request. Sign-out, token revocation and member
// removal in this process take effect at once (forget/clear); in another server process sharing the
// database they take effect within the time-to-live (docs/operations.md).
class PrincipalCache
{
public:
    explicit PrincipalCache(qint64 ttlMs = 1000) : m_entries(ttlMs) {}

    std::optional<Principal> find(const QByteArray& bearer, qint64 nowMs)
    {
        return m_entries.find(bearer, nowMs);
    }
    void insert(const QByteArray& bearer, const Principal& principal, qint64 nowMs)
    {
        m_entries.insert(bearer, principal, nowMs);
    }
    void forget(const QByteArray& tokenHash) // after sign-out
    {
        m_entries.removeIf([&](const Principal& principal) { return principal.sessionHash == tokenHash; });
    }
    void clear() { m_entries.clear(); } // after revocations

private:
    ExpiringCache<QByteArray, Principal> m_entries; // keyed by the Authorization header value
};

} // namespace creditdesk
