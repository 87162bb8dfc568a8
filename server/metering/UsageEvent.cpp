#include "metering/UsageEvent.h"

#include "core/Json.h"

#include <QCborValue>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <cstring>

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

bool present(const QJsonObject& object, const char* name)
{
    const auto it = object.constFind(QLatin1String(name));
    return it != object.constEnd() && !it->isNull();
}

QString text(const QJsonObject& object, const char* name, int maxLength)
{
    if (!present(object, name))
        return {};
    const QString field = QLatin1String(name);
    const QJsonValue value = object.value(field);
    if (!value.isString())
        throw invalid(field, QStringLiteral("'%1' must be a string").arg(field));
    const QString result = value.toString().trimmed();
    if (result.size() > maxLength)
        throw invalid(field, QStringLiteral("'%1' is longer than %2 characters").arg(field).arg(maxLength));
    if (!isCleanText(result))
        throw invalid(field, QStringLiteral("'%1' contains control or invisible characters").arg(field));
    return result;
}

std::optional<qint64> integer(const QJsonObject& object, const char* name, qint64 min, qint64 max)
{
    if (!present(object, name))
        return std::nullopt;
    const QString field = QLatin1String(name);
    // Integral JSON numbers that fit in int64 stay integers in Qt; fractions and out-of-range values
    // arrive as doubles and are refused, never rounded (DESIGN.md §3).
    const QCborValue cbor = QCborValue::fromJsonValue(object.value(field));
    if (!cbor.isInteger())
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

UsageEvent parseUsageEvent(const QJsonObject& object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char* name : kKnownFields)
            known = known || it.key() == QLatin1String(name);
        if (!known)
            throw ApiError(422, QStringLiteral("unknown_field"), QStringLiteral("Unknown field '%1'").arg(it.key().left(64)),
                           QJsonObject{{QStringLiteral("field"), it.key().left(64)}});
    }
    UsageEvent event;
    // The id is a key: taken exactly as sent (never trimmed), so " a" and "a\r" are refused, not read as "a".
    const QJsonValue id = object.value(QLatin1String("id"));
    event.id = id.isString() ? id.toString() : QString();
    if (event.id.isEmpty() || event.id.size() > kMaxEventIdLength || !isKeyText(event.id))
        throw invalid(QStringLiteral("id"),
                      QStringLiteral("'id' is required: 1 to %1 printable ASCII characters without spaces").arg(kMaxEventIdLength));
    const QString occurred = text(object, "occurred_at", 40);
    const auto occurredAt = parseTimestamp(occurred);
    if (!occurredAt)
        throw invalid(QStringLiteral("occurred_at"), QStringLiteral("'occurred_at' is required: an RFC 3339 timestamp"));
    event.occurredAt = *occurredAt;
    const qint64 maxId = std::numeric_limits<qint64>::max();
    event.organizationId = integer(object, "organization_id", 1, maxId);
    event.userId = integer(object, "user_id", 1, maxId);
    if (event.organizationId.has_value() == event.userId.has_value())
        throw invalid(QStringLiteral("organization_id"), QStringLiteral("Give exactly one of 'organization_id' and 'user_id'"));
    event.memberId = integer(object, "member_id", 1, maxId);
    event.apiKeyId = text(object, "api_key_id", 128);
    const auto kind = usageKindFromString(text(object, "kind", 20));
    if (!kind)
        throw invalid(QStringLiteral("kind"),
                      QStringLiteral("'kind' is required: chat, embedding, tts, search, agent or compute"));
    event.kind = *kind;
    event.provider = text(object, "provider", 64);
    event.model = text(object, "model", 128);
    event.tokensInput = integer(object, "tokens_input", 0, kMaxEventTokens).value_or(0);
    event.tokensOutput = integer(object, "tokens_output", 0, kMaxEventTokens).value_or(0);
    event.computeMs = integer(object, "compute_ms", 0, kMaxEventComputeMs).value_or(0);
    event.units = integer(object, "units", 0, kMaxEventUnits).value_or(0);
    event.executionId = text(object, "execution_id", 128);
    event.taskType = text(object, "task_type", 64);
    const QString status = text(object, "status", 20);
    if (!status.isEmpty() && status != QLatin1String("success") && status != QLatin1String("error"))
        throw invalid(QStringLiteral("status"), QStringLiteral("'status' must be 'success' or 'error'"));
    event.failed = status == QLatin1String("error");
    if (present(object, "byok")) {
        if (!object.value(QLatin1String("byok")).isBool())
            throw invalid(QStringLiteral("byok"), QStringLiteral("'byok' must be true or false"));
        event.byok = object.value(QLatin1String("byok")).toBool();
    }
    event.reservationId = integer(object, "reservation_id", 1, maxId);
    if (present(object, "metadata")) {
        const QJsonValue metadata = object.value(QLatin1String("metadata"));
        if (!metadata.isObject())
            throw invalid(QStringLiteral("metadata"), QStringLiteral("'metadata' must be a JSON object"));
        event.metadata = QJsonDocument(metadata.toObject()).toJson(QJsonDocument::Compact);
        if (event.metadata.size() > kMaxMetadataBytes)
            throw invalid(QStringLiteral("metadata"),
                          QStringLiteral("'metadata' is larger than %1 bytes").arg(kMaxMetadataBytes));
    }
    return event;
}

std::vector<ParsedEvent> parseUsageBatch(const QByteArray& body)
{
    const JsonBody parsed(body);
    parsed.rejectUnknownFields({"events"});
    const QJsonValue events = parsed.object().value(QLatin1String("events"));
    if (!events.isArray())
        throw ApiError::validation(QStringLiteral("events"), QStringLiteral("'events' must be an array of event objects"));
    const QJsonArray array = events.toArray();
    if (array.isEmpty())
        throw ApiError::validation(QStringLiteral("events"), QStringLiteral("'events' needs at least one event"));
    if (array.size() > kMaxBatchEvents)
        throw ApiError(413, QStringLiteral("too_many_events"),
                       QStringLiteral("A batch holds at most %1 events").arg(kMaxBatchEvents),
                       QJsonObject{{QStringLiteral("max_events"), kMaxBatchEvents}});
    std::vector<ParsedEvent> result;
    result.reserve(static_cast<std::size_t>(array.size()));
    for (const QJsonValue& value : array) {
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
            entry.event = parseUsageEvent(object);
        } catch (const ApiError& error) {
            entry.event = error;
        }
        result.push_back(std::move(entry));
    }
    return result;
}

} // namespace creditdesk
