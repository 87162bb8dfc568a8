#include "HttpClient.h"

#include <QJsonDocument>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace creditdesk::test {

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpClient::HttpClient(QByteArray host, quint16 port) : m_host(std::move(host)), m_port(port) {}

HttpClient::~HttpClient()
{
    disconnect();
}

void HttpClient::disconnect()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
}

bool HttpClient::ensureConnected()
{
    if (m_fd >= 0)
        return true;
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    ::inet_pton(AF_INET, m_host.constData(), &address.sin_addr);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        disconnect();
        return false;
    }
    int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    timeval timeout{30, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return true;
}

bool HttpClient::sendAll(const QByteArray& bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
            ::send(m_fd, bytes.constData() + sent, static_cast<size_t>(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

HttpResponse HttpClient::readResponse(bool headersOnly)
{
    HttpResponse response;
    auto fill = [this]() {
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        m_buffer.append(chunk, n);
        return true;
    };
    qsizetype headerEnd;
    while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0)
        if (!fill()) {
            disconnect();
            return response;
        }
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    response.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                    lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = headersOnly ? 0 : response.headers.value("content-length").toLongLong();
    const qsizetype total = headerEnd + 4 + length;
    while (m_buffer.size() < total)
        if (!fill()) {
            disconnect();
            response.status = 0;
            return response;
        }
    response.body = m_buffer.mid(headerEnd + 4, length);
    m_buffer.remove(0, total);
    if (response.headers.value("connection").toLower() == "close")
        disconnect();
    return response;
}

HttpResponse HttpClient::request(const QByteArray& method, const QByteArray& target, const QByteArray& body,
                                 const Headers& headers)
{
    QByteArray message = method + ' ' + target + " HTTP/1.1\r\nHost: " + m_host + "\r\n";
    if (!m_bearer.isEmpty())
        message += "Authorization: Bearer " + m_bearer + "\r\n";
    for (const auto& [name, value] : headers)
        message += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PATCH" || method == "PUT")
        message +=
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    message += "\r\n" + body;
    // One retry on a fresh connection: the server may have closed an idle keep-alive connection.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = m_fd >= 0;
        if (!ensureConnected())
            return {};
        if (sendAll(message)) {
            HttpResponse response = readResponse(method == "HEAD");
            if (response.status != 0 || !reused)
                return response;
        }
        disconnect();
        if (!reused)
            break;
    }
    return {};
}

HttpResponse HttpClient::post(const QByteArray& target, const QJsonObject& body, const Headers& headers)
{
    return request("POST", target, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

HttpResponse HttpClient::raw(const QByteArray& bytes)
{
    disconnect();
    if (!ensureConnected() || !sendAll(bytes))
        return {};
    HttpResponse response = readResponse();
    disconnect();
    return response;
}

} // namespace creditdesk::test
