#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace creditdesk::server {

// Runs work on its own thread every interval until destroyed (the destructor waits for a run in
// progress). The server's background jobs — grant and hold expiry, usage retention — are these.
class PeriodicJob
{
public:
    PeriodicJob(std::chrono::milliseconds interval, std::function<void()> work);
    ~PeriodicJob();
    // Runs the work soon instead of at the end of the interval: at once when idle, and when a run is
    // under way, `wakeGap` after it ends, so a stream of wakes costs at most one run per gap. Cheap (an
    // atomic flag) and callable from any thread, e.g. after every write that may have made work.
    void wake();
    void setWakeGap(std::chrono::milliseconds gap) { m_wakeGap = gap; } // before the first wake()
    PeriodicJob(const PeriodicJob&) = delete;
    PeriodicJob& operator=(const PeriodicJob&) = delete;

private:
    std::chrono::milliseconds m_interval;
    std::function<void()> m_work;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::atomic<bool> m_woken{false};
    std::chrono::milliseconds m_wakeGap{200};
    std::thread m_thread;
};

} // namespace creditdesk::server
