#include "store/Store.h"

#include "core/ApiError.h"
#include "core/Json.h"
#include "core/ThreadName.h"
#include "store/Migrations.h"
#include "store/WalCheckpointer.h"

#include <QDebug>

#include <algorithm>
#include <future>
#include <sqlite3.h>

namespace creditdesk::server {

namespace {
std::atomic<quint64> g_storeSerials{0};
}

Store::Store(DatabaseUrl url, int maxGroupSize)
    : m_url(std::move(url)), m_maxGroupSize(maxGroupSize), m_serial(++g_storeSerials)
{
}

Store::~Store()
{
    stop();
    std::lock_guard lock(m_readersMutex);
    m_readers.clear();
}

void Store::open(qint64 nowMs)
{
    {
        SqlConnection migrator(m_url, QStringLiteral("creditdesk-migrate-%1").arg(m_connectionCounter++));
        applyMigrations(migrator, nowMs);
    }
    m_replier = std::thread([this] { runReplies(); });
    // Open the writer connection here so a bad URL fails at start-up, not on the first write.
    auto writerConnection = std::make_shared<std::promise<void>>();
    auto ready = writerConnection->get_future();
    m_writer = std::thread([this, writerConnection] {
        nameThisThread("cd-writer");
        std::unique_ptr<WalCheckpointer> checkpointer; // outlives the connection whose hook points at it
        std::unique_ptr<SqlConnection> connection;
        try {
            connection = std::make_unique<SqlConnection>(m_url, QStringLiteral("creditdesk-writer"));
            if (const QVariant handle = connection->nativeHandle();
                m_url.dialect == Dialect::Sqlite && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
                checkpointer = std::make_unique<WalCheckpointer>(m_url.path);
                checkpointer->attach(*static_cast<sqlite3* const*>(handle.data()));
            }
        } catch (...) {
            writerConnection->set_exception(std::current_exception());
            return;
        }
        writerConnection->set_value();
        std::deque<Pending> group;
        while (true) {
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
                if (m_queue.empty() && m_stopping)
                    break;
                takeGroup(group);
            }
            runGroup(*connection, group);
            group.clear();
        }
    });
    ready.get();
}

void Store::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_writer.joinable())
        m_writer.join();
    // The writer has answered everything it took; the reply thread delivers the last replies and ends.
    {
        std::lock_guard lock(m_repliesMutex);
        m_repliesStopping = true;
    }
    m_repliesWake.notify_all();
    if (m_replier.joinable())
        m_replier.join();
}

void Store::deliver(std::vector<Reply> replies)
{
    bool wasIdle;
    {
        std::lock_guard lock(m_repliesMutex);
        wasIdle = m_replies.empty();
        m_replies.push_back(std::move(replies));
    }
    if (wasIdle) // otherwise the reply thread is busy and takes these next
        m_repliesWake.notify_one();
}

void Store::runReplies()
{
    nameThisThread("cd-reply");
    std::unique_lock lock(m_repliesMutex);
    while (true) {
        m_repliesWake.wait(lock, [this] { return m_repliesStopping || !m_replies.empty(); });
        if (m_replies.empty())
            return; // stopping, and everything delivered
        std::vector<Reply> replies = std::move(m_replies.front());
        m_replies.pop_front();
        lock.unlock();
        for (auto& [responder, response] : replies)
            responder(std::move(response));
        replies.clear(); // the responders' captures are released outside the lock
        lock.lock();
    }
}

void Store::submit(WriteCommand command, Responder responder,
                   std::optional<IdempotencyKeys::Key> idempotencyKey)
{
    enqueue(Pending{std::move(command), std::move(responder), std::move(idempotencyKey)});
}

void Store::enqueue(Pending pending)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            pending.responder(
                errorResponse(QStringLiteral("shutting_down"), QStringLiteral("The server is stopping")));
            return;
        }
        m_queue.push_back(std::move(pending));
    }
    m_wake.notify_one();
}

void Store::takeGroup(std::deque<Pending>& group)
{
    // A request that comes while a background command runs waits for it (a few milliseconds: chunks are
    // sized for that), but never for a second one: a background command runs alone, so no request
    // shares its group and waits for its commit, and requests already queued when it would start run
    // first. A busy server still runs its jobs: requests pass a waiting background command at most
    // kMaxPassed times in a row.
    constexpr int kMaxPassed = 4;
    const auto background = std::find_if(m_queue.begin(), m_queue.end(),
                                         [](const Pending& pending) { return pending.background; });
    const bool requestsWaiting = std::any_of(m_queue.begin(), m_queue.end(),
                                             [](const Pending& pending) { return !pending.background; });
    if (background != m_queue.end() && (!requestsWaiting || m_backgroundPassed >= kMaxPassed)) {
        group.push_back(std::move(*background));
        m_queue.erase(background);
        m_backgroundPassed = 0;
        return;
    }
    if (background != m_queue.end())
        ++m_backgroundPassed;
    for (auto it = m_queue.begin(); it != m_queue.end() && static_cast<int>(group.size()) < m_maxGroupSize;) {
        if (it->background) {
            ++it;
            continue;
        }
        group.push_back(std::move(*it));
        it = m_queue.erase(it);
    }
}

