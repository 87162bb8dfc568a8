// The cache: migrations with user_version, synced collections' tables from their declarations, pages
// written once (a page applied twice changes nothing), the daily usage rollup, reads from a worker-thread
// reader, files private (0600) whatever the umask, files removed on sign-out, and the snapshots of
// per-organization reads (per organization, replaced on every fetch, never holding a secret).
#include "ConsoleTestSupport.h"
#include "cache/CacheDatabase.h"
#include "cache/CacheReader.h"
#include "cache/SnapshotCache.h"
#include "export/CsvExporter.h"
#include "views/ActivityPane.h"
#include "views/AlertFeed.h"
#include "views/InvoiceListView.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sys/stat.h>

using namespace creditdesk;
using namespace creditdesk::test;

class TestConsoleCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const char* name) { return m_dir.filePath(QLatin1String(name)); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void migratesToTheLatestVersion()
    {
        CacheDatabase cache;
        QVERIFY(cache.open(path("migrate.sqlite")));
        QCOMPARE(cache.schemaVersion(), CacheDatabase::latestSchemaVersion());
        cache.close();
        CacheDatabase again; // opening again applies nothing and keeps the data
        QVERIFY(again.open(path("migrate.sqlite")));
        QCOMPARE(again.schemaVersion(), CacheDatabase::latestSchemaVersion());
    }

