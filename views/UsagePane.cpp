#include "views/UsagePane.h"

#include "api/UsageClient.h"
#include "api/UsageParsers.h"
#include "cache/SnapshotCache.h"
#include "domain/Clock.h"
#include "domain/Credits.h"
#include "export/CsvExporter.h"
#include "models/OrgText.h"
#include "views/ChartPanel.h"
#include "views/DateRangeSelector.h"
#include "views/ForecastPanel.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace creditdesk {

namespace {

constexpr int kAnyTimeDays = 365;

QString unitName(UsageMetric metric)
{
    switch (metric) {
    case UsageMetric::Credits:
        return UsagePane::tr("Credits");
    case UsageMetric::Tokens:
        return UsagePane::tr("Tokens");
    case UsageMetric::Requests:
        return UsagePane::tr("Requests");
    }
    return {};
}

// The dates of a report's envelope ("start_date", "end_date"), for a snapshot of an earlier range.
std::pair<QDate, QDate> reportDays(const QJsonObject& document)
{
    return {QDate::fromString(document.value(QStringLiteral("start_date")).toString(), Qt::ISODate),
            QDate::fromString(document.value(QStringLiteral("end_date")).toString(), Qt::ISODate)};
}

} // namespace

UsagePane::UsagePane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_table(new UsageTableModel(this)), m_exporter(new CsvExporter(this))
{
    setObjectName(QStringLiteral("usagePane"));
    setAccessibleName(tr("Usage"));
    QWidget* content = scrollingContent();
    auto* layout = new QVBoxLayout(content);

    auto* controls = new QHBoxLayout;
    m_range = new DateRangeSelector(m_context.clock, content);
    m_range->setRange(DateRangeSelector::Range::Last30Days);
    controls->addWidget(m_range);
    m_metricBox = new QComboBox(content);
    m_metricBox->setAccessibleName(tr("Figure shown"));
    m_metricBox->addItem(tr("Credits"), static_cast<int>(UsageMetric::Credits));
    m_metricBox->addItem(tr("Tokens"), static_cast<int>(UsageMetric::Tokens));
    m_metricBox->addItem(tr("Requests"), static_cast<int>(UsageMetric::Requests));
    controls->addWidget(new QLabel(tr("Show:"), content));
    controls->addWidget(m_metricBox);
    controls->addStretch(1);
    m_exportChart = new QPushButton(tr("Save &chart as image…"), content);
    m_exportChart->setObjectName(QStringLiteral("exportUsageChart"));
    m_exportTable = new QPushButton(tr("E&xport table…"), content);
    m_exportTable->setObjectName(QStringLiteral("exportUsageTable"));
    controls->addWidget(m_exportChart);
    controls->addWidget(m_exportTable);
    layout->addLayout(controls);

    m_errorLabel = new QLabel(content);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setAccessibleName(tr("Usage status"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    // The days need the whole width; the share sits beside the table it sums.
    m_daily = new ChartPanel(content);
    m_daily->setMinimumHeight(300);
    layout->addWidget(m_daily);
    m_share = new ChartPanel(content);
    m_share->setMinimumHeight(300);

    m_groupingTabs = new QTabBar(content);
    m_groupingTabs->setAccessibleName(tr("Usage grouping"));
    m_groupingTabs->addTab(tr("By model"));
    m_groupingTabs->addTab(tr("By member"));
    m_groupingTabs->addTab(tr("By department"));
    layout->addWidget(m_groupingTabs);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_table);
    proxy->setSortRole(UsageTableModel::RawRole);
    m_tableView = new QTableView(content);
    m_tableView->setModel(proxy);
    m_tableView->setAccessibleName(tr("Usage table"));
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(static_cast<int>(UsageTableModel::Column::Credits), Qt::DescendingOrder);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->verticalHeader()->hide();
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->setMinimumHeight(180);
    auto* tableRow = new QHBoxLayout;
    tableRow->addWidget(m_tableView, 3);
    tableRow->addWidget(m_share, 2);
    layout->addLayout(tableRow);

    auto* lower = new QHBoxLayout;
    m_forecast = new ForecastPanel(content);
    lower->addWidget(m_forecast, 1);
    auto* advice = new QGroupBox(tr("Recommendations"), content);
    auto* adviceLayout = new QVBoxLayout(advice);
    m_recommendations = new QListWidget(advice);
    m_recommendations->setAccessibleName(tr("Recommendations"));
    m_recommendations->setWordWrap(true);
    m_recommendations->setMinimumHeight(100);
    adviceLayout->addWidget(m_recommendations);
    lower->addWidget(advice, 1);
    layout->addLayout(lower);
    layout->addStretch(1);

    connect(m_range, &DateRangeSelector::changed, this, [this] { m_reload.start(); });
    connect(m_metricBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setMetric(static_cast<UsageMetric>(m_metricBox->itemData(index).toInt())); });
    connect(m_groupingTabs, &QTabBar::currentChanged, this,
            [this](int index) { setGrouping(static_cast<UsageTableModel::Grouping>(index)); });
    connect(m_exportChart, &QPushButton::clicked, this, &UsagePane::exportChart);
    connect(m_exportTable, &QPushButton::clicked, this, &UsagePane::exportData);
    connect(m_exporter, &CsvExporter::finished, this, [this](bool ok, qint64 rows, const QString& error) {
        m_exportTable->setEnabled(true);
        Q_EMIT statusMessage(
            ok ? tr("Exported %n row(s) to %1", nullptr, static_cast<int>(rows)).arg(m_exportFile)
               : tr("Export failed: %1").arg(error));
        Q_EMIT exportFinished(ok, rows, m_exportFile);
    });
    m_reload.setSingleShot(true);
    m_reload.setInterval(150);
    connect(&m_reload, &QTimer::timeout, this, &UsagePane::load);
    showAll();
}

