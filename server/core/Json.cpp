#include "core/Json.h"

#include <QCborValue>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

#include <cstdio>

namespace creditdesk::server {

namespace {

// Qt stores a number written with a fraction or an exponent as an integer when its value is integral
// (1.0, 1e3, and 999999999999999.99999 once rounded to a double), so the parsed value no longer says
// how it was written. Returns the members, at any depth, whose value is such a number literal or an
// integer literal beyond int64, as dotted paths ("amount", "tokens.credits"; an array adds "[]"). The
// text is valid JSON (Qt parsed it), so strings, nesting and number tokens are all well formed.
QSet<QString> membersWithNonIntegerNumbers(const QByteArray& json)
{
    struct Frame
    {
        bool isObject = false;
        QByteArray name; // in an object: the current member name as written, quotes included
    };
    QSet<QString> names;
    QList<Frame> frames;
    bool atValue = false; // after an object member's ':'
    const auto pathOfValue = [&frames] {
        QString path;
        for (const Frame& frame : frames) {
            if (!path.isEmpty() && frame.isObject)
                path += QLatin1Char('.');
            path += frame.isObject ? QJsonDocument::fromJson('[' + frame.name + ']').array().at(0).toString()
                                   : QStringLiteral("[]");
        }
        return path;
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            const qsizetype start = i;
            for (++i; i < json.size() && json[i] != '"'; ++i)
                if (json[i] == '\\')
                    ++i;
            if (!frames.isEmpty() && frames.last().isObject && !atValue)
                frames.last().name = json.mid(start, i - start + 1);
            atValue = false;
        } else if (c == '{' || c == '[') {
            frames.append(Frame{c == '{', {}});
            atValue = false;
        } else if (c == '}' || c == ']') {
            frames.removeLast();
        } else if (c == ':') {
            atValue = true;
        } else if (c == ',' || (c >= 'a' && c <= 'z')) {
            atValue = false; // a value that is true, false or null (outside strings only they have letters)
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const qsizetype start = i;
            bool integral = true;
            for (; i + 1 < json.size(); ++i) {
                const char next = json[i + 1];
                if (next == '.' || next == 'e' || next == 'E')
                    integral = false;
                else if (next != '+' && next != '-' && (next < '0' || next > '9'))
                    break;
            }
            if (integral) // beyond int64 (Qt rounds -9223372036854775809 to -2^63, which fits)
                json.mid(start, i - start + 1).toLongLong(&integral);
            if (!integral && !frames.isEmpty() && (atValue || !frames.last().isObject))
                names.insert(pathOfValue());
            atValue = false;
        }
    }
    return names;
}

} // namespace

ApiResponse jsonResponse(int status, const QJsonObject& object)
{
    ApiResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

ApiResponse listResponse(const QJsonArray& data, const QString& nextCursor)
{
    QJsonObject object{{QStringLiteral("data"), data}};
    object.insert(QStringLiteral("next_cursor"),
                  nextCursor.isEmpty() ? QJsonValue() : QJsonValue(nextCursor));
    return jsonResponse(200, object);
}

ApiResponse errorResponse(const ApiError& error)
{
    QJsonObject inner{{QStringLiteral("code"), error.code()}, {QStringLiteral("message"), error.message()}};
    if (!error.details().isEmpty())
        inner.insert(QStringLiteral("details"), error.details());
    ApiResponse response = jsonResponse(error.status(), QJsonObject{{QStringLiteral("error"), inner}});
    if (error.status() == 401) // RFC 6750: say which scheme the server expects
        response.setHeader("WWW-Authenticate", "Bearer realm=\"creditdesk\"");
    if ((error.status() == 429 || error.status() == 503) &&
        error.details().contains(QStringLiteral("retry_after_seconds")))
        response.setHeader(
            "Retry-After",
            QByteArray::number(error.details().value(QStringLiteral("retry_after_seconds")).toInteger()));
    return response;
}

ApiResponse errorResponse(const QString& code, const QString& message)
{
    return errorResponse(ApiError(code, message));
}

JsonBody::JsonBody(QJsonObject object, QSet<QString> nonIntegerNumbers)
    : m_object(std::move(object)), m_nonIntegerNumbers(std::move(nonIntegerNumbers))
{
}

JsonBody JsonBody::nestedObject(const char* name, const QString& shape) const
{
    const QString field = QLatin1String(name);
    const QJsonValue value = m_object.value(field);
    if (!value.isObject())
        throw ApiError::validation(field, QStringLiteral("'%1' must be %2").arg(field, shape));
    // The inner object's members keep what the scan of the whole body found about how they were written.
    const QString prefix = field + QLatin1Char('.');
    QSet<QString> inner;
    for (const QString& path : m_nonIntegerNumbers)
        if (path.startsWith(prefix))
            inner.insert(path.mid(prefix.size()));
    return JsonBody(value.toObject(), inner);
}

JsonBody::JsonBody(const QByteArray& body)
{
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("invalid_body"),
                                   QStringLiteral("A JSON object body is required"));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("malformed_json"),
                                   QStringLiteral("The body is not valid JSON: %1 at offset %2")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset));
    if (!document.isObject())
        throw ApiError::badRequest(QStringLiteral("invalid_body"),
                                   QStringLiteral("The body must be a JSON object"));
    m_object = document.object();
    m_nonIntegerNumbers = membersWithNonIntegerNumbers(body);
}

