#include "billing/BillingJobs.h"

#include "audit/AuditTrail.h"
#include "billing/Subscriptions.h"
#include "ledger/Ledger.h"

namespace creditdesk::server {

namespace {

// Renewals per write command: small enough that requests queued behind a chunk wait milliseconds.
// bench_renewals (100,000 due at once, SQLite, 2 cores): 50 per command renewed them in 18 s but single
// metering events queued behind a chunk had 4 times their idle p99; 20: 28 s, 3.3 times; 10: 34 s, 1.2 times.
constexpr int kRenewalsPerCommand = 10;
// PostgreSQL renews a chunk's usual renewals together (Subscriptions::renewDueTogether): about ten round
// trips a chunk and 0.2 ms of database work a renewal. bench_renewals on PostgreSQL (noisy machine): 25
// per command renewed 100,000 in 32 s with 2 to 4 times the idle p99; 15, 42 to 46 s and 1.6 to 1.9
// times; 10, 60 to 66 s and 1.3 to 1.5 times.
constexpr int kRenewalsPerCommandPostgres = 15;
constexpr int kMaxRounds = 100'000;
// Run-out grants per write command, and commands per run: at most 1,000 a run, as one command booked
// before (holding the writer for a second on PostgreSQL at a renewal instant); the renewals and any
// draw book the others.
constexpr int kExpiriesPerCommand = 50;
constexpr int kExpiryRounds = 20;

} // namespace

void BillingJobs::runDue()
{
    const std::lock_guard lock(m_running);
    runAt(m_clock.nowMs());
}

bool BillingJobs::advanceTestClock(qint64 targetMs)
{
    // Only a second move is busy: the periodic job (every --jobs-interval-ms) also takes m_running, and a
    // move that found it running must wait for it, not fail (that made advances fail at random).
    const std::unique_lock move(m_moving, std::try_to_lock);
    if (!move.owns_lock())
        return false;
    const std::lock_guard lock(m_running);
    for (;;) {
        std::optional<qint64> next;
        m_store.runSync([&next](SqlConnection& db) {
            next = Subscriptions(db, 0).nextRenewalAt();
            return ApiResponse{};
        });
        if (!next || *next > targetMs || *next <= m_clock.nowMs())
            break;
        m_clock.setTestTime(*next);
        runAt(*next);
    }
    m_clock.setTestTime(targetMs);
    runAt(targetMs);
    return true;
}

void BillingJobs::runAt(qint64 nowMs)
{
    m_store.runInChunks(
        [nowMs](SqlConnection& db, int limit) {
            const ExpiryRun run = Ledger(db, nowMs).expireDue(limit);
            if (run.booked > 0) // jobs that change balances are audited like requests
                AuditTrail(db).appendJob(nowMs, QStringLiteral("credits.expired"),
                                         QStringLiteral("%1 expiry booking(s)").arg(run.booked));
            return run.grantsSeen;
        },
        kExpiriesPerCommand, kExpiryRounds);
    m_store.runInChunks(
        [nowMs](SqlConnection& db, int limit) { return Subscriptions(db, nowMs).renewDue(limit); },
        m_store.url().dialect == Dialect::Postgres ? kRenewalsPerCommandPostgres : kRenewalsPerCommand,
        kMaxRounds);
    m_store.runInChunks(
        [nowMs](SqlConnection& db, int limit) { return Subscriptions(db, nowMs).grantDailyRefreshes(limit); },
        kRenewalsPerCommand * 4, kMaxRounds);
    for (const auto& work : m_dueWork)
        work(nowMs);
}

} // namespace creditdesk::server
