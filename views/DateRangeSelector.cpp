#include "views/DateRangeSelector.h"

#include "domain/Clock.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>

namespace creditdesk {

DateRangeSelector::DateRangeSelector(const Clock* clock, QWidget* parent) : QWidget(parent), m_clock(clock)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_range = new QComboBox(this);
    m_range->setAccessibleName(tr("Date range"));
    // In Range's order.
    m_range->addItems({tr("Any time"), tr("Today"), tr("Last 7 days"), tr("This month"), tr("Last 30 days"),
                       tr("Custom range")});
    m_range->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_range->setMinimumContentsLength(12);
    m_from = new QDateEdit(this);
    m_from->setAccessibleName(tr("From date"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(this);
    m_to->setAccessibleName(tr("To date"));
    m_to->setCalendarPopup(true);
    const QDate today = m_clock->now().date();
    m_from->setDate(today.addDays(-30));
    m_to->setDate(today);
    enableCustomDates();
    layout->addWidget(m_range);
    layout->addWidget(m_from);
    layout->addWidget(m_to);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        enableCustomDates();
        Q_EMIT changed();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &DateRangeSelector::changed);
    connect(m_to, &QDateEdit::dateChanged, this, &DateRangeSelector::changed);
}

DateRangeSelector::Range DateRangeSelector::range() const
{
    return static_cast<Range>(m_range->currentIndex());
}

void DateRangeSelector::setRange(Range range, QDate from, QDate to)
{
    {
        QSignalBlocker blockFrom(m_from);
        QSignalBlocker blockTo(m_to);
        if (from.isValid())
            m_from->setDate(from);
        if (to.isValid())
            m_to->setDate(to);
    }
    if (this->range() == range)
        Q_EMIT changed();
    else
        m_range->setCurrentIndex(static_cast<int>(range));
}

void DateRangeSelector::clear()
{
    QSignalBlocker block(m_range);
    m_range->setCurrentIndex(static_cast<int>(Range::Any));
    enableCustomDates();
}

QDate DateRangeSelector::from() const
{
    const QDate today = m_clock->now().date();
    switch (range()) {
    case Range::Any:
        return {};
    case Range::Today:
        return today;
    case Range::Last7Days:
        return today.addDays(-6);
    case Range::ThisMonth:
        return QDate(today.year(), today.month(), 1);
    case Range::Last30Days:
        return today.addDays(-29);
    case Range::Custom:
        return m_from->date();
    }
    return {};
}

QDate DateRangeSelector::to() const
{
    switch (range()) {
    case Range::Any:
        return {};
    case Range::Custom:
        return m_to->date();
    default:
        return m_clock->now().date();
    }
}

void DateRangeSelector::enableCustomDates()
{
    const bool custom = range() == Range::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
}

} // namespace creditdesk
