#include "api/TrackCoalescer.h"

#include "api/ServerContext.h"
#include "audit/AuditTrail.h"
#include "core/Json.h"

#include <charconv>

namespace creditdesk::server {

void TrackCoalescer::take(Batch& batch)
{
    if (batch.taken)
        return;
    {
        std::lock_guard lock(m_mutex);
        batch.items.swap(m_queue);
        m_commandWaiting = false;
    }
    batch.taken = true;
    // The events move into the vectors the writer reads, once: a rerun reads the same vectors.
    batch.events.reserve(batch.items.size());
    batch.actors.reserve(batch.items.size());
    for (Item& item : batch.items) {
        batch.events.push_back(std::move(item.event));
        batch.actors.push_back(std::move(item.actor));
    }
}

// One entry per request whose event this batch recorded (not for duplicates answered from what was
// stored, nor for refused events): in the batch's savepoint, so entries and events commit together.
void TrackCoalescer::appendAuditEntries(SqlConnection& db, const Batch& batch, qint64 nowMs)
{
    AuditTrail trail(db);
    AuditNote note; // the target type is the request's (set by submit), so no text is converted here
    for (std::size_t i = 0; i < batch.items.size(); ++i) {
        const EventResult& result = batch.results[i];
        if (result.error || result.replayed)
            continue;
        note.targetId = result.transactionId;
        // "event <id>: <n> credits", written in UTF-8 from the event's own id bytes (one per event).
        const QByteArray& id = batch.events[i].text.id;
        char credits[24];
        const auto creditsEnd = std::to_chars(credits, credits + sizeof credits, result.credits).ptr;
        QByteArray summary;
        summary.reserve(id.size() + 40);
        summary.append("event ").append(id).append(": ");
        summary.append(credits, static_cast<qsizetype>(creditsEnd - credits)).append(" credits");
        trail.append(auditEntryOf(batch.items[i].audit, nowMs, note, std::move(summary)));
    }
}

void TrackCoalescer::submit(PendingEvent event, Attribution actor, AuditContext audit, Render render,
                            Responder respond)
{
    static const QByteArray transaction = QByteArrayLiteral("transaction");
    audit.targetType = transaction; // each entry's target: the transaction the event was charged in
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(Item{std::move(event), std::move(actor), std::move(audit), std::move(render),
                               std::move(respond)});
        if (m_commandWaiting)
            return; // the waiting command will take this event too
        m_commandWaiting = true;
    }
    auto batch = std::make_shared<Batch>();
    m_store.submit(
        [this, batch](SqlConnection& db) {
            // Take the queue the first time this command runs; if the store runs it again (its group
            // is replayed with savepoints), it works on the same events.
            take(*batch);
            batch->results = m_ingest(db, batch->events, batch->actors);
            appendAuditEntries(db, *batch, m_clock.nowMs());
            return ApiResponse{};
        },
        [this, batch](ApiResponse groupAnswer) {
            // Called once the group committed (or failed), off the writer thread: every caller gets its
            // event's answer, rendered here, or the store's error when nothing was stored.
            take(*batch); // if refused before running (the server is stopping), the queue is taken now
            const bool stored = groupAnswer.status == 200 && batch->results.size() == batch->items.size();
            for (std::size_t i = 0; i < batch->items.size(); ++i)
                batch->items[i].respond(stored ? batch->items[i].render(batch->results[i]) : groupAnswer);
        });
}

} // namespace creditdesk::server
