// Metering benchmarks (issue "Usage metering, rating and usage reports"). Prints one JSON object.
//
//   bench_metering [--backend sqlite|postgresql] [--seconds 10] [--only batch,single,reports,alerts]
//                  [--report-events 10000000] [--report-members 64] [--load-generator epoll|threads]
//
//  batch    1,000-event batches on a few keep-alive connections, each event rated, charged and rolled
//           up and durable on 2xx; beside it, a raw INSERT of the same rows into the same database.
//  single   POST /metering/track on 64 keep-alive connections (p50/p99), beside GET /healthz.
//  alerts   single events with the alert rules on against off, and GET /quota beside GET /healthz
//           (64 connections each; --only alerts, not in the default set).
//  reports  p50/p99 of every report endpoint for a 30-day window over N stored events of 64 members
//           (--report-members) and 16 models, written straight into the database (with their rollups),
//           not through HTTP.
// PostgreSQL needs CREDITDESK_TEST_PG_URL (scripts/pg-start prints it).
#include "LoadDriver.h"
#include "TestServer.h"
#include "store/WalWriteBuffer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <sqlite3.h>
#include <thread>

using namespace creditdesk::test;
using namespace creditdesk::bench;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
const char* const kModels[] = {"openai/gpt-4o-mini",
                               "openai/gpt-4o",
                               "anthropic/claude-sonnet-4",
                               "google/gemini-2.5-flash",
                               "meta-llama/llama-3.3-70b-instruct:free",
                               "mistralai/mistral-small-3.1-24b-instruct",
                               "openai/text-embedding-3-small"};
constexpr int kModelCount = static_cast<int>(std::size(kModels));

QSqlDatabase openDirect(const QString& url, const QString& name)
{
    QSqlDatabase db = openDirectConnection(url, name);
    QSqlQuery query(db);
    if (url.startsWith("sqlite:")) { // the server's own settings, so raw figures compare like for like
        query.exec("PRAGMA journal_mode=WAL");
        query.exec("PRAGMA synchronous=FULL");
        query.exec("PRAGMA busy_timeout=30000");
    }
    return db;
}

void exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        qFatal("%s: %s", qPrintable(sql.left(200)), qPrintable(query.lastError().text()));
}

// One event body line, as a gateway would send it.
QByteArray eventJson(const QByteArray& id, qint64 organization, qint64 member, int n, const QString& at)
{
    const int model = n % kModelCount;
    const bool embedding = model == kModelCount - 1;
    return "{\"id\":\"" + id + "\",\"occurred_at\":\"" + at.toLatin1() +
           "\",\"organization_id\":" + QByteArray::number(organization) +
           ",\"member_id\":" + QByteArray::number(member) + ",\"kind\":\"" +
           (embedding ? "embedding" : "chat") + "\",\"model\":\"" + kModels[model] +
           "\",\"tokens_input\":" + QByteArray::number(200 + n % 3000) +
           ",\"tokens_output\":" + QByteArray::number(embedding ? 0 : 50 + n % 900) +
           ",\"compute_ms\":" + QByteArray::number(n % 2000) +
           ",\"api_key_id\":\"gw-1\",\"task_type\":\"chat\"}";
}

struct Setup
{
    qint64 organization = 0;
    std::vector<qint64> members;
    QByteArray token;
};

