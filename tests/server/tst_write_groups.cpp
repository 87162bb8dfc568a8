// The writer's group commit, seen from inside one group (SQLite and PostgreSQL): commands that share a
// transaction must each get the answer they would have had alone. On PostgreSQL the ledger keeps the
// locked account and the debits of a group in the connection's buffers (DebitBuffer) and looks up the
// group's idempotency keys at once (IdempotencyKeys); these tests put deductions next to allocations,
// holds, grant expiry, a command that fails after writing, and a key another server process records
// meanwhile, and check exact balances, transaction rows and `verify`.
#include "StoreGroups.h"
#include "TestServer.h"
#include "core/ApiError.h"
#include "core/Json.h"
#include "ledger/Ledger.h"
#include "ledger/Verifier.h"
#include "metering/MeteringService.h"
#include "metering/PriceBookStore.h"
#include "store/IdempotencyKeys.h"
#include "store/Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <future>
#include <memory>

using namespace creditdesk::server;
using namespace creditdesk::test;

namespace {

constexpr qint64 kStart = 1'800'000'000'000; // a fixed "now" (ms) for every command

ApiResponse balanceAnswer(const TransactionRecord& record)
{
    ApiResponse response;
    response.body = QByteArray::number(record.balanceAfter);
    return response;
}

bool isReplay(const ApiResponse& response)
{
    for (const auto& [name, value] : response.headers)
        if (name == "Idempotent-Replayed" && value == "true")
            return true;
    return false;
}

WriteCommand deduction(qint64 accountId, qint64 amount, qint64 now = kStart)
{
    return [=](SqlConnection& db) {
        Ledger ledger(db, now);
        return balanceAnswer(ledger.deduct(accountId, amount, Attribution{}, std::nullopt, std::nullopt));
    };
}

WriteCommand allocation(qint64 accountId, qint64 amount, const QString& kind = QStringLiteral("purchase"),
                        qint64 expiresAt = kNeverExpires)
{
    return [=](SqlConnection& db) {
        AllocationRequest request;
        request.amount = amount;
        request.grantKind = kind;
        request.priority = defaultPriorityFor(kind);
        request.expiresAt = expiresAt;
        Ledger ledger(db, kStart);
        return balanceAnswer(ledger.allocate(accountId, request, Attribution{}));
    };
}

WriteCommand hold(qint64 accountId, qint64 amount)
{
    return [=](SqlConnection& db) {
        Ledger ledger(db, kStart);
        ledger.reserve(accountId, amount, 3600, Attribution{});
        return ApiResponse{};
    };
}

// One compute event of `minutes` (the rate card's 50 credits a minute) on `accountId`, answered as
// "<credits>" or "<credits> replayed".
WriteCommand computeEvent(qint64 accountId, const QString& id, qint64 minutes)
{
    return [=](SqlConnection& db) {
        UsageEvent event;
        event.id = id;
        event.occurredAt = kStart - 60'000;
        event.kind = UsageKind::Compute;
        event.computeMs = minutes * 60'000;
        MeteringTarget target;
        target.scopeAccountId = accountId;
        target.accountId = accountId;
        target.policy.tier = Tier::Enterprise;
        const std::vector<PendingEvent> events{PendingEvent::accepted(event, target)};
        const std::shared_ptr<const Pricing> pricing = PriceBookStore(db).load();
        const EventResult result =
            MeteringService(db, kStart, *pricing, Attribution{}).ingest(events).front();
        if (result.error)
            throw *result.error;
        ApiResponse response;
        response.body = QByteArray::number(result.credits) + (result.replayed ? " replayed" : "");
        return response;
    };
}

} // namespace

