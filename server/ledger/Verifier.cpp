#include "ledger/Verifier.h"

namespace creditdesk {

namespace {

struct Invariant
{
    const char* description;
    const char* sql; // selects offending rows; each column is printed
};

// Each query returns the rows that break one rule. They are plain SQL valid on SQLite and PostgreSQL.
const Invariant kInvariants[] = {
    {"account balance differs from the sum of its grants' remaining credits",
     "SELECT a.id, a.balance, COALESCE(SUM(g.remaining), 0) FROM accounts a LEFT JOIN grants g ON g.account_id = a.id "
     "GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(g.remaining), 0)"},
    {"account balance differs from the sum of its transactions",
     "SELECT a.id, a.balance, COALESCE(SUM(t.amount), 0) FROM accounts a LEFT JOIN transactions t ON t.account_id = a.id "
     "GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(t.amount), 0)"},
    {"account sequence numbers are not 1..last_seq without gaps",
     "SELECT a.id, a.last_seq, COUNT(t.id), COALESCE(MAX(t.seq), 0) FROM accounts a LEFT JOIN transactions t "
     "ON t.account_id = a.id GROUP BY a.id, a.last_seq HAVING COUNT(t.id) <> a.last_seq OR COALESCE(MAX(t.seq), 0) <> a.last_seq"},
    {"transaction balance_after is not the running sum of amounts",
     "SELECT id, account_id, seq, balance_after, running FROM (SELECT id, account_id, seq, balance_after, "
     "SUM(amount) OVER (PARTITION BY account_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS running FROM transactions) r "
     "WHERE balance_after <> running"},
    {"transaction has an amount with the wrong sign for its kind",
     "SELECT id, kind, amount FROM transactions WHERE (kind IN ('allocation', 'refund') AND amount <= 0) OR "
     "(kind IN ('deduction', 'expiry') AND amount >= 0)"},
    {"grant's used credits differ from what transactions drew from it",
     "SELECT g.id, g.amount - g.remaining, COALESCE(SUM(tg.amount), 0) FROM grants g LEFT JOIN transaction_grants tg "
     "ON tg.grant_id = g.id GROUP BY g.id, g.amount, g.remaining HAVING g.amount - g.remaining <> COALESCE(SUM(tg.amount), 0)"},
    {"debit transaction differs from the credits it drew from grants",
     "SELECT t.id, t.amount, COALESCE(SUM(tg.amount), 0) FROM transactions t LEFT JOIN transaction_grants tg "
     "ON tg.transaction_id = t.id WHERE t.kind IN ('deduction', 'expiry') GROUP BY t.id, t.amount "
     "HAVING -t.amount <> COALESCE(SUM(tg.amount), 0)"},
    {"allocation or refund transaction differs from the grant it created",
     "SELECT t.id, t.amount, g.amount FROM transactions t LEFT JOIN grants g ON g.id = t.grant_id "
     "WHERE t.kind IN ('allocation', 'refund') AND (g.id IS NULL OR g.amount <> t.amount OR g.account_id <> t.account_id)"},
    {"refunds exceed the deduction they refund",
     "SELECT o.id, -o.amount, SUM(r.amount) FROM transactions r JOIN transactions o ON o.id = r.related_transaction_id "
     "WHERE r.kind = 'refund' GROUP BY o.id, o.amount, o.kind HAVING SUM(r.amount) > -o.amount OR o.kind <> 'deduction'"},
    {"expired grant still has credits after its expiry was booked, or expiry booked for a live grant",
     "SELECT t.id, t.grant_id FROM transactions t JOIN grants g ON g.id = t.grant_id WHERE t.kind = 'expiry' AND g.remaining <> 0"},
    {"settled reservation does not match its deduction",
     "SELECT r.id, r.settled_amount, t.amount FROM reservations r LEFT JOIN transactions t ON t.id = r.transaction_id "
     "WHERE r.status = 'settled' AND r.settled_amount > 0 AND (t.id IS NULL OR t.amount <> -r.settled_amount "
     "OR t.reservation_id <> r.id)"},
    {"idempotency key recorded on more than one transaction of an account",
     "SELECT account_id, idempotency_key, COUNT(*) FROM transactions WHERE idempotency_key IS NOT NULL "
     "AND kind <> 'expiry' GROUP BY account_id, idempotency_key, actor_kind, actor_id HAVING COUNT(*) > 1"},
};

} // namespace

QStringList verifyLedger(SqlConnection& db)
{
    QStringList problems;
    for (const Invariant& invariant : kInvariants) {
        const auto rows = db.rows(QString::fromLatin1(invariant.sql));
        for (const Row& row : rows) {
            QStringList values;
            for (const QVariant& value : row)
                values.append(value.toString());
            problems.append(QString::fromLatin1(invariant.description) + QStringLiteral(": ") +
                            values.join(QStringLiteral(", ")));
            if (problems.size() > 1000)
                return problems;
        }
    }
    return problems;
}

} // namespace creditdesk
