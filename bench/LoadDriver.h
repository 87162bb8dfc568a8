#pragma once
// Shared by the benchmarks: keep-alive connections on threads sending requests for a fixed time, with
// throughput and latency percentiles, and the small command-line helper they all use.

#include "HttpClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
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

namespace detail {

// Totals and latency percentiles of the per-thread tallies.
// What one worker of a load counted.
struct Tally
{
    std::vector<float> latencies; // ms per request
    quint64 ok = 0;               // units completed
    quint64 failed = 0;
};

inline LoadResult summarize(double seconds, const std::vector<Tally>& tallies)
{
    LoadResult result;
    result.seconds = seconds;
    std::vector<float> all;
    for (const Tally& tally : tallies) {
        result.ok += tally.ok;
        result.failed += tally.failed;
        all.insert(all.end(), tally.latencies.begin(), tally.latencies.end());
    }
    std::sort(all.begin(), all.end());
    if (!all.empty()) {
        result.p50Ms = all[all.size() / 2];
        result.p99Ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
    }
    return result;
}

// Runs work(worker, tally, stop) on `workers` threads; after `seconds` sets `stop`, waits for them and
// sums up what they counted.
template<typename Work> LoadResult runWorkers(int workers, double seconds, Work work)
{
    std::atomic<bool> stop{false};
    std::vector<Tally> tallies(static_cast<std::size_t>(workers));
    std::vector<std::thread> threads;
    QElapsedTimer wall;
    wall.start();
    for (int w = 0; w < workers; ++w)
        threads.emplace_back([&, w] { work(w, tallies[static_cast<std::size_t>(w)], stop); });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& thread : threads)
        thread.join();
    return summarize(static_cast<double>(wall.nsecsElapsed()) / 1e9, tallies);
}

} // namespace detail

// Runs `connections` threads, each with its own keep-alive connection, calling
// send(client, thread, sequence) until `seconds` have passed. send returns the units it completed
// (0 counts as a failed request).
template<typename Send> LoadResult runLoad(quint16 port, int connections, double seconds, Send send)
{
    return detail::runWorkers(
        connections, seconds, [&](int i, detail::Tally& tally, const std::atomic<bool>& stop) {
            test::HttpClient client("127.0.0.1", port);
            tally.latencies.reserve(200000);
            quint64 sequence = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                const auto started = std::chrono::steady_clock::now();
                const quint64 done = send(client, i, sequence++);
                tally.latencies.push_back(
                    std::chrono::duration<float, std::milli>(std::chrono::steady_clock::now() - started)
                        .count());
                if (done)
                    tally.ok += done;
                else
                    tally.failed++;
            }
        });
}

// The bytes of one HTTP/1.1 request on a keep-alive connection.
inline QByteArray httpRequest(const QByteArray& method, const QByteArray& target, const QByteArray& body,
                              const QByteArray& bearer,
                              const QList<QPair<QByteArray, QByteArray>>& headers = {})
{
    QByteArray message = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    message.reserve(message.size() + body.size() + 256);
    if (!bearer.isEmpty())
        message += "Authorization: Bearer " + bearer + "\r\n";
    for (const auto& [name, value] : headers)
        message += name + ": " + value + "\r\n";
    if (!body.isEmpty())
        message +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    message += "\r\n";
    message += body;
    return message;
}

namespace detail {

// One keep-alive connection of the event-loop driver, with one request in flight at a time.
struct LoopConnection
{
    int fd = -1;
    int index = 0;
    quint64 sequence = 0;
    bool waiting = false; // a request was sent and its response has not arrived
    QByteArray out;
    qsizetype sent = 0;
    QByteArray in;
    std::chrono::steady_clock::time_point started;
};

inline int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// Status and body of the first complete response in `in`, removing it; nullopt while incomplete.
inline std::optional<std::pair<int, QByteArray>> takeResponse(QByteArray& in)
{
    const qsizetype headerEnd = in.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return std::nullopt;
    const QByteArray head = in.left(headerEnd).toLower();
    const qsizetype lengthAt = head.indexOf("\ncontent-length:");
    const qsizetype length = lengthAt < 0
                                 ? 0
                                 : head.mid(lengthAt + 16, head.indexOf('\r', lengthAt + 1) - lengthAt - 16)
                                       .trimmed()
                                       .toLongLong();
    if (in.size() < headerEnd + 4 + length)
        return std::nullopt;
    const int status = head.mid(9, 3).toInt(); // "HTTP/1.1 200"
    QByteArray body = in.mid(headerEnd + 4, length);
    in.remove(0, headerEnd + 4 + length);
    return std::pair{status, std::move(body)};
}

} // namespace detail

