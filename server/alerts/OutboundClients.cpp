#include "alerts/OutboundClients.h"

#include "alerts/NetworkAddresses.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

#include <cstring>
#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace creditdesk::server {

namespace {

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

struct Upload
{
    const QByteArray* data;
    qsizetype offset = 0;
};

size_t readUpload(char* buffer, size_t size, size_t count, void* user)
{
    auto* upload = static_cast<Upload*>(user);
    const qsizetype room = static_cast<qsizetype>(size * count);
    const qsizetype left = upload->data->size() - upload->offset;
    const qsizetype n = std::min(room, left);
    std::memcpy(buffer, upload->data->constData() + upload->offset, static_cast<size_t>(n));
    upload->offset += n;
    return static_cast<size_t>(n);
}

size_t discardBody(char*, size_t size, size_t count, void*)
{
    return size * count; // the receiver's answer body is not kept: its status is what counts
}

// A header value with non-ASCII text as an RFC 2047 encoded word.
QByteArray headerText(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    for (const char c : utf8)
        if (static_cast<unsigned char>(c) >= 0x80 || c == '\r' || c == '\n')
            return "=?UTF-8?B?" + text.simplified().toUtf8().toBase64() + "?=";
    return utf8;
}

QByteArray base64Lines(const QString& text)
{
    const QByteArray encoded = text.toUtf8().toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

// Only printable address characters: a stored e-mail address never turns into SMTP commands.
bool isSafeAddress(const QString& address)
{
    if (address.isEmpty() || address.size() > 254)
        return false;
    for (const QChar c : address)
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == QLatin1Char('<') || c == QLatin1Char('>'))
            return false;
    return address.contains(QLatin1Char('@'));
}

OutboundResult failure(CURLcode code, const char* errorBuffer, std::optional<int> status = std::nullopt)
{
    OutboundResult result;
    result.statusCode = status;
    result.error = QString::fromUtf8(*errorBuffer ? errorBuffer : curl_easy_strerror(code));
    return result;
}

} // namespace

void initOutboundClients()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

QByteArray SmtpClient::render(const MailMessage& message)
{
    const QByteArray boundary =
        "=_creditdesk_" + message.messageId.section(QLatin1Char('@'), 0, 0).toLatin1();
    const QString date = QLocale::c().toString(QDateTime::fromMSecsSinceEpoch(message.dateMs, Qt::UTC),
                                               QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
    QByteArray to = message.to.toUtf8();
    if (!message.toName.isEmpty())
        to = headerText(message.toName) + " <" + to + '>';
    QByteArray out;
    out += "Date: " + date.toLatin1() + "\r\n";
    out += "From: CreditDesk <" + message.from.toUtf8() + ">\r\n";
    out += "To: " + to + "\r\n";
    out += "Message-ID: <" + message.messageId.toUtf8() + ">\r\n";
    out += "Subject: " + headerText(message.subject) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64Lines(message.text);
    out += "--" + boundary + "\r\n";
    out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64Lines(message.html);
    out += "--" + boundary + "--\r\n";
    return out;
}

OutboundResult SmtpClient::send(const MailMessage& message) const
{
    if (!isSafeAddress(message.from) || !isSafeAddress(message.to)) {
        OutboundResult result;
        result.error = QStringLiteral("not a usable e-mail address");
        return result;
    }
    const Easy curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        return OutboundResult{false, std::nullopt, QStringLiteral("curl_easy_init failed")};
    const QByteArray url = m_url.toUtf8();
    const QByteArray from = '<' + message.from.toUtf8() + '>';
    const Headers recipients(curl_slist_append(nullptr, ('<' + message.to.toUtf8() + '>').constData()),
                             &curl_slist_free_all);
    const QByteArray payload = render(message);
    Upload upload{&payload};
    char errorBuffer[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY)); // STARTTLS when offered
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(m_timeoutMs));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(m_timeoutMs, 5000)));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
    const CURLcode code = curl_easy_perform(c);
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    const std::optional<int> status = reply > 0 ? std::optional<int>(static_cast<int>(reply)) : std::nullopt;
    if (code != CURLE_OK)
        return failure(code, errorBuffer, status);
    return OutboundResult{true, status, QString()};
}

