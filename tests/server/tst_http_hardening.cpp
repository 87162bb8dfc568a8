// The HTTP front end under hostile framing and exhaustion: request smuggling through Transfer-Encoding
// (RFC 9112 §6.3), request ids on the answers the front end gives itself (400, 413, 431), and the
// connection cap with shedding of idle connections, also when the process runs out of file descriptors.
// Requests are raw bytes on POSIX sockets, so nothing between the test and the server fixes them up.
#include "TestServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace creditdesk::test;

namespace {

// One TCP connection to the server, closed on destruction.
class RawConnection
{
public:
    explicit RawConnection(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~RawConnection()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool isConnected() const { return m_fd >= 0; }

    bool send(const QByteArray& bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent, static_cast<size_t>(bytes.size() - sent),
                                     MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }

    // Everything the server sends until it closes the connection or the time is up; closed() tells which.
    QByteArray readUntilClosed(int timeoutMs)
    {
        QByteArray data;
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_closed && !deadline.hasExpired()) {
            if (!waitReadable(static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
                break;
            data += readAvailable();
        }
        return data;
    }

    // Reads until one whole response (by Content-Length) has arrived, the connection closes or the time is
    // up.
    QByteArray readOneResponse(int timeoutMs)
    {
        QByteArray data;
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_closed && !deadline.hasExpired()) {
            const qsizetype end = data.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QRegularExpressionMatch length =
                    QRegularExpression(QStringLiteral("(?i)\r\ncontent-length: *([0-9]+)"))
                        .match(QString::fromLatin1(data.left(end)));
                if (length.hasMatch() && data.size() >= end + 4 + length.captured(1).toLongLong())
                    break;
            }
            if (!waitReadable(static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
                break;
            data += readAvailable();
        }
        return data;
    }

    // Waits up to timeoutMs for the server to send something or close; false when nothing happened.
    bool waitReadable(int timeoutMs)
    {
        pollfd entry{m_fd, POLLIN, 0};
        return ::poll(&entry, 1, timeoutMs) > 0;
    }

    bool closed() const { return m_closed; }

private:
    QByteArray readAvailable()
    {
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0)
            return QByteArray(chunk, n);
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            m_closed = true; // end of stream, or reset
        return {};
    }

    int m_fd = -1;
    bool m_closed = false;
};

struct RawResponse
{
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QString errorCode() const
    {
        return QJsonDocument::fromJson(body).object().value("error").toObject().value("code").toString();
    }
};

// Splits a byte stream into the HTTP/1.1 responses it holds (each framed by Content-Length).
QList<RawResponse> parseResponses(QByteArray data)
{
    QList<RawResponse> responses;
    while (!data.isEmpty()) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        const QList<QByteArray> lines = data.left(end).split('\n');
        RawResponse response;
        response.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                response.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                        lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = response.headers.value("content-length").toLongLong();
        response.body = data.mid(end + 4, length);
        data = data.mid(end + 4 + length);
        responses.append(response);
    }
    return responses;
}

bool isGeneratedOrEchoedId(const QByteArray& id)
{
    return QRegularExpression(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"))
        .match(QString::fromLatin1(id))
        .hasMatch();
}

// CPU time the process has used so far, in clock ticks (utime + stime of /proc/<pid>/stat).
qint64 cpuTicks(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // Fields after the command name (which is in parentheses): state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong();
}

// A server with its admin signed in, or nothing when it did not start (e.g. an option it does not know).
// wrapper: CREDITDESK_SERVER_WRAPPER for this server, e.g. to lower its limits.
std::unique_ptr<Fixture> startServer(const QStringList& arguments = {}, const QByteArray& wrapper = {})
{
    if (!wrapper.isEmpty())
        qputenv("CREDITDESK_SERVER_WRAPPER", wrapper);
    std::unique_ptr<Fixture> fixture;
    try {
        fixture = std::make_unique<Fixture>(arguments);
    } catch (const std::exception& error) {
        qWarning("%s", error.what());
    }
    if (!wrapper.isEmpty())
        qunsetenv("CREDITDESK_SERVER_WRAPPER");
    return fixture;
}

const QByteArray kSmuggled = "GET /api/v1/me HTTP/1.1\r\nHost: t\r\n\r\n";

} // namespace

class TestHttpHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A request whose body length is ambiguous gets one 400 and a closed connection; what follows the
    // header is never run as a request of its own.
    void smugglingIsRefused_data()
    {
        QTest::addColumn<QByteArray>("framing");
        const QByteArray length = "Content-Length: " + QByteArray::number(kSmuggled.size()) + "\r\n";
        QTest::newRow("gzip") << QByteArray("Transfer-Encoding: gzip\r\n");
        QTest::newRow("xchunked") << QByteArray("Transfer-Encoding: xchunked\r\n");
        QTest::newRow("chunked, identity") << QByteArray("Transfer-Encoding: chunked, identity\r\n");
        QTest::newRow("chunked, chunked") << QByteArray("Transfer-Encoding: chunked, chunked\r\n");
        QTest::newRow("chunked in two fields")
            << QByteArray("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n");
        QTest::newRow("empty coding list") << QByteArray("Transfer-Encoding: ,\r\n");
        QTest::newRow("gzip after Content-Length") << length + "Transfer-Encoding: gzip\r\n";
        QTest::newRow("Content-Length after gzip") << "Transfer-Encoding: gzip\r\n" + length;
        QTest::newRow("Content-Length after chunked") << "Transfer-Encoding: chunked\r\n" + length;
    }
    void smugglingIsRefused()
    {
        QFETCH(QByteArray, framing);
        Fixture f;
        RawConnection connection(f.server->port());
        QVERIFY(connection.isConnected());
        QVERIFY(connection.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nX-Request-ID: smuggle-1\r\n"
                                "Authorization: Bearer " +
                                f.adminToken + "\r\n" + framing + "\r\n" + kSmuggled));
        const QList<RawResponse> responses = parseResponses(connection.readUntilClosed(10000));
        QVERIFY2(connection.closed(), "the server must close the connection");
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0].status, 400);
        QCOMPARE(responses[0].errorCode(), QStringLiteral("bad_request"));
        QVERIFY(!QJsonDocument::fromJson(responses[0].body)["error"]["message"].toString().isEmpty());
        QCOMPARE(responses[0].headers.value("connection").toLower(), QByteArray("close"));
        QCOMPARE(responses[0].headers.value("x-request-id"), QByteArray("smuggle-1"));
    }

    // The same as HTTP/1.0, where Transfer-Encoding is not defined at all.
    void transferEncodingInHttp10IsRefused()
    {
        Fixture f;
        RawConnection connection(f.server->port());
        QVERIFY(connection.send("POST /api/v1/auth/login HTTP/1.0\r\nHost: t\r\nConnection: keep-alive\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
                                kSmuggled));
        const QList<RawResponse> responses = parseResponses(connection.readUntilClosed(10000));
        QVERIFY(connection.closed());
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0].status, 400);
        QCOMPARE(responses[0].errorCode(), QStringLiteral("bad_request"));
    }

    // Plain chunked bodies still work, and the connection stays usable for the next request.
    void chunkedBodyStillWorks()
    {
        Fixture f;
        RawConnection connection(f.server->port());
        const QByteArray body = R"({"email": "admin@example.com", "password": "password-admin@example.com"})";
        const QByteArray first = body.left(10);
        const QByteArray rest = body.mid(10);
        QVERIFY(connection.send(
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n" +
            QByteArray::number(first.size(), 16) + "\r\n" + first + "\r\n" +
            QByteArray::number(rest.size(), 16) + "\r\n" + rest + "\r\n0\r\n\r\n"));
        QList<RawResponse> responses = parseResponses(connection.readOneResponse(10000));
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0].status, 200);
        const QByteArray token = QJsonDocument::fromJson(responses[0].body)["token"].toString().toLatin1();
        QVERIFY(!token.isEmpty());
        QVERIFY(connection.send("GET /api/v1/me HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token +
                                "\r\n\r\n"));
        responses = parseResponses(connection.readOneResponse(10000));
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses[0].status, 200);
        QVERIFY(!connection.closed());
    }

    // Every answer carries X-Request-ID, those to unparsable requests too, and the access log has it.
    void requestIdOnEveryAnswer()
    {
        QTemporaryDir dir;
        const QString logPath = dir.filePath(QStringLiteral("access.log"));
        Fixture f({QStringLiteral("--access-log"), logPath});
        struct Case
        {
            const char* name;
            QByteArray request;
            int status;
            const char* code;
            QByteArray clientId; // echoed when set
        };
        const QList<Case> cases{
            {"413",
             "POST /api/v1/organizations HTTP/1.1\r\nHost: t\r\nContent-Length: 104857600\r\n\r\n",
             413,
             "payload_too_large",
             {}},
            {"413 with the client's id",
             "POST /api/v1/organizations HTTP/1.1\r\nHost: t\r\nX-Request-ID: big-body-7\r\nContent-Length: "
             "104857600\r\n\r\n",
             413, "payload_too_large", "big-body-7"},
            {"431",
             "GET /api/v1/me HTTP/1.1\r\nHost: t\r\nX-Padding: " + QByteArray(17 * 1024, 'p') + "\r\n\r\n",
             431,
             "headers_too_large",
             {}},
            {"garbage", "HELLO WORLD\r\n\r\n", 400, "bad_request", {}},
            {"bad chunk size",
             "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
             400,
             "bad_request",
             {}},
            {"unusable client id",
             "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nX-Request-ID: a b\r\nTransfer-Encoding: "
             "gzip\r\n\r\n",
             400,
             "bad_request",
             {}},
            {"normal request", "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 200, "", {}},
        };
        QList<QPair<QByteArray, int>> logged;
        for (const Case& c : cases) {
            RawConnection connection(f.server->port());
            QVERIFY(connection.send(c.request));
            const QList<RawResponse> responses = parseResponses(connection.readUntilClosed(10000));
            QVERIFY2(responses.size() == 1, c.name);
            QVERIFY2(responses[0].status == c.status, c.name);
            QVERIFY2(responses[0].errorCode() == QLatin1String(c.code), c.name);
            const QByteArray id = responses[0].headers.value("x-request-id");
            QVERIFY2(isGeneratedOrEchoedId(id), c.name);
            if (!c.clientId.isEmpty())
                QCOMPARE(id, c.clientId);
            for (const auto& [previous, status] : logged)
                QVERIFY2(previous != id, c.name); // generated ids are unique
            logged.append({id, c.status});
        }
        f.server->stop(); // the access log is complete once the server has exited
        QFile file(logPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const auto& [id, status] : logged) {
            // time, request id, client address, method, path, status, bytes, duration
            const auto line = std::find_if(lines.begin(), lines.end(),
                                           [&](const QByteArray& l) { return l.split(' ').value(1) == id; });
            QVERIFY2(line != lines.end(), "request id " + id + " is not in the access log");
            QCOMPARE(line->split(' ').value(5).toInt(), status);
        }
    }

    // At the cap, a new connection takes the place of the one idle the longest; a connection in the middle
    // of a request is never closed, and /healthz still gets through.
    void capShedsOldestIdle()
    {
        const auto f = startServer({QStringLiteral("--max-connections"), QStringLiteral("20")});
        QVERIFY(f);
        const quint16 port = f->server->port();
        // The oldest connection, but with a request under way: the server must not close it.
        RawConnection busy(port);
        QVERIFY(busy.send("GET /healthz HTTP/1.1\r\nHost: t\r\n"));
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 24; ++i) { // 1 + 24 = 5 over the cap
            idle.push_back(std::make_unique<RawConnection>(port));
            QVERIFY(idle.back()->isConnected());
        }
        {
            RawConnection health(port); // one more over the cap
            QVERIFY(health.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
            const QList<RawResponse> responses = parseResponses(health.readUntilClosed(10000));
            QCOMPARE(responses.size(), 1);
            QCOMPARE(responses[0].status, 200);
        }
        // The ones idle the longest were closed by the server: six, give or take the fixture's own sign-in
        // connection, which the server may or may not have seen close yet (it counts while open). Whatever
        // the number, it is the oldest ones, and every later one stays open.
        for (int i = 0; i < 5; ++i) {
            idle[static_cast<std::size_t>(i)]->readUntilClosed(10000);
            QVERIFY2(idle[static_cast<std::size_t>(i)]->closed(), QByteArray::number(i).constData());
        }
        std::size_t shed = 5;
        while (shed < idle.size() && idle[shed]->waitReadable(0)) {
            idle[shed]->readUntilClosed(10000);
            QVERIFY2(idle[shed]->closed(), QByteArray::number(static_cast<qulonglong>(shed)).constData());
            ++shed;
        }
        QVERIFY2(shed >= 5 && shed <= 7, QByteArray::number(static_cast<qulonglong>(shed)).constData());
        for (std::size_t i = shed; i < idle.size(); ++i) // the others stay open
            QVERIFY2(!idle[i]->waitReadable(0), QByteArray::number(static_cast<qulonglong>(i)).constData());
        QVERIFY(!busy.waitReadable(0));
        QVERIFY(busy.send("Connection: close\r\n\r\n"));
        const QList<RawResponse> busyResponses = parseResponses(busy.readUntilClosed(10000));
        QCOMPARE(busyResponses.size(), 1);
        QCOMPARE(busyResponses[0].status, 200);

        const HttpResponse metrics = f->server->client()->get("/metrics");
        QCOMPARE(metrics.status, 200);
        // Ours, and the fixture's connection if it was still open: six in all, seven at most.
        const qsizetype at = metrics.body.indexOf("\ncreditdesk_http_shed_connections_total ");
        QVERIFY2(at >= 0, metrics.body.constData());
        const int total = metrics.body.mid(at + 40).split('\n').value(0).toInt();
        QVERIFY2(total >= static_cast<int>(shed) && total <= 7, metrics.body.constData());
    }

    // Out of file descriptors (a limit of 64), the server neither spins on accept nor stops answering:
    // it closes the connections idle the longest and keeps serving.
    void outOfDescriptorsShedsAndKeepsServing()
    {
        const auto f = startServer({QStringLiteral("--max-connections"), QStringLiteral("1000")},
                                   "prlimit --nofile=64:64 --");
        QVERIFY(f);
        const quint16 port = f->server->port();
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 100; ++i) { // more than the process has descriptors for
            idle.push_back(std::make_unique<RawConnection>(port));
            QVERIFY(idle.back()->isConnected());
        }
        {
            RawConnection health(port);
            QVERIFY(health.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
            const QList<RawResponse> responses = parseResponses(health.readUntilClosed(20000));
            QCOMPARE(responses.size(), 1);
            QCOMPARE(responses[0].status, 200);
        }
        idle.front()->readUntilClosed(10000); // the connection idle the longest made room
        QVERIFY(idle.front()->closed());
        // Not spinning: over one second in which the newest connection stays quiet, the server uses far
        // less than a core (a generous sanity bound, not a measurement).
        const qint64 pid = f->server->process().processId();
        const qint64 before = cpuTicks(pid);
        QVERIFY(before >= 0);
        QVERIFY(!idle.back()->waitReadable(1000));
        const qint64 used = cpuTicks(pid) - before;
        QVERIFY2(used * 2 < sysconf(_SC_CLK_TCK), QByteArray::number(used).constData());
        // Room was made by shedding (the cap of 1000 was never reached).
        const HttpResponse metrics = f->server->client()->get("/metrics");
        QCOMPARE(metrics.status, 200);
        const QRegularExpressionMatch shed =
            QRegularExpression(QStringLiteral("\ncreditdesk_http_shed_connections_total ([0-9]+)\n"))
                .match(QString::fromLatin1(metrics.body));
        QVERIFY2(shed.hasMatch() && shed.captured(1).toInt() > 0, metrics.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestHttpHardening)
#include "tst_http_hardening.moc"
