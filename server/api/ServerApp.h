#pragma once

#include <QString>
#include <QStringList>

#include <cstddef>
#include <vector>

namespace creditdesk::server {

struct ServeOptions
{
    QString databaseUrl;
    QString listen = QStringLiteral("127.0.0.1:8080");
    int ioThreads = 2;
    QString accessLog = QStringLiteral("-"); // "-" stderr, "off", or a file path
    int jobsIntervalMs = 5000;
    qint64 sessionTtlSeconds = 12 * 3600;
    qint64 clockOffsetMs = 0;
    bool testClock = false; // the clock stands still and platform admins move it (POST /admin/test-clock)
    qint64 usageRetentionDays = 90;       // raw usage events older than this are purged (rollups stay)
    qint64 idempotencyRetentionDays = 30; // stored Idempotency-Key responses older than this are purged
    QStringList trustedProxies;           // whose X-Forwarded-For names the client (HttpServerConfig)
    std::size_t maxConnections = 0;       // open HTTP connections at most; 0: from the descriptor limit
    bool printRoutes = false;             // print the route table as JSON and return instead of serving
    QString smtpUrl;                      // notification e-mail; empty: none (alerts/Deliveries.h)
    QString mailFrom = QStringLiteral("creditdesk@localhost");
    QString paypalApiBase = QStringLiteral("https://api-m.paypal.com"); // with PAYPAL_CLIENT_ID/_SECRET
    QString stripeApiBase; // empty: https://api.stripe.com (payments/StripePayments.h)
    std::vector<int> dunningRetryDays{1, 3, 5, 7}; // retries of a failed collection, days after the first
    QString stripeMeterEvent;     // Stripe metered usage: the meter's event_name; empty: overage is invoiced
    int preBillingNoticeDays = 3; // the notice before each paid renewal (0: none)
};

// The composition root of `creditdesk-server serve`: builds the store, router, handlers, jobs and the
// HTTP front end, prints "listening on <host>:<port>" and serves until SIGTERM. Returns the exit status.
int runServer(const ServeOptions& options);

} // namespace creditdesk::server
