#pragma once

#include "api/ApiError.h"
#include "domain/Invoices.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace creditdesk {

class InvoicesClient;

// The account's billing profile (GET|PUT /billing-profile): legal name, e-mail, address, tax id. The tax
// exemption and its reason are shown to everyone and editable by platform admins only (they change what
// the operator collects; the server refuses them from anyone else).
class BillingProfileDialog : public QDialog
{
    Q_OBJECT

public:
    BillingProfileDialog(InvoicesClient* client, qint64 organizationId, bool platformAdmin,
                         QWidget* parent = nullptr);

    BillingProfile profile() const;
    void setProfile(const BillingProfile& profile);
    bool exemptionEditable() const;
    QString errorText() const;
    void save();

Q_SIGNALS:
    void loaded();
    void saved(const creditdesk::BillingProfile& profile);

private:
    void showError(const ApiError& error);

    InvoicesClient* m_client;
    qint64 m_organizationId;
    bool m_platformAdmin;
    QLineEdit* m_legalName;
    QLineEdit* m_email;
    QLineEdit* m_line1;
    QLineEdit* m_line2;
    QLineEdit* m_city;
    QLineEdit* m_postalCode;
    QLineEdit* m_region;
    QLineEdit* m_country;
    QLineEdit* m_taxId;
    QCheckBox* m_taxExempt;
    QLineEdit* m_exemptionReason;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
};

// Buy a credit pack (GET /credit-packs, POST /credits/purchase): the packs with their bonus, paid by card
// or (enterprise accounts only) on invoice. The Idempotency-Key is made once per dialog, so a double click
// or a retried request books one purchase.
class BuyCreditsDialog : public QDialog
{
    Q_OBJECT

public:
    BuyCreditsDialog(InvoicesClient* client, qint64 organizationId, bool enterprise,
                     QWidget* parent = nullptr);

    QList<CreditPack> packs() const { return m_packs; }
    void selectPack(const QString& id);
    void setPayment(const QString& payment);
    QStringList payments() const;
    QByteArray idempotencyKey() const { return m_idempotencyKey; }
    QString errorText() const;
    void buy();

    // "250,000 credits (incl. 10,000 bonus) for $10.00"
    static QString packText(const CreditPack& pack);

Q_SIGNALS:
    void packsLoaded();
    void purchased(const QJsonObject& invoice);

private:
    void showError(const QString& message);

    InvoicesClient* m_client;
    qint64 m_organizationId;
    bool m_enterprise;
    QByteArray m_idempotencyKey;
    QList<CreditPack> m_packs;
    QListWidget* m_list;
    QComboBox* m_payment;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_sending = false;
};

// Auto-recharge (GET|PUT /credits/auto-recharge): on or off, the threshold in credits, the pack bought.
class AutoRechargeDialog : public QDialog
{
    Q_OBJECT

public:
    AutoRechargeDialog(InvoicesClient* client, qint64 organizationId, QWidget* parent = nullptr);

    AutoRecharge settings() const;
    void setSettings(const AutoRecharge& settings);
    QString errorText() const;
    void save();

Q_SIGNALS:
    void loaded();
    void saved(const creditdesk::AutoRecharge& settings);

private:
    void showError(const QString& message);

    InvoicesClient* m_client;
    qint64 m_organizationId;
    QCheckBox* m_enabled;
    QLineEdit* m_threshold;
    QComboBox* m_pack;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
};

} // namespace creditdesk
