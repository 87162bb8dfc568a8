// Every model under QAbstractItemModelTester; the windowed transaction model filters and sorts on raw
// values and loads pages lazily from the cache's worker thread.
#include "ConsoleTestSupport.h"
#include "api/AlertsParsers.h"
#include "api/BillingParsers.h"
#include "api/OrganizationParsers.h"
#include "api/UsageParsers.h"
#include "app/Application.h"
#include "cache/AsyncCacheReader.h"
#include "cache/CacheDatabase.h"
#include "domain/Credits.h"
#include "models/AlertRulesModel.h"
#include "models/AlertText.h"
#include "models/BillingText.h"
#include "models/BudgetHistoryModel.h"
#include "models/BudgetRequestsModel.h"
#include "models/CollectionTableModel.h"
#include "models/CouponRedemptionsModel.h"
#include "models/CouponTableModel.h"
#include "models/DepartmentBudgetModel.h"
#include "models/GrantsModel.h"
#include "models/NamedListModel.h"
#include "models/NotificationPreferencesModel.h"
#include "models/OrgMembersModel.h"
#include "models/PlanComparisonModel.h"
#include "models/SubscriptionHistoryModel.h"
#include "models/TransactionListModel.h"
#include "models/TransactionTableModel.h"
#include "models/UsageTableModel.h"
#include "models/WebhookDeliveriesModel.h"
#include "models/WebhookEndpointsModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace creditdesk;
using namespace creditdesk::test;

namespace {

// English with its plural forms, as main() installs it; the previous default locale afterwards.
class InEnglish
{
public:
    InEnglish()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Application::installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    ~InEnglish() { QLocale::setDefault(m_before); }
    InEnglish(const InEnglish&) = delete;
    InEnglish& operator=(const InEnglish&) = delete;

private:
    QLocale m_before;
};

// A list answer in the shapes of issue 13 (tests/console/data/organization).
template<typename Record, typename Parser> QList<Record> organizationFixture(const char* name, Parser parser)
{
    QFile file(QStringLiteral(CREDITDESK_CONSOLE_TEST_DATA "/organization/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    QList<Record> records;
    if (!json::parseDataList(QJsonDocument::fromJson(file.readAll()).object(), &records, parser))
        qFatal("unreadable fixture %s", name);
    return records;
}

} // namespace

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

    // The kinds the server's payments and purchases notify with (server/payments/Payments.cpp,
    // server/invoices/AutoRecharge.cpp) and their events, in words: English, German and French.
    void paymentAlertKindsInWords_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<QStringList>("events");
        QTest::addColumn<QString>("failures");
        QTest::newRow("English") << "en"
                                 << QStringList{"Auto-recharge failed", "Payment failed", "No payment method",
                                                "Upcoming renewal"}
                                 << QStringList{"Payment failed", "Payment method missing",
                                                "Upcoming renewal"}
                                 << "3 failed attempts";
        QTest::newRow("German") << "de"
                                << QStringList{"Automatisches Aufladen fehlgeschlagen",
                                               "Zahlung fehlgeschlagen", "Keine Zahlungsmethode",
                                               "Anstehende Verlängerung"}
                                << QStringList{"Zahlung fehlgeschlagen", "Zahlungsmethode fehlt",
                                               "Anstehende Verlängerung"}
                                << "3 fehlgeschlagene Versuche";
        QTest::newRow("French") << "fr"
                                << QStringList{"Échec de la recharge automatique", "Échec du paiement",
                                               "Aucun moyen de paiement", "Renouvellement à venir"}
                                << QStringList{"Échec du paiement", "Moyen de paiement manquant",
                                               "Renouvellement à venir"}
                                << "3 tentatives échouées";
    }

