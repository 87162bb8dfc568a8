#include "auth/Sessions.h"

#include "core/Crypto.h"

namespace creditdesk::server {

std::optional<LoginCandidate> Sessions::userForLogin(const QString& email)
{
    const auto row = m_db.row(QStringLiteral("SELECT id, password_hash FROM users WHERE email = ?"), {email});
    if (!row)
        return std::nullopt;
    return LoginCandidate{asInt(row->at(0)), row->at(1).toString().toLatin1()};
}

void Sessions::open(qint64 userId, const QByteArray& token, qint64 nowMs, qint64 expiresAtMs)
{
    m_db.execute(QStringLiteral("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?"),
                 {userId, nowMs});
    m_db.execute(QStringLiteral("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                                "VALUES (?, ?, ?, ?)"),
                 {QString::fromLatin1(crypto::sha256Hex(token)), userId, nowMs, expiresAtMs});
    // The member list shows when each member last signed in.
    m_db.execute(QStringLiteral("UPDATE users SET last_sign_in_at = ? WHERE id = ?"), {nowMs, userId});
}

void Sessions::close(const QByteArray& tokenHash)
{
    m_db.execute(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"),
                 {QString::fromLatin1(tokenHash)});
}

} // namespace creditdesk::server
