#pragma once

#include "store/Sql.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace creditdesk::server {

// What sign-in needs to know about the user an e-mail address names.
struct LoginCandidate
{
    qint64 userId = 0;
    QByteArray passwordHash;
};

// Sign-in sessions: the rows behind the "cds_" bearer tokens. Only hashes of the tokens are stored.
class Sessions
{
public:
    explicit Sessions(SqlConnection& db) : m_db(db) {}

    std::optional<LoginCandidate> userForLogin(const QString& email);
    // Records a new session for `token` (its hash), the user's sign-in time, and forgets their expired ones.
    void open(qint64 userId, const QByteArray& token, qint64 nowMs, qint64 expiresAtMs);
    void close(const QByteArray& tokenHash);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