void JsonBody::rejectUnknownFields(std::initializer_list<const char*> known) const
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        bool found = false;
        for (const char* name : known)
            found = found || it.key() == QLatin1String(name);
        if (!found)
            throw ApiError(QStringLiteral("unknown_field"),
                           QStringLiteral("Unknown field '%1'").arg(it.key().left(64)),
                           QJsonObject{{QStringLiteral("field"), it.key().left(64)}});
    }
}

bool JsonBody::has(const char* name) const
{
    return m_object.contains(QLatin1String(name)) && !m_object.value(QLatin1String(name)).isNull();
}

QJsonValue JsonBody::valueOf(const char* name) const
{
    return m_object.value(QLatin1String(name));
}

bool isCleanText(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            ++i; // a character beyond the BMP (emoji, …)
            continue;
        }
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_NotAssigned ||
            c.isSurrogate()) // lone half
            return false;
        if (c == QChar(0xFEFF) || c == QChar(0x202E) || c == QChar(0x202D)) // BOM, bidi overrides
            return false;
    }
    return true;
}

// A string field as sent (`exact`: passwords) or trimmed and checked for control characters (names,
// notes, references).
std::optional<QString> JsonBody::stringField(const char* name, int maxLength, bool exact) const
{
    if (!has(name))
        return std::nullopt;
    const QJsonValue value = valueOf(name);
    const QString field = QLatin1String(name);
    if (!value.isString())
        throw ApiError::validation(field, QStringLiteral("'%1' must be a string").arg(field));
    const QString text = exact ? value.toString() : value.toString().trimmed();
    if (text.size() > maxLength)
        throw ApiError::validation(
            field, QStringLiteral("'%1' is longer than %2 characters").arg(field).arg(maxLength));
    if (!exact && !isCleanText(text))
        throw ApiError::validation(
            field, QStringLiteral("'%1' contains control or invisible characters").arg(field));
    return text;
}

std::optional<QString> JsonBody::optionalString(const char* name, int maxLength) const
{
    return stringField(name, maxLength, false);
}

std::optional<QString> JsonBody::optionalSecret(const char* name, int maxLength) const
{
    return stringField(name, maxLength, true);
}

QString JsonBody::requiredString(const char* name, int maxLength) const
{
    const auto text = optionalString(name, maxLength);
    if (!text || text->isEmpty())
        throw ApiError::validation(QLatin1String(name),
                                   QStringLiteral("'%1' is required").arg(QLatin1String(name)));
    return *text;
}

std::optional<qint64> JsonBody::optionalInteger(const char* name, qint64 min, qint64 max) const
{
    if (!has(name))
        return std::nullopt;
    const QString field = QLatin1String(name);
    // Qt keeps integral JSON numbers that fit in int64 as integers; anything else (fractions, exponents
    // beyond range, 2^63 and up) arrives as a double and is refused rather than rounded. Integral values
    // written as 1.0 or 1e3 are refused too (see membersWithNonIntegerNumbers).
    const QCborValue cbor = QCborValue::fromJsonValue(valueOf(name));
    if (!cbor.isInteger() || m_nonIntegerNumbers.contains(field))
        throw ApiError::validation(
            field, QStringLiteral("'%1' must be an integer between %2 and %3").arg(field).arg(min).arg(max));
    const qint64 number = cbor.toInteger();
    if (number < min || number > max)
        throw ApiError::validation(
            field, QStringLiteral("'%1' must be between %2 and %3").arg(field).arg(min).arg(max));
    return number;
}

qint64 JsonBody::requiredInteger(const char* name, qint64 min, qint64 max) const
{
    const auto number = optionalInteger(name, min, max);
    if (!number)
        throw ApiError::validation(QLatin1String(name),
                                   QStringLiteral("'%1' is required").arg(QLatin1String(name)));
    return *number;
}

std::optional<qint64> JsonBody::optionalId(const char* name) const
{
    return optionalInteger(name, 1, std::numeric_limits<qint64>::max());
}

