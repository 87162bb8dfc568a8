#pragma once

#include <QtGlobal>

namespace creditdesk::server {

class Store;

// The period close as a job (docs/admin-guide.md "Invoices"): after the renewals of a run, every close
// with uninvoiced charges becomes one finalized invoice, a chunk at a time. The server runs it as due
// work (on its jobs timer and on test-clock moves); bench_invoice_close times it. Returns how many
// invoices it finalized.
// `overageToStripe`: accounts with a Stripe customer have their overage reported to Stripe's meter events
// instead of invoiced (--stripe-meter-event).
int closeDuePeriods(Store& store, qint64 nowMs, bool overageToStripe = false);

} // namespace creditdesk::server
