#include "api/OrganizationClient.h"

#include "api/ApiClient.h"
#include "api/OrganizationParsers.h"
#include "api/RequestJob.h"

#include <QJsonArray>

#include <memory>

namespace creditdesk {

namespace {

QString organizationPath(qint64 organizationId, const QString& rest)
{
    return QStringLiteral("/api/v1/organizations/%1%2").arg(organizationId).arg(rest);
}

QJsonObject limitJson(const BudgetLimit& limit)
{
    return {{QStringLiteral("credits"), limit.credits},
            {QStringLiteral("period"), limit.period},
            {QStringLiteral("enforcement"), limit.enforcement}};
}

template<typename Record> struct PageOf
{
    QList<Record> records;
    QJsonArray data; // the records as the server sent them (snapshotFetched)
    QString nextCursor;
};

// Enough for any organization; a server that keeps answering with a cursor is cut off there.
constexpr int kMaxPages = 200;

} // namespace

OrganizationClient::OrganizationClient(ApiClient* client, QObject* parent) : QObject(parent), m_client(client)
{
}

template<typename Result>
void OrganizationClient::run(QByteArray method, const QString& path, const QUrlQuery& query,
                             const QJsonObject& body, const QByteArray& idempotencyKey,
                             std::function<bool(const QJsonObject&, Result*)> read, QObject* context,
                             Done<Result> done, std::optional<qint64> changes)
{
    QPointer<OrganizationClient> self(this);
    runRequest<Result>(m_client, std::move(method), path, query, body, idempotencyKey, std::move(read),
                       context, std::move(done), [self, changes] {
                           if (changes && self)
                               Q_EMIT self->organizationChanged(*changes);
                       });
}

template<typename Record, typename Parser>
void OrganizationClient::list(const QString& path, const QUrlQuery& query, Parser parser, QObject* context,
                              Done<QList<Record>> done, SnapshotKey snapshot, QList<Record> before,
                              QJsonArray beforeData, int pages)
{
    QPointer<OrganizationClient> self(this);
    QPointer<QObject> guard(context);
    run<PageOf<Record>>(
        "GET", path, query, {}, {},
        [parser](const QJsonObject& answer, PageOf<Record>* out) {
            if (!json::parseDataList(answer, &out->records, parser))
                return false;
            out->data = answer.value(QStringLiteral("data")).toArray();
            const QJsonValue next = answer.value(QStringLiteral("next_cursor"));
            out->nextCursor = next.isString() ? next.toString() : QString();
            return true;
        },
        context,
        [self, guard, path, query, parser, done, snapshot, before, beforeData,
         pages](const PageOf<Record>& page, const ApiError& error) {
            if (error.isError()) {
                done({}, error);
                return;
            }
            QList<Record> records = before + page.records;
            QJsonArray data = beforeData;
            for (const QJsonValue& value : page.data)
                data.append(value);
            if (page.nextCursor.isEmpty() || pages + 1 >= kMaxPages || !self || !guard) {
                // Only a complete list is a snapshot (not one cut off at kMaxPages or by its context).
                if (self && page.nextCursor.isEmpty() && !snapshot.resource.isEmpty())
                    Q_EMIT self->snapshotFetched(snapshot.organizationId, snapshot.resource,
                                                 QJsonObject{{QStringLiteral("data"), data}});
                done(records, {});
                return;
            }
            QUrlQuery next = query;
            next.removeAllQueryItems(QStringLiteral("cursor"));
            next.addQueryItem(QStringLiteral("cursor"), page.nextCursor);
            self->list<Record>(path, next, parser, guard, done, snapshot, records, data, pages + 1);
        });
}

void OrganizationClient::write(QByteArray method, const QString& path, const QJsonObject& body,
                               qint64 organizationId, QObject* context, Done<bool> done)
{
    // The answer's body does not matter (204, the changed record, …): success is the status.
    run<bool>(
        std::move(method), path, {}, body, {},
        [](const QJsonObject&, bool* out) {
            *out = true;
            return true;
        },
        context, std::move(done), organizationId);
}

void OrganizationClient::members(qint64 organizationId, QObject* context, Done<QList<OrgMember>> done)
{
    list<OrgMember>(organizationPath(organizationId, QStringLiteral("/members")), QUrlQuery(),
                    json::parseOrgMember, context, std::move(done),
                    {organizationId, QString::fromLatin1(kMembersSnapshot)});
}

void OrganizationClient::departments(qint64 organizationId, QObject* context, Done<QList<OrgDepartment>> done)
{
    list<OrgDepartment>(organizationPath(organizationId, QStringLiteral("/departments")), QUrlQuery(),
                        json::parseOrgDepartment, context, std::move(done),
                        {organizationId, QString::fromLatin1(kDepartmentsSnapshot)});
}

void OrganizationClient::invitations(qint64 organizationId, QObject* context, Done<QList<Invitation>> done)
{
    list<Invitation>(organizationPath(organizationId, QStringLiteral("/invitations")), QUrlQuery(),
                     json::parseInvitation, context, std::move(done),
                     {organizationId, QString::fromLatin1(kInvitationsSnapshot)});
}

void OrganizationClient::invite(qint64 organizationId, const QString& email, const QString& role,
                                std::optional<qint64> departmentId, QObject* context, Done<Invitation> done)
{
    QJsonObject body{{QStringLiteral("email"), email}, {QStringLiteral("role"), role}};
    if (departmentId)
        body.insert(QStringLiteral("department_id"), *departmentId);
    run<Invitation>("POST", organizationPath(organizationId, QStringLiteral("/invitations")), {}, body, {},
                    json::parseInvitation, context, std::move(done), organizationId);
}

void OrganizationClient::revokeInvitation(qint64 organizationId, qint64 invitationId, QObject* context,
                                          Done<bool> done)
{
    write("DELETE", organizationPath(organizationId, QStringLiteral("/invitations/%1").arg(invitationId)), {},
          organizationId, context, std::move(done));
}

void OrganizationClient::acceptInvitation(const QString& token, const QString& name, const QString& password,
                                          QObject* context, Done<AcceptedInvitation> done)
{
    QJsonObject body{{QStringLiteral("token"), token}};
    if (!name.isEmpty())
        body.insert(QStringLiteral("name"), name);
    if (!password.isEmpty())
        body.insert(QStringLiteral("password"), password);
    run<AcceptedInvitation>("POST", QStringLiteral("/api/v1/invitations/accept"), {}, body, {},
                            json::parseAcceptedInvitation, context, std::move(done));
}

void OrganizationClient::seats(qint64 organizationId, QObject* context, Done<SeatSummary> done)
{
    auto answer = std::make_shared<QJsonObject>();
    QPointer<OrganizationClient> self(this);
    run<SeatSummary>(
        "GET", organizationPath(organizationId, QStringLiteral("/seats")), {}, {}, {},
        [answer](const QJsonObject& object, SeatSummary* out) {
            *answer = object;
            return json::parseSeatSummary(object, out);
        },
        context,
        [self, answer, organizationId, done = std::move(done)](const SeatSummary& seats,
                                                               const ApiError& error) {
            if (!error.isError() && self)
                Q_EMIT self->snapshotFetched(organizationId, QString::fromLatin1(kSeatsSnapshot), *answer);
            done(seats, error);
        });
}

void OrganizationClient::setPurchasedSeats(qint64 organizationId, qint64 purchased,
                                           const QByteArray& idempotencyKey, QObject* context,
                                           Done<SeatSummary> done)
{
    run<SeatSummary>(
        "PUT", organizationPath(organizationId, QStringLiteral("/seats")), {},
        {{QStringLiteral("purchased"), purchased}}, idempotencyKey,
        [](const QJsonObject& answer, SeatSummary* out) {
            // The seats themselves, or wrapped as {"seats": …}.
            const QJsonValue wrapped = answer.value(QStringLiteral("seats"));
            return json::parseSeatSummary(wrapped.isObject() ? wrapped.toObject() : answer, out);
        },
        context, std::move(done), organizationId);
}

void OrganizationClient::updateMember(qint64 organizationId, qint64 userId, const QJsonObject& changes,
                                      QObject* context, Done<bool> done)
{
    write("PATCH", organizationPath(organizationId, QStringLiteral("/members/%1").arg(userId)), changes,
          organizationId, context, std::move(done));
}

void OrganizationClient::removeMember(qint64 organizationId, qint64 userId, QObject* context, Done<bool> done)
{
    write("DELETE", organizationPath(organizationId, QStringLiteral("/members/%1").arg(userId)), {},
          organizationId, context, std::move(done));
}

void OrganizationClient::setDepartmentBudget(qint64 organizationId, qint64 departmentId,
                                             const std::optional<BudgetLimit>& budget, QObject* context,
                                             Done<bool> done)
{
    const QString path =
        organizationPath(organizationId, QStringLiteral("/departments/%1/budget").arg(departmentId));
    write(budget ? "PUT" : "DELETE", path, budget ? limitJson(*budget) : QJsonObject(), organizationId,
          context, std::move(done));
}

void OrganizationClient::setMemberLimit(qint64 organizationId, qint64 userId,
                                        const std::optional<BudgetLimit>& limit, QObject* context,
                                        Done<bool> done)
{
    const QString path = organizationPath(organizationId, QStringLiteral("/members/%1/limit").arg(userId));
    write(limit ? "PUT" : "DELETE", path, limit ? limitJson(*limit) : QJsonObject(), organizationId, context,
          std::move(done));
}

void OrganizationClient::budgetRequests(qint64 organizationId, const QString& status, QObject* context,
                                        Done<QList<BudgetRequest>> done)
{
    QUrlQuery query;
    if (!status.isEmpty())
        query.addQueryItem(QStringLiteral("status"), status);
    // Only the whole list is a snapshot; a filtered one is not what the pane shows at start.
    list<BudgetRequest>(
        organizationPath(organizationId, QStringLiteral("/budget-requests")), query, json::parseBudgetRequest,
        context, std::move(done),
        {organizationId, status.isEmpty() ? QString::fromLatin1(kBudgetRequestsSnapshot) : QString()});
}

void OrganizationClient::requestBudget(qint64 organizationId, qint64 departmentId, qint64 credits,
                                       const QString& reason, QObject* context, Done<bool> done)
{
    write(
        "POST",
        organizationPath(organizationId, QStringLiteral("/departments/%1/budget-requests").arg(departmentId)),
        {{QStringLiteral("credits"), credits}, {QStringLiteral("reason"), reason}}, organizationId, context,
        std::move(done));
}

void OrganizationClient::decideBudgetRequest(qint64 organizationId, qint64 requestId, bool approve,
                                             const QString& note, QObject* context, Done<bool> done)
{
    const QString path = organizationPath(
        organizationId, QStringLiteral("/budget-requests/%1/%2")
                            .arg(requestId)
                            .arg(approve ? QStringLiteral("approve") : QStringLiteral("reject")));
    write("POST", path, {{QStringLiteral("note"), note}}, organizationId, context, std::move(done));
}

void OrganizationClient::budgetHistory(qint64 organizationId, QObject* context,
                                       Done<QList<BudgetChange>> done)
{
    list<BudgetChange>(organizationPath(organizationId, QStringLiteral("/budget-history")), QUrlQuery(),
                       json::parseBudgetChange, context, std::move(done),
                       {organizationId, QString::fromLatin1(kBudgetHistorySnapshot)});
}

void OrganizationClient::roles(qint64 organizationId, QObject* context, Done<QList<OrgRole>> done)
{
    list<OrgRole>(organizationPath(organizationId, QStringLiteral("/roles")), QUrlQuery(), json::parseOrgRole,
                  context, std::move(done), {organizationId, QString::fromLatin1(kRolesSnapshot)});
}

void OrganizationClient::saveRole(qint64 organizationId, const QString& roleId, const QString& name,
                                  const QStringList& permissions, QObject* context, Done<bool> done)
{
    const QJsonObject body{{QStringLiteral("name"), name},
                           {QStringLiteral("permissions"), QJsonArray::fromStringList(permissions)}};
    if (roleId.isEmpty())
        write("POST", organizationPath(organizationId, QStringLiteral("/roles")), body, organizationId,
              context, std::move(done));
    else
        write("PATCH", organizationPath(organizationId, QStringLiteral("/roles/") + roleId), body,
              organizationId, context, std::move(done));
}

void OrganizationClient::deleteRole(qint64 organizationId, const QString& roleId, QObject* context,
                                    Done<bool> done)
{
    write("DELETE", organizationPath(organizationId, QStringLiteral("/roles/") + roleId), {}, organizationId,
          context, std::move(done));
}

void OrganizationClient::permissions(QObject* context, Done<QList<PermissionDescription>> done)
{
    list<PermissionDescription>(QStringLiteral("/api/v1/permissions"), QUrlQuery(),
                                json::parsePermissionDescription, context, std::move(done));
}

} // namespace creditdesk
