#pragma once

#include <QHash>
#include <QMutex>

#include <optional>

namespace creditdesk::server {

// A small thread-safe map whose entries live for a fixed time: lookups the hot paths would otherwise
// repeat on every request (who a bearer token is, an organization's billing terms). Whoever changes
// what an entry says clears the cache in this process; other server processes sharing the database
// see the change within the time-to-live (docs/operations.md).
template<typename Key, typename Value> class ExpiringCache
{
public:
    explicit ExpiringCache(qint64 ttlMs = 1000) : m_ttlMs(ttlMs) {}

    std::optional<Value> find(const Key& key, qint64 nowMs) const
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_entries.constFind(key);
        if (it == m_entries.constEnd() || it->validUntilMs <= nowMs)
            return std::nullopt;
        return it->value;
    }

    void insert(const Key& key, Value value, qint64 nowMs)
    {
        QMutexLocker lock(&m_mutex);
        if (m_entries.size() >= kMaxEntries)
            m_entries.clear(); // a burst of distinct keys: start over rather than grow without bound
        m_entries.insert(key, Entry{std::move(value), nowMs + m_ttlMs});
    }

    template<typename Predicate> void removeIf(Predicate matches)
    {
        QMutexLocker lock(&m_mutex);
        m_entries.removeIf([&](const auto& entry) { return matches(entry.value().value); });
    }

    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_entries.clear();
    }

private:
    struct Entry
    {
        Value value;
        qint64 validUntilMs = 0;
    };
    static constexpr int kMaxEntries = 10000;
    qint64 m_ttlMs;
    mutable QMutex m_mutex;
    QHash<Key, Entry> m_entries;
};

} // namespace creditdesk::server
