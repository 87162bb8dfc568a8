#pragma once

#include "domain/SyncedCollection.h"

#include <QAbstractTableModel>
#include <QList>
#include <QVariantList>

#include <functional>

namespace creditdesk {

// The rows of a synced collection a query selected (CollectionRows::rows, in the declaration's column
// order) as a table whose columns the pane describes, so a pane over a new collection needs no model of its
// own. Display text is the pane's (locale-formatted, translated); RawRole carries what sorting and tests
// want, the tooltip defaults to the display text.
class CollectionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        RawRole = Qt::UserRole + 1
    };

    // One row, with its values by the declaration's column names.
    class Row
    {
    public:
        Row(const SyncedCollection* collection, const QVariantList* values)
            : m_collection(collection), m_values(values)
        {
        }
        QVariant value(const QString& column) const
        {
            return m_values->value(m_collection->columnIndex(column));
        }
        QVariant operator[](const char* column) const { return value(QLatin1String(column)); }

    private:
        const SyncedCollection* m_collection;
        const QVariantList* m_values;
    };

    struct Column
    {
        QString header;
        std::function<QVariant(const Row&)> display;
        std::function<QVariant(const Row&)> raw;     // empty: the display text
        std::function<QVariant(const Row&)> toolTip; // empty: the display text
    };

    CollectionTableModel(SyncedCollection collection, QList<Column> columns, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRows(const QList<QVariantList>& rows);
    const QList<QVariantList>& rows() const { return m_rows; }
    Row row(int index) const { return Row(&m_collection, &m_rows.at(index)); }
    const SyncedCollection& collection() const { return m_collection; }
    // What the display functions read besides the row changed (e.g. member names arrived).
    void displayChanged();

private:
    SyncedCollection m_collection;
    QList<Column> m_columns;
    QList<QVariantList> m_rows;
};

} // namespace creditdesk
