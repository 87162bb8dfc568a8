#pragma once

#include "api/ApiError.h"

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace creditdesk {

// The one choke point for HTTP (ownCloud's AccessManager): every request of the console goes through
// createRequest(), which adds the base URL, the bearer token, Accept, User-Agent, a fresh X-Request-ID
// and the TLS settings, and logs with Authorization redacted. Jobs (ApiJob) are the only callers.
class ApiClient : public QNetworkAccessManager
{
    Q_OBJECT

public:
    explicit ApiClient(QObject* parent = nullptr);

    void setBaseUrl(const QUrl& url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QByteArray& token) { m_token = token; }
    QByteArray token() const { return m_token; }

    // Trusts the certificates in a PEM or DER file in addition to the system's CAs (for a self-hosted
    // server with its own CA). Certificate errors are never ignored wholesale.
    bool setTrustedCaFile(const QString& path, QString* error = nullptr);
    QString trustedCaFile() const { return m_caFile; }

    // Requests with this attribute set to true carry no token (sign-in).
    static constexpr QNetworkRequest::Attribute kAnonymousAttribute = QNetworkRequest::User;

    QNetworkRequest apiRequest(const QString& path, const QUrlQuery& query = {}) const;

    // While held (the session is being re-established), jobs wait in a queue instead of failing.
    void hold() { m_held = true; }
    void release();
    bool isHeld() const { return m_held; }
    void whenReady(QObject* context, std::function<void()> start);

    // Total requests sent, for tests and the status bar.
    qint64 requestCount() const { return m_requestCount; }

Q_SIGNALS:
    // A request with a token got 401: the session ended (expired, revoked, signed out elsewhere).
    void unauthorized();
    // Any request could not reach the server (refused, timed out, no network, 5xx: ApiError::isOffline()),
    // or any request got its answer: the console's online state follows every request, not only syncs.
    void unreachable(const creditdesk::ApiError& error);
    void reachable();

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override;

private:
    QUrl m_baseUrl;
    QByteArray m_token;
    QString m_caFile;
    QSslConfiguration m_ssl;
    bool m_held = false;
    qint64 m_requestCount = 0;
    struct Waiting
    {
        QPointer<QObject> context;
        std::function<void()> start;
    };
    QList<Waiting> m_waiting;
};

} // namespace creditdesk
