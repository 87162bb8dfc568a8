#include "views/BillingDialogs.h"

#include "api/InvoicesClient.h"
#include "domain/Billing.h"
#include "views/InvoiceActionDialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QUuid>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QLabel* errorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("dialogError"));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->hide();
    return label;
}

QString visibleText(const QLabel* label, const QWidget* dialog)
{
    return label->isVisibleTo(dialog) ? label->text() : QString();
}

} // namespace

// ---- billing profile ----------------------------------------------------------------------------------

BillingProfileDialog::BillingProfileDialog(InvoicesClient* client, qint64 organizationId, bool platformAdmin,
                                           QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId), m_platformAdmin(platformAdmin),
      m_legalName(new QLineEdit(this)), m_email(new QLineEdit(this)), m_line1(new QLineEdit(this)),
      m_line2(new QLineEdit(this)), m_city(new QLineEdit(this)), m_postalCode(new QLineEdit(this)),
      m_region(new QLineEdit(this)), m_country(new QLineEdit(this)), m_taxId(new QLineEdit(this)),
      m_taxExempt(new QCheckBox(tr("Tax exempt"), this)), m_exemptionReason(new QLineEdit(this)),
      m_error(errorLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("billingProfileDialog"));
    setWindowTitle(tr("Billing profile"));
    m_country->setMaxLength(2);
    m_country->setPlaceholderText(tr("two letters, e.g. DE"));
    auto* form = new QFormLayout;
    const auto row = [form](const QString& label, QLineEdit* edit) {
        edit->setAccessibleName(QString(label).remove(QLatin1Char(':')));
        form->addRow(label, edit);
    };
    row(tr("Legal name:"), m_legalName);
    row(tr("Invoice e-mail:"), m_email);
    row(tr("Address:"), m_line1);
    row(tr("Address line 2:"), m_line2);
    row(tr("Postal code:"), m_postalCode);
    row(tr("City:"), m_city);
    row(tr("Region:"), m_region);
    row(tr("Country:"), m_country);
    row(tr("Tax ID:"), m_taxId);
    form->addRow(QString(), m_taxExempt);
    row(tr("Exemption reason:"), m_exemptionReason);
    m_taxExempt->setEnabled(m_platformAdmin);
    m_exemptionReason->setEnabled(m_platformAdmin);
    if (!m_platformAdmin)
        m_taxExempt->setToolTip(tr("Only the operator can change a tax exemption."));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BillingProfileDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_client->billingProfile(organizationId, this,
                             [this](const BillingProfile& profile, const ApiError& error) {
                                 if (error.isError())
                                     return showError(error);
                                 setProfile(profile);
                                 m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
                                 Q_EMIT loaded();
                             });
}

BillingProfile BillingProfileDialog::profile() const
{
    BillingProfile profile;
    profile.legalName = m_legalName->text().trimmed();
    profile.email = m_email->text().trimmed();
    profile.line1 = m_line1->text().trimmed();
    profile.line2 = m_line2->text().trimmed();
    profile.city = m_city->text().trimmed();
    profile.postalCode = m_postalCode->text().trimmed();
    profile.region = m_region->text().trimmed();
    profile.country = m_country->text().trimmed().toUpper();
    profile.taxId = m_taxId->text().trimmed();
    profile.taxExempt = m_taxExempt->isChecked();
    profile.exemptionReason = m_exemptionReason->text().trimmed();
    return profile;
}

void BillingProfileDialog::setProfile(const BillingProfile& profile)
{
    m_legalName->setText(profile.legalName);
    m_email->setText(profile.email);
    m_line1->setText(profile.line1);
    m_line2->setText(profile.line2);
    m_city->setText(profile.city);
    m_postalCode->setText(profile.postalCode);
    m_region->setText(profile.region);
    m_country->setText(profile.country);
    m_taxId->setText(profile.taxId);
    m_taxExempt->setChecked(profile.taxExempt);
    m_exemptionReason->setText(profile.exemptionReason);
}

bool BillingProfileDialog::exemptionEditable() const
{
    return m_taxExempt->isEnabled();
}

QString BillingProfileDialog::errorText() const
{
    return visibleText(m_error, this);
}