Setup prepare(Fixture& fixture)
{
    Setup setup;
    setup.organization = fixture.createOrganization(fixture.adminToken, "Bench Labs");
    auto admin = fixture.server->client(fixture.adminToken);
    admin->request("PATCH", "/api/v1/organizations/" + QByteArray::number(setup.organization),
                   R"({"tier":"starter"})");
    fixture.allocate(fixture.adminToken, setup.organization, 1'000'000'000'000'000LL);
    const qint64 department = fixture.createDepartment(fixture.adminToken, setup.organization, "Research");
    for (int i = 0; i < 8; ++i)
        setup.members.push_back(fixture.addMember(fixture.adminToken, setup.organization,
                                                  QString("m%1@bench.test").arg(i), "member",
                                                  i % 2 ? std::optional<qint64>(department) : std::nullopt));
    setup.token = fixture.createApiToken(fixture.adminToken, setup.organization, {"metering:write"});
    return setup;
}

// The raw limit for batch ingestion: the same rows, inserted into the same database with the same
// indexes as usage_events, 1,000 per durable transaction, without HTTP, parsing, rating or charging.
// SQLite writes its log through the server's own VFS shim (store/WalWriteBuffer.h), as the server does.
constexpr int kRawRowsPerStatement = 20;
// The raw insert's ids are of the same kind as the ingested events' (a UUID costs about a microsecond to
// make, in both the timed loops alike).
QByteArray rawId(qint64 row, bool randomIds)
{
    return randomIds ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
                     : "raw-" + QByteArray::number(row);
}
double rawInsertRate(const QString& url, qint64 rows, bool postgres, bool randomIds)
{
    creditdesk::server::installWalWriteBuffer();
    const QString name = QUuid::createUuid().toString();
    double rate = 0;
    {
        QSqlDatabase db = openDirect(url, name);
        exec(db, "CREATE TABLE bench_raw AS SELECT * FROM usage_events WHERE 1 = 0");
        exec(db, "CREATE UNIQUE INDEX bench_raw_key ON bench_raw (scope_account_id, event_id)");
        exec(db, "CREATE INDEX bench_raw_occurred ON bench_raw (occurred_at)");
        const QString columns =
            "scope_account_id, event_id, fingerprint, account_id, occurred_at, received_at, "
            "organization_id, member_id, kind, provider, model, tokens_input, tokens_output, "
            "compute_ms, units, api_key_id, task_type, status, byok, is_free, cost_micro_usd, "
            "markup_micro_usd, credits_micro, charged_credits, transaction_id";
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        sqlite3_stmt* rawInsert = nullptr;
        if (!postgres) {
            QByteArray sql = "INSERT INTO bench_raw (" + columns.toLatin1() + ") VALUES ";
            for (int r = 0; r < kRawRowsPerStatement; ++r)
                sql += QByteArray(r ? ", " : "") +
                       "(1, ?, 12345, 1, ?, ?, 1, 2, 'chat', 'openai', ?, ?, ?, ?, 0, "
                       "'gw-1', 'chat', 'success', 0, 0, ?, ?, ?, ?, 1)";
            sqlite3* handle = *static_cast<sqlite3* const*>(db.driver()->handle().data());
            if (sqlite3_prepare_v2(handle, sql.constData(), static_cast<int>(sql.size()), &rawInsert,
                                   nullptr) != SQLITE_OK)
                qFatal("raw insert: %s", sqlite3_errmsg(handle));
        }
        QElapsedTimer timer;
        timer.start();
        qint64 done = 0;
        while (done < rows) {
            db.transaction();
            if (postgres) {
                QStringList ids, times, models, numbers;
                for (int i = 0; i < 1000; ++i) {
                    ids << QString("\"%1\"").arg(QString::fromLatin1(rawId(done + i, randomIds)));
                    models << QString("\"%1\"").arg(kModels[(done + i) % kModelCount]);
                    numbers << QString::number(200 + (done + i) % 3000);
                }
                QSqlQuery insert(db);
                // The form the server uses: unnest() per column in the select list, streamed.
                insert.prepare("INSERT INTO bench_raw (" + columns +
                               ") SELECT 1, e, 12345, 1, ?, ?, 1, 2, 'chat', "
                               "'openai', m, t, t, t, 0, 'gw-1', 'chat', 'success', 0, 0, t, t, t, t, 1 "
                               "FROM (SELECT unnest(?::text[]) AS e, unnest(?::text[]) AS m, "
                               "unnest(?::bigint[]) AS t) AS u");
                insert.addBindValue(now);
                insert.addBindValue(now);
                insert.addBindValue("{" + ids.join(',') + "}");
                insert.addBindValue("{" + models.join(',') + "}");
                insert.addBindValue("{" + numbers.join(',') + "}");
                if (!insert.exec())
                    qFatal("raw insert: %s", qPrintable(insert.lastError().text()));
            } else {
                // SQLite's own API, 20 rows per statement: the cheapest way to put these rows in (the
                // server's ingestion inserts 16 per statement the same way).
                for (int statement = 0; statement < 1000 / kRawRowsPerStatement; ++statement) {
                    int p = 0;
                    for (int r = 0; r < kRawRowsPerStatement; ++r) {
                        const qint64 row = done + statement * kRawRowsPerStatement + r;
                        const qint64 n = 200 + row % 3000;
                        const QByteArray id = rawId(row, randomIds);
                        sqlite3_bind_text(rawInsert, ++p, id.constData(), static_cast<int>(id.size()),
                                          SQLITE_TRANSIENT);
                        sqlite3_bind_int64(rawInsert, ++p, now);
                        sqlite3_bind_int64(rawInsert, ++p, now);
                        sqlite3_bind_text(rawInsert, ++p, kModels[row % kModelCount], -1, SQLITE_STATIC);
                        for (int k = 0; k < 7; ++k)
                            sqlite3_bind_int64(rawInsert, ++p, n);
                    }
                    if (sqlite3_step(rawInsert) != SQLITE_DONE)
                        qFatal("raw insert: %s", sqlite3_errmsg(sqlite3_db_handle(rawInsert)));
                    sqlite3_reset(rawInsert);
                }
            }
            db.commit();
            done += 1000;
        }
        rate = static_cast<double>(done) / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
        sqlite3_finalize(rawInsert);
        exec(db, "DROP TABLE bench_raw");
    }
    QSqlDatabase::removeDatabase(name);
    return rate;
}

// CPU the server and this load generator spent per request while `run` ran, and the commits it took.
struct CpuSplit
{
    double serverMicros = 0;
    double writerMicros = 0;   // of serverMicros: the store's writer thread (cd-writer), which runs alone
    double databaseMicros = 0; // PostgreSQL's backends (0 on SQLite, which runs inside the server)
    double loadGeneratorMicros = 0;
    double commits = 0;
};

template<typename Run> std::pair<LoadResult, CpuSplit> measureCpu(Fixture& fixture, Run run)
{
    const qint64 serverPid = fixture.server->process().processId();
    auto commits = [&] {
        return metricValue(fixture.server->client()->get("/metrics").body, "creditdesk_store_commits_total");
    };
    const double serverBefore = processCpuSeconds(serverPid), selfBefore = processCpuSeconds(0);
    const double writerBefore = threadCpuSeconds(serverPid).value("cd-writer");
    const double databaseBefore = processesCpuSeconds("postgres");
    const double commitsBefore = commits();
    const LoadResult load = run();
    CpuSplit split;
    const double done = std::max<double>(1, static_cast<double>(load.ok));
    split.serverMicros = (processCpuSeconds(serverPid) - serverBefore) * 1e6 / done;
    split.loadGeneratorMicros = (processCpuSeconds(0) - selfBefore) * 1e6 / done;
    split.writerMicros = (threadCpuSeconds(serverPid).value("cd-writer") - writerBefore) * 1e6 / done;
    split.databaseMicros = (processesCpuSeconds("postgres") - databaseBefore) * 1e6 / done;
    split.commits = commits() - commitsBefore;
    return {load, split};
}

void insertCpu(QJsonObject& result, const CpuSplit& cpu, const char* unit, bool postgres)
{
    result.insert(QStringLiteral("server_cpu_us_per_%1").arg(QLatin1String(unit)), cpu.serverMicros);
    result.insert(QStringLiteral("writer_thread_cpu_us_per_%1").arg(QLatin1String(unit)), cpu.writerMicros);
    if (postgres)
        result.insert(QStringLiteral("postgres_cpu_us_per_%1").arg(QLatin1String(unit)), cpu.databaseMicros);
    result.insert(QStringLiteral("load_generator_cpu_us_per_%1").arg(QLatin1String(unit)),
                  cpu.loadGeneratorMicros);
}

// Event ids: "sequential" (run-connection-batch-index: each connection appends to the unique index) or
// "random" (UUIDs, as many gateways send: every event lands on its own index leaf).
QJsonObject benchBatch(Fixture& fixture, const Setup& setup, double seconds, bool postgres, bool randomIds)
{
    const quint16 port = fixture.server->port();
    const QByteArray runId = QUuid::createUuid().toByteArray(QUuid::Id128).left(8);
    const QString at = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate);
    const int connections = 4;
    std::atomic<quint64> rejected{0};
    // Bodies are built before the clock starts, per connection, so the driver costs little CPU.
    std::vector<std::vector<QByteArray>> prepared(connections);
    // Enough bodies for 400,000 events/s: the driver must never be what limits the figure.
    const int perConnection = static_cast<int>(std::max(4.0, seconds * 400 / connections));
    for (int c = 0; c < connections; ++c)
        for (int b = 0; b < perConnection; ++b) {
            QByteArray body = "{\"events\":[";
            for (int i = 0; i < 1000; ++i) {
                if (i)
                    body += ',';
                const QByteArray id = randomIds ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
                                                : runId + '-' + QByteArray::number(c) + '-' +
                                                      QByteArray::number(b) + '-' + QByteArray::number(i);
                body +=
                    eventJson(id, setup.organization,
                              setup.members[static_cast<std::size_t>(i % setup.members.size())], i + b, at);
            }
            prepared[static_cast<std::size_t>(c)].push_back(body + "]}");
        }
    const auto [load, cpu] = measureCpu(fixture, [&] {
        return runLoad(port, connections, seconds, [&](HttpClient& client, int thread, quint64 n) -> quint64 {
            const auto& bodies = prepared[static_cast<std::size_t>(thread)];
            if (n >= bodies.size()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                return 0;
            }
            client.setBearer(setup.token);
            const HttpResponse response = client.request("POST", "/api/v1/metering/events", bodies[n],
                                                         {{"Content-Type", "application/json"}});
            if (response.status != 200)
                return 0;
            const QByteArray& body = response.body;
            const quint64 okCount = static_cast<quint64>(body.count("\"status\":200"));
            rejected += 1000 - okCount;
            return okCount;
        });
    });
    const qint64 stored = fixture.database.scalar("SELECT COUNT(*) FROM usage_events");
    const double raw =
        rawInsertRate(fixture.database.url(), std::max<qint64>(20000, std::min<qint64>(stored, 300000)),
                      postgres, randomIds);
    QJsonObject result = toJson(load, "events");
    result.insert("batch_size", 1000);
    result.insert("event_ids", randomIds ? "random" : "sequential");
    result.insert("connections", connections);
    result.insert("events_rejected", static_cast<qint64>(rejected.load()));
    result.insert("events_stored", stored);
    result.insert("events_per_commit", cpu.commits > 0 ? static_cast<double>(load.ok) / cpu.commits : 0);
    insertCpu(result, cpu, "event", postgres);
    result.insert("raw_insert_rows_per_second", qRound(raw));
    result.insert("ratio_to_raw_insert", raw > 0 ? load.perSecond() / raw : 0);
    return result;
}

