#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace creditdesk::server {

// Stripe's webhook signature (https://docs.stripe.com/webhooks#verify-manually): the header
// `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]`, each v1 an HMAC-SHA256 keyed with the whole
// endpoint secret (whsec_...) over "<t>.<raw body>". Valid when any v1 matches (compared in constant time)
// and t is within `toleranceSeconds` of `nowSeconds` — the wall clock, never the test clock.
enum class SignatureCheck
{
    Valid,
    Malformed, // no t or no v1
    Mismatch,  // no v1 matches
    TooOld     // t outside the tolerance
};

SignatureCheck checkStripeSignature(const QByteArray& header, const QByteArray& body,
                                    const QByteArray& secret, qint64 nowSeconds,
                                    qint64 toleranceSeconds = 300);

// The header a sender would write (tests, and our fakes of Stripe).
QByteArray stripeSignatureHeader(const QByteArray& body, const QByteArray& secret, qint64 timestamp);

} // namespace creditdesk::server
