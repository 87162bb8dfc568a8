#pragma once

#include <QMetaType>
#include <QString>

namespace creditdesk {

// What went wrong with a request, in a form the user can act on (docs/design.md §7: errors in plain words
// with what to do, never a raw code only).
struct ApiError
{
    enum class Kind
    {
        None,
        ConnectionRefused, // nothing listens at that address: server down
        HostNotFound,
        NetworkUnreachable,
        Timeout,
        Tls,             // certificate not trusted, wrong host name, handshake failure
        PlainHttpServer, // https:// to a server that speaks plain HTTP
        TlsServer,       // http:// to a server that only speaks TLS
        Unauthorized,    // 401: sign in again
        Forbidden,
        NotFound,
        RateLimited,    // 429
        ServerError,    // 5xx
        NotImplemented, // 501: the server lacks this request (an older or different server)
        NotCreditDesk, // the address answers, but not with the CreditDesk API (HTML, 404 without an envelope)
        Garbled,       // a response we cannot read: never written to the cache
        Http,          // any other 4xx
        Cancelled,
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code;          // the server's error.code, when it sent one
    QString serverMessage; // the server's error.message, or the network layer's text
    int retryAfterSeconds = 0;

    bool isError() const { return kind != Kind::None; }
    // True when the server could not be reached at all: the console goes offline and keeps the cache.
    bool isOffline() const;
    // One or two sentences: what happened and what to do.
    QString userMessage() const;
    // For an offline error: why the server cannot be used, in one short sentence (the offline notice
    // says the rest).
    QString offlineCause() const;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::ApiError)
