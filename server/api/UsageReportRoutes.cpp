// Usage reports (seed 004's /metering/* reads, seed 003's /billing/usage), served from the daily rollups
// and scoped like the transaction list: managers see their department, members themselves.
#include "api/MeteringRoutes.h"
#include "api/MeteringState.h"
#include "core/Json.h"
#include "metering/BillingTerms.h"
#include "metering/ReportLabels.h"
#include "metering/UsageAnalytics.h"
#include "metering/UsageReports.h"
#include "metering/UsageScope.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <map>
#include <set>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kMaxRangeDays = 3660;
const QDate kEpoch(1970, 1, 1);

QString dayText(qint64 day)
{
    return kEpoch.addDays(day).toString(Qt::ISODate);
}

std::optional<qint64> parseDay(const ApiRequest& request, const QString& name)
{
    if (!request.hasQuery(name))
        return std::nullopt;
    thread_local const QRegularExpression pattern(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}$)"));
    const QString text = request.queryValue(name);
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!pattern.match(text).hasMatch() || !date.isValid())
        throw ApiError::validation(name, QStringLiteral("'%1' must be a date written YYYY-MM-DD").arg(name));
    return kEpoch.daysTo(date);
}

// A parsed report request: whose usage, which days, the caller's row scope, and since/CSV options.
struct ReportRequest
{
    ReportQuery query;
    CreditTarget target;
    std::optional<qint64> since;
    bool csv = false;
    qint64 version = 0;
};

ReportRequest parseReportRequest(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    ReportRequest parsed;
    parsed.target = call.account();
    const qint64 today = context.clock.nowMs() / kDayMs;
    const qint64 to = parseDay(request, QStringLiteral("end_date")).value_or(today);
    const qint64 from = parseDay(request, QStringLiteral("start_date")).value_or(to - 29);
    if (from > to)
        throw ApiError::validation(QStringLiteral("start_date"),
                                   QStringLiteral("'start_date' is after 'end_date'"));
    if (to - from >= kMaxRangeDays)
        throw ApiError::validation(QStringLiteral("start_date"),
                                   QStringLiteral("A report covers at most %1 days").arg(kMaxRangeDays));
    parsed.query.scopeAccountId = parsed.target.accountId;
    parsed.query.fromDay = from;
    parsed.query.toDay = to;
    // The caller's scope narrows the report: members see themselves, managers their department; asking
    // for someone outside it is 403 (metering/UsageScope.h).
    const UsageScope scope =
        resolveUsageScope(context.store.reader(), parsed.target,
                          parseQueryInteger(request, QStringLiteral("member_id"), 1, kMaxId),
                          parseQueryInteger(request, QStringLiteral("department_id"), 1, kMaxId), false);
    parsed.query.memberId = scope.memberId;
    parsed.query.departmentId = scope.departmentId;
    parsed.since = parseQueryInteger(request, QStringLiteral("since"), 0, kMaxId);
    parsed.csv = request.accept.contains("text/csv");
    parsed.version = UsageReports(context.store.reader())
                         .currentVersion(); // read before the rows: a later change is not lost
    return parsed;
}

bool changedSince(const ReportRequest& request, const UsageTotals& totals)
{
    return !request.since || totals.version > *request.since;
}

QJsonObject envelope(const ReportRequest& request)
{
    return QJsonObject{{QStringLiteral("organization_id"), request.target.organizationId
                                                               ? QJsonValue(*request.target.organizationId)
                                                               : QJsonValue()},
                       {QStringLiteral("user_id"),
                        request.target.userId ? QJsonValue(*request.target.userId) : QJsonValue()},
                       {QStringLiteral("start_date"), dayText(request.query.fromDay)},
                       {QStringLiteral("end_date"), dayText(request.query.toDay)},
                       {QStringLiteral("cursor"), QString::number(request.version)}};
}

QJsonObject totalsJson(const UsageTotals& totals)
{
    QJsonObject object;
    totals.writeTo(object);
    return object;
}

const QStringList kTotalColumns{
    QStringLiteral("events"),        QStringLiteral("error_events"),   QStringLiteral("tokens_input"),
    QStringLiteral("tokens_output"), QStringLiteral("tokens_total"),   QStringLiteral("compute_ms"),
    QStringLiteral("units"),         QStringLiteral("cost_micro_usd"), QStringLiteral("markup_micro_usd"),
    QStringLiteral("credits"),       QStringLiteral("credits_micro"),  QStringLiteral("overage_credits"),
    QStringLiteral("amount_minor")};

