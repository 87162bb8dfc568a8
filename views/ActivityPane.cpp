#include "views/ActivityPane.h"

#include "cache/AsyncCacheReader.h"
#include "domain/Clock.h"
#include "domain/SyncedCollection.h"
#include "export/CsvExporter.h"
#include "models/ActivityTableModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QString actorKey(const QVariant& type, const QVariant& id)
{
    return type.toString() + QLatin1Char(':') + (id.isNull() ? QString() : QString::number(id.toLongLong()));
}

} // namespace

ActivityPane::ActivityPane(AsyncCacheReader* reader, const Clock* clock, FileChooser chooseSaveFile,
                           QWidget* parent)
    : Pane(parent), m_reader(reader), m_clock(clock), m_chooseSaveFile(std::move(chooseSaveFile)),
      m_model(new ActivityTableModel(this)), m_exporter(new CsvExporter(this))
{
    setObjectName(QStringLiteral("activityPane"));
    setAccessibleName(tr("Activity"));
    auto* layout = new QVBoxLayout(this);

    auto* filters = new QHBoxLayout;
    m_action = new QComboBox(this);
    m_action->setAccessibleName(tr("Action filter"));
    m_actor = new QComboBox(this);
    m_actor->setAccessibleName(tr("Actor filter"));
    m_range = new QComboBox(this);
    m_range->setAccessibleName(tr("Date range"));
    m_range->addItems(
        {tr("Any time"), tr("Today"), tr("Last 7 days"), tr("Last 30 days"), tr("Custom range")});
    m_from = new QDateEdit(this);
    m_from->setAccessibleName(tr("From date"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(this);
    m_to->setAccessibleName(tr("To date"));
    m_to->setCalendarPopup(true);
    const QDate today = m_clock->now().date();
    m_from->setDate(today.addDays(-30));
    m_to->setDate(today);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    m_clear = new QPushButton(tr("Clear filters"), this);
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setAccessibleName(tr("Export the filtered activity as CSV"));
    fillCombo(m_action, {});
    fillCombo(m_actor, {});
    for (QComboBox* combo : {m_action, m_actor, m_range}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    for (QWidget* widget : std::initializer_list<QWidget*>{m_action, m_actor, m_range, m_from, m_to})
        filters->addWidget(widget);
    filters->addWidget(m_clear);
    filters->addStretch(1);
    layout->addLayout(filters);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("activityTable"));
    m_table->setAccessibleName(tr("Activity"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int charWidth = fontMetrics().averageCharWidth();
    const int widths[] = {26, 18, 24, 18};
    for (int column = 0; column < 4; ++column)
        m_table->setColumnWidth(column, widths[column] * charWidth);
    layout->addWidget(m_table, 1);

    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Number of matching entries"));
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_export);
    layout->addLayout(bottom);

    connect(m_action, &QComboBox::currentIndexChanged, this, &ActivityPane::refresh);
    connect(m_actor, &QComboBox::currentIndexChanged, this, &ActivityPane::refresh);
    connect(m_range, &QComboBox::currentIndexChanged, this, [this](int index) {
        const bool custom = static_cast<DateRange>(index) == DateRange::Custom;
        m_from->setEnabled(custom);
        m_to->setEnabled(custom);
        refresh();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &ActivityPane::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &ActivityPane::refresh);
    connect(m_clear, &QPushButton::clicked, this, &ActivityPane::clearFilters);
    connect(m_export, &QPushButton::clicked, this, &ActivityPane::exportData);
    connect(m_reader, &AsyncCacheReader::collectionReady, this, &ActivityPane::apply);
    connect(
        m_reader, &AsyncCacheReader::namesReady, this,
        [this](qint64 organizationId, const QHash<qint64, QString>& members, const QHash<qint64, QString>&) {
            if (organizationId != m_organization.id)
                return;
            m_memberNames = members;
            m_model->setMemberNames(members);
        });
    connect(m_exporter, &CsvExporter::finished, this, [this](bool ok, qint64 rows, const QString& error) {
        m_export->setEnabled(true);
        Q_EMIT statusMessage(
            ok ? tr("Exported %Ln activity entry(s) to %1", nullptr, static_cast<int>(rows)).arg(m_exportFile)
               : tr("Export failed: %1").arg(error));
        Q_EMIT exportFinished(ok, rows, m_exportFile);
    });
    updateCountLabel();
}

ActivityPane::~ActivityPane() = default;

void ActivityPane::setOrganization(const Organization& organization)
{
    if (organization.id != m_organization.id) {
        QSignalBlocker blockAction(m_action);
        QSignalBlocker blockActor(m_actor);
        fillCombo(m_action, {});
        fillCombo(m_actor, {});
        m_memberNames.clear();
    }
    m_organization = organization;
    m_reader->requestNames(organization.id);
    refresh();
}

void ActivityPane::refresh()
{
    if (m_organization.id == 0)
        return;
    ++m_pending;
    m_reader->requestCollection(auditCollection(), currentQuery());
}

CollectionQuery ActivityPane::currentQuery() const
{
    CollectionQuery query;
    query.organizationId = m_organization.id;
    if (m_action->currentIndex() > 0)
        query.equals.insert(QStringLiteral("action"), m_action->currentData().toString());
    if (m_actor->currentIndex() > 0) {
        const QString key = m_actor->currentData().toString();
        const qsizetype colon = key.indexOf(QLatin1Char(':'));
        query.equals.insert(QStringLiteral("actor_type"), key.left(colon));
        const QString id = key.mid(colon + 1);
        query.equals.insert(QStringLiteral("actor_id"), id.isEmpty()
                                                            ? QVariant(QMetaType(QMetaType::LongLong))
                                                            : QVariant(id.toLongLong()));
    }
    const QDate today = m_clock->now().date();
    switch (static_cast<DateRange>(m_range->currentIndex())) {
    case DateRange::Any:
        break;
    case DateRange::Today:
        query.from = query.to = today;
        break;
    case DateRange::Last7Days:
        query.from = today.addDays(-6);
        query.to = today;
        break;
    case DateRange::Last30Days:
        query.from = today.addDays(-29);
        query.to = today;
        break;
    case DateRange::Custom:
        query.from = m_from->date();
        query.to = m_to->date();
        break;
    }
    query.distinct = {{QStringLiteral("action")}, {QStringLiteral("actor_type"), QStringLiteral("actor_id")}};
    return query;
}

void ActivityPane::apply(const CollectionRows& rows)
{
    if (rows.collectionId != auditCollection().id)
        return;
    m_pending = std::max(0, m_pending - 1);
    // Answers arrive in request order: only the latest one is shown.
    if (rows.organizationId != m_organization.id || m_pending > 0)
        return;
    m_model->setRows(rows.rows);
    QList<std::pair<QString, QString>> actions;
    for (const QVariantList& value : rows.distinct.value(0))
        actions.append({value.value(0).toString(), value.value(0).toString()});
    QList<std::pair<QString, QString>> actors;
    for (const QVariantList& value : rows.distinct.value(1)) {
        const std::optional<qint64> id =
            value.value(1).isNull() ? std::nullopt : std::optional<qint64>(value.value(1).toLongLong());
        actors.append({actorKey(value.value(0), value.value(1)),
                       ActivityTableModel::actorLabel(value.value(0).toString(), id, m_memberNames)});
    }
    {
        QSignalBlocker blockAction(m_action);
        QSignalBlocker blockActor(m_actor);
        fillCombo(m_action, actions);
        fillCombo(m_actor, actors);
    }
    updateCountLabel();
    Q_EMIT updated();
}

void ActivityPane::fillCombo(QComboBox* combo, const QList<std::pair<QString, QString>>& items)
{
    const QString current = combo->currentIndex() > 0 ? combo->currentData().toString() : QString();
    combo->clear();
    combo->addItem(combo == m_action ? tr("All actions") : tr("All actors"));
    for (const auto& [key, label] : items)
        combo->addItem(label, key);
    if (!current.isEmpty()) {
        const int row = combo->findData(current);
        if (row < 0)
            combo->addItem(current, current); // still selected, though no longer in the list
        combo->setCurrentIndex(row < 0 ? combo->count() - 1 : row);
    }
}

void ActivityPane::setActionFilter(const QString& action)
{
    if (action.isEmpty()) {
        m_action->setCurrentIndex(0);
        return;
    }
    if (m_action->findData(action) < 0)
        m_action->addItem(action, action);
    m_action->setCurrentIndex(m_action->findData(action));
}

void ActivityPane::setActorFilter(const QString& actor)
{
    if (actor.isEmpty()) {
        m_actor->setCurrentIndex(0);
        return;
    }
    if (m_actor->findData(actor) < 0)
        m_actor->addItem(actor, actor);
    m_actor->setCurrentIndex(m_actor->findData(actor));
}

void ActivityPane::setDateRange(DateRange range, QDate from, QDate to)
{
    {
        QSignalBlocker blockFrom(m_from);
        QSignalBlocker blockTo(m_to);
        if (from.isValid())
            m_from->setDate(from);
        if (to.isValid())
            m_to->setDate(to);
    }
    if (m_range->currentIndex() == static_cast<int>(range))
        refresh();
    else
        m_range->setCurrentIndex(static_cast<int>(range));
}

void ActivityPane::clearFilters()
{
    {
        QSignalBlocker blocks[] = {QSignalBlocker(m_action), QSignalBlocker(m_actor),
                                   QSignalBlocker(m_range)};
        m_action->setCurrentIndex(0);
        m_actor->setCurrentIndex(0);
        m_range->setCurrentIndex(0);
        m_from->setEnabled(false);
        m_to->setEnabled(false);
    }
    refresh();
}

QStringList ActivityPane::actions() const
{
    QStringList result;
    for (int i = 1; i < m_action->count(); ++i)
        result.append(m_action->itemData(i).toString());
    return result;
}

QStringList ActivityPane::actors() const
{
    QStringList result;
    for (int i = 1; i < m_actor->count(); ++i)
        result.append(m_actor->itemData(i).toString());
    return result;
}

void ActivityPane::updateCountLabel()
{
    m_count->setText(tr("%Ln entry(s)", nullptr, static_cast<int>(m_model->rowCount())));
}

void ActivityPane::exportData()
{
    if (m_exporter->isRunning() || !m_chooseSaveFile)
        return;
    const QString suggested =
        QStringLiteral("activity-%1.csv").arg(m_clock->now().toString(QStringLiteral("yyyyMMdd-HHmm")));
    m_chooseSaveFile(this, suggested, [this](const QString& fileName) {
        if (!fileName.isEmpty())
            exportTo(fileName);
    });
}

void ActivityPane::exportTo(const QString& fileName)
{
    if (m_exporter->isRunning() || m_reader->databasePath().isEmpty() || m_organization.id == 0)
        return;
    m_exportFile = fileName;
    m_export->setEnabled(false);
    CollectionQuery query = currentQuery();
    m_exporter->startCollection(m_reader->databasePath(), auditCollection(), query, fileName);
}

} // namespace creditdesk
