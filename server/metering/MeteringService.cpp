#include "metering/MeteringService.h"

#include "core/Json.h"
#include "metering/PriceImport.h"
#include "store/SqliteStatement.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>
#include <map>
#include <tuple>
#include <utility>

namespace creditdesk::server {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

std::optional<QString> textOrNull(const QString& text)
{
    return text.isEmpty() ? std::nullopt : std::optional(text);
}

const char* const kEventColumns[] = {"scope_account_id", "event_id",
                                     "fingerprint",      "account_id",
                                     "occurred_at",      "received_at",
                                     "organization_id",  "user_id",
                                     "member_id",        "department_id",
                                     "api_key_id",       "kind",
                                     "provider",         "model",
                                     "tokens_input",     "tokens_output",
                                     "compute_ms",       "units",
                                     "execution_id",     "task_type",
                                     "status",           "byok",
                                     "reservation_id",   "metadata",
                                     "price_id",         "is_free",
                                     "cost_micro_usd",   "markup_micro_usd",
                                     "credits_micro",    "charged_credits",
                                     "transaction_id",   "overage_credits"};
constexpr int kEventColumnCount = static_cast<int>(std::size(kEventColumns));
// Which columns are text (the rest are BIGINT/INTEGER).
bool isTextColumn(int column)
{
    static const QList<int> text{1, 10, 11, 12, 13, 18, 19, 20, 23};
    return text.contains(column);
}

// SQLite: writes `rows` rows with statements of up to `perStatement` rows each (one execution costs
// about as much to start as a row costs to insert): the full statements share one prepared statement,
// the rest goes in one statement of its exact size. sqlFor(n) is the text for n rows; run(statement,
// first, n) binds rows [first, first + n) and steps.
template<typename SqlFor, typename Run>
void inChunks(SqlConnection& db, std::size_t rows, int perStatement, SqlFor sqlFor, Run run)
{
    const auto full = static_cast<std::size_t>(perStatement);
    std::size_t first = 0;
    if (rows >= full) {
        SqliteStatement statement(db, sqlFor(perStatement));
        for (; rows - first >= full; first += full) {
            run(statement, first, perStatement);
            statement.reset();
        }
    }
    if (first < rows) {
        const int rest = static_cast<int>(rows - first);
        SqliteStatement statement(db, sqlFor(rest));
        run(statement, first, rest);
    }
}

using Cell = std::variant<std::optional<qint64>, std::optional<QString>>;

std::vector<Cell> eventCells(const PendingEvent& pending, const EventResult& result, qint64 now)
{
    const UsageEvent& e = *pending.event;
    const MeteringTarget& t = pending.target;
    const auto i = [](qint64 v) { return Cell(std::optional<qint64>(v)); };
    const auto oi = [](const std::optional<qint64>& v) { return Cell(v); };
    const auto s = [](const QString& v) { return Cell(textOrNull(v)); };
    return {i(t.scopeAccountId),
            s(e.id),
            i(pending.fingerprint),
            i(t.accountId),
            i(e.occurredAt),
            i(now),
            oi(t.organizationId),
            oi(t.userId),
            oi(t.memberId),
            oi(t.departmentId),
            s(e.apiKeyId),
            s(usageKindName(e.kind)),
            s(QString::fromUtf8(pending.text.provider)), // resolved once, as the rollups key them
            s(QString::fromUtf8(pending.text.model)),
            i(e.tokensInput),
            i(e.tokensOutput),
            i(e.computeMs),
            i(e.units),
            s(e.executionId),
            s(e.taskType),
            s(e.failed ? QStringLiteral("error") : QStringLiteral("success")),
            i(e.byok ? 1 : 0),
            oi(e.reservationId),
            s(QString::fromUtf8(e.metadata)),
            oi(result.rating.priceId),
            i(result.rating.freeModel ? 1 : 0),
            i(result.rating.costMicroUsd),
            i(result.rating.markupMicroUsd),
            i(result.rating.creditsMicro),
            i(result.credits),
            oi(result.transactionId),
            i(result.overageCredits)};
}

} // namespace

