#pragma once

#include "TestServer.h"
#include "domain/Records.h"

#include <QList>

namespace creditdesk::test {

// QStandardPaths test mode with the application's data (caches, the demo folder) under a home folder of
// this test process alone: tests running at once, or the cache of an earlier run's server that had the
// same port, never meet.
void useOwnAppData();

// Rows for cache and model tests: n transactions of one organization with every kind, members 1..5,
// departments 1..2, one per minute ending at `end`.
QList<Transaction> makeTransactions(qint64 organizationId, qint64 firstSeq, int count, const QDateTime& end);

// A server with a platform admin, an organization "Acme" (owner = the admin), two departments, members
// and some movements, made through the public API.
struct ConsoleFixture
{
    // serverArguments: extra `serve` flags, e.g. --test-clock (time stands still unless advanced).
    // catalog: the plans the new database starts with (the shipped ones for what the README shows).
    explicit ConsoleFixture(QStringList serverArguments = {},
                            Fixture::Catalog catalog = Fixture::Catalog::WithoutFreeCredits);
    Fixture fixture;
    qint64 organization = 0;
    QList<qint64> members;
    QByteArray gateway; // API token with credits:read and credits:deduct
    QString url() const;
    // Books n deductions through the gateway token; returns the number booked.
    int deduct(int n, qint64 amount = 100);
};

} // namespace creditdesk::test
