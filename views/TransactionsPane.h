#pragma once

#include "cache/TransactionQuery.h"
#include "views/DateRangeSelector.h"
#include "views/Pane.h"

#include <QTimer>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace creditdesk {

class CsvExporter;
class NamedListModel;
class TransactionTableModel;

// The full history (seed 004's CreditTransactions): a windowed table over the cache that stays smooth at
// a million rows, filters by kind, date range, member, department and text, sorting by any column, a
// detail panel for the selected row and CSV export of the filtered rows with progress.
class TransactionsPane : public Pane
{
    Q_OBJECT

public:
    using DateRange = DateRangeSelector::Range;

    TransactionsPane(const PaneContext& context, QWidget* parent = nullptr);
    ~TransactionsPane() override;

    void setOrganization(const Organization& organization) override;
    void refresh() override;
    bool canExport() const override { return true; }
    void exportData() override;
    void exportTo(const QString& fileName);

    // Filter controls, for tests and keyboard users alike.
    void setKindFilter(std::optional<TransactionKind> kind);
    void setTextFilter(const QString& text);
    void setDateRange(DateRange range, QDate from = {}, QDate to = {});
    void setMemberFilter(std::optional<qint64> memberId);
    void setDepartmentFilter(std::optional<qint64> departmentId);
    void clearFilters();

    TransactionTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    TransactionQuery currentQuery() const;

Q_SIGNALS:
    void exportFinished(bool ok, qint64 rows, const QString& fileName);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitColumns();
    void applyFilters();
    void updateDetails();
    void updateCountLabel();
    void loadNames();
    void applyNames(qint64 organizationId, const QHash<qint64, QString>& memberNames,
                    const QHash<qint64, QString>& departmentNames);

    PaneContext m_context;
    Organization m_organization;
    TransactionTableModel* m_model;
    NamedListModel* m_members;
    NamedListModel* m_departments;
    CsvExporter* m_exporter;
    QString m_exportFile;
    QTimer m_textDebounce;
    QComboBox* m_kind;
    DateRangeSelector* m_range;
    QComboBox* m_member;
    QComboBox* m_department;
    QLineEdit* m_search;
    QPushButton* m_clear;
    QPushButton* m_export;
    QPushButton* m_cancelExport;
    QProgressBar* m_exportProgress;
    QLabel* m_count;
    QTableView* m_table;
    QFormLayout* m_details;
    QWidget* m_detailsBox;
    QList<QLabel*> m_detailValues;
    QList<int> m_columnWidths; // each column's natural width
};

} // namespace creditdesk
