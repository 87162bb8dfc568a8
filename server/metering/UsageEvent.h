#pragma once

#include "core/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>
#include <variant>
#include <vector>

namespace creditdesk::server {

enum class UsageKind
{
    Chat,
    Embedding,
    Tts,
    Search,
    Agent,
    Compute
};

QString usageKindName(UsageKind kind);
std::optional<UsageKind> usageKindFromString(const QString& text);

// Limits that keep every rating product far inside 128-bit arithmetic and every stored sum inside int64.
inline constexpr qint64 kMaxEventTokens = 1'000'000'000;    // per direction, per event
inline constexpr qint64 kMaxEventComputeMs = 3'600'000'000; // 1,000 hours
inline constexpr qint64 kMaxEventUnits = 1'000'000'000;
inline constexpr int kMaxEventIdLength = 128;
inline constexpr int kMaxMetadataBytes = 4096;
inline constexpr int kMaxBatchEvents = 1000;

// One billable thing the gateway did (seed 003's usage_events fields). Strings left out are empty.
struct UsageEvent
{
    QString id; // the caller's idempotency key for this event
    qint64 occurredAt = 0;
    std::optional<qint64> organizationId;
    std::optional<qint64> userId;
    std::optional<qint64> memberId;
    QString apiKeyId;
    UsageKind kind = UsageKind::Chat;
    QString provider;
    QString model;
    qint64 tokensInput = 0;
    qint64 tokensOutput = 0;
    qint64 computeMs = 0;
    qint64 units = 0;
    QString executionId;
    QString taskType;
    bool failed = false; // status "error": recorded, never charged
    bool byok = false;
    std::optional<qint64> reservationId;
    QByteArray metadata; // compact JSON object, or empty

    // The price book key: OpenRouter's "provider/model" spelling. A model that already names its
    // provider ("openai/gpt-4o") keeps it; otherwise the provider field is put in front.
    QString priceKey() const;
    // A stable 63-bit digest of every field: a reused id with another body is told from a replay by it.
    qint64 fingerprint() const;
};

// RFC 3339 → epoch ms, as parseTimestamp (core/Json.h) with a fast path for the usual
// "2026-11-21T09:00:00.123Z" spelling.
std::optional<qint64> parseEventTimestamp(const QString& text);

// Validates one event object already parsed by Qt. Throws ApiError: 422 validation_failed naming the
// field, or 422 unknown_field. `nonIntegerMembers` names the members the request text wrote as a number
// that is not a plain integer literal (1.0, 1e3): Qt reads those as integers, so only the text can tell.
// The request paths read their bodies with parseUsageEventBody and parseUsageBatch instead.
UsageEvent parseUsageEvent(const QJsonObject& object, const QSet<QString>& nonIntegerMembers = {});

// A /track body: the event object itself, read in one pass over the text (EventReader.cpp). Throws
// ApiError: 400 invalid_body or malformed_json as JsonBody does, then the integer fields' errors (as
// JsonBody read them first), then those of parseUsageEvent.
UsageEvent parseUsageEventBody(const QByteArray& body);

// A batch body {"events": [...]}, read in one pass over the text (EventReader.cpp): body-level problems
// throw (400 malformed, 422 shape or size); each event is validated on its own, so one bad event does
// not reject its neighbours.
struct ParsedEvent
{
    QString id; // as sent, when it was a string (for the per-event result), else empty
    std::variant<UsageEvent, ApiError> event;
};
std::vector<ParsedEvent> parseUsageBatch(const QByteArray& body);

} // namespace creditdesk::server
