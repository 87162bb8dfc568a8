#pragma once

#include "api/ApiError.h"
#include "domain/Billing.h"
#include "domain/OrgAdmin.h"
#include "views/Pane.h"

#include <QTimer>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTreeView;

namespace creditdesk {

class AcceptInvitationDialog;
class BudgetDialog;
class BudgetHistoryModel;
class BudgetRequestsModel;
class BuySeatsDialog;
class DepartmentBudgetModel;
class InviteDialog;
class MemberDialog;
class OrgMembersModel;
class RoleEditorDialog;

// The organization's administration (design card "org seat management"): members grouped by department
// with role, status, seat, last activity and usage this period; invitations; the seats bar with "Buy
// seats"; departments with budget bars, budget requests and the budget history; custom roles on plans that
// have them. Every action is enabled only where the signed-in role's permissions (GET /api/v1/me) allow
// it, and the server checks again. Managers see only their department; members do not see the pane. Talks
// to the server through OrganizationClient only; every whole answer is also kept in the local cache
// (SnapshotCache), so that after a restart without the server the pane shows the last answers, marked
// with when they were fetched, until the server answers again.
class OrganizationPane : public Pane
{
    Q_OBJECT

public:
    OrganizationPane(const PaneContext& context, QWidget* parent = nullptr);

    static bool visibleFor(const Organization& organization);

    void setOrganization(const Organization& organization) override;
    void refresh() override;

    // What is shown, for tests.
    const OrgAdminRights& rights() const { return m_rights; }
    OrgMembersModel* members() const { return m_members; }
    DepartmentBudgetModel* budgets() const { return m_budgets; }
    BudgetRequestsModel* requests() const { return m_requests; }
    BudgetHistoryModel* history() const { return m_history; }
    const std::optional<SeatSummary>& seats() const { return m_seats; }
    const QList<OrgRole>& roles() const { return m_roles; }
    bool hasCustomRoles() const { return m_customRoles; }
    QTabWidget* tabs() const { return m_tabs; }
    QTreeView* membersTree() const { return m_tree; }
    QString seatsText() const;
    QString errorText() const;
    // Selects the member or invitation row in the tree (false when it is not shown).
    bool selectMember(qint64 userId);
    bool selectInvitation(qint64 invitationId);
    bool selectDepartment(qint64 departmentId);
    bool selectRequest(qint64 requestId);

    // What the buttons do (dialogs are non-modal and delete themselves; nullptr when not allowed now).
    InviteDialog* openInviteDialog();
    BuySeatsDialog* openBuySeatsDialog();
    MemberDialog* openMemberDialog();
    BudgetDialog* openBudgetDialog();                        // the selected department's budget
    BudgetDialog* openMemberLimitDialog();                   // the selected member's limit
    BudgetDialog* openBudgetRequestDialog();                 // managers: their department
    RoleEditorDialog* openRoleEditor(const QString& roleId); // empty: a new role
    // Without asking (the buttons ask first where it matters).
    void setSelectedMemberStatus(const QString& status);
    void removeSelectedMember();
    void revokeSelectedInvitation();
    void decideSelectedRequest(bool approve, const QString& note);
    void deleteRole(const QString& roleId);

Q_SIGNALS:
    // Everything asked for is shown as the server answered (or with an error).
    void updated();

private:
    void buildMembersTab();
    void buildBudgetsTab();
    void buildRolesTab();
    void load();
    // The last answers the cache keeps for this organization (SnapshotCache), shown until the server
    // answers and kept, marked with their time, when it cannot be reached.
    void loadSnapshots();
    QDateTime now() const;
    void showData();
    void showSeats();
    void showRoles();
    void updateActions();
    void finishChange(const ApiError& error, const QString& done);
    const OrgMember* selectedMember() const;
    const Invitation* selectedInvitation() const;
    const OrgDepartment* selectedDepartment() const;
    const BudgetRequest* selectedRequest() const;
    QString selectedRoleId() const;
    QList<OrgDepartment> visibleDepartments() const;
    QHash<qint64, QString> memberNames() const;
    QHash<qint64, QString> departmentNames() const;
    void askToRemove();
    void askToDecide(bool approve);

    PaneContext m_context;
    Organization m_organization;
    OrgAdminRights m_rights;
    QTimer m_reload;
    int m_generation = 0;
    int m_pending = 0;
    QString m_error;
    bool m_stale = false; // the server was away: what is shown is the last answer
    QDateTime m_loadedAt;
    QList<OrgMember> m_memberList;
    QList<OrgDepartment> m_departments;
    QList<Invitation> m_invitations;
    QList<OrgRole> m_roles;
    QList<PermissionDescription> m_permissions;
    std::optional<SeatSummary> m_seats;
    std::optional<Subscription> m_subscription;
    PlanCatalog m_catalog;
    bool m_customRoles = false;

    OrgMembersModel* m_members;
    DepartmentBudgetModel* m_budgets;
    BudgetRequestsModel* m_requests;
    BudgetHistoryModel* m_history;
    QLabel* m_errorLabel;
    QLabel* m_seatsLabel;
    QProgressBar* m_seatsBar;
    QPushButton* m_buySeats;
    QTabWidget* m_tabs;
    QWidget* m_membersTab;
    QWidget* m_budgetsTab;
    QWidget* m_rolesTab;
    QTreeView* m_tree;
    QLabel* m_membersSummary;
    QPushButton* m_invite;
    QPushButton* m_changeMember;
    QPushButton* m_suspend;
    QPushButton* m_reactivate;
    QPushButton* m_removeMember;
    QPushButton* m_memberLimit;
    QPushButton* m_revoke;
    QTableView* m_budgetTable;
    QPushButton* m_editBudget;
    QPushButton* m_requestBudget;
    QWidget* m_requestsBox;
    QTableView* m_requestTable;
    QPushButton* m_approve;
    QPushButton* m_reject;
    QWidget* m_historyBox;
    QTableView* m_historyTable;
    QTableWidget* m_roleTable;
    QPushButton* m_newRole;
    QPushButton* m_editRole;
    QPushButton* m_deleteRole;
};

} // namespace creditdesk
