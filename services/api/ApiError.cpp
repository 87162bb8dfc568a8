#include "api/ApiError.h"

#include <QCoreApplication>

namespace creditdesk {

bool ApiError::isOffline() const
{
    switch (kind) {
    case Kind::ConnectionRefused:
    case Kind::HostNotFound:
    case Kind::NetworkUnreachable:
    case Kind::Timeout:
    case Kind::ServerError:
        return true;
    default:
        return false;
    }
}

QString ApiError::offlineCause() const
{
    switch (kind) {
    case Kind::ConnectionRefused:
        return QCoreApplication::translate("ApiError",
                                           "The server is not answering; it may be stopped or restarting.");
    case Kind::HostNotFound:
        return QCoreApplication::translate("ApiError", "The server address could not be found.");
    case Kind::NetworkUnreachable:
        return QCoreApplication::translate("ApiError", "There is no network connection.");
    case Kind::Timeout:
        return QCoreApplication::translate("ApiError", "The server took too long to answer.");
    case Kind::ServerError:
        return QCoreApplication::translate("ApiError", "The server had a problem (HTTP %1).").arg(httpStatus);
    default:
        return QCoreApplication::translate("ApiError", "The server cannot be reached.");
    }
}

QString ApiError::userMessage() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::ConnectionRefused:
        return QCoreApplication::translate(
            "ApiError",
            "The server is not answering. It may be stopped or restarting. The console shows the data it "
            "has cached; try again in a few minutes or ask your administrator.");
    case Kind::HostNotFound:
        return QCoreApplication::translate(
            "ApiError", "The server address could not be found. Check the server URL for typing mistakes.");
    case Kind::NetworkUnreachable:
        return QCoreApplication::translate(
            "ApiError",
            "There is no network connection. Check your connection; cached data stays available.");
    case Kind::Timeout:
        return QCoreApplication::translate(
            "ApiError", "The server took too long to answer. Check your connection and try again (F5).");
    case Kind::Tls:
        return QCoreApplication::translate("ApiError", "The server's certificate could not be verified, so "
                                                       "the connection was not made (%1). If this is "
                                                       "your organization's own server, ask your "
                                                       "administrator for its CA certificate and choose it "
                                                       "under \"Trust CA file\" when signing in.")
            .arg(serverMessage);
    case Kind::PlainHttpServer:
        return QCoreApplication::translate("ApiError",
                                           "The server speaks plain HTTP, not HTTPS; use http://… in the "
                                           "server address (or ask your administrator to set up HTTPS).");
    case Kind::TlsServer:
        return QCoreApplication::translate("ApiError",
                                           "The server only accepts encrypted connections (TLS); use "
                                           "https://… in the server address.");
    case Kind::NotImplemented:
        return QCoreApplication::translate("ApiError",
                                           "The server does not support this request (HTTP 501). It may be "
                                           "an older CreditDesk version; ask your administrator to update "
                                           "it.");
    case Kind::NotCreditDesk:
        return QCoreApplication::translate("ApiError",
                                           "The address answers, but it is not a CreditDesk server (no "
                                           "CreditDesk API at %1). Check the server URL.")
            .arg(serverMessage);
    case Kind::Unauthorized:
        if (code == QLatin1String("invalid_credentials"))
            return QCoreApplication::translate(
                "ApiError", "The e-mail address or password is wrong. Check both and try again.");
        return QCoreApplication::translate("ApiError", "Your session has ended. Please sign in again.");
    case Kind::Forbidden:
        return QCoreApplication::translate(
            "ApiError",
            "Your role does not allow this. Ask an owner or admin of your organization if you need it.");
    case Kind::NotFound:
        return QCoreApplication::translate(
            "ApiError", "The server does not know this item, or you have no access to it.");
    case Kind::RateLimited:
        if (retryAfterSeconds > 0)
            return QCoreApplication::translate("ApiError",
                                               "Too many attempts. Wait %n second(s) and try again.", nullptr,
                                               retryAfterSeconds);
        return QCoreApplication::translate("ApiError",
                                           "Too many attempts. Wait a few minutes and try again.");
    case Kind::ServerError:
        return QCoreApplication::translate("ApiError", "The server had a problem (HTTP %1). The console "
                                                       "keeps showing cached data; try again later, "
                                                       "and tell your administrator if it persists.")
            .arg(httpStatus);
    case Kind::Garbled:
        return QCoreApplication::translate(
            "ApiError",
            "The server sent an answer the console cannot read. Nothing was changed in the local data. "
            "Check that the server URL points at a CreditDesk server.");
    case Kind::Http:
        if (!serverMessage.isEmpty())
            return QCoreApplication::translate("ApiError", "The server refused the request: %1")
                .arg(serverMessage);
        return QCoreApplication::translate("ApiError", "The server refused the request (HTTP %1).")
            .arg(httpStatus);
    case Kind::Cancelled:
        return QCoreApplication::translate("ApiError", "The request was cancelled.");
    }
    return {};
}

} // namespace creditdesk
