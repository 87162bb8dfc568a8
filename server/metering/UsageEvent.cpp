#include "metering/UsageEvent.h"

#include "core/Json.h"

#include <QCborValue>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <cstring>
#include <limits>

namespace creditdesk {

namespace {

struct KindName
{
    UsageKind kind;
    const char* name;
};
constexpr std::array kKindNames{KindName{UsageKind::Chat, "chat"},     KindName{UsageKind::Embedding, "embedding"},
                                KindName{UsageKind::Tts, "tts"},       KindName{UsageKind::Search, "search"},
                                KindName{UsageKind::Agent, "agent"},   KindName{UsageKind::Compute, "compute"}};

constexpr std::array kKnownFields{"id",         "occurred_at",  "organization_id", "user_id",       "member_id",
                                  "api_key_id", "kind",         "provider",        "model",         "tokens_input",
                                  "tokens_output", "compute_ms", "units",          "execution_id",  "task_type",
                                  "status",     "byok",         "reservation_id",  "metadata"};

ApiError invalid(const QString& field, const QString& message)
{
    return ApiError::validation(field, message);
}

// The event's members, found in one pass over the object (Qt looks a key up by comparing strings; an
// event has about a dozen members and about twenty fields to read).
class Fields
{
public:
    explicit Fields(const QJsonObject& object)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key();
            int found = -1;
            for (int i = 0; i < static_cast<int>(kKnownFields.size()) && found < 0; ++i)
                if (key == QLatin1String(kKnownFields[static_cast<std::size_t>(i)]))
                    found = i;
            if (found < 0)
                throw ApiError(422, QStringLiteral("unknown_field"), QStringLiteral("Unknown field '%1'").arg(key.left(64)),
                               QJsonObject{{QStringLiteral("field"), key.left(64)}});
            m_values[static_cast<std::size_t>(found)] = it.value();
        }
    }
    QJsonValue value(const char* name) const
    {
        for (std::size_t i = 0; i < kKnownFields.size(); ++i)
            if (std::strcmp(kKnownFields[i], name) == 0)
                return m_values[i];
        return {};
    }

private:
    std::array<QJsonValue, kKnownFields.size()> m_values{};
};

// An event object with what its text said about its numbers (see nonIntegerEventMembers).
struct EventObject
{
    const Fields& fields;
    const QSet<QString>& nonIntegerMembers;
};

bool present(const Fields& object, const char* name)
{
    const QJsonValue value = object.value(name);
    return !value.isUndefined() && !value.isNull();
}

QString text(const Fields& object, const char* name, int maxLength)
{
    if (!present(object, name))
        return {};
    const QString field = QLatin1String(name);
    const QJsonValue value = object.value(name);
    if (!value.isString())
        throw invalid(field, QStringLiteral("'%1' must be a string").arg(field));
    const QString result = value.toString().trimmed();
    if (result.size() > maxLength)
        throw invalid(field, QStringLiteral("'%1' is longer than %2 characters").arg(field).arg(maxLength));
    if (!isCleanText(result))
        throw invalid(field, QStringLiteral("'%1' contains control or invisible characters").arg(field));
    return result;
}

std::optional<qint64> integer(const EventObject& object, const char* name, qint64 min, qint64 max)
{
    if (!present(object.fields, name))
        return std::nullopt;
    const QString field = QLatin1String(name);
    // Fractions and out-of-range values arrive as doubles and are refused, never rounded (DESIGN.md §3);
    // 1.0 and 1e3 arrive as integers, so the request text decides for those.
    const QJsonValue value = object.fields.value(name);
    const QCborValue cbor = QCborValue::fromJsonValue(value);
    if (!cbor.isInteger() || object.nonIntegerMembers.contains(field))
        throw invalid(field, QStringLiteral("'%1' must be an integer between %2 and %3").arg(field).arg(min).arg(max));
    const qint64 number = cbor.toInteger();
    if (number < min || number > max)
        throw invalid(field, QStringLiteral("'%1' must be between %2 and %3").arg(field).arg(min).arg(max));
    return number;
}

bool isKeyText(const QString& id)
{
    for (const QChar c : id)
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    return true;
}