QJsonObject benchSingle(Fixture& fixture, const Setup& setup, double seconds, LoadGenerator generator,
                        bool postgres)
{
    constexpr int kConnections = 64;
    const quint16 port = fixture.server->port();
    const QByteArray runId = QUuid::createUuid().toByteArray(QUuid::Id128).left(8);
    const QString at = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate);
    const auto [load, cpu] = measureCpu(fixture, [&] {
        return runRequests(generator, port, kConnections, seconds, [&](int connection, quint64 n) {
            const QByteArray id =
                "s-" + runId + '-' + QByteArray::number(connection) + '-' + QByteArray::number(n);
            return BenchRequest{"POST",
                                "/api/v1/metering/track",
                                eventJson(id, setup.organization, setup.members[n % setup.members.size()],
                                          static_cast<int>(n), at),
                                setup.token,
                                {}};
        });
    });
    const auto [health, healthCpu] = measureCpu(fixture, [&] {
        return runRequests(generator, port, kConnections, std::min(seconds, 5.0), [](int, quint64) {
            return BenchRequest{"GET", "/healthz", {}, {}, {}};
        });
    });
    QJsonObject result = toJson(load, "events");
    result.insert("connections", kConnections);
    result.insert("load_generator", describe(generator));
    insertCpu(result, cpu, "event", postgres);
    result.insert("events_per_commit", cpu.commits > 0 ? static_cast<double>(load.ok) / cpu.commits : 0);
    QJsonObject healthJson = toJson(health, "requests");
    insertCpu(healthJson, healthCpu, "request", false);
    result.insert("healthz", healthJson);
    result.insert("ratio_to_healthz", health.perSecond() > 0 ? load.perSecond() / health.perSecond() : 0);
    return result;
}

