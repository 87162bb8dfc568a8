#include "billing/Verifications.h"

#include "billing/Plan.h"
#include "core/ApiError.h"
#include "core/Json.h"

#include <QJsonArray>

#include <limits>

namespace creditdesk::server {

namespace {

const QString kSelect =
    QStringLiteral("SELECT v.id, v.organization_id, v.type, v.institution, v.evidence, v.status, "
                   "v.requested_by, v.decided_by, "
                   "v.note, v.created_at, v.decided_at, COALESCE(d.percent, 0) FROM verifications v "
                   "LEFT JOIN verification_discounts d ON d.type = v.type");

Verification fromRow(const Row& r)
{
    Verification v;
    v.id = asInt(r[0]);
    v.organizationId = asInt(r[1]);
    v.type = r[2].toString();
    v.institution = r[3].toString();
    v.evidence = r[4].toString();
    v.status = r[5].toString();
    v.requestedBy = asInt(r[6]);
    v.decidedBy = optionalInt(r[7]);
    if (!r[8].isNull())
        v.note = r[8].toString();
    v.createdAt = asInt(r[9]);
    v.decidedAt = optionalInt(r[10]);
    v.discountPercent = asInt(r[11]);
    return v;
}

} // namespace

QJsonObject Verification::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("organization_id"), organizationId},
        {QStringLiteral("type"), type},
        {QStringLiteral("institution"), institution},
        {QStringLiteral("evidence"), evidence},
        {QStringLiteral("status"), status},
        {QStringLiteral("discount_percent"), discountPercent},
        {QStringLiteral("requested_by"), requestedBy},
        {QStringLiteral("decided_by"), decidedBy ? QJsonValue(*decidedBy) : QJsonValue()},
        {QStringLiteral("note"), note ? QJsonValue(*note) : QJsonValue()},
        {QStringLiteral("created_at"), formatTimestamp(createdAt)},
        {QStringLiteral("decided_at"), decidedAt ? QJsonValue(formatTimestamp(*decidedAt)) : QJsonValue()}};
}

std::optional<Verification> Verifications::load(const QString& where, const QVariantList& binds)
{
    const auto row = m_db.row(kSelect + QStringLiteral(" WHERE ") + where, binds);
    return row ? std::optional(fromRow(*row)) : std::nullopt;
}

std::optional<Verification> Verifications::latest(qint64 organizationId)
{
    return load(QStringLiteral("v.organization_id = ? ORDER BY v.id DESC LIMIT 1"), {organizationId});
}

std::optional<Verification> Verifications::find(qint64 id)
{
    return load(QStringLiteral("v.id = ?"), {id});
}

Verification Verifications::request(qint64 organizationId, const QString& type, const QString& institution,
                                    const QString& evidence, qint64 requestedBy)
{
    const QJsonObject discounts = PlanCatalog(m_db).verificationDiscounts();
    if (!discounts.contains(type))
        throw ApiError::validation(
            QStringLiteral("type"),
            QStringLiteral("'type' must be one of %1").arg(discounts.keys().join(QStringLiteral(", "))));
    // The organization's row serializes requests of several server processes (PostgreSQL).
    m_db.row(QStringLiteral("SELECT id FROM organizations WHERE id = ?") + m_db.forUpdate(),
             {organizationId});
    if (m_db.row(
            QStringLiteral("SELECT id FROM verifications WHERE organization_id = ? AND status = 'pending'"),
            {organizationId}))
        throw ApiError::conflict(QStringLiteral("verification_pending"),
                                 QStringLiteral("The organization's verification request is still pending"));
    const qint64 id = m_db.insert(
        QStringLiteral("INSERT INTO verifications (organization_id, type, institution, evidence, status, "
                       "requested_by, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)"),
        {organizationId, type, institution, evidence, requestedBy, m_now});
    return *find(id);
}

Verification Verifications::decide(qint64 id, bool approve, const std::optional<QString>& note,
                                   qint64 decidedBy)
{
    const auto existing = find(id);
    if (!existing)
        throw ApiError::notFound(QStringLiteral("Verification request"));
    // Conditional, so two decisions at once (or in two processes) cannot both win.
    const qint64 changed = m_db.executeCounted(
        QStringLiteral("UPDATE verifications SET status = ?, decided_by = ?, note = ?, decided_at = ? "
                       "WHERE id = ? AND status = 'pending'"),
        {approve ? QStringLiteral("approved") : QStringLiteral("rejected"), decidedBy, nullableText(note),
         m_now, id});
    if (changed == 0)
        throw ApiError::conflict(
            QStringLiteral("verification_closed"),
            QStringLiteral("Verification request %1 has been %2").arg(id).arg(existing->status));
    return *find(id);
}

QJsonObject Verifications::list(const std::optional<QString>& status, std::optional<qint64> beforeId,
                                int limit)
{
    QString where = QStringLiteral("v.id < ?");
    QVariantList binds{beforeId.value_or(std::numeric_limits<qint64>::max())};
    if (status) {
        where += QStringLiteral(" AND v.status = ?");
        binds.append(*status);
    }
    binds.append(limit + 1);
    const auto rows = m_db.rows(
        kSelect + QStringLiteral(" WHERE ") + where + QStringLiteral(" ORDER BY v.id DESC LIMIT ?"), binds);
    QJsonArray data;
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < limit; ++i)
        data.append(fromRow(rows[i]).toJson());
    const bool more = static_cast<int>(rows.size()) > limit;
    return QJsonObject{{QStringLiteral("data"), data},
                       {QStringLiteral("next_cursor"),
                        more ? QJsonValue(QString::number(asInt(rows[limit - 1][0]))) : QJsonValue()}};
}

} // namespace creditdesk::server
