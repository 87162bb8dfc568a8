#pragma once

#include "domain/Records.h"

#include <QDate>
#include <QMetaType>
#include <QString>
#include <QVariantList>

#include <optional>

namespace creditdesk {

// The columns a transaction list can be sorted by (their raw values, never the display text).
enum class TransactionSort
{
    Date,
    Kind,
    Amount,
    BalanceAfter,
    Member,
    Department,
    Reference,
    Note
};

// Which transactions of one organization a view wants, and in which order.
struct TransactionQuery
{
    qint64 organizationId = 0;
    std::optional<TransactionKind> kind;
    QDate from; // inclusive, UTC day; invalid: open
    QDate to;   // inclusive
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    QString text; // in reference or note; a number also matches the id or sequence number
    TransactionSort sort = TransactionSort::Date;
    Qt::SortOrder order = Qt::DescendingOrder;

    bool operator==(const TransactionQuery& other) const = default;

    // SQL for the cache (alias t for transactions): " WHERE …" with bind values, and " ORDER BY …".
    QString whereClause(QVariantList* binds) const;
    QString orderClause() const;
    bool needsNameJoins() const;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::TransactionQuery)
