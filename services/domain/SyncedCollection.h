#pragma once

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace creditdesk {

// One column of a synced collection: where its value sits in the server's JSON and how the cache keeps it.
struct SyncedColumn
{
    enum class Type
    {
        Integer,
        Text,
        Timestamp // RFC 3339 text in JSON, milliseconds since the epoch (UTC) in the cache
    };

    QString name;     // cache column (snake_case)
    QString jsonPath; // "seq", "actor.type": a dot walks into nested objects
    Type type = Type::Text;
    bool nullable = false;
};

// A server list that the console keeps in its cache incrementally: GET <endpoint>?organization_id=N&since=S
// answers oldest first after S (with next_cursor for more pages), and every row lands in one cache table
// keyed by organization. SyncEngine, CacheDatabase and CacheReader work from this declaration alone; the
// table itself is created by a numbered cache migration (CacheDatabase) with exactly these columns after
// organization_id. Adding a collection = one declaration, one migration, one pane.
struct SyncedCollection
{
    QString id;         // "audit"
    QString endpoint;   // "/api/v1/audit"
    QString permission; // as /api/v1/me lists it for the organization ("audit:read")
    QString sinceField; // the column (and JSON field) the since-cursor is the maximum of
    QString timeColumn; // a Timestamp column, for date ranges
    QString table;      // cache table
    QList<SyncedColumn> columns;

    int columnIndex(const QString& name) const;
    // One JSON object as cache values in `columns` order; false when a field is missing or of the wrong type.
    bool rowFromJson(const QJsonObject& object, QVariantList* row) const;
};

// The audit trail (GET /api/v1/audit with since): owners, admins and finance.
const SyncedCollection& auditCollection();
// Every collection SyncEngine keeps in the cache, in sync order.
QList<SyncedCollection> syncedCollections();

// Which rows of one collection a view wants, newest first: exact matches per column and a UTC date range.
struct CollectionQuery
{
    qint64 organizationId = 0;
    QMap<QString, QVariant> equals; // column -> value (a null value matches NULL)
    QDate from;                     // inclusive, UTC day of timeColumn; invalid: open
    QDate to;                       // inclusive
    int limit = 10000;
    QList<QStringList> distinct; // column groups whose distinct values (over the organization) come back too

    bool operator==(const CollectionQuery& other) const = default;
};

// The answer to a CollectionQuery: rows in `columns` order, and per requested group its distinct values.
struct CollectionRows
{
    QString collectionId;
    qint64 organizationId = 0;
    QList<QVariantList> rows;
    QList<QList<QVariantList>> distinct;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::CollectionRows)