void appendField(QByteArray& out, const QString& value)
{
    out += value.toUtf8();
    out += '\x1f';
}
void appendField(QByteArray& out, qint64 value)
{
    out += QByteArray::number(value);
    out += '\x1f';
}
void appendField(QByteArray& out, const std::optional<qint64>& value)
{
    out += value ? QByteArray::number(*value) : QByteArray("-");
    out += '\x1f';
}

} // namespace

std::optional<qint64> parseEventTimestamp(const QString& text)
{
    // Fast path for what gateways send: "YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z". Anything else (offsets,
    // lower case, longer fractions) goes through the general RFC 3339 parser, which this must agree
    // with (the fuzzer checks it).
    const qsizetype size = text.size();
    if ((size != 20 && (size < 22 || size > 24)) || text[size - 1] != QLatin1Char('Z'))
        return parseTimestamp(text);
    const auto digits = [&](qsizetype at, int count, int& out) {
        out = 0;
        for (int i = 0; i < count; ++i) {
            const char16_t c = text[at + i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            out = out * 10 + (c - u'0');
        }
        return true;
    };
    int year, month, day, hour, minute, second, fraction = 0;
    if (!digits(0, 4, year) || text[4] != QLatin1Char('-') || !digits(5, 2, month) || text[7] != QLatin1Char('-') ||
        !digits(8, 2, day) || text[10] != QLatin1Char('T') || !digits(11, 2, hour) || text[13] != QLatin1Char(':') ||
        !digits(14, 2, minute) || text[16] != QLatin1Char(':') || !digits(17, 2, second))
        return parseTimestamp(text);
    if (size > 20) {
        const int fractionDigits = static_cast<int>(size - 21);
        if (text[19] != QLatin1Char('.') || !digits(20, fractionDigits, fraction))
            return parseTimestamp(text);
        for (int i = fractionDigits; i < 3; ++i)
            fraction *= 10;
    }
    static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1] + (month == 2 && leap ? 1 : 0) ||
        hour > 23 || minute > 59 || second > 59)
        return parseTimestamp(text); // let the general parser give the same answer for odd dates
    // Days from the civil date (Howard Hinnant's algorithm), then milliseconds.
    const int y = year - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const qint64 days = era * 146097 + doe - 719468;
    return ((days * 24 + hour) * 60 + minute) * 60000LL + second * 1000LL + fraction;
}

QString usageKindName(UsageKind kind)
{
    for (const auto& entry : kKindNames)
        if (entry.kind == kind)
            return QLatin1String(entry.name);
    return {};
}

std::optional<UsageKind> usageKindFromString(const QString& text)
{
    for (const auto& entry : kKindNames)
        if (text == QLatin1String(entry.name))
            return entry.kind;
    return std::nullopt;
}

QString UsageEvent::priceKey() const
{
    if (model.isEmpty())
        return {};
    if (model.contains(QLatin1Char('/')) || provider.isEmpty())
        return model;
    return provider + QLatin1Char('/') + model;
}

qint64 UsageEvent::fingerprint() const
{
    QByteArray canonical;
    canonical.reserve(256 + metadata.size());
    appendField(canonical, id);
    appendField(canonical, occurredAt);
    appendField(canonical, organizationId);
    appendField(canonical, userId);
    appendField(canonical, memberId);
    appendField(canonical, apiKeyId);
    appendField(canonical, usageKindName(kind));
    appendField(canonical, provider);
    appendField(canonical, model);
    appendField(canonical, tokensInput);
    appendField(canonical, tokensOutput);
    appendField(canonical, computeMs);
    appendField(canonical, units);
    appendField(canonical, executionId);
    appendField(canonical, taskType);
    appendField(canonical, qint64(failed));
    appendField(canonical, qint64(byok));
    appendField(canonical, reservationId);
    canonical += metadata;
    const QByteArray digest = QCryptographicHash::hash(canonical, QCryptographicHash::Sha256);
    quint64 value = 0;
    std::memcpy(&value, digest.constData(), sizeof value);
    return static_cast<qint64>(value >> 1); // non-negative: stored in a signed BIGINT everywhere
}

