#pragma once

#include "store/Sql.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace creditdesk::server {

// An API token as its owner sees it: never the token itself, which is shown once on creation.
struct ApiTokenRecord
{
    qint64 id = 0;
    QString name;
    QString prefix;
    std::optional<qint64> organizationId; // none: a personal token
    QStringList scopes;
    qint64 createdBy = 0;
    qint64 createdAt = 0;
    std::optional<qint64> revokedAt;
};

// The "cdk_" bearer tokens machines use: created, listed and revoked here; only their hashes are stored.
class ApiTokens
{
public:
    explicit ApiTokens(SqlConnection& db) : m_db(db) {}

    ApiTokenRecord create(const QByteArray& token, const QString& name, qint64 userId,
                          std::optional<qint64> organizationId, const QStringList& scopes, qint64 nowMs);
    std::vector<ApiTokenRecord> ofOrganization(qint64 organizationId);
    std::vector<ApiTokenRecord> personalOf(qint64 userId); // the user's tokens outside any organization
    // Revokes the token (once; a second revocation keeps the first time) and returns it. The token must
    // exist.
    ApiTokenRecord revoke(qint64 tokenId, qint64 nowMs);
    // The tokens a member set up for an organization, when they leave it.
    void revokeMemberTokens(qint64 organizationId, qint64 userId, qint64 nowMs);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
