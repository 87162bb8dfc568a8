#pragma once

#include "domain/SyncedCollection.h"
#include "export/CsvExporter.h"
#include "models/CollectionTableModel.h"
#include "views/DateRangeSelector.h"
#include "views/Pane.h"

#include <QHash>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace creditdesk {

// What a pane over one synced collection shares with every other: a table of the rows the filters select
// (newest first, from the cache through the AsyncCacheReader, so it works offline), filters by the
// distinct values of some columns, the date range of the collection's time column, the number of matching
// rows and CSV export with the exact values. A subclass declares the collection, the columns and the
// filters, and words what is specific to it (CONTRIBUTING.md "Adding a synced pane").
class CollectionPane : public Pane
{
    Q_OBJECT

public:
    using DateRange = DateRangeSelector::Range;

    // A filter by the values that one or more columns take in the organization's rows. Its keys are the
    // values joined by ':' (an empty part is NULL): "credits.deducted", "token:3", "job:".
    struct Filter
    {
        QString allLabel;       // the entry that does not filter ("All actions")
        QString accessibleName; // "Action filter"
        QStringList columns;
        // The text shown for one distinct value (the columns' values in order); empty: the key.
        std::function<QString(const QVariantList& values)> label;
        std::function<QString(const QVariantList& values)> toolTip;
    };

    CollectionPane(const PaneContext& context, SyncedCollection collection,
                   QList<CollectionTableModel::Column> columns, QList<Filter> filters,
                   QWidget* parent = nullptr);
    ~CollectionPane() override;

    void setOrganization(const Organization& organization) override;
    void refresh() override;
    bool canExport() const override { return true; }
    void exportData() override;
    void exportTo(const QString& fileName);

    // Filter controls, for tests and keyboard users alike. An empty key shows every row.
    void setFilter(int filter, const QString& key);
    QStringList filterKeys(int filter) const;
    void setDateRange(DateRange range, QDate from = {}, QDate to = {});
    // The text search (enableSearch): rows whose search columns contain it.
    void setSearchText(const QString& text);
    void clearFilters();

    CollectionTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    // The model row of the table's current row (the table may sort: enableSorting); -1 when none.
    int currentModelRow() const;
    // Puts a control of the pane's (or its host's) in the bottom row, before the export button.
    void addBottomWidget(QWidget* widget);
    CollectionQuery currentQuery() const;

Q_SIGNALS:
    // The table shows the answer to the latest query.
    void updated();
    void exportFinished(bool ok, qint64 rows, const QString& fileName);

protected:
    // "%Ln entry(s)" under the table, "Exported %Ln entry(s) to %1" afterwards; a pane may name its rows.
    virtual QString countText(int rows) const;
    virtual QString exportedText(qint64 rows, const QString& fileName) const;
    // The organization's member names (user id → name) from the cache, for display functions.
    const QHash<qint64, QString>& memberNames() const { return m_memberNames; }
    void setColumnWidths(const QList<int>& characters);
    // The start of the suggested export file name ("activity" → activity-20260310-1200.csv); default: the
    // collection's id.
    void setExportName(const QString& name) { m_exportName = name; }
    // A search box in the filter row over these columns (CollectionQuery::search).
    void enableSearch(const QStringList& columns, const QString& placeholder, const QString& accessibleName);
    // Sorting by a click on a header, by each column's raw value (a proxy between model and table).
    void enableSorting();
    // The export's own columns instead of the declaration's (amounts as decimals, documented names).
    void setExportColumns(QList<CsvColumn> columns) { m_exportColumns = std::move(columns); }

private:
    void apply(const CollectionRows& rows);
    void fillCombo(int filter, const QList<std::pair<QString, QVariantList>>& values);
    void updateCountLabel();

    PaneContext m_context;
    SyncedCollection m_collection;
    QList<Filter> m_filters;
    Organization m_organization;
    CollectionTableModel* m_model;
    CsvExporter* m_exporter;
    QString m_exportName;
    QString m_exportFile;
    QHash<qint64, QString> m_memberNames;
    CollectionQuery m_lastQuery;
    int m_pending = 0; // answers to m_lastQuery still to come
    QList<CsvColumn> m_exportColumns;
    QStringList m_searchColumns;
    QList<QComboBox*> m_combos;
    QHBoxLayout* m_filterRow;
    QHBoxLayout* m_bottomRow;
    QLineEdit* m_search = nullptr;
    QSortFilterProxyModel* m_sorter = nullptr;
    DateRangeSelector* m_range;
    QPushButton* m_clear;
    QPushButton* m_export;
    QLabel* m_count;
    QTableView* m_table;
};

} // namespace creditdesk
