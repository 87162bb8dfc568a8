#include "api/ServerApp.h"

#include "alerts/AlertEngine.h"
#include "alerts/AlertRules.h"
#include "api/MeteringRoutes.h"
#include "api/NotificationRoutes.h"
#include "api/PaymentRoutes.h"
#include "api/ServerContext.h"
#include "audit/AuditTrail.h"
#include "auth/LoginThrottle.h"
#include "billing/BillingJobs.h"
#include "billing/Subscriptions.h"
#include "core/AccessLog.h"
#include "core/Crypto.h"
#include "core/Json.h"
#include "core/Metrics.h"
#include "core/PeriodicJob.h"
#include "http/HttpServer.h"
#include "invoices/AutoRecharge.h"
#include "invoices/CreditPacks.h"
#include "invoices/Invoices.h"
#include "invoices/PeriodClose.h"
#include "invoices/TaxRates.h"
#include "ledger/Ledger.h"
#include "payments/StripePayments.h"
#include "paypal/PayPalClient.h"

#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <iostream>

namespace creditdesk::server {

namespace {

bool isSaneRequestId(const QByteArray& id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.'))
            return false;
    return true;
}

// One JSON object per route: {"method", "path", "access"} (what docs/openapi.yaml's x-access must say).
void printRouteTable(const RouteTable& routes)
{
    QJsonArray table;
    for (const RouteTable::Entry& entry : routes.entries())
        table.append(
            QJsonObject{{QStringLiteral("method"), QString::fromLatin1(entry.method)},
                        {QStringLiteral("path"), entry.pattern},
                        {QStringLiteral("access"), entry.rule.describe()},
                        {QStringLiteral("audit"),
                         entry.auditAction.isEmpty() ? QJsonValue() : QJsonValue(entry.auditAction)}});
    std::cout << QJsonDocument(table).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace

int runServer(const ServeOptions& options)
{
    const DatabaseUrl url = DatabaseUrl::parse(options.databaseUrl);
    const int colon = static_cast<int>(options.listen.lastIndexOf(QLatin1Char(':')));
    bool portOk = false;
    const int port = options.listen.mid(colon + 1).toInt(&portOk);
    if (colon <= 0 || !portOk || port < 0 || port > 65535)
        throw std::invalid_argument("--listen must be <host>:<port>");

    const Clock clock = options.testClock ? Clock::testClock(QDateTime::currentMSecsSinceEpoch())
                                          : Clock(options.clockOffsetMs);
    Store store(url);
    store.open(clock.nowMs());
    // The plan catalog and the tax rates on first start, and a subscription for every account from before
    // plans existed.
    store.runSync([&clock](SqlConnection& db) {
        PlanCatalog(db).seedIfEmpty(clock.nowMs());
        TaxRates(db).seedOnce(clock.nowMs());
        Subscriptions(db, clock.nowMs()).backfill();
        AlertRules(db, clock.nowMs()).backfillBuiltins();
        return ApiResponse{};
    });
    CreditPacks::all(); // the credit pack catalog: an unreadable or invalid one stops the start here
    BillingJobs billingJobs(store, clock);
    // Alerts on expiring credits: at most once a minute of the clock's time (and at every test-clock stop
    // that moves it further), through the writer.
    billingJobs.addDueWork([&store, lastRun = std::optional<qint64>()](qint64 nowMs) mutable {
        if (lastRun && nowMs >= *lastRun && nowMs - *lastRun < 60'000)
            return;
        lastRun = nowMs;
        store.runSync([nowMs](SqlConnection& db) {
            AlertEngine(db, nowMs).evaluateExpiring();
            return ApiResponse{};
        });
    });
    // Card payments through Stripe when STRIPE_API_KEY is set (docs/operations.md "Payments (Stripe)");
    // without it invoices are paid by hand and the portal and webhook answer payments_not_configured.
    std::optional<StripeSettings> stripeSettings = StripeSettings::fromEnvironment(options.stripeApiBase);
    // The period close (docs/admin-guide.md "Invoices"): after the renewals of the same run. With Stripe
    // metered usage, linked accounts' overage goes to Stripe's meter events instead; decided by the same
    // settings that start the reports below (an empty STRIPE_API_KEY starts neither).
    const bool overageToStripe = stripeSettings && !options.stripeMeterEvent.isEmpty();
    billingJobs.addDueWork(
        [&store, overageToStripe](qint64 nowMs) { closeDuePeriods(store, nowMs, overageToStripe); });
    // The pre-billing notice N days before each paid renewal (docs/admin-guide.md "Dunning"), with or
    // without Stripe: once per account and period end, whoever runs it.
    if (options.preBillingNoticeDays > 0)
        billingJobs.addDueWork([&store,
                                noticeMs = qint64(options.preBillingNoticeDays) * 86'400'000](qint64 nowMs) {
            // Nearly every run has none: no command through the writer (nor a PostgreSQL job connection).
            if (Payments(store.reader(), nowMs).preBillingNoticesDue(noticeMs, 1).empty())
                return;
            store.runInChunks(
                [nowMs, noticeMs](SqlConnection& db, int limit) {
                    return static_cast<qint64>(Payments(db, nowMs).sendPreBillingNotices(noticeMs, limit));
                },
                100, 1000);
        });
    BlockingPool blockingPool(2);
    LoginThrottle throttle(5, 15 * 60 * 1000);
    InFlightKeys inFlight;
    ServerContext context{store, clock, blockingPool, throttle, inFlight, ServerSettings{}, {}};
    context.settings.sessionTtlSeconds = options.sessionTtlSeconds;
    context.billingJobs = &billingJobs;
    std::unique_ptr<StripePayments> stripe;
    if (stripeSettings) {
        stripeSettings->schedule.retryDays = options.dunningRetryDays;
        stripeSettings->meterEventName = options.stripeMeterEvent;
        stripe = std::make_unique<StripePayments>(store, clock, std::move(*stripeSettings));
        context.payments = stripe.get();
        // Collection after the period close of the same run (due work runs in order): never inside the
        // close's transactions, one PaymentIntent per invoice and attempt.
        billingJobs.addDueWork([&stripe](qint64 nowMs) { stripe->collectDue(nowMs); });
        if (!stripe->meterEventName().isEmpty())
            billingJobs.addDueWork([&stripe](qint64 nowMs) { stripe->reportUsage(nowMs); });
    }
    // PayPal (docs/admin-guide.md "PayPal"): on when the operator gave its REST app's credentials.
    std::unique_ptr<PayPalClient> paypal;
    if (qEnvironmentVariableIsSet("PAYPAL_CLIENT_ID") && qEnvironmentVariableIsSet("PAYPAL_CLIENT_SECRET"))
        paypal =
            std::make_unique<PayPalClient>(options.paypalApiBase, qEnvironmentVariable("PAYPAL_CLIENT_ID"),
                                           qEnvironmentVariable("PAYPAL_CLIENT_SECRET"));
    context.paypal = paypal.get();
    // Auto-recharge purchases the charges requested (invoices/AutoRecharge.h), through the payment
    // provider when there is one (every run and test-clock stop; cheap when nothing is requested).
    billingJobs.addDueWork(
        [&store, &context](qint64 nowMs) { AutoRecharge::runDue(store, context.payments, nowMs); });

    Router router;
    RouteTable routes(router, context);
    registerSystemRoutes(routes);
    registerAuthRoutes(routes);
    registerOrganizationRoutes(routes);
    registerInvitationRoutes(routes);
    registerSeatRoutes(routes);
    registerBillingRoutes(routes);
    registerInvoiceRoutes(routes);
    registerPayPalRoutes(routes);
    registerTaxRoutes(routes);
    registerPurchaseRoutes(routes);
    registerCouponRoutes(routes);
    registerCreditRoutes(routes);
    registerBudgetRoutes(routes);
    registerAuditRoutes(routes);
    registerRoleRoutes(routes);
    // Notifications: e-mail through --smtp-url, webhooks signed with secrets the master key seals.
    DeliverySettings deliverySettings;
    deliverySettings.smtpUrl = options.smtpUrl;
    deliverySettings.mailFrom = options.mailFrom;
    deliverySettings.masterKey = crypto::MasterKey::fromEnvironment();
    registerNotificationRoutes(routes, deliverySettings);
    registerAlertRoutes(routes);
    registerPaymentRoutes(routes, stripe.get());
    MeteringSettings meteringSettings;
    meteringSettings.retentionDays = options.usageRetentionDays;
    meteringSettings.jobIntervalMs = std::max(50, options.jobsIntervalMs);
    MeteringModule metering(routes, meteringSettings);

    Metrics metrics;
    std::atomic<quint64> shedConnections{0};
    routes.add("GET", QStringLiteral("/metrics"), AccessRule::publicRoute(),
               [&](ServerContext&, const Call&) {
                   const StoreStatistics& statistics = store.statistics();
                   QByteArray extra =
                       "# TYPE creditdesk_store_commits_total counter\ncreditdesk_store_commits_total " +
                       QByteArray::number(statistics.groups.load()) +
                       "\n# TYPE creditdesk_store_commands_total counter\ncreditdesk_store_commands_total " +
                       QByteArray::number(statistics.commands.load()) +
                       "\n# TYPE creditdesk_store_failed_commits_total "
                       "counter\ncreditdesk_store_failed_commits_total " +
                       QByteArray::number(statistics.failedGroups.load()) +
                       "\n# TYPE creditdesk_store_replayed_groups_total "
                       "counter\ncreditdesk_store_replayed_groups_total " +
                       QByteArray::number(statistics.replayedGroups.load()) +
                       "\n# TYPE creditdesk_store_queue_depth gauge\ncreditdesk_store_queue_depth " +
                       QByteArray::number(static_cast<qulonglong>(store.queueDepth())) +
                       "\n# TYPE creditdesk_http_shed_connections_total "
                       "counter\ncreditdesk_http_shed_connections_total " +
                       QByteArray::number(shedConnections.load()) + '\n';
                   ApiResponse response;
                   response.contentType = "text/plain; version=0.0.4";
                   response.body = metrics.render(extra);
                   return response;
               });

    if (options.printRoutes) {
        printRouteTable(routes);
        return 0;
    }

    AccessLog accessLog(options.accessLog);
    std::atomic<quint64> requestCounter{0};
    const QByteArray requestIdPrefix = crypto::randomBytes(4).toHex() + '-';
    // The client's X-Request-ID when it is usable, else a new one; also for the front end's own answers.
    auto requestIdFor = [&](const QByteArray& fromClient) {
        return isSaneRequestId(fromClient) ? fromClient
                                           : requestIdPrefix + QByteArray::number(++requestCounter);
    };

    HttpServerConfig config;
    config.host = options.listen.left(colon).toStdString();
    config.port = static_cast<unsigned short>(port);
    config.ioThreads = std::max(1, options.ioThreads);
    for (const QString& proxy : options.trustedProxies)
        config.trustedProxies.push_back(proxy.toStdString());
    config.onDrainStarted = [&context] { context.ready = false; };
    config.maxConnections =
        options.maxConnections > 0 ? options.maxConnections : defaultMaxConnections(config.ioThreads);
    config.requestId = requestIdFor;
    config.onConnectionShed = [&shedConnections] { ++shedConnections; };

    // Fans outbox events out and sends what is due, on a thread of its own, so a slow receiver never
    // delays the billing jobs: every --jobs-interval-ms, soon after every successful write (it may have
    // written an event; at most one extra run per 200 ms however many writes), and with a test clock at
    // every clock stop, so retries follow the moved clock.
    DeliveryJob deliveries(store, deliverySettings);
    if (options.testClock)
        billingJobs.addDueWork([&deliveries](qint64 nowMs) { deliveries.runDue(nowMs); });
    PeriodicJob deliveryJob(std::chrono::milliseconds(std::max(50, options.jobsIntervalMs)),
                            [&deliveries, &clock] { deliveries.runDue(clock.nowMs()); });

    auto dispatch = [&](ApiRequest&& request, Responder respond) {
        request.requestId = requestIdFor(request.requestId);
        const QByteArray requestId = request.requestId;
        const bool write = request.method != "GET" && request.method != "HEAD";
        Responder tagged = [requestId, write, &deliveryJob,
                            respond = std::move(respond)](ApiResponse response) {
            if (write && response.status < 400)
                deliveryJob.wake();
            response.setHeader("X-Request-ID", requestId);
            respond(std::move(response));
        };
        const Router::Match match = router.match(request.method, request.path);
        if (!match.handler) {
            if (match.allow.isEmpty()) {
                tagged(errorResponse(QStringLiteral("not_found"), QStringLiteral("No such endpoint")));
            } else {
                ApiResponse response =
                    errorResponse(QStringLiteral("method_not_allowed"),
                                  QStringLiteral("This endpoint does not accept this method"));
                response.setHeader("Allow", match.allow);
                tagged(std::move(response));
            }
            return;
        }
        request.pathParams = match.params;
        try {
            (*match.handler)(request, tagged);
        } catch (const ApiError& error) {
            tagged(errorResponse(error));
        } catch (const std::exception& error) {
            qWarning("request %s failed: %s", requestId.constData(), error.what());
            tagged(errorResponse(QStringLiteral("internal_error"),
                                 QStringLiteral("Something went wrong on our side")));
        }
    };
    auto logRequest = [&](const AccessLogEntry& entry) {
        metrics.recordRequest(entry.status, entry.duration);
        accessLog.write(entry.request, entry.status, entry.responseBytes, entry.duration);
    };

    HttpServer server(config, dispatch, logRequest);
    const unsigned short boundPort = server.listen();
    // Grant and hold expiry, renewals and daily refreshes, through the writer like every other write.
    const PeriodicJob dueJobs(std::chrono::milliseconds(std::max(50, options.jobsIntervalMs)),
                              [&billingJobs] { billingJobs.runDue(); });
    // Stored idempotency keys past their retention, a bounded chunk per write so requests never wait long.
    // Retention is counted in days: once a minute is often enough, and keeps the scan off the hot path.
    const qint64 keyRetentionMs = options.idempotencyRetentionDays * 24 * 3600 * 1000;
    const PeriodicJob keyRetentionJob(std::chrono::minutes(1), [&store, &clock, keyRetentionMs] {
        const qint64 cutoff = clock.nowMs() - keyRetentionMs;
        store.runInChunks([cutoff](SqlConnection& db, int limit) {
            return IdempotencyKeys::purgeBefore(db, cutoff, limit);
        });
    });
    context.ready = true;
    std::cout << "listening on " << config.host << ':' << boundPort << std::endl;
    server.run(); // returns after SIGTERM once in-flight requests are answered
    context.ready = false;
    std::cerr << "shutting down: in-flight requests drained" << std::endl;
    return 0;
}

} // namespace creditdesk::server
