#pragma once

#include "core/ApiTypes.h"
#include "store/IdempotencyKeys.h"
#include "store/Sql.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace creditdesk::server {

// A unit of work for the writer: runs inside its own savepoint of the current group transaction and
// answers with a response. Throwing ApiError rolls back just this command and answers the error.
using WriteCommand = std::function<ApiResponse(SqlConnection&)>;

struct StoreStatistics
{
    std::atomic<quint64> groups{0};
    std::atomic<quint64> commands{0};
    std::atomic<quint64> failedGroups{0};
    std::atomic<quint64> replayedGroups{0}; // groups run again command by command after a failure
    // Bumped after every commit of this process (write groups and job chunks beside the writer): an
    // answer read before a bump may be out of date (RouteTable::addCachedRead).
    std::atomic<quint64> changes{0};
};

// Owns every database connection of the process (one owner per resource, CONTRIBUTING.md):
//  - one writer thread with its own connection; concurrent writes are grouped into one transaction
//    (group commit), each command in a savepoint, and every reply is sent only after its group commits;
//  - one reply thread that calls the responders of committed groups, so the writer goes straight on to
//    the next group (responders render answers and hand them to the HTTP threads);
//  - one read connection per calling thread (SQLite WAL readers / PostgreSQL pool members).
class Store
{
public:
    explicit Store(DatabaseUrl url, int maxGroupSize = 512);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const DatabaseUrl& url() const { return m_url; }
    // Applies migrations on a short-lived connection and starts the writer thread.
    void open(qint64 nowMs);
    void stop(); // finishes queued commands, then stops the writer

    // A command that looks up an idempotency key names it, so the writer can look up the keys of a whole
    // group at once (IdempotencyKeys::prefetch).
    void submit(WriteCommand command, Responder responder,
                std::optional<IdempotencyKeys::Key> idempotencyKey = std::nullopt);
    ApiResponse runSync(WriteCommand command); // blocks the caller; for jobs and the CLI
    SqlConnection& reader();                   // the calling thread's read connection
    // Whether the calling thread's read connection opens and answers a trivial query (readiness probe).
    bool isReachable();
    // Long jobs (retention deletions, renewals) in bounded transactions, so requests never wait behind
    // one: runs `chunk(db, limit)` through the writer until it reports fewer than `limit` rows done, at
    // most `maxRounds` times. Each chunk is a background command: it runs in a group of its own, and
    // requests queued when it would start go first (see takeGroup). On PostgreSQL the chunks do not go
    // through the writer at all: they run on a connection of their own, beside it (see runChunksBeside).
    void runInChunks(const std::function<qint64(SqlConnection&, int limit)>& chunk, int limit = 10000,
                     int maxRounds = 100);

    const StoreStatistics& statistics() const { return m_statistics; }
    std::size_t queueDepth();

private:
    struct Pending
    {
        WriteCommand command;
        Responder responder;
        std::optional<IdempotencyKeys::Key> idempotencyKey;
        bool background = false; // a job's chunk (runInChunks)
    };
    using Reply = std::pair<Responder, ApiResponse>;
    void enqueue(Pending pending);
    // Moves the next group from the queue (the caller holds m_mutex): the requests queued, in order, or
    // one background command alone.
    void takeGroup(std::deque<Pending>& group);
    void runGroup(SqlConnection& connection, std::deque<Pending>& group);
    void deliver(std::vector<Reply> replies); // to the reply thread
    void runReplies();
    static bool runOptimistically(SqlConnection& connection, std::deque<Pending>& group,
                                  std::vector<ApiResponse>& responses);
    static ApiResponse runCommand(SqlConnection& connection, const WriteCommand& command);
    void runChunksBeside(const std::function<qint64(SqlConnection&, int limit)>& chunk, int limit,
                         int maxRounds);

    DatabaseUrl m_url;
    int m_maxGroupSize;
    const quint64 m_serial; // tells this store's reader connections from an earlier store's
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    int m_backgroundPassed = 0; // request groups run in a row while a background command waited
    bool m_stopping = false;
    std::thread m_writer;
    std::mutex m_repliesMutex;
    std::condition_variable m_repliesWake;
    std::deque<std::vector<Reply>> m_replies;
    bool m_repliesStopping = false;
    std::thread m_replier;
    StoreStatistics m_statistics;
    std::mutex m_readersMutex;
    std::unordered_map<std::thread::id, std::unique_ptr<SqlConnection>> m_readers;
    std::atomic<int> m_connectionCounter{0};
};

} // namespace creditdesk::server
