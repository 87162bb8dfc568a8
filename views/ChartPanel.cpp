#include "views/ChartPanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHash>
#include <QLocale>
#include <QVBoxLayout>
#include <QValueAxis>

namespace creditdesk {

ChartPanel::ChartPanel(QWidget* parent) : QWidget(parent), m_view(new QChartView(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(160);
    m_view->setAccessibleName(tr("Credits used per day"));
    setDailyUsage({}, QDate(), QDate());
}

void ChartPanel::setDailyUsage(const QList<DailyUsage>& days, QDate first, QDate last)
{
    QHash<qint64, qint64> used;
    for (const DailyUsage& day : days)
        used.insert(day.day.toJulianDay(), day.used);
    auto* set = new QBarSet(tr("Credits used"));
    set->setColor(palette().color(QPalette::Highlight));
    QStringList categories;
    qint64 maximum = 0;
    const QLocale locale;
    if (first.isValid() && last.isValid()) {
        for (QDate day = first; day <= last; day = day.addDays(1)) {
            const qint64 value = std::max<qint64>(0, used.value(day.toJulianDay()));
            maximum = std::max(maximum, value);
            *set << static_cast<qreal>(value);
            // Day of the month only: 30 rotated dates do not fit under the bars.
            categories << locale.toString(day, QStringLiteral("d"));
        }
    }
    auto* series = new QBarSeries;
    series->append(set);
    auto* chart = new QChart;
    chart->addSeries(series);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->setTitle(tr("Credits used per day"));
    chart->setBackgroundBrush(palette().brush(QPalette::Base));
    chart->setTitleBrush(palette().brush(QPalette::Text));
    auto* axisX = new QBarCategoryAxis;
    axisX->append(categories);
    axisX->setLabelsBrush(palette().brush(QPalette::Text));
    auto* axisY = new QValueAxis;
    axisY->setRange(0, static_cast<qreal>(std::max<qint64>(maximum, 1)) * 1.1);
    axisY->setLabelFormat(QStringLiteral("%.0f"));
    axisY->setLabelsBrush(palette().brush(QPalette::Text));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    QChart* old = m_view->chart();
    m_view->setChart(chart);
    delete old;
}

} // namespace creditdesk
