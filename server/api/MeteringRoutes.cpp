#include "api/MeteringRoutes.h"
#include "core/PeriodicJob.h"

#include "api/MeteringState.h"
#include "core/Json.h"
#include "core/JsonWriter.h"
#include "metering/MeteringService.h"
#include "metering/PriceBookStore.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace creditdesk {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
// Stripe's meter events accept the same window: older usage belongs to a closed period, and a clock
// far ahead is a bug in the sender.
constexpr qint64 kMaxEventAgeMs = 35 * kDayMs;
constexpr qint64 kMaxEventAheadMs = 5 * 60 * 1000;

bool hasScope(const Principal& principal, const char* scope)
{
    return principal.scopes.contains(QLatin1String(scope));
}

// Resolves and authorizes the account each event is for, through the module's MeteringTargetCache.
class MeteringTargets
{
public:
    MeteringTargets(ServerContext& context, MeteringTargetCache& cache, const ApiRequest& request,
                    const Principal& principal)
        : m_reader(context.store.reader()), m_principal(principal), m_cache(cache), m_bearer(request.authorization),
          m_now(context.clock.nowMs()), m_generation(cache.sync(context.directoryGeneration.load()))
    {
    }

    MeteringTarget resolve(const UsageEvent& event)
    {
        MeteringTarget target = event.organizationId ? organization(*event.organizationId) : personal(*event.userId);
        if (!event.memberId)
            return target;
        if (target.userId) {
            if (*event.memberId != *target.userId)
                throw ApiError::validation(QStringLiteral("member_id"),
                                           QStringLiteral("'member_id' must be the account's own user for a personal account"));
            target.memberId = event.memberId;
            return target;
        }
        const std::optional<MeteringTargetCache::Member> member = this->member(*target.organizationId, *event.memberId);
        if (!member)
            throw ApiError::validation(QStringLiteral("member_id"),
                                       QStringLiteral("'member_id' is not a member of this organization"));
        target.memberId = event.memberId;
        target.departmentId = member->departmentId;
        // In a public organization each member is billed on their own account (docs/ledger.md), rated
        // at the organization's tier; overage is a term of the account that pays, so it is the member's.
        if (m_organizationKind == QLatin1String("public")) {
            target.accountId = member->personalAccountId;
            target.overageAllowed = member->personalOverageAllowed;
        }
        return target;
    }

private:
    template<typename Cache, typename Key, typename Value>
    void remember(Cache& cache, const Key& key, const Value& value)
    {
        if (m_cache.isCurrent(m_generation)) // a directory write since the read: the value may be stale
            cache.insert(key, value, m_now);
    }

    MeteringTarget organization(qint64 organizationId)
    {
        const std::pair<QByteArray, qint64> key{m_bearer, organizationId};
        std::optional<MeteringTargetCache::Organization> entry = m_cache.organizations.find(key, m_now);
        if (!entry) {
            entry.emplace();
            try {
                load(*entry, organizationId);
            } catch (const ApiError& error) {
                entry->error = error;
            }
            remember(m_cache.organizations, key, *entry);
        }
        if (entry->error)
            throw *entry->error;
        m_organizationKind = entry->kind;
        return entry->target;
    }

    void load(MeteringTargetCache::Organization& entry, qint64 organizationId)
    {
        const OrganizationAccess access = OrganizationAccess::resolve(m_reader, m_principal, organizationId);
        // Machines report usage with a metering:write token; people need the right to deduct.
        const bool allowed = m_principal.isUser() ? access.can(Permission::DeductCredits) : hasScope(m_principal, "metering:write");
        if (!allowed)
            throw ApiError::forbidden(QStringLiteral("Reporting usage needs an API token with the metering:write scope"));
        const auto row = m_reader.row(QStringLiteral("SELECT o.kind, o.tier, o.billing_option, a.id, o.overage_allowed "
                                                     "FROM organizations o "
                                                     "JOIN accounts a ON a.owner_kind = 'organization' AND a.owner_id = o.id "
                                                     "WHERE o.id = ?"),
                                      {organizationId});
        if (!row)
            throw ApiError::notFound(QStringLiteral("Organization"));
        entry.kind = row->at(0).toString();
        entry.target.organizationId = organizationId;
        entry.target.policy.tier = tierFromString(row->at(1).toString()).value_or(Tier::Free);
        entry.target.policy.billingOption = billingOptionFromString(row->at(2).toString()).value_or(BillingOption::Credits);
        entry.target.scopeAccountId = asInt(row->at(3));
        entry.target.accountId = entry.target.scopeAccountId;
        entry.target.overageAllowed = asInt(row->at(4)) != 0;
    }

