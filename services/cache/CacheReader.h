#pragma once

#include "cache/TransactionQuery.h"
#include "domain/Records.h"
#include "domain/SyncedCollection.h"
#include "domain/UsageForecast.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>

namespace creditdesk {

// What the dashboard shows, read in one go.
struct DashboardSnapshot
{
    qint64 organizationId = 0;
    std::optional<Balance> balance;
    QList<DailyUsage> days; // the last ~2 months
    qint64 balanceAtPeriodStart = 0;
    QList<Transaction> recent;
    QDateTime lastSynced;
    qint64 transactionCount = 0;
    QList<MeteredDay> metered; // the server's rollups for the same days; empty without metering
};

// Read-only access to the cache for worker threads (heavy reads stay off the GUI thread). Opens its own
// read-only connection to the file CacheDatabase owns, in the thread that first uses it.
class CacheReader
{
public:
    explicit CacheReader(QString path);
    ~CacheReader();
    CacheReader(const CacheReader&) = delete;
    CacheReader& operator=(const CacheReader&) = delete;

    bool isUsable();
    qint64 count(const TransactionQuery& query);
    QList<Transaction> window(const TransactionQuery& query, qint64 offset, int limit);
    // Calls visit for every matching row in order, in chunks; stops when visit returns false.
    bool forEach(const TransactionQuery& query, const std::function<bool(const Transaction&)>& visit);
    DashboardSnapshot dashboard(qint64 organizationId, QDate today, int recentCount);
    QHash<qint64, QString> memberNames(qint64 organizationId);
    QHash<qint64, QString> departmentNames(qint64 organizationId);
    // The rows of a synced collection a query selects, newest first (by its sinceField), with the distinct
    // values it asks for.
    CollectionRows collectionRows(const SyncedCollection& collection, const CollectionQuery& query);

private:
    bool ensureOpen();

    QString m_path;
    QString m_connection;
    bool m_open = false;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::DashboardSnapshot)
