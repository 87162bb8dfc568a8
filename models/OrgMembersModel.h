#pragma once

#include "domain/OrgAdmin.h"

#include <QAbstractItemModel>
#include <QList>

#include <optional>

namespace creditdesk {

// The organization's people as a tree: one branch per department (members without one last), each with
// its members, and a last branch with the pending invitations. Managers get only their department's
// branch (setVisibleDepartment). Display text is locale-formatted; RawRole carries numbers and dates for
// sorting.
class OrgMembersModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Name,
        Email,
        Role,
        Status,
        Seat,
        LastActive,
        Usage,
        Count
    };
    enum class Kind
    {
        Department,
        Member,
        Invitation,
        Invitations // the branch of pending invitations
    };
    enum ItemRole
    {
        RawRole = Qt::UserRole + 1,
        KindRole, // Kind as int
        IdRole,   // user id, invitation id or department id (-1: no department)
    };

    explicit OrgMembersModel(QObject* parent = nullptr);

    void setData(const QList<OrgDepartment>& departments, const QList<OrgMember>& members,
                 const QList<Invitation>& invitations, const QList<OrgRole>& roles);
    // Only this department's members and invitations (nothing: everyone).
    void setVisibleDepartment(std::optional<qint64> departmentId);

    const OrgMember* memberAt(const QModelIndex& index) const;
    const Invitation* invitationAt(const QModelIndex& index) const;
    QModelIndex indexOfMember(qint64 userId) const;
    int memberCount() const;
    int invitationCount() const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Branch
    {
        Kind kind = Kind::Department;
        std::optional<qint64> departmentId;
        QString name;
        QList<OrgMember> members;
        QList<Invitation> invitations;
        int size() const
        {
            return static_cast<int>(kind == Kind::Invitations ? invitations.size() : members.size());
        }
    };
    void rebuild();
    QVariant branchData(const Branch& branch, int column, int role) const;
    QVariant memberData(const OrgMember& member, int column, int role) const;
    QVariant invitationData(const Invitation& invitation, int column, int role) const;

    QList<OrgDepartment> m_departments;
    QList<OrgMember> m_members;
    QList<Invitation> m_invitations;
    QList<OrgRole> m_roles;
    std::optional<qint64> m_visibleDepartment;
    QList<Branch> m_branches;
};

} // namespace creditdesk
