// The single Boost.Beast translation unit (Beast is slow to compile; keep it here).
#include "http/HttpServer.h"

#include "core/Json.h"
#include "core/ThreadName.h"

#include <QUrl>
#include <QUrlQuery>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <sys/resource.h>
#include <thread>
#include <unordered_map>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace creditdesk::server {

namespace {

class Session;

} // namespace

struct HttpServer::State
{
    HttpServerConfig config;
    RequestHandler handler;
    AccessLogger logger;
    net::io_context ioc;
    // Accepting, signals and draining run one at a time on this strand (they share the acceptor).
    net::strand<net::io_context::executor_type> control{net::make_strand(ioc)};
    tcp::acceptor acceptor{control};
    net::signal_set signals{control, SIGTERM, SIGINT};
    net::steady_timer drainTimer{control};
    net::steady_timer acceptTimer{control}; // the pause after running out of file descriptors
    bool outOfDescriptors = false;          // logged once per episode (the accept loop only)
    std::chrono::steady_clock::time_point drainDeadline;
    std::atomic<bool> draining{false};
    std::atomic<int> inFlight{0};
    std::mutex sessionsMutex;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
    std::atomic<std::uint64_t> idleSequence{0}; // orders connections by when they last became idle

    void accept();
    void onAccepted(tcp::socket socket);
    void onAcceptFailed(const beast::error_code& ec);
    bool shedOldestIdle();
    void beginDrain();
    void pollDrain();
};

namespace {

// The error envelope for requests refused before routing, with the status of the error table.
ApiResponse plainError(const char* code, const char* message = nullptr)
{
    return errorResponse(QLatin1String(code), message ? QString::fromUtf8(message) : QString());
}

QByteArray toQByteArray(beast::string_view view)
{
    return QByteArray(view.data(), static_cast<qsizetype>(view.size()));
}

beast::string_view trimmed(beast::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Why a request's body cannot be delimited safely, or nothing (RFC 9112 §6.1, §6.3). Beast reads a
// request whose Transfer-Encoding does not end in chunked as one without a body, and so would run that
// body as the next request (request smuggling behind a proxy that frames it differently). Such a
// request, one with both Transfer-Encoding and Content-Length, one that applies chunked twice and an
// HTTP/1.0 request with Transfer-Encoding are refused (400) and their connection is closed.
const char* framingProblem(const http::request<http::string_body>& request)
{
    bool hasTransferEncoding = false;
    int chunked = 0;
    bool lastIsChunked = false;
    const auto [first, last] = request.equal_range(http::field::transfer_encoding);
    for (auto field = first; field != last; ++field) {
        hasTransferEncoding = true;
        beast::string_view rest = field->value();
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            beast::string_view coding = rest.substr(0, comma);
            rest = comma == beast::string_view::npos ? beast::string_view() : rest.substr(comma + 1);
            coding = trimmed(coding.substr(0, coding.find(';')));
            if (coding.empty())
                continue; // an empty list element
            lastIsChunked = beast::iequals(coding, "chunked");
            chunked += lastIsChunked ? 1 : 0;
        }
    }
    if (!hasTransferEncoding)
        return nullptr;
    if (request.version() < 11)
        return "Transfer-Encoding is not allowed in an HTTP/1.0 request";
    if (request.count(http::field::content_length) > 0)
        return "A request must not have both Transfer-Encoding and Content-Length";
    if (chunked != 1 || !lastIsChunked)
        return "The final transfer coding must be chunked, applied once";
    return nullptr;
}

bool isOutOfDescriptors(const beast::error_code& ec)
{
    return ec == net::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
           ec == net::error::no_buffer_space || ec == net::error::no_memory;
}

} // namespace

std::optional<std::string> canonicalIpAddress(const std::string& text)
{
    beast::error_code ec;
    const auto address = net::ip::make_address(text, ec);
    return ec ? std::nullopt : std::optional(address.to_string());
}