    std::optional<MeteringTargetCache::Member> member(qint64 organizationId, qint64 userId)
    {
        const std::pair<qint64, qint64> key{organizationId, userId};
        if (auto cached = m_cache.members.find(key, m_now))
            return *cached;
        const auto row = m_reader.row(QStringLiteral("SELECT m.department_id, a.id, u.overage_allowed FROM memberships m "
                                                     "JOIN users u ON u.id = m.user_id LEFT JOIN accounts a "
                                                     "ON a.owner_kind = 'user' AND a.owner_id = m.user_id "
                                                     "WHERE m.organization_id = ? AND m.user_id = ?"),
                                      {organizationId, userId});
        std::optional<MeteringTargetCache::Member> found;
        if (row)
            found = MeteringTargetCache::Member{optionalInt(row->at(0)), optionalInt(row->at(1)).value_or(0),
                                                asInt(row->at(2)) != 0};
        remember(m_cache.members, key, found);
        return found;
    }

    MeteringTarget personal(qint64 userId)
    {
        const std::pair<QByteArray, qint64> key{m_bearer, userId};
        std::optional<MeteringTargetCache::Personal> entry = m_cache.personal.find(key, m_now);
        if (!entry) {
            entry.emplace();
            try {
                entry->target = loadPersonal(userId);
            } catch (const ApiError& error) {
                entry->error = error;
            }
            remember(m_cache.personal, key, *entry);
        }
        if (entry->error)
            throw *entry->error;
        return entry->target;
    }

    MeteringTarget loadPersonal(qint64 userId)
    {
        const bool isOwner = m_principal.userId == userId &&
                             (m_principal.isUser() || (!m_principal.tokenOrganizationId && hasScope(m_principal, "metering:write")));
        if (!isOwner && !(m_principal.isUser() && m_principal.platformAdmin))
            throw ApiError::notFound(QStringLiteral("User"));
        const auto row = m_reader.row(QStringLiteral("SELECT a.id, u.tier, u.billing_option, u.overage_allowed FROM users u "
                                                     "JOIN accounts a ON a.owner_kind = 'user' AND a.owner_id = u.id "
                                                     "WHERE u.id = ?"),
                                      {userId});
        if (!row)
            throw ApiError::notFound(QStringLiteral("User"));
        MeteringTarget target;
        target.userId = userId;
        target.scopeAccountId = asInt(row->at(0));
        target.accountId = target.scopeAccountId;
        // A personal account's terms are set by a platform administrator (PATCH /users/{id}); new
        // accounts are on the free tier.
        target.policy.tier = tierFromString(row->at(1).toString()).value_or(Tier::Free);
        target.policy.billingOption = billingOptionFromString(row->at(2).toString()).value_or(BillingOption::Credits);
        target.overageAllowed = asInt(row->at(3)) != 0;
        return target;
    }

    SqlConnection& m_reader;
    const Principal& m_principal;
    MeteringTargetCache& m_cache;
    QByteArray m_bearer;
    qint64 m_now;
    quint64 m_generation;
    QString m_organizationKind; // of the organization the last resolve() addressed
};

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

Attribution actorOf(const Principal& principal)
{
    Attribution actor;
    actor.actorKind = principal.actorKind();
    actor.actorId = principal.actorId();
    return actor;
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
    MeteringTargets targets(context, state->targets, request, principal);
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
                                         const std::vector<PendingEvent>& events, const std::vector<Attribution>& actors)
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
            if (!done[i] && actors[i].actorKind == actors[first].actorKind && actors[i].actorId == actors[first].actorId) {
                indices.push_back(i);
                group.push_back(events[i]);
                done[i] = true;
            }
        std::vector<EventResult> groupResults = MeteringService(db, now, *pricing, actors[first]).ingest(group);
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
    MeteringTargets targets(context, state->targets, request, principal);
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
    m_retention = std::make_unique<PeriodicJob>(std::chrono::milliseconds(settings.jobIntervalMs), [&store, clock, settings] {
        const qint64 cutoff = clock->nowMs() - settings.retentionDays * kDayMs;
        store.runInChunks([cutoff](SqlConnection& db, int limit) { return MeteringService::purgeBefore(db, cutoff, limit); });
    });
}

MeteringModule::~MeteringModule() = default;

} // namespace creditdesk
