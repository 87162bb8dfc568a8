#pragma once

#include <QDateTime>

namespace creditdesk::server {

// Injectable time source. The server uses wall-clock milliseconds; CREDITDESK_CLOCK_OFFSET_SECONDS
// shifts it (for expiry drills and tests against a real process), never used in production.
class Clock
{
public:
    explicit Clock(qint64 offsetMs = 0) : m_offsetMs(offsetMs) {}
    qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch() + m_offsetMs; }

private:
    qint64 m_offsetMs;
};

} // namespace creditdesk::server