// Like runLoad, but the connections are driven by `threads` epoll loops instead of a thread each, so the
// load generator spends far less of the shared cores on context switches. request(connection, sequence)
// gives the bytes of the next request; done(status, body) the units it completed (0: failed).
template<typename Request, typename Done>
LoadResult runEventLoopLoad(quint16 port, int connections, double seconds, Request request, Done done,
                            int threads = 2)
{
    using Clock = std::chrono::steady_clock;
    return detail::runWorkers(
        threads, seconds, [&](int t, detail::Tally& tally, const std::atomic<bool>& stop) {
            tally.latencies.reserve(1 << 20);
            const int loop = ::epoll_create1(0);
            std::vector<detail::LoopConnection> mine; // epoll keeps pointers into it: reserved, never grown
            mine.reserve(static_cast<std::size_t>(connections / threads + 1));
            for (int i = t; i < connections; i += threads) {
                mine.emplace_back();
                mine.back().index = i;
            }
            auto send = [&](detail::LoopConnection& connection) {
                if (connection.fd < 0) { // first request, or the server closed the previous connection
                    connection.fd = detail::connectTo(port);
                    if (connection.fd < 0)
                        return false;
                    epoll_event event{};
                    event.events = EPOLLIN;
                    event.data.ptr = &connection;
                    ::epoll_ctl(loop, EPOLL_CTL_ADD, connection.fd, &event);
                }
                connection.out = request(connection.index, connection.sequence++);
                connection.started = Clock::now();
                connection.waiting = true;
                // Requests are small: the socket buffer takes them whole. A short write is finished here.
                for (qsizetype sent = 0; sent < connection.out.size();) {
                    const ssize_t n = ::send(connection.fd, connection.out.constData() + sent,
                                             static_cast<size_t>(connection.out.size() - sent), MSG_NOSIGNAL);
                    if (n <= 0)
                        return false;
                    sent += n;
                }
                return true;
            };
            auto reset = [&](detail::LoopConnection& connection) {
                ::epoll_ctl(loop, EPOLL_CTL_DEL, connection.fd, nullptr);
                ::close(connection.fd);
                connection.fd = -1;
                connection.in.clear();
                connection.waiting = false;
                tally.failed++;
            };
            // After the stop, responses still due are awaited (not sent again), so every request the
            // server handled is counted, as the thread-per-connection driver does.
            auto waitingAny = [&] {
                return std::any_of(mine.begin(), mine.end(),
                                   [](const auto& connection) { return connection.waiting; });
            };
            for (auto& connection : mine)
                if (!send(connection))
                    tally.failed++;
            epoll_event events[64];
            char chunk[65536];
            while (!stop.load(std::memory_order_relaxed) || waitingAny()) {
                const int ready = ::epoll_wait(loop, events, 64, 50);
                for (int e = 0; e < ready; ++e) {
                    auto& connection = *static_cast<detail::LoopConnection*>(events[e].data.ptr);
                    const ssize_t n = ::recv(connection.fd, chunk, sizeof chunk, 0);
                    if (n <= 0) {
                        reset(connection);
                        if (!stop.load(std::memory_order_relaxed) && !send(connection))
                            tally.failed++;
                        continue;
                    }
                    connection.in.append(chunk, n);
                    while (auto response = detail::takeResponse(connection.in)) {
                        connection.waiting = false;
                        tally.latencies.push_back(
                            std::chrono::duration<float, std::milli>(Clock::now() - connection.started)
                                .count());
                        if (const quint64 units = done(response->first, response->second))
                            tally.ok += units;
                        else
                            tally.failed++;
                        if (!stop.load(std::memory_order_relaxed) && !send(connection))
                            reset(connection);
                    }
                }
            }
            for (auto& connection : mine)
                if (connection.fd >= 0)
                    ::close(connection.fd);
            ::close(loop);
        });
}

