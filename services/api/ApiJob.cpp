#include "api/ApiJob.h"

#include "api/ApiClient.h"
#include "domain/Logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkReply>
#include <QSslError>
#include <QSslSocket>

namespace creditdesk {

namespace {

// What OpenSSL says when the other side answered a TLS handshake with plain text (e.g. "HTTP/1.1 400").
bool plainTextAnswer(const QString& errorString)
{
    for (const char* marker :
         {"wrong version number", "packet length too long", "http request", "record layer failure"}) {
        if (errorString.contains(QLatin1String(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool jsonObject(const QByteArray& body)
{
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parse);
    return parse.error == QJsonParseError::NoError && document.isObject();
}

ApiError errorFromReply(QNetworkReply* reply, int status, const QByteArray& body)
{
    ApiError error;
    error.httpStatus = status;
    if (status == 0) {
        switch (reply->error()) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::RemoteHostClosedError:
            error.kind = ApiError::Kind::ConnectionRefused;
            break;
        case QNetworkReply::HostNotFoundError:
            error.kind = ApiError::Kind::HostNotFound;
            break;
        case QNetworkReply::TimeoutError:
            error.kind = ApiError::Kind::Timeout;
            break;
        case QNetworkReply::SslHandshakeFailedError:
            // https:// to a plain server: it answered the handshake with text ("HTTP/1.1 400 …").
            error.kind =
                plainTextAnswer(reply->errorString()) ? ApiError::Kind::PlainHttpServer : ApiError::Kind::Tls;
            break;
        case QNetworkReply::OperationCanceledError:
            error.kind = ApiError::Kind::Cancelled;
            break;
        default:
            error.kind = ApiError::Kind::NetworkUnreachable;
            break;
        }
        error.serverMessage = reply->errorString();
        return error;
    }
    const QJsonObject envelope =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    error.code = envelope.value(QStringLiteral("code")).toString();
    error.serverMessage = envelope.value(QStringLiteral("message")).toString();
    if (status == 401)
        error.kind = ApiError::Kind::Unauthorized;
    else if (status == 403)
        error.kind = ApiError::Kind::Forbidden;
    else if (status == 404 && !jsonObject(body))
        error.kind = ApiError::Kind::NotCreditDesk; // every CreditDesk error has a JSON envelope
    else if (status == 404)
        error.kind = ApiError::Kind::NotFound;
    else if (status == 501)
        error.kind = ApiError::Kind::NotImplemented;
    else if (status == 429)
        error.kind = ApiError::Kind::RateLimited;
    else if (status >= 500)
        error.kind = ApiError::Kind::ServerError;
    else
        error.kind = ApiError::Kind::Http;
    error.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
    if (error.kind == ApiError::Kind::NotCreditDesk)
        error.serverMessage = reply->url().adjusted(QUrl::RemoveQuery).toDisplayString();
    return error;
}

bool transient(const ApiError& error)
{
    return error.kind == ApiError::Kind::Timeout || (error.kind == ApiError::Kind::ServerError &&
                                                     (error.httpStatus == 502 || error.httpStatus == 503));
}

} // namespace

ApiJob::ApiJob(ApiClient* client, QObject* parent) : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ApiJob::onTimeout);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::start()
{
    if (!m_client) {
        finish({ApiError::Kind::Cancelled, 0, {}, {}, 0});
        return;
    }
    m_client->whenReady(this, [this] { sendNow(); });
}

void ApiJob::abort()
{
    finish({ApiError::Kind::Cancelled, 0, {}, {}, 0});
}

void ApiJob::sendNow()
{
    if (m_finished)
        return;
    ++m_attempts;
    m_timedOut = false;
    m_sslErrors.clear();
    m_reply = send();
    connect(m_reply, &QNetworkReply::finished, this, &ApiJob::onFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList texts;
        for (const QSslError& error : errors)
            texts.append(error.errorString());
        m_sslErrors = texts.join(QStringLiteral("; "));
        qCWarning(lcApi).noquote() << "TLS verification failed:" << m_sslErrors;
    });
    m_timer.start(m_timeoutMs);
}

void ApiJob::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finished() follows with OperationCanceledError
}

void ApiJob::onFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply || m_finished)
        return;
    m_timer.stop();
    m_reply = nullptr;
    reply->deleteLater();
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (m_status >= 200 && m_status < 300 && reply->error() == QNetworkReply::NoError) {
        if (!parse(body)) {
            qCWarning(lcApi).noquote() << "unreadable answer from" << reply->url().path();
            // JSON that breaks the contract is garbled; no JSON at all (a web page) is another server.
            if (!body.isEmpty() && !jsonObject(body) && !body.trimmed().startsWith('['))
                finish({ApiError::Kind::NotCreditDesk,
                        m_status,
                        {},
                        reply->url().adjusted(QUrl::RemoveQuery).toDisplayString(),
                        0});
            else
                finish({ApiError::Kind::Garbled, m_status, {}, {}, 0});
            return;
        }
        finish({});
        return;
    }
    ApiError error = errorFromReply(reply, m_status, body);
    if (m_timedOut)
        error.kind = ApiError::Kind::Timeout;
    if (error.kind == ApiError::Kind::Tls ||
        (!m_sslErrors.isEmpty() && error.kind != ApiError::Kind::PlainHttpServer)) {
        error.kind = ApiError::Kind::Tls;
        if (!m_sslErrors.isEmpty())
            error.serverMessage = m_sslErrors;
    }
    if (idempotent() && transient(error) && m_attempts <= m_maxRetries) {
        qCInfo(lcApi) << "retrying" << reply->url().path() << "after" << error.serverMessage;
        QTimer::singleShot(250 * m_attempts, this, &ApiJob::sendNow);
        return;
    }
    if (error.kind == ApiError::Kind::Unauthorized && m_client && !m_client->token().isEmpty() &&
        !reply->request().rawHeader("Authorization").isEmpty())
        Q_EMIT m_client->unauthorized();
    // http:// and the connection closed without a word (or with bytes that are no HTTP): a TLS-only
    // server does that. Ask it for a TLS handshake to tell the user to type https:// instead.
    if (reply->url().scheme() == QLatin1String("http") && !m_timedOut &&
        (reply->error() == QNetworkReply::RemoteHostClosedError ||
         reply->error() == QNetworkReply::ProtocolFailure)) {
        probeTls(reply->url(), error);
        return;
    }
    finish(error);
}

void ApiJob::probeTls(const QUrl& url, const ApiError& error)
{
    auto* socket = new QSslSocket(this);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone); // only: does it speak TLS at all? Nothing is sent.
    auto done = [this, socket, error](bool tls) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
        ApiError result = error;
        if (tls)
            result.kind = ApiError::Kind::TlsServer;
        finish(result);
    };
    connect(socket, &QSslSocket::encrypted, this, [done] { done(true); });
    connect(socket, &QSslSocket::errorOccurred, this, [done] { done(false); });
    QTimer::singleShot(3000, socket, [done] { done(false); });
    socket->connectToHostEncrypted(url.host(), static_cast<quint16>(url.port(80)));
}

void ApiJob::finish(ApiError error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_error = std::move(error);
    if (m_client) {
        if (m_error.isOffline())
            Q_EMIT m_client->unreachable(m_error);
        else if (!m_error.isError())
            Q_EMIT m_client->reachable();
    }
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace creditdesk
