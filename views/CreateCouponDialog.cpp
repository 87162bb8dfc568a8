#include "views/CreateCouponDialog.h"

#include "api/BillingClient.h"
#include "domain/Credits.h"
#include "models/BillingText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

const char* const kKinds[] = {"bonus_credits", "percent_off", "amount_off", "free_period"};
constexpr qint64 kMaxCredits = 1'000'000'000'000; // $40 million: far beyond any promotion

int kindIndex(const QString& kind)
{
    for (int i = 0; i < 4; ++i) {
        if (kind == QLatin1String(kKinds[i]))
            return i;
    }
    return -1;
}

} // namespace

CreateCouponDialog::CreateCouponDialog(BillingClient* billing, const PlanCatalog& catalog, QWidget* parent)
    : QDialog(parent), m_billing(billing), m_catalog(catalog)
{
    setObjectName(QStringLiteral("createCouponDialog"));
    setWindowTitle(tr("New coupon"));
    auto* layout = new QVBoxLayout(this);
    auto* form = m_form = new QFormLayout;
    auto addRow = [this, form](const QString& label, QWidget* field, int kind = -1) {
        auto* text = new QLabel(label, this);
        text->setBuddy(field);
        form->addRow(text, field);
        if (kind >= 0)
            m_kindRows[kind].append(field);
    };

    m_code = new QLineEdit(this);
    m_code->setAccessibleName(tr("Code"));
    m_code->setMaxLength(40);
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z0-9_-]*")), m_code));
    m_code->setPlaceholderText(tr("Letters, digits, - and _"));
    addRow(tr("&Code:"), m_code);

    m_kind = new QComboBox(this);
    m_kind->setAccessibleName(tr("Kind"));
    for (const char* kind : kKinds)
        m_kind->addItem(BillingText::couponKindLabel(QLatin1String(kind)), QLatin1String(kind));
    addRow(tr("&Kind:"), m_kind);

    m_credits = new QLineEdit(this);
    m_credits->setAccessibleName(tr("Credits"));
    m_credits->setPlaceholderText(tr("e.g. 25000 ($1.00)"));
    m_credits->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,13}")), m_credits));
    addRow(tr("C&redits:"), m_credits, 0);
    m_creditExpiry = new QSpinBox(this);
    m_creditExpiry->setAccessibleName(tr("Credits expire after days"));
    m_creditExpiry->setRange(0, 3650);
    m_creditExpiry->setSpecialValueText(tr("Never"));
    addRow(tr("Credits e&xpire after (days):"), m_creditExpiry, 0);

    m_percent = new QSpinBox(this);
    m_percent->setAccessibleName(tr("Percent off"));
    m_percent->setRange(1, 100);
    m_percent->setValue(20);
    m_percent->setSuffix(tr("%"));
    addRow(tr("&Percent off:"), m_percent, 1);

    m_amount = new QLineEdit(this);
    m_amount->setAccessibleName(tr("Amount off"));
    m_amount->setPlaceholderText(tr("e.g. 5.00"));
    addRow(tr("&Amount off ($):"), m_amount, 2);

    m_plan = new QComboBox(this);
    m_plan->setAccessibleName(tr("Plan"));
    for (const Plan& plan : std::as_const(m_catalog.plans)) {
        if (plan.priceMinor > 0)
            m_plan->addItem(plan.name, plan.id);
    }
    addRow(tr("P&lan:"), m_plan, 3);

    m_periods = new QSpinBox(this);
    m_periods->setAccessibleName(tr("Periods"));
    m_periods->setRange(1, 36);
    m_periods->setValue(1);
    addRow(tr("P&eriods:"), m_periods);
    for (int kind : {1, 2, 3})
        m_kindRows[kind].append(m_periods);

    m_maxRedemptions = new QLineEdit(this);
    m_maxRedemptions->setAccessibleName(tr("Maximum redemptions"));
    m_maxRedemptions->setPlaceholderText(tr("No limit"));
    m_maxRedemptions->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,9}")), m_maxRedemptions));
    addRow(tr("&Maximum redemptions:"), m_maxRedemptions);
    m_perAccount = new QSpinBox(this);
    m_perAccount->setAccessibleName(tr("Redemptions per account"));
    m_perAccount->setRange(1, 100);
    addRow(tr("Per acco&unt:"), m_perAccount);

    auto* expiry = new QWidget(this);
    auto* expiryRow = new QHBoxLayout(expiry);
    expiryRow->setContentsMargins(0, 0, 0, 0);
    m_expires = new QCheckBox(tr("On"), expiry);
    m_expires->setAccessibleName(tr("The coupon expires"));
    m_expiresAt = new QDateTimeEdit(QDateTime::currentDateTime().addDays(30), expiry);
    m_expiresAt->setAccessibleName(tr("Expires at"));
    m_expiresAt->setCalendarPopup(true);
    m_expiresAt->setEnabled(false);
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiresAt, 1);
    addRow(tr("Expi&res:"), expiry);

    m_validPlans = new QListWidget(this);
    m_validPlans->setAccessibleName(tr("Valid for plans"));
    for (const Plan& plan : std::as_const(m_catalog.plans)) {
        auto* item = new QListWidgetItem(plan.name, m_validPlans);
        item->setData(Qt::UserRole, plan.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_validPlans->setMaximumHeight(fontMetrics().height() * 6);
    addRow(tr("&Valid for plans (none: all):"), m_validPlans);
    m_firstTimeOnly = new QCheckBox(tr("Only for accounts that never redeemed a coupon"), this);
    m_firstTimeOnly->setAccessibleName(tr("First-time only"));
    form->addRow(QString(), m_firstTimeOnly);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("couponProblem"));
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("Create c&oupon"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &CreateCouponDialog::create);

    auto changed = [this] {
        m_serverProblem.clear();
        update();
    };
    for (QLineEdit* edit : {m_code, m_credits, m_amount, m_maxRedemptions})
        connect(edit, &QLineEdit::textChanged, this, changed);
    for (QSpinBox* spin : {m_percent, m_periods, m_creditExpiry, m_perAccount})
        connect(spin, &QSpinBox::valueChanged, this, changed);
    for (QComboBox* combo : {m_kind, m_plan})
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_expires, &QCheckBox::toggled, this, [this, changed](bool on) {
        m_expiresAt->setEnabled(on);
        changed();
    });
    connect(m_expiresAt, &QDateTimeEdit::dateTimeChanged, this, changed);
    connect(m_validPlans, &QListWidget::itemChanged, this, changed);
    connect(m_firstTimeOnly, &QCheckBox::toggled, this, changed);
    update();
}

