// Console benchmarks (issue 4). Prints one JSON object.
//
//   bench_console [--rows 1000000] [--sync-rows 100000] [--skip-sync]
//
// 1. A cache with --rows transactions (one organization, members and departments) is written once into a
//    temporary XDG_DATA_HOME. A fresh child process then starts the console the way a user's restart does
//    (remembered session, server unreachable → offline from the cache) and reports: time to a painted
//    dashboard with its figures, filter changes in the transactions pane (first rows shown, count known),
//    scrolling to the end (time until the last rows show, longest GUI-thread stall while it happens), RSS.
// 2. Incremental sync: a real creditdesk-server on loopback; the console syncs, then --sync-rows new
//    transactions are booked (4 client threads) and one sync run fetching them is timed.
#include "ConsoleTestSupport.h"
#include "api/ApiClient.h"
#include "app/MainWindow.h"
#include "cache/AsyncCacheReader.h"
#include "cache/CacheDatabase.h"
#include "credentials/CredentialStore.h"
#include "domain/Clock.h"
#include "domain/Settings.h"
#include "models/TransactionTableModel.h"
#include "sync/SessionController.h"
#include "sync/SyncEngine.h"
#include "views/DashboardPane.h"
#include "views/TransactionsPane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <atomic>
#include <iostream>
#include <thread>

using namespace creditdesk;
using namespace creditdesk::test;

