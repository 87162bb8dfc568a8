#include "api/UsageClient.h"

#include "api/ApiClient.h"
#include "api/RequestJob.h"
#include "api/UsageParsers.h"

#include <memory>

namespace creditdesk {

namespace {

QUrlQuery accountQuery(qint64 organizationId)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("organization_id"), QString::number(organizationId));
    return query;
}

QUrlQuery rangeQuery(const UsageClient::Range& range)
{
    QUrlQuery query = accountQuery(range.organizationId);
    query.addQueryItem(QStringLiteral("start_date"), range.from.toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("end_date"), range.to.toString(Qt::ISODate));
    return query;
}

template<typename Record, typename Parser> auto listReader(Parser parser)
{
    return std::function<bool(const QJsonObject&, QList<Record>*)>(
        [parser](const QJsonObject& answer, QList<Record>* out) {
            return json::parseDataList(answer, out, parser);
        });
}

} // namespace

UsageClient::UsageClient(ApiClient* client, QObject* parent) : QObject(parent), m_client(client) {}

template<typename Result>
void UsageClient::read(const QString& path, const QUrlQuery& query, qint64 organizationId,
                       const char* resource, std::function<bool(const QJsonObject&, Result*)> parse,
                       QObject* context, Done<Result> done)
{
    auto answer = std::make_shared<QJsonObject>();
    QPointer<UsageClient> self(this);
    runRequest<Result>(
        m_client, "GET", path, query, {}, {},
        [answer, parse = std::move(parse)](const QJsonObject& object, Result* out) {
            *answer = object;
            return parse(object, out);
        },
        context,
        [self, answer, organizationId, resource, done = std::move(done)](const Result& result,
                                                                         const ApiError& error) {
            if (!error.isError() && self)
                Q_EMIT self->snapshotFetched(organizationId, QString::fromLatin1(resource), *answer);
            done(result, error);
        },
        {});
}

void UsageClient::byModel(const Range& range, QObject* context, Done<QList<UsageRow>> done)
{
    read<QList<UsageRow>>(QStringLiteral("/api/v1/metering/by-model"), rangeQuery(range),
                          range.organizationId, kByModelSnapshot,
                          listReader<UsageRow>(json::parseModelUsageRow), context, std::move(done));
}

void UsageClient::byMember(const Range& range, QObject* context, Done<QList<UsageRow>> done)
{
    read<QList<UsageRow>>(QStringLiteral("/api/v1/metering/by-member"), rangeQuery(range),
                          range.organizationId, kByMemberSnapshot,
                          listReader<UsageRow>(json::parseMemberUsageRow), context, std::move(done));
}

void UsageClient::byDepartment(const Range& range, QObject* context, Done<QList<UsageRow>> done)
{
    read<QList<UsageRow>>(QStringLiteral("/api/v1/metering/by-department"), rangeQuery(range),
                          range.organizationId, kByDepartmentSnapshot,
                          listReader<UsageRow>(json::parseDepartmentUsageRow), context, std::move(done));
}

void UsageClient::byDayAndModel(const Range& range, int top, QObject* context,
                                Done<QList<DayModelUsage>> done)
{
    QUrlQuery query = rangeQuery(range);
    query.addQueryItem(QStringLiteral("granularity"), QStringLiteral("day"));
    query.addQueryItem(QStringLiteral("group_by"), QStringLiteral("model"));
    query.addQueryItem(QStringLiteral("top"), QString::number(top));
    read<QList<DayModelUsage>>(QStringLiteral("/api/v1/metering/by-date"), query, range.organizationId,
                               kByDayAndModelSnapshot, listReader<DayModelUsage>(json::parseDayModelUsage),
                               context, std::move(done));
}

void UsageClient::forecast(qint64 organizationId, std::optional<qint64> memberId, QObject* context,
                           Done<UsageForecastReport> done)
{
    QUrlQuery query = accountQuery(organizationId);
    if (memberId)
        query.addQueryItem(QStringLiteral("member_id"), QString::number(*memberId));
    read<UsageForecastReport>(QStringLiteral("/api/v1/metering/forecast"), query, organizationId,
                              kForecastSnapshot, json::parseUsageForecast, context, std::move(done));
}

void UsageClient::recommendations(qint64 organizationId, std::optional<qint64> memberId, QObject* context,
                                  Done<QList<UsageRecommendation>> done)
{
    QUrlQuery query = accountQuery(organizationId);
    if (memberId)
        query.addQueryItem(QStringLiteral("member_id"), QString::number(*memberId));
    read<QList<UsageRecommendation>>(
        QStringLiteral("/api/v1/metering/recommendations"), query, organizationId, kRecommendationsSnapshot,
        listReader<UsageRecommendation>(json::parseUsageRecommendation), context, std::move(done));
}

} // namespace creditdesk
