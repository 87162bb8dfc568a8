#include "views/TransactionsPane.h"

#include "cache/AsyncCacheReader.h"
#include "domain/Clock.h"
#include "domain/Credits.h"
#include "export/CsvExporter.h"
#include "models/GrantsModel.h"
#include "models/NamedListModel.h"
#include "models/TransactionTableModel.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace creditdesk {

TransactionsPane::TransactionsPane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_model(new TransactionTableModel(context.reader, this)),
      m_members(new NamedListModel(tr("All members"), this)),
      m_departments(new NamedListModel(tr("All departments"), this)), m_exporter(new CsvExporter(this))
{
    setObjectName(QStringLiteral("transactionsPane"));
    setAccessibleName(tr("Transactions"));
    auto* layout = new QVBoxLayout(this);

    auto* filters = new QHBoxLayout;
    m_kind = new QComboBox(this);
    m_kind->setAccessibleName(tr("Kind filter"));
    m_kind->addItem(tr("All kinds"));
    for (int i = 0; i < static_cast<int>(TransactionKind::Count); ++i)
        m_kind->addItem(transactionKindLabel(static_cast<TransactionKind>(i)), i);
    m_range = new DateRangeSelector(m_context.clock, this);
    m_member = new QComboBox(this);
    m_member->setModel(m_members);
    m_member->setAccessibleName(tr("Member filter"));
    m_department = new QComboBox(this);
    m_department->setModel(m_departments);
    m_department->setAccessibleName(tr("Department filter"));
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search reference, note or number"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setClearButtonEnabled(true);
    // Room for the placeholder's first words even in a narrow window; the combo boxes give way first.
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 22);
    m_clear = new QPushButton(tr("Clear filters"), this);
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setAccessibleName(tr("Export the filtered transactions as CSV"));
    for (QComboBox* combo : {m_kind, m_member, m_department}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    for (QWidget* widget : std::initializer_list<QWidget*>{m_kind, m_range, m_member, m_department})
        filters->addWidget(widget);
    filters->addStretch(1);
    layout->addLayout(filters);
    // The search has a row of its own: wide enough for its placeholder in a 1024-pixel window.
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_clear);
    searchRow->addWidget(m_export);
    layout->addLayout(searchRow);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("transactionsTable"));
    m_table->setAccessibleName(tr("Transactions"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    // Tab leaves the table (to the next control); the arrow keys move inside it.
    m_table->setTabKeyNavigation(false);
    m_table->horizontalHeader()->setSortIndicator(static_cast<int>(TransactionColumn::Date),
                                                  Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    // Fixed row heights: with a million rows the view must never measure rows (Qt's own advice).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    const int charWidth = fontMetrics().averageCharWidth();
    for (const int chars : {24, 13, 12, 13, 15, 17, 14, 24})
        m_columnWidths.append(chars * charWidth);
    m_table->viewport()->installEventFilter(this);
    fitColumns();

    m_detailsBox = new QGroupBox(tr("Details"), splitter);
    m_detailsBox->setAccessibleName(tr("Transaction details"));
    // Wide enough for a date, an amount or a member's name on one line; the table scrolls instead.
    m_detailsBox->setMinimumWidth(fontMetrics().averageCharWidth() * 36);
    m_details = new QFormLayout(m_detailsBox);
    const QStringList labels{tr("Transaction"), tr("Sequence"),   tr("Date"),    tr("Kind"),
                             tr("Grant kind"),  tr("Credits"),    tr("Value"),   tr("Balance after"),
                             tr("Member"),      tr("Department"), tr("Made by"), tr("Reference"),
                             tr("Note"),        tr("Refund of"),  tr("Hold")};
    for (const QString& label : labels) {
        auto* value = new QLabel(m_detailsBox);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
        value->setAccessibleName(label);
        m_details->addRow(label + QLatin1Char(':'), value);
        m_detailValues.append(value);
    }
    splitter->addWidget(m_table);
    splitter->addWidget(m_detailsBox);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    auto* bottom = new QHBoxLayout;
    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Number of matching transactions"));
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setAccessibleName(tr("Export progress"));
    m_exportProgress->setVisible(false);
    m_cancelExport = new QPushButton(tr("Cancel export"), this);
    m_cancelExport->setVisible(false);
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_exportProgress);
    bottom->addWidget(m_cancelExport);
    layout->addLayout(bottom);

    m_textDebounce.setSingleShot(true);
    m_textDebounce.setInterval(250);
    connect(&m_textDebounce, &QTimer::timeout, this, &TransactionsPane::applyFilters);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_textDebounce.start(); });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &TransactionsPane::applyFilters);
    connect(m_member, &QComboBox::currentIndexChanged, this, &TransactionsPane::applyFilters);
    connect(m_department, &QComboBox::currentIndexChanged, this, &TransactionsPane::applyFilters);
    connect(m_range, &DateRangeSelector::changed, this, &TransactionsPane::applyFilters);
    connect(m_clear, &QPushButton::clicked, this, &TransactionsPane::clearFilters);
    connect(m_export, &QPushButton::clicked, this, &TransactionsPane::exportData);
    connect(m_cancelExport, &QPushButton::clicked, m_exporter, &CsvExporter::cancel);
    connect(m_model, &TransactionTableModel::countChanged, this, &TransactionsPane::updateCountLabel);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransactionsPane::updateDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TransactionsPane::updateDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TransactionsPane::updateDetails);
    connect(m_exporter, &CsvExporter::progress, this, [this](qint64 written, qint64 total) {
        m_exportProgress->setMaximum(
            static_cast<int>(std::min<qint64>(total, std::numeric_limits<int>::max())));
        m_exportProgress->setValue(
            static_cast<int>(std::min<qint64>(written, std::numeric_limits<int>::max())));
    });
    connect(m_exporter, &CsvExporter::finished, this, [this](bool ok, qint64 rows, const QString& error) {
        m_exportProgress->setVisible(false);
        m_cancelExport->setVisible(false);
        m_export->setEnabled(true);
        Q_EMIT statusMessage(
            ok ? tr("Exported %Ln transaction(s) to %1", nullptr, static_cast<int>(rows)).arg(m_exportFile)
               : tr("Export failed: %1").arg(error));
        Q_EMIT exportFinished(ok, rows, m_exportFile);
    });
    connect(m_context.reader, &AsyncCacheReader::namesReady, this, &TransactionsPane::applyNames);
}