void CreateCouponDialog::setCode(const QString& code)
{
    m_code->setText(code);
}

void CreateCouponDialog::setKind(const QString& kind)
{
    m_kind->setCurrentIndex(std::max(0, kindIndex(kind)));
}

void CreateCouponDialog::setCredits(const QString& credits)
{
    m_credits->setText(credits);
}

void CreateCouponDialog::setPercent(int percent)
{
    m_percent->setValue(percent);
}

void CreateCouponDialog::setAmount(const QString& dollars)
{
    m_amount->setText(dollars);
}

void CreateCouponDialog::setDurationPeriods(int periods)
{
    m_periods->setValue(periods);
}

void CreateCouponDialog::setPlan(const QString& planId)
{
    m_plan->setCurrentIndex(m_plan->findData(planId));
}

void CreateCouponDialog::setCreditExpiryDays(int days)
{
    m_creditExpiry->setValue(days);
}

void CreateCouponDialog::setMaxRedemptions(const QString& max)
{
    m_maxRedemptions->setText(max);
}

void CreateCouponDialog::setPerAccountLimit(int limit)
{
    m_perAccount->setValue(limit);
}

void CreateCouponDialog::setExpiresAt(const QDateTime& at)
{
    m_expires->setChecked(at.isValid());
    if (at.isValid())
        m_expiresAt->setDateTime(at.toLocalTime());
}

void CreateCouponDialog::setValidPlans(const QStringList& planIds)
{
    for (int row = 0; row < m_validPlans->count(); ++row) {
        QListWidgetItem* item = m_validPlans->item(row);
        item->setCheckState(planIds.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                  : Qt::Unchecked);
    }
}

void CreateCouponDialog::setFirstTimeOnly(bool only)
{
    m_firstTimeOnly->setChecked(only);
}

