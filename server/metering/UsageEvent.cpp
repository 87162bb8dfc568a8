#include "metering/UsageEvent.h"

#include "core/Json.h"
#include "metering/EventFields.h"

#include <QCborValue>
#include <QJsonDocument>
#include <QVarLengthArray>

#include <array>
#include <charconv>
#include <cstring>
#include <limits>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <string_view>

namespace creditdesk::server {

namespace {

struct KindName
{
    UsageKind kind;
    const char* name;
};
constexpr std::array kKindNames{
    KindName{UsageKind::Chat, "chat"},   KindName{UsageKind::Embedding, "embedding"},
    KindName{UsageKind::Tts, "tts"},     KindName{UsageKind::Search, "search"},
    KindName{UsageKind::Agent, "agent"}, KindName{UsageKind::Compute, "compute"}};

// The fast path of parseEventTimestamp, over any string (at(i) is the i-th UTF-16 unit): what gateways
// send, "YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z". Anything else (offsets, lower case, longer fractions, odd dates)
// is nullopt, for the general RFC 3339 parser, which this must agree with (the fuzzer checks it).
template<typename CharAt> std::optional<qint64> usualTimestamp(qsizetype size, CharAt at)
{
    if ((size != 20 && (size < 22 || size > 24)) || at(size - 1) != u'Z')
        return std::nullopt;
    const auto digits = [&](qsizetype from, int count, int& out) {
        out = 0;
        for (int i = 0; i < count; ++i) {
            const char16_t c = at(from + i);
            if (c < u'0' || c > u'9')
                return false;
            out = out * 10 + (c - u'0');
        }
        return true;
    };
    int year, month, day, hour, minute, second, fraction = 0;
    if (!digits(0, 4, year) || at(4) != u'-' || !digits(5, 2, month) || at(7) != u'-' || !digits(8, 2, day) ||
        at(10) != u'T' || !digits(11, 2, hour) || at(13) != u':' || !digits(14, 2, minute) ||
        at(16) != u':' || !digits(17, 2, second))
        return std::nullopt;
    if (size > 20) {
        const int fractionDigits = static_cast<int>(size - 21);
        if (at(19) != u'.' || !digits(20, fractionDigits, fraction))
            return std::nullopt;
        for (int i = fractionDigits; i < 3; ++i)
            fraction *= 10;
    }
    static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1 || month < 1 || month > 12 || day < 1 ||
        day > kDaysIn[month - 1] + (month == 2 && leap ? 1 : 0) || hour > 23 || minute > 59 || second > 59)
        return std::nullopt; // let the general parser give the same answer for odd dates
    // Days from the civil date (Howard Hinnant's algorithm), then milliseconds.
    const int y = year - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const qint64 days = era * 146097 + doe - 719468;
    return ((days * 24 + hour) * 60 + minute) * 60000LL + second * 1000LL + fraction;
}

ApiError invalid(const QString& field, const QString& message)
{
    return ApiError::validation(field, message);
}

QString fieldName(EventField field)
{
    return QLatin1String(kEventFieldNames[static_cast<std::size_t>(field)]);
}

bool present(const FieldValue& value)
{
    return value.type != FieldValue::Type::Absent && value.type != FieldValue::Type::Null;
}

QString stringOf(const FieldValue& value)
{
    if (value.decoded)
        return *value.decoded;
    if (value.verbatim)
        return QString::fromLatin1(value.raw.data(), value.raw.size());
    return decodeJsonString(value.raw);
}

// A text field's checked value. For printable ASCII (the usual case) it stays the request's bytes, so
// fields that are only compared or parsed (kind, status, occurred_at) never become a QString.
struct Text
{
    bool isAscii = false;
    QByteArrayView ascii;
    QString string;