ApiResponse Store::runSync(WriteCommand command)
{
    auto promise = std::make_shared<std::promise<ApiResponse>>();
    auto future = promise->get_future();
    submit(std::move(command), [promise](ApiResponse response) { promise->set_value(std::move(response)); });
    return future.get();
}

void Store::runInChunks(const std::function<qint64(SqlConnection&, int)>& chunk, int limit, int maxRounds)
{
    if (m_url.dialect == Dialect::Postgres) {
        runChunksBeside(chunk, limit, maxRounds);
        return;
    }
    for (int round = 0; round < maxRounds; ++round) {
        qint64 done = 0;
        auto finished = std::make_shared<std::promise<void>>();
        auto future = finished->get_future();
        enqueue(Pending{[&chunk, &done, limit](SqlConnection& db) {
                            done = chunk(db, limit);
                            return ApiResponse{};
                        },
                        [finished](ApiResponse) { finished->set_value(); }, std::nullopt, true});
        future.get();
        if (done < limit)
            return;
    }
}

// PostgreSQL takes concurrent writers (several server processes share a database, docs/operations.md):
// every write locks the rows it changes, and a job's chunk is safe beside the writer exactly as beside
// another process's. Through the writer, requests queued behind a chunk waited for all of it (a renewal
// chunk holds ~8 ms of database work); beside it they wait only where they touch the same rows. The job
// gives way: it waits at most lock_timeout for a row, so the writer never waits on a chunk that waits on
// the writer (a deadlock PostgreSQL would break only after a second, perhaps by failing a request group);
// a chunk that timed out or lost a deadlock is rolled back and run again.
void Store::runChunksBeside(const std::function<qint64(SqlConnection&, int)>& chunk, int limit, int maxRounds)
{
    constexpr int kAttempts = 20;
    // A connection for this run only: jobs run every --jobs-interval-ms, and an idle server keeps no
    // descriptor (or database backend) open for them. One that cannot be had (the database away, the
    // process out of descriptors) skips this run, as a failed chunk does; the next run tries again.
    std::unique_ptr<SqlConnection> connection;
    try {
        connection = std::make_unique<SqlConnection>(
            m_url, QStringLiteral("creditdesk-job-%1").arg(m_connectionCounter++));
        connection->executeDirect(QStringLiteral("SET lock_timeout = '100ms'"));
    } catch (const std::exception& error) {
        qWarning("job connection failed: %s", error.what());
        return;
    }
    SqlConnection& db = *connection;
    for (int round = 0; round < maxRounds; ++round) {
        qint64 done = 0;
        for (int attempt = 1;; ++attempt) {
            try {
                db.begin();
                done = chunk(db, limit);
                db.commit();
                m_statistics.changes.fetch_add(1);
                break;
            } catch (const std::exception& error) {
                try {
                    db.rollback();
                } catch (const std::exception&) {
                }
                const auto* sqlError = dynamic_cast<const SqlError*>(&error);
                if (sqlError && sqlError->isRetryable() && attempt < kAttempts)
                    continue;
                // As a chunk through the writer: logged, and the job's next run tries again.
                qWarning("job chunk failed: %s", error.what());
                return;
            }
        }
        if (done < limit)
            return;
    }
}

std::size_t Store::queueDepth()
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

SqlConnection& Store::reader()
{
    // Fast path without the lock: each thread remembers its connection for this store. Stores are told
    // apart by a serial number, not their address: a new store may be allocated where an old one was.
    thread_local quint64 cachedOwner = 0;
    thread_local SqlConnection* cachedConnection = nullptr;
    if (cachedOwner == m_serial && cachedConnection)
        return *cachedConnection;
    std::lock_guard lock(m_readersMutex);
    auto& slot = m_readers[std::this_thread::get_id()];
    if (!slot)
        slot = std::make_unique<SqlConnection>(
            m_url, QStringLiteral("creditdesk-reader-%1").arg(m_connectionCounter++));
    cachedOwner = m_serial;
    cachedConnection = slot.get();
    return *slot;
}

