#pragma once

#include "core/Clock.h"
#include "store/Store.h"

#include <functional>
#include <mutex>
#include <vector>

namespace creditdesk::server {

// The server's time-driven work (docs/design.md §5 "Time and jobs"): grant and hold expiry, plan
// renewals and daily refreshes. Each unit of work is idempotent by its own key (an account and period,
// an account and day), so running the jobs twice, or in two server processes, does the work once.
class BillingJobs
{
public:
    BillingJobs(Store& store, const Clock& clock) : m_store(store), m_clock(clock) {}

    // Everything due at the clock's current time; run by the jobs thread.
    void runDue();
    // Test clock: moves the clock to `targetMs`, stopping at every renewal instant on the way so each
    // period renews at its own time, and runs what falls due at each stop. Returns false (and moves
    // nothing) when another move is under way (409 clock_busy); a periodic run under way is waited for.
    bool advanceTestClock(qint64 targetMs);
    // Further due work run after the billing work at every run and every test-clock stop (e.g. alerts on
    // expiring credits, notification deliveries and their retries). Add before the jobs start.
    void addDueWork(std::function<void(qint64 nowMs)> work) { m_dueWork.push_back(std::move(work)); }

private:
    void runAt(qint64 nowMs);

    Store& m_store;
    const Clock& m_clock;
    std::mutex m_running; // one run at a time: the periodic job and test clock moves never overlap
    std::mutex m_moving;  // one test clock move at a time
    std::vector<std::function<void(qint64)>> m_dueWork;
};

} // namespace creditdesk::server
