#pragma once

#include "domain/OrgAdmin.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace creditdesk {

class OrganizationClient;

// Redeems an invitation code (POST /api/v1/invitations/accept). Signed out (from the sign-in dialog's
// "I have an invitation"), the person chooses their name and password and becomes a new user; signed in,
// only the code is asked and the signed-in user joins.
class AcceptInvitationDialog : public QDialog
{
    Q_OBJECT

public:
    AcceptInvitationDialog(OrganizationClient* client, bool signedIn, QWidget* parent = nullptr);

    // As a user would: fills the fields and accepts.
    void submit(const QString& token, const QString& name, const QString& password);
    void acceptInvitation();
    QString message() const;

Q_SIGNALS:
    void accepted(const creditdesk::AcceptedInvitation& result);
    void failed(const QString& message);

private:
    void updateButtons();

    OrganizationClient* m_client;
    bool m_signedIn;
    bool m_busy = false;
    QLineEdit* m_token;
    QLineEdit* m_name;
    QLineEdit* m_password;
    QLineEdit* m_repeat;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_accept;
};

} // namespace creditdesk