NewCoupon CreateCouponDialog::coupon() const
{
    NewCoupon coupon;
    coupon.code = m_code->text().trimmed().toUpper();
    coupon.kind = m_kind->currentData().toString();
    switch (kindIndex(coupon.kind)) {
    case 0:
        coupon.credits = m_credits->text().toLongLong();
        if (m_creditExpiry->value() > 0)
            coupon.creditExpiryDays = m_creditExpiry->value();
        break;
    case 1:
        coupon.percent = m_percent->value();
        coupon.durationPeriods = m_periods->value();
        break;
    case 2:
        coupon.amountMinor = parseMinorUnits(m_amount->text()).value_or(0);
        coupon.durationPeriods = m_periods->value();
        break;
    case 3:
        coupon.plan = m_plan->currentData().toString();
        coupon.durationPeriods = m_periods->value();
        break;
    default:
        break;
    }
    if (!m_maxRedemptions->text().isEmpty())
        coupon.maxRedemptions = m_maxRedemptions->text().toLongLong();
    coupon.perAccountLimit = m_perAccount->value();
    if (m_expires->isChecked())
        coupon.expiresAt = m_expiresAt->dateTime().toUTC();
    for (int row = 0; row < m_validPlans->count(); ++row) {
        if (m_validPlans->item(row)->checkState() == Qt::Checked)
            coupon.validPlans.append(m_validPlans->item(row)->data(Qt::UserRole).toString());
    }
    coupon.firstTimeOnly = m_firstTimeOnly->isChecked();
    return coupon;
}

QString CreateCouponDialog::problem() const
{
    const NewCoupon c = coupon();
    if (c.code.size() < 3)
        return tr("The code needs at least 3 characters: letters, digits, - or _.");
    switch (kindIndex(c.kind)) {
    case 0:
        if (m_credits->text().isEmpty() || c.credits.value_or(0) <= 0)
            return tr("Say how many credits the coupon gives ($1 = 25,000 credits).");
        if (*c.credits > kMaxCredits)
            return tr("At most %1 credits.").arg(Credits(kMaxCredits).format());
        break;
    case 2:
        if (!parseMinorUnits(m_amount->text()) || c.amountMinor.value_or(0) <= 0)
            return tr("Type the amount off in dollars, such as 5.00.");
        break;
    case 3:
        if (!c.plan || c.plan->isEmpty())
            return tr("Choose the plan the free period is on.");
        break;
    default:
        break;
    }
    if (c.maxRedemptions && *c.maxRedemptions <= 0)
        return tr("The maximum number of redemptions must be at least 1 (leave it empty for no limit).");
    if (c.expiresAt.isValid() && c.expiresAt <= QDateTime::currentDateTimeUtc())
        return tr("The expiry must be in the future.");
    return m_serverProblem;
}

bool CreateCouponDialog::canCreate() const
{
    return m_create->isEnabled();
}

void CreateCouponDialog::update()
{
    const int kind = kindIndex(m_kind->currentData().toString());
    // Only the rows of the chosen kind (a row shared by several kinds is shown when one of them is).
    for (int i = 0; i < 4; ++i) {
        for (QWidget* field : std::as_const(m_kindRows[i]))
            m_form->setRowVisible(field, false);
    }
    if (kind >= 0) {
        for (QWidget* field : std::as_const(m_kindRows[kind]))
            m_form->setRowVisible(field, true);
    }
    const QString text = problem();
    m_problem->setText(text);
    m_create->setEnabled(!m_busy && text.isEmpty());
}

void CreateCouponDialog::create()
{
    if (!problem().isEmpty() || m_busy)
        return;
    m_busy = true;
    update();
    m_billing->createCoupon(coupon(), this, [this](const Coupon& coupon, const ApiError& error) {
        m_busy = false;
        if (error.isError()) {
            m_serverProblem =
                error.code == QLatin1String("coupon_exists")
                    ? tr("A coupon with this code exists already.")
                    : (BillingClient::isMissingRoute(error) ? tr("This server does not offer coupons yet.")
                                                            : error.userMessage());
            update();
            Q_EMIT failed(m_serverProblem);
            return;
        }
        Q_EMIT created(coupon);
        accept();
    });
}

} // namespace creditdesk