bool UsagePane::visibleFor(const Organization& organization)
{
    return organization.canReadTransactions();
}

bool UsagePane::ownUsageOnly() const
{
    return !m_organization.can(QStringLiteral("credits:read")) &&
           !m_organization.can(QStringLiteral("credits:read_department"));
}

QDate UsagePane::to() const
{
    return m_range->to().isValid() ? m_range->to() : now().date();
}

QDate UsagePane::from() const
{
    return m_range->from().isValid() ? m_range->from() : to().addDays(1 - kAnyTimeDays);
}

QDateTime UsagePane::now() const
{
    return m_context.clock ? m_context.clock->now() : QDateTime::currentDateTimeUtc();
}

QString UsagePane::seriesLabel(const QString& label)
{
    return label == QLatin1String("other") ? tr("Other") : label;
}

void UsagePane::setOrganization(const Organization& organization)
{
    // Another user or role (the demo's role switch) sees other figures: as good as another organization.
    const bool changed = organization.id != m_organization.id ||
                         organization.userId != m_organization.userId ||
                         organization.permissions != m_organization.permissions;
    m_organization = organization;
    // Members see only themselves: no department view.
    m_groupingTabs->setTabVisible(static_cast<int>(UsageTableModel::Grouping::Department), !ownUsageOnly());
    if (ownUsageOnly() && m_grouping == UsageTableModel::Grouping::Department)
        m_groupingTabs->setCurrentIndex(static_cast<int>(UsageTableModel::Grouping::Model));
    if (changed) {
        m_days.clear();
        m_byModel.clear();
        m_byMember.clear();
        m_byDepartment.clear();
        m_forecastReport.reset();
        m_recommendationList.clear();
        m_shownFrom = QDate();
        m_shownTo = QDate();
        m_stale = false;
        m_error.clear();
        loadSnapshots();
        showAll();
        load();
    }
}

void UsagePane::refresh()
{
    m_reload.start();
}

void UsagePane::setGrouping(UsageTableModel::Grouping grouping)
{
    m_grouping = grouping;
    if (m_groupingTabs->currentIndex() != static_cast<int>(grouping))
        m_groupingTabs->setCurrentIndex(static_cast<int>(grouping));
    showTable();
    showCharts();
}

void UsagePane::setMetric(UsageMetric metric)
{
    m_metric = metric;
    const int index = m_metricBox->findData(static_cast<int>(metric));
    if (m_metricBox->currentIndex() != index)
        m_metricBox->setCurrentIndex(index);
    showCharts();
}