std::optional<qint64> JsonBody::optionalTimestamp(const char* name) const
{
    const auto text = optionalString(name, 40);
    if (!text)
        return std::nullopt;
    const auto epochMs = parseTimestamp(*text);
    if (!epochMs)
        throw ApiError::validation(
            QLatin1String(name),
            QStringLiteral("'%1' must be an RFC 3339 timestamp").arg(QLatin1String(name)));
    return epochMs;
}

QStringList JsonBody::requiredStringArray(const char* name, int maxItems, int maxLength) const
{
    const QString field = QLatin1String(name);
    const QJsonValue value = valueOf(name);
    if (!value.isArray())
        throw ApiError::validation(field, QStringLiteral("'%1' must be an array of strings").arg(field));
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems)
        throw ApiError::validation(field,
                                   QStringLiteral("'%1' has more than %2 items").arg(field).arg(maxItems));
    QStringList items;
    for (const QJsonValue& item : array) {
        if (!item.isString() || item.toString().size() > maxLength || !isCleanText(item.toString()))
            throw ApiError::validation(field, QStringLiteral("'%1' must be an array of strings").arg(field));
        items.append(item.toString());
    }
    return items;
}

qint64 parsePathId(const QString& text, const QString& what)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || QString::number(id) != text) // the canonical spelling only: no "+1", "01", " 1"
        throw ApiError::notFound(what);
    return id;
}

std::optional<qint64> parseCursor(const ApiRequest& request)
{
    if (!request.hasQuery(QStringLiteral("cursor")))
        return std::nullopt;
    bool ok = false;
    const qint64 cursor = request.queryValue(QStringLiteral("cursor")).toLongLong(&ok);
    if (!ok || cursor < 1)
        throw ApiError::validation(QStringLiteral("cursor"),
                                   QStringLiteral("'cursor' is not a cursor from this list"));
    return cursor;
}

int parseLimit(const ApiRequest& request, int maxLimit)
{
    return static_cast<int>(parseQueryInteger(request, QStringLiteral("limit"), 1, maxLimit).value_or(50));
}

std::optional<qint64> parseQueryInteger(const ApiRequest& request, const QString& name, qint64 min,
                                        qint64 max)
{
    if (!request.hasQuery(name))
        return std::nullopt;
    bool ok = false;
    const QString text = request.queryValue(name);
    const qint64 number = text.toLongLong(&ok);
    if (!ok || number < min || number > max || text.startsWith(QLatin1Char('+')))
        throw ApiError::validation(
            name, QStringLiteral("'%1' must be an integer between %2 and %3").arg(name).arg(min).arg(max));
    return number;
}

QString formatTimestamp(qint64 epochMs)
{
    // Formats like Qt::ISODateWithMs in UTC ("2026-11-21T07:56:26.780Z") without QDateTime, which is
    // a measurable share of every response that lists transactions. Civil-from-days after H. Hinnant.
    constexpr qint64 msPerDay = 86'400'000;
    constexpr qint64 lastMs = 253'402'300'799'999; // 9999-12-31T23:59:59.999Z
    if (epochMs < 0 || epochMs > lastMs)
        return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
    const qint64 days = epochMs / msPerDay;
    qint64 msOfDay = epochMs % msPerDay;
    const qint64 z = days + 719468;
    const qint64 era = z / 146097;
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    const qint64 day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const qint64 month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    const qint64 hour = msOfDay / 3'600'000;
    msOfDay %= 3'600'000;
    const qint64 minute = msOfDay / 60'000;
    msOfDay %= 60'000;
    char text[64]; // 24 used; room for what the compiler cannot prove about the ranges
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
                  static_cast<long long>(year), static_cast<long long>(month), static_cast<long long>(day),
                  static_cast<long long>(hour), static_cast<long long>(minute),
                  static_cast<long long>(msOfDay / 1000), static_cast<long long>(msOfDay % 1000));
    return QString::fromLatin1(text, 24);
}

std::optional<qint64> parseTimestamp(const QString& text)
{
    // RFC 3339 only: a date, 'T', a time and an explicit offset (Z or ±hh:mm).
    thread_local const QRegularExpression rfc3339(
        QStringLiteral(R"(^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$)"));
    if (!rfc3339.match(text).hasMatch())
        return std::nullopt;
    QString normalized = text.toUpper();
    const QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    // Qt reads "24:00:00" as the next midnight; RFC 3339 hours end at 23. And what formatTimestamp
    // writes back must again be a four-digit year.
    if (!parsed.isValid() || QStringView(text).mid(11, 2).toInt() > 23 || parsed.toUTC().date().year() < 1 ||
        parsed.toUTC().date().year() > 9999)
        return std::nullopt;
    return parsed.toMSecsSinceEpoch();
}

} // namespace creditdesk::server
