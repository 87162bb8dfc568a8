#include "cache/SnapshotCache.h"

namespace creditdesk {

bool SnapshotCache::store(qint64 organizationId, const QString& resource, const QJsonObject& document,
                          const QDateTime& fetchedAt)
{
    return m_cache && m_cache->isOpen() &&
           m_cache->storeSnapshot(organizationId, resource, document, fetchedAt);
}

std::optional<CachedDocument> SnapshotCache::load(qint64 organizationId, const QString& resource) const
{
    if (!m_cache || !m_cache->isOpen())
        return std::nullopt;
    return m_cache->snapshot(organizationId, resource);
}

bool SnapshotCache::readInto(qint64 organizationId, const QString& resource,
                             const std::function<bool(const QJsonObject&)>& parse, QDateTime& oldest) const
{
    const std::optional<CachedDocument> cached = load(organizationId, resource);
    if (!cached || !parse(cached->document))
        return false;
    if (!oldest.isValid() || cached->fetchedAt < oldest)
        oldest = cached->fetchedAt;
    return true;
}

} // namespace creditdesk
