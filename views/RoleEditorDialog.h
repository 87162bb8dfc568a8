#pragma once

#include "domain/OrgAdmin.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace creditdesk {

class OrganizationClient;

// Creates or changes a custom role: a name and a checklist of the organization permissions (GET
// /api/v1/permissions, each with its description). Permissions the signed-in user does not hold are shown
// but cannot be ticked: nobody hands out more than they have (the server refuses it too).
class RoleEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // `role` without an id: a new role.
    RoleEditorDialog(OrganizationClient* client, qint64 organizationId, const OrgRole& role,
                     const QList<PermissionDescription>& permissions, const QStringList& ownPermissions,
                     QWidget* parent = nullptr);

    void setName(const QString& name);
    void setChecked(const QString& permission, bool checked);
    QStringList checkedPermissions() const;
    bool isCheckable(const QString& permission) const;
    QString message() const;
    void save();

Q_SIGNALS:
    void saved();
    void failed(const QString& message);

private:
    void updateButtons();

    OrganizationClient* m_client;
    qint64 m_organizationId;
    QString m_roleId;
    bool m_busy = false;
    QLineEdit* m_name;
    QListWidget* m_permissions;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_save;
};

} // namespace creditdesk
