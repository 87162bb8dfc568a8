#include "sync/SyncEngine.h"

#include "api/ApiClient.h"
#include "api/Jobs.h"
#include "cache/CacheDatabase.h"
#include "cache/TextIndexer.h"
#include "domain/Clock.h"
#include "domain/Logging.h"

namespace creditdesk {

SyncEngine::SyncEngine(ApiClient* client, CacheDatabase* cache, const Clock* clock, QObject* parent)
    : QObject(parent), m_client(client), m_cache(cache), m_clock(clock)
{
    qRegisterMetaType<ApiError>();
    m_interval.setInterval(300 * 1000);
    connect(&m_interval, &QTimer::timeout, this, &SyncEngine::syncNow);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
    // Any request of the session (not only the sync's own) tells whether the server is there.
    connect(client, &ApiClient::unreachable, this, [this](const ApiError& error) {
        if (!m_active || !m_online)
            return;
        m_lastError = error;
        setOnline(false);
        if (!m_running && !m_retry.isActive())
            m_retry.start(m_retryNext * 1000);
    });
    connect(client, &ApiClient::reachable, this, [this] {
        if (m_active)
            setOnline(true);
    });
}

SyncEngine::~SyncEngine()
{
    stop();
}

void SyncEngine::setIntervalSeconds(int seconds)
{
    m_interval.setInterval(std::max(1, seconds) * 1000);
}

void SyncEngine::setRetryDelaysSeconds(int first, int maximum)
{
    m_retryFirst = m_retryNext = std::max(1, first);
    m_retryMax = std::max(m_retryFirst, maximum);
}

void SyncEngine::start()
{
    m_active = true;
    m_lastSynced = m_cache->lastSynced();
    m_interval.start();
    syncNow();
}

void SyncEngine::stop()
{
    m_active = false;
    m_indexer.stop(); // before the cache may be closed or deleted
    m_interval.stop();
    m_retry.stop();
    const QList<QPointer<ApiJob>> jobs = std::exchange(m_jobs, {});
    for (const QPointer<ApiJob>& job : jobs) {
        if (job) {
            job->disconnect(this);
            job->abort();
        }
    }
    if (m_running) {
        m_running = false;
        Q_EMIT finished(false);
    }
}

void SyncEngine::syncNow()
{
    if (!m_active || !m_cache->isOpen())
        return;
    if (m_running) {
        m_pending = true; // one more run after this one, e.g. F5 pressed during a run
        return;
    }
    m_retry.stop();
    m_running = true;
    m_pending = false;
    m_runRows = 0;
    m_runInserted = 0;
    m_step = 0;
    m_steps = 1;
    Q_EMIT started();
    Q_EMIT progress(0, m_steps, 0);
    runMe();
}

template<typename Job> Job* SyncEngine::track(Job* job)
{
    m_jobs.append(QPointer<ApiJob>(job));
    return job;
}

void SyncEngine::step()
{
    ++m_step;
    Q_EMIT progress(std::min(m_step, m_steps), m_steps, m_runRows);
}

void SyncEngine::runMe()
{
    auto* job = track(new MeJob(m_client));
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->error().isError())
            return finishRun(false, job->error());
        setOnline(true);
        m_me = job->result();
        if (!m_cache->storeIdentity(m_me.user, m_me.organizations))
            return finishRun(false, {ApiError::Kind::Garbled, 0, {}, tr("cannot write the cache"), 0});
        Q_EMIT identityChanged(m_me);
        // Per organization: balance, members, departments, transactions, usage rollups, then one step per
        // synced collection.
        m_steps =
            1 + (5 + static_cast<int>(m_collections.size())) * static_cast<int>(m_me.organizations.size());
        step();
        runOrganization(0);
    });
    job->start();
}

void SyncEngine::runOrganization(int index)
{
    if (index >= m_me.organizations.size())
        return finishRun(true);
    const qint64 organizationId = m_me.organizations.at(index).id;
    auto* balance = track(new BalanceJob(m_client, organizationId));
    connect(balance, &ApiJob::finished, this, [this, balance, index, organizationId] {
        if (balance->error().isError())
            return finishRun(false, balance->error());
        if (!m_cache->storeBalance(balance->result()))
            return finishRun(false, {ApiError::Kind::Garbled, 0, {}, tr("cannot write the cache"), 0});
        Q_EMIT cacheChanged(organizationId);
        step();
        auto* members = track(new MembersJob(m_client, organizationId));
        connect(members, &ApiJob::finished, this, [this, members, index, organizationId] {
            if (members->error().isError())
                return finishRun(false, members->error());
            m_cache->storeMembers(organizationId, members->result());
            step();
            auto* departments = track(new DepartmentsJob(m_client, organizationId));
            connect(departments, &ApiJob::finished, this, [this, departments, index, organizationId] {
                if (departments->error().isError())
                    return finishRun(false, departments->error());
                m_cache->storeDepartments(organizationId, departments->result());
                step();
                runTransactions(index);
            });
            departments->start();
        });
        members->start();
    });
    balance->start();
}

