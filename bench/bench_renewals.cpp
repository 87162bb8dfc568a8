// Renewals benchmark (issue "Plans and subscriptions"). Prints one JSON object.
//
//   bench_renewals [--backend sqlite|postgresql|both] [--subscriptions 100000] [--connections 8]
//                  [--interval-ms 25] [--idle-seconds 10]
//
// N starter subscriptions fall due at the same instant T. They are written straight into the database
// (organization, account, subscription, and the ending period's allowance grant with its allocation, so
// each renewal books an expiry and a rollover as in steady state) while the server is stopped; then the
// server runs on the test clock, an admin moves it past T, and the move answers once every renewal due on
// the way has run: its duration is the renewal time. Beside it, `connections` keep-alive connections
// each send POST /api/v1/metering/track every `interval-ms` (as a gateway would), first for
// `idle-seconds` with nothing else to do, then during the renewals: their p99 latencies, idle and during.
// Targets: all renewed within 60 s, p99 during at most twice the idle p99.
// PostgreSQL needs CREDITDESK_TEST_PG_URL (scripts/pg-start prints it); `both` (the default) runs it
// when that is set.
#include "LoadDriver.h"
#include "TestServer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>

using namespace creditdesk::test;
using namespace creditdesk::bench;

namespace {

QStringList serverArguments()
{
    // No pre-billing notices: the 100,000 renewals fall due within their 3 days, so the notices (sent 3
    // days before, in a real deployment a burst of its own) would all go out during the idle phase.
    return {"--test-clock", "--session-ttl", "315360000", "--prebilling-notice-days", "0"};
}

void exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        qFatal("%s: %s", qPrintable(sql.left(300)), qPrintable(query.lastError().text()));
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// N organizations on starter whose period [start, due) ends at `due`, each with that period's
// allowance unused (750,000 credits expiring at `due`), first-month bonus already given.
void seed(const QString& url, int count, qint64 start, qint64 due)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = openDirectConnection(url, name);
        if (url.startsWith("sqlite:")) {
            exec(db, "PRAGMA journal_mode=WAL");
            exec(db, "PRAGMA busy_timeout=30000");
        }
        QSqlQuery terms(db);
        if (!terms.exec("SELECT definition FROM plans WHERE id = 'starter'") || !terms.next())
            qFatal("no starter plan: %s", qPrintable(terms.lastError().text()));
        QString definition = terms.value(0).toString();
        definition.replace('\'', "''");
        const QString s = QString::number(start);
        const QString d = QString::number(due);
        db.transaction();
        exec(db, QString("INSERT INTO organizations (name, kind, tier, billing_option, created_at) "
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                         "SELECT 'bench-' || i, 'team', 'starter', 'credits', %2 FROM n")
                     .arg(count)
                     .arg(s));
        exec(db,
             QString("INSERT INTO accounts (owner_kind, owner_id, balance, last_seq, created_at) "
                     "SELECT 'organization', id, 750000, 1, %1 FROM organizations WHERE name LIKE 'bench-%'")
                 .arg(s));
        exec(db,
             QString("INSERT INTO subscriptions (account_id, plan, billing_option, status, terms, "
                     "markup_basis_points, free_models_only, anchor_at, period_number, current_period_start, "
                     "current_period_end, first_bonus_granted, created_at, updated_at) "
                     "SELECT a.id, 'starter', 'credits', 'active', '%1', 1000, 0, %2, 0, %2, %3, 1, %2, %2 "
                     "FROM accounts a JOIN organizations o ON a.owner_kind = 'organization' AND a.owner_id = "
                     "o.id WHERE o.name LIKE 'bench-%'")
                 .arg(definition, s, d));
        exec(
            db,
            QString("INSERT INTO grants (account_id, kind, amount, remaining, priority, effective_at, "
                    "expires_at, created_at, note) SELECT a.id, 'plan_allocation', 750000, 750000, 30, %1, "
                    "%2, %1, 'Starter plan allowance' FROM accounts a JOIN organizations o ON a.owner_kind = "
                    "'organization' AND a.owner_id = o.id WHERE o.name LIKE 'bench-%'")
                .arg(s, d));
        exec(db,
             QString("INSERT INTO transactions (account_id, seq, kind, grant_kind, amount, balance_after, "
                     "organization_id, actor_kind, grant_id, note, created_at) SELECT g.account_id, 1, "
                     "'allocation', 'plan_allocation', 750000, 750000, a.owner_id, 'job', g.id, g.note, %1 "
                     "FROM grants g JOIN accounts a ON a.id = g.account_id WHERE g.kind = 'plan_allocation'")
                 .arg(s));
        if (!db.commit())
            qFatal("seed commit: %s", qPrintable(db.lastError().text()));
        if (!url.startsWith("sqlite:"))
            exec(db, "ANALYZE");
    }
    QSqlDatabase::removeDatabase(name);
}

