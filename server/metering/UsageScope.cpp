#include "metering/UsageScope.h"

#include "core/ApiError.h"

namespace creditdesk::server {

namespace {

// The member's department, or nullopt inside the optional when they have none; no value when the user
// is not a member of the organization.
std::optional<std::optional<qint64>> membershipDepartment(SqlConnection& reader, qint64 organizationId,
                                                          qint64 userId)
{
    const auto row = reader.row(
        QStringLiteral("SELECT department_id FROM memberships WHERE organization_id = ? AND user_id = ?"),
        {organizationId, userId});
    if (!row)
        return std::nullopt;
    return optionalInt(row->at(0));
}

bool departmentExists(SqlConnection& reader, qint64 organizationId, qint64 departmentId)
{
    return reader
        .row(QStringLiteral("SELECT id FROM departments WHERE id = ? AND organization_id = ?"),
             {departmentId, organizationId})
        .has_value();
}

} // namespace

UsageScope resolveUsageScope(SqlConnection& reader, const CreditTarget& target,
                             std::optional<qint64> memberId, std::optional<qint64> departmentId, bool strict)
{
    UsageScope scope{memberId, departmentId, std::nullopt};
    if (!target.organizationId) {
        if (strict && memberId)
            throw ApiError::validation(QStringLiteral("member_id"),
                                       QStringLiteral("'member_id' applies to organizations only"));
        if (strict && departmentId)
            throw ApiError::validation(QStringLiteral("department_id"),
                                       QStringLiteral("'department_id' applies to organizations only"));
        return scope;
    }
    const qint64 organizationId = *target.organizationId;
    if (target.onlyMemberId) {
        if ((memberId && *memberId != *target.onlyMemberId) || departmentId)
            throw ApiError::forbidden();
        scope.memberId = target.onlyMemberId;
        if (strict)
            scope.memberDepartmentId =
                membershipDepartment(reader, organizationId, *scope.memberId).value_or(std::nullopt);
        return scope;
    }
    if (target.onlyDepartmentId) {
        if (departmentId && *departmentId != *target.onlyDepartmentId)
            throw ApiError::forbidden();
        if (memberId) {
            const auto department = membershipDepartment(reader, organizationId, *memberId);
            if (!department || *department != target.onlyDepartmentId)
                throw ApiError::forbidden();
            scope.memberDepartmentId = *department;
        }
        scope.departmentId = target.onlyDepartmentId;
        return scope;
    }
    if (strict && memberId) {
        const auto department = membershipDepartment(reader, organizationId, *memberId);
        if (!department)
            throw ApiError::notFound(QStringLiteral("Member"));
        scope.memberDepartmentId = *department;
    }
    if (strict && departmentId && !departmentExists(reader, organizationId, *departmentId))
        throw ApiError::notFound(QStringLiteral("Department"));
    return scope;
}

} // namespace creditdesk::server
