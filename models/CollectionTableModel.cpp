#include "models/CollectionTableModel.h"

namespace creditdesk {

CollectionTableModel::CollectionTableModel(SyncedCollection collection, QList<Column> columns,
                                           QObject* parent)
    : QAbstractTableModel(parent), m_collection(std::move(collection)), m_columns(std::move(columns))
{
}

int CollectionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CollectionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant CollectionTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const Column& column = m_columns.at(index.column());
    const Row current = row(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return column.display(current);
    case Qt::ToolTipRole:
        return column.toolTip ? column.toolTip(current) : column.display(current);
    case RawRole:
        return column.raw ? column.raw(current) : column.display(current);
    default:
        return {};
    }
}

QVariant CollectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= m_columns.size())
        return {};
    return m_columns.at(section).header;
}

void CollectionTableModel::setRows(const QList<QVariantList>& rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void CollectionTableModel::displayChanged()
{
    if (m_rows.isEmpty() || m_columns.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                       {Qt::DisplayRole, Qt::ToolTipRole, RawRole});
}

} // namespace creditdesk
