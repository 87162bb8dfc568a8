#include "ledger/TransactionList.h"

namespace creditdesk::server {

TransactionPage TransactionList::page(const TransactionQuery& query)
{
    const bool forward = query.since.has_value();
    QString sql = QStringLiteral("SELECT ") + TransactionRecord::selectColumns() +
                  QStringLiteral(" FROM transactions WHERE account_id = ?");
    QVariantList binds{query.accountId};
    if (forward) {
        sql += QStringLiteral(" AND seq > ?");
        binds.append(std::max(*query.since, query.cursor.value_or(0)));
    } else if (query.cursor) {
        sql += QStringLiteral(" AND seq < ?");
        binds.append(*query.cursor);
    }
    const auto addFilter = [&](const char* column, const QVariant& value) {
        sql += QStringLiteral(" AND %1 = ?").arg(QLatin1String(column));
        binds.append(value);
    };
    if (query.memberId)
        addFilter("member_id", *query.memberId);
    if (query.onlyMemberId)
        addFilter("member_id", *query.onlyMemberId);
    if (query.onlyDepartmentId)
        addFilter("department_id", *query.onlyDepartmentId);
    if (!query.kind.isEmpty())
        addFilter("kind", query.kind);
    sql +=
        forward ? QStringLiteral(" ORDER BY seq ASC LIMIT ?") : QStringLiteral(" ORDER BY seq DESC LIMIT ?");
    binds.append(query.limit + 1);
    const auto rows = m_db.rows(sql, binds);
    TransactionPage page;
    const std::size_t shown = std::min<std::size_t>(rows.size(), static_cast<std::size_t>(query.limit));
    page.records.reserve(shown);
    for (std::size_t i = 0; i < shown; ++i)
        page.records.push_back(TransactionRecord::fromRow(rows[i]));
    page.more = static_cast<qint64>(rows.size()) > query.limit;
    return page;
}

} // namespace creditdesk::server
