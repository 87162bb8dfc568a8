#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace creditdesk {

// Server URL, e-mail, password, "Remember me", and an optional CA file for a self-hosted server. It only
// collects input and shows the outcome; SessionController signs in. Opened with open(), never exec().
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(QWidget* parent = nullptr);

    void setServer(const QUrl& server);
    void setEmail(const QString& email);
    void clearPassword();
    void setRemember(bool remember);
    void setCaFile(const QString& path);
    void setMessage(const QString& message);
    void showError(const QString& message);
    void setBusy(bool busy);

    QUrl server() const;
    QString email() const;
    QString password() const;
    bool remember() const;
    QString caFile() const;
    QString message() const; // the hint or error shown, if any

    // Fills the fields and submits, as a user would (tests and demo mode).
    void submit(const QUrl& server, const QString& email, const QString& password, bool remember);

Q_SIGNALS:
    void signInRequested(const QUrl& server, const QString& email, const QString& password, bool remember,
                         const QString& caFile);
    // "I have an invitation": accept one for the server in the dialog (server() and caFile()).
    void invitationRequested();

private:
    void onAccept();
    void growToFit();

    QLineEdit* m_server;
    QLineEdit* m_email;
    QLineEdit* m_password;
    QCheckBox* m_remember;
    QLineEdit* m_caFile;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_invitation;
};

} // namespace creditdesk
