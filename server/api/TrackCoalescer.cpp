#include "api/TrackCoalescer.h"

#include "core/Json.h"

namespace creditdesk {

void TrackCoalescer::submit(PendingEvent event, Attribution actor, Render render, Responder respond)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(Item{std::move(event), std::move(actor), std::move(render), std::move(respond)});
        if (m_commandWaiting)
            return; // the waiting command will take this event too
        m_commandWaiting = true;
    }
    auto batch = std::make_shared<Batch>();
    m_store.submit(
        [this, batch](SqlConnection& db) {
            // Take the queue the first time this command runs; if the store runs it again (its group
            // is replayed with savepoints), it works on the same events.
            if (!batch->taken) {
                std::lock_guard lock(m_mutex);
                batch->items.swap(m_queue);
                m_commandWaiting = false;
                batch->taken = true;
            }
            std::vector<PendingEvent> events;
            std::vector<Attribution> actors;
            events.reserve(batch->items.size());
            for (const Item& item : batch->items) {
                events.push_back(item.event);
                actors.push_back(item.actor);
            }
            batch->results = m_ingest(db, events, actors);
            return ApiResponse{};
        },
        [this, batch](ApiResponse groupAnswer) {
            // Called once the group committed (or failed), off the writer thread: every caller gets its
            // event's answer, rendered here, or the store's error when nothing was stored.
            if (!batch->taken) { // refused before running (the server is stopping): take the queue now
                std::lock_guard lock(m_mutex);
                batch->items.swap(m_queue);
                m_commandWaiting = false;
                batch->taken = true;
            }
            const bool stored = groupAnswer.status == 200 && batch->results.size() == batch->items.size();
            for (std::size_t i = 0; i < batch->items.size(); ++i)
                batch->items[i].respond(stored ? batch->items[i].render(batch->results[i]) : groupAnswer);
        });
}

} // namespace creditdesk
