#pragma once

#include "api/JsonParsers.h"
#include "domain/UsageReport.h"

#include <QJsonObject>

namespace creditdesk::json {

// Readers for the usage reports, the forecast and the recommendations (GET /api/v1/metering/…). The
// figures the pane shows are required; fields a newer server adds are read leniently.
bool parseModelUsageRow(const QJsonObject& object, UsageRow* out);
bool parseMemberUsageRow(const QJsonObject& object, UsageRow* out);
bool parseDepartmentUsageRow(const QJsonObject& object, UsageRow* out);
bool parseDayModelUsage(const QJsonObject& object, DayModelUsage* out);
bool parseUsageForecast(const QJsonObject& object, UsageForecastReport* out);
bool parseUsageRecommendation(const QJsonObject& object, UsageRecommendation* out);

} // namespace creditdesk::json
