#pragma once

#include "api/ApiError.h"
#include "domain/Billing.h"
#include "views/Pane.h"

class QGroupBox;
class QLabel;
class QPushButton;
class QTableView;

namespace creditdesk {

class CouponRedemptionsModel;
class CouponTableModel;
class CreateCouponDialog;

// The platform's coupons, for platform administrators only: every coupon with what it gives and how
// often it was redeemed of how often it may be, a dialog to create one, deactivating one, and the
// redemptions of the selected coupon. Talks to the server through BillingClient only.
class CouponsPane : public Pane
{
    Q_OBJECT

public:
    CouponsPane(const PaneContext& context, QWidget* parent = nullptr);

    static bool visibleFor(const Organization& organization);

    void setOrganization(const Organization& organization) override;
    void refresh() override;

    CouponTableModel* model() const { return m_model; }
    CouponRedemptionsModel* redemptionsModel() const { return m_redemptions; }
    QTableView* table() const { return m_table; }
    // Empty when the list was read; otherwise what went wrong (e.g. the server has no coupons yet).
    QString problem() const;
    bool couponsAvailable() const { return m_available; }

    // What the buttons do (the dialog is non-modal and deletes itself; deactivate() does not ask).
    CreateCouponDialog* openCreateDialog();
    void deactivate(const QString& code);
    // Reads the list again (the Reload button).
    void reload() { load(); }
    // Selects the coupon's row; its redemptions follow.
    bool select(const QString& code);

Q_SIGNALS:
    // The list is shown as the server answered (or the problem).
    void updated();
    void redemptionsShown(const QString& code);

private:
    void load();
    void loadRedemptions(const QString& code);
    void askToDeactivate();
    QString selectedCode() const;
    void updateButtons();

    PaneContext m_context;
    Organization m_organization;
    PlanCatalog m_catalog;
    CouponTableModel* m_model;
    CouponRedemptionsModel* m_redemptions;
    int m_generation = 0;
    int m_redemptionsGeneration = 0;
    bool m_available = true;
    bool m_loaded = false;
    QString m_problem;
    QLabel* m_count;
    QLabel* m_problemLabel;
    QPushButton* m_new;
    QPushButton* m_deactivate;
    QPushButton* m_reload;
    QTableView* m_table;
    QGroupBox* m_redemptionsBox;
    QTableView* m_redemptionsView;
};

} // namespace creditdesk