TransactionsPane::~TransactionsPane() = default;

bool TransactionsPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return Pane::eventFilter(watched, event);
}

void TransactionsPane::fitColumns()
{
    // Every column stays in view: in a narrow window the columns shrink in proportion (their text is
    // elided; the tooltip and the details panel have it in full) instead of pushing Reference off-screen.
    const int available = m_table->viewport()->width();
    int wanted = 0;
    for (const int width : std::as_const(m_columnWidths))
        wanted += width;
    const double scale = available > 0 && wanted > available ? static_cast<double>(available) / wanted : 1.0;
    const int minimum = fontMetrics().averageCharWidth() * 4;
    for (int column = 0; column < m_columnWidths.size(); ++column)
        m_table->setColumnWidth(column,
                                std::max(minimum, static_cast<int>(m_columnWidths.at(column) * scale)));
}

void TransactionsPane::setOrganization(const Organization& organization)
{
    m_organization = organization;
    // Only roles that see other people's movements get member and department filters.
    const bool seesOthers =
        organization.canReadAllTransactions() || organization.can(QStringLiteral("credits:read_department"));
    m_member->setVisible(seesOthers);
    m_department->setVisible(organization.canReadAllTransactions());
    loadNames();
    applyFilters();
}

void TransactionsPane::loadNames()
{
    // Off the GUI thread: the names arrive through namesReady (applyNames).
    if (m_organization.id != 0)
        m_context.reader->requestNames(m_organization.id);
}

void TransactionsPane::applyNames(qint64 organizationId, const QHash<qint64, QString>& memberNames,
                                  const QHash<qint64, QString>& departmentNames)
{
    if (organizationId != m_organization.id)
        return;
    // By name, then id, as the filter lists always showed them.
    auto sorted = [](const QHash<qint64, QString>& names) {
        QList<NamedListModel::Entry> entries;
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            entries.append({it.key(), it.value()});
        std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            return a.name != b.name ? a.name < b.name : a.id < b.id;
        });
        return entries;
    };
    const std::optional<qint64> member = m_members->idAt(m_member->currentIndex());
    const std::optional<qint64> department = m_departments->idAt(m_department->currentIndex());
    {
        QSignalBlocker blockMember(m_member);
        QSignalBlocker blockDepartment(m_department);
        m_members->setEntries(sorted(memberNames));
        m_departments->setEntries(sorted(departmentNames));
        m_member->setCurrentIndex(std::max(0, m_members->rowOf(member)));
        m_department->setCurrentIndex(std::max(0, m_departments->rowOf(department)));
    }
    m_model->setNames(NameLookup{memberNames, departmentNames});
}

void TransactionsPane::refresh()
{
    loadNames();
    m_model->refresh();
}

TransactionQuery TransactionsPane::currentQuery() const
{
    TransactionQuery query = m_model->query();
    query.organizationId = m_organization.id;
    query.kind =
        m_kind->currentIndex() > 0
            ? std::optional<TransactionKind>(static_cast<TransactionKind>(m_kind->currentData().toInt()))
            : std::nullopt;
    query.from = m_range->from();
    query.to = m_range->to();
    query.memberId = m_member->isHidden() ? std::nullopt : m_members->idAt(m_member->currentIndex());
    query.departmentId =
        m_department->isHidden() ? std::nullopt : m_departments->idAt(m_department->currentIndex());
    query.text = m_search->text().trimmed();
    return query;
}