QByteArray csvField(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return {};
    if (value.isBool())
        return value.toBool() ? "true" : "false";
    if (value.isString()) {
        QByteArray text = value.toString().toUtf8();
        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it as text (OWASP CSV injection).
        const bool formula = !text.isEmpty() && QByteArray("=+-@").contains(text.front());
        if (formula || text.contains(',') || text.contains('"') || text.contains('\n') ||
            text.contains('\r')) {
            text.replace("\"", "\"\"");
            return '"' + (formula ? "'" + text : text) + '"';
        }
        return text;
    }
    return QByteArray::number(value.toInteger());
}

// The rows of a report as JSON ({"data": rows} in the envelope) or, with Accept: text/csv, as CSV.
ApiResponse respond(const ReportRequest& request, QJsonObject object, const QJsonArray& rows,
                    const QStringList& keyColumns)
{
    if (!request.csv) {
        object.insert(QStringLiteral("data"), rows);
        return jsonResponse(200, object);
    }
    const QStringList columns = keyColumns + kTotalColumns;
    QByteArray body = columns.join(QLatin1Char(',')).toUtf8() + "\r\n";
    for (const QJsonValue& row : rows) {
        QByteArrayList fields;
        for (const QString& column : columns)
            fields.append(csvField(row.toObject().value(column)));
        body += fields.join(',') + "\r\n";
    }
    ApiResponse response;
    response.status = 200;
    response.contentType = "text/csv; charset=utf-8";
    response.body = body;
    return response;
}

QJsonArray modelRows(const ReportRequest& request, const std::vector<ReportRow>& rows)
{
    QJsonArray data;
    for (const ReportRow& row : rows) {
        if (!changedSince(request, row.totals))
            continue;
        const QString kind = row.key[0].toString();
        const QString model = row.key[2].toString();
        QJsonObject object{{QStringLiteral("kind"), kind},
                           {QStringLiteral("provider"), row.key[1].toString().isEmpty()
                                                            ? QJsonValue()
                                                            : QJsonValue(row.key[1].toString())},
                           {QStringLiteral("model"), model.isEmpty() ? QJsonValue() : QJsonValue(model)},
                           // Usage without a model (compute, search, …) is listed under its kind.
                           {QStringLiteral("label"), model.isEmpty() ? kind : model},
                           {QStringLiteral("free_model"), asInt(row.key[3]) != 0}};
        row.totals.writeTo(object);
        data.append(object);
    }
    return data;
}
const QStringList kModelColumns{QStringLiteral("label"), QStringLiteral("kind"), QStringLiteral("provider"),
                                QStringLiteral("model"), QStringLiteral("free_model")};

ApiResponse summary(ServerContext& context, const Call& call)
{
    const ReportRequest parsed = parseReportRequest(context, call);
    UsageReports reports(context.store.reader());
    UsageTotals totals;
    QJsonArray byKind;
    for (const ReportRow& row : reports.rows(parsed.query, ReportGrouping::Kind)) {
        totals.add(row.totals);
        QJsonObject object{{QStringLiteral("kind"), row.key[0].toString()}};
        row.totals.writeTo(object);
        byKind.append(object);
    }
    QJsonObject object = envelope(parsed);
    object.insert(QStringLiteral("totals"), totalsJson(totals));
    if (parsed.csv)
        return respond(parsed, object, QJsonArray{totalsJson(totals)}, {});
    object.insert(QStringLiteral("by_kind"), byKind);
    return jsonResponse(200, object);
}

ApiResponse byModel(ServerContext& context, const Call& call)
{
    const ReportRequest parsed = parseReportRequest(context, call);
    const auto rows = UsageReports(context.store.reader()).rows(parsed.query, ReportGrouping::Model);
    return respond(parsed, envelope(parsed), modelRows(parsed, rows), kModelColumns);
}

