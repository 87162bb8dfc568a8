#include "models/TransactionListModel.h"

namespace creditdesk {

TransactionListModel::TransactionListModel(QObject* parent) : QAbstractTableModel(parent) {}

void TransactionListModel::setTransactions(const QList<Transaction>& rows)
{
    // How many of the new rows are new at the top: the old first row's position in the new list.
    qsizetype added = -1;
    if (!m_rows.isEmpty()) {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (rows.at(i).id == m_rows.first().id) {
                added = i;
                break;
            }
        }
    }
    bool tailMatches = added >= 0;
    for (qsizetype i = 0; tailMatches && i + added < rows.size() && i < m_rows.size(); ++i)
        tailMatches = rows.at(i + added).id == m_rows.at(i).id;
    if (!tailMatches) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    if (added > 0) {
        beginInsertRows({}, 0, static_cast<int>(added - 1));
        m_rows = rows.mid(0, added) + m_rows;
        endInsertRows();
    }
    if (m_rows.size() > rows.size()) {
        beginRemoveRows({}, static_cast<int>(rows.size()), static_cast<int>(m_rows.size() - 1));
        m_rows.resize(rows.size());
        endRemoveRows();
    } else if (m_rows.size() < rows.size()) {
        beginInsertRows({}, static_cast<int>(m_rows.size()), static_cast<int>(rows.size() - 1));
        m_rows = rows;
        endInsertRows();
    }
}

void TransactionListModel::setNames(const NameLookup& names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(static_cast<int>(m_rows.size()) - 1, columnCount() - 1));
}

int TransactionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TransactionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(TransactionColumn::Count);
}

QVariant TransactionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return transactionData(m_rows.at(index.row()), static_cast<TransactionColumn>(index.column()), role,
                           m_names);
}

QVariant TransactionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    return transactionHeader(static_cast<TransactionColumn>(section), role);
}

} // namespace creditdesk
