#include "models/AlertRulesModel.h"

#include "models/AlertText.h"

namespace creditdesk {

AlertRulesModel::AlertRulesModel(QObject* parent) : QAbstractTableModel(parent) {}

void AlertRulesModel::setRules(const QList<AlertRule>& rules)
{
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

const AlertRule* AlertRulesModel::ruleAt(int row) const
{
    return row >= 0 && row < m_rules.size() ? &m_rules.at(row) : nullptr;
}

void AlertRulesModel::updateRule(const AlertRule& rule)
{
    for (int row = 0; row < m_rules.size(); ++row) {
        if (m_rules.at(row).id != rule.id)
            continue;
        m_rules[row] = rule;
        Q_EMIT dataChanged(index(row, 0), index(row, static_cast<int>(Column::Count) - 1));
        return;
    }
}

int AlertRulesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rules.size());
}

int AlertRulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant AlertRulesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertRule& rule = m_rules.at(index.row());
    const auto column = static_cast<Column>(index.column());
    if (column == Column::Enabled && role == Qt::CheckStateRole)
        return rule.enabled ? Qt::Checked : Qt::Unchecked;
    if (column == Column::Threshold && role == Qt::EditRole)
        return static_cast<int>(rule.threshold);
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (!display && role != RawRole)
        return {};
    switch (column) {
    case Column::Enabled:
        if (role == RawRole)
            return rule.enabled;
        return rule.enabled ? tr("On") : tr("Off");
    case Column::Kind:
        return role == RawRole ? rule.kind : alerttext::kindLabel(rule.kind);
    case Column::Level:
        return role == RawRole ? rule.level : alerttext::levelLabel(rule.level);
    case Column::Threshold:
        return role == RawRole ? QVariant(rule.threshold)
                               : QVariant(alerttext::amountText(rule.kind, rule.threshold));
    case Column::Origin:
        if (role == RawRole)
            return rule.builtin;
        return rule.builtin ? tr("Built-in") : tr("Custom");
    case Column::Count:
        break;
    }
    return {};
}

bool AlertRulesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_editable || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    AlertRule rule = m_rules.at(index.row());
    const auto column = static_cast<Column>(index.column());
    if (column == Column::Enabled && role == Qt::CheckStateRole) {
        rule.enabled = value.toInt() == Qt::Checked;
    } else if (column == Column::Threshold && role == Qt::EditRole) {
        bool ok = false;
        const qint64 threshold = value.toLongLong(&ok);
        if (!ok || threshold < 0)
            return false;
        rule.threshold = threshold;
    } else {
        return false;
    }
    if (rule == m_rules.at(index.row()))
        return true;
    m_rules[index.row()] = rule;
    Q_EMIT dataChanged(this->index(index.row(), 0),
                       this->index(index.row(), static_cast<int>(Column::Count) - 1));
    Q_EMIT ruleEdited(rule);
    return true;
}

Qt::ItemFlags AlertRulesModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid() || !m_editable)
        return flags;
    const auto column = static_cast<Column>(index.column());
    if (column == Column::Enabled)
        flags |= Qt::ItemIsUserCheckable;
    if (column == Column::Threshold)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant AlertRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Enabled:
        return tr("Enabled");
    case Column::Kind:
        return tr("Alert");
    case Column::Level:
        return tr("Level");
    case Column::Threshold:
        return tr("Threshold");
    case Column::Origin:
        return tr("Rule");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
