#include "views/AcceptInvitationDialog.h"

#include "api/OrganizationClient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

// As the server's sign-up rule: at least this many characters.
constexpr int kMinimumPassword = 8;

} // namespace

AcceptInvitationDialog::AcceptInvitationDialog(OrganizationClient* client, bool signedIn, QWidget* parent)
    : QDialog(parent), m_client(client), m_signedIn(signedIn)
{
    setObjectName(QStringLiteral("acceptInvitationDialog"));
    setWindowTitle(tr("Accept an invitation"));
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(signedIn ? tr("Enter the invitation code you were sent. You join the organization "
                                 "with the account you are signed in with.")
                            : tr("Enter the invitation code you were sent and choose your name and "
                                 "password. If you already have an account, sign in first and "
                                 "accept the invitation from the File menu."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("invitationCode"));
    m_token->setAccessibleName(tr("Invitation code"));
    form->addRow(tr("Invitation &code:"), m_token);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("invitationName"));
    m_name->setAccessibleName(tr("Your name"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("invitationPassword"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat = new QLineEdit(this);
    m_repeat->setObjectName(QStringLiteral("invitationPasswordRepeat"));
    m_repeat->setAccessibleName(tr("Password again"));
    m_repeat->setEchoMode(QLineEdit::Password);
    if (!signedIn) {
        form->addRow(tr("Your &name:"), m_name);
        form->addRow(tr("&Password:"), m_password);
        form->addRow(tr("Password &again:"), m_repeat);
    } else {
        m_name->hide();
        m_password->hide();
        m_repeat->hide();
    }
    layout->addLayout(form);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("invitationMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    layout->addWidget(m_message);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_accept = m_buttons->addButton(tr("&Accept invitation"), QDialogButtonBox::AcceptRole);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_accept, &QPushButton::clicked, this, &AcceptInvitationDialog::acceptInvitation);
    for (QLineEdit* edit : {m_token, m_name, m_password, m_repeat})
        connect(edit, &QLineEdit::textChanged, this, &AcceptInvitationDialog::updateButtons);
    updateButtons();
}

void AcceptInvitationDialog::submit(const QString& token, const QString& name, const QString& password)
{
    m_token->setText(token);
    m_name->setText(name);
    m_password->setText(password);
    m_repeat->setText(password);
    acceptInvitation();
}

QString AcceptInvitationDialog::message() const
{
    return m_message->text();
}

void AcceptInvitationDialog::updateButtons()
{
    QString problem;
    if (!m_signedIn && !m_password->text().isEmpty() && m_password->text().size() < kMinimumPassword)
        problem = tr("The password needs at least %1 characters.").arg(kMinimumPassword);
    else if (!m_signedIn && !m_repeat->text().isEmpty() && m_repeat->text() != m_password->text())
        problem = tr("The passwords differ.");
    if (!m_busy)
        m_message->setText(problem);
    const bool complete = !m_token->text().trimmed().isEmpty() &&
                          (m_signedIn || (!m_name->text().trimmed().isEmpty() &&
                                          m_password->text().size() >= kMinimumPassword &&
                                          m_password->text() == m_repeat->text()));
    m_accept->setEnabled(!m_busy && complete);
}

void AcceptInvitationDialog::acceptInvitation()
{
    if (m_busy || !m_accept->isEnabled())
        return;
    m_busy = true;
    updateButtons();
    m_message->setText(tr("Accepting…"));
    m_client->acceptInvitation(
        m_token->text().trimmed(), m_signedIn ? QString() : m_name->text().trimmed(),
        m_signedIn ? QString() : m_password->text(), this,
        [this](const AcceptedInvitation& result, const ApiError& error) {
            m_busy = false;
            updateButtons();
            if (error.isError()) {
                const QString text = error.code == QLatin1String("invitation_invalid")
                                         ? tr("This invitation code is unknown, already used, revoked or "
                                              "expired. Ask for a new invitation.")
                                     : error.code == QLatin1String("invitation_wrong_user")
                                         ? tr("This invitation is for another account. Sign in as the "
                                              "invited person.")
                                     : error.httpStatus == 401
                                         ? tr("This e-mail address already has an account. Sign in "
                                              "first, then accept the invitation from the File menu.")
                                         : error.userMessage();
                m_message->setText(text);
                Q_EMIT failed(text);
                return;
            }
            m_password->clear();
            m_repeat->clear();
            Q_EMIT accepted(result);
            accept();
        });
}

} // namespace creditdesk
