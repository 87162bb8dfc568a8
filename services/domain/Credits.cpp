#include "domain/Credits.h"

#include <QCoreApplication>

namespace creditdesk {

namespace {

constexpr quint64 kUnsignedPerDollar = static_cast<quint64>(Credits::kPerDollar);
constexpr quint64 kUnsignedPerCent = static_cast<quint64>(Credits::kPerCent);
// One credit in hundred-thousandths of a dollar: 100000 / 25000.
constexpr quint64 kHundredThousandthsPerCredit = 100000 / kUnsignedPerDollar;
static_assert(kHundredThousandthsPerCredit * kUnsignedPerDollar == 100000,
              "1 credit must be exactly $0.00004");

QString padded(quint64 value, int width)
{
    return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
}

} // namespace

qint64 Credits::roundedCents() const
{
    const quint64 cents = (magnitude() + kUnsignedPerCent / 2) / kUnsignedPerCent;
    return m_value < 0 ? -static_cast<qint64>(cents) : static_cast<qint64>(cents);
}

QString Credits::format(const QLocale& locale) const
{
    return locale.toString(m_value);
}

QString Credits::formatDollars(const QLocale& locale) const
{
    const QString sign = m_value < 0 ? locale.negativeSign() : QString();
    const quint64 cents = (magnitude() + kUnsignedPerCent / 2) / kUnsignedPerCent;
    if (cents == 0 && m_value != 0) // would read as $0.00: say that it is less than a cent
        return sign + QStringLiteral("<$0") + locale.decimalPoint() + QStringLiteral("01");
    return sign + QStringLiteral("$") + locale.toString(static_cast<qulonglong>(cents / 100)) +
           locale.decimalPoint() + padded(cents % 100, 2);
}

QString Credits::formatExactDollars(const QLocale& locale) const
{
    const quint64 fraction = magnitude() % kUnsignedPerDollar * kHundredThousandthsPerCredit;
    QString decimals = padded(fraction, kExactDecimals);
    while (decimals.size() > 2 && decimals.endsWith(QLatin1Char('0')))
        decimals.chop(1);
    return (m_value < 0 ? locale.negativeSign() : QString()) + QStringLiteral("$") +
           locale.toString(static_cast<qulonglong>(magnitude() / kUnsignedPerDollar)) +
           locale.decimalPoint() + decimals;
}

QString Credits::describeExact(const QLocale& locale) const
{
    const QString text = magnitude() == 1 ? QCoreApplication::translate("Credits", "%1 (%2 credit)")
                                          : QCoreApplication::translate("Credits", "%1 (%2 credits)");
    return text.arg(formatExactDollars(locale), format(locale));
}

QString Credits::exactDollars() const
{
    return (m_value < 0 ? QStringLiteral("-") : QString()) +
           QString::number(magnitude() / kUnsignedPerDollar) + QLatin1Char('.') +
           padded(magnitude() % kUnsignedPerDollar * kHundredThousandthsPerCredit, kExactDecimals);
}

} // namespace creditdesk
