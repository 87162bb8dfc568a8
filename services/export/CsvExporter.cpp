#include "export/CsvExporter.h"

#include "cache/CacheReader.h"
#include "domain/Credits.h"
#include "domain/Logging.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSaveFile>
#include <QThread>
#include <QTimeZone>

#include <limits>

namespace creditdesk {

CsvExporter::CsvExporter(QObject* parent) : QObject(parent) {}

CsvExporter::~CsvExporter()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

QString CsvExporter::csvField(const QString& text)
{
    QString field = text;
    // A cell starting with = + - @ is a formula in spreadsheets: neutralise it (CSV injection).
    if (!field.isEmpty() && QStringLiteral("=+-@\t\r").contains(field.front()))
        field.prepend(QLatin1Char('\''));
    if (field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
        field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r'))) {
        field.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        field = QLatin1Char('"') + field + QLatin1Char('"');
    }
    return field;
}

QByteArray CsvExporter::header()
{
    return "id,seq,created_at,kind,grant_kind,amount,amount_usd,balance_after,member_id,member,department_id,"
           "department,reference,note,model\r\n";
}

void CsvExporter::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void CsvExporter::start(const QString& databasePath, const TransactionQuery& query, qint64 expectedRows,
                        const QString& fileName, const QHash<qint64, QString>& memberNames,
                        const QHash<qint64, QString>& departmentNames)
{
    if (m_thread)
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    QPointer<CsvExporter> self(this);
    launch(fileName, [=](QSaveFile& file, qint64& written, QString& error) {
        file.write(header());
        CacheReader reader(databasePath);
        QByteArray buffer;
        auto optionalText = [](const std::optional<qint64>& value) {
            return value ? QString::number(*value) : QString();
        };
        bool ok = reader.forEach(query, [&](const Transaction& row) {
            if (cancelFlag->load())
                return false;
            const QStringList fields{
                QString::number(row.id),
                QString::number(row.seq),
                row.createdAt.toString(Qt::ISODateWithMs),
                transactionKindKey(row.kind),
                row.grantKind,
                QString::number(row.amount),
                Credits(row.amount).exactDollars(),
                QString::number(row.balanceAfter),
                optionalText(row.memberId),
                csvField(row.memberId ? memberNames.value(*row.memberId) : QString()),
                optionalText(row.departmentId),
                csvField(row.departmentId ? departmentNames.value(*row.departmentId) : QString()),
                csvField(row.reference),
                csvField(row.note),
                csvField(row.model)};
            buffer += fields.join(QLatin1Char(',')).toUtf8();
            buffer += "\r\n";
            ++written;
            if (buffer.size() > (1 << 20)) {
                file.write(buffer);
                buffer.clear();
            }
            if (written % 5000 == 0) {
                const qint64 done = written;
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, done, expectedRows] {
                        if (self)
                            Q_EMIT self->progress(done, expectedRows);
                    },
                    Qt::QueuedConnection);
            }
            return true;
        });
        file.write(buffer);
        if (cancelFlag->load()) {
            ok = false;
            error = QCoreApplication::translate("CsvExporter", "Export cancelled.");
        } else if (!ok) {
            error = QCoreApplication::translate("CsvExporter", "The local cache could not be read.");
        }
        return ok;
    });
}

void CsvExporter::startCollection(const QString& databasePath, const SyncedCollection& collection,
                                  const CollectionQuery& query, const QString& fileName)
{
    QList<CsvColumn> columns;
    for (int i = 0; i < collection.columns.size(); ++i) {
        const SyncedColumn::Type type = collection.columns.at(i).type;
        columns.append({collection.columns.at(i).name, [i, type](const QVariantList& row) {
                            const QVariant& value = row.value(i);
                            if (value.isNull())
                                return QString();
                            switch (type) {
                            case SyncedColumn::Type::Integer:
                                return QString::number(value.toLongLong());
                            case SyncedColumn::Type::Timestamp:
                                return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc())
                                    .toString(Qt::ISODateWithMs);
                            case SyncedColumn::Type::Text:
                            case SyncedColumn::Type::Json:
                                break;
                            }
                            return csvField(value.toString());
                        }});
    }
    startCollection(databasePath, collection, query, columns, fileName);
}

void CsvExporter::startCollection(const QString& databasePath, const SyncedCollection& collection,
                                  const CollectionQuery& query, const QList<CsvColumn>& columns,
                                  const QString& fileName)
{
    if (m_thread)
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    launch(fileName, [databasePath, collection, query, columns, cancelFlag](QSaveFile& file, qint64& written,
                                                                            QString& error) {
        QStringList names;
        for (const CsvColumn& column : columns)
            names.append(column.name);
        file.write(names.join(QLatin1Char(',')).toUtf8() + "\r\n");
        CacheReader reader(databasePath);
        if (!reader.isUsable()) {
            error = QCoreApplication::translate("CsvExporter", "The local cache could not be read.");
            return false;
        }
        CollectionQuery all = query;
        all.limit = std::numeric_limits<int>::max();
        all.distinct.clear();
        const CollectionRows rows = reader.collectionRows(collection, all);
        for (const QVariantList& row : rows.rows) {
            if (cancelFlag->load()) {
                error = QCoreApplication::translate("CsvExporter", "Export cancelled.");
                return false;
            }
            QStringList fields;
            for (const CsvColumn& column : columns)
                fields.append(column.field(row));
            file.write(fields.join(QLatin1Char(',')).toUtf8() + "\r\n");
            ++written;
        }
        return true;
    });
}

void CsvExporter::startRows(const QStringList& header, const QList<QStringList>& rows,
                            const QString& fileName)
{
    if (m_thread)
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    launch(fileName, [header, rows](QSaveFile& file, qint64& written, QString&) {
        QByteArray body = header.join(QLatin1Char(',')).toUtf8() + "\r\n";
        for (const QStringList& row : rows) {
            body += row.join(QLatin1Char(',')).toUtf8() + "\r\n";
            ++written;
        }
        return file.write(body) == body.size();
    });
}

void CsvExporter::launch(const QString& fileName, std::function<bool(QSaveFile&, qint64&, QString&)> write)
{
    QPointer<CsvExporter> self(this);
    m_thread = QThread::create([self, fileName, write] {
        QSaveFile file(fileName);
        qint64 written = 0;
        QString error;
        bool ok = file.open(QIODevice::WriteOnly);
        if (!ok)
            error = file.errorString();
        if (ok) {
            ok = write(file, written, error);
            if (ok && !file.commit()) {
                ok = false;
                error = file.errorString();
            }
            if (!ok)
                file.cancelWriting();
        }
        qCInfo(lcExport) << "export of" << written << "rows" << (ok ? "done" : "failed");
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, written, error] {
                if (!self)
                    return;
                if (self->m_thread) {
                    self->m_thread->wait();
                    self->m_thread->deleteLater();
                    self->m_thread = nullptr;
                }
                Q_EMIT self->progress(written, written);
                Q_EMIT self->finished(ok, written, error);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace creditdesk
