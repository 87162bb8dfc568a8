#pragma once

#include "domain/UsageReport.h"

#include <QGroupBox>

#include <optional>

class QLabel;

namespace creditdesk {

// The server's forecast (GET /metering/forecast) in words, for the Usage pane and the dashboard: when the
// credits run out at the current rate (credits that expire first do not push it out), which credits expire
// unused and when, this period's projection against the allowance, and for a member their own limit apart
// from the organization's pool.
class ForecastPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit ForecastPanel(QWidget* parent = nullptr);

    // Nothing: "not available" (offline without a snapshot, or a server without forecasts).
    void setForecast(const std::optional<UsageForecastReport>& forecast);
    const std::optional<UsageForecastReport>& forecast() const { return m_forecast; }

    // What is shown, for tests.
    QString runOutText() const;
    QString expiringText() const;
    QString projectionText() const;
    QString limitText() const;

private:
    std::optional<UsageForecastReport> m_forecast;
    QLabel* m_runOut;
    QLabel* m_burn;
    QLabel* m_projection;
    QLabel* m_limit;
    QLabel* m_expiring;
};

} // namespace creditdesk
