#pragma once

// The members of one usage event object as read from a request, before validation: what the JSON
// reader (EventReader.cpp) and the QJsonObject entry point (UsageEvent.cpp) both hand to the one
// piece of code that checks the fields (validateEventFields).

#include "metering/UsageEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>

namespace creditdesk::server {

enum class EventField : std::uint8_t
{
    Id,
    OccurredAt,
    OrganizationId,
    UserId,
    MemberId,
    ApiKeyId,
    Kind,
    Provider,
    Model,
    TokensInput,
    TokensOutput,
    ComputeMs,
    Units,
    ExecutionId,
    TaskType,
    Status,
    Byok,
    ReservationId,
    Metadata,
};
inline constexpr std::size_t kEventFieldCount = 19;
inline constexpr std::array<const char*, kEventFieldCount> kEventFieldNames{
    "id",      "occurred_at",  "organization_id", "user_id",      "member_id",     "api_key_id",
    "kind",    "provider",     "model",           "tokens_input", "tokens_output", "compute_ms",
    "units",   "execution_id", "task_type",       "status",       "byok",          "reservation_id",
    "metadata"};

// The field a member name (as decoded) stands for.
std::optional<EventField> eventFieldNamed(QStringView name);

// One member's value. Strings and objects point into the request text (which outlives the value), or,
// from the QJsonObject entry point, at text already decoded or rendered.
struct FieldValue
{
    enum class Type : std::uint8_t
    {
        Absent,
        Null,
        Bool,
        Integer, // a plain int64 integer literal: -?(0|[1-9][0-9]*)
        Number,  // any other number (1.0, 1e3, 2^63, 0.5)
        String,
        Object,
        Array
    };
    Type type = Type::Absent;
    bool boolean = false;
    // String: printable ASCII without escapes, so the bytes between the quotes are the text.
    // Object: already in the compact form QJsonDocument writes, so the bytes are the rendering.
    bool verbatim = false;
    qint64 integer = 0;
    QByteArrayView raw;                   // String: between the quotes, as written; Object: from '{' to '}'
    const QString* decoded = nullptr;     // String, when given decoded
    const QByteArray* rendered = nullptr; // Object, when given rendered
};

struct EventFields
{
    std::array<FieldValue, kEventFieldCount> values{};
    // Fields any member of which was written as a number that is not a plain int64 literal: a repeated
    // member is refused as an integer when one of its spellings was 1.0 or 1e3, even if the last wins.
    std::uint32_t nonInteger = 0;
    // The first member that is not a field, in QJsonObject's key order.
    std::optional<QString> unknownField;

    const FieldValue& operator[](EventField field) const { return values[static_cast<std::size_t>(field)]; }
    FieldValue& operator[](EventField field) { return values[static_cast<std::size_t>(field)]; }
    static constexpr std::uint32_t bit(EventField field) { return 1u << static_cast<unsigned>(field); }
};

// Which checks come first. /track read its integers through JsonBody before the rest, so a body with
// both a bad integer and, say, an unknown member reports the integer there and the member in a batch.
enum class EventCheckOrder
{
    Fields,        // unknown members, then the fields in the order of UsageEvent
    IntegersFirst, // the integer fields (as /track always did), then as Fields
};

// The event's validation rules (422 validation_failed naming the field, or 422 unknown_field).
UsageEvent validateEventFields(const EventFields& fields, EventCheckOrder order);

// The event's id when it is a usable key (a string of at most kMaxEventIdLength printable ASCII
// characters), else empty: what a batch result echoes even for an invalid event.
QString eventKeyOf(const EventFields& fields);

// The text of a JSON string the reader accepted (escapes resolved as QJsonDocument does).
QString decodeJsonString(QByteArrayView raw);

// The metadata object rendered as QJsonDocument::Compact would (byte for byte: it is fingerprinted).
QByteArray renderedObject(const FieldValue& value);

} // namespace creditdesk::server