std::size_t defaultMaxConnections(int ioThreads)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 65536;
    const auto reserved = static_cast<rlim_t>(32 + 4 * std::max(1, ioThreads));
    const rlim_t available = limit.rlim_cur > reserved ? limit.rlim_cur - reserved : 0;
    return static_cast<std::size_t>(std::clamp<rlim_t>(available, 16, 1 << 20));
}

namespace {

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(tcp::socket&& socket, HttpServer::State& state) : m_stream(std::move(socket)), m_state(state)
    {
        beast::error_code ec;
        m_stream.socket().set_option(tcp::no_delay(true), ec);
        const auto endpoint = m_stream.socket().remote_endpoint(ec);
        if (!ec) {
            m_remoteText = endpoint.address().to_string();
            m_remote = QString::fromStdString(m_remoteText);
        }
    }

    ~Session()
    {
        std::lock_guard lock(m_state.sessionsMutex);
        m_state.sessions.erase(this);
    }

    void start()
    {
        {
            std::lock_guard lock(m_state.sessionsMutex);
            m_state.sessions.emplace(this, weak_from_this());
        }
        net::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->readRequest(); });
    }

    // Called on drain: a connection waiting for its next request is closed now; one in the middle of
    // a request finishes it and then closes (keep-alive is turned off while draining).
    void closeIfIdle()
    {
        net::post(m_stream.get_executor(), [self = shared_from_this()] { self->closeIfWaiting(); });
    }

    // The idle time (a sequence number: smaller is longer) while the connection waits for the first
    // byte of a request, 0 otherwise. claimIdle() takes it for shedding, so only one shedder gets it.
    std::uint64_t idleSince() const { return m_idleSince.load(); }
    bool claimIdle(std::uint64_t since) { return m_idleSince.compare_exchange_strong(since, 0); }

    // Closes the connection to make room for a new one, unless a request began to arrive meanwhile.
    void shed()
    {
        net::post(m_stream.get_executor(), [self = shared_from_this()] {
            if (self->closeIfWaiting() && self->m_state.config.onConnectionShed)
                self->m_state.config.onConnectionShed();
        });
    }

