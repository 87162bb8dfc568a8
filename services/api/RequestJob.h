#pragma once

#include "api/ApiClient.h"
#include "api/ApiError.h"
#include "api/ApiJob.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace creditdesk {

// One request to an endpoint: method, path, query or body, and the reader of its answer (the clients
// give one per endpoint). Changes carry an Idempotency-Key when they have one,
// and only then are they retried: the server answers a repeated key with the first answer.
class RequestJob : public ApiJob
{
    Q_OBJECT

public:
    using Reader = std::function<bool(const QJsonObject& answer)>;

    RequestJob(ApiClient* client, QByteArray method, QString path, QUrlQuery query, QJsonObject body,
               Reader reader, QObject* parent = nullptr);
    void setIdempotencyKey(const QByteArray& key) { m_idempotencyKey = key; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;
    bool idempotent() const override { return m_method == "GET" || !m_idempotencyKey.isEmpty(); }

private:
    QByteArray m_method;
    QString m_path;
    QUrlQuery m_query;
    QJsonObject m_body;
    Reader m_reader;
    QByteArray m_idempotencyKey;
};

// Sends one request and answers `done` once, on `context`'s thread (nothing when `context` is gone
// first), with what `read` made of the answer or with the error; `succeeded` runs just before when the
// request went through (the clients announce their changes there).
template<typename Result>
void runRequest(ApiClient* client, QByteArray method, const QString& path, const QUrlQuery& query,
                const QJsonObject& body, const QByteArray& idempotencyKey,
                std::function<bool(const QJsonObject&, Result*)> read, QObject* context,
                std::function<void(const Result&, const ApiError&)> done, std::function<void()> succeeded)
{
    auto result = std::make_shared<Result>();
    auto* job = new RequestJob(
        client, std::move(method), path, query, body,
        [result, read = std::move(read)](const QJsonObject& answer) { return read(answer, result.get()); },
        context);
    job->setIdempotencyKey(idempotencyKey);
    QObject::connect(job, &ApiJob::finished, context,
                     [result, done = std::move(done), succeeded = std::move(succeeded)](ApiJob* finished) {
                         const ApiError error = finished->error();
                         if (!error.isError() && succeeded)
                             succeeded();
                         done(error.isError() ? Result() : *result, error);
                     });
    job->start();
}

} // namespace creditdesk