    QString toString() const { return isAscii ? QString::fromLatin1(ascii.data(), ascii.size()) : string; }
    bool isEmpty() const { return isAscii ? ascii.isEmpty() : string.isEmpty(); }
    bool is(const char* latin1) const
    {
        return isAscii ? std::string_view(ascii.data(), static_cast<std::size_t>(ascii.size())) == latin1
                       : string == QLatin1String(latin1);
    }
};

Text checkedText(const EventFields& fields, EventField name, int maxLength)
{
    const FieldValue& value = fields[name];
    if (!present(value))
        return {};
    if (value.type != FieldValue::Type::String)
        throw invalid(fieldName(name), QStringLiteral("'%1' must be a string").arg(fieldName(name)));
    Text result;
    if (value.verbatim && !value.decoded) {
        // Printable ASCII: nothing to refuse as unclean, and spaces are all that trimmed() would cut.
        QByteArrayView bytes = value.raw;
        while (!bytes.isEmpty() && bytes.front() == ' ')
            bytes = bytes.sliced(1);
        while (!bytes.isEmpty() && bytes.back() == ' ')
            bytes.chop(1);
        result.isAscii = true;
        result.ascii = bytes;
    } else {
        result.string = stringOf(value).trimmed();
    }
    const qsizetype size = result.isAscii ? result.ascii.size() : result.string.size();
    if (size > maxLength)
        throw invalid(
            fieldName(name),
            QStringLiteral("'%1' is longer than %2 characters").arg(fieldName(name)).arg(maxLength));
    if (!result.isAscii && !isCleanText(result.string))
        throw invalid(fieldName(name),
                      QStringLiteral("'%1' contains control or invisible characters").arg(fieldName(name)));
    return result;
}

QString text(const EventFields& fields, EventField name, int maxLength)
{
    return checkedText(fields, name, maxLength).toString();
}

std::optional<qint64> integer(const EventFields& fields, EventField name, qint64 min, qint64 max)
{
    const FieldValue& value = fields[name];
    if (!present(value))
        return std::nullopt;
    // Only a plain integer literal is an integer: fractions and out-of-range values are refused, never
    // rounded (docs/design.md §3), and so are 1.0 and 1e3, whose value alone would pass.
    if (value.type != FieldValue::Type::Integer || (fields.nonInteger & EventFields::bit(name)) != 0)
        throw invalid(fieldName(name), QStringLiteral("'%1' must be an integer between %2 and %3")
                                           .arg(fieldName(name))
                                           .arg(min)
                                           .arg(max));
    if (value.integer < min || value.integer > max)
        throw invalid(
            fieldName(name),
            QStringLiteral("'%1' must be between %2 and %3").arg(fieldName(name)).arg(min).arg(max));
    return value.integer;
}

bool isKeyText(const QString& id)
{
    for (const QChar c : id)
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    return true;
}

// The canonical bytes a fingerprint hashes: every field as UTF-8 or decimal text, each followed by a
// unit separator, then the metadata. Kept on the stack for the usual event (no QByteArray temporaries).
class CanonicalBytes
{
public:
    // capacity: enough for everything appended (3 UTF-8 bytes per UTF-16 unit at most).
    explicit CanonicalBytes(qsizetype capacity)
    {
        m_bytes.resize(capacity);
        m_out = m_bytes.data();
    }
    void append(const QString& value)
    {
        const auto* units = reinterpret_cast<const char16_t*>(value.utf16());
        const qsizetype size = value.size();
        qsizetype i = 0;
        for (; i < size && units[i] < 0x80; ++i)
            m_out[i] = static_cast<char>(units[i]);
        if (i == size) {
            m_out += size;
        } else {
            const QByteArray utf8 = value.toUtf8(); // as it always was, lone surrogates included
            std::memcpy(m_out, utf8.constData(), static_cast<std::size_t>(utf8.size()));
            m_out += utf8.size();
        }
        *m_out++ = '\x1f';
    }
    void append(qint64 value)
    {
        m_out = std::to_chars(m_out, m_out + kMaxDigits, value).ptr;
        *m_out++ = '\x1f';
    }
    void append(const std::optional<qint64>& value)
    {
        if (value) {
            append(*value);
        } else {
            *m_out++ = '-';
            *m_out++ = '\x1f';
        }
    }
    void append(const char* latin1)
    {
        const std::size_t size = std::strlen(latin1);
        std::memcpy(m_out, latin1, size);
        m_out += size;
        *m_out++ = '\x1f';
    }
    void appendRaw(const QByteArray& bytes)
    {
        std::memcpy(m_out, bytes.constData(), static_cast<std::size_t>(bytes.size()));
        m_out += bytes.size();
    }

    static constexpr qsizetype kMaxDigits = 20; // "-9223372036854775808"

    std::array<unsigned char, SHA256_DIGEST_LENGTH> sha256() const
    {
        // OpenSSL's one-shot SHA256() looks the algorithm up on every call, which costs more than hashing
        // an event: keep the algorithm and a context per thread.
        struct Digest
        {
            EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
            EVP_MD_CTX* context = EVP_MD_CTX_new();
            ~Digest()
            {
                EVP_MD_CTX_free(context);
                EVP_MD_free(md);
            }
        };
        thread_local const Digest digest;
        std::array<unsigned char, SHA256_DIGEST_LENGTH> value{};
        const auto* data = reinterpret_cast<const unsigned char*>(m_bytes.constData());
        const auto size = static_cast<std::size_t>(m_out - m_bytes.constData());
        unsigned int length = 0;
        if (!digest.md || !digest.context || EVP_DigestInit_ex2(digest.context, digest.md, nullptr) != 1 ||
            EVP_DigestUpdate(digest.context, data, size) != 1 ||
            EVP_DigestFinal_ex(digest.context, value.data(), &length) != 1)
            SHA256(data, size, value.data());
        return value;
    }

private:
    QVarLengthArray<char, 1024> m_bytes;
    char* m_out = nullptr;
};

const char* kindName(UsageKind kind)
{
    for (const auto& entry : kKindNames)
        if (entry.kind == kind)
            return entry.name;
    return "";
}

} // namespace

