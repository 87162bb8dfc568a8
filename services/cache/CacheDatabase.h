#pragma once

#include "domain/Records.h"
#include "domain/SyncedCollection.h"
#include "domain/UsageForecast.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <atomic>
#include <optional>

class QSqlQuery;

namespace creditdesk {

// The last answer of one per-organization read, as CacheDatabase::snapshot() gives it back.
struct CachedDocument
{
    QJsonObject document;
    QDateTime fetchedAt; // UTC
};

// The one owner of the local cache (ownCloud's SyncJournalDb): a SQLite file per server and user. Every
// statement that writes it lives in this class; PRAGMAs on open (WAL); the schema is versioned with
// PRAGMA user_version and numbered migrations, each applied in one transaction. The tables of synced
// collections come from their declarations instead (setCollections): created on open, and made again when a
// declaration changes, since the sync can always fetch them anew. Readers on other threads use CacheReader,
// which opens the same file read-only.
class CacheDatabase
{
public:
    CacheDatabase();
    ~CacheDatabase();
    CacheDatabase(const CacheDatabase&) = delete;
    CacheDatabase& operator=(const CacheDatabase&) = delete;

    // <AppDataLocation>/cache/<hash of server and e-mail>.sqlite
    static QString pathFor(const QUrl& server, const QString& email);
    // A server known by a stable name instead of its URL (demo mode: the demo server's port changes every
    // run, its data does not): <scope>-<hash of the e-mail>.sqlite, one file per scope and user.
    static QString pathForScope(const QString& scope, const QString& email);
    // Removes every cache of that scope (a new demo database makes the old copies meaningless).
    static void removeScope(const QString& scope);
    static int latestSchemaVersion();
    // Deletes the database with its -wal and -shm files.
    static bool removeFiles(const QString& path);

    // Moves rows waiting in text_pending into the text search index, chunk by chunk, on the calling
    // thread with its own connection (TextIndexer runs it on a worker). Returns the rows indexed.
    static qint64 indexPendingText(const QString& path, int chunkRows = 2000,
                                   const std::atomic<bool>* stop = nullptr);

    // The synced collections whose tables open() prepares; set before open().
    void setCollections(const QList<SyncedCollection>& collections) { m_collections = collections; }
    bool open(const QString& path);
    void close();
    bool isOpen() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }
    int schemaVersion() const;

    // Writes. Each is one transaction: all or nothing.
    bool storeIdentity(const UserProfile& user, const QList<Organization>& organizations);
    bool storeBalance(const Balance& balance);
    bool storeMembers(qint64 organizationId, const QList<Member>& members);
    bool storeDepartments(qint64 organizationId, const QList<Department>& departments);
    // One page of transactions (already validated). Rows already cached are skipped, so a page fetched
    // twice changes nothing; the daily usage rollup counts each row once.
    bool applyTransactionsPage(qint64 organizationId, const QList<Transaction>& page,
                               int* inserted = nullptr);
    // The server's metered usage per day and the cursor to ask for changes after it (one transaction).
    bool storeMeteredDays(qint64 organizationId, const QList<MeteredDay>& days, const QString& cursor);
    // One page of a synced collection (rows in its column order); rows already cached are skipped.
    bool applyCollectionPage(const SyncedCollection& collection, qint64 organizationId,
                             const QList<QVariantList>& rows, int* inserted = nullptr);
    bool setLastSynced(const QDateTime& when);
    // The last answer of a per-organization read that has no since-cursor (the Organization pane's
    // resources: "members", "departments", …), replacing the one before. Secrets (keys such as "token",
    // "password", "secret", anywhere in the document) are dropped before it is written: an invitation's
    // one-time token never reaches the file.
    bool storeSnapshot(qint64 organizationId, const QString& resource, const QJsonObject& document,
                       const QDateTime& fetchedAt);

    // Small reads for the GUI thread.
    std::optional<UserProfile> user() const;
    QList<Organization> organizations() const;
    std::optional<Balance> balance(qint64 organizationId) const;
    QList<Member> members(qint64 organizationId) const;
    QList<Department> departments(qint64 organizationId) const;
    qint64 lastSeq(qint64 organizationId) const;
    qint64 transactionCount(qint64 organizationId) const;
    QDateTime lastSynced() const;
    QString meteringCursor(qint64 organizationId) const;
    std::optional<CachedDocument> snapshot(qint64 organizationId, const QString& resource) const;
    // The highest sinceField value cached for that organization (0: none): the next sync's `since`.
    qint64 collectionSince(const SyncedCollection& collection, qint64 organizationId) const;

private:
    bool migrate();
    // Each declared collection's table: created when missing, kept when it has the declared columns, made
    // again when a declaration changed (only tables it created: a table of the same name from elsewhere
    // fails the open). Indexes on (organization_id, sinceField) and (organization_id, timeColumn).
    bool prepareCollections();
    bool prepareCollection(const SyncedCollection& collection);
    bool exec(const QString& sql) const;
    bool sqlFail(const char* context, const QSqlQuery& query) const;
    bool setMeta(const QString& key, const QString& value);
    QString meta(const QString& key) const;

    QString m_connection;
    QString m_path;
    QList<SyncedCollection> m_collections;
};

} // namespace creditdesk
