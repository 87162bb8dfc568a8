#pragma once

#include "alerts/Deliveries.h"
#include "api/RouteTable.h"

namespace creditdesk::server {

// Notification preferences and webhook endpoints (docs/admin-guide.md "Notifications"). `settings` must
// outlive the routes (the master key seals new endpoints' secrets).
void registerNotificationRoutes(RouteTable& routes, const DeliverySettings& settings);

} // namespace creditdesk::server
