// Every model under QAbstractItemModelTester; the windowed transaction model filters and sorts on raw
// values and loads pages lazily from the cache's worker thread.
#include "ConsoleTestSupport.h"
#include "cache/AsyncCacheReader.h"
#include "cache/CacheDatabase.h"
#include "models/CollectionTableModel.h"
#include "models/GrantsModel.h"
#include "models/NamedListModel.h"
#include "models/TransactionListModel.h"
#include "models/TransactionTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace creditdesk;
using namespace creditdesk::test;

class TestConsoleModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CacheDatabase m_cache;
    QDateTime m_end{QDate(2026, 3, 10), QTime(12, 0), QTimeZone::utc()};

    static void waitForPage(TransactionTableModel& model)
    {
        QSignalSpy loaded(&model, &TransactionTableModel::firstPageLoaded);
        QSignalSpy counted(&model, &TransactionTableModel::countChanged);
        QVERIFY(loaded.wait(5000) || loaded.count() > 0);
        if (!model.isCountKnown())
            QVERIFY(counted.wait(5000));
    }

private Q_SLOTS:
    void whoMadeItAndGrantKindsInWords()
    {
        NameLookup names;
        names.members.insert(2, "Ana Lima");
        QCOMPARE(actorLabel("user 2", names), QStringLiteral("Ana Lima"));
        QCOMPARE(actorLabel("user 3", names), QStringLiteral("User #3"));
        QCOMPARE(actorLabel("user", names), QStringLiteral("User"));
        QCOMPARE(actorLabel("api_token 2", names), QStringLiteral("API token #2"));
        QCOMPARE(actorLabel("api_token", names), QStringLiteral("API token"));
        QCOMPARE(actorLabel("system", names), QStringLiteral("System"));
        QCOMPARE(actorLabel("robot 7", names), QStringLiteral("robot 7"));
        QCOMPARE(grantKindLabel("bonus"), QStringLiteral("Bonus"));
        QCOMPARE(grantKindLabel("plan_allocation"), QStringLiteral("Plan allowance"));
    }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_cache.open(m_dir.filePath(QStringLiteral("models.sqlite"))));
        QVERIFY(m_cache.applyTransactionsPage(1, makeTransactions(1, 1, 5000, m_end)));
    }

    void transactionTableModelPassesTheTester()
    {
        AsyncCacheReader reader;
        reader.setDatabasePath(m_cache.path());
        TransactionTableModel model(&reader);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TransactionQuery query;
        query.organizationId = 1;
        model.setQuery(query);
        waitForPage(model);
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(model.columnCount(), static_cast<int>(TransactionColumn::Count));
        QCOMPARE(model.index(0, 0).data(TransactionIdRole).toLongLong(), 100'000'000 + 5000);
        // A row far down is a placeholder until its page arrives, then dataChanged fills it.
        const QModelIndex deep = model.index(4321, static_cast<int>(TransactionColumn::Amount));
        QCOMPARE(deep.data(LoadedRole).toBool(), false);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(deep.data().toString(), QString()); // asking for the text requests the page
        QTRY_VERIFY_WITH_TIMEOUT(model.index(4321, 0).data(LoadedRole).toBool(), 5000);
        QVERIFY(changed.count() > 0);
        QCOMPARE(model.transactionAt(4321)->seq, 5000 - 4321);

        // A sync added rows: refresh grows the model without a reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(m_cache.applyTransactionsPage(1, makeTransactions(1, 5001, 10, m_end.addSecs(600))));
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 5010, 5000);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(model.index(0, 0).data(TransactionIdRole).toLongLong(), 100'000'000 + 5010,
                                  5000);
    }

    void filtersOnRawValues()
    {
        AsyncCacheReader reader;
        reader.setDatabasePath(m_cache.path());
        TransactionTableModel model(&reader);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TransactionQuery query;
        query.organizationId = 1;
        query.kind = TransactionKind::Refund;
        model.setQuery(query);
        waitForPage(model);
        QVERIFY(model.rowCount() > 0);
        for (int row = 0; row < std::min(model.rowCount(), 200); ++row) {
            QCOMPARE(model.index(row, static_cast<int>(TransactionColumn::Kind)).data(RawRole).toInt(),
                     static_cast<int>(TransactionKind::Refund));
        }
        query.kind.reset();
        query.memberId = 2;
        query.departmentId = 2; // member 2 has even seq... seq%5==1 and seq%2==1 → seq%10==1
        model.setQuery(query);
        waitForPage(model);
        QCOMPARE(model.rowCount(), 501);
        for (int row = 0; row < std::min(model.rowCount(), 200); ++row)
            QCOMPARE(model.transactionAt(row)->seq % 10, 1);
    }

    void sortsOnRawValues()
    {
        AsyncCacheReader reader;
        reader.setDatabasePath(m_cache.path());
        TransactionTableModel model(&reader);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TransactionQuery query;
        query.organizationId = 1;
        model.setQuery(query);
        waitForPage(model);
        model.sort(static_cast<int>(TransactionColumn::Amount), Qt::AscendingOrder);
        waitForPage(model);
        const int amount = static_cast<int>(TransactionColumn::Amount);
        qint64 previous = std::numeric_limits<qint64>::min();
        for (int row = 0; row < 200; ++row) {
            const qint64 value = model.index(row, amount).data(RawRole).toLongLong();
            QVERIFY(value >= previous);
            previous = value;
        }
        // Display text would sort "-1,999" after "-100"; raw values put -1999 first.
        QCOMPARE(model.index(0, amount).data(RawRole).toLongLong(), -1999);
        model.sort(static_cast<int>(TransactionColumn::Amount), Qt::DescendingOrder);
        waitForPage(model);
        QCOMPARE(model.index(0, amount).data(RawRole).toLongLong(), 50'000);
    }

    void transactionListModelInsertsAtTheTop()
    {
        TransactionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Transaction> rows = makeTransactions(1, 1, 10, m_end);
        std::reverse(rows.begin(), rows.end());
        model.setTransactions(rows);
        QCOMPARE(model.rowCount(), 10);
        QList<Transaction> newer = makeTransactions(1, 11, 3, m_end.addSecs(300));
        std::reverse(newer.begin(), newer.end());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setTransactions(newer + rows.mid(0, 7));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.index(0, 0).data(TransactionIdRole).toLongLong(), 100'000'000 + 13);
        model.setTransactions({});
        QCOMPARE(model.rowCount(), 0);
    }

    void grantsModelPassesTheTester()
    {
        GrantsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(m_end);
        Grant bonus{
            1, QStringLiteral("bonus"), 5000, 2300, 10, m_end, m_end.addDays(3), QStringLiteral("Welcome")};
        Grant purchase{2, QStringLiteral("purchase"), 100000, 100000, 50, m_end, {}, {}};
        model.setGrants({bonus, purchase});
        QCOMPARE(model.rowCount(), 2);
        const int expires = static_cast<int>(GrantsModel::Column::Expires);
        QCOMPARE(model.index(1, expires).data().toString(), GrantsModel::tr("Never"));
        QVERIFY(model.index(0, expires).data().toString().contains(QStringLiteral("3")));
        QCOMPARE(model.index(0, static_cast<int>(GrantsModel::Column::Remaining))
                     .data(GrantsModel::RawRole)
                     .toLongLong(),
                 2300);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        bonus.remaining = 1000;
        model.setGrants({bonus, purchase});
        QCOMPARE(changed.count(), 1);
        model.setGrants({purchase});
        QCOMPARE(model.rowCount(), 1);
    }

    void moneyRoundsToCentsWithTheExactValueInTheTooltip()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Transaction row;
        row.amount = -572;
        row.balanceAfter = 1'234'567;
        auto cell = [&](TransactionColumn column, int role) {
            return transactionData(row, column, role, NameLookup{}).toString();
        };
        QCOMPARE(cell(TransactionColumn::Value, Qt::DisplayRole), QStringLiteral("-$0.02"));
        QCOMPARE(cell(TransactionColumn::Value, Qt::ToolTipRole), QStringLiteral("-$0.02288 (-572 credits)"));
        QCOMPARE(cell(TransactionColumn::Amount, Qt::DisplayRole), QStringLiteral("-572"));
        QCOMPARE(cell(TransactionColumn::Amount, Qt::ToolTipRole),
                 QStringLiteral("-$0.02288 (-572 credits)"));
        QCOMPARE(cell(TransactionColumn::BalanceAfter, Qt::ToolTipRole),
                 QStringLiteral("$49.38268 (1,234,567 credits)"));
        QCOMPARE(transactionData(row, TransactionColumn::Value, RawRole, NameLookup{}).toLongLong(), -572);
        row.amount = -61; // less than half a cent: rounded like every row, but never "$0.00"
        QCOMPARE(cell(TransactionColumn::Value, Qt::DisplayRole), QStringLiteral("-<$0.01"));
        QCOMPARE(cell(TransactionColumn::Value, Qt::ToolTipRole), QStringLiteral("-$0.00244 (-61 credits)"));
        row.amount = 1;
        QCOMPARE(cell(TransactionColumn::Value, Qt::DisplayRole), QStringLiteral("<$0.01"));
        QCOMPARE(cell(TransactionColumn::Value, Qt::ToolTipRole), QStringLiteral("$0.00004 (1 credit)"));
        QCOMPARE(cell(TransactionColumn::Date, Qt::ToolTipRole), QString());

        GrantsModel grants;
        grants.setNow(m_end);
        grants.setGrants({Grant{1, QStringLiteral("bonus"), 5'000, 2'300, 10, m_end, {}, {}}});
        auto grantCell = [&](GrantsModel::Column column, int role) {
            return grants.index(0, static_cast<int>(column)).data(role).toString();
        };
        QCOMPARE(grantCell(GrantsModel::Column::Value, Qt::DisplayRole), QStringLiteral("$0.09"));
        QCOMPARE(grantCell(GrantsModel::Column::Value, Qt::ToolTipRole),
                 QStringLiteral("$0.092 (2,300 credits)"));
        QCOMPARE(grantCell(GrantsModel::Column::Remaining, Qt::ToolTipRole),
                 QStringLiteral("$0.092 (2,300 credits)"));
        QCOMPARE(grantCell(GrantsModel::Column::Amount, Qt::ToolTipRole),
                 QStringLiteral("$0.20 (5,000 credits)"));
        QLocale::setDefault(before);
    }

    // A synced collection's rows as the columns a pane describes: display, raw value and tooltip.
    void collectionTableModelPassesTheTester()
    {
        using Row = CollectionTableModel::Row;
        SyncedCollection notes;
        notes.id = "notes";
        notes.columns = {{"seq", "seq", SyncedColumn::Type::Integer, false},
                         {"text", "text", SyncedColumn::Type::Text, true}};
        QString suffix;
        CollectionTableModel model(
            notes, {{"Sequence",
                     [](const Row& row) -> QVariant {
                         return QLocale(QLocale::English).toString(row["seq"].toLongLong());
                     },
                     [](const Row& row) { return row["seq"]; },
                     {}},
                    {"Text",
                     [&suffix](const Row& row) -> QVariant { return row["text"].toString() + suffix; },
                     {},
                     [](const Row& row) -> QVariant { return "raw: " + row["text"].toString(); }}});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Text"));
        model.setRows({{1234, "b"}, {7, "a"}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("1,234"));
        QCOMPARE(model.index(0, 0).data(CollectionTableModel::RawRole).toLongLong(), 1234);
        QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("1,234"));
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("a"));
        QCOMPARE(model.index(1, 1).data(Qt::ToolTipRole).toString(), QStringLiteral("raw: a"));
        QCOMPARE(model.row(1)["seq"].toLongLong(), 7);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        suffix = "!";
        model.displayChanged();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("a!"));
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }

    void namedListModelPassesTheTester()
    {
        NamedListModel model(QStringLiteral("All"));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({{5, QStringLiteral("Ana")}, {9, QStringLiteral("Ben")}});
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.index(0).data(NamedListModel::IdRole).isNull());
        QCOMPARE(model.index(2).data(NamedListModel::IdRole).toLongLong(), 9);
        QCOMPARE(model.rowOf(5), 1);
        QCOMPARE(model.idAt(0), std::nullopt);
        model.setEntries({{5, QStringLiteral("Ana B.")}, {9, QStringLiteral("Ben")}});
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("Ana B."));
        model.setEntries({});
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TestConsoleModels)
#include "tst_console_models.moc"
