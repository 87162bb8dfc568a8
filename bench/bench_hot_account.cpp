// Hot-account benchmark (issue: server foundation and ledger): 64 keep-alive connections deducting
// 1 credit each from one account with unique idempotency keys, measured beside the two limits this
// path sits between: the raw one-row UPDATE transaction rate of the same database, and the server's
// trivial GET /healthz rate. Prints one JSON object.
//
//   bench_hot_account [--backend sqlite|postgresql] [--seconds 10] [--connections 64]
//                     [--load-generator epoll|threads] [--budgets]
// --budgets: the deductions are attributed to a member of a department and alternate, in four slices of
// each, between no budget and a (never reached) department budget and member limit in force; the report
// adds both rates and their ratio (docs/ledger.md, "Budgets"), "deduct" being the run with budgets.
// PostgreSQL needs CREDITDESK_TEST_PG_URL (scripts/pg-start prints it).
#include "LoadDriver.h"
#include "TestServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <thread>
#include <unistd.h>

using namespace creditdesk::test;
using namespace creditdesk::bench;

namespace {

// The naive limit: one transaction per change, on one hot row, with the server's durability settings.
double rawUpdateRate(const QString& url, double seconds)
{
    const QString name = QUuid::createUuid().toString();
    double rate = 0;
    {
        QSqlDatabase db = openDirectConnection(url, name);
        QSqlQuery query(db);
        if (url.startsWith("sqlite:")) {
            query.exec("PRAGMA journal_mode=WAL");
            query.exec("PRAGMA synchronous=FULL");
        }
        query.exec("CREATE TABLE bench_hot (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
        query.exec("INSERT INTO bench_hot (id, balance) VALUES (1, 1000000000)");
        QSqlQuery update(db);
        update.prepare("UPDATE bench_hot SET balance = balance - 1 WHERE id = 1");
        QElapsedTimer timer;
        timer.start();
        quint64 count = 0;
        while (timer.elapsed() < seconds * 1000) {
            db.transaction();
            update.exec();
            db.commit();
            ++count;
        }
        rate = static_cast<double>(count) / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
        query.exec("DROP TABLE bench_hot");
    }
    QSqlDatabase::removeDatabase(name);
    return rate;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const QString backend = argument(arguments, "--backend", "sqlite");
    const double seconds = argument(arguments, "--seconds", "10").toDouble();
    const int connections = argument(arguments, "--connections", "64").toInt();
    const LoadGenerator generator = loadGeneratorNamed(argument(arguments, "--load-generator", "epoll"));
    if (backend == "postgresql")
        qputenv("CREDITDESK_TEST_BACKEND", "postgresql");

    Fixture fixture;
    const qint64 organization = fixture.createOrganization(fixture.adminToken, "Hot account");
    const qint64 initial = 1'000'000'000;
    if (fixture.allocate(fixture.adminToken, organization, initial).status != 201)
        return 1;
    const QByteArray token = fixture.createApiToken(fixture.adminToken, organization, {"credits:deduct"});
    const quint16 port = fixture.server->port();

    const bool budgets = arguments.contains("--budgets");
    QByteArray body = R"({"organization_id":)" + QByteArray::number(organization) + R"(,"amount":1})";
    QByteArray orgPath = "/api/v1/organizations/" + QByteArray::number(organization);
    qint64 department = 0;
    qint64 member = 0;
    if (budgets) {
        department = fixture.createDepartment(fixture.adminToken, organization, "Hot department");
        member = fixture.addMember(fixture.adminToken, organization, "hot@bench.test", "member", department);
        body = R"({"organization_id":)" + QByteArray::number(organization) + R"(,"member_id":)" +
               QByteArray::number(member) + R"(,"amount":1})";
    }
    const QByteArray runId = QUuid::createUuid().toByteArray(QUuid::Id128).left(8);
    const auto deductFor = [&](double runSeconds, const QByteArray& run) {
        return runRequests(generator, port, connections, runSeconds, [&, run](int connection, quint64 n) {
            const QByteArray key =
                runId + run + '-' + QByteArray::number(connection) + '-' + QByteArray::number(n);
            return BenchRequest{"POST", "/api/v1/credits/deduct", body, token, {{"Idempotency-Key", key}}};
        });
    };
    const qint64 serverPid = fixture.server->process().processId();
    double serverCpuSeconds = 0;
    const auto measured = [&](double runSeconds, const QByteArray& run) {
        const double cpuBefore = processCpuSeconds(serverPid);
        LoadResult result = deductFor(runSeconds, run);
        serverCpuSeconds += processCpuSeconds(serverPid) - cpuBefore;
        return result;
    };
    LoadResult deductions; // with budgets in force when --budgets
    LoadResult withoutBudgets;
    LoadResult warmUp;
    if (!budgets) {
        deductions = measured(seconds, "b");
    } else {
        // Unmeasured, so that neither mode pays for a cold server and database; then the two modes
        // alternate in slices, so that neither gets the quieter moments of a shared machine or a
        // database of another size. Setting the budgets again counts the member's spending so far.
        warmUp = deductFor(std::min(seconds, 3.0), "w");
        const QByteArray terms = R"({"credits":1000000000,"period":"month","enforcement":"hard"})";
        const QByteArray budgetPath = orgPath + "/departments/" + QByteArray::number(department) + "/budget";
        const QByteArray limitPath = orgPath + "/members/" + QByteArray::number(member) + "/limit";
        auto client = fixture.server->client(fixture.adminToken);
        const Headers json{{"Content-Type", "application/json"}};
        const auto add = [](LoadResult& total, const LoadResult& slice) {
            total.ok += slice.ok;
            total.failed += slice.failed;
            total.seconds += slice.seconds;
            total.p50Ms = std::max(total.p50Ms, slice.p50Ms); // the worst slice's
            total.p99Ms = std::max(total.p99Ms, slice.p99Ms);
        };
        constexpr int kSlices = 4;
        for (int slice = 0; slice < kSlices; ++slice) {
            const QByteArray n = QByteArray::number(slice);
            add(withoutBudgets, deductFor(seconds / kSlices, "a" + n));
            if (client->request("PUT", budgetPath, terms, json).status != 200 ||
                client->request("PUT", limitPath, terms, json).status != 200)
                return 1;
            add(deductions, measured(seconds / kSlices, "b" + n));
            if (client->request("DELETE", budgetPath, {}, json).status != 200 ||
                client->request("DELETE", limitPath, {}, json).status != 200)
                return 1;
        }
    }
    const double serverCpuMicrosPerDeduction =
        deductions.ok ? serverCpuSeconds * 1e6 / static_cast<double>(deductions.ok) : 0;
    const qint64 finalBalance = fixture.balance(fixture.adminToken, organization);
    const bool exact =
        finalBalance == initial - static_cast<qint64>(deductions.ok + withoutBudgets.ok + warmUp.ok);

    const LoadResult health =
        runRequests(generator, port, connections, std::min(seconds, 5.0), [](int, quint64) {
            return BenchRequest{"GET", "/healthz", {}, {}, {}};
        });
    // Group commit at work: how many commands each commit carried.
    const QByteArray metrics = fixture.server->client()->get("/metrics").body;
    const double commits = metricValue(metrics, "creditdesk_store_commits_total");
    const double commandsPerCommit =
        commits > 0 ? metricValue(metrics, "creditdesk_store_commands_total") / commits : 0;
    fixture.server->stop();
    QByteArray verifyOutput;
    const int verified =
        TestServer::runCommand({"verify", "--database", fixture.database.url()}, &verifyOutput);
    const double raw = rawUpdateRate(fixture.database.url(), std::min(seconds, 5.0));

    QJsonObject report{
        {"benchmark", "hot_account_deduct"},
        {"backend", backend},
        {"connections", connections},
        {"load_generator", describe(generator)},
        {"deduct", toJson(deductions)},
        {"server_cpu_us_per_deduction", serverCpuMicrosPerDeduction},
        {"final_balance_exact", exact},
        {"verify_ok", verified == 0},
        {"healthz", toJson(health)},
        {"commands_per_commit", commandsPerCommit},
        {"raw_update_tx_per_second", qRound(raw)},
        {"ratio_to_raw_update", raw > 0 ? deductions.perSecond() / raw : 0},
        {"ratio_to_healthz", health.perSecond() > 0 ? deductions.perSecond() / health.perSecond() : 0},
    };
    if (budgets) {
        report.insert("deduct_without_budgets", toJson(withoutBudgets));
        report.insert("deduct_with_budgets", toJson(deductions));
        report.insert("ratio_with_budgets_to_without",
                      withoutBudgets.perSecond() > 0 ? deductions.perSecond() / withoutBudgets.perSecond()
                                                     : 0);
    }
    std::cout << QJsonDocument(report).toJson(QJsonDocument::Indented).toStdString();
    return exact && verified == 0 ? 0 : 1;
}