// One request on a fresh connection without a read timeout (the move answers when all renewals ran).
std::pair<int, QByteArray> blockingRequest(quint16 port, const QByteArray& method, const QByteArray& target,
                                           const QByteArray& body, const QByteArray& bearer)
{
    const int fd = detail::connectTo(port);
    if (fd < 0)
        return {0, {}};
    const QByteArray message = httpRequest(method, target, body, bearer);
    qsizetype sent = 0;
    while (sent < message.size()) {
        const ssize_t n =
            ::send(fd, message.constData() + sent, static_cast<size_t>(message.size() - sent), 0);
        if (n <= 0)
            break;
        sent += n;
    }
    QByteArray in;
    char buffer[65536];
    for (;;) {
        if (auto response = detail::takeResponse(in)) {
            ::close(fd);
            return *response;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        in.append(buffer, n);
    }
    ::close(fd);
    return {0, {}};
}

struct Latencies
{
    std::vector<float> ms;
    quint64 failed = 0;
    QJsonObject toJson() const
    {
        std::vector<float> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](double q) {
            return sorted.empty() ? 0.0
                                  : static_cast<double>(sorted[std::min(
                                        sorted.size() - 1,
                                        static_cast<std::size_t>(static_cast<double>(sorted.size()) * q))]);
        };
        return QJsonObject{{"events", static_cast<qint64>(sorted.size())},
                           {"failed", static_cast<qint64>(failed)},
                           {"p50_ms", at(0.5)},
                           {"p99_ms", at(0.99)},
                           {"max_ms", sorted.empty() ? 0.0 : static_cast<double>(sorted.back())}};
    }
};

// Paced single-event metering on `connections` keep-alive connections until `stop`: each sends one
// event every `intervalMs` (or as soon as its previous answer came, when it is late).
class PacedMetering
{
public:
    PacedMetering(quint16 port, QByteArray token, qint64 organization, QString occurredAt, int connections,
                  int intervalMs)
        : m_port(port), m_token(std::move(token)), m_organization(organization), m_at(std::move(occurredAt)),
          m_connections(connections), m_interval(intervalMs)
    {
    }
    Latencies run(const std::atomic<bool>& stop, const QByteArray& phase)
    {
        std::vector<Latencies> tallies(static_cast<std::size_t>(m_connections));
        std::vector<std::thread> threads;
        for (int c = 0; c < m_connections; ++c)
            threads.emplace_back([&, c] {
                HttpClient client("127.0.0.1", m_port);
                client.setBearer(m_token);
                Latencies& tally = tallies[static_cast<std::size_t>(c)];
                auto next = std::chrono::steady_clock::now() +
                            std::chrono::milliseconds(c * m_interval / m_connections);
                for (quint64 n = 0; !stop.load(); ++n) {
                    std::this_thread::sleep_until(next);
                    next += std::chrono::milliseconds(m_interval);
                    const QByteArray id = phase + '-' + QByteArray::number(c) + '-' + QByteArray::number(n);
                    const QByteArray body = "{\"id\":\"" + id + "\",\"occurred_at\":\"" + m_at.toLatin1() +
                                            "\",\"organization_id\":" + QByteArray::number(m_organization) +
                                            ",\"kind\":\"chat\",\"model\":\"openai/gpt-4o-mini\","
                                            "\"tokens_input\":800,\"tokens_output\":200}";
                    const auto started = std::chrono::steady_clock::now();
                    const HttpResponse response = client.request("POST", "/api/v1/metering/track", body);
                    const auto done = std::chrono::steady_clock::now();
                    if (response.status == 200)
                        tally.ms.push_back(std::chrono::duration<float, std::milli>(done - started).count());
                    else
                        ++tally.failed;
                    if (next < done)
                        next = done;
                }
            });
        for (std::thread& thread : threads)
            thread.join();
        Latencies all;
        for (const Latencies& tally : tallies) {
            all.ms.insert(all.ms.end(), tally.ms.begin(), tally.ms.end());
            all.failed += tally.failed;
        }
        return all;
    }

private:
    quint16 m_port;
    QByteArray m_token;
    qint64 m_organization;
    QString m_at;
    int m_connections;
    int m_interval;
};

