#pragma once

#include "api/ApiError.h"
#include "domain/Billing.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace creditdesk {

class BillingClient;

// A new coupon (POST /coupons/create), for platform administrators. Only the fields of the chosen kind
// are offered; what is typed is checked as it is typed and the first problem is said in words (Create is
// enabled only without one). The server's own refusal (a code that exists, …) is shown the same way.
class CreateCouponDialog : public QDialog
{
    Q_OBJECT

public:
    CreateCouponDialog(BillingClient* billing, const PlanCatalog& catalog, QWidget* parent = nullptr);

    // The fields, for tests and keyboard users alike.
    void setCode(const QString& code);
    void setKind(const QString& kind); // bonus_credits, percent_off, amount_off, free_period
    void setCredits(const QString& credits);
    void setPercent(int percent);
    void setAmount(const QString& dollars);
    void setDurationPeriods(int periods);
    void setPlan(const QString& planId);
    void setCreditExpiryDays(int days);         // 0: never
    void setMaxRedemptions(const QString& max); // empty: no limit
    void setPerAccountLimit(int limit);
    void setExpiresAt(const QDateTime& at); // invalid: never
    void setValidPlans(const QStringList& planIds);
    void setFirstTimeOnly(bool only);

    // The coupon as typed, or the first problem with it (empty: none).
    NewCoupon coupon() const;
    QString problem() const;
    bool canCreate() const;
    void create();

Q_SIGNALS:
    void created(const creditdesk::Coupon& coupon);
    void failed(const QString& message);

private:
    void update();

    BillingClient* m_billing;
    PlanCatalog m_catalog;
    QString m_serverProblem;
    bool m_busy = false;
    QFormLayout* m_form;
    QLineEdit* m_code;
    QComboBox* m_kind;
    QLineEdit* m_credits;
    QSpinBox* m_percent;
    QLineEdit* m_amount;
    QSpinBox* m_periods;
    QComboBox* m_plan;
    QSpinBox* m_creditExpiry;
    QLineEdit* m_maxRedemptions;
    QSpinBox* m_perAccount;
    QCheckBox* m_expires;
    QDateTimeEdit* m_expiresAt;
    QListWidget* m_validPlans;
    QCheckBox* m_firstTimeOnly;
    QLabel* m_problem;
    QPushButton* m_create;
    QList<QWidget*> m_kindRows[4]; // the fields of each kind, in kKinds order
};

} // namespace creditdesk
