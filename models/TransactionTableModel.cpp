#include "models/TransactionTableModel.h"

#include "cache/AsyncCacheReader.h"

namespace creditdesk {

TransactionTableModel::TransactionTableModel(AsyncCacheReader* reader, QObject* parent)
    : QAbstractTableModel(parent), m_reader(reader)
{
    connect(reader, &AsyncCacheReader::windowReady, this, &TransactionTableModel::onWindow);
    connect(reader, &AsyncCacheReader::countReady, this, &TransactionTableModel::onCount);
}

void TransactionTableModel::setQuery(const TransactionQuery& query)
{
    m_query = query;
    startGeneration(true);
}

void TransactionTableModel::setNames(const NameLookup& names)
{
    m_names = names;
    if (m_count > 0)
        Q_EMIT dataChanged(index(0, 0), index(static_cast<int>(m_count) - 1, columnCount() - 1));
}

void TransactionTableModel::refresh()
{
    startGeneration(false);
}

void TransactionTableModel::startGeneration(bool reset)
{
    ++m_generation;
    m_requested.clear();
    m_firstPageSeen = false;
    if (reset) {
        beginResetModel();
        m_pages.clear();
        m_count = 0;
        m_countKnown = false;
        endResetModel();
    } else {
        // Keep showing the old pages until the new ones arrive (no flicker on a background sync).
        m_countKnown = false;
    }
    if (!m_reader)
        return;
    m_reader->setGeneration(m_generation);
    if (m_query.organizationId == 0) {
        onCount(m_generation, 0);
        return;
    }
    m_requested.insert(0);
    m_reader->requestWindow(m_generation, m_query, 0, kPageSize);
    m_reader->requestCount(m_generation, m_query);
}

void TransactionTableModel::resizeTo(qint64 rows)
{
    rows = std::min<qint64>(rows, std::numeric_limits<int>::max());
    if (rows > m_count) {
        beginInsertRows({}, static_cast<int>(m_count), static_cast<int>(rows - 1));
        m_count = rows;
        endInsertRows();
    } else if (rows < m_count) {
        beginRemoveRows({}, static_cast<int>(rows), static_cast<int>(m_count - 1));
        m_count = rows;
        endRemoveRows();
    }
}

void TransactionTableModel::onCount(quint64 generation, qint64 count)
{
    if (generation != m_generation)
        return;
    m_countKnown = true;
    resizeTo(count);
    Q_EMIT countChanged(count);
}

void TransactionTableModel::onWindow(quint64 generation, qint64 offset, const QList<Transaction>& rows)
{
    if (generation != m_generation)
        return;
    const qint64 page = offset / kPageSize;
    if (page == 0 && !m_firstPageSeen) {
        // A refresh keeps old pages until now; from here on, everything comes from the new generation.
        m_pages.clear();
        m_firstPageSeen = true;
    }
    m_pages.insert(page, rows);
    m_requested.remove(page);
    // Before the count arrives, the first page alone decides how many rows there are (at least).
    if (!m_countKnown && page == 0 && rows.size() > m_count)
        resizeTo(rows.size());
    const qint64 first = offset;
    const qint64 last = std::min<qint64>(offset + rows.size(), m_count) - 1;
    if (last >= first)
        Q_EMIT dataChanged(index(static_cast<int>(first), 0),
                           index(static_cast<int>(last), columnCount() - 1));
    if (page == 0) {
        // Old pages beyond the first are stale after a refresh: reload them when they are asked for.
        if (m_count > rows.size() && m_countKnown)
            Q_EMIT dataChanged(index(static_cast<int>(std::min<qint64>(rows.size(), m_count - 1)), 0),
                               index(static_cast<int>(m_count) - 1, columnCount() - 1));
        Q_EMIT firstPageLoaded();
    }
}

void TransactionTableModel::requestPage(qint64 page) const
{
    if (m_requested.contains(page) || !m_reader)
        return;
    m_requested.insert(page);
    evictFarPages(page);
    m_reader->requestWindow(m_generation, m_query, page * kPageSize, kPageSize);
}

void TransactionTableModel::evictFarPages(qint64 near) const
{
    while (m_pages.size() >= kMaxPages) {
        qint64 farthest = -1;
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (farthest < 0 || std::abs(it.key() - near) > std::abs(farthest - near))
                farthest = it.key();
        }
        m_pages.remove(farthest);
    }
}

std::optional<Transaction> TransactionTableModel::transactionAt(int row) const
{
    if (row < 0 || row >= m_count)
        return std::nullopt;
    const auto page = m_pages.constFind(row / kPageSize);
    if (page == m_pages.cend() || row % kPageSize >= page->size())
        return std::nullopt;
    return page->at(row % kPageSize);
}

int TransactionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_count);
}

int TransactionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(TransactionColumn::Count);
}

QVariant TransactionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto column = static_cast<TransactionColumn>(index.column());
    const qint64 page = index.row() / kPageSize;
    const auto found = m_pages.constFind(page);
    const bool stale = !m_firstPageSeen && page != 0;
    if (found == m_pages.cend() || index.row() % kPageSize >= found->size() || stale) {
        // Not read yet: ask the worker thread and show a placeholder meanwhile.
        if (role == Qt::DisplayRole || role == RawRole)
            requestPage(page);
        if (role == LoadedRole)
            return false;
        if (role == Qt::DisplayRole && column == TransactionColumn::Date)
            return QStringLiteral("…");
        if (found == m_pages.cend() || index.row() % kPageSize >= found->size())
            return {};
    }
    return transactionData(found->at(index.row() % kPageSize), column, role, m_names);
}

QVariant TransactionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    return transactionHeader(static_cast<TransactionColumn>(section), role);
}

void TransactionTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount())
        return;
    TransactionQuery query = m_query;
    query.sort = sortFor(static_cast<TransactionColumn>(column));
    query.order = order;
    if (query == m_query)
        return;
    setQuery(query);
}

} // namespace creditdesk
