#pragma once

#include "api/ApiError.h"
#include "domain/Billing.h"
#include "domain/Records.h"

#include <QDialog>
#include <QList>
#include <QTimer>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace creditdesk {

class BillingClient;

// Redeems a coupon code for an account. The code is checked with the server as it is typed (after a
// pause of 400 ms, GET /coupons/validate), and the dialog says in plain words what it gives or why it
// cannot be redeemed; Redeem is enabled only for a code the server called valid. After a redemption,
// BillingClient::accountChanged() makes the balance and the subscription catch up.
class RedeemCouponDialog : public QDialog
{
    Q_OBJECT

public:
    struct Account
    {
        BillingTarget target;
        QString label;
    };

    RedeemCouponDialog(BillingClient* billing, QList<Account> accounts, QWidget* parent = nullptr);

    // The accounts the signed-in user may redeem for while looking at `organization`: the organization's
    // (owners and admins of a team organization) and always their own personal account.
    static QList<Account> accountsFor(const Organization& organization);
    // A non-modal dialog that deletes itself on close.
    static RedeemCouponDialog* openFor(BillingClient* billing, const Organization& organization,
                                       QWidget* parent);

    // As if typed (the check follows after the pause).
    void setCode(const QString& code);
    QString code() const;
    void setAccount(int index);
    BillingTarget account() const;
    void setDebounceInterval(int milliseconds) { m_debounce.setInterval(milliseconds); }
    // What the dialog says about the code (or the redemption).
    QString message() const;
    bool canRedeem() const;
    void redeem();

Q_SIGNALS:
    // The server's answer to the current code arrived.
    void checked(bool valid);
    void redeemed(const creditdesk::CouponRedemption& redemption);
    void failed(const QString& message);

private:
    void validateNow();
    void showMessage(const QString& text, bool good);
    void showError(const ApiError& error);
    void updateButtons();

    BillingClient* m_billing;
    QList<Account> m_accounts;
    PlanCatalog m_catalog;
    QTimer m_debounce;
    int m_generation = 0;
    std::optional<CouponCheck> m_check; // the answer for the current code and account
    QByteArray m_idempotencyKey;
    bool m_busy = false;
    bool m_done = false;
    QLineEdit* m_code;
    QComboBox* m_account;
    QLabel* m_accountLabel;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_redeem;
};

} // namespace creditdesk