void BillingProfileDialog::showError(const ApiError& error)
{
    m_error->setText(RequestDialog::messageOf(error));
    m_error->show();
}

void BillingProfileDialog::save()
{
    QPushButton* button = m_buttons->button(QDialogButtonBox::Save);
    if (!button->isEnabled())
        return;
    button->setEnabled(false);
    m_error->hide();
    m_client->setBillingProfile(m_organizationId, profile(), m_platformAdmin, this,
                                [this, button](const BillingProfile& saved, const ApiError& error) {
                                    button->setEnabled(true);
                                    if (error.isError())
                                        return showError(error);
                                    Q_EMIT this->saved(saved);
                                    accept();
                                });
}

// ---- buy credits --------------------------------------------------------------------------------------

BuyCreditsDialog::BuyCreditsDialog(InvoicesClient* client, qint64 organizationId, bool enterprise,
                                   QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId), m_enterprise(enterprise),
      m_idempotencyKey(QUuid::createUuid().toByteArray(QUuid::WithoutBraces)), m_list(new QListWidget(this)),
      m_payment(new QComboBox(this)), m_error(errorLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("buyCreditsDialog"));
    setWindowTitle(tr("Buy credits"));
    m_list->setObjectName(QStringLiteral("creditPacks"));
    m_list->setAccessibleName(tr("Credit packs"));
    m_payment->setAccessibleName(tr("Payment"));
    m_payment->addItem(tr("Card on file"), QStringLiteral("card"));
    // Net 30 on invoice is for enterprise accounts; the server refuses it from others.
    if (m_enterprise)
        m_payment->addItem(tr("On invoice (net 30)"), QStringLiteral("invoice"));
    auto* buy = m_buttons->addButton(tr("Buy"), QDialogButtonBox::AcceptRole);
    buy->setObjectName(QStringLiteral("buyButton"));
    buy->setEnabled(false);
    auto* form = new QFormLayout;
    form->addRow(tr("Payment:"), m_payment);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Bigger packs come with more bonus credits. Purchased credits are added "
                                    "when the payment succeeds."),
                                 this));
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BuyCreditsDialog::buy);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this,
            [buy, this](int row) { buy->setEnabled(row >= 0 && !m_sending); });
    resize(520, 420);
    m_client->creditPacks(this, [this](const QList<CreditPack>& packs, const ApiError& error) {
        if (error.isError())
            return showError(RequestDialog::messageOf(error));
        for (const CreditPack& pack : packs) {
            if (pack.enterpriseOnly && !m_enterprise)
                continue;
            m_packs.append(pack);
            auto* item = new QListWidgetItem(packText(pack), m_list);
            item->setData(Qt::UserRole, pack.id);
            item->setToolTip(pack.name);
        }
        if (m_list->count() > 0)
            m_list->setCurrentRow(0);
        Q_EMIT packsLoaded();
    });
}

QString BuyCreditsDialog::packText(const CreditPack& pack)
{
    // From the numbers, in the user's language and locale; the catalog's English name (which repeats
    // them) is the item's tooltip.
    const QLocale locale;
    const QString price = formatMinorUnits(pack.priceMinor, pack.currency);
    QString text = tr("%1 credits for %2").arg(locale.toString(pack.credits), price);
    if (pack.bonusCredits > 0)
        //: A credit pack: "1,300,000 credits (incl. 50,000 bonus) for $50.00"
        text = tr("%1 credits (incl. %2 bonus) for %3")
                   .arg(locale.toString(pack.credits), locale.toString(pack.bonusCredits), price);
    //: The bulk pack that only accounts on the Enterprise plan may buy
    return pack.enterpriseOnly ? tr("%1 (Enterprise)").arg(text) : text;
}

void BuyCreditsDialog::selectPack(const QString& id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(row);
    }
}

void BuyCreditsDialog::setPayment(const QString& payment)
{
    const int index = m_payment->findData(payment);
    if (index >= 0)
        m_payment->setCurrentIndex(index);
}

QStringList BuyCreditsDialog::payments() const
{
    QStringList result;
    for (int i = 0; i < m_payment->count(); ++i)
        result.append(m_payment->itemData(i).toString());
    return result;
}

