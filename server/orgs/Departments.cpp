#include "orgs/Departments.h"

#include "core/ApiError.h"

namespace creditdesk::server {

namespace {

ApiError departmentExists()
{
    return ApiError::conflict(QStringLiteral("department_exists"),
                              QStringLiteral("A department with this name already exists"));
}

} // namespace

qint64 Departments::create(qint64 organizationId, const QString& name, qint64 nowMs)
{
    if (m_db.row(QStringLiteral("SELECT 1 FROM departments WHERE organization_id = ? AND name = ?"),
                 {organizationId, name}))
        throw departmentExists();
    const auto row = m_db.row(QStringLiteral("INSERT INTO departments (organization_id, name, created_at) "
                                             "VALUES (?, ?, ?) RETURNING id"),
                              {organizationId, name, nowMs});
    return asInt(row->at(0));
}

void Departments::rename(qint64 organizationId, qint64 departmentId, const QString& name)
{
    if (!belongsTo(departmentId, organizationId))
        throw ApiError::notFound(QStringLiteral("Department"));
    if (m_db.row(
            QStringLiteral("SELECT 1 FROM departments WHERE organization_id = ? AND name = ? AND id <> ?"),
            {organizationId, name, departmentId}))
        throw departmentExists();
    m_db.execute(QStringLiteral("UPDATE departments SET name = ? WHERE id = ?"), {name, departmentId});
}

Department Departments::department(qint64 departmentId)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT id, organization_id, name, created_at FROM departments WHERE id = ?"),
                 {departmentId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Department"));
    return Department{asInt(row->at(0)), asInt(row->at(1)), row->at(2).toString(), asInt(row->at(3))};
}

std::vector<Department> Departments::ofOrganization(qint64 organizationId)
{
    std::vector<Department> departments;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT id FROM departments WHERE organization_id = ? ORDER BY id"),
                   {organizationId}))
        departments.push_back(department(asInt(row[0])));
    return departments;
}

bool Departments::belongsTo(qint64 departmentId, qint64 organizationId)
{
    return m_db
        .row(QStringLiteral("SELECT 1 FROM departments WHERE id = ? AND organization_id = ?"),
             {departmentId, organizationId})
        .has_value();
}

} // namespace creditdesk::server