    void upgradesAVersion1Cache()
    {
        const QString file = path("upgrade.sqlite");
        {
            CacheDatabase cache;
            QVERIFY(cache.open(file));
            QVERIFY(
                cache.applyTransactionsPage(1, makeTransactions(1, 1, 10, QDateTime::currentDateTimeUtc())));
        }
        {
            // Turn it back into what version 1 of the console left behind.
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DROP TABLE metered_daily")));
            QVERIFY(query.exec(QStringLiteral("DROP TRIGGER transactions_text_pending")));
            QVERIFY(query.exec(QStringLiteral("DROP TABLE text_pending")));
            QVERIFY(query.exec(QStringLiteral("DROP TABLE transactions_text")));
            QVERIFY(query.exec(QStringLiteral("DROP TABLE audit_entries")));
            QVERIFY(query.exec(QStringLiteral("DROP TABLE snapshots")));
            QVERIFY(query.exec(QStringLiteral("ALTER TABLE transactions DROP COLUMN model")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        CacheDatabase cache;
        QVERIFY(cache.open(file));
        QCOMPARE(cache.schemaVersion(), CacheDatabase::latestSchemaVersion());
        // Migration 6: rows cached without their model are dropped (with their rollup) so that the next
        // sync fetches them again, with it; everything else is kept.
        QCOMPARE(cache.transactionCount(1), 0);
        QVERIFY(cache.applyTransactionsPage(1, makeTransactions(1, 1, 10, QDateTime::currentDateTimeUtc())));
        QCOMPARE(cache.transactionCount(1), 10);
        QVERIFY(cache.storeMeteredDays(1, {{QDate(2026, 3, 1), 120, 3, 4000, 5000}}, QStringLiteral("42")));
        QCOMPARE(cache.meteringCursor(1), QStringLiteral("42"));
        // Rows not indexed yet are searchable at once (pending), and through the index afterwards.
        CacheReader reader(file);
        TransactionQuery query;
        query.organizationId = 1;
        query.text = QStringLiteral("REQ-1"); // case-insensitive substring: req-1, req-10
        QCOMPARE(reader.count(query), 2);
        QCOMPARE(CacheDatabase::indexPendingText(file), 10);
        QCOMPARE(CacheDatabase::indexPendingText(file), 0);
        CacheReader after(file);
        QCOMPARE(after.count(query), 2);
        // Migration 5: the snapshots of per-organization reads.
        QVERIFY(cache.storeSnapshot(1, QStringLiteral("members"), QJsonObject{{"data", QJsonArray()}},
                                    QDateTime::currentDateTimeUtc()));
        QVERIFY(cache.snapshot(1, QStringLiteral("members")).has_value());
    }

    // The Organization pane's reads have no since-cursor: the cache keeps the last whole answer per
    // organization and resource, with when it was fetched; a new answer replaces it; organizations never
    // see each other's; nothing is there before the first fetch or while signed out.
    void snapshotsRoundTripPerOrganization()
    {
        CacheDatabase database;
        SnapshotCache cache(&database);
        const QJsonObject members{{"data", QJsonArray{QJsonObject{{"user_id", 7},
                                                                  {"email", "ann@example.com"},
                                                                  {"name", "Ann"},
                                                                  {"role", "admin"},
                                                                  {"department_id", 3},
                                                                  {"usage_this_period", 42}},
                                                      QJsonObject{{"user_id", 8},
                                                                  {"email", "bo@example.com"},
                                                                  {"name", "Bo"},
                                                                  {"role", "member"},
                                                                  {"department_id", QJsonValue::Null}}}}};
        const QDateTime first(QDate(2026, 3, 1), QTime(9, 30, 15, 250), QTimeZone::utc());
        QVERIFY(!cache.store(5, "members", members, first)); // no cache open
        QVERIFY(!cache.load(5, "members"));
        QVERIFY(database.open(path("snapshots.sqlite")));
        QVERIFY(!cache.load(5, "members"));
        QVERIFY(cache.store(5, "members", members, first));
        const QJsonObject seats{{"included", 10},         {"purchased", 2},           {"total", 12},
                                {"assigned", 4},          {"pending_invitations", 1}, {"available", 7},
                                {"seat_price_minor", 800}};
        QVERIFY(cache.store(5, "seats", seats, first));
        const QJsonObject otherMembers{
            {"data", QJsonArray{QJsonObject{
                         {"user_id", 9}, {"email", "cy@example.com"}, {"name", "Cy"}, {"role", "owner"}}}}};
        QVERIFY(cache.store(6, "members", otherMembers, first.addSecs(60)));

        std::optional<CachedDocument> cached = cache.load(5, "members");
        QVERIFY(cached);
        QCOMPARE(cached->document, members);
        QCOMPARE(cached->fetchedAt, first);
        QCOMPARE(cache.load(5, "seats")->document, seats);
        QCOMPARE(cache.load(6, "members")->document, otherMembers);
        QCOMPARE(cache.load(6, "members")->fetchedAt, first.addSecs(60));
        QVERIFY(!cache.load(6, "seats"));
        QVERIFY(!cache.load(7, "members"));

        // A new answer replaces the old one (one row per organization and resource), and is kept across
        // opening the file again.
        const QDateTime second = first.addSecs(3600);
        const QJsonObject fewer{{"data", QJsonArray{members.value("data").toArray().at(1)}}};
        QVERIFY(cache.store(5, "members", fewer, second));
        database.close();
        QVERIFY(database.open(path("snapshots.sqlite")));
        cached = cache.load(5, "members");
        QVERIFY(cached);
        QCOMPARE(cached->document, fewer);
        QCOMPARE(cached->fetchedAt, second);
        QCOMPARE(cache.load(6, "members")->document, otherMembers);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("snapshots"));
        db.setDatabaseName(path("snapshots.sqlite"));
        QVERIFY(db.open());
        {
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM snapshots")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 3);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("snapshots"));
    }

    // An invitation's one-time token (and any other secret) never reaches the file, even when the
    // document handed in carries one: the stored invitation list has every other field.
    void snapshotsNeverHoldSecrets()
    {
        const QString file = path("secrets.sqlite");
        const QString token = QStringLiteral("inv_9f8e7d6c5b4a39281706f5e4d3c2b1a0");
        {
            CacheDatabase database;
            SnapshotCache cache(&database);
            QVERIFY(database.open(file));
            const QJsonObject invitation{{"id", 4},
                                         {"email", "lee@example.com"},
                                         {"role", "finance"},
                                         {"department_id", QJsonValue::Null},
                                         {"expires_at", "2026-03-08T09:00:00Z"},
                                         {"token", token}};
            QVERIFY(cache.store(5, "invitations",
                                QJsonObject{{"data", QJsonArray{invitation}},
                                            {"nested", QJsonObject{{"password", "hunter2"},
                                                                   {"api_token", "cd_secret_value"},
                                                                   {"tokens", 12}}}},
                                QDateTime::currentDateTimeUtc()));
            const std::optional<CachedDocument> cached = cache.load(5, "invitations");
            QVERIFY(cached);
            QJsonObject expected = invitation;
            expected.remove("token");
            QCOMPARE(cached->document.value("data").toArray(), QJsonArray{expected});
            // Counts named like secrets are not secrets.
            const QJsonObject counts{{"tokens", 12}};
            QCOMPARE(cached->document.value("nested").toObject(), counts);
        }
        // Not in the file at all (main file and its write-ahead log).
        for (const QString& name : {file, file + "-wal"}) {
            QFile raw(name);
            if (!raw.exists())
                continue;
            QVERIFY(raw.open(QIODevice::ReadOnly));
            const QByteArray bytes = raw.readAll();
            QVERIFY(!bytes.contains(token.toUtf8()));
            QVERIFY(!bytes.contains("hunter2"));
            QVERIFY(!bytes.contains("cd_secret_value"));
        }
    }

    // A collection declared after the numbered migrations gets its table on open, from its declaration
    // alone; a changed declaration gets an empty table (the sync fetches it again); a table the cache did
    // not make for the collection is never dropped.
    void collectionTablesComeFromTheirDeclarations()
    {
        using Type = SyncedColumn::Type;
        SyncedCollection notes{
            .id = "notes",
            .endpoint = "/api/v1/notes",
            .permission = "notes:read",
            .ownPermissions = {},
            .sinceField = "seq",
            .timeColumn = "at",
            .table = "notes",
            .keyColumn = "id",
            .columns = {{"id", "id", Type::Integer, false},
                        {"seq", "seq", Type::Integer, false},
                        {"at", "at", Type::Timestamp, false},
                        {"text", "text", Type::Text, true}},
            .rowsChange = false,
        };
        const qint64 at = QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const QString file = path("collections.sqlite");
        {
            CacheDatabase cache;
            cache.setCollections({notes});
            QVERIFY(cache.open(file));
            QVERIFY(
                cache.applyTransactionsPage(1, makeTransactions(1, 1, 3, QDateTime::currentDateTimeUtc())));
            int inserted = 0;
            QVERIFY(cache.applyCollectionPage(notes, 1, {{1, 10, at, "first"}, {2, 11, at, QVariant()}},
                                              &inserted));
            QCOMPARE(inserted, 2);
            QVERIFY(cache.applyCollectionPage(notes, 1, {{2, 11, at, QVariant()}}, &inserted));
            QCOMPARE(inserted, 0);
            QCOMPARE(cache.collectionSince(notes, 1), 11);
            CacheReader reader(file);
            CollectionQuery query;
            query.organizationId = 1;
            query.distinct = {{"text"}};
            const CollectionRows rows = reader.collectionRows(notes, query);
            QCOMPARE(rows.rows.size(), 2);
            QCOMPARE(rows.rows.first().value(0).toLongLong(), 2); // newest first
            QVERIFY(rows.rows.first().value(3).isNull());
        }
        {
            CacheDatabase cache; // the same declaration: the rows stay
            cache.setCollections({notes});
            QVERIFY(cache.open(file));
            QCOMPARE(cache.collectionSince(notes, 1), 11);
        }
        notes.columns.append({"author", "author.name", Type::Text, true});
        {
            CacheDatabase cache;
            cache.setCollections({notes});
            QVERIFY(cache.open(file));
            QCOMPARE(cache.collectionSince(notes, 1), 0);
            QVERIFY(cache.applyCollectionPage(notes, 1, {{3, 12, at, "third", "Ada"}}));
            QCOMPARE(cache.collectionSince(notes, 1), 12);
        }
        SyncedCollection clash = notes;
        clash.id = "clash";
        clash.table = "transactions";
        {
            CacheDatabase cache;
            cache.setCollections({clash});
            QVERIFY(!cache.open(file));
        }
        CacheDatabase cache;
        QVERIFY(cache.open(file));
        QCOMPARE(cache.transactionCount(1), 3);
    }

    // The alerts feed: an acknowledged alert comes again with a higher seq and replaces its cached row
    // (rowsChange); the answer to a query names the query, so two views of one collection tell theirs apart.
    void alertsReplaceTheirRowWhenAcknowledged()
    {
        const SyncedCollection& alerts = AlertFeed::collection();
        QVERIFY(alerts.rowsChange);
        const QString file = path("alerts.sqlite");
        const qint64 at = QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        const QVariant none = QVariant(QMetaType(QMetaType::LongLong));
        CacheDatabase cache;
        cache.setCollections({alerts});
        QVERIFY(cache.open(file));
        int inserted = 0;
        QVERIFY(cache.applyCollectionPage(
            alerts, 1,
            {{1, 1, 10, "allowance_used", "warning", "Allowance 81 % used", 81, 80, at, none, none},
             {2, 2, 11, "allowance_used", "critical", "Allowance 96 % used", 96, 95, at + 1000, none, none}},
            &inserted));
        QCOMPARE(inserted, 2);
        QVERIFY(cache.applyCollectionPage(
            alerts, 1,
            {{1, 3, 10, "allowance_used", "warning", "Allowance 81 % used", 81, 80, at, at + 5000, 7}},
            &inserted));
        QCOMPARE(inserted, 1);
        QCOMPARE(cache.collectionSince(alerts, 1), 3);

        CacheReader reader(file);
        CollectionQuery active;
        active.organizationId = 1;
        active.equals.insert("acknowledged_at", none);
        const CollectionRows rows = reader.collectionRows(alerts, active);
        QCOMPARE(rows.query, active);
        QCOMPARE(rows.rows.size(), 1);
        QCOMPARE(rows.rows.first().value(0).toLongLong(), 2);
        CollectionQuery all;
        all.organizationId = 1;
        const CollectionRows every = reader.collectionRows(alerts, all);
        QVERIFY(!(every.query == active));
        QCOMPARE(every.rows.size(), 2);
        const SyncedCollection* declaration = &alerts;
        const AlertFeed::Alert acknowledged =
            AlertFeed::alertFromRow(CollectionTableModel::Row(declaration, &every.rows.last()));
        QCOMPARE(acknowledged.id, 1);
        QCOMPARE(acknowledged.seq, 3);
        QCOMPARE(acknowledged.acknowledgedBy, std::optional<qint64>(7));
        QCOMPARE(acknowledged.acknowledgedAt.toMSecsSinceEpoch(), at + 5000);
        QVERIFY(!acknowledged.isActive());
    }

    // The invoices collection: the whole invoice kept as JSON (the detail view offline), the text search
    // over number, buyer and lines (LIKE's wildcards taken literally), a status change with a higher seq
    // replacing the row, and the export's decimal amounts.
    void invoicesKeepTheirDocumentAndAreSearched()
    {
        const SyncedCollection& invoices = InvoiceListView::collection();
        QVERIFY(invoices.rowsChange);
        const auto invoice = [](qint64 id, qint64 seq, const QString& number, const QString& status,
                                const QString& line, qint64 total) {
            const QJsonObject json{
                {"id", id},
                {"number", number},
                {"seq", seq},
                {"kind", "period"},
                {"status", status},
                {"account", QJsonObject{{"id", 9}, {"owner_kind", "organization"}, {"organization_id", 1}}},
                {"seller", QJsonObject{{"legal_name", "Operator"}}},
                {"buyer", QJsonObject{{"name", "Acme 100%"}, {"organization_id", 1}}},
                {"issued_at", "2026-03-01T09:00:00.000Z"},
                {"due_at", "2026-03-31T09:00:00.000Z"},
                {"period_start", QJsonValue()},
                {"period_end", QJsonValue()},
                {"currency", "USD"},
                {"lines", QJsonArray{QJsonObject{{"kind", "period_fee"},
                                                 {"description", line},
                                                 {"quantity", 1},
                                                 {"unit_amount_minor", total},
                                                 {"amount_minor", total}}}},
                {"subtotal_minor", total},
                {"discount_minor", 0},
                {"tax_lines", QJsonArray()},
                {"tax_minor", 0},
                {"total_minor", total},
                {"amount_paid_minor", status == "paid" ? total : 0},
                {"amount_due_minor", status == "paid" ? 0 : total}};
            return json;
        };
        QList<QVariantList> page;
        QList<QJsonObject> documents;
        for (const QJsonObject& json : {invoice(1, 1, "CD-2026-000001", "open", "Starter plan, March", 3000),
                                        invoice(2, 2, "CD-2026-000002", "open", "Extra seats", 123456)}) {
            QVariantList row;
            QVERIFY(invoices.rowFromJson(json, &row));
            page.append(row);
            documents.append(json);
        }
        const QString file = path("invoices.sqlite");
        CacheDatabase cache;
        cache.setCollections({invoices});
        QVERIFY(cache.open(file));
        QVERIFY(cache.applyCollectionPage(invoices, 1, page));
        CacheReader reader(file);
        const auto search = [&](const QString& text) {
            CollectionQuery query;
            query.organizationId = 1;
            query.search = text;
            query.searchColumns = {"number", "buyer_name", "lines"};
            QList<qint64> ids;
            for (const QVariantList& row : reader.collectionRows(invoices, query).rows)
                ids.append(row.value(0).toLongLong());
            return ids;
        };
        QCOMPARE(search("000002"), QList<qint64>({2}));
        QCOMPARE(search("starter PLAN"), QList<qint64>({1}));
        QCOMPARE(search("acme"), QList<qint64>({2, 1}));
        QCOMPARE(search("100%"), QList<qint64>({2, 1}));
        QCOMPARE(search("1_0"), QList<qint64>());  // '_' is not a wildcard
        QCOMPARE(search("Ac%e"), QList<qint64>()); // nor is '%'
        // The document comes back whole.
        CollectionQuery all;
        all.organizationId = 1;
        const CollectionRows rows = reader.collectionRows(invoices, all);
        const int document = invoices.columnIndex("document");
        QCOMPARE(QJsonDocument::fromJson(rows.rows.last().value(document).toString().toUtf8()).object(),
                 documents.first());

        // Paid later: the server sends it again with a higher seq; the row is replaced, not added.
        QVariantList paid;
        QVERIFY(invoices.rowFromJson(invoice(1, 3, "CD-2026-000001", "paid", "Starter plan, March", 3000),
                                     &paid));
        int inserted = 0;
        QVERIFY(cache.applyCollectionPage(invoices, 1, {paid}, &inserted));
        QCOMPARE(cache.collectionSince(invoices, 1), 3);
        const CollectionRows after = reader.collectionRows(invoices, all);
        QCOMPARE(after.rows.size(), 2);
        QCOMPARE(after.rows.last().value(invoices.columnIndex("status")).toString(), QStringLiteral("paid"));

        // The export: documented columns, exact decimals.
        CsvExporter exporter;
        QSignalSpy finished(&exporter, &CsvExporter::finished);
        const QString csvFile = path("invoices.csv");
        exporter.startCollection(file, invoices, all, InvoiceListView::exportColumns(), csvFile);
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.first().at(0).toBool());
        QFile csv(csvFile);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(
            QString::fromUtf8(csv.readAll()),
            QStringLiteral("id,number,kind,status,issued_at,due_at,buyer,currency,subtotal,discount,tax,"
                           "total,amount_paid,amount_due\r\n"
                           "2,CD-2026-000002,period,open,2026-03-01T09:00:00.000Z,2026-03-31T09:00:00.000Z,"
                           "Acme 100%,USD,1234.56,0.00,0.00,1234.56,0.00,1234.56\r\n"
                           "1,CD-2026-000001,period,paid,2026-03-01T09:00:00.000Z,2026-03-31T09:00:00.000Z,"
                           "Acme 100%,USD,30.00,0.00,0.00,30.00,30.00,0.00\r\n"));
    }

    // Caches made before the declarations created tables have migration 4's audit_entries: it is exactly
    // the Activity pane's declaration, so it is kept with its rows.
    void auditTableOfMigration4IsTheDeclaredOne()
    {
        const SyncedCollection& audit = ActivityPane::collection();
        const QString file = path("audit.sqlite");
        const qint64 at = QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        {
            CacheDatabase cache; // the numbered migrations alone, as before
            QVERIFY(cache.open(file));
            QVERIFY(cache.applyCollectionPage(audit, 1,
                                              {{7, 3, at, "user", 5, "member.added", "member", 9, "added",
                                                QVariant(QMetaType(QMetaType::QString)), "abc"}}));
        }
        CacheDatabase cache;
        cache.setCollections({audit});
        QVERIFY(cache.open(file));
        QCOMPARE(cache.collectionSince(audit, 1), 3);
    }

    void textSearchFindsIndexedAndPendingRows()
    {
        CacheDatabase cache;
        QVERIFY(cache.open(path("text.sqlite")));
        const QDateTime end(QDate(2026, 3, 10), QTime(12, 0), QTimeZone::utc());
        QVERIFY(cache.applyTransactionsPage(1, makeTransactions(1, 1, 500, end)));
        QCOMPARE(CacheDatabase::indexPendingText(cache.path(), 100), 500);
        QVERIFY(cache.applyTransactionsPage(1, makeTransactions(1, 501, 100, end.addSecs(6000))));
        CacheReader reader(cache.path());
        TransactionQuery query;
        query.organizationId = 1;
        query.text = QStringLiteral("req-5"); // req-5, req-50..59, req-500..599 (the last 100 still pending)
        QCOMPARE(reader.count(query), 111);
        query.text = QStringLiteral("TOP-UP"); // notes too, any case
        QCOMPARE(reader.count(query), 6);
        query.text = QStringLiteral("q\"-5"); // quotes in the search text are searched, not parsed
        QCOMPARE(reader.count(query), 0);
    }

    void refusesACacheFromTheFuture()
    {
        const QString file = path("future.sqlite");
        {
            CacheDatabase cache;
            QVERIFY(cache.open(file));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        CacheDatabase cache;
        QVERIFY(!cache.open(file)); // SessionController then deletes and rebuilds it from the server
    }

    void pathIsScopedPerServerAndUser()
    {
        const QString a =
            CacheDatabase::pathFor(QUrl(QStringLiteral("https://a.example")), QStringLiteral("x@y.z"));
        const QString b =
            CacheDatabase::pathFor(QUrl(QStringLiteral("https://b.example")), QStringLiteral("x@y.z"));
        const QString c =
            CacheDatabase::pathFor(QUrl(QStringLiteral("https://a.example")), QStringLiteral("w@y.z"));
        QVERIFY(a != b && a != c && b != c);
        QCOMPARE(
            a, CacheDatabase::pathFor(QUrl(QStringLiteral("https://a.example/")), QStringLiteral(" X@Y.z")));
    }

    void pagesAreIdempotentAndRolledUp()
    {
        CacheDatabase cache;
        QVERIFY(cache.open(path("pages.sqlite")));
        const QDateTime end(QDate(2026, 3, 10), QTime(12, 0), QTimeZone::utc());
        const QList<Transaction> rows = makeTransactions(7, 1, 100, end);
        int inserted = -1;
        QVERIFY(cache.applyTransactionsPage(7, rows, &inserted));
        QCOMPARE(inserted, 100);
        QVERIFY(cache.applyTransactionsPage(7, rows.mid(50), &inserted));
        QCOMPARE(inserted, 0);
        QCOMPARE(cache.transactionCount(7), 100);
        QCOMPARE(cache.lastSeq(7), 100);

        qint64 used = 0;
        qint64 added = 0;
        for (const Transaction& row : rows) {
            if (row.kind == TransactionKind::Deduction || row.kind == TransactionKind::Refund)
                used -= row.amount;
            if (row.kind == TransactionKind::Allocation)
                added += row.amount;
        }
        CacheReader reader(cache.path());
        const DashboardSnapshot snapshot = reader.dashboard(7, end.date(), 5);
        qint64 rolledUsed = 0;
        qint64 rolledAdded = 0;
        for (const DailyUsage& day : snapshot.days) {
            rolledUsed += day.used;
            rolledAdded += day.added;
        }
        QCOMPARE(rolledUsed, used); // each row counted once despite the second application
        QCOMPARE(rolledAdded, added);
        QCOMPARE(snapshot.recent.size(), 5);
        QCOMPARE(snapshot.recent.first().seq, 100);
        QCOMPARE(snapshot.transactionCount, 100);
    }

    void readerFiltersAndSortsOnRawValues()
    {
        CacheDatabase cache;
        QVERIFY(cache.open(path("query.sqlite")));
        const QDateTime end(QDate(2026, 3, 10), QTime(12, 0), QTimeZone::utc());
        QVERIFY(cache.applyTransactionsPage(1, makeTransactions(1, 1, 1000, end)));
        CacheReader reader(cache.path());
        TransactionQuery query;
        query.organizationId = 1;
        QCOMPARE(reader.count(query), 1000);
        query.kind = TransactionKind::Allocation;
        QCOMPARE(reader.count(query), 100);
        query.kind.reset();
        query.memberId = 3;
        QCOMPARE(reader.count(query), 200);
        query.memberId.reset();
        query.text = QStringLiteral("req-99");
        QCOMPARE(reader.count(query), 11);  // req-99, req-990..req-999
        query.text = QStringLiteral("50%"); // LIKE wildcards are literal
        QCOMPARE(reader.count(query), 0);
        query.text.clear();
        query.sort = TransactionSort::Amount;
        query.order = Qt::AscendingOrder;
        const QList<Transaction> page = reader.window(query, 0, 1000);
        QCOMPARE(page.size(), 1000);
        for (qsizetype i = 1; i < page.size(); ++i)
            QVERIFY2(page.at(i - 1).amount <= page.at(i).amount, "sorted by the signed number, not its text");
        QVERIFY(page.first().amount < 0);
        QCOMPARE(page.last().amount, 50'000);
        query.sort = TransactionSort::Date;
        query.order = Qt::DescendingOrder;
        query.from = end.date();
        query.to = end.date();
        QCOMPARE(reader.count(query), 721); // 12:00 back to 00:00 that day, one row a minute
        const QList<Transaction> last = reader.window(query, 720, 10);
        QCOMPARE(last.size(), 1);
    }

    void filesAreOwnerOnlyWhateverTheUmask_data()
    {
        QTest::addColumn<int>("mask");
        QTest::newRow("umask 0022") << 0022;
        QTest::newRow("umask 0002") << 0002;
        QTest::newRow("umask 0000") << 0000;
    }

    void filesAreOwnerOnlyWhateverTheUmask()
    {
        QFETCH(int, mask);
        auto modeOf = [](const QString& file) {
            struct stat info = {};
            return ::stat(QFile::encodeName(file).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
        };
        const mode_t before = ::umask(static_cast<mode_t>(mask));
        const QString folder = path(QTest::currentDataTag()) + QStringLiteral("/cache");
        const QString file = folder + QStringLiteral("/private.sqlite");
        {
            CacheDatabase cache;
            QVERIFY(cache.open(file));
            QVERIFY(
                cache.applyTransactionsPage(1, makeTransactions(1, 1, 10, QDateTime::currentDateTimeUtc())));
            CacheReader reader(file); // a second connection, as the GUI's readers
            TransactionQuery query;
            query.organizationId = 1;
            QCOMPARE(reader.count(query), 10);
            Balance balance;
            balance.organizationId = 1;
            balance.balance = balance.available = 500;
            QVERIFY(cache.storeBalance(balance));
            QCOMPARE(modeOf(file), 0600);
            QCOMPARE(modeOf(file + QStringLiteral("-wal")), 0600);
            QCOMPARE(modeOf(file + QStringLiteral("-shm")), 0600);
            QCOMPARE(modeOf(folder), 0700); // created by the cache: private too
            QCOMPARE(CacheDatabase::indexPendingText(file), 10);
            QCOMPARE(modeOf(file + QStringLiteral("-wal")), 0600);
        }
        ::umask(before);
    }

    void looseFilesAreTightenedOnOpen()
    {
        const QString file = path("loose.sqlite");
        {
            CacheDatabase cache;
            QVERIFY(cache.open(file));
            QVERIFY(
                cache.applyTransactionsPage(1, makeTransactions(1, 1, 10, QDateTime::currentDateTimeUtc())));
        }
        // As an older console left it under umask 0022.
        const QFile::Permissions loose =
            QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
        QVERIFY(QFile::setPermissions(file, loose));
        CacheDatabase cache;
        QVERIFY(cache.open(file));
        QCOMPARE(cache.transactionCount(1), 10); // the data is kept
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
        QCOMPARE(int(info.st_mode & 07777), 0600);
    }

    void removeFilesDeletesTheCache()
    {
        const QString file = path("remove.sqlite");
        {
            CacheDatabase cache;
            QVERIFY(cache.open(file));
            QVERIFY(
                cache.applyTransactionsPage(1, makeTransactions(1, 1, 10, QDateTime::currentDateTimeUtc())));
        }
        QVERIFY(QFile::exists(file));
        QVERIFY(CacheDatabase::removeFiles(file));
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")));
    }
};

QTEST_GUILESS_MAIN(TestConsoleCache)
#include "tst_console_cache.moc"
