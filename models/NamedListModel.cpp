#include "models/NamedListModel.h"

namespace creditdesk {

NamedListModel::NamedListModel(QString allLabel, QObject* parent)
    : QAbstractListModel(parent), m_allLabel(std::move(allLabel))
{
}

void NamedListModel::setEntries(const QList<Entry>& entries)
{
    bool same = entries.size() == m_entries.size();
    for (qsizetype i = 0; same && i < entries.size(); ++i)
        same = entries.at(i).id == m_entries.at(i).id;
    if (!same) {
        beginResetModel();
        m_entries = entries;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (entries.at(i).name != m_entries.at(i).name) {
            m_entries[i].name = entries.at(i).name;
            const QModelIndex changed = index(static_cast<int>(i) + offset());
            Q_EMIT dataChanged(changed, changed);
        }
    }
}

std::optional<qint64> NamedListModel::idAt(int row) const
{
    const int entry = row - offset();
    if (entry < 0 || entry >= m_entries.size())
        return std::nullopt;
    return m_entries.at(entry).id;
}

int NamedListModel::rowOf(std::optional<qint64> id) const
{
    if (!id)
        return offset() == 1 ? 0 : -1;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == *id)
            return static_cast<int>(i) + offset();
    }
    return -1;
}

int NamedListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size()) + offset();
}

QVariant NamedListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int entry = index.row() - offset();
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
        return entry < 0 ? m_allLabel : m_entries.at(entry).name;
    if (role == IdRole)
        return entry < 0 ? QVariant() : QVariant(m_entries.at(entry).id);
    return {};
}

} // namespace creditdesk
