#include "api/UsageParsers.h"

#include <QJsonArray>

namespace creditdesk::json {

namespace {

QString key(const char* name)
{
    return QString::fromLatin1(name);
}

bool readOptionalTimestamp(const QJsonValue& value, std::optional<QDateTime>* out)
{
    if (value.isNull() || value.isUndefined()) {
        out->reset();
        return true;
    }
    QDateTime time;
    if (!readTimestamp(value, &time))
        return false;
    *out = time;
    return true;
}

// A figure a newer server adds: missing or null reads as 0.
bool lenientFigure(const QJsonObject& object, const char* name, qint64* out)
{
    const QJsonValue value = object.value(key(name));
    if (value.isNull() || value.isUndefined()) {
        *out = 0;
        return true;
    }
    return readInteger(value, out);
}

// Missing or null: none.
bool lenientOptional(const QJsonObject& object, const char* name, std::optional<qint64>* out)
{
    const QJsonValue value = object.value(key(name));
    return readOptionalInteger(value.isUndefined() ? QJsonValue() : value, out);
}

// The totals every report row carries (UsageTotals::writeTo on the server). Credits spent are what the
// balance paid plus what went into overage.
bool readTotals(const QJsonObject& object, UsageRow* out)
{
    qint64 overage = 0;
    if (!readInteger(object.value(key("events")), &out->requests) ||
        !readInteger(object.value(key("tokens_input")), &out->tokensInput) ||
        !readInteger(object.value(key("tokens_output")), &out->tokensOutput) ||
        !readInteger(object.value(key("credits")), &out->credits) ||
        !lenientFigure(object, "overage_credits", &overage))
        return false;
    out->credits += overage;
    return true;
}

} // namespace

bool parseModelUsageRow(const QJsonObject& object, UsageRow* out)
{
    out->id.reset();
    return readString(object, "label", &out->label) && readTotals(object, out);
}

bool parseMemberUsageRow(const QJsonObject& object, UsageRow* out)
{
    return readOptionalInteger(object.value(key("member_id")), &out->id) &&
           readString(object, "name", &out->label, true) && readString(object, "email", &out->email, true) &&
           readTotals(object, out);
}

bool parseDepartmentUsageRow(const QJsonObject& object, UsageRow* out)
{
    return readOptionalInteger(object.value(key("department_id")), &out->id) &&
           readString(object, "name", &out->label, true) && readTotals(object, out);
}

bool parseDayModelUsage(const QJsonObject& object, DayModelUsage* out)
{
    QString date;
    UsageRow totals;
    if (!readString(object, "date", &date) || !readString(object, "label", &out->label) ||
        !readTotals(object, &totals))
        return false;
    out->day = QDate::fromString(date, Qt::ISODate);
    out->requests = totals.requests;
    out->tokens = totals.tokens();
    out->credits = totals.credits;
    return out->day.isValid();
}

bool parseUsageForecast(const QJsonObject& object, UsageForecastReport* out)
{
    if (!lenientOptional(object, "member_id", &out->memberId) ||
        !readInteger(object.value(key("burn_rate_7d")), &out->burnRate7d) ||
        !readInteger(object.value(key("burn_rate_30d")), &out->burnRate30d) ||
        !readInteger(object.value(key("projected_period_usage")), &out->projectedPeriodUsage) ||
        !readInteger(object.value(key("allowance")), &out->allowance) ||
        !lenientFigure(object, "period_usage", &out->periodUsage) ||
        !lenientFigure(object, "available", &out->available) ||
        !lenientOptional(object, "limit_remaining", &out->limitRemaining) ||
        !readOptionalTimestamp(object.value(key("run_out_at")), &out->runOutAt) ||
        !readOptionalTimestamp(object.value(key("period_start")), &out->periodStart) ||
        !readOptionalTimestamp(object.value(key("period_end")), &out->periodEnd))
        return false;
    const QJsonValue expiring = object.value(key("expiring_unused"));
    const QJsonValue models = object.value(key("by_model"));
    if (!expiring.isArray() || !models.isArray())
        return false;
    out->expiringUnused.clear();
    for (const QJsonValue& value : expiring.toArray()) {
        const QJsonObject entry = value.toObject();
        ExpiringCredits credits;
        if (!readInteger(entry.value(key("grant_id")), &credits.grantId) ||
            !readTimestamp(entry.value(key("expires_at")), &credits.expiresAt) ||
            !readInteger(entry.value(key("credits")), &credits.credits))
            return false;
        out->expiringUnused.append(credits);
    }
    out->byModel.clear();
    for (const QJsonValue& value : models.toArray()) {
        const QJsonObject entry = value.toObject();
        ModelTrend trend;
        if (!readString(entry, "model", &trend.model) ||
            !readInteger(entry.value(key("credits_30d")), &trend.credits30d) ||
            !readInteger(entry.value(key("trend_percent")), &trend.trendPercent))
            return false;
        out->byModel.append(trend);
    }
    return true;
}

bool parseUsageRecommendation(const QJsonObject& object, UsageRecommendation* out)
{
    return readString(object, "kind", &out->kind) && readString(object, "title", &out->title) &&
           readInteger(object.value(key("saving_credits_per_month")), &out->savingCreditsPerMonth) &&
           readString(object, "basis", &out->basis, true);
}

} // namespace creditdesk::json
