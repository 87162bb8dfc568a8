#pragma once

#include "api/ApiError.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;
class QUrl;

namespace creditdesk {

class ApiClient;

// One request to one endpoint (ownCloud's AbstractNetworkJob): a timeout, a bounded retry for
// transient failures, and finished() emitted exactly once. The job deletes itself after finished()
// unless setAutoDelete(false). Subclasses build the request and parse the answer; a body they cannot
// read makes the job fail with ApiError::Kind::Garbled so that nothing half-read reaches the cache.
class ApiJob : public QObject
{
    Q_OBJECT

public:
    explicit ApiJob(ApiClient* client, QObject* parent = nullptr);
    ~ApiJob() override;

    void start();
    void abort();

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

    const ApiError& error() const { return m_error; }
    int httpStatus() const { return m_status; }
    int attempts() const { return m_attempts; }

Q_SIGNALS:
    void finished(creditdesk::ApiJob* job);

protected:
    ApiClient* client() const { return m_client; }
    virtual QNetworkReply* send() = 0;
    // Reads a 2xx body. Return false when it is not what the contract says.
    virtual bool parse(const QByteArray& body) = 0;
    // Requests that change nothing are retried on transient failures; others are not.
    virtual bool idempotent() const { return true; }

private:
    void sendNow();
    void onFinished();
    void onTimeout();
    void finish(ApiError error);
    void probeTls(const QUrl& url, const ApiError& error);

    QPointer<ApiClient> m_client;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QString m_sslErrors;
    ApiError m_error;
    int m_status = 0;
    int m_timeoutMs = 30000;
    int m_maxRetries = 1;
    int m_attempts = 0;
    bool m_finished = false;
    bool m_timedOut = false;
    bool m_autoDelete = true;
};

} // namespace creditdesk
