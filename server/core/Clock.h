#pragma once

#include <QDateTime>

#include <atomic>

namespace creditdesk::server {

// The server's one source of "now" (docs/design.md §5 "Time and jobs"). Normally the system clock;
// CREDITDESK_CLOCK_OFFSET_SECONDS shifts it (expiry drills against a real process). A test clock
// (`serve --test-clock`) stands still at the time it was started and moves only when a platform
// administrator advances it (POST /api/v1/admin/test-clock, api/TestClockRoutes.cpp), never backwards.
class Clock
{
public:
    explicit Clock(qint64 offsetMs = 0) : m_offsetMs(offsetMs) {}
    static Clock testClock(qint64 startMs)
    {
        Clock clock;
        clock.m_frozenMs.store(startMs);
        return clock;
    }
    Clock(const Clock& other) : m_offsetMs(other.m_offsetMs), m_frozenMs(other.m_frozenMs.load()) {}

    qint64 nowMs() const
    {
        const qint64 frozen = m_frozenMs.load(std::memory_order_relaxed);
        return frozen >= 0 ? frozen : QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
    }
    bool isTestClock() const { return m_frozenMs.load() >= 0; }
    // Moves a test clock forward (callers serialize moves and check the direction).
    void setTestTime(qint64 atMs) const { m_frozenMs.store(atMs); }

private:
    qint64 m_offsetMs = 0;
    // The test clock's time, or -1 for the system clock. Mutable so the context's shared const clock
    // can be moved by the one route that may.
    mutable std::atomic<qint64> m_frozenMs{-1};
};

} // namespace creditdesk::server
