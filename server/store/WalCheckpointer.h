#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace creditdesk::server {

// Copies SQLite's write-ahead log into the database file on a thread and connection of its own, so the
// writer does not stop for checkpoints.
//
// By default the commit that grows the log past wal_autocheckpoint pages runs the checkpoint itself, on
// the writer: tens of milliseconds of copying and syncing during which every queued request waits. Under
// steady writing (a renewal run writes ~50 pages a chunk) that made one request in twenty wait behind a
// checkpoint. A passive checkpoint from another connection needs no write lock: the writer appends to the
// log while it runs, and SQLite starts the log over at the next write once everything was copied.
//
// attach() replaces the writer connection's automatic checkpoint with a hook that wakes this thread
// once the log holds kBackgroundPages. If the log still grows to kWriterPages (the copy cannot keep up,
// or old read snapshots keep it from finishing), the writer checkpoints itself as before, so the log
// stays bounded.
class WalCheckpointer
{
public:
    explicit WalCheckpointer(QString databasePath);
    ~WalCheckpointer(); // stops the thread; a last checkpoint happens when the connections close
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    void attach(sqlite3* writer); // on the writer's thread, before its first write

    // As many pages as wal_autocheckpoint had (store/Sql.cpp): pages written by many commits are copied once.
    static constexpr int kBackgroundPages = 10000;
    static constexpr int kWriterPages = 40000;

private:
    static int onCommit(void* self, sqlite3* writer, const char* database, int pages);
    void run();

    const QString m_path;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace creditdesk::server
