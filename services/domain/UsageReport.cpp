#include "domain/UsageReport.h"

#include <QHash>

#include <algorithm>

namespace creditdesk {

namespace {

qint64 pick(UsageMetric metric, qint64 credits, qint64 tokens, qint64 requests)
{
    switch (metric) {
    case UsageMetric::Credits:
        return credits;
    case UsageMetric::Tokens:
        return tokens;
    case UsageMetric::Requests:
        return requests;
    }
    return credits;
}

} // namespace

qint64 UsageRow::figure(UsageMetric metric) const
{
    return pick(metric, credits, tokens(), requests);
}

qint64 DayModelUsage::figure(UsageMetric metric) const
{
    return pick(metric, credits, tokens, requests);
}

QList<qint64> totalsByLabel(const QList<DayModelUsage>& days, const QStringList& labels, UsageMetric metric)
{
    QHash<QString, qint64> sums;
    for (const DayModelUsage& day : days)
        sums[day.label] += day.figure(metric);
    QList<qint64> totals;
    for (const QString& label : labels)
        totals.append(sums.value(label));
    return totals;
}

QStringList labelsByCredits(const QList<DayModelUsage>& days)
{
    QHash<QString, qint64> credits;
    for (const DayModelUsage& day : days)
        credits[day.label] += day.credits;
    QStringList labels = credits.keys();
    const QString other = QStringLiteral("other");
    // The server names the folded rest "other"; it goes last whatever its size.
    std::sort(labels.begin(), labels.end(), [&](const QString& a, const QString& b) {
        if ((a == other) != (b == other))
            return b == other;
        if (credits.value(a) != credits.value(b))
            return credits.value(a) > credits.value(b);
        return a < b;
    });
    return labels;
}

} // namespace creditdesk
