#pragma once

#include "domain/UsageReport.h"
#include "models/UsageTableModel.h"
#include "views/Pane.h"

#include <QDateTime>
#include <QTimer>

#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTabBar;
class QTableView;

namespace creditdesk {

class ChartPanel;
class CsvExporter;
class DateRangeSelector;
class ForecastPanel;

// Usage by model, member and department (seed 004's UsageMetrics and ModelUsageChart) over a date range,
// as the server's usage reports count it and scoped by the server to what the role may see (members their
// own, managers their department): credits, tokens or requests per day stacked by model, the share of each
// model (member, department), the table, the forecast and the recommendations. Live answers through
// UsageClient; the last ones stay in the cache as snapshots for when the server cannot be reached.
class UsagePane : public Pane
{
    Q_OBJECT

public:
    static constexpr int kTopModels = 6;

    UsagePane(const PaneContext& context, QWidget* parent = nullptr);

    // Every role that reads credits: the server scopes the answers.
    static bool visibleFor(const Organization& organization);

    void setOrganization(const Organization& organization) override;
    void refresh() override;
    bool canExport() const override { return m_table->rowCount() > 0; }
    // The table as CSV.
    void exportData() override;
    void exportTableTo(const QString& fileName);
    // The per-day chart as PNG.
    void exportChart();
    bool exportChartTo(const QString& fileName);

    void setGrouping(UsageTableModel::Grouping grouping);
    void setMetric(UsageMetric metric);
    DateRangeSelector* dateRange() const { return m_range; }
    // The days the reports cover (the selector's range; "any time": the last 365 days).
    QDate from() const;
    QDate to() const;

    // What is shown, for tests.
    UsageTableModel* table() const { return m_table; }
    ChartPanel* dailyChart() const { return m_daily; }
    ChartPanel* shareChart() const { return m_share; }
    ForecastPanel* forecastPanel() const { return m_forecast; }
    QListWidget* recommendationsList() const { return m_recommendations; }
    const QList<DayModelUsage>& days() const { return m_days; }
    QString errorText() const;
    bool isLoading() const { return m_pending > 0; }
    // The label a chart shows for a server's label ("other" in the user's language).
    static QString seriesLabel(const QString& label);

Q_SIGNALS:
    // Every answer of a load is in (or the snapshots are shown).
    void updated();
    void exportFinished(bool ok, qint64 rows, const QString& fileName);

private:
    void load();
    void loadSnapshots();
    void showAll();
    void showCharts();
    void showRecommendations();
    void showTable();
    QDateTime now() const;
    bool ownUsageOnly() const;

    PaneContext m_context;
    Organization m_organization;
    QTimer m_reload;
    int m_pending = 0;
    int m_generation = 0;
    bool m_stale = false;
    QString m_error;
    QDateTime m_snapshotAt;
    UsageTableModel::Grouping m_grouping = UsageTableModel::Grouping::Model;
    UsageMetric m_metric = UsageMetric::Credits;
    QList<DayModelUsage> m_days;
    QDate m_shownFrom; // the days of the report shown (a snapshot's may differ from the selector's)
    QDate m_shownTo;
    QList<UsageRow> m_byModel;
    QList<UsageRow> m_byMember;
    QList<UsageRow> m_byDepartment;
    std::optional<UsageForecastReport> m_forecastReport;
    QList<UsageRecommendation> m_recommendationList;

    DateRangeSelector* m_range = nullptr;
    QComboBox* m_metricBox = nullptr;
    QTabBar* m_groupingTabs = nullptr;
    QPushButton* m_exportChart = nullptr;
    QPushButton* m_exportTable = nullptr;
    QLabel* m_errorLabel = nullptr;
    ChartPanel* m_daily = nullptr;
    ChartPanel* m_share = nullptr;
    UsageTableModel* m_table = nullptr;
    QTableView* m_tableView = nullptr;
    ForecastPanel* m_forecast = nullptr;
    QListWidget* m_recommendations = nullptr;
    CsvExporter* m_exporter = nullptr;
    QString m_exportFile;
};

} // namespace creditdesk
