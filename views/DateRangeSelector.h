#pragma once

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;

namespace creditdesk {

class Clock;

// The date-range filter of the list panes: a choice of range (any time, today, the last 7 days, this
// month, the last 30 days, a custom range) and the two dates of a custom range, enabled only for that
// choice. from() and to() are the inclusive days the choice means today (by the injected clock).
class DateRangeSelector : public QWidget
{
    Q_OBJECT

public:
    enum class Range
    {
        Any,
        Today,
        Last7Days,
        ThisMonth,
        Last30Days,
        Custom
    };

    explicit DateRangeSelector(const Clock* clock, QWidget* parent = nullptr);

    Range range() const;
    // Sets the range (and the custom dates when given); changed() once, even when the range stays.
    void setRange(Range range, QDate from = {}, QDate to = {});
    // Back to any time, without changed() (the pane clearing all its filters reads once afterwards).
    void clear();
    // Inclusive days; invalid: open.
    QDate from() const;
    QDate to() const;

Q_SIGNALS:
    void changed();

private:
    void enableCustomDates();

    const Clock* m_clock;
    QComboBox* m_range;
    QDateEdit* m_from;
    QDateEdit* m_to;
};

} // namespace creditdesk