// by-date?group_by=model: per date bucket and model; with `top`, the models with the most credits in the
// range (ties by name) keep their rows and the rest is folded into one row per bucket labelled "other" (a
// stacked chart's series).
QJsonArray dateModelRows(ServerContext& context, const ReportRequest& parsed, bool monthly,
                         std::optional<qint64> top)
{
    const std::vector<ReportRow> rows =
        UsageReports(context.store.reader()).rows(parsed.query, ReportGrouping::DayModel);
    const auto labelOf = [](const ReportRow& row) {
        const QString model = row.key[3].toString();
        return model.isEmpty() ? row.key[1].toString() : model;
    };
    std::set<QString> kept;
    if (top) {
        QHash<QString, qint64> credits;
        for (const ReportRow& row : rows)
            credits[labelOf(row)] += row.totals.creditsMicro;
        std::vector<std::pair<qint64, QString>> ranked;
        for (auto it = credits.cbegin(); it != credits.cend(); ++it)
            ranked.emplace_back(-it.value(), it.key());
        std::sort(ranked.begin(), ranked.end());
        for (std::size_t i = 0; i < ranked.size() && static_cast<qint64>(i) < *top; ++i)
            kept.insert(ranked[i].second);
    }
    struct Bucket
    {
        QString kind;
        QString provider;
        QString model;
        UsageTotals totals;
    };
    std::map<std::pair<QString, QString>, Bucket> buckets; // (date, label) → totals; sorted by date, label
    for (const ReportRow& row : rows) {
        const QString date = dayText(asInt(row.key[0]));
        const QString label = labelOf(row);
        const bool other = top && !kept.count(label);
        Bucket& bucket = buckets[{monthly ? date.left(7) : date, other ? QStringLiteral("other") : label}];
        if (!other) {
            bucket.kind = row.key[1].toString();
            bucket.provider = row.key[2].toString();
            bucket.model = row.key[3].toString();
        }
        bucket.totals.add(row.totals);
    }
    const auto textOrNull = [](const QString& text) {
        return text.isEmpty() ? QJsonValue() : QJsonValue(text);
    };
    QJsonArray data;
    for (const auto& [key, bucket] : buckets) {
        if (!changedSince(parsed, bucket.totals))
            continue;
        QJsonObject object{{QStringLiteral("date"), key.first},
                           {QStringLiteral("label"), key.second},
                           {QStringLiteral("kind"), textOrNull(bucket.kind)},
                           {QStringLiteral("provider"), textOrNull(bucket.provider)},
                           {QStringLiteral("model"), textOrNull(bucket.model)}};
        bucket.totals.writeTo(object);
        data.append(object);
    }
    return data;
}

ApiResponse byDate(ServerContext& context, const Call& call)
{
    const QString granularity = call.request().queryValue(QStringLiteral("granularity"));
    if (!granularity.isEmpty() && granularity != QLatin1String("day") &&
        granularity != QLatin1String("month"))
        throw ApiError::validation(QStringLiteral("granularity"),
                                   QStringLiteral("'granularity' must be day or month"));
    const QString groupBy = call.request().queryValue(QStringLiteral("group_by"));
    if (!groupBy.isEmpty() && groupBy != QLatin1String("date") && groupBy != QLatin1String("model"))
        throw ApiError::validation(QStringLiteral("group_by"),
                                   QStringLiteral("'group_by' must be date or model"));
    const bool byModel = groupBy == QLatin1String("model");
    const auto top = parseQueryInteger(call.request(), QStringLiteral("top"), 1, 100);
    if (top && !byModel)
        throw ApiError::validation(QStringLiteral("top"),
                                   QStringLiteral("'top' applies to group_by=model only"));
    const bool monthly = granularity == QLatin1String("month");
    const ReportRequest parsed = parseReportRequest(context, call);
    QJsonObject object = envelope(parsed);
    object.insert(QStringLiteral("granularity"), monthly ? QStringLiteral("month") : QStringLiteral("day"));
    object.insert(QStringLiteral("group_by"), byModel ? QStringLiteral("model") : QStringLiteral("date"));
    if (byModel)
        return respond(parsed, object, dateModelRows(context, parsed, monthly, top),
                       {QStringLiteral("date"), QStringLiteral("label"), QStringLiteral("kind"),
                        QStringLiteral("provider"), QStringLiteral("model")});
    // Months are folded from the days here, so a month changed on one day is reported whole.
    std::vector<std::pair<QString, UsageTotals>> buckets;
    for (const ReportRow& row :
         UsageReports(context.store.reader()).rows(parsed.query, ReportGrouping::Day)) {
        const QString date = dayText(asInt(row.key[0]));
        const QString bucket = monthly ? date.left(7) : date;
        if (buckets.empty() || buckets.back().first != bucket)
            buckets.emplace_back(bucket, UsageTotals{});
        buckets.back().second.add(row.totals);
    }
    QJsonArray data;
    for (const auto& [bucket, totals] : buckets) {
        if (!changedSince(parsed, totals))
            continue;
        QJsonObject row{{QStringLiteral("date"), bucket}};
        totals.writeTo(row);
        data.append(row);
    }
    return respond(parsed, object, data, {QStringLiteral("date")});
}