private:
    bool closeIfWaiting()
    {
        if (!m_waiting)
            return false;
        m_waiting = false;
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        m_stream.close();
        return true;
    }

    void readRequest()
    {
        if (m_state.draining && m_buffer.size() == 0) {
            close();
            return;
        }
        m_parser.emplace();
        m_parser->header_limit(static_cast<std::uint32_t>(m_state.config.headerLimit));
        m_parser->body_limit(m_state.config.bodyLimit);
        m_stream.expires_after(m_state.config.readTimeout);
        if (m_buffer.size() > 0) { // pipelined: the next request has begun already
            readHeader();
            return;
        }
        // Idle until the first byte: the connection may be shed (and is closed on drain) meanwhile.
        m_waiting = true;
        m_idleSince = m_state.idleSequence.fetch_add(1) + 1;
        m_stream.async_read_some(m_buffer.prepare(beast::read_size(m_buffer, 16 * 1024)),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                     self->onFirstBytes(ec, bytes);
                                 });
    }

    void onFirstBytes(beast::error_code ec, std::size_t bytes)
    {
        m_waiting = false;
        m_idleSince = 0;
        if (ec) { // closed by the client, idle too long, shed or drained
            close();
            return;
        }
        m_buffer.commit(bytes);
        readHeader();
    }

    void readHeader()
    {
        http::async_read_header(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
    }

    // The header is checked before any of the body is read, so a body that cannot be delimited is never
    // taken for the next request.
    void onHeader(beast::error_code ec)
    {
        if (ec) {
            onRead(ec);
            return;
        }
        if (const char* problem = framingProblem(m_parser->get())) {
            refuse(plainError("bad_request", problem));
            return;
        }
        if (m_parser->is_done()) {
            onRead({});
            return;
        }
        http::async_read(m_stream, m_buffer, *m_parser,
                         [self = shared_from_this()](beast::error_code bodyError, std::size_t) {
                             self->onRead(bodyError);
                         });
    }

    void onRead(beast::error_code ec)
    {
        if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
            ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof) {
            close();
            return;
        }
        if (ec) {
            if (ec == http::error::body_limit)
                refuse(plainError("payload_too_large"));
            else if (ec == http::error::header_limit)
                refuse(plainError("headers_too_large"));
            else if (m_parser->got_some())
                refuse(plainError("bad_request"));
            else
                close();
            return;
        }
        m_started = std::chrono::steady_clock::now();
        auto request = m_parser->release();
        m_keepAlive = request.keep_alive() && !m_state.draining;
        m_request = makeApiRequest(request);
        m_state.inFlight.fetch_add(1);
        m_counted = true;
        ApiRequest copy = m_request;
        if (copy.method == "HEAD") // answered as GET without the body (send()); logged as HEAD
            copy.method = "GET";
        m_state.handler(std::move(copy), [self = shared_from_this()](ApiResponse response) {
            net::post(self->m_stream.get_executor(),
                      [self, response = std::move(response)]() mutable { self->send(std::move(response)); });
        });
    }

    // Answers a request the front end cannot pass on, then closes the connection. The answer gets a
    // request id like any other (the client's, when its header was read and the id is usable) and is
    // logged with it; the method shows as "-" unless the whole header was read.
    void refuse(ApiResponse response)
    {
        m_started = std::chrono::steady_clock::now();
        const auto& partial = m_parser->get();
        if (m_parser->is_header_done()) {
            m_request = makeApiRequest(partial);
        } else {
            m_request = ApiRequest{};
            m_request.method = "-";
            m_request.remoteAddress = m_remote;
        }
        if (m_state.config.requestId)
            response.setHeader("X-Request-ID",
                               m_state.config.requestId(toQByteArray(partial["X-Request-ID"])));
        m_keepAlive = false;
        m_refused = true;
        send(std::move(response));
    }

    ApiRequest makeApiRequest(const http::request<http::string_body>& request)
    {
        ApiRequest api;
        api.method = toQByteArray(request.method_string());
        const beast::string_view target = request.target();
        const auto question = target.find('?');
        const QByteArray rawPath = toQByteArray(target.substr(0, question));
        api.path = QUrl::fromPercentEncoding(rawPath);
        if (question != beast::string_view::npos) {
            const QUrlQuery query(QString::fromUtf8(toQByteArray(target.substr(question + 1))));
            for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded))
                api.query.insert(name, value);
        }
        api.body = QByteArray(request.body().data(), static_cast<qsizetype>(request.body().size()));
        api.authorization = toQByteArray(request[http::field::authorization]);
        api.idempotencyKey = toQByteArray(request["Idempotency-Key"]);
        api.contentType = toQByteArray(request[http::field::content_type]);
        api.accept = toQByteArray(request[http::field::accept]);
        api.stripeSignature = toQByteArray(request["Stripe-Signature"]);
        api.requestId = toQByteArray(request["X-Request-ID"]);
        api.remoteAddress = clientAddress(request);
        return api;
    }

    bool isTrustedProxy(const std::string& address) const
    {
        const auto& proxies = m_state.config.trustedProxies;
        return std::find(proxies.begin(), proxies.end(), address) != proxies.end();
    }

    // The peer, or behind trusted proxies the address they say they received the request from. Walks
    // X-Forwarded-For from the right (the entry the nearest proxy added) past further trusted proxies;
    // an entry that is not an IP address ends the walk at the last trusted hop.
    QString clientAddress(const http::request<http::string_body>& request) const
    {
        std::string client = m_remoteText;
        if (!isTrustedProxy(client))
            return m_remote;
        const auto forwarded = request["X-Forwarded-For"];
        std::string_view rest(forwarded.data(), forwarded.size());
        while (!rest.empty() && isTrustedProxy(client)) {
            const auto comma = rest.rfind(',');
            std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
            while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
                entry.remove_prefix(1);
            while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t'))
                entry.remove_suffix(1);
            beast::error_code ec;
            const auto address = net::ip::make_address(std::string(entry), ec);
            if (ec)
                break;
            client = address.to_string();
        }
        return QString::fromStdString(client);
    }

    void send(ApiResponse response)
    {
        auto message = std::make_shared<http::response<http::string_body>>();
        message->version(11);
        message->result(static_cast<unsigned>(response.status));
        message->set(http::field::content_type,
                     beast::string_view(response.contentType.constData(),
                                        static_cast<std::size_t>(response.contentType.size())));
        message->set(http::field::cache_control, "no-store");
        for (const auto& [name, value] : response.headers)
            message->set(beast::string_view(name.constData(), static_cast<std::size_t>(name.size())),
                         beast::string_view(value.constData(), static_cast<std::size_t>(value.size())));
        message->body().assign(response.body.constData(), static_cast<std::size_t>(response.body.size()));
        message->keep_alive(m_keepAlive && !m_state.draining);
        message->prepare_payload();
        if (m_request.method == "HEAD") { // the headers a GET would get, Content-Length included
            const std::size_t length = message->body().size();
            message->body().clear();
            message->content_length(length);
        }
        for (const auto& [name, value] : response.headers) // the dispatcher may have assigned the id
            if (name == "X-Request-ID")
                m_request.requestId = value;
        if (m_state.logger) {
            const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - m_started);
            m_state.logger(AccessLogEntry{m_request, response.status, message->body().size(), duration});
        }
        m_stream.expires_after(m_state.config.readTimeout);
        http::async_write(m_stream, *message,
                          [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                              self->onWrite(ec, message->keep_alive());
                          });
    }

    void onWrite(beast::error_code ec, bool keepAlive)
    {
        if (m_counted) {
            m_counted = false;
            m_state.inFlight.fetch_sub(1);
        }
        if (ec || !keepAlive) {
            if (!ec && m_refused)
                lingeringClose();
            else
                close();
            return;
        }
        readRequest();
    }

    // After refusing a request whose rest may still be arriving: closing at once with unread data would
    // reset the connection, and the reset can destroy the answer before the client has read it. So stop
    // sending, read and drop what comes for a short while, then close.
    void lingeringClose()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.expires_after(std::chrono::seconds(2));
        discardInput();
    }

    void discardInput()
    {
        m_buffer.clear();
        m_stream.async_read_some(m_buffer.prepare(16 * 1024),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec)
                                         self->m_stream.close();
                                     else
                                         self->discardInput();
                                 });
    }

    void close()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.close();
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    HttpServer::State& m_state;
    QString m_remote;
    std::string m_remoteText;
    ApiRequest m_request;
    std::chrono::steady_clock::time_point m_started;
    std::atomic<std::uint64_t> m_idleSince{0};
    bool m_keepAlive = false;
    bool m_waiting = false; // between requests, no byte of the next one read yet
    bool m_refused = false;
    bool m_counted = false;
};

} // namespace

