// The audit trail's writer, in-process (SQLite and PostgreSQL): the entries of a write group are hashed
// in one pass and go in with few statements (16 rows per INSERT on SQLite, one INSERT of arrays on
// PostgreSQL); each entry keeps the hash spelling of the entries already stored, the chain runs across
// statements and groups, and the entries of a command that is rolled back vanish with it.
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

    // Runs the commands as one group: the writer is held inside a first command until all are queued.
    std::vector<ApiResponse> runAsOneGroup(std::vector<WriteCommand> commands)
    {
        const quint64 groupsBefore = m_store->statistics().groups.load();
        std::promise<void> started;
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        m_store->submit(
            [&started, released](SqlConnection&) {
                started.set_value();
                released.wait();
                return ApiResponse{};
            },
            [](ApiResponse) {});
        started.get_future().wait();
        std::vector<std::future<ApiResponse>> answers;
        for (WriteCommand& command : commands) {
            auto answer = std::make_shared<std::promise<ApiResponse>>();
            answers.push_back(answer->get_future());
            m_store->submit(std::move(command),
                            [answer](ApiResponse response) { answer->set_value(std::move(response)); });
        }
        release.set_value();
        std::vector<ApiResponse> responses;
        for (auto& answer : answers)
            responses.push_back(answer.get());
        if (m_store->statistics().groups.load() != groupsBefore + 2)
            qFatal("the commands did not run as one group");
        return responses;
    }

    void expectChainHolds()
    {
        const std::optional<QString> broken = AuditTrail(m_store->reader()).firstBrokenLink();
        QVERIFY2(!broken, qPrintable(broken.value_or(QString())));
    }

    // The stored entries, oldest first, are recordNumber(n) for each n of `numbers`, numbered 1, 2, …
    void expectEntries(const std::vector<int>& numbers)
    {
        AuditFilter filter;
        filter.sinceSeq = 0;
        filter.limit = 1000;
        const std::vector<AuditEntry> entries = AuditTrail(m_store->reader()).list(filter);
        QCOMPARE(entries.size(), numbers.size());
        QString previousHash = AuditTrail::genesisHash();
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            const AuditEntry& entry = entries[i];
            const AuditRecord expected = recordNumber(numbers[i]);
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
};

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audit_trail.moc"
