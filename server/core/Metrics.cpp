#include "core/Metrics.h"

namespace creditdesk::server {

void Metrics::recordRequest(int status, std::chrono::microseconds duration)
{
    if (status >= 100 && status < 600)
        m_byStatus[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
    std::size_t bucket = 0;
    while (bucket < kBucketsSeconds.size() &&
           static_cast<double>(duration.count()) > kBucketsSeconds[bucket] * 1e6)
        ++bucket;
    m_buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    m_durationMicros.fetch_add(static_cast<quint64>(duration.count()), std::memory_order_relaxed);
    m_count.fetch_add(1, std::memory_order_relaxed);
}

QByteArray Metrics::render(const QByteArray& extra) const
{
    QByteArray out;
    out += "# HELP creditdesk_http_requests_total HTTP requests answered, by status code.\n"
           "# TYPE creditdesk_http_requests_total counter\n";
    for (std::size_t status = 100; status < m_byStatus.size(); ++status) {
        const quint64 count = m_byStatus[status].load(std::memory_order_relaxed);
        if (count)
            out += "creditdesk_http_requests_total{status=\"" + QByteArray::number(static_cast<int>(status)) +
                   "\"} " + QByteArray::number(count) + '\n';
    }
    out += "# HELP creditdesk_http_request_duration_seconds Time from a parsed request to its response.\n"
           "# TYPE creditdesk_http_request_duration_seconds histogram\n";
    quint64 cumulative = 0;
    for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
        cumulative += m_buckets[i].load(std::memory_order_relaxed);
        out += "creditdesk_http_request_duration_seconds_bucket{le=\"" +
               QByteArray::number(kBucketsSeconds[i]) + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    cumulative += m_buckets[kBucketsSeconds.size()].load(std::memory_order_relaxed);
    out += "creditdesk_http_request_duration_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(cumulative) +
           '\n';
    out += "creditdesk_http_request_duration_seconds_sum " +
           QByteArray::number(static_cast<double>(m_durationMicros.load()) / 1e6) + '\n';
    out += "creditdesk_http_request_duration_seconds_count " + QByteArray::number(m_count.load()) + '\n';
    out += extra;
    return out;
}

} // namespace creditdesk::server
