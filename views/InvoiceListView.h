#pragma once

#include "views/CollectionPane.h"

#include <QJsonObject>

namespace creditdesk {

// The account's invoices from the cache the sync keeps (collection()), so they read offline: number,
// issue date, status, total and amount due, sortable by any column, filtered by status, issue dates and a
// text search (number, buyer, line text), exported as CSV with amounts as decimals of the currency
// (exportColumns()). The Invoices pane shows it in its first tab.
class InvoiceListView : public CollectionPane
{
    Q_OBJECT

public:
    explicit InvoiceListView(const PaneContext& context, QWidget* parent = nullptr);

    // GET /api/v1/invoices with since=seq; the whole invoice is kept too (`document`) for the detail view
    // offline. An invoice whose status changes comes again with a higher seq and replaces the cached one.
    static const SyncedCollection& collection();
    // The CSV columns, in order (docs/user-guide.md "Invoices"): exact values, amounts as decimals.
    static QList<CsvColumn> exportColumns();

    void setStatusFilter(const QString& status) { setFilter(0, status); }
    QStringList statuses() const { return filterKeys(0); }
    // The invoice of a model row as the cache keeps it (the server's JSON).
    QJsonObject invoiceAt(int modelRow) const;
    // "Open", "Paid", "Void", …; a status this version does not know: its name.
    static QString statusLabel(const QString& status);

Q_SIGNALS:
    // A row was activated (double click, Enter): the invoice as the cache keeps it.
    void invoiceActivated(const QJsonObject& invoice);

protected:
    QString countText(int rows) const override;
    QString exportedText(qint64 rows, const QString& fileName) const override;

private:
    static QList<CollectionTableModel::Column> columns();
    static QList<Filter> filters();
};

} // namespace creditdesk
