#pragma once

#include <QtGlobal>

namespace creditdesk::server {

// What a credit is worth (docs/design.md §3): 1 credit = $0.00004, so a cent is 250 credits and a dollar
// 25,000. Credits and money stay integers; this is the one place the rate is written down.
inline constexpr qint64 kCreditsPerCent = 250;

} // namespace creditdesk::server
