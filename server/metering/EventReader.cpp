#include "metering/EventReader.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

namespace creditdesk::server {

namespace {

constexpr int kNestingLimit = 1024; // QJsonDocument's: a deeper document is not JSON to it

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Bytes that end a run of plain text inside a string: control characters, DEL and beyond, '"' and '\\'.
constexpr auto kStringStop = [] {
    std::array<bool, 256> stop{};
    for (std::size_t c = 0; c < stop.size(); ++c)
        stop[c] = c < 0x20 || c >= 0x7F || c == '"' || c == '\\';
    return stop;
}();

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c)
{
    return isDigit(c) ? c - '0' : (c >= 'a' ? c - 'a' : c - 'A') + 10;
}

// The length of the multi-byte UTF-8 sequence at p as Qt's decoder accepts it (no overlong forms, no
// surrogates, nothing above U+10FFFF; noncharacters are fine), or 0.
int utf8Length(const unsigned char* p, const unsigned char* end)
{
    const auto continuation = [&](int i) { return end - p > i && (p[i] & 0xC0) == 0x80; };
    const unsigned lead = p[0];
    if (lead < 0xC2)
        return 0;
    if (lead < 0xE0)
        return continuation(1) ? 2 : 0;
    if (lead < 0xF0) {
        if (!continuation(1) || !continuation(2) || (lead == 0xE0 && p[1] < 0xA0) ||
            (lead == 0xED && p[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (lead < 0xF5) {
        if (!continuation(1) || !continuation(2) || !continuation(3) || (lead == 0xF0 && p[1] < 0x90) ||
            (lead == 0xF4 && p[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

// Field lookup for member names written in plain ASCII: by length, then by bytes.
struct FieldsOfLength
{
    std::array<std::int8_t, 4> fields{-1, -1, -1, -1};
};
constexpr std::size_t kLongestField = 15;
constexpr auto kFieldsByLength = [] {
    std::array<FieldsOfLength, kLongestField + 1> table{};
    for (std::size_t i = 0; i < kEventFieldNames.size(); ++i) {
        auto& slot = table[std::string_view(kEventFieldNames[i]).size()].fields;
        std::size_t k = 0;
        while (slot[k] >= 0)
            ++k;
        slot[k] = static_cast<std::int8_t>(i);
    }
    return table;
}();

std::optional<EventField> asciiField(QByteArrayView name)
{
    if (name.size() > static_cast<qsizetype>(kLongestField))
        return std::nullopt;
    for (const std::int8_t candidate : kFieldsByLength[static_cast<std::size_t>(name.size())].fields) {
        if (candidate < 0)
            break;
        if (std::memcmp(kEventFieldNames[static_cast<std::size_t>(candidate)], name.data(),
                        static_cast<std::size_t>(name.size())) == 0)
            return static_cast<EventField>(candidate);
    }
    return std::nullopt;
}

ApiError unknownFieldError(const QString& name)
{
    const QString key = name.left(64);
    return ApiError(QStringLiteral("unknown_field"), QStringLiteral("Unknown field '%1'").arg(key),
                    QJsonObject{{QStringLiteral("field"), key}});
}

// The first member of a JSON object text (already read) for which `known` is false, in the order
// QJsonObject iterates: its key order, which only Qt itself gets right for every spelling of a key.
template<typename Known> std::optional<QString> firstUnknownMember(QByteArrayView objectText, Known known)
{
    const QJsonObject object = QJsonDocument::fromJson(objectText.toByteArray()).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!known(it.key()))
            return it.key();
    return std::nullopt;
}

ApiError notAnObject()
{
    return ApiError::badRequest(QStringLiteral("invalid_body"),
                                QStringLiteral("The body must be a JSON object"));
}

[[noreturn]] void throwMalformed(const QByteArray& body)
{
    // Qt's words and offset, as the message always had them (the reader agrees with Qt on what is JSON).
    QJsonParseError parseError{};
    QJsonDocument::fromJson(body, &parseError);
    throw ApiError::badRequest(QStringLiteral("malformed_json"),
                               QStringLiteral("The body is not valid JSON: %1 at offset %2")
                                   .arg(parseError.errorString())
                                   .arg(parseError.offset));
}

void rejectBlank(const QByteArray& body)
{
    // QByteArray::trimmed()'s whitespace, a wider set than JSON's
    for (const char c : body)
        if (c != ' ' && (c < '\t' || c > '\r'))
            return;
    throw ApiError::badRequest(QStringLiteral("invalid_body"),
                               QStringLiteral("A JSON object body is required"));
}

} // namespace

struct EventReader::StringToken
{
    QByteArrayView raw;   // between the quotes
    bool verbatim = true; // printable ASCII, no escapes: the bytes are the text
    bool compact = true;  // no escapes, no control characters: QJsonDocument writes it back as it is
    bool ascii = true;
};

struct EventReader::NumberToken
{
    bool integer = false; // a plain int64 literal
    qint64 value = 0;
    bool compact = false; // QJsonDocument writes it back as it is
};

EventReader::EventReader(const QByteArray& body)
    : m_body(body), m_p(body.constData()), m_end(body.constData() + body.size())
{
    // QJsonDocument skips a UTF-8 byte order mark when something follows it.
    if (m_end - m_p > 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
        m_p += 3;
}

char EventReader::firstToken()
{
    skipSpace();
    if (m_p == m_end || (*m_p != '{' && *m_p != '['))
        throw NotJson{}; // a JSON text is an object or an array to Qt
    return *m_p;
}

void EventReader::expectEnd()
{
    skipSpace();
    if (m_p != m_end)
        throw NotJson{};
}

void EventReader::skipSomeSpace()
{
    // Local pointers in the loops here and below: a char load may alias the members, which the compiler
    // would otherwise store and reload on every byte.
    const char* p = m_p;
    const char* const end = m_end;
    ++m_spaces;
    do
        ++p;
    while (p != end && isJsonSpace(*p));
    m_p = p;
}

void EventReader::enter()
{
    ++m_p;
    if (++m_depth > kNestingLimit)
        throw NotJson{};
}

EventReader::StringToken EventReader::string()
{
    const char* p = m_p + 1; // past the opening quote
    const char* const end = m_end;
    const char* const start = p;
    StringToken token;
    for (;;) {
        while (p != end && !kStringStop[static_cast<unsigned char>(*p)])
            ++p;
        if (p == end)
            throw NotJson{};
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"')
            break;
        token.verbatim = false;
        if (c == '\\') {
            token.compact = false;
            token.ascii = false;
            if (end - p < 2)
                throw NotJson{};
            if (p[1] == 'u') {
                if (end - p < 6 || !isHex(p[2]) || !isHex(p[3]) || !isHex(p[4]) || !isHex(p[5]))
                    throw NotJson{};
                p += 6;
            } else {
                p += 2; // Qt reads any other escaped byte as itself: "\q" is "q"
            }
        } else if (c < 0x80) {
            token.compact = token.compact && c == 0x7F; // control characters are taken raw, written as \u00XX
            ++p;
        } else {
            const int length = utf8Length(reinterpret_cast<const unsigned char*>(p),
                                          reinterpret_cast<const unsigned char*>(end));
            if (length == 0)
                throw NotJson{};
            token.ascii = false;
            p += length;
        }
    }
    token.raw = QByteArrayView(start, p - start);
    m_p = p + 1;
    if (m_p == end)
        throw NotJson{}; // Qt refuses a string that ends the text (it could not be valid anyway)
    return token;
}

EventReader::NumberToken EventReader::number()
{
    // Delimited as Qt's parser does, then read as Qt reads it: toLongLong for a plain integer, else
    // QByteArray::toDouble decides (it takes "1." and ".5", and refuses overflow and underflow).
    const char* const start = m_p;
    const char* const end = m_end;
    const char* p = start;
    const bool negative = *p == '-';
    if (negative)
        ++p;
    const char* const digits = p;
    if (p != end && *p == '0') {
        ++p;
    } else {
        while (p != end && isDigit(*p))
            ++p;
    }
    const qsizetype digitCount = p - digits;
    bool plain = true;
    if (p != end && *p == '.') {
        plain = false;
        ++p;
        while (p != end && isDigit(*p))
            ++p;
    }
    if (p != end && (*p == 'e' || *p == 'E')) {
        plain = false;
        ++p;
        if (p != end && (*p == '-' || *p == '+'))
            ++p;
        while (p != end && isDigit(*p))
            ++p;
    }
    m_p = p;
    if (p == end)
        throw NotJson{};
    if (plain && digitCount > 0 && digitCount <= 19) {
        quint64 magnitude = 0;
        for (const char* d = digits; d != p; ++d)
            magnitude = magnitude * 10 + static_cast<quint64>(*d - '0');
        const quint64 limit = negative ? quint64(1) << 63 : (quint64(1) << 63) - 1;
        if (magnitude <= limit) {
            NumberToken token;
            token.integer = true;
            token.value = negative ? static_cast<qint64>(0 - magnitude) : static_cast<qint64>(magnitude);
            token.compact = !(negative && magnitude == 0); // Qt writes -0 as 0
            return token;
        }
    }
    bool ok = false;
    QByteArray::fromRawData(start, p - start).toDouble(&ok);
    if (!ok)
        throw NotJson{};
    return NumberToken{};
}

void EventReader::literal(const char* rest, std::ptrdiff_t length)
{
    // As Qt checks it: the letters after the first, and at least one byte after them.
    ++m_p;
    if (m_end - m_p < length + 1 || std::memcmp(m_p, rest, static_cast<std::size_t>(length)) != 0)
        throw NotJson{};
    m_p += length;
}

template<typename OnMember> void EventReader::members(OnMember&& onMember)
{
    // After the '{': onMember(key) is called with m_p at the value, and reads it.
    enter();
    skipSpace();
    if (m_p != m_end && *m_p == '}') {
        ++m_p;
        --m_depth;
        return;
    }
    for (;;) {
        if (m_p == m_end || *m_p != '"')
            throw NotJson{};
        const StringToken key = string();
        skipSpace();
        if (m_p == m_end || *m_p != ':')
            throw NotJson{};
        ++m_p;
        skipSpace();
        if (m_p == m_end)
            throw NotJson{};
        onMember(key);
        skipSpace();
        if (m_p == m_end)
            throw NotJson{};
        if (*m_p == '}') {
            ++m_p;
            --m_depth;
            return;
        }
        if (*m_p != ',')
            throw NotJson{};
        ++m_p;
        skipSpace();
    }
}

template<typename OnElement> void EventReader::elements(OnElement&& onElement)
{
    // After the '[': onElement() is called with m_p at each element, and reads it.
    enter();
    skipSpace();
    if (m_p == m_end)
        throw NotJson{};
    if (*m_p == ']') {
        ++m_p;
        --m_depth;
        return;
    }
    for (;;) {
        skipSpace();
        if (m_p == m_end)
            throw NotJson{};
        onElement();
        skipSpace();
        if (m_p == m_end)
            throw NotJson{};
        if (*m_p == ']') {
            ++m_p;
            --m_depth;
            return;
        }
        if (*m_p != ',')
            throw NotJson{};
        ++m_p;
    }
}

void EventReader::skipValue()
{
    switch (*m_p) {
    case '{':
        skipObject();
        return;
    case '[':
        skipArray();
        return;
    case '"':
        if (!string().compact)
            ++m_notCompact;
        return;
    case 'n':
        literal("ull", 3);
        return;
    case 't':
        literal("rue", 3);
        return;
    case 'f':
        literal("alse", 4);
        return;
    case ',':
    case ']':
    case '}':
        throw NotJson{};
    default:
        if (!number().compact)
            ++m_notCompact;
        return;
    }
}

void EventReader::skipObject()
{
    std::string_view previous;
    bool first = true;
    members([&](const StringToken& key) {
        // Qt writes members sorted by key, without duplicates; only plain ASCII keys are compared here.
        const std::string_view name(key.raw.data(), static_cast<std::size_t>(key.raw.size()));
        if (!key.compact || !key.ascii || (!first && !(previous < name)))
            ++m_notCompact;
        previous = name;
        first = false;
        skipValue();
    });
}

void EventReader::skipArray()
{
    elements([&] { skipValue(); });
}

void EventReader::readMember(EventFields& fields, EventField field)
{
    FieldValue& value = fields[field];
    value = FieldValue{}; // a repeated member: the last one counts, as in QJsonObject
    switch (*m_p) {
    case '"': {
        const StringToken token = string();
        value.type = FieldValue::Type::String;
        value.raw = token.raw;
        value.verbatim = token.verbatim;
        return;
    }
    case '{': {
        const char* start = m_p;
        const int spaces = m_spaces;
        const int notCompact = m_notCompact;
        skipObject();
        value.type = FieldValue::Type::Object;
        value.raw = QByteArrayView(start, m_p - start);
        value.verbatim = spaces == m_spaces && notCompact == m_notCompact;
        return;
    }
    case '[':
        skipArray();
        value.type = FieldValue::Type::Array;
        return;
    case 'n':
        literal("ull", 3);
        value.type = FieldValue::Type::Null;
        return;
    case 't':
        literal("rue", 3);
        value.type = FieldValue::Type::Bool;
        value.boolean = true;
        return;
    case 'f':
        literal("alse", 4);
        value.type = FieldValue::Type::Bool;
        return;
    case ',':
    case ']':
    case '}':
        throw NotJson{};
    default: {
        const NumberToken token = number();
        if (token.integer) {
            value.type = FieldValue::Type::Integer;
            value.integer = token.value;
        } else {
            value.type = FieldValue::Type::Number;
            fields.nonInteger |= EventFields::bit(field);
        }
        return;
    }
    }
}

EventFields EventReader::readEvent()
{
    const char* start = m_p;
    EventFields fields;
    bool unknown = false;
    members([&](const StringToken& key) {
        const auto field = key.verbatim ? asciiField(key.raw) : eventFieldNamed(decodeJsonString(key.raw));
        if (field) {
            readMember(fields, *field);
        } else {
            unknown = true;
            skipValue();
        }
    });
    if (unknown)
        fields.unknownField = firstUnknownMember(QByteArrayView(start, m_p - start), [](const QString& key) {
            return eventFieldNamed(key).has_value();
        });
    return fields;
}

std::vector<ParsedEvent> EventReader::readBatch()
{
    if (firstToken() == '[') {
        skipArray();
        expectEnd();
        throw notAnObject();
    }
    bool unknown = false;
    bool sawEvents = false;
    bool eventsIsArray = false;
    std::size_t count = 0;
    std::vector<ParsedEvent> results;
    results.reserve(static_cast<std::size_t>(std::min<qsizetype>(kMaxBatchEvents, m_body.size() / 128 + 1)));
    // A repeated "events" member: the last array is the batch, but a field written as 1.0 in an earlier
    // array's element refuses the same element of the last (as the text scan before this reader did).
    std::vector<std::uint32_t> earlierNonInteger;
    std::vector<std::uint32_t> nonInteger;
    members([&](const StringToken& key) {
        if (key.verbatim
                ? std::string_view(key.raw.data(), static_cast<std::size_t>(key.raw.size())) != "events"
                : decodeJsonString(key.raw) != QLatin1String("events")) {
            unknown = true;
            skipValue();
            return;
        }
        if (earlierNonInteger.size() < nonInteger.size())
            earlierNonInteger.resize(nonInteger.size());
        for (std::size_t i = 0; i < nonInteger.size(); ++i)
            earlierNonInteger[i] |= nonInteger[i];
        nonInteger.clear();
        results.clear();
        count = 0;
        sawEvents = true;
        eventsIsArray = *m_p == '[';
        if (!eventsIsArray) {
            skipValue();
            return;
        }
        elements([&] {
            const std::size_t index = count++;
            if (index >= static_cast<std::size_t>(kMaxBatchEvents)) {
                skipValue(); // refused as a whole below: only the text matters now
                return;
            }
            if (*m_p != '{') {
                skipValue();
                nonInteger.push_back(0);
                results.push_back(
                    {QString(), ApiError::validation(QStringLiteral("events"),
                                                     QStringLiteral("Each event must be a JSON object"))});
                return;
            }
            EventFields fields = readEvent();
            nonInteger.push_back(fields.nonInteger);
            if (index < earlierNonInteger.size())
                fields.nonInteger |= earlierNonInteger[index];
            try {
                UsageEvent event = validateEventFields(fields, EventCheckOrder::Fields);
                QString id = event.id;
                results.push_back({std::move(id), std::move(event)});
            } catch (const ApiError& error) {
                results.push_back({eventKeyOf(fields), error});
            }
        });
    });
    expectEnd();
    if (unknown)
        throw unknownFieldError(firstUnknownMember(QByteArrayView(m_body), [](const QString& key) {
                                    return key == QLatin1String("events");
                                }).value_or(QString()));
    if (!sawEvents || !eventsIsArray)
        throw ApiError::validation(QStringLiteral("events"),
                                   QStringLiteral("'events' must be an array of event objects"));
    if (count == 0)
        throw ApiError::validation(QStringLiteral("events"),
                                   QStringLiteral("'events' needs at least one event"));
    if (count > static_cast<std::size_t>(kMaxBatchEvents))
        throw ApiError(QStringLiteral("too_many_events"),
                       QStringLiteral("A batch holds at most %1 events").arg(kMaxBatchEvents),
                       QJsonObject{{QStringLiteral("max_events"), kMaxBatchEvents}});
    return results;
}

UsageEvent EventReader::readEventBody()
{
    if (firstToken() == '[') {
        skipArray();
        expectEnd();
        throw notAnObject();
    }
    const EventFields fields = readEvent();
    expectEnd();
    return validateEventFields(fields, EventCheckOrder::IntegersFirst);
}

QString decodeJsonString(QByteArrayView raw)
{
    // The reader accepted the text, so every escape is complete and the rest is valid UTF-8.
    QString text;
    text.reserve(raw.size());
    const char* p = raw.data();
    const char* end = p + raw.size();
    while (p != end) {
        const char* run = p;
        while (p != end && *p != '\\')
            ++p;
        if (p != run)
            text += QString::fromUtf8(run, p - run);
        if (p == end)
            break;
        const char escaped = p[1];
        p += 2;
        switch (escaped) {
        case 'b':
            text += QChar(0x8);
            break;
        case 'f':
            text += QChar(0xC);
            break;
        case 'n':
            text += QChar(0xA);
            break;
        case 'r':
            text += QChar(0xD);
            break;
        case 't':
            text += QChar(0x9);
            break;
        case 'u': {
            // One UTF-16 unit each: a surrogate pair is two escapes, a lone half stays as Qt keeps it.
            const int unit =
                hexValue(p[0]) << 12 | hexValue(p[1]) << 8 | hexValue(p[2]) << 4 | hexValue(p[3]);
            text += QChar(static_cast<char16_t>(unit));
            p += 4;
            break;
        }
        default: // '"', '\\', '/', and any other byte, which Qt reads as the Latin-1 character
            text += QChar(static_cast<char16_t>(static_cast<unsigned char>(escaped)));
            break;
        }
    }
    return text;
}

QByteArray renderedObject(const FieldValue& value)
{
    if (value.rendered)
        return *value.rendered;
    if (value.verbatim)
        return value.raw.toByteArray();
    // Spaces, escapes, key order or number spellings that Qt writes otherwise: Qt writes it.
    return QJsonDocument::fromJson(value.raw.toByteArray()).toJson(QJsonDocument::Compact);
}

std::vector<ParsedEvent> parseUsageBatch(const QByteArray& body)
{
    rejectBlank(body);
    try {
        return EventReader(body).readBatch();
    } catch (const EventReader::NotJson&) {
        throwMalformed(body);
    }
}

UsageEvent parseUsageEventBody(const QByteArray& body)
{
    rejectBlank(body);
    try {
        return EventReader(body).readEventBody();
    } catch (const EventReader::NotJson&) {
        throwMalformed(body);
    }
}

} // namespace creditdesk::server
