#include "ledger/Verifier.h"

namespace creditdesk::server {

namespace {

struct Invariant
{
    const char* description;
    const char* sql; // selects offending rows; each column is printed
};

// Each query returns the rows that break one rule. They are plain SQL valid on SQLite and PostgreSQL.
const Invariant kInvariants[] = {
    {"account balance differs from the sum of its grants' remaining credits",
     "SELECT a.id, a.balance, COALESCE(SUM(g.remaining), 0) FROM accounts a LEFT JOIN grants g ON "
     "g.account_id = a.id "
     "GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(g.remaining), 0)"},
    {"account balance differs from the sum of its transactions",
     "SELECT a.id, a.balance, COALESCE(SUM(t.amount), 0) FROM accounts a LEFT JOIN transactions t ON "
     "t.account_id = a.id "
     "GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(t.amount), 0)"},
    {"account sequence numbers are not 1..last_seq without gaps",
     "SELECT a.id, a.last_seq, COUNT(t.id), COALESCE(MAX(t.seq), 0) FROM accounts a LEFT JOIN transactions t "
     "ON t.account_id = a.id GROUP BY a.id, a.last_seq HAVING COUNT(t.id) <> a.last_seq OR "
     "COALESCE(MAX(t.seq), 0) <> a.last_seq"},
    {"transaction balance_after is not the running sum of amounts",
     "SELECT id, account_id, seq, balance_after, running FROM (SELECT id, account_id, seq, balance_after, "
     "SUM(amount) OVER (PARTITION BY account_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS running FROM "
     "transactions) r "
     "WHERE balance_after <> running"},
    {"transaction has an amount with the wrong sign for its kind",
     "SELECT id, kind, amount FROM transactions WHERE (kind IN ('allocation', 'refund') AND amount <= 0) OR "
     "(kind IN ('deduction', 'expiry') AND amount >= 0)"},
    {"grant's used credits differ from what transactions drew from it",
     "SELECT g.id, g.amount - g.remaining, COALESCE(SUM(tg.amount), 0) FROM grants g LEFT JOIN "
     "transaction_grants tg "
     "ON tg.grant_id = g.id GROUP BY g.id, g.amount, g.remaining HAVING g.amount - g.remaining <> "
     "COALESCE(SUM(tg.amount), 0)"},
    {"debit transaction differs from the credits it drew from grants",
     "SELECT t.id, t.amount, COALESCE(SUM(tg.amount), 0) FROM transactions t LEFT JOIN transaction_grants tg "
     "ON tg.transaction_id = t.id WHERE t.kind IN ('deduction', 'expiry') GROUP BY t.id, t.amount "
     "HAVING -t.amount <> COALESCE(SUM(tg.amount), 0)"},
    {"allocation or refund transaction differs from the grant it created",
     "SELECT t.id, t.amount, g.amount FROM transactions t LEFT JOIN grants g ON g.id = t.grant_id "
     "WHERE t.kind IN ('allocation', 'refund') AND (g.id IS NULL OR g.amount <> t.amount OR g.account_id <> "
     "t.account_id)"},
    {"refunds exceed the deduction they refund", "SELECT o.id, -o.amount, SUM(r.amount) FROM transactions r "
                                                 "JOIN transactions o ON o.id = r.related_transaction_id "
                                                 "WHERE r.kind = 'refund' GROUP BY o.id, o.amount, o.kind "
                                                 "HAVING SUM(r.amount) > -o.amount OR o.kind <> 'deduction'"},
    {"expired grant still has credits after its expiry was booked, or expiry booked for a live grant",
     "SELECT t.id, t.grant_id FROM transactions t JOIN grants g ON g.id = t.grant_id WHERE t.kind = 'expiry' "
     "AND g.remaining <> 0"},
    {"settled reservation does not match its deduction",
     "SELECT r.id, r.settled_amount, t.amount FROM reservations r LEFT JOIN transactions t ON t.id = "
     "r.transaction_id "
     "WHERE r.status = 'settled' AND r.settled_amount > 0 AND (t.id IS NULL OR t.amount <> -r.settled_amount "
     "OR t.reservation_id <> r.id)"},
    {"idempotency key recorded on more than one transaction of an account",
     "SELECT account_id, idempotency_key, COUNT(*) FROM transactions WHERE idempotency_key IS NOT NULL "
     "AND kind <> 'expiry' GROUP BY account_id, idempotency_key, actor_kind, actor_id HAVING COUNT(*) > 1"},
    // Budgets (ledger/BudgetGuard.h): a counter of the current period (or all time) is what the ledger
    // says the scope spent in it: deductions, less refunds of them, plus overage of usage events. Skipped
    // once raw events of the period may have been purged.
    {"budget counter differs from what its scope spent in its period",
     "SELECT id, scope, scope_id, used, spent FROM (SELECT b.id, b.scope, b.scope_id, b.used, "
     "(SELECT COALESCE(SUM(-t.amount), 0) FROM transactions t WHERE t.account_id = b.account_id AND t.kind = "
     "'deduction' AND t.created_at >= b.used_period_start AND ((b.scope = 'member' AND t.member_id = "
     "b.scope_id) OR (b.scope = 'department' AND t.department_id = b.scope_id))) - "
     "(SELECT COALESCE(SUM(r.amount), 0) FROM transactions r JOIN transactions d ON d.id = "
     "r.related_transaction_id WHERE r.account_id = b.account_id AND r.kind = 'refund' AND d.created_at >= "
     "b.used_period_start AND ((b.scope = 'member' AND r.member_id = b.scope_id) OR (b.scope = 'department' "
     "AND r.department_id = b.scope_id))) + "
     "(SELECT COALESCE(SUM(e.overage_credits), 0) FROM usage_events e WHERE e.account_id = b.account_id AND "
     "e.received_at >= b.used_period_start AND ((b.scope = 'member' AND e.member_id = b.scope_id) OR "
     "(b.scope = 'department' AND e.department_id = b.scope_id))) AS spent "
     "FROM budgets b JOIN subscriptions s ON s.account_id = b.account_id "
     "WHERE (b.period = 'total' OR b.used_period_start = s.current_period_start) "
     "AND (SELECT value FROM metering_state WHERE name = 'purged_before') <= b.used_period_start) c "
     "WHERE used <> spent"},
    // Metering (server/metering, server/ledger/UsageCharging.cpp). Raw events before the retention
    // watermark (metering_state 'purged_before') may be gone; rollups are compared only after it.
    {"usage rollup differs from a recount of its raw events",
     "SELECT COALESCE(r.scope_account_id, e.scope_account_id), COALESCE(r.day, e.day), COALESCE(r.kind, "
     "e.kind), "
     "COALESCE(r.model, e.model), r.events, e.events, r.credits_micro, e.credits_micro FROM "
     "(SELECT * FROM usage_rollups WHERE day > (SELECT value FROM metering_state WHERE name = "
     "'purged_before') / 86400000) r "
     "FULL OUTER JOIN (SELECT scope_account_id, occurred_at / 86400000 AS day, account_id, "
     "COALESCE(member_id, 0) AS member_id, "
     "COALESCE(department_id, 0) AS department_id, kind, COALESCE(provider, '') AS provider, COALESCE(model, "
     "'') AS model, "
     "byok, is_free, COUNT(*) AS events, SUM(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS error_events, "
     "SUM(tokens_input) AS tokens_input, SUM(tokens_output) AS tokens_output, SUM(compute_ms) AS compute_ms, "
     "SUM(units) AS units, SUM(cost_micro_usd) AS cost_micro_usd, SUM(markup_micro_usd) AS markup_micro_usd, "
     "SUM(credits_micro) AS credits_micro, SUM(charged_credits) AS charged_credits, "
     "SUM(overage_credits) AS overage_credits FROM usage_events "
     "WHERE occurred_at / 86400000 > (SELECT value FROM metering_state WHERE name = 'purged_before') / "
     "86400000 "
     "GROUP BY scope_account_id, occurred_at / 86400000, account_id, COALESCE(member_id, 0), "
     "COALESCE(department_id, 0), "
     "kind, COALESCE(provider, ''), COALESCE(model, ''), byok, is_free) e "
     "ON r.scope_account_id = e.scope_account_id AND r.day = e.day AND r.account_id = e.account_id "
     "AND r.member_id = e.member_id AND r.department_id = e.department_id AND r.kind = e.kind "
     "AND r.provider = e.provider AND r.model = e.model AND r.byok = e.byok AND r.is_free = e.is_free "
     "WHERE r.scope_account_id IS NULL OR e.scope_account_id IS NULL OR r.events <> e.events "
     "OR r.error_events <> e.error_events OR r.tokens_input <> e.tokens_input OR r.tokens_output <> "
     "e.tokens_output "
     "OR r.compute_ms <> e.compute_ms OR r.units <> e.units OR r.cost_micro_usd <> e.cost_micro_usd "
     "OR r.markup_micro_usd <> e.markup_micro_usd OR r.credits_micro <> e.credits_micro "
     "OR r.charged_credits <> e.charged_credits OR r.overage_credits <> e.overage_credits"},
    {"charged usage event points at no debit of its account",
     "SELECT e.id, e.event_id, e.transaction_id FROM usage_events e LEFT JOIN transactions t ON t.id = "
     "e.transaction_id "
     "WHERE e.transaction_id IS NOT NULL AND (t.id IS NULL OR t.kind <> 'deduction' OR t.account_id <> "
     "e.account_id)"},
    {"usage debit differs from the credits charged for its events",
     "SELECT t.id, -t.amount, SUM(e.charged_credits) FROM transactions t JOIN usage_events e ON "
     "e.transaction_id = t.id "
     "WHERE t.created_at - 3024300000 >= (SELECT value FROM metering_state WHERE name = 'purged_before') "
     "GROUP BY t.id, t.amount HAVING -t.amount <> SUM(e.charged_credits)"},
    {"usage rollup by model differs from the detailed rollups",
     "SELECT COALESCE(m.scope_account_id, r.scope_account_id), COALESCE(m.day, r.day), COALESCE(m.model, "
     "r.model), m.events, r.events "
     "FROM usage_rollups_by_model m FULL OUTER JOIN (SELECT scope_account_id, day, account_id, kind, "
     "provider, model, byok, "
     "is_free, SUM(events) AS events, SUM(error_events) AS error_events, SUM(tokens_input) AS tokens_input, "
     "SUM(tokens_output) AS tokens_output, SUM(compute_ms) AS compute_ms, SUM(units) AS units, "
     "SUM(cost_micro_usd) AS cost_micro_usd, SUM(markup_micro_usd) AS markup_micro_usd, SUM(credits_micro) "
     "AS credits_micro, "
     "SUM(charged_credits) AS charged_credits, SUM(overage_credits) AS overage_credits FROM usage_rollups "
     "GROUP BY scope_account_id, day, account_id, kind, provider, "
     "model, byok, is_free) r ON m.scope_account_id = r.scope_account_id AND m.day = r.day AND m.account_id "
     "= r.account_id "
     "AND m.kind = r.kind AND m.provider = r.provider AND m.model = r.model AND m.byok = r.byok AND "
     "m.is_free = r.is_free "
     "WHERE m.scope_account_id IS NULL OR r.scope_account_id IS NULL OR m.events <> r.events OR "
     "m.error_events <> r.error_events "
     "OR m.tokens_input <> r.tokens_input OR m.tokens_output <> r.tokens_output OR m.compute_ms <> "
     "r.compute_ms "
     "OR m.units <> r.units OR m.cost_micro_usd <> r.cost_micro_usd OR m.markup_micro_usd <> "
     "r.markup_micro_usd "
     "OR m.credits_micro <> r.credits_micro OR m.charged_credits <> r.charged_credits "
     "OR m.overage_credits <> r.overage_credits"},
    {"usage rollup by member differs from the detailed rollups",
     "SELECT COALESCE(m.scope_account_id, r.scope_account_id), COALESCE(m.day, r.day), COALESCE(m.member_id, "
     "r.member_id), "
     "m.events, r.events FROM usage_rollups_by_member m FULL OUTER JOIN (SELECT scope_account_id, day, "
     "account_id, member_id, "
     "department_id, SUM(events) AS events, SUM(error_events) AS error_events, SUM(tokens_input) AS "
     "tokens_input, "
     "SUM(tokens_output) AS tokens_output, SUM(compute_ms) AS compute_ms, SUM(units) AS units, "
     "SUM(cost_micro_usd) AS cost_micro_usd, SUM(markup_micro_usd) AS markup_micro_usd, SUM(credits_micro) "
     "AS credits_micro, "
     "SUM(charged_credits) AS charged_credits, SUM(overage_credits) AS overage_credits FROM usage_rollups "
     "GROUP BY scope_account_id, day, account_id, member_id, "
     "department_id) r ON m.scope_account_id = r.scope_account_id AND m.day = r.day AND m.account_id = "
     "r.account_id "
     "AND m.member_id = r.member_id AND m.department_id = r.department_id "
     "WHERE m.scope_account_id IS NULL OR r.scope_account_id IS NULL OR m.events <> r.events OR "
     "m.error_events <> r.error_events "
     "OR m.tokens_input <> r.tokens_input OR m.tokens_output <> r.tokens_output OR m.compute_ms <> "
     "r.compute_ms "
     "OR m.units <> r.units OR m.cost_micro_usd <> r.cost_micro_usd OR m.markup_micro_usd <> "
     "r.markup_micro_usd "
     "OR m.credits_micro <> r.credits_micro OR m.charged_credits <> r.charged_credits "
     "OR m.overage_credits <> r.overage_credits"},
    {"rated micro-credits differ from the credits charged and the overage plus the account's carry",
     "SELECT r.account_id, r.micro, r.charged, r.overage, COALESCE(c.carry_micro, 0) FROM (SELECT "
     "account_id, "
     "SUM(credits_micro) AS micro, SUM(charged_credits) AS charged, SUM(overage_credits) AS overage FROM "
     "usage_rollups "
     "GROUP BY account_id) r LEFT JOIN usage_carry c ON c.account_id = r.account_id "
     "WHERE r.micro <> (r.charged + r.overage) * 1000000 + COALESCE(c.carry_micro, 0)"},
    // Overage: the running total invoicing reads per account equals what its events recorded (from the
    // rollups, which retention never purges; rollup 13 ties them to the raw events).
    {"account's overage total differs from its usage events' overage",
     "SELECT COALESCE(o.account_id, r.account_id), o.overage_credits, r.overage FROM usage_overage o FULL "
     "OUTER JOIN "
     "(SELECT account_id, SUM(overage_credits) AS overage FROM usage_rollups GROUP BY account_id "
     "HAVING SUM(overage_credits) <> 0) r ON r.account_id = o.account_id "
     "WHERE COALESCE(o.overage_credits, 0) <> COALESCE(r.overage, 0)"},
    {"usage event has a negative overage, or overage on a failed (uncharged) event",
     "SELECT id, event_id, credits_micro, charged_credits, overage_credits FROM usage_events "
     "WHERE overage_credits < 0 OR (overage_credits > 0 AND status = 'error')"},
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

} // namespace creditdesk::server