std::optional<qint64> parseEventTimestamp(const QString& text)
{
    if (const auto epochMs = usualTimestamp(text.size(), [&](qsizetype i) { return text[i].unicode(); }))
        return epochMs;
    return parseTimestamp(text);
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
    // The same bytes and digest as ever: fingerprints are stored, and compared when an id is replayed.
    const qsizetype texts =
        id.size() + apiKeyId.size() + provider.size() + model.size() + executionId.size() + taskType.size();
    CanonicalBytes canonical(3 * texts + 12 * (CanonicalBytes::kMaxDigits + 1) + 32 + metadata.size());
    canonical.append(id);
    canonical.append(occurredAt);
    canonical.append(organizationId);
    canonical.append(userId);
    canonical.append(memberId);
    canonical.append(apiKeyId);
    canonical.append(kindName(kind));
    canonical.append(provider);
    canonical.append(model);
    canonical.append(tokensInput);
    canonical.append(tokensOutput);
    canonical.append(computeMs);
    canonical.append(units);
    canonical.append(executionId);
    canonical.append(taskType);
    canonical.append(qint64(failed));
    canonical.append(qint64(byok));
    canonical.append(reservationId);
    canonical.appendRaw(metadata);
    const auto digest = canonical.sha256();
    quint64 value = 0;
    std::memcpy(&value, digest.data(), sizeof value);
    return static_cast<qint64>(value >> 1); // non-negative: stored in a signed BIGINT everywhere
}

std::optional<EventField> eventFieldNamed(QStringView name)
{
    for (std::size_t i = 0; i < kEventFieldNames.size(); ++i)
        if (name == QLatin1String(kEventFieldNames[i]))
            return static_cast<EventField>(i);
    return std::nullopt;
}

QString eventKeyOf(const EventFields& fields)
{
    const FieldValue& id = fields[EventField::Id];
    if (id.type != FieldValue::Type::String)
        return {};
    QString key = stringOf(id);
    if (key.size() > kMaxEventIdLength || !isKeyText(key))
        return {};
    return key;
}

