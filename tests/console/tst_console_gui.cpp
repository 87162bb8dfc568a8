// Drives the real main window under the offscreen platform: demo mode (a child creditdesk-server seeded
// with seed-demo), each pane, filters, CSV export, the demo role switch, and sign-in through the dialog
// against a test server without a keychain service. Saves a screenshot of each pane into the build
// folder (tests/console/screenshots); docs/screenshots holds copies.
#include "ConsoleTestSupport.h"
#include "app/Application.h"
#include "app/LocalServer.h"
#include "app/MainWindow.h"
#include "credentials/CredentialStore.h"
#include "domain/Credits.h"
#include "models/TransactionTableModel.h"
#include "sync/SessionController.h"
#include "sync/SyncEngine.h"
#include "views/DashboardPane.h"
#include "views/SignInDialog.h"
#include "views/TransactionsPane.h"

#include <QApplication>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPalette>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;
using namespace creditdesk::test;

class TestConsoleGui : public QObject
{
    Q_OBJECT

private:
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

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir().mkpath(m_shots);
        // A fresh demo every run (only the demo folder: other console tests may run beside this one).
        QDir(Application::demoDirectory()).removeRecursively();
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
            [exportFile](QWidget*, const QString&, std::function<void(const QString&)> chosen) { chosen(exportFile); });
        app.mainWindow()->resize(1280, 820);
        QSignalSpy signedIn(app.session(), &SessionController::signedIn);
        app.start();
        QVERIFY(signedIn.wait(120000));
        QVERIFY(app.localServer()->isRunning());
        QVERIFY(waitForSyncOk(app));
        MainWindow* window = app.mainWindow();
        QVERIFY(window->isVisible());
        QCOMPARE(window->visiblePaneIds(), QStringList({"dashboard", "transactions"}));
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

        // Transactions: filter by kind and text, select a row for the detail panel, export
        QVERIFY(window->showPane("transactions"));
        auto* transactions = qobject_cast<TransactionsPane*>(window->pane("transactions"));
        QVERIFY(transactions);
        QVERIFY(waitForPane(transactions));
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

        QSignalSpy exported(transactions, &TransactionsPane::exportFinished);
        window->exportAction()->trigger();
        QVERIFY(exported.wait(60000));
        QVERIFY(exported.first().at(0).toBool());
        const qint64 rows = exported.first().at(1).toLongLong();
        QCOMPARE(rows, transactions->model()->matchingRows());
        QFile csv(exportFile);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), rows + 1);

        // Demo role switch: finance, then member (sees only their own movements)
        QSignalSpy again(app.session(), &SessionController::signedIn);
        app.switchDemoRole("finance");
        QVERIFY(again.wait(30000));
        QVERIFY(waitForSyncOk(app));
        QVERIFY(window->statusText().contains("Finance"));
        QCOMPARE(window->visiblePaneIds(), QStringList({"dashboard", "transactions"}));
        app.switchDemoRole("member");
        QVERIFY(again.wait(30000));
        QVERIFY(waitForSyncOk(app));
        QVERIFY(window->statusText().contains("Member"));
        QVERIFY(window->showPane("transactions"));
        transactions = qobject_cast<TransactionsPane*>(window->pane("transactions"));
        QVERIFY(waitForPane(transactions));
        QVERIFY(transactions->model()->matchingRows() < all);
        screenshot(window, "transactions-member");

        // The child server stops with the console.
        app.localServer()->stop();
        QVERIFY(!app.localServer()->isRunning());
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
        QSignalSpy failed(app.session(), &SessionController::signInFailed);
        dialog->submit(QUrl(f.url()), "admin@example.com", "wrong-password", true);
        QVERIFY(failed.wait(20000));
        QVERIFY(dialog->isVisible());
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
        QVERIFY(app.mainWindow()->showPane("dashboard"));
        auto* dashboard = qobject_cast<DashboardPane*>(app.mainWindow()->pane("dashboard"));
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->snapshot().balance.has_value(), 10000);
        screenshot(app.mainWindow(), "offline");

        QSignalSpy signedOut(app.session(), &SessionController::signedOut);
        app.mainWindow()->signOutAction()->trigger();
        QVERIFY(signedOut.wait(20000));
        QTRY_VERIFY(dialog->isVisible());
    }
};

QTEST_MAIN(TestConsoleGui)
#include "tst_console_gui.moc"
