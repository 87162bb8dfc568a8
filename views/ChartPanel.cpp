#include "views/ChartPanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHash>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QPixmap>
#include <QRegularExpression>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace creditdesk {

namespace {

// The locale's short date without the year ("M/d", "dd.MM.", "dd/MM"): locale-aware and short enough for
// a month of bars.
QString dayFormat(const QLocale& locale)
{
    QString format = locale.dateFormat(QLocale::ShortFormat);
    static const QRegularExpression year(QStringLiteral("[^dM]*y+[^dM]*"));
    format.remove(year);
    return format.isEmpty() ? QStringLiteral("d") : format;
}

// A palette that reads on light and dark backgrounds.
QColor seriesColor(int index)
{
    static const QList<QColor> colors{QColor(0x3d, 0x8e, 0xd8), QColor(0xe0, 0x8a, 0x2c),
                                      QColor(0x4c, 0xaf, 0x50), QColor(0xc0, 0x50, 0x8c),
                                      QColor(0x8e, 0x6c, 0xd8), QColor(0x2c, 0xb5, 0xb0),
                                      QColor(0xd8, 0xc0, 0x3d), QColor(0xa0, 0x5a, 0x3c)};
    return colors.at(index % colors.size());
}

} // namespace

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
    QChart* chart = newChart(tr("Credits used per day"));
    chart->addSeries(series);
    chart->legend()->hide();
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
    replaceChart(chart);
}

void ChartPanel::setStacked(const QString& title, const QString& unit, QDate first, QDate last,
                            const QStringList& series, const QList<QList<qint64>>& values)
{
    const QLocale locale;
    // Up to a month: the day of the month under each bar (as on the dashboard) and the range in the
    // locale's dates as the axis title. Longer: the locale's short date without the year, rotated.
    const qint64 dayCount = first.isValid() && last.isValid() ? first.daysTo(last) + 1 : 0;
    const bool monthOrLess = dayCount <= 31;
    QStringList categories;
    const QString format = monthOrLess ? QStringLiteral("d") : dayFormat(locale);
    for (qint64 i = 0; i < dayCount; ++i)
        categories << locale.toString(first.addDays(i), format);
    auto* stacked = new QStackedBarSeries;
    QList<qint64> dayTotals(categories.size(), 0);
    for (int i = 0; i < series.size(); ++i) {
        auto* set = new QBarSet(series.at(i));
        set->setColor(seriesColor(i));
        const QList<qint64> row = values.value(i);
        for (int day = 0; day < categories.size(); ++day) {
            const qint64 value = std::max<qint64>(0, row.value(day));
            dayTotals[day] += value;
            *set << static_cast<qreal>(value);
        }
        stacked->append(set);
    }
    qint64 maximum = 0;
    for (qint64 total : std::as_const(dayTotals))
        maximum = std::max(maximum, total);
    QChart* chart = newChart(title);
    chart->addSeries(stacked);
    chart->legend()->setVisible(!series.isEmpty());
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setLabelBrush(palette().brush(QPalette::Text));
    auto* axisX = new QBarCategoryAxis;
    axisX->append(categories);
    axisX->setLabelsBrush(palette().brush(QPalette::Text));
    axisX->setLabelsAngle(monthOrLess ? 0 : -90);
    if (dayCount > 0) {
        axisX->setTitleText(tr("%1 – %2").arg(locale.toString(first, QLocale::ShortFormat),
                                              locale.toString(last, QLocale::ShortFormat)));
        axisX->setTitleBrush(palette().brush(QPalette::Text));
    }
    auto* axisY = new QValueAxis;
    axisY->setRange(0, static_cast<qreal>(std::max<qint64>(maximum, 1)) * 1.1);
    axisY->setLabelFormat(QStringLiteral("%.0f"));
    axisY->setLabelsBrush(palette().brush(QPalette::Text));
    axisY->setTitleText(unit);
    axisY->setTitleBrush(palette().brush(QPalette::Text));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    stacked->attachAxis(axisX);
    stacked->attachAxis(axisY);
    replaceChart(chart);
}

void ChartPanel::setShares(const QString& title, const QStringList& labels, const QList<qint64>& values)
{
    const QLocale locale;
    qint64 total = 0;
    for (qint64 value : values)
        total += std::max<qint64>(0, value);
    auto* pie = new QPieSeries;
    for (int i = 0; i < labels.size(); ++i) {
        const qint64 value = std::max<qint64>(0, values.value(i));
        if (value == 0)
            continue;
        // Tenths of a percent in integers; only the drawing is in qreal.
        const qint64 permille = total > 0 ? (value * 1000 + total / 2) / total : 0;
        QPieSlice* slice =
            pie->append(tr("%1 (%2%)")
                            .arg(labels.at(i), locale.toString(permille / 10) + locale.decimalPoint() +
                                                   QString::number(permille % 10)),
                        static_cast<qreal>(value));
        slice->setColor(seriesColor(i));
        slice->setLabelBrush(palette().brush(QPalette::Text));
        slice->setProperty("creditdeskName", labels.at(i));
    }
    QChart* chart = newChart(title);
    chart->addSeries(pie);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setLabelBrush(palette().brush(QPalette::Text));
    chart->legend()->setShowToolTips(true); // a long model name cut short is whole in the tooltip
    replaceChart(chart);
}

QStringList ChartPanel::seriesNames() const
{
    QStringList names;
    for (QAbstractSeries* series : m_view->chart()->series()) {
        if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets())
                names.append(set->label());
        } else if (auto* pie = qobject_cast<QPieSeries*>(series)) {
            for (QPieSlice* slice : pie->slices())
                names.append(slice->property("creditdeskName").toString());
        }
    }
    return names;
}

QList<qint64> ChartPanel::seriesValues(const QString& name) const
{
    QList<qint64> values;
    for (QAbstractSeries* series : m_view->chart()->series()) {
        if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets()) {
                if (set->label() != name)
                    continue;
                for (int i = 0; i < set->count(); ++i)
                    values.append(qRound64(set->at(i)));
            }
        } else if (auto* pie = qobject_cast<QPieSeries*>(series)) {
            for (QPieSlice* slice : pie->slices())
                if (slice->property("creditdeskName").toString() == name)
                    values.append(qRound64(slice->value()));
        }
    }
    return values;
}

bool ChartPanel::saveImage(const QString& fileName) const
{
    return m_view->grab().save(fileName);
}

QChart* ChartPanel::newChart(const QString& title) const
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(title);
    chart->setBackgroundBrush(palette().brush(QPalette::Base));
    chart->setTitleBrush(palette().brush(QPalette::Text));
    // Axis numbers in the user's locale (grouping, decimal point).
    chart->setLocale(QLocale());
    chart->setLocalizeNumbers(true);
    return chart;
}

void ChartPanel::replaceChart(QChart* chart)
{
    QChart* old = m_view->chart();
    m_view->setChart(chart);
    m_view->setAccessibleName(chart->title());
    delete old;
}

} // namespace creditdesk