class TestWriteGroups : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<Store> m_store;
    qint64 m_account = 0;

    qint64 scalar(const QString& sql) const { return m_database->scalar(sql); }

    std::vector<ApiResponse> runAsOneGroup(std::vector<WriteCommand> commands)
    {
        return creditdesk::test::runAsOneGroup(*m_store, std::move(commands));
    }

    void expectBalances(const std::vector<ApiResponse>& responses, const std::vector<QByteArray>& expected)
    {
        QCOMPARE(responses.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const QByteArray shown =
                responses[i].status == 200 ? responses[i].body : QByteArray::number(responses[i].status);
            QVERIFY2(shown == expected[i],
                     qPrintable(QStringLiteral("command %1: got %2, expected %3")
                                    .arg(i)
                                    .arg(QString::fromUtf8(shown), QString::fromUtf8(expected[i]))));
        }
    }

    void expectLedgerConsistent()
    {
        const QStringList problems = verifyLedger(m_store->reader());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // PostgreSQL plan checks: PREPARE takes $n where the server's statements say ? or ?n.
    static void prepare(SqlConnection& db, const QString& name, const QString& types, const QString& sql)
    {
        QString numbered = sql;
        numbered.replace(QLatin1String("?1"), QLatin1String("$1"))
            .replace(QLatin1String("?2"), QLatin1String("$2"));
        for (int n = 1; numbered.contains(QLatin1Char('?')); ++n)
            numbered.replace(numbered.indexOf(QLatin1Char('?')), 1, QStringLiteral("$%1").arg(n));
        db.executeDirect(QStringLiteral("PREPARE %1(%2) AS %3").arg(name, types, numbered));
    }
    static QString explain(SqlConnection& db, const QString& execute)
    {
        QString plan = execute + QLatin1Char(':');
        for (const Row& row : db.rows(QStringLiteral("EXPLAIN ") + execute))
            plan += QLatin1Char('\n') + row.at(0).toString();
        return plan;
    }
    // 30,000 stored events (account 7, ids e1…) and idempotency keys (scope "test", keys k1…), none
    // due for retention, without statistics.
    static void fillTables(SqlConnection& db)
    {
        db.executeDirect(QStringLiteral(
            "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, body, created_at) "
            "SELECT 'test', 'k' || g, 'h', 200, '', 1000000 + g FROM generate_series(1, 30000) g"));
        db.executeDirect(QStringLiteral(
            "INSERT INTO usage_events (scope_account_id, event_id, fingerprint, account_id, occurred_at, "
            "received_at, kind, tokens_input, tokens_output, compute_ms, units, status, byok, is_free, "
            "cost_micro_usd, markup_micro_usd, credits_micro, charged_credits) SELECT 7, 'e' || g, 0, 1, "
            "1000000 + g, 1000000 + g, 'chat', 0, 0, 0, 0, 'success', 0, 0, 0, 0, 0, 0 "
            "FROM generate_series(1, 30000) g"));
    }

private Q_SLOTS:
    void init()
    {
        m_database = std::make_unique<TestDatabase>();
        m_store = std::make_unique<Store>(DatabaseUrl::parse(m_database->url()));
        m_store->open(kStart);
        m_store->runSync([](SqlConnection& db) {
            db.execute(
                QStringLiteral(
                    "INSERT INTO accounts (owner_kind, owner_id, created_at) VALUES ('organization', 1, ?)"),
                {kStart});
            return ApiResponse{};
        });
        m_account = scalar(QStringLiteral("SELECT id FROM accounts"));
    }

    void cleanup()
    {
        m_store.reset();
        m_database.reset();
    }

    void deductionsInOneGroupDrawInOrder()
    {
        QCOMPARE(m_store->runSync(allocation(m_account, 1000)).body, QByteArray("1000"));
        std::vector<WriteCommand> commands;
        for (int i = 0; i < 10; ++i)
            commands.push_back(deduction(m_account, 7));
        commands.push_back(deduction(m_account, 931)); // 930 left: refused, nothing written
        commands.push_back(deduction(m_account, 930));
        expectBalances(runAsOneGroup(std::move(commands)),
                       {"993", "986", "979", "972", "965", "958", "951", "944", "937", "930", "402", "0"});
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT last_seq FROM accounts")), 12);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE kind = 'deduction'")), 11);
        QCOMPARE(scalar(QStringLiteral("SELECT SUM(amount) FROM transaction_grants")), 1000);
        QCOMPARE(scalar(QStringLiteral("SELECT remaining FROM grants")), 0);
        QCOMPARE(m_store->statistics().replayedGroups.load(), 0u);
        expectLedgerConsistent();
    }

    void allocationsAndHoldsBetweenDeductionsAreSeen()
    {
        m_store->runSync(allocation(m_account, 10));
        expectBalances(
            runAsOneGroup({deduction(m_account, 10), deduction(m_account, 5), allocation(m_account, 50),
                           deduction(m_account, 20), hold(m_account, 25), deduction(m_account, 10),
                           deduction(m_account, 5)}),
            {"0", "402", "50", "30", "", "402", "25"});
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 25);
        QCOMPARE(scalar(QStringLiteral("SELECT SUM(remaining) FROM grants")), 25);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM transactions")),
                 5); // 2 allocations, 3 deductions
        expectLedgerConsistent();
    }

    void grantExpiringWithinTheGroupIsBookedFirst()
    {
        // A bonus (drawn first) that runs out 1 s after kStart, and a purchase that never does.
        m_store->runSync(allocation(m_account, 100, QStringLiteral("bonus"), kStart + 1000));
        m_store->runSync(allocation(m_account, 100));
        expectBalances(
            runAsOneGroup({deduction(m_account, 30, kStart), deduction(m_account, 30, kStart + 2000),
                           deduction(m_account, 71, kStart + 2000)}),
            {"170", "70", "402"});
        QCOMPARE(scalar(QStringLiteral("SELECT amount FROM transactions WHERE kind = 'expiry'")), -70);
        QCOMPARE(scalar(QStringLiteral("SELECT SUM(remaining) FROM grants")), 70);
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 70);
        expectLedgerConsistent();
    }

    void commandFailingAfterWritingLeavesItsNeighbours()
    {
        m_store->runSync(allocation(m_account, 100));
        const quint64 replayedBefore = m_store->statistics().replayedGroups.load();
        const qint64 account = m_account;
        WriteCommand writesThenFails = [account](SqlConnection& db) -> ApiResponse {
            Ledger(db, kStart).deduct(account, 40, Attribution{}, std::nullopt, std::nullopt);
            throw ApiError(QStringLiteral("validation_failed"), QStringLiteral("refused after writing"));
        };
        expectBalances(
            runAsOneGroup({deduction(m_account, 10), std::move(writesThenFails), deduction(m_account, 10)}),
            {"90", "422", "80"});
        QCOMPARE(m_store->statistics().replayedGroups.load(), replayedBefore + 1);
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 80);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE kind = 'deduction'")), 2);
        expectLedgerConsistent();
    }

    void recordedKeysReplayInsideAGroup()
    {
        m_store->runSync(allocation(m_account, 100));
        const auto keyed = [this](const QString& key, qint64 amount) {
            return idempotentCommand(QStringLiteral("test"), key,
                                     QStringLiteral("hash-") + QString::number(amount), kStart,
                                     deduction(m_account, amount));
        };
        m_store->runSync(keyed(QStringLiteral("a"), 1));
        m_store->runSync(keyed(QStringLiteral("b"), 2));
        const auto responses = runAsOneGroup({keyed(QStringLiteral("a"), 1), keyed(QStringLiteral("c"), 3),
                                              keyed(QStringLiteral("b"), 5), keyed(QStringLiteral("d"), 4)});
        expectBalances(responses, {"99", "94", "409", "90"});
        QVERIFY(isReplay(responses[0]));
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 90);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys")), 4);
        expectLedgerConsistent();
    }

    void checkConstraintsRefuseBadValuesWithoutTemporaryIndexes()
    {
        // Migration 6 wrote SQLite's IN-list CHECKs as comparisons: the same rule, without the
        // temporary index SQLite built for the list on every insert.
        SqlConnection db(DatabaseUrl::parse(m_database->url()), QStringLiteral("checks"));
        const QString insert = QStringLiteral(
            "INSERT INTO transactions (account_id, seq, kind, amount, balance_after, actor_kind, created_at) "
            "VALUES (?, 1, ?, 5, 5, 'system', ?)");
        bool refused = false;
        try {
            db.execute(insert, {m_account, QStringLiteral("gift"), kStart});
        } catch (const SqlError&) {
            refused = true;
        }
        QVERIFY(refused);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM transactions")), 0);
        db.execute(insert, {m_account, QStringLiteral("allocation"), kStart});
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM transactions")), 1);
        if (m_database->isPostgres())
            return;
        for (const char* table : {"transactions", "reservations", "memberships"}) {
            const QString sql = db.row(QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = ?"),
                                       {QString::fromLatin1(table)})
                                    ->at(0)
                                    .toString();
            QVERIFY2(!sql.contains(QLatin1String(" IN (")), table);
        }
        for (const Row& step :
             db.rows(QStringLiteral("EXPLAIN ") + insert, {m_account, QStringLiteral("refund"), kStart}))
            QVERIFY(step.at(1).toString() != QLatin1String("OpenEphemeral"));
        QCOMPARE(db.row(QStringLiteral("PRAGMA integrity_check"))->at(0).toString(), QStringLiteral("ok"));
    }

    void storedEventIdInAGroupIsAnsweredAsTheOriginal()
    {
        // SQLite's first run of a group leaves the duplicate check to the unique key; finding a stored id
        // there sends the group to its careful run, where the lookup answers it as the original.
        m_store->runSync(allocation(m_account, 1000));
        m_store->runSync(computeEvent(m_account, QStringLiteral("e-1"), 1));
        const quint64 replayedBefore = m_store->statistics().replayedGroups.load();
        const auto responses =
            runAsOneGroup({computeEvent(m_account, QStringLiteral("e-2"), 2),
                           computeEvent(m_account, QStringLiteral("e-1"), 1), deduction(m_account, 10)});
        expectBalances(responses, {"100", "50 replayed", "840"});
        QCOMPARE(m_store->statistics().replayedGroups.load(),
                 replayedBefore + (m_database->isPostgres() ? 0 : 1));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM usage_events")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 840);
        expectLedgerConsistent();
    }

    void storedKeysExpireAfterTheirRetention()
    {
        m_store->runSync(allocation(m_account, 100));
        constexpr qint64 kDay = 24LL * 3600 * 1000;
        const auto keyed = [this](const QString& key, qint64 now) {
            return idempotentCommand(QStringLiteral("test"), key, QStringLiteral("hash"), now,
                                     deduction(m_account, 1));
        };
        QCOMPARE(m_store->runSync(keyed(QStringLiteral("old"), kStart)).body, QByteArray("99"));
        QCOMPARE(m_store->runSync(keyed(QStringLiteral("new"), kStart + 10 * kDay)).body, QByteArray("98"));
        qint64 purged = -1;
        m_store->runSync([&purged](SqlConnection& db) {
            purged = IdempotencyKeys::purgeBefore(db, kStart + 5 * kDay, 10000);
            return ApiResponse{};
        });
        QCOMPARE(purged, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys")), 1);
        // The forgotten key is a new request now; the kept one still replays.
        QCOMPARE(m_store->runSync(keyed(QStringLiteral("old"), kStart + 10 * kDay)).body, QByteArray("97"));
        const ApiResponse replay = m_store->runSync(keyed(QStringLiteral("new"), kStart + 10 * kDay));
        QVERIFY(isReplay(replay));
        QCOMPARE(replay.body, QByteArray("98"));
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 97);
        expectLedgerConsistent();
    }

    // Retention jobs count and delete chunks of due rows through prepared statements. PostgreSQL turns
    // a prepared statement to a generic plan after five runs; the jobs' first forms ("id IN (SELECT
    // id ...)", an unordered LIMIT) got one that scanned the whole table on every run, on the writer.
    void retentionStatementsWalkIndexesInGenericPlans()
    {
        if (!m_database->isPostgres())
            QSKIP("SQLite plans a statement the same way every time");
        QStringList plans;
        m_store->runSync([&plans](SqlConnection& db) {
            fillTables(db); // as a busy server has them: many rows, none due, not yet analyzed
            db.executeDirect(QStringLiteral("SET LOCAL plan_cache_mode = force_generic_plan"));
            for (const auto& [table, due] :
                 {std::pair{QStringLiteral("usage_events"), MeteringService::purgeDueSql(db)},
                  std::pair{QStringLiteral("idempotency_keys"), IdempotencyKeys::purgeDueSql(db)}}) {
                prepare(db, QStringLiteral("count_") + table, QStringLiteral("bigint, bigint"),
                        QStringLiteral("SELECT COUNT(*) FROM (") + due + QStringLiteral(") AS due"));
                prepare(db, QStringLiteral("delete_") + table, QStringLiteral("bigint, bigint"),
                        db.deleteRowsSql(table, due));
                plans << explain(db, QStringLiteral("EXECUTE count_%1(10, 100)").arg(table))
                      << explain(db, QStringLiteral("EXECUTE delete_%1(10, 100)").arg(table));
            }
            return ApiResponse{}; // (each test has a database of its own)
        });
        QCOMPARE(plans.size(), 4);
        for (const QString& plan : plans)
            QVERIFY2(!plan.contains(QLatin1String("Seq Scan")), qPrintable(plan));
    }

    // The lookups of a group's idempotency keys and of a batch's event ids are prepared once. Their
    // generic plans, made here while the tables are empty as on a fresh server, must still probe the
    // whole key per id once the tables have grown: plain "= ANY(?)" and unnest joins got plans that
    // walked every row of an account or of the table.
    void batchLookupsProbeTheKeyInPlansMadeOnEmptyTables()
    {
        if (!m_database->isPostgres())
            QSKIP("SQLite plans a statement the same way every time");
        QStringList plans;
        m_store->runSync([&plans](SqlConnection& db) {
            db.executeDirect(QStringLiteral("SET LOCAL plan_cache_mode = force_generic_plan"));
            prepare(db, QStringLiteral("find_events"), QStringLiteral("text, bigint"),
                    MeteringService::existingEventsSql());
            prepare(db, QStringLiteral("find_keys"), QStringLiteral("text, text"),
                    IdempotencyKeys::prefetchSql());
            explain(db, QStringLiteral("EXECUTE find_events('{a,b}', 7)")); // the generic plans are made now
            explain(db, QStringLiteral("EXECUTE find_keys('{test}', '{k1}')"));
            fillTables(db);
            plans << explain(db, QStringLiteral("EXECUTE find_events('{e5,e999,zz}', 7)"))
                  << explain(db, QStringLiteral("EXECUTE find_keys('{test,test}', '{k5,zz}')"));
            return ApiResponse{};
        });
        QCOMPARE(plans.size(), 2);
        for (const QString& plan : plans) {
            QVERIFY2(!plan.contains(QLatin1String("Seq Scan")) && !plan.contains(QLatin1String("Filter:")),
                     qPrintable(plan));
            QVERIFY2(plan.contains(QLatin1String("Index")), qPrintable(plan));
        }
    }

    void keyRecordedByAnotherProcessMeanwhileWins()
    {
        if (!m_database->isPostgres())
            QSKIP("SQLite has one writer process: no other process can record a key during a group");
        m_store->runSync(allocation(m_account, 100));
        const QString url = m_database->url();
        // Another server process records the same key (with its own answer) after this group looked
        // the key up and before it commits.
        WriteCommand otherProcess = [url](SqlConnection&) {
            const QString name = QUuid::createUuid().toString();
            {
                QSqlDatabase other = openDirectConnection(url, name);
                QSqlQuery insert(other);
                if (!insert.exec(
                        QStringLiteral("INSERT INTO idempotency_keys (scope, idem_key, request_hash, status, "
                                       "body, created_at) VALUES ('test', 'k', 'hash-10', 200, 'theirs', 0) "
                                       "ON CONFLICT DO NOTHING")))
                    qFatal("%s", qPrintable(insert.lastError().text()));
            }
            QSqlDatabase::removeDatabase(name);
            return ApiResponse{};
        };
        const auto responses =
            runAsOneGroup({idempotentCommand(QStringLiteral("test"), QStringLiteral("k"),
                                             QStringLiteral("hash-10"), kStart, deduction(m_account, 10)),
                           std::move(otherProcess), deduction(m_account, 1)});
        expectBalances(responses, {"theirs", "", "99"});
        QVERIFY(isReplay(responses[0]));
        QCOMPARE(scalar(QStringLiteral("SELECT balance FROM accounts")), 99);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM transactions WHERE kind = 'deduction'")), 1);
        expectLedgerConsistent();
    }
};

QTEST_GUILESS_MAIN(TestWriteGroups)
#include "tst_write_groups.moc"
