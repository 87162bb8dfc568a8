#pragma once

#include "api/MeteringRoutes.h"
#include "metering/PriceBookStore.h"

namespace creditdesk {

// What the metering routes share: the cached price book and the settings.
struct MeteringModule::State
{
    PricingCache pricing;
    MeteringSettings settings;
};

} // namespace creditdesk
