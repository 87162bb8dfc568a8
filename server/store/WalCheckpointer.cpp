#include "store/WalCheckpointer.h"

#include "core/ThreadName.h"

#include <QtGlobal>

#include <sqlite3.h>

namespace creditdesk::server {

WalCheckpointer::WalCheckpointer(QString databasePath) : m_path(std::move(databasePath))
{
    m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void WalCheckpointer::attach(sqlite3* writer)
{
    sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, this); // replaces wal_autocheckpoint's hook
}

int WalCheckpointer::onCommit(void* self, sqlite3* writer, const char* database, int pages)
{
    auto* checkpointer = static_cast<WalCheckpointer*>(self);
    if (pages >= kWriterPages) {
        sqlite3_wal_checkpoint_v2(writer, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kBackgroundPages) {
        {
            std::lock_guard lock(checkpointer->m_mutex);
            checkpointer->m_due = true;
        }
        checkpointer->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    // Started from the writer's thread, it would carry the name cd-writer, and the writer's CPU figures
    // (bench_metering's writer_thread_cpu_us_per_event) would include the copying.
    nameThisThread("cd-checkpoint");
    sqlite3* connection = nullptr;
    bool opened = false;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_due || m_stopping; });
        if (m_stopping)
            break;
        m_due = false;
        lock.unlock();
        if (!opened) {
            // Opened at the first checkpoint, when the writer has created the file. A checkpoint on a
            // connection that has not read the database does nothing (it does not know the file is in WAL
            // mode yet): reading the schema version opens it.
            opened = true;
            if (sqlite3_open_v2(m_path.toUtf8().constData(), &connection, SQLITE_OPEN_READWRITE, nullptr) !=
                    SQLITE_OK ||
                sqlite3_exec(connection, "PRAGMA schema_version", nullptr, nullptr, nullptr) != SQLITE_OK) {
                // The writer then checkpoints itself at kWriterPages: slower requests, never an unbounded
                // log.
                qWarning("checkpoint connection: %s; the writer checkpoints itself",
                         sqlite3_errmsg(connection));
                sqlite3_close(connection);
                connection = nullptr;
            }
        }
        if (connection)
            sqlite3_wal_checkpoint_v2(connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
    }
    lock.unlock();
    sqlite3_close(connection);
}

} // namespace creditdesk::server
