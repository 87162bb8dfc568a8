#pragma once

#include "domain/UsageForecast.h"

#include <QList>
#include <QWidget>

class QChart;
class QChartView;

namespace creditdesk {

// The only widget that touches Qt Charts (deprecated from Qt 6.10): moving off it later stays local.
// Shows credits used per day. Chart values are plotted as qreal, for drawing only; every figure shown
// as text comes from the integer data.
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChartPanel(QWidget* parent = nullptr);

    void setDailyUsage(const QList<DailyUsage>& days, QDate first, QDate last);

private:
    QChartView* m_view;
};

} // namespace creditdesk
