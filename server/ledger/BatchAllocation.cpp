// Allocations to many accounts at once, for the jobs that touch thousands of accounts at one instant
// (renewals, expiry) on PostgreSQL: the rules of Ledger::lock() and Ledger::allocate() with the accounts of
// a chunk locked, read and written together. Every row is the one those would have written account by
// account; only the round trips differ (three for the chunk instead of about a dozen per account).
#include "alerts/AlertEngine.h"
#include "core/Json.h"
#include "ledger/Ledger.h"

#include <algorithm>
#include <map>

namespace creditdesk::server {

namespace {

using Ints = std::vector<std::optional<qint64>>;
using Texts = std::vector<std::optional<QString>>;

// The accounts of a chunk as this transaction locked them, and the rows to write for them.
class Batch
{
public:
    Batch(SqlConnection& db, qint64 now) : m_db(db), m_now(now) {}

    // Locks the accounts in id order (every writer locks one account at a time or in this order), then
    // books for each what lock() books: the expiry of every grant past its time, holds past their time.
    void lock(std::vector<qint64> accountIds);
    // allocate() on an account locked above: the balance limit, then the grant and its allocation.
    void allocate(qint64 accountId, const AllocationRequest& request, const Attribution& attribution);
    int expiries() const { return static_cast<int>(m_expiry.accounts.size()); }
    void write();

private:
    struct Account
    {
        qint64 balance = 0;
        qint64 lastSeq = 0;
        bool changed = false;
    };
    Account& numbered(qint64 accountId, qint64 amount); // the account after one more transaction

