#pragma once

#include "api/ApiError.h"
#include "domain/OrgAdmin.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace creditdesk {

class ApiClient;

// What the Organization pane and the invitation dialogs may ask of the server (members with their
// activity, departments with budgets, invitations, seats, budget requests and history, custom roles and the
// permission table), and nothing else. Like BillingClient: each call answers once through `done` on
// `context`'s thread; nothing is called when `context` is gone first. Every change that succeeds is
// announced with organizationChanged() so that the pane (and the sync) read again.
class OrganizationClient : public QObject
{
    Q_OBJECT

public:
    template<typename Result> using Done = std::function<void(const Result& result, const ApiError& error)>;

    // The resources announced with snapshotFetched() (the names the offline cache keeps them under).
    static constexpr const char* kMembersSnapshot = "members";
    static constexpr const char* kDepartmentsSnapshot = "departments";
    static constexpr const char* kInvitationsSnapshot = "invitations";
    static constexpr const char* kSeatsSnapshot = "seats";
    static constexpr const char* kRolesSnapshot = "roles";
    static constexpr const char* kBudgetRequestsSnapshot = "budget-requests";
    static constexpr const char* kBudgetHistorySnapshot = "budget-history";

    explicit OrganizationClient(ApiClient* client, QObject* parent = nullptr);

    void members(qint64 organizationId, QObject* context, Done<QList<OrgMember>> done);
    void departments(qint64 organizationId, QObject* context, Done<QList<OrgDepartment>> done);

    void invitations(qint64 organizationId, QObject* context, Done<QList<Invitation>> done);
    // The answer carries the one-time token.
    void invite(qint64 organizationId, const QString& email, const QString& role,
                std::optional<qint64> departmentId, QObject* context, Done<Invitation> done);
    void revokeInvitation(qint64 organizationId, qint64 invitationId, QObject* context, Done<bool> done);
    // Signed out: creates the user with `name` and `password`; signed in: joins as the signed-in user.
    void acceptInvitation(const QString& token, const QString& name, const QString& password,
                          QObject* context, Done<AcceptedInvitation> done);

    void seats(qint64 organizationId, QObject* context, Done<SeatSummary> done);
    void setPurchasedSeats(qint64 organizationId, qint64 purchased, const QByteArray& idempotencyKey,
                           QObject* context, Done<SeatSummary> done);

    // PATCH …/members/{user_id} with any of "role", "department_id", "status".
    void updateMember(qint64 organizationId, qint64 userId, const QJsonObject& changes, QObject* context,
                      Done<bool> done);
    void removeMember(qint64 organizationId, qint64 userId, QObject* context, Done<bool> done);

    // A budget of nothing removes it (DELETE).
    void setDepartmentBudget(qint64 organizationId, qint64 departmentId,
                             const std::optional<BudgetLimit>& budget, QObject* context, Done<bool> done);
    void setMemberLimit(qint64 organizationId, qint64 userId, const std::optional<BudgetLimit>& limit,
                        QObject* context, Done<bool> done);
    // status: "pending", "approved", "rejected" or empty for all.
    void budgetRequests(qint64 organizationId, const QString& status, QObject* context,
                        Done<QList<BudgetRequest>> done);
    void requestBudget(qint64 organizationId, qint64 departmentId, qint64 credits, const QString& reason,
                       QObject* context, Done<bool> done);
    void decideBudgetRequest(qint64 organizationId, qint64 requestId, bool approve, const QString& note,
                             QObject* context, Done<bool> done);
    void budgetHistory(qint64 organizationId, QObject* context, Done<QList<BudgetChange>> done);

    void roles(qint64 organizationId, QObject* context, Done<QList<OrgRole>> done);
    // No id: creates the role; with one: changes it.
    void saveRole(qint64 organizationId, const QString& roleId, const QString& name,
                  const QStringList& permissions, QObject* context, Done<bool> done);
    void deleteRole(qint64 organizationId, const QString& roleId, QObject* context, Done<bool> done);
    void permissions(QObject* context, Done<QList<PermissionDescription>> done);

Q_SIGNALS:
    void organizationChanged(qint64 organizationId);
    // A whole read of one organization's resource answered (every page): the document as the server sent
    // it (lists as {"data": [all pages]}), for the offline cache (CacheDatabase::storeSnapshot). Emitted
    // before the caller's `done`.
    void snapshotFetched(qint64 organizationId, const QString& resource, const QJsonObject& document);

private:
    // Which snapshot a read is; none when resource is empty.
    struct SnapshotKey
    {
        qint64 organizationId = 0;
        QString resource;
    };

    template<typename Result>
    void run(QByteArray method, const QString& path, const QUrlQuery& query, const QJsonObject& body,
             const QByteArray& idempotencyKey, std::function<bool(const QJsonObject&, Result*)> read,
             QObject* context, Done<Result> done, std::optional<qint64> changes = std::nullopt);
    // Every page of a list ({"data", "next_cursor"}), following next_cursor.
    template<typename Record, typename Parser>
    void list(const QString& path, const QUrlQuery& query, Parser parser, QObject* context,
              Done<QList<Record>> done, SnapshotKey snapshot = {}, QList<Record> before = {},
              QJsonArray beforeData = {}, int pages = 0);
    void write(QByteArray method, const QString& path, const QJsonObject& body, qint64 organizationId,
               QObject* context, Done<bool> done);

    QPointer<ApiClient> m_client;
};

} // namespace creditdesk