QString BuyCreditsDialog::errorText() const
{
    return visibleText(m_error, this);
}

void BuyCreditsDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void BuyCreditsDialog::buy()
{
    QListWidgetItem* item = m_list->currentItem();
    if (!item || m_sending)
        return;
    m_sending = true;
    m_error->hide();
    QPushButton* buy = findChild<QPushButton*>(QStringLiteral("buyButton"));
    buy->setEnabled(false);
    // The same key for every attempt from this dialog: the server books it once.
    m_client->purchase(m_organizationId, item->data(Qt::UserRole).toString(),
                       m_payment->currentData().toString(), m_idempotencyKey, this,
                       [this, buy](const QJsonObject& invoice, const ApiError& error) {
                           m_sending = false;
                           buy->setEnabled(true);
                           if (error.isError()) {
                               if (error.code == QLatin1String("payment_method_required"))
                                   return showError(tr("There is no card on file. Add one with \"Manage "
                                                       "payment methods\" first."));
                               return showError(RequestDialog::messageOf(error));
                           }
                           Q_EMIT purchased(invoice);
                           accept();
                       });
}

// ---- auto-recharge ------------------------------------------------------------------------------------

AutoRechargeDialog::AutoRechargeDialog(InvoicesClient* client, qint64 organizationId, QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId),
      m_enabled(new QCheckBox(tr("Buy credits automatically when they run low"), this)),
      m_threshold(new QLineEdit(this)), m_pack(new QComboBox(this)), m_error(errorLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("autoRechargeDialog"));
    setWindowTitle(tr("Auto-recharge"));
    m_threshold->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,15}")), m_threshold));
    m_threshold->setAccessibleName(tr("Threshold in credits"));
    m_pack->setAccessibleName(tr("Pack"));
    auto* form = new QFormLayout;
    form->addRow(QString(), m_enabled);
    form->addRow(tr("When available credits fall below:"), m_threshold);
    form->addRow(tr("Buy:"), m_pack);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("One purchase at a time, paid by the card on file. Repeated failures "
                                    "turn auto-recharge off and raise an alert."),
                                 this));
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AutoRechargeDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Packs first, then the settings that name one of them.
    m_client->creditPacks(this, [this](const QList<CreditPack>& packs, const ApiError& error) {
        if (error.isError())
            return showError(RequestDialog::messageOf(error));
        for (const CreditPack& pack : packs)
            m_pack->addItem(BuyCreditsDialog::packText(pack), pack.id);
        m_client->autoRecharge(m_organizationId, this,
                               [this](const AutoRecharge& settings, const ApiError& readError) {
                                   if (readError.isError())
                                       return showError(RequestDialog::messageOf(readError));
                                   setSettings(settings);
                                   m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
                                   Q_EMIT loaded();
                               });
    });
}

AutoRecharge AutoRechargeDialog::settings() const
{
    AutoRecharge settings;
    settings.enabled = m_enabled->isChecked();
    settings.thresholdCredits = m_threshold->text().toLongLong();
    settings.pack = m_pack->currentData().toString();
    return settings;
}

void AutoRechargeDialog::setSettings(const AutoRecharge& settings)
{
    m_enabled->setChecked(settings.enabled);
    m_threshold->setText(QString::number(settings.thresholdCredits));
    const int index = m_pack->findData(settings.pack);
    if (index >= 0)
        m_pack->setCurrentIndex(index);
}

QString AutoRechargeDialog::errorText() const
{
    return visibleText(m_error, this);
}

void AutoRechargeDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void AutoRechargeDialog::save()
{
    QPushButton* button = m_buttons->button(QDialogButtonBox::Save);
    if (!button->isEnabled())
        return;
    button->setEnabled(false);
    m_error->hide();
    m_client->setAutoRecharge(m_organizationId, settings(), this,
                              [this, button](const AutoRecharge& saved, const ApiError& error) {
                                  button->setEnabled(true);
                                  if (error.isError())
                                      return showError(RequestDialog::messageOf(error));
                                  Q_EMIT this->saved(saved);
                                  accept();
                              });
}

} // namespace creditdesk