void UsagePane::load()
{
    m_reload.stop();
    UsageClient* client = m_context.usage;
    if (!client || m_organization.id == 0)
        return;
    const int generation = ++m_generation;
    m_error.clear();
    m_stale = false;
    const UsageClient::Range range{m_organization.id, from(), to()};
    const std::optional<qint64> member =
        ownUsageOnly() ? std::optional<qint64>(m_organization.userId) : std::nullopt;
    const bool departments = !ownUsageOnly();
    m_pending = departments ? 6 : 5;
    // Each answer is kept when it is the latest load's; the last one shows everything at once.
    auto arrived = [this, generation](const ApiError& error, bool required) {
        if (generation != m_generation)
            return false;
        if (error.isError()) {
            if (error.isOffline())
                m_stale = true;
            else if (required && m_error.isEmpty())
                m_error = error.userMessage();
        }
        return !error.isError();
    };
    auto done = [this, generation] {
        if (generation != m_generation || --m_pending > 0)
            return;
        m_shownFrom = from();
        m_shownTo = to();
        if (m_stale)
            loadSnapshots();
        showAll();
        Q_EMIT updated();
    };
    client->byDayAndModel(range, kTopModels, this,
                          [this, arrived, done](const QList<DayModelUsage>& days, const ApiError& error) {
                              if (arrived(error, true))
                                  m_days = days;
                              done();
                          });
    client->byModel(range, this, [this, arrived, done](const QList<UsageRow>& rows, const ApiError& error) {
        if (arrived(error, true))
            m_byModel = rows;
        done();
    });
    client->byMember(range, this, [this, arrived, done](const QList<UsageRow>& rows, const ApiError& error) {
        if (arrived(error, true))
            m_byMember = rows;
        done();
    });
    if (departments) {
        client->byDepartment(range, this,
                             [this, arrived, done](const QList<UsageRow>& rows, const ApiError& error) {
                                 if (arrived(error, true))
                                     m_byDepartment = rows;
                                 done();
                             });
    }
    // An older server has no forecast or recommendations: their parts say so, the rest is shown.
    client->forecast(m_organization.id, member, this,
                     [this, arrived, done](const UsageForecastReport& forecast, const ApiError& error) {
                         if (arrived(error, false))
                             m_forecastReport = forecast;
                         else if (!error.isOffline())
                             m_forecastReport.reset();
                         done();
                     });
    client->recommendations(
        m_organization.id, member, this,
        [this, arrived, done](const QList<UsageRecommendation>& list, const ApiError& error) {
            if (arrived(error, false))
                m_recommendationList = list;
            done();
        });
}

void UsagePane::loadSnapshots()
{
    m_snapshotAt = QDateTime();
    SnapshotCache* cache = m_context.snapshots;
    if (!cache || m_organization.id == 0)
        return;
    // The oldest snapshot's time is the one the pane names.
    auto read = [this, cache](const char* resource, const auto& parse) {
        cache->readInto(m_organization.id, QString::fromLatin1(resource), parse, m_snapshotAt);
    };
    read(UsageClient::kByDayAndModelSnapshot, [this](const QJsonObject& document) {
        if (!json::parseDataList(document, &m_days, json::parseDayModelUsage))
            return false;
        std::tie(m_shownFrom, m_shownTo) = reportDays(document);
        return true;
    });
    read(UsageClient::kByModelSnapshot, [this](const QJsonObject& document) {
        return json::parseDataList(document, &m_byModel, json::parseModelUsageRow);
    });
    read(UsageClient::kByMemberSnapshot, [this](const QJsonObject& document) {
        return json::parseDataList(document, &m_byMember, json::parseMemberUsageRow);
    });
    if (!ownUsageOnly()) {
        read(UsageClient::kByDepartmentSnapshot, [this](const QJsonObject& document) {
            return json::parseDataList(document, &m_byDepartment, json::parseDepartmentUsageRow);
        });
    }
    read(UsageClient::kForecastSnapshot, [this](const QJsonObject& document) {
        UsageForecastReport forecast;
        if (!json::parseUsageForecast(document, &forecast))
            return false;
        m_forecastReport = forecast;
        return true;
    });
    read(UsageClient::kRecommendationsSnapshot, [this](const QJsonObject& document) {
        return json::parseDataList(document, &m_recommendationList, json::parseUsageRecommendation);
    });
}

QString UsagePane::errorText() const
{
    if (m_stale)
        return m_snapshotAt.isValid() ? tr("The server cannot be reached. Showing what it said at %1.")
                                            .arg(orgtext::dateTime(m_snapshotAt))
                                      : tr("The server cannot be reached. Usage appears when it is back.");
    return m_error;
}

void UsagePane::showAll()
{
    const QString error = errorText();
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(!error.isEmpty());
    showTable();
    showCharts();
    m_forecast->setForecast(m_forecastReport);
    showRecommendations();
}

void UsagePane::showTable()
{
    switch (m_grouping) {
    case UsageTableModel::Grouping::Model:
        m_table->setRows(m_grouping, m_byModel);
        break;
    case UsageTableModel::Grouping::Member:
        m_table->setRows(m_grouping, m_byMember);
        break;
    case UsageTableModel::Grouping::Department:
        m_table->setRows(m_grouping, m_byDepartment);
        break;
    }
    m_exportTable->setEnabled(m_table->rowCount() > 0);
}

