#pragma once

#include "api/ApiError.h"
#include "domain/UsageReport.h"

#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace creditdesk {

class ApiClient;

// What the Usage pane and the dashboard may ask of the server's usage reports: usage by model, member,
// department and by day and model over a date range, the forecast and the recommendations. The server
// scopes every answer to what the caller may see (members: their own; managers: their department). Like
// OrganizationClient: each call answers once through `done` on `context`'s thread, and every whole answer
// is announced with snapshotFetched() for the offline cache.
class UsageClient : public QObject
{
    Q_OBJECT

public:
    template<typename Result> using Done = std::function<void(const Result& result, const ApiError& error)>;

    // The resources announced with snapshotFetched().
    static constexpr const char* kByModelSnapshot = "usage-by-model";
    static constexpr const char* kByMemberSnapshot = "usage-by-member";
    static constexpr const char* kByDepartmentSnapshot = "usage-by-department";
    static constexpr const char* kByDayAndModelSnapshot = "usage-by-day-model";
    static constexpr const char* kForecastSnapshot = "usage-forecast";
    static constexpr const char* kRecommendationsSnapshot = "usage-recommendations";

    // Whose usage over which days (inclusive, UTC).
    struct Range
    {
        qint64 organizationId = 0;
        QDate from;
        QDate to;
    };

    explicit UsageClient(ApiClient* client, QObject* parent = nullptr);

    void byModel(const Range& range, QObject* context, Done<QList<UsageRow>> done);
    void byMember(const Range& range, QObject* context, Done<QList<UsageRow>> done);
    void byDepartment(const Range& range, QObject* context, Done<QList<UsageRow>> done);
    // The `top` models by credits per day, the rest as "other".
    void byDayAndModel(const Range& range, int top, QObject* context, Done<QList<DayModelUsage>> done);
    // With a member: that member's usage and limit (members may only ask for themselves).
    void forecast(qint64 organizationId, std::optional<qint64> memberId, QObject* context,
                  Done<UsageForecastReport> done);
    void recommendations(qint64 organizationId, std::optional<qint64> memberId, QObject* context,
                         Done<QList<UsageRecommendation>> done);

Q_SIGNALS:
    // A whole answer, as the server sent it, for CacheDatabase::storeSnapshot. Emitted before `done`.
    void snapshotFetched(qint64 organizationId, const QString& resource, const QJsonObject& document);

private:
    template<typename Result>
    void read(const QString& path, const QUrlQuery& query, qint64 organizationId, const char* resource,
              std::function<bool(const QJsonObject&, Result*)> parse, QObject* context, Done<Result> done);

    QPointer<ApiClient> m_client;
};

} // namespace creditdesk
