#pragma once

#include "core/JsonWriter.h"
#include "ledger/Ledger.h"
#include "metering/PriceBookStore.h"
#include "metering/UsageEvent.h"

#include <QJsonObject>

#include <optional>
#include <vector>

namespace creditdesk::server {

// Whose usage an event is and what it may cost, resolved (and authorized) before the event reaches
// the writer.
struct MeteringTarget
{
    qint64 scopeAccountId = 0; // the account the caller addressed: event ids are unique within it
    qint64 accountId = 0;      // the account charged (a public organization's member: their own)
    std::optional<qint64> organizationId;
    std::optional<qint64> userId;
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    TierPolicy policy;
    bool overageAllowed = false; // of the account charged: credits it cannot cover become overage, not a 402
};

// An event's text columns in UTF-8, as SQLite binds them, with its price key and provider resolved as
// the rollups key them. Encoded before the writer: converting on the writer thread, once per column
// and rollup, cost it about 5,000 instructions per event.
struct EventText
{
    QByteArray id;
    QByteArray apiKeyId;
    QByteArray kind;
    QByteArray provider; // as sent, else the price key's ("openai" of "openai/gpt-4o"); may be empty
    QByteArray model;    // the price key (UsageEvent::priceKey); may be empty
    QByteArray executionId;
    QByteArray taskType;
    QString modelKey; // `model` as text, for the usage debit that records it (Ledger UsageCharge::model)

    static EventText of(const UsageEvent& event);
};

struct PendingEvent
{
    QString id;                      // as sent, for the result line
    std::optional<UsageEvent> event; // empty when it failed before the writer
    std::optional<ApiError> error;
    MeteringTarget target;
    qint64 fingerprint = 0; // event->fingerprint(), computed before the writer (it is a SHA-256)
    EventText text;         // of the event, computed before the writer

    // A well-formed event charged to `target`, with its fingerprint and text computed (off the writer).
    static PendingEvent accepted(UsageEvent event, const MeteringTarget& target);
};

struct EventResult
{
    QString id;
    std::optional<ApiError> error;
    Rating rating;
    qint64 credits = 0;        // whole credits charged for it
    qint64 overageCredits = 0; // whole credits beyond what the account had, recorded as overage
    std::optional<qint64> transactionId;
    bool failed = false; // status "error" (recorded, not charged)
    bool replayed = false;

    int status() const { return error ? error->status() : 200; }
    void writeJson(JsonWriter& out) const;      // the full answer of POST /metering/track
    void writeBatchLine(JsonWriter& out) const; // one line of POST /metering/events
};

// Stores, rates and charges usage events in the writer's transaction (docs/design.md §3–5): duplicates are
// answered from what was stored, each new event is rated with the price in force when it occurred, each
// account is charged once per batch (Ledger::chargeUsage), the events are stored with the transaction
// they were charged in, and the daily rollups the reports read are updated in the same transaction.
class MeteringService
{
public:
    MeteringService(SqlConnection& db, qint64 nowMs, const Pricing& pricing, Attribution actor)
        : m_db(db), m_now(nowMs), m_pricing(pricing), m_actor(std::move(actor))
    {
    }

    std::vector<EventResult> ingest(const std::vector<PendingEvent>& events);

    // Deletes raw events that occurred before `cutoffMs` (rollups stay); at most `limit` per call.
    static qint64 purgeBefore(SqlConnection& db, qint64 cutoffMs, int limit);
    // The rows purgeBefore picks (binds: cutoff, limit), as a SELECT of SqlConnection::rowIdentity().
    static QString purgeDueSql(const SqlConnection& db);
    // PostgreSQL: the stored events among a batch's ids (binds: the ids as a text[] (pgTextArray), the scope
    // account).
    static QString existingEventsSql();

private:
    struct Stored;
    std::vector<Stored> findExisting(qint64 scopeAccountId, const std::vector<const PendingEvent*>& events);
    void insertEvents(const std::vector<const PendingEvent*>& events,
                      const std::vector<EventResult*>& results);
    void updateRollups(const std::vector<const PendingEvent*>& events,
                       const std::vector<EventResult*>& results);

    SqlConnection& m_db;
    qint64 m_now;
    const Pricing& m_pricing;
    Attribution m_actor;
};

} // namespace creditdesk::server
