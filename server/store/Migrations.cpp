#include "store/Migrations.h"

#include <QStringList>

namespace creditdesk::server {

namespace {

struct Migration
{
    int version;
    const char* name;
    const char* sql; // statements separated by ";\n"; {{ID}} is the dialect's auto-increment key, {{BLOB}}
                     // its bytes type
    bool postgresOnly = false; // recorded as applied on SQLite, where it has nothing to do
    void (*sqliteSteps)(SqlConnection&) = nullptr; // SQLite runs this instead of `sql`
};

// SQLite checks "x IN ('a', 'b', 'c')" (more than two values) by building a temporary index on every
// run of a statement: each insert into transactions paid about 9,000 instructions to create one for its
// kind CHECK, more than the rest of the insert. A chain of comparisons means the same and costs a few
// dozen. A CHECK constraint changes nothing stored, so this follows SQLite's documented procedure for
// such changes (ALTER TABLE, "other kinds of table schema changes"): edit the table's text in
// sqlite_schema and bump the schema version, in the migration's transaction, instead of copying tables.
// PostgreSQL evaluates IN lists without this cost and keeps its constraints.
void checksWithoutInLists(SqlConnection& db)
{
    struct Rewrite
    {
        const char* table;
        const char* from;
        const char* to;
    };
    const Rewrite rewrites[] = {
        {"transactions", "kind IN ('allocation', 'deduction', 'refund', 'expiry')",
         "kind = 'allocation' OR kind = 'deduction' OR kind = 'refund' OR kind = 'expiry'"},
        {"reservations", "status IN ('held', 'settled', 'released', 'expired')",
         "status = 'held' OR status = 'settled' OR status = 'released' OR status = 'expired'"},
        {"memberships", "role IN ('owner', 'admin', 'manager', 'finance', 'member')",
         "role = 'owner' OR role = 'admin' OR role = 'manager' OR role = 'finance' OR role = 'member'"},
    };
    const qint64 schemaVersion = asInt(db.row(QStringLiteral("PRAGMA schema_version"))->at(0));
    db.executeDirect(QStringLiteral("PRAGMA writable_schema=ON"));
    for (const Rewrite& rewrite : rewrites)
        db.execute(QStringLiteral(
                       "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?"),
                   {QString::fromLatin1(rewrite.from), QString::fromLatin1(rewrite.to),
                    QString::fromLatin1(rewrite.table)});
    db.executeDirect(QStringLiteral("PRAGMA schema_version=%1").arg(schemaVersion + 1));
    db.executeDirect(QStringLiteral("PRAGMA writable_schema=OFF"));
    // Reading the schema back parses every edited text: a mistake fails here and rolls the edit back.
    db.rows(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table'"));
}

// Custom roles (migration 14): a membership's role is a built-in role or "custom-<id>" of the
// organization's custom_roles. SQLite cannot alter a CHECK constraint, so, as in checksWithoutInLists,
// the memberships table's text is edited in sqlite_schema (the check only gets wider: every stored row
// still passes it); PostgreSQL replaces the constraint.
void customRolesSqlite(SqlConnection& db)
{
    db.executeDirect(QStringLiteral("CREATE TABLE custom_roles (\n"
                                    "    id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                                    "    organization_id BIGINT NOT NULL REFERENCES organizations (id),\n"
                                    "    name TEXT NOT NULL,\n"
                                    "    permissions TEXT NOT NULL,\n"
                                    "    created_at BIGINT NOT NULL,\n"
                                    "    updated_at BIGINT NOT NULL\n"
                                    ")"));
    db.executeDirect(
        QStringLiteral("CREATE UNIQUE INDEX custom_roles_name ON custom_roles (organization_id, name)"));
    const QString builtIn = QStringLiteral(
        "role = 'owner' OR role = 'admin' OR role = 'manager' OR role = 'finance' OR role = 'member'");
    const qint64 schemaVersion = asInt(db.row(QStringLiteral("PRAGMA schema_version"))->at(0));
    db.executeDirect(QStringLiteral("PRAGMA writable_schema=ON"));
    db.execute(
        QStringLiteral("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?"),
        {builtIn, builtIn + QStringLiteral(" OR role LIKE 'custom-%'"), QStringLiteral("memberships")});
    db.executeDirect(QStringLiteral("PRAGMA schema_version=%1").arg(schemaVersion + 1));
    db.executeDirect(QStringLiteral("PRAGMA writable_schema=OFF"));
    db.rows(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table'"));
}

// Timestamps are epoch milliseconds (BIGINT); amounts are BIGINT credits. Never edit a migration that
// has shipped: add the next number.
const Migration kMigrations[] = {
    {1, "identity, organizations and the credit ledger", R"SQL(
CREATE TABLE users (
    id {{ID}},
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_platform_admin INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE organizations (
    id {{ID}},
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('team', 'public')),
    tier TEXT NOT NULL DEFAULT 'free',
    billing_option TEXT NOT NULL DEFAULT 'credits',
    created_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE TABLE departments (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX departments_name ON departments (organization_id, name);
CREATE TABLE memberships (
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'finance', 'member')),
    department_id BIGINT REFERENCES departments (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
CREATE TABLE api_tokens (
    id {{ID}},
    token_hash TEXT NOT NULL,
    prefix TEXT NOT NULL,
    name TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    organization_id BIGINT REFERENCES organizations (id),
    scopes TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE TABLE accounts (
    id {{ID}},
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('user', 'organization')),
    owner_id BIGINT NOT NULL,
    balance BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0),
    last_seq BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_owner ON accounts (owner_kind, owner_id);
CREATE TABLE grants (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    remaining BIGINT NOT NULL CHECK (remaining >= 0 AND remaining <= amount),
    priority INTEGER NOT NULL,
    effective_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    note TEXT
);
CREATE INDEX grants_open ON grants (account_id, priority, expires_at, created_at, id) WHERE remaining > 0;
CREATE INDEX grants_expiry ON grants (expires_at) WHERE remaining > 0;
CREATE TABLE transactions (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('allocation', 'deduction', 'refund', 'expiry')),
    grant_kind TEXT,
    amount BIGINT NOT NULL,
    balance_after BIGINT NOT NULL,
    organization_id BIGINT,
    member_id BIGINT,
    department_id BIGINT,
    actor_kind TEXT NOT NULL,
    actor_id BIGINT,
    reference TEXT,
    idempotency_key TEXT,
    related_transaction_id BIGINT,
    reservation_id BIGINT,
    grant_id BIGINT,
    note TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX transactions_seq ON transactions (account_id, seq);
CREATE INDEX transactions_related ON transactions (related_transaction_id) WHERE related_transaction_id IS NOT NULL;
CREATE TABLE transaction_grants (
    transaction_id BIGINT NOT NULL REFERENCES transactions (id),
    grant_id BIGINT NOT NULL REFERENCES grants (id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    PRIMARY KEY (transaction_id, grant_id)
);
CREATE INDEX transaction_grants_grant ON transaction_grants (grant_id);
CREATE TABLE reservations (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    status TEXT NOT NULL CHECK (status IN ('held', 'settled', 'released', 'expired')),
    organization_id BIGINT,
    member_id BIGINT,
    department_id BIGINT,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    settled_amount BIGINT,
    transaction_id BIGINT,
    closed_at BIGINT
);
CREATE INDEX reservations_held ON reservations (account_id) WHERE status = 'held';
CREATE INDEX reservations_expiry ON reservations (expires_at) WHERE status = 'held';
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (scope, idem_key)
)
)SQL"},
    {2, "price book, rate card, usage events and rollups", R"SQL(
CREATE TABLE model_prices (
    id {{ID}},
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    input_micro_usd_per_mtok BIGINT NOT NULL CHECK (input_micro_usd_per_mtok >= 0),
    output_micro_usd_per_mtok BIGINT NOT NULL CHECK (output_micro_usd_per_mtok >= 0),
    is_free INTEGER NOT NULL DEFAULT 0,
    effective_from BIGINT NOT NULL,
    source TEXT,
    created_by BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX model_prices_key ON model_prices (model, effective_from);
CREATE TABLE rate_card (
    name TEXT PRIMARY KEY,
    credits BIGINT NOT NULL CHECK (credits >= 0),
    per_units BIGINT NOT NULL CHECK (per_units > 0),
    updated_at BIGINT NOT NULL
);
INSERT INTO rate_card (name, credits, per_units, updated_at) VALUES ('tokens', 100, 1000, 0);
INSERT INTO rate_card (name, credits, per_units, updated_at) VALUES ('compute', 50, 60000, 0);
INSERT INTO rate_card (name, credits, per_units, updated_at) VALUES ('tts', 375, 1000, 0);
INSERT INTO rate_card (name, credits, per_units, updated_at) VALUES ('search', 125, 1, 0);
INSERT INTO rate_card (name, credits, per_units, updated_at) VALUES ('agent', 250, 1, 0);
CREATE TABLE metering_state (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO metering_state (name, value) VALUES ('pricing_version', 1);
INSERT INTO metering_state (name, value) VALUES ('rollup_version', 0);
INSERT INTO metering_state (name, value) VALUES ('purged_before', 0);
CREATE TABLE usage_carry (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    carry_micro BIGINT NOT NULL CHECK (carry_micro >= 0 AND carry_micro < 1000000)
);
CREATE TABLE usage_events (
    id {{ID}},
    scope_account_id BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    fingerprint BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    organization_id BIGINT,
    user_id BIGINT,
    member_id BIGINT,
    department_id BIGINT,
    api_key_id TEXT,
    kind TEXT NOT NULL,
    provider TEXT,
    model TEXT,
    tokens_input BIGINT NOT NULL,
    tokens_output BIGINT NOT NULL,
    compute_ms BIGINT NOT NULL,
    units BIGINT NOT NULL,
    execution_id TEXT,
    task_type TEXT,
    status TEXT NOT NULL,
    byok INTEGER NOT NULL,
    reservation_id BIGINT,
    metadata TEXT,
    price_id BIGINT,
    is_free INTEGER NOT NULL,
    cost_micro_usd BIGINT NOT NULL,
    markup_micro_usd BIGINT NOT NULL,
    credits_micro BIGINT NOT NULL,
    charged_credits BIGINT NOT NULL,
    transaction_id BIGINT
);
CREATE UNIQUE INDEX usage_events_key ON usage_events (scope_account_id, event_id);
CREATE INDEX usage_events_occurred ON usage_events (occurred_at);
CREATE TABLE usage_rollups (
    scope_account_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    byok INTEGER NOT NULL,
    is_free INTEGER NOT NULL,
    events BIGINT NOT NULL,
    error_events BIGINT NOT NULL,
    tokens_input BIGINT NOT NULL,
    tokens_output BIGINT NOT NULL,
    compute_ms BIGINT NOT NULL,
    units BIGINT NOT NULL,
    cost_micro_usd BIGINT NOT NULL,
    markup_micro_usd BIGINT NOT NULL,
    credits_micro BIGINT NOT NULL,
    charged_credits BIGINT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (scope_account_id, day, account_id, member_id, department_id, kind, provider, model, byok, is_free)
)
)SQL"},
    // Coarser rollups beside usage_rollups, so whole-account reports read ~60x fewer rows when an
    // organization has many members (by model/day) or many models (by member/department).
    {3, "coarser usage rollups for whole-account reports", R"SQL(
CREATE TABLE usage_rollups_by_model (
    scope_account_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    byok INTEGER NOT NULL,
    is_free INTEGER NOT NULL,
    events BIGINT NOT NULL,
    error_events BIGINT NOT NULL,
    tokens_input BIGINT NOT NULL,
    tokens_output BIGINT NOT NULL,
    compute_ms BIGINT NOT NULL,
    units BIGINT NOT NULL,
    cost_micro_usd BIGINT NOT NULL,
    markup_micro_usd BIGINT NOT NULL,
    credits_micro BIGINT NOT NULL,
    charged_credits BIGINT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (scope_account_id, day, account_id, kind, provider, model, byok, is_free)
);
CREATE TABLE usage_rollups_by_member (
    scope_account_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    department_id BIGINT NOT NULL,
    events BIGINT NOT NULL,
    error_events BIGINT NOT NULL,
    tokens_input BIGINT NOT NULL,
    tokens_output BIGINT NOT NULL,
    compute_ms BIGINT NOT NULL,
    units BIGINT NOT NULL,
    cost_micro_usd BIGINT NOT NULL,
    markup_micro_usd BIGINT NOT NULL,
    credits_micro BIGINT NOT NULL,
    charged_credits BIGINT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (scope_account_id, day, account_id, member_id, department_id)
);
INSERT INTO usage_rollups_by_model (scope_account_id, day, account_id, kind, provider, model, byok, is_free,
    events, error_events, tokens_input, tokens_output, compute_ms, units, cost_micro_usd, markup_micro_usd,
    credits_micro, charged_credits, version)
SELECT scope_account_id, day, account_id, kind, provider, model, byok, is_free,
    SUM(events), SUM(error_events), SUM(tokens_input), SUM(tokens_output), SUM(compute_ms), SUM(units),
    SUM(cost_micro_usd), SUM(markup_micro_usd), SUM(credits_micro), SUM(charged_credits), MAX(version)
FROM usage_rollups GROUP BY scope_account_id, day, account_id, kind, provider, model, byok, is_free;
INSERT INTO usage_rollups_by_member (scope_account_id, day, account_id, member_id, department_id,
    events, error_events, tokens_input, tokens_output, compute_ms, units, cost_micro_usd, markup_micro_usd,
    credits_micro, charged_credits, version)
SELECT scope_account_id, day, account_id, member_id, department_id,
    SUM(events), SUM(error_events), SUM(tokens_input), SUM(tokens_output), SUM(compute_ms), SUM(units),
    SUM(cost_micro_usd), SUM(markup_micro_usd), SUM(credits_micro), SUM(charged_credits), MAX(version)
FROM usage_rollups GROUP BY scope_account_id, day, account_id, member_id, department_id;
CREATE INDEX usage_rollups_member ON usage_rollups (scope_account_id, member_id, day);
CREATE INDEX usage_rollups_department ON usage_rollups (scope_account_id, department_id, day)
)SQL"},
    // Until plans exist, a platform administrator sets each billing account's terms by hand: personal
    // accounts get a tier and billing option like organizations, and both may allow overage. Overage is
    // the part of an event's credits the balance could not cover, kept per event, in the rollups and as
    // a running total per charged account (for invoicing; `verify` compares the three).
    {4, "personal tiers and overage", R"SQL(
ALTER TABLE organizations ADD COLUMN overage_allowed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN tier TEXT NOT NULL DEFAULT 'free';
ALTER TABLE users ADD COLUMN billing_option TEXT NOT NULL DEFAULT 'credits';
ALTER TABLE users ADD COLUMN overage_allowed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE usage_events ADD COLUMN overage_credits BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_rollups ADD COLUMN overage_credits BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_rollups_by_model ADD COLUMN overage_credits BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_rollups_by_member ADD COLUMN overage_credits BIGINT NOT NULL DEFAULT 0;
CREATE TABLE usage_overage (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    overage_credits BIGINT NOT NULL CHECK (overage_credits >= 0)
)
)SQL"},
    // SQLite finds the oldest keys in row id order (IdempotencyKeys::purgeBefore) and saves the hot path
    // this index's upkeep.
    {5, "idempotency keys expire", R"SQL(
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)
)SQL",
     true},
    {6, "SQLite: CHECK constraints without IN lists", "", false, checksWithoutInLists},
    // Every batch adds to rows of the rollups and of accounts and grants. With room left on each page,
    // PostgreSQL writes the new version of such a row beside the old one (a HOT update) instead of adding
    // an entry to every index of the table. Applies to pages filled from now on.
    {7, "PostgreSQL: room on the pages of rows updated in every batch", R"SQL(
ALTER TABLE usage_rollups SET (fillfactor = 70);
ALTER TABLE usage_rollups_by_model SET (fillfactor = 70);
ALTER TABLE usage_rollups_by_member SET (fillfactor = 70);
ALTER TABLE accounts SET (fillfactor = 70);
ALTER TABLE grants SET (fillfactor = 70)
)SQL",
     true},
    {8, "the hash-chained audit trail", R"SQL(
CREATE TABLE audit_log (
    seq {{KEY}},
    at BIGINT NOT NULL,
    actor_type TEXT NOT NULL,
    actor_id BIGINT,
    organization_id BIGINT,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id BIGINT,
    summary TEXT NOT NULL,
    request_id TEXT,
    hash TEXT NOT NULL
);
CREATE INDEX audit_by_organization ON audit_log (organization_id, seq);
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
)SQL"},
    // Plans, subscriptions, charges, coupons and verified institutions (docs/billing.md). Money in minor
    // units, credits in credits, times in epoch milliseconds.
    {9, "plans, subscriptions, charges and coupons", R"SQL(
CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    definition TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE verification_discounts (
    type TEXT PRIMARY KEY,
    percent BIGINT NOT NULL CHECK (percent >= 0 AND percent <= 100)
);
CREATE TABLE subscriptions (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    plan TEXT NOT NULL,
    billing_option TEXT NOT NULL,
    status TEXT NOT NULL,
    terms TEXT NOT NULL,
    markup_basis_points BIGINT NOT NULL,
    free_models_only INTEGER NOT NULL,
    anchor_at BIGINT NOT NULL,
    period_number BIGINT NOT NULL,
    current_period_start BIGINT NOT NULL,
    current_period_end BIGINT NOT NULL,
    cancel_at_period_end INTEGER NOT NULL DEFAULT 0,
    pending_plan TEXT,
    pending_billing_option TEXT,
    trial_end BIGINT,
    trial_used INTEGER NOT NULL DEFAULT 0,
    first_bonus_granted INTEGER NOT NULL DEFAULT 0,
    discount_coupon TEXT,
    discount_kind TEXT,
    discount_value BIGINT,
    discount_periods_left BIGINT,
    refresh_day BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX subscriptions_due ON subscriptions (current_period_end);
CREATE TABLE subscription_periods (
    account_id BIGINT NOT NULL,
    period_start BIGINT NOT NULL,
    renewed_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, period_start)
);
CREATE TABLE subscription_history (
    id {{ID}},
    account_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    from_plan TEXT,
    to_plan TEXT,
    proration TEXT,
    actor_type TEXT NOT NULL,
    actor_id BIGINT
);
CREATE INDEX subscription_history_by_account ON subscription_history (account_id, id);
CREATE TABLE charges (
    id {{ID}},
    account_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    period_start BIGINT,
    period_end BIGINT,
    created_at BIGINT NOT NULL,
    invoice_id BIGINT
);
CREATE INDEX charges_by_account ON charges (account_id, id);
CREATE TABLE coupons (
    id {{ID}},
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    credits BIGINT,
    percent BIGINT,
    amount_minor BIGINT,
    duration_periods BIGINT,
    plan TEXT,
    credit_expiry_days BIGINT,
    max_redemptions BIGINT,
    per_account_limit BIGINT NOT NULL,
    redemption_count BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT,
    valid_plans TEXT,
    first_time_only INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX coupons_code ON coupons (code);
CREATE TABLE coupon_redemptions (
    id {{ID}},
    coupon_id BIGINT NOT NULL REFERENCES coupons (id),
    account_id BIGINT NOT NULL,
    number BIGINT NOT NULL,
    redeemed_by BIGINT,
    effect TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX coupon_redemptions_once ON coupon_redemptions (coupon_id, account_id, number);
CREATE INDEX coupon_redemptions_by_account ON coupon_redemptions (account_id, id);
CREATE TABLE verifications (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    type TEXT NOT NULL,
    institution TEXT NOT NULL,
    evidence TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_by BIGINT NOT NULL,
    decided_by BIGINT,
    note TEXT,
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX verifications_by_organization ON verifications (organization_id, id)
)SQL"},
    // A renewal sums what is left of an account's allowance grants that end with the period, open or
    // already booked as expiry (the partial grants_open index holds open grants only, so without this
    // index every renewal read the whole grants table), and the job takes due subscriptions in (period
    // end, account) order a chunk at a time (without the account in the index, every chunk sorted all
    // that were still due).
    {10, "indexes for renewals", R"SQL(
CREATE INDEX grants_by_account_expiry ON grants (account_id, expires_at);
DROP INDEX subscriptions_due;
CREATE INDEX subscriptions_due ON subscriptions (current_period_end, account_id)
)SQL"},
    // A renewal's rollover counts what an expiry already booked from the ending allowance: the expiry
    // transactions of a grant, found by grant here. Found through transaction_grants instead, PostgreSQL
    // planned a scan of that whole table for every renewal whenever it had no statistics of the table
    // (analyzed while empty, as before the first renewal instant of a new installation).
    {11, "expiry bookings by grant", R"SQL(
CREATE INDEX transactions_expiry_by_grant ON transactions (grant_id) WHERE kind = 'expiry'
)SQL"},
    // Invitations (only the token's hash is stored, as for sessions and API tokens), suspended members,
    // when a user last signed in, and an organization's extra seats: bought ones on its subscription,
    // with a decrease waiting for the period end in pending_extra_seats.
    {12, "invitations, seats, suspended members and sign-in times", R"SQL(
CREATE TABLE invitations (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    department_id BIGINT REFERENCES departments (id),
    token_hash TEXT NOT NULL,
    invited_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_by BIGINT,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX invitations_token ON invitations (token_hash);
CREATE INDEX invitations_open ON invitations (organization_id, expires_at) WHERE accepted_at IS NULL AND revoked_at IS NULL;
ALTER TABLE memberships ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT;
ALTER TABLE subscriptions ADD COLUMN extra_seats BIGINT NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN pending_extra_seats BIGINT
)SQL"},
    // Department budgets and member limits (docs/admin-guide.md "Department budgets and member limits").
    // A budget caps what is spent from the organization's pool; `used` is its running counter for the
    // period starting at `used_period_start` (the billing period's start for "month", 0 for "total"),
    // updated with every charge it covers in the charge's transaction, so enforcement never sums
    // transactions (ledger/BudgetGuard.h). Soft budgets record each crossing in budget_crossings.
    {13, "department budgets and member limits", R"SQL(
CREATE TABLE budgets (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    scope TEXT NOT NULL CHECK (scope = 'department' OR scope = 'member'),
    scope_id BIGINT NOT NULL,
    credits BIGINT NOT NULL,
    period TEXT NOT NULL CHECK (period = 'month' OR period = 'total'),
    enforcement TEXT NOT NULL CHECK (enforcement = 'hard' OR enforcement = 'soft'),
    used BIGINT NOT NULL DEFAULT 0,
    used_period_start BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX budgets_scope ON budgets (organization_id, scope, scope_id);
CREATE INDEX budgets_account ON budgets (account_id);
CREATE TABLE budget_crossings (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    scope TEXT NOT NULL,
    scope_id BIGINT NOT NULL,
    credits BIGINT NOT NULL,
    period TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    used_before BIGINT NOT NULL,
    used_after BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX budget_crossings_by_organization ON budget_crossings (organization_id, id);
CREATE TABLE budget_requests (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    department_id BIGINT NOT NULL REFERENCES departments (id),
    credits BIGINT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status = 'pending' OR status = 'approved' OR status = 'rejected'),
    requested_by BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users (id),
    decided_at BIGINT,
    note TEXT
);
CREATE INDEX budget_requests_by_organization ON budget_requests (organization_id, id);
CREATE TABLE budget_history (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    scope TEXT NOT NULL,
    scope_id BIGINT NOT NULL,
    old_credits BIGINT,
    old_period TEXT,
    old_enforcement TEXT,
    new_credits BIGINT,
    new_period TEXT,
    new_enforcement TEXT,
    actor_kind TEXT NOT NULL,
    actor_id BIGINT,
    reason TEXT,
    request_id BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX budget_history_by_organization ON budget_history (organization_id, id)
)SQL"},
    // Custom roles of an organization (plans with the custom_roles feature): permissions are the
    // permission table's names separated by spaces. Members hold one as memberships.role = 'custom-<id>'.
    {14, "custom roles", R"SQL(
CREATE TABLE custom_roles (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    permissions TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX custom_roles_name ON custom_roles (organization_id, name);
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('owner', 'admin', 'manager', 'finance', 'member') OR role LIKE 'custom-%')
)SQL",
     false, customRolesSqlite},
    // The notification outbox (alerts/Outbox.h): events written in the transaction that caused them;
    // the delivery job fans each out once (dispatched_at) to e-mail and webhook deliveries.
    {15, "notification outbox", R"SQL(
CREATE TABLE outbox_events (
    id {{ID}},
    type TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    organization_id BIGINT REFERENCES organizations (id),
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    dispatched_at BIGINT
);
CREATE INDEX outbox_events_undispatched ON outbox_events (dispatched_at, id)
)SQL"},
    // Alerts (alerts/AlertEngine.h). The account row, locked by every charge, carries what the charge paths
    // compare to decide whether to evaluate rules at all: the credits spent in the current billing period
    // (period_spent, counted for the period starting at period_start), the spent value at which the next
    // armed allowance rule fires (alert_spent_at; 0 = unknown, evaluate at the next charge) and the
    // available balance below which the next armed low-balance rule fires (alert_low_below; 0 = none).
    // alert_seq numbers the account's alert changes for the feed's "since".
    {16, "alert rules and fired alerts", R"SQL(
ALTER TABLE accounts ADD COLUMN period_spent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN period_start BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN alert_spent_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN alert_low_below BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN alert_seq BIGINT NOT NULL DEFAULT 0;
CREATE TABLE alert_rules (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    threshold BIGINT NOT NULL,
    level TEXT NOT NULL CHECK (level = 'warning' OR level = 'critical'),
    enabled INTEGER NOT NULL DEFAULT 1,
    builtin INTEGER NOT NULL DEFAULT 0,
    armed INTEGER NOT NULL DEFAULT 1,
    fired_period BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX alert_rules_account ON alert_rules (account_id, id);
CREATE TABLE alert_budget_fired (
    rule_id BIGINT NOT NULL REFERENCES alert_rules (id),
    budget_id BIGINT NOT NULL,
    period_start BIGINT NOT NULL,
    PRIMARY KEY (rule_id, budget_id)
);
CREATE TABLE alerts (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    organization_id BIGINT,
    seq BIGINT NOT NULL,
    rule_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    message TEXT NOT NULL,
    value BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    member_id BIGINT,
    department_id BIGINT,
    fired_at BIGINT NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by BIGINT
);
CREATE UNIQUE INDEX alerts_account_seq ON alerts (account_id, seq)
)SQL"},
    // Notification delivery (alerts/Deliveries.h): preferences per user and alert kind (only what a
    // user changed; the rest follows the defaults), an organization's webhook endpoints (the signing
    // secret sealed with the master key), one delivery per event and recipient (the unique key makes the
    // fan-out exactly once across processes) and every attempt at it.
    {17, "notification preferences, webhook endpoints and deliveries", R"SQL(
CREATE TABLE notification_preferences (
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    in_app INTEGER NOT NULL,
    email INTEGER NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);
CREATE TABLE webhook_endpoints (
    id {{ID}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id),
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret_sealed TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX webhook_endpoints_organization ON webhook_endpoints (organization_id, id);
CREATE TABLE notification_deliveries (
    id {{ID}},
    event_id BIGINT NOT NULL REFERENCES outbox_events (id),
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    user_id BIGINT REFERENCES users (id),
    endpoint_id BIGINT REFERENCES webhook_endpoints (id),
    status TEXT NOT NULL,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    claimed_until BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX notification_deliveries_recipient ON notification_deliveries (event_id, recipient);
CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
CREATE INDEX notification_deliveries_endpoint ON notification_deliveries (endpoint_id, id);
CREATE TABLE delivery_attempts (
    id {{ID}},
    delivery_id BIGINT NOT NULL REFERENCES notification_deliveries (id),
    at BIGINT NOT NULL,
    status_code INTEGER,
    error TEXT
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, id)
)SQL"},
    // The model on usage debits (the transaction list shows it instead of "usage"): written with the debit,
    // one per member, department and model of a batch (ledger/UsageCharging.cpp). Earlier debits get it
    // from their events where those are still kept and all used one model; the others stay without.
    {18, "model on usage transactions", R"SQL(
ALTER TABLE transactions ADD COLUMN model TEXT;
UPDATE transactions SET model = used.model
FROM (SELECT transaction_id, MIN(model) AS model FROM usage_events WHERE transaction_id IS NOT NULL
      GROUP BY transaction_id
      HAVING COUNT(DISTINCT COALESCE(model, '')) = 1 AND MIN(COALESCE(model, '')) <> '') AS used
WHERE transactions.id = used.transaction_id
)SQL"},
    // Invoices (docs/admin-guide.md "Invoices"): an account's charges become one invoice at each period
    // close; numbers come from one counter row per series, taken in the finalizing transaction, so they
    // are gapless and unique across processes. At most one period invoice per account and close (a
    // unique key: the close job run twice, or in two processes, creates nothing more).
    {19, "invoices, invoice lines, number series and the seller", R"SQL(
CREATE TABLE invoices (
    id {{ID}},
    seq BIGINT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind = 'period' OR kind = 'purchase'),
    status TEXT NOT NULL CHECK (status = 'draft' OR status = 'open' OR status = 'paid' OR status = 'void' OR
                                status = 'uncollectible'),
    number TEXT,
    issued_at BIGINT,
    due_at BIGINT,
    period_start BIGINT,
    period_end BIGINT,
    currency TEXT NOT NULL,
    subtotal_minor BIGINT NOT NULL,
    discount_minor BIGINT NOT NULL,
    tax_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    amount_paid_minor BIGINT NOT NULL DEFAULT 0,
    tax_lines TEXT NOT NULL DEFAULT '[]',
    buyer TEXT NOT NULL,
    seller TEXT NOT NULL,
    payment_method TEXT,
    payment_reference TEXT,
    paid_at BIGINT,
    voided_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX invoices_number ON invoices (number);
CREATE UNIQUE INDEX invoices_seq ON invoices (seq);
CREATE UNIQUE INDEX invoices_period_once ON invoices (account_id, kind, period_start);
CREATE INDEX invoices_by_account ON invoices (account_id, id);
CREATE TABLE invoice_lines (
    id {{ID}},
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    position BIGINT NOT NULL,
    charge_id BIGINT,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_amount_minor BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL
);
CREATE INDEX invoice_lines_by_invoice ON invoice_lines (invoice_id, position);
CREATE TABLE invoice_series (
    series TEXT PRIMARY KEY,
    next BIGINT NOT NULL
);
INSERT INTO invoice_series (series, next) VALUES ('CD', 1);
INSERT INTO invoice_series (series, next) VALUES ('CN', 1);
INSERT INTO invoice_series (series, next) VALUES ('seq', 1);
CREATE TABLE seller_settings (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX charges_uninvoiced ON charges (account_id, created_at) WHERE invoice_id IS NULL
)SQL"},
    // Tax (docs/admin-guide.md "Tax"): each billing account's profile (printed on its invoices, deciding
    // its tax), the rate table platform admins edit (seeded from resources/tax-rates.json on first start;
    // region '' is the country's rate; seeded once, so a table an admin emptied stays empty), each invoice's
    // tax lines as rows for the tax report, and credit notes with their own number series (CN). A credit note
    // on a paid invoice is a refund owed: refund_status 'pending' until the payment provider refunds it
    // ('refunded'), 'none' on an open one.
    {20, "billing profiles, tax rates, invoice taxes and credit notes", R"SQL(
CREATE TABLE billing_profiles (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    legal_name TEXT NOT NULL,
    email TEXT NOT NULL,
    line1 TEXT NOT NULL,
    line2 TEXT NOT NULL,
    city TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    region TEXT NOT NULL,
    country TEXT NOT NULL,
    tax_id TEXT NOT NULL,
    tax_exempt BIGINT NOT NULL,
    exemption_reason TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE tax_rates (
    country TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    rate_basis_points BIGINT NOT NULL,
    PRIMARY KEY (country, region)
);
CREATE TABLE tax_rates_seeded (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seeded_at BIGINT NOT NULL
);
CREATE TABLE invoice_taxes (
    id {{ID}},
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    country TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    treatment TEXT NOT NULL CHECK (treatment = 'standard' OR treatment = 'reverse_charge' OR
                                   treatment = 'exempt'),
    rate_basis_points BIGINT NOT NULL,
    taxable_minor BIGINT NOT NULL,
    tax_minor BIGINT NOT NULL
);
CREATE INDEX invoice_taxes_by_invoice ON invoice_taxes (invoice_id);
CREATE TABLE credit_notes (
    id {{ID}},
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    number TEXT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    reason TEXT NOT NULL,
    refund_status TEXT NOT NULL CHECK (refund_status = 'none' OR refund_status = 'pending' OR
                                       refund_status = 'refunded'),
    issued_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX credit_notes_number ON credit_notes (number);
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id, id);
CREATE INDEX credit_notes_by_issue ON credit_notes (issued_at);
CREATE INDEX invoices_by_issue ON invoices (issued_at)
)SQL"},
    // Stripe (docs/admin-guide.md "Payments (Stripe)"): one customer per billing account, the payments of
    // invoices (booked once per PaymentIntent: provider_id is unique), the webhook events seen, and each
    // invoice's collection state for dunning, refunds of credit notes, and the pre-billing notices sent.
    {21, "stripe customers, payments, webhook events and collections", R"SQL(
CREATE TABLE stripe_customers (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    customer_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX stripe_customers_customer ON stripe_customers (customer_id);
CREATE TABLE payments (
    id {{ID}},
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    method TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status = 'pending' OR status = 'succeeded' OR status = 'failed' OR
                                status = 'refunded'),
    provider_id TEXT,
    failure_reason TEXT,
    attempt BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX payments_provider_once ON payments (provider_id);
CREATE INDEX payments_by_account ON payments (account_id, id);
CREATE INDEX payments_by_invoice ON payments (invoice_id, id);
CREATE TABLE stripe_events (
    event_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE TABLE invoice_collections (
    invoice_id BIGINT PRIMARY KEY REFERENCES invoices (id),
    account_id BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state = 'collecting' OR state = 'retrying' OR state = 'no_payment_method' OR
                               state = 'done'),
    failures BIGINT NOT NULL DEFAULT 0,
    first_failed_at BIGINT,
    next_attempt_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX invoice_collections_due ON invoice_collections (state, next_attempt_at);
CREATE TABLE refunds (
    id {{ID}},
    payment_id BIGINT NOT NULL REFERENCES payments (id),
    credit_note_id BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL,
    provider_id TEXT,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX refunds_credit_note_once ON refunds (credit_note_id);
CREATE TABLE prebilling_notices (
    account_id BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, period_end)
)
)SQL"},
    // Credit purchases (docs/admin-guide.md "Credit packs and purchases"): one row per purchase invoice
    // (the pack and its credits, card or invoice, bought by a person or by auto-recharge), and the grant
    // booked when that invoice is paid, at most once per invoice (purchase_grants' key: whoever marks it
    // paid, however often). Auto-recharge settings per account; pending_since is set by the charge that
    // crossed the threshold (one per crossing: a conditional update under the account's lock) and cleared
    // when the purchase it started is paid or has failed; invoice_id is the due work's claim on it (0 while
    // no invoice is issued), claimed_at when it was made.
    {22, "credit purchases and auto-recharge", R"SQL(
CREATE TABLE credit_purchases (
    invoice_id BIGINT PRIMARY KEY REFERENCES invoices (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    pack TEXT NOT NULL,
    credits BIGINT NOT NULL,
    payment TEXT NOT NULL CHECK (payment = 'card' OR payment = 'invoice'),
    origin TEXT NOT NULL CHECK (origin = 'request' OR origin = 'auto_recharge'),
    requested_by BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX credit_purchases_by_account ON credit_purchases (account_id, invoice_id);
CREATE TABLE purchase_grants (
    invoice_id BIGINT PRIMARY KEY REFERENCES invoices (id),
    transaction_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE auto_recharge (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    enabled INTEGER NOT NULL,
    threshold_credits BIGINT NOT NULL,
    pack TEXT NOT NULL,
    failures BIGINT NOT NULL DEFAULT 0,
    last_failure TEXT,
    pending_since BIGINT,
    invoice_id BIGINT,
    claimed_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX auto_recharge_pending ON auto_recharge (pending_since) WHERE pending_since IS NOT NULL
)SQL"},
    // PayPal orders of invoices (docs/admin-guide.md "PayPal"): one row per order, its capture recorded
    // once (unique on the order and on the capture), so a repeated capture pays nothing twice.
    {23, "PayPal orders of invoices", R"SQL(
CREATE TABLE paypal_orders (
    id {{ID}},
    order_id TEXT NOT NULL,
    invoice_id BIGINT NOT NULL REFERENCES invoices (id),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    approve_url TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status = 'created' OR status = 'completed'),
    capture_id TEXT,
    capture_attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    captured_at BIGINT
);
CREATE UNIQUE INDEX paypal_orders_order ON paypal_orders (order_id);
CREATE UNIQUE INDEX paypal_orders_capture ON paypal_orders (capture_id);
CREATE INDEX paypal_orders_by_invoice ON paypal_orders (invoice_id, id)
)SQL"},
    // Overage on invoices (docs/admin-guide.md "Invoices"): at each period close the account's overage not
    // yet billed becomes an `overage` charge in whole cents; what is billed is counted here, the rest of a
    // cent carries over, so no overage credit is billed twice or never. `billed_through` is the renewal
    // whose close billed it last (a second run of the close bills nothing more).
    {24, "overage billed at period closes", R"SQL(
ALTER TABLE usage_overage ADD COLUMN billed_credits BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_overage ADD COLUMN billed_through BIGINT NOT NULL DEFAULT 0
)SQL"},
    // Stripe metered usage (docs/admin-guide.md "Stripe metered usage"): one report per account and day of
    // the overage it took from usage_overage (billed_credits), sent to Stripe as a meter event and retried.
    {25, "overage reports to Stripe's meter events", R"SQL(
CREATE TABLE usage_reports (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    day TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    value BIGINT NOT NULL CHECK (value > 0),
    status TEXT NOT NULL CHECK (status = 'pending' OR status = 'sent' OR status = 'failed'),
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    sent_at BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, day)
);
CREATE INDEX usage_reports_due ON usage_reports (status, next_attempt_at)
)SQL"},
    // Audit entries of one write group that share actor, organization, action and target type (the
    // single usage events a group records) are stored as one row: the first entry in the columns, the
    // others in run_tail (docs/design.md, "Audit trail"). Rows written before hold one entry each.
    {26, "audit entries stored in runs", R"SQL(
ALTER TABLE audit_log ADD COLUMN run_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD COLUMN run_tail {{BLOB}}
)SQL"},
};

QStringList statementsFor(const Migration& migration, Dialect dialect)
{
    if (migration.postgresOnly && dialect != Dialect::Postgres)
        return {};
    QString sql = QString::fromUtf8(migration.sql);
    sql.replace(QStringLiteral("{{ID}}"),
                dialect == Dialect::Postgres
                    ? QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                    : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
    sql.replace(QStringLiteral("{{BLOB}}"),
                dialect == Dialect::Postgres ? QStringLiteral("BYTEA") : QStringLiteral("BLOB"));
    // An explicit key the application assigns (the audit trail's sequence): SQLite's rowid, a plain
    // bigint on PostgreSQL.
    sql.replace(QStringLiteral("{{KEY}}"), dialect == Dialect::Postgres
                                               ? QStringLiteral("BIGINT PRIMARY KEY")
                                               : QStringLiteral("INTEGER PRIMARY KEY"));
    QStringList statements;
    for (const QString& part : sql.split(QStringLiteral(";\n"))) {
        if (!part.trimmed().isEmpty())
            statements.append(part.trimmed());
    }
    return statements;
}

} // namespace

int latestSchemaVersion()
{
    return std::rbegin(kMigrations)->version; // numbers are handed out ahead, so not the count
}

int applyMigrations(SqlConnection& connection, qint64 nowMs)
{
    connection.executeDirect(QStringLiteral(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)"));
    int applied = 0;
    for (const Migration& migration : kMigrations) {
        connection.begin();
        try {
            if (connection.isPostgres()) // several servers may start together: one migrates, the rest wait
                connection.executeDirect(QStringLiteral("SELECT pg_advisory_xact_lock(4242001)"));
            const auto existing =
                connection.row(QStringLiteral("SELECT version FROM schema_migrations WHERE version = ?"),
                               {migration.version});
            if (existing) {
                connection.commit();
                continue;
            }
            if (migration.sqliteSteps && !connection.isPostgres()) {
                migration.sqliteSteps(connection);
            } else {
                for (const QString& statement : statementsFor(migration, connection.dialect()))
                    connection.executeDirect(statement);
            }
            connection.execute(
                QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                {migration.version, QString::fromUtf8(migration.name), nowMs});
            connection.commit();
            ++applied;
        } catch (...) {
            connection.rollback();
            throw;
        }
    }
    return applied;
}

} // namespace creditdesk::server