// One request of a load, and whether the load generator is a thread per connection or epoll loops.
struct BenchRequest
{
    QByteArray method;
    QByteArray target;
    QByteArray body;
    QByteArray bearer;
    QList<QPair<QByteArray, QByteArray>> headers;
};
enum class LoadGenerator
{
    EventLoops,
    ThreadPerConnection
};

inline LoadGenerator loadGeneratorNamed(const QString& name)
{
    return name == QLatin1String("threads") ? LoadGenerator::ThreadPerConnection : LoadGenerator::EventLoops;
}
inline const char* describe(LoadGenerator generator)
{
    return generator == LoadGenerator::ThreadPerConnection ? "thread per connection" : "2 epoll threads";
}

// Sends make(connection, sequence) on `connections` keep-alive connections for `seconds`; a 200 counts.
// The event loops are the default: a thread per connection costs the shared cores about as much CPU
// per request as the server spends on GET /healthz (what the figures of sessions 1 and 2 used).
template<typename Make>
LoadResult runRequests(LoadGenerator generator, quint16 port, int connections, double seconds, Make make)
{
    if (generator == LoadGenerator::ThreadPerConnection)
        return runLoad(
            port, connections, seconds, [&](test::HttpClient& client, int connection, quint64 n) -> quint64 {
                const BenchRequest request = make(connection, n);
                client.setBearer(request.bearer);
                return client.request(request.method, request.target, request.body, request.headers).status ==
                       200;
            });
    return runEventLoopLoad(
        port, connections, seconds,
        [&](int connection, quint64 n) {
            const BenchRequest request = make(connection, n);
            return httpRequest(request.method, request.target, request.body, request.bearer, request.headers);
        },
        [](int status, const QByteArray&) -> quint64 { return status == 200; });
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

// CPU seconds (user + system) a process has used so far; pid 0 is this process (the load generator).
inline double processCpuSeconds(qint64 pid)
{
    QFile stat(pid ? QStringLiteral("/proc/%1/stat").arg(pid) : QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = stat.readAll().split(' ');
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (fields.value(13).toDouble() + fields.value(14).toDouble()) / ticks;
}

// CPU seconds per thread name of a process (/proc/<pid>/task/*/stat), e.g. the server's cd-writer.
inline QMap<QByteArray, double> threadCpuSeconds(qint64 pid)
{
    QMap<QByteArray, double> seconds;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString& task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(task + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' '); // fields from the 3rd on
        seconds[line.mid(open + 1, close - open - 1)] +=
            (fields.value(11).toDouble() + fields.value(12).toDouble()) / ticks;
    }
    return seconds;
}

// CPU seconds used so far by every process of the given name (e.g. "postgres": the database server's
// backends, which do a PostgreSQL server's share of the work).
inline double processesCpuSeconds(const QByteArray& name)
{
    double seconds = 0;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const QDir proc(QStringLiteral("/proc"));
    for (const QString& pid : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!pid.front().isDigit())
            continue;
        QFile stat(proc.filePath(pid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
        if (line.mid(open + 1, close - open - 1) != name)
            continue;
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        seconds += (fields.value(11).toDouble() + fields.value(12).toDouble()) / ticks;
    }
    return seconds;
}

// One value of the server's Prometheus text (GET /metrics), 0 when absent.
inline double metricValue(const QByteArray& metrics, const QByteArray& name)
{
    const qsizetype at = metrics.indexOf("\n" + name + ' ');
    if (at < 0)
        return 0;
    const qsizetype start = at + name.size() + 2;
    return metrics.mid(start, metrics.indexOf('\n', start) - start).toDouble();
}

inline QString argument(const QStringList& arguments, const QString& name, const QString& fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments[at + 1] : fallback;
}

} // namespace creditdesk::bench
