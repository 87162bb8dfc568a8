#include "domain/Credits.h"

namespace creditdesk {

qint64 Credits::roundedCents() const
{
    const qint64 half = kPerCent / 2;
    return m_value >= 0 ? (m_value + half) / kPerCent : -((-m_value + half) / kPerCent);
}

QString Credits::format(const QLocale& locale) const
{
    return locale.toString(m_value);
}

QString Credits::formatDollars(const QLocale& locale) const
{
    const bool negative = m_value < 0;
    // |value| as unsigned so that the minimum qint64 does not overflow on negation.
    const quint64 magnitude = negative ? 0 - static_cast<quint64>(m_value) : static_cast<quint64>(m_value);
    QString digits;
    if (magnitude != 0 && magnitude < static_cast<quint64>(kPerCent) / 2) {
        // Less than half a cent would show as $0.00: show the exact value (1 credit = $0.00004).
        const quint64 hundredThousandths = magnitude * 4;
        digits = QStringLiteral("0") + locale.decimalPoint() +
                 QStringLiteral("%1").arg(hundredThousandths, 5, 10, QLatin1Char('0'));
    } else {
        const quint64 cents = (magnitude + kPerCent / 2) / kPerCent;
        digits = locale.toString(static_cast<qulonglong>(cents / 100)) + locale.decimalPoint() +
                 QStringLiteral("%1").arg(cents % 100, 2, 10, QLatin1Char('0'));
    }
    return (negative ? locale.negativeSign() : QString()) + QStringLiteral("$") + digits;
}

} // namespace creditdesk
