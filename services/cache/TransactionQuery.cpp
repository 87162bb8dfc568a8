#include "cache/TransactionQuery.h"

#include <QStringList>
#include <QTimeZone>

namespace creditdesk {

namespace {

qint64 dayStartMs(QDate day)
{
    return QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

QString escapeLike(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

} // namespace

QString TransactionQuery::whereClause(QVariantList* binds) const
{
    QStringList conditions{QStringLiteral("t.organization_id = ?")};
    binds->append(organizationId);
    if (kind) {
        conditions.append(QStringLiteral("t.kind = ?"));
        binds->append(static_cast<int>(*kind));
    }
    if (from.isValid()) {
        conditions.append(QStringLiteral("t.created_at >= ?"));
        binds->append(dayStartMs(from));
    }
    if (to.isValid()) {
        conditions.append(QStringLiteral("t.created_at < ?"));
        binds->append(dayStartMs(to.addDays(1)));
    }
    if (memberId) {
        conditions.append(QStringLiteral("t.member_id = ?"));
        binds->append(*memberId);
    }
    if (departmentId) {
        conditions.append(QStringLiteral("t.department_id = ?"));
        binds->append(*departmentId);
    }
    const QString trimmed = text.trimmed();
    if (!trimmed.isEmpty()) {
        bool isNumber = false;
        const qint64 number = trimmed.toLongLong(&isNumber);
        QString condition;
        if (trimmed.size() >= 3) {
            // The trigram index answers substring searches (case-insensitive, like LIKE) without a scan;
            // rows synced since the last indexing run are still searched with LIKE.
            QString phrase = trimmed;
            phrase.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            condition = QStringLiteral(
                "t.id IN (SELECT rowid FROM transactions_text WHERE transactions_text MATCH ?) "
                "OR (t.id IN (SELECT id FROM text_pending) AND (t.reference LIKE ? ESCAPE '\\' "
                "OR t.note LIKE ? ESCAPE '\\'))");
            binds->append(QLatin1Char('"') + phrase + QLatin1Char('"'));
            binds->append(escapeLike(trimmed));
            binds->append(escapeLike(trimmed));
        } else {
            // Trigrams need three characters: shorter texts scan.
            condition = QStringLiteral("t.reference LIKE ? ESCAPE '\\' OR t.note LIKE ? ESCAPE '\\'");
            binds->append(escapeLike(trimmed));
            binds->append(escapeLike(trimmed));
        }
        if (isNumber) {
            condition += QStringLiteral(" OR t.id = ? OR t.seq = ?");
            binds->append(number);
            binds->append(number);
        }
        conditions.append(QLatin1Char('(') + condition + QLatin1Char(')'));
    }
    return QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QString TransactionQuery::orderClause() const
{
    const QString direction = order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QString column;
    switch (sort) {
    case TransactionSort::Date:
        // created_at follows seq within an account; seq is unique and indexed.
        return QStringLiteral(" ORDER BY t.seq") + direction;
    case TransactionSort::Kind:
        column = QStringLiteral("t.kind");
        break;
    case TransactionSort::Amount:
        column = QStringLiteral("t.amount");
        break;
    case TransactionSort::BalanceAfter:
        column = QStringLiteral("t.balance_after");
        break;
    case TransactionSort::Member:
        column = QStringLiteral("m.name");
        break;
    case TransactionSort::Department:
        column = QStringLiteral("d.name");
        break;
    case TransactionSort::Reference:
        column = QStringLiteral("t.reference");
        break;
    case TransactionSort::Note:
        column = QStringLiteral("t.note");
        break;
    }
    // seq breaks ties so that paging with OFFSET is stable.
    return QStringLiteral(" ORDER BY ") + column + direction + QStringLiteral(", t.seq") + direction;
}

bool TransactionQuery::needsNameJoins() const
{
    return sort == TransactionSort::Member || sort == TransactionSort::Department;
}

} // namespace creditdesk