EventText EventText::of(const UsageEvent& event)
{
    EventText text;
    const QString model = event.priceKey();
    text.id = event.id.toUtf8();
    text.apiKeyId = event.apiKeyId.toUtf8();
    text.kind = usageKindName(event.kind).toUtf8();
    text.provider = (event.provider.isEmpty() ? providerOfModelId(model) : event.provider).toUtf8();
    text.model = model.toUtf8();
    text.modelKey = model;
    text.executionId = event.executionId.toUtf8();
    text.taskType = event.taskType.toUtf8();
    return text;
}

PendingEvent PendingEvent::accepted(UsageEvent event, const MeteringTarget& target)
{
    PendingEvent pending;
    pending.id = event.id;
    pending.target = target;
    pending.fingerprint = event.fingerprint();
    pending.text = EventText::of(event);
    pending.event = std::move(event);
    return pending;
}

void EventResult::writeJson(JsonWriter& out) const
{
    // Keys in alphabetical order, as QJsonObject wrote them before this answer was written directly.
    out.beginObject()
        .field("charged", !failed)
        .field("cost_micro_usd", rating.costMicroUsd)
        .field("credits", credits)
        .field("credits_micro", rating.creditsMicro)
        .field("free_model", rating.freeModel)
        .field("id", id)
        .field("markup_micro_usd", rating.markupMicroUsd)
        .field("overage_credits", overageCredits)
        .field("transaction_id", transactionId)
        .endObject();
}

void EventResult::writeBatchLine(JsonWriter& out) const
{
    out.beginObject();
    out.key("id");
    if (id.isEmpty())
        out.null();
    else
        out.value(id);
    out.field("status", qint64(status()));
    if (error) {
        out.key("error").beginObject().field("code", error->code()).field("message", error->message());
        if (!error->details().isEmpty())
            out.key("details").raw(QJsonDocument(error->details()).toJson(QJsonDocument::Compact));
        out.endObject();
    } else {
        out.field("credits", credits);
        out.field("overage_credits", overageCredits);
    }
    out.endObject();
}

// The upsert's update clause for every rollup table: add the batch's sums, take the batch's version.
// (The stored row is named by its table: PostgreSQL finds a bare column ambiguous beside "excluded".)
QString addMeasures(const char* table)
{
    QString clause;
    for (const char* column :
         {"events", "error_events", "tokens_input", "tokens_output", "compute_ms", "units", "cost_micro_usd",
          "markup_micro_usd", "credits_micro", "charged_credits", "overage_credits"})
        clause +=
            QStringLiteral("%1 = %2.%1 + excluded.%1, ").arg(QLatin1String(column), QLatin1String(table));
    return clause + QStringLiteral("version = excluded.version");
}
#define CREDITDESK_STORED_EVENT_COLUMNS                                                                      \
    "event_id, fingerprint, status, cost_micro_usd, markup_micro_usd, credits_micro, charged_credits, "      \
    "transaction_id, is_free, price_id, overage_credits"
// SQLite: a stored event of one scope account (binds: the scope, the id).
const char* const kLookupSql = "SELECT " CREDITDESK_STORED_EVENT_COLUMNS
                               " FROM usage_events WHERE scope_account_id = ? AND event_id = ?";

QString MeteringService::existingEventsSql()
{
    // One probe of the unique key per id, whatever the statistics: PostgreSQL keeps the generic plan it
    // made for a prepared statement, and for "event_id = ANY(?)" a plan made while the table was nearly
    // empty walked every event of the account (30 ms at 100,000 events) where a probe per id costs
    // 3.7 ms for a thousand. A LATERAL subquery on the whole key leaves the planner nothing else to do.
    return QStringLiteral("SELECT e.* FROM unnest(?::text[]) AS wanted (event_id) CROSS JOIN LATERAL "
                          "(SELECT " CREDITDESK_STORED_EVENT_COLUMNS
                          " FROM usage_events u WHERE u.scope_account_id = ? "
                          "AND u.event_id = wanted.event_id LIMIT 1) AS e");
}

struct MeteringService::Stored
{
    QString eventId;
    qint64 fingerprint = 0;
    EventResult result;
};

