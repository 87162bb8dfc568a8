#pragma once

#include "domain/UsageForecast.h"

#include <QList>
#include <QWidget>

class QChart;
class QChartView;

namespace creditdesk {

// The only widget that touches Qt Charts (deprecated from Qt 6.10): moving off it later stays local.
// Shows one chart: credits used per day (the dashboard), a figure per day stacked by series (the Usage
// pane's models), or each series' share of a total. Chart values are plotted as qreal, for drawing only;
// every figure shown as text comes from the integer data.
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChartPanel(QWidget* parent = nullptr);

    void setDailyUsage(const QList<DailyUsage>& days, QDate first, QDate last);
    // One bar per day from `first` to `last`, stacked by series (values[series][day index]; missing days
    // count 0), the value axis titled `unit`.
    void setStacked(const QString& title, const QString& unit, QDate first, QDate last,
                    const QStringList& series, const QList<QList<qint64>>& values);
    // Each label's share of the total as a pie, with the percentage in its label.
    void setShares(const QString& title, const QStringList& labels, const QList<qint64>& values);

    // What the chart draws, read back from it (for tests): each series' name and values, in order.
    QStringList seriesNames() const;
    QList<qint64> seriesValues(const QString& name) const;
    // The chart as an image file (PNG by the name's suffix).
    bool saveImage(const QString& fileName) const;

private:
    QChart* newChart(const QString& title) const;
    void replaceChart(QChart* chart);

    QChartView* m_view;
};

} // namespace creditdesk
