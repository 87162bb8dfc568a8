#pragma once

#include "core/ApiError.h"
#include "core/ExpiringCache.h"
#include "metering/MeteringService.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <optional>
#include <utility>

namespace creditdesk::server {

// What resolving a usage event's account costs two or three reads for (the caller's access to the
// organization, its billing terms, the member's department), kept for a second across requests: a
// gateway reports many events a second for the same few accounts. Entries are read under one
// generation of the directory (ServerContext::directoryGeneration, bumped by every organization,
// member and billing-terms write of this process) and serve only while it lasts; other server
// processes' changes show within the time-to-live.
struct MeteringTargetCache
{
    struct Organization
    {
        std::optional<ApiError> error; // the caller may not report usage for it, or it does not exist
        MeteringTarget target;
        QString kind;
    };
    struct Member
    {
        std::optional<qint64> departmentId;
        qint64 personalAccountId = 0;
        bool personalOverageAllowed = false;
        bool suspended = false; // usage attributed to them is refused (403 member_suspended)
    };
    struct Personal
    {
        std::optional<ApiError> error;
        MeteringTarget target;
    };

    // Forgets everything when the directory has changed since the entries were read.
    quint64 sync(quint64 generation)
    {
        if (m_generation.exchange(generation) != generation) {
            organizations.clear();
            members.clear();
            personal.clear();
        }
        return generation;
    }
    bool isCurrent(quint64 generation) const { return m_generation.load() == generation; }

    ExpiringCache<std::pair<QByteArray, qint64>, Organization> organizations; // (Authorization, organization)
    ExpiringCache<std::pair<qint64, qint64>, std::optional<Member>>
        members;                                                     // (organization, user); empty: not one
    ExpiringCache<std::pair<QByteArray, qint64>, Personal> personal; // (Authorization, user)

private:
    std::atomic<quint64> m_generation{0};
};

} // namespace creditdesk::server
