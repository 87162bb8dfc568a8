#include "api/ApiJob.h"

#include "api/ApiClient.h"
#include "domain/Logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslError>

namespace creditdesk {

namespace {

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
            error.kind = ApiError::Kind::Tls;
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
    const QJsonObject envelope = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    error.code = envelope.value(QStringLiteral("code")).toString();
    error.serverMessage = envelope.value(QStringLiteral("message")).toString();
    if (status == 401)
        error.kind = ApiError::Kind::Unauthorized;
    else if (status == 403)
        error.kind = ApiError::Kind::Forbidden;
    else if (status == 404)
        error.kind = ApiError::Kind::NotFound;
    else if (status == 429)
        error.kind = ApiError::Kind::RateLimited;
    else if (status >= 500)
        error.kind = ApiError::Kind::ServerError;
    else
        error.kind = ApiError::Kind::Http;
    error.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
    return error;
}

bool transient(const ApiError& error)
{
    return error.kind == ApiError::Kind::Timeout ||
           (error.kind == ApiError::Kind::ServerError && (error.httpStatus == 502 || error.httpStatus == 503));
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
            finish({ApiError::Kind::Garbled, m_status, {}, {}, 0});
            return;
        }
        finish({});
        return;
    }
    ApiError error = errorFromReply(reply, m_status, body);
    if (m_timedOut)
        error.kind = ApiError::Kind::Timeout;
    if (error.kind == ApiError::Kind::Tls || !m_sslErrors.isEmpty()) {
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
    finish(error);
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
    Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace creditdesk
