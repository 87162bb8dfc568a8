// The audit trail's writer, in-process (SQLite and PostgreSQL): the entries of a write group are hashed
// in one pass and go in with few statements (16 rows per INSERT on SQLite, one INSERT of arrays on
// PostgreSQL); each entry keeps the hash spelling of the entries already stored, the chain runs across
// statements and groups, and the entries of a command that is rolled back vanish with it. On SQLite,
// entries of a group that share actor, organization, action and target type are stored as runs (one
// row each, at most 64 entries): they read back, filter, page and verify as the entries they are.
#include "StoreGroups.h"
#include "TestServer.h"
#include "audit/AuditTrail.h"
#include "core/ApiError.h"
#include "store/Store.h"

#include <QTest>

#include <future>
#include <memory>

using namespace creditdesk::server;
using namespace creditdesk::test;

namespace {

constexpr qint64 kStart = 1'800'000'000'000;

// Entry n of a varied run: absent and present ids, no target type, empty and non-ASCII summaries, with
// and without a request id.
AuditRecord recordNumber(int n)
{
    AuditRecord record;
    record.at = kStart + n;
    record.actorType = n % 3 == 0 ? QByteArrayLiteral("job") : QByteArrayLiteral("token");
    if (n % 3 != 0)
        record.actorId = 10 + n % 4;
    if (n % 5 != 0)
        record.organizationId = 1 + n % 2;
    record.action = QByteArrayLiteral("usage.recorded");
    if (n % 4 != 0) {
        record.targetType = QByteArrayLiteral("transaction");
        record.targetId = 1000 + n;
    }
    if (n % 7 != 0)
        record.summary = QStringLiteral("event e-%1: %2 credits → ok").arg(n).arg(n * 3).toUtf8();
    if (n % 2 == 0)
        record.requestId = "req-" + QByteArray::number(n);
    return record;
}

// Entry n of a run: one actor, organization, action and target type; the rest varied as in recordNumber.
AuditRecord runRecord(int n)
{
    AuditRecord record = recordNumber(n);
    record.actorType = QByteArrayLiteral("token");
    record.actorId = 7;
    record.organizationId = 3;
    record.targetType = QByteArrayLiteral("transaction");
    record.targetId = n % 4 == 0 ? std::nullopt : std::optional<qint64>(5000 + n);
    // A run's tail stores each entry against the one before: times that go back, target ids far apart,
    // and summaries that part in the middle of a character ("→" and "←" share their first two bytes).
    if (n % 3 == 0)
        record.at = kStart - n;
    if (n % 5 == 0)
        record.targetId = (qint64(1) << 50) + n;
    if (n % 11 == 0)
        record.summary.replace("→", "←");
    return record;
}

} // namespace

class TestAuditTrail : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<Store> m_store;

    qint64 scalar(const QString& sql) const { return m_database->scalar(sql); }

    WriteCommand appending(int first, int count)
    {
        return [first, count](SqlConnection& db) {
            AuditTrail trail(db);
            for (int n = first; n < first + count; ++n)
                trail.append(recordNumber(n));
            return ApiResponse{};
        };
    }

    WriteCommand appendingRecords(std::vector<AuditRecord> records)
    {
        return [records = std::move(records)](SqlConnection& db) {
            AuditTrail trail(db);
            for (const AuditRecord& record : records)
                trail.append(record);
            return ApiResponse{};
        };
    }

    void execute(const QString& sql)
    {
        QCOMPARE(m_store
                     ->runSync([sql](SqlConnection& db) {
                         db.execute(sql);
                         return ApiResponse{};
                     })
                     .status,
                 200);
    }

    std::vector<qint64> listedSeqs(const AuditFilter& filter)
    {
        std::vector<qint64> seqs;
        for (const AuditEntry& entry : AuditTrail(m_store->reader()).list(filter))
            seqs.push_back(entry.seq);
        return seqs;
    }

    static std::vector<qint64> range(qint64 from, qint64 to) // inclusive, either direction
    {
        std::vector<qint64> seqs;
        for (qint64 n = from; from <= to ? n <= to : n >= to; n += from <= to ? 1 : -1)
            seqs.push_back(n);
        return seqs;
    }

    std::vector<ApiResponse> runAsOneGroup(std::vector<WriteCommand> commands)
    {
        return creditdesk::test::runAsOneGroup(*m_store, std::move(commands));
    }

    void expectChainHolds()
    {
        const std::optional<QString> broken = AuditTrail(m_store->reader()).firstBrokenLink();
        QVERIFY2(!broken, qPrintable(broken.value_or(QString())));
    }

    // The stored entries, oldest first, are recordNumber(n) for each n of `numbers`, numbered 1, 2, …
    void expectEntries(const std::vector<int>& numbers)
    {
        std::vector<AuditRecord> records;
        for (int n : numbers)
            records.push_back(recordNumber(n));
        expectRecords(records);
    }

    // The stored entries, oldest first, are `records`, numbered 1, 2, …
    void expectRecords(const std::vector<AuditRecord>& records)
    {
        AuditFilter filter;
        filter.sinceSeq = 0;
        filter.limit = 1000;
        const std::vector<AuditEntry> entries = AuditTrail(m_store->reader()).list(filter);
        QCOMPARE(entries.size(), records.size());
        QString previousHash = AuditTrail::genesisHash();
        for (std::size_t i = 0; i < records.size(); ++i) {
            const AuditEntry& entry = entries[i];
            const AuditRecord& expected = records[i];
            QCOMPARE(entry.seq, static_cast<qint64>(i + 1));
            QCOMPARE(entry.at, expected.at);
            QCOMPARE(entry.actorType.toUtf8(), expected.actorType);
            QCOMPARE(entry.actorId, expected.actorId);
            QCOMPARE(entry.organizationId, expected.organizationId);
            QCOMPARE(entry.action.toUtf8(), expected.action);
            QCOMPARE(entry.targetType.toUtf8(), expected.targetType);
            QCOMPARE(entry.targetId, expected.targetId);
            QCOMPARE(entry.summary.toUtf8(), expected.summary);
            QCOMPARE(entry.requestId.toUtf8(), expected.requestId);
            QCOMPARE(entry.hash, AuditTrail::hashOf(previousHash, entry));
            previousHash = entry.hash;
        }
    }

