#include "views/RedeemCouponDialog.h"

#include "api/BillingClient.h"
#include "models/BillingText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace creditdesk {

RedeemCouponDialog::RedeemCouponDialog(BillingClient* billing, QList<Account> accounts, QWidget* parent)
    : QDialog(parent), m_billing(billing), m_accounts(std::move(accounts))
{
    setObjectName(QStringLiteral("redeemCouponDialog"));
    setWindowTitle(tr("Redeem coupon"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Enter the code of a coupon. It is checked as you type."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_code = new QLineEdit(this);
    m_code->setAccessibleName(tr("Coupon code"));
    m_code->setPlaceholderText(tr("e.g. WELCOME25"));
    m_code->setMaxLength(40);
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_-]*")), m_code));
    m_code->setMinimumWidth(fontMetrics().averageCharWidth() * 32);
    auto* codeLabel = new QLabel(tr("&Code:"), this);
    codeLabel->setBuddy(m_code);
    form->addRow(codeLabel, m_code);
    m_account = new QComboBox(this);
    m_account->setAccessibleName(tr("Account"));
    for (const Account& account : std::as_const(m_accounts))
        m_account->addItem(account.label);
    m_accountLabel = new QLabel(tr("&For:"), this);
    m_accountLabel->setBuddy(m_account);
    form->addRow(m_accountLabel, m_account);
    // One account needs no choice.
    m_account->setVisible(m_accounts.size() > 1);
    m_accountLabel->setVisible(m_accounts.size() > 1);
    layout->addLayout(form);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("couponMessage"));
    m_message->setAccessibleName(tr("What the coupon gives"));
    m_message->setWordWrap(true);
    m_message->setMinimumHeight(fontMetrics().height() * 3);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_message->setTextFormat(Qt::PlainText);
    layout->addWidget(m_message);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_redeem = m_buttons->addButton(tr("&Redeem"), QDialogButtonBox::AcceptRole);
    m_redeem->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    connect(m_redeem, &QPushButton::clicked, this, &RedeemCouponDialog::redeem);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &RedeemCouponDialog::validateNow);
    connect(m_code, &QLineEdit::textChanged, this, [this] {
        ++m_generation; // an answer for the previous text no longer counts
        m_check.reset();
        m_done = false;
        m_idempotencyKey.clear();
        showMessage(QString(), true);
        if (code().isEmpty())
            m_debounce.stop();
        else
            m_debounce.start();
        updateButtons();
    });
    connect(m_account, &QComboBox::currentIndexChanged, this, [this] {
        ++m_generation;
        m_check.reset();
        m_idempotencyKey.clear();
        if (!code().isEmpty())
            m_debounce.start();
        updateButtons();
    });
    if (m_accounts.isEmpty()) {
        m_code->setEnabled(false);
        showMessage(tr("Sign in to redeem a coupon."), false);
    }
    // Plan names for what a free period gives; the catalog is public.
    m_billing->plans(this, [this](const PlanCatalog& catalog, const ApiError&) { m_catalog = catalog; });
}

QList<RedeemCouponDialog::Account> RedeemCouponDialog::accountsFor(const Organization& organization)
{
    QList<Account> accounts;
    // A public organization bills its members' personal accounts: there is no organization account.
    if (organization.id != 0 && organization.kind != QLatin1String("public") &&
        organization.can(QStringLiteral("subscription:manage")))
        accounts.append({BillingTarget::organization(organization.id), organization.name});
    if (organization.userId != 0)
        accounts.append({BillingTarget::personal(organization.userId), tr("Your personal account")});
    return accounts;
}

