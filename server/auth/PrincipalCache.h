#pragma once

#include "auth/Access.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>

#include <optional>

namespace creditdesk {

// Remembers resolved bearer tokens for a short time, so the hot paths (deduct, reserve, metering)
// do not read the session or token row on every request. Sign-out, token revocation and member
// removal in this process take effect at once (forget/clear); in another server process sharing the
// database they take effect within the time-to-live (docs/operations.md).
class PrincipalCache
{
public:
    explicit PrincipalCache(qint64 ttlMs = 1000) : m_ttlMs(ttlMs) {}

    std::optional<Principal> find(const QByteArray& bearer, qint64 nowMs);
    void insert(const QByteArray& bearer, const Principal& principal, qint64 nowMs);
    void forget(const QByteArray& tokenHash); // after sign-out
    void clear();                             // after revocations

private:
    struct Entry
    {
        Principal principal;
        qint64 validUntilMs = 0;
    };
    static constexpr int kMaxEntries = 10000;
    qint64 m_ttlMs;
    QMutex m_mutex;
    QHash<QByteArray, Entry> m_entries; // keyed by the Authorization header value
};

} // namespace creditdesk
