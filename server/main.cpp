// creditdesk-server: serve | bootstrap | migrate | verify | seed-demo
#include "api/ServerApp.h"
#include "audit/AuditTrail.h"
#include "core/Clock.h"
#include "core/Crypto.h"
#include "demo/DemoSeeder.h"
#include "http/HttpServer.h"
#include "ledger/Verifier.h"
#include "orgs/Directory.h"
#include "store/Migrations.h"
#include "store/Sql.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QProcessEnvironment>
#include <QThread>

#include <algorithm>
#include <iostream>
#include <malloc.h>

using namespace creditdesk::server;

namespace {

const char* kUsage = R"(Usage: creditdesk-server <command> [options]

Commands:
  serve      Run the REST API (default database: $DATABASE_URL or sqlite:creditdesk.db)
  bootstrap  Create the first platform administrator
  migrate    Apply database migrations and exit
  verify     Check every ledger invariant; exit 0 only if all hold
  seed-demo  Create the demo organization "Demo Labs" with 90 days of history (idempotent)

Run 'creditdesk-server <command> --help' for the options of a command,
'creditdesk-server --version' for the version.
)";

QString defaultDatabase()
{
    const QString fromEnvironment = qEnvironmentVariable("DATABASE_URL");
    return fromEnvironment.isEmpty() ? QStringLiteral("sqlite:creditdesk.db") : fromEnvironment;
}

QCommandLineOption databaseOption()
{
    return QCommandLineOption(
        QStringList{QStringLiteral("database"), QStringLiteral("d")},
        QStringLiteral("Database URL: sqlite:<path> or postgresql://user@host:port/db."),
        QStringLiteral("url"), defaultDatabase());
}

void parseOrExit(QCommandLineParser& parser, const QStringList& arguments, const QString& description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.process(arguments);
}

