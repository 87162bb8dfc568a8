#pragma once

#include "store/Sql.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace creditdesk::server {

// Users and organizations: the owners of billing accounts. Each function runs inside the caller's
// (writer) transaction; creating a user or an organization also opens its billing account, so every owner
// has exactly one. Members are orgs/Memberships, departments orgs/Departments.
namespace directory {

QString normalizeEmail(const QString& email); // empty when not a plausible address
bool isValidPassword(const QString& password);

// Whether a new user gets the free plan's sign-up credits: a person who joins does, an operator
// account (bootstrap) does not, and neither does a user an organization admin creates (anyone could
// farm credits by creating users; people join by invitation instead).
enum class SignupCredits
{
    Grant,
    None
};
qint64 createUser(SqlConnection& db, const QString& email, const QString& name,
                  const QByteArray& passwordHash, bool platformAdmin, qint64 nowMs,
                  SignupCredits signupCredits);
std::optional<qint64> userIdByEmail(SqlConnection& db, const QString& email);
QJsonObject userJson(SqlConnection& db, qint64 userId);

qint64 createOrganization(SqlConnection& db, const QString& name, const QString& kind, qint64 ownerUserId,
                          qint64 nowMs);
QJsonObject organizationJson(SqlConnection& db, qint64 organizationId);

} // namespace directory
} // namespace creditdesk::server
