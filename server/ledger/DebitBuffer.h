#pragma once

#include "ledger/Ledger.h"
#include "store/Sql.h"

#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace creditdesk::server {

// The ledger's buffer on the writer connection (a TransactionBuffer). Many deductions from one hot
// account in one group commit would otherwise cost a lock query and several writes each; with this
// buffer the group locks the account once, draws in memory from the locked view, and updates the
// account row and each grant drawn once when the connection flushes.
//  - PostgreSQL: every debit of the group (transactions, grant draws, account balance) is written as
//    one statement at the flush. Transaction ids come in blocks from the table's identity sequence, so
//    a debit's id is known (and answered) before it is written.
//  - SQLite: statements cost no round trip, so the transaction and draw rows are inserted at once (the
//    row id is the answer's id); only the hot rows' updates wait for the flush.
class DebitBuffer final : public TransactionBuffer
{
public:
    // The account as this transaction locked it, if it was locked at or before `now` and nothing has
    // changed state by time since (LockedAccount::validUntil); nullptr otherwise.
    LockedAccount* cached(qint64 accountId, qint64 now);
    LockedAccount& keep(SqlConnection& db, const LockedAccount& account);

    // Books a numbered debit and its grant draws (grant id, credits); `account` is its state after the
    // debit. Returns the debit's transaction id.
    qint64 append(SqlConnection& db, const LockedAccount& account, const TransactionRecord& debit,
                  const std::vector<std::pair<qint64, qint64>>& draws);

    // The account's balance, sequence and period counters to write at the flush (as append() does), for a
    // change of the counters without a debit (overage).
    void keepCounters(SqlConnection& db, const LockedAccount& account);

    void flush(SqlConnection& db) override;
    void reset() override;

private:
    qint64 nextTransactionId(SqlConnection& db);
    void flushPostgres(SqlConnection& db);
    void forgetPending(); // the debits, draws and balances waiting to be written

    std::unordered_map<qint64, LockedAccount> m_accounts;
    std::vector<TransactionRecord> m_debits;
    std::vector<std::tuple<qint64, qint64, qint64>> m_links; // transaction id, grant id, credits
    std::map<qint64, qint64> m_taken;                        // grant id -> credits drawn since the last flush
    struct Counters
    {
        qint64 balance = 0;
        qint64 lastSeq = 0;
        qint64 periodSpent = 0;
        qint64 periodStart = 0;
    };
    std::map<qint64, Counters> m_balances; // account id -> its row's counters after the pending debits
    std::vector<qint64> m_freeIds;         // drawn from the sequence, unused, last first
};

} // namespace creditdesk::server
