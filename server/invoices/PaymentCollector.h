#pragma once

#include <QString>
#include <QtGlobal>

namespace creditdesk::server {

// The outcome of one attempt to collect an open invoice from the account's saved payment method.
struct CollectionOutcome
{
    enum class Status
    {
        Paid,            // collected: the payment is booked and the invoice marked paid (Invoices::markPaid)
        Failed,          // declined or refused: a failed payment is booked, dunning takes over
        NoPaymentMethod, // nothing to charge: the invoice stays open, the account is notified
        Unavailable,     // the payment provider could not be reached: retried later, nothing booked
    };
    Status status = Status::Unavailable;
    QString failureReason; // the provider's decline code or message, for the payment and the user
};

// Collects open invoices through the payment provider (payments/, Stripe). Both calls block on the
// network: call them from the blocking pool or a job, never inside a database transaction. The server
// runs without one (nullptr in ServerContext) when no provider is configured: invoices are then paid by
// hand (POST /api/v1/invoices/{id}/mark-paid).
class PaymentCollector
{
public:
    virtual ~PaymentCollector() = default;
    // Whether the account has a payment method to charge (its Stripe customer's default one).
    virtual bool hasPaymentMethod(qint64 accountId) = 0;
    // Charges the invoice's amount due now, at most once per attempt (the provider's idempotency key
    // derives from the invoice and attempt ids), and books the result in its own transaction.
    virtual CollectionOutcome collectNow(qint64 invoiceId) = 0;
    // Refunds a credit note on a paid invoice through the provider when the invoice was paid there (a
    // succeeded card payment), at most once per credit note, and marks the note 'refunded'. False when
    // there is nothing for the provider to refund (paid by bank transfer or PayPal, refunded already, or a
    // provider without refunds): the note stays as it is and the operator refunds by hand. Throws ApiError
    // when the provider refused or did not answer: the note stays 'pending' and may be tried again.
    virtual bool refundCreditNote(qint64 creditNoteId)
    {
        Q_UNUSED(creditNoteId)
        return false;
    }
};

} // namespace creditdesk::server
