#include "views/OrganizationPane.h"

#include "api/BillingClient.h"
#include "api/OrganizationClient.h"
#include "api/OrganizationParsers.h"
#include "cache/SnapshotCache.h"
#include "domain/Clock.h"
#include "models/BudgetHistoryModel.h"
#include "models/BudgetRequestsModel.h"
#include "models/DepartmentBudgetModel.h"
#include "models/OrgMembersModel.h"
#include "models/OrgText.h"
#include "views/BudgetDialog.h"
#include "views/BuySeatsDialog.h"
#include "views/InviteDialog.h"
#include "views/MemberDialog.h"
#include "views/RoleEditorDialog.h"

#include <QApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

// The Used column as a bar: used against the budget (full at 100 %), the text over it. No budget: text.
class BudgetBarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const int permille = index.data(DepartmentBudgetModel::UsedPermilleRole).toInt();
        if (permille < 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = std::min(permille, 1000);
        bar.text = index.data().toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        // Over a hard budget: the palette's warning-like colour (the link colour), never a fixed one.
        if (permille >= 1000 && !index.data(DepartmentBudgetModel::SoftRole).toBool())
            bar.palette.setColor(QPalette::Highlight, option.palette.color(QPalette::LinkVisited));
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    }
};

QPushButton* actionButton(const QString& text, const char* name, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(QLatin1String(name));
    return button;
}