UsageEvent parseUsageEvent(const QJsonObject& json, const QSet<QString>& nonIntegerMembers)
{
    const Fields object(json);
    const EventObject numbers{object, nonIntegerMembers};
    UsageEvent event;
    // The id is a key: taken exactly as sent (never trimmed), so " a" and "a\r" are refused, not read as "a".
    const QJsonValue id = object.value("id");
    event.id = id.isString() ? id.toString() : QString();
    if (event.id.isEmpty() || event.id.size() > kMaxEventIdLength || !isKeyText(event.id))
        throw invalid(QStringLiteral("id"),
                      QStringLiteral("'id' is required: 1 to %1 printable ASCII characters without spaces").arg(kMaxEventIdLength));
    const QString occurred = text(object, "occurred_at", 40);
    const auto occurredAt = parseEventTimestamp(occurred);
    if (!occurredAt)
        throw invalid(QStringLiteral("occurred_at"), QStringLiteral("'occurred_at' is required: an RFC 3339 timestamp"));
    event.occurredAt = *occurredAt;
    const qint64 maxId = std::numeric_limits<qint64>::max();
    event.organizationId = integer(numbers, "organization_id", 1, maxId);
    event.userId = integer(numbers, "user_id", 1, maxId);
    if (event.organizationId.has_value() == event.userId.has_value())
        throw invalid(QStringLiteral("organization_id"), QStringLiteral("Give exactly one of 'organization_id' and 'user_id'"));
    event.memberId = integer(numbers, "member_id", 1, maxId);
    event.apiKeyId = text(object, "api_key_id", 128);
    const auto kind = usageKindFromString(text(object, "kind", 20));
    if (!kind)
        throw invalid(QStringLiteral("kind"),
                      QStringLiteral("'kind' is required: chat, embedding, tts, search, agent or compute"));
    event.kind = *kind;
    event.provider = text(object, "provider", 64);
    event.model = text(object, "model", 128);
    event.tokensInput = integer(numbers, "tokens_input", 0, kMaxEventTokens).value_or(0);
    event.tokensOutput = integer(numbers, "tokens_output", 0, kMaxEventTokens).value_or(0);
    event.computeMs = integer(numbers, "compute_ms", 0, kMaxEventComputeMs).value_or(0);
    event.units = integer(numbers, "units", 0, kMaxEventUnits).value_or(0);
    event.executionId = text(object, "execution_id", 128);
    event.taskType = text(object, "task_type", 64);
    const QString status = text(object, "status", 20);
    if (!status.isEmpty() && status != QLatin1String("success") && status != QLatin1String("error"))
        throw invalid(QStringLiteral("status"), QStringLiteral("'status' must be 'success' or 'error'"));
    event.failed = status == QLatin1String("error");
    if (present(object, "byok")) {
        if (!object.value("byok").isBool())
            throw invalid(QStringLiteral("byok"), QStringLiteral("'byok' must be true or false"));
        event.byok = object.value("byok").toBool();
    }
    event.reservationId = integer(numbers, "reservation_id", 1, maxId);
    if (present(object, "metadata")) {
        const QJsonValue metadata = object.value("metadata");
        if (!metadata.isObject())
            throw invalid(QStringLiteral("metadata"), QStringLiteral("'metadata' must be a JSON object"));
        event.metadata = QJsonDocument(metadata.toObject()).toJson(QJsonDocument::Compact);
        if (event.metadata.size() > kMaxMetadataBytes)
            throw invalid(QStringLiteral("metadata"),
                          QStringLiteral("'metadata' is larger than %1 bytes").arg(kMaxMetadataBytes));
    }
    return event;
}

