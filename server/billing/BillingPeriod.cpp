#include "billing/BillingPeriod.h"

#include <QDate>
#include <QDateTime>

namespace creditdesk::server::billing {

qint64 monthsAfter(qint64 anchorMs, qint64 months)
{
    const QDateTime anchor = QDateTime::fromMSecsSinceEpoch(anchorMs, Qt::UTC);
    const QDate anchorDate = anchor.date();
    const qint64 monthIndex = anchorDate.year() * 12LL + (anchorDate.month() - 1) + months;
    const int year = static_cast<int>(monthIndex / 12);
    const int month = static_cast<int>(monthIndex % 12) + 1;
    const int day = std::min(anchorDate.day(), QDate(year, month, 1).daysInMonth());
    return QDateTime(QDate(year, month, day), anchor.time(), Qt::UTC).toMSecsSinceEpoch();
}

qint64 prorateRoundHalfUp(qint64 amount, qint64 numerator, qint64 denominator)
{
    if (denominator <= 0)
        return 0;
    const __int128 product = static_cast<__int128>(amount) * numerator;
    return static_cast<qint64>((product * 2 + denominator) / (2 * static_cast<__int128>(denominator)));
}

qint64 prorateFloor(qint64 amount, qint64 numerator, qint64 denominator)
{
    if (denominator <= 0)
        return 0;
    return static_cast<qint64>(static_cast<__int128>(amount) * numerator / denominator);
}

qint64 percentOf(qint64 amount, qint64 percent)
{
    return prorateRoundHalfUp(amount, percent, 100);
}

} // namespace creditdesk::server::billing
