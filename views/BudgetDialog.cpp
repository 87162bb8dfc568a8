#include "views/BudgetDialog.h"

#include "api/OrganizationClient.h"
#include "domain/Credits.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

BudgetDialog::BudgetDialog(OrganizationClient* client, qint64 organizationId, Mode mode, qint64 targetId,
                           const QString& targetName, const std::optional<BudgetLimit>& current,
                           QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId), m_mode(mode), m_targetId(targetId)
{
    setObjectName(QStringLiteral("budgetDialog"));
    switch (mode) {
    case Mode::DepartmentBudget:
        setWindowTitle(tr("Budget of %1").arg(targetName));
        break;
    case Mode::MemberLimit:
        setWindowTitle(tr("Spending limit of %1").arg(targetName));
        break;
    case Mode::Request:
        setWindowTitle(tr("Ask for a budget for %1").arg(targetName));
        break;
    }
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        mode == Mode::Request ? tr("Ask for the budget your department needs (the whole budget, not an "
                                   "increase). An owner or admin decides.")
                              : tr("A budget caps what may be spent from the organization's credits. It "
                                   "never adds or moves credits. Hard budgets refuse spending beyond them; "
                                   "soft ones allow it and record it."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_credits = new QLineEdit(this);
    m_credits->setObjectName(QStringLiteral("budgetCredits"));
    m_credits->setAccessibleName(tr("Credits"));
    if (current)
        m_credits->setText(Credits(current->credits).format());
    form->addRow(tr("&Credits:"), m_credits);
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("budgetPeriod"));
    m_period->setAccessibleName(tr("Period"));
    m_period->addItem(tr("Each billing period"), QStringLiteral("month"));
    m_period->addItem(tr("In total"), QStringLiteral("total"));
    m_enforcement = new QComboBox(this);
    m_enforcement->setObjectName(QStringLiteral("budgetEnforcement"));
    m_enforcement->setAccessibleName(tr("Enforcement"));
    m_enforcement->addItem(tr("Hard: refuse spending beyond it"), QStringLiteral("hard"));
    m_enforcement->addItem(tr("Soft: allow and record it"), QStringLiteral("soft"));
    if (current) {
        setPeriod(current->period);
        setEnforcement(current->enforcement);
    }
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("budgetReason"));
    m_reason->setAccessibleName(tr("Reason"));
    if (mode == Mode::Request) {
        form->addRow(tr("&Reason:"), m_reason);
        m_period->hide();
        m_enforcement->hide();
    } else {
        form->addRow(tr("&Period:"), m_period);
        form->addRow(tr("&Enforcement:"), m_enforcement);
        m_reason->hide();
    }
    layout->addLayout(form);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("budgetMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = m_buttons->addButton(mode == Mode::Request ? tr("&Send request") : tr("&Save"),
                                  QDialogButtonBox::AcceptRole);
    m_remove = m_buttons->addButton(mode == Mode::MemberLimit ? tr("&Remove limit") : tr("&Remove budget"),
                                    QDialogButtonBox::DestructiveRole);
    m_remove->setVisible(mode != Mode::Request && current.has_value());
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &BudgetDialog::save);
    connect(m_remove, &QPushButton::clicked, this, &BudgetDialog::removeLimit);
    connect(m_credits, &QLineEdit::textChanged, this, &BudgetDialog::updateButtons);
    connect(m_reason, &QLineEdit::textChanged, this, &BudgetDialog::updateButtons);
    updateButtons();
}

void BudgetDialog::setCredits(const QString& text)
{
    m_credits->setText(text);
}

void BudgetDialog::setPeriod(const QString& period)
{
    const int index = m_period->findData(period);
    if (index >= 0)
        m_period->setCurrentIndex(index);
}

void BudgetDialog::setEnforcement(const QString& enforcement)
{
    const int index = m_enforcement->findData(enforcement);
    if (index >= 0)
        m_enforcement->setCurrentIndex(index);
}

void BudgetDialog::setReason(const QString& reason)
{
    m_reason->setText(reason);
}

std::optional<qint64> BudgetDialog::credits() const
{
    // Whole credits in the user's locale ("5,000") or plain digits.
    QString text = m_credits->text().trimmed();
    bool ok = false;
    qint64 value = QLocale().toLongLong(text, &ok);
    if (!ok)
        value = text.remove(QLatin1Char(',')).remove(QLatin1Char(' ')).toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

QString BudgetDialog::message() const
{
    return m_message->text();
}

void BudgetDialog::updateButtons()
{
    const bool valid =
        credits().has_value() && (m_mode != Mode::Request || !m_reason->text().trimmed().isEmpty());
    m_save->setEnabled(!m_busy && valid);
    m_remove->setEnabled(!m_busy);
    m_message->setText(m_credits->text().isEmpty() || credits() ? QString()
                                                                : tr("Enter a whole number of credits."));
}

void BudgetDialog::save()
{
    if (m_busy || !m_save->isEnabled())
        return;
    if (m_mode == Mode::Request) {
        m_busy = true;
        updateButtons();
        m_client->requestBudget(m_organizationId, m_targetId, *credits(), m_reason->text().trimmed(), this,
                                [this](const bool&, const ApiError& error) { finish(error); });
        return;
    }
    send(
        BudgetLimit{*credits(), m_period->currentData().toString(), m_enforcement->currentData().toString()});
}

void BudgetDialog::removeLimit()
{
    if (m_busy || m_mode == Mode::Request)
        return;
    send(std::nullopt);
}

void BudgetDialog::send(const std::optional<BudgetLimit>& limit)
{
    m_busy = true;
    updateButtons();
    auto done = [this](const bool&, const ApiError& error) { finish(error); };
    if (m_mode == Mode::DepartmentBudget)
        m_client->setDepartmentBudget(m_organizationId, m_targetId, limit, this, done);
    else
        m_client->setMemberLimit(m_organizationId, m_targetId, limit, this, done);
}

void BudgetDialog::finish(const ApiError& error)
{
    m_busy = false;
    updateButtons();
    if (error.isError()) {
        m_message->setText(error.userMessage());
        Q_EMIT failed(error.userMessage());
        return;
    }
    Q_EMIT saved();
    accept();
}

} // namespace creditdesk
