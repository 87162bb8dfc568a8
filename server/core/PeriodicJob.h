#pragma once

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
    PeriodicJob(const PeriodicJob&) = delete;
    PeriodicJob& operator=(const PeriodicJob&) = delete;

private:
    std::chrono::milliseconds m_interval;
    std::function<void()> m_work;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace creditdesk::server
