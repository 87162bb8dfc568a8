#include "api/MeteringRoutes.h"

#include "api/MeteringState.h"
#include "core/Json.h"
#include "core/JsonWriter.h"
#include "core/PeriodicJob.h"
#include "metering/MeteringService.h"
#include "metering/MeteringTargets.h"
#include "metering/PriceBookStore.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace creditdesk::server {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
// Stripe's meter events accept the same window: older usage belongs to a closed period, and a clock
// far ahead is a bug in the sender.
constexpr qint64 kMaxEventAgeMs = 35 * kDayMs;
constexpr qint64 kMaxEventAheadMs = 5 * 60 * 1000;

void checkWindow(const UsageEvent& event, qint64 now)
{
    if (event.occurredAt < now - kMaxEventAgeMs)
        throw ApiError(QStringLiteral("event_too_old"),
                       QStringLiteral("'occurred_at' is more than 35 days in the past"),
                       QJsonObject{{QStringLiteral("field"), QStringLiteral("occurred_at")}});
    if (event.occurredAt > now + kMaxEventAheadMs)
        throw ApiError(
            QStringLiteral("event_in_future"),
            QStringLiteral("'occurred_at' is more than 5 minutes in the future; check the sender's clock"),
            QJsonObject{{QStringLiteral("field"), QStringLiteral("occurred_at")}});
}

using Render = std::function<ApiResponse(const std::vector<EventResult>&)>;

void submitEvents(ServerContext& context, const std::shared_ptr<MeteringModule::State>& state,
                  std::shared_ptr<const std::vector<PendingEvent>> events, const Principal& principal,
                  AuditContext audit, qint64 now, Render render, Responder respond)
{
    const Attribution actor = actorOf(principal);
    // The answer is rendered by the responder, after the commit and off the writer thread; if the store
    // runs the command again (its group replayed), the last run's results are the committed ones.
    auto results = std::make_shared<std::vector<EventResult>>();
    // Usage writes change no directory data: straight to the store, not through submitWrite.
    // One audit entry for the batch request, with how many of its events were newly recorded.
    context.store.submit(
        [state, events = std::move(events), actor, audit = std::move(audit), now,
         results](SqlConnection& db) {
            const std::shared_ptr<const Pricing> pricing = state->pricing.current(db);
            *results = MeteringService(db, now, *pricing, actor).ingest(*events);
            qint64 recorded = 0;
            qint64 credits = 0;
            for (const EventResult& result : *results)
                if (!result.error && !result.replayed) {
                    ++recorded;
                    credits += result.credits;
                }
            if (recorded > 0)
                audited(audit, now, [&](SqlConnection&) {
                    ApiResponse response;
                    response.audit.summary = QStringLiteral("%1 of %2 events recorded: %3 credits")
                                                 .arg(recorded)
                                                 .arg(events->size())
                                                 .arg(credits);
                    return response;
                })(db);
            return ApiResponse{};
        },
        [results, render = std::move(render), respond = std::move(respond)](ApiResponse stored) {
            respond(stored.status == 200 ? render(*results) : std::move(stored));
        });
}

void track(ServerContext& context, const std::shared_ptr<MeteringModule::State>& state, const Call& call,
           Responder respond)
{
    const ApiRequest& request = call.request();
    const Principal& principal = call.principal();
    const UsageEvent event = parseUsageEventBody(request.body);
    const qint64 now = context.clock.nowMs();
    MeteringTargets targets(context.store.reader(), state->targets, principal, request.authorization,
                            context.clock.nowMs(), context.directoryGeneration.load());
    PendingEvent pending = PendingEvent::accepted(event, targets.resolve(event));
    checkWindow(event, now);
    state->track->submit(
        std::move(pending), actorOf(principal), call.audit(),
        [](const EventResult& result) {
            if (result.error)
                return errorResponse(*result.error);
            JsonWriter out;
            result.writeJson(out);
            ApiResponse response;
            response.body = out.take();
            if (result.replayed)
                response.setHeader("Idempotent-Replayed", "true");
            return response;
        },
        std::move(respond));
}