UsageEvent validateEventFields(const EventFields& object, EventCheckOrder order)
{
    const qint64 maxId = std::numeric_limits<qint64>::max();
    if (order == EventCheckOrder::IntegersFirst) {
        integer(object, EventField::OrganizationId, 1, maxId);
        integer(object, EventField::UserId, 1, maxId);
        integer(object, EventField::MemberId, 1, maxId);
        integer(object, EventField::ReservationId, 1, maxId);
        integer(object, EventField::TokensInput, 0, kMaxEventTokens);
        integer(object, EventField::TokensOutput, 0, kMaxEventTokens);
        integer(object, EventField::ComputeMs, 0, kMaxEventComputeMs);
        integer(object, EventField::Units, 0, kMaxEventUnits);
    }
    if (object.unknownField) {
        const QString key = object.unknownField->left(64);
        throw ApiError(QStringLiteral("unknown_field"), QStringLiteral("Unknown field '%1'").arg(key),
                       QJsonObject{{QStringLiteral("field"), key}});
    }
    UsageEvent event;
    // The id is a key: taken exactly as sent (never trimmed), so " a" and "a\r" are refused, not read as "a".
    const FieldValue& id = object[EventField::Id];
    event.id = id.type == FieldValue::Type::String ? stringOf(id) : QString();
    if (event.id.isEmpty() || event.id.size() > kMaxEventIdLength || !isKeyText(event.id))
        throw invalid(QStringLiteral("id"),
                      QStringLiteral("'id' is required: 1 to %1 printable ASCII characters without spaces")
                          .arg(kMaxEventIdLength));
    const Text occurred = checkedText(object, EventField::OccurredAt, 40);
    std::optional<qint64> occurredAt;
    if (occurred.isAscii)
        occurredAt =
            usualTimestamp(occurred.ascii.size(), [&](qsizetype i) { return char16_t(occurred.ascii[i]); });
    if (!occurredAt)
        occurredAt = parseEventTimestamp(occurred.toString());
    if (!occurredAt)
        throw invalid(QStringLiteral("occurred_at"),
                      QStringLiteral("'occurred_at' is required: an RFC 3339 timestamp"));
    event.occurredAt = *occurredAt;
    event.organizationId = integer(object, EventField::OrganizationId, 1, maxId);
    event.userId = integer(object, EventField::UserId, 1, maxId);
    if (event.organizationId.has_value() == event.userId.has_value())
        throw invalid(QStringLiteral("organization_id"),
                      QStringLiteral("Give exactly one of 'organization_id' and 'user_id'"));
    event.memberId = integer(object, EventField::MemberId, 1, maxId);
    event.apiKeyId = text(object, EventField::ApiKeyId, 128);
    const Text kindText = checkedText(object, EventField::Kind, 20);
    std::optional<UsageKind> kind;
    for (const auto& entry : kKindNames)
        if (!kind && kindText.is(entry.name))
            kind = entry.kind;
    if (!kind)
        throw invalid(QStringLiteral("kind"),
                      QStringLiteral("'kind' is required: chat, embedding, tts, search, agent or compute"));
    event.kind = *kind;
    event.provider = text(object, EventField::Provider, 64);
    event.model = text(object, EventField::Model, 128);
    event.tokensInput = integer(object, EventField::TokensInput, 0, kMaxEventTokens).value_or(0);
    event.tokensOutput = integer(object, EventField::TokensOutput, 0, kMaxEventTokens).value_or(0);
    event.computeMs = integer(object, EventField::ComputeMs, 0, kMaxEventComputeMs).value_or(0);
    event.units = integer(object, EventField::Units, 0, kMaxEventUnits).value_or(0);
    event.executionId = text(object, EventField::ExecutionId, 128);
    event.taskType = text(object, EventField::TaskType, 64);
    const Text status = checkedText(object, EventField::Status, 20);
    if (!status.isEmpty() && !status.is("success") && !status.is("error"))
        throw invalid(QStringLiteral("status"), QStringLiteral("'status' must be 'success' or 'error'"));
    event.failed = status.is("error");
    const FieldValue& byok = object[EventField::Byok];
    if (present(byok)) {
        if (byok.type != FieldValue::Type::Bool)
            throw invalid(QStringLiteral("byok"), QStringLiteral("'byok' must be true or false"));
        event.byok = byok.boolean;
    }
    event.reservationId = integer(object, EventField::ReservationId, 1, maxId);
    const FieldValue& metadata = object[EventField::Metadata];
    if (present(metadata)) {
        if (metadata.type != FieldValue::Type::Object)
            throw invalid(QStringLiteral("metadata"), QStringLiteral("'metadata' must be a JSON object"));
        event.metadata = renderedObject(metadata);
        if (event.metadata.size() > kMaxMetadataBytes)
            throw invalid(QStringLiteral("metadata"),
                          QStringLiteral("'metadata' is larger than %1 bytes").arg(kMaxMetadataBytes));
    }
    return event;
}

UsageEvent parseUsageEvent(const QJsonObject& json, const QSet<QString>& nonIntegerMembers)
{
    // The members as the reader would have seen them, for the same validation code.
    EventFields fields;
    std::array<QString, kEventFieldCount> strings;
    QByteArray metadata;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const auto field = eventFieldNamed(it.key());
        if (!field) {
            if (!fields.unknownField)
                fields.unknownField = it.key();
            continue;
        }
        FieldValue& value = fields[*field];
        const QJsonValue member = it.value();
        if (member.isNull()) {
            value.type = FieldValue::Type::Null;
        } else if (member.isBool()) {
            value.type = FieldValue::Type::Bool;
            value.boolean = member.toBool();
        } else if (member.isDouble()) {
            // Qt keeps integral numbers that fit in int64 as integers (1.0 included: nonIntegerMembers says).
            const QCborValue cbor = QCborValue::fromJsonValue(member);
            value.type = cbor.isInteger() ? FieldValue::Type::Integer : FieldValue::Type::Number;
            value.integer = cbor.isInteger() ? cbor.toInteger() : 0;
        } else if (member.isString()) {
            value.type = FieldValue::Type::String;
            strings[static_cast<std::size_t>(*field)] = member.toString();
            value.decoded = &strings[static_cast<std::size_t>(*field)];
        } else if (member.isArray()) {
            value.type = FieldValue::Type::Array;
        } else if (member.isObject()) {
            value.type = FieldValue::Type::Object;
            if (*field == EventField::Metadata) {
                metadata = QJsonDocument(member.toObject()).toJson(QJsonDocument::Compact);
                value.rendered = &metadata;
            }
        }
    }
    for (const QString& name : nonIntegerMembers)
        if (const auto field = eventFieldNamed(name))
            fields.nonInteger |= EventFields::bit(*field);
    return validateEventFields(fields, EventCheckOrder::Fields);
}

} // namespace creditdesk::server