void SyncEngine::runTransactions(int index)
{
    const qint64 organizationId = m_me.organizations.at(index).id;
    if (!m_me.organizations.at(index).canReadTransactions()) {
        step();
        return runUsage(index);
    }
    // `since` is always the highest sequence number in the cache: a run that stopped half-way resumes
    // exactly after its last complete page.
    const qint64 since = m_cache->lastSeq(organizationId);
    auto* page = track(new TransactionsPageJob(m_client, organizationId, since, QString(), m_pageSize));
    connect(page, &ApiJob::finished, this, [this, page, index, organizationId] {
        if (page->error().isError())
            return finishRun(false, page->error());
        const QList<Transaction>& rows = page->transactions();
        int inserted = 0;
        if (!rows.isEmpty() && !m_cache->applyTransactionsPage(organizationId, rows, &inserted))
            return finishRun(false, {ApiError::Kind::Garbled, 0, {}, tr("cannot write the cache"), 0});
        m_runRows += rows.size();
        m_totalRows += rows.size();
        m_runInserted += inserted;
        Q_EMIT progress(m_step, m_steps, m_runRows);
        if (inserted > 0)
            Q_EMIT cacheChanged(organizationId);
        if (!page->nextCursor().isEmpty() && !rows.isEmpty())
            return runTransactions(index);
        step();
        runUsage(index);
    });
    page->start();
}

void SyncEngine::runUsage(int index)
{
    const qint64 organizationId = m_me.organizations.at(index).id;
    if (!m_meteringAvailable) {
        step();
        return runCollection(index, 0);
    }
    // The last two months of daily rollups, then only the days that changed (the server's cursor).
    const QDate today = m_clock->now().date();
    auto* usage = track(new UsageByDateJob(m_client, organizationId, today.addDays(-62), today,
                                           m_cache->meteringCursor(organizationId)));
    connect(usage, &ApiJob::finished, this, [this, usage, index, organizationId] {
        if (usage->error().httpStatus == 404) {
            // The organization was just read, so 404 means a server without metering: usage then comes
            // from the transactions alone.
            m_meteringAvailable = false;
        } else if (usage->error().kind == ApiError::Kind::Forbidden) {
            // Not visible to this role: nothing to cache.
        } else if (usage->error().isError()) {
            return finishRun(false, usage->error());
        } else if (!m_cache->storeMeteredDays(organizationId, usage->days(), usage->cursor())) {
            return finishRun(false, {ApiError::Kind::Garbled, 0, {}, tr("cannot write the cache"), 0});
        } else if (!usage->days().isEmpty()) {
            Q_EMIT cacheChanged(organizationId);
        }
        step();
        runCollection(index, 0);
    });
    usage->start();
}

void SyncEngine::runCollection(int index, int collectionIndex)
{
    if (collectionIndex >= m_collections.size())
        return runOrganization(index + 1);
    const SyncedCollection& collection = m_collections.at(collectionIndex);
    const Organization& organization = m_me.organizations.at(index);
    const qint64 organizationId = organization.id;
    if (!collection.readableWith(organization.permissions)) {
        step();
        return runCollection(index, collectionIndex + 1);
    }
    // As for transactions: since is the highest cached value, so an interrupted run resumes after its
    // last complete page.
    const int limit = collection.pageLimit > 0 ? std::min(collection.pageLimit, m_pageSize) : m_pageSize;
    auto* page =
        track(new CollectionPageJob(m_client, collection, organizationId,
                                    m_cache->collectionSince(collection, organizationId), QString(), limit));
    connect(page, &ApiJob::finished, this, [this, page, index, collectionIndex, organizationId, limit] {
        const SyncedCollection& current = m_collections.at(collectionIndex);
        if (page->error().kind == ApiError::Kind::Forbidden) {
            // The role changed since /me: nothing to cache.
            step();
            return runCollection(index, collectionIndex + 1);
        }
        if (page->error().isError())
            return finishRun(false, page->error());
        int inserted = 0;
        if (!page->rows().isEmpty() &&
            !m_cache->applyCollectionPage(current, organizationId, page->rows(), &inserted))
            return finishRun(false, {ApiError::Kind::Garbled, 0, {}, tr("cannot write the cache"), 0});
        if (!page->rows().isEmpty())
            Q_EMIT collectionPageApplied(current.id, organizationId, page->rows());
        if (inserted > 0)
            Q_EMIT cacheChanged(organizationId);
        // More after a next_cursor, or after a full page (a list that gives no cursor with since): the
        // next page starts from the new highest since value.
        if ((!page->nextCursor().isEmpty() || page->rows().size() >= limit) && !page->rows().isEmpty())
            return runCollection(index, collectionIndex);
        step();
        runCollection(index, collectionIndex + 1);
    });
    page->start();
}

void SyncEngine::finishRun(bool ok, const ApiError& error)
{
    m_jobs.removeAll(QPointer<ApiJob>());
    m_jobs.clear();
    m_running = false;
    m_lastError = error;
    if (ok) {
        m_lastSynced = m_clock->now();
        m_cache->setLastSynced(m_lastSynced);
        m_retryNext = m_retryFirst;
        qCInfo(lcSync) << "sync done:" << m_runRows << "transactions fetched," << m_runInserted << "new";
        if (m_runInserted > 0)
            m_indexer.schedule(m_cache->path());
    } else {
        qCInfo(lcSync) << "sync failed:" << error.userMessage();
        if (error.isOffline()) {
            setOnline(false);
            if (m_active) {
                m_retry.start(m_retryNext * 1000);
                m_retryNext = std::min(m_retryNext * 2, m_retryMax);
            }
        }
        Q_EMIT failed(error);
        if (error.kind == ApiError::Kind::Unauthorized)
            Q_EMIT sessionExpired();
    }
    Q_EMIT progress(m_steps, m_steps, m_runRows);
    Q_EMIT finished(ok);
    if (ok && m_pending && m_active)
        QTimer::singleShot(0, this, &SyncEngine::syncNow);
    m_pending = false;
}

void SyncEngine::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    Q_EMIT onlineChanged(online);
}

} // namespace creditdesk
