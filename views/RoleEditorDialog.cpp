#include "views/RoleEditorDialog.h"

#include "api/OrganizationClient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

RoleEditorDialog::RoleEditorDialog(OrganizationClient* client, qint64 organizationId, const OrgRole& role,
                                   const QList<PermissionDescription>& permissions,
                                   const QStringList& ownPermissions, QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId), m_roleId(role.id)
{
    setObjectName(QStringLiteral("roleEditorDialog"));
    setWindowTitle(role.id.isEmpty() ? tr("New role") : tr("Role %1").arg(role.name));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_name = new QLineEdit(role.name, this);
    m_name->setObjectName(QStringLiteral("roleName"));
    m_name->setAccessibleName(tr("Name"));
    form->addRow(tr("&Name:"), m_name);
    layout->addLayout(form);
    auto* label = new QLabel(tr("&Permissions:"), this);
    layout->addWidget(label);
    m_permissions = new QListWidget(this);
    m_permissions->setObjectName(QStringLiteral("rolePermissions"));
    m_permissions->setAccessibleName(tr("Permissions"));
    label->setBuddy(m_permissions);
    for (const PermissionDescription& permission : permissions) {
        auto* item =
            new QListWidgetItem(permission.description.isEmpty()
                                    ? permission.name
                                    : QStringLiteral("%1 (%2)").arg(permission.description, permission.name),
                                m_permissions);
        item->setData(Qt::UserRole, permission.name);
        const bool mayGrant = ownPermissions.contains(permission.name);
        item->setFlags(mayGrant ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable : Qt::ItemIsUserCheckable);
        item->setCheckState(role.permissions.contains(permission.name) ? Qt::Checked : Qt::Unchecked);
        if (!mayGrant)
            item->setToolTip(tr("You do not hold this permission, so you cannot give it."));
    }
    m_permissions->setMinimumHeight(fontMetrics().height() * 14);
    layout->addWidget(m_permissions);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = m_buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &RoleEditorDialog::save);
    connect(m_name, &QLineEdit::textChanged, this, &RoleEditorDialog::updateButtons);
    updateButtons();
}

void RoleEditorDialog::setName(const QString& name)
{
    m_name->setText(name);
}

void RoleEditorDialog::setChecked(const QString& permission, bool checked)
{
    for (int row = 0; row < m_permissions->count(); ++row) {
        QListWidgetItem* item = m_permissions->item(row);
        if (item->data(Qt::UserRole).toString() == permission && (item->flags() & Qt::ItemIsEnabled))
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

bool RoleEditorDialog::isCheckable(const QString& permission) const
{
    for (int row = 0; row < m_permissions->count(); ++row) {
        const QListWidgetItem* item = m_permissions->item(row);
        if (item->data(Qt::UserRole).toString() == permission)
            return item->flags() & Qt::ItemIsEnabled;
    }
    return false;
}

QStringList RoleEditorDialog::checkedPermissions() const
{
    QStringList checked;
    for (int row = 0; row < m_permissions->count(); ++row) {
        const QListWidgetItem* item = m_permissions->item(row);
        if (item->checkState() == Qt::Checked)
            checked.append(item->data(Qt::UserRole).toString());
    }
    return checked;
}

QString RoleEditorDialog::message() const
{
    return m_message->text();
}

void RoleEditorDialog::updateButtons()
{
    m_save->setEnabled(!m_busy && !m_name->text().trimmed().isEmpty());
}

void RoleEditorDialog::save()
{
    if (m_busy || !m_save->isEnabled())
        return;
    m_busy = true;
    updateButtons();
    m_client->saveRole(m_organizationId, m_roleId, m_name->text().trimmed(), checkedPermissions(), this,
                       [this](const bool&, const ApiError& error) {
                           m_busy = false;
                           updateButtons();
                           if (error.isError()) {
                               m_message->setText(error.userMessage());
                               Q_EMIT failed(error.userMessage());
                               return;
                           }
                           Q_EMIT saved();
                           accept();
                       });
}

} // namespace creditdesk
