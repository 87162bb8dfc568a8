#pragma once

#include "api/ServerContext.h"

#include <memory>

namespace creditdesk::server {

class PeriodicJob;

struct MeteringSettings
{
    qint64 retentionDays = 90; // raw usage events older than this are purged; rollups stay
    int jobIntervalMs = 5000;
};

// The metering feature in one place: ingestion (/metering/track, /metering/events), usage reports
// (/metering/*, /billing/usage), the price book and rate card administration, billing terms (tier and
// overage of organizations and personal accounts), and the retention job. Lives as long as the server's
// router; stops its job before the store goes away.
class MeteringModule
{
public:
    MeteringModule(RouteTable& routes, const MeteringSettings& settings);
    ~MeteringModule();
    MeteringModule(const MeteringModule&) = delete;
    MeteringModule& operator=(const MeteringModule&) = delete;

    struct State;

private:
    std::shared_ptr<State> m_state;
    std::unique_ptr<PeriodicJob> m_retention;
};

// Registered by MeteringModule; split by topic into their own files.
void registerUsageReportRoutes(RouteTable& routes, const std::shared_ptr<MeteringModule::State>& state);
void registerPricingRoutes(RouteTable& routes, const std::shared_ptr<MeteringModule::State>& state);
void registerBillingTermsRoutes(RouteTable& routes);

} // namespace creditdesk::server
