#include "store/Migrations.h"

#include <QStringList>

namespace creditdesk {

namespace {

struct Migration
{
    int version;
    const char* name;
    const char* sql; // statements separated by ";\n"; {{ID}} is the dialect's auto-increment key
};

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
};

QStringList statementsFor(const Migration& migration, Dialect dialect)
{
    QString sql = QString::fromUtf8(migration.sql);
    sql.replace(QStringLiteral("{{ID}}"), dialect == Dialect::Postgres
                                              ? QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                                              : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
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
    return std::size(kMigrations);
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
            const auto existing = connection.row(QStringLiteral("SELECT version FROM schema_migrations WHERE version = ?"),
                                                 {migration.version});
            if (existing) {
                connection.commit();
                continue;
            }
            for (const QString& statement : statementsFor(migration, connection.dialect()))
                connection.executeDirect(statement);
            connection.execute(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
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

} // namespace creditdesk
