#pragma once

#include "domain/OrgAdmin.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// Departments with their budget and what they used this period. The Used column's UsedPermilleRole (used
// against the budget, in thousandths, capped at 1500) drives the pane's budget bars; no budget: -1.
class DepartmentBudgetModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Department,
        Budget,
        Used,
        Enforcement,
        Count
    };
    enum ItemRole
    {
        RawRole = Qt::UserRole + 1,
        UsedPermilleRole,
        SoftRole, // true for a soft budget
        IdRole,
    };

    explicit DepartmentBudgetModel(QObject* parent = nullptr);

    void setDepartments(const QList<OrgDepartment>& departments);
    const QList<OrgDepartment>& departments() const { return m_departments; }
    const OrgDepartment* departmentAt(int row) const;
    static int usedPermille(const OrgDepartment& department);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<OrgDepartment> m_departments;
};

} // namespace creditdesk
