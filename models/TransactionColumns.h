#pragma once

#include "cache/TransactionQuery.h"
#include "domain/Records.h"

#include <QHash>
#include <QVariant>

namespace creditdesk {

// The columns of every transaction table, shared by the full history and the dashboard's recent list.
enum class TransactionColumn
{
    Date,
    Kind,
    Amount,
    Value,
    BalanceAfter,
    Member,
    Department,
    Reference,
    Count
};

// Roles beyond Qt's: RawRole is the value to sort and filter on (a number, a date), never display text.
enum TransactionRole
{
    RawRole = Qt::UserRole + 1,
    TransactionIdRole,
    LoadedRole
};

struct NameLookup
{
    QHash<qint64, QString> members;
    QHash<qint64, QString> departments;
};

QVariant transactionHeader(TransactionColumn column, int role);
QVariant transactionData(const Transaction& row, TransactionColumn column, int role, const NameLookup& names);
TransactionSort sortFor(TransactionColumn column);

// Who made a transaction, in words: "user 2" → the member's name (or "User #2"), "api_token 2" →
// "API token #2", without an id "User" or "API token", "system" → "System"; anything else as it is.
QString actorLabel(const QString& actor, const NameLookup& names);

} // namespace creditdesk
