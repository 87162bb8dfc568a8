#pragma once

#include "api/ApiClient.h"
#include "api/ApiError.h"
#include "cache/TextIndexer.h"
#include "domain/Records.h"
#include "domain/SyncedCollection.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace creditdesk {

class ApiJob;
class CacheDatabase;
class Clock;

// Brings the cache in line with the server (docs/design.md §7): who the user is and their organizations, then
// per organization the balance with its grants, members, departments and the transactions after the
// highest cached sequence number (`since`), one cache transaction per page. A failing or unreadable
// answer stops the run and leaves the cache as it was after the last complete page. Runs on start(),
// every interval and on syncNow() (F5); while the server is unreachable it is offline and retries with
// a growing delay, catching up incrementally when the server is back.
//
// Usage: the dashboard's period figures are derived from the synced transactions inside the cache
// (usage_daily: every credit movement, metered or not). The server's metered rollups
// (GET /metering/by-date: events, tokens, credits per day) are synced beside them with their own
// since-cursor; a server without metering answers 404 and the step is skipped.
//
// Then every SyncedCollection it was given (setCollections: the panes' declarations, e.g. the audit trail)
// the role may read, generically: its endpoint with since = the highest cached sinceField, page after page
// into its cache table.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(ApiClient* client, CacheDatabase* cache, const Clock* clock, QObject* parent = nullptr);
    ~SyncEngine() override;

    void setIntervalSeconds(int seconds);
    void setPageSize(int rows) { m_pageSize = rows; }
    void setRetryDelaysSeconds(int first, int maximum);
    // The synced collections, in sync order (the cache must have been given the same list).
    void setCollections(const QList<SyncedCollection>& collections) { m_collections = collections; }

    void start(); // syncs now and then every interval
    void stop();  // cancels a run and the timers
    void syncNow();

    bool isRunning() const { return m_running; }
    bool isOnline() const { return m_online; }
    QDateTime lastSynced() const { return m_lastSynced; }
    const Me& identity() const { return m_me; }
    const ApiError& lastError() const { return m_lastError; }
    // Transactions fetched from the server by the last run and since start() (for tests and benchmarks).
    qint64 lastRunFetchedRows() const { return m_runRows; }
    qint64 lastRunInsertedRows() const { return m_runInserted; }
    qint64 totalFetchedRows() const { return m_totalRows; }
    TextIndexer* textIndexer() { return &m_indexer; }

Q_SIGNALS:
    void started();
    // step of steps done; rows: transactions fetched so far in this run
    void progress(int step, int steps, qint64 rows);
    void finished(bool ok);
    void onlineChanged(bool online);
    void identityChanged(const creditdesk::Me& me);
    void cacheChanged(qint64 organizationId);
    // One page of a synced collection went into the cache (rows in its column order), e.g. for the alert
    // notifications (AlertNotifier).
    void collectionPageApplied(const QString& collectionId, qint64 organizationId,
                               const QList<QVariantList>& rows);
    void failed(const creditdesk::ApiError& error);
    void sessionExpired();

private:
    void runMe();
    void runOrganization(int index);
    void runTransactions(int index);
    void runUsage(int index);
    void runCollection(int index, int collection);
    void finishRun(bool ok, const ApiError& error = {});
    void setOnline(bool online);
    template<typename Job> Job* track(Job* job);
    void step();

    QPointer<ApiClient> m_client;
    CacheDatabase* m_cache;
    const Clock* m_clock;
    QTimer m_interval;
    QTimer m_retry;
    TextIndexer m_indexer;
    QList<SyncedCollection> m_collections;
    QList<QPointer<ApiJob>> m_jobs;
    Me m_me;
    ApiError m_lastError;
    QDateTime m_lastSynced;
    int m_pageSize = 1000;
    int m_retryFirst = 15;
    int m_retryMax = 300;
    int m_retryNext = 15;
    int m_step = 0;
    int m_steps = 0;
    qint64 m_runRows = 0;
    qint64 m_runInserted = 0;
    qint64 m_totalRows = 0;
    bool m_running = false;
    bool m_pending = false;
    bool m_online = true;
    bool m_active = false;
    bool m_meteringAvailable = true;
};

} // namespace creditdesk
