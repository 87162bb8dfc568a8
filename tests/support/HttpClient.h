#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace creditdesk::test {

struct HttpResponse
{
    int status = 0;                       // 0: the connection failed before a response arrived
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QJsonObject json() const;
    QString errorCode() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

// A small blocking HTTP/1.1 client over one keep-alive TCP connection, for tests and load drivers.
// Independent of the server's Beast code, so the two do not share mistakes. One per thread.
class HttpClient
{
public:
    HttpClient(QByteArray host, quint16 port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    void setBearer(const QByteArray& token) { m_bearer = token; }
    HttpResponse request(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
                         const Headers& headers = {});
    HttpResponse get(const QByteArray& target) { return request("GET", target); }
    HttpResponse post(const QByteArray& target, const QJsonObject& body, const Headers& headers = {});
    // Sends bytes exactly as given (for malformed-request tests) and reads one response.
    HttpResponse raw(const QByteArray& bytes);
    void disconnect();

private:
    bool ensureConnected();
    HttpResponse readResponse(bool headersOnly = false); // headersOnly: the answer to a HEAD request
    bool sendAll(const QByteArray& bytes);

    QByteArray m_host;
    quint16 m_port;
    int m_fd = -1;
    QByteArray m_buffer;
    QByteArray m_bearer;
};

} // namespace creditdesk::test
