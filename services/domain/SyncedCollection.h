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
        Timestamp, // RFC 3339 text in JSON, milliseconds since the epoch (UTC) in the cache
        Json // an object or array, kept as compact JSON text (an invoice's whole document, read offline)
    };

    bool storedAsText() const { return type == Type::Text || type == Type::Json; }

    QString name;     // cache column (snake_case)
    QString jsonPath; // "seq", "actor.type": a dot walks into nested objects; empty: the whole row (Json)
    Type type = Type::Text;
    bool nullable = false;
};

// A server list that the console keeps in its cache incrementally: GET <endpoint>?organization_id=N&since=S
// answers oldest first after S (with next_cursor for more pages), and every row lands in one cache table
// keyed by organization. SyncEngine, CacheDatabase and CacheReader work from this declaration alone, the
// cache table included (CacheDatabase creates it from the columns, after organization_id). The declaration
// lives with the pane that shows it (ActivityPane::collection()); the pane's PaneDescriptor hands it to the
// session (docs/design.md §7, CONTRIBUTING.md "Adding a synced pane").
struct SyncedCollection
{
    QString id;         // "audit"
    QString endpoint;   // "/api/v1/audit"
    QString permission; // as /api/v1/me lists it for the organization ("audit:read")
    // Any of these lets a role read its own part too (the alerts about a member's own limit): synced and
    // shown for them as well.
    QStringList ownPermissions;
    QString sinceField; // the column (and JSON field) the since-cursor is the maximum of
    QString timeColumn; // a Timestamp column, for date ranges
    QString table;      // cache table
    QString
        keyColumn; // an Integer column that identifies a row (the cache's INTEGER PRIMARY KEY); may be empty
    QList<SyncedColumn> columns;
    // Rows that change on the server come again with a higher sinceField (an alert acknowledged): the
    // cache then replaces the row with the same key instead of keeping the first one.
    bool rowsChange = false;
    // The most rows the endpoint gives per page, when less than the sync's page size (the invoice list's
    // limit is at most 200); 0: the sync's. A full page is followed by another from the new since.
    int pageLimit = 0;

    // Whether a role with these permissions reads the collection (permission or one of ownPermissions).
    bool readableWith(const QStringList& permissions) const;
    int columnIndex(const QString& name) const;
    // One JSON object as cache values in `columns` order; false when a field is missing or of the wrong type.
    bool rowFromJson(const QJsonObject& object, QVariantList* row) const;
};

// Which rows of one collection a view wants, newest first: exact matches per column and a UTC date range.
struct CollectionQuery
{
    qint64 organizationId = 0;
    QMap<QString, QVariant> equals; // column -> value (a null value matches NULL)
    QDate from;                     // inclusive, UTC day of timeColumn; invalid: open
    QDate to;                       // inclusive
    int limit = 10000;
    QList<QStringList> distinct; // column groups whose distinct values (over the organization) come back too
    // Text a person typed: rows where any of searchColumns contains it (case-insensitive); empty: all.
    QString search;
    QStringList searchColumns;

    bool operator==(const CollectionQuery& other) const = default;
};

// The answer to a CollectionQuery: rows in `columns` order, and per requested group its distinct values.
struct CollectionRows
{
    QString collectionId;
    qint64 organizationId = 0;
    // The query answered: two views of one collection (a pane and a banner) each take only their answers.
    CollectionQuery query;
    QList<QVariantList> rows;
    QList<QList<QVariantList>> distinct;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::CollectionRows)
