#include "payments/StripePayments.h"

#include "audit/AuditTrail.h"
#include "core/ApiError.h"
#include "payments/MeterReports.h"
#include "store/Sql.h"

#include <QDate>
#include <QDateTime>
#include <QDebug>

#include <chrono>
#include <thread>

namespace creditdesk::server {

namespace {

// Invoices collected per due-work run at most: the rest wait for the next run (a minute or a clock move).
constexpr int kCollectionsPerRun = 500;
// A collection Stripe gave no answer to is tried again this much later (not at every run while it is down).
constexpr qint64 kRetryWithoutAnswerMs = 10 * 60 * 1000;

QString declineReason(const StripeResult& result)
{
    if (!result.declineCode.isEmpty())
        return result.declineCode;
    if (!result.errorCode.isEmpty())
        return result.errorCode;
    return result.message.left(200);
}

// The PaymentIntent's last error as a failure reason (payment_intent.payment_failed events).
QString lastErrorOf(const QJsonObject& intent)
{
    const QJsonObject error = intent.value(QStringLiteral("last_payment_error")).toObject();
    for (const char* field : {"decline_code", "code", "message"})
        if (const QString value = error.value(QLatin1String(field)).toString(); !value.isEmpty())
            return value.left(200);
    return QStringLiteral("payment_failed");
}

std::optional<qint64> invoiceIdOf(const QJsonObject& intent)
{
    bool ok = false;
    const qint64 id = intent.value(QStringLiteral("metadata"))
                          .toObject()
                          .value(QStringLiteral("invoice_id"))
                          .toString()
                          .toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

qint64 attemptOf(const QJsonObject& intent)
{
    const qint64 attempt = intent.value(QStringLiteral("metadata"))
                               .toObject()
                               .value(QStringLiteral("attempt"))
                               .toString()
                               .toLongLong();
    return attempt > 0 ? attempt : 1;
}

} // namespace

std::optional<StripeSettings> StripeSettings::fromEnvironment(const QString& apiBase)
{
    const QByteArray key = qgetenv("STRIPE_API_KEY");
    if (key.isEmpty())
        return std::nullopt;
    StripeSettings settings;
    if (!apiBase.isEmpty())
        settings.apiBase = apiBase;
    settings.apiKey = key;
    settings.webhookSecret = qgetenv("STRIPE_WEBHOOK_SECRET");
    return settings;
}

StripePayments::StripePayments(Store& store, const Clock& clock, StripeSettings settings)
    : m_store(store), m_clock(clock), m_settings(std::move(settings)),
      m_client(m_settings.apiBase, m_settings.apiKey, m_settings.timeoutMs)
{
}

std::optional<QString> StripePayments::ensureCustomer(qint64 accountId, StripeResult* failure)
{
    if (auto known = Payments(m_store.reader(), m_clock.nowMs()).customerOf(accountId))
        return known;
    const StripeResult created = m_client.post(
        QStringLiteral("/v1/customers"),
        {{QStringLiteral("metadata[account_id]"), QString::number(accountId)},
         {QStringLiteral("description"), QStringLiteral("CreditDesk billing account %1").arg(accountId)}},
        "customer-" + QByteArray::number(accountId));
    if (!created.ok()) {
        *failure = created;
        return std::nullopt;
    }
    const QString customerId = created.body.value(QStringLiteral("id")).toString();
    QString stored;
    m_store.runSync([&](SqlConnection& db) {
        stored = Payments(db, m_clock.nowMs()).rememberCustomer(accountId, customerId);
        return ApiResponse{};
    });
    return stored;
}

std::optional<QString> StripePayments::defaultPaymentMethod(const QString& customerId, StripeResult* failure)
{
    const StripeResult customer = m_client.get(QStringLiteral("/v1/customers/") + customerId);
    if (!customer.ok()) {
        *failure = customer;
        return std::nullopt;
    }
    const QString method = customer.body.value(QStringLiteral("invoice_settings"))
                               .toObject()
                               .value(QStringLiteral("default_payment_method"))
                               .toString();
    return method.isEmpty() ? customer.body.value(QStringLiteral("default_source")).toString() : method;
}

bool StripePayments::hasPaymentMethod(qint64 accountId)
{
    StripeResult failure;
    const auto customer = ensureCustomer(accountId, &failure);
    if (!customer)
        return false;
    const auto method = defaultPaymentMethod(*customer, &failure);
    return method && !method->isEmpty();
}

CollectionOutcome StripePayments::book(const std::function<bool(Payments&)>& booking,
                                       CollectionOutcome outcome)
{
    const ApiResponse response = m_store.runSync([&](SqlConnection& db) {
        Payments payments(db, m_clock.nowMs(), m_settings.schedule);
        booking(payments);
        return ApiResponse{};
    });
    if (response.status >= 400) { // rolled back: nothing booked, tried again later
        qWarning("booking a Stripe payment failed: %s", response.body.constData());
        return CollectionOutcome{CollectionOutcome::Status::Unavailable, QStringLiteral("booking_failed")};
    }
    return outcome;
}

CollectionOutcome StripePayments::deferred(qint64 invoiceId, const QString& reason)
{
    return book(
        [&](Payments& p) {
            p.deferCollection(invoiceId, m_clock.nowMs() + kRetryWithoutAnswerMs);
            return true;
        },
        CollectionOutcome{CollectionOutcome::Status::Unavailable, reason});
}

CollectionOutcome StripePayments::collectNow(qint64 invoiceId)
{
    using Status = CollectionOutcome::Status;
    // Read through the writer, not this thread's read connection: what the last attempt booked must be seen
    // (the attempt number makes the Idempotency-Key), and the writer's view is the committed one.
    std::optional<InvoiceToCollect> invoice;
    qint64 attempt = 1;
    m_store.runSync([&](SqlConnection& db) {
        Payments payments(db, m_clock.nowMs());
        invoice = payments.invoice(invoiceId);
        attempt = payments.nextAttempt(invoiceId);
        return ApiResponse{};
    });
    if (!invoice)
        return CollectionOutcome{Status::Failed, QStringLiteral("no_such_invoice")};
    if (invoice->status == QLatin1String("paid"))
        return CollectionOutcome{Status::Paid, {}};
    if (invoice->status != QLatin1String("open") || invoice->amountDueMinor <= 0)
        return CollectionOutcome{Status::Failed, QStringLiteral("invoice_%1").arg(invoice->status)};
    StripeResult failure;
    const auto customer = ensureCustomer(invoice->accountId, &failure);
    const auto method = customer ? defaultPaymentMethod(*customer, &failure) : std::nullopt;
    if (!method) {
        qWarning("Stripe unavailable for invoice %lld: %s", invoiceId, qPrintable(failure.message));
        return deferred(invoiceId, failure.message);
    }
    if (method->isEmpty())
        return book(
            [&](Payments& p) {
                p.bookNoPaymentMethod(invoiceId);
                return true;
            },
            CollectionOutcome{Status::NoPaymentMethod, QStringLiteral("no_payment_method")});
    // Off-session, confirmed at once: Stripe answers succeeded, processing, or a card error (402).
    const StripeResult intent =
        m_client.post(QStringLiteral("/v1/payment_intents"),
                      {{QStringLiteral("amount"), QString::number(invoice->amountDueMinor)},
                       {QStringLiteral("currency"), invoice->currency.toLower()},
                       {QStringLiteral("customer"), *customer},
                       {QStringLiteral("payment_method"), *method},
                       {QStringLiteral("confirm"), QStringLiteral("true")},
                       {QStringLiteral("off_session"), QStringLiteral("true")},
                       {QStringLiteral("description"), QStringLiteral("Invoice %1").arg(invoice->number)},
                       {QStringLiteral("metadata[invoice_id]"), QString::number(invoiceId)},
                       {QStringLiteral("metadata[attempt]"), QString::number(attempt)}},
                      "invoice-" + QByteArray::number(invoiceId) + "-attempt-" + QByteArray::number(attempt));
    PaymentReport report{invoiceId, {}, invoice->amountDueMinor, invoice->currency, attempt, {}};
    if (intent.ok()) {
        report.providerId = intent.body.value(QStringLiteral("id")).toString();
        const QString status = intent.body.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("succeeded"))
            return book([&](Payments& p) { return p.bookSucceeded(report); },
                        CollectionOutcome{Status::Paid, {}});
        if (status == QLatin1String("requires_payment_method") || status == QLatin1String("canceled")) {
            report.failureReason = lastErrorOf(intent.body);
            return book([&](Payments& p) { return p.bookFailed(report); },
                        CollectionOutcome{Status::Failed, report.failureReason});
        }
        // processing (bank debits), requires_action (the bank wants the customer): the webhook decides.
        return book([&](Payments& p) { return p.bookPending(report); },
                    CollectionOutcome{Status::Unavailable, QStringLiteral("pending")});
    }
    if (intent.cardDeclined()) {
        report.providerId = intent.body.value(QStringLiteral("payment_intent"))
                                .toObject()
                                .value(QStringLiteral("id"))
                                .toString();
        report.failureReason = declineReason(intent);
        return book([&](Payments& p) { return p.bookFailed(report); },
                    CollectionOutcome{Status::Failed, report.failureReason});
    }
    // No answer, 429, 5xx, or a request Stripe refused (a bug of ours or the account's configuration):
    // nothing is booked; tried again ten minutes later with the same Idempotency-Key.
    qWarning("Stripe refused collecting invoice %lld: HTTP %d %s %s", invoiceId,
             intent.httpStatus.value_or(0), qPrintable(intent.errorCode), qPrintable(intent.message));
    return deferred(invoiceId, intent.message);
}

void StripePayments::collectDue(qint64 nowMs)
{
    // Listed through the writer: a collection deferred or booked by this run's earlier stop must be seen.
    std::vector<qint64> due;
    m_store.runSync([&](SqlConnection& db) {
        due = Payments(db, nowMs, m_settings.schedule).dueCollections(kCollectionsPerRun);
        return ApiResponse{};
    });
    for (const qint64 invoiceId : due)
        collectNow(invoiceId);
}

void StripePayments::reportUsage(qint64 nowMs)
{
    constexpr int kReportsPerRun = 5000;
    constexpr int kMaxAttempts = 10;
    constexpr qint64 kFirstBackoffMs = 60'000;
    constexpr qint64 kMaxBackoffMs = 6 * 3'600'000;
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).date();
    const QString yesterday = today.addDays(-1).toString(Qt::ISODate);
    if (yesterday != m_lastReportedDay) { // once a day per process; a second process opens nothing more
        m_store.runSync([&](SqlConnection& db) {
            MeterReports(db, nowMs).openDay(yesterday);
            return ApiResponse{};
        });
        m_lastReportedDay = yesterday;
    }
    std::vector<DueMeterReport> due;
    m_store.runSync([&](SqlConnection& db) {
        due = MeterReports(db, nowMs).due(kReportsPerRun);
        return ApiResponse{};
    });
    // Stripe takes at most 1,000 meter events a second: one call per millisecond at most.
    auto next = std::chrono::steady_clock::now();
    for (const DueMeterReport& report : due) {
        std::this_thread::sleep_until(next);
        next = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
        const QString identifier = QStringLiteral("%1-%2").arg(report.accountId).arg(report.day);
        // The event's time: the end of its day (Stripe takes up to 35 days back).
        const qint64 timestamp =
            QDate::fromString(report.day, Qt::ISODate).addDays(1).startOfDay(Qt::UTC).toSecsSinceEpoch() - 1;
        const StripeResult sent =
            m_client.post(QStringLiteral("/v1/billing/meter_events"),
                          {{QStringLiteral("event_name"), m_settings.meterEventName},
                           {QStringLiteral("payload[stripe_customer_id]"), report.customerId},
                           {QStringLiteral("payload[value]"), QString::number(report.value)},
                           {QStringLiteral("identifier"), identifier},
                           {QStringLiteral("timestamp"), QString::number(timestamp)}},
                          QByteArrayLiteral("meter-") + identifier.toLatin1());
        std::optional<qint64> retryAt;
        if (!sent.ok() && sent.retryable() && report.attempts + 1 < kMaxAttempts)
            retryAt =
                nowMs + std::min(kMaxBackoffMs, kFirstBackoffMs << std::min<qint64>(report.attempts, 20));
        const QString error = sent.ok()
                                  ? QString()
                                  : (sent.httpStatus ? QStringLiteral("HTTP %1: %2").arg(*sent.httpStatus)
                                                     : QStringLiteral("no answer: %1"))
                                        .arg(sent.message);
        m_store.runSync([&](SqlConnection& db) {
            MeterReports reports(db, nowMs);
            if (sent.ok())
                reports.markSent(report.accountId, report.day);
            else
                reports.markFailed(report.accountId, report.day, error, retryAt);
            return ApiResponse{};
        });
    }
}

