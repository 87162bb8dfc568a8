#include "views/CollectionPane.h"

#include "cache/AsyncCacheReader.h"
#include "domain/Clock.h"
#include "export/CsvExporter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QString filterKey(const QVariantList& values)
{
    QStringList parts;
    for (const QVariant& value : values)
        parts.append(value.isNull() ? QString() : value.toString());
    return parts.join(QLatin1Char(':'));
}

} // namespace

CollectionPane::CollectionPane(const PaneContext& context, SyncedCollection collection,
                               QList<CollectionTableModel::Column> columns, QList<Filter> filters,
                               QWidget* parent)
    : Pane(parent), m_context(context), m_collection(std::move(collection)), m_filters(std::move(filters)),
      m_model(new CollectionTableModel(m_collection, std::move(columns), this)),
      m_exporter(new CsvExporter(this)), m_exportName(m_collection.id)
{
    auto* layout = new QVBoxLayout(this);
    auto* filterRow = new QHBoxLayout;
    m_filterRow = filterRow;
    for (const Filter& filter : std::as_const(m_filters)) {
        auto* combo = new QComboBox(this);
        combo->setAccessibleName(filter.accessibleName);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
        m_combos.append(combo);
        fillCombo(static_cast<int>(m_combos.size()) - 1, {});
        filterRow->addWidget(combo);
        connect(combo, &QComboBox::currentIndexChanged, this, &CollectionPane::refresh);
    }
    m_range = new DateRangeSelector(m_context.clock, this);
    filterRow->addWidget(m_range);
    m_clear = new QPushButton(tr("Clear filters"), this);
    filterRow->addWidget(m_clear);
    filterRow->addStretch(1);
    layout->addLayout(filterRow);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Tab leaves the table (to the next control); the arrow keys move inside it.
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Number of matching entries"));
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setAccessibleName(tr("Export the filtered entries as CSV"));
    auto* bottom = new QHBoxLayout;
    m_bottomRow = bottom;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_export);
    layout->addLayout(bottom);

    connect(m_range, &DateRangeSelector::changed, this, &CollectionPane::refresh);
    connect(m_clear, &QPushButton::clicked, this, &CollectionPane::clearFilters);
    connect(m_export, &QPushButton::clicked, this, &CollectionPane::exportData);
    connect(m_context.reader, &AsyncCacheReader::collectionReady, this, &CollectionPane::apply);
    connect(
        m_context.reader, &AsyncCacheReader::namesReady, this,
        [this](qint64 organizationId, const QHash<qint64, QString>& members, const QHash<qint64, QString>&) {
            if (organizationId != m_organization.id)
                return;
            m_memberNames = members;
            m_model->displayChanged();
        });
    connect(m_exporter, &CsvExporter::finished, this, [this](bool ok, qint64 rows, const QString& error) {
        m_export->setEnabled(true);
        Q_EMIT statusMessage(ok ? exportedText(rows, m_exportFile) : tr("Export failed: %1").arg(error));
        Q_EMIT exportFinished(ok, rows, m_exportFile);
    });
    updateCountLabel();
}

CollectionPane::~CollectionPane() = default;

void CollectionPane::enableSearch(const QStringList& columns, const QString& placeholder,
                                  const QString& accessibleName)
{
    if (m_search)
        return;
    m_searchColumns = columns;
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(placeholder);
    m_search->setAccessibleName(accessibleName);
    m_search->setClearButtonEnabled(true);
    // Before the date range: after the value filters.
    m_filterRow->insertWidget(static_cast<int>(m_combos.size()), m_search, 1);
    connect(m_search, &QLineEdit::textChanged, this, &CollectionPane::refresh);
}

void CollectionPane::enableSorting()
{
    if (m_sorter)
        return;
    m_sorter = new QSortFilterProxyModel(this);
    m_sorter->setSourceModel(m_model);
    m_sorter->setSortRole(CollectionTableModel::RawRole);
    m_table->setModel(m_sorter);
    // Unsorted until a header is clicked (section -1: the source's order, newest first as the cache
    // answers); set before sorting is enabled, which sorts by the indicator at once.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
}

int CollectionPane::currentModelRow() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return -1;
    return m_sorter ? m_sorter->mapToSource(current).row() : current.row();
}

void CollectionPane::addBottomWidget(QWidget* widget)
{
    m_bottomRow->insertWidget(m_bottomRow->indexOf(m_export), widget);
}

void CollectionPane::setSearchText(const QString& text)
{
    if (m_search)
        m_search->setText(text);
}

void CollectionPane::setColumnWidths(const QList<int>& characters)
{
    const int charWidth = fontMetrics().averageCharWidth();
    for (int column = 0; column < characters.size(); ++column)
        m_table->setColumnWidth(column, characters.at(column) * charWidth);
}

void CollectionPane::setOrganization(const Organization& organization)
{
    if (organization.id != m_organization.id) {
        for (int filter = 0; filter < m_combos.size(); ++filter) {
            QSignalBlocker block(m_combos.at(filter));
            fillCombo(filter, {});
        }
        m_memberNames.clear();
    }
    m_organization = organization;
    // Answered before the rows (one worker, in order): the first table already shows names.
    m_context.reader->requestNames(organization.id);
    refresh();
}

void CollectionPane::refresh()
{
    if (m_organization.id == 0)
        return;
    const CollectionQuery query = currentQuery();
    // A new query makes the answers to older ones obsolete; the same one again is counted.
    m_pending = query == m_lastQuery ? m_pending + 1 : 1;
    m_lastQuery = query;
    m_context.reader->requestCollection(m_collection, query);
}

