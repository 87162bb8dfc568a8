#pragma once

#include "core/ErrorCodes.h"

#include <QJsonObject>
#include <QString>

#include <exception>

namespace creditdesk::server {

// The one way a request fails with a client-visible reason. Thrown by parsing, authorization and
// services; rendered as the error envelope of docs/design.md §6 by the dispatcher or the write queue.
class ApiError : public std::exception
{
public:
    // `code` is one of the error table (core/ErrorCodes.h), which gives the status and, when `message`
    // is empty, the message. A code missing from the table is a programming error: it answers 500.
    explicit ApiError(const QString& code, const QString& message = {}, QJsonObject details = {})
        : m_code(code), m_details(std::move(details))
    {
        const ErrorKind* kind = errorKind(code);
        m_status = kind ? kind->status : 500;
        m_message = message.isEmpty() && kind ? QString::fromUtf8(kind->defaultMessage) : message;
    }

    int status() const { return m_status; }
    const QString& code() const { return m_code; }
    const QString& message() const { return m_message; }
    const QJsonObject& details() const { return m_details; }
    const char* what() const noexcept override { return "ApiError"; }

    static ApiError badRequest(const QString& code, const QString& message)
    {
        return ApiError(code, message);
    }
    static ApiError validation(const QString& field, const QString& message)
    {
        return ApiError(QStringLiteral("validation_failed"), message,
                        QJsonObject{{QStringLiteral("field"), field}});
    }
    static ApiError notFound(const QString& what)
    {
        return ApiError(QStringLiteral("not_found"), QStringLiteral("%1 not found").arg(what));
    }
    static ApiError forbidden(const QString& message = {})
    {
        return ApiError(QStringLiteral("forbidden"), message);
    }
    static ApiError unauthorized(const QString& message = {})
    {
        return ApiError(QStringLiteral("unauthorized"), message);
    }
    static ApiError conflict(const QString& code, const QString& message) { return ApiError(code, message); }

private:
    int m_status;
    QString m_code;
    QString m_message;
    QJsonObject m_details;
};

// Authorizes access to a resource found by its id (a transaction, a hold, an API token) through the
// organization or account it belongs to. A caller who cannot see that organization or account gets
// exactly the answer for an id that does not exist ("<what> not found"), so ids cannot be probed;
// other refusals (403: visible, but not allowed) pass through unchanged.
template<typename Authorize> decltype(auto) authorizeAsIfMissing(const QString& what, Authorize&& authorize)
{
    try {
        return authorize();
    } catch (const ApiError& error) {
        if (error.status() == 404)
            throw ApiError::notFound(what);
        throw;
    }
}

} // namespace creditdesk::server
