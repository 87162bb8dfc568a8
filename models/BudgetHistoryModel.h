#pragma once

#include "domain/OrgAdmin.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace creditdesk {

// Every change to department budgets and member limits (GET …/budget-history), as the server lists them.
class BudgetHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        At,
        Target,
        Old,
        New,
        Actor,
        Reason,
        Count
    };
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit BudgetHistoryModel(QObject* parent = nullptr);

    void setNames(const QHash<qint64, QString>& departments, const QHash<qint64, QString>& members);
    void setChanges(const QList<BudgetChange>& changes);
    const QList<BudgetChange>& changes() const { return m_changes; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString targetText(const BudgetChange& change) const;

    QList<BudgetChange> m_changes;
    QHash<qint64, QString> m_departments;
    QHash<qint64, QString> m_members;
};

} // namespace creditdesk