    SqlConnection& m_db;
    qint64 m_now;
    std::map<qint64, Account> m_accounts;
    Ints m_heldAccounts; // accounts with holds past their time
    struct
    {
        Ints accounts, seqs, amounts, balancesAfter, grants;
        Texts grantKinds;
    } m_expiry;
    struct
    {
        Ints accounts, amounts, priorities, expiresAt, seqs, balancesAfter, organizations, members,
            departments, actors;
        Texts kinds, notes, actorKinds, keys;
    } m_allocation;
};

Batch::Account& Batch::numbered(qint64 accountId, qint64 amount)
{
    Account& account = m_accounts.at(accountId);
    ++account.lastSeq;
    account.balance += amount;
    account.changed = true;
    return account;
}

void Batch::lock(std::vector<qint64> accountIds)
{
    std::sort(accountIds.begin(), accountIds.end());
    accountIds.erase(std::unique(accountIds.begin(), accountIds.end()), accountIds.end());
    const QVariant ids = pgBigintArray(Ints(accountIds.begin(), accountIds.end()));
    const auto locked = m_db.rows(QStringLiteral("SELECT id, balance, last_seq FROM accounts WHERE id = "
                                                 "ANY(?::bigint[]) ORDER BY id FOR UPDATE"),
                                  {ids});
    if (locked.size() != accountIds.size())
        throw ApiError::notFound(QStringLiteral("Billing account"));
    for (const Row& row : locked)
        m_accounts[asInt(row[0])] = Account{asInt(row[1]), asInt(row[2]), false};
    // Read once the locks are held (a statement of its own, so with a snapshot taken after them): no
    // other transaction changes these accounts' grants or holds any more.
    const auto due = m_db.rows(
        QStringLiteral("SELECT v.id, (SELECT MIN(r.expires_at) FROM reservations r WHERE r.account_id = v.id "
                       "AND r.status = 'held'), g.id, g.kind, g.remaining FROM unnest(?::bigint[]) AS v (id) "
                       "LEFT JOIN grants g ON g.account_id = v.id AND g.remaining > 0 AND g.expires_at <= ? "
                       "ORDER BY v.id, g.expires_at, g.id"),
        {ids, m_now});
    std::optional<qint64> previous;
    for (const Row& row : due) {
        const qint64 accountId = asInt(row[0]);
        const std::optional<qint64> firstHoldExpiry = optionalInt(row[1]);
        if (accountId != previous && firstHoldExpiry && *firstHoldExpiry <= m_now)
            m_heldAccounts.emplace_back(accountId);
        previous = accountId;
        if (row[2].isNull())
            continue;
        const qint64 remaining = asInt(row[4]);
        const Account& account = numbered(accountId, -remaining);
        m_expiry.accounts.emplace_back(accountId);
        m_expiry.seqs.emplace_back(account.lastSeq);
        m_expiry.grantKinds.emplace_back(row[3].toString());
        m_expiry.amounts.emplace_back(-remaining);
        m_expiry.balancesAfter.emplace_back(account.balance);
        m_expiry.grants.emplace_back(asInt(row[2]));
    }
}

void Batch::allocate(qint64 accountId, const AllocationRequest& request, const Attribution& attribution)
{
    if (m_accounts.at(accountId).balance > kMaxAmount * 1000 - request.amount)
        throw ApiError(QStringLiteral("balance_limit"),
                       QStringLiteral("The account balance would exceed its limit"));
    const Account& account = numbered(accountId, request.amount);
    auto& a = m_allocation;
    a.accounts.emplace_back(accountId);
    a.kinds.emplace_back(request.grantKind);
    a.amounts.emplace_back(request.amount);
    a.priorities.emplace_back(request.priority);
    a.expiresAt.emplace_back(request.expiresAt);
    a.notes.push_back(request.note);
    a.seqs.emplace_back(account.lastSeq);
    a.balancesAfter.emplace_back(account.balance);
    a.organizations.push_back(attribution.organizationId);
    a.members.push_back(attribution.memberId);
    a.departments.push_back(attribution.departmentId);
    a.actorKinds.emplace_back(attribution.actorKind);
    a.actors.push_back(attribution.actorId);
    a.keys.push_back(request.idempotencyKey);
}

void Batch::write()
{
    Ints changedAccounts, balances, lastSeqs;
    for (const auto& [id, account] : m_accounts)
        if (account.changed) {
            changedAccounts.emplace_back(id);
            balances.emplace_back(account.balance);
            lastSeqs.emplace_back(account.lastSeq);
        }
    if (changedAccounts.empty() && m_heldAccounts.empty())
        return;
    // Transaction and grant ids are drawn in the statement (a materialized CTE is evaluated once), so
    // each expiry's grant draw and each allocation's grant are linked by id, not by a lookup. The
    // accounts are also named with "= ANY": joined to the unnested rows alone, the generic plan
    // scanned the whole table.
    static const QString sql =
        QStringLiteral(
            "WITH expired AS (UPDATE grants SET remaining = 0 WHERE id = ANY(?::bigint[])), "
            "held AS (UPDATE reservations SET status = 'expired', closed_at = ?::bigint "
            "WHERE account_id = ANY(?::bigint[]) AND status = 'held' AND expires_at <= ?::bigint), "
            "expiry AS MATERIALIZED (SELECT nextval((SELECT pg_get_serial_sequence('transactions', "
            "'id')::regclass)) "
            "AS id, v.* "
            "FROM (SELECT unnest(?::bigint[]) AS account_id, unnest(?::bigint[]) AS seq, "
            "unnest(?::text[]) AS grant_kind, unnest(?::bigint[]) AS amount, "
            "unnest(?::bigint[]) AS balance_after, unnest(?::bigint[]) AS grant_id) v), "
            "expiry_booked AS (INSERT INTO transactions (id, account_id, seq, kind, grant_kind, amount, "
            "balance_after, actor_kind, grant_id, created_at) SELECT id, account_id, seq, 'expiry', "
            "grant_kind, amount, balance_after, 'system', grant_id, ?::bigint FROM expiry), "
            "expiry_drawn AS (INSERT INTO transaction_grants (transaction_id, grant_id, amount) "
            "SELECT id, grant_id, -amount FROM expiry), "
            "added AS MATERIALIZED (SELECT nextval((SELECT pg_get_serial_sequence('grants', "
            "'id')::regclass)) "
            "AS grant_id, v.* "
            "FROM (SELECT unnest(?::bigint[]) AS account_id, unnest(?::text[]) AS kind, "
            "unnest(?::bigint[]) AS amount, unnest(?::bigint[]) AS priority, "
            "unnest(?::bigint[]) AS expires_at, unnest(?::text[]) AS note, unnest(?::bigint[]) AS seq, "
            "unnest(?::bigint[]) AS balance_after, unnest(?::bigint[]) AS organization_id, "
            "unnest(?::bigint[]) AS member_id, unnest(?::bigint[]) AS department_id, "
            "unnest(?::text[]) AS actor_kind, unnest(?::bigint[]) AS actor_id, "
            "unnest(?::text[]) AS idempotency_key) v), "
            "granted AS (INSERT INTO grants (id, account_id, kind, amount, remaining, priority, "
            "effective_at, "
            "expires_at, created_at, note) SELECT grant_id, account_id, kind, amount, amount, priority, "
            "?::bigint, expires_at, ?::bigint, note FROM added), "
            "allocated AS (INSERT INTO transactions (account_id, seq, kind, grant_kind, amount, "
            "balance_after, organization_id, member_id, department_id, actor_kind, actor_id, "
            "idempotency_key, grant_id, note, created_at) SELECT account_id, seq, 'allocation', kind, "
            "amount, "
            "balance_after, organization_id, member_id, department_id, actor_kind, actor_id, "
            "idempotency_key, grant_id, note, ?::bigint FROM added) "
            "UPDATE accounts a SET balance = v.balance, last_seq = v.last_seq FROM (SELECT ") +
        pgUnnestList({"bigint", "bigint", "bigint"}) +
        QStringLiteral(") AS v (id, balance, last_seq) WHERE a.id = v.id AND a.id = ANY(?::bigint[])");
    const auto& e = m_expiry;
    const auto& a = m_allocation;
    const QVariant changed = pgBigintArray(changedAccounts);
    m_db.execute(sql, {pgBigintArray(e.grants),
                       m_now,
                       pgBigintArray(m_heldAccounts),
                       m_now,
                       pgBigintArray(e.accounts),
                       pgBigintArray(e.seqs),
                       pgTextArray(e.grantKinds),
                       pgBigintArray(e.amounts),
                       pgBigintArray(e.balancesAfter),
                       pgBigintArray(e.grants),
                       m_now,
                       pgBigintArray(a.accounts),
                       pgTextArray(a.kinds),
                       pgBigintArray(a.amounts),
                       pgBigintArray(a.priorities),
                       pgBigintArray(a.expiresAt),
                       pgTextArray(a.notes),
                       pgBigintArray(a.seqs),
                       pgBigintArray(a.balancesAfter),
                       pgBigintArray(a.organizations),
                       pgBigintArray(a.members),
                       pgBigintArray(a.departments),
                       pgTextArray(a.actorKinds),
                       pgBigintArray(a.actors),
                       pgTextArray(a.keys),
                       m_now,
                       m_now,
                       m_now,
                       changed,
                       pgBigintArray(balances),
                       pgBigintArray(lastSeqs),
                       changed});
}

} // namespace

void Ledger::allocateMany(const std::vector<AccountAllocation>& allocations)
{
    if (!m_db.isPostgres()) {
        for (const AccountAllocation& allocation : allocations)
            allocate(allocation.accountId, allocation.request, allocation.attribution);
        return;
    }
    if (allocations.empty())
        return;
    for (const AccountAllocation& allocation : allocations)
        if (allocation.request.expiresAt <= m_now)
            throw ApiError::validation(QStringLiteral("expires_at"),
                                       QStringLiteral("'expires_at' must be in the future"));
    Batch batch(m_db, m_now);
    std::vector<qint64> accountIds;
    accountIds.reserve(allocations.size());
    for (const AccountAllocation& allocation : allocations)
        accountIds.push_back(allocation.accountId);
    batch.lock(accountIds);
    for (const AccountAllocation& allocation : allocations)
        batch.allocate(allocation.accountId, allocation.request, allocation.attribution);
    batch.write();
    AlertEngine(m_db, m_now).grantsArrived(accountIds);
}

int Ledger::lockAndExpireMany(const std::vector<qint64>& accountIds)
{
    if (accountIds.empty())
        return 0;
    Batch batch(m_db, m_now);
    batch.lock(accountIds);
    batch.write();
    return batch.expiries();
}

} // namespace creditdesk::server
