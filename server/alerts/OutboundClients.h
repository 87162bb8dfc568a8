#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace creditdesk::server {

// The server's own outgoing network traffic (e-mail and webhooks; later payment providers) goes through
// libcurl: one client library that speaks SMTP and HTTPS, verifies TLS peers against the system's CA
// store and has timeouts for every phase. Calls block the calling thread (a job's, never a request's or
// the writer's) and never throw for network failures: they report them.
struct OutboundResult
{
    bool ok = false;               // SMTP accepted the message / HTTP answered 2xx
    std::optional<int> statusCode; // the HTTP status or the SMTP reply code, when there was an answer
    QString error;                 // what went wrong, for the delivery's attempt record (empty when ok)
};

// Call once before any client is used (curl_global_init is not thread-safe); ServerApp does.
void initOutboundClients();

struct MailMessage
{
    QString from;   // address only
    QString to;     // address only
    QString toName; // display name, may be empty
    QString subject;
    QString text;      // text/plain part
    QString html;      // text/html part
    QString messageId; // without angle brackets: "<local>@<domain>"
    qint64 dateMs = 0; // the Date header (the server clock)
};

// Sends one message per call to an SMTP server (`smtp://host:port`; `smtps://` for implicit TLS) as
// multipart/alternative with a plain-text and an HTML part, both UTF-8 in base64.
class SmtpClient
{
public:
    explicit SmtpClient(QString url, int timeoutMs = 15000) : m_url(std::move(url)), m_timeoutMs(timeoutMs) {}
    OutboundResult send(const MailMessage& message) const;
    // The RFC 5322 text that send() transmits (for tests and logs).
    static QByteArray render(const MailMessage& message);

private:
    QString m_url;
    int m_timeoutMs;
};

// HTTP(S) POST with a connect and a total timeout, TLS peer and host verification on, no redirects
// followed (a webhook receiver answers itself; a redirect is not a delivery).
class HttpPoster
{
public:
    explicit HttpPoster(int timeoutMs = 10000, int connectTimeoutMs = 5000)
        : m_timeoutMs(timeoutMs), m_connectTimeoutMs(connectTimeoutMs)
    {
    }
    OutboundResult post(const QString& url, const QByteArray& body, const QList<QByteArray>& headers) const;

private:
    int m_timeoutMs;
    int m_connectTimeoutMs;
};

// One answer of a provider's API: the status and body of any answer, or what kept it from coming.
struct ApiAnswer
{
    std::optional<int> statusCode; // none: no answer (refused, timed out, TLS failed)
    QByteArray body;
    QString error; // curl's description when there was no answer
    bool ok() const { return statusCode && *statusCode >= 200 && *statusCode < 300; }
};

// Requests to the payment providers' APIs (PayPal; the operator configures their address, so loopback
// and private addresses are allowed, unlike webhooks): any method, the answer's body kept (at most
// 1 MiB), TLS verification on, no redirects, timeouts for every phase. Blocks the calling thread.
class ApiClient
{
public:
    explicit ApiClient(int timeoutMs = 20000, int connectTimeoutMs = 5000)
        : m_timeoutMs(timeoutMs), m_connectTimeoutMs(connectTimeoutMs)
    {
    }
    // `userPassword` ("id:secret") sends HTTP Basic authentication.
    ApiAnswer send(const QByteArray& method, const QString& url, const QByteArray& body,
                   const QList<QByteArray>& headers, const QByteArray& userPassword = {}) const;

private:
    int m_timeoutMs;
    int m_connectTimeoutMs;
};

} // namespace creditdesk::server
