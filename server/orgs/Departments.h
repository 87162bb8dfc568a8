#pragma once

#include "store/Sql.h"

#include <QString>

#include <vector>

namespace creditdesk::server {

struct Department
{
    qint64 id = 0;
    qint64 organizationId = 0;
    QString name;
    qint64 createdAt = 0;
};

// An organization's departments: named groups of members that movements and usage are attributed to.
// Names are unique within an organization.
class Departments
{
public:
    explicit Departments(SqlConnection& db) : m_db(db) {}

    qint64 create(qint64 organizationId, const QString& name, qint64 nowMs); // the new department's id
    void rename(qint64 organizationId, qint64 departmentId, const QString& name);
    Department department(qint64 departmentId);                    // throws not_found
    std::vector<Department> ofOrganization(qint64 organizationId); // by id
    bool belongsTo(qint64 departmentId, qint64 organizationId);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