void TransactionsPane::applyFilters()
{
    m_textDebounce.stop();
    const TransactionQuery query = currentQuery();
    if (query == m_model->query() && query.organizationId != 0)
        return;
    m_model->setQuery(query);
    updateCountLabel();
}

void TransactionsPane::setKindFilter(std::optional<TransactionKind> kind)
{
    m_kind->setCurrentIndex(kind ? static_cast<int>(*kind) + 1 : 0);
}

void TransactionsPane::setTextFilter(const QString& text)
{
    m_search->setText(text);
    applyFilters();
}

void TransactionsPane::setDateRange(DateRange range, QDate from, QDate to)
{
    m_range->setRange(range, from, to);
}

void TransactionsPane::setMemberFilter(std::optional<qint64> memberId)
{
    m_member->setCurrentIndex(std::max(0, m_members->rowOf(memberId)));
}

void TransactionsPane::setDepartmentFilter(std::optional<qint64> departmentId)
{
    m_department->setCurrentIndex(std::max(0, m_departments->rowOf(departmentId)));
}

void TransactionsPane::clearFilters()
{
    QSignalBlocker blocks[] = {QSignalBlocker(m_kind), QSignalBlocker(m_member), QSignalBlocker(m_department),
                               QSignalBlocker(m_search)};
    m_kind->setCurrentIndex(0);
    m_range->clear();
    m_member->setCurrentIndex(0);
    m_department->setCurrentIndex(0);
    m_search->clear();
    applyFilters();
}

void TransactionsPane::updateCountLabel()
{
    if (!m_model->isCountKnown())
        m_count->setText(tr("Counting…"));
    else
        m_count->setText(
            tr("%Ln transaction(s)", nullptr,
               static_cast<int>(std::min<qint64>(m_model->matchingRows(), std::numeric_limits<int>::max()))));
}

void TransactionsPane::updateDetails()
{
    const QModelIndex current = m_table->currentIndex();
    const std::optional<Transaction> row =
        current.isValid() ? m_model->transactionAt(current.row()) : std::nullopt;
    if (!row) {
        for (QLabel* label : std::as_const(m_detailValues))
            label->clear();
        return;
    }
    const QLocale locale;
    const NameLookup& names = m_model->names();
    // Numbers as everywhere else in the window, in the locale's format ("7,189", not "7189").
    auto optionalText = [&locale](const std::optional<qint64>& value) {
        return value ? locale.toString(*value) : QString();
    };
    auto name = [](const std::optional<qint64>& id, const QHash<qint64, QString>& lookup) {
        if (!id)
            return QString();
        return lookup.value(*id, QStringLiteral("#%1").arg(*id));
    };
    const QStringList values{locale.toString(row->id),
                             locale.toString(row->seq),
                             locale.toString(row->createdAt.toLocalTime(), QLocale::LongFormat),
                             row->model.isEmpty()
                                 ? transactionKindLabel(row->kind)
                                 : tr("%1 (%2)").arg(transactionKindLabel(row->kind), row->model),
                             row->grantKind.isEmpty() ? QString() : grantKindLabel(row->grantKind),
                             Credits(row->amount).format(locale),
                             Credits(row->amount).formatExactDollars(locale), // exact: the table rounds
                             Credits(row->balanceAfter).format(locale),
                             name(row->memberId, names.members),
                             name(row->departmentId, names.departments),
                             actorLabel(row->actor, names),
                             row->reference,
                             row->note,
                             optionalText(row->relatedTransactionId),
                             optionalText(row->reservationId)};
    for (qsizetype i = 0; i < values.size() && i < m_detailValues.size(); ++i)
        m_detailValues.at(i)->setText(values.at(i));
}

void TransactionsPane::exportData()
{
    if (m_exporter->isRunning() || !m_context.chooseSaveFile)
        return;
    const QString suggested = QStringLiteral("transactions-%1.csv")
                                  .arg(m_context.clock->now().toString(QStringLiteral("yyyyMMdd-HHmm")));
    m_context.chooseSaveFile(this, suggested, [this](const QString& fileName) {
        if (!fileName.isEmpty())
            exportTo(fileName);
    });
}

void TransactionsPane::exportTo(const QString& fileName)
{
    const QString databasePath = m_context.reader->databasePath();
    if (m_exporter->isRunning() || databasePath.isEmpty())
        return;
    m_exportFile = fileName;
    m_export->setEnabled(false);
    m_exportProgress->setVisible(true);
    m_exportProgress->setValue(0);
    m_cancelExport->setVisible(true);
    m_exporter->start(databasePath, m_model->query(), m_model->matchingRows(), fileName,
                      m_model->names().members, m_model->names().departments);
}

} // namespace creditdesk
