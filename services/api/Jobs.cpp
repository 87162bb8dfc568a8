#include "api/Jobs.h"

#include "api/ApiClient.h"
#include "api/JsonParsers.h"

#include <QJsonArray>
#include <QNetworkReply>

namespace creditdesk {

namespace {

bool parseObject(const QByteArray& body, QJsonObject* out)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    *out = document.object();
    return true;
}

template<typename Record, typename Parser>
bool parseList(const QByteArray& body, QList<Record>* out, Parser parser, QString* nextCursor = nullptr)
{
    QJsonObject object;
    if (!parseObject(body, &object) || !object.value(QStringLiteral("data")).isArray())
        return false;
    const QJsonArray data = object.value(QStringLiteral("data")).toArray();
    QList<Record> records;
    records.reserve(data.size());
    for (const QJsonValue& value : data) {
        Record record;
        if (!value.isObject() || !parser(value.toObject(), &record))
            return false;
        records.append(std::move(record));
    }
    if (nextCursor) {
        const QJsonValue cursor = object.value(QStringLiteral("next_cursor"));
        if (!cursor.isNull() && !cursor.isString())
            return false;
        *nextCursor = cursor.toString();
    }
    *out = std::move(records);
    return true;
}

QString organizationPath(qint64 organizationId, const char* what)
{
    return QStringLiteral("/api/v1/organizations/%1/%2").arg(organizationId).arg(QLatin1String(what));
}

} // namespace

LoginJob::LoginJob(ApiClient* client, QString email, QString password, QObject* parent)
    : ApiJob(client, parent), m_email(std::move(email)), m_password(std::move(password))
{
}

QNetworkReply* LoginJob::send()
{
    QNetworkRequest request = client()->apiRequest(QStringLiteral("/api/v1/auth/login"));
    request.setAttribute(ApiClient::kAnonymousAttribute, true);
    const QJsonObject body{{QStringLiteral("email"), m_email}, {QStringLiteral("password"), m_password}};
    return client()->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

bool LoginJob::parse(const QByteArray& body)
{
    QJsonObject object;
    return parseObject(body, &object) && json::parseLogin(object, &m_result);
}

QNetworkReply* LogoutJob::send()
{
    return client()->post(client()->apiRequest(QStringLiteral("/api/v1/auth/logout")), QByteArray());
}

QNetworkReply* MeJob::send()
{
    return client()->get(client()->apiRequest(QStringLiteral("/api/v1/me")));
}

bool MeJob::parse(const QByteArray& body)
{
    QJsonObject object;
    return parseObject(body, &object) && json::parseMe(object, &m_result);
}

BalanceJob::BalanceJob(ApiClient* client, qint64 organizationId, QObject* parent)
    : ApiJob(client, parent), m_organizationId(organizationId)
{
}

QNetworkReply* BalanceJob::send()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("organization_id"), QString::number(m_organizationId));
    return client()->get(client()->apiRequest(QStringLiteral("/api/v1/credits/balance"), query));
}

bool BalanceJob::parse(const QByteArray& body)
{
    QJsonObject object;
    if (!parseObject(body, &object) || !json::parseBalance(object, &m_result))
        return false;
    m_result.organizationId = m_organizationId;
    return true;
}

TransactionsPageJob::TransactionsPageJob(ApiClient* client, qint64 organizationId, qint64 since,
                                         QString cursor, int limit, QObject* parent)
    : ApiJob(client, parent), m_organizationId(organizationId), m_since(since), m_cursor(std::move(cursor)),
      m_limit(limit)
{
}

QNetworkReply* TransactionsPageJob::send()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("organization_id"), QString::number(m_organizationId));
    query.addQueryItem(QStringLiteral("since"), QString::number(m_since));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    if (!m_cursor.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), m_cursor);
    return client()->get(client()->apiRequest(QStringLiteral("/api/v1/credits/transactions"), query));
}

bool TransactionsPageJob::parse(const QByteArray& body)
{
    if (!parseList(body, &m_transactions, json::parseTransaction, &m_nextCursor))
        return false;
    // With since, the server answers oldest first and only rows after since: anything else is garbled.
    qint64 previous = m_since;
    for (Transaction& transaction : m_transactions) {
        if (transaction.seq <= previous)
            return false;
        previous = transaction.seq;
        transaction.organizationId = m_organizationId;
    }
    return true;
}

CollectionPageJob::CollectionPageJob(ApiClient* client, SyncedCollection collection, qint64 organizationId,
                                     qint64 since, QString cursor, int limit, QObject* parent)
    : ApiJob(client, parent), m_collection(std::move(collection)), m_organizationId(organizationId),
      m_since(since), m_cursor(std::move(cursor)), m_limit(limit)
{
}

