// Drives the real main window under the offscreen platform: demo mode (a child creditdesk-server seeded
// with seed-demo), each pane, filters, CSV export, the demo role switch, and sign-in through the dialog
// against a test server without a keychain service. Saves a screenshot of each pane into the build
// folder (tests/console/screenshots); docs/screenshots holds copies.
#include "ConsoleTestSupport.h"
#include "api/AlertsClient.h"
#include "api/ApiClient.h"
#include "api/BillingClient.h"
#include "api/InvoicesClient.h"
#include "api/OrganizationClient.h"
#include "api/UsageClient.h"
#include "app/Application.h"
#include "app/LocalServer.h"
#include "app/MainWindow.h"
#include "cache/CacheDatabase.h"
#include "cache/SnapshotCache.h"
#include "credentials/CredentialStore.h"
#include "domain/Clock.h"
#include "domain/Credits.h"
#include "models/AlertRulesModel.h"
#include "models/AlertText.h"
#include "models/BillingText.h"
#include "models/BudgetHistoryModel.h"
#include "models/BudgetRequestsModel.h"
#include "models/CouponRedemptionsModel.h"
#include "models/CouponTableModel.h"
#include "models/DepartmentBudgetModel.h"
#include "models/NotificationPreferencesModel.h"
#include "models/OrgMembersModel.h"
#include "models/OrgText.h"
#include "models/PlanComparisonModel.h"
#include "models/SubscriptionHistoryModel.h"
#include "models/TransactionTableModel.h"
#include "models/UsageTableModel.h"
#include "models/WebhookDeliveriesModel.h"
#include "models/WebhookEndpointsModel.h"
#include "sync/AlertNotifier.h"
#include "sync/SessionController.h"
#include "sync/SyncEngine.h"
#include "views/AcceptInvitationDialog.h"
#include "views/ActiveAlertsBanner.h"
#include "views/ActivityPane.h"
#include "views/AlertsPane.h"
#include "views/BillingDialogs.h"
#include "views/BudgetDialog.h"
#include "views/BuySeatsDialog.h"
#include "views/ChartPanel.h"
#include "views/CouponsPane.h"
#include "views/CreateCouponDialog.h"
#include "views/DashboardPane.h"
#include "views/DateRangeSelector.h"
#include "views/ForecastPanel.h"
#include "views/InviteDialog.h"
#include "views/InvoiceActionDialogs.h"
#include "views/InvoiceDialog.h"
#include "views/InvoiceListView.h"
#include "views/InvoicesPane.h"
#include "views/MemberDialog.h"
#include "views/OrganizationPane.h"
#include "views/PaneController.h"
#include "views/PdfViewerDialog.h"
#include "views/PlansPane.h"
#include "views/RedeemCouponDialog.h"
#include "views/RoleEditorDialog.h"
#include "views/SignInDialog.h"
#include "views/SwitchPlanDialog.h"
#include "views/TransactionsPane.h"
#include "views/UsagePane.h"
#include "views/WebhookEndpointDialog.h"
#include "views/WebhookSecretDialog.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QColor>
#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QHostAddress>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPainter>
#include <QPalette>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QPdfWriter>
#include <QPointer>
#include <QPrinter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

#include <signal.h>

using namespace creditdesk;
using namespace creditdesk::test;

namespace {

// A pane that only counts what the controller tells it.
class CountingPane : public Pane
{
    Q_OBJECT

public:
    CountingPane(const PaneContext&, QWidget* parent) : Pane(parent) {}
    void setOrganization(const Organization& organization) override { organizationId = organization.id; }
    void refresh() override { ++refreshes; }

    qint64 organizationId = 0;
    int refreshes = 0;
};

Organization organizationWith(qint64 id, const QStringList& permissions)
{
    Organization organization;
    organization.id = id;
    organization.permissions = permissions;
    return organization;
}

} // namespace

class TestConsoleGui : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    // QDesktopServices' handler for http(s) in the tests that open a page in the browser: recorded, never
    // launched (a public slot: QTest runs only the private ones).
    void openInBrowser(const QUrl& url) { m_openedInBrowser.append(url); }

