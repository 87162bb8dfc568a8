#pragma once

#include <QByteArray>

#include <array>
#include <atomic>
#include <chrono>

namespace creditdesk::server {

// Process counters for GET /metrics (Prometheus text format). Lock-free: bumped on every request.
class Metrics
{
public:
    void recordRequest(int status, std::chrono::microseconds duration);
    QByteArray render(const QByteArray& extra) const; // extra: lines owned by other components

private:
    static constexpr std::array<double, 8> kBucketsSeconds{0.0005, 0.001, 0.0025, 0.005,
                                                           0.01,   0.05,  0.25,   1.0};
    std::array<std::atomic<quint64>, 600> m_byStatus{};
    std::array<std::atomic<quint64>, kBucketsSeconds.size() + 1> m_buckets{};
    std::atomic<quint64> m_durationMicros{0};
    std::atomic<quint64> m_count{0};
};

} // namespace creditdesk::server
