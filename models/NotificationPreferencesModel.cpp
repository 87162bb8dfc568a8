#include "models/NotificationPreferencesModel.h"

#include "models/AlertText.h"

namespace creditdesk {

NotificationPreferencesModel::NotificationPreferencesModel(QObject* parent) : QAbstractTableModel(parent) {}

void NotificationPreferencesModel::setPreferences(const QList<NotificationPreference>& preferences)
{
    beginResetModel();
    m_preferences = preferences;
    m_saved = preferences;
    endResetModel();
    Q_EMIT modifiedChanged(false);
}

int NotificationPreferencesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_preferences.size());
}

int NotificationPreferencesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant NotificationPreferencesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NotificationPreference& preference = m_preferences.at(index.row());
    switch (static_cast<Column>(index.column())) {
    case Column::Kind:
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return alerttext::kindLabel(preference.kind);
        if (role == Qt::ToolTipRole)
            return preference.kind;
        break;
    case Column::InApp:
    case Column::Email: {
        const bool on =
            static_cast<Column>(index.column()) == Column::InApp ? preference.inApp : preference.email;
        if (role == Qt::CheckStateRole)
            return on ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::AccessibleTextRole)
            return on ? tr("On") : tr("Off");
        break;
    }
    case Column::Count:
        break;
    }
    return {};
}

bool NotificationPreferencesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::CheckStateRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    NotificationPreference& preference = m_preferences[index.row()];
    const bool on = value.toInt() == Qt::Checked;
    switch (static_cast<Column>(index.column())) {
    case Column::InApp:
        preference.inApp = on;
        break;
    case Column::Email:
        preference.email = on;
        break;
    case Column::Kind:
    case Column::Count:
        return false;
    }
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole, Qt::AccessibleTextRole});
    Q_EMIT modifiedChanged(isModified());
    return true;
}

Qt::ItemFlags NotificationPreferencesModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && static_cast<Column>(index.column()) != Column::Kind)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant NotificationPreferencesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Kind:
        return tr("Alert");
    case Column::InApp:
        return tr("In the console");
    case Column::Email:
        return tr("By e-mail");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
