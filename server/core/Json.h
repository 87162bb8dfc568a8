#pragma once

#include "core/ApiError.h"
#include "core/ApiTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <initializer_list>
#include <optional>

namespace creditdesk::server {

// Largest amount of credits a single request may move: 10^15 credits ($40 billion). Keeps every sum
// the ledger computes far from int64 overflow.
inline constexpr qint64 kMaxAmount = 1'000'000'000'000'000LL;

ApiResponse jsonResponse(int status, const QJsonObject& object);
ApiResponse listResponse(const QJsonArray& data, const QString& nextCursor);
// The error envelope {"error": {"code", "message", "details"?}} with the code's status (core/ErrorCodes.h).
ApiResponse errorResponse(const ApiError& error);
ApiResponse errorResponse(const QString& code, const QString& message = {});

// Validates a JSON request body field by field. Every accessor throws ApiError (422 validation_failed)
// naming the field; the constructor throws 400 for a body that is not a JSON object, and
// rejectUnknownFields() throws 422 for fields the endpoint does not know.
class JsonBody
{
public:
    explicit JsonBody(const QByteArray& body);

    void rejectUnknownFields(std::initializer_list<const char*> known) const;
    bool has(const char* name) const;

    QString requiredString(const char* name, int maxLength = 200) const;
    std::optional<QString> optionalString(const char* name, int maxLength = 200) const;
    // A password: taken exactly as typed (spaces included, nothing trimmed), up to maxLength characters.
    std::optional<QString> optionalSecret(const char* name, int maxLength) const;
    qint64 requiredInteger(const char* name, qint64 min, qint64 max) const;
    std::optional<qint64> optionalInteger(const char* name, qint64 min, qint64 max) const;
    qint64 requiredAmount(const char* name) const { return requiredInteger(name, 1, kMaxAmount); }
    std::optional<qint64> optionalId(const char* name) const;
    std::optional<qint64> optionalTimestamp(const char* name) const; // RFC 3339 → epoch ms
    QStringList requiredStringArray(const char* name, int maxItems, int maxLength) const;
    const QJsonObject& object() const { return m_object; }
    // A member that must be a JSON object, validated like the body itself (its numbers too); 422 naming
    // the field, "'<name>' must be <shape>", when it is not an object.
    JsonBody nestedObject(const char* name, const QString& shape) const;

private:
    JsonBody(QJsonObject object, QSet<QString> nonIntegerNumbers);
    QJsonValue valueOf(const char* name) const;
    std::optional<QString> stringField(const char* name, int maxLength, bool exact) const;
    QJsonObject m_object;
    QSet<QString> m_nonIntegerNumbers; // members written as 1.0, 1e3, …: never read as integers
};

// Parses a decimal id from a path or query parameter; 404 (path) or 422 (query) when it is not one.
qint64 parsePathId(const QString& text, const QString& what);
std::optional<qint64> parseQueryInteger(const ApiRequest& request, const QString& name, qint64 min,
                                        qint64 max);
// A list's paging from the query: `cursor`, an id as a page's next_cursor gave it (422 naming it when it
// cannot be one), and `limit` (1 to maxLimit, 50 when left out).
std::optional<qint64> parseCursor(const ApiRequest& request);
int parseLimit(const ApiRequest& request, int maxLimit);

// Strings in user input: no control characters, valid length, trimmed.
bool isCleanText(const QString& text);

QString formatTimestamp(qint64 epochMs);
std::optional<qint64> parseTimestamp(const QString& text);

} // namespace creditdesk::server