std::vector<MeteringService::Stored>
MeteringService::findExisting(qint64 scopeAccountId, const std::vector<const PendingEvent*>& events)
{
    std::vector<Row> rows;
    if (m_db.isPostgres()) {
        std::vector<std::optional<QString>> values;
        values.reserve(events.size());
        for (const PendingEvent* pending : events)
            values.emplace_back(pending->event->id);
        rows = m_db.rows(existingEventsSql(), {pgTextArray(values), scopeAccountId});
    } else {
        // One index probe per id, bound on SQLite's own API from the UTF-8 ids. (An IN list of 16 ids per
        // execution cost more: SQLite sorts the list into a temporary index first.)
        SqliteStatement lookup(m_db, kLookupSql);
        for (const PendingEvent* pending : events) {
            lookup.bind(1, scopeAccountId);
            lookup.bindText(2, pending->text.id);
            while (lookup.step()) {
                rows.push_back(Row{lookup.columnText(0), lookup.columnInt(1), lookup.columnText(2),
                                   lookup.columnInt(3), lookup.columnInt(4), lookup.columnInt(5),
                                   lookup.columnInt(6), nullableInt(lookup.columnOptionalInt(7)),
                                   lookup.columnInt(8), nullableInt(lookup.columnOptionalInt(9)),
                                   lookup.columnInt(10)});
            }
            lookup.reset();
        }
    }
    std::vector<Stored> stored;
    for (const Row& row : rows) {
        Stored entry;
        entry.eventId = row[0].toString();
        entry.fingerprint = asInt(row[1]);
        entry.result.id = entry.eventId;
        entry.result.failed = row[2].toString() == QLatin1String("error");
        entry.result.rating.costMicroUsd = asInt(row[3]);
        entry.result.rating.markupMicroUsd = asInt(row[4]);
        entry.result.rating.creditsMicro = asInt(row[5]);
        entry.result.credits = asInt(row[6]);
        entry.result.transactionId = optionalInt(row[7]);
        entry.result.rating.freeModel = asInt(row[8]) != 0;
        entry.result.rating.priceId = optionalInt(row[9]);
        entry.result.overageCredits = asInt(row[10]);
        entry.result.replayed = true;
        stored.push_back(std::move(entry));
    }
    return stored;
}

