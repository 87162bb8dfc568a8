#include "orgs/Directory.h"

#include "alerts/AlertRules.h"
#include "billing/Subscriptions.h"
#include "core/ApiError.h"
#include "core/Json.h"

#include <QRegularExpression>

namespace creditdesk::server::directory {

QString normalizeEmail(const QString& email)
{
    thread_local const QRegularExpression pattern(QStringLiteral(R"(^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$)"));
    const QString normalized = email.trimmed().toLower();
    if (normalized.size() > 254 || !pattern.match(normalized).hasMatch())
        return {};
    return normalized;
}

bool isValidPassword(const QString& password)
{
    return password.size() >= 8 && password.size() <= 256;
}

qint64 createUser(SqlConnection& db, const QString& email, const QString& name,
                  const QByteArray& passwordHash, bool platformAdmin, qint64 nowMs,
                  SignupCredits signupCredits)
{
    if (userIdByEmail(db, email))
        throw ApiError::conflict(QStringLiteral("email_taken"),
                                 QStringLiteral("A user with this e-mail already exists"));
    const qint64 userId =
        db.insert(QStringLiteral("INSERT INTO users (email, name, password_hash, is_platform_admin, "
                                 "created_at) VALUES (?, ?, ?, ?, ?)"),
                  {email, name, QString::fromLatin1(passwordHash), platformAdmin ? 1 : 0, nowMs});
    const qint64 accountId =
        db.insert(QStringLiteral("INSERT INTO accounts (owner_kind, owner_id, balance, last_seq, created_at) "
                                 "VALUES ('user', ?, 0, 0, ?)"),
                  {userId, nowMs});
    AlertRules(db, nowMs).createBuiltins(accountId);
    Subscriptions(db, nowMs).createForNewAccount(accountId, QStringLiteral("user"),
                                                 signupCredits == SignupCredits::Grant);
    return userId;
}

std::optional<qint64> userIdByEmail(SqlConnection& db, const QString& email)
{
    const auto row = db.row(QStringLiteral("SELECT id FROM users WHERE email = ?"), {email});
    return row ? std::optional(asInt(row->at(0))) : std::nullopt;
}

QJsonObject userJson(SqlConnection& db, qint64 userId)
{
    const auto row = db.row(
        QStringLiteral(
            "SELECT id, email, name, is_platform_admin, created_at, tier, billing_option, overage_allowed "
            "FROM users WHERE id = ?"),
        {userId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("User"));
    // The personal account's billing terms (set by a platform administrator) come with the user.
    return QJsonObject{{QStringLiteral("id"), asInt(row->at(0))},
                       {QStringLiteral("email"), row->at(1).toString()},
                       {QStringLiteral("name"), row->at(2).toString()},
                       {QStringLiteral("is_platform_admin"), asInt(row->at(3)) != 0},
                       {QStringLiteral("created_at"), formatTimestamp(asInt(row->at(4)))},
                       {QStringLiteral("tier"), row->at(5).toString()},
                       {QStringLiteral("billing_option"), row->at(6).toString()},
                       {QStringLiteral("overage_allowed"), asInt(row->at(7)) != 0}};
}

qint64 createOrganization(SqlConnection& db, const QString& name, const QString& kind, qint64 ownerUserId,
                          qint64 nowMs)
{
    const qint64 organizationId =
        db.insert(QStringLiteral("INSERT INTO organizations (name, kind, created_by, created_at) "
                                 "VALUES (?, ?, ?, ?)"),
                  {name, kind, ownerUserId, nowMs});
    const qint64 accountId =
        db.insert(QStringLiteral("INSERT INTO accounts (owner_kind, owner_id, balance, last_seq, created_at) "
                                 "VALUES ('organization', ?, 0, 0, ?)"),
                  {organizationId, nowMs});
    AlertRules(db, nowMs).createBuiltins(accountId);
    Subscriptions(db, nowMs).createForNewAccount(accountId, QStringLiteral("organization"), false);
    db.execute(QStringLiteral("INSERT INTO memberships (organization_id, user_id, role, created_at) "
                              "VALUES (?, ?, 'owner', ?)"),
               {organizationId, ownerUserId, nowMs});
    return organizationId;
}

QJsonObject organizationJson(SqlConnection& db, qint64 organizationId)
{
    const auto row =
        db.row(QStringLiteral("SELECT o.id, o.name, o.kind, o.tier, o.billing_option, o.created_at, a.id, "
                              "o.overage_allowed "
                              "FROM organizations o JOIN accounts a ON a.owner_kind = 'organization' "
                              "AND a.owner_id = o.id WHERE o.id = ?"),
               {organizationId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Organization"));
    return QJsonObject{{QStringLiteral("id"), asInt(row->at(0))},
                       {QStringLiteral("name"), row->at(1).toString()},
                       {QStringLiteral("kind"), row->at(2).toString()},
                       {QStringLiteral("tier"), row->at(3).toString()},
                       {QStringLiteral("billing_option"), row->at(4).toString()},
                       {QStringLiteral("created_at"), formatTimestamp(asInt(row->at(5)))},
                       {QStringLiteral("account_id"), asInt(row->at(6))},
                       {QStringLiteral("overage_allowed"), asInt(row->at(7)) != 0}};
}

} // namespace creditdesk::server::directory
