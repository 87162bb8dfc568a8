#include "domain/Clock.h"

namespace creditdesk {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

} // namespace creditdesk