// Alerts (issue 14): single-event metering with the account's alert rules on (the built-ins) against all
// of them off, and GET /api/v1/quota against GET /healthz, both on 64 connections.
QJsonObject benchAlerts(Fixture& fixture, const Setup& setup, double seconds, LoadGenerator generator,
                        bool postgres)
{
    auto admin = fixture.server->client(fixture.adminToken);
    const QByteArray organization = QByteArray::number(setup.organization);
    const auto setRules = [&](bool enabled) {
        const QJsonArray rules =
            admin->get("/api/v1/alerts/rules?organization_id=" + organization).json().value("data").toArray();
        for (const QJsonValue& rule : rules)
            admin->request("PATCH", "/api/v1/alerts/rules/" + QByteArray::number(rule["id"].toInteger()),
                           enabled ? R"({"enabled":true})" : R"({"enabled":false})",
                           {{"Content-Type", "application/json"}});
    };
    setRules(false);
    const QJsonObject off = benchSingle(fixture, setup, seconds, generator, postgres);
    setRules(true);
    const QJsonObject on = benchSingle(fixture, setup, seconds, generator, postgres);
    const double offRate = off.value("per_second").toDouble();
    const double onRate = on.value("per_second").toDouble();

    const QByteArray reader =
        fixture.createApiToken(fixture.adminToken, setup.organization, {"credits:read"});
    const quint16 port = fixture.server->port();
    const auto [quota, quotaCpu] = measureCpu(fixture, [&] {
        return runRequests(generator, port, 64, seconds, [&](int, quint64) {
            return BenchRequest{"GET", "/api/v1/quota?organization_id=" + organization, {}, reader, {}};
        });
    });
    const auto [health, healthCpu] = measureCpu(fixture, [&] {
        return runRequests(generator, port, 64, seconds, [](int, quint64) {
            return BenchRequest{"GET", "/healthz", {}, {}, {}};
        });
    });
    QJsonObject quotaJson = toJson(quota, "requests");
    insertCpu(quotaJson, quotaCpu, "request", postgres);
    QJsonObject healthJson = toJson(health, "requests");
    insertCpu(healthJson, healthCpu, "request", false);
    return QJsonObject{
        {"single_events_rules_off", off},
        {"single_events_rules_on", on},
        {"ratio_rules_on_to_off", offRate > 0 ? onRate / offRate : 0},
        {"quota", quotaJson},
        {"healthz", healthJson},
        {"ratio_quota_to_healthz", health.perSecond() > 0 ? quota.perSecond() / health.perSecond() : 0},
    };
}