private Q_SLOTS:
    void init()
    {
        m_database = std::make_unique<TestDatabase>();
        m_store = std::make_unique<Store>(DatabaseUrl::parse(m_database->url()));
        m_store->open(kStart);
    }

    void cleanup()
    {
        m_store.reset();
        m_database.reset();
    }

    // Entries stored by the previous writer (one statement and one QString conversion per entry): the
    // hash of the same content is the same, so trails written before this writer still verify.
    void hashKeepsTheStoredSpelling()
    {
        AuditEntry first;
        first.seq = 1;
        first.at = 1788739200000;
        first.actorType = QStringLiteral("user");
        first.actorId = 2;
        first.organizationId = 1;
        first.action = QStringLiteral("organization.created");
        first.targetType = QStringLiteral("organization");
        first.targetId = 1;
        first.summary = QStringLiteral("team organization \"Demo Labs\"");
        QCOMPARE(AuditTrail::hashOf(AuditTrail::genesisHash(), first),
                 QStringLiteral("c443a055189a5265f27591b5046cd398b7d5f37e98eb5564f0f8f19387f98824"));

        AuditEntry job;
        job.seq = 26;
        job.at = 1791333000000;
        job.actorType = QStringLiteral("job");
        job.action = QStringLiteral("subscription.renewed");
        job.targetType = QStringLiteral("subscription");
        job.targetId = 1;
        job.summary = QStringLiteral("free → free, period 2026-10-07 – 2026-11-07");
        QCOMPARE(AuditTrail::hashOf(
                     QStringLiteral("226198f1a66842ce46a728aedfba1a6160c7ef9a78679fe32cf4562f7ff41893"), job),
                 QStringLiteral("1247f2290ca2f8a04bf45c8f01c16555783c56c4a0362703c701c74f6a401844"));
    }

    // 37 entries in one command: two full statements of 16 and one of 5 (one on PostgreSQL), then one
    // more in a later group, chained to the last.
    void oneGroupChainsAcrossStatements()
    {
        QCOMPARE(m_store->runSync(appending(1, 37)).status, 200);
        QCOMPARE(m_store->runSync(appending(38, 1)).status, 200);
        std::vector<int> numbers;
        for (int n = 1; n <= 38; ++n)
            numbers.push_back(n);
        expectEntries(numbers);
        expectChainHolds();
        // No target type and no request id are stored as NULL; an empty summary as the empty text.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE target_type IS NULL")), 9);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE request_id IS NULL")), 19);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE summary = ''")), 5);
    }

    // Commands of one group append to the same buffer; a command refused after it appended (the group
    // is replayed command by command, each in a savepoint) leaves no entry, and the chain has no gap.
    void entriesOfARefusedCommandVanish()
    {
        std::vector<WriteCommand> commands;
        commands.push_back(appending(1, 20));
        commands.push_back([](SqlConnection& db) -> ApiResponse {
            AuditTrail(db).append(recordNumber(99));
            throw ApiError(QStringLiteral("insufficient_credits"));
        });
        commands.push_back(appending(21, 3));
        const std::vector<ApiResponse> answers = runAsOneGroup(std::move(commands));
        QCOMPARE(answers[0].status, 200);
        QCOMPARE(answers[1].status, 402);
        QCOMPARE(answers[2].status, 200);
        std::vector<int> numbers;
        for (int n = 1; n <= 23; ++n)
            numbers.push_back(n);
        expectEntries(numbers);
        expectChainHolds();
    }

    // 100 entries of one actor, organization and action, two others, then five more of the first kind in
    // a later group: on SQLite rows of 64, 36, 1, 1 and 5 entries. Every entry reads back as appended,
    // filters and pages by sequence number across and inside runs, and the chain holds.
    void runsReadBackAsTheirEntries()
    {
        std::vector<AuditRecord> records;
        for (int n = 1; n <= 100; ++n)
            records.push_back(runRecord(n));
        records.push_back(recordNumber(3));
        records.push_back(recordNumber(1));
        QCOMPARE(m_store->runSync(appendingRecords(records)).status, 200);
        std::vector<AuditRecord> later;
        for (int n = 101; n <= 105; ++n)
            later.push_back(runRecord(n));
        QCOMPARE(m_store->runSync(appendingRecords(later)).status, 200);
        records.insert(records.end(), later.begin(), later.end());
        expectRecords(records);
        expectChainHolds();
        if (m_database->isPostgres()) {
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")), 107);
        } else {
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")), 5);
            QCOMPARE(scalar(QStringLiteral("SELECT run_count FROM audit_log WHERE seq = 1")), 64);
            QCOMPARE(scalar(QStringLiteral("SELECT run_count FROM audit_log WHERE seq = 65")), 36);
            QCOMPARE(scalar(QStringLiteral("SELECT run_count FROM audit_log WHERE seq = 103")), 5);
        }

        AuditFilter filter;
        filter.limit = 10;
        filter.sinceSeq = 30; // inside the first run
        QCOMPARE(listedSeqs(filter), range(31, 40));
        filter.sinceSeq = 60; // across the first two runs
        QCOMPARE(listedSeqs(filter), range(61, 70));
        filter.sinceSeq = 98; // the end of a run, two single entries, the later run: nine in all
        QCOMPARE(listedSeqs(filter), range(99, 107));
        filter.sinceSeq.reset();
        filter.beforeSeq = 70; // newest first, across the boundary
        QCOMPARE(listedSeqs(filter), range(69, 60));
        filter.beforeSeq.reset();
        filter.limit = 4; // the newest: the later run
        QCOMPARE(listedSeqs(filter), range(107, 104));
        filter.organizationId = 3;
        filter.actorId = 7;
        filter.action = QStringLiteral("usage.recorded");
        filter.beforeSeq = 103;
        QCOMPARE(listedSeqs(filter), range(100, 97));
    }

    // A run's other entries are covered by the chain as the first is: a changed byte, a cut tail or a
    // changed count is found by verify.
    void verifyFindsAChangedRun_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("report");
        QTest::newRow("last hash")
            << QStringLiteral(
                   "UPDATE audit_log SET run_tail = CAST(substr(run_tail, 1, length(run_tail) - 1) || "
                   "CASE WHEN substr(run_tail, -1) = x'00' THEN x'01' ELSE x'00' END AS BLOB) WHERE seq = 1")
            << QStringLiteral("audit chain: entry 64 was changed (its hash does not "
                              "match its content)");
        QTest::newRow("cut tail")
            << QStringLiteral(
                   "UPDATE audit_log SET run_tail = substr(run_tail, 1, length(run_tail) - 1) WHERE seq = 1")
            << QStringLiteral("audit chain: entry 1 was changed (the entries stored "
                              "with it cannot be read)");
        QTest::newRow("count") << QStringLiteral("UPDATE audit_log SET run_count = 63 WHERE seq = 1")
                               << QStringLiteral("audit chain: entry 1 was changed (the entries stored "
                                                 "with it cannot be read)");
        QTest::newRow("row removed") << QStringLiteral("DELETE FROM audit_log WHERE seq = 1")
                                     << QStringLiteral("audit chain: entry 1 is missing (found 65 next)");
    }

    void verifyFindsAChangedRun()
    {
        if (m_database->isPostgres())
            QSKIP("PostgreSQL stores one row per entry; the runs are SQLite's");
        QFETCH(QString, change);
        QFETCH(QString, report);
        std::vector<AuditRecord> records;
        for (int n = 1; n <= 70; ++n)
            records.push_back(runRecord(n));
        QCOMPARE(m_store->runSync(appendingRecords(records)).status, 200);
        expectChainHolds();
        execute(change);
        QCOMPARE(AuditTrail(m_store->reader()).firstBrokenLink().value_or(QString()), report);
    }
};

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audit_trail.moc"
