// Alert rules, the alerts feed and the quota status for gateways (docs/admin-guide.md, "Alerts"). Rules fire
// in the ledger's charge paths (alerts/AlertEngine.h); these routes parse, call and render.
#include "alerts/AlertFeed.h"
#include "alerts/AlertRules.h"
#include "alerts/Quota.h"
#include "api/ServerContext.h"
#include "core/Json.h"
#include "core/JsonWriter.h"

#include <QJsonArray>

#include <limits>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

ApiResponse ruleResponse(int status, const AlertRule& rule, const QString& summary)
{
    ApiResponse response = jsonResponse(status, rule.toJson());
    response.audit.targetType = QStringLiteral("alert_rule");
    response.audit.targetId = rule.id;
    response.audit.summary = summary;
    return response;
}

QString ruleSummary(const AlertRule& rule)
{
    return QStringLiteral("%1 %2 %3%4")
        .arg(rule.kind)
        .arg(rule.threshold)
        .arg(rule.level, rule.enabled ? QString() : QStringLiteral(" (off)"));
}

ApiResponse listRules(ServerContext& context, const Call& call)
{
    QJsonArray data;
    for (const AlertRule& rule :
         AlertRules(context.store.reader(), context.clock.nowMs()).list(call.account().accountId))
        data.append(rule.toJson());
    return listResponse(data, QString());
}

// POST {"organization_id"|"user_id", "kind", "threshold", "level"}
void createRule(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"organization_id", "user_id", "kind", "threshold", "level"});
    const QString kind = body.requiredString("kind", 40);
    if (!isAlertKind(kind))
        throw ApiError::validation(
            QStringLiteral("kind"),
            QStringLiteral("'kind' must be allowance_used, low_balance, credits_expiring, "
                           "department_budget or member_limit"));
    const qint64 threshold = body.requiredInteger("threshold", 1, kMaxAmount);
    AlertRules::checkThreshold(kind, threshold);
    const QString level = body.optionalString("level", 20).value_or(QStringLiteral("warning"));
    if (level != QLatin1String("warning") && level != QLatin1String("critical"))
        throw ApiError::validation(QStringLiteral("level"),
                                   QStringLiteral("'level' must be warning or critical"));
    const qint64 accountId = call.account().accountId;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const AlertRule rule = AlertRules(db, now).create(accountId, kind, threshold, level);
            return ruleResponse(201, rule, ruleSummary(rule));
        },
        std::move(respond));
}

// PATCH {"threshold"?, "enabled"?}
void updateRule(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"threshold", "enabled"});
    const auto threshold = body.optionalInteger("threshold", 1, kMaxAmount);
    std::optional<bool> enabled;
    if (body.has("enabled")) {
        const QJsonValue value = body.object().value(QLatin1String("enabled"));
        if (!value.isBool())
            throw ApiError::validation(QStringLiteral("enabled"),
                                       QStringLiteral("'enabled' must be true or false"));
        enabled = value.toBool();
    }
    const qint64 ruleId = call.resourceId();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            AlertRules rules(db, now);
            const AlertRule before = *rules.find(ruleId);
            const AlertRule after = rules.update(ruleId, threshold, enabled);
            return ruleResponse(200, after, ruleSummary(before) + QStringLiteral(" → ") + ruleSummary(after));
        },
        std::move(respond));
}

void deleteRule(ServerContext& context, const Call& call, Responder respond)
{
    if (!call.request().body.trimmed().isEmpty())
        call.body().rejectUnknownFields({});
    const qint64 ruleId = call.resourceId();
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const AlertRule rule = AlertRules(db, now).remove(ruleId);
            return ruleResponse(200, rule, ruleSummary(rule));
        },
        std::move(respond));
}

// Callers who see only part of the pool (members, managers) see the member_limit alerts about themselves.
std::optional<qint64> ownAlertsOnly(const Call& call)
{
    const CreditTarget& target = call.account();
    return target.onlyMemberId || target.onlyDepartmentId ? std::optional(call.principal().userId)
                                                          : std::nullopt;
}