// Writes `count` events over the last 90 days straight into usage_events, spread over `members`
// members (added directly, in 8 departments) and 16 models, then builds their rollups with one
// GROUP BY, the same recount `verify` compares them with. Returns the number of rollup rows.
const char* const kReportModels[] = {"openai/gpt-4o-mini",
                                     "openai/gpt-4o",
                                     "openai/gpt-4.1",
                                     "openai/gpt-4.1-mini",
                                     "openai/o4-mini",
                                     "anthropic/claude-sonnet-4",
                                     "anthropic/claude-3.5-haiku",
                                     "anthropic/claude-opus-4",
                                     "google/gemini-2.5-flash",
                                     "google/gemini-2.5-pro",
                                     "meta-llama/llama-3.3-70b-instruct",
                                     "meta-llama/llama-3.3-70b-instruct:free",
                                     "mistralai/mistral-small-3.1-24b-instruct",
                                     "mistralai/mistral-large",
                                     "deepseek/deepseek-r1:free",
                                     "openai/text-embedding-3-small"};

void seedEvents(const QString& url, const Setup& setup, qint64 accountId, qint64 count, int members,
                bool postgres)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = openDirect(url, name);
        if (!postgres)
            exec(db, "PRAGMA synchronous=OFF");
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Members and departments, straight into the tables (no scrypt per member).
        db.transaction();
        qint64 firstDepartment = 0, firstMember = 0;
        for (int d = 0; d < 8; ++d) {
            QSqlQuery insert(db);
            insert.prepare("INSERT INTO departments (organization_id, name, created_at) VALUES (?, ?, ?)");
            insert.addBindValue(setup.organization);
            insert.addBindValue(QString("Team %1").arg(d));
            insert.addBindValue(now);
            if (!insert.exec())
                qFatal("department: %s", qPrintable(insert.lastError().text()));
        }
        QSqlQuery first(db);
        first.exec(QString("SELECT MIN(id) FROM departments WHERE name = 'Team 0' AND organization_id = %1")
                       .arg(setup.organization));
        first.next();
        firstDepartment = first.value(0).toLongLong();
        for (int m = 0; m < members; ++m) {
            QSqlQuery insert(db);
            insert.prepare("INSERT INTO users (email, name, password_hash, is_platform_admin, created_at) "
                           "VALUES (?, ?, 'x', 0, ?)");
            insert.addBindValue(QString("report-%1@bench.test").arg(m));
            insert.addBindValue(QString("Report Member %1").arg(m));
            insert.addBindValue(now);
            if (!insert.exec())
                qFatal("user: %s", qPrintable(insert.lastError().text()));
        }
        first.exec("SELECT MIN(id) FROM users WHERE email LIKE 'report-%'");
        first.next();
        firstMember = first.value(0).toLongLong();
        exec(db,
             QString("INSERT INTO memberships (organization_id, user_id, role, department_id, created_at) "
                     "SELECT %1, id, 'member', %2 + (id - %3) % 8, %4 FROM users WHERE email LIKE 'report-%'")
                 .arg(setup.organization)
                 .arg(firstDepartment)
                 .arg(firstMember)
                 .arg(now));
        db.commit();

        const qint64 start = now - 90 * kDayMs;
        const qint64 step = std::max<qint64>(1, 90 * kDayMs / count);
        const int modelCount = static_cast<int>(std::size(kReportModels));
        QString modelCase =
            postgres ? "(array["
                     : "CASE (g / " + QString::number(members) + ") % " + QString::number(modelCount);
        for (int i = 0; i < modelCount; ++i)
            modelCase += postgres ? QString("%1'%2'").arg(i ? "," : "").arg(kReportModels[i])
                                  : QString(" WHEN %1 THEN '%2'").arg(i).arg(kReportModels[i]);
        modelCase +=
            postgres ? "])[1 + (g / " + QString::number(members) + ") % " + QString::number(modelCount) + "]"
                     : " END";
        const QString columns =
            "scope_account_id, event_id, fingerprint, account_id, occurred_at, received_at, "
            "organization_id, member_id, department_id, kind, provider, model, tokens_input, tokens_output, "
            "compute_ms, units, status, byok, is_free, cost_micro_usd, markup_micro_usd, "
            "credits_micro, charged_credits";
        const QString values =
            QString("?, 'seed-' || g, g, ?, ? + g * ?, ? + g * ?, ?, %1 + g % %2, %3 + (g % %2) % 8, 'chat', "
                    "'bench', %4, 200 + g % 3000, 50 + g % 900, g % 2000, 0, 'success', 0, 0, g % 5000, "
                    "g % 500, (g % 5000) * 25000, g % 200")
                .arg(firstMember)
                .arg(members)
                .arg(firstDepartment)
                .arg(modelCase);
        const qint64 chunk = 20000;
        for (qint64 done = 0; done < count; done += chunk) {
            db.transaction();
            QSqlQuery insert(db);
            const qint64 last = std::min(count, done + chunk) - 1;
            // Generated server-side from a series: the fastest way to lay down millions of plausible rows.
            if (postgres) {
                insert.prepare("INSERT INTO usage_events (" + columns + ") SELECT " + values +
                               " FROM generate_series(?::bigint, ?::bigint) AS g");
                for (const QVariant& v : QVariantList{accountId, accountId, start, step, start, step,
                                                      setup.organization, done, last})
                    insert.addBindValue(v);
            } else {
                insert.prepare("WITH RECURSIVE s(g) AS (SELECT ? UNION ALL SELECT g + 1 FROM s WHERE g < ?) "
                               "INSERT INTO usage_events (" +
                               columns + ") SELECT " + values + " FROM s");
                for (const QVariant& v : QVariantList{done, last, accountId, accountId, start, step, start,
                                                      step, setup.organization})
                    insert.addBindValue(v);
            }
            if (!insert.exec())
                qFatal("seeding events: %s", qPrintable(insert.lastError().text()));
            db.commit();
        }
        exec(db,
             "INSERT INTO usage_rollups (scope_account_id, day, account_id, member_id, department_id, kind, "
             "provider, "
             "model, byok, is_free, events, error_events, tokens_input, tokens_output, compute_ms, units, "
             "cost_micro_usd, "
             "markup_micro_usd, credits_micro, charged_credits, version) SELECT scope_account_id, "
             "occurred_at / 86400000, "
             "account_id, COALESCE(member_id, 0), COALESCE(department_id, 0), kind, COALESCE(provider, ''), "
             "COALESCE(model, ''), byok, is_free, COUNT(*), 0, SUM(tokens_input), SUM(tokens_output), "
             "SUM(compute_ms), "
             "SUM(units), SUM(cost_micro_usd), SUM(markup_micro_usd), SUM(credits_micro), "
             "SUM(charged_credits), 1 "
             "FROM usage_events WHERE event_id LIKE 'seed-%' GROUP BY scope_account_id, occurred_at / "
             "86400000, account_id, "
             "COALESCE(member_id, 0), COALESCE(department_id, 0), kind, COALESCE(provider, ''), "
             "COALESCE(model, ''), byok, is_free "
             "ON CONFLICT (scope_account_id, day, account_id, member_id, department_id, kind, provider, "
             "model, byok, is_free) "
             "DO UPDATE SET events = usage_rollups.events + excluded.events");
        const QString sums =
            "SUM(events), SUM(error_events), SUM(tokens_input), SUM(tokens_output), SUM(compute_ms), "
            "SUM(units), SUM(cost_micro_usd), SUM(markup_micro_usd), SUM(credits_micro), "
            "SUM(charged_credits), MAX(version)";
        const QString measures =
            "events, error_events, tokens_input, tokens_output, compute_ms, units, cost_micro_usd, "
            "markup_micro_usd, credits_micro, charged_credits, version";
        exec(db, "DELETE FROM usage_rollups_by_model");
        exec(db, "DELETE FROM usage_rollups_by_member");
        exec(db, "INSERT INTO usage_rollups_by_model (scope_account_id, day, account_id, kind, provider, "
                 "model, byok, is_free, " +
                     measures +
                     ") SELECT scope_account_id, day, account_id, kind, provider, model, byok, is_free, " +
                     sums +
                     " FROM usage_rollups GROUP BY scope_account_id, day, account_id, kind, provider, model, "
                     "byok, is_free");
        exec(db,
             "INSERT INTO usage_rollups_by_member (scope_account_id, day, account_id, member_id, "
             "department_id, " +
                 measures + ") SELECT scope_account_id, day, account_id, member_id, department_id, " + sums +
                 " FROM usage_rollups GROUP BY scope_account_id, day, account_id, member_id, department_id");
        exec(db, "ANALYZE");
    }
    QSqlDatabase::removeDatabase(name);
}

