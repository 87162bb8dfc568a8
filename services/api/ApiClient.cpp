#include "api/ApiClient.h"

#include "domain/Logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkReply>
#include <QPointer>
#include <QSslCertificate>
#include <QUuid>

namespace creditdesk {

ApiClient::ApiClient(QObject* parent)
    : QNetworkAccessManager(parent), m_ssl(QSslConfiguration::defaultConfiguration())
{
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    setAutoDeleteReplies(false);
    setTransferTimeout(0); // each job has its own timeout
}

void ApiClient::setBaseUrl(const QUrl& url)
{
    m_baseUrl = url;
    QString path = m_baseUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_baseUrl.setPath(path);
}

bool ApiClient::setTrustedCaFile(const QString& path, QString* error)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!path.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("Cannot read the CA file %1: %2").arg(path, file.errorString());
            return false;
        }
        const QByteArray data = file.readAll();
        QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
        if (certificates.isEmpty())
            certificates = QSslCertificate::fromData(data, QSsl::Der);
        if (certificates.isEmpty()) {
            if (error)
                *error = tr("%1 holds no certificate (PEM or DER expected).").arg(path);
            return false;
        }
        ssl.addCaCertificates(certificates);
    }
    m_ssl = ssl;
    m_caFile = path;
    return true;
}

QNetworkRequest ApiClient::apiRequest(const QString& path, const QUrlQuery& query) const
{
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return QNetworkRequest(url);
}

void ApiClient::release()
{
    m_held = false;
    const QList<Waiting> waiting = std::exchange(m_waiting, {});
    for (const Waiting& entry : waiting) {
        if (entry.context)
            entry.start();
    }
}

void ApiClient::whenReady(QObject* context, std::function<void()> start)
{
    if (!m_held) {
        start();
        return;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(start)});
}

QNetworkReply* ApiClient::createRequest(Operation op, const QNetworkRequest& original,
                                        QIODevice* outgoingData)
{
    QNetworkRequest request(original);
    // JSON unless a job asks for a file (an invoice's PDF, a CSV report).
    if (!request.hasRawHeader("Accept"))
        request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "creditdesk/" + QCoreApplication::applicationVersion().toUtf8() +
                                           " (Qt " + qVersion() + ")");
    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    request.setRawHeader("X-Request-ID", requestId);
    if (!m_token.isEmpty() && !request.attribute(kAnonymousAttribute).toBool() &&
        !request.hasRawHeader("Authorization"))
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (outgoingData && !request.header(QNetworkRequest::ContentTypeHeader).isValid())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (request.url().scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_ssl);
    // Redirects could carry the bearer token elsewhere: the API never redirects, so refuse them.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    ++m_requestCount;
    if (lcApi().isDebugEnabled()) {
        // Logs never show the token (CONTRIBUTING.md): only whether one was sent.
        qCDebug(lcApi).noquote() << op << request.url().toString() << "request-id" << requestId
                                 << (request.hasRawHeader("Authorization") ? "Authorization: <redacted>"
                                                                           : "");
    }
    return QNetworkAccessManager::createRequest(op, request, outgoingData);
}

} // namespace creditdesk
