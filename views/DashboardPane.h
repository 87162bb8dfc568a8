#pragma once

#include "cache/CacheReader.h"
#include "domain/UsageForecast.h"
#include "domain/UsageReport.h"
#include "views/Pane.h"

#include <QTimer>

class QGridLayout;
class QLabel;
class QProgressBar;
class QTableView;

namespace creditdesk {

class ActiveAlertsBanner;
class ChartPanel;
class ForecastPanel;
class GrantsModel;
class TransactionListModel;

// The credit overview (seed 004's CreditDashboard, seed 001's balance monitoring): balance in credits and
// dollars, reserved and available, grants with their expiry, this period's usage against the allowance
// with the 80% / 95% thresholds, burn rate and run-out date, the server's forecast (run-out with expiring
// credits; for a member their own usage against their own limit, the pool apart), recent transactions.
// Reads the cache on the worker thread after every sync, and the forecast from the server (the last one
// kept offline).
class DashboardPane : public Pane
{
    Q_OBJECT

public:
    DashboardPane(const PaneContext& context, QWidget* parent = nullptr);

    void setOrganization(const Organization& organization) override;
    void refresh() override;

    // What is shown, for tests.
    const DashboardSnapshot& snapshot() const { return m_snapshot; }
    const UsageSummary& usage() const { return m_usage; }
    ForecastPanel* forecastPanel() const { return m_forecastPanel; }
    const std::optional<UsageForecastReport>& forecast() const { return m_forecast; }
    // Members (and managers) see their own usage: against their own limit, not the organization's pool.
    bool showsOwnUsage() const;
    QString usageText() const;
    QString runOutText() const;
    QString burnText() const;

Q_SIGNALS:
    void updated();
    // The server's forecast answered (or failed); the pane shows it.
    void forecastUpdated();

private:
    void show(const DashboardSnapshot& snapshot);
    void loadForecast();
    void showUsage();
    void showOwnUsage(const QLocale& locale, QDate today, qint64 poolAvailable);
    QLabel* addFigure(QGridLayout* grid, int column, const QString& title, QLabel** detail);

    PaneContext m_context;
    Organization m_organization;
    DashboardSnapshot m_snapshot;
    UsageSummary m_usage;
    QTimer m_debounce;
    std::optional<UsageForecastReport> m_forecast;
    int m_forecastGeneration = 0;
    QLabel* m_balance = nullptr;
    QLabel* m_balanceValue = nullptr;
    QLabel* m_reserved = nullptr;
    QLabel* m_reservedValue = nullptr;
    QLabel* m_available = nullptr;
    QLabel* m_availableValue = nullptr;
    QProgressBar* m_usageBar = nullptr;
    QLabel* m_usageText = nullptr;
    QLabel* m_usageLevel = nullptr;
    QLabel* m_burn = nullptr;
    QLabel* m_runOut = nullptr;
    QLabel* m_metered = nullptr;
    QLabel* m_empty = nullptr;
    GrantsModel* m_grants = nullptr;
    TransactionListModel* m_recent = nullptr;
    QTableView* m_grantsView = nullptr;
    QTableView* m_recentView = nullptr;
    ChartPanel* m_chart = nullptr;
    ForecastPanel* m_forecastPanel = nullptr;
    ActiveAlertsBanner* m_alerts = nullptr;
};

} // namespace creditdesk