QJsonObject benchBackend(int count, int connections, int intervalMs, double idleSeconds)
{
    Fixture fixture(serverArguments(), Fixture::Catalog::Shipped);
    const QString url = fixture.database.url();
    // The gateway's organization: paid models, plenty of credits, a metering:write token.
    const qint64 organization = fixture.createOrganization(fixture.adminToken, "Gateway");
    fixture.server->client(fixture.adminToken)
        ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(organization),
                  R"({"tier":"professional"})");
    fixture.allocate(fixture.adminToken, organization, 1'000'000'000'000LL);
    const QByteArray token = fixture.createApiToken(fixture.adminToken, organization, {"metering:write"});

    // Seed with the server stopped; it starts again with its test clock at the current time.
    fixture.server->stop();
    const qint64 due = (QDateTime::currentMSecsSinceEpoch() / 1000 + 3600) * 1000;
    const qint64 start = QDateTime::fromMSecsSinceEpoch(due, Qt::UTC).addMonths(-1).toMSecsSinceEpoch();
    QElapsedTimer seedTimer;
    seedTimer.start();
    seed(url, count, start, due);
    const double seedSeconds = static_cast<double>(seedTimer.elapsed()) / 1000;
    fixture.server = std::make_unique<TestServer>(url, serverArguments());
    if (!fixture.server->start())
        qFatal("the server did not start again");
    const quint16 port = fixture.server->port();
    const QString occurredAt = iso(QDateTime::currentMSecsSinceEpoch() - 60'000);
    PacedMetering metering(port, token, organization, occurredAt, connections, intervalMs);

    std::atomic<bool> stop{false};
    std::thread idleTimer([&] {
        std::this_thread::sleep_for(std::chrono::duration<double>(idleSeconds));
        stop = true;
    });
    const Latencies idle = metering.run(stop, "idle");
    idleTimer.join();

    stop = false;
    Latencies during;
    std::thread load([&] { during = metering.run(stop, "during"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the load is under way
    QElapsedTimer renewal;
    renewal.start();
    const auto [status, body] =
        blockingRequest(port, "POST", "/api/v1/admin/test-clock",
                        "{\"now\":\"" + iso(due + 1000).toLatin1() + "\"}", fixture.adminToken);
    const double renewalSeconds = static_cast<double>(renewal.nsecsElapsed()) / 1e9;
    stop = true;
    load.join();
    if (status != 200)
        qFatal("the clock move failed: %d %s", status, body.constData());

    const qint64 renewed = fixture.database.scalar(
        QString("SELECT COUNT(*) FROM subscription_periods WHERE period_start = %1").arg(due));
    const qint64 stillDue = fixture.database.scalar(
        QString("SELECT COUNT(*) FROM subscriptions WHERE current_period_end <= %1").arg(due));
    const qint64 charged = fixture.database.scalar(
        QString("SELECT COUNT(*) FROM charges WHERE kind = 'period_fee' AND period_start = %1").arg(due));
    const QJsonObject idleJson = idle.toJson();
    const QJsonObject duringJson = during.toJson();
    const double idleP99 = idleJson.value("p99_ms").toDouble();
    fixture.server->stop();
    QByteArray verifyOutput;
    const bool verifyOk = TestServer::runCommand({"verify", "--database", url}, &verifyOutput) == 0;
    return QJsonObject{
        {"subscriptions", count},
        {"seed_seconds", seedSeconds},
        {"renewal_seconds", renewalSeconds},
        {"renewals_per_second", renewalSeconds > 0 ? static_cast<double>(renewed) / renewalSeconds : 0},
        {"renewed", renewed},
        {"period_fees_charged", charged},
        {"still_due", stillDue},
        {"target_renewal_seconds", 60},
        {"metering",
         QJsonObject{{"connections", connections},
                     {"interval_ms", intervalMs},
                     {"idle", idleJson},
                     {"during_renewals", duringJson},
                     {"p99_ratio", idleP99 > 0 ? duringJson.value("p99_ms").toDouble() / idleP99 : 0},
                     {"target_p99_ratio", 2}}},
        {"verify_ok", verifyOk},
    };
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const QString backend = argument(arguments, "--backend", "both");
    const int count = argument(arguments, "--subscriptions", "100000").toInt();
    const int connections = argument(arguments, "--connections", "8").toInt();
    const int intervalMs = argument(arguments, "--interval-ms", "25").toInt();
    const double idleSeconds = argument(arguments, "--idle-seconds", "10").toDouble();
    const bool havePg = !qEnvironmentVariableIsEmpty("CREDITDESK_TEST_PG_URL");

    QJsonObject report{{"benchmark", "renewals"}};
    if (backend == "sqlite" || backend == "both") {
        qunsetenv("CREDITDESK_TEST_BACKEND");
        report.insert("sqlite", benchBackend(count, connections, intervalMs, idleSeconds));
    }
    if (backend == "postgresql" || (backend == "both" && havePg)) {
        qputenv("CREDITDESK_TEST_BACKEND", "postgresql");
        report.insert("postgresql", benchBackend(count, connections, intervalMs, idleSeconds));
    }
    std::cout << QJsonDocument(report).toJson(QJsonDocument::Indented).toStdString();
    return 0;
}
