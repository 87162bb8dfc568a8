#include "metering/ReportLabels.h"

namespace creditdesk::server {

QHash<qint64, ReportLabels::MemberLabel> ReportLabels::members(const QList<qint64>& userIds)
{
    QHash<qint64, MemberLabel> labels;
    for (const Row& row : rowsById(QStringLiteral("users"), QStringLiteral("id, name, email"), userIds))
        labels.insert(asInt(row.at(0)), MemberLabel{row.at(1).toString(), row.at(2).toString()});
    return labels;
}

QHash<qint64, QString> ReportLabels::departments(const QList<qint64>& departmentIds)
{
    QHash<qint64, QString> names;
    for (const Row& row : rowsById(QStringLiteral("departments"), QStringLiteral("id, name"), departmentIds))
        names.insert(asInt(row.at(0)), row.at(1).toString());
    return names;
}

std::vector<Row> ReportLabels::rowsById(const QString& table, const QString& columns,
                                        const QList<qint64>& ids)
{
    if (ids.isEmpty())
        return {};
    if (m_db.isPostgres()) {
        const std::vector<std::optional<qint64>> values(ids.begin(), ids.end());
        return m_db.rows(QStringLiteral("SELECT %1 FROM %2 WHERE id = ANY(?::bigint[])").arg(columns, table),
                         {pgBigintArray(values)});
    }
    QByteArray json = "[";
    for (const qint64 id : ids)
        json += (json.size() > 1 ? "," : "") + QByteArray::number(id);
    return m_db.rows(
        QStringLiteral("SELECT %1 FROM %2 WHERE id IN (SELECT value FROM json_each(?))").arg(columns, table),
        {QString::fromLatin1(json + ']')});
}

} // namespace creditdesk::server