private:
    QList<QUrl> m_openedInBrowser;
    QString m_shots = QStringLiteral(CREDITDESK_TEST_OUTPUT_DIR "/screenshots");

    void screenshot(QWidget* window, const QString& name)
    {
        QApplication::processEvents();
        QVERIFY(window->grab().save(m_shots + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    static bool waitForSyncOk(Application& app)
    {
        SyncEngine* sync = app.session()->sync();
        QSignalSpy finished(sync, &SyncEngine::finished);
        for (int i = 0; i < 3; ++i) {
            if (!finished.wait(60000))
                return false;
            if (finished.last().first().toBool())
                return true;
        }
        return false;
    }

    static bool waitForPane(TransactionsPane* pane)
    {
        QSignalSpy counted(pane->model(), &TransactionTableModel::countChanged);
        return pane->model()->isCountKnown() || counted.wait(10000);
    }

    static bool waitForActivity(ActivityPane* pane)
    {
        QSignalSpy updated(pane, &ActivityPane::updated);
        return updated.wait(10000);
    }

    template<typename Widget> static Widget* byAccessibleName(QWidget* parent, const QString& name)
    {
        for (Widget* widget : parent->findChildren<Widget*>()) {
            if (widget->accessibleName() == name)
                return widget;
        }
        return nullptr;
    }

    // The dialog as the user sees it: fields at their natural height, the message fully shown.
    static void verifyDialogLayout(SignInDialog* dialog)
    {
        QApplication::processEvents();
        for (QLineEdit* field : dialog->findChildren<QLineEdit*>()) {
            if (field->isVisible())
                QVERIFY2(field->height() >= field->sizeHint().height(), qPrintable(field->accessibleName()));
        }
        QLabel* message = byAccessibleName<QLabel>(dialog, "Sign-in message");
        QVERIFY(message);
        if (message->isVisible())
            QVERIFY(message->height() >= message->heightForWidth(message->width()));
    }

    // Signs in through the dialog as the fixture's owner (a platform admin) and shows its organization.
    static bool signInAsOwner(Application& app, ConsoleFixture& f)
    {
        app.start();
        SignInDialog* dialog = app.signInDialog();
        if (!QTest::qWaitFor([dialog] { return dialog->isVisible(); }, 10000))
            return false;
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        dialog->submit(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"), false);
        if (!signedIn.wait(20000) || !waitForSyncOk(app))
            return false;
        app.session()->setCurrentOrganization(f.organization);
        return QTest::qWaitFor([&app] { return app.mainWindow()->visiblePaneIds().contains("plans"); },
                               10000);
    }

    static QByteArray accountQuery(qint64 organization)
    {
        return "organization_id=" + QByteArray::number(organization);
    }

    // Signs in through the dialog as `email` (`remember`: the session token is kept in the keychain) and
    // shows the fixture's organization once its navigation has the pane `paneId`.
    static bool signInAs(Application& app, ConsoleFixture& f, const QString& email,
                         const QString& paneId = QStringLiteral("usage"), bool remember = false)
    {
        app.start();
        SignInDialog* dialog = app.signInDialog();
        if (!QTest::qWaitFor([dialog] { return dialog->isVisible(); }, 10000))
            return false;
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        dialog->submit(QUrl(f.url()), email, Fixture::passwordFor(email), remember);
        if (!signedIn.wait(20000) || !waitForSyncOk(app))
            return false;
        app.session()->setCurrentOrganization(f.organization);
        return QTest::qWaitFor([&] { return app.mainWindow()->visiblePaneIds().contains(paneId); }, 10000);
    }

    // Models used over the last three days by Ana, Ben and the organization itself (seven models: the
    // stacked chart has six and "other"), on Professional, with 2,470,000 bonus credits that expire
    // tomorrow (the forecast's expiring credits) and a limit for Ana.
    static void bookUsage(ConsoleFixture& f)
    {
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        HttpResponse answer =
            admin->post("/api/v1/tiers/switch",
                        QJsonObject{{"organization_id", f.organization}, {"plan", "professional"}});
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        answer = admin->post("/api/v1/credits/allocate",
                             QJsonObject{{"organization_id", f.organization},
                                         {"amount", 2'470'000},
                                         {"kind", "bonus"},
                                         {"expires_at", now.addDays(1).toString(Qt::ISODateWithMs)}});
        QVERIFY2(answer.status == 200 || answer.status == 201, answer.body.constData());
        answer = admin->request(
            "PUT",
            "/api/v1/organizations/" + QByteArray::number(f.organization) + "/members/" +
                QByteArray::number(f.members.at(1)) + "/limit",
            QJsonDocument(QJsonObject{{"credits", 5'000'000}, {"period", "month"}, {"enforcement", "hard"}})
                .toJson(QJsonDocument::Compact),
            {{"Content-Type", "application/json"}});
        QVERIFY2(answer.status == 200 || answer.status == 201, answer.body.constData());
        const QStringList models{
            "openai/gpt-4o",       "openai/gpt-4o-mini",        "openai/gpt-4.1",
            "openai/gpt-4.1-mini", "anthropic/claude-sonnet-4", "anthropic/claude-3.5-haiku",
            "openai/gpt-4.1-nano"};
        int n = 0;
        for (int day = 2; day >= 0; --day) {
            for (int m = 0; m < models.size(); ++m) {
                for (int who = 0; who < 3; ++who) {
                    QJsonObject event{
                        {"id", QStringLiteral("usage-%1").arg(++n)},
                        {"occurred_at", now.addDays(-day).addSecs(-60 * (m + 1)).toString(Qt::ISODateWithMs)},
                        {"organization_id", f.organization},
                        {"kind", "chat"},
                        {"model", models.at(m)},
                        {"tokens_input", 1000 * (m + 1) + 100 * who + day},
                        {"tokens_output", 300 * (7 - m) + who}};
                    if (who > 0)
                        event.insert("member_id", f.members.at(who)); // Ana (1), Ben (2); 0: nobody
                    answer = admin->post("/api/v1/metering/track", event);
                    QVERIFY2(answer.status == 200, answer.body.constData());
                }
            }
        }
    }

    static QByteArray rangeQuery(qint64 organization, QDate from, QDate to)
    {
        return accountQuery(organization) + "&start_date=" + from.toString(Qt::ISODate).toLatin1() +
               "&end_date=" + to.toString(Qt::ISODate).toLatin1();
    }

    static bool waitForUsage(UsagePane* pane)
    {
        QSignalSpy updated(pane, &UsagePane::updated);
        return (!pane->isLoading() && pane->table()->rowCount() > 0) || updated.wait(20000);
    }

    // The table's rows equal a report's rows (by label), figure for figure.
    static void compareRows(UsagePane* pane, const QJsonArray& rows, const QString& key)
    {
        QCOMPARE(pane->table()->rowCount(), static_cast<int>(rows.size()));
        for (const QJsonValue& value : rows) {
            const QJsonObject row = value.toObject();
            const UsageRow* shown = nullptr;
            for (const UsageRow& candidate : pane->table()->rows()) {
                // A row without a member or department has id null (none).
                const bool same = key == "label" ? candidate.label == row.value("label").toString()
                                                 : candidate.id.value_or(0) == row.value(key).toInteger(0);
                if (same)
                    shown = &candidate;
            }
            QVERIFY2(shown, qPrintable(QJsonDocument(row).toJson(QJsonDocument::Compact)));
            QCOMPARE(shown->requests, row.value("events").toInteger());
            QCOMPARE(shown->tokensInput, row.value("tokens_input").toInteger());
            QCOMPARE(shown->tokensOutput, row.value("tokens_output").toInteger());
            QCOMPARE(shown->credits,
                     row.value("credits").toInteger() + row.value("overage_credits").toInteger());
        }
    }

    static void spend(ConsoleFixture& f, qint64 credits)
    {
        const HttpResponse response = f.fixture.server->client(f.gateway)->post(
            "/api/v1/credits/deduct", QJsonObject{{"organization_id", f.organization}, {"amount", credits}});
        QVERIFY2(response.status == 200 || response.status == 201, response.body.constData());
    }

    // The server's alerts of the organization, oldest first.
    static QJsonArray serverAlerts(ConsoleFixture& f)
    {
        const HttpResponse response = f.fixture.server->client(f.fixture.adminToken)
                                          ->get("/api/v1/alerts?since=0&" + accountQuery(f.organization));
        return response.json().value("data").toArray();
    }

    static QJsonArray serverRules(ConsoleFixture& f)
    {
        const HttpResponse response = f.fixture.server->client(f.fixture.adminToken)
                                          ->get("/api/v1/alerts/rules?" + accountQuery(f.organization));
        return response.json().value("data").toArray();
    }

    // The organization on the starter plan (750,000 credits a month) with more than 80 % of it spent:
    // the built-in "allowance used 80 %" rule has fired once.
    static void spendPastEightyPercent(ConsoleFixture& f)
    {
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        QCOMPARE(admin
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(f.organization),
                               R"({"tier":"starter"})", {{"Content-Type", "application/json"}})
                     .status,
                 200);
        spend(f, 605'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        useOwnAppData();
        // As main.cpp: the display name and the translations (English: its plural forms).
        QApplication::setApplicationDisplayName(QStringLiteral("CreditDesk"));
        Application::installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
        QDir().mkpath(m_shots);
        // A fresh demo every run (only the demo folder: other console tests may run beside this one).
        QDir(Application::demoDirectory()).removeRecursively();
    }

    // The pane registry without a server: the controller builds the panes the role may use from the
    // descriptors, destroys the others, tells them the organization and refreshes them when shown.
    void paneControllerFollowsTheRole()
    {
        auto permitted = [](const QString& permission) {
            return [permission](const Organization& organization) { return organization.can(permission); };
        };
        SyncedCollection notes;
        notes.id = "notes";
        const QList<PaneDescriptor> descriptors{
            {"first", "First", {}, permitted("a:read"), &PaneDescriptor::make<CountingPane>, {}},
            {"second", "Second", {}, permitted("b:read"), &PaneDescriptor::make<CountingPane>, {notes}},
            {"third", "Third", {}, permitted("a:read"), &PaneDescriptor::make<CountingPane>, {notes}},
        };
        QCOMPARE(collectionsOf(descriptors).size(), 1);
        QWidget host;
        auto* navigation = new QListWidget(&host);
        auto* stack = new QStackedWidget(&host);
        PaneController controller(descriptors, PaneContext{}, navigation, stack);
        QSignalSpy current(&controller, &PaneController::currentPaneChanged);
        controller.setPreferredPane("third");

        controller.setOrganization(organizationWith(4, {"a:read"}));
        QCOMPARE(controller.visibleIds(), QStringList({"first", "third"}));
        QCOMPARE(navigation->count(), 2);
        QCOMPARE(navigation->item(1)->text(), QStringLiteral("Third"));
        QCOMPARE(controller.currentId(), QStringLiteral("third")); // the one shown last time
        QCOMPARE(current.last().first().toString(), QStringLiteral("third"));
        QCOMPARE(stack->currentWidget(), controller.pane("third"));
        QVERIFY(!controller.pane("second"));
        auto* first = qobject_cast<CountingPane*>(controller.pane("first"));
        QVERIFY(first);
        QCOMPARE(first->organizationId, 4);

        // The cache changed: the pane shown reads now, the other one when it is shown.
        auto* third = qobject_cast<CountingPane*>(controller.pane("third"));
        controller.cacheChanged();
        QCOMPARE(third->refreshes, 1);
        QCOMPARE(first->refreshes, 0);
        QVERIFY(controller.show("first"));
        QCOMPARE(first->refreshes, 1);
        QVERIFY(controller.showAt(1));
        QCOMPARE(controller.currentId(), QStringLiteral("third"));
        QCOMPARE(third->refreshes, 1);
        QVERIFY(!controller.show("second"));

        // Another role: its panes appear, the ones it may not use are destroyed.
        QPointer<Pane> gone = controller.pane("first");
        controller.setOrganization(organizationWith(5, {"b:read"}));
        QCOMPARE(controller.visibleIds(), QStringList({"second"}));
        QCOMPARE(controller.currentId(), QStringLiteral("second"));
        QTRY_VERIFY(gone.isNull());
        QCOMPARE(qobject_cast<CountingPane*>(controller.pane("second"))->organizationId, 5);

        // Signed out: no panes.
        controller.setOrganization(Organization{});
        QVERIFY(controller.visibleIds().isEmpty());
        QCOMPARE(navigation->count(), 0);
        QVERIFY(!controller.currentPane());
    }

    // One date-range selector for every list pane: the same days for the same choice.
    void dateRangeSelectorMeansTheSameDays()
    {
        const ManualClock clock(QDateTime(QDate(2026, 3, 10), QTime(12, 0), QTimeZone::utc()));
        DateRangeSelector selector(&clock);
        QSignalSpy changed(&selector, &DateRangeSelector::changed);
        QCOMPARE(selector.range(), DateRangeSelector::Range::Any);
        QVERIFY(!selector.from().isValid() && !selector.to().isValid());
        selector.setRange(DateRangeSelector::Range::Last7Days);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(selector.from(), QDate(2026, 3, 4));
        QCOMPARE(selector.to(), QDate(2026, 3, 10));
        selector.setRange(DateRangeSelector::Range::Last7Days); // the same range: read again all the same
        QCOMPARE(changed.count(), 2);
        selector.setRange(DateRangeSelector::Range::ThisMonth);
        QCOMPARE(selector.from(), QDate(2026, 3, 1));
        selector.setRange(DateRangeSelector::Range::Last30Days);
        QCOMPARE(selector.from(), QDate(2026, 2, 9));
        selector.setRange(DateRangeSelector::Range::Today);
        QCOMPARE(selector.from(), QDate(2026, 3, 10));
        QCOMPARE(selector.to(), QDate(2026, 3, 10));
        auto* from = byAccessibleName<QDateEdit>(&selector, "From date");
        QVERIFY(from && !from->isEnabled());
        selector.setRange(DateRangeSelector::Range::Custom, QDate(2001, 1, 1), QDate(2001, 1, 31));
        QVERIFY(from->isEnabled());
        QCOMPARE(selector.from(), QDate(2001, 1, 1));
        QCOMPARE(selector.to(), QDate(2001, 1, 31));
        const int before = changed.count();
        selector.clear();
        QCOMPARE(changed.count(), before); // the pane reads once after clearing all its filters
        QCOMPARE(selector.range(), DateRangeSelector::Range::Any);
        QVERIFY(!from->isEnabled());
    }

    void demoModeEachPaneFilterExportAndRoles()
    {
        Application::Options options;
        options.demo = true;
        options.serverBinary = TestServer::binary();
        Application app(options);
        QTemporaryDir dir;
        const QString exportFile = dir.filePath("export.csv");
        app.mainWindow()->setFileChooser(
            [exportFile](QWidget*, const QString&, std::function<void(const QString&)> chosen) {
                chosen(exportFile);
            });
        app.mainWindow()->resize(1280, 820);
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        app.start();
        QVERIFY(signedIn.wait(120000));
        QVERIFY(app.localServer()->isRunning());
        QVERIFY(waitForSyncOk(app));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->isVisible());
        // "CreditDesk (demo)", not "CreditDesk (demo) — CreditDesk": the platform appends the display
        // name to a title that does not end with it.
        QCOMPARE(window->windowTitle(), QStringLiteral("CreditDesk (demo)"));
        QVERIFY(window->windowTitle().endsWith(QGuiApplication::applicationDisplayName()));
        QCOMPARE(window->visiblePaneIds(), QStringList({"dashboard", "transactions", "usage", "activity",
                                                        "plans", "invoices", "alerts", "organization"}));
        QVERIFY(window->statusText().contains("Demo Labs"));
        QVERIFY(window->statusText().contains("Admin"));
        QVERIFY(window->statusText().contains("Online"));

        // Dashboard
        QVERIFY(window->showPane("dashboard"));
        auto* dashboard = qobject_cast<DashboardPane*>(window->pane("dashboard"));
        QVERIFY(dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->snapshot().balance.has_value(), 10000);
        // The server's metered rollups (seed-demo books 90 days of usage events) reach the dashboard.
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard->snapshot().metered.isEmpty(), 10000);
        QVERIFY(dashboard->snapshot().transactionCount > 0);
        QVERIFY(dashboard->usage().allowance > 0);
        // With the server's forecast, "this period" is the billing period against the plan's allowance.
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->forecast().has_value(), 10000);
        QCOMPARE(dashboard->usage().allowance, dashboard->forecast()->allowance);
        QCOMPARE(dashboard->usage().used, dashboard->forecast()->periodUsage);
        screenshot(window, "dashboard");
        // The window follows the system palette (no fixed colours): the same pane on a dark palette.
        {
            const QPalette light = QApplication::palette();
            QPalette dark;
            dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
            dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
            dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
            dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
            dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
            dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd8));
            dark.setColor(QPalette::HighlightedText, Qt::white);
            QApplication::setPalette(dark);
            dashboard->refresh();
            QSignalSpy updated(dashboard, &DashboardPane::updated);
            QVERIFY(updated.wait(10000));
            screenshot(window, "dashboard-dark");
            QApplication::setPalette(light);
            dashboard->refresh();
            QVERIFY(updated.wait(10000));
        }

        // Usage: 90 days of the demo's models (the README's pictures; exact figures in the usage slots).
        {
            QVERIFY(window->showPane("usage"));
            auto* usage = qobject_cast<UsagePane*>(window->pane("usage"));
            QVERIFY(usage);
            QVERIFY(waitForUsage(usage));
            QCOMPARE(usage->errorText(), QString());
            QVERIFY(usage->table()->rowCount() > 1);
            QVERIFY(!usage->dailyChart()->seriesNames().isEmpty());
            window->resize(1280, 1040); // the whole page: charts, table, forecast, recommendations
            screenshot(window, "usage");
            usage->setGrouping(UsageTableModel::Grouping::Member);
            QVERIFY(usage->table()->rowCount() > 1);
            screenshot(window, "usage-by-member");
            usage->setGrouping(UsageTableModel::Grouping::Model);
            window->resize(1280, 820);
        }

        // Invoices: a year of the demo's period invoices, mostly paid by bank transfer (the README's
        // pictures; the behaviour in invoicesPaneListsFiltersExportsAndActs).
        {
            QVERIFY(window->showPane("invoices"));
            auto* invoices = qobject_cast<InvoicesPane*>(window->pane("invoices"));
            QVERIFY(invoices);
            QTRY_VERIFY_WITH_TIMEOUT(invoices->list()->model()->rowCount() >= 11, 10000);
            QVERIFY(invoices->list()->statuses().contains("paid"));
            screenshot(window, "invoices");
            invoices->list()->table()->selectRow(1);
            invoices->openCurrentInvoice();
            InvoiceDialog* detail = invoices->invoiceDialog();
            QVERIFY(detail);
            QSignalSpy fresh(detail, &InvoiceDialog::invoiceUpdated);
            QVERIFY(fresh.wait(10000));
            QVERIFY(detail->documentText().contains("Paid by Bank transfer"));
            QVERIFY(detail->documentText().contains("CreditDesk Demo Operator GmbH"));
            screenshot(detail, "invoice-detail");
            detail->close();
        }

        // Transactions: filter by kind and text, select a row for the detail panel, export
        QVERIFY(window->showPane("transactions"));
        auto* transactions = qobject_cast<TransactionsPane*>(window->pane("transactions"));
        QVERIFY(transactions);
        QVERIFY(waitForPane(transactions));
        // The member and department lists arrive from the cache reader's thread, sorted by name.
        {
            auto* members = byAccessibleName<QComboBox>(transactions, "Member filter");
            auto* departments = byAccessibleName<QComboBox>(transactions, "Department filter");
            QVERIFY(members && departments);
            QTRY_VERIFY_WITH_TIMEOUT(members->count() > 1 && departments->count() > 1, 10000);
            for (int i = 2; i < members->count(); ++i)
                QVERIFY(members->itemText(i - 1) <= members->itemText(i));
        }
        const qint64 all = transactions->model()->matchingRows();
        QCOMPARE(all, dashboard->snapshot().transactionCount);
        transactions->setKindFilter(TransactionKind::Allocation);
        QVERIFY(waitForPane(transactions));
        const qint64 allocations = transactions->model()->matchingRows();
        QVERIFY(allocations > 0 && allocations < all);
        transactions->setKindFilter(std::nullopt);
        transactions->setDateRange(TransactionsPane::DateRange::Last30Days);
        QVERIFY(waitForPane(transactions));
        QVERIFY(transactions->model()->matchingRows() <= all);
        transactions->table()->selectRow(0);
        // The table rounds to cents; the tooltip and the details panel show the exact value.
        {
            const std::optional<Transaction> first = transactions->model()->transactionAt(0);
            QVERIFY(first);
            const QModelIndex value =
                transactions->model()->index(0, static_cast<int>(TransactionColumn::Value));
            QCOMPARE(value.data().toString(), Credits(first->amount).formatDollars());
            QCOMPARE(value.data(Qt::ToolTipRole).toString(), Credits(first->amount).describeExact());
            QLabel* detail = nullptr;
            for (QLabel* label : transactions->findChildren<QLabel*>()) {
                if (label->accessibleName() == QStringLiteral("Value"))
                    detail = label;
            }
            QVERIFY(detail);
            QCOMPARE(detail->text(), Credits(first->amount).formatExactDollars());
        }
        screenshot(window, "transactions");

        // Wording: counts in the locale's format with real plurals; who made it and grant kinds in words.
        {
            QLabel* count = byAccessibleName<QLabel>(transactions, "Number of matching transactions");
            QVERIFY(count);
            const qint64 matching = transactions->model()->matchingRows();
            QCOMPARE(count->text(),
                     QLocale().toString(matching) + (matching == 1 ? " transaction" : " transactions"));
            const std::optional<Transaction> shown = transactions->model()->transactionAt(0);
            QVERIFY(shown);
            QCOMPARE(byAccessibleName<QLabel>(transactions, "Transaction")->text(),
                     QLocale().toString(shown->id));
            QCOMPARE(byAccessibleName<QLabel>(transactions, "Sequence")->text(),
                     QLocale().toString(shown->seq));
            QLabel* madeBy = byAccessibleName<QLabel>(transactions, "Made by");
            QVERIFY(madeBy && !madeBy->text().isEmpty());
            QVERIFY2(!madeBy->text().contains("api_token") && !madeBy->text().startsWith("user "),
                     qPrintable(madeBy->text()));
            transactions->setKindFilter(TransactionKind::Allocation);
            QVERIFY(waitForPane(transactions));
            transactions->table()->selectRow(0);
            QLabel* grantKind = byAccessibleName<QLabel>(transactions, "Grant kind");
            QVERIFY(grantKind);
            QTRY_VERIFY(!grantKind->text().isEmpty());
            QVERIFY2(grantKind->text().at(0).isUpper() && !grantKind->text().contains('_'),
                     qPrintable(grantKind->text()));
            transactions->setKindFilter(std::nullopt);
            QVERIFY(waitForPane(transactions));
        }

        // Tab leaves the table; the arrow keys move inside it.
        {
            window->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(window));
            QTableView* table = transactions->table();
            table->setFocus();
            QTRY_VERIFY(table->hasFocus());
            table->setCurrentIndex(transactions->model()->index(0, 0));
            QTest::keyClick(table, Qt::Key_Down);
            QVERIFY(table->hasFocus());
            QCOMPARE(table->currentIndex().row(), 1);
            QTest::keyClick(table, Qt::Key_Tab);
            QVERIFY(!table->hasFocus());
        }

        // At 1024×700 the search field keeps a useful width and every column, Reference last, is in view.
        {
            window->resize(1024, 700);
            QApplication::processEvents();
            QCOMPARE(window->size(), QSize(1024, 700));
            auto* search = byAccessibleName<QLineEdit>(transactions, "Search");
            QVERIFY(search);
            QVERIFY2(search->width() >= search->fontMetrics().averageCharWidth() * 20,
                     qPrintable(QString::number(search->width())));
            QHeaderView* header = transactions->table()->horizontalHeader();
            const int reference = static_cast<int>(TransactionColumn::Reference);
            const int left = header->sectionViewportPosition(reference);
            QVERIFY2(left >= 0 &&
                         left + header->sectionSize(reference) <= transactions->table()->viewport()->width(),
                     qPrintable(QStringLiteral("%1 + %2 > %3")
                                    .arg(left)
                                    .arg(header->sectionSize(reference))
                                    .arg(transactions->table()->viewport()->width())));
            QVERIFY(header->sectionSize(reference) >= header->fontMetrics().averageCharWidth() * 4);
            screenshot(window, "transactions-1024x700");
            window->resize(1280, 820);
            QApplication::processEvents();
        }

        QSignalSpy exported(transactions, &TransactionsPane::exportFinished);
        window->exportAction()->trigger();
        QVERIFY(exported.wait(60000));
        QVERIFY(exported.first().at(0).toBool());
        const qint64 rows = exported.first().at(1).toLongLong();
        QCOMPARE(rows, transactions->model()->matchingRows());
        QFile csv(exportFile);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), rows + 1);
        QVERIFY(window->statusBar()->currentMessage().contains(QLocale().toString(rows) + " transactions"));

        // Demo role switch: finance, then member (sees only their own movements)
        QSignalSpy again(app.session(), &SessionController::signedIn);
        app.switchDemoRole("finance");
        QVERIFY(again.wait(30000));
        QVERIFY(waitForSyncOk(app));
        QVERIFY(window->statusText().contains("Finance"));
        QCOMPARE(window->visiblePaneIds(), QStringList({"dashboard", "transactions", "usage", "activity",
                                                        "plans", "invoices", "alerts", "organization"}));
        app.switchDemoRole("member");
        QVERIFY(again.wait(30000));
        QVERIFY(waitForSyncOk(app));
        QVERIFY(window->statusText().contains("Member"));
        // Members have no audit:read: no Activity pane, and no Organization pane. Every role sees the
        // plans; the Alerts pane shows members the alerts about their own limit.
        QCOMPARE(window->visiblePaneIds(),
                 QStringList({"dashboard", "transactions", "usage", "plans", "alerts"}));
        QVERIFY(window->showPane("transactions"));
        transactions = qobject_cast<TransactionsPane*>(window->pane("transactions"));
        QVERIFY(waitForPane(transactions));
        QVERIFY(transactions->model()->matchingRows() < all);
        screenshot(window, "transactions-member");
        // A member sees the organization's plan but cannot change it.
        {
            QVERIFY(window->showPane("plans"));
            auto* plans = qobject_cast<PlansPane*>(window->pane("plans"));
            QVERIFY(plans);
            QTRY_VERIFY_WITH_TIMEOUT(plans->subscription().has_value(), 20000);
            QVERIFY(!plans->canManage());
            QPushButton* upgrade = plans->switchButton("enterprise");
            QVERIFY(!upgrade || upgrade->isHidden());
            QVERIFY(plans->openSwitchDialog("enterprise") == nullptr);
            QVERIFY(window->showPane("transactions"));
        }

        // Sign out in demo mode: the dialog, filled in for the demo, instead of signing in again
        // silently.
        {
            QSignalSpy signedOut(app.session(), &SessionController::signedOut);
            window->signOutAction()->trigger();
            QVERIFY(signedOut.wait(20000));
            SignInDialog* dialog = app.signInDialog();
            QTRY_VERIFY(dialog->isVisible());
            QTest::qWait(300);
            QVERIFY(!app.session()->isSignedIn());
            QCOMPARE(dialog->server(), app.localServer()->url());
            QVERIFY(dialog->email().endsWith("@demo.test"));
            QVERIFY(dialog->password().isEmpty());
            QVERIFY(dialog->message().contains(LocalServer::kDemoPassword));
            dialog->submit(dialog->server(), QStringLiteral("admin@demo.test"), LocalServer::kDemoPassword,
                           false);
            QVERIFY(again.wait(30000));
            QVERIFY(!dialog->isVisible());
            QVERIFY(dialog->password().isEmpty());
            QVERIFY(waitForSyncOk(app));
        }

        // The demo server dies: restarted once (a new port, the same cache), and the second time the
        // window goes offline at once and says why.
        {
            const QUrl before = app.localServer()->url();
            const QString cache = app.session()->cache()->path();
            QCOMPARE(cache, CacheDatabase::pathForScope("demo", "admin@demo.test"));
            ::kill(static_cast<pid_t>(app.localServer()->processId()), SIGKILL);
            QVERIFY(again.wait(60000));
            QVERIFY(app.localServer()->isRunning());
            QVERIFY(app.localServer()->url() != before);
            QCOMPARE(app.session()->cache()->path(), cache);
            QVERIFY(waitForSyncOk(app));
            QVERIFY(window->statusText().contains("Online"));
            ::kill(static_cast<pid_t>(app.localServer()->processId()), SIGKILL);
            QTRY_VERIFY_WITH_TIMEOUT(window->statusText().contains("Offline"), 20000);
            QTRY_VERIFY_WITH_TIMEOUT(window->bannerText().contains("stopped unexpectedly again"), 20000);
            QCOMPARE(window->bannerText().count("Offline"), 1);
            QVERIFY(!app.localServer()->isRunning());
        }
        app.localServer()->stop();
    }

    void demoRunsReuseOneCachePerUser()
    {
        // Every run of the demo has a new port; the cache is found again by the demo user, not the URL,
        // so a second run fetches nothing it already has.
        QString path;
        for (int run = 0; run < 2; ++run) {
            Application::Options options;
            options.demo = true;
            options.serverBinary = TestServer::binary();
            options.showWindows = false;
            Application app(options);
            QSignalSpy signedIn(app.session(), &SessionController::signedIn);
            app.start();
            QVERIFY(signedIn.wait(120000));
            QVERIFY(waitForSyncOk(app));
            if (run == 0) {
                path = app.session()->cache()->path();
                QVERIFY(QFile::exists(path));
            } else {
                QCOMPARE(app.session()->cache()->path(), path);
                QCOMPARE(app.session()->sync()->lastRunInsertedRows(), 0);
            }
            app.localServer()->stop();
        }
        const QStringList demoCaches =
            QDir(QFileInfo(path).absolutePath()).entryList({"demo-*.sqlite"}, QDir::Files);
        QCOMPARE(demoCaches.size(), 1);
    }

    void menusPanesAndDashboardAreTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("German") << "de";
        QTest::newRow("French") << "fr";
    }

    void menusPanesAndDashboardAreTranslated()
    {
        QFETCH(QString, language);
        // The console's own translators, as main() installs them at start.
        const QLocale locale(language);
        const QLocale previous;
        QLocale::setDefault(locale);
        Application::installTranslators(locale);
        auto restore = qScopeGuard([previous] {
            QLocale::setDefault(previous);
            Application::installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
        });
        auto expect = [](const char* context, const char* source) {
            const QString translated = QCoreApplication::translate(context, source);
            // Translated at all: a missing .qm or a wrong context would leave the English text.
            if (translated == QLatin1String(source))
                qWarning("not translated: %s / %s", context, source);
            return translated;
        };

        Application::Options options;
        options.demo = true;
        options.serverBinary = TestServer::binary();
        Application app(options);
        app.mainWindow()->resize(1280, 820);
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        app.start();
        QVERIFY(signedIn.wait(120000));
        MainWindow* window = app.mainWindow();

        QStringList menus;
        for (QAction* action : window->menuBar()->actions()) {
            if (action->isVisible())
                menus.append(action->text());
        }
        QCOMPARE(menus.value(0), expect("creditdesk::MainWindow", "&File"));
        QVERIFY(menus.value(0) != "&File");
        QCOMPARE(menus.value(1), expect("creditdesk::MainWindow", "&View"));
        QVERIFY(menus.contains(expect("creditdesk::MainWindow", "&Help")));
        QVERIFY(!menus.contains("&Help"));
        QCOMPARE(window->windowTitle(), expect("creditdesk::MainWindow", "CreditDesk (demo)"));

        auto* navigation = window->findChild<QListWidget*>("navigation");
        QVERIFY(navigation);
        QCOMPARE(navigation->count(), 8);
        QCOMPARE(navigation->item(0)->text(), expect("creditdesk::Pane", "Dashboard"));
        QVERIFY(navigation->item(0)->text() != "Dashboard" || language == "fr"); // "Dashboard" is French too
        QCOMPARE(navigation->item(1)->text(), expect("creditdesk::Pane", "Transactions"));
        QCOMPARE(navigation->item(2)->text(), expect("creditdesk::Pane", "Usage"));
        QVERIFY(navigation->item(2)->text() != "Usage");
        QCOMPARE(navigation->item(3)->text(), expect("creditdesk::Pane", "Activity"));
        QVERIFY(navigation->item(3)->text() != "Activity");
        QCOMPARE(navigation->item(4)->text(), expect("creditdesk::Pane", "Plans"));
        QVERIFY(navigation->item(4)->text() != "Plans");
        QCOMPARE(navigation->item(5)->text(), expect("creditdesk::Pane", "Invoices"));
        QVERIFY(navigation->item(5)->text() != "Invoices");
        QCOMPARE(navigation->item(6)->text(), expect("creditdesk::Pane", "Alerts"));
        QVERIFY(navigation->item(6)->text() != "Alerts");
        QCOMPARE(navigation->item(7)->text(), expect("creditdesk::Pane", "Organization"));
        QVERIFY(navigation->item(7)->text() != "Organization");
        // The Invoices pane's statuses and its count in the user's language.
        QCOMPARE(InvoiceListView::statusLabel("paid"), expect("creditdesk::InvoiceListView", "Paid"));
        QVERIFY(InvoiceListView::statusLabel("paid") != "Paid");
        // The audit trail's actions and targets in the user's language; the date ranges of every list
        // pane.
        QCOMPARE(ActivityPane::actionLabel("credits.deducted"),
                 expect("creditdesk::ActivityPane", "Credits deducted"));
        QVERIFY(ActivityPane::actionLabel("credits.deducted") != "Credits deducted");
        QCOMPARE(ActivityPane::targetLabel("member", 5),
                 expect("creditdesk::ActivityPane", "%1 #%2")
                     .arg(expect("creditdesk::ActivityPane", "Member"), "5"));
        QVERIFY(!ActivityPane::targetLabel("member", 5).startsWith("Member"));
        QVERIFY(window->showPane("transactions"));
        auto* range = byAccessibleName<QComboBox>(window->pane("transactions"),
                                                  expect("creditdesk::DateRangeSelector", "Date range"));
        QVERIFY(range);
        QCOMPARE(range->itemText(1), expect("creditdesk::DateRangeSelector", "Today"));
        QVERIFY(range->itemText(1) != "Today");

        QVERIFY(window->showPane("dashboard"));
        auto* dashboard = qobject_cast<DashboardPane*>(window->pane("dashboard"));
        QVERIFY(dashboard);
        QStringList groups;
        for (QGroupBox* box : dashboard->findChildren<QGroupBox*>())
            groups.append(box->title());
        for (const char* title : {"Balance", "This period", "Recent transactions"}) {
            const QString translated = expect("creditdesk::DashboardPane", title);
            QVERIFY2(translated != QLatin1String(title), title);
            QVERIFY2(groups.contains(translated), qPrintable(groups.join(", ")));
        }
        QStringList labels;
        for (QLabel* label : dashboard->findChildren<QLabel*>())
            labels.append(label->text());
        QVERIFY(labels.contains(expect("creditdesk::DashboardPane", "Burn rate:")));
        QVERIFY(!labels.contains("Burn rate:"));
        QVERIFY(waitForSyncOk(app));
        QVERIFY(window->statusText().contains(expect("creditdesk::MainWindow", "● Online")));
        screenshot(window, "dashboard-" + language);
        app.localServer()->stop();
    }

    void aboutNamesVersionLicenceAndGuide()
    {
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        options.showWindows = false;
        Application app(options);
        const QString about = app.mainWindow()->aboutText();
        QVERIFY2(about.contains(QRegularExpression("CreditDesk \\d+\\.\\d+\\.\\d+")), qPrintable(about));
        QVERIFY(about.contains("Apache-2.0"));
        QVERIFY(about.contains("user-guide"));
        QVERIFY(about.contains("<a href="));
    }

    void signInDialogWithoutKeychain()
    {
        // No session bus here: the keychain is unavailable, which the window says once.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 820);
        app.start();
        SignInDialog* dialog = app.signInDialog();
        QTRY_VERIFY(dialog->isVisible());
        screenshot(dialog, "sign-in");
        // Every label with a mnemonic has a buddy (otherwise the "&" shows).
        for (QLabel* label : dialog->findChildren<QLabel*>()) {
            if (label->text().contains('&'))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
        }

        // Cancelled: the window offers a way back (a button in the window and File › Sign in…).
        MainWindow* window = app.mainWindow();
        dialog->reject();
        QTRY_VERIFY(!dialog->isVisible());
        auto* placeholder = window->findChild<QWidget*>("signedOutPage");
        QVERIFY(placeholder);
        QTRY_VERIFY(placeholder->isVisible());
        auto* button = placeholder->findChild<QPushButton*>("signInButton");
        QVERIFY(button && button->isVisible());
        QVERIFY(window->signInAction()->isEnabled());
        screenshot(window, "signed-out");
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(dialog->isVisible());
        dialog->reject();
        QTRY_VERIFY(!dialog->isVisible());
        window->signInAction()->trigger();
        QTRY_VERIFY(dialog->isVisible());

        QSignalSpy failed(app.session(), &SessionController::signInFailed);
        dialog->submit(QUrl(f.url()), "admin@example.com", "wrong-password", true);
        QVERIFY(failed.wait(20000));
        QVERIFY(dialog->isVisible());
        verifyDialogLayout(dialog);
        // https:// to this plain-HTTP server: said as such, with what to type instead.
        QUrl https(f.url());
        https.setScheme("https");
        dialog->submit(https, "admin@example.com", "wrong-password", true);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.last().first().toString().contains("plain HTTP"),
                 qPrintable(failed.last().first().toString()));
        QVERIFY(dialog->message().contains("http://"));
        verifyDialogLayout(dialog);
        screenshot(dialog, "sign-in-error");
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        dialog->submit(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"), true);
        QVERIFY(signedIn.wait(20000));
        QVERIFY(!dialog->isVisible());
        QVERIFY(waitForSyncOk(app));
        QTRY_VERIFY_WITH_TIMEOUT(!app.credentials()->keychainAvailable(), 10000);
        QTRY_VERIFY(app.mainWindow()->bannerText().contains("keychain"));

        // Offline: stop the server, refresh (F5), the window says so and keeps the data.
        f.fixture.server->stop();
        app.mainWindow()->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow()->statusText().contains("Offline"), 20000);
        QVERIFY(app.mainWindow()->bannerText().contains("Offline"));
        // Each thing said once: the cause, then that the data shown is the cached copy.
        QCOMPARE(app.mainWindow()->bannerText().count("Offline"), 1);
        QCOMPARE(app.mainWindow()->bannerText().count("cached"), 1);
        QVERIFY(app.mainWindow()->bannerText().contains("not answering"));
        QVERIFY(app.mainWindow()->showPane("dashboard"));
        auto* dashboard = qobject_cast<DashboardPane*>(app.mainWindow()->pane("dashboard"));
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->snapshot().balance.has_value(), 10000);
        screenshot(app.mainWindow(), "offline");

        QSignalSpy signedOut(app.session(), &SessionController::signedOut);
        app.mainWindow()->signOutAction()->trigger();
        QVERIFY(signedOut.wait(20000));
        QTRY_VERIFY(dialog->isVisible());
        // The previous password is gone; the e-mail stays.
        QVERIFY(dialog->password().isEmpty());
        QCOMPARE(dialog->email(), QStringLiteral("admin@example.com"));
    }

    // The audit trail of a real server: the fixture's owner created the organization, its departments,
    // members and an API token, and the token booked deductions; the pane shows exactly the server's
    // entries from the cache, filters them and exports them with the exact values.
    void activityPaneShowsAuditTrail()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        const QString exportFile = dir.filePath("activity.csv");
        app.mainWindow()->setFileChooser(
            [exportFile](QWidget*, const QString&, std::function<void(const QString&)> chosen) {
                chosen(exportFile);
            });
        app.mainWindow()->resize(1280, 820);
        app.start();
        SignInDialog* dialog = app.signInDialog();
        QTRY_VERIFY(dialog->isVisible());
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        dialog->submit(QUrl(f.url()), "admin@example.com", Fixture::passwordFor("admin@example.com"), false);
        QVERIFY(signedIn.wait(20000));
        QVERIFY(waitForSyncOk(app));
        app.session()->setCurrentOrganization(f.organization);
        MainWindow* window = app.mainWindow();
        QTRY_VERIFY(window->visiblePaneIds().contains("activity"));

        // What the server has for this organization, oldest first.
        auto client = f.fixture.server->client(f.fixture.adminToken);
        const HttpResponse response =
            client->get(QByteArray("/api/v1/audit?limit=1000&since=0&organization_id=") +
                        QByteArray::number(f.organization));
        QCOMPARE(response.status, 200);
        const QJsonArray server = response.json().value("data").toArray();
        QVERIFY(server.size() > 25);
        int deductions = 0;
        for (const QJsonValue& entry : server)
            deductions += entry.toObject().value("action").toString() == "credits.deducted" ? 1 : 0;
        QCOMPARE(deductions, 25);

        QVERIFY(window->showPane("activity"));
        auto* activity = qobject_cast<ActivityPane*>(window->pane("activity"));
        QVERIFY(activity);
        QTRY_COMPARE_WITH_TIMEOUT(activity->model()->rowCount(), static_cast<int>(server.size()), 10000);
        // Newest first, exactly the server's entries.
        const QJsonObject newest = server.last().toObject();
        QCOMPARE(activity->entries().first().id, newest.value("id").toInteger());
        QCOMPARE(activity->entries().first().hash, newest.value("hash").toString());
        QVERIFY(activity->actions().contains("credits.deducted"));
        QVERIFY(activity->actions().contains("member.added"));
        QVERIFY(activity->actions().contains("department.created"));
        QLabel* count = byAccessibleName<QLabel>(activity, "Number of matching entries");
        QVERIFY(count);
        QCOMPARE(count->text(), QLocale().toString(server.size()) + " entries");
        // Every action and target the fixture made is known: words, not "member.added" or "api_token".
        for (int row = 0; row < activity->model()->rowCount(); ++row) {
            const QString action = activity->model()->index(row, 2).data().toString();
            const QString target = activity->model()->index(row, 3).data().toString();
            QVERIFY2(!action.contains('.') && !action.contains('_') && action.at(0).isUpper(),
                     qPrintable(action));
            QVERIFY2(!target.contains('_') && (target.isEmpty() || target.at(0).isUpper()),
                     qPrintable(target));
        }
        screenshot(window, "activity");

        // Filters: by action, by actor (the gateway token), by date range.
        activity->setActionFilter("credits.deducted");
        QTRY_COMPARE_WITH_TIMEOUT(activity->model()->rowCount(), deductions, 10000);
        for (const ActivityPane::Entry& entry : activity->entries())
            QCOMPARE(entry.action, QStringLiteral("credits.deducted"));
        // Actions in words, the server's name in the tooltip and in the filter list's tooltip.
        {
            const QModelIndex action = activity->model()->index(0, 2);
            QCOMPARE(action.data().toString(), QStringLiteral("Credits deducted"));
            QCOMPARE(action.data(Qt::ToolTipRole).toString(), QStringLiteral("credits.deducted"));
            auto* filter = byAccessibleName<QComboBox>(activity, "Action filter");
            QVERIFY(filter);
            QCOMPARE(filter->currentText(), QStringLiteral("Credits deducted"));
            QCOMPARE(filter->itemData(filter->currentIndex(), Qt::ToolTipRole).toString(),
                     QStringLiteral("credits.deducted"));
        }
        const ActivityPane::Entry deduction = activity->entries().first();
        QCOMPARE(deduction.actorType, QStringLiteral("token"));
        activity->setActionFilter({});
        QTRY_COMPARE_WITH_TIMEOUT(activity->model()->rowCount(), static_cast<int>(server.size()), 10000);
        activity->setActorFilter("token:" + QString::number(deduction.actorId.value_or(0)));
        QTRY_COMPARE_WITH_TIMEOUT(activity->model()->rowCount(), deductions, 10000);
        activity->setActorFilter({});
        activity->setDateRange(ActivityPane::DateRange::Custom, QDate(2001, 1, 1), QDate(2001, 1, 31));
        QTRY_COMPARE_WITH_TIMEOUT(activity->model()->rowCount(), 0, 10000);
        activity->setDateRange(ActivityPane::DateRange::Last7Days);
        QTRY_COMPARE_WITH_TIMEOUT(activity->model()->rowCount(), static_cast<int>(server.size()), 10000);

        // CSV export of the filtered entries, exact values, newest first.
        activity->setActionFilter("credits.deducted");
        QTRY_COMPARE_WITH_TIMEOUT(activity->model()->rowCount(), deductions, 10000);
        QSignalSpy exported(activity, &ActivityPane::exportFinished);
        activity->exportData();
        QVERIFY(exported.wait(20000));
        QVERIFY(exported.first().at(0).toBool());
        QCOMPARE(exported.first().at(1).toLongLong(), deductions);
        QFile csv(exportFile);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.size(), deductions + 2); // header, rows, the empty rest after the last CRLF
        QCOMPARE(lines.first(),
                 QByteArray("id,seq,at,actor_type,actor_id,action,target_type,target_id,summary,"
                            "request_id,hash\r"));
        QJsonObject lastDeduction;
        for (const QJsonValue& entry : server) {
            if (entry.toObject().value("action").toString() == "credits.deducted")
                lastDeduction = entry.toObject();
        }
        const QList<QByteArray> first = lines.at(1).trimmed().split(',');
        QCOMPARE(first.first(), QByteArray::number(lastDeduction.value("id").toInteger()));
        QCOMPARE(first.at(1), QByteArray::number(lastDeduction.value("seq").toInteger()));
        QCOMPARE(QDateTime::fromString(QString::fromUtf8(first.at(2)), Qt::ISODateWithMs),
                 QDateTime::fromString(lastDeduction.value("at").toString(), Qt::ISODateWithMs));
        QCOMPARE(first.last(), lastDeduction.value("hash").toString().toUtf8());
        QVERIFY(window->statusBar()->currentMessage().contains(QString::number(deductions) +
                                                               " activity entries"));
    }

    // The Alerts pane against the server: the fired alerts exactly as the server lists them, newest
    // first; a tray notification for an alert a later sync brings (not for those at the first sync);
    // Acknowledge reaches the server and the sync brings the alert back acknowledged; the dashboard's
    // banner lists the active ones; the rules editor's changes reach the server.
    // The Invoices pane against a server whose test clock closed three periods: the list equals the
    // server's (numbers, statuses, totals as money), each filter (status, dates, text), sorting, the CSV
    // export with decimal amounts, the detail view, and the operator's mark paid and a refused void with
    // the server's message. Members do not see the pane.
    void invoicesPaneListsFiltersExportsAndActs()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        // Sessions outlive the three months the clock moves.
        ConsoleFixture f(
            {QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"), QStringLiteral("315360000")},
            Fixture::Catalog::Shipped);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        QCOMPARE(admin
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(f.organization),
                               R"({"tier":"starter"})", {{"Content-Type", "application/json"}})
                     .status,
                 200);
        for (int close = 0; close < 3; ++close)
            QCOMPARE(
                admin->post("/api/v1/admin/test-clock", QJsonObject{{"advance_seconds", 32 * 86400}}).status,
                200);
        const auto serverInvoices = [&] {
            return admin->get("/api/v1/invoices?" + accountQuery(f.organization))
                .json()
                .value("data")
                .toArray();
        };
        QJsonArray server = serverInvoices();
        QCOMPARE(server.size(), 3);
        // The oldest is paid by bank transfer; the others stay open.
        const QJsonObject oldest = server.last().toObject();
        QCOMPARE(admin
                     ->post("/api/v1/invoices/" + QByteArray::number(oldest.value("id").toInteger()) +
                                "/mark-paid",
                            QJsonObject{{"method", "bank_transfer"}, {"reference", "SEPA-1"}})
                     .status,
                 200);
        server = serverInvoices();

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        const QString exportFile = dir.filePath("invoices.csv");
        app.mainWindow()->setFileChooser(
            [exportFile](QWidget*, const QString&, std::function<void(const QString&)> chosen) {
                chosen(exportFile);
            });
        app.mainWindow()->resize(1280, 820);
        QVERIFY(signInAs(app, f, "admin@example.com", "invoices"));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("invoices"));
        auto* pane = qobject_cast<InvoicesPane*>(window->pane("invoices"));
        QVERIFY(pane);
        InvoiceListView* list = pane->list();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 3, 10000);
        // Newest first, exactly the server's invoices, money from minor units.
        for (int row = 0; row < 3; ++row) {
            const QJsonObject invoice = server.at(row).toObject();
            QCOMPARE(list->invoiceAt(row).value("number").toString(), invoice.value("number").toString());
            QCOMPARE(list->model()->index(row, 0).data().toString(), invoice.value("number").toString());
            QCOMPARE(list->model()->index(row, 3).data().toString(),
                     formatMinorUnits(invoice.value("total_minor").toInteger()));
            QCOMPARE(list->model()->index(row, 4).data().toString(),
                     formatMinorUnits(invoice.value("amount_due_minor").toInteger()));
            QCOMPARE(list->model()->index(row, 3).data(CollectionTableModel::RawRole).toLongLong(),
                     invoice.value("total_minor").toInteger());
        }
        QCOMPARE(list->model()->index(2, 2).data().toString(), QStringLiteral("Paid"));
        QCOMPARE(list->model()->index(0, 2).data().toString(), QStringLiteral("Open"));
        QCOMPARE(list->statuses(), QStringList({"open", "paid"}));
        QLabel* count = byAccessibleName<QLabel>(list, "Number of matching entries");
        QVERIFY(count);
        QCOMPARE(count->text(), QStringLiteral("3 invoices"));
        // The operator's tax report is there for a platform admin.
        bool taxReport = false;
        for (QPushButton* button : pane->findChildren<QPushButton*>())
            taxReport = taxReport || (button->text() == QStringLiteral("Tax report…") && !button->isHidden());
        QVERIFY(taxReport);

        // Filters: status, text (a number's tail, a line's words), dates.
        list->setStatusFilter("paid");
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, 10000);
        QCOMPARE(list->invoiceAt(0).value("id").toInteger(), oldest.value("id").toInteger());
        list->setStatusFilter({});
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 3, 10000);
        const QString secondNumber = server.at(1).toObject().value("number").toString();
        list->setSearchText(secondNumber.right(6));
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, 10000);
        QCOMPARE(list->invoiceAt(0).value("number").toString(), secondNumber);
        list->setSearchText("STARTER PLAN"); // every period fee's line
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 3, 10000);
        list->setSearchText("no such text");
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 0, 10000);
        list->setSearchText({});
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 3, 10000);
        const QDate newestDay =
            QDateTime::fromString(server.at(0).toObject().value("issued_at").toString(), Qt::ISODateWithMs)
                .toUTC()
                .date();
        list->setDateRange(CollectionPane::DateRange::Custom, newestDay, newestDay);
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, 10000);
        list->clearFilters();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 3, 10000);

        // Sorting by a header: the amount due, smallest first (the paid one owes nothing).
        list->table()->sortByColumn(4, Qt::AscendingOrder);
        QCOMPARE(list->table()->model()->index(0, 4).data(CollectionTableModel::RawRole).toLongLong(), 0);
        QCOMPARE(list->table()->model()->index(0, 0).data().toString(), oldest.value("number").toString());
        list->table()->sortByColumn(0, Qt::DescendingOrder);
        QCOMPARE(list->table()->model()->index(0, 0).data().toString(),
                 server.at(0).toObject().value("number").toString());
        screenshot(window, "invoices-test");

        // The CSV export: documented columns, amounts as decimals of the currency.
        QSignalSpy exported(list, &CollectionPane::exportFinished);
        pane->exportData();
        QVERIFY(exported.wait(10000));
        QVERIFY(exported.first().at(0).toBool());
        QFile csv(exportFile);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split("\r\n", Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0), QStringLiteral("id,number,kind,status,issued_at,due_at,buyer,currency,subtotal,"
                                             "discount,tax,total,amount_paid,amount_due"));
        const QJsonObject newest = server.at(0).toObject();
        const auto decimal = [](qint64 minor) {
            return QString::number(minor / 100) + "." +
                   QStringLiteral("%1").arg(minor % 100, 2, 10, QChar('0'));
        };
        QCOMPARE(lines.at(1),
                 QStringList({QString::number(newest.value("id").toInteger()),
                              newest.value("number").toString(), "period", "open",
                              newest.value("issued_at").toString(), newest.value("due_at").toString(),
                              newest.value("buyer").toObject().value("name").toString(), "USD",
                              decimal(newest.value("subtotal_minor").toInteger()),
                              decimal(newest.value("discount_minor").toInteger()),
                              decimal(newest.value("tax_minor").toInteger()),
                              decimal(newest.value("total_minor").toInteger()),
                              decimal(newest.value("amount_paid_minor").toInteger()),
                              decimal(newest.value("amount_due_minor").toInteger())})
                     .join(','));

        // The detail view: the cached invoice at once, then the server's; lines, totals, and its payments
        // (none through a card here: the test server has no payment provider).
        pane->openInvoice(list->invoiceAt(0));
        InvoiceDialog* detail = pane->invoiceDialog();
        QVERIFY(detail);
        QSignalSpy updated(detail, &InvoiceDialog::invoiceUpdated);
        QVERIFY(updated.wait(10000));
        QCOMPARE(detail->windowTitle(), "Invoice " + newest.value("number").toString());
        const QString text = detail->documentText();
        QVERIFY2(text.contains("Starter plan"), qPrintable(text));
        QVERIFY(text.contains(formatMinorUnits(newest.value("total_minor").toInteger())));
        QVERIFY(text.contains("Amount due"));
        QTRY_VERIFY_WITH_TIMEOUT(detail->paymentsShown(), 10000);
        QVERIFY(detail->documentText().contains("No card payments for this invoice."));
        screenshot(detail, "invoice-detail-test");

        // Mark paid (the operator's dialog), then a void that the server refuses with its message.
        detail->markPaid();
        auto* markPaid = detail->findChild<MarkPaidDialog*>();
        QVERIFY(markPaid);
        markPaid->setMethod("paypal");
        markPaid->setReference("PP-77");
        markPaid->submit();
        QVERIFY(updated.wait(10000));
        QCOMPARE(detail->invoice().value("status").toString(), QStringLiteral("paid"));
        const QJsonObject paid =
            admin->get("/api/v1/invoices/" + QByteArray::number(newest.value("id").toInteger())).json();
        QCOMPARE(paid.value("status").toString(), QStringLiteral("paid"));
        QCOMPARE(paid.value("payment").toObject().value("method").toString(), QStringLiteral("paypal"));
        QCOMPARE(paid.value("payment").toObject().value("reference").toString(), QStringLiteral("PP-77"));
        QVERIFY(detail->documentText().contains("Paid by PayPal"));
        // A paid invoice cannot be voided: the button is off, and the server says why if asked anyway.
        bool refused = false;
        app.invoicesClient()->voidInvoice(
            newest.value("id").toInteger(), detail, [&refused](const QJsonObject&, const ApiError& error) {
                refused = error.httpStatus == 409 && error.code == QLatin1String("invalid_invoice_state") &&
                          RequestDialog::messageOf(error) == QLatin1String("A paid invoice cannot be voided");
            });
        QTRY_VERIFY_WITH_TIMEOUT(refused, 10000);
        detail->close();

        // The Payments tab: GET /payments lists card payments through Stripe, and the test server has no
        // payment provider (tst_payments books them against Stripe's peers): an empty list, said in words.
        const HttpResponse payments = admin->get("/api/v1/payments?" + accountQuery(f.organization));
        QCOMPARE(payments.status, 200);
        QCOMPARE(payments.json().value("data").toArray().size(), 0);
        QSignalSpy paymentsLoaded(pane, &InvoicesPane::paymentsLoaded);
        pane->tabs()->setCurrentIndex(1);
        QVERIFY(paymentsLoaded.wait(10000));
        QCOMPARE(pane->findChild<QLabel*>("paymentsNote")->text(),
                 QStringLiteral("No card payments yet. An invoice paid by bank transfer or PayPal says so on "
                                "the invoice."));
        QCOMPARE(pane->paymentsTable()->rowCount(), 0);
        pane->tabs()->setCurrentIndex(0);

        // The billing profile: a bad country refused with the server's words and nothing saved; then saved
        // (with the exemption: a platform admin), read back from the server and by the next dialog.
        const auto serverProfile = [&] {
            const HttpResponse answer = admin->get("/api/v1/billing-profile?" + accountQuery(f.organization));
            return answer.status == 200 ? answer.json() : QJsonObject();
        };
        const QJsonObject profileBefore = serverProfile();
        QCOMPARE(profileBefore.value("legal_name").toString(), QString());
        pane->editBillingProfile();
        QPointer<BillingProfileDialog> profile = pane->findChild<BillingProfileDialog*>();
        QVERIFY(profile);
        QVERIFY(profile->exemptionEditable()); // a platform admin
        QSignalSpy profileLoaded(profile.data(), &BillingProfileDialog::loaded);
        QVERIFY(profileLoaded.wait(10000));
        QCOMPARE(profile->profile().legalName, QString());
        BillingProfile entered;
        entered.legalName = "Forschungslabor Nord gGmbH";
        entered.email = "rechnungen@forschung-nord.example";
        entered.line1 = "Hauptstraße 5";
        entered.line2 = "Haus B";
        entered.postalCode = "20095";
        entered.city = "Hamburg";
        entered.country = "XX";
        entered.taxId = "DE123456789";
        entered.taxExempt = true;
        entered.exemptionReason = "Research institution";
        profile->setProfile(entered);
        profile->save();
        QTRY_VERIFY_WITH_TIMEOUT(!profile->errorText().isEmpty(), 10000);
        QCOMPARE(profile->errorText(),
                 QStringLiteral("'country' must be an ISO 3166-1 alpha-2 country code (DE)"));
        QCOMPARE(serverProfile(), profileBefore);
        entered.country = "de"; // written as the user typed it, sent in capitals
        profile->setProfile(entered);
        QSignalSpy profileSaved(profile.data(), &BillingProfileDialog::saved);
        profile->save();
        QVERIFY(profileSaved.wait(10000));
        entered.country = "DE";
        const QJsonObject stored = serverProfile();
        QCOMPARE(stored.value("legal_name").toString(), entered.legalName);
        QCOMPARE(stored.value("email").toString(), entered.email);
        const QJsonObject address = stored.value("address").toObject();
        QCOMPARE(address.value("line1").toString(), entered.line1);
        QCOMPARE(address.value("line2").toString(), entered.line2);
        QCOMPARE(address.value("postal_code").toString(), entered.postalCode);
        QCOMPARE(address.value("city").toString(), entered.city);
        QCOMPARE(address.value("region").toString(), QString());
        QCOMPARE(address.value("country").toString(), QStringLiteral("DE"));
        QCOMPARE(stored.value("tax_id").toString(), entered.taxId);
        QCOMPARE(stored.value("tax_exempt").toBool(), true);
        QCOMPARE(stored.value("exemption_reason").toString(), entered.exemptionReason);
        QTRY_VERIFY(!profile); // closed when saved
        pane->editBillingProfile();
        profile = pane->findChild<BillingProfileDialog*>();
        QVERIFY(profile);
        QSignalSpy reloaded(profile.data(), &BillingProfileDialog::loaded);
        QVERIFY(reloaded.wait(10000));
        const BillingProfile shown = profile->profile();
        QCOMPARE(shown.legalName, entered.legalName);
        QCOMPARE(shown.email, entered.email);
        QCOMPARE(shown.line1, entered.line1);
        QCOMPARE(shown.line2, entered.line2);
        QCOMPARE(shown.postalCode, entered.postalCode);
        QCOMPARE(shown.city, entered.city);
        QCOMPARE(shown.country, entered.country);
        QCOMPARE(shown.taxId, entered.taxId);
        QCOMPARE(shown.taxExempt, true);
        QCOMPARE(shown.exemptionReason, entered.exemptionReason);
        profile->close();

        // Offline: the list and an invoice's detail come from the cache (its whole document).
        f.fixture.server->stop();
        list->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 3, 10000);
        pane->openInvoice(list->invoiceAt(1));
        QVERIFY(pane->invoiceDialog());
        QVERIFY(pane->invoiceDialog()->documentText().contains(secondNumber));
        QVERIFY(pane->invoiceDialog()->documentText().contains("Starter plan"));
        pane->invoiceDialog()->close();

        // Members and managers do not see it; finance, owners and admins do.
        QVERIFY(!InvoicesPane::visibleFor(organizationWith(1, {"credits:read_own"})));
        QVERIFY(InvoicesPane::visibleFor(organizationWith(1, {"invoices:read"})));
    }

    // The viewer shows what the server's PDF route answers (application/pdf): a two-page PDF made here
    // loads with its pages, prints page by page into a printer (a PDF file, so it can be read back) and
    // is saved byte for byte.
    void pdfViewerShowsPrintsAndSavesAPdf()
    {
        QByteArray pdf;
        {
            QBuffer buffer(&pdf);
            QVERIFY(buffer.open(QIODevice::WriteOnly));
            QPdfWriter writer(&buffer);
            writer.setTitle("CD-2026-000123");
            QPainter painter(&writer);
            painter.drawText(QPointF(100, 100), "Invoice CD-2026-000123");
            QVERIFY(writer.newPage());
            painter.drawText(QPointF(100, 100), "Total $146.00");
        }
        QVERIFY(pdf.startsWith("%PDF-"));
        QByteArray saved;
        PdfViewerDialog viewer(pdf, "Invoice CD-2026-000123",
                               [&saved](const QByteArray& bytes) { saved = bytes; });
        viewer.show();
        QTRY_VERIFY(viewer.isLoaded());
        QCOMPARE(viewer.pageCount(), 2);

        QTemporaryDir dir;
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(dir.filePath("printed.pdf"));
        QVERIFY(viewer.printTo(&printer));
        QPdfDocument printed;
        QCOMPARE(printed.load(dir.filePath("printed.pdf")), QPdfDocument::Error::None);
        QCOMPARE(printed.pageCount(), 2);

        auto* save = viewer.findChild<QPushButton*>("savePdf");
        QVERIFY(save);
        save->click();
        QCOMPARE(saved, pdf);
    }

    // A real invoice's PDF: a closed period's invoice opened from the list, its PDF fetched through
    // GET /api/v1/invoices/{id}/pdf and shown in the viewer, saved byte for byte as the server sent it and
    // printed page by page; its text names the invoice.
    void invoicePdfFromTheServerOpensInTheViewer()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f(
            {QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"), QStringLiteral("315360000")},
            Fixture::Catalog::Shipped);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        QCOMPARE(admin
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(f.organization),
                               R"({"tier":"starter"})", {{"Content-Type", "application/json"}})
                     .status,
                 200);
        QCOMPARE(admin->post("/api/v1/admin/test-clock", QJsonObject{{"advance_seconds", 32 * 86400}}).status,
                 200);
        const QJsonArray server =
            admin->get("/api/v1/invoices?" + accountQuery(f.organization)).json().value("data").toArray();
        QCOMPARE(server.size(), 1);
        const QJsonObject closed = server.first().toObject();
        const QString number = closed.value("number").toString();
        QVERIFY(number.startsWith("CD-"));
        const HttpResponse served =
            admin->get("/api/v1/invoices/" + QByteArray::number(closed.value("id").toInteger()) + "/pdf");
        QCOMPARE(served.status, 200);
        QVERIFY(served.body.startsWith("%PDF-"));

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        const QString savedFile = dir.filePath("saved.pdf");
        QString suggestedName;
        app.mainWindow()->setFileChooser(
            [&](QWidget*, const QString& suggested, std::function<void(const QString&)> chosen) {
                suggestedName = suggested;
                chosen(savedFile);
            });
        app.mainWindow()->resize(1280, 820);
        QVERIFY(signInAs(app, f, "admin@example.com", "invoices"));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("invoices"));
        auto* pane = qobject_cast<InvoicesPane*>(window->pane("invoices"));
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->list()->model()->rowCount(), 1, 10000);
        pane->list()->table()->selectRow(0);
        pane->openCurrentInvoice();
        InvoiceDialog* detail = pane->invoiceDialog();
        QVERIFY(detail);
        QCOMPARE(detail->invoice().value("number").toString(), number);

        QSignalSpy shown(detail, &InvoiceDialog::pdfShown);
        detail->viewPdf();
        QVERIFY(shown.wait(20000));
        QCOMPARE(detail->errorText(), QString());
        PdfViewerDialog* viewer = detail->pdfViewer();
        QVERIFY(viewer);
        QVERIFY(viewer->isVisible());
        QTRY_VERIFY(viewer->isLoaded());
        QVERIFY(viewer->pageCount() >= 1);

        // Saved as the server sent it; its first page's text has the invoice's number.
        detail->savePdf();
        QCOMPARE(suggestedName, number + ".pdf");
        QFile file(savedFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.startsWith("%PDF-"));
        QCOMPARE(saved.size(), served.body.size());
        QPdfDocument document;
        QCOMPARE(document.load(savedFile), QPdfDocument::Error::None);
        QCOMPARE(document.pageCount(), viewer->pageCount());
        QVERIFY2(document.getAllText(0).text().contains(number), qPrintable(document.getAllText(0).text()));

        // Printed page by page (into a PDF file, so it can be read back).
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(dir.filePath("printed.pdf"));
        QVERIFY(viewer->printTo(&printer));
        QPdfDocument printed;
        QCOMPARE(printed.load(dir.filePath("printed.pdf")), QPdfDocument::Error::None);
        QCOMPARE(printed.pageCount(), viewer->pageCount());

        // This server has no PayPal credentials: paying through PayPal is refused in its words.
        auto* pay = detail->findChild<QPushButton*>("payWithPayPal");
        QVERIFY(pay);
        QVERIFY(pay->isEnabled()); // open, with an amount due
        detail->payWithPayPal();
        QTRY_VERIFY_WITH_TIMEOUT(!detail->errorText().isEmpty(), 20000);
        QCOMPARE(detail->errorText(),
                 QStringLiteral("PayPal could not be started: PayPal is not configured on this server"));
        QVERIFY(!detail->payPalCaptureOffered());
        QVERIFY(pay->isEnabled());
        detail->close();
    }

    // Paying an open invoice through PayPal from its dialog, against tests/server/paypal_fake.py (PayPal's
    // documented Orders v2 shapes; no local peer of PayPal exists): the order's approval page is what the
    // browser would open, a capture before the approval is refused in the server's words, and after it the
    // invoice is paid by PayPal.
    void payPalPaysAnOpenInvoiceFromItsDialog()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        QProcess fake;
        fake.setProcessChannelMode(QProcess::MergedChannels);
        fake.start("python3", {QStringLiteral(CREDITDESK_CONSOLE_TEST_DATA "/../../server/paypal_fake.py"),
                               QString::number(port), "client-id-1", "secret-1"});
        QVERIFY(fake.waitForStarted(10000));
        auto stopFake = qScopeGuard([&fake] {
            fake.kill();
            fake.waitForFinished();
        });
        QVERIFY(fake.waitForReadyRead(10000));
        QVERIFY(fake.readAll().contains("ready"));
        qputenv("PAYPAL_CLIENT_ID", "client-id-1");
        qputenv("PAYPAL_CLIENT_SECRET", "secret-1");
        auto unsetCredentials = qScopeGuard([] {
            qunsetenv("PAYPAL_CLIENT_ID");
            qunsetenv("PAYPAL_CLIENT_SECRET");
        });
        ConsoleFixture f({QStringLiteral("--test-clock"), QStringLiteral("--session-ttl"),
                          QStringLiteral("315360000"), QStringLiteral("--paypal-api-base"),
                          QStringLiteral("http://127.0.0.1:%1").arg(port)},
                         Fixture::Catalog::Shipped);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        QCOMPARE(admin
                     ->request("PATCH", "/api/v1/organizations/" + QByteArray::number(f.organization),
                               R"({"tier":"starter"})", {{"Content-Type", "application/json"}})
                     .status,
                 200);
        QCOMPARE(admin->post("/api/v1/admin/test-clock", QJsonObject{{"advance_seconds", 32 * 86400}}).status,
                 200);
        const QJsonArray server =
            admin->get("/api/v1/invoices?" + accountQuery(f.organization)).json().value("data").toArray();
        QCOMPARE(server.size(), 1);
        const QJsonObject open = server.first().toObject();
        QCOMPARE(open.value("status").toString(), QStringLiteral("open"));
        QVERIFY(open.value("amount_due_minor").toInteger() > 0);

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 820);
        QVERIFY(signInAs(app, f, "admin@example.com", "invoices"));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("invoices"));
        auto* pane = qobject_cast<InvoicesPane*>(window->pane("invoices"));
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->list()->model()->rowCount(), 1, 10000);
        pane->openInvoice(pane->list()->invoiceAt(0));
        InvoiceDialog* detail = pane->invoiceDialog();
        QVERIFY(detail);
        auto* pay = detail->findChild<QPushButton*>("payWithPayPal");
        QVERIFY(pay);
        QVERIFY(pay->isEnabled());
        QVERIFY(!detail->payPalCaptureOffered());

        m_openedInBrowser.clear();
        QDesktopServices::setUrlHandler("http", this, "openInBrowser");
        auto unsetHandler = qScopeGuard([] { QDesktopServices::unsetUrlHandler("http"); });
        QSignalSpy created(detail, &InvoiceDialog::payPalOrderCreated);
        pay->click();
        QVERIFY(created.wait(20000));
        const QUrl approve = created.first().first().toUrl();
        QCOMPARE(m_openedInBrowser, QList<QUrl>({approve})); // in the browser, where the payer approves
        QCOMPARE(approve.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(approve.port(), int(port));
        QVERIFY(detail->payPalCaptureOffered());
        // Not approved yet: the server's words, the invoice still open.
        detail->capturePayPal();
        QTRY_VERIFY_WITH_TIMEOUT(!detail->errorText().isEmpty(), 20000);
        QCOMPARE(detail->errorText(), QStringLiteral("The payer has not approved the PayPal order yet"));
        QCOMPARE(detail->invoice().value("status").toString(), QStringLiteral("open"));

        // The payer approves on PayPal's page (what the browser does), then the capture pays the invoice.
        QNetworkAccessManager browser;
        QNetworkReply* approved = browser.get(QNetworkRequest(approve));
        QSignalSpy finished(approved, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(approved->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        approved->deleteLater();
        QSignalSpy updated(detail, &InvoiceDialog::invoiceUpdated);
        detail->capturePayPal();
        QTRY_VERIFY_WITH_TIMEOUT(detail->invoice().value("status").toString() == QStringLiteral("paid"),
                                 20000);
        QVERIFY(updated.size() >= 1);
        QCOMPARE(detail->errorText(), QString());
        QVERIFY(!detail->payPalCaptureOffered());
        QVERIFY(!pay->isEnabled());
        QVERIFY(detail->documentText().contains("Paid by PayPal"));
        const QJsonObject paid =
            admin->get("/api/v1/invoices/" + QByteArray::number(open.value("id").toInteger())).json();
        QCOMPARE(paid.value("status").toString(), QStringLiteral("paid"));
        QCOMPARE(paid.value("amount_due_minor").toInteger(), 0);
        QCOMPARE(paid.value("payment").toObject().value("method").toString(), QStringLiteral("paypal"));
        detail->close();
    }

    // "Buy credits": the server's packs with their bonus, card only below Enterprise, a card purchase
    // without a saved card refused in words with nothing booked (the test server has no payment
    // provider: 402 payment_method_required), and on Enterprise a purchase on invoice booked once for a
    // double click (one Idempotency-Key per dialog; a retried request replays it), its credits granted
    // once when the operator marks the invoice paid.
    void buyCreditsDialogShowsPacksAndBooksOnce()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        auto restore = qScopeGuard([previous] { QLocale::setDefault(previous); });
        ConsoleFixture f({}, Fixture::Catalog::Shipped);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 820);
        QVERIFY(signInAs(app, f, "admin@example.com", "invoices"));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("invoices"));
        auto* pane = qobject_cast<InvoicesPane*>(window->pane("invoices"));
        QVERIFY(pane);
        const auto open = [pane] {
            QSignalSpy opened(pane, &InvoicesPane::buyCreditsOpened);
            pane->buyCredits();
            return opened.wait(10000) ? QPointer<BuyCreditsDialog>(pane->buyCreditsDialog())
                                      : QPointer<BuyCreditsDialog>();
        };
        const auto purchaseInvoices = [&] {
            QJsonArray purchases;
            const QJsonArray invoices =
                admin->get("/api/v1/invoices?" + accountQuery(f.organization)).json().value("data").toArray();
            for (const QJsonValue& invoice : invoices)
                if (invoice.toObject().value("kind").toString() == "purchase")
                    purchases.append(invoice);
            return purchases;
        };
        const auto available = [&] {
            const HttpResponse balance =
                admin->get("/api/v1/credits/balance?" + accountQuery(f.organization));
            return balance.status == 200 ? balance.json().value("available").toInteger() : -1;
        };
        const qint64 availableBefore = available();
        QVERIFY(availableBefore >= 0);

        // The shipped catalog, as GET /credit-packs answers it: the bulk pack is Enterprise only.
        const HttpResponse catalog = admin->get("/api/v1/credit-packs");
        QCOMPARE(catalog.status, 200);
        QList<CreditPack> all;
        for (const QJsonValue& value : catalog.json().value("data").toArray()) {
            const auto pack = CreditPack::fromJson(value.toObject());
            QVERIFY(pack);
            all.append(*pack);
        }
        QCOMPARE(all.size(), 4);
        QList<CreditPack> standard;
        for (const CreditPack& pack : all)
            if (!pack.enterpriseOnly)
                standard.append(pack);
        QCOMPARE(standard.size(), 3);
        const auto samePacks = [](const QList<CreditPack>& shown, const QList<CreditPack>& expected) {
            if (shown.size() != expected.size())
                return false;
            for (int i = 0; i < expected.size(); ++i) {
                const CreditPack& a = shown.at(i);
                const CreditPack& b = expected.at(i);
                if (a.id != b.id || a.name != b.name || a.priceMinor != b.priceMinor ||
                    a.currency != b.currency || a.credits != b.credits || a.bonusCredits != b.bonusCredits ||
                    a.enterpriseOnly != b.enterpriseOnly)
                    return false;
            }
            return true;
        };

        QPointer<BuyCreditsDialog> dialog = open();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->packs().isEmpty(), 10000);
        QCOMPARE(dialog->errorText(), QString());
        QVERIFY(samePacks(dialog->packs(), standard));
        auto* list = dialog->findChild<QListWidget*>("creditPacks");
        QVERIFY(list);
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(0)->text(), QStringLiteral("250,000 credits for $10.00"));
        QCOMPARE(list->item(1)->text(), QStringLiteral("1,300,000 credits (incl. 50,000 bonus) for $50.00"));
        QCOMPARE(list->item(2)->text(),
                 QStringLiteral("5,500,000 credits (incl. 500,000 bonus) for $200.00"));
        QCOMPARE(list->item(1)->toolTip(), standard.at(1).name);
        QCOMPARE(dialog->payments(), QStringList({"card"})); // on invoice: Enterprise only
        // No saved card (and no payment provider here): refused, in words, nothing booked.
        dialog->selectPack("pack_50");
        dialog->buy();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().contains("no card on file"), 10000);
        QCOMPARE(purchaseInvoices().size(), 0);
        QCOMPARE(available(), availableBefore);
        dialog->close();

        // Enterprise: the bulk pack too, and on invoice.
        QCOMPARE(admin
                     ->post("/api/v1/tiers/switch",
                            QJsonObject{{"organization_id", f.organization}, {"plan", "enterprise"}})
                     .status,
                 200);
        const qint64 availableOnEnterprise = available();
        dialog = open();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->packs().isEmpty(), 10000);
        QVERIFY(samePacks(dialog->packs(), all));
        list = dialog->findChild<QListWidget*>("creditPacks");
        QCOMPARE(list->item(3)->text(),
                 QStringLiteral("30,000,000 credits (incl. 5,000,000 bonus) for $1,000.00 (Enterprise)"));
        QCOMPARE(dialog->payments(), QStringList({"card", "invoice"}));
        dialog->selectPack("pack_50");
        dialog->setPayment("invoice");
        dialog->resize(560, 260);
        screenshot(dialog, "buy-credits");

        // A double click on Buy: one request, one purchase.
        auto* buy = dialog->findChild<QPushButton*>("buyButton");
        QVERIFY(buy);
        QVERIFY(buy->isEnabled());
        QSignalSpy purchased(dialog.data(), &BuyCreditsDialog::purchased);
        const QByteArray key = dialog->idempotencyKey();
        QVERIFY(!key.isEmpty());
        buy->click();
        buy->click();
        QVERIFY(purchased.wait(10000));
        QCOMPARE(purchased.size(), 1);
        const QJsonObject invoice = purchased.first().first().toJsonObject();
        QCOMPARE(invoice.value("kind").toString(), QStringLiteral("purchase"));
        QCOMPARE(invoice.value("status").toString(), QStringLiteral("open"));
        QVERIFY(invoice.value("number").toString().startsWith("CD-"));
        QCOMPARE(invoice.value("subtotal_minor").toInteger(), 5000);
        QCOMPARE(window->statusBar()->currentMessage(),
                 "Purchase booked on invoice " + invoice.value("number").toString() + ".");
        QJsonArray purchases = purchaseInvoices();
        QCOMPARE(purchases.size(), 1);
        QCOMPARE(purchases.first().toObject().value("id").toInteger(), invoice.value("id").toInteger());
        // The same request again with the dialog's key (a retry after a lost answer): the same invoice.
        const HttpResponse replay = admin->post(
            "/api/v1/credits/purchase",
            QJsonObject{{"organization_id", f.organization}, {"pack", "pack_50"}, {"payment", "invoice"}},
            {{"Idempotency-Key", key}});
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(replay.json().value("invoice").toObject().value("id").toInteger(),
                 invoice.value("id").toInteger());
        QCOMPARE(purchaseInvoices().size(), 1);
        // On invoice, the credits come when the operator marks it paid: the pack's credits, once.
        QCOMPARE(available(), availableOnEnterprise);
        const QByteArray markPaid =
            "/api/v1/invoices/" + QByteArray::number(invoice.value("id").toInteger()) + "/mark-paid";
        QCOMPARE(admin->post(markPaid, QJsonObject{{"method", "bank_transfer"}}).status, 200);
        QCOMPARE(available(), availableOnEnterprise + 1'300'000);
        QCOMPARE(admin->post(markPaid, QJsonObject{{"method", "bank_transfer"}}).status, 409);
        QCOMPARE(available(), availableOnEnterprise + 1'300'000);
    }

    void alertsPaneShowsAcknowledgesAndEditsRules()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        spendPastEightyPercent(f);
        QCOMPARE(serverAlerts(f).size(), 1);
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 820);
        QSignalSpy notified(app.alertNotifier(), &AlertNotifier::newAlert);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QTRY_VERIFY(window->visiblePaneIds().contains("alerts"));

        // The dashboard's banner: the one active alert.
        QVERIFY(window->showPane("dashboard"));
        auto* banner = window->pane("dashboard")->findChild<ActiveAlertsBanner*>();
        QVERIFY(banner);
        QTRY_COMPARE_WITH_TIMEOUT(banner->messages().size(), 1, 10000);
        QCOMPARE(banner->messages().first(), serverAlerts(f).first().toObject().value("message").toString());
        QVERIFY(banner->isVisible());

        QVERIFY(window->showPane("alerts"));
        auto* pane = qobject_cast<AlertsPane*>(window->pane("alerts"));
        QVERIFY(pane);
        AlertFeed* feed = pane->feed();
        QTRY_COMPARE_WITH_TIMEOUT(feed->model()->rowCount(), 1, 10000);
        QCOMPARE(notified.size(), 0); // present at the first sync: not news

        // Past 95 %: the critical alert fires; the next sync brings it, with a notification.
        spend(f, 110'000);
        app.session()->sync()->syncNow();
        QVERIFY(waitForSyncOk(app));
        QTRY_COMPARE_WITH_TIMEOUT(notified.size(), 1, 10000);
        const auto news = notified.first().first().value<AlertNotifier::Alert>();
        QCOMPARE(news.level, QStringLiteral("critical"));
        QCOMPARE(news.kind, QStringLiteral("allowance_used"));
        QCOMPARE(news.organizationId, f.organization);

        // Exactly the server's alerts, newest first.
        QJsonArray server = serverAlerts(f);
        QCOMPARE(server.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(feed->model()->rowCount(), 2, 10000);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject expected = server.at(1 - i).toObject();
            const AlertFeed::Alert shown = feed->alerts().at(i);
            QCOMPARE(shown.id, expected.value("id").toInteger());
            QCOMPARE(shown.seq, expected.value("seq").toInteger());
            QCOMPARE(shown.level, expected.value("level").toString());
            QCOMPARE(shown.message, expected.value("message").toString());
            QCOMPARE(shown.value, expected.value("value").toInteger());
            QCOMPARE(shown.threshold, expected.value("threshold").toInteger());
            QCOMPARE(shown.firedAt,
                     QDateTime::fromString(expected.value("fired_at").toString(), Qt::ISODateWithMs));
            QVERIFY(shown.isActive());
        }
        QCOMPARE(feed->model()->index(0, 1).data().toString(), QStringLiteral("Critical"));
        QCOMPARE(feed->model()->index(0, 2).data().toString(), QStringLiteral("Allowance used"));
        QCOMPARE(feed->model()->index(0, 5).data().toString(), QStringLiteral("Active"));
        QLabel* count = byAccessibleName<QLabel>(feed, "Number of matching entries");
        QVERIFY(count);
        QCOMPARE(count->text(), QStringLiteral("2 alerts"));
        feed->setLevelFilter("critical");
        QTRY_COMPARE_WITH_TIMEOUT(feed->model()->rowCount(), 1, 10000);
        feed->setLevelFilter({});
        QTRY_COMPARE_WITH_TIMEOUT(feed->model()->rowCount(), 2, 10000);
        QVERIFY(window->showPane("dashboard"));
        QTRY_COMPARE_WITH_TIMEOUT(banner->messages().size(), 2, 10000);
        QVERIFY(window->showPane("alerts"));
        screenshot(window, "alerts");

        // Acknowledge the warning (the older one): the server records who, the sync brings it back with
        // its new seq, and it is no news for the tray.
        const qint64 warning = server.at(0).toObject().value("id").toInteger();
        const QJsonObject criticalAlert = server.at(1).toObject();
        feed->table()->selectRow(1);
        auto* acknowledge = pane->findChild<QPushButton*>("acknowledgeAlert");
        QVERIFY(acknowledge && acknowledge->isEnabled());
        QSignalSpy acknowledged(pane, &AlertsPane::acknowledged);
        acknowledge->click();
        QVERIFY(acknowledged.wait(10000));
        QCOMPARE(acknowledged.first().at(0).toLongLong(), warning);
        QVERIFY(acknowledged.first().at(1).toBool());
        server = serverAlerts(f);
        QJsonObject after;
        for (const QJsonValue& alert : server) {
            if (alert.toObject().value("id").toInteger() == warning)
                after = alert.toObject();
        }
        QVERIFY(!after.value("acknowledged_at").isNull());
        QVERIFY(after.value("seq").toInteger() > criticalAlert.value("seq").toInteger());
        QTRY_VERIFY_WITH_TIMEOUT(!feed->alerts().isEmpty() && !feed->alerts().last().isActive(), 20000);
        QCOMPARE(feed->model()->rowCount(), 2);
        const AlertFeed::Alert shown = feed->alerts().last();
        QCOMPARE(shown.id, warning);
        QCOMPARE(shown.seq, after.value("seq").toInteger());
        QCOMPARE(shown.acknowledgedBy, std::optional<qint64>(after.value("acknowledged_by").toInteger()));
        QCOMPARE(shown.acknowledgedAt,
                 QDateTime::fromString(after.value("acknowledged_at").toString(), Qt::ISODateWithMs));
        QVERIFY(feed->model()->index(1, 5).data().toString() != QStringLiteral("Active"));
        QCOMPARE(notified.size(), 1);
        QVERIFY(window->showPane("dashboard"));
        QTRY_COMPARE_WITH_TIMEOUT(banner->messages().size(), 1, 10000);
        QCOMPARE(banner->messages().first(), criticalAlert.value("message").toString());
        QVERIFY(window->showPane("alerts"));

        // The rules editor: the server's rules, each change on the server.
        QVERIFY(pane->tabs()->isTabVisible(1));
        AlertRulesModel* rules = pane->rules();
        const QJsonArray serverRuleList = serverRules(f);
        QTRY_COMPARE_WITH_TIMEOUT(rules->rowCount(), static_cast<int>(serverRuleList.size()), 10000);
        QCOMPARE(rules->rowCount(), 6);
        for (int i = 0; i < rules->rowCount(); ++i)
            QCOMPARE(rules->ruleAt(i)->id, serverRuleList.at(i).toObject().value("id").toInteger());
        auto rowOf = [rules](const QString& kind, qint64 threshold) {
            for (int i = 0; i < rules->rowCount(); ++i) {
                if (rules->ruleAt(i)->kind == kind && rules->ruleAt(i)->threshold == threshold)
                    return i;
            }
            return -1;
        };
        auto serverRule = [&f](qint64 id) {
            for (const QJsonValue& rule : serverRules(f)) {
                if (rule.toObject().value("id").toInteger() == id)
                    return rule.toObject();
            }
            return QJsonObject();
        };
        const int critical = rowOf("allowance_used", 95);
        QVERIFY(critical >= 0);
        const qint64 criticalId = rules->ruleAt(critical)->id;
        QVERIFY(rules->setData(rules->index(critical, int(AlertRulesModel::Column::Enabled)), Qt::Unchecked,
                               Qt::CheckStateRole));
        QTRY_COMPARE_WITH_TIMEOUT(serverRule(criticalId).value("enabled").toBool(), false, 10000);
        QCOMPARE(rules->ruleAt(critical)->enabled, false);
        const int warningRule = rowOf("allowance_used", 80);
        const qint64 warningRuleId = rules->ruleAt(warningRule)->id;
        QVERIFY(rules->setData(rules->index(warningRule, int(AlertRulesModel::Column::Threshold)), 85));
        QTRY_COMPARE_WITH_TIMEOUT(serverRule(warningRuleId).value("threshold").toInteger(), 85, 10000);
        // A threshold the server refuses: its message, and the server's rules again.
        QVERIFY(rules->setData(
            rules->index(rowOf("allowance_used", 85), int(AlertRulesModel::Column::Threshold)), 5000));
        QTRY_VERIFY_WITH_TIMEOUT(!pane->notice().isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf("allowance_used", 85) >= 0, 10000);
        QCOMPARE(serverRule(warningRuleId).value("threshold").toInteger(), 85);
        // A custom rule: added, then deleted; built-in ones cannot be deleted.
        pane->addRule("low_balance", 5000, "critical");
        QTRY_COMPARE_WITH_TIMEOUT(rules->rowCount(), 7, 10000);
        QCOMPARE(serverRules(f).size(), 7);
        const int custom = rowOf("low_balance", 5000);
        QVERIFY(custom >= 0);
        QVERIFY(!rules->ruleAt(custom)->builtin);
        QCOMPARE(rules->index(custom, int(AlertRulesModel::Column::Origin)).data().toString(),
                 QStringLiteral("Custom"));
        auto* deleteRule = pane->findChild<QPushButton*>("deleteAlertRule");
        auto* rulesView = pane->findChild<QTableView*>("alertRulesTable");
        rulesView->selectRow(rowOf("allowance_used", 95));
        QVERIFY(!deleteRule->isEnabled());
        rulesView->selectRow(custom);
        QVERIFY(deleteRule->isEnabled());
        deleteRule->click();
        QTRY_COMPARE_WITH_TIMEOUT(rules->rowCount(), 6, 10000);
        QCOMPARE(serverRules(f).size(), 6);
    }

    // The user's own notification preferences (saved on the server) and the webhook endpoints: the
    // secret shown once in its dialog, the endpoint listed (never with its secret, not even in the
    // offline cache), its deliveries as the server lists them, and Delete.
    void alertsPaneSavesPreferencesAndAddsWebhooks()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        qputenv("CREDITDESK_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        auto unsetKey = qScopeGuard([] { qunsetenv("CREDITDESK_MASTER_KEY"); });
        ConsoleFixture f({"--jobs-interval-ms", "200"});
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 820);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QTRY_VERIFY(window->visiblePaneIds().contains("alerts"));
        QVERIFY(window->showPane("alerts"));
        auto* pane = qobject_cast<AlertsPane*>(window->pane("alerts"));
        QVERIFY(pane);
        auto admin = f.fixture.server->client(f.fixture.adminToken);

        // Preferences: the server's, one row per kind; a change saved is what the server then says.
        NotificationPreferencesModel* preferences = pane->preferences();
        const QJsonArray before =
            admin->get("/api/v1/me/notification-preferences").json().value("preferences").toArray();
        QCOMPARE(before.size(), 5);
        QTRY_COMPARE_WITH_TIMEOUT(preferences->rowCount(), 5, 10000);
        int lowBalance = -1;
        for (int i = 0; i < 5; ++i) {
            const QJsonObject expected = before.at(i).toObject();
            QCOMPARE(preferences->preferences().at(i).kind, expected.value("kind").toString());
            QCOMPARE(preferences->preferences().at(i).inApp, expected.value("in_app").toBool());
            QCOMPARE(preferences->preferences().at(i).email, expected.value("email").toBool());
            if (expected.value("kind").toString() == "low_balance")
                lowBalance = i;
        }
        QVERIFY(lowBalance >= 0);
        const bool email = preferences->preferences().at(lowBalance).email;
        auto* save = pane->findChild<QPushButton*>("savePreferences");
        QVERIFY(!save->isEnabled());
        QVERIFY(preferences->setData(
            preferences->index(lowBalance, int(NotificationPreferencesModel::Column::Email)),
            email ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole));
        QVERIFY(save->isEnabled());
        QSignalSpy saved(pane, &AlertsPane::preferencesSaved);
        save->click();
        QVERIFY(saved.wait(10000));
        QVERIFY(saved.first().first().toBool());
        QVERIFY(!preferences->isModified());
        const QJsonArray after =
            admin->get("/api/v1/me/notification-preferences").json().value("preferences").toArray();
        for (const QJsonValue& preference : after) {
            if (preference.toObject().value("kind").toString() == "low_balance")
                QCOMPARE(preference.toObject().value("email").toBool(), !email);
        }

        // A webhook endpoint: added through the dialog, its secret shown once.
        QVERIFY(pane->tabs()->isTabVisible(3));
        pane->tabs()->setCurrentIndex(3);
        qRegisterMetaType<WebhookSecretDialog*>(); // declared only in AlertsPane.h
        QSignalSpy shown(pane, &AlertsPane::secretShown);
        WebhookEndpointDialog* dialog = pane->openAddWebhook();
        QVERIFY(dialog);
        dialog->setUrl("http://127.0.0.1:9/creditdesk");
        dialog->setEvents({"alert.fired", "subscription.changed"});
        dialog->confirm();
        QVERIFY(shown.wait(10000));
        auto* secretDialog = shown.first().first().value<WebhookSecretDialog*>();
        QVERIFY(secretDialog && secretDialog->isVisible());
        const QString secret = secretDialog->secret();
        QVERIFY(secret.size() >= 32);
        auto* warning = secretDialog->findChild<QLabel*>("webhookSecretWarning");
        QVERIFY(warning && warning->text().contains("you will not see it again"));
        secretDialog->copy();
        QCOMPARE(QApplication::clipboard()->text(), secret);
        screenshot(secretDialog, "webhook-secret");
        secretDialog->close();
        WebhookEndpointsModel* webhooks = pane->webhooks();
        QTRY_COMPARE_WITH_TIMEOUT(webhooks->rowCount(), 1, 10000);
        const QJsonArray endpoints = admin->get("/api/v1/webhook-endpoints?" + accountQuery(f.organization))
                                         .json()
                                         .value("data")
                                         .toArray();
        QCOMPARE(endpoints.size(), 1);
        const qint64 endpointId = endpoints.first().toObject().value("id").toInteger();
        QVERIFY(!endpoints.first().toObject().contains("secret"));
        QCOMPARE(webhooks->endpoints().first().id, endpointId);
        QCOMPARE(webhooks->endpoints().first().url, QStringLiteral("http://127.0.0.1:9/creditdesk"));
        QCOMPARE(webhooks->endpoints().first().events, QStringList({"alert.fired", "subscription.changed"}));
        // Nothing on screen or in the cache keeps the secret.
        QVERIFY(webhooks->endpoints().first().secret.isEmpty());
        QFile cacheFile(app.session()->cache()->path());
        QVERIFY(cacheFile.open(QIODevice::ReadOnly));
        QVERIFY(!cacheFile.readAll().contains(secret.toUtf8()));
        const std::optional<CachedDocument> snapshot =
            SnapshotCache(app.session()->cache()).load(f.organization, AlertsClient::kWebhooksSnapshot);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->document.value("data").toArray().size(), 1);

        // An alert fires: the delivery to the (closed) receiver is attempted and retried; the pane lists
        // the deliveries as the server does.
        spendPastEightyPercent(f);
        QCOMPARE(serverAlerts(f).size(), 1);
        const QByteArray deliveriesPath =
            "/api/v1/webhook-endpoints/" + QByteArray::number(endpointId) + "/deliveries";
        QTRY_VERIFY_WITH_TIMEOUT(!admin->get(deliveriesPath).json().value("data").toArray().isEmpty() &&
                                     !admin->get(deliveriesPath)
                                          .json()
                                          .value("data")
                                          .toArray()
                                          .first()
                                          .toObject()
                                          .value("attempts")
                                          .toArray()
                                          .isEmpty(),
                                 30000);
        const QJsonArray serverDeliveries = admin->get(deliveriesPath).json().value("data").toArray();
        QSignalSpy deliveriesShown(pane, &AlertsPane::deliveriesShown);
        auto* endpointsView = pane->findChild<QTableView*>("webhooksTable");
        endpointsView->clearSelection();
        endpointsView->selectRow(0);
        QVERIFY2(deliveriesShown.wait(10000), qPrintable(pane->notice()));
        WebhookDeliveriesModel* deliveries = pane->deliveries();
        QCOMPARE(deliveries->rowCount(), static_cast<int>(serverDeliveries.size()));
        const QJsonObject first = serverDeliveries.first().toObject();
        QCOMPARE(deliveries->deliveries().first().id, first.value("id").toInteger());
        QCOMPARE(deliveries->deliveries().first().event, first.value("event").toString());
        QCOMPARE(deliveries->deliveries().first().status, first.value("status").toString());
        QVERIFY(!deliveries->deliveries().first().attempts.isEmpty());
        screenshot(window, "alerts-webhooks");

        auto* remove = pane->findChild<QPushButton*>("deleteWebhook");
        QVERIFY(remove->isEnabled());
        remove->click();
        QTRY_COMPARE_WITH_TIMEOUT(webhooks->rowCount(), 0, 10000);
        QCOMPARE(admin->get("/api/v1/webhook-endpoints?" + accountQuery(f.organization))
                     .json()
                     .value("data")
                     .toArray()
                     .size(),
                 0);
        QCOMPARE(deliveries->rowCount(), 0);
    }

    // A member sees the Alerts pane with only the alerts about their own limit (the server's scoping,
    // synced for them too), and neither the rules editor nor the webhooks.
    void alertsPaneShowsAMemberOnlyTheirOwnLimit()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        const qint64 ana = f.members.at(1);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        QCOMPARE(admin
                     ->request("PUT",
                               "/api/v1/organizations/" + QByteArray::number(f.organization) + "/members/" +
                                   QByteArray::number(ana) + "/limit",
                               R"({"credits":10000,"period":"month","enforcement":"hard"})",
                               {{"Content-Type", "application/json"}})
                     .status,
                 200);
        // Past 80 % of Ana's limit, and past 80 % of the organization's allowance.
        const HttpResponse charged = f.fixture.server->client(f.gateway)->post(
            "/api/v1/credits/deduct",
            QJsonObject{{"organization_id", f.organization}, {"amount", 8'000}, {"member_id", ana}});
        QCOMPARE(charged.status, 200);
        spendPastEightyPercent(f);
        QCOMPARE(serverAlerts(f).size(), 2);
        const QByteArray anaToken =
            f.fixture.login("ana@example.com", Fixture::passwordFor("ana@example.com"));
        const QJsonArray own = f.fixture.server->client(anaToken)
                                   ->get("/api/v1/alerts?since=0&" + accountQuery(f.organization))
                                   .json()
                                   .value("data")
                                   .toArray();
        QCOMPARE(own.size(), 1);
        QCOMPARE(own.first().toObject().value("kind").toString(), QStringLiteral("member_limit"));

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.start();
        SignInDialog* dialog = app.signInDialog();
        QTRY_VERIFY(dialog->isVisible());
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        dialog->submit(QUrl(f.url()), "ana@example.com", Fixture::passwordFor("ana@example.com"), false);
        QVERIFY(signedIn.wait(20000));
        QVERIFY(waitForSyncOk(app));
        app.session()->setCurrentOrganization(f.organization);
        MainWindow* window = app.mainWindow();
        QTRY_VERIFY(window->visiblePaneIds().contains("alerts"));
        QVERIFY(!window->visiblePaneIds().contains("activity"));
        QVERIFY(window->showPane("alerts"));
        auto* pane = qobject_cast<AlertsPane*>(window->pane("alerts"));
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->feed()->model()->rowCount(), 1, 10000);
        QCOMPARE(pane->feed()->alerts().first().id, own.first().toObject().value("id").toInteger());
        QCOMPARE(pane->feed()->alerts().first().kind, QStringLiteral("member_limit"));
        QVERIFY(!pane->tabs()->isTabVisible(1)); // rules
        QVERIFY(pane->tabs()->isTabVisible(2));  // their own notification preferences
        QVERIFY(!pane->tabs()->isTabVisible(3)); // webhooks
        QTRY_COMPARE_WITH_TIMEOUT(pane->preferences()->rowCount(), 5, 10000);
    }

    // Offline: the alerts from the synced cache, the rules and preferences from their snapshots, with the
    // time they were fetched; never a webhook secret.
    void alertsPaneShowsTheCacheOffline()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        spendPastEightyPercent(f);
        const QJsonArray alerts = serverAlerts(f);
        QCOMPARE(alerts.size(), 1);
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        const QUrl server(f.url());
        const QString email = QStringLiteral("admin@example.com");
        QByteArray sessionToken;
        {
            Application app(options);
            app.credentials()->setMemoryOnly(true);
            QVERIFY(signInAs(app, f, email, QStringLiteral("alerts"), true)); // remembered
            MainWindow* window = app.mainWindow();
            QVERIFY(window->showPane("alerts"));
            auto* pane = qobject_cast<AlertsPane*>(window->pane("alerts"));
            QVERIFY(pane);
            QTRY_VERIFY_WITH_TIMEOUT(pane->feed()->model()->rowCount() == 1 &&
                                         pane->rules()->rowCount() == 6 &&
                                         pane->preferences()->rowCount() == 5,
                                     20000);
            QCOMPARE(pane->notice(), QString());
            app.credentials()->read(server, email, QLatin1String(SessionController::kTokenName), this,
                                    [&sessionToken](std::optional<QByteArray> token) {
                                        sessionToken = token.value_or(QByteArray());
                                    });
            QTRY_VERIFY(!sessionToken.isEmpty());
        }
        f.fixture.server->stop();

        Application app(options);
        app.credentials()->setMemoryOnly(true);
        app.credentials()->write(server, email, QLatin1String(SessionController::kTokenName), sessionToken);
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        app.start();
        QVERIFY(signedIn.wait(20000));
        app.session()->setCurrentOrganization(f.organization);
        MainWindow* window = app.mainWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->visiblePaneIds().contains("alerts"), 10000);
        QVERIFY(window->showPane("alerts"));
        auto* pane = qobject_cast<AlertsPane*>(window->pane("alerts"));
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->feed()->model()->rowCount(), 1, 10000);
        QCOMPARE(pane->feed()->alerts().first().id, alerts.first().toObject().value("id").toInteger());
        QCOMPARE(pane->rules()->rowCount(), 6);
        QCOMPARE(pane->preferences()->rowCount(), 5);
        QDateTime oldest;
        for (const auto& [organization, resource] :
             {std::pair{qint64(0), AlertsClient::kPreferencesSnapshot},
              std::pair{f.organization, AlertsClient::kRulesSnapshot},
              std::pair{f.organization, AlertsClient::kWebhooksSnapshot}}) {
            const std::optional<CachedDocument> cached =
                app.session()->cache()->snapshot(organization, QString::fromLatin1(resource));
            QVERIFY2(cached, resource);
            if (!oldest.isValid() || cached->fetchedAt < oldest)
                oldest = cached->fetchedAt;
        }
        QTRY_VERIFY_WITH_TIMEOUT(pane->notice().contains("cannot be reached"), 20000);
        QCOMPARE(pane->notice(), QStringLiteral("The server cannot be reached. Showing what it said at %1.")
                                     .arg(alerttext::dateTime(oldest)));
    }

    // Who sees and who acts: every role sees the plans, owners and admins act (a public organization's
    // members act on their own personal plan), coupons are for platform administrators.
    void plansAndCouponsFollowTheRole()
    {
        Organization member;
        member.id = 5;
        member.name = "Acme";
        member.kind = "team";
        member.role = "member";
        member.userId = 7;
        member.permissions = QStringList{"organization:read", "credits:read_own", "subscription:read"};
        QVERIFY(PlansPane::visibleFor(member));
        QVERIFY(!PlansPane::canManage(member));
        QVERIFY(PlansPane::targetFor(member) == BillingTarget::organization(5));
        QVERIFY(!CouponsPane::visibleFor(member));
        QCOMPARE(RedeemCouponDialog::accountsFor(member).size(), 1);
        QVERIFY(RedeemCouponDialog::accountsFor(member).first().target == BillingTarget::personal(7));

        Organization owner = member;
        owner.role = "owner";
        owner.permissions.append("subscription:manage");
        QVERIFY(PlansPane::canManage(owner));
        const QList<RedeemCouponDialog::Account> accounts = RedeemCouponDialog::accountsFor(owner);
        QCOMPARE(accounts.size(), 2);
        QVERIFY(accounts.first().target == BillingTarget::organization(5));
        QCOMPARE(accounts.first().label, QStringLiteral("Acme"));

        Organization community = member;
        community.kind = "public";
        QVERIFY(PlansPane::targetFor(community) == BillingTarget::personal(7));
        QVERIFY(PlansPane::canManage(community));
        QCOMPARE(RedeemCouponDialog::accountsFor(community).size(), 1);

        Organization admin = owner;
        admin.platformAdmin = true;
        QVERIFY(CouponsPane::visibleFor(admin));
    }

    // Who sees the Organization pane and which of its actions (GET /api/v1/me's permissions): members not
    // at all, managers their department's invitations and budget requests, finance the budgets read-only,
    // owners and admins everything. No server: what is shown follows the permissions alone.
    void organizationPaneFollowsTheRole()
    {
        Organization member;
        member.id = 5;
        member.name = "Acme";
        member.kind = "team";
        member.role = "member";
        member.userId = 7;
        member.permissions = QStringList{"organization:read", "credits:read_own", "subscription:read"};
        QVERIFY(!OrganizationPane::visibleFor(member));

        auto shown = [](OrganizationPane& pane, const char* name) {
            // Hidden for this role (tabs not shown are not hidden for it).
            auto* widget = pane.findChild<QWidget*>(QLatin1String(name));
            return widget && !widget->isHidden();
        };
        Organization manager = member;
        manager.role = "manager";
        manager.departmentId = 10;
        manager.permissions = QStringList{"organization:read", "credits:read_department", "subscription:read",
                                          "members:invite_department", "budgets:request"};
        QVERIFY(OrganizationPane::visibleFor(manager));
        {
            OrganizationPane pane(PaneContext{});
            pane.setOrganization(manager);
            QVERIFY(shown(pane, "inviteMember") && shown(pane, "revokeInvitation") &&
                    shown(pane, "requestBudget"));
            QVERIFY(!shown(pane, "changeMember") && !shown(pane, "suspendMember") &&
                    !shown(pane, "removeMember"));
            QVERIFY(!shown(pane, "buySeats") && !shown(pane, "editBudget") && !shown(pane, "approveRequest"));
            QVERIFY(!shown(pane, "budgetRequestsBox") && !shown(pane, "budgetHistoryBox"));
            QVERIFY(!pane.tabs()->isTabVisible(2)); // no custom roles
            QVERIFY(!pane.openInviteDialog());      // no server: nothing to ask
        }
        Organization finance = member;
        finance.role = "finance";
        finance.permissions = QStringList{"organization:read", "credits:read", "audit:read", "budgets:read"};
        QVERIFY(OrganizationPane::visibleFor(finance));
        {
            OrganizationPane pane(PaneContext{});
            pane.setOrganization(finance);
            QVERIFY(shown(pane, "budgetRequestsBox") && shown(pane, "budgetHistoryBox"));
            QVERIFY(!shown(pane, "inviteMember") && !shown(pane, "approveRequest") &&
                    !shown(pane, "editBudget"));
        }
        Organization owner = member;
        owner.role = "owner";
        owner.permissions = QStringList{"organization:read", "members:manage", "seats:manage",
                                        "budgets:manage",    "budgets:read",   "roles:manage"};
        {
            OrganizationPane pane(PaneContext{});
            pane.setOrganization(owner);
            for (const char* name : {"inviteMember", "changeMember", "suspendMember", "reactivateMember",
                                     "memberLimit", "removeMember", "revokeInvitation", "buySeats",
                                     "editBudget", "approveRequest", "rejectRequest"})
                QVERIFY2(shown(pane, name), name);
            QVERIFY(!shown(pane, "requestBudget"));
            // Nothing selected, nothing loaded: the actions on a row are off.
            QVERIFY(!pane.findChild<QPushButton*>("suspendMember")->isEnabled());
            QVERIFY(!pane.findChild<QPushButton*>("buySeats")->isEnabled());
        }
    }

    // The Organization pane against the real server (issue 13), as the owner: members by department with
    // the server's status, seat and usage; an invitation through the dialog (its one-time code, copied)
    // accepted from the sign-in path by a new user who chooses their password, and refused the second
    // time; suspension; buying seats with the estimate shown first; a department budget set through the
    // dialog with its bar; a manager's budget request approved, and the budget history; a custom role on
    // Enterprise. Writes organization.png, organization-budgets.png and invite.png.
    void organizationPaneAdministersTheOrganization()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f({"--test-clock"}, Fixture::Catalog::Shipped);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        const QByteArray organization = "/api/v1/organizations/" + QByteArray::number(f.organization);
        // Professional: 10 seats included, $8.00 an extra seat.
        HttpResponse answer =
            admin->post("/api/v1/tiers/switch",
                        QJsonObject{{"organization_id", f.organization}, {"plan", "professional"}});
        QVERIFY2(answer.status == 200, answer.body.constData());
        qint64 research = 0;
        for (const QJsonValue& department :
             admin->get(organization + "/departments").json().value("data").toArray()) {
            if (department.toObject().value("name").toString() == "Research")
                research = department.toObject().value("id").toInteger();
        }
        QVERIFY(research != 0);
        // A pending invitation, to be seen in the tree.
        answer = admin->post(organization + "/invitations",
                             QJsonObject{{"email", "lee@example.com"}, {"role", "finance"}});
        QVERIFY2(answer.status == 201, answer.body.constData());

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 900);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("organization"));
        auto* pane = qobject_cast<OrganizationPane*>(window->pane("organization"));
        QVERIFY(pane);
        QTRY_VERIFY_WITH_TIMEOUT(pane->seats().has_value() && pane->members()->memberCount() > 0, 20000);
        QCOMPARE(pane->errorText(), QString());

        // Members as the server lists them, each with its status, seat and usage.
        auto serverMembers = [&] {
            return admin->get(organization + "/members").json().value("data").toArray();
        };
        QJsonArray members = serverMembers();
        QCOMPARE(pane->members()->memberCount(), static_cast<int>(members.size()));
        qint64 usage = 0;
        for (const QJsonValue& value : members) {
            const QJsonObject member = value.toObject();
            const QModelIndex index = pane->members()->indexOfMember(member.value("user_id").toInteger());
            QVERIFY(index.isValid());
            const OrgMember* shown = pane->members()->memberAt(index);
            QCOMPARE(shown->status, member.value("status").toString());
            QCOMPARE(shown->seat, std::optional<bool>(member.value("seat").toBool()));
            QCOMPARE(shown->usageThisPeriod,
                     std::optional<qint64>(member.value("usage_this_period").toInteger()));
            usage += member.value("usage_this_period").toInteger();
        }
        QVERIFY(usage > 0); // the fixture's deductions are attributed to members
        QCOMPARE(pane->members()->invitationCount(), 1);
        // Seats as the server counts them.
        auto serverSeats = [&] { return admin->get(organization + "/seats").json(); };
        QJsonObject seats = serverSeats();
        QCOMPARE(pane->seats()->total, seats.value("total").toInteger());
        QCOMPARE(pane->seats()->assigned, seats.value("assigned").toInteger());
        QCOMPARE(pane->seats()->pendingInvitations, 1);
        QCOMPARE(pane->seatsText(), QStringLiteral("%1 of %2 assigned, 1 pending, %3 free")
                                        .arg(seats.value("assigned").toInteger())
                                        .arg(seats.value("total").toInteger())
                                        .arg(seats.value("available").toInteger()));

        // Invite: the one-time code, shown once, with Copy.
        InviteDialog* invite = pane->openInviteDialog();
        QVERIFY(invite);
        QSignalSpy invited(invite, &InviteDialog::invited);
        invite->invite("kim@example.com", "member", research);
        QVERIFY(invited.wait(10000));
        const QString token = invite->token();
        QVERIFY(!token.isEmpty());
        invite->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), token);
        screenshot(invite, "invite");
        invite->close();
        QTRY_COMPARE_WITH_TIMEOUT(pane->members()->invitationCount(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(pane->seats()->pendingInvitations, 2, 10000);
        QCOMPARE(admin->get(organization + "/invitations").json().value("data").toArray().size(), 2);

        // Kim accepts it from a signed-out console's sign-in window ("I have an invitation"), choosing
        // the password; then signs in with it. The same code again is refused.
        QTemporaryDir otherDir;
        Application::Options otherOptions;
        otherOptions.settingsFile = otherDir.filePath("console.ini");
        Application other(otherOptions);
        other.start();
        SignInDialog* signIn = other.signInDialog();
        QVERIFY(QTest::qWaitFor([signIn] { return signIn->isVisible(); }, 10000));
        signIn->setServer(QUrl(f.url()));
        QPushButton* haveInvitation = signIn->findChild<QPushButton*>("haveInvitation");
        QVERIFY(haveInvitation && haveInvitation->isVisible());
        haveInvitation->click();
        auto* accept = signIn->findChild<AcceptInvitationDialog*>();
        QVERIFY(accept && accept->isVisible());
        QSignalSpy accepted(accept, &AcceptInvitationDialog::accepted);
        accept->submit(token, "Kim Ito", "kim-chose-this");
        QVERIFY(accepted.wait(10000));
        QCOMPARE(signIn->email(), QStringLiteral("kim@example.com"));
        QVERIFY(signIn->message().contains("Welcome, Kim Ito"));
        QVERIFY(!f.fixture.login("kim@example.com", "kim-chose-this").isEmpty());
        AcceptInvitationDialog* twice = other.openAcceptInvitation();
        QVERIFY(twice);
        QSignalSpy refused(twice, &AcceptInvitationDialog::failed);
        twice->submit(token, "Kim Ito", "kim-chose-this");
        QVERIFY(refused.wait(10000));
        QVERIFY(twice->message().contains("unknown, already used, revoked or expired"));
        twice->close();

        // Suspend Kim: the server says so, and so does the tree.
        pane->refresh();
        qint64 kim = 0;
        for (const QJsonValue& value : serverMembers()) {
            if (value.toObject().value("email").toString() == "kim@example.com")
                kim = value.toObject().value("user_id").toInteger();
        }
        QVERIFY(kim != 0);
        QTRY_VERIFY_WITH_TIMEOUT(pane->selectMember(kim), 10000);
        pane->setSelectedMemberStatus("suspended");
        QTRY_VERIFY_WITH_TIMEOUT(
            pane->members()->indexOfMember(kim).isValid() &&
                pane->members()->memberAt(pane->members()->indexOfMember(kim))->isSuspended(),
            10000);
        for (const QJsonValue& value : serverMembers()) {
            if (value.toObject().value("user_id").toInteger() == kim)
                QCOMPARE(value.toObject().value("status").toString(), QStringLiteral("suspended"));
        }

        // Buy two seats: the estimate first, labelled as one; then the server has them.
        BuySeatsDialog* buy = pane->openBuySeatsDialog();
        QVERIFY(buy);
        buy->setPurchased(2);
        QVERIFY(buy->estimatedChargeMinor().has_value());
        QVERIFY(buy->preview().contains("Estimated charge now: " +
                                        formatMinorUnits(*buy->estimatedChargeMinor())));
        QVERIFY(buy->preview().contains("The server computes the exact amount."));
        QSignalSpy bought(buy, &BuySeatsDialog::changed);
        buy->confirm();
        QVERIFY(bought.wait(10000));
        seats = serverSeats();
        QCOMPARE(seats.value("purchased").toInteger(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(pane->seats()->total, seats.value("total").toInteger(), 10000);

        // A budget for Research through the dialog; the bar is what it used against it.
        pane->tabs()->setCurrentIndex(1);
        QVERIFY(pane->selectDepartment(research));
        BudgetDialog* budget = pane->openBudgetDialog();
        QVERIFY(budget);
        budget->setCredits("5000");
        budget->setPeriod("month");
        budget->setEnforcement("hard");
        QSignalSpy saved(budget, &BudgetDialog::saved);
        budget->save();
        QVERIFY2(saved.wait(10000), qPrintable(budget->message()));
        auto researchOnServer = [&] {
            for (const QJsonValue& value :
                 admin->get(organization + "/departments").json().value("data").toArray()) {
                if (value.toObject().value("id").toInteger() == research)
                    return value.toObject();
            }
            return QJsonObject();
        };
        QCOMPARE(researchOnServer().value("budget").toObject().value("credits").toInteger(), 5000);
        auto shownResearch = [pane, research]() -> const OrgDepartment* {
            for (int row = 0; row < pane->budgets()->rowCount(); ++row) {
                if (pane->budgets()->departmentAt(row)->id == research)
                    return pane->budgets()->departmentAt(row);
            }
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            shownResearch() && shownResearch()->budget && shownResearch()->budget->credits == 5000, 10000);
        QCOMPARE(shownResearch()->usedThisPeriod,
                 std::optional<qint64>(researchOnServer().value("used_this_period").toInteger()));

        // A manager of Research asks for 8,000; the owner approves it in the pane.
        const qint64 manager =
            f.fixture.addMember(f.fixture.adminToken, f.organization, "mia@example.com", "manager", research);
        QVERIFY(manager != 0);
        auto managerClient = f.fixture.server->client(
            f.fixture.login("mia@example.com", Fixture::passwordFor("mia@example.com")));
        answer = managerClient->post(organization + "/departments/" + QByteArray::number(research) +
                                         "/budget-requests",
                                     QJsonObject{{"credits", 8000}, {"reason", "Q2 experiments"}});
        QVERIFY2(answer.status == 201 || answer.status == 200, answer.body.constData());
        const qint64 request = answer.json().value("id").toInteger();
        pane->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(pane->selectRequest(request), 10000);
        pane->decideSelectedRequest(true, "Fine for Q2");
        QTRY_COMPARE_WITH_TIMEOUT(researchOnServer().value("budget").toObject().value("credits").toInteger(),
                                  8000, 10000);
        const QJsonArray history =
            admin->get(organization + "/budget-history").json().value("data").toArray();
        QVERIFY(history.size() >= 2);
        QTRY_COMPARE_WITH_TIMEOUT(pane->history()->rowCount(), static_cast<int>(history.size()), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(shownResearch() && shownResearch()->budget->credits == 8000, 10000);
        // For the picture: a soft budget that Support has gone over, and the rows an admin would pick.
        qint64 support = 0;
        for (const QJsonValue& value :
             admin->get(organization + "/departments").json().value("data").toArray()) {
            if (value.toObject().value("name").toString() == "Support")
                support = value.toObject().value("id").toInteger();
        }
        answer = admin->request(
            "PUT", organization + "/departments/" + QByteArray::number(support) + "/budget",
            QJsonDocument(QJsonObject{{"credits", 1000}, {"period", "month"}, {"enforcement", "soft"}})
                .toJson(QJsonDocument::Compact));
        QVERIFY2(answer.status == 200, answer.body.constData());
        pane->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(pane->history()->rowCount(), static_cast<int>(history.size()) + 1, 10000);
        QVERIFY(pane->selectDepartment(research));
        screenshot(window, "organization-budgets");
        pane->tabs()->setCurrentIndex(0);
        QVERIFY(pane->selectMember(f.members.at(1))); // ana, who spent this period
        screenshot(window, "organization");

        // Ben gets a spending limit, Ana moves to Support, Lee's invitation is revoked, Kim is removed.
        QVERIFY(pane->selectMember(f.members.at(2)));
        BudgetDialog* limit = pane->openMemberLimitDialog();
        QVERIFY(limit);
        limit->setCredits("2000");
        limit->setEnforcement("soft");
        QSignalSpy limitSaved(limit, &BudgetDialog::saved);
        limit->save();
        QVERIFY2(limitSaved.wait(10000), qPrintable(limit->message()));
        const QJsonObject newest =
            admin->get(organization + "/budget-history").json().value("data").toArray().at(0).toObject();
        QCOMPARE(newest.value("scope").toString(), QStringLiteral("member"));
        QCOMPARE(newest.value("user_id").toInteger(), f.members.at(2));
        QCOMPARE(newest.value("new").toObject().value("credits").toInteger(), 2000);
        QCOMPARE(newest.value("new").toObject().value("enforcement").toString(), QStringLiteral("soft"));

        QVERIFY(pane->selectMember(f.members.at(1)));
        MemberDialog* change = pane->openMemberDialog();
        QVERIFY(change);
        change->setDepartment(support);
        QSignalSpy changed(change, &MemberDialog::saved);
        change->save();
        QVERIFY2(changed.wait(10000), qPrintable(change->message()));
        auto serverMember = [&](qint64 userId) {
            for (const QJsonValue& value : serverMembers()) {
                if (value.toObject().value("user_id").toInteger() == userId)
                    return value.toObject();
            }
            return QJsonObject();
        };
        QCOMPARE(serverMember(f.members.at(1)).value("department_id").toInteger(), support);
        QTRY_VERIFY_WITH_TIMEOUT(
            pane->members()->memberAt(pane->members()->indexOfMember(f.members.at(1))) &&
                pane->members()->memberAt(pane->members()->indexOfMember(f.members.at(1)))->departmentId ==
                    support,
            10000);

        const QJsonArray pending = admin->get(organization + "/invitations").json().value("data").toArray();
        QCOMPARE(pending.size(), 1); // Lee's; Kim's was accepted
        QVERIFY(pane->selectInvitation(pending.at(0).toObject().value("id").toInteger()));
        pane->revokeSelectedInvitation();
        QTRY_COMPARE_WITH_TIMEOUT(
            admin->get(organization + "/invitations").json().value("data").toArray().size(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(pane->members()->invitationCount(), 0, 10000);

        QVERIFY(pane->selectMember(kim));
        pane->removeSelectedMember();
        QTRY_VERIFY_WITH_TIMEOUT(serverMember(kim).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!pane->members()->indexOfMember(kim).isValid(), 10000);
    }

    // The Organization pane offline: what the server last said is kept in the local cache, so after a
    // restart with the server gone the pane shows the cached members and the pending invitation, with the
    // time they were fetched; the invitation's one-time token never reaches the cache file.
    void organizationPaneShowsTheCacheOffline()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f({"--test-clock"}, Fixture::Catalog::Shipped);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        const QByteArray organization = "/api/v1/organizations/" + QByteArray::number(f.organization);
        HttpResponse answer =
            admin->post("/api/v1/tiers/switch",
                        QJsonObject{{"organization_id", f.organization}, {"plan", "professional"}});
        QVERIFY2(answer.status == 200, answer.body.constData());
        answer = admin->post(organization + "/invitations",
                             QJsonObject{{"email", "lee@example.com"}, {"role", "finance"}});
        QVERIFY2(answer.status == 201, answer.body.constData());
        const QByteArray invitationToken = answer.json().value("token").toString().toUtf8();
        QVERIFY(!invitationToken.isEmpty());
        const QJsonArray serverMembers = admin->get(organization + "/members").json().value("data").toArray();
        QVERIFY(serverMembers.size() > 1);

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        const QUrl server(f.url());
        const QString email = QStringLiteral("admin@example.com");
        QByteArray sessionToken;
        QString cachePath;
        {
            Application app(options);
            app.credentials()->setMemoryOnly(true);
            QVERIFY(signInAs(app, f, email, QStringLiteral("organization"), true)); // remembered
            MainWindow* window = app.mainWindow();
            QVERIFY(window->showPane("organization"));
            auto* pane = qobject_cast<OrganizationPane*>(window->pane("organization"));
            QVERIFY(pane);
            QTRY_VERIFY_WITH_TIMEOUT(pane->seats().has_value() &&
                                         pane->members()->memberCount() == serverMembers.size() &&
                                         pane->members()->invitationCount() == 1,
                                     20000);
            QCOMPARE(pane->errorText(), QString());
            app.credentials()->read(server, email, QLatin1String(SessionController::kTokenName), this,
                                    [&sessionToken](std::optional<QByteArray> token) {
                                        sessionToken = token.value_or(QByteArray());
                                    });
            QTRY_VERIFY(!sessionToken.isEmpty());
            cachePath = app.session()->cache()->path();
        }
        f.fixture.server->stop();

        // The next start: the server does not answer; the remembered session opens the cache.
        Application app(options);
        app.credentials()->setMemoryOnly(true);
        app.credentials()->write(server, email, QLatin1String(SessionController::kTokenName), sessionToken);
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        app.start();
        QVERIFY(signedIn.wait(20000));
        QCOMPARE(app.session()->cache()->path(), cachePath);
        app.session()->setCurrentOrganization(f.organization);
        MainWindow* window = app.mainWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->visiblePaneIds().contains("organization"), 10000);
        QVERIFY(window->showPane("organization"));
        auto* pane = qobject_cast<OrganizationPane*>(window->pane("organization"));
        QVERIFY(pane);
        const std::optional<CachedDocument> cached =
            app.session()->cache()->snapshot(f.organization, QStringLiteral("members"));
        QVERIFY(cached);
        QTRY_VERIFY_WITH_TIMEOUT(pane->errorText().contains("cannot be reached"), 20000);
        QCOMPARE(pane->errorText(),
                 QStringLiteral("The server cannot be reached. Showing what it said at %1.")
                     .arg(orgtext::dateTime(cached->fetchedAt)));
        // The members tree is the server's last answer, member for member.
        QCOMPARE(pane->members()->memberCount(), static_cast<int>(serverMembers.size()));
        for (const QJsonValue& value : serverMembers) {
            const QJsonObject member = value.toObject();
            const QModelIndex index = pane->members()->indexOfMember(member.value("user_id").toInteger());
            QVERIFY(index.isValid());
            const OrgMember* shown = pane->members()->memberAt(index);
            QCOMPARE(shown->email, member.value("email").toString());
            QCOMPARE(shown->role, member.value("role").toString());
            QCOMPARE(shown->status, member.value("status").toString());
        }
        QVERIFY(pane->membersTree()->model() == pane->members());
        QCOMPARE(pane->members()->invitationCount(), 1);
        QVERIFY(pane->seats().has_value());
        QCOMPARE(pane->seats()->pendingInvitations, 1);
        // The one-time token is nowhere in the cache files.
        for (const QString& file : {cachePath, cachePath + "-wal"}) {
            QFile raw(file);
            if (raw.open(QIODevice::ReadOnly))
                QVERIFY(!raw.readAll().contains(invitationToken));
        }
    }

    // What the cache kept is shown at once, before any answer, and the server's answer replaces it on
    // screen and in the cache.
    void organizationPaneReplacesItsSnapshotsWithTheServersAnswer()
    {
        ConsoleFixture f;
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        const QJsonArray serverMembers =
            admin->get("/api/v1/organizations/" + QByteArray::number(f.organization) + "/members")
                .json()
                .value("data")
                .toArray();
        QVERIFY(!serverMembers.isEmpty());
        QTemporaryDir dir;
        CacheDatabase database;
        QVERIFY(database.open(dir.filePath("cache.sqlite")));
        SnapshotCache snapshots(&database);
        const QDateTime old(QDate(2026, 1, 2), QTime(3, 4), QTimeZone::utc());
        const QJsonObject ghost{
            {"user_id", 999999}, {"email", "ghost@example.com"}, {"name", "Ghost"}, {"role", "member"}};
        QVERIFY(snapshots.store(f.organization, "members", QJsonObject{{"data", QJsonArray{ghost}}}, old));

        ApiClient api;
        api.setBaseUrl(QUrl(f.url()));
        api.setToken(f.fixture.adminToken);
        OrganizationClient client(&api);
        SystemClock clock;
        PaneContext context;
        context.clock = &clock;
        context.organization = &client;
        context.snapshots = &snapshots;
        OrganizationPane pane(context);
        Organization owner;
        owner.id = f.organization;
        owner.name = "Acme";
        owner.kind = "team";
        owner.role = "owner";
        owner.permissions = QStringList{"organization:read", "members:manage", "seats:manage",
                                        "budgets:manage",    "budgets:read",   "roles:manage"};
        QSignalSpy updated(&pane, &OrganizationPane::updated);
        pane.setOrganization(owner);
        // At once, from the cache: no request has been answered yet.
        QCOMPARE(updated.count(), 0);
        QCOMPARE(pane.members()->memberCount(), 1);
        QVERIFY(pane.members()->indexOfMember(999999).isValid());

        QVERIFY(updated.wait(20000));
        QCOMPARE(pane.errorText(), QString());
        QVERIFY(!pane.members()->indexOfMember(999999).isValid());
        QCOMPARE(pane.members()->memberCount(), static_cast<int>(serverMembers.size()));
        const std::optional<CachedDocument> cached = snapshots.load(f.organization, "members");
        QVERIFY(cached);
        QVERIFY(cached->fetchedAt > old);
        const QJsonArray stored = cached->document.value("data").toArray();
        QCOMPARE(stored.size(), serverMembers.size());
        for (qsizetype i = 0; i < stored.size(); ++i) {
            QCOMPARE(stored.at(i).toObject().value("user_id"),
                     serverMembers.at(i).toObject().value("user_id"));
            QCOMPARE(stored.at(i).toObject().value("email"), serverMembers.at(i).toObject().value("email"));
        }
        QVERIFY(snapshots.load(f.organization, "departments"));
        QVERIFY(snapshots.load(f.organization, "seats"));
    }

    // Custom roles on Enterprise: the Roles tab appears, a role made with the permission checklist is the
    // server's, with exactly the permissions ticked.
    void organizationPaneEditsCustomRoles()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f({"--test-clock"}, Fixture::Catalog::Shipped);
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        const QByteArray organization = "/api/v1/organizations/" + QByteArray::number(f.organization);
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("organization"));
        auto* pane = qobject_cast<OrganizationPane*>(window->pane("organization"));
        QVERIFY(pane);
        QTRY_VERIFY_WITH_TIMEOUT(pane->members()->memberCount() > 0, 20000);
        QVERIFY(!pane->hasCustomRoles() && !pane->tabs()->isTabVisible(2));
        QVERIFY(!pane->openRoleEditor(QString()));

        // Enterprise has custom roles: the Roles tab, and a role made with the checklist.
        const HttpResponse answer = admin->post(
            "/api/v1/tiers/switch", QJsonObject{{"organization_id", f.organization}, {"plan", "enterprise"}});
        QVERIFY2(answer.status == 200, answer.body.constData());
        pane->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(pane->hasCustomRoles() && pane->tabs()->isTabVisible(2), 10000);
        RoleEditorDialog* editor = pane->openRoleEditor(QString());
        QVERIFY(editor);
        editor->setName("Analyst");
        editor->setChecked("organization:read", true);
        editor->setChecked("credits:read", true);
        QSignalSpy roleSaved(editor, &RoleEditorDialog::saved);
        editor->save();
        QVERIFY2(roleSaved.wait(10000), qPrintable(editor->message()));
        bool found = false;
        for (const QJsonValue& value : admin->get(organization + "/roles").json().value("data").toArray()) {
            const QJsonObject role = value.toObject();
            if (role.value("name").toString() == "Analyst") {
                found = true;
                QStringList permissions;
                for (const QJsonValue& p : role.value("permissions").toArray())
                    permissions.append(p.toString());
                permissions.sort();
                QCOMPARE(permissions, QStringList({"credits:read", "organization:read"}));
            }
        }
        QVERIFY(found);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(pane->roles().cbegin(), pane->roles().cend(),
                                             [](const OrgRole& role) { return role.name == "Analyst"; }),
                                 10000);
    }

    // A manager's view against the real server: only their department's members, invitations into it only
    // (role and department fixed), a request for its budget; no seats to buy, no budgets to edit. When
    // the server goes away, the pane keeps what it showed and says since when.
    void organizationPaneForAManager()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        const QByteArray organization = "/api/v1/organizations/" + QByteArray::number(f.organization);
        qint64 research = 0;
        for (const QJsonValue& department :
             admin->get(organization + "/departments").json().value("data").toArray()) {
            if (department.toObject().value("name").toString() == "Research")
                research = department.toObject().value("id").toInteger();
        }
        QVERIFY(research != 0);
        const qint64 manager =
            f.fixture.addMember(f.fixture.adminToken, f.organization, "mia@example.com", "manager", research);

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.start();
        SignInDialog* dialog = app.signInDialog();
        QVERIFY(QTest::qWaitFor([dialog] { return dialog->isVisible(); }, 10000));
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        dialog->submit(QUrl(f.url()), "mia@example.com", Fixture::passwordFor("mia@example.com"), false);
        QVERIFY(signedIn.wait(20000));
        QVERIFY(waitForSyncOk(app));
        app.session()->setCurrentOrganization(f.organization);
        MainWindow* window = app.mainWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->visiblePaneIds().contains("organization"), 10000);
        QVERIFY(window->showPane("organization"));
        auto* pane = qobject_cast<OrganizationPane*>(window->pane("organization"));
        QVERIFY(pane);
        QTRY_VERIFY_WITH_TIMEOUT(pane->members()->memberCount() > 0, 20000);
        QVERIFY(!pane->rights().seesWholeOrganization());
        // Research only: Ana and Mia, not Ben (Support) nor those without a department.
        QCOMPARE(pane->members()->rowCount(), 1);
        QCOMPARE(pane->members()->memberCount(), 2);
        QVERIFY(pane->members()->indexOfMember(manager).isValid());
        QVERIFY(pane->members()->indexOfMember(f.members.at(1)).isValid());
        QVERIFY(!pane->members()->indexOfMember(f.members.at(2)).isValid());
        QVERIFY(!pane->openBuySeatsDialog());
        QVERIFY(pane->selectDepartment(research));
        QVERIFY(!pane->openBudgetDialog());
        QCOMPARE(pane->budgets()->rowCount(), 1);

        // An invitation into Research as a member: nothing else to choose.
        InviteDialog* invite = pane->openInviteDialog();
        QVERIFY(invite);
        auto* role = invite->findChild<QComboBox*>("inviteRole");
        auto* department = invite->findChild<QComboBox*>("inviteDepartment");
        QVERIFY(role && !role->isEnabled() && role->currentData().toString() == "member");
        QVERIFY(department && !department->isEnabled() && department->currentData().toLongLong() == research);
        QSignalSpy invited(invite, &InviteDialog::invited);
        invite->invite("noa@example.com", "member", research);
        QVERIFY2(invited.wait(10000), qPrintable(invite->message()));
        invite->close();
        const QJsonArray invitations =
            admin->get(organization + "/invitations").json().value("data").toArray();
        QCOMPARE(invitations.size(), 1);
        QCOMPARE(invitations.at(0).toObject().value("department_id").toInteger(), research);
        QCOMPARE(invitations.at(0).toObject().value("role").toString(), QStringLiteral("member"));
        QTRY_COMPARE_WITH_TIMEOUT(pane->members()->invitationCount(), 1, 10000);

        // A budget request for Research, pending for the owners and admins.
        BudgetDialog* ask = pane->openBudgetRequestDialog();
        QVERIFY(ask);
        ask->setCredits("6000");
        ask->setReason("More experiments");
        QSignalSpy sent(ask, &BudgetDialog::saved);
        ask->save();
        QVERIFY2(sent.wait(10000), qPrintable(ask->message()));
        const QJsonArray requests =
            admin->get(organization + "/budget-requests").json().value("data").toArray();
        QCOMPARE(requests.size(), 1);
        const QJsonObject request = requests.at(0).toObject();
        QCOMPARE(request.value("department_id").toInteger(), research);
        QCOMPARE(request.value("credits").toInteger(), 6000);
        QCOMPARE(request.value("reason").toString(), QStringLiteral("More experiments"));
        QCOMPARE(request.value("status").toString(), QStringLiteral("pending"));

        // The server goes away: what was shown stays, and the pane says since when.
        f.fixture.server->stop();
        pane->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(
            pane->errorText().startsWith("The server cannot be reached. Showing what it said at"), 30000);
        QCOMPARE(pane->members()->memberCount(), 2);
        QCOMPARE(pane->members()->invitationCount(), 1);
    }

    // The Plans pane against a real server whose clock stands still (exact prorations): the catalog as
    // the server has it, the organization's subscription, a switch through the preview dialog (the
    // server's numbers, confirmed once), the balance catching up, cancel and resume, and the history.
    void plansPaneComparesPreviewsAndSwitches()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f({"--test-clock"}, Fixture::Catalog::Shipped);
        // Ten days into the organization's first period: an upgrade is prorated. (The fixture's session
        // does not last that long: sign in again.)
        QCOMPARE(f.fixture.server->client(f.fixture.adminToken)
                     ->post("/api/v1/admin/test-clock", QJsonObject{{"advance_seconds", 10 * 86400}})
                     .status,
                 200);
        f.fixture.adminToken =
            f.fixture.login("admin@example.com", Fixture::passwordFor("admin@example.com"));
        auto client = f.fixture.server->client(f.fixture.adminToken);
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 1000);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QCOMPARE(window->visiblePaneIds(),
                 QStringList({"dashboard", "transactions", "usage", "activity", "plans", "coupons",
                              "invoices", "alerts", "organization"}));
        QVERIFY(window->showPane("plans"));
        auto* plans = qobject_cast<PlansPane*>(window->pane("plans"));
        QVERIFY(plans);
        QVERIFY(plans->canManage());
        QVERIFY(plans->target() == BillingTarget::organization(f.organization));
        QTRY_VERIFY_WITH_TIMEOUT(plans->subscription().has_value() && plans->comparison()->columnCount() > 0,
                                 20000);

        // The comparison is the server's catalog, plan by plan.
        const QJsonArray catalog = client->get("/api/v1/tiers/compare").json().value("data").toArray();
        QCOMPARE(plans->comparison()->columnCount(), static_cast<int>(catalog.size()));
        using A = PlanComparisonModel::Attribute;
        for (int column = 0; column < catalog.size(); ++column) {
            const QJsonObject plan = catalog.at(column).toObject();
            QCOMPARE(plans->comparison()->planAt(column), plan.value("id").toString());
            QCOMPARE(plans->comparison()
                         ->index(PlanComparisonModel::rowOf(A::Price), column)
                         .data(PlanComparisonModel::RawRole)
                         .toLongLong(),
                     plan.value("price_minor").toInteger());
            QCOMPARE(plans->comparison()
                         ->index(PlanComparisonModel::rowOf(A::ConcurrentTasks), column)
                         .data(PlanComparisonModel::RawRole)
                         .toLongLong(),
                     plan.value("concurrent_tasks").toInteger());
        }
        // The subscription as the server has it: a new organization is on Free.
        const QByteArray subscriptionPath = "/api/v1/subscription?" + accountQuery(f.organization);
        const HttpResponse answer = client->get(subscriptionPath);
        QVERIFY2(answer.status == 200, answer.body.constData());
        QJsonObject server = answer.json();
        QCOMPARE(server.value("plan").toString(), QStringLiteral("free"));
        QCOMPARE(plans->comparison()->currentPlan(), QStringLiteral("free"));
        QCOMPARE(plans->subscriptionLine("Plan"), QStringLiteral("Free (Platform credits)"));
        QCOMPARE(plans->subscriptionLine("Status"), QStringLiteral("Active"));
        const QDateTime periodEnd =
            QDateTime::fromString(server.value("current_period_end").toString(), Qt::ISODate);
        QCOMPARE(plans->subscriptionLine("Renewal"),
                 "Renews on " + QLocale().toString(periodEnd.toLocalTime().date(), QLocale::ShortFormat));
        QCOMPARE(plans->subscriptionLine("Pending change"), QString());
        QVERIFY(plans->switchButton("professional") && plans->switchButton("professional")->isVisible());
        QVERIFY(!plans->switchButton("free"));

        // "Switch to Professional…": the server's preview, in words, before anything changes.
        const HttpResponse previewAnswer = client->get("/api/v1/tiers/switch/preview?" +
                                                       accountQuery(f.organization) + "&plan=professional");
        QCOMPARE(previewAnswer.status, 200);
        const QJsonObject expected = previewAnswer.json();
        QVERIFY(expected.value("immediate").toBool());
        QVERIFY(expected.value("charge_minor").toInteger() > 0 &&
                expected.value("charge_minor").toInteger() < 5000);
        QSignalSpy started(app.session()->sync(), &SyncEngine::started);
        SwitchPlanDialog* dialog = nullptr;
        {
            QTest::mouseClick(plans->switchButton("professional"), Qt::LeftButton);
            QTRY_VERIFY((dialog = plans->findChild<SwitchPlanDialog*>()) != nullptr);
        }
        QTRY_VERIFY_WITH_TIMEOUT(dialog->preview().has_value(), 10000);
        const Proration& preview = *dialog->preview();
        QCOMPARE(preview.chargeMinor, expected.value("charge_minor").toInteger());
        QCOMPARE(preview.discountMinor, expected.value("discount_minor").toInteger());
        QCOMPARE(preview.creditsGranted, expected.value("credits_granted").toInteger());
        QCOMPARE(dialog->payNowText(), formatMinorUnits(expected.value("charge_minor").toInteger()));
        QCOMPARE(dialog->creditsNowText(),
                 BillingText::creditsWithValue(expected.value("credits_granted").toInteger()));
        QCOMPARE(dialog->effectiveText(), QStringLiteral("Now"));
        const qint64 daysLeft = (expected.value("remaining_seconds").toInteger() + 86399) / 86400;
        QVERIFY2(dialog->noteText().contains(QStringLiteral("prorated for the %1 days left").arg(daysLeft)),
                 qPrintable(dialog->noteText()));
        QVERIFY(dialog->canConfirm());
        QApplication::processEvents();
        screenshot(dialog, "plan-switch-preview");
        // Nothing changed yet.
        QCOMPARE(client->get(subscriptionPath).json().value("plan").toString(), QStringLiteral("free"));
        const qint64 balanceBefore = f.fixture.balance(f.fixture.adminToken, f.organization);

        QSignalSpy switched(dialog, &SwitchPlanDialog::switched);
        QSignalSpy said(plans, &Pane::statusMessage);
        dialog->confirm();
        QVERIFY(switched.wait(20000));
        server = client->get(subscriptionPath).json();
        QCOMPARE(server.value("plan").toString(), QStringLiteral("professional"));
        QCOMPARE(f.fixture.balance(f.fixture.adminToken, f.organization),
                 balanceBefore + expected.value("credits_granted").toInteger());
        // The balance catches up at once (a sync), and the pane shows the new plan and its history.
        QVERIFY(started.count() > 0 || started.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(plans->comparison()->currentPlan(), QStringLiteral("professional"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!plans->history()->events().isEmpty() &&
                                     plans->history()->events().first().kind == QLatin1String("upgrade"),
                                 10000);
        QCOMPARE(plans->history()
                     ->index(0, static_cast<int>(SubscriptionHistoryModel::Column::Change))
                     .data()
                     .toString(),
                 QStringLiteral("Upgraded from Free to Professional"));
        QCOMPARE(plans->history()->events().first().proration->creditsGranted,
                 expected.value("credits_granted").toInteger());
        QCOMPARE(plans->subscriptionLine("Plan"), QStringLiteral("Professional (Platform credits)"));
        QVERIFY(!said.isEmpty());
        QCOMPARE(said.first().first().toString(), QStringLiteral("Switched to Professional."));
        // The same confirmation again (a retry) switches nothing twice: one upgrade in the history.
        const QJsonArray history = client->get("/api/v1/subscription/history?" + accountQuery(f.organization))
                                       .json()
                                       .value("data")
                                       .toArray();
        int upgrades = 0;
        for (const QJsonValue& event : history)
            upgrades += event.toObject().value("kind").toString() == "upgrade" ? 1 : 0;
        QCOMPARE(upgrades, 1);
        QCOMPARE(plans->history()->rowCount(), static_cast<int>(history.size()));

        // Downgrading is scheduled for the end of the period, as the preview says.
        SwitchPlanDialog* down = plans->openSwitchDialog("starter");
        QVERIFY(down);
        QTRY_VERIFY_WITH_TIMEOUT(down->preview().has_value(), 10000);
        QVERIFY(!down->preview()->immediate);
        QVERIFY(down->effectiveText().startsWith("On "));
        QCOMPARE(down->payNowText(), QStringLiteral("Nothing"));
        QSignalSpy downSwitched(down, &SwitchPlanDialog::switched);
        down->confirm();
        QVERIFY(downSwitched.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!plans->subscriptionLine("Pending change").isEmpty(), 10000);
        QVERIFY(plans->subscriptionLine("Pending change").startsWith("Starter from "));
        QVERIFY(plans->switchButton("professional")); // "Stay on Professional…" drops the scheduled change
        QCOMPARE(plans->switchButton("professional")->text(), QStringLiteral("Stay on Professional…"));

        // Cancel at the end of the period, then take it back.
        plans->setCancelAtPeriodEnd(true);
        QTRY_VERIFY_WITH_TIMEOUT(plans->subscription()->cancelAtPeriodEnd, 10000);
        QVERIFY(client->get(subscriptionPath).json().value("cancel_at_period_end").toBool());
        QVERIFY(plans->subscriptionLine("Renewal").startsWith("Cancels on "));
        QVERIFY(plans->findChild<QPushButton*>("resumeSubscription")->isVisible());
        plans->setCancelAtPeriodEnd(false);
        QTRY_VERIFY_WITH_TIMEOUT(!plans->subscription()->cancelAtPeriodEnd, 10000);
        QVERIFY(!client->get(subscriptionPath).json().value("cancel_at_period_end").toBool());
        QVERIFY(plans->subscriptionLine("Renewal").startsWith("Renews on "));
        // Stay on Professional: the scheduled change is dropped.
        SwitchPlanDialog* stay = plans->openSwitchDialog("professional");
        QVERIFY(stay);
        QTRY_VERIFY_WITH_TIMEOUT(stay->canConfirm(), 10000);
        QSignalSpy stayed(stay, &SwitchPlanDialog::switched);
        stay->confirm();
        QVERIFY(stayed.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(plans->subscriptionLine("Pending change").isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(plans->history()->rowCount() >= static_cast<int>(history.size()) + 4, 10000);
        QVERIFY(plans->errorText().isEmpty());
        window->showPane("plans");
        QApplication::processEvents();
        screenshot(window, "plans");
    }

    // File › Redeem coupon…: checked as it is typed, refusals and what a code gives in words, the
    // redemption, then the balance and the subscription catch up. Needs the server's coupon requests.
    void redeemCouponChecksAsYouType()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        auto client = f.fixture.server->client(f.fixture.adminToken);
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 900);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->redeemCouponAction()->isEnabled());
        window->redeemCouponAction()->trigger();
        RedeemCouponDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<RedeemCouponDialog*>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->account() == BillingTarget::organization(f.organization));
        QVERIFY(!dialog->canRedeem());
        QSignalSpy checked(dialog, &RedeemCouponDialog::checked);

        const HttpResponse route =
            client->get("/api/v1/coupons/validate?code=NOPE&" + accountQuery(f.organization));
        if (route.status == 404 &&
            route.json().value("error").toObject().value("code").toString() == "not_found") {
            // The dialog says so in words rather than failing silently.
            dialog->setCode("WELCOME25");
            QVERIFY(checked.wait(10000));
            QCOMPARE(dialog->message(), QStringLiteral("This server does not offer coupons yet."));
            QVERIFY(!dialog->canRedeem());
            QSKIP("An older server without coupon requests (GET /api/v1/coupons/validate answers 404).");
        }
        QCOMPARE(client->post("/api/v1/coupons/create", QJsonObject{{"code", "WELCOME25"},
                                                                    {"kind", "bonus_credits"},
                                                                    {"credits", 25000},
                                                                    {"max_redemptions", 10}})
                         .status /
                     100,
                 2);
        // A code that does not exist, then one that does; only the latest text counts.
        dialog->setCode("NOPE");
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.last().first().toBool(), false);
        QCOMPARE(dialog->message(), BillingText::couponRefusal("not_found"));
        QVERIFY(!dialog->canRedeem());
        dialog->setCode("WELCOME");
        dialog->setCode("WELCOME25"); // typed on within the pause: one check
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.last().first().toBool(), true);
        QCOMPARE(dialog->message(),
                 QStringLiteral("This code gives 25,000 credits ($1.00) added to the balance."));
        QVERIFY(dialog->canRedeem());
        screenshot(dialog, "coupon-redeem");

        const qint64 before = f.fixture.balance(f.fixture.adminToken, f.organization);
        QSignalSpy redeemed(dialog, &RedeemCouponDialog::redeemed);
        QSignalSpy started(app.session()->sync(), &SyncEngine::started);
        dialog->redeem();
        QVERIFY(redeemed.wait(20000));
        QVERIFY(dialog->message().startsWith("Redeemed: 25,000 credits"));
        QVERIFY(!dialog->canRedeem());
        QCOMPARE(f.fixture.balance(f.fixture.adminToken, f.organization), before + 25'000);
        // The balance catches up: a sync starts and the dashboard shows the server's balance.
        QVERIFY(started.count() > 0 || started.wait(10000));
        QVERIFY(window->showPane("dashboard"));
        auto* dashboard = qobject_cast<DashboardPane*>(window->pane("dashboard"));
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->snapshot().balance.value_or(Balance{}).balance, before + 25'000,
                                  20000);
        // Typing the same code again for the same account: refused in words.
        dialog->setCode(QString());
        dialog->setCode("WELCOME25");
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.last().first().toBool(), false);
        QCOMPARE(dialog->message(), BillingText::couponRefusal("already_redeemed"));
    }

    // The Coupons pane (platform administrators): the list with redemptions of max, a new coupon through
    // the dialog's checks, its redemptions, and deactivating it. Needs the server's coupon requests.
    void couponsPaneForPlatformAdmins()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f;
        auto client = f.fixture.server->client(f.fixture.adminToken);
        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 820);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->visiblePaneIds().contains("coupons"));
        QVERIFY(window->showPane("coupons"));
        auto* coupons = qobject_cast<CouponsPane*>(window->pane("coupons"));
        QVERIFY(coupons);
        QTRY_VERIFY_WITH_TIMEOUT(coupons->problem().size() > 0 || coupons->couponsAvailable(), 10000);

        const HttpResponse route = client->get("/api/v1/coupons/list");
        if (route.status == 404) {
            QTRY_VERIFY_WITH_TIMEOUT(!coupons->couponsAvailable(), 10000);
            QVERIFY(coupons->problem().contains("does not offer coupons"));
            QSKIP("An older server without coupon requests (GET /api/v1/coupons/list answers 404).");
        }
        QSignalSpy updated(coupons, &CouponsPane::updated);
        CreateCouponDialog* create = coupons->openCreateDialog();
        QVERIFY(create);
        // Checked as typed: a short code, then no credits, then all is well.
        create->setCode("SP");
        QVERIFY(!create->canCreate());
        QVERIFY(create->problem().contains("at least 3"));
        create->setCode("SPRING26");
        create->setKind("bonus_credits");
        QVERIFY(!create->canCreate());
        QVERIFY(create->problem().contains("how many credits"));
        create->setCredits("50000");
        create->setMaxRedemptions("100");
        QVERIFY2(create->canCreate(), qPrintable(create->problem()));
        QSignalSpy created(create, &CreateCouponDialog::created);
        create->create();
        QVERIFY(created.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(coupons->model()->rowOf("SPRING26") >= 0, 10000);
        auto cell = [&](CouponTableModel::Column column) {
            return coupons->model()
                ->index(coupons->model()->rowOf("SPRING26"), static_cast<int>(column))
                .data()
                .toString();
        };
        QCOMPARE(cell(CouponTableModel::Column::Redemptions), QStringLiteral("0 of 100"));
        QCOMPARE(cell(CouponTableModel::Column::Gives),
                 QStringLiteral("50,000 credits ($2.00) added to the balance"));
        // A redemption by the organization shows up in the count and in the coupon's redemptions.
        QCOMPARE(client->post("/api/v1/coupons/redeem",
                              QJsonObject{{"code", "SPRING26"}, {"organization_id", f.organization}})
                         .status /
                     100,
                 2);
        // Another coupon made elsewhere (the API) is listed after Reload, in words.
        QCOMPARE(client->post("/api/v1/coupons/create", QJsonObject{{"code", "SAVE20"},
                                                                    {"kind", "percent_off"},
                                                                    {"percent", 20},
                                                                    {"duration_periods", 3},
                                                                    {"max_redemptions", 50}})
                         .status /
                     100,
                 2);
        updated.clear();
        coupons->reload();
        QVERIFY(updated.wait(10000));
        QCOMPARE(
            coupons->model()
                ->index(coupons->model()->rowOf("SAVE20"), static_cast<int>(CouponTableModel::Column::Gives))
                .data()
                .toString(),
            QStringLiteral("20% off for 3 billing periods"));
        QCOMPARE(cell(CouponTableModel::Column::Redemptions), QStringLiteral("1 of 100"));
        QSignalSpy shown(coupons, &CouponsPane::redemptionsShown);
        QVERIFY(coupons->select("SPRING26"));
        QVERIFY(shown.wait(10000));
        QCOMPARE(coupons->redemptionsModel()->rowCount(), 1);
        QCOMPARE(coupons->redemptionsModel()->redemptions().first().organizationId,
                 std::optional<qint64>(f.organization));
        screenshot(window, "coupons-admin");

        // Deactivated: listed as inactive, refused at validation.
        updated.clear();
        coupons->deactivate("SPRING26");
        QVERIFY(updated.wait(10000));
        QCOMPARE(cell(CouponTableModel::Column::Status), QStringLiteral("Inactive"));
    }

    // The Usage pane as an owner: the stacked chart is the server's per-day per-model figures, the table
    // its by-model and by-member reports, the forecast its run-out date and expiring credits; the table's
    // CSV is exact and the chart saves as PNG.
    void usagePaneEqualsTheServersReports()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f({}, Fixture::Catalog::Shipped);
        bookUsage(f);
        if (QTest::currentTestFailed())
            return;
        auto admin = f.fixture.server->client(f.fixture.adminToken);

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 1000);
        QVERIFY(signInAsOwner(app, f));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("usage"));
        auto* pane = qobject_cast<UsagePane*>(window->pane("usage"));
        QVERIFY(pane);
        QVERIFY(waitForUsage(pane));
        QCOMPARE(pane->errorText(), QString());
        const QByteArray range = rangeQuery(f.organization, pane->from(), pane->to());

        // Credits per day stacked by model: the server's top six and "other", day by day.
        HttpResponse answer =
            admin->get("/api/v1/metering/by-date?" + range + "&granularity=day&group_by=model&top=6");
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonArray perDay = answer.json().value("data").toArray();
        QHash<QString, QList<qint64>> expected;
        const qint64 days = pane->from().daysTo(pane->to()) + 1;
        for (const QJsonValue& value : perDay) {
            const QJsonObject row = value.toObject();
            const QString label = UsagePane::seriesLabel(row.value("label").toString());
            if (!expected.contains(label))
                expected.insert(label, QList<qint64>(days, 0));
            const qint64 day =
                pane->from().daysTo(QDate::fromString(row.value("date").toString(), Qt::ISODate));
            expected[label][day] +=
                row.value("credits").toInteger() + row.value("overage_credits").toInteger();
        }
        QCOMPARE(expected.size(), 7);
        QVERIFY(expected.contains("Other"));
        QCOMPARE(pane->dailyChart()->seriesNames().size(), 7);
        QCOMPARE(pane->dailyChart()->seriesNames().last(), QStringLiteral("Other"));
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QCOMPARE(pane->dailyChart()->seriesValues(it.key()), it.value());

        // The table by model is the server's by-model report; the share chart its credits.
        answer = admin->get("/api/v1/metering/by-model?" + range);
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonArray byModel = answer.json().value("data").toArray();
        QCOMPARE(byModel.size(), 7);
        compareRows(pane, byModel, "label");
        if (QTest::currentTestFailed())
            return;
        qint64 shareTotal = 0;
        for (const QString& name : pane->shareChart()->seriesNames())
            shareTotal += pane->shareChart()->seriesValues(name).value(0);
        qint64 serverTotal = 0;
        for (const QJsonValue& value : byModel)
            serverTotal += value.toObject().value("credits").toInteger();
        QCOMPARE(shareTotal, serverTotal);

        // Tokens instead of credits: the same days, the server's token figures.
        pane->setMetric(UsageMetric::Tokens);
        {
            QHash<QString, QList<qint64>> tokens;
            for (const QJsonValue& value : perDay) {
                const QJsonObject row = value.toObject();
                const QString label = UsagePane::seriesLabel(row.value("label").toString());
                if (!tokens.contains(label))
                    tokens.insert(label, QList<qint64>(days, 0));
                tokens[label]
                      [pane->from().daysTo(QDate::fromString(row.value("date").toString(), Qt::ISODate))] +=
                    row.value("tokens_total").toInteger();
            }
            for (auto it = tokens.cbegin(); it != tokens.cend(); ++it)
                QCOMPARE(pane->dailyChart()->seriesValues(it.key()), it.value());
        }
        pane->setMetric(UsageMetric::Credits);

        // The forecast: run-out date and the credits expiring tomorrow, with their date.
        answer = admin->get("/api/v1/metering/forecast?" + accountQuery(f.organization));
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonObject forecast = answer.json();
        const QJsonArray expiring = forecast.value("expiring_unused").toArray();
        QVERIFY(!expiring.isEmpty());
        const QLocale locale;
        for (const QJsonValue& value : expiring) {
            const QJsonObject entry = value.toObject();
            const QDateTime at =
                QDateTime::fromString(entry.value("expires_at").toString(), Qt::ISODateWithMs);
            QVERIFY2(pane->forecastPanel()->expiringText().contains(
                         QStringLiteral("%1 credits on %2")
                             .arg(locale.toString(entry.value("credits").toInteger()),
                                  locale.toString(at.toLocalTime().date(), QLocale::LongFormat))),
                     qPrintable(pane->forecastPanel()->expiringText()));
        }
        const QJsonValue runOut = forecast.value("run_out_at");
        QCOMPARE(pane->forecastPanel()->runOutText(),
                 runOut.isNull()
                     ? QStringLiteral("Not at the current rate")
                     : locale.toString(
                           QDateTime::fromString(runOut.toString(), Qt::ISODateWithMs).toLocalTime().date(),
                           QLocale::LongFormat));
        QVERIFY(pane->forecastPanel()->projectionText().contains(
            locale.toString(forecast.value("projected_period_usage").toInteger())));
        answer = admin->get("/api/v1/metering/recommendations?" + accountQuery(f.organization));
        QVERIFY2(answer.status == 200, answer.body.constData());
        const QJsonArray recommendations = answer.json().value("data").toArray();
        if (recommendations.isEmpty())
            QCOMPARE(pane->recommendationsList()->count(), 1); // "nothing to recommend"
        else
            QCOMPARE(pane->recommendationsList()->count(), static_cast<int>(recommendations.size()));
        screenshot(window, "usage-few-days");

        // The table as CSV: the server's integers and the exact dollar value.
        const QString csvFile = dir.filePath("usage.csv");
        QSignalSpy exported(pane, &UsagePane::exportFinished);
        pane->exportTableTo(csvFile);
        QVERIFY(exported.wait(20000));
        QVERIFY(exported.first().at(0).toBool());
        QCOMPARE(exported.first().at(1).toLongLong(), byModel.size());
        {
            QFile file(csvFile);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = file.readAll().split('\n');
            QCOMPARE(lines.first(),
                     QByteArray("model,requests,tokens_input,tokens_output,credits,amount_usd\r"));
            QCOMPARE(lines.size(),
                     byModel.size() + 2); // header, rows, and the empty rest after the last \r\n
            QSet<QByteArray> expectedLines;
            for (const QJsonValue& value : byModel) {
                const QJsonObject row = value.toObject();
                const qint64 credits =
                    row.value("credits").toInteger() + row.value("overage_credits").toInteger();
                expectedLines.insert(row.value("label").toString().toUtf8() + ',' +
                                     QByteArray::number(row.value("events").toInteger()) + ',' +
                                     QByteArray::number(row.value("tokens_input").toInteger()) + ',' +
                                     QByteArray::number(row.value("tokens_output").toInteger()) + ',' +
                                     QByteArray::number(credits) + ',' +
                                     Credits(credits).exactDollars().toUtf8() + '\r');
            }
            QCOMPARE(QSet<QByteArray>(lines.begin() + 1, lines.end() - 1), expectedLines);
        }
        // The chart as PNG.
        const QString pngFile = dir.filePath("usage.png");
        QVERIFY(pane->exportChartTo(pngFile));
        QImage image(pngFile);
        QVERIFY(!image.isNull() && image.width() > 100);

        // By member: the server's by-member report.
        pane->setGrouping(UsageTableModel::Grouping::Member);
        answer = admin->get("/api/v1/metering/by-member?" + range);
        QVERIFY2(answer.status == 200, answer.body.constData());
        compareRows(pane, answer.json().value("data").toArray(), "member_id");
        QCOMPARE(pane->table()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Member"));
        pane->setGrouping(UsageTableModel::Grouping::Department);
        answer = admin->get("/api/v1/metering/by-department?" + range);
        QVERIFY2(answer.status == 200, answer.body.constData());
        compareRows(pane, answer.json().value("data").toArray(), "department_id");

        // The transactions name the model on usage rows.
        QVERIFY(window->showPane("transactions"));
        auto* transactions = qobject_cast<TransactionsPane*>(window->pane("transactions"));
        QVERIFY(waitForPane(transactions));
        const QJsonArray serverRows =
            admin->get("/api/v1/credits/transactions?" + accountQuery(f.organization) + "&limit=5")
                .json()
                .value("data")
                .toArray();
        QVERIFY(!serverRows.isEmpty());
        const QString newestModel = serverRows.first().toObject().value("model").toString();
        QVERIFY2(newestModel.contains('/'), qPrintable(newestModel));
        const std::optional<Transaction> newest = transactions->model()->transactionAt(0);
        QVERIFY(newest);
        QCOMPARE(newest->model, newestModel);
        QCOMPARE(transactions->model()->index(0, static_cast<int>(TransactionColumn::Kind)).data().toString(),
                 newestModel);
    }

    // A member: the Usage pane shows their own usage only (the server's answer for them), and the
    // dashboard their own use against their own limit with the pool apart, and the credits that expire
    // with their date.
    void usagePaneAndDashboardForAMember()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f({}, Fixture::Catalog::Shipped);
        bookUsage(f);
        if (QTest::currentTestFailed())
            return;
        const qint64 ana = f.members.at(1);
        auto admin = f.fixture.server->client(f.fixture.adminToken);

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 1000);
        QVERIFY(signInAs(app, f, "ana@example.com"));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("usage"));
        auto* pane = qobject_cast<UsagePane*>(window->pane("usage"));
        QVERIFY(pane);
        QVERIFY(waitForUsage(pane));
        QCOMPARE(pane->errorText(), QString());
        const QByteArray range = rangeQuery(f.organization, pane->from(), pane->to());
        // By member: Ana alone, with the figures the owner's report gives for her.
        pane->setGrouping(UsageTableModel::Grouping::Member);
        QCOMPARE(pane->table()->rowCount(), 1);
        QCOMPARE(pane->table()->rows().first().id, std::optional<qint64>(ana));
        const QJsonArray members =
            admin->get("/api/v1/metering/by-member?" + range + "&member_id=" + QByteArray::number(ana))
                .json()
                .value("data")
                .toArray();
        compareRows(pane, members, "member_id");
        // By model: the owner's report narrowed to Ana.
        pane->setGrouping(UsageTableModel::Grouping::Model);
        compareRows(pane,
                    admin->get("/api/v1/metering/by-model?" + range + "&member_id=" + QByteArray::number(ana))
                        .json()
                        .value("data")
                        .toArray(),
                    "label");

        QVERIFY(window->showPane("dashboard"));
        auto* dashboard = qobject_cast<DashboardPane*>(window->pane("dashboard"));
        QVERIFY(dashboard);
        QVERIFY(dashboard->showsOwnUsage());
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->snapshot().balance.has_value() &&
                                     dashboard->forecastPanel()->forecast().has_value(),
                                 20000);
        const QJsonObject forecast = admin
                                         ->get("/api/v1/metering/forecast?" + accountQuery(f.organization) +
                                               "&member_id=" + QByteArray::number(ana))
                                         .json();
        const QLocale locale;
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->usageText().startsWith("You used"), 10000);
        QVERIFY2(dashboard->usageText().contains(locale.toString(forecast.value("period_usage").toInteger()) +
                                                 " credits from"),
                 qPrintable(dashboard->usageText()));
        QVERIFY2(
            dashboard->usageText().contains(locale.toString(forecast.value("limit_remaining").toInteger()) +
                                            " credits of the limit are left"),
            qPrintable(dashboard->usageText()));
        QVERIFY2(dashboard->usageText().contains("The organization's pool has " +
                                                 locale.toString(dashboard->snapshot().balance->available) +
                                                 " credits available"),
                 qPrintable(dashboard->usageText()));
        QVERIFY2(dashboard->burnText().startsWith(
                     locale.toString(forecast.value("burn_rate_7d").toInteger()) + " credits per day"),
                 qPrintable(dashboard->burnText()));
        const QJsonValue runOut = forecast.value("run_out_at");
        QCOMPARE(dashboard->runOutText(),
                 runOut.isNull()
                     ? QStringLiteral("Not at the current rate")
                     : locale.toString(
                           QDateTime::fromString(runOut.toString(), Qt::ISODateWithMs).toLocalTime().date(),
                           QLocale::LongFormat));
        for (const QJsonValue& value : forecast.value("expiring_unused").toArray()) {
            const QJsonObject entry = value.toObject();
            const QDateTime at =
                QDateTime::fromString(entry.value("expires_at").toString(), Qt::ISODateWithMs);
            QVERIFY(dashboard->forecastPanel()->expiringText().contains(
                locale.toString(at.toLocalTime().date(), QLocale::LongFormat)));
        }
        screenshot(window, "dashboard-member");
    }

    // A manager: their department only, in every grouping, as the server scopes it.
    void usagePaneForAManager()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        ConsoleFixture f({}, Fixture::Catalog::Shipped);
        bookUsage(f);
        if (QTest::currentTestFailed())
            return;
        auto admin = f.fixture.server->client(f.fixture.adminToken);
        qint64 research = 0;
        for (const QJsonValue& department :
             admin->get("/api/v1/organizations/" + QByteArray::number(f.organization) + "/departments")
                 .json()
                 .value("data")
                 .toArray()) {
            if (department.toObject().value("name").toString() == "Research")
                research = department.toObject().value("id").toInteger();
        }
        QVERIFY(research != 0);
        f.fixture.addMemberByOperator(f.organization, "mia@example.com", "manager", research);

        QTemporaryDir dir;
        Application::Options options;
        options.settingsFile = dir.filePath("console.ini");
        Application app(options);
        app.mainWindow()->resize(1280, 1000);
        QVERIFY(signInAs(app, f, "mia@example.com"));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->showPane("usage"));
        auto* pane = qobject_cast<UsagePane*>(window->pane("usage"));
        QVERIFY(pane);
        QVERIFY(waitForUsage(pane));
        QCOMPARE(pane->errorText(), QString());
        const QByteArray range = rangeQuery(f.organization, pane->from(), pane->to()) +
                                 "&department_id=" + QByteArray::number(research);
        // The owner's reports narrowed to Research are what the manager sees.
        compareRows(pane, admin->get("/api/v1/metering/by-model?" + range).json().value("data").toArray(),
                    "label");
        pane->setGrouping(UsageTableModel::Grouping::Member);
        const QJsonArray members =
            admin->get("/api/v1/metering/by-member?" + range).json().value("data").toArray();
        compareRows(pane, members, "member_id");
        for (const UsageRow& row : pane->table()->rows())
            QVERIFY(row.id != f.members.at(2)); // Ben is in Support
        pane->setGrouping(UsageTableModel::Grouping::Department);
        QCOMPARE(pane->table()->rowCount(), 1);
        QCOMPARE(pane->table()->rows().first().id, std::optional<qint64>(research));
    }

    // Offline, the Usage pane shows the last answers it kept and says when they were fetched.
    void usagePaneShowsItsSnapshotsOffline()
    {
        ConsoleFixture f({}, Fixture::Catalog::Shipped);
        bookUsage(f);
        if (QTest::currentTestFailed())
            return;
        QTemporaryDir dir;
        CacheDatabase database;
        QVERIFY(database.open(dir.filePath("cache.sqlite")));
        SnapshotCache snapshots(&database);
        ApiClient api;
        api.setBaseUrl(QUrl(f.url()));
        api.setToken(f.fixture.adminToken);
        UsageClient client(&api);
        SystemClock clock;
        connect(&client, &UsageClient::snapshotFetched, this,
                [&](qint64 organization, const QString& resource, const QJsonObject& document) {
                    snapshots.store(organization, resource, document, clock.now());
                });
        PaneContext context;
        context.clock = &clock;
        context.usage = &client;
        context.snapshots = &snapshots;
        Organization owner;
        owner.id = f.organization;
        owner.role = "owner";
        owner.permissions = QStringList{"credits:read", "organization:read"};
        QList<UsageRow> online;
        {
            UsagePane pane(context);
            QSignalSpy updated(&pane, &UsagePane::updated);
            pane.setOrganization(owner);
            QVERIFY(updated.wait(20000));
            QCOMPARE(pane.errorText(), QString());
            online = pane.table()->rows();
            QCOMPARE(online.size(), 7);
            QVERIFY(pane.forecastPanel()->forecast().has_value());
        }
        const std::optional<CachedDocument> cached = snapshots.load(f.organization, "usage-by-model");
        QVERIFY(cached);
        f.fixture.server->stop();

        UsagePane pane(context);
        QSignalSpy updated(&pane, &UsagePane::updated);
        pane.setOrganization(owner);
        QVERIFY(updated.wait(30000));
        QCOMPARE(pane.errorText(),
                 QStringLiteral("The server cannot be reached. Showing what it said at %1.")
                     .arg(orgtext::dateTime(
                         snapshots.load(f.organization, "usage-by-day-model")->fetchedAt < cached->fetchedAt
                             ? snapshots.load(f.organization, "usage-by-day-model")->fetchedAt
                             : cached->fetchedAt)));
        QCOMPARE(pane.table()->rows().size(), online.size());
        for (int i = 0; i < online.size(); ++i) {
            QCOMPARE(pane.table()->rows().at(i).label, online.at(i).label);
            QCOMPARE(pane.table()->rows().at(i).credits, online.at(i).credits);
        }
        QCOMPARE(pane.dailyChart()->seriesNames().size(), 7);
        QVERIFY(pane.forecastPanel()->forecast().has_value());
    }
};

QTEST_MAIN(TestConsoleGui)
#include "tst_console_gui.moc"
