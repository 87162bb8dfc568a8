#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace creditdesk::server::crypto {

QByteArray randomBytes(int count);
// A bearer secret: prefix + 256 random bits, base64url without padding.
QByteArray newToken(const char* prefix);
// Hex SHA-256; tokens are stored only as this hash.
QByteArray sha256Hex(const QByteArray& data);
// The same 64 hex digits written to `hex`, without allocating: the audit trail's writer hashes every
// entry it appends.
void sha256Hex(const char* data, std::size_t size, char* hex);
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

// scrypt password hashes in the self-describing form "scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>",
// so the work factor can be raised later without invalidating stored hashes.
struct ScryptCost
{
    int log2N = 15;
    int r = 8;
    int p = 1;
};
QByteArray hashPassword(const QString& password, ScryptCost cost = {});
bool verifyPassword(const QString& password, const QByteArray& storedHash);

} // namespace creditdesk::server::crypto
