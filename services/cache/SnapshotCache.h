#pragma once

#include "cache/CacheDatabase.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

namespace creditdesk {

// What a pane may do with the local cache besides reading it through AsyncCacheReader: keep the last
// answer of a per-organization read that has no since-cursor, and get it back when the server cannot be
// reached (the Organization pane's members, departments, seats, …). Synced collections fit a `since`
// cursor and a table of rows; these reads are whole documents per organization, so the cache keeps one
// snapshot per (organization, resource), replaced on every fetch. The file is per server and user
// (CacheDatabase::pathFor), so snapshots never mix servers or users. Secrets are never stored
// (CacheDatabase::storeSnapshot). One row read by its key: fine on the GUI thread.
class SnapshotCache
{
public:
    explicit SnapshotCache(CacheDatabase* cache) : m_cache(cache) {}

    // False when no cache is open (signed out) or the write failed; the pane works on without it.
    bool store(qint64 organizationId, const QString& resource, const QJsonObject& document,
               const QDateTime& fetchedAt);
    std::optional<CachedDocument> load(qint64 organizationId, const QString& resource) const;
    // Hands the snapshot's document to `parse` (false: not usable); when it was used, `oldest` becomes the
    // earlier of itself (invalid: none yet) and the snapshot's time, as panes name the oldest one ("Showing
    // what it said at …"). False when there is none or it was not used.
    bool readInto(qint64 organizationId, const QString& resource,
                  const std::function<bool(const QJsonObject&)>& parse, QDateTime& oldest) const;

private:
    CacheDatabase* m_cache;
};

} // namespace creditdesk