QNetworkReply* CollectionPageJob::send()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("organization_id"), QString::number(m_organizationId));
    query.addQueryItem(QStringLiteral("since"), QString::number(m_since));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_limit));
    if (!m_cursor.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), m_cursor);
    return client()->get(client()->apiRequest(m_collection.endpoint, query));
}

bool CollectionPageJob::parse(const QByteArray& body)
{
    const SyncedCollection& collection = m_collection;
    auto parseRow = [&collection](const QJsonObject& object, QVariantList* row) {
        return collection.rowFromJson(object, row);
    };
    if (!parseList(body, &m_rows, parseRow, &m_nextCursor))
        return false;
    // With since, the server answers oldest first and only rows after since: anything else is garbled.
    const int sinceIndex = m_collection.columnIndex(m_collection.sinceField);
    qint64 previous = m_since;
    for (const QVariantList& row : std::as_const(m_rows)) {
        const qint64 seq = row.value(sinceIndex).toLongLong();
        if (sinceIndex < 0 || seq <= previous)
            return false;
        previous = seq;
    }
    return true;
}

MembersJob::MembersJob(ApiClient* client, qint64 organizationId, QObject* parent)
    : ApiJob(client, parent), m_organizationId(organizationId)
{
}

QNetworkReply* MembersJob::send()
{
    return client()->get(client()->apiRequest(organizationPath(m_organizationId, "members")));
}

bool MembersJob::parse(const QByteArray& body)
{
    return parseList(body, &m_result, json::parseMember);
}

DepartmentsJob::DepartmentsJob(ApiClient* client, qint64 organizationId, QObject* parent)
    : ApiJob(client, parent), m_organizationId(organizationId)
{
}

QNetworkReply* DepartmentsJob::send()
{
    return client()->get(client()->apiRequest(organizationPath(m_organizationId, "departments")));
}

bool DepartmentsJob::parse(const QByteArray& body)
{
    return parseList(body, &m_result, json::parseDepartment);
}

UsageByDateJob::UsageByDateJob(ApiClient* client, qint64 organizationId, QDate start, QDate end,
                               QString since, QObject* parent)
    : ApiJob(client, parent), m_organizationId(organizationId), m_start(start), m_end(end),
      m_since(std::move(since))
{
}

QNetworkReply* UsageByDateJob::send()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("organization_id"), QString::number(m_organizationId));
    query.addQueryItem(QStringLiteral("start_date"), m_start.toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("end_date"), m_end.toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("granularity"), QStringLiteral("day"));
    if (!m_since.isEmpty())
        query.addQueryItem(QStringLiteral("since"), m_since);
    return client()->get(client()->apiRequest(QStringLiteral("/api/v1/metering/by-date"), query));
}

bool UsageByDateJob::parse(const QByteArray& body)
{
    QJsonObject object;
    if (!parseObject(body, &object) || !object.value(QStringLiteral("data")).isArray() ||
        !object.value(QStringLiteral("cursor")).isString())
        return false;
    m_cursor = object.value(QStringLiteral("cursor")).toString();
    m_days.clear();
    for (const QJsonValue& value : object.value(QStringLiteral("data")).toArray()) {
        const QJsonObject row = value.toObject();
        MeteredDay day;
        day.day = QDate::fromString(row.value(QStringLiteral("date")).toString(), Qt::ISODate);
        if (!day.day.isValid() || !json::readInteger(row.value(QStringLiteral("credits")), &day.credits) ||
            !json::readInteger(row.value(QStringLiteral("events")), &day.events) ||
            !json::readInteger(row.value(QStringLiteral("tokens_total")), &day.tokens) ||
            !json::readInteger(row.value(QStringLiteral("cost_micro_usd")), &day.costMicroUsd))
            return false;
        m_days.append(day);
    }
    return true;
}

JsonRequestJob::JsonRequestJob(ApiClient* client, QByteArray method, QString path, QJsonObject body,
                               QObject* parent)
    : ApiJob(client, parent), m_method(std::move(method)), m_path(std::move(path)), m_body(std::move(body))
{
}

QNetworkReply* JsonRequestJob::send()
{
    QString path = m_path;
    QUrlQuery query;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        query.setQuery(path.mid(question + 1));
        path.truncate(question);
    }
    QNetworkRequest request = client()->apiRequest(path, query);
    if (m_anonymous)
        request.setAttribute(ApiClient::kAnonymousAttribute, true);
    if (!m_bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_bearer);
    if (m_method == "GET")
        return client()->get(request);
    return client()->sendCustomRequest(request, m_method,
                                       QJsonDocument(m_body).toJson(QJsonDocument::Compact));
}

bool JsonRequestJob::parse(const QByteArray& body)
{
    if (body.trimmed().isEmpty())
        return true;
    return parseObject(body, &m_result);
}

} // namespace creditdesk
