#pragma once

#include "domain/OrgAdmin.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace creditdesk {

// Budget requests (GET …/budget-requests): which department asks for what budget and why, and the
// decision. Names of departments and members come from setNames.
class BudgetRequestsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Created,
        Department,
        Credits,
        Reason,
        Status,
        Count
    };
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit BudgetRequestsModel(QObject* parent = nullptr);

    void setNames(const QHash<qint64, QString>& departments, const QHash<qint64, QString>& members);
    void setRequests(const QList<BudgetRequest>& requests);
    const QList<BudgetRequest>& requests() const { return m_requests; }
    const BudgetRequest* requestAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<BudgetRequest> m_requests;
    QHash<qint64, QString> m_departments;
    QHash<qint64, QString> m_members;
};

} // namespace creditdesk