CollectionQuery CollectionPane::currentQuery() const
{
    CollectionQuery query;
    query.organizationId = m_organization.id;
    for (int filter = 0; filter < m_filters.size(); ++filter) {
        QComboBox* combo = m_combos.at(filter);
        query.distinct.append(m_filters.at(filter).columns);
        if (combo->currentIndex() <= 0)
            continue;
        const QStringList& columns = m_filters.at(filter).columns;
        const QString key = combo->currentData().toString();
        // One column: the whole key (it may contain ':'); several: one part each.
        const QStringList parts = columns.size() == 1 ? QStringList{key} : key.split(QLatin1Char(':'));
        for (int i = 0; i < columns.size(); ++i) {
            const int index = m_collection.columnIndex(columns.at(i));
            const bool text = index >= 0 && m_collection.columns.at(index).storedAsText();
            const QString part = parts.value(i);
            if (part.isEmpty() && (columns.size() > 1 || !text))
                query.equals.insert(columns.at(i),
                                    QVariant(QMetaType(text ? QMetaType::QString : QMetaType::LongLong)));
            else
                query.equals.insert(columns.at(i), text ? QVariant(part) : QVariant(part.toLongLong()));
        }
    }
    query.from = m_range->from();
    query.to = m_range->to();
    if (m_search && !m_search->text().trimmed().isEmpty()) {
        query.search = m_search->text().trimmed();
        query.searchColumns = m_searchColumns;
    }
    return query;
}

void CollectionPane::apply(const CollectionRows& rows)
{
    // Answers arrive in request order: only the latest one of this pane's is shown (another view of the
    // same collection, e.g. the dashboard's alert banner, asks its own queries).
    if (rows.collectionId != m_collection.id || rows.query != m_lastQuery)
        return;
    m_pending = std::max(0, m_pending - 1);
    if (rows.organizationId != m_organization.id || m_pending > 0)
        return;
    m_model->setRows(rows.rows);
    for (int filter = 0; filter < m_combos.size(); ++filter) {
        QList<std::pair<QString, QVariantList>> values;
        for (const QVariantList& value : rows.distinct.value(filter))
            values.append({filterKey(value), value});
        QSignalBlocker block(m_combos.at(filter));
        fillCombo(filter, values);
    }
    updateCountLabel();
    Q_EMIT updated();
}

void CollectionPane::fillCombo(int filter, const QList<std::pair<QString, QVariantList>>& values)
{
    QComboBox* combo = m_combos.at(filter);
    const Filter& spec = m_filters.at(filter);
    const QString current = combo->currentIndex() > 0 ? combo->currentData().toString() : QString();
    combo->clear();
    combo->addItem(spec.allLabel);
    for (const auto& [key, value] : values) {
        const QString label = spec.label ? spec.label(value) : QString();
        combo->addItem(label.isEmpty() ? key : label, key);
        if (spec.toolTip)
            combo->setItemData(combo->count() - 1, spec.toolTip(value), Qt::ToolTipRole);
    }
    if (!current.isEmpty()) {
        const int row = combo->findData(current);
        if (row < 0)
            combo->addItem(current, current); // still selected, though no longer in the list
        combo->setCurrentIndex(row < 0 ? combo->count() - 1 : row);
    }
}

void CollectionPane::setFilter(int filter, const QString& key)
{
    QComboBox* combo = m_combos.value(filter);
    if (!combo)
        return;
    if (key.isEmpty()) {
        combo->setCurrentIndex(0);
        return;
    }
    if (combo->findData(key) < 0)
        combo->addItem(key, key);
    combo->setCurrentIndex(combo->findData(key));
}

QStringList CollectionPane::filterKeys(int filter) const
{
    QStringList keys;
    if (QComboBox* combo = m_combos.value(filter)) {
        for (int i = 1; i < combo->count(); ++i)
            keys.append(combo->itemData(i).toString());
    }
    return keys;
}

void CollectionPane::setDateRange(DateRange range, QDate from, QDate to)
{
    m_range->setRange(range, from, to);
}

void CollectionPane::clearFilters()
{
    for (QComboBox* combo : std::as_const(m_combos)) {
        QSignalBlocker block(combo);
        combo->setCurrentIndex(0);
    }
    m_range->clear();
    if (m_search) {
        QSignalBlocker block(m_search);
        m_search->clear();
    }
    refresh();
}

QString CollectionPane::countText(int rows) const
{
    return tr("%Ln entry(s)", nullptr, rows);
}

QString CollectionPane::exportedText(qint64 rows, const QString& fileName) const
{
    return tr("Exported %Ln entry(s) to %1", nullptr, static_cast<int>(rows)).arg(fileName);
}

void CollectionPane::updateCountLabel()
{
    m_count->setText(countText(m_model->rowCount()));
}

void CollectionPane::exportData()
{
    if (m_exporter->isRunning() || !m_context.chooseSaveFile)
        return;
    const QString suggested =
        QStringLiteral("%1-%2.csv")
            .arg(m_exportName, m_context.clock->now().toString(QStringLiteral("yyyyMMdd-HHmm")));
    m_context.chooseSaveFile(this, suggested, [this](const QString& fileName) {
        if (!fileName.isEmpty())
            exportTo(fileName);
    });
}

void CollectionPane::exportTo(const QString& fileName)
{
    if (m_exporter->isRunning() || m_context.reader->databasePath().isEmpty() || m_organization.id == 0)
        return;
    m_exportFile = fileName;
    m_export->setEnabled(false);
    if (m_exportColumns.isEmpty())
        m_exporter->startCollection(m_context.reader->databasePath(), m_collection, currentQuery(), fileName);
    else
        m_exporter->startCollection(m_context.reader->databasePath(), m_collection, currentQuery(),
                                    m_exportColumns, fileName);
}

} // namespace creditdesk