QString StripePayments::portalUrl(qint64 accountId, const QString& returnUrl)
{
    StripeResult failure;
    const auto customer = ensureCustomer(accountId, &failure);
    if (!customer)
        throw ApiError(QStringLiteral("payment_provider_error"),
                       QStringLiteral("Stripe did not answer; try again"));
    const StripeResult session =
        m_client.post(QStringLiteral("/v1/billing_portal/sessions"),
                      {{QStringLiteral("customer"), *customer}, {QStringLiteral("return_url"), returnUrl}});
    const QString url = session.body.value(QStringLiteral("url")).toString();
    if (!session.ok() || url.isEmpty())
        throw ApiError(QStringLiteral("payment_provider_error"),
                       QStringLiteral("Stripe did not open a portal session; try again"));
    return url;
}

QString StripePayments::refund(qint64 paymentId, qint64 amountMinor, qint64 creditNoteId)
{
    const auto payment = m_store.reader().row(
        QStringLiteral("SELECT provider_id, status, amount_minor FROM payments WHERE id = ?"), {paymentId});
    if (!payment || payment->at(1).toString() != QLatin1String("succeeded") || payment->at(0).isNull())
        throw ApiError::conflict(QStringLiteral("invalid_invoice_state"),
                                 QStringLiteral("Only a succeeded card payment can be refunded"));
    if (amountMinor <= 0 || amountMinor > asInt(payment->at(2)))
        throw ApiError::validation(QStringLiteral("amount_minor"),
                                   QStringLiteral("The refund must be between 1 and the payment's amount"));
    const StripeResult refund =
        m_client.post(QStringLiteral("/v1/refunds"),
                      {{QStringLiteral("payment_intent"), payment->at(0).toString()},
                       {QStringLiteral("amount"), QString::number(amountMinor)},
                       {QStringLiteral("metadata[credit_note_id]"), QString::number(creditNoteId)}},
                      "credit-note-" + QByteArray::number(creditNoteId));
    if (!refund.ok())
        throw ApiError(QStringLiteral("payment_provider_error"),
                       QStringLiteral("Stripe refused the refund: %1").arg(refund.message));
    const QString refundId = refund.body.value(QStringLiteral("id")).toString();
    m_store.runSync([&](SqlConnection& db) {
        Payments(db, m_clock.nowMs())
            .bookRefund(paymentId, creditNoteId, amountMinor, refundId,
                        refund.body.value(QStringLiteral("status")).toString());
        return ApiResponse{};
    });
    return refundId;
}

