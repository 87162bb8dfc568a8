#pragma once

#include "store/Sql.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace creditdesk::server {

struct DemoSeedResult
{
    bool alreadySeeded = false;
    qint64 organizationId = 0;
    QStringList signIns; // "e-mail (role)" lines to print
    qint64 usageEvents = 0;
};

// Writes the demo organization "Demo Labs" (`creditdesk-server seed-demo`): departments, 20+ members
// with every role, grants of every kind and 90 days of usage with a weekday/weekend rhythm, through the
// same ledger and metering code the API uses, with historical timestamps. Runs in the caller's
// transaction; does nothing when the organization already exists.
class DemoSeeder
{
public:
    static constexpr const char* kOrganizationName = "Demo Labs";
    static constexpr const char* kPassword = "demo-password";

    DemoSeeder(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}
    DemoSeedResult run();

private:
    void setDemoBudgets(qint64 accountId, qint64 organizationId, const std::vector<qint64>& departmentIds,
                        const std::vector<qint64>& memberIds, qint64 ownerId, qint64 at);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
