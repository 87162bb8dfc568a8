#pragma once

#include "api/RouteTable.h"

namespace creditdesk::server {

class StripePayments;

// GET /api/v1/payments, POST /api/v1/billing/portal, POST /api/v1/webhooks/stripe; `stripe` is null when
// Stripe is not configured (the portal and the webhook answer 503 payments_not_configured).
void registerPaymentRoutes(RouteTable& routes, StripePayments* stripe);

} // namespace creditdesk::server