bool StripePayments::refundCreditNote(qint64 creditNoteId)
{
    // Read through the writer: the note was committed a moment ago (and a replay must see 'refunded').
    std::optional<RefundDue> due;
    m_store.runSync([&](SqlConnection& db) {
        due = Payments(db, m_clock.nowMs()).refundDue(creditNoteId);
        return ApiResponse{};
    });
    if (!due)
        return false;
    refund(due->paymentId, due->amountMinor, creditNoteId);
    return true;
}

QString StripePayments::bookEvent(SqlConnection& db, qint64 nowMs, const StripeEvent& event)
{
    Payments payments(db, nowMs, m_settings.schedule);
    if (!payments.firstSighting(event.id, event.type))
        return QStringLiteral("%1 %2 seen before: ignored").arg(event.type, event.id);
    const bool succeeded = event.type == QLatin1String("payment_intent.succeeded");
    const bool failed = event.type == QLatin1String("payment_intent.payment_failed");
    const std::optional<qint64> invoiceId = invoiceIdOf(event.object);
    if ((!succeeded && !failed) || !invoiceId)
        return QStringLiteral("%1 %2 recorded").arg(event.type, event.id);
    PaymentReport report{*invoiceId,
                         event.object.value(QStringLiteral("id")).toString(),
                         event.object.value(QStringLiteral("amount")).toInteger(),
                         event.object.value(QStringLiteral("currency")).toString(),
                         attemptOf(event.object),
                         succeeded ? QString() : lastErrorOf(event.object)};
    const bool changed = succeeded ? payments.bookSucceeded(report) : payments.bookFailed(report);
    return QStringLiteral("%1 %2 for invoice %3: %4")
        .arg(event.type, event.id)
        .arg(*invoiceId)
        .arg(changed ? QStringLiteral("booked") : QStringLiteral("booked before"));
}

} // namespace creditdesk::server
