#include "invoices/CreditPacks.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <stdexcept>

namespace creditdesk::server {

namespace {

std::vector<CreditPack> load()
{
    const QString override = qEnvironmentVariable("CREDITDESK_CREDIT_PACKS_FILE");
    QFile file(override.isEmpty() ? QStringLiteral(":/creditdesk/credit-packs.json") : override);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read the credit packs " + file.fileName().toStdString());
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    std::vector<CreditPack> packs;
    for (const QJsonValue& value : document.object().value(QStringLiteral("packs")).toArray()) {
        const QJsonObject o = value.toObject();
        CreditPack pack{o.value(QStringLiteral("id")).toString(),
                        o.value(QStringLiteral("name")).toString(),
                        o.value(QStringLiteral("price_minor")).toInteger(),
                        o.value(QStringLiteral("currency")).toString(),
                        o.value(QStringLiteral("credits")).toInteger(),
                        o.value(QStringLiteral("bonus_credits")).toInteger(),
                        o.value(QStringLiteral("enterprise_only")).toBool()};
        if (pack.id.isEmpty() || pack.priceMinor <= 0 || pack.credits <= 0 || pack.bonusCredits < 0 ||
            pack.bonusCredits > pack.credits || pack.currency.size() != 3)
            throw std::runtime_error("the credit packs " + file.fileName().toStdString() +
                                     " have an invalid pack");
        packs.push_back(pack);
    }
    if (packs.empty())
        throw std::runtime_error("the credit packs " + file.fileName().toStdString() + " list no pack");
    return packs;
}

} // namespace

QJsonObject CreditPack::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("price_minor"), priceMinor},
                       {QStringLiteral("currency"), currency},
                       {QStringLiteral("credits"), credits},
                       {QStringLiteral("bonus_credits"), bonusCredits},
                       {QStringLiteral("enterprise_only"), enterpriseOnly}};
}

const std::vector<CreditPack>& CreditPacks::all()
{
    static const std::vector<CreditPack> packs = load(); // thread-safe once
    return packs;
}

std::optional<CreditPack> CreditPacks::find(const QString& id)
{
    for (const CreditPack& pack : all())
        if (pack.id == id)
            return pack;
    return std::nullopt;
}

} // namespace creditdesk::server
