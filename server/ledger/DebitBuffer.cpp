#include "ledger/DebitBuffer.h"

namespace creditdesk::server {

namespace {

constexpr int kIdBlock = 256;

} // namespace

LockedAccount* DebitBuffer::cached(qint64 accountId, qint64 now)
{
    const auto it = m_accounts.find(accountId);
    if (it == m_accounts.end() || now < it->second.lockedAt || now >= it->second.validUntil)
        return nullptr;
    return &it->second;
}

LockedAccount& DebitBuffer::keep(SqlConnection& db, const LockedAccount& account)
{
    db.markBuffered(false); // the next foreign statement must make the connection forget it
    return m_accounts[account.id] = account;
}

qint64 DebitBuffer::nextTransactionId(SqlConnection& db)
{
    if (m_freeIds.empty()) {
        const SqlConnection::BufferScope scope(db);
        const auto rows =
            db.rows(QStringLiteral("SELECT nextval(pg_get_serial_sequence('transactions', 'id')) "
                                   "FROM generate_series(1, ?)"),
                    {kIdBlock});
        for (auto row = rows.rbegin(); row != rows.rend(); ++row)
            m_freeIds.push_back(asInt(row->at(0)));
    }
    const qint64 id = m_freeIds.back();
    m_freeIds.pop_back();
    return id;
}

qint64 DebitBuffer::append(SqlConnection& db, const LockedAccount& account, const TransactionRecord& debit,
                           const std::vector<std::pair<qint64, qint64>>& draws)
{
    for (const auto& [grantId, take] : draws)
        m_taken[grantId] += take;
    m_balances[account.id] = {account.balance, account.lastSeq, account.periodSpent, account.periodStart};
    db.markBuffered(true);
    if (db.isPostgres()) {
        TransactionRecord& booked = m_debits.emplace_back(debit);
        booked.id = nextTransactionId(db);
        for (const auto& [grantId, take] : draws)
            m_links.emplace_back(booked.id, grantId, take);
        return booked.id;
    }
    const SqlConnection::BufferScope scope(db);
    const qint64 id = db.insert(TransactionRecord::insertStatement(), debit.insertValues());
    for (const auto& [grantId, take] : draws)
        db.execute(QStringLiteral(
                       "INSERT INTO transaction_grants (transaction_id, grant_id, amount) VALUES (?, ?, ?)"),
                   {id, grantId, take});
    return id;
}

void DebitBuffer::keepCounters(SqlConnection& db, const LockedAccount& account)
{
    m_balances[account.id] = {account.balance, account.lastSeq, account.periodSpent, account.periodStart};
    db.markBuffered(true);
}

void DebitBuffer::flush(SqlConnection& db)
{
    // Another statement is about to run: it may change what the locked views say (a hold, an allocation).
    m_accounts.clear();
    if (db.isPostgres()) {
        flushPostgres(db);
        return;
    }
    for (const auto& [grantId, credits] : m_taken)
        db.execute(QStringLiteral("UPDATE grants SET remaining = remaining - ? WHERE id = ?"),
                   {credits, grantId});
    for (const auto& [accountId, state] : m_balances)
        db.execute(QStringLiteral("UPDATE accounts SET balance = ?, last_seq = ?, period_spent = ?, "
                                  "period_start = ? WHERE id = ?"),
                   {state.balance, state.lastSeq, state.periodSpent, state.periodStart, accountId});
    forgetPending();
}

void DebitBuffer::flushPostgres(SqlConnection& db)
{
    if (m_debits.empty() && m_balances.empty())
        return;
    using Ints = std::vector<std::optional<qint64>>;
    using Texts = std::vector<std::optional<QString>>;
    Ints ids, accountIds, seqs, amounts, balancesAfter, organizations, members, departments, actors, related,
        reservations, grants, createdAt;
    Texts kinds, grantKinds, actorKinds, references, keys, notes, models;
    for (const TransactionRecord& debit : m_debits) {
        const Attribution& who = debit.attribution;
        ids.emplace_back(debit.id);
        accountIds.emplace_back(debit.accountId);
        seqs.emplace_back(debit.seq);
        kinds.emplace_back(debit.kind);
        grantKinds.push_back(debit.grantKind);
        amounts.emplace_back(debit.amount);
        balancesAfter.emplace_back(debit.balanceAfter);
        organizations.push_back(who.organizationId);
        members.push_back(who.memberId);
        departments.push_back(who.departmentId);
        actorKinds.emplace_back(who.actorKind);
        actors.push_back(who.actorId);
        references.push_back(debit.reference);
        keys.push_back(debit.idempotencyKey);
        related.push_back(debit.relatedTransactionId);
        reservations.push_back(debit.reservationId);
        grants.push_back(debit.grantId);
        notes.push_back(debit.note);
        createdAt.emplace_back(debit.createdAt);
        models.push_back(debit.model);
    }
    Ints linkTransactions, linkGrants, linkAmounts;
    for (const auto& [transactionId, grantId, credits] : m_links) {
        linkTransactions.emplace_back(transactionId);
        linkGrants.emplace_back(grantId);
        linkAmounts.emplace_back(credits);
    }
    Ints takenGrants, takenCredits;
    for (const auto& [grantId, credits] : m_taken) {
        takenGrants.emplace_back(grantId);
        takenCredits.emplace_back(credits);
    }
    Ints balanceAccounts, balances, lastSeqs, periodSpents, periodStarts;
    for (const auto& [accountId, state] : m_balances) {
        balanceAccounts.emplace_back(accountId);
        balances.emplace_back(state.balance);
        lastSeqs.emplace_back(state.lastSeq);
        periodSpents.emplace_back(state.periodSpent);
        periodStarts.emplace_back(state.periodStart);
    }
    static const QString sql =
        QStringLiteral(
            "WITH booked AS (INSERT INTO transactions (id, account_id, seq, kind, grant_kind, amount, "
            "balance_after, organization_id, member_id, department_id, actor_kind, actor_id, "
            "reference, idempotency_key, related_transaction_id, reservation_id, grant_id, note, "
            "created_at, model) SELECT ") +
        pgUnnestList({"bigint", "bigint", "bigint", "text", "text",   "bigint", "bigint",
                      "bigint", "bigint", "bigint", "text", "bigint", "text",   "text",
                      "bigint", "bigint", "bigint", "text", "bigint", "text"}) +
        QStringLiteral(
            "), drawn AS (UPDATE grants g SET remaining = g.remaining - v.take "
            "FROM unnest(?::bigint[], ?::bigint[]) AS v (id, take) WHERE g.id = v.id), "
            "account AS (UPDATE accounts a SET balance = v.balance, last_seq = v.last_seq, "
            "period_spent = v.period_spent, period_start = v.period_start "
            "FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) AS v (id, "
            "balance, last_seq, period_spent, period_start) WHERE a.id = v.id) "
            "INSERT INTO transaction_grants (transaction_id, grant_id, amount) SELECT ") +
        pgUnnestList({"bigint", "bigint", "bigint"});
    const QVariantList binds{pgBigintArray(ids),
                             pgBigintArray(accountIds),
                             pgBigintArray(seqs),
                             pgTextArray(kinds),
                             pgTextArray(grantKinds),
                             pgBigintArray(amounts),
                             pgBigintArray(balancesAfter),
                             pgBigintArray(organizations),
                             pgBigintArray(members),
                             pgBigintArray(departments),
                             pgTextArray(actorKinds),
                             pgBigintArray(actors),
                             pgTextArray(references),
                             pgTextArray(keys),
                             pgBigintArray(related),
                             pgBigintArray(reservations),
                             pgBigintArray(grants),
                             pgTextArray(notes),
                             pgBigintArray(createdAt),
                             pgTextArray(models),
                             pgBigintArray(takenGrants),
                             pgBigintArray(takenCredits),
                             pgBigintArray(balanceAccounts),
                             pgBigintArray(balances),
                             pgBigintArray(lastSeqs),
                             pgBigintArray(periodSpents),
                             pgBigintArray(periodStarts),
                             pgBigintArray(linkTransactions),
                             pgBigintArray(linkGrants),
                             pgBigintArray(linkAmounts)};
    forgetPending();
    db.execute(sql, binds);
}

void DebitBuffer::forgetPending()
{
    m_debits.clear();
    m_links.clear();
    m_taken.clear();
    m_balances.clear();
}

void DebitBuffer::reset()
{
    m_accounts.clear();
    forgetPending();
    // m_freeIds stay: a sequence never hands out the same value twice, rolled back or not.
}

} // namespace creditdesk::server
