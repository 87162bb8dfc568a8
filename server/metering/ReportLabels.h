#pragma once

#include "store/Sql.h"

#include <QHash>
#include <QList>
#include <QString>

namespace creditdesk::server {

// Names for the members and departments the rows of a usage report refer to, looked up in one query
// for all of a report's rows rather than one per row.
class ReportLabels
{
public:
    struct MemberLabel
    {
        QString name;
        QString email;
    };

    explicit ReportLabels(SqlConnection& db) : m_db(db) {}

    QHash<qint64, MemberLabel> members(const QList<qint64>& userIds); // by user id; unknown ids left out
    QHash<qint64, QString> departments(const QList<qint64>& departmentIds); // names by id

private:
    // The rows of `table` (columns: id first) with the given ids. The ids go in as one array parameter,
    // so the statement text is the same for any number of them.
    std::vector<Row> rowsById(const QString& table, const QString& columns, const QList<qint64>& ids);

    SqlConnection& m_db;
};

} // namespace creditdesk::server