namespace {

// Whether a webhook may reach the address its host name resolved to, checked on the connection itself
// (after resolution, so a name that resolves into the operator's network is refused as its literal is).
struct AddressPolicy
{
    bool allowLoopback = false; // the URL names loopback itself (development, tests)
    QString refused;            // the address refused, for the delivery's error
};

int checkConnectedAddress(void* data, char* connectedIp, char*, int, int)
{
    auto* policy = static_cast<AddressPolicy*>(data);
    const QString ip = QString::fromLatin1(connectedIp);
    const AddressKind kind = classifyAddress(ip);
    if (kind == AddressKind::Internal || (kind == AddressKind::Loopback && !policy->allowLoopback)) {
        policy->refused = ip;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

} // namespace

namespace {

// What every HTTP(S) request of the server sets: the target, http(s) only, its headers, no redirects
// followed, TLS peer and host verified, the timeouts, no signals (threads).
void setHttpOptions(CURL* c, const QByteArray& target, curl_slist* headers, const char* userAgent,
                    int timeoutMs, int connectTimeoutMs, char* errorBuffer)
{
    curl_easy_setopt(c, CURLOPT_URL, target.constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_USERAGENT, userAgent);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeoutMs));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errorBuffer);
}

} // namespace

OutboundResult HttpPoster::post(const QString& url, const QByteArray& body,
                                const QList<QByteArray>& headers) const
{
    const Easy curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl)
        return OutboundResult{false, std::nullopt, QStringLiteral("curl_easy_init failed")};
    Headers list(nullptr, &curl_slist_free_all);
    for (const QByteArray& header : headers)
        list.reset(curl_slist_append(list.release(), header.constData()));
    list.reset(curl_slist_append(list.release(), "Expect:")); // no 100-continue round trip
    const QByteArray target = url.toUtf8();
    char errorBuffer[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    setHttpOptions(c, target, list.get(), "CreditDesk-Webhooks/1", m_timeoutMs, m_connectTimeoutMs,
                   errorBuffer);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discardBody);
    AddressPolicy policy;
    policy.allowLoopback = isLoopbackHost(QUrl(url).host());
    curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, checkConnectedAddress);
    curl_easy_setopt(c, CURLOPT_PREREQDATA, &policy);
    const CURLcode code = curl_easy_perform(c);
    if (!policy.refused.isEmpty())
        return OutboundResult{false, std::nullopt,
                              QStringLiteral("refused: %1 is not a public address").arg(policy.refused)};
    if (code != CURLE_OK)
        return failure(code, errorBuffer);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    OutboundResult result;
    result.statusCode = static_cast<int>(status);
    result.ok = status >= 200 && status < 300;
    if (!result.ok)
        result.error = QStringLiteral("HTTP %1").arg(status);
    return result;
}

namespace {

constexpr qsizetype kMaxAnswerBytes = 1 << 20;

size_t keepBody(char* data, size_t size, size_t count, void* user)
{
    auto* body = static_cast<QByteArray*>(user);
    const qsizetype n = static_cast<qsizetype>(size * count);
    if (body->size() + n > kMaxAnswerBytes)
        return 0; // aborts the transfer: no provider answers this much
    body->append(data, n);
    return static_cast<size_t>(n);
}

} // namespace

ApiAnswer ApiClient::send(const QByteArray& method, const QString& url, const QByteArray& body,
                          const QList<QByteArray>& headers, const QByteArray& userPassword) const
{
    ApiAnswer answer;
    const Easy curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) {
        answer.error = QStringLiteral("curl_easy_init failed");
        return answer;
    }
    Headers list(nullptr, &curl_slist_free_all);
    for (const QByteArray& header : headers)
        list.reset(curl_slist_append(list.release(), header.constData()));
    list.reset(curl_slist_append(list.release(), "Expect:"));
    const QByteArray target = url.toUtf8();
    char errorBuffer[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    setHttpOptions(c, target, list.get(), "CreditDesk/1", m_timeoutMs, m_connectTimeoutMs, errorBuffer);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.constData());
    if (method != "GET") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    if (!userPassword.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
        curl_easy_setopt(c, CURLOPT_USERPWD, userPassword.constData());
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keepBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
    const CURLcode code = curl_easy_perform(c);
    if (code != CURLE_OK) {
        answer.error = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code));
        answer.body.clear();
        return answer;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    answer.statusCode = static_cast<int>(status);
    return answer;
}

} // namespace creditdesk::server