QJsonObject benchReports(Fixture& fixture, const Setup& setup, qint64 count, int members, bool postgres)
{
    const qint64 accountId = fixture.database.scalar(
        QString("SELECT id FROM accounts WHERE owner_kind = 'organization' AND owner_id = %1")
            .arg(setup.organization));
    QElapsedTimer seedTimer;
    seedTimer.start();
    const qint64 before = fixture.database.scalar("SELECT COUNT(*) FROM usage_events");
    if (before < count) {
        // The server is stopped meanwhile: on SQLite its writer and jobs would compete for the write lock.
        fixture.server->stop();
        seedEvents(fixture.database.url(), setup, accountId, count - before, members, postgres);
        if (!fixture.server->start())
            qFatal("the server did not restart after seeding");
    }
    const double seedSeconds = static_cast<double>(seedTimer.elapsed()) / 1000;
    const QByteArray department = QByteArray::number(fixture.database.scalar(
        QString("SELECT MIN(id) FROM departments WHERE name = 'Team 0' AND organization_id = %1")
            .arg(setup.organization)));
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QByteArray window = "organization_id=" + QByteArray::number(setup.organization) +
                              "&start_date=" + today.addDays(-29).toString(Qt::ISODate).toLatin1() +
                              "&end_date=" + today.toString(Qt::ISODate).toLatin1();
    const QList<QByteArray> endpoints{
        "/api/v1/metering/summary", "/api/v1/metering/by-model", "/api/v1/metering/by-date",
        "/api/v1/metering/by-date?granularity=month", "/api/v1/metering/by-member",
        "/api/v1/metering/by-department", "/api/v1/metering/free-tier", "/api/v1/billing/usage",
        // what a manager sees: one department's usage by model and by member
        "/api/v1/metering/by-model?department_id=" + department,
        "/api/v1/metering/by-member?department_id=" + department};
    QJsonObject endpointsJson;
    auto client = fixture.server->client(fixture.adminToken);
    for (const QByteArray& endpoint : endpoints) {
        const QByteArray target = endpoint + (endpoint.contains('?') ? "&" : "?") + window;
        std::vector<double> latencies;
        for (int i = 0; i < 200; ++i) {
            QElapsedTimer timer;
            timer.start();
            const HttpResponse response = client->get(target);
            if (response.status != 200)
                qFatal("%s: %d %s", target.constData(), response.status, response.body.left(300).constData());
            latencies.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(latencies.begin(), latencies.end());
        endpointsJson.insert(QString::fromLatin1(endpoint),
                             QJsonObject{{"p50_ms", latencies[latencies.size() / 2]},
                                         {"p99_ms", latencies[latencies.size() * 99 / 100]}});
    }
    const qint64 database_bytes =
        postgres ? fixture.database.scalar("SELECT pg_database_size(current_database())")
                 : fixture.database.scalar(
                       "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    return QJsonObject{{"stored_events", fixture.database.scalar("SELECT COUNT(*) FROM usage_events")},
                       {"members", members},
                       {"models", static_cast<int>(std::size(kReportModels))},
                       {"database_bytes", database_bytes},
                       {"rollup_rows", fixture.database.scalar("SELECT COUNT(*) FROM usage_rollups")},
                       {"seed_seconds", seedSeconds},
                       {"window_days", 30},
                       {"endpoints", endpointsJson}};
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const QString backend = argument(arguments, "--backend", "sqlite");
    const double seconds = argument(arguments, "--seconds", "10").toDouble();
    const QStringList only = argument(arguments, "--only", "batch,single,reports").split(',');
    const qint64 reportEvents = argument(arguments, "--report-events", "10000000").toLongLong();
    const int reportMembers = argument(arguments, "--report-members", "64").toInt();
    const bool postgres = backend == "postgresql";
    if (postgres)
        qputenv("CREDITDESK_TEST_BACKEND", "postgresql");

    QJsonObject report{{"benchmark", "metering"}, {"backend", backend}};
    {
        Fixture fixture;
        const Setup setup = prepare(fixture);
        if (only.contains("batch"))
            report.insert("batch_ingestion",
                          benchBatch(fixture, setup, seconds, postgres,
                                     argument(arguments, "--event-ids", "sequential") == "random"));
        if (only.contains("single"))
            report.insert("single_events",
                          benchSingle(fixture, setup, seconds,
                                      loadGeneratorNamed(argument(arguments, "--load-generator", "epoll")),
                                      postgres));
        if (only.contains("alerts"))
            report.insert("alerts",
                          benchAlerts(fixture, setup, seconds,
                                      loadGeneratorNamed(argument(arguments, "--load-generator", "epoll")),
                                      postgres));
        fixture.server->stop();
        QByteArray output;
        report.insert("verify_ok",
                      TestServer::runCommand({"verify", "--database", fixture.database.url()}, &output) == 0);
    }
    if (only.contains("reports")) {
        Fixture fixture;
        const Setup setup = prepare(fixture);
        report.insert("reports", benchReports(fixture, setup, reportEvents, reportMembers, postgres));
    }
    std::cout << QJsonDocument(report).toJson(QJsonDocument::Indented).toStdString();
    return 0;
}