std::vector<EventResult> MeteringService::ingest(const std::vector<PendingEvent>& events)
{
    std::vector<EventResult> results(events.size());
    std::map<qint64, std::vector<std::size_t>> byScope;
    for (std::size_t i = 0; i < events.size(); ++i) {
        results[i].id = events[i].id;
        if (events[i].error)
            results[i].error = events[i].error;
        else
            byScope[events[i].target.scopeAccountId].push_back(i);
    }

    // 1. Duplicates: an id already stored (or earlier in this batch) is answered as the original.
    std::vector<std::size_t> fresh;
    std::vector<std::pair<std::size_t, std::size_t>> repeats; // (index, index of the first)
    // On the writer's fast path SQLite leaves this to the unique key: looking every id up first cost a
    // fifth of the writer's time per event, and duplicates are rare (a client's retry). The insert then
    // skips a stored or repeated id instead of failing, insertEvents() throws when it skipped any, and
    // the writer runs the group again without deferring, through the lookups below.
    const bool lookupDeferred = !m_db.isPostgres() && m_db.checksDeferred();
    for (const auto& [scope, indices] : byScope) {
        if (lookupDeferred) {
            fresh.insert(fresh.end(), indices.begin(), indices.end());
            continue;
        }
        std::vector<const PendingEvent*> scoped;
        scoped.reserve(indices.size());
        for (const std::size_t i : indices)
            scoped.push_back(&events[i]);
        QHash<QString, Stored> existing;
        for (Stored& stored : findExisting(scope, scoped))
            existing.insert(stored.eventId, std::move(stored));
        QHash<QString, std::size_t> first;
        for (const std::size_t i : indices) {
            const UsageEvent& event = *events[i].event;
            const auto found = existing.constFind(event.id);
            if (found != existing.constEnd()) {
                if (found->fingerprint == events[i].fingerprint)
                    results[i] = found->result;
                else
                    results[i].error = ApiError::conflict(
                        QStringLiteral("event_id_reused"),
                        QStringLiteral("An event with this id and other content was already recorded"));
                continue;
            }
            const auto earlier = first.constFind(event.id);
            if (earlier != first.constEnd()) {
                repeats.emplace_back(i, *earlier);
                continue;
            }
            first.insert(event.id, i);
            fresh.push_back(i);
        }
    }

    // 2. Rating, with the price in force when each event occurred.
    std::map<qint64, std::vector<std::size_t>> byAccount; // ordered: accounts are locked in id order
    for (const std::size_t i : fresh) {
        try {
            results[i].rating =
                rateEvent(*events[i].event, events[i].target.policy, m_pricing.book, m_pricing.rateCard);
            results[i].failed = events[i].event->failed;
            byAccount[events[i].target.accountId].push_back(i);
        } catch (const ApiError& error) {
            results[i].error = error;
        }
    }

    // 3. Charging: one locked pass per account.
    for (const auto& [accountId, indices] : byAccount) {
        std::vector<UsageCharge> charges;
        charges.reserve(indices.size());
        bool needsLedger = false;
        for (const std::size_t i : indices) {
            const PendingEvent& pending = events[i];
            UsageCharge charge;
            charge.microCredits = results[i].rating.creditsMicro;
            charge.attribution = m_actor;
            charge.attribution.organizationId = pending.target.organizationId;
            charge.attribution.memberId = pending.target.memberId;
            charge.attribution.departmentId = pending.target.departmentId;
            charge.reservationId = pending.event->reservationId;
            charge.overageAllowed = pending.target.overageAllowed;
            charge.model = pending.text.modelKey;
            needsLedger = needsLedger || charge.microCredits > 0 || charge.reservationId;
            charges.push_back(std::move(charge));
        }
        if (!needsLedger)
            continue; // free or failed events only: nothing to lock or move
        Ledger ledger(m_db, m_now);
        const std::vector<UsageChargeOutcome> outcomes =
            ledger.chargeUsage(accountId, charges, QStringLiteral("usage"));
        for (std::size_t k = 0; k < indices.size(); ++k) {
            EventResult& result = results[indices[k]];
            result.error = outcomes[k].error;
            result.credits = outcomes[k].credits;
            result.overageCredits = outcomes[k].overageCredits;
            result.transactionId = outcomes[k].transactionId;
        }
    }

    // 4. Store what was accepted, with the transaction it was charged in, and roll it up.
    std::vector<const PendingEvent*> accepted;
    std::vector<EventResult*> acceptedResults;
    for (const std::size_t i : fresh) {
        if (results[i].error)
            continue;
        accepted.push_back(&events[i]);
        acceptedResults.push_back(&results[i]);
    }
    if (!accepted.empty()) {
        insertEvents(accepted, acceptedResults);
        updateRollups(accepted, acceptedResults);
    }

    for (const auto& [i, firstIndex] : repeats) {
        if (events[i].fingerprint != events[firstIndex].fingerprint) {
            results[i].error = ApiError::conflict(
                QStringLiteral("event_id_reused"),
                QStringLiteral("An event with this id and other content is earlier in this batch"));
            continue;
        }
        results[i] = results[firstIndex];
        results[i].replayed = !results[i].error;
    }
    return results;
}