ApiResponse byMember(ServerContext& context, const Call& call)
{
    const ReportRequest parsed = parseReportRequest(context, call);
    SqlConnection& reader = context.store.reader();
    const std::vector<ReportRow> rows = UsageReports(reader).rows(parsed.query, ReportGrouping::Member);
    QList<qint64> memberIds;
    for (const ReportRow& row : rows)
        if (changedSince(parsed, row.totals) && asInt(row.key[0]))
            memberIds.append(asInt(row.key[0]));
    const QHash<qint64, ReportLabels::MemberLabel> users = ReportLabels(reader).members(memberIds);
    QJsonArray data;
    for (const ReportRow& row : rows) {
        if (!changedSince(parsed, row.totals))
            continue;
        const qint64 memberId = asInt(row.key[0]);
        const qint64 departmentId = asInt(row.key[1]);
        QJsonObject object{
            {QStringLiteral("member_id"), memberId ? QJsonValue(memberId) : QJsonValue()},
            {QStringLiteral("department_id"), departmentId ? QJsonValue(departmentId) : QJsonValue()},
            {QStringLiteral("name"), QJsonValue()},
            {QStringLiteral("email"), QJsonValue()}};
        if (const auto user = users.constFind(memberId); user != users.constEnd()) {
            object.insert(QStringLiteral("name"), user->name);
            object.insert(QStringLiteral("email"), user->email);
        }
        row.totals.writeTo(object);
        data.append(object);
    }
    return respond(parsed, envelope(parsed), data,
                   {QStringLiteral("member_id"), QStringLiteral("name"), QStringLiteral("email"),
                    QStringLiteral("department_id")});
}

ApiResponse byDepartment(ServerContext& context, const Call& call)
{
    const ReportRequest parsed = parseReportRequest(context, call);
    SqlConnection& reader = context.store.reader();
    const std::vector<ReportRow> rows = UsageReports(reader).rows(parsed.query, ReportGrouping::Department);
    QList<qint64> departmentIds;
    for (const ReportRow& row : rows)
        if (changedSince(parsed, row.totals) && asInt(row.key[0]))
            departmentIds.append(asInt(row.key[0]));
    const QHash<qint64, QString> departments = ReportLabels(reader).departments(departmentIds);
    QJsonArray data;
    for (const ReportRow& row : rows) {
        if (!changedSince(parsed, row.totals))
            continue;
        const qint64 departmentId = asInt(row.key[0]);
        QJsonObject object{
            {QStringLiteral("department_id"), departmentId ? QJsonValue(departmentId) : QJsonValue()},
            {QStringLiteral("name"), QJsonValue()}};
        if (const auto department = departments.constFind(departmentId); department != departments.constEnd())
            object.insert(QStringLiteral("name"), *department);
        row.totals.writeTo(object);
        data.append(object);
    }
    return respond(parsed, envelope(parsed), data, {QStringLiteral("department_id"), QStringLiteral("name")});
}

ApiResponse freeTier(ServerContext& context, const Call& call)
{
    ReportRequest parsed = parseReportRequest(context, call);
    parsed.query.freeModelsOnly = true;
    const auto rows = UsageReports(context.store.reader()).rows(parsed.query, ReportGrouping::Model);
    UsageTotals totals;
    for (const ReportRow& row : rows)
        totals.add(row.totals);
    QJsonObject object = envelope(parsed);
    object.insert(QStringLiteral("totals"), totalsJson(totals));
    BillingTerms billingTerms(context.store.reader());
    const auto terms = parsed.target.organizationId
                           ? billingTerms.ofOrganization(*parsed.target.organizationId)
                           : billingTerms.ofUser(parsed.target.userId.value_or(0));
    object.insert(QStringLiteral("tier"), terms ? terms->tier : QStringLiteral("free"));
    return respond(parsed, object, modelRows(parsed, rows), kModelColumns);
}

