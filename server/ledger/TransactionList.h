#pragma once

#include "ledger/Ledger.h"
#include "store/Sql.h"

#include <QString>

#include <optional>
#include <vector>

namespace creditdesk::server {

// One page of an account's transactions. Without `since` the list runs newest first; with it, forward
// from that sequence number (incremental sync). Either way the cursor is the last sequence number shown.
struct TransactionQuery
{
    qint64 accountId = 0;
    qint64 limit = 50;
    std::optional<qint64> since;
    std::optional<qint64> cursor;
    std::optional<qint64> memberId;
    // The caller's scope (managers: their department; members: themselves), on top of any filter.
    std::optional<qint64> onlyMemberId;
    std::optional<qint64> onlyDepartmentId;
    QString kind; // empty: every kind
};

struct TransactionPage
{
    std::vector<TransactionRecord> records; // at most `limit`
    bool more = false;                      // another page follows the last record
};

// Reads the transaction list of an account with its filters and cursor.
class TransactionList
{
public:
    explicit TransactionList(SqlConnection& db) : m_db(db) {}

    TransactionPage page(const TransactionQuery& query);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
