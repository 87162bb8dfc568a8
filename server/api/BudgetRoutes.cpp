// Department budgets, member limits, budget requests and their history (docs/admin-guide.md,
// "Department budgets and member limits"). The ledger enforces them (ledger/BudgetGuard.h).
#include "api/ServerContext.h"
#include "core/Json.h"
#include "orgs/Budgets.h"

#include <QJsonArray>

#include <limits>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

const QString kDepartment = QStringLiteral("department");
const QString kMember = QStringLiteral("member");

// {"credits", "period": "month"|"total", "enforcement": "hard"|"soft", "reason"?}
BudgetTerms requiredTerms(const JsonBody& body)
{
    body.rejectUnknownFields({"credits", "period", "enforcement", "reason"});
    BudgetTerms terms;
    terms.credits = body.requiredInteger("credits", 0, kMaxAmount);
    terms.period = body.optionalString("period", 20).value_or(QStringLiteral("month"));
    if (terms.period != QLatin1String("month") && terms.period != QLatin1String("total"))
        throw ApiError::validation(QStringLiteral("period"),
                                   QStringLiteral("'period' must be 'month' or 'total'"));
    terms.enforcement = body.optionalString("enforcement", 20).value_or(QStringLiteral("hard"));
    if (terms.enforcement != QLatin1String("hard") && terms.enforcement != QLatin1String("soft"))
        throw ApiError::validation(QStringLiteral("enforcement"),
                                   QStringLiteral("'enforcement' must be 'hard' or 'soft'"));
    return terms;
}

QString termsSummary(const std::optional<BudgetTerms>& terms)
{
    return terms
               ? QStringLiteral("%1 credits/%2 %3").arg(terms->credits).arg(terms->period, terms->enforcement)
               : QStringLiteral("none");
}

ApiResponse changeResponse(const QString& scope, qint64 scopeId, const Budgets::Change& change)
{
    QJsonObject object{
        {scope == kMember ? QStringLiteral("user_id") : QStringLiteral("department_id"), scopeId},
        {QStringLiteral("old"), change.before ? QJsonValue(change.before->toJson()) : QJsonValue()},
        {QStringLiteral("new"), change.after ? QJsonValue(change.after->toJson()) : QJsonValue()}};
    ApiResponse response = jsonResponse(200, object);
    response.audit.targetType = scope == kMember ? QStringLiteral("member") : QStringLiteral("department");
    response.audit.targetId = scopeId;
    response.audit.summary = termsSummary(change.before) + QStringLiteral(" → ") + termsSummary(change.after);
    return response;
}

// PUT …/departments/{department_id}/budget and …/members/{user_id}/limit.
void setBudget(ServerContext& context, const Call& call, Responder respond, const QString& scope)
{
    const qint64 scopeId =
        parsePathId(call.request().pathParams[1],
                    scope == kMember ? QStringLiteral("Member") : QStringLiteral("Department"));
    const JsonBody& body = call.body();
    const BudgetTerms terms = requiredTerms(body);
    const auto reason = body.optionalString("reason", 500);
    const qint64 organizationId = call.organization().organizationId();
    const Attribution actor = actorOf(call.principal());
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            return changeResponse(scope, scopeId,
                                  Budgets(db, now).set(organizationId, scope, scopeId, terms, actor, reason));
        },
        std::move(respond));
}

void removeBudget(ServerContext& context, const Call& call, Responder respond, const QString& scope)
{
    const qint64 scopeId =
        parsePathId(call.request().pathParams[1],
                    scope == kMember ? QStringLiteral("Member") : QStringLiteral("Department"));
    if (!call.request().body.trimmed().isEmpty())
        call.body().rejectUnknownFields({});
    const qint64 organizationId = call.organization().organizationId();
    const Attribution actor = actorOf(call.principal());
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            return changeResponse(
                scope, scopeId, Budgets(db, now).remove(organizationId, scope, scopeId, actor, std::nullopt));
        },
        std::move(respond));
}

// A page of a list that is read newest first: one more row than asked tells whether there is a next one.
template<typename Entry> ApiResponse page(std::vector<Entry> entries, int limit)
{
    const bool more = static_cast<int>(entries.size()) > limit;
    if (more)
        entries.resize(static_cast<std::size_t>(limit));
    QJsonArray data;
    for (const Entry& entry : entries)
        data.append(entry.toJson());
    return listResponse(data, more ? QString::number(entries.back().id) : QString());
}

