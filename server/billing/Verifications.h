#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk::server {

// An organization's request to be recognized as an education, healthcare or nonprofit institution
// (docs/billing.md "Verified institutions"). Once a platform administrator approves it, the
// organization's subscription charges carry its type's discount (verification_discounts), unless a
// coupon gives more (Subscriptions::charge).
struct Verification
{
    qint64 id = 0;
    qint64 organizationId = 0;
    QString type; // a key of verification_discounts: "education" | "healthcare" | "nonprofit"
    QString institution;
    QString evidence;
    QString status; // "pending" | "approved" | "rejected"
    qint64 requestedBy = 0;
    std::optional<qint64> decidedBy;
    std::optional<QString> note;
    qint64 createdAt = 0;
    std::optional<qint64> decidedAt;
    qint64 discountPercent = 0; // what its type gives once approved

    QJsonObject toJson() const;
};

// Verification requests and their decisions, inside the caller's transaction.
class Verifications
{
public:
    Verifications(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // A new pending request; 409 verification_pending while one is pending, 422 for an unknown type.
    Verification request(qint64 organizationId, const QString& type, const QString& institution,
                         const QString& evidence, qint64 requestedBy);
    std::optional<Verification> latest(qint64 organizationId);
    std::optional<Verification> find(qint64 id);
    // Approves or rejects a pending request; 404 when there is none with this id, 409
    // verification_closed when it has been decided.
    Verification decide(qint64 id, bool approve, const std::optional<QString>& note, qint64 decidedBy);
    // Requests newest first, optionally of one status; {"data", "next_cursor"}.
    QJsonObject list(const std::optional<QString>& status, std::optional<qint64> beforeId, int limit);

private:
    std::optional<Verification> load(const QString& where, const QVariantList& binds);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
