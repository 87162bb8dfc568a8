#include "views/SignInDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace creditdesk {

SignInDialog::SignInDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to CreditDesk"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_server = new QLineEdit(this);
    m_server->setPlaceholderText(QStringLiteral("https://billing.example.com"));
    m_server->setAccessibleName(tr("Server URL"));
    m_email = new QLineEdit(this);
    m_email->setAccessibleName(tr("E-mail"));
    m_email->setPlaceholderText(tr("you@example.com"));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_remember = new QCheckBox(tr("&Remember me on this computer"), this);
    m_remember->setToolTip(tr("Keeps the session in the system keychain, never in a file."));
    m_caFile = new QLineEdit(this);
    m_caFile->setAccessibleName(tr("Trusted CA certificate file"));
    m_caFile->setPlaceholderText(tr("Only for a server with its own certificate authority"));
    auto* browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setAccessibleName(tr("Choose CA certificate file"));
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    // A label made by addRow(text, layout) has no buddy and would show the "&" itself.
    auto* caLabel = new QLabel(tr("Trust &CA file:"), this);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    // The fields keep their height whatever the message below says; the dialog grows instead.
    for (QWidget* field : std::initializer_list<QWidget*>{m_server, m_email, m_password, m_caFile}) {
        field->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        field->setMinimumHeight(field->sizeHint().height());
    }
    layout->addLayout(form);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::MinimumExpanding);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setAccessibleName(tr("Sign-in message"));
    m_message->setVisible(false);
    layout->addWidget(m_message);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    // New people join by an invitation code: they choose their password there, nobody else does.
    m_invitation = m_buttons->addButton(tr("I have an &invitation…"), QDialogButtonBox::ActionRole);
    m_invitation->setObjectName(QStringLiteral("haveInvitation"));
    connect(m_invitation, &QPushButton::clicked, this, &SignInDialog::invitationRequested);
    layout->addWidget(m_buttons);
    // Never smaller than what the fields and a wrapped message need.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    setMinimumWidth(460);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SignInDialog::onAccept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QToolButton::clicked, this, [this] {
        auto* dialog = new QFileDialog(this, tr("Trusted CA certificate"), QString(),
                                       tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
        dialog->open();
    });
}

void SignInDialog::setServer(const QUrl& server)
{
    m_server->setText(server.toString());
}

void SignInDialog::setEmail(const QString& email)
{
    m_email->setText(email);
    if (!email.isEmpty())
        m_password->setFocus();
}

void SignInDialog::clearPassword()
{
    m_password->clear();
}

void SignInDialog::setRemember(bool remember)
{
    m_remember->setChecked(remember);
}

void SignInDialog::setCaFile(const QString& path)
{
    m_caFile->setText(path);
}

void SignInDialog::setMessage(const QString& message)
{
    m_message->setStyleSheet(QString());
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    growToFit();
}

void SignInDialog::growToFit()
{
    // A message of several lines makes the dialog taller instead of squeezing the fields.
    layout()->activate();
    const QSize needed = sizeHint().expandedTo(minimumSizeHint());
    if (height() < needed.height() || width() < needed.width())
        resize(size().expandedTo(needed));
}

void SignInDialog::showError(const QString& message)
{
    setBusy(false);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #e0443e; }"));
    m_message->setText(message);
    m_message->setVisible(true);
    growToFit();
}

void SignInDialog::setBusy(bool busy)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setText(busy ? tr("Signing in…") : tr("Sign in"));
}

QUrl SignInDialog::server() const
{
    return QUrl::fromUserInput(m_server->text().trimmed());
}

QString SignInDialog::email() const
{
    return m_email->text().trimmed();
}

QString SignInDialog::password() const
{
    return m_password->text();
}

bool SignInDialog::remember() const
{
    return m_remember->isChecked();
}

QString SignInDialog::caFile() const
{
    return m_caFile->text().trimmed();
}

QString SignInDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void SignInDialog::submit(const QUrl& server, const QString& email, const QString& password, bool remember)
{
    setServer(server);
    m_email->setText(email);
    m_password->setText(password);
    setRemember(remember);
    onAccept();
}

void SignInDialog::onAccept()
{
    if (email().isEmpty() || password().isEmpty() || m_server->text().trimmed().isEmpty()) {
        showError(tr("Enter the server address, your e-mail address and your password."));
        return;
    }
    setBusy(true);
    setMessage(QString());
    Q_EMIT signInRequested(server(), email(), password(), remember(), caFile());
}

} // namespace creditdesk
