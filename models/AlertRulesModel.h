#pragma once

#include "domain/Alerts.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// The organization's alert rules (GET /api/v1/alerts/rules) as the rules editor shows them. With
// setEditable, the threshold is editable and the enabled flag checkable: an edit changes the row at once
// and is announced with ruleEdited() for the pane to send (and to put back when the server refuses).
class AlertRulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Enabled,
        Kind,
        Level,
        Threshold,
        Origin, // built-in or custom
        Count
    };
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit AlertRulesModel(QObject* parent = nullptr);

    void setEditable(bool editable) { m_editable = editable; }
    void setRules(const QList<AlertRule>& rules);
    const QList<AlertRule>& rules() const { return m_rules; }
    const AlertRule* ruleAt(int row) const;
    // The server's answer for one rule (after a change): its row shows it.
    void updateRule(const AlertRule& rule);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void ruleEdited(const creditdesk::AlertRule& rule);

private:
    QList<AlertRule> m_rules;
    bool m_editable = false;
};

} // namespace creditdesk