void MeteringService::insertEvents(const std::vector<const PendingEvent*>& events,
                                   const std::vector<EventResult*>& results)
{
    static const QString columnList = [] {
        QString list;
        for (int c = 0; c < kEventColumnCount; ++c)
            list += (c ? QStringLiteral(", ") : QString()) + QLatin1String(kEventColumns[c]);
        return list;
    }();
    if (m_db.isPostgres()) {
        std::vector<std::vector<Cell>> rows;
        rows.reserve(events.size());
        for (std::size_t r = 0; r < events.size(); ++r)
            rows.push_back(eventCells(*events[r], *results[r], m_now));
        static const QString sql = [] {
            std::vector<const char*> types;
            for (int c = 0; c < kEventColumnCount; ++c)
                types.push_back(isTextColumn(c) ? "text" : "bigint");
            return QStringLiteral("INSERT INTO usage_events (") + columnList + QStringLiteral(") SELECT ") +
                   pgUnnestList(types);
        }();
        QVariantList binds;
        for (int c = 0; c < kEventColumnCount; ++c) {
            if (isTextColumn(c)) {
                std::vector<std::optional<QString>> column;
                column.reserve(rows.size());
                for (const auto& row : rows)
                    column.push_back(std::get<std::optional<QString>>(row[static_cast<std::size_t>(c)]));
                binds.append(pgTextArray(column));
            } else {
                std::vector<std::optional<qint64>> column;
                column.reserve(rows.size());
                for (const auto& row : rows)
                    column.push_back(std::get<std::optional<qint64>>(row[static_cast<std::size_t>(c)]));
                binds.append(pgBigintArray(column));
            }
        }
        m_db.execute(sql, binds);
        return;
    }
    // SQLite: statements cost no round trip here, but each execution has its own start-up cost, so rows
    // go in up to 16 at a time, the last few in one statement of their exact number, bound on SQLite's
    // own API.
    constexpr int kRowsPerInsert = 16;
    static const std::array<QByteArray, kRowsPerInsert + 1> insertSql =
        [] { // built once: runs in every group
            QByteArray row = "(?";
            for (int c = 1; c < kEventColumnCount; ++c)
                row += ", ?";
            row += ')';
            std::array<QByteArray, kRowsPerInsert + 1> sql;
            // OR IGNORE: the insert skips a row whose id is stored (counted below) instead of failing. A
            // statement that may fail halfway needs a statement journal, a copy of every page it changes,
            // which cost as much as a fifth of the insert.
            for (int rows = 1; rows <= kRowsPerInsert; ++rows) {
                sql[static_cast<std::size_t>(rows)] =
                    "INSERT OR IGNORE INTO usage_events (" + columnList.toLatin1() + ") VALUES " + row;
                for (int i = 1; i < rows; ++i)
                    sql[static_cast<std::size_t>(rows)] += ", " + row;
            }
            return sql;
        }();
    // A skipped row is an id stored since the lookup, or not looked up (SqlConnection::checksDeferred):
    // a unique violation, which sends the writer's group to its careful replay.
    const auto requireInserted = [](const SqliteStatement& insert, int rows) {
        if (insert.changes() != rows)
            throw SqlError(QStringLiteral("usage_events insert"),
                           QStringLiteral("an event id is already stored"), true);
    };
    const QByteArray success = QByteArrayLiteral("success");
    const QByteArray error = QByteArrayLiteral("error");
    const auto bindRow = [&](SqliteStatement& statement, int base, std::size_t r) {
        const PendingEvent& pending = *events[r];
        const UsageEvent& e = *pending.event;
        const EventText& text = pending.text;
        const MeteringTarget& t = pending.target;
        const EventResult& result = *results[r];
        int c = base; // the order of kEventColumns
        statement.bind(++c, t.scopeAccountId);
        statement.bindText(++c, text.id);
        statement.bind(++c, pending.fingerprint);
        statement.bind(++c, t.accountId);
        statement.bind(++c, e.occurredAt);
        statement.bind(++c, m_now);
        statement.bind(++c, t.organizationId);
        statement.bind(++c, t.userId);
        statement.bind(++c, t.memberId);
        statement.bind(++c, t.departmentId);
        statement.bindOptionalText(++c, text.apiKeyId);
        statement.bindText(++c, text.kind);
        statement.bindOptionalText(++c, text.provider);
        statement.bindOptionalText(++c, text.model);
        statement.bind(++c, e.tokensInput);
        statement.bind(++c, e.tokensOutput);
        statement.bind(++c, e.computeMs);
        statement.bind(++c, e.units);
        statement.bindOptionalText(++c, text.executionId);
        statement.bindOptionalText(++c, text.taskType);
        statement.bindText(++c, e.failed ? error : success);
        statement.bind(++c, qint64(e.byok ? 1 : 0));
        statement.bind(++c, e.reservationId);
        statement.bindOptionalText(++c, e.metadata);
        statement.bind(++c, result.rating.priceId);
        statement.bind(++c, qint64(result.rating.freeModel ? 1 : 0));
        statement.bind(++c, result.rating.costMicroUsd);
        statement.bind(++c, result.rating.markupMicroUsd);
        statement.bind(++c, result.rating.creditsMicro);
        statement.bind(++c, result.credits);
        statement.bind(++c, result.transactionId);
        statement.bind(++c, result.overageCredits);
    };
    inChunks(
        m_db, events.size(), kRowsPerInsert,
        [](int rows) { return insertSql[static_cast<std::size_t>(rows)].constData(); },
        [&](SqliteStatement& insert, std::size_t first, int rows) {
            for (int k = 0; k < rows; ++k)
                bindRow(insert, k * kEventColumnCount, first + static_cast<std::size_t>(k));
            insert.step();
            requireInserted(insert, rows);
        });
}