void HttpServer::State::accept()
{
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || draining)
            return;
        if (ec && isOutOfDescriptors(ec)) {
            onAcceptFailed(ec);
            return;
        }
        if (!ec)
            onAccepted(std::move(socket));
        accept();
    });
}

void HttpServer::State::onAccepted(tcp::socket socket)
{
    outOfDescriptors = false;
    std::size_t open = 0;
    {
        std::lock_guard lock(sessionsMutex);
        open = sessions.size();
    }
    // At the cap, the newcomer takes the place of the connection idle the longest; with none idle (all
    // busy with requests), it is turned away.
    if (config.maxConnections > 0 && open >= config.maxConnections && !shedOldestIdle()) {
        beast::error_code ignored;
        socket.close(ignored);
        return;
    }
    std::make_shared<Session>(std::move(socket), *this)->start();
}

// Out of file descriptors (or kernel memory): retrying at once would spin on the pending connection at
// 100% of a core. Give back a descriptor by closing the connection idle the longest and pause before
// the next accept; the I/O threads go on serving meanwhile.
void HttpServer::State::onAcceptFailed(const beast::error_code& ec)
{
    if (!outOfDescriptors) {
        outOfDescriptors = true;
        std::cerr << "accept failed (" << ec.message() << "): closing idle connections, retrying in 50 ms"
                  << std::endl;
    }
    shedOldestIdle();
    acceptTimer.expires_after(std::chrono::milliseconds(50));
    acceptTimer.async_wait([this](beast::error_code timerError) {
        if (!timerError && !draining)
            accept();
    });
}

