#pragma once

#include <QLocale>
#include <QMetaType>
#include <QString>

namespace creditdesk {

// Credits are whole numbers (DESIGN.md §3): 1 credit = $0.00004, so $1 = 25,000 credits and one cent is
// 250 credits. Never a double: the dollar value is formatted with integer arithmetic.
class Credits
{
public:
    static constexpr qint64 kPerDollar = 25000;
    static constexpr qint64 kPerCent = 250;

    constexpr Credits() = default;
    constexpr explicit Credits(qint64 value) : m_value(value) {}

    constexpr qint64 value() const { return m_value; }
    // Whole cents, rounded half away from zero.
    qint64 roundedCents() const;

    // "1,234,500" in the given locale.
    QString format(const QLocale& locale = QLocale()) const;
    // "$49.38" in the given locale's grouping and decimal point; sub-cent amounts show 5 decimals.
    QString formatDollars(const QLocale& locale = QLocale()) const;

    friend constexpr bool operator==(Credits a, Credits b) = default;
    friend constexpr auto operator<=>(Credits a, Credits b) = default;

private:
    qint64 m_value = 0;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::Credits)
