#pragma once

#include "api/RouteTable.h"
#include "core/ApiTypes.h"
#include "core/Clock.h"
#include "ledger/Ledger.h"
#include "metering/MeteringService.h"
#include "store/Store.h"

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace creditdesk::server {

// Turns concurrent single events (POST /metering/track) into batches. Each event is queued; at most
// one write command is waiting in the store at a time, and when the writer runs it, it takes every
// event queued by then and ingests them as one batch (one account lock, one debit per member, one
// statement per table on PostgreSQL). Every caller still gets its own event's answer, and only after
// the group that stored it has committed. Under load this is what lets single events approach the
// batch endpoint's cost per event; alone, an event waits for nothing.
class TrackCoalescer
{
public:
    using Ingest = std::function<std::vector<EventResult>(SqlConnection&, const std::vector<PendingEvent>&,
                                                          const std::vector<Attribution>&)>;
    using Render = std::function<ApiResponse(const EventResult&)>;

    TrackCoalescer(Store& store, const Clock& clock, Ingest ingest)
        : m_store(store), m_clock(clock), m_ingest(std::move(ingest))
    {
    }

    // `audit` is the request's audit entry, appended with the batch when its event is newly recorded.
    void submit(PendingEvent event, Attribution actor, AuditContext audit, Render render, Responder respond);

private:
    struct Item
    {
        PendingEvent event;
        Attribution actor;
        AuditContext audit;
        Render render;
        Responder respond;
    };
    struct Batch
    {
        bool taken = false;
        std::vector<Item> items; // their events and actors moved into the two vectors below
        std::vector<PendingEvent> events;
        std::vector<Attribution> actors;
        std::vector<EventResult> results; // of the last run of the command (the one that committed)
    };

    // Takes the queued events into the batch the first time the batch runs (or is answered unrun).
    void take(Batch& batch);
    static void appendAuditEntries(SqlConnection& db, const Batch& batch, qint64 nowMs);

    Store& m_store;
    const Clock& m_clock;
    Ingest m_ingest;
    std::mutex m_mutex;
    std::vector<Item> m_queue;
    bool m_commandWaiting = false;
};

} // namespace creditdesk::server
