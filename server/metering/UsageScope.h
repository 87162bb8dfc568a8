#pragma once

#include "auth/Access.h"
#include "store/Sql.h"

#include <optional>

namespace creditdesk::server {

// Whose usage an analytics read covers inside the addressed account: the whole account, one department
// or one member (docs/metering.md "Reports", "Scope").
struct UsageScope
{
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    std::optional<qint64> memberDepartmentId; // the member's own department (looked up when `strict`)

    bool wholeAccount() const { return !memberId && !departmentId; }
};

// Narrows the `member_id` / `department_id` a caller asked for to what their role lets them see, with
// the same rule for the usage reports, the forecast and the recommendations:
//  - owners, admins, finance and credits:read tokens: any member (404 when `strict` and the user is not
//    a member of the organization) or department (404 when `strict` and it is not the organization's);
//  - managers: members of their own department and that department (403 for anything else), the
//    department when they ask for nothing;
//  - members: themselves (403 for anyone else or any department), themselves when they ask for nothing.
// Personal accounts have no members: asking for one there is 422 naming the field when `strict`.
UsageScope resolveUsageScope(SqlConnection& reader, const CreditTarget& target,
                             std::optional<qint64> memberId, std::optional<qint64> departmentId, bool strict);

} // namespace creditdesk::server
