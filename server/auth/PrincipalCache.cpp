#include "auth/PrincipalCache.h"

namespace creditdesk {

std::optional<Principal> PrincipalCache::find(const QByteArray& bearer, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(bearer);
    if (it == m_entries.constEnd() || it->validUntilMs <= nowMs)
        return std::nullopt;
    return it->principal;
}

void PrincipalCache::insert(const QByteArray& bearer, const Principal& principal, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= kMaxEntries)
        m_entries.clear(); // a burst of distinct tokens: start over rather than grow without bound
    m_entries.insert(bearer, Entry{principal, nowMs + m_ttlMs});
}

void PrincipalCache::forget(const QByteArray& tokenHash)
{
    QMutexLocker lock(&m_mutex);
    m_entries.removeIf([&](const auto& entry) { return entry.value().principal.sessionHash == tokenHash; });
}

void PrincipalCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

} // namespace creditdesk
