#pragma once

#include "domain/OrgAdmin.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace creditdesk {

class OrganizationClient;

// Invites a person by e-mail with a role and a department (POST …/invitations). The answer's token is
// shown once, with a Copy button: the server never shows it again, and nobody (the admin included) ever
// chooses or learns the invited person's password. Managers invite only members into their own
// department. Non-modal; deletes itself on close when opened through openFor.
class InviteDialog : public QDialog
{
    Q_OBJECT

public:
    struct Choices
    {
        QList<OrgDepartment> departments;
        OrgAdminRights rights;
    };

    InviteDialog(OrganizationClient* client, qint64 organizationId, const Choices& choices,
                 QWidget* parent = nullptr);

    // As a user would: fills the fields and sends.
    void invite(const QString& email, const QString& roleId, std::optional<qint64> departmentId);
    void submit();
    QString token() const; // once created
    QString message() const;
    QPushButton* copyButton() const { return m_copy; }

Q_SIGNALS:
    void invited(const creditdesk::Invitation& invitation);
    void failed(const QString& message);

private:
    void updateButtons();
    void showToken(const Invitation& invitation);

    OrganizationClient* m_client;
    qint64 m_organizationId;
    bool m_busy = false;
    QStackedWidget* m_pages;
    QLineEdit* m_email;
    QComboBox* m_role;
    QComboBox* m_department;
    QLabel* m_message;
    QLabel* m_created;
    QLineEdit* m_token;
    QPushButton* m_copy;
    QDialogButtonBox* m_buttons;
    QPushButton* m_send;
};

} // namespace creditdesk
