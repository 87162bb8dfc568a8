#pragma once

#include "api/MeteringRoutes.h"
#include "api/TrackCoalescer.h"
#include "metering/MeteringTargetCache.h"
#include "metering/PriceBookStore.h"

#include <memory>

namespace creditdesk::server {

// What the metering routes share: the cached price book and the settings.
struct MeteringModule::State
{
    PricingCache pricing;
    MeteringSettings settings;
    std::unique_ptr<TrackCoalescer> track; // single events, ingested in batches
    MeteringTargetCache targets;           // whom events are charged to, across requests
};

} // namespace creditdesk::server
