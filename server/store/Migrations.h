#pragma once

#include "store/Sql.h"

namespace creditdesk::server {

// Numbered schema migrations, each applied in one transaction and recorded in schema_migrations.
// Returns how many were applied. Safe to run from several processes at once on PostgreSQL (advisory lock).
int applyMigrations(SqlConnection& connection, qint64 nowMs);
int latestSchemaVersion();

} // namespace creditdesk::server
