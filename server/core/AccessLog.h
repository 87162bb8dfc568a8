#pragma once

#include "core/ApiTypes.h"

#include <QString>

#include <chrono>
#include <cstdio>
#include <mutex>

namespace creditdesk::server {

// One line per request: time, request id, client, method, path, status, bytes, microseconds. Never the
// query string, headers or body, so no token or password can reach a log. Buffered; flushed at least
// once a second and on exit.
class AccessLog
{
public:
    explicit AccessLog(const QString& destination); // "-" stderr, "off", or a file path
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void write(const ApiRequest& request, int status, std::size_t bytes, std::chrono::microseconds duration);

private:
    std::mutex m_mutex;
    std::FILE* m_file = nullptr;
    bool m_ownsFile = false;
    std::chrono::steady_clock::time_point m_lastFlush;
};

} // namespace creditdesk::server
