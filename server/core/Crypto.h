#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <optional>

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
// Hex HMAC-SHA256 of `data` under `key` (webhook signatures, alerts/WebhookSignature.h).
QByteArray hmacSha256Hex(const QByteArray& key, const QByteArray& data);

// Secrets the server must read back (webhook signing secrets, later payment provider keys) are stored
// encrypted with the master key (CREDITDESK_MASTER_KEY: 32 bytes as 64 hex digits), AES-256-GCM with a
// random 96-bit nonce: "v1:" + base64(nonce | ciphertext | 16-byte tag). Never logged, never in a response.
class MasterKey
{
public:
    // From CREDITDESK_MASTER_KEY; none when it is not set. Throws std::invalid_argument when it is set but
    // not 64 hex digits, so a mistyped key stops the server instead of sealing with a wrong one.
    static std::optional<MasterKey> fromEnvironment();
    static MasterKey fromHex(const QByteArray& hex); // throws std::invalid_argument

    QByteArray seal(const QByteArray& plaintext) const;
    // Throws std::runtime_error when the text was not sealed with this key or was altered.
    QByteArray open(const QByteArray& sealed) const;

private:
    explicit MasterKey(QByteArray key) : m_key(std::move(key)) {}
    QByteArray m_key;
};

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
