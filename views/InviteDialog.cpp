#include "views/InviteDialog.h"

#include "api/OrganizationClient.h"
#include "models/OrgText.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace creditdesk {

InviteDialog::InviteDialog(OrganizationClient* client, qint64 organizationId, const Choices& choices,
                           QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId)
{
    setObjectName(QStringLiteral("inviteDialog"));
    setWindowTitle(tr("Invite a member"));
    auto* layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    auto* ask = new QWidget(m_pages);
    auto* askLayout = new QVBoxLayout(ask);
    askLayout->setContentsMargins(0, 0, 0, 0);
    auto* intro = new QLabel(tr("The person gets a one-time invitation code. They choose their own password "
                                "when they accept it; you never see it."),
                             ask);
    intro->setWordWrap(true);
    askLayout->addWidget(intro);
    auto* form = new QFormLayout;
    m_email = new QLineEdit(ask);
    m_email->setObjectName(QStringLiteral("inviteEmail"));
    m_email->setAccessibleName(tr("E-mail"));
    m_email->setPlaceholderText(tr("name@example.com"));
    m_email->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
    form->addRow(tr("&E-mail:"), m_email);
    m_role = new QComboBox(ask);
    m_role->setObjectName(QStringLiteral("inviteRole"));
    m_role->setAccessibleName(tr("Role"));
    if (choices.rights.manageMembers) {
        // Built-in roles but the owner's (ownership is not handed out by invitation); a custom role is
        // given afterwards with "Change role or department…".
        for (Role role : {Role::Admin, Role::Manager, Role::Finance, Role::Member})
            m_role->addItem(roleLabel(role), roleKey(role));
        m_role->setCurrentIndex(m_role->findData(roleKey(Role::Member)));
    } else {
        m_role->addItem(roleLabel(Role::Member), roleKey(Role::Member));
        m_role->setEnabled(false);
    }
    form->addRow(tr("&Role:"), m_role);
    m_department = new QComboBox(ask);
    m_department->setObjectName(QStringLiteral("inviteDepartment"));
    m_department->setAccessibleName(tr("Department"));
    if (choices.rights.manageMembers) {
        m_department->addItem(tr("No department"), QVariant());
        for (const OrgDepartment& department : choices.departments)
            m_department->addItem(department.name, department.id);
    } else {
        for (const OrgDepartment& department : choices.departments) {
            if (department.id == choices.rights.ownDepartment)
                m_department->addItem(department.name, department.id);
        }
        m_department->setEnabled(false);
    }
    form->addRow(tr("&Department:"), m_department);
    askLayout->addLayout(form);
    m_pages->addWidget(ask);

    auto* show = new QWidget(m_pages);
    auto* showLayout = new QVBoxLayout(show);
    showLayout->setContentsMargins(0, 0, 0, 0);
    m_created = new QLabel(show);
    m_created->setWordWrap(true);
    showLayout->addWidget(m_created);
    auto* row = new QHBoxLayout;
    m_token = new QLineEdit(show);
    m_token->setObjectName(QStringLiteral("invitationToken"));
    m_token->setAccessibleName(tr("Invitation code"));
    m_token->setReadOnly(true);
    m_token->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    row->addWidget(m_token, 1);
    m_copy = new QPushButton(tr("&Copy"), show);
    m_copy->setObjectName(QStringLiteral("copyInvitation"));
    row->addWidget(m_copy);
    showLayout->addLayout(row);
    auto* once = new QLabel(tr("This code is shown only now. Send it to the person with the server address; "
                               "they choose \"I have an invitation\" when signing in."),
                            show);
    once->setWordWrap(true);
    showLayout->addWidget(once);
    m_pages->addWidget(show);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("inviteMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    layout->addWidget(m_message);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = m_buttons->addButton(tr("&Invite"), QDialogButtonBox::AcceptRole);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &InviteDialog::submit);
    connect(m_email, &QLineEdit::textChanged, this, &InviteDialog::updateButtons);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_token->text());
        m_message->setText(tr("The invitation code is on the clipboard."));
    });
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    updateButtons();
}

void InviteDialog::invite(const QString& email, const QString& roleId, std::optional<qint64> departmentId)
{
    m_email->setText(email);
    const int role = m_role->findData(roleId);
    if (role >= 0)
        m_role->setCurrentIndex(role);
    const int department = m_department->findData(departmentId ? QVariant(*departmentId) : QVariant());
    if (department >= 0)
        m_department->setCurrentIndex(department);
    submit();
}

void InviteDialog::submit()
{
    if (m_busy || !m_send->isEnabled())
        return;
    m_busy = true;
    m_message->clear();
    updateButtons();
    const QVariant department = m_department->currentData();
    m_client->invite(m_organizationId, m_email->text().trimmed(), m_role->currentData().toString(),
                     department.isValid() ? std::optional<qint64>(department.toLongLong()) : std::nullopt,
                     this, [this](const Invitation& invitation, const ApiError& error) {
                         m_busy = false;
                         if (error.isError()) {
                             m_message->setText(error.userMessage());
                             updateButtons();
                             Q_EMIT failed(error.userMessage());
                             return;
                         }
                         showToken(invitation);
                         Q_EMIT invited(invitation);
                     });
}

void InviteDialog::showToken(const Invitation& invitation)
{
    m_created->setText(tr("%1 is invited. The invitation expires on %2.")
                           .arg(invitation.email, invitation.expiresAt.isValid()
                                                      ? QLocale().toString(invitation.expiresAt.toLocalTime(),
                                                                           QLocale::ShortFormat)
                                                      : orgtext::missing()));
    m_token->setText(invitation.token);
    // The whole code at once, from its start.
    m_token->setMinimumWidth(m_token->fontMetrics().horizontalAdvance(invitation.token) +
                             fontMetrics().averageCharWidth() * 4);
    m_token->setCursorPosition(0);
    adjustSize();
    m_pages->setCurrentIndex(1);
    m_send->hide();
    m_copy->setFocus();
}

QString InviteDialog::token() const
{
    return m_token->text();
}

QString InviteDialog::message() const
{
    return m_message->text();
}

void InviteDialog::updateButtons()
{
    const QString email = m_email->text().trimmed();
    m_send->setEnabled(!m_busy && email.contains(QLatin1Char('@')) && m_department->count() > 0 &&
                       m_pages->currentIndex() == 0);
}

} // namespace creditdesk
