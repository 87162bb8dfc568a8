#pragma once

#include "core/ApiTypes.h"
#include "core/Clock.h"
#include "invoices/PaymentCollector.h"
#include "payments/Payments.h"
#include "payments/StripeClient.h"
#include "store/Store.h"

#include <QJsonObject>

#include <optional>

namespace creditdesk::server {

// How the server reaches Stripe (docs/operations.md "Payments (Stripe)"): STRIPE_API_KEY,
// STRIPE_WEBHOOK_SECRET and --stripe-api-base. Without an API key there is no StripePayments at all.
struct StripeSettings
{
    QString apiBase = QStringLiteral("https://api.stripe.com");
    QByteArray apiKey;        // never logged
    QByteArray webhookSecret; // whsec_…; without it every webhook is refused (payments_not_configured)
    DunningSchedule schedule;
    int timeoutMs = 20000;
    // Stripe metered usage: the meter's event_name (--stripe-meter-event); when set, each linked
    // account's overage is reported daily as meter events instead of put on our invoices.
    QString meterEventName;

    // From the environment (STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET); none without an API key.
    static std::optional<StripeSettings> fromEnvironment(const QString& apiBase);
};

// What a webhook event asks us to book, parsed outside the writer.
struct StripeEvent
{
    QString id;
    QString type;
    QJsonObject object; // data.object
};

// Payments through Stripe (docs/admin-guide.md "Payments (Stripe)"): a customer per billing account,
// the billing portal, collection of open invoices with off-session PaymentIntents and the webhook's
// bookings. Network calls happen outside transactions (on the calling job's or pool's thread); what
// Stripe answered is booked through the writer (payments/Payments.h).
class StripePayments : public PaymentCollector
{
public:
    StripePayments(Store& store, const Clock& clock, StripeSettings settings);

    bool hasPaymentMethod(qint64 accountId) override;
    CollectionOutcome collectNow(qint64 invoiceId) override;
    // Through refund() below, when the credit note waits for a refund of a card payment
    // (Payments::refundDue).
    bool refundCreditNote(qint64 creditNoteId) override;

    // Due work: collects period invoices finalized since the last run and retries that fell due.
    void collectDue(qint64 nowMs);
    // Due work with --stripe-meter-event: at the first run of each UTC day, opens the previous day's
    // overage reports (payments/MeterReports.h), then sends what is due as meter events, at most 1,000
    // a second, retrying failures with backoff (1 minute doubling to 6 hours, 10 attempts).
    void reportUsage(qint64 nowMs);
    // A billing portal session's URL for the account (POST /v1/billing_portal/sessions); throws ApiError
    // 502 payment_provider_error when Stripe does not answer.
    QString portalUrl(qint64 accountId, const QString& returnUrl);
    // A refund of (part of) a card payment for a credit note, at most once per credit note
    // (Idempotency-Key credit-note-<id>). Returns the refund's id.
    QString refund(qint64 paymentId, qint64 amountMinor, qint64 creditNoteId);

    const QByteArray& webhookSecret() const { return m_settings.webhookSecret; }
    const QString& meterEventName() const { return m_settings.meterEventName; }
    // Books a verified event in the caller's transaction: payment_intent.succeeded and
    // payment_intent.payment_failed; other types are only recorded as seen. Returns a summary for the
    // audit trail.
    QString bookEvent(SqlConnection& db, qint64 nowMs, const StripeEvent& event);

private:
    QString m_lastReportedDay; // the day whose reports this process opened last (reportUsage)
    // The account's customer, created on first need; none when Stripe did not answer.
    std::optional<QString> ensureCustomer(qint64 accountId, StripeResult* failure);
    // The customer's default payment method (invoice_settings.default_payment_method, else its default
    // source); empty when there is none; none when Stripe did not answer.
    std::optional<QString> defaultPaymentMethod(const QString& customerId, StripeResult* failure);
    CollectionOutcome book(const std::function<bool(Payments&)>& booking, CollectionOutcome outcome);
    CollectionOutcome deferred(qint64 invoiceId, const QString& reason);

    Store& m_store;
    const Clock& m_clock;
    StripeSettings m_settings;
    StripeClient m_client;
};

} // namespace creditdesk::server
