#include "api/RequestJob.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace creditdesk {

RequestJob::RequestJob(ApiClient* client, QByteArray method, QString path, QUrlQuery query, QJsonObject body,
                       Reader reader, QObject* parent)
    : ApiJob(client, parent), m_method(std::move(method)), m_path(std::move(path)), m_query(std::move(query)),
      m_body(std::move(body)), m_reader(std::move(reader))
{
}

QNetworkReply* RequestJob::send()
{
    QNetworkRequest request = client()->apiRequest(m_path, m_query);
    if (!m_idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", m_idempotencyKey);
    if (m_method == "GET")
        return client()->get(request);
    if (m_method == "DELETE")
        return client()->deleteResource(request);
    return client()->sendCustomRequest(request, m_method,
                                       QJsonDocument(m_body).toJson(QJsonDocument::Compact));
}

bool RequestJob::parse(const QByteArray& body)
{
    if (body.trimmed().isEmpty())
        return m_reader(QJsonObject()); // 204: the reader decides whether nothing is an answer
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    return error.error == QJsonParseError::NoError && document.isObject() && m_reader(document.object());
}

} // namespace creditdesk
