#pragma once

#include <QLocale>
#include <QMetaType>
#include <QString>

namespace creditdesk {

// Credits are whole numbers (docs/design.md §3): 1 credit = $0.00004, so $1 = 25,000 credits and one cent is
// 250 credits. Never a double: the dollar value is formatted with integer arithmetic.
//
// The rule for money (docs/user-guide.md, "How amounts are shown and exported"): screens round to cents
// (formatDollars), the same way on every row, and put the exact value in tooltips and the details panel
// (formatExactDollars, describeExact); files carry the exact value (exactDollars) beside the credits.
class Credits
{
public:
    static constexpr qint64 kPerDollar = 25000;
    static constexpr qint64 kPerCent = 250;
    // Digits after the decimal point of an exact dollar value: 1 credit = $0.00004.
    static constexpr int kExactDecimals = 5;

    constexpr Credits() = default;
    constexpr explicit Credits(qint64 value) : m_value(value) {}

    constexpr qint64 value() const { return m_value; }
    // Whole cents, rounded half away from zero.
    qint64 roundedCents() const;

    // "1,234,500" in the given locale.
    QString format(const QLocale& locale = QLocale()) const;
    // For screens: "$49.38" rounded to cents (half away from zero) in the locale's grouping and decimal
    // point. A non-zero amount that rounds to no cents shows as "<$0.01" or "-<$0.01", never "$0.00".
    QString formatDollars(const QLocale& locale = QLocale()) const;
    // For screens, exact: "$0.02288", "$49.38", "-$1,234.56789" in the locale's grouping and decimal point,
    // with every significant digit and at least two decimals.
    QString formatExactDollars(const QLocale& locale = QLocale()) const;
    // The tooltip and details text: "$0.02288 (572 credits)", translated.
    QString describeExact(const QLocale& locale = QLocale()) const;
    // For files: the exact dollar value as a plain decimal, "-0.02288", "10.00000": always five decimals,
    // '.' as the decimal point, no currency sign, no grouping, a leading '-' for negatives. The same in
    // every locale.
    QString exactDollars() const;

    friend constexpr bool operator==(Credits a, Credits b) = default;
    friend constexpr auto operator<=>(Credits a, Credits b) = default;

private:
    // |value| as unsigned, so that the minimum qint64 does not overflow on negation.
    constexpr quint64 magnitude() const
    {
        return m_value < 0 ? 0 - static_cast<quint64>(m_value) : static_cast<quint64>(m_value);
    }

    qint64 m_value = 0;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::Credits)