RedeemCouponDialog* RedeemCouponDialog::openFor(BillingClient* billing, const Organization& organization,
                                                QWidget* parent)
{
    auto* dialog = new RedeemCouponDialog(billing, accountsFor(organization), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void RedeemCouponDialog::setCode(const QString& code)
{
    m_code->setText(code);
}

QString RedeemCouponDialog::code() const
{
    return m_code->text().trimmed();
}

void RedeemCouponDialog::setAccount(int index)
{
    m_account->setCurrentIndex(index);
}

BillingTarget RedeemCouponDialog::account() const
{
    const int index = m_account->currentIndex();
    return index >= 0 && index < m_accounts.size() ? m_accounts.at(index).target : BillingTarget();
}

QString RedeemCouponDialog::message() const
{
    return m_message->text();
}

bool RedeemCouponDialog::canRedeem() const
{
    return m_redeem->isEnabled();
}

void RedeemCouponDialog::validateNow()
{
    const QString text = code();
    const BillingTarget target = account();
    if (text.isEmpty() || !target.isValid())
        return;
    const int generation = ++m_generation;
    showMessage(tr("Checking…"), true);
    m_billing->validateCoupon(
        target, text, this, [this, generation](const CouponCheck& check, const ApiError& error) {
            if (generation != m_generation)
                return; // typed on since
            if (error.isError()) {
                showError(error);
                Q_EMIT checked(false);
                return;
            }
            m_check = check;
            if (check.valid)
                showMessage(tr("This code gives %1.").arg(BillingText::couponGives(check.effect, m_catalog)),
                            true);
            else
                showMessage(BillingText::couponRefusal(check.reason), false);
            updateButtons();
            Q_EMIT checked(check.valid);
        });
}

void RedeemCouponDialog::redeem()
{
    if (!canRedeem())
        return;
    // One key per code and account: pressing Redeem again after a lost answer does not redeem twice.
    if (m_idempotencyKey.isEmpty())
        m_idempotencyKey = BillingClient::newIdempotencyKey();
    m_busy = true;
    updateButtons();
    showMessage(tr("Redeeming…"), true);
    const int generation = m_generation;
    m_billing->redeemCoupon(
        account(), code(), m_idempotencyKey, this,
        [this, generation](const CouponRedemption& redemption, const ApiError& error) {
            m_busy = false;
            if (generation != m_generation) {
                updateButtons();
                return;
            }
            if (error.isError()) {
                showError(error);
                updateButtons();
                Q_EMIT failed(message());
                return;
            }
            CouponEffect effect = redemption.effect;
            if (effect.kind.isEmpty() && m_check)
                effect = m_check->effect;
            m_done = true;
            showMessage(tr("Redeemed: %1.").arg(BillingText::couponGives(effect, m_catalog)), true);
            updateButtons();
            Q_EMIT redeemed(redemption);
        });
}

void RedeemCouponDialog::showMessage(const QString& text, bool good)
{
    m_message->setText(text);
    // No colour of its own (the window follows the system palette): the words say whether it is a refusal.
    m_message->setProperty("problem", !good);
}

void RedeemCouponDialog::showError(const ApiError& error)
{
    m_check.reset();
    if (BillingClient::isMissingRoute(error)) {
        showMessage(tr("This server does not offer coupons yet."), false);
        return;
    }
    // Refusals at redemption come as errors with the same reasons as a check.
    static const QList<std::pair<const char*, const char*>> reasons{
        {"coupon_not_found", "not_found"},
        {"coupon_expired", "expired"},
        {"coupon_exhausted", "exhausted"},
        {"coupon_already_redeemed", "already_redeemed"},
        {"coupon_not_applicable", "not_applicable"},
        {"coupon_inactive", "inactive"},
        {"discount_already_active", "discount_already_active"}};
    for (const auto& [code, reason] : reasons) {
        if (error.code == QLatin1String(code)) {
            showMessage(BillingText::couponRefusal(QLatin1String(reason)), false);
            return;
        }
    }
    showMessage(error.userMessage(), false);
}

void RedeemCouponDialog::updateButtons()
{
    m_redeem->setEnabled(!m_busy && !m_done && m_check && m_check->valid);
    m_code->setReadOnly(m_busy);
    m_account->setEnabled(!m_busy && !m_done);
}

} // namespace creditdesk