// GET ?organization_id=|user_id=&since=&limit=&cursor=
ApiResponse listAlerts(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const qint64 since = parseQueryInteger(request, QStringLiteral("since"), 0, kMaxId).value_or(0);
    const int limit = parseLimit(request, 1000);
    const qint64 after = std::max(since, parseCursor(request).value_or(0));
    const AlertFeed::Page page = AlertFeed(context.store.reader(), context.clock.nowMs())
                                     .list(call.account().accountId, after, limit, ownAlertsOnly(call));
    return listResponse(page.data, page.nextCursor ? QString::number(*page.nextCursor) : QString());
}

void acknowledgeAlert(ServerContext& context, const Call& call, Responder respond)
{
    if (!call.request().body.trimmed().isEmpty())
        call.body().rejectUnknownFields({});
    const qint64 alertId = call.resourceId();
    const qint64 accountId = call.account().accountId;
    const auto onlyMemberId = ownAlertsOnly(call);
    const std::optional<qint64> userId =
        call.principal().isUser() ? std::optional(call.principal().userId) : std::nullopt;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            ApiResponse response =
                jsonResponse(200, AlertFeed(db, now).acknowledge(alertId, accountId, onlyMemberId, userId));
            response.audit.targetType = QStringLiteral("alert");
            response.audit.targetId = alertId;
            return response;
        },
        std::move(respond));
}

// GET ?organization_id=|user_id=&member_id=
ApiResponse quota(ServerContext& context, const Call& call)
{
    const CreditTarget& target = call.account();
    const auto memberId = parseQueryInteger(call.request(), QStringLiteral("member_id"), 1, kMaxId);
    if (memberId && !target.organizationId)
        throw ApiError::validation(QStringLiteral("member_id"),
                                   QStringLiteral("'member_id' needs an organization's account"));
    // Who sees only part of the pool asks for themselves.
    if ((target.onlyMemberId || target.onlyDepartmentId) &&
        memberId != std::optional(call.principal().userId))
        throw ApiError::forbidden(
            QStringLiteral("Members may ask for their own quota only (member_id = you)"));
    const QuotaStatus status = Quota(context.store.reader(), context.clock.nowMs())
                                   .status(target.accountId, target.organizationId, memberId);
    JsonWriter out; // a hot path: written straight to bytes
    status.writeJson(out);
    ApiResponse response;
    response.body = out.take();
    return response;
}

} // namespace

void registerAlertRoutes(RouteTable& routes)
{
    const QString rules = QStringLiteral("/api/v1/alerts/rules");
    routes.add("GET", rules, AccessRule::billingAccount(Permission::ManageAlerts, Locate::Query), listRules);
    routes.addAsync("POST", rules, AccessRule::billingAccount(Permission::ManageAlerts, Locate::Body),
                    "alert_rule.created", createRule);
    routes.addAsync("PATCH", rules + QStringLiteral("/{id}"), AccessRule::alertRule(Permission::ManageAlerts),
                    "alert_rule.updated", updateRule);
    routes.addAsync("DELETE", rules + QStringLiteral("/{id}"),
                    AccessRule::alertRule(Permission::ManageAlerts), "alert_rule.deleted", deleteRule);
    routes.add("GET", QStringLiteral("/api/v1/alerts"),
               AccessRule::account(CreditAction::Read, Locate::Query), listAlerts);
    routes.addAsync("POST", QStringLiteral("/api/v1/alerts/{id}/acknowledge"),
                    AccessRule::alert(CreditAction::Read), "alert.acknowledged", acknowledgeAlert);
    routes.add("GET", QStringLiteral("/api/v1/quota"), AccessRule::account(CreditAction::Read, Locate::Query),
               quota);
}

} // namespace creditdesk::server
