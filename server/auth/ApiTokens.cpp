#include "auth/ApiTokens.h"

#include "core/Crypto.h"

namespace creditdesk::server {

namespace {

const QString kTokenColumns =
    QStringLiteral("id, name, prefix, organization_id, scopes, user_id, created_at, revoked_at");

ApiTokenRecord fromRow(const Row& row)
{
    ApiTokenRecord record;
    record.id = asInt(row[0]);
    record.name = row[1].toString();
    record.prefix = row[2].toString();
    record.organizationId = optionalInt(row[3]);
    record.scopes = row[4].toString().split(QLatin1Char(' '));
    record.createdBy = asInt(row[5]);
    record.createdAt = asInt(row[6]);
    record.revokedAt = optionalInt(row[7]);
    return record;
}

std::vector<ApiTokenRecord> fromRows(const std::vector<Row>& rows)
{
    std::vector<ApiTokenRecord> records;
    records.reserve(rows.size());
    for (const Row& row : rows)
        records.push_back(fromRow(row));
    return records;
}

} // namespace

ApiTokenRecord ApiTokens::create(const QByteArray& token, const QString& name, qint64 userId,
                                 std::optional<qint64> organizationId, const QStringList& scopes,
                                 qint64 nowMs)
{
    const auto row =
        m_db.row(QStringLiteral("INSERT INTO api_tokens (token_hash, prefix, name, user_id, "
                                "organization_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                "RETURNING ") +
                     kTokenColumns,
                 {QString::fromLatin1(crypto::sha256Hex(token)), QString::fromLatin1(token.left(10)), name,
                  userId, nullableInt(organizationId), scopes.join(QLatin1Char(' ')), nowMs});
    return fromRow(*row);
}

std::vector<ApiTokenRecord> ApiTokens::ofOrganization(qint64 organizationId)
{
    return fromRows(m_db.rows(QStringLiteral("SELECT ") + kTokenColumns +
                                  QStringLiteral(" FROM api_tokens WHERE organization_id = ? ORDER BY id"),
                              {organizationId}));
}

std::vector<ApiTokenRecord> ApiTokens::personalOf(qint64 userId)
{
    return fromRows(m_db.rows(
        QStringLiteral("SELECT ") + kTokenColumns +
            QStringLiteral(" FROM api_tokens WHERE user_id = ? AND organization_id IS NULL ORDER BY id"),
        {userId}));
}

ApiTokenRecord ApiTokens::revoke(qint64 tokenId, qint64 nowMs)
{
    m_db.execute(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                 {nowMs, tokenId});
    return fromRow(
        *m_db.row(QStringLiteral("SELECT ") + kTokenColumns + QStringLiteral(" FROM api_tokens WHERE id = ?"),
                  {tokenId}));
}

void ApiTokens::revokeMemberTokens(qint64 organizationId, qint64 userId, qint64 nowMs)
{
    m_db.execute(
        QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE organization_id = ? AND user_id = ? "
                       "AND revoked_at IS NULL"),
        {nowMs, organizationId, userId});
}

} // namespace creditdesk::server
