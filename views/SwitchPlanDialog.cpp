#include "views/SwitchPlanDialog.h"

#include "api/BillingClient.h"
#include "models/BillingText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

constexpr qint64 kSecondsPerDay = 86400;

QLabel* valueLabel(const QString& accessibleName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

SwitchPlanDialog::SwitchPlanDialog(BillingClient* billing, const BillingTarget& target,
                                   const PlanCatalog& catalog, const Subscription& current,
                                   const QString& planId, QWidget* parent)
    : QDialog(parent), m_billing(billing), m_target(target),
      m_currentName(BillingText::planName(catalog, current.plan))
{
    setObjectName(QStringLiteral("switchPlanDialog"));
    if (const Plan* plan = catalog.find(planId))
        m_plan = *plan;
    else
        m_plan.id = m_plan.name = planId;
    setWindowTitle(tr("Switch to %1").arg(m_plan.name));
    auto* layout = new QVBoxLayout(this);
    m_title =
        new QLabel(m_plan.id == current.plan
                       ? tr("Stay on %1 and drop the scheduled change").arg(m_plan.name)
                       : tr("Switch from %1 to %2 (%3)")
                             .arg(m_currentName, m_plan.name,
                                  BillingText::price(m_plan.priceMinor, m_plan.currency, m_plan.interval)),
                   this);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);

    auto* form = new QFormLayout;
    if (m_plan.billingOptions.size() > 1) {
        m_option = new QComboBox(this);
        m_option->setAccessibleName(tr("Pay with"));
        for (const PlanBillingOption& option : std::as_const(m_plan.billingOptions))
            m_option->addItem(BillingText::billingOptionLabel(option.option), option.option);
        // The current option when the plan has it (the server keeps it too).
        const int currentOption = m_option->findData(current.billingOption);
        m_option->setCurrentIndex(std::max(0, currentOption));
        auto* optionLabel = new QLabel(tr("Pay &with:"), this);
        optionLabel->setBuddy(m_option);
        form->addRow(optionLabel, m_option);
        connect(m_option, &QComboBox::currentIndexChanged, this, [this] {
            m_idempotencyKey.clear(); // another request: another key
            requestPreview();
        });
    }
    m_payNow = valueLabel(tr("Pay now"), this);
    m_creditsNow = valueLabel(tr("Credits now"), this);
    m_effective = valueLabel(tr("Takes effect"), this);
    form->addRow(tr("Pay now:"), m_payNow);
    form->addRow(tr("Credits now:"), m_creditsNow);
    form->addRow(tr("Takes effect:"), m_effective);
    layout->addLayout(form);
    m_note = valueLabel(tr("Note"), this);
    layout->addWidget(m_note);
    m_error = valueLabel(tr("Problem"), this);
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(tr("&Switch to %1").arg(m_plan.name), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmSwitch"));
    m_confirm->setEnabled(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_confirm, &QPushButton::clicked, this, &SwitchPlanDialog::confirm);
    setMinimumWidth(fontMetrics().averageCharWidth() * 84);
    requestPreview();
}

void SwitchPlanDialog::setBillingOption(const QString& option)
{
    if (m_option)
        m_option->setCurrentIndex(std::max(0, m_option->findData(option)));
}

QString SwitchPlanDialog::billingOption() const
{
    return m_option ? m_option->currentData().toString() : QString();
}

QString SwitchPlanDialog::payNowText() const
{
    return m_payNow->text();
}

QString SwitchPlanDialog::creditsNowText() const
{
    return m_creditsNow->text();
}

QString SwitchPlanDialog::effectiveText() const
{
    return m_effective->text();
}

QString SwitchPlanDialog::noteText() const
{
    return m_note->text();
}

QString SwitchPlanDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool SwitchPlanDialog::canConfirm() const
{
    return m_confirm->isEnabled();
}

QString SwitchPlanDialog::payNow(const Proration& preview)
{
    if (preview.payMinor() == 0)
        return tr("Nothing");
    const QString pay = formatMinorUnits(preview.payMinor());
    if (preview.discountMinor == 0)
        return pay;
    return tr("%1 (%2 less a discount of %3)")
        .arg(pay, formatMinorUnits(preview.chargeMinor), formatMinorUnits(preview.discountMinor));
}

QString SwitchPlanDialog::creditsNow(const Proration& preview)
{
    return preview.creditsGranted == 0 ? tr("None") : BillingText::creditsWithValue(preview.creditsGranted);
}

QString SwitchPlanDialog::effective(const Proration& preview)
{
    if (preview.startsTrial)
        return tr("Now: a free trial of %n day(s) starts", nullptr,
                  static_cast<int>(preview.periodSeconds / kSecondsPerDay));
    if (preview.immediate)
        return tr("Now");
    return tr("On %1, at the end of the current period")
        .arg(QLocale().toString(preview.effectiveAt.toLocalTime(), QLocale::ShortFormat));
}

void SwitchPlanDialog::requestPreview()
{
    const int generation = ++m_generation;
    m_preview.reset();
    m_confirm->setEnabled(false);
    m_error->hide();
    for (QLabel* label : {m_payNow, m_creditsNow, m_effective})
        label->setText(tr("Asking the server…"));
    m_note->clear();
    m_billing->previewSwitch(m_target, m_plan.id, billingOption(), this,
                             [this, generation](const Proration& preview, const ApiError& error) {
                                 if (generation != m_generation)
                                     return;
                                 if (error.isError()) {
                                     for (QLabel* label : {m_payNow, m_creditsNow, m_effective})
                                         label->setText(QStringLiteral("—"));
                                     showError(error);
                                     return;
                                 }
                                 showPreview(preview);
                             });
}

void SwitchPlanDialog::showPreview(const Proration& preview)
{
    m_preview = preview;
    m_payNow->setText(payNow(preview));
    m_creditsNow->setText(creditsNow(preview));
    m_effective->setText(effective(preview));
    if (preview.startsTrial) {
        m_note->setText(tr("Nothing is charged during the trial. When it ends, the plan costs %1.")
                            .arg(BillingText::price(m_plan.priceMinor, m_plan.currency, m_plan.interval)));
    } else if (preview.immediate && preview.chargeMinor > 0 &&
               preview.remainingSeconds < preview.periodSeconds) {
        const qint64 days = (preview.remainingSeconds + kSecondsPerDay - 1) / kSecondsPerDay;
        m_note->setText(tr("The difference in price and credits is prorated for the %n day(s) left in the "
                           "current period.",
                           nullptr, static_cast<int>(days)));
    } else if (!preview.immediate) {
        m_note->setText(tr("Until then %1 and its credits stay as they are.").arg(m_currentName));
    } else {
        m_note->clear();
    }
    m_confirm->setEnabled(true);
    Q_EMIT previewShown();
}

void SwitchPlanDialog::confirm()
{
    if (!m_preview || m_busy)
        return;
    if (m_idempotencyKey.isEmpty())
        m_idempotencyKey = BillingClient::newIdempotencyKey();
    m_busy = true;
    m_confirm->setEnabled(false);
    m_error->hide();
    m_billing->switchPlan(m_target, m_plan.id, billingOption(), m_idempotencyKey, this,
                          [this](const SwitchResult& result, const ApiError& error) {
                              m_busy = false;
                              if (error.isError()) {
                                  showError(error);
                                  m_confirm->setEnabled(m_preview.has_value());
                                  Q_EMIT failed(m_error->text());
                                  return;
                              }
                              Q_EMIT switched(result);
                              accept();
                          });
}

void SwitchPlanDialog::showError(const ApiError& error)
{
    m_error->setText(error.code == QLatin1String("billing_option_not_in_tier")
                         ? tr("The %1 plan cannot be paid this way.").arg(m_plan.name)
                         : error.userMessage());
    m_error->show();
}

} // namespace creditdesk
