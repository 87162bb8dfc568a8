#pragma once

#include "cache/TransactionQuery.h"
#include "models/TransactionColumns.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

#include <optional>

namespace creditdesk {

class AsyncCacheReader;

// The full transaction history of one organization as a windowed model over the cache: rowCount() is the
// number of matching rows, and rows are read in pages on the cache's worker thread when a view asks for
// them (a placeholder until then), so a million rows cost neither start-up time nor memory. Filtering and
// sorting are done by the cache on raw values (TransactionQuery).
class TransactionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int kPageSize = 200;
    static constexpr int kMaxPages = 64;

    explicit TransactionTableModel(AsyncCacheReader* reader, QObject* parent = nullptr);

    void setQuery(const TransactionQuery& query);
    const TransactionQuery& query() const { return m_query; }
    void setNames(const NameLookup& names);
    const NameLookup& names() const { return m_names; }
    // The cache changed (a sync wrote rows): count again and reload what is shown.
    void refresh();

    std::optional<Transaction> transactionAt(int row) const;
    bool isCountKnown() const { return m_countKnown; }
    qint64 matchingRows() const { return m_count; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void countChanged(qint64 rows);
    // The first page of the current query is in the model (after setQuery/sort/refresh).
    void firstPageLoaded();

private:
    void onWindow(quint64 generation, qint64 offset, const QList<Transaction>& rows);
    void onCount(quint64 generation, qint64 count);
    void requestPage(qint64 page) const;
    void resizeTo(qint64 rows);
    void evictFarPages(qint64 near) const;
    void startGeneration(bool reset);

    QPointer<AsyncCacheReader> m_reader;
    TransactionQuery m_query;
    NameLookup m_names;
    quint64 m_generation = 0;
    qint64 m_count = 0; // rows the model reports
    bool m_countKnown = false;
    bool m_firstPageSeen = false;
    mutable QHash<qint64, QList<Transaction>> m_pages;
    mutable QSet<qint64> m_requested;
};

} // namespace creditdesk
