#include "invoices/PeriodClose.h"

#include "audit/AuditTrail.h"
#include "invoices/Invoices.h"
#include "store/Store.h"

namespace creditdesk::server {

namespace {

// Closes per chunk. SQLite closes one by one through the writer, where requests wait behind a chunk: a
// small chunk keeps that wait short. PostgreSQL closes a chunk together (Invoices::close, about ten round
// trips a chunk) beside the writer on a connection of its own, so a bigger chunk costs requests nothing.
constexpr int kClosesPerChunkSqlite = 20;
constexpr int kClosesPerChunkPostgres = 500;
constexpr int kMaxClosesPerRun = 1'000'000;

} // namespace

int closeDuePeriods(Store& store, qint64 nowMs, bool overageToStripe)
{
    // The due closes are listed once per run on this thread's read connection: listing them for every
    // chunk was a pass over all uninvoiced charges per chunk, quadratic at a renewal instant (100,000
    // closes took minutes). A chunk that is rolled back (a conflict with another process) leaves its
    // closes to the next run.
    // The overage to bill first, so that its charges join their closes below; one read when none.
    const std::vector<OverageDue> overage = Invoices(store.reader(), nowMs).overageDue(overageToStripe);
    if (!overage.empty())
        store.runSync([&overage, nowMs](SqlConnection& db) {
            if (const int charged = Invoices(db, nowMs).chargeOverage(overage); charged > 0)
                AuditTrail(db).appendJob(nowMs, QStringLiteral("charges.overage"),
                                         QStringLiteral("%1 overage charge(s)").arg(charged));
            return ApiResponse{};
        });
    const std::vector<DueClose> due = Invoices(store.reader(), nowMs).dueCloses(kMaxClosesPerRun);
    if (due.empty()) // nearly every run: no command through the writer, no job connection (PostgreSQL)
        return 0;
    std::size_t next = 0;
    int finalized = 0;
    const int perChunk =
        store.url().dialect == Dialect::Postgres ? kClosesPerChunkPostgres : kClosesPerChunkSqlite;
    store.runInChunks(
        [&due, &next, &finalized, nowMs](SqlConnection& db, int limit) {
            const std::size_t end = std::min(due.size(), next + static_cast<std::size_t>(limit));
            const std::vector<DueClose> chunk(due.begin() + static_cast<std::ptrdiff_t>(next),
                                              due.begin() + static_cast<std::ptrdiff_t>(end));
            const int closed = Invoices(db, nowMs).close(chunk);
            if (closed > 0) // audited like the billing jobs' bookings
                AuditTrail(db).appendJob(nowMs, QStringLiteral("invoices.finalized"),
                                         QStringLiteral("%1 period invoice(s)").arg(closed));
            // Moved on once the chunk ran: one that failed on a lock runs again (PostgreSQL retries it).
            next = end;
            finalized += closed;
            return static_cast<qint64>(chunk.size());
        },
        perChunk, kMaxClosesPerRun / perChunk + 1);
    return finalized;
}

} // namespace creditdesk::server
