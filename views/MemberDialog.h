#pragma once

#include "domain/OrgAdmin.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace creditdesk {

class OrganizationClient;

// Changes a member's role (built-in or custom) and department (PATCH …/members/{user_id}); only what
// changed is sent.
class MemberDialog : public QDialog
{
    Q_OBJECT

public:
    MemberDialog(OrganizationClient* client, qint64 organizationId, const OrgMember& member,
                 const QList<OrgDepartment>& departments, const QList<OrgRole>& roles,
                 QWidget* parent = nullptr);

    void setRole(const QString& roleId);
    void setDepartment(std::optional<qint64> departmentId);
    QString message() const;
    void save();

Q_SIGNALS:
    void saved();
    void failed(const QString& message);

private:
    OrganizationClient* m_client;
    qint64 m_organizationId;
    OrgMember m_member;
    bool m_busy = false;
    QComboBox* m_role;
    QComboBox* m_department;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_save;
};

} // namespace creditdesk
