#pragma once

#include "api/ApiError.h"
#include "domain/Billing.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace creditdesk {

class BillingClient;

// "Switch to …": shows the server's preview of a plan switch (GET /tiers/switch/preview: what is paid
// now, the credits given now, when it takes effect) and switches only when the user confirms it
// (POST /tiers/switch with an Idempotency-Key, so that a retried confirmation switches once).
class SwitchPlanDialog : public QDialog
{
    Q_OBJECT

public:
    SwitchPlanDialog(BillingClient* billing, const BillingTarget& target, const PlanCatalog& catalog,
                     const Subscription& current, const QString& planId, QWidget* parent = nullptr);

    QString planId() const { return m_plan.id; }
    // "credits" or "byok" (plans with both let the user choose; the preview follows).
    void setBillingOption(const QString& option);
    QString billingOption() const;
    const std::optional<Proration>& preview() const { return m_preview; }
    // The texts shown, for tests: pay now, credits now, when it takes effect, the note.
    QString payNowText() const;
    QString creditsNowText() const;
    QString effectiveText() const;
    QString noteText() const;
    QString errorText() const;
    bool canConfirm() const;
    // What the confirm button does.
    void confirm();

    // The texts for a preview (static so that tests can check them against the server's numbers).
    static QString payNow(const Proration& preview);
    static QString creditsNow(const Proration& preview);
    static QString effective(const Proration& preview);

Q_SIGNALS:
    void previewShown();
    void switched(const creditdesk::SwitchResult& result);
    void failed(const QString& message);

private:
    void requestPreview();
    void showPreview(const Proration& preview);
    void showError(const ApiError& error);

    BillingClient* m_billing;
    BillingTarget m_target;
    Plan m_plan;
    QString m_currentName;
    std::optional<Proration> m_preview;
    QByteArray m_idempotencyKey;
    int m_generation = 0;
    bool m_busy = false;
    QLabel* m_title;
    QComboBox* m_option = nullptr;
    QLabel* m_payNow;
    QLabel* m_creditsNow;
    QLabel* m_effective;
    QLabel* m_note;
    QLabel* m_error;
    QPushButton* m_confirm;
};

} // namespace creditdesk
