#pragma once

#include <QJsonObject>
#include <QString>

#include <exception>

namespace creditdesk {

// The one way a request fails with a client-visible reason. Thrown by parsing, authorization and
// services; rendered as the error envelope of DESIGN.md §6 by the dispatcher or the write queue.
class ApiError : public std::exception
{
public:
    ApiError(int status, QString code, QString message, QJsonObject details = {})
        : m_status(status), m_code(std::move(code)), m_message(std::move(message)), m_details(std::move(details))
    {
    }

    int status() const { return m_status; }
    const QString& code() const { return m_code; }
    const QString& message() const { return m_message; }
    const QJsonObject& details() const { return m_details; }
    const char* what() const noexcept override { return "ApiError"; }

    static ApiError badRequest(const QString& code, const QString& message) { return {400, code, message}; }
    static ApiError validation(const QString& field, const QString& message)
    {
        return {422, QStringLiteral("validation_failed"), message, QJsonObject{{QStringLiteral("field"), field}}};
    }
    static ApiError notFound(const QString& what)
    {
        return {404, QStringLiteral("not_found"), QStringLiteral("%1 not found").arg(what)};
    }
    static ApiError forbidden(const QString& message = QStringLiteral("You are not allowed to do this"))
    {
        return {403, QStringLiteral("forbidden"), message};
    }
    static ApiError unauthorized(const QString& message = QStringLiteral("Missing or invalid bearer token"))
    {
        return {401, QStringLiteral("unauthorized"), message};
    }
    static ApiError conflict(const QString& code, const QString& message) { return {409, code, message}; }

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

} // namespace creditdesk
