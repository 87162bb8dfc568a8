#include "models/OrgMembersModel.h"

#include "domain/Credits.h"
#include "models/OrgText.h"

#include <QLocale>

namespace creditdesk {

namespace {

// Internal ids: 0 for a branch, branch index + 1 for its children.
constexpr quintptr kBranch = 0;

} // namespace

OrgMembersModel::OrgMembersModel(QObject* parent) : QAbstractItemModel(parent) {}

void OrgMembersModel::setData(const QList<OrgDepartment>& departments, const QList<OrgMember>& members,
                              const QList<Invitation>& invitations, const QList<OrgRole>& roles)
{
    m_departments = departments;
    m_members = members;
    m_invitations = invitations;
    m_roles = roles;
    rebuild();
}

void OrgMembersModel::setVisibleDepartment(std::optional<qint64> departmentId)
{
    m_visibleDepartment = departmentId;
    rebuild();
}

void OrgMembersModel::rebuild()
{
    beginResetModel();
    m_branches.clear();
    auto visible = [this](const std::optional<qint64>& department) {
        return !m_visibleDepartment || department == m_visibleDepartment;
    };
    QList<OrgDepartment> departments = m_departments;
    std::sort(departments.begin(), departments.end(), [](const OrgDepartment& a, const OrgDepartment& b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    auto membersOf = [this](const std::optional<qint64>& department) {
        QList<OrgMember> members;
        for (const OrgMember& member : std::as_const(m_members)) {
            if (member.departmentId == department)
                members.append(member);
        }
        std::sort(members.begin(), members.end(), [](const OrgMember& a, const OrgMember& b) {
            return QString::localeAwareCompare(a.name.isEmpty() ? a.email : a.name,
                                               b.name.isEmpty() ? b.email : b.name) < 0;
        });
        return members;
    };
    for (const OrgDepartment& department : std::as_const(departments)) {
        if (visible(department.id))
            m_branches.append(
                {Kind::Department, department.id, department.name, membersOf(department.id), {}});
    }
    // Members of departments this version was not told about, and members without a department.
    QList<OrgMember> unplaced;
    for (const OrgMember& member : std::as_const(m_members)) {
        const bool known = member.departmentId && std::any_of(departments.cbegin(), departments.cend(),
                                                              [&member](const OrgDepartment& d) {
                                                                  return d.id == *member.departmentId;
                                                              });
        if (!known && !m_visibleDepartment)
            unplaced.append(member);
    }
    if (!unplaced.isEmpty())
        m_branches.append({Kind::Department, std::nullopt, tr("No department"), unplaced, {}});
    QList<Invitation> invitations;
    for (const Invitation& invitation : std::as_const(m_invitations)) {
        if (visible(invitation.departmentId))
            invitations.append(invitation);
    }
    if (!invitations.isEmpty())
        m_branches.append({Kind::Invitations, std::nullopt, tr("Pending invitations"), {}, invitations});
    endResetModel();
}

const OrgMember* OrgMembersModel::memberAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == kBranch)
        return nullptr;
    const Branch& branch = m_branches.at(static_cast<int>(index.internalId() - 1));
    return branch.kind == Kind::Department ? &branch.members.at(index.row()) : nullptr;
}

const Invitation* OrgMembersModel::invitationAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == kBranch)
        return nullptr;
    const Branch& branch = m_branches.at(static_cast<int>(index.internalId() - 1));
    return branch.kind == Kind::Invitations ? &branch.invitations.at(index.row()) : nullptr;
}

QModelIndex OrgMembersModel::indexOfMember(qint64 userId) const
{
    for (int b = 0; b < m_branches.size(); ++b) {
        const Branch& branch = m_branches.at(b);
        for (int row = 0; row < branch.members.size(); ++row) {
            if (branch.members.at(row).userId == userId)
                return createIndex(row, 0, static_cast<quintptr>(b + 1));
        }
    }
    return {};
}

int OrgMembersModel::memberCount() const
{
    int count = 0;
    for (const Branch& branch : m_branches)
        count += static_cast<int>(branch.members.size());
    return count;
}

int OrgMembersModel::invitationCount() const
{
    int count = 0;
    for (const Branch& branch : m_branches)
        count += static_cast<int>(branch.invitations.size());
    return count;
}

QModelIndex OrgMembersModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kBranch);
    return createIndex(row, column, static_cast<quintptr>(parent.row() + 1));
}

