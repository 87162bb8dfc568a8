#pragma once
// Shared by the benchmarks: keep-alive connections on threads sending requests for a fixed time, with
// throughput and latency percentiles, and the small command-line helper they all use.

#include "HttpClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace creditdesk::bench {

struct LoadResult
{
    quint64 ok = 0; // units done (requests, or events for batches)
    quint64 failed = 0;
    double seconds = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double perSecond() const { return seconds > 0 ? static_cast<double>(ok) / seconds : 0; }
};

// Runs `connections` threads, each with its own keep-alive connection, calling
// send(client, thread, sequence) until `seconds` have passed. send returns the units it completed
// (0 counts as a failed request).
template<typename Send>
LoadResult runLoad(quint16 port, int connections, double seconds, Send send)
{
    std::atomic<bool> stop{false};
    std::vector<std::vector<float>> latencies(static_cast<std::size_t>(connections));
    std::vector<quint64> ok(static_cast<std::size_t>(connections)), failed(static_cast<std::size_t>(connections));
    std::vector<std::thread> threads;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < connections; ++i)
        threads.emplace_back([&, i] {
            test::HttpClient client("127.0.0.1", port);
            auto& mine = latencies[static_cast<std::size_t>(i)];
            mine.reserve(200000);
            quint64 sequence = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                const auto started = std::chrono::steady_clock::now();
                const quint64 done = send(client, i, sequence++);
                mine.push_back(std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - started).count());
                if (done)
                    ok[static_cast<std::size_t>(i)] += done;
                else
                    failed[static_cast<std::size_t>(i)]++;
            }
        });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& thread : threads)
        thread.join();
    LoadResult result;
    result.seconds = static_cast<double>(wall.nsecsElapsed()) / 1e9;
    std::vector<float> all;
    for (std::size_t i = 0; i < latencies.size(); ++i) {
        result.ok += ok[i];
        result.failed += failed[i];
        all.insert(all.end(), latencies[i].begin(), latencies[i].end());
    }
    std::sort(all.begin(), all.end());
    if (!all.empty()) {
        result.p50Ms = all[all.size() / 2];
        result.p99Ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
    }
    return result;
}

inline QJsonObject toJson(const LoadResult& result, const char* unit = "requests")
{
    return QJsonObject{{QString::fromLatin1(unit) + QStringLiteral("_ok"), static_cast<qint64>(result.ok)},
                       {QStringLiteral("requests_failed"), static_cast<qint64>(result.failed)},
                       {QStringLiteral("seconds"), result.seconds},
                       {QStringLiteral("per_second"), qRound(result.perSecond())},
                       {QStringLiteral("p50_ms"), result.p50Ms},
                       {QStringLiteral("p99_ms"), result.p99Ms}};
}

inline QString argument(const QStringList& arguments, const QString& name, const QString& fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments[at + 1] : fallback;
}

} // namespace creditdesk::bench
