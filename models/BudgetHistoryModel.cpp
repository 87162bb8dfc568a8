#include "models/BudgetHistoryModel.h"

#include "models/OrgText.h"

namespace creditdesk {

BudgetHistoryModel::BudgetHistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void BudgetHistoryModel::setNames(const QHash<qint64, QString>& departments,
                                  const QHash<qint64, QString>& members)
{
    beginResetModel();
    m_departments = departments;
    m_members = members;
    endResetModel();
}

void BudgetHistoryModel::setChanges(const QList<BudgetChange>& changes)
{
    beginResetModel();
    m_changes = changes;
    // Newest first, whatever order the server answers in.
    std::stable_sort(m_changes.begin(), m_changes.end(),
                     [](const BudgetChange& a, const BudgetChange& b) { return a.at > b.at; });
    endResetModel();
}

QString BudgetHistoryModel::targetText(const BudgetChange& change) const
{
    if (change.scope == QLatin1String("member") && change.userId) {
        const QString name = m_members.value(*change.userId);
        return tr("Member limit: %1").arg(name.isEmpty() ? tr("member #%1").arg(*change.userId) : name);
    }
    if (change.departmentId) {
        const QString name = m_departments.value(*change.departmentId);
        return tr("Department budget: %1")
            .arg(name.isEmpty() ? tr("department #%1").arg(*change.departmentId) : name);
    }
    return change.scope.isEmpty() ? orgtext::missing() : change.scope;
}

int BudgetHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_changes.size());
}

int BudgetHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant BudgetHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BudgetChange& change = m_changes.at(index.row());
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (!display && role != RawRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case Column::At:
        return role == RawRole ? QVariant(change.at) : QVariant(orgtext::dateTime(change.at));
    case Column::Target:
        return targetText(change);
    case Column::Old:
        return orgtext::limitText(change.oldLimit);
    case Column::New:
        return orgtext::limitText(change.newLimit);
    case Column::Actor:
        if (change.actorUserId && m_members.contains(*change.actorUserId))
            return m_members.value(*change.actorUserId);
        return change.actor.isEmpty() ? orgtext::missing() : change.actor;
    case Column::Reason:
        if (!change.reason.isEmpty())
            return change.reason;
        return change.requestId ? tr("Request #%1").arg(*change.requestId) : orgtext::missing();
    case Column::Count:
        break;
    }
    return {};
}

QVariant BudgetHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::At:
        return tr("Time");
    case Column::Target:
        return tr("Budget");
    case Column::Old:
        return tr("Before");
    case Column::New:
        return tr("After");
    case Column::Actor:
        return tr("Changed by");
    case Column::Reason:
        return tr("Reason");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