bool Store::isReachable()
{
    try {
        reader().row(QStringLiteral("SELECT 1"));
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

ApiResponse Store::runCommand(SqlConnection& connection, const WriteCommand& command)
{
    connection.savepoint();
    // One retry on a unique violation: on PostgreSQL another server process may have committed the same
    // idempotency key while we waited on its row lock; the rerun then sees that row and replays it.
    for (int attempt = 0;; ++attempt) {
        try {
            ApiResponse response = command(connection);
            connection.releaseSavepoint();
            return response;
        } catch (const ApiError& error) {
            connection.rollbackToSavepoint();
            connection.releaseSavepoint();
            return errorResponse(error);
        } catch (const SqlError& error) {
            connection.rollbackToSavepoint();
            if (error.isUniqueViolation() && attempt == 0)
                continue;
            connection.releaseSavepoint();
            qWarning("write command failed: %s", error.what());
            if (error.isUniqueViolation())
                return errorResponse(QStringLiteral("conflict"),
                                     QStringLiteral("The resource already exists"));
            if (error.isRetryable()) // nothing of this command was applied; the client's retry is safe
                return errorResponse(
                    ApiError(QStringLiteral("retry"),
                             QStringLiteral("A concurrent update got in the way; send the request again"),
                             QJsonObject{{QStringLiteral("retry_after_seconds"), 1}}));
            return errorResponse(QStringLiteral("internal_error"), QStringLiteral("The write failed"));
        }
    }
}

bool Store::runOptimistically(SqlConnection& connection, std::deque<Pending>& group,
                              std::vector<ApiResponse>& responses)
{
    // Fast path: no savepoints. A command refused before it wrote anything (the usual case: a 402 or
    // a 409 decided on reads) leaves nothing to undo. Savepoints are not free (SQLite copies every page
    // a command touches into a sub-journal; PostgreSQL needs two more round trips per command).
    // The group's idempotency keys are looked up at once (PostgreSQL; SQLite looks each up itself).
    std::vector<IdempotencyKeys::Key> keys;
    for (const Pending& pending : group)
        if (pending.idempotencyKey)
            keys.push_back(*pending.idempotencyKey);
    try {
        connection.buffer<IdempotencyKeys>().prefetch(connection, keys);
    } catch (const SqlError&) {
        return false;
    }
    const SqlConnection::DeferredChecks deferred(connection);
    for (Pending& pending : group) {
        const quint64 writesBefore = connection.writeCount();
        try {
            responses.push_back(pending.command(connection));
        } catch (const ApiError& error) {
            if (connection.writeCount() != writesBefore)
                return false; // refused after writing: undo needs the careful path
            responses.push_back(errorResponse(error));
        } catch (const SqlError&) {
            return false; // PostgreSQL has aborted the transaction; SQLite may have half a statement
        }
    }
    // Commands may leave writes in the connection's buffers; they are flushed here, so a failing flush
    // also sends the group down the careful path.
    try {
        connection.flushBuffers();
    } catch (const SqlError&) {
        return false;
    }
    return true;
}

void Store::runGroup(SqlConnection& connection, std::deque<Pending>& group)
{
    std::vector<ApiResponse> responses;
    responses.reserve(group.size());
    try {
        connection.begin();
        if (!runOptimistically(connection, group, responses)) {
            // Start the group over with a savepoint around each command, so one failing command never
            // fails its neighbours. Commands are pure functions of the database and their request, so
            // running them again gives each the answer it would have had alone.
            connection.rollback();
            m_statistics.replayedGroups.fetch_add(1);
            responses.clear();
            connection.begin();
            for (Pending& pending : group)
                responses.push_back(runCommand(connection, pending.command));
        }
        connection.commit();
        m_statistics.changes.fetch_add(1);
        m_statistics.groups.fetch_add(1);
        m_statistics.commands.fetch_add(group.size());
    } catch (const std::exception& error) {
        // The group did not commit (disk full, connection lost): nothing of it is durable, so nothing
        // may be acknowledged. Clients retry with their idempotency keys.
        qWarning("write group of %zu failed: %s", group.size(), error.what());
        try {
            connection.rollback();
        } catch (const std::exception&) {
        }
        m_statistics.failedGroups.fetch_add(1);
        responses.assign(group.size(),
                         errorResponse(QStringLiteral("store_unavailable"),
                                       QStringLiteral("The database is unavailable; retry the request")));
    }
    std::vector<Reply> replies;
    replies.reserve(group.size());
    for (std::size_t i = 0; i < group.size(); ++i)
        replies.emplace_back(std::move(group[i].responder), std::move(responses[i]));
    deliver(std::move(replies));
}

} // namespace creditdesk::server