namespace {

struct RollupSums
{
    qint64 events = 0, errors = 0, tokensInput = 0, tokensOutput = 0, computeMs = 0, units = 0;
    qint64 cost = 0, markup = 0, creditsMicro = 0, charged = 0, overage = 0;

    void add(const RollupSums& other)
    {
        events += other.events;
        errors += other.errors;
        tokensInput += other.tokensInput;
        tokensOutput += other.tokensOutput;
        computeMs += other.computeMs;
        units += other.units;
        cost += other.cost;
        markup += other.markup;
        creditsMicro += other.creditsMicro;
        charged += other.charged;
        overage += other.overage;
    }
    std::array<qint64, 11> values() const
    {
        return {events, errors, tokensInput,  tokensOutput, computeMs, units,
                cost,   markup, creditsMicro, charged,      overage};
    }
};

// The three rollups' keys, as tuples so they order and compare without building strings.
// Text parts are UTF-8 (EventText) and '' for "none", never NULL: NULLs would never be equal in the
// primary key.
using DetailKey =
    std::tuple<qint64, qint64, qint64, qint64, qint64, QByteArray, QByteArray, QByteArray, qint64, qint64>;
using ModelKey = std::tuple<qint64, qint64, qint64, QByteArray, QByteArray, QByteArray, qint64, qint64>;
using MemberKey = std::tuple<qint64, qint64, qint64, qint64, qint64>;

const char* const kMeasureColumns =
    "events, error_events, tokens_input, tokens_output, compute_ms, units, "
    "cost_micro_usd, markup_micro_usd, credits_micro, charged_credits, overage_credits";
constexpr std::size_t kMeasureCount = std::tuple_size_v<decltype(RollupSums{}.values())>;
const char* const kDetailKeyColumns =
    "scope_account_id, day, account_id, member_id, department_id, kind, provider, model, byok, is_free";
const char* const kModelKeyColumns =
    "scope_account_id, day, account_id, kind, provider, model, byok, is_free";
const char* const kMemberKeyColumns = "scope_account_id, day, account_id, member_id, department_id";

QString placeholders(int count)
{
    QString text = QStringLiteral("?");
    for (int i = 1; i < count; ++i)
        text += QStringLiteral(", ?");
    return text;
}

// SQLite: an upsert of `rows` rows at once (the keys of one batch are distinct, so no row meets another).
QByteArray upsertSql(const char* table, const char* keyColumns, int keyCount, int rows)
{
    QString sql = QStringLiteral("INSERT INTO %1 (%2, %3, version) VALUES ")
                      .arg(QLatin1String(table), QLatin1String(keyColumns), QLatin1String(kMeasureColumns));
    const QString row =
        QLatin1Char('(') + placeholders(keyCount + static_cast<int>(kMeasureCount) + 1) + QLatin1Char(')');
    for (int i = 0; i < rows; ++i)
        sql += (i ? QStringLiteral(", ") : QString()) + row;
    return (sql + QStringLiteral(" ON CONFLICT (%1) DO UPDATE SET ").arg(QLatin1String(keyColumns)) +
            addMeasures(table))
        .toLatin1();
}

void bindKeyPart(SqliteStatement& statement, int index, qint64 value)
{
    statement.bind(index, value);
}
void bindKeyPart(SqliteStatement& statement, int index, const QByteArray& utf8)
{
    statement.bindText(index, utf8); // '' stays '' (a key part, never NULL)
}

// SQLite: a rollup table's upserts of 1 to 16 rows, their texts built once (they run in every write
// group).
constexpr int kRowsPerStatement = 16;
struct RollupTable
{
    RollupTable(const char* table, const char* keyColumns, int keyCount)
    {
        for (int rows = 1; rows <= kRowsPerStatement; ++rows)
            upserts[static_cast<std::size_t>(rows)] = upsertSql(table, keyColumns, keyCount, rows);
    }
    const char* sql(int rows) const { return upserts[static_cast<std::size_t>(rows)].constData(); }
    std::array<QByteArray, kRowsPerStatement + 1> upserts;
};

// Writes one rollup's rows through SQLite's own API, several per statement.
template<typename Key>
void upsertRollups(SqlConnection& db, const RollupTable& table, const std::map<Key, RollupSums>& rows,
                   qint64 version)
{
    constexpr int keyCount = static_cast<int>(std::tuple_size_v<Key>);
    constexpr int columns = keyCount + static_cast<int>(kMeasureCount) + 1;
    auto next = rows.begin(); // chunks come in order
    inChunks(
        db, rows.size(), kRowsPerStatement, [&](int count) { return table.sql(count); },
        [&](SqliteStatement& upsert, std::size_t, int count) {
            for (int k = 0; k < count; ++k, ++next) {
                int c = k * columns;
                std::apply([&](const auto&... part) { (bindKeyPart(upsert, ++c, part), ...); }, next->first);
                for (const qint64 value : next->second.values())
                    upsert.bind(++c, value);
                upsert.bind(++c, version);
            }
            upsert.step();
        });
}

// One column of a key or of the sums, as a PostgreSQL array (pgBigintArray, pgTextArray) for unnest().
template<typename Map, typename Get> QVariant column(const Map& rows, Get get, bool text)
{
    if (text) {
        std::vector<std::optional<QString>> values;
        for (const auto& [key, sums] : rows)
            values.emplace_back(get(key, sums).toString());
        return pgTextArray(values);
    }
    std::vector<std::optional<qint64>> values;
    for (const auto& [key, sums] : rows)
        values.emplace_back(get(key, sums).toLongLong());
    return pgBigintArray(values);
}

// PostgreSQL: the version bump and all three upserts in one statement (data-modifying CTEs), one
// round trip per batch instead of one per row.
template<typename Key, std::size_t KeySize>
void appendUnnest(QString& sql, QVariantList& binds, const char* table, const char* keyColumns,
                  const std::map<Key, RollupSums>& rows, const std::array<bool, KeySize>& textKey)
{
    std::vector<const char*> types;
    for (std::size_t k = 0; k < KeySize + kMeasureCount; ++k)
        types.push_back(k < KeySize && textKey[k] ? "text" : "bigint");
    sql += QStringLiteral("INSERT INTO %1 (%2, %3, version) SELECT ")
               .arg(QLatin1String(table), QLatin1String(keyColumns), QLatin1String(kMeasureColumns)) +
           pgUnnestList(types);
    sql += QStringLiteral(", (SELECT value FROM v) ON CONFLICT (%1) DO UPDATE SET ")
               .arg(QLatin1String(keyColumns)) +
           addMeasures(table);
    [&]<std::size_t... I>(std::index_sequence<I...>)
    {
        ((binds << column(
              rows, [](const Key& key, const RollupSums&) { return QVariant(std::get<I>(key)); },
              textKey[I])),
         ...);
    }
    (std::make_index_sequence<KeySize>{});
    for (std::size_t m = 0; m < kMeasureCount; ++m)
        binds << column(
            rows, [m](const Key&, const RollupSums& sums) { return QVariant(sums.values()[m]); }, false);
}

} // namespace

