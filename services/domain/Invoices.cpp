#include "domain/Invoices.h"

#include <QJsonValue>

namespace creditdesk {

namespace {

std::optional<qint64> integer(const QJsonObject& object, const char* key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isDouble() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
}

QString text(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

} // namespace

std::optional<CreditPack> CreditPack::fromJson(const QJsonObject& object)
{
    CreditPack pack;
    // The catalog names a pack by "id" (what the purchase takes); "pack" is accepted as its other name.
    pack.id = object.value(QStringLiteral("id")).isString() ? text(object, "id") : text(object, "pack");
    const auto price = integer(object, "price_minor");
    const auto credits = integer(object, "credits");
    if (pack.id.isEmpty() || !price || !credits)
        return std::nullopt;
    pack.name = text(object, "name");
    pack.priceMinor = *price;
    pack.credits = *credits;
    pack.bonusCredits = integer(object, "bonus_credits").value_or(0);
    if (object.value(QStringLiteral("currency")).isString())
        pack.currency = text(object, "currency");
    pack.enterpriseOnly = object.value(QStringLiteral("enterprise_only")).toBool();
    return pack;
}

std::optional<Payment> Payment::fromJson(const QJsonObject& object)
{
    Payment payment;
    const auto id = integer(object, "id");
    const auto amount = integer(object, "amount_minor");
    if (!id || !amount)
        return std::nullopt;
    payment.id = *id;
    payment.invoiceId = integer(object, "invoice_id");
    payment.amountMinor = *amount;
    if (object.value(QStringLiteral("currency")).isString())
        payment.currency = text(object, "currency");
    payment.method = text(object, "method");
    payment.status = text(object, "status");
    payment.failureReason = text(object, "failure_reason");
    payment.createdAt = QDateTime::fromString(text(object, "created_at"), Qt::ISODateWithMs).toUTC();
    return payment;
}

BillingProfile BillingProfile::fromJson(const QJsonObject& object)
{
    BillingProfile profile;
    profile.legalName = text(object, "legal_name");
    profile.email = text(object, "email");
    const QJsonObject address = object.value(QStringLiteral("address")).toObject();
    profile.line1 = text(address, "line1");
    profile.line2 = text(address, "line2");
    profile.city = text(address, "city");
    profile.postalCode = text(address, "postal_code");
    profile.region = text(address, "region");
    profile.country = text(address, "country");
    profile.taxId = text(object, "tax_id");
    profile.taxExempt = object.value(QStringLiteral("tax_exempt")).toBool();
    profile.exemptionReason = text(object, "exemption_reason");
    return profile;
}

QJsonObject BillingProfile::toJson(bool withExemption) const
{
    QJsonObject address;
    const auto put = [&address](const char* key, const QString& value) {
        if (!value.isEmpty())
            address.insert(QLatin1String(key), value);
    };
    put("line1", line1);
    put("line2", line2);
    put("city", city);
    put("postal_code", postalCode);
    put("region", region);
    put("country", country);
    QJsonObject body{{QStringLiteral("legal_name"), legalName},
                     {QStringLiteral("email"), email},
                     {QStringLiteral("address"), address},
                     {QStringLiteral("tax_id"), taxId}};
    if (withExemption) {
        body.insert(QStringLiteral("tax_exempt"), taxExempt);
        body.insert(QStringLiteral("exemption_reason"), exemptionReason);
    }
    return body;
}

AutoRecharge AutoRecharge::fromJson(const QJsonObject& object)
{
    AutoRecharge settings;
    settings.enabled = object.value(QStringLiteral("enabled")).toBool();
    settings.thresholdCredits = integer(object, "threshold_credits").value_or(0);
    settings.pack = text(object, "pack");
    return settings;
}

QString minorUnitsAsDecimal(qint64 minor)
{
    // Through unsigned: the magnitude of the most negative qint64 does not fit a qint64.
    const quint64 units = minor < 0 ? 0 - static_cast<quint64>(minor) : static_cast<quint64>(minor);
    return (minor < 0 ? QStringLiteral("-") : QString()) + QString::number(units / 100) + QLatin1Char('.') +
           QStringLiteral("%1").arg(units % 100, 2, 10, QLatin1Char('0'));
}

} // namespace creditdesk
