#pragma once

#include "domain/UsageReport.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace creditdesk {

// A usage report as a table (the Usage pane): one row per model, member or department with requests,
// input and output tokens, credits and their dollar value, as the server counted them.
class UsageTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Grouping
    {
        Model,
        Member,
        Department
    };
    enum class Column
    {
        Name,
        Requests,
        InputTokens,
        OutputTokens,
        Credits,
        Dollars,
        Count
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1
    };

    explicit UsageTableModel(QObject* parent = nullptr);

    Grouping grouping() const { return m_grouping; }
    void setRows(Grouping grouping, const QList<UsageRow>& rows);
    const QList<UsageRow>& rows() const { return m_rows; }
    // The name a row is shown under (a member without a name by e-mail, "No department", …).
    QString nameOf(const UsageRow& row) const;

    // The table as a CSV file writes it: exact integers, the exact dollar value, names quoted as needed.
    QStringList csvHeader() const;
    QList<QStringList> csvRows() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Grouping m_grouping = Grouping::Model;
    QList<UsageRow> m_rows;
};

} // namespace creditdesk