    void paymentAlertKindsInWords()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, kinds);
        QFETCH(QStringList, events);
        QFETCH(QString, failures);
        const QLocale before;
        const QLocale locale =
            language == "en" ? QLocale(QLocale::English, QLocale::UnitedStates) : QLocale(language);
        QLocale::setDefault(locale);
        Application::installTranslators(locale);
        auto restore = qScopeGuard([before] {
            QLocale::setDefault(before);
            Application::installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
        });
        const QStringList kindIds{"auto_recharge_failed", "payment_failed", "payment_method_missing",
                                  "pre_billing_notice"};
        for (int i = 0; i < kindIds.size(); ++i)
            QCOMPARE(alerttext::kindLabel(kindIds.at(i)), kinds.at(i));
        const QStringList eventIds{"payment.failed", "payment.method_missing", "billing.upcoming"};
        for (int i = 0; i < eventIds.size(); ++i)
            QCOMPARE(alerttext::eventLabel(eventIds.at(i)), events.at(i));
        // auto_recharge_failed: the failed purchases against the most allowed (3), not a percentage.
        QCOMPARE(alerttext::unitOf("auto_recharge_failed"), alerttext::Unit::FailedAttempts);
        QCOMPARE(alerttext::unitOf("payment_failed"), alerttext::Unit::FailedAttempts);
        QCOMPARE(alerttext::amountText("auto_recharge_failed", 3), failures);
        QCOMPARE(alerttext::unitOf("pre_billing_notice"), alerttext::Unit::Count);
        QCOMPARE(alerttext::amountText("pre_billing_notice", 3), QStringLiteral("3"));
        QCOMPARE(alerttext::unitOf("allowance_used"), alerttext::Unit::Percent);
        // A kind this version does not know: its name.
        QCOMPARE(alerttext::kindLabel("refund_failed"), QStringLiteral("refund_failed"));
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

    // GET /tiers/compare as the server answers it for the shipped catalog (resources/plans.json).
    static PlanCatalog shippedCatalog()
    {
        const QByteArray answer = R"({"data": [
          {"id": "free", "name": "Free", "price_minor": 0, "currency": "USD", "interval": "month",
           "billing_options": [{"option": "credits", "monthly_credits": 0, "markup_basis_points": 0}],
           "models": "free_only", "features": ["basic_chatflows"], "included_seats": 1, "seat_price_minor": 0,
           "concurrent_tasks": 1, "signup_credits": 250000, "daily_refresh_credits": 2500,
           "first_month_bonus_credits": 0, "rollover": {"max_percent": 0}, "trial_days": 0, "trial_credits": 0},
          {"id": "starter", "name": "Starter", "price_minor": 3000, "currency": "USD", "interval": "month",
           "billing_options": [{"option": "credits", "monthly_credits": 750000, "markup_basis_points": 1000}],
           "models": "all", "features": ["basic_chatflows", "all_chatflows"], "included_seats": 3,
           "seat_price_minor": 1000, "concurrent_tasks": 3, "signup_credits": 0, "daily_refresh_credits": 0,
           "first_month_bonus_credits": 75000, "rollover": {"max_percent": 25}, "trial_days": 14,
           "trial_credits": 10000},
          {"id": "professional", "name": "Professional", "price_minor": 5000, "currency": "USD",
           "interval": "month",
           "billing_options": [{"option": "credits", "monthly_credits": 1250000, "markup_basis_points": 500},
                               {"option": "byok", "monthly_credits": 1250000, "markup_basis_points": 0}],
           "models": "all", "features": ["basic_chatflows", "all_chatflows", "priority_support"],
           "included_seats": 10, "seat_price_minor": 800, "concurrent_tasks": 10, "signup_credits": 0,
           "daily_refresh_credits": 0, "first_month_bonus_credits": 125000, "rollover": {"max_percent": 50},
           "trial_days": 0, "trial_credits": 0},
          {"id": "enterprise", "name": "Enterprise", "price_minor": 9900, "currency": "USD", "interval": "month",
           "billing_options": [{"option": "credits", "monthly_credits": 2500000, "markup_basis_points": 0},
                               {"option": "byok", "monthly_credits": 2500000, "markup_basis_points": 0}],
           "models": "all",
           "features": ["basic_chatflows", "all_chatflows", "priority_support", "team_features", "custom_roles"],
           "included_seats": 25, "seat_price_minor": 600, "concurrent_tasks": 50, "signup_credits": 0,
           "daily_refresh_credits": 0, "first_month_bonus_credits": 250000, "rollover": {"max_percent": 100},
           "trial_days": 0, "trial_credits": 0}],
          "verification_discounts": {"education": 50, "healthcare": 30, "nonprofit": 40}})";
        PlanCatalog catalog;
        const bool parsed = json::parsePlanCatalog(QJsonDocument::fromJson(answer).object(), &catalog);
        if (!parsed)
            qFatal("the catalog does not parse");
        return catalog;
    }

    void planComparisonShowsExactValues()
    {
        const InEnglish english;
        const PlanCatalog catalog = shippedCatalog();
        QCOMPARE(catalog.plans.size(), 4);
        QCOMPARE(catalog.verificationDiscounts.size(), 3);
        PlanComparisonModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCatalog(catalog);
        model.setCurrentPlan("starter");
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.features(), QStringList({"basic_chatflows", "all_chatflows", "priority_support",
                                                "team_features", "custom_roles"}));
        QCOMPARE(model.rowCount(), static_cast<int>(PlanComparisonModel::Attribute::Count) + 5);

        auto row = [&](int r) {
            QStringList texts;
            for (int column = 0; column < model.columnCount(); ++column)
                texts.append(model.index(r, column).data().toString());
            return texts;
        };
        using A = PlanComparisonModel::Attribute;
        auto attribute = [&](A a) { return row(PlanComparisonModel::rowOf(a)); };
        QCOMPARE(attribute(A::Price),
                 QStringList({"Free", "$30.00 / month", "$50.00 / month", "$99.00 / month"}));
        QCOMPARE(attribute(A::MonthlyCredits), QStringList({"—", "750,000", "1,250,000", "2,500,000"}));
        QCOMPARE(attribute(A::CreditsValue), QStringList({"—", "$30.00", "$50.00", "$100.00"}));
        QCOMPARE(attribute(A::Markup), QStringList({"None", "10%", "5%", "None"}));
        QCOMPARE(attribute(A::Models),
                 QStringList({"Free models only", "All models", "All models", "All models"}));
        QCOMPARE(attribute(A::Byok), QStringList({"—", "—", "✓", "✓"}));
        QCOMPARE(attribute(A::IncludedSeats), QStringList({"1", "3", "10", "25"}));
        QCOMPARE(attribute(A::ExtraSeat),
                 QStringList({"—", "$10.00 / seat", "$8.00 / seat", "$6.00 / seat"}));
        QCOMPARE(attribute(A::ConcurrentTasks), QStringList({"1", "3", "10", "50"}));
        QCOMPARE(attribute(A::SignupCredits), QStringList({"250,000", "—", "—", "—"}));
        QCOMPARE(attribute(A::DailyRefresh), QStringList({"2,500 / day", "—", "—", "—"}));
        QCOMPARE(attribute(A::FirstMonthBonus), QStringList({"—", "75,000", "125,000", "250,000"}));
        QCOMPARE(attribute(A::Rollover), QStringList({"—", "Up to 25%", "Up to 50%", "Up to 100%"}));
        QCOMPARE(attribute(A::Trial), QStringList({"—", "14 days, 10,000 credits", "—", "—"}));
        QCOMPARE(row(model.rowOfFeature("basic_chatflows")), QStringList({"✓", "✓", "✓", "✓"}));
        QCOMPARE(row(model.rowOfFeature("all_chatflows")), QStringList({"—", "✓", "✓", "✓"}));
        QCOMPARE(row(model.rowOfFeature("priority_support")), QStringList({"—", "—", "✓", "✓"}));
        QCOMPARE(row(model.rowOfFeature("team_features")), QStringList({"—", "—", "—", "✓"}));
        QCOMPARE(row(model.rowOfFeature("custom_roles")), QStringList({"—", "—", "—", "✓"}));

        // Headers: attributes and features in words; the current plan marked.
        QCOMPARE(model.headerData(model.rowOfFeature("priority_support"), Qt::Vertical).toString(),
                 QStringLiteral("Priority support"));
        QCOMPARE(model.headerData(PlanComparisonModel::rowOf(A::Byok), Qt::Vertical).toString(),
                 QStringLiteral("Own provider keys (BYOK)"));
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Free"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Starter (current)"));
        QVERIFY(model.index(0, 1).data(PlanComparisonModel::CurrentPlanRole).toBool());
        QVERIFY(!model.index(0, 2).data(PlanComparisonModel::CurrentPlanRole).toBool());

        // Raw values: exact integers, booleans and keys; exact money in the tooltips.
        auto raw = [&](A a, int column) {
            return model.index(PlanComparisonModel::rowOf(a), column).data(PlanComparisonModel::RawRole);
        };
        QCOMPARE(raw(A::Price, 3).toLongLong(), 9900);
        QCOMPARE(raw(A::MonthlyCredits, 2).toLongLong(), 1'250'000);
        QCOMPARE(raw(A::Markup, 1).toLongLong(), 1000);
        QCOMPARE(raw(A::Models, 0).toString(), QStringLiteral("free_only"));
        QCOMPARE(raw(A::Byok, 2).toBool(), true);
        QCOMPARE(raw(A::SignupCredits, 0).toLongLong(), 250'000);
        QCOMPARE(
            model.index(model.rowOfFeature("team_features"), 3).data(PlanComparisonModel::RawRole).toBool(),
            true);
        QCOMPARE(model.index(PlanComparisonModel::rowOf(A::CreditsValue), 1).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("$30.00 (750,000 credits)"));
        QCOMPARE(model.index(model.rowOfFeature("custom_roles"), 0).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Not included"));

        // Another current plan: two columns change, nothing is reset.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setCurrentPlan("professional");
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), 1);
        QCOMPARE(changed.at(1).at(0).toModelIndex().column(), 2);
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Professional (current)"));

        // A refresh with one price changed: only that column changes.
        changed.clear();
        PlanCatalog edited = catalog;
        edited.plans[3].priceMinor = 12900;
        model.setCatalog(edited);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(), 3);
        QCOMPARE(attribute(A::Price).last(), QStringLiteral("$129.00 / month"));
        // A plan more or less: the table is rebuilt.
        edited.plans.removeLast();
        model.setCatalog(edited);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.features().size(), 3);
    }

    void subscriptionHistoryInWords()
    {
        const InEnglish english;
        const QByteArray answer = R"({"data": [
          {"id": 4, "at": "2026-03-02T10:00:00Z", "kind": "downgrade_scheduled", "from_plan": "professional",
           "to_plan": "free", "proration": {"charge_minor": 0, "discount_minor": 0, "credits_granted": 0,
           "remaining_seconds": 100, "period_seconds": 200, "effective_at": "2026-04-01T00:00:00Z",
           "immediate": false, "starts_trial": false}, "actor": {"type": "user", "id": 1}},
          {"id": 3, "at": "2026-03-01T12:00:00Z", "kind": "upgrade", "from_plan": "free", "to_plan": "professional",
           "proration": {"charge_minor": 4839, "discount_minor": 484, "credits_granted": 1209677,
           "remaining_seconds": 2592000, "period_seconds": 2678400, "effective_at": "2026-03-01T12:00:00Z",
           "immediate": true, "starts_trial": false}, "actor": {"type": "user", "id": 7}},
          {"id": 1, "at": "2026-03-01T00:00:00Z", "kind": "created", "from_plan": null, "to_plan": "free",
           "proration": null, "actor": {"type": "job", "id": null}}], "next_cursor": null})";
        QList<SubscriptionEvent> events;
        for (const QJsonValue& value : QJsonDocument::fromJson(answer).object().value("data").toArray()) {
            SubscriptionEvent event;
            QVERIFY(json::parseSubscriptionEvent(value.toObject(), &event));
            events.append(event);
        }
        SubscriptionHistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContext(shippedCatalog(), 1);
        model.setEvents(events.mid(1));
        QCOMPARE(model.rowCount(), 2);
        // A newer entry arrives at the top, without a reset.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setEvents(events);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        auto cell = [&](int row, SubscriptionHistoryModel::Column column, int role = Qt::DisplayRole) {
            return model.index(row, static_cast<int>(column)).data(role);
        };
        using C = SubscriptionHistoryModel::Column;
        QCOMPARE(cell(0, C::Change).toString(),
                 QStringLiteral("Change from Professional to Free scheduled for the end of the period"));
        QCOMPARE(cell(0, C::By).toString(), QStringLiteral("You"));
        QCOMPARE(cell(0, C::Charged).toString(), QString());
        QCOMPARE(cell(1, C::Change).toString(), QStringLiteral("Upgraded from Free to Professional"));
        QCOMPARE(cell(1, C::Charged).toString(), QStringLiteral("$43.55"));
        QCOMPARE(cell(1, C::Charged, Qt::ToolTipRole).toString(),
                 QStringLiteral("$48.39 less a discount of $4.84"));
        QCOMPARE(cell(1, C::Charged, SubscriptionHistoryModel::RawRole).toLongLong(), 4355);
        QCOMPARE(cell(1, C::Credits).toString(), QStringLiteral("1,209,677"));
        QCOMPARE(cell(1, C::By).toString(), QStringLiteral("User #7"));
        QCOMPARE(cell(2, C::Change).toString(), QStringLiteral("Started on Free"));
        QCOMPARE(cell(2, C::By).toString(), QStringLiteral("Automatic"));
    }

    void couponsInPlainWords()
    {
        const InEnglish english;
        const PlanCatalog catalog = shippedCatalog();
        CouponEffect bonus{"bonus_credits", 25'000, 0, 0, 0, {}, {}};
        QCOMPARE(BillingText::couponGives(bonus, catalog),
                 QStringLiteral("25,000 credits ($1.00) added to the balance"));
        bonus.credits = 1;
        QCOMPARE(BillingText::couponGives(bonus, catalog),
                 QStringLiteral("1 credit (<$0.01) added to the balance"));
        const CouponEffect percent{"percent_off", 0, 20, 0, 3, {}, {}};
        QCOMPARE(BillingText::couponGives(percent, catalog), QStringLiteral("20% off for 3 billing periods"));
        const CouponEffect amount{"amount_off", 0, 0, 500, 1, {}, {}};
        QCOMPARE(BillingText::couponGives(amount, catalog), QStringLiteral("$5.00 off for 1 billing period"));
        const CouponEffect free{"free_period", 0, 0, 0, 1, "professional", {}};
        QCOMPARE(BillingText::couponGives(free, catalog),
                 QStringLiteral("1 free billing period of the Professional plan"));
        QCOMPARE(BillingText::couponRefusal("exhausted"),
                 QStringLiteral("This coupon has been used up: it was redeemed as often as it may be."));
        QCOMPARE(BillingText::couponRefusal("not_found"),
                 QStringLiteral("There is no coupon with this code. Check the spelling."));
        QCOMPARE(BillingText::couponRefusal("something_new"),
                 QStringLiteral("This coupon cannot be redeemed (something_new)."));
        SubscriptionDiscount discount{"SPRING", "percent_off", 20, 0, 2};
        QCOMPARE(BillingText::discount(discount),
                 QStringLiteral("20% off for 2 more billing periods (coupon SPRING)"));

        // The validate answer: what it gives comes from the effect, or else the coupon.
        CouponCheck check;
        QVERIFY(json::parseCouponCheck(
            QJsonDocument::fromJson(R"({"valid": true, "coupon": {"code": "WELCOME", "kind": "bonus_credits",
                "credits": 50000, "max_redemptions": 100, "redemption_count": 3}, "effect": {}})")
                .object(),
            &check));
        QVERIFY(check.valid);
        QCOMPARE(check.effect.kind, QStringLiteral("bonus_credits"));
        QCOMPARE(check.effect.credits, 50'000);
        QVERIFY(json::parseCouponCheck(
            QJsonDocument::fromJson(R"({"valid": false, "reason": "expired"})").object(), &check));
        QVERIFY(!check.valid);
        QCOMPARE(check.reason, QStringLiteral("expired"));

        // The admin list: redemptions of max, status, what it gives.
        CouponTableModel coupons;
        QAbstractItemModelTester tester(&coupons, QAbstractItemModelTester::FailureReportingMode::QtTest);
        coupons.setNow(QDateTime(QDate(2026, 3, 10), QTime(12, 0), QTimeZone::utc()));
        Coupon welcome;
        welcome.code = "WELCOME";
        welcome.kind = "bonus_credits";
        welcome.credits = 50'000;
        welcome.maxRedemptions = 100;
        welcome.redemptionCount = 3;
        Coupon spring;
        spring.code = "SPRING";
        spring.kind = "percent_off";
        spring.percent = 20;
        spring.durationPeriods = 3;
        spring.redemptionCount = 12;
        spring.expiresAt = QDateTime(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc());
        coupons.setCoupons({welcome, spring});
        coupons.setCatalog(catalog);
        using C = CouponTableModel::Column;
        auto cell = [&](int row, C column) {
            return coupons.index(row, static_cast<int>(column)).data().toString();
        };
        QCOMPARE(cell(0, C::Redemptions), QStringLiteral("3 of 100"));
        QCOMPARE(cell(0, C::Gives), QStringLiteral("50,000 credits ($2.00) added to the balance"));
        QCOMPARE(cell(0, C::Status), QStringLiteral("Active"));
        QCOMPARE(cell(0, C::Expires), QStringLiteral("Never"));
        QCOMPARE(cell(1, C::Redemptions), QStringLiteral("12 (no limit)"));
        QCOMPARE(cell(1, C::Status), QStringLiteral("Expired"));
        QSignalSpy changed(&coupons, &QAbstractItemModel::dataChanged);
        welcome.redemptionCount = 100;
        coupons.setCoupons({welcome, spring});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(cell(0, C::Status), QStringLiteral("Used up"));
        QCOMPARE(coupons.rowOf("SPRING"), 1);

        CouponRedemptionsModel redemptions;
        QAbstractItemModelTester redemptionsTester(&redemptions,
                                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
        CouponRedemption redemption;
        QVERIFY(json::parseCouponRedemption(
            QJsonDocument::fromJson(R"({"id": 9, "code": "WELCOME", "organization_id": 5,
                "redeemed_at": "2026-03-02T08:00:00Z", "effect": {"kind": "bonus_credits", "credits": 50000}})")
                .object(),
            &redemption));
        redemptions.setRedemptions({redemption});
        QCOMPARE(redemptions.index(0, 1).data().toString(), QStringLiteral("Organization #5"));
        QCOMPARE(redemptions.index(0, 2).data().toString(),
                 QStringLiteral("50,000 credits ($2.00) added to the balance"));
    }

    void organizationMembersGroupedByDepartment()
    {
        InEnglish english;
        const auto departments =
            organizationFixture<OrgDepartment>("departments.json", json::parseOrgDepartment);
        const auto members = organizationFixture<OrgMember>("members.json", json::parseOrgMember);
        const auto invitations = organizationFixture<Invitation>("invitations.json", json::parseInvitation);
        const auto roles = organizationFixture<OrgRole>("roles.json", json::parseOrgRole);
        OrgMembersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setData(departments, members, invitations, roles);
        // Departments by name (Analytics, Research, Sales), members without one, the invitations.
        QCOMPARE(model.rowCount(), 5);
        QStringList branches;
        for (int row = 0; row < model.rowCount(); ++row)
            branches.append(model.index(row, 0).data().toString());
        QCOMPARE(branches, QStringList({"Analytics (1)", "Research (2)", "Sales (0)", "No department (1)",
                                        "Pending invitations (2)"}));
        QCOMPARE(model.memberCount(), 4);
        QCOMPARE(model.invitationCount(), 2);

        auto cell = [&model](qint64 userId, OrgMembersModel::Column column) {
            const QModelIndex index = model.indexOfMember(userId);
            return model.index(index.row(), static_cast<int>(column), index.parent()).data().toString();
        };
        using Column = OrgMembersModel::Column;
        QCOMPARE(cell(4, Column::Role), QStringLiteral("Analyst")); // a custom role by its name
        QCOMPARE(cell(4, Column::Usage), QStringLiteral("25,000"));
        QCOMPARE(cell(4, Column::Seat), QStringLiteral("Yes"));
        QCOMPARE(cell(2, Column::Status), QStringLiteral("Suspended"));
        QCOMPARE(cell(2, Column::Seat), QStringLiteral("No"));
        QCOMPARE(cell(1, Column::Role), QStringLiteral("Owner"));
        // What an older server does not say is a dash, not a zero.
        for (Column column : {Column::Status, Column::Seat, Column::LastActive, Column::Usage})
            QCOMPARE(cell(3, column), QStringLiteral("—"));
        const QModelIndex sam = model.indexOfMember(2);
        QCOMPARE(model.memberAt(sam)->email, QStringLiteral("sam@acme.test"));
        QCOMPARE(model.index(sam.row(), static_cast<int>(Column::Usage), sam.parent())
                     .data(OrgMembersModel::RawRole)
                     .toLongLong(),
                 0);
        const QModelIndex pending = model.index(4, 0);
        QCOMPARE(model.index(0, static_cast<int>(Column::Email), pending).data().toString(),
                 QStringLiteral("new@acme.test"));
        QCOMPARE(model.invitationAt(model.index(1, 0, pending))->role, QStringLiteral("finance"));
        QVERIFY(!model.memberAt(model.index(0, 0, pending)));

        // A manager sees only their department: its members and its invitations.
        model.setVisibleDepartment(10);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Research (2)"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Pending invitations (1)"));
        QVERIFY(!model.indexOfMember(1).isValid());
        QVERIFY(model.indexOfMember(3).isValid());
    }

    void departmentBudgetsAgainstUse()
    {
        InEnglish english;
        DepartmentBudgetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDepartments(
            organizationFixture<OrgDepartment>("departments.json", json::parseOrgDepartment));
        QCOMPARE(model.rowCount(), 3);
        using Column = DepartmentBudgetModel::Column;
        auto text = [&model](int row, Column column) {
            return model.index(row, static_cast<int>(column)).data().toString();
        };
        QCOMPARE(text(0, Column::Department), QStringLiteral("Analytics"));
        QCOMPARE(text(0, Column::Budget), QStringLiteral("20,000 credits in total, soft"));
        QCOMPARE(text(0, Column::Used), QStringLiteral("25,000 of 20,000 (125 %)"));
        QCOMPARE(model.index(0, 2).data(DepartmentBudgetModel::UsedPermilleRole).toInt(), 1250);
        QVERIFY(model.index(0, 2).data(DepartmentBudgetModel::SoftRole).toBool());
        QCOMPARE(text(1, Column::Budget), QStringLiteral("5,000 credits a period, hard"));
        QCOMPARE(text(1, Column::Used), QStringLiteral("1,250 of 5,000 (25 %)"));
        QCOMPARE(model.index(1, 2).data(DepartmentBudgetModel::UsedPermilleRole).toInt(), 250);
        QCOMPARE(text(1, Column::Enforcement), QStringLiteral("hard"));
        QCOMPARE(text(2, Column::Budget), QStringLiteral("No budget"));
        QCOMPARE(text(2, Column::Used), QStringLiteral("300"));
        QCOMPARE(model.index(2, 2).data(DepartmentBudgetModel::UsedPermilleRole).toInt(), -1);
        QCOMPARE(text(2, Column::Enforcement), QStringLiteral("—"));
    }

    void budgetRequestsAndHistoryInWords()
    {
        InEnglish english;
        const QHash<qint64, QString> departments{{10, "Research"}, {11, "Analytics"}};
        const QHash<qint64, QString> members{{1, "Olivia Owner"}, {3, "Lee Legacy"}, {4, "Ana Analyst"}};
        BudgetRequestsModel requests;
        QAbstractItemModelTester requestsTester(&requests,
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        requests.setNames(departments, members);
        requests.setRequests(
            organizationFixture<BudgetRequest>("budget-requests.json", json::parseBudgetRequest));
        QCOMPARE(requests.rowCount(), 2);
        QCOMPARE(requests.index(0, 1).data().toString(), QStringLiteral("Research"));
        QCOMPARE(requests.index(0, 2).data().toString(), QStringLiteral("8,000"));
        QCOMPARE(requests.index(0, 3).data().toString(), QStringLiteral("Q2 experiments"));
        QCOMPARE(requests.index(0, 4).data().toString(), QStringLiteral("Pending"));
        QCOMPARE(requests.index(1, 4).data().toString(), QStringLiteral("Rejected"));
        QVERIFY(requests.index(1, 4).data(Qt::ToolTipRole).toString().contains("Not this month"));
        QVERIFY(requests.index(1, 4).data(Qt::ToolTipRole).toString().startsWith("Asked by Ana Analyst"));

        BudgetHistoryModel history;
        QAbstractItemModelTester historyTester(&history,
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        history.setNames(departments, members);
        history.setChanges(organizationFixture<BudgetChange>("budget-history.json", json::parseBudgetChange));
        QCOMPARE(history.rowCount(), 3);
        // Newest first.
        QCOMPARE(history.index(0, 1).data().toString(), QStringLiteral("Member limit: Ana Analyst"));
        QCOMPARE(history.index(0, 2).data().toString(), QStringLiteral("No budget"));
        QCOMPARE(history.index(0, 3).data().toString(), QStringLiteral("40,000 credits a period, soft"));
        QCOMPARE(history.index(1, 1).data().toString(), QStringLiteral("Department budget: Research"));
        QCOMPARE(history.index(1, 2).data().toString(), QStringLiteral("4,000 credits a period, hard"));
        QCOMPARE(history.index(1, 4).data().toString(), QStringLiteral("Olivia Owner"));
        QCOMPARE(history.index(1, 5).data().toString(), QStringLiteral("Approved request"));
        QCOMPARE(history.index(2, 4).data().toString(), QStringLiteral("Olivia Owner")); // user 1 by name
        QCOMPARE(history.index(2, 5).data().toString(), QStringLiteral("—"));
    }

    // The usage table by model, member and department: the server's integers, credits with overage, the
    // dollar value rounded on screen and exact in the tooltip and the CSV, sorting on raw numbers.
    void usageTableModelPassesTheTester()
    {
        InEnglish english;
        const QJsonObject byModel = QJsonDocument::fromJson(R"({"data": [
            {"label": "openai/gpt-4o", "kind": "llm", "provider": "openai", "model": "openai/gpt-4o",
             "events": 1200, "tokens_input": 3400000, "tokens_output": 900000, "credits": 1234567,
             "overage_credits": 33, "error_events": 0},
            {"label": "compute", "kind": "compute", "provider": null, "model": null,
             "events": 3, "tokens_input": 0, "tokens_output": 0, "credits": 572}]})")
                                        .object();
        QList<UsageRow> rows;
        QVERIFY(json::parseDataList(byModel, &rows, json::parseModelUsageRow));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).credits, 1234600); // charged plus overage
        QCOMPARE(rows.at(1).credits, 572);
        // A fraction where an integer belongs is refused, never rounded.
        QList<UsageRow> refused;
        QVERIFY(!json::parseDataList(QJsonDocument::fromJson(R"({"data": [{"label": "x", "events": 1.5,
            "tokens_input": 0, "tokens_output": 0, "credits": 1}]})")
                                         .object(),
                                     &refused, json::parseModelUsageRow));

        UsageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(UsageTableModel::Grouping::Model, rows);
        using Column = UsageTableModel::Column;
        auto cell = [&](int row, Column column, int role = Qt::DisplayRole) {
            return model.index(row, static_cast<int>(column)).data(role);
        };
        QCOMPARE(model.columnCount(), static_cast<int>(Column::Count));
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Model"));
        QCOMPARE(cell(0, Column::Name).toString(), QStringLiteral("openai/gpt-4o"));
        QCOMPARE(cell(0, Column::Requests).toString(), QStringLiteral("1,200"));
        QCOMPARE(cell(0, Column::InputTokens).toString(), QStringLiteral("3,400,000"));
        QCOMPARE(cell(0, Column::OutputTokens).toString(), QStringLiteral("900,000"));
        QCOMPARE(cell(0, Column::Credits).toString(), QStringLiteral("1,234,600"));
        QCOMPARE(cell(0, Column::Dollars).toString(), QStringLiteral("$49.38"));
        QCOMPARE(cell(0, Column::Dollars, Qt::ToolTipRole).toString(), Credits(1234600).describeExact());
        QCOMPARE(cell(1, Column::Dollars).toString(), QStringLiteral("$0.02"));
        QCOMPARE(cell(0, Column::Credits, UsageTableModel::RawRole).toLongLong(), 1234600);
        QCOMPARE(model.csvHeader(), QStringList({"model", "requests", "tokens_input", "tokens_output",
                                                 "credits", "amount_usd"}));
        QCOMPARE(model.csvRows().at(0),
                 QStringList({"openai/gpt-4o", "1200", "3400000", "900000", "1234600", "49.38400"}));
        QCOMPARE(model.csvRows().at(1), QStringList({"compute", "3", "0", "0", "572", "0.02288"}));

        const QJsonObject byMember = QJsonDocument::fromJson(R"({"data": [
            {"member_id": 7, "department_id": 2, "name": "Ana Analyst", "email": "ana@example.com",
             "events": 5, "tokens_input": 10, "tokens_output": 20, "credits": 100},
            {"member_id": null, "department_id": null, "name": null, "email": null,
             "events": 1, "tokens_input": 0, "tokens_output": 0, "credits": 7}]})")
                                         .object();
        QVERIFY(json::parseDataList(byMember, &rows, json::parseMemberUsageRow));
        QSignalSpy header(&model, &QAbstractItemModel::headerDataChanged);
        model.setRows(UsageTableModel::Grouping::Member, rows);
        QCOMPARE(header.size(), 1);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Member"));
        QCOMPARE(cell(0, Column::Name).toString(), QStringLiteral("Ana Analyst"));
        QCOMPARE(cell(0, Column::Name, Qt::ToolTipRole).toString(), QStringLiteral("ana@example.com"));
        QCOMPARE(cell(1, Column::Name).toString(), QStringLiteral("Not attributed to a member"));
        QCOMPARE(model.csvHeader().mid(0, 2), QStringList({"member", "member_id"}));
        QCOMPARE(model.csvRows().at(0).mid(0, 2), QStringList({"Ana Analyst", "7"}));
        QCOMPARE(model.csvRows().at(1).mid(0, 2), QStringList({"Not attributed to a member", ""}));

        const QJsonObject byDepartment = QJsonDocument::fromJson(R"({"data": [
            {"department_id": 2, "name": "Research", "events": 5, "tokens_input": 10, "tokens_output": 20,
             "credits": 100}]})")
                                             .object();
        QVERIFY(json::parseDataList(byDepartment, &rows, json::parseDepartmentUsageRow));
        model.setRows(UsageTableModel::Grouping::Department, rows);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Department"));
        QCOMPARE(cell(0, Column::Name).toString(), QStringLiteral("Research"));
        model.setRows(UsageTableModel::Grouping::Department, {});
        QCOMPARE(model.rowCount(), 0);
    }

    // The forecast and the per-day rows as the server sends them; the stacked chart's series order.
    void usageForecastAndDaysParse()
    {
        const QJsonObject forecast = QJsonDocument::fromJson(R"({"organization_id": 1, "user_id": null,
            "member_id": 7, "department_id": 2, "burn_rate_7d": 1000, "burn_rate_30d": 800,
            "period_usage": 5000, "projected_period_usage": 25000, "allowance": 100000, "available": 90000,
            "limit_remaining": 15000, "run_out_at": "2026-12-20T00:00:00Z", "period_start": null,
            "period_end": null, "renews_at": null,
            "expiring_unused": [{"grant_id": 9, "expires_at": "2026-12-07T00:00:00.000Z", "credits": 2470000}],
            "by_model": [{"model": "openai/gpt-4o", "kind": "llm", "credits_30d": 24000, "trend_percent": -12}]})")
                                         .object();
        UsageForecastReport report;
        QVERIFY(json::parseUsageForecast(forecast, &report));
        QCOMPARE(report.memberId, std::optional<qint64>(7));
        QCOMPARE(report.limitRemaining, std::optional<qint64>(15000));
        QCOMPARE(report.runOutAt->toUTC(), QDateTime(QDate(2026, 12, 20), QTime(0, 0), QTimeZone::utc()));
        QCOMPARE(report.expiringUnused.size(), 1);
        QCOMPARE(report.expiringUnused.at(0).credits, 2470000);
        QCOMPARE(report.byModel.at(0).trendPercent, -12);
        QJsonObject never = forecast;
        never.insert("run_out_at", QJsonValue());
        never.remove("limit_remaining");
        QVERIFY(json::parseUsageForecast(never, &report));
        QVERIFY(!report.runOutAt && !report.limitRemaining);
        never.insert("allowance", 1.5);
        QVERIFY(!json::parseUsageForecast(never, &report));

        QList<DayModelUsage> days;
        QVERIFY(json::parseDataList(QJsonDocument::fromJson(R"({"data": [
            {"date": "2026-12-01", "label": "other", "events": 1, "tokens_input": 1, "tokens_output": 1, "credits": 900},
            {"date": "2026-12-01", "label": "b", "events": 2, "tokens_input": 3, "tokens_output": 4, "credits": 50},
            {"date": "2026-12-02", "label": "a", "events": 1, "tokens_input": 0, "tokens_output": 0, "credits": 70}]})")
                                        .object(),
                                    &days, json::parseDayModelUsage));
        QCOMPARE(days.at(1).tokens, 7);
        QCOMPARE(labelsByCredits(days), QStringList({"a", "b", "other"}));
        QCOMPARE(totalsByLabel(days, {"a", "b", "other"}, UsageMetric::Requests), QList<qint64>({1, 2, 1}));
    }

    // Alert rules as the server answers them: words and units per kind, the enabled flag checkable and
    // the threshold editable, each edit announced once with the changed rule; nothing else is editable.
    void alertRulesEditInPlace()
    {
        InEnglish english;
        QList<AlertRule> rules;
        const QJsonObject rulesAnswer = QJsonDocument::fromJson(R"({"data": [
                {"id": 1, "kind": "allowance_used", "threshold": 80, "level": "warning", "enabled": true, "builtin": true},
                {"id": 7, "kind": "low_balance", "threshold": 5000, "level": "critical", "enabled": false, "builtin": false},
                {"id": 8, "kind": "credits_expiring", "threshold": 1, "level": "warning", "enabled": true, "builtin": false}
            ]})")
                                            .object();
        QVERIFY(json::parseDataList(rulesAnswer, &rules, json::parseAlertRule));
        AlertRulesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(rules);
        using Column = AlertRulesModel::Column;
        auto index = [&model](int row, Column column) { return model.index(row, static_cast<int>(column)); };
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(index(0, Column::Kind).data().toString(), QStringLiteral("Allowance used"));
        QCOMPARE(index(0, Column::Level).data().toString(), QStringLiteral("Warning"));
        QCOMPARE(index(0, Column::Threshold).data().toString(), QStringLiteral("80 %"));
        QCOMPARE(index(0, Column::Origin).data().toString(), QStringLiteral("Built-in"));
        QCOMPARE(index(1, Column::Threshold).data().toString(), QStringLiteral("5,000 credits"));
        QCOMPARE(index(1, Column::Threshold).data(AlertRulesModel::RawRole).toLongLong(), 5000);
        QCOMPARE(index(1, Column::Enabled).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(index(2, Column::Threshold).data().toString(), QStringLiteral("1 day"));
        // Read-only until the pane says the role may edit.
        QVERIFY(!model.setData(index(1, Column::Enabled), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(!(model.flags(index(1, Column::Enabled)) & Qt::ItemIsUserCheckable));
        model.setEditable(true);
        QVERIFY(model.flags(index(1, Column::Enabled)) & Qt::ItemIsUserCheckable);
        QVERIFY(model.flags(index(1, Column::Threshold)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(index(1, Column::Kind)) & Qt::ItemIsEditable));
        QSignalSpy edited(&model, &AlertRulesModel::ruleEdited);
        QVERIFY(model.setData(index(1, Column::Enabled), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(edited.size(), 1);
        AlertRule changed = edited.last().first().value<AlertRule>();
        QCOMPARE(changed.id, 7);
        QVERIFY(changed.enabled);
        QCOMPARE(changed.threshold, 5000);
        QVERIFY(model.setData(index(1, Column::Threshold), 2500));
        QCOMPARE(edited.size(), 2);
        const AlertRule lowered = edited.last().first().value<AlertRule>();
        QCOMPARE(lowered.threshold, 2500);
        QCOMPARE(index(1, Column::Threshold).data().toString(), QStringLiteral("2,500 credits"));
        // The same value again is no edit; a negative one is refused.
        QVERIFY(model.setData(index(1, Column::Threshold), 2500));
        QVERIFY(!model.setData(index(1, Column::Threshold), -1));
        QCOMPARE(edited.size(), 2);
        // The server's answer (it may differ) replaces the row.
        changed.threshold = 3000;
        model.updateRule(changed);
        QCOMPARE(index(1, Column::Threshold).data().toString(), QStringLiteral("3,000 credits"));
    }

    void notificationPreferencesTrackTheirEdits()
    {
        InEnglish english;
        QList<NotificationPreference> preferences;
        const QJsonObject preferencesAnswer = QJsonDocument::fromJson(R"({"preferences": [
                {"kind": "allowance_used", "in_app": true, "email": true},
                {"kind": "member_limit", "in_app": true, "email": false}
            ]})")
                                                  .object();
        QVERIFY(json::parseNotificationPreferences(preferencesAnswer, &preferences));
        NotificationPreferencesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPreferences(preferences);
        using Column = NotificationPreferencesModel::Column;
        auto index = [&model](int row, Column column) { return model.index(row, static_cast<int>(column)); };
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(index(1, Column::Kind).data().toString(), QStringLiteral("Member limit"));
        QCOMPARE(index(0, Column::Email).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QCOMPARE(index(1, Column::Email).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(!model.isModified());
        QSignalSpy modified(&model, &NotificationPreferencesModel::modifiedChanged);
        QVERIFY(model.setData(index(0, Column::Email), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(model.isModified());
        QCOMPARE(modified.last().first().toBool(), true);
        QVERIFY(!model.preferences().first().email);
        QVERIFY(!model.setData(index(0, Column::Kind), Qt::Unchecked, Qt::CheckStateRole));
        // Back as it was: not modified any more.
        QVERIFY(model.setData(index(0, Column::Email), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(!model.isModified());
    }

    void webhookEndpointsAndDeliveriesInWords()
    {
        InEnglish english;
        QList<WebhookEndpoint> endpoints;
        const QJsonObject endpointsAnswer = QJsonDocument::fromJson(R"({"data": [
                {"id": 3, "organization_id": 1, "url": "https:\/\/hooks.example.com\/cd",
                 "events": ["alert.fired", "coupon.redeemed"], "created_at": "2026-03-01T09:00:00.000Z",
                 "secret": "whsec_never_kept"}
            ]})")
                                                .object();
        QVERIFY(json::parseDataList(endpointsAnswer, &endpoints, json::parseWebhookEndpoint));
        QCOMPARE(endpoints.first().secret, QStringLiteral("whsec_never_kept"));
        WebhookEndpointsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEndpoints(endpoints);
        QVERIFY(model.endpoints().first().secret.isEmpty()); // the model never holds a secret
        // The JSON escapes its slashes: moc would read two of them in a raw string as a comment.
        QCOMPARE(model.index(0, 0).data().toString(), endpoints.first().url);
        QVERIFY(endpoints.first().url.startsWith("https:") &&
                endpoints.first().url.endsWith("hooks.example.com/cd"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("Alert fired, Coupon redeemed"));
        QCOMPARE(model.index(0, 1).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("alert.fired, coupon.redeemed"));

        QList<WebhookDelivery> deliveries;
        const QJsonObject deliveriesAnswer = QJsonDocument::fromJson(R"({"data": [
                {"id": 9, "event_id": 4, "event": "alert.fired", "status": "pending",
                 "attempts": [{"at": "2026-03-01T09:00:00.000Z", "status_code": 500, "error": null},
                              {"at": "2026-03-01T09:01:00.000Z", "status_code": null, "error": "connection refused"}],
                 "next_attempt_at": "2026-03-01T09:03:00.000Z", "created_at": "2026-03-01T09:00:00.000Z"},
                {"id": 10, "event_id": 5, "event": "coupon.redeemed", "status": "delivered",
                 "attempts": [{"at": "2026-03-02T09:00:00.000Z", "status_code": 204, "error": null}],
                 "next_attempt_at": null, "created_at": "2026-03-02T09:00:00.000Z"}
            ], "next_cursor": null})")
                                                 .object();
        QVERIFY(json::parseDataList(deliveriesAnswer, &deliveries, json::parseWebhookDelivery));
        WebhookDeliveriesModel history;
        QAbstractItemModelTester historyTester(&history,
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        history.setDeliveries(deliveries);
        using Column = WebhookDeliveriesModel::Column;
        auto index = [&history](int row, Column column) {
            return history.index(row, static_cast<int>(column));
        };
        QCOMPARE(history.rowCount(), 2);
        QCOMPARE(index(0, Column::Event).data().toString(), QStringLiteral("Alert fired"));
        QCOMPARE(index(0, Column::Status).data().toString(), QStringLiteral("Pending"));
        QCOMPARE(index(0, Column::Attempts).data().toString(), QStringLiteral("2"));
        QVERIFY(index(0, Column::LastAttempt).data().toString().endsWith("(connection refused)"));
        QVERIFY(index(0, Column::Attempts).data(Qt::ToolTipRole).toString().contains("HTTP 500"));
        QVERIFY(index(0, Column::NextAttempt).data(WebhookDeliveriesModel::RawRole).toDateTime().isValid());
        QCOMPARE(index(1, Column::Status).data().toString(), QStringLiteral("Delivered"));
        QVERIFY(index(1, Column::LastAttempt).data().toString().endsWith("(HTTP 204)"));
        QCOMPARE(index(1, Column::NextAttempt).data().toString(), QStringLiteral("—"));
    }
};

QTEST_MAIN(TestConsoleModels)
#include "tst_console_models.moc"