int serve(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address to listen on (port 0: any free port)."),
                                    QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8080"));
    // One HTTP thread fewer than the cores: the store's writer needs a core of its own (on 2 cores, one
    // HTTP thread gave 5-10% more single metering events per second than two).
    const QCommandLineOption threads(
        QStringLiteral("threads"), QStringLiteral("HTTP I/O threads (default: cores - 1, at least 1)."),
        QStringLiteral("n"), QString::number(std::max(1, QThread::idealThreadCount() - 1)));
    const QCommandLineOption accessLog(QStringLiteral("access-log"),
                                       QStringLiteral("Access log: '-' for stderr, 'off', or a file path."),
                                       QStringLiteral("dest"), QStringLiteral("-"));
    const QCommandLineOption jobsInterval(
        QStringLiteral("jobs-interval-ms"),
        QStringLiteral("How often the jobs run (expiry, renewals, daily refreshes)."), QStringLiteral("ms"),
        QStringLiteral("5000"));
    const QCommandLineOption sessionTtl(QStringLiteral("session-ttl"),
                                        QStringLiteral("Session lifetime in seconds."),
                                        QStringLiteral("seconds"), QStringLiteral("43200"));
    const QCommandLineOption usageRetention(
        QStringLiteral("usage-retention-days"),
        QStringLiteral("Purge raw usage events older than this (at least 36; rollups "
                       "are kept)."),
        QStringLiteral("days"), QStringLiteral("90"));
    const QCommandLineOption keyRetention(
        QStringLiteral("idempotency-retention-days"),
        QStringLiteral("Forget stored Idempotency-Key responses after this many days "
                       "(at least 1); a key sent again later is processed anew."),
        QStringLiteral("days"), QStringLiteral("30"));
    const QCommandLineOption trustedProxy(
        QStringLiteral("trusted-proxy"),
        QStringLiteral("A reverse proxy's IP address whose X-Forwarded-For names the "
                       "client (repeatable)."),
        QStringLiteral("ip"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        QStringLiteral(
            "Open HTTP connections at most; beyond it the longest idle one is closed (default: the "
            "open-files limit minus 32 and 4 per thread, at least 16)."),
        QStringLiteral("n"));
    const QCommandLineOption printRoutes(
        QStringLiteral("print-routes"),
        QStringLiteral(
            "Print the route table (method, path, access rule) as JSON and exit, without listening."));
    const QCommandLineOption testClock(
        QStringLiteral("test-clock"),
        QStringLiteral("Start a test clock: time stands still until a platform administrator moves it with "
                       "POST /api/v1/admin/test-clock (for end-to-end tests of renewals and expiry)."));
    const QCommandLineOption smtpUrl(
        QStringLiteral("smtp-url"),
        QStringLiteral("SMTP server for notification e-mail (smtp://host:port, smtps://host:port); without "
                       "it no e-mail is sent (and none queued)."),
        QStringLiteral("url"));
    const QCommandLineOption mailFrom(QStringLiteral("mail-from"),
                                      QStringLiteral("Sender address of notification e-mail."),
                                      QStringLiteral("address"), QStringLiteral("creditdesk@localhost"));
    const QCommandLineOption paypalApiBase(
        QStringLiteral("paypal-api-base"),
        QStringLiteral("PayPal's REST API (https://api-m.sandbox.paypal.com for the sandbox); PayPal is on "
                       "when PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET are set."),
        QStringLiteral("url"), QStringLiteral("https://api-m.paypal.com"));
    const QCommandLineOption stripeApiBase(
        QStringLiteral("stripe-api-base"),
        QStringLiteral("Base URL of Stripe's API (default https://api.stripe.com; tests point it at local "
                       "peers). Stripe is used only when STRIPE_API_KEY is set."),
        QStringLiteral("url"));
    const QCommandLineOption dunningRetryDays(
        QStringLiteral("dunning-retry-days"),
        QStringLiteral("Days after the first failed collection at which it is retried, comma-separated and "
                       "increasing (default 1,3,5,7); after the last the invoice is uncollectible."),
        QStringLiteral("days"), QStringLiteral("1,3,5,7"));
    const QCommandLineOption stripeMeterEvent(
        QStringLiteral("stripe-meter-event"),
        QStringLiteral(
            "Bill overage through Stripe Billing: report each Stripe-linked account's daily overage "
            "(in credits) as meter events with this event_name, instead of invoicing it."),
        QStringLiteral("name"));
    const QCommandLineOption preBillingNoticeDays(
        QStringLiteral("prebilling-notice-days"),
        QStringLiteral(
            "Days before each paid renewal at which the account is notified (default 3; 0: never)."),
        QStringLiteral("days"), QStringLiteral("3"));
    parser.addOptions({database, listen, threads, accessLog, jobsInterval, sessionTtl, usageRetention,
                       keyRetention, trustedProxy, maxConnections, printRoutes, testClock, smtpUrl, mailFrom,
                       paypalApiBase, stripeApiBase, stripeMeterEvent, dunningRetryDays,
                       preBillingNoticeDays});
    parseOrExit(parser, arguments, QStringLiteral("Serve the CreditDesk REST API until SIGTERM."));
    ServeOptions options;
    options.databaseUrl = parser.value(database);
    options.printRoutes = parser.isSet(printRoutes);
    options.testClock = parser.isSet(testClock);
    options.listen = parser.value(listen);
    options.ioThreads = parser.value(threads).toInt();
    options.accessLog = parser.value(accessLog);
    options.jobsIntervalMs = parser.value(jobsInterval).toInt();
    options.sessionTtlSeconds = std::max<qint64>(60, parser.value(sessionTtl).toLongLong());
    // Events up to 35 days old are accepted, so their ids must be kept at least that long to stay
    // exactly-once.
    options.usageRetentionDays = parser.value(usageRetention).toLongLong();
    if (options.usageRetentionDays < 36) {
        std::cerr << "--usage-retention-days must be at least 36 (events up to 35 days old are accepted)\n";
        return 2;
    }
    for (const QString& proxy : parser.values(trustedProxy)) {
        // Compared with the peer address as the server prints it, so the spelling must be canonical.
        const auto address = canonicalIpAddress(proxy.toStdString());
        if (!address) {
            std::cerr << "--trusted-proxy must be an IP address\n";
            return 2;
        }
        options.trustedProxies.append(QString::fromStdString(*address));
    }
    if (parser.isSet(maxConnections)) {
        bool ok = false;
        const qlonglong cap = parser.value(maxConnections).toLongLong(&ok);
        if (!ok || cap < 1) {
            std::cerr << "--max-connections must be at least 1\n";
            return 2;
        }
        options.maxConnections = static_cast<std::size_t>(cap);
    }
    options.idempotencyRetentionDays = parser.value(keyRetention).toLongLong();
    if (options.idempotencyRetentionDays < 1) {
        std::cerr << "--idempotency-retention-days must be at least 1\n";
        return 2;
    }
    options.smtpUrl = parser.value(smtpUrl);
    if (!options.smtpUrl.isEmpty() && !options.smtpUrl.startsWith(QLatin1String("smtp://")) &&
        !options.smtpUrl.startsWith(QLatin1String("smtps://"))) {
        std::cerr << "--smtp-url must be smtp://host:port or smtps://host:port\n";
        return 2;
    }
    options.paypalApiBase = parser.value(paypalApiBase);
    if (!options.paypalApiBase.startsWith(QLatin1String("https://")) &&
        !options.paypalApiBase.startsWith(QLatin1String("http://"))) {
        std::cerr << "--paypal-api-base must be an http(s) URL\n";
        return 2;
    }
    options.mailFrom = parser.value(mailFrom);
    options.stripeApiBase = parser.value(stripeApiBase);
    options.stripeMeterEvent = parser.value(stripeMeterEvent);
    if (options.stripeMeterEvent.size() > 100) {
        std::cerr << "--stripe-meter-event is at most 100 characters (Stripe's limit)\n";
        return 2;
    }
    if (!options.stripeApiBase.isEmpty() && !options.stripeApiBase.startsWith(QLatin1String("https://")) &&
        !options.stripeApiBase.startsWith(QLatin1String("http://"))) {
        std::cerr << "--stripe-api-base must be an http(s) URL\n";
        return 2;
    }
    bool noticeOk = false;
    options.preBillingNoticeDays = parser.value(preBillingNoticeDays).toInt(&noticeOk);
    if (!noticeOk || options.preBillingNoticeDays < 0 || options.preBillingNoticeDays > 28) {
        std::cerr << "--prebilling-notice-days must be between 0 and 28\n";
        return 2;
    }
    options.dunningRetryDays.clear();
    for (const QString& part : parser.value(dunningRetryDays).split(QLatin1Char(','))) {
        bool ok = false;
        const int days = part.trimmed().toInt(&ok);
        if (!ok || days < 1 || days > 365 ||
            (!options.dunningRetryDays.empty() && days <= options.dunningRetryDays.back())) {
            std::cerr << "--dunning-retry-days must be increasing whole days between 1 and 365 (1,3,5,7)\n";
            return 2;
        }
        options.dunningRetryDays.push_back(days);
    }
    if (!options.mailFrom.contains(QLatin1Char('@'))) {
        std::cerr << "--mail-from must be an e-mail address\n";
        return 2;
    }
    // For expiry drills against a real process only; see docs/operations.md.
    options.clockOffsetMs = qEnvironmentVariable("CREDITDESK_CLOCK_OFFSET_SECONDS").toLongLong() * 1000;
    return runServer(options);
}

int bootstrap(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("The administrator's e-mail."),
                                   QStringLiteral("email"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Display name."),
                                  QStringLiteral("name"), QStringLiteral("Platform Admin"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          QStringLiteral("File holding the password (first line)."),
                                          QStringLiteral("file"));
    parser.addOptions({database, email, name, passwordFile});
    parseOrExit(parser, arguments, QStringLiteral("Create the first platform administrator."));
    const QString address = directory::normalizeEmail(parser.value(email));
    if (address.isEmpty() || !parser.isSet(passwordFile)) {
        std::cerr << "bootstrap needs --email <valid address> and --password-file <file>\n";
        return 2;
    }
    QFile file(parser.value(passwordFile));
    if (!file.open(QIODevice::ReadOnly)) {
        std::cerr << "cannot read the password file\n";
        return 2;
    }
    // The first line exactly as written: only its line break is dropped (spaces belong to the password).
    QByteArray line = file.readLine();
    if (line.endsWith('\n'))
        line.chop(line.endsWith("\r\n") ? 2 : 1);
    const QString password = QString::fromUtf8(line);
    if (!directory::isValidPassword(password)) {
        std::cerr << "the password must have 8 to 256 characters\n";
        return 2;
    }
    const qint64 now = Clock().nowMs();
    SqlConnection db(DatabaseUrl::parse(parser.value(database)), QStringLiteral("bootstrap"));
    applyMigrations(db, now);
    db.begin();
    try {
        if (directory::userIdByEmail(db, address)) {
            db.rollback();
            std::cerr << "a user with this e-mail already exists\n";
            return 1;
        }
        const qint64 id =
            directory::createUser(db, address, parser.value(name), crypto::hashPassword(password), true, now,
                                  directory::SignupCredits::None);
        db.commit();
        std::cout << "created platform admin " << address.toStdString() << " (user " << id << ")\n";
    } catch (...) {
        db.rollback();
        throw;
    }
    return 0;
}

int migrate(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption database = databaseOption();
    parser.addOption(database);
    parseOrExit(parser, arguments, QStringLiteral("Apply database migrations and exit."));
    SqlConnection db(DatabaseUrl::parse(parser.value(database)), QStringLiteral("migrate"));
    const int applied = applyMigrations(db, Clock().nowMs());
    std::cout << "applied " << applied << " migration(s); schema version " << latestSchemaVersion() << "\n";
    return 0;
}

int verify(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption database = databaseOption();
    parser.addOption(database);
    parseOrExit(
        parser, arguments,
        QStringLiteral("Check every ledger invariant and the audit chain; exit status 0 only if all hold."));
    SqlConnection db(DatabaseUrl::parse(parser.value(database)), QStringLiteral("verify"));
    QStringList problems = verifyLedger(db);
    if (const auto broken = AuditTrail(db).firstBrokenLink())
        problems.append(*broken);
    for (const QString& problem : problems)
        std::cout << problem.toStdString() << "\n";
    if (!problems.isEmpty()) {
        std::cout << problems.size() << " problem(s) found\n";
        return 1;
    }
    std::cout << "ledger ok\n";
    return 0;
}

int seedDemo(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption database = databaseOption();
    parser.addOption(database);
    parseOrExit(parser, arguments,
                QStringLiteral(
                    "Create the demo organization \"Demo Labs\": departments, 20+ members with every role "
                    "(password 'demo-password'), a platform admin, grants and 90 days of usage. Does nothing "
                    "when it already exists."));
    const qint64 now = Clock().nowMs();
    SqlConnection db(DatabaseUrl::parse(parser.value(database)), QStringLiteral("seed-demo"));
    applyMigrations(db, now);
    db.begin();
    DemoSeedResult result;
    try {
        result = DemoSeeder(db, now).run();
        db.commit();
    } catch (...) {
        db.rollback();
        throw;
    }
    if (result.alreadySeeded) {
        std::cout << "already seeded: organization \"" << DemoSeeder::kOrganizationName << "\" exists (id "
                  << result.organizationId << ")\n";
        return 0;
    }
    std::cout << "seeded organization \"" << DemoSeeder::kOrganizationName << "\" (id "
              << result.organizationId << "): " << result.usageEvents << " usage events over 90 days\n"
              << "sign in with password '" << DemoSeeder::kPassword << "' as:\n";
    for (const QString& line : result.signIns)
        std::cout << "  " << line.toStdString() << "\n";
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    // Requests allocate and free many small blocks on several threads; glibc's default trimming then
    // hands pages back to the kernel after nearly every burst (madvise + TLB shootdowns across cores),
    // which cost more CPU than the requests themselves under load. Keep freed memory for reuse.
    mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("creditdesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CREDITDESK_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() == 2 &&
        (arguments[1] == QLatin1String("--version") || arguments[1] == QLatin1String("-v"))) {
        std::cout << "creditdesk-server " << CREDITDESK_VERSION << "\n";
        return 0;
    }
    if (arguments.size() < 2 || arguments[1] == QLatin1String("--help") ||
        arguments[1] == QLatin1String("-h")) {
        std::cout << kUsage;
        return arguments.size() < 2 ? 2 : 0;
    }
    const QString command = arguments.takeAt(1);
    try {
        if (command == QLatin1String("serve"))
            return serve(arguments);
        if (command == QLatin1String("bootstrap"))
            return bootstrap(arguments);
        if (command == QLatin1String("migrate"))
            return migrate(arguments);
        if (command == QLatin1String("verify"))
            return verify(arguments);
        if (command == QLatin1String("seed-demo"))
            return seedDemo(arguments);
    } catch (const std::exception& error) {
        std::cerr << "creditdesk-server " << command.toStdString() << ": " << error.what() << "\n";
        return 1;
    }
    std::cerr << "unknown command '" << command.toStdString() << "'\n" << kUsage;
    return 2;
}
