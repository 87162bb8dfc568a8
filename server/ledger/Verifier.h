#pragma once

#include "store/Sql.h"

#include <QStringList>

namespace creditdesk::server {

// Checks every ledger invariant over the whole database (the `verify` command). Returns one line per
// violation; an empty list means the ledger is consistent.
QStringList verifyLedger(SqlConnection& db);

} // namespace creditdesk::server