QModelIndex OrgMembersModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kBranch)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kBranch);
}

int OrgMembersModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_branches.size());
    if (parent.column() != 0 || parent.internalId() != kBranch)
        return 0;
    return m_branches.at(parent.row()).size();
}

int OrgMembersModel::columnCount(const QModelIndex&) const
{
    return static_cast<int>(Column::Count);
}

QVariant OrgMembersModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kBranch)
        return branchData(m_branches.at(index.row()), index.column(), role);
    if (const OrgMember* member = memberAt(index))
        return memberData(*member, index.column(), role);
    if (const Invitation* invitation = invitationAt(index))
        return invitationData(*invitation, index.column(), role);
    return {};
}

QVariant OrgMembersModel::branchData(const Branch& branch, int column, int role) const
{
    if (role == KindRole)
        return static_cast<int>(branch.kind);
    if (role == IdRole)
        return branch.departmentId ? *branch.departmentId : qint64(-1);
    if (column != 0)
        return {};
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        // The department and how many people it lists.
        return QStringLiteral("%1 (%2)").arg(branch.name, QLocale().toString(branch.size()));
    }
    if (role == RawRole)
        return branch.name;
    return {};
}

QVariant OrgMembersModel::memberData(const OrgMember& member, int column, int role) const
{
    if (role == KindRole)
        return static_cast<int>(Kind::Member);
    if (role == IdRole)
        return member.userId;
    if (role == Qt::TextAlignmentRole && static_cast<Column>(column) == Column::Usage)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (!display && role != RawRole && role != Qt::ToolTipRole)
        return {};
    switch (static_cast<Column>(column)) {
    case Column::Name:
        return member.name.isEmpty() ? orgtext::missing() : member.name;
    case Column::Email:
        return member.email;
    case Column::Role:
        return role == RawRole ? member.role : orgtext::roleName(member.role, m_roles);
    case Column::Status:
        return role == RawRole ? member.status : orgtext::statusLabel(member.status);
    case Column::Seat:
        if (role == RawRole)
            return member.seat ? QVariant(*member.seat) : QVariant();
        return orgtext::seatLabel(member.seat);
    case Column::LastActive:
        if (role == RawRole)
            return member.lastActive();
        if (role == Qt::ToolTipRole)
            return tr("Last sign-in: %1\nLast usage: %2")
                .arg(orgtext::dateTime(member.lastSignInAt), orgtext::dateTime(member.lastUsageAt));
        return orgtext::dateTime(member.lastActive());
    case Column::Usage:
        if (role == RawRole)
            return member.usageThisPeriod ? QVariant(*member.usageThisPeriod) : QVariant();
        if (role == Qt::ToolTipRole)
            return member.usageThisPeriod ? Credits(*member.usageThisPeriod).describeExact() : QString();
        return orgtext::credits(member.usageThisPeriod);
    case Column::Count:
        break;
    }
    return {};
}

QVariant OrgMembersModel::invitationData(const Invitation& invitation, int column, int role) const
{
    if (role == KindRole)
        return static_cast<int>(Kind::Invitation);
    if (role == IdRole)
        return invitation.id;
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (!display && role != RawRole)
        return {};
    switch (static_cast<Column>(column)) {
    case Column::Name:
        return orgtext::missing();
    case Column::Email:
        return invitation.email;
    case Column::Role:
        return role == RawRole ? invitation.role : orgtext::roleName(invitation.role, m_roles);
    case Column::Status:
        if (role == RawRole)
            return QStringLiteral("invited");
        return invitation.expiresAt.isValid()
                   ? tr("Invited, until %1")
                         .arg(QLocale().toString(invitation.expiresAt.toLocalTime().date(),
                                                 QLocale::ShortFormat))
                   : orgtext::statusLabel(QStringLiteral("invited"));
    case Column::Seat:
        // A pending invitation holds a seat until it is accepted, revoked or expires.
        return role == RawRole ? QVariant(true) : QVariant(tr("Reserved"));
    case Column::LastActive:
    case Column::Usage:
        return role == RawRole ? QVariant() : QVariant(orgtext::missing());
    case Column::Count:
        break;
    }
    return {};
}

QVariant OrgMembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Email:
        return tr("E-mail");
    case Column::Role:
        return tr("Role");
    case Column::Status:
        return tr("Status");
    case Column::Seat:
        return tr("Seat");
    case Column::LastActive:
        return tr("Last active");
    case Column::Usage:
        return tr("Usage this period");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