void UsagePane::showCharts()
{
    const QString unit = unitName(m_metric);
    // Per day, stacked by model: the server's top models and "other".
    const QStringList labels = labelsByCredits(m_days);
    QStringList names;
    QList<QList<qint64>> values;
    const QDate first = m_shownFrom.isValid() ? m_shownFrom : from();
    const QDate last = m_shownTo.isValid() ? m_shownTo : to();
    const qint64 dayCount =
        first.isValid() && last.isValid() ? std::max<qint64>(0, first.daysTo(last) + 1) : 0;
    for (const QString& label : labels) {
        names.append(seriesLabel(label));
        QList<qint64> row(dayCount, 0);
        for (const DayModelUsage& day : std::as_const(m_days)) {
            const qint64 index = first.daysTo(day.day);
            if (day.label == label && index >= 0 && index < dayCount)
                row[index] += day.figure(m_metric);
        }
        values.append(row);
    }
    m_daily->setStacked(tr("%1 per day by model").arg(unit), unit, first, last, names, values);

    // The share of the table's rows, the largest kTopModels and the rest together.
    QList<UsageRow> rows = m_table->rows();
    std::sort(rows.begin(), rows.end(), [this](const UsageRow& a, const UsageRow& b) {
        return a.figure(m_metric) > b.figure(m_metric);
    });
    QStringList shareLabels;
    QList<qint64> shareValues;
    qint64 rest = 0;
    for (int i = 0; i < rows.size(); ++i) {
        if (i < kTopModels) {
            shareLabels.append(m_table->nameOf(rows.at(i)));
            shareValues.append(rows.at(i).figure(m_metric));
        } else {
            rest += rows.at(i).figure(m_metric);
        }
    }
    if (rest > 0) {
        shareLabels.append(tr("Other"));
        shareValues.append(rest);
    }
    const QString shareTitle = m_grouping == UsageTableModel::Grouping::Model    ? tr("%1 by model")
                               : m_grouping == UsageTableModel::Grouping::Member ? tr("%1 by member")
                                                                                 : tr("%1 by department");
    m_share->setShares(shareTitle.arg(unit), shareLabels, shareValues);
    m_exportChart->setEnabled(!m_days.isEmpty());
}

void UsagePane::showRecommendations()
{
    m_recommendations->clear();
    const QLocale locale;
    for (const UsageRecommendation& recommendation : std::as_const(m_recommendationList)) {
        auto* item = new QListWidgetItem(
            recommendation.savingCreditsPerMonth > 0
                ? tr("%1 (saves about %2 credits a month)")
                      .arg(recommendation.title, Credits(recommendation.savingCreditsPerMonth).format(locale))
                : recommendation.title,
            m_recommendations);
        item->setToolTip(recommendation.basis);
        item->setData(Qt::UserRole, recommendation.kind);
    }
    if (m_recommendationList.isEmpty()) {
        auto* item = new QListWidgetItem(tr("Nothing to recommend for this usage."), m_recommendations);
        item->setFlags(Qt::NoItemFlags);
    }
}

void UsagePane::exportData()
{
    if (m_exporter->isRunning() || !m_context.chooseSaveFile || m_table->rowCount() == 0)
        return;
    const QString grouping = m_grouping == UsageTableModel::Grouping::Model    ? QStringLiteral("model")
                             : m_grouping == UsageTableModel::Grouping::Member ? QStringLiteral("member")
                                                                               : QStringLiteral("department");
    const QString suggested = QStringLiteral("usage-by-%1-%2-%3.csv")
                                  .arg(grouping, from().toString(Qt::ISODate), to().toString(Qt::ISODate));
    m_context.chooseSaveFile(this, suggested, [this](const QString& fileName) {
        if (!fileName.isEmpty())
            exportTableTo(fileName);
    });
}

void UsagePane::exportTableTo(const QString& fileName)
{
    if (m_exporter->isRunning())
        return;
    m_exportFile = fileName;
    m_exportTable->setEnabled(false);
    m_exporter->startRows(m_table->csvHeader(), m_table->csvRows(), fileName);
}

void UsagePane::exportChart()
{
    if (!m_context.chooseSaveFile)
        return;
    const QString suggested =
        QStringLiteral("usage-%1-%2.png").arg(from().toString(Qt::ISODate), to().toString(Qt::ISODate));
    m_context.chooseSaveFile(this, suggested, [this](const QString& fileName) {
        if (!fileName.isEmpty())
            exportChartTo(fileName);
    });
}

bool UsagePane::exportChartTo(const QString& fileName)
{
    const bool ok = m_daily->saveImage(fileName);
    Q_EMIT statusMessage(ok ? tr("Saved the chart to %1").arg(fileName)
                            : tr("The chart could not be saved to %1").arg(fileName));
    return ok;
}

} // namespace creditdesk