namespace {

const QUrl kServer(QStringLiteral("http://127.0.0.1:1")); // nothing listens: the console starts offline
const QString kEmail = QStringLiteral("bench@example.com");

QElapsedTimer g_processClock;

qint64 rssKiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Longest gap between 2 ms timer ticks on the GUI thread: how long the GUI was blocked.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_worst = 0;
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    double stopMs()
    {
        m_timer.stop();
        return static_cast<double>(m_worst) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

void writeCache(qint64 rows)
{
    CacheDatabase cache;
    if (!cache.open(CacheDatabase::pathFor(kServer, kEmail)))
        qFatal("cannot open the cache");
    Organization organization{1,
                              QStringLiteral("Bench Corp"),
                              QStringLiteral("team"),
                              QStringLiteral("owner"),
                              std::nullopt,
                              {QStringLiteral("organization:read"), QStringLiteral("credits:read")}};
    cache.storeIdentity({1, kEmail, QStringLiteral("Bench User"), false}, {organization});
    QList<Member> members;
    for (int i = 1; i <= 5; ++i)
        members.append({i, QStringLiteral("m%1@example.com").arg(i), QStringLiteral("Member %1").arg(i),
                        QStringLiteral("member"), i % 2 + 1});
    cache.storeMembers(1, members);
    cache.storeDepartments(1, {{1, QStringLiteral("Research")}, {2, QStringLiteral("Support")}});
    const QDateTime end = QDateTime::currentDateTimeUtc();
    constexpr int kChunk = 50'000;
    for (qint64 first = 1; first <= rows; first += kChunk) {
        const int count = static_cast<int>(std::min<qint64>(kChunk, rows - first + 1));
        // One row per 10 s ending now: a million rows span about four months.
        QList<Transaction> page =
            makeTransactions(1, first, count, end.addSecs(-10 * (rows - first - count + 1)));
        for (qsizetype i = 0; i < page.size(); ++i)
            page[i].createdAt = end.addSecs(-10 * (rows - page.at(i).seq));
        if (!cache.applyTransactionsPage(1, page))
            qFatal("cannot write the cache");
    }
    Balance balance{1, 123'456'789, 0, 123'456'789, {}};
    balance.grants.append({1, QStringLiteral("purchase"), 5'000'000'000, balance.balance, 50, end, {}, {}});
    cache.storeBalance(balance);
    cache.setLastSynced(end);
}

int coldStartChild()
{
    // Everything below runs in a fresh process: this is the console's real start-up path.
    Settings settings(qEnvironmentVariable("BENCH_SETTINGS"));
    settings.setValue(Settings::Key::ServerUrl, kServer.toString());
    settings.setValue(Settings::Key::Email, kEmail);
    settings.setValue(Settings::Key::RememberMe, true);
    SystemClock clock;
    ApiClient client;
    CredentialStore credentials(&settings);
    credentials.setMemoryOnly(true);
    credentials.write(kServer, kEmail, QLatin1String(SessionController::kTokenName), "bench-token");
    SessionController session(&client, &credentials, &settings, &clock);
    AsyncCacheReader reader;
    // As Application wires it: the panes' collections to the session, the panes to the window.
    const QList<PaneDescriptor> panes = standardPanes();
    session.setCollections(collectionsOf(panes));
    MainWindow window(&session, panes, PaneContext{&reader, &clock, defaultSaveFileChooser()}, &settings);
    QObject::connect(&session, &SessionController::signedIn, &reader,
                     [&] { reader.setDatabasePath(session.cache()->path()); });
    window.resize(1280, 820);
    window.show();
    session.restore();
    QJsonObject result;

    // Dashboard painted with its figures.
    (void)QTest::qWaitFor([&] { return window.pane(QStringLiteral("dashboard")) != nullptr; }, 10000);
    auto* dashboard = qobject_cast<DashboardPane*>(window.pane(QStringLiteral("dashboard")));
    if (!dashboard->snapshot().balance) {
        QSignalSpy updated(dashboard, &DashboardPane::updated);
        updated.wait(10000);
    }
    dashboard->repaint(); // paint now, synchronously
    result.insert(QStringLiteral("cold_start_to_dashboard_ms"), g_processClock.elapsed());
    result.insert(QStringLiteral("dashboard_transactions"), dashboard->snapshot().transactionCount);

    // Transactions pane: filter changes.
    window.showPane(QStringLiteral("transactions"));
    auto* pane = qobject_cast<TransactionsPane*>(window.pane(QStringLiteral("transactions")));
    TransactionTableModel* model = pane->model();
    QElapsedTimer timer;
    auto measure = [&](const char* name, const std::function<void()>& change) {
        QSignalSpy first(model, &TransactionTableModel::firstPageLoaded);
        QSignalSpy counted(model, &TransactionTableModel::countChanged);
        StallMeter stall;
        stall.start();
        timer.start();
        change();
        if (first.isEmpty())
            first.wait(20000);
        const qint64 shown = timer.elapsed();
        pane->table()->repaint();
        const qint64 painted = timer.elapsed();
        if (!model->isCountKnown())
            counted.wait(20000);
        QJsonObject figures{{QStringLiteral("first_rows_painted_ms"), painted},
                            {QStringLiteral("first_rows_ms"), shown},
                            {QStringLiteral("count_known_ms"), timer.elapsed()},
                            {QStringLiteral("rows"), model->matchingRows()},
                            {QStringLiteral("max_gui_stall_ms"), stall.stopMs()}};
        result.insert(QLatin1String(name), figures);
    };
    measure("open_transactions_pane", [] {});
    if (!model->isCountKnown()) {
        QSignalSpy counted(model, &TransactionTableModel::countChanged);
        counted.wait(20000);
    }
    measure("filter_kind_deduction", [&] { pane->setKindFilter(TransactionKind::Deduction); });
    measure("filter_member", [&] { pane->setMemberFilter(3); });
    measure("filter_last_7_days", [&] { pane->setDateRange(TransactionsPane::DateRange::Last7Days); });
    measure("clear_filters", [&] { pane->clearFilters(); });
    measure("filter_text", [&] { pane->setTextFilter(QStringLiteral("req-4242")); });
    measure("clear_text", [&] { pane->setTextFilter(QString()); });
    measure("sort_by_amount", [&] {
        pane->table()->sortByColumn(static_cast<int>(TransactionColumn::Amount), Qt::AscendingOrder);
    });
    measure("sort_by_date", [&] {
        pane->table()->sortByColumn(static_cast<int>(TransactionColumn::Date), Qt::DescendingOrder);
    });

    // Scroll to the end.
    {
        StallMeter stall;
        stall.start();
        timer.start();
        pane->table()->scrollToBottom();
        const int last = model->rowCount() - 1;
        QApplication::processEvents();
        model->index(last, 0).data(); // what the view asks for when it paints the last rows
        (void)QTest::qWaitFor([&] { return model->index(last, 0).data(LoadedRole).toBool(); }, 20000);
        pane->table()->repaint();
        const qint64 loaded = timer.elapsed();
        // Then drag through the middle: 50 jumps, each painted at once.
        timer.start();
        QScrollBar* bar = pane->table()->verticalScrollBar();
        for (int i = 0; i < 50; ++i) {
            bar->setValue(bar->maximum() / 50 * i);
            pane->table()->repaint();
            QApplication::processEvents();
        }
        const qint64 jumps = timer.elapsed();
        result.insert(QStringLiteral("scroll_to_end"),
                      QJsonObject{{QStringLiteral("last_rows_shown_ms"), loaded},
                                  {QStringLiteral("fifty_jumps_ms"), jumps},
                                  {QStringLiteral("max_gui_stall_ms"), stall.stopMs()}});
    }
    result.insert(QStringLiteral("rss_mib"), static_cast<double>(rssKiB("VmRSS:")) / 1024.0);
    result.insert(QStringLiteral("peak_rss_mib"), static_cast<double>(rssKiB("VmHWM:")) / 1024.0);
    std::cout << QJsonDocument(result).toJson(QJsonDocument::Compact).constData() << std::endl;
    return 0;
}

QJsonObject syncBenchmark(int newRows)
{
    ConsoleFixture f;
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("console.ini")));
    SystemClock clock;
    ApiClient client;
    CredentialStore credentials(&settings);
    credentials.setMemoryOnly(true);
    SessionController session(&client, &credentials, &settings, &clock);
    QSignalSpy signedIn(&session, &SessionController::signedIn);
    session.signIn(QUrl(f.url()), QStringLiteral("admin@example.com"),
                   Fixture::passwordFor(QStringLiteral("admin@example.com")), false);
    signedIn.wait(20000);
    QSignalSpy finished(session.sync(), &SyncEngine::finished);
    finished.wait(60000);

    // Book the new rows with 4 client threads.
    QElapsedTimer booking;
    booking.start();
    std::atomic<int> booked{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            auto http = f.fixture.server->client(f.gateway);
            for (int i = t; i < newRows; i += 4) {
                const HttpResponse response =
                    http->post("/api/v1/credits/deduct",
                               QJsonObject{{QStringLiteral("organization_id"), f.organization},
                                           {QStringLiteral("amount"), 1},
                                           {QStringLiteral("member_id"), f.members.at(1 + i % 2)},
                                           {QStringLiteral("reference"), QStringLiteral("bench-%1").arg(i)}});
                if (response.status == 200 || response.status == 201)
                    ++booked;
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    const qint64 bookingMs = booking.elapsed();

    finished.clear();
    QElapsedTimer timer;
    timer.start();
    session.sync()->syncNow();
    finished.wait(120000);
    const qint64 syncMs = timer.elapsed();
    return QJsonObject{{QStringLiteral("new_rows_booked"), booked.load()},
                       {QStringLiteral("booking_ms"), bookingMs},
                       {QStringLiteral("rows_fetched"), session.sync()->lastRunFetchedRows()},
                       {QStringLiteral("rows_inserted"), session.sync()->lastRunInsertedRows()},
                       {QStringLiteral("ok"), !finished.isEmpty() && finished.first().first().toBool()},
                       {QStringLiteral("sync_ms"), syncMs},
                       {QStringLiteral("rows_per_second"),
                        syncMs > 0 ? static_cast<double>(session.sync()->lastRunFetchedRows()) * 1000.0 /
                                         static_cast<double>(syncMs)
                                   : 0.0}};
}

} // namespace

int main(int argc, char* argv[])
{
    g_processClock.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (argc > 1 && qstrcmp(argv[1], "--child") == 0) {
        QApplication app(argc, argv);
        QApplication::setApplicationName(QStringLiteral("creditdesk"));
        QApplication::setOrganizationName(QStringLiteral("CreditDesk"));
        return coldStartChild();
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("creditdesk"));
    QApplication::setOrganizationName(QStringLiteral("CreditDesk"));
    qint64 rows = 1'000'000;
    int syncRows = 100'000;
    bool skipSync = false;
    const QStringList arguments = QApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--rows") && i + 1 < arguments.size())
            rows = arguments.at(++i).toLongLong();
        else if (arguments.at(i) == QLatin1String("--sync-rows") && i + 1 < arguments.size())
            syncRows = arguments.at(++i).toInt();
        else if (arguments.at(i) == QLatin1String("--skip-sync"))
            skipSync = true;
    }
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    QJsonObject result{{QStringLiteral("cached_transactions"), rows}};
    QElapsedTimer timer;
    timer.start();
    writeCache(rows);
    result.insert(QStringLiteral("cache_write_ms"), timer.elapsed());
    timer.start();
    // What TextIndexer does in the background after a sync.
    result.insert(QStringLiteral("text_index_rows"),
                  CacheDatabase::indexPendingText(CacheDatabase::pathFor(kServer, kEmail)));
    result.insert(QStringLiteral("text_index_ms"), timer.elapsed());
    result.insert(QStringLiteral("cache_file_mib"),
                  static_cast<double>(QFileInfo(CacheDatabase::pathFor(kServer, kEmail)).size()) / 1048576.0);

    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BENCH_SETTINGS"), home.filePath(QStringLiteral("console.ini")));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    timer.start();
    child.start(QApplication::applicationFilePath(), {QStringLiteral("--child")});
    child.waitForFinished(300000);
    const qint64 childWall = timer.elapsed();
    const QByteArray output = child.readAllStandardOutput().trimmed();
    const QJsonObject console = QJsonDocument::fromJson(output.split('\n').last()).object();
    result.insert(QStringLiteral("console"), console);
    result.insert(QStringLiteral("child_wall_ms"), childWall);
    if (!skipSync)
        result.insert(QStringLiteral("incremental_sync"), syncBenchmark(syncRows));
    result.insert(QStringLiteral("targets"), QJsonObject{{QStringLiteral("cold_start_to_dashboard_ms"), 1000},
                                                         {QStringLiteral("filter_change_ms"), 150},
                                                         {QStringLiteral("rss_mib"), 300},
                                                         {QStringLiteral("incremental_sync_100k_ms"), 5000}});
    std::cout << QJsonDocument(result).toJson(QJsonDocument::Indented).constData();
    return 0;
}
