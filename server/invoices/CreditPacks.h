#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// A credit pack of the catalog (resources/credit-packs.json): what it costs and how many credits it
// books, bonus included (`credits` already counts `bonusCredits`).
struct CreditPack
{
    QString id;
    QString name;
    qint64 priceMinor = 0;
    QString currency;
    qint64 credits = 0;
    qint64 bonusCredits = 0;
    bool enterpriseOnly = false; // bulk packs: accounts on the enterprise plan only

    QJsonObject toJson() const;
};

// The packs customers can buy: a file shipped with the server (compiled in), or the one
// CREDITDESK_CREDIT_PACKS_FILE names; read once. Not stored in the database and not edited through the
// API: an operator changes it with the file and a restart (docs/admin-guide.md "Credit packs and
// purchases"). A purchase copies the pack's price and credits onto its invoice, so changing the file never
// changes what was bought.
class CreditPacks
{
public:
    static const std::vector<CreditPack>& all();
    static std::optional<CreditPack> find(const QString& id);
};

} // namespace creditdesk::server