bool HttpServer::State::shedOldestIdle()
{
    std::shared_ptr<Session> victim; // released after the lock: its destructor takes the lock
    {
        std::lock_guard lock(sessionsMutex);
        for (int attempt = 0; attempt < 4 && !victim; ++attempt) {
            Session* oldest = nullptr;
            std::uint64_t oldestSince = std::numeric_limits<std::uint64_t>::max();
            for (const auto& [raw, weak] : sessions) { // a session being destroyed waits for the lock
                const std::uint64_t since = raw->idleSince();
                if (since != 0 && since < oldestSince) {
                    oldest = raw;
                    oldestSince = since;
                }
            }
            if (!oldest)
                break;
            if (oldest->claimIdle(oldestSince))
                victim = sessions[oldest].lock();
        }
    }
    if (!victim)
        return false;
    victim->shed();
    return true;
}

void HttpServer::State::beginDrain()
{
    if (draining.exchange(true))
        return;
    if (config.onDrainStarted)
        config.onDrainStarted();
    beast::error_code ec;
    acceptor.close(ec);
    acceptTimer.cancel();
    signals.cancel(ec);
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(sessionsMutex);
        for (auto& [raw, weak] : sessions)
            if (auto session = weak.lock())
                live.push_back(std::move(session));
    }
    for (auto& session : live)
        session->closeIfIdle();
    drainDeadline = std::chrono::steady_clock::now() + config.drainTimeout;
    pollDrain();
}

void HttpServer::State::pollDrain()
{
    bool idle = false;
    {
        std::lock_guard lock(sessionsMutex);
        idle = sessions.empty() && inFlight.load() == 0;
    }
    if (idle || std::chrono::steady_clock::now() >= drainDeadline) {
        ioc.stop();
        return;
    }
    drainTimer.expires_after(std::chrono::milliseconds(20));
    drainTimer.async_wait([this](beast::error_code ec) {
        if (!ec)
            pollDrain();
    });
}

HttpServer::HttpServer(HttpServerConfig config, RequestHandler handler, AccessLogger logger)
    : m_state(std::make_unique<State>())
{
    m_state->config = std::move(config);
    m_state->handler = std::move(handler);
    m_state->logger = std::move(logger);
}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::listen()
{
    auto& state = *m_state;
    const auto address = net::ip::make_address(state.config.host);
    const tcp::endpoint endpoint{address, state.config.port};
    state.acceptor.open(endpoint.protocol());
    state.acceptor.set_option(net::socket_base::reuse_address(true));
    state.acceptor.bind(endpoint);
    state.acceptor.listen(net::socket_base::max_listen_connections);
    return state.acceptor.local_endpoint().port();
}

void HttpServer::run()
{
    auto& state = *m_state;
    state.signals.async_wait([&state](beast::error_code ec, int) {
        if (!ec)
            state.beginDrain();
    });
    state.accept();
    std::vector<std::thread> threads;
    for (int i = 1; i < state.config.ioThreads; ++i)
        threads.emplace_back([&state] {
            nameThisThread("cd-http");
            state.ioc.run();
        });
    // The main thread serves requests too; it keeps the process's name for ps and pgrep.
    state.ioc.run();
    for (auto& thread : threads)
        thread.join();
}

void HttpServer::requestStop()
{
    net::post(m_state->control, [state = m_state.get()] { state->beginDrain(); });
}

bool HttpServer::isDraining() const
{
    return m_state->draining;
}

} // namespace creditdesk::server
