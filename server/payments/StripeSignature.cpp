#include "payments/StripeSignature.h"

#include "core/Crypto.h"

#include <QList>

#include <optional>

namespace creditdesk::server {

SignatureCheck checkStripeSignature(const QByteArray& header, const QByteArray& body,
                                    const QByteArray& secret, qint64 nowSeconds, qint64 toleranceSeconds)
{
    std::optional<qint64> timestamp;
    QList<QByteArray> signatures;
    for (const QByteArray& part : header.split(',')) {
        const qsizetype equals = part.indexOf('=');
        if (equals <= 0)
            continue;
        const QByteArray key = part.left(equals).trimmed();
        const QByteArray value = part.mid(equals + 1).trimmed();
        if (key == "t") {
            bool ok = false;
            const qint64 t = value.toLongLong(&ok);
            if (ok)
                timestamp = t;
        } else if (key == "v1") {
            signatures.append(value); // v0 and other schemes are ignored, as Stripe's libraries do
        }
    }
    if (!timestamp || signatures.isEmpty())
        return SignatureCheck::Malformed;
    const QByteArray expected =
        crypto::hmacSha256Hex(secret, QByteArray::number(*timestamp) + '.' + body).toLower();
    bool matched = false;
    for (const QByteArray& signature : signatures)
        if (crypto::constantTimeEquals(signature, expected))
            matched = true; // no early exit: the time taken does not say which one matched
    if (!matched)
        return SignatureCheck::Mismatch;
    if (*timestamp < nowSeconds - toleranceSeconds || *timestamp > nowSeconds + toleranceSeconds)
        return SignatureCheck::TooOld;
    return SignatureCheck::Valid;
}

QByteArray stripeSignatureHeader(const QByteArray& body, const QByteArray& secret, qint64 timestamp)
{
    const QByteArray t = QByteArray::number(timestamp);
    return "t=" + t + ",v1=" + crypto::hmacSha256Hex(secret, t + '.' + body);
}

} // namespace creditdesk::server