QTableView* listTable(QAbstractItemModel* model, const char* name, const QString& accessibleName,
                      QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(QLatin1String(name));
    table->setAccessibleName(accessibleName);
    table->setModel(model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setTabKeyNavigation(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

OrganizationPane::OrganizationPane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_members(new OrgMembersModel(this)),
      m_budgets(new DepartmentBudgetModel(this)), m_requests(new BudgetRequestsModel(this)),
      m_history(new BudgetHistoryModel(this))
{
    setObjectName(QStringLiteral("organizationPane"));
    setAccessibleName(tr("Organization"));
    auto* layout = new QVBoxLayout(this);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("organizationError"));
    m_errorLabel->setAccessibleName(tr("Problem"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    auto* seatsRow = new QHBoxLayout;
    auto* seatsTitle = new QLabel(tr("Seats:"), this);
    seatsRow->addWidget(seatsTitle);
    m_seatsBar = new QProgressBar(this);
    m_seatsBar->setObjectName(QStringLiteral("seatsBar"));
    m_seatsBar->setAccessibleName(tr("Seats in use"));
    m_seatsBar->setTextVisible(false);
    m_seatsBar->setMaximumWidth(fontMetrics().averageCharWidth() * 30);
    seatsRow->addWidget(m_seatsBar);
    m_seatsLabel = new QLabel(this);
    m_seatsLabel->setObjectName(QStringLiteral("seatsText"));
    m_seatsLabel->setAccessibleName(tr("Seats"));
    seatsRow->addWidget(m_seatsLabel, 1);
    m_buySeats = actionButton(tr("&Buy seats…"), "buySeats", this);
    seatsRow->addWidget(m_buySeats);
    layout->addLayout(seatsRow);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("organizationTabs"));
    layout->addWidget(m_tabs, 1);
    buildMembersTab();
    buildBudgetsTab();
    buildRolesTab();

    connect(m_buySeats, &QPushButton::clicked, this, &OrganizationPane::openBuySeatsDialog);
    m_reload.setSingleShot(true);
    m_reload.setInterval(150);
    connect(&m_reload, &QTimer::timeout, this, &OrganizationPane::load);
    if (m_context.organization) {
        connect(m_context.organization, &OrganizationClient::organizationChanged, this, [this](qint64 id) {
            if (id == m_organization.id)
                m_reload.start();
        });
        // Every whole answer is kept, so that the pane has something to show after a restart offline.
        if (m_context.snapshots) {
            connect(m_context.organization, &OrganizationClient::snapshotFetched, this,
                    [this](qint64 id, const QString& resource, const QJsonObject& document) {
                        m_context.snapshots->store(id, resource, document, now());
                    });
        }
    }
    showSeats();
    updateActions();
}

void OrganizationPane::buildMembersTab()
{
    m_membersTab = new QWidget(m_tabs);
    auto* layout = new QVBoxLayout(m_membersTab);
    auto* actions = new QHBoxLayout;
    m_invite = actionButton(tr("&Invite…"), "inviteMember", m_membersTab);
    m_changeMember = actionButton(tr("&Change role or department…"), "changeMember", m_membersTab);
    m_suspend = actionButton(tr("&Suspend"), "suspendMember", m_membersTab);
    m_reactivate = actionButton(tr("Re&activate"), "reactivateMember", m_membersTab);
    m_memberLimit = actionButton(tr("Spending &limit…"), "memberLimit", m_membersTab);
    m_removeMember = actionButton(tr("&Remove…"), "removeMember", m_membersTab);
    m_revoke = actionButton(tr("Re&voke invitation"), "revokeInvitation", m_membersTab);
    for (QPushButton* button :
         {m_invite, m_changeMember, m_suspend, m_reactivate, m_memberLimit, m_removeMember, m_revoke})
        actions->addWidget(button);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_tree = new QTreeView(m_membersTab);
    m_tree->setObjectName(QStringLiteral("membersTree"));
    m_tree->setAccessibleName(tr("Members by department"));
    m_tree->setModel(m_members);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    const int charWidth = fontMetrics().averageCharWidth();
    const int widths[] = {30, 28, 12, 28, 12, 26, 18};
    for (int column = 0; column < static_cast<int>(OrgMembersModel::Column::Count); ++column)
        m_tree->setColumnWidth(column, widths[column] * charWidth);
    m_tree->header()->setStretchLastSection(false);
    layout->addWidget(m_tree, 1);
    m_membersSummary = new QLabel(m_membersTab);
    m_membersSummary->setObjectName(QStringLiteral("membersSummary"));
    layout->addWidget(m_membersSummary);
    m_tabs->addTab(m_membersTab, tr("&Members"));

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrganizationPane::updateActions);
    connect(m_members, &QAbstractItemModel::modelReset, this, [this] { m_tree->expandAll(); });
    connect(m_invite, &QPushButton::clicked, this, &OrganizationPane::openInviteDialog);
    connect(m_changeMember, &QPushButton::clicked, this, &OrganizationPane::openMemberDialog);
    connect(m_suspend, &QPushButton::clicked, this,
            [this] { setSelectedMemberStatus(QStringLiteral("suspended")); });
    connect(m_reactivate, &QPushButton::clicked, this,
            [this] { setSelectedMemberStatus(QStringLiteral("active")); });
    connect(m_memberLimit, &QPushButton::clicked, this, &OrganizationPane::openMemberLimitDialog);
    connect(m_removeMember, &QPushButton::clicked, this, &OrganizationPane::askToRemove);
    connect(m_revoke, &QPushButton::clicked, this, &OrganizationPane::revokeSelectedInvitation);
}

void OrganizationPane::buildBudgetsTab()
{
    m_budgetsTab = new QWidget(m_tabs);
    auto* layout = new QVBoxLayout(m_budgetsTab);
    auto* actions = new QHBoxLayout;
    m_editBudget = actionButton(tr("&Edit budget…"), "editBudget", m_budgetsTab);
    m_requestBudget = actionButton(tr("As&k for a budget…"), "requestBudget", m_budgetsTab);
    actions->addWidget(m_editBudget);
    actions->addWidget(m_requestBudget);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_budgetTable = listTable(m_budgets, "budgetsTable", tr("Department budgets"), m_budgetsTab);
    m_budgetTable->setItemDelegateForColumn(static_cast<int>(DepartmentBudgetModel::Column::Used),
                                            new BudgetBarDelegate(m_budgetTable));
    const int charWidth = fontMetrics().averageCharWidth();
    m_budgetTable->setColumnWidth(0, 24 * charWidth);
    m_budgetTable->setColumnWidth(1, 34 * charWidth);
    m_budgetTable->setColumnWidth(2, 34 * charWidth);
    layout->addWidget(m_budgetTable, 1);

    auto* requestsBox = new QGroupBox(tr("Budget requests"), m_budgetsTab);
    m_requestsBox = requestsBox;
    requestsBox->setObjectName(QStringLiteral("budgetRequestsBox"));
    auto* requestsLayout = new QVBoxLayout(requestsBox);
    auto* decide = new QHBoxLayout;
    m_approve = actionButton(tr("A&pprove…"), "approveRequest", requestsBox);
    m_reject = actionButton(tr("Re&ject…"), "rejectRequest", requestsBox);
    decide->addWidget(m_approve);
    decide->addWidget(m_reject);
    decide->addStretch(1);
    requestsLayout->addLayout(decide);
    m_requestTable = listTable(m_requests, "budgetRequestsTable", tr("Budget requests"), requestsBox);
    m_requestTable->setColumnWidth(0, 22 * charWidth);
    m_requestTable->setColumnWidth(1, 20 * charWidth);
    m_requestTable->setColumnWidth(2, 20 * charWidth);
    m_requestTable->setColumnWidth(3, 40 * charWidth);
    // Dates take the width their format needs in the user's language.
    m_requestTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    requestsLayout->addWidget(m_requestTable);
    layout->addWidget(requestsBox, 1);

    auto* historyBox = new QGroupBox(tr("Budget history"), m_budgetsTab);
    m_historyBox = historyBox;
    historyBox->setObjectName(QStringLiteral("budgetHistoryBox"));
    auto* historyLayout = new QVBoxLayout(historyBox);
    m_historyTable = listTable(m_history, "budgetHistoryTable", tr("Budget history"), historyBox);
    m_historyTable->setColumnWidth(0, 22 * charWidth);
    m_historyTable->setColumnWidth(1, 34 * charWidth);
    m_historyTable->setColumnWidth(2, 30 * charWidth);
    m_historyTable->setColumnWidth(3, 30 * charWidth);
    m_historyTable->setColumnWidth(4, 18 * charWidth);
    m_historyTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    historyLayout->addWidget(m_historyTable);
    layout->addWidget(historyBox, 1);
    m_tabs->addTab(m_budgetsTab, tr("&Budgets"));

    connect(m_budgetTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrganizationPane::updateActions);
    connect(m_requestTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrganizationPane::updateActions);
    connect(m_editBudget, &QPushButton::clicked, this, &OrganizationPane::openBudgetDialog);
    connect(m_requestBudget, &QPushButton::clicked, this, &OrganizationPane::openBudgetRequestDialog);
    connect(m_approve, &QPushButton::clicked, this, [this] { askToDecide(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { askToDecide(false); });
}

void OrganizationPane::buildRolesTab()
{
    m_rolesTab = new QWidget(m_tabs);
    auto* layout = new QVBoxLayout(m_rolesTab);
    auto* actions = new QHBoxLayout;
    m_newRole = actionButton(tr("&New role…"), "newRole", m_rolesTab);
    m_editRole = actionButton(tr("&Edit role…"), "editRole", m_rolesTab);
    m_deleteRole = actionButton(tr("&Delete role"), "deleteRole", m_rolesTab);
    actions->addWidget(m_newRole);
    actions->addWidget(m_editRole);
    actions->addWidget(m_deleteRole);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_roleTable = new QTableWidget(0, 3, m_rolesTab);
    m_roleTable->setObjectName(QStringLiteral("rolesTable"));
    m_roleTable->setAccessibleName(tr("Roles"));
    m_roleTable->setHorizontalHeaderLabels({tr("Role"), tr("Kind"), tr("Permissions")});
    m_roleTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roleTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_roleTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_roleTable->verticalHeader()->hide();
    m_roleTable->horizontalHeader()->setStretchLastSection(true);
    m_roleTable->setColumnWidth(0, 22 * fontMetrics().averageCharWidth());
    layout->addWidget(m_roleTable, 1);
    m_tabs->addTab(m_rolesTab, tr("&Roles"));
    connect(m_roleTable, &QTableWidget::itemSelectionChanged, this, &OrganizationPane::updateActions);
    connect(m_newRole, &QPushButton::clicked, this, [this] { openRoleEditor(QString()); });
    connect(m_editRole, &QPushButton::clicked, this, [this] { openRoleEditor(selectedRoleId()); });
    connect(m_deleteRole, &QPushButton::clicked, this, [this] {
        const QString id = selectedRoleId();
        if (id.isEmpty())
            return;
        auto* box = new QMessageBox(
            QMessageBox::Question, tr("Delete role"),
            tr("Delete the role %1? Members must not hold it any more.").arg(orgtext::roleName(id, m_roles)),
            QMessageBox::NoButton, this);
        QPushButton* yes = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
        box->addButton(QMessageBox::Cancel);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::buttonClicked, this, [this, yes, id](QAbstractButton* clicked) {
            if (clicked == yes)
                deleteRole(id);
        });
        box->open();
    });
}

bool OrganizationPane::visibleFor(const Organization& organization)
{
    // Members (organization:read only) do not see the pane.
    return organization.id != 0 && OrgAdminRights::of(organization).any();
}

void OrganizationPane::setOrganization(const Organization& organization)
{
    const bool changed = organization.id != m_organization.id;
    m_organization = organization;
    m_rights = OrgAdminRights::of(organization);
    m_members->setVisibleDepartment(m_rights.seesWholeOrganization() ? std::nullopt : m_rights.ownDepartment);
    if (changed) {
        m_memberList.clear();
        m_departments.clear();
        m_invitations.clear();
        m_roles.clear();
        m_seats.reset();
        m_subscription.reset();
        m_customRoles = false;
        loadSnapshots();
        showData();
        load();
    }
    updateActions();
}

void OrganizationPane::refresh()
{
    m_reload.start();
}

void OrganizationPane::load()
{
    m_reload.stop();
    OrganizationClient* client = m_context.organization;
    if (!client || m_organization.id == 0)
        return;
    const qint64 id = m_organization.id;
    const int generation = ++m_generation;
    m_pending = 0;
    auto current = [this, generation] { return generation == m_generation; };
    auto finishOne = [this, current](const ApiError& error, bool required) {
        if (!current())
            return;
        if (error.isError()) {
            if (error.isOffline())
                m_stale = true;
            // Only the members and departments must answer; the rest (seats, roles, budgets, the plan) an
            // older server or another plan may lack, and its part of the pane stays empty.
            else if (required && m_error.isEmpty())
                m_error = error.userMessage();
        }
        if (--m_pending > 0)
            return;
        if (!m_stale)
            m_loadedAt = now();
        showData();
        Q_EMIT updated();
    };
    m_error.clear();
    m_stale = false;
    m_pending = 4; // members, departments, seats, roles
    const bool budgets = m_rights.manageBudgets || m_rights.readBudgets;
    if (m_rights.canInvite())
        ++m_pending;
    if (budgets)
        m_pending += 2;
    if (m_rights.manageRoles)
        ++m_pending;
    if (m_context.billing)
        m_pending += 2;

    client->members(id, this,
                    [this, current, finishOne](const QList<OrgMember>& members, const ApiError& error) {
                        if (current() && !error.isError())
                            m_memberList = members;
                        finishOne(error, true);
                    });
    client->departments(
        id, this, [this, current, finishOne](const QList<OrgDepartment>& departments, const ApiError& error) {
            if (current() && !error.isError())
                m_departments = departments;
            finishOne(error, true);
        });
    client->seats(id, this, [this, current, finishOne](const SeatSummary& seats, const ApiError& error) {
        if (current() && !error.isError())
            m_seats = seats;
        finishOne(error, false);
    });
    client->roles(id, this, [this, current, finishOne](const QList<OrgRole>& roles, const ApiError& error) {
        if (current() && !error.isError())
            m_roles = roles;
        finishOne(error, false);
    });
    // The permission table: only the role editor uses it.
    if (m_rights.manageRoles) {
        client->permissions(this, [this, current, finishOne](const QList<PermissionDescription>& permissions,
                                                             const ApiError& error) {
            if (current() && !error.isError())
                m_permissions = permissions;
            finishOne(error, false);
        });
    }
    if (m_rights.canInvite()) {
        client->invitations(
            id, this,
            [this, current, finishOne](const QList<Invitation>& invitations, const ApiError& error) {
                if (current() && !error.isError())
                    m_invitations = invitations;
                finishOne(error, false);
            });
    }
    if (budgets) {
        client->budgetRequests(
            id, QString(), this,
            [this, current, finishOne](const QList<BudgetRequest>& requests, const ApiError& error) {
                if (current() && !error.isError())
                    m_requests->setRequests(requests);
                finishOne(error, false);
            });
        client->budgetHistory(
            id, this, [this, current, finishOne](const QList<BudgetChange>& changes, const ApiError& error) {
                if (current() && !error.isError())
                    m_history->setChanges(changes);
                finishOne(error, false);
            });
    }
    if (m_context.billing) {
        // The period (for the seat estimate) and the plan's features (custom roles).
        const BillingTarget target = BillingTarget::organization(id);
        m_context.billing->subscription(
            target, this,
            [this, current, finishOne](const Subscription& subscription, const ApiError& error) {
                if (current() && !error.isError())
                    m_subscription = subscription;
                finishOne(error, false);
            });
        m_context.billing->plans(
            this, [this, current, finishOne](const PlanCatalog& catalog, const ApiError& error) {
                if (current() && !error.isError())
                    m_catalog = catalog;
                finishOne(error, false);
            });
    }
}

QDateTime OrganizationPane::now() const
{
    return m_context.clock ? m_context.clock->now() : QDateTime::currentDateTimeUtc();
}

void OrganizationPane::loadSnapshots()
{
    m_loadedAt = QDateTime();
    m_requests->setRequests({});
    m_history->setChanges({});
    SnapshotCache* cache = m_context.snapshots;
    if (!cache || m_organization.id == 0)
        return;
    // Only what this role reads live (load()); the oldest snapshot's time is the one the pane names.
    auto read = [this, cache](const char* resource, const auto& parse) {
        cache->readInto(m_organization.id, QString::fromLatin1(resource), parse, m_loadedAt);
    };
    read(OrganizationClient::kMembersSnapshot, [this](const QJsonObject& document) {
        return json::parseDataList(document, &m_memberList, json::parseOrgMember);
    });
    read(OrganizationClient::kDepartmentsSnapshot, [this](const QJsonObject& document) {
        return json::parseDataList(document, &m_departments, json::parseOrgDepartment);
    });
    read(OrganizationClient::kSeatsSnapshot, [this](const QJsonObject& document) {
        SeatSummary seats;
        if (!json::parseSeatSummary(document, &seats))
            return false;
        m_seats = seats;
        return true;
    });
    read(OrganizationClient::kRolesSnapshot, [this](const QJsonObject& document) {
        return json::parseDataList(document, &m_roles, json::parseOrgRole);
    });
    if (m_rights.canInvite()) {
        read(OrganizationClient::kInvitationsSnapshot, [this](const QJsonObject& document) {
            return json::parseDataList(document, &m_invitations, json::parseInvitation);
        });
    }
    if (m_rights.manageBudgets || m_rights.readBudgets) {
        read(OrganizationClient::kBudgetRequestsSnapshot, [this](const QJsonObject& document) {
            QList<BudgetRequest> requests;
            if (!json::parseDataList(document, &requests, json::parseBudgetRequest))
                return false;
            m_requests->setRequests(requests);
            return true;
        });
        read(OrganizationClient::kBudgetHistorySnapshot, [this](const QJsonObject& document) {
            QList<BudgetChange> changes;
            if (!json::parseDataList(document, &changes, json::parseBudgetChange))
                return false;
            m_history->setChanges(changes);
            return true;
        });
    }
}

void OrganizationPane::showData()
{
    const Plan* plan = m_subscription ? m_catalog.find(m_subscription->plan) : nullptr;
    m_customRoles = plan && plan->features.contains(QStringLiteral("custom_roles"));
    // The rows selected stay selected across a reload (after Suspend, Reactivate is at hand).
    const OrgMember* member = selectedMember();
    const std::optional<qint64> memberId = member ? std::optional<qint64>(member->userId) : std::nullopt;
    const OrgDepartment* department = selectedDepartment();
    const std::optional<qint64> departmentId =
        department ? std::optional<qint64>(department->id) : std::nullopt;
    m_members->setData(m_departments, m_memberList, m_invitations, m_roles);
    m_budgets->setDepartments(visibleDepartments());
    if (memberId)
        selectMember(*memberId);
    if (departmentId)
        selectDepartment(*departmentId);
    m_requests->setNames(departmentNames(), memberNames());
    m_history->setNames(departmentNames(), memberNames());
    QString error = m_error;
    if (m_stale)
        error = m_loadedAt.isValid()
                    ? tr("The server cannot be reached. Showing what it said at %1.")
                          .arg(orgtext::dateTime(m_loadedAt))
                    : tr("The server cannot be reached. The organization's members appear when it is back.");
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(!error.isEmpty());
    m_membersSummary->setText(tr("%n member(s)", nullptr, m_members->memberCount()) + QStringLiteral(", ") +
                              tr("%n pending invitation(s)", nullptr, m_members->invitationCount()));
    showSeats();
    showRoles();
    updateActions();
}

void OrganizationPane::showSeats()
{
    const bool shown = m_seats.has_value();
    m_seatsBar->setVisible(shown);
    if (!shown) {
        m_seatsLabel->setText(orgtext::missing());
        return;
    }
    m_seatsBar->setRange(0, static_cast<int>(std::max<qint64>(1, m_seats->total)));
    m_seatsBar->setValue(static_cast<int>(std::min(m_seats->total, m_seats->inUse())));
    m_seatsLabel->setText(seatsText());
}

QString OrganizationPane::seatsText() const
{
    if (!m_seats)
        return QString();
    //: seats: "7 of 10 assigned, 1 pending invitation, 2 free"
    return tr("%1 of %2 assigned, %3 pending, %4 free")
        .arg(QLocale().toString(m_seats->assigned), QLocale().toString(m_seats->total),
             QLocale().toString(m_seats->pendingInvitations), QLocale().toString(m_seats->available));
}

void OrganizationPane::showRoles()
{
    m_roleTable->setRowCount(0);
    for (const OrgRole& role : std::as_const(m_roles)) {
        const int row = m_roleTable->rowCount();
        m_roleTable->insertRow(row);
        auto* name = new QTableWidgetItem(orgtext::roleName(role.id, m_roles));
        name->setData(Qt::UserRole, role.id);
        m_roleTable->setItem(row, 0, name);
        m_roleTable->setItem(row, 1, new QTableWidgetItem(role.builtIn ? tr("Built-in") : tr("Custom")));
        auto* permissions = new QTableWidgetItem(role.permissions.join(QStringLiteral(", ")));
        permissions->setToolTip(role.permissions.join(QLatin1Char('\n')));
        m_roleTable->setItem(row, 2, permissions);
    }
    const int index = m_tabs->indexOf(m_rolesTab);
    m_tabs->setTabVisible(index, m_customRoles && m_rights.manageRoles);
}

QString OrganizationPane::errorText() const
{
    return m_errorLabel->isVisible() ? m_errorLabel->text() : QString();
}

QList<OrgDepartment> OrganizationPane::visibleDepartments() const
{
    if (m_rights.seesWholeOrganization())
        return m_departments;
    QList<OrgDepartment> own;
    for (const OrgDepartment& department : m_departments) {
        if (department.id == m_rights.ownDepartment)
            own.append(department);
    }
    return own;
}

QHash<qint64, QString> OrganizationPane::memberNames() const
{
    QHash<qint64, QString> names;
    for (const OrgMember& member : m_memberList)
        names.insert(member.userId, member.name.isEmpty() ? member.email : member.name);
    return names;
}

QHash<qint64, QString> OrganizationPane::departmentNames() const
{
    QHash<qint64, QString> names;
    for (const OrgDepartment& department : m_departments)
        names.insert(department.id, department.name);
    return names;
}

const OrgMember* OrganizationPane::selectedMember() const
{
    return m_members->memberAt(m_tree->currentIndex());
}

const Invitation* OrganizationPane::selectedInvitation() const
{
    return m_members->invitationAt(m_tree->currentIndex());
}

const OrgDepartment* OrganizationPane::selectedDepartment() const
{
    const QModelIndex current = m_budgetTable->currentIndex();
    return current.isValid() ? m_budgets->departmentAt(current.row()) : nullptr;
}

const BudgetRequest* OrganizationPane::selectedRequest() const
{
    const QModelIndex current = m_requestTable->currentIndex();
    return current.isValid() ? m_requests->requestAt(current.row()) : nullptr;
}

QString OrganizationPane::selectedRoleId() const
{
    const int row = m_roleTable->currentRow();
    const QTableWidgetItem* item = row >= 0 ? m_roleTable->item(row, 0) : nullptr;
    return item ? item->data(Qt::UserRole).toString() : QString();
}

bool OrganizationPane::selectMember(qint64 userId)
{
    const QModelIndex index = m_members->indexOfMember(userId);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    return true;
}

bool OrganizationPane::selectInvitation(qint64 invitationId)
{
    for (int branch = 0; branch < m_members->rowCount(); ++branch) {
        const QModelIndex parent = m_members->index(branch, 0);
        for (int row = 0; row < m_members->rowCount(parent); ++row) {
            const QModelIndex index = m_members->index(row, 0, parent);
            const Invitation* invitation = m_members->invitationAt(index);
            if (invitation && invitation->id == invitationId) {
                m_tree->setCurrentIndex(index);
                return true;
            }
        }
    }
    return false;
}

bool OrganizationPane::selectDepartment(qint64 departmentId)
{
    for (int row = 0; row < m_budgets->rowCount(); ++row) {
        if (m_budgets->departmentAt(row)->id == departmentId) {
            m_budgetTable->setCurrentIndex(m_budgets->index(row, 0));
            return true;
        }
    }
    return false;
}

bool OrganizationPane::selectRequest(qint64 requestId)
{
    for (int row = 0; row < m_requests->rowCount(); ++row) {
        if (m_requests->requestAt(row)->id == requestId) {
            m_requestTable->setCurrentIndex(m_requests->index(row, 0));
            return true;
        }
    }
    return false;
}

void OrganizationPane::updateActions()
{
    const bool online = m_context.organization && m_organization.id != 0;
    const OrgMember* member = selectedMember();
    const bool self = member && member->userId == m_organization.userId;
    const bool manage = online && m_rights.manageMembers && member && !self;
    m_invite->setVisible(m_rights.canInvite());
    m_invite->setEnabled(online);
    for (QPushButton* button : {m_changeMember, m_suspend, m_reactivate, m_removeMember})
        button->setVisible(m_rights.manageMembers);
    m_changeMember->setEnabled(manage);
    m_suspend->setEnabled(manage && !member->isSuspended());
    m_reactivate->setEnabled(manage && member->isSuspended());
    m_removeMember->setEnabled(manage);
    m_memberLimit->setVisible(m_rights.manageBudgets);
    m_memberLimit->setEnabled(online && member);
    const Invitation* invitation = selectedInvitation();
    m_revoke->setVisible(m_rights.canInvite());
    m_revoke->setEnabled(online && invitation &&
                         (m_rights.manageMembers ||
                          (invitation->departmentId && invitation->departmentId == m_rights.ownDepartment)));
    m_buySeats->setVisible(m_rights.manageSeats);
    m_buySeats->setEnabled(online && m_seats.has_value());

    const OrgDepartment* department = selectedDepartment();
    m_editBudget->setVisible(m_rights.manageBudgets);
    m_editBudget->setEnabled(online && department);
    m_requestBudget->setVisible(m_rights.requestBudget);
    m_requestBudget->setEnabled(online && m_rights.ownDepartment.has_value());
    const bool budgets = m_rights.manageBudgets || m_rights.readBudgets;
    m_requestsBox->setVisible(budgets);
    m_historyBox->setVisible(budgets);
    const BudgetRequest* request = selectedRequest();
    const bool decidable =
        online && m_rights.manageBudgets && request && request->status == QLatin1String("pending");
    m_approve->setVisible(m_rights.manageBudgets);
    m_reject->setVisible(m_rights.manageBudgets);
    m_approve->setEnabled(decidable);
    m_reject->setEnabled(decidable);

    const QString role = selectedRoleId();
    const bool custom =
        !role.isEmpty() && std::any_of(m_roles.cbegin(), m_roles.cend(),
                                       [&role](const OrgRole& r) { return r.id == role && !r.builtIn; });
    m_newRole->setEnabled(online && m_rights.manageRoles);
    m_editRole->setEnabled(online && m_rights.manageRoles && custom);
    m_deleteRole->setEnabled(online && m_rights.manageRoles && custom);
}

void OrganizationPane::finishChange(const ApiError& error, const QString& done)
{
    if (error.isError()) {
        m_error = error.userMessage();
        m_errorLabel->setText(m_error);
        m_errorLabel->show();
        Q_EMIT statusMessage(m_error);
        return;
    }
    Q_EMIT statusMessage(done);
    m_reload.start();
}

InviteDialog* OrganizationPane::openInviteDialog()
{
    if (!m_context.organization || !m_rights.canInvite())
        return nullptr;
    auto* dialog =
        new InviteDialog(m_context.organization, m_organization.id, {visibleDepartments(), m_rights}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &InviteDialog::invited, this, [this](const Invitation& invitation) {
        Q_EMIT statusMessage(tr("%1 is invited.").arg(invitation.email));
    });
    dialog->open();
    return dialog;
}

BuySeatsDialog* OrganizationPane::openBuySeatsDialog()
{
    if (!m_context.organization || !m_rights.manageSeats || !m_seats)
        return nullptr;
    const QDateTime now = m_context.clock ? m_context.clock->now() : QDateTime::currentDateTimeUtc();
    auto* dialog = new BuySeatsDialog(m_context.organization, m_organization.id, *m_seats,
                                      m_subscription ? m_subscription->periodStart : QDateTime(),
                                      m_subscription ? m_subscription->periodEnd : QDateTime(), now, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BuySeatsDialog::changed, this, [this](const SeatSummary& seats) {
        m_seats = seats;
        showSeats();
        // What the server charged (its exact amount), when it charged anything now.
        Q_EMIT statusMessage(seats.chargedMinor && *seats.chargedMinor > 0
                                 ? tr("Seats changed: %1 in total; %2 charged now.")
                                       .arg(QLocale().toString(seats.total),
                                            formatMinorUnits(*seats.chargedMinor, seats.currency))
                                 : tr("Seats changed: %1 in total.").arg(QLocale().toString(seats.total)));
    });
    dialog->open();
    return dialog;
}

MemberDialog* OrganizationPane::openMemberDialog()
{
    const OrgMember* member = selectedMember();
    if (!m_context.organization || !m_rights.manageMembers || !member)
        return nullptr;
    auto* dialog =
        new MemberDialog(m_context.organization, m_organization.id, *member, m_departments, m_roles, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

BudgetDialog* OrganizationPane::openBudgetDialog()
{
    const OrgDepartment* department = selectedDepartment();
    if (!m_context.organization || !m_rights.manageBudgets || !department)
        return nullptr;
    auto* dialog =
        new BudgetDialog(m_context.organization, m_organization.id, BudgetDialog::Mode::DepartmentBudget,
                         department->id, department->name, department->budget, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

BudgetDialog* OrganizationPane::openMemberLimitDialog()
{
    const OrgMember* member = selectedMember();
    if (!m_context.organization || !m_rights.manageBudgets || !member)
        return nullptr;
    auto* dialog = new BudgetDialog(
        m_context.organization, m_organization.id, BudgetDialog::Mode::MemberLimit, member->userId,
        member->name.isEmpty() ? member->email : member->name, member->limit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

BudgetDialog* OrganizationPane::openBudgetRequestDialog()
{
    if (!m_context.organization || !m_rights.requestBudget || !m_rights.ownDepartment)
        return nullptr;
    QString name = departmentNames().value(*m_rights.ownDepartment);
    std::optional<BudgetLimit> current;
    for (const OrgDepartment& department : std::as_const(m_departments)) {
        if (department.id == *m_rights.ownDepartment)
            current = department.budget;
    }
    auto* dialog = new BudgetDialog(m_context.organization, m_organization.id, BudgetDialog::Mode::Request,
                                    *m_rights.ownDepartment, name, current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BudgetDialog::saved, this, [this] { Q_EMIT statusMessage(tr("Budget request sent.")); });
    dialog->open();
    return dialog;
}

RoleEditorDialog* OrganizationPane::openRoleEditor(const QString& roleId)
{
    if (!m_context.organization || !m_rights.manageRoles || !m_customRoles)
        return nullptr;
    OrgRole role;
    role.builtIn = false;
    for (const OrgRole& existing : std::as_const(m_roles)) {
        if (!roleId.isEmpty() && existing.id == roleId)
            role = existing;
    }
    if (!roleId.isEmpty() && role.id.isEmpty())
        return nullptr;
    auto* dialog = new RoleEditorDialog(m_context.organization, m_organization.id, role, m_permissions,
                                        m_organization.permissions, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void OrganizationPane::setSelectedMemberStatus(const QString& status)
{
    const OrgMember* member = selectedMember();
    if (!m_context.organization || !m_rights.manageMembers || !member)
        return;
    const QString name = member->name.isEmpty() ? member->email : member->name;
    m_context.organization->updateMember(
        m_organization.id, member->userId, {{QStringLiteral("status"), status}}, this,
        [this, name, status](const bool&, const ApiError& error) {
            finishChange(error, status == QLatin1String("suspended") ? tr("%1 is suspended.").arg(name)
                                                                     : tr("%1 is active again.").arg(name));
        });
}

void OrganizationPane::askToRemove()
{
    const OrgMember* member = selectedMember();
    if (!member)
        return;
    const QString name = member->name.isEmpty() ? member->email : member->name;
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Remove member"),
        tr("Remove %1 from %2? Their seat becomes free; their history stays.").arg(name, m_organization.name),
        QMessageBox::NoButton, this);
    QPushButton* yes = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton* clicked) {
        if (clicked == yes)
            removeSelectedMember();
    });
    box->open();
}

void OrganizationPane::removeSelectedMember()
{
    const OrgMember* member = selectedMember();
    if (!m_context.organization || !m_rights.manageMembers || !member)
        return;
    const QString name = member->name.isEmpty() ? member->email : member->name;
    m_context.organization->removeMember(m_organization.id, member->userId, this,
                                         [this, name](const bool&, const ApiError& error) {
                                             finishChange(error, tr("%1 is removed.").arg(name));
                                         });
}

void OrganizationPane::revokeSelectedInvitation()
{
    const Invitation* invitation = selectedInvitation();
    if (!m_context.organization || !invitation || !m_revoke->isEnabled())
        return;
    const QString email = invitation->email;
    m_context.organization->revokeInvitation(
        m_organization.id, invitation->id, this, [this, email](const bool&, const ApiError& error) {
            finishChange(error, tr("The invitation of %1 is revoked.").arg(email));
        });
}

void OrganizationPane::askToDecide(bool approve)
{
    if (!selectedRequest())
        return;
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(approve ? tr("Approve budget request") : tr("Reject budget request"));
    dialog->setLabelText(tr("Note for the requester (optional):"));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, approve](const QString& note) { decideSelectedRequest(approve, note); });
    dialog->open();
}

void OrganizationPane::decideSelectedRequest(bool approve, const QString& note)
{
    const BudgetRequest* request = selectedRequest();
    if (!m_context.organization || !m_rights.manageBudgets || !request)
        return;
    m_context.organization->decideBudgetRequest(
        m_organization.id, request->id, approve, note, this,
        [this, approve](const bool&, const ApiError& error) {
            finishChange(error, approve ? tr("The budget request is approved.")
                                        : tr("The budget request is rejected."));
        });
}

void OrganizationPane::deleteRole(const QString& roleId)
{
    if (!m_context.organization || !m_rights.manageRoles || roleId.isEmpty())
        return;
    m_context.organization->deleteRole(
        m_organization.id, roleId, this,
        [this](const bool&, const ApiError& error) { finishChange(error, tr("The role is deleted.")); });
}

} // namespace creditdesk
