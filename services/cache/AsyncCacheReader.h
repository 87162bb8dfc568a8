#pragma once

#include "cache/CacheReader.h"
#include "cache/TransactionQuery.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace creditdesk {

// Runs cache reads on one worker thread and answers with signals, so that models and panes never wait
// for SQLite on the GUI thread. Requests carry a ticket; a newer generation makes older window and count
// requests obsolete (they are skipped before they touch the database).
class AsyncCacheReader : public QObject
{
    Q_OBJECT

public:
    explicit AsyncCacheReader(QObject* parent = nullptr);
    ~AsyncCacheReader() override;

    // The cache file; empty when signed out. Takes effect for the next request.
    void setDatabasePath(const QString& path);
    QString databasePath() const { return m_path; }

    // Marks every window/count request of an older generation obsolete.
    void setGeneration(quint64 generation) { m_generation->store(generation); }

    void requestWindow(quint64 generation, const TransactionQuery& query, qint64 offset, int limit);
    void requestCount(quint64 generation, const TransactionQuery& query);
    void requestDashboard(qint64 organizationId, QDate today, int recentCount);
    void requestNames(qint64 organizationId);
    void requestCollection(const SyncedCollection& collection, const CollectionQuery& query);

Q_SIGNALS:
    void windowReady(quint64 generation, qint64 offset, const QList<creditdesk::Transaction>& rows);
    void countReady(quint64 generation, qint64 count);
    void dashboardReady(const creditdesk::DashboardSnapshot& snapshot);
    void namesReady(qint64 organizationId, const QHash<qint64, QString>& members,
                    const QHash<qint64, QString>& departments);
    void collectionReady(const creditdesk::CollectionRows& rows);

private:
    template<typename Work> void post(Work work);

    QThread m_thread;
    QObject* m_worker = nullptr; // lives in m_thread
    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    // Owned by the worker thread; replaced there when the path changes.
    std::shared_ptr<std::unique_ptr<CacheReader>> m_reader;
    std::shared_ptr<QString> m_readerPath;
};

} // namespace creditdesk
