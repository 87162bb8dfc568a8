#pragma once

#include "models/TransactionColumns.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// A short list of transactions held in memory (the dashboard's recent activity). New rows arriving at
// the top are inserted, not reset, so views keep their selection and scroll position.
class TransactionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit TransactionListModel(QObject* parent = nullptr);

    // Newest first.
    void setTransactions(const QList<Transaction>& rows);
    void setNames(const NameLookup& names);
    const QList<Transaction>& transactions() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Transaction> m_rows;
    NameLookup m_names;
};

} // namespace creditdesk
