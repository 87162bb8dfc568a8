#pragma once

#include "core/ApiTypes.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace creditdesk::server {

struct HttpServerConfig
{
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    int ioThreads = 2;
    std::size_t bodyLimit = 1024 * 1024;  // larger bodies get 413
    std::size_t headerLimit = 16 * 1024;  // larger header blocks get 431
    std::chrono::seconds readTimeout{30}; // for a whole request, and for an idle keep-alive connection
    std::chrono::seconds drainTimeout{30};
    std::function<void()> onDrainStarted; // e.g. turn /readyz off so load balancers stop sending work
    // Reverse proxies whose X-Forwarded-For is believed: a request from one of these addresses is from
    // the right-most forwarded address that is not itself a trusted proxy (throttling, access log).
    std::vector<std::string> trustedProxies;
    // Open connections at most (0: no cap). A new connection beyond it, or one that finds no file
    // descriptor left (EMFILE), closes the connection that has been idle (waiting for its next request,
    // or for its first) the longest; connections with a request under way are never closed.
    std::size_t maxConnections = 0;
    // The X-Request-ID of a response given the one the client sent (empty when none or unparsed).
    // Answers the front end gives itself (400, 413, 431) get theirs here; nothing is added when unset.
    std::function<QByteArray(const QByteArray&)> requestId;
    std::function<void()> onConnectionShed; // an idle connection was closed to make room (metrics)
};

// The default for HttpServerConfig::maxConnections: the soft RLIMIT_NOFILE minus 32 descriptors and 4
// per I/O thread for the database, logs and the process itself (at least 16).
std::size_t defaultMaxConnections(int ioThreads);

// An IP address in the spelling the server compares peers with (trusted proxies), or nothing when the
// text is not an IP address.
std::optional<std::string> canonicalIpAddress(const std::string& text);

struct AccessLogEntry
{
    const ApiRequest& request;
    int status;
    std::size_t responseBytes;
    std::chrono::microseconds duration;
};

// HTTP/1.1 front end on Boost.Beast (docs/design.md §5). The only place that sees Beast types: handlers
// get an ApiRequest and answer through a Responder, from any thread.
class HttpServer
{
public:
    using RequestHandler = std::function<void(ApiRequest&&, Responder)>;
    using AccessLogger = std::function<void(const AccessLogEntry&)>;

    HttpServer(HttpServerConfig config, RequestHandler handler, AccessLogger logger);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and listens; returns the bound port (useful with port 0). Throws on failure.
    unsigned short listen();
    // Serves until SIGTERM/SIGINT or requestStop(), then drains in-flight requests and returns.
    void run();
    void requestStop();
    bool isDraining() const;

    struct State; // defined in HttpServer.cpp (Beast types stay there)

private:
    std::unique_ptr<State> m_state;
};

} // namespace creditdesk::server
