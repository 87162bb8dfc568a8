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
        for (;;) {
            m_wake.wait_for(lock, m_interval, [this] { return m_stopping || m_woken.load(); });
            if (m_stopping)
                break;
            m_woken = false;
            lock.unlock();
            // A job that fails this time (its database away, say) tries again at the next interval; it
            // never takes the server down with it.
            try {
                m_work();
            } catch (const std::exception& error) {
                qWarning("background job failed: %s", error.what());
            }
            lock.lock();
            if (m_woken) // woken while running: the next run after the gap, not back to back
                m_wake.wait_for(lock, m_wakeGap, [this] { return m_stopping; });
        }
    });
}

void PeriodicJob::wake()
{
    if (m_woken.exchange(true))
        return; // already due to run
    {
        std::lock_guard lock(m_mutex); // the thread checks the flag under the lock: no lost wake-up
    }
    m_wake.notify_all();
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
