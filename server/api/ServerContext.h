#pragma once

#include "api/RouteTable.h"
#include "audit/AuditTrail.h"
#include "auth/Access.h"
#include "auth/PrincipalCache.h"
#include "core/ApiTypes.h"
#include "core/BlockingPool.h"
#include "core/Clock.h"
#include "ledger/Ledger.h"
#include "store/Store.h"

#include <QMutex>
#include <QSet>

#include <atomic>

namespace creditdesk::server {

class LoginThrottle;
class BillingJobs;
class PaymentCollector;
class PayPalClient;

struct ServerSettings
{
    qint64 sessionTtlSeconds = 12 * 3600;
    int loginFailuresPerWindow = 5;
    qint64 loginWindowSeconds = 15 * 60;
};

// Keys whose command is queued or running in this process: a second request with the same key
// gets 409 idempotency_in_progress instead of waiting (Stripe behaves the same).
class InFlightKeys
{
public:
    bool tryEnter(const QString& key);
    void leave(const QString& key);

private:
    QMutex m_mutex;
    QSet<QString> m_keys;
};

// What every route handler may use; built once by ServerApp (the composition root).
struct ServerContext
{
    Store& store;
    const Clock& clock;
    BlockingPool& blockingPool;
    LoginThrottle& loginThrottle;
    InFlightKeys& inFlightKeys;
    ServerSettings settings;
    std::atomic<bool> ready{false};
    PrincipalCache principals{};
    // Bumped after every committed write of organizations, members and billing terms (submitWrite), so
    // caches of what those say (MeteringTargetCache) start over.
    std::atomic<quint64> directoryGeneration{0};
    BillingJobs* billingJobs = nullptr;   // the test clock runs what falls due when it moves
    PaymentCollector* payments = nullptr; // none without a payment provider (invoices/PaymentCollector.h)
    PayPalClient* paypal = nullptr;       // none without PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET

    Principal authenticate(const ApiRequest& request);
};

// Submits a balance-changing command through the writer with Idempotency-Key semantics (docs/design.md §4):
// the key is unique per caller and stored in the same transaction as the effect; a replay answers the
// original status and body with "Idempotent-Replayed: true"; the same key with another body is 409.
// Only successful results are stored: a refused request changed nothing and may be retried as it is.
// The change and its audit entry (call.audit()) commit together.
void submitIdempotent(ServerContext& context, const Call& call, const QByteArray& canonicalBody,
                      WriteCommand command, Responder responder);
// submitIdempotent in two steps, for handlers that do blocking work (on the blocking pool) before they
// write: everything is taken from the call now (which does not outlive the handler), the key checked
// (400 invalid_idempotency_key), and the returned function submits later. It needs an Idempotency-Key.
using IdempotentSubmit = std::function<void(WriteCommand, Responder)>;
IdempotentSubmit idempotentSubmitter(ServerContext& context, const Call& call,
                                     const QByteArray& canonicalBody);

// Wraps a write so that, when it succeeds, the audit entry `audit` describes is appended in the same
// savepoint (audit/AuditTrail.h): the entry exists exactly when the change does.
WriteCommand audited(AuditContext audit, qint64 nowMs, WriteCommand command);
// The entry `audit` describes, with what the command added to it (`note` overrides the defaults), ready
// to append (its texts in UTF-8).
AuditRecord auditEntryOf(const AuditContext& audit, qint64 nowMs, const AuditNote& note);
// The same with the summary given in UTF-8 instead of note.summary: for the track coalescer, which
// writes one for every usage event.
AuditRecord auditEntryOf(const AuditContext& audit, qint64 nowMs, const AuditNote& note,
                         QByteArray summaryUtf8);

// Submits a write without idempotency (organization and member management, billing terms, prices);
// bumps directoryGeneration once it has committed.
void submitWrite(ServerContext& context, const AuditContext& audit, WriteCommand command,
                 Responder responder);

// The caller as the actor of a ledger movement (user or API token).
Attribution actorOf(const Principal& principal);

void registerSystemRoutes(RouteTable& routes);
void registerAuthRoutes(RouteTable& routes);
void registerOrganizationRoutes(RouteTable& routes);
void registerCreditRoutes(RouteTable& routes);
void registerBudgetRoutes(RouteTable& routes);
void registerAuditRoutes(RouteTable& routes);
void registerBillingRoutes(RouteTable& routes);
void registerInvoiceRoutes(RouteTable& routes);
void registerTaxRoutes(RouteTable& routes);
void registerPurchaseRoutes(RouteTable& routes);
void registerCouponRoutes(RouteTable& routes);
void registerRoleRoutes(RouteTable& routes);
void registerInvitationRoutes(RouteTable& routes);
void registerSeatRoutes(RouteTable& routes);
void registerAlertRoutes(RouteTable& routes);
void registerPayPalRoutes(RouteTable& routes);

} // namespace creditdesk::server
