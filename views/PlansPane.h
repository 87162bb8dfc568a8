#pragma once

#include "api/ApiError.h"
#include "domain/Billing.h"
#include "views/Pane.h"

#include <QTimer>

#include <optional>

class QFormLayout;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableView;

namespace creditdesk {

class PlanComparisonModel;
class RedeemCouponDialog;
class SubscriptionHistoryModel;
class SwitchPlanDialog;

// The plans side by side with the current one marked, the subscription of the account the organization
// is billed on (plan, status, period, renewal or cancellation, a scheduled change, a discount) and its
// history. Owners and admins (and anyone on their personal plan) switch plans through a preview dialog,
// cancel at the end of the period or take that back, and redeem coupons. Every role sees the pane. Talks
// to the server through BillingClient only; shows live answers, so it says so when the server is away.
class PlansPane : public Pane
{
    Q_OBJECT

public:
    PlansPane(const PaneContext& context, QWidget* parent = nullptr);

    static bool visibleFor(const Organization& organization);
    // Whose plan the pane shows for an organization: the organization's, or (a public organization bills
    // its members) the user's own.
    static BillingTarget targetFor(const Organization& organization);
    static bool canManage(const Organization& organization);

    void setOrganization(const Organization& organization) override;
    void refresh() override;

    // What is shown, for tests.
    BillingTarget target() const { return m_target; }
    bool canManage() const { return canManage(m_organization); }
    const std::optional<Subscription>& subscription() const { return m_subscription; }
    PlanComparisonModel* comparison() const { return m_comparison; }
    SubscriptionHistoryModel* history() const { return m_history; }
    QTableView* comparisonTable() const { return m_table; }
    // The subscription's lines by name: "Plan", "Status", "Period", "Renewal", "Pending change",
    // "Discount", "Price" (empty when not shown).
    QString subscriptionLine(const QString& name) const;
    QString errorText() const;
    QPushButton* switchButton(const QString& planId) const;

    // What "Switch to …", "Redeem coupon…" and cancel/resume do (the dialogs are non-modal and delete
    // themselves; nullptr when the action is not possible now).
    SwitchPlanDialog* openSwitchDialog(const QString& planId);
    RedeemCouponDialog* openRedeemDialog();
    // Without asking (the buttons ask first).
    void setCancelAtPeriodEnd(bool cancel);

Q_SIGNALS:
    // The plans, the subscription and its history are shown as the server answered (or an error).
    void updated();

private:
    void load();
    void showSubscription();
    void rebuildSwitchButtons();
    void updateActions();
    void fitTable();
    void askToCancel();

    PaneContext m_context;
    Organization m_organization;
    BillingTarget m_target;
    PlanCatalog m_catalog;
    std::optional<Subscription> m_subscription;
    QTimer m_reload;
    int m_generation = 0;
    int m_pending = 0;
    QString m_error;
    bool m_busy = false;
    PlanComparisonModel* m_comparison;
    SubscriptionHistoryModel* m_history;
    QGroupBox* m_subscriptionBox;
    QFormLayout* m_form;
    QLabel* m_plan;
    QLabel* m_status;
    QLabel* m_period;
    QLabel* m_renewal;
    QLabel* m_pendingChange;
    QLabel* m_discount;
    QLabel* m_price;
    QLabel* m_manageNote;
    QLabel* m_errorLabel;
    QPushButton* m_cancel;
    QPushButton* m_resume;
    QPushButton* m_redeem;
    QTableView* m_table;
    QHBoxLayout* m_switchRow;
    QList<QPushButton*> m_switchButtons;
    QTableView* m_historyView;
};

} // namespace creditdesk
