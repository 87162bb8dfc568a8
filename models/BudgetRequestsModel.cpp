#include "models/BudgetRequestsModel.h"

#include "domain/Credits.h"
#include "models/OrgText.h"

namespace creditdesk {

BudgetRequestsModel::BudgetRequestsModel(QObject* parent) : QAbstractTableModel(parent) {}

void BudgetRequestsModel::setNames(const QHash<qint64, QString>& departments,
                                   const QHash<qint64, QString>& members)
{
    beginResetModel();
    m_departments = departments;
    m_members = members;
    endResetModel();
}

void BudgetRequestsModel::setRequests(const QList<BudgetRequest>& requests)
{
    beginResetModel();
    m_requests = requests;
    endResetModel();
}

const BudgetRequest* BudgetRequestsModel::requestAt(int row) const
{
    return row >= 0 && row < m_requests.size() ? &m_requests.at(row) : nullptr;
}

int BudgetRequestsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_requests.size());
}

int BudgetRequestsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant BudgetRequestsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BudgetRequest& request = m_requests.at(index.row());
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (role == Qt::ToolTipRole && static_cast<Column>(index.column()) == Column::Status) {
        QString who = request.requestedBy ? m_members.value(*request.requestedBy) : QString();
        return tr("Asked by %1; decided %2%3")
            .arg(who.isEmpty() ? orgtext::missing() : who, orgtext::dateTime(request.decidedAt),
                 request.note.isEmpty() ? QString() : QStringLiteral(": ") + request.note);
    }
    if (!display && role != RawRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case Column::Created:
        return role == RawRole ? QVariant(request.createdAt) : QVariant(orgtext::dateTime(request.createdAt));
    case Column::Department:
        return m_departments.value(request.departmentId, tr("Department #%1").arg(request.departmentId));
    case Column::Credits:
        return role == RawRole ? QVariant(request.credits) : QVariant(Credits(request.credits).format());
    case Column::Reason:
        return request.reason.isEmpty() ? orgtext::missing() : request.reason;
    case Column::Status:
        return role == RawRole ? request.status : orgtext::requestStatusLabel(request.status);
    case Column::Count:
        break;
    }
    return {};
}

QVariant BudgetRequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Created:
        return tr("Asked");
    case Column::Department:
        return tr("Department");
    case Column::Credits:
        return tr("Budget asked for");
    case Column::Reason:
        return tr("Reason");
    case Column::Status:
        return tr("Status");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