void MeteringService::updateRollups(const std::vector<const PendingEvent*>& events,
                                    const std::vector<EventResult*>& results)
{
    std::map<DetailKey, RollupSums> detail; // ordered, so rows are always written in the same order
    for (std::size_t r = 0; r < events.size(); ++r) {
        const UsageEvent& e = *events[r]->event;
        const EventText& text = events[r]->text;
        const MeteringTarget& t = events[r]->target;
        const EventResult& result = *results[r];
        RollupSums& sums =
            detail[DetailKey{t.scopeAccountId, e.occurredAt / kDayMs, t.accountId, t.memberId.value_or(0),
                             t.departmentId.value_or(0), text.kind, text.provider, text.model, e.byok ? 1 : 0,
                             result.rating.freeModel ? 1 : 0}];
        ++sums.events;
        sums.errors += e.failed ? 1 : 0;
        sums.tokensInput += e.tokensInput;
        sums.tokensOutput += e.tokensOutput;
        sums.computeMs += e.computeMs;
        sums.units += e.units;
        sums.cost += result.rating.costMicroUsd;
        sums.markup += result.rating.markupMicroUsd;
        sums.creditsMicro += result.rating.creditsMicro;
        sums.charged += result.credits;
        sums.overage += result.overageCredits;
    }
    // The coarser rollups (migration 3) get the same sums without the member, or without the model.
    std::map<ModelKey, RollupSums> byModel;
    std::map<MemberKey, RollupSums> byMember;
    for (const auto& [key, sums] : detail) {
        const auto& [scope, day, account, member, department, kind, provider, model, byok, free] = key;
        byModel[ModelKey{scope, day, account, kind, provider, model, byok, free}].add(sums);
        byMember[MemberKey{scope, day, account, member, department}].add(sums);
    }

    // One version per batch: reports asked with ?since=<version> return the groups touched after it.
    static const QString bumpVersion = QStringLiteral(
        "UPDATE metering_state SET value = value + 1 WHERE name = 'rollup_version' RETURNING value");
    if (m_db.isPostgres()) {
        QString sql = QStringLiteral("WITH v AS (") + bumpVersion + QStringLiteral("), detail AS (");
        QVariantList binds;
        appendUnnest(sql, binds, "usage_rollups", kDetailKeyColumns, detail,
                     std::array<bool, 10>{false, false, false, false, false, true, true, true, false, false});
        sql += QStringLiteral("), by_model AS (");
        appendUnnest(sql, binds, "usage_rollups_by_model", kModelKeyColumns, byModel,
                     std::array<bool, 8>{false, false, false, true, true, true, false, false});
        sql += QStringLiteral(") ");
        appendUnnest(sql, binds, "usage_rollups_by_member", kMemberKeyColumns, byMember,
                     std::array<bool, 5>{false, false, false, false, false});
        m_db.execute(sql, binds);
        return;
    }
    // SQLite: RETURNING would build a temporary table on every run; two plain statements cost less.
    m_db.execute(QStringLiteral("UPDATE metering_state SET value = value + 1 WHERE name = 'rollup_version'"));
    const qint64 version = asInt(
        m_db.row(QStringLiteral("SELECT value FROM metering_state WHERE name = 'rollup_version'"))->at(0));
    static const RollupTable detailTable("usage_rollups", kDetailKeyColumns, std::tuple_size_v<DetailKey>);
    static const RollupTable modelTable("usage_rollups_by_model", kModelKeyColumns,
                                        std::tuple_size_v<ModelKey>);
    static const RollupTable memberTable("usage_rollups_by_member", kMemberKeyColumns,
                                         std::tuple_size_v<MemberKey>);
    upsertRollups(m_db, detailTable, detail, version);
    upsertRollups(m_db, modelTable, byModel, version);
    upsertRollups(m_db, memberTable, byMember, version);
}

QString MeteringService::purgeDueSql(const SqlConnection& db)
{
    // Ordered by the indexed column so that every plan walks the index: PostgreSQL's generic plan of
    // the unordered form (and of "id IN (SELECT id ...)") scanned every stored event on each run of the
    // job, on the writer: 19 ms at 300,000 events.
    return QStringLiteral("SELECT %1 FROM usage_events WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?")
        .arg(db.rowIdentity());
}

qint64 MeteringService::purgeBefore(SqlConnection& db, qint64 cutoffMs, int limit)
{
    const QString due = purgeDueSql(db);
    const qint64 before = asInt(
        db.row(QStringLiteral("SELECT COUNT(*) FROM (") + due + QStringLiteral(") AS due"), {cutoffMs, limit})
            ->at(0));
    if (before == 0)
        return 0; // nothing to purge: nothing changes (not even the watermark)
    db.execute(db.deleteRowsSql(QStringLiteral("usage_events"), due), {cutoffMs, limit});
    // The watermark tells `verify` which days may no longer have all their raw events.
    db.execute(
        QStringLiteral("UPDATE metering_state SET value = ? WHERE name = 'purged_before' AND value < ?"),
        {cutoffMs, cutoffMs});
    return before;
}

} // namespace creditdesk::server
