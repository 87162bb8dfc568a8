#include "models/DepartmentBudgetModel.h"

#include "domain/Credits.h"
#include "models/OrgText.h"

#include <QLocale>

namespace creditdesk {

DepartmentBudgetModel::DepartmentBudgetModel(QObject* parent) : QAbstractTableModel(parent) {}

void DepartmentBudgetModel::setDepartments(const QList<OrgDepartment>& departments)
{
    beginResetModel();
    m_departments = departments;
    std::sort(m_departments.begin(), m_departments.end(), [](const OrgDepartment& a, const OrgDepartment& b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    endResetModel();
}

const OrgDepartment* DepartmentBudgetModel::departmentAt(int row) const
{
    return row >= 0 && row < m_departments.size() ? &m_departments.at(row) : nullptr;
}

int DepartmentBudgetModel::usedPermille(const OrgDepartment& department)
{
    if (!department.budget)
        return -1;
    const qint64 used = department.usedThisPeriod.value_or(0);
    if (department.budget->credits <= 0)
        return used > 0 ? 1500 : 0;
    return static_cast<int>(std::min<qint64>(1500, used * 1000 / department.budget->credits));
}

int DepartmentBudgetModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_departments.size());
}

int DepartmentBudgetModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant DepartmentBudgetModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OrgDepartment& department = m_departments.at(index.row());
    switch (role) {
    case IdRole:
        return department.id;
    case UsedPermilleRole:
        return usedPermille(department);
    case SoftRole:
        return department.budget && department.budget->enforcement == QLatin1String("soft");
    default:
        break;
    }
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (!display && role != RawRole)
        return {};
    switch (static_cast<Column>(index.column())) {
    case Column::Department:
        return department.name;
    case Column::Budget:
        if (role == RawRole)
            return department.budget ? QVariant(department.budget->credits) : QVariant();
        return orgtext::limitText(department.budget);
    case Column::Used: {
        if (role == RawRole)
            return department.usedThisPeriod ? QVariant(*department.usedThisPeriod) : QVariant();
        if (!department.budget)
            return orgtext::credits(department.usedThisPeriod);
        //: used credits of a budget: "1,200 of 5,000 (24 %)"
        return tr("%1 of %2 (%3 %)")
            .arg(orgtext::credits(department.usedThisPeriod), Credits(department.budget->credits).format(),
                 QLocale().toString(usedPermille(department) / 10));
    }
    case Column::Enforcement:
        if (role == RawRole)
            return department.budget ? department.budget->enforcement : QString();
        return department.budget ? orgtext::enforcementLabel(department.budget->enforcement)
                                 : orgtext::missing();
    case Column::Count:
        break;
    }
    return {};
}

QVariant DepartmentBudgetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Department:
        return tr("Department");
    case Column::Budget:
        return tr("Budget");
    case Column::Used:
        return tr("Used this period");
    case Column::Enforcement:
        return tr("Enforcement");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
