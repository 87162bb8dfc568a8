#include "domain/Billing.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace creditdesk {

namespace {

quint64 magnitude(qint64 value)
{
    return value < 0 ? 0 - static_cast<quint64>(value) : static_cast<quint64>(value);
}

QString padded(quint64 value, int width)
{
    return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
}

} // namespace

void BillingTarget::addTo(QUrlQuery* query) const
{
    if (organizationId)
        query->addQueryItem(QStringLiteral("organization_id"), QString::number(*organizationId));
    else if (userId)
        query->addQueryItem(QStringLiteral("user_id"), QString::number(*userId));
}

void BillingTarget::addTo(QJsonObject* body) const
{
    if (organizationId)
        body->insert(QStringLiteral("organization_id"), *organizationId);
    else if (userId)
        body->insert(QStringLiteral("user_id"), *userId);
}

const PlanBillingOption* Plan::option(const QString& name) const
{
    for (const PlanBillingOption& entry : billingOptions) {
        if (entry.option == name)
            return &entry;
    }
    return nullptr;
}

qint64 Plan::monthlyCredits() const
{
    const PlanBillingOption* credits = option(QStringLiteral("credits"));
    return credits ? credits->monthlyCredits : 0;
}

qint64 Plan::markupBasisPoints() const
{
    const PlanBillingOption* credits = option(QStringLiteral("credits"));
    return credits ? credits->markupBasisPoints : 0;
}

const Plan* PlanCatalog::find(const QString& id) const
{
    for (const Plan& plan : plans) {
        if (plan.id == id)
            return &plan;
    }
    return nullptr;
}

QJsonObject NewCoupon::toJson() const
{
    QJsonObject body{{QStringLiteral("code"), code}, {QStringLiteral("kind"), kind}};
    auto put = [&body](const char* name, const std::optional<qint64>& value) {
        if (value)
            body.insert(QLatin1String(name), *value);
    };
    put("credits", credits);
    put("percent", percent);
    put("amount_minor", amountMinor);
    put("duration_periods", durationPeriods);
    put("credit_expiry_days", creditExpiryDays);
    put("max_redemptions", maxRedemptions);
    put("per_account_limit", perAccountLimit);
    if (plan)
        body.insert(QStringLiteral("plan"), *plan);
    if (expiresAt.isValid())
        body.insert(QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODate));
    if (!validPlans.isEmpty())
        body.insert(QStringLiteral("valid_plans"), QJsonArray::fromStringList(validPlans));
    if (firstTimeOnly)
        body.insert(QStringLiteral("first_time_only"), true);
    return body;
}

QString formatMinorUnits(qint64 minor, const QString& currency, const QLocale& locale)
{
    const QString sign = minor < 0 ? locale.negativeSign() : QString();
    const quint64 units = magnitude(minor);
    const QString number = locale.toString(static_cast<qulonglong>(units / 100)) + locale.decimalPoint() +
                           padded(units % 100, 2);
    if (currency == QLatin1String("USD"))
        return sign + QStringLiteral("$") + number;
    return sign + number + QLatin1Char(' ') + currency;
}

std::optional<qint64> parseMinorUnits(const QString& text, const QLocale& locale)
{
    QString plain = text.trimmed();
    if (plain.startsWith(QLatin1Char('$')))
        plain = plain.mid(1).trimmed();
    plain.remove(locale.groupSeparator());
    if (locale.decimalPoint() != QLatin1String("."))
        plain.replace(locale.decimalPoint(), QStringLiteral("."));
    static const QRegularExpression amount(QStringLiteral("^([0-9]{1,13})(?:\\.([0-9]{0,2}))?$"));
    const QRegularExpressionMatch match = amount.match(plain);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 units = match.captured(1).toLongLong();
    const QString cents = match.captured(2).leftJustified(2, QLatin1Char('0'));
    return units * 100 + cents.toLongLong();
}

QString basisPointsAsPercent(qint64 basisPoints, const QLocale& locale)
{
    const quint64 points = magnitude(basisPoints);
    QString text = (basisPoints < 0 ? locale.negativeSign() : QString()) +
                   locale.toString(static_cast<qulonglong>(points / 100));
    if (points % 100 != 0) {
        QString decimals = padded(points % 100, 2);
        if (decimals.endsWith(QLatin1Char('0')))
            decimals.chop(1);
        text += locale.decimalPoint() + decimals;
    }
    return text;
}

} // namespace creditdesk
