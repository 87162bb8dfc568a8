#include "views/MemberDialog.h"

#include "api/OrganizationClient.h"
#include "models/OrgText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QJsonValue>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

MemberDialog::MemberDialog(OrganizationClient* client, qint64 organizationId, const OrgMember& member,
                           const QList<OrgDepartment>& departments, const QList<OrgRole>& roles,
                           QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId), m_member(member)
{
    setObjectName(QStringLiteral("memberDialog"));
    setWindowTitle(tr("Change %1").arg(member.name.isEmpty() ? member.email : member.name));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("memberRole"));
    m_role->setAccessibleName(tr("Role"));
    for (Role role : {Role::Owner, Role::Admin, Role::Manager, Role::Finance, Role::Member})
        m_role->addItem(roleLabel(role), roleKey(role));
    for (const OrgRole& custom : roles) {
        if (!custom.builtIn)
            m_role->addItem(custom.name, custom.id);
    }
    if (m_role->findData(member.role) < 0)
        m_role->addItem(orgtext::roleName(member.role, roles), member.role);
    m_role->setCurrentIndex(m_role->findData(member.role));
    form->addRow(tr("&Role:"), m_role);
    m_department = new QComboBox(this);
    m_department->setObjectName(QStringLiteral("memberDepartment"));
    m_department->setAccessibleName(tr("Department"));
    m_department->addItem(tr("No department"), qint64(-1));
    for (const OrgDepartment& department : departments)
        m_department->addItem(department.name, department.id);
    setDepartment(member.departmentId);
    form->addRow(tr("&Department:"), m_department);
    layout->addLayout(form);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = m_buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &MemberDialog::save);
}

void MemberDialog::setRole(const QString& roleId)
{
    const int index = m_role->findData(roleId);
    if (index >= 0)
        m_role->setCurrentIndex(index);
}

void MemberDialog::setDepartment(std::optional<qint64> departmentId)
{
    const int index = m_department->findData(departmentId.value_or(-1));
    if (index >= 0)
        m_department->setCurrentIndex(index);
}

QString MemberDialog::message() const
{
    return m_message->text();
}

void MemberDialog::save()
{
    if (m_busy)
        return;
    QJsonObject changes;
    const QString role = m_role->currentData().toString();
    if (role != m_member.role)
        changes.insert(QStringLiteral("role"), role);
    const qint64 department = m_department->currentData().toLongLong();
    if (department != m_member.departmentId.value_or(-1))
        changes.insert(QStringLiteral("department_id"),
                       department < 0 ? QJsonValue() : QJsonValue(department));
    if (changes.isEmpty()) {
        accept();
        return;
    }
    m_busy = true;
    m_save->setEnabled(false);
    m_client->updateMember(m_organizationId, m_member.userId, changes, this,
                           [this](const bool&, const ApiError& error) {
                               m_busy = false;
                               m_save->setEnabled(true);
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