std::vector<QSet<QString>> nonIntegerEventMembers(const QByteArray& json)
{
    // One pass over the text, as membersWithNonIntegerNumbers (core/Json.cpp) does for top-level
    // members, three levels down: {"events": [{"units": 1.0}]}. The text is valid JSON (Qt parsed it),
    // so strings, nesting and number tokens are well formed.
    const auto decodedName = [](const QByteArray& quoted) {
        return QJsonDocument::fromJson('[' + quoted + ']').array().at(0).toString();
    };
    std::vector<QSet<QString>> members;
    int depth = 0;
    bool atValue = false;    // just after a member's ':'
    bool inEvents = false;   // inside the top-level "events" array
    std::size_t element = 0; // the events element being read
    QByteArray topName, eventMember; // the current member names at depth 1 and in an event, as written
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            const qsizetype start = i;
            for (++i; i < json.size() && json[i] != '"'; ++i)
                if (json[i] == '\\')
                    ++i;
            if (!atValue && depth == 1)
                topName = json.mid(start, i - start + 1);
            else if (!atValue && depth == 3 && inEvents)
                eventMember = json.mid(start, i - start + 1);
            atValue = false;
        } else if (c == '{' || c == '[') {
            if (c == '[' && depth == 1 && atValue && decodedName(topName) == QLatin1String("events")) {
                inEvents = true; // a repeated "events" adds to the same elements: never fewer refusals
                element = 0;
            }
            ++depth;
            atValue = false;
        } else if (c == '}' || c == ']') {
            --depth;
            if (depth == 1)
                inEvents = false;
        } else if (c == ',') {
            if (depth == 2 && inEvents)
                ++element;
        } else if (c == ':') {
            atValue = true;
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
            if (integral) // beyond int64: Qt rounds it to a double that may look integral
                json.mid(start, i - start + 1).toLongLong(&integral);
            if (!integral && atValue && depth == 3 && inEvents) {
                if (members.size() <= element)
                    members.resize(element + 1);
                members[element].insert(decodedName(eventMember));
            }
            atValue = false;
        }
    }
    return members;
}

std::vector<ParsedEvent> parseUsageBatch(const QByteArray& body)
{
    // JsonBody's check for 1.0-style integers reads top-level members only, and a batch has just
    // "events": parse directly, with the same answers for bodies that are not a JSON object, and read
    // the events' number literals from the text (nonIntegerEventMembers).
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("invalid_body"), QStringLiteral("A JSON object body is required"));
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("malformed_json"), QStringLiteral("The body is not valid JSON: %1 at offset %2")
                                                                         .arg(parseError.errorString())
                                                                         .arg(parseError.offset));
    if (!document.isObject())
        throw ApiError::badRequest(QStringLiteral("invalid_body"), QStringLiteral("The body must be a JSON object"));
    const QJsonObject top = document.object();
    for (auto it = top.begin(); it != top.end(); ++it)
        if (it.key() != QLatin1String("events"))
            throw ApiError(422, QStringLiteral("unknown_field"), QStringLiteral("Unknown field '%1'").arg(it.key().left(64)),
                           QJsonObject{{QStringLiteral("field"), it.key().left(64)}});
    const QJsonValue events = top.value(QLatin1String("events"));
    if (!events.isArray())
        throw ApiError::validation(QStringLiteral("events"), QStringLiteral("'events' must be an array of event objects"));
    const QJsonArray array = events.toArray();
    if (array.isEmpty())
        throw ApiError::validation(QStringLiteral("events"), QStringLiteral("'events' needs at least one event"));
    if (array.size() > kMaxBatchEvents)
        throw ApiError(413, QStringLiteral("too_many_events"),
                       QStringLiteral("A batch holds at most %1 events").arg(kMaxBatchEvents),
                       QJsonObject{{QStringLiteral("max_events"), kMaxBatchEvents}});
    const std::vector<QSet<QString>> nonInteger = nonIntegerEventMembers(body);
    const QSet<QString> none;
    std::vector<ParsedEvent> result;
    result.reserve(static_cast<std::size_t>(array.size()));
    for (const QJsonValue& value : array) {
        const std::size_t index = result.size();
        ParsedEvent entry{QString(), ApiError(422, QString(), QString())};
        if (!value.isObject()) {
            entry.event = ApiError::validation(QStringLiteral("events"), QStringLiteral("Each event must be a JSON object"));
            result.push_back(std::move(entry));
            continue;
        }
        const QJsonObject object = value.toObject();
        const QJsonValue id = object.value(QLatin1String("id"));
        if (id.isString() && id.toString().size() <= kMaxEventIdLength && isKeyText(id.toString()))
            entry.id = id.toString();
        try {
            entry.event = parseUsageEvent(object, index < nonInteger.size() ? nonInteger[index] : none);
        } catch (const ApiError& error) {
            entry.event = error;
        }
        result.push_back(std::move(entry));
    }
    return result;
}

} // namespace creditdesk