ApiResponse billingUsage(ServerContext& context, const Call& call)
{
    const ReportRequest parsed = parseReportRequest(context, call);
    const auto rows = UsageReports(context.store.reader()).rows(parsed.query, ReportGrouping::Model);
    UsageTotals totals;
    for (const ReportRow& row : rows)
        totals.add(row.totals);
    QJsonObject object = envelope(parsed);
    object.insert(QStringLiteral("totals"), totalsJson(totals));
    return respond(parsed, object, modelRows(parsed, rows), kModelColumns);
}

// Whose usage a forecast or recommendation is about: the account's, a department's or a member's, as the
// caller may see it (members: their own, also when they leave member_id out).
UsageScope analyticsScope(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    return resolveUsageScope(context.store.reader(), call.account(),
                             parseQueryInteger(request, QStringLiteral("member_id"), 1, kMaxId),
                             parseQueryInteger(request, QStringLiteral("department_id"), 1, kMaxId), true);
}

QJsonObject analyticsEnvelope(const Call& call, const UsageScope& scope)
{
    const CreditTarget& target = call.account();
    const auto orNull = [](const std::optional<qint64>& id) { return id ? QJsonValue(*id) : QJsonValue(); };
    return QJsonObject{{QStringLiteral("organization_id"), orNull(target.organizationId)},
                       {QStringLiteral("user_id"), orNull(target.userId)},
                       {QStringLiteral("member_id"), orNull(scope.memberId)},
                       {QStringLiteral("department_id"),
                        orNull(scope.memberId ? scope.memberDepartmentId : scope.departmentId)}};
}

ApiResponse forecastRoute(ServerContext& context, const Call& call)
{
    const UsageScope scope = analyticsScope(context, call);
    const UsageForecast result = UsageAnalytics(context.store.reader(), context.clock.nowMs())
                                     .forecast(call.account().accountId, scope);
    QJsonObject object = analyticsEnvelope(call, scope);
    const QJsonObject body = result.toJson();
    for (auto it = body.begin(); it != body.end(); ++it)
        object.insert(it.key(), it.value());
    return jsonResponse(200, object);
}

ApiResponse recommendationsRoute(ServerContext& context, const Call& call)
{
    const UsageScope scope = analyticsScope(context, call);
    QJsonArray data;
    for (const recommend::Recommendation& recommendation :
         UsageAnalytics(context.store.reader(), context.clock.nowMs())
             .recommendations(call.account().accountId, scope))
        data.append(recommendation.toJson());
    QJsonObject object = analyticsEnvelope(call, scope);
    object.insert(QStringLiteral("data"), data);
    return jsonResponse(200, object);
}

} // namespace

void registerUsageReportRoutes(RouteTable& routes, const std::shared_ptr<MeteringModule::State>&)
{
    const AccessRule readAccount = AccessRule::account(CreditAction::Read, Locate::Query);
    routes.add("GET", QStringLiteral("/api/v1/metering/summary"), readAccount, summary);
    routes.add("GET", QStringLiteral("/api/v1/metering/by-model"), readAccount, byModel);
    routes.add("GET", QStringLiteral("/api/v1/metering/by-date"), readAccount, byDate);
    routes.add("GET", QStringLiteral("/api/v1/metering/by-member"), readAccount, byMember);
    routes.add("GET", QStringLiteral("/api/v1/metering/by-department"), readAccount, byDepartment);
    routes.add("GET", QStringLiteral("/api/v1/metering/free-tier"), readAccount, freeTier);
    routes.add("GET", QStringLiteral("/api/v1/billing/usage"), readAccount, billingUsage);
    routes.add("GET", QStringLiteral("/api/v1/metering/forecast"), readAccount, forecastRoute);
    routes.add("GET", QStringLiteral("/api/v1/metering/recommendations"), readAccount, recommendationsRoute);
}

} // namespace creditdesk::server