void createRequest(ServerContext& context, const Call& call, Responder respond)
{
    const OrganizationAccess& access = call.organization();
    const qint64 departmentId = parsePathId(call.request().pathParams[1], QStringLiteral("Department"));
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"credits", "reason"});
    const qint64 credits = body.requiredInteger("credits", 0, kMaxAmount);
    const QString reason = body.requiredString("reason", 500);
    // A manager asks for their own department's budget only.
    if (!call.principal().platformAdmin && access.departmentId() != departmentId)
        throw ApiError::forbidden(QStringLiteral("Budget requests are for your own department only"));
    const qint64 organizationId = access.organizationId();
    const qint64 userId = call.principal().userId;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const BudgetRequest request =
                Budgets(db, now).request(organizationId, departmentId, credits, reason, userId);
            ApiResponse response = jsonResponse(201, request.toJson());
            response.audit.targetType = QStringLiteral("budget_request");
            response.audit.targetId = request.id;
            response.audit.summary =
                QStringLiteral("department %1: %2 credits asked").arg(departmentId).arg(credits);
            return response;
        },
        std::move(respond));
}

ApiResponse listRequests(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const QString status = request.queryValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != QLatin1String("pending") && status != QLatin1String("approved") &&
        status != QLatin1String("rejected"))
        throw ApiError::validation(QStringLiteral("status"),
                                   QStringLiteral("'status' must be pending, approved or rejected"));
    const int limit = parseLimit(request, 1000);
    const auto cursor = parseCursor(request);
    return page(Budgets(context.store.reader(), context.clock.nowMs())
                    .requests(call.organization().organizationId(), status, cursor, limit + 1),
                limit);
}

void decideRequest(ServerContext& context, const Call& call, Responder respond, bool approve)
{
    const qint64 requestId = parsePathId(call.request().pathParams[1], QStringLiteral("Budget request"));
    std::optional<QString> note;
    if (!call.request().body.trimmed().isEmpty()) {
        call.body().rejectUnknownFields({"note"});
        note = call.body().optionalString("note", 500);
    }
    const qint64 organizationId = call.organization().organizationId();
    const Attribution actor = actorOf(call.principal());
    const qint64 userId = call.principal().userId;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            const BudgetRequest decided =
                Budgets(db, now).decide(organizationId, requestId, approve, note, actor, userId);
            ApiResponse response = jsonResponse(200, decided.toJson());
            response.audit.targetType = QStringLiteral("budget_request");
            response.audit.targetId = requestId;
            response.audit.summary = QStringLiteral("%1: department %2, %3 credits")
                                         .arg(decided.status)
                                         .arg(decided.departmentId)
                                         .arg(decided.credits);
            return response;
        },
        std::move(respond));
}

ApiResponse listHistory(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const int limit = parseLimit(request, 1000);
    const auto cursor = parseCursor(request);
    return page(Budgets(context.store.reader(), context.clock.nowMs())
                    .history(call.organization().organizationId(), cursor, limit + 1),
                limit);
}

} // namespace

void registerBudgetRoutes(RouteTable& routes)
{
    const QString organization = QStringLiteral("/api/v1/organizations/{id}");
    const QString budget = organization + QStringLiteral("/departments/{department_id}/budget");
    const QString limit = organization + QStringLiteral("/members/{user_id}/limit");
    const AccessRule manage = AccessRule::organization(Permission::ManageBudgets, Locate::Path);
    routes.addAsync("PUT", budget, manage, "budget.set",
                    [](ServerContext& context, const Call& call, Responder respond) {
                        setBudget(context, call, std::move(respond), kDepartment);
                    });
    routes.addAsync("DELETE", budget, manage, "budget.removed",
                    [](ServerContext& context, const Call& call, Responder respond) {
                        removeBudget(context, call, std::move(respond), kDepartment);
                    });
    routes.addAsync("PUT", limit, manage, "member_limit.set",
                    [](ServerContext& context, const Call& call, Responder respond) {
                        setBudget(context, call, std::move(respond), kMember);
                    });
    routes.addAsync("DELETE", limit, manage, "member_limit.removed",
                    [](ServerContext& context, const Call& call, Responder respond) {
                        removeBudget(context, call, std::move(respond), kMember);
                    });
    routes.addAsync("POST", organization + QStringLiteral("/departments/{department_id}/budget-requests"),
                    AccessRule::organization(Permission::RequestBudget, Locate::Path, true),
                    "budget_request.created", createRequest);
    routes.add("GET", organization + QStringLiteral("/budget-requests"),
               AccessRule::organization(Permission::ReadBudgets, Locate::Path), listRequests);
    routes.addAsync("POST", organization + QStringLiteral("/budget-requests/{request_id}/approve"), manage,
                    "budget_request.approved",
                    [](ServerContext& context, const Call& call, Responder respond) {
                        decideRequest(context, call, std::move(respond), true);
                    });
    routes.addAsync("POST", organization + QStringLiteral("/budget-requests/{request_id}/reject"), manage,
                    "budget_request.rejected",
                    [](ServerContext& context, const Call& call, Responder respond) {
                        decideRequest(context, call, std::move(respond), false);
                    });
    routes.add("GET", organization + QStringLiteral("/budget-history"),
               AccessRule::organization(Permission::ReadBudgets, Locate::Path), listHistory);
}

} // namespace creditdesk::server
