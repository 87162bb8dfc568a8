#include "core/PeriodicJob.h"

#include "core/ThreadName.h"

#include <QtGlobal>

#include <exception>

namespace creditdesk::server {

PeriodicJob::PeriodicJob(std::chrono::milliseconds interval, std::function<void()> work)
    : m_interval(interval), m_work(std::move(work))
{
    m_thread = std::thread([this] {
        nameThisThread("cd-job");
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, m_interval, [this] { return m_stopping; })) {
            lock.unlock();
            // A job that fails this time (its database away, say) tries again at the next interval; it
            // never takes the server down with it.
            try {
                m_work();
            } catch (const std::exception& error) {
                qWarning("background job failed: %s", error.what());
            }
            lock.lock();
        }
    });
}

PeriodicJob::~PeriodicJob()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

} // namespace creditdesk::server