// Ingests what the coalescer gathered: one MeteringService pass per actor (the debits record who made
// them), results back in the order of the events.
std::vector<EventResult> ingestCoalesced(SqlConnection& db, MeteringModule::State& state, qint64 now,
                                         const std::vector<PendingEvent>& events,
                                         const std::vector<Attribution>& actors)
{
    const std::shared_ptr<const Pricing> pricing = state.pricing.current(db);
    const bool oneActor =
        !actors.empty() && std::all_of(actors.begin(), actors.end(), [&](const Attribution& actor) {
            return actor.actorKind == actors.front().actorKind && actor.actorId == actors.front().actorId;
        });
    if (oneActor) // the usual case (one gateway token): no regrouping, no copies
        return MeteringService(db, now, *pricing, actors.front()).ingest(events);
    std::vector<EventResult> results(events.size());
    std::vector<bool> done(events.size(), false);
    for (std::size_t first = 0; first < events.size(); ++first) {
        if (done[first])
            continue;
        std::vector<std::size_t> indices;
        std::vector<PendingEvent> group;
        for (std::size_t i = first; i < events.size(); ++i)
            if (!done[i] && actors[i].actorKind == actors[first].actorKind &&
                actors[i].actorId == actors[first].actorId) {
                indices.push_back(i);
                group.push_back(events[i]);
                done[i] = true;
            }
        std::vector<EventResult> groupResults =
            MeteringService(db, now, *pricing, actors[first]).ingest(group);
        for (std::size_t k = 0; k < indices.size(); ++k)
            results[indices[k]] = std::move(groupResults[k]);
    }
    return results;
}

void batch(ServerContext& context, const std::shared_ptr<MeteringModule::State>& state, const Call& call,
           Responder respond)
{
    const ApiRequest& request = call.request();
    const Principal& principal = call.principal();
    std::vector<ParsedEvent> parsed = parseUsageBatch(request.body);
    const qint64 now = context.clock.nowMs();
    MeteringTargets targets(context.store.reader(), state->targets, principal, request.authorization,
                            context.clock.nowMs(), context.directoryGeneration.load());
    std::vector<PendingEvent> pending;
    pending.reserve(parsed.size());
    for (ParsedEvent& entry : parsed) {
        PendingEvent item;
        item.id = entry.id;
        if (auto* invalid = std::get_if<ApiError>(&entry.event)) {
            item.error = *invalid;
        } else {
            UsageEvent& event = std::get<UsageEvent>(entry.event);
            try {
                const MeteringTarget target = targets.resolve(event);
                checkWindow(event, now);
                item = PendingEvent::accepted(std::move(event), target);
            } catch (const ApiError& error) {
                item.error = error;
            }
        }
        pending.push_back(std::move(item));
    }
    submitEvents(
        context, state, std::make_shared<const std::vector<PendingEvent>>(std::move(pending)), principal,
        call.audit(), now,
        [](const std::vector<EventResult>& results) {
            // Written straight into bytes: a thousand QJsonObjects cost more than the rating.
            JsonWriter out;
            out.beginObject().key("results").beginArray();
            for (const EventResult& result : results)
                result.writeBatchLine(out);
            out.endArray().endObject();
            ApiResponse response;
            response.body = out.take();
            return response;
        },
        std::move(respond));
}

} // namespace

MeteringModule::MeteringModule(RouteTable& routes, const MeteringSettings& settings)
    : m_state(std::make_shared<State>())
{
    ServerContext& context = routes.context();
    m_state->settings = settings;
    const qint64 now = context.clock.nowMs();
    context.store.runSync([now](SqlConnection& db) {
        PriceBookStore(db).installDefaults(now);
        return ApiResponse{};
    });
    State* shared = m_state.get();
    const Clock* clock = &context.clock;
    m_state->track = std::make_unique<TrackCoalescer>(
        context.store, context.clock,
        [shared, clock](SqlConnection& db, const std::vector<PendingEvent>& events,
                        const std::vector<Attribution>& actors) {
            return ingestCoalesced(db, *shared, clock->nowMs(), events, actors);
        });
    auto state = m_state;
    routes.addAsync("POST", QStringLiteral("/api/v1/metering/track"), AccessRule::usageEvents(),
                    "usage.recorded", [state](ServerContext& server, const Call& call, Responder respond) {
                        track(server, state, call, std::move(respond));
                    });
    routes.addAsync("POST", QStringLiteral("/api/v1/metering/events"), AccessRule::usageEvents(),
                    "usage.recorded", [state](ServerContext& server, const Call& call, Responder respond) {
                        batch(server, state, call, std::move(respond));
                    });
    registerUsageReportRoutes(routes, m_state);
    registerPricingRoutes(routes, m_state);
    registerBillingTermsRoutes(routes);
    // Purges raw events past the retention age through the writer, a bounded chunk at a time so
    // ingestion is never blocked for long. Rollups are kept: reports for old periods stay exact.
    Store& store = context.store;
    m_retention = std::make_unique<PeriodicJob>(
        std::chrono::milliseconds(settings.jobIntervalMs), [&store, clock, settings] {
            const qint64 cutoff = clock->nowMs() - settings.retentionDays * kDayMs;
            store.runInChunks([cutoff](SqlConnection& db, int limit) {
                return MeteringService::purgeBefore(db, cutoff, limit);
            });
        });
}

MeteringModule::~MeteringModule() = default;

} // namespace creditdesk::server
