#pragma once

#include "cache/TransactionQuery.h"
#include "domain/SyncedCollection.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class QSaveFile;
class QThread;

namespace creditdesk {

// One column of an export that words its values itself (an invoice's amounts as decimals from minor units):
// the header name and the field for one cached row (the collection's column order). Runs on the worker
// thread: a pure function of the row.
struct CsvColumn
{
    QString name;
    std::function<QString(const QVariantList& row)> field; // already CSV-quoted where it needs to be
};

// Writes the transactions a query selects to a CSV file on a worker thread, with progress. Reads the
// cache through its own read-only connection, so the GUI stays responsive for a million rows.
class CsvExporter : public QObject
{
    Q_OBJECT

public:
    explicit CsvExporter(QObject* parent = nullptr);
    ~CsvExporter() override;

    void start(const QString& databasePath, const TransactionQuery& query, qint64 expectedRows,
               const QString& fileName, const QHash<qint64, QString>& memberNames,
               const QHash<qint64, QString>& departmentNames);
    // The rows of a synced collection a query selects, newest first, with the declaration's column names
    // as header and exact values (timestamps as UTC ISO 8601 with milliseconds, integers as plain numbers).
    void startCollection(const QString& databasePath, const SyncedCollection& collection,
                         const CollectionQuery& query, const QString& fileName);
    // The same rows with the pane's own columns instead of the declaration's.
    void startCollection(const QString& databasePath, const SyncedCollection& collection,
                         const CollectionQuery& query, const QList<CsvColumn>& columns,
                         const QString& fileName);
    // Rows already in memory (a report the server answered), each field written as given (numbers as
    // plain integers, text through csvField by the caller); header first.
    void startRows(const QStringList& header, const QList<QStringList>& rows, const QString& fileName);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

    static QString csvField(const QString& text);
    // amount and balance_after are whole credits; amount_usd is amount's exact dollar value as plain text
    // with five decimals (Credits::exactDollars), so the columns sum to the ledger's totals exactly.
    static QByteArray header();

Q_SIGNALS:
    void progress(qint64 written, qint64 total);
    void finished(bool ok, qint64 rows, const QString& error);

private:
    // Runs write(file, written, error) on a worker thread into a QSaveFile and reports as start() does.
    void launch(const QString& fileName, std::function<bool(QSaveFile&, qint64&, QString&)> write);

    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace creditdesk
