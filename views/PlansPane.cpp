#include "views/PlansPane.h"

#include "api/BillingClient.h"
#include "models/BillingText.h"
#include "models/PlanComparisonModel.h"
#include "models/SubscriptionHistoryModel.h"
#include "views/RedeemCouponDialog.h"
#include "views/SwitchPlanDialog.h"

#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

// Marks the current plan's column with a tint of the palette's highlight (no fixed colours).
class CurrentPlanDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(PlanComparisonModel::CurrentPlanRole).toBool()) {
            QColor tint = option->palette.color(QPalette::Highlight);
            tint.setAlpha(48);
            option->backgroundBrush = tint;
        }
    }
};

QString dateText(const QDateTime& at)
{
    return QLocale().toString(at.toLocalTime().date(), QLocale::ShortFormat);
}

QLabel* lineLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setAccessibleName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

PlansPane::PlansPane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_comparison(new PlanComparisonModel(this)),
      m_history(new SubscriptionHistoryModel(this))
{
    setObjectName(QStringLiteral("plansPane"));
    setAccessibleName(tr("Plans"));
    QWidget* content = scrollingContent();
    auto* layout = new QVBoxLayout(content);

    m_errorLabel = new QLabel(content);
    m_errorLabel->setObjectName(QStringLiteral("plansError"));
    m_errorLabel->setAccessibleName(tr("Problem"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    m_subscriptionBox = new QGroupBox(tr("Subscription"), content);
    auto* box = new QVBoxLayout(m_subscriptionBox);
    auto* form = m_form = new QFormLayout;
    m_plan = lineLabel(QStringLiteral("Plan"), m_subscriptionBox);
    m_status = lineLabel(QStringLiteral("Status"), m_subscriptionBox);
    m_period = lineLabel(QStringLiteral("Period"), m_subscriptionBox);
    m_renewal = lineLabel(QStringLiteral("Renewal"), m_subscriptionBox);
    m_pendingChange = lineLabel(QStringLiteral("Pending change"), m_subscriptionBox);
    m_discount = lineLabel(QStringLiteral("Discount"), m_subscriptionBox);
    m_price = lineLabel(QStringLiteral("Price"), m_subscriptionBox);
    // Accessible names in the user's language; object names stay stable for tests.
    m_plan->setAccessibleName(tr("Plan"));
    m_status->setAccessibleName(tr("Status"));
    m_period->setAccessibleName(tr("Current period"));
    m_renewal->setAccessibleName(tr("Renewal"));
    m_pendingChange->setAccessibleName(tr("Scheduled change"));
    m_discount->setAccessibleName(tr("Discount"));
    m_price->setAccessibleName(tr("Price"));
    form->addRow(tr("Plan:"), m_plan);
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Current period:"), m_period);
    form->addRow(tr("Renewal:"), m_renewal);
    form->addRow(tr("Scheduled change:"), m_pendingChange);
    form->addRow(tr("Discount:"), m_discount);
    form->addRow(tr("Price:"), m_price);
    box->addLayout(form);
    auto* actions = new QHBoxLayout;
    m_cancel = new QPushButton(tr("Cancel at the end of the period…"), m_subscriptionBox);
    m_cancel->setObjectName(QStringLiteral("cancelSubscription"));
    m_resume = new QPushButton(tr("Keep the plan (resume)"), m_subscriptionBox);
    m_resume->setObjectName(QStringLiteral("resumeSubscription"));
    m_redeem = new QPushButton(tr("Redeem coupon…"), m_subscriptionBox);
    m_redeem->setObjectName(QStringLiteral("redeemCoupon"));
    actions->addWidget(m_cancel);
    actions->addWidget(m_resume);
    actions->addWidget(m_redeem);
    actions->addStretch(1);
    box->addLayout(actions);
    m_manageNote = new QLabel(m_subscriptionBox);
    m_manageNote->setWordWrap(true);
    box->addWidget(m_manageNote);
    layout->addWidget(m_subscriptionBox);

    auto* compare = new QGroupBox(tr("Compare plans"), content);
    auto* compareLayout = new QVBoxLayout(compare);
    m_table = new QTableView(compare);
    m_table->setObjectName(QStringLiteral("planComparison"));
    m_table->setAccessibleName(tr("Plan comparison"));
    m_table->setModel(m_comparison);
    m_table->setItemDelegate(new CurrentPlanDelegate(m_table));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::TabFocus);
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(true);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(fontMetrics().averageCharWidth() * 16);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    compareLayout->addWidget(m_table);
    m_switchRow = new QHBoxLayout;
    compareLayout->addLayout(m_switchRow);
    layout->addWidget(compare);

    auto* historyBox = new QGroupBox(tr("History"), content);
    auto* historyLayout = new QVBoxLayout(historyBox);
    m_historyView = new QTableView(historyBox);
    m_historyView->setObjectName(QStringLiteral("subscriptionHistory"));
    m_historyView->setAccessibleName(tr("Subscription history"));
    m_historyView->setModel(m_history);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setAlternatingRowColors(true);
    m_historyView->setWordWrap(false);
    m_historyView->setTabKeyNavigation(false);
    m_historyView->verticalHeader()->hide();
    m_historyView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_historyView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    const int charWidth = fontMetrics().averageCharWidth();
    const int widths[] = {0, 76, 12, 14};
    for (int column = 1; column < 4; ++column)
        m_historyView->setColumnWidth(column, widths[column] * charWidth);
    // Dates take the width their format needs in the user's language.
    m_historyView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_historyView->setMinimumHeight(fontMetrics().height() * 9);
    historyLayout->addWidget(m_historyView);
    layout->addWidget(historyBox);
    layout->addStretch(1);

    connect(m_cancel, &QPushButton::clicked, this, &PlansPane::askToCancel);
    connect(m_resume, &QPushButton::clicked, this, [this] { setCancelAtPeriodEnd(false); });
    connect(m_redeem, &QPushButton::clicked, this, &PlansPane::openRedeemDialog);
    connect(m_comparison, &QAbstractItemModel::modelReset, this, &PlansPane::fitTable);

    // A burst of reasons to read again (a sync's pages, a change made here) becomes one read.
    m_reload.setSingleShot(true);
    m_reload.setInterval(150);
    connect(&m_reload, &QTimer::timeout, this, &PlansPane::load);
    if (m_context.billing) {
        connect(m_context.billing, &BillingClient::accountChanged, this, [this](const BillingTarget& target) {
            if (target == m_target)
                m_reload.start();
        });
    }
    showSubscription();
    updateActions();
}

bool PlansPane::visibleFor(const Organization& organization)
{
    return organization.id != 0 && (organization.can(QStringLiteral("subscription:read")) ||
                                    organization.kind == QLatin1String("public"));
}

BillingTarget PlansPane::targetFor(const Organization& organization)
{
    if (organization.kind == QLatin1String("public"))
        return organization.userId != 0 ? BillingTarget::personal(organization.userId) : BillingTarget();
    return organization.id != 0 ? BillingTarget::organization(organization.id) : BillingTarget();
}

bool PlansPane::canManage(const Organization& organization)
{
    const BillingTarget target = targetFor(organization);
    return target.isPersonal() || organization.can(QStringLiteral("subscription:manage"));
}

void PlansPane::setOrganization(const Organization& organization)
{
    const BillingTarget target = targetFor(organization);
    const bool changed = !(target == m_target);
    m_organization = organization;
    m_target = target;
    m_subscriptionBox->setTitle(m_target.isPersonal() ? tr("Your personal plan")
                                                      : tr("Subscription of %1").arg(organization.name));
    if (changed) {
        m_subscription.reset();
        m_history->setEvents({});
        showSubscription();
        load();
    }
    updateActions();
}

void PlansPane::refresh()
{
    m_reload.start();
}

void PlansPane::load()
{
    m_reload.stop();
    if (!m_context.billing || !m_target.isValid())
        return;
    const int generation = ++m_generation;
    m_pending = 3;
    m_error.clear();
    auto finishOne = [this, generation](const ApiError& error) {
        if (generation != m_generation)
            return false;
        if (error.isError() && m_error.isEmpty())
            m_error = error.userMessage();
        if (--m_pending > 0)
            return true;
        m_history->setContext(m_catalog, m_organization.userId);
        showSubscription();
        rebuildSwitchButtons();
        updateActions();
        fitTable();
        Q_EMIT updated();
        return true;
    };
    m_context.billing->plans(
        this, [this, generation, finishOne](const PlanCatalog& catalog, const ApiError& error) {
            if (generation == m_generation && !error.isError()) {
                m_catalog = catalog;
                m_comparison->setCatalog(catalog);
            }
            finishOne(error);
        });
    m_context.billing->subscription(
        m_target, this,
        [this, generation, finishOne](const Subscription& subscription, const ApiError& error) {
            if (generation == m_generation && !error.isError()) {
                m_subscription = subscription;
                m_comparison->setCurrentPlan(subscription.plan);
            }
            finishOne(error);
        });
    m_context.billing->history(
        m_target, 50, this,
        [this, generation, finishOne](const QList<SubscriptionEvent>& events, const ApiError& error) {
            if (generation == m_generation && !error.isError())
                m_history->setEvents(events);
            finishOne(error);
        });
}

void PlansPane::showSubscription()
{
    m_errorLabel->setText(
        m_error.isEmpty()
            ? QString()
            : tr("%1 Plans and the subscription are shown as the server last said.").arg(m_error));
    m_errorLabel->setVisible(!m_error.isEmpty());
    QFormLayout* form = m_form;
    if (!m_subscription) {
        for (QLabel* label : {m_plan, m_status, m_period, m_renewal, m_pendingChange, m_discount, m_price})
            label->clear();
        m_plan->setText(m_error.isEmpty() ? tr("Asking the server…") : QStringLiteral("—"));
        for (QLabel* label : {m_pendingChange, m_discount})
            form->setRowVisible(label, false);
        return;
    }
    const Subscription& s = *m_subscription;
    const QString name = BillingText::planName(m_catalog, s.plan);
    m_plan->setText(tr("%1 (%2)").arg(name, BillingText::billingOptionLabel(s.billingOption)));
    m_status->setText(s.status == QLatin1String("trialing") && s.trialEnd.isValid()
                          ? tr("Trial until %1").arg(dateText(s.trialEnd))
                          : BillingText::statusLabel(s.status));
    m_period->setText(tr("%1 to %2").arg(dateText(s.periodStart), dateText(s.periodEnd)));
    if (s.cancelAtPeriodEnd)
        m_renewal->setText(
            tr("Cancels on %1; the account then moves to %2.")
                .arg(dateText(s.periodEnd), BillingText::planName(m_catalog, QStringLiteral("free"))));
    else
        m_renewal->setText(tr("Renews on %1").arg(dateText(s.periodEnd)));
    form->setRowVisible(m_pendingChange, s.pendingChange.has_value());
    if (s.pendingChange) {
        const QString plan = BillingText::planName(m_catalog, s.pendingChange->plan);
        m_pendingChange->setText(
            s.pendingChange->billingOption == s.billingOption || s.pendingChange->billingOption.isEmpty()
                ? tr("%1 from %2").arg(plan, dateText(s.pendingChange->effectiveAt))
                : tr("%1 (%2) from %3")
                      .arg(plan, BillingText::billingOptionLabel(s.pendingChange->billingOption),
                           dateText(s.pendingChange->effectiveAt)));
    }
    QStringList discounts;
    if (s.discount)
        discounts.append(BillingText::discount(*s.discount));
    if (s.verifiedDiscountPercent > 0)
        discounts.append(tr("%1 off as a verified institution")
                             .arg(BillingText::percent(s.verifiedDiscountPercent * 100)));
    form->setRowVisible(m_discount, !discounts.isEmpty());
    m_discount->setText(discounts.join(QLatin1Char('\n')));
    const QString price = BillingText::price(s.priceMinor, QStringLiteral("USD"), QStringLiteral("month"));
    m_price->setText(
        s.monthlyCredits > 0
            ? tr("%1, with %2 each period").arg(price, BillingText::creditsWithValue(s.monthlyCredits))
            : price);
}

QString PlansPane::subscriptionLine(const QString& name) const
{
    for (QLabel* label : {m_plan, m_status, m_period, m_renewal, m_pendingChange, m_discount, m_price}) {
        if (label->objectName() == name) {
            return m_form->isRowVisible(label) ? label->text() : QString();
        }
    }
    return {};
}

QString PlansPane::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

QPushButton* PlansPane::switchButton(const QString& planId) const
{
    for (QPushButton* button : m_switchButtons) {
        if (button->property("plan").toString() == planId)
            return button;
    }
    return nullptr;
}

void PlansPane::rebuildSwitchButtons()
{
    qDeleteAll(m_switchButtons);
    m_switchButtons.clear();
    while (QLayoutItem* item = m_switchRow->takeAt(0))
        delete item;
    if (!m_subscription)
        return;
    // One button under each plan's column, in the same order; the current plan gets one only to drop a
    // scheduled change.
    for (const Plan& plan : std::as_const(m_catalog.plans)) {
        const bool current = plan.id == m_subscription->plan;
        QPushButton* button = nullptr;
        if (!current)
            button = new QPushButton(tr("Switch to %1…").arg(plan.name), this);
        else if (m_subscription->pendingChange)
            button = new QPushButton(tr("Stay on %1…").arg(plan.name), this);
        if (!button) {
            m_switchRow->addStretch(1);
            continue;
        }
        button->setObjectName(QStringLiteral("switchTo_") + plan.id);
        button->setProperty("plan", plan.id);
        connect(button, &QPushButton::clicked, this, [this, id = plan.id] { openSwitchDialog(id); });
        m_switchRow->addWidget(button, 1);
        m_switchButtons.append(button);
    }
    updateActions();
}

void PlansPane::updateActions()
{
    const bool manage = canManage() && m_context.billing && m_target.isValid();
    const bool loaded = m_subscription.has_value();
    const bool paid = loaded && m_subscription->plan != QLatin1String("free");
    m_cancel->setVisible(manage && paid && !m_subscription->cancelAtPeriodEnd);
    m_resume->setVisible(manage && loaded && m_subscription->cancelAtPeriodEnd);
    m_redeem->setVisible(manage);
    for (QWidget* button : {static_cast<QWidget*>(m_cancel), static_cast<QWidget*>(m_resume)})
        button->setEnabled(!m_busy);
    for (QPushButton* button : std::as_const(m_switchButtons))
        button->setVisible(manage);
    m_manageNote->setText(
        manage ? QString()
               : tr("Only the owners and admins of %1 can change its plan or redeem coupons for it.")
                     .arg(m_organization.name));
    m_manageNote->setVisible(!manage && m_organization.id != 0);
}

void PlansPane::fitTable()
{
    // The whole comparison at once: the page scrolls, not the table.
    const int height =
        m_table->horizontalHeader()->sizeHint().height() + m_table->verticalHeader()->length() +
        2 * m_table->frameWidth() +
        (m_table->horizontalScrollBar()->isVisible() ? m_table->horizontalScrollBar()->height() : 0);
    m_table->setFixedHeight(height);
    // The switch buttons line up under the plans' columns, not under the row labels.
    m_switchRow->setContentsMargins(m_table->verticalHeader()->sizeHint().width() + m_table->frameWidth(), 0,
                                    m_table->frameWidth(), 0);
}

SwitchPlanDialog* PlansPane::openSwitchDialog(const QString& planId)
{
    if (!canManage() || !m_subscription || !m_context.billing || !m_catalog.find(planId))
        return nullptr;
    auto* dialog =
        new SwitchPlanDialog(m_context.billing, m_target, m_catalog, *m_subscription, planId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SwitchPlanDialog::switched, this, [this](const SwitchResult& result) {
        m_subscription = result.subscription;
        const QString name = BillingText::planName(m_catalog, result.subscription.pendingChange
                                                                  ? result.subscription.pendingChange->plan
                                                                  : result.subscription.plan);
        Q_EMIT statusMessage(result.proration.immediate
                                 ? tr("Switched to %1.").arg(name)
                                 : tr("%1 starts on %2.").arg(name, dateText(result.proration.effectiveAt)));
        m_reload.start();
    });
    dialog->open();
    return dialog;
}

RedeemCouponDialog* PlansPane::openRedeemDialog()
{
    if (!m_context.billing)
        return nullptr;
    return RedeemCouponDialog::openFor(m_context.billing, m_organization, this);
}

void PlansPane::askToCancel()
{
    if (!m_subscription)
        return;
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Cancel plan"),
        tr("Cancel %1 at the end of the current period, on %2? Until then everything stays as it is; then "
           "the account moves to %3. You can take this back until then.")
            .arg(BillingText::planName(m_catalog, m_subscription->plan), dateText(m_subscription->periodEnd),
                 BillingText::planName(m_catalog, QStringLiteral("free"))),
        QMessageBox::NoButton, this);
    QPushButton* yes = box->addButton(tr("Cancel at period end"), QMessageBox::AcceptRole);
    box->addButton(tr("Keep the plan"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton* clicked) {
        if (clicked == yes)
            setCancelAtPeriodEnd(true);
    });
    box->open();
}

void PlansPane::setCancelAtPeriodEnd(bool cancel)
{
    if (!canManage() || !m_context.billing || m_busy)
        return;
    m_busy = true;
    updateActions();
    m_context.billing->setCancelAtPeriodEnd(
        m_target, cancel, this, [this, cancel](const Subscription& subscription, const ApiError& error) {
            m_busy = false;
            if (error.isError()) {
                m_error = error.userMessage();
                showSubscription();
                updateActions();
                Q_EMIT statusMessage(error.userMessage());
                return;
            }
            m_subscription = subscription;
            m_error.clear();
            showSubscription();
            updateActions();
            Q_EMIT statusMessage(cancel ? tr("The plan ends on %1.").arg(dateText(subscription.periodEnd))
                                        : tr("The plan renews on %1.").arg(dateText(subscription.periodEnd)));
        });
}

} // namespace creditdesk
