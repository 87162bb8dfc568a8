#include "cache/AsyncCacheReader.h"

#include <QMetaObject>
#include <QPointer>

namespace creditdesk {

AsyncCacheReader::AsyncCacheReader(QObject* parent)
    : QObject(parent), m_generation(std::make_shared<std::atomic<quint64>>(0)),
      m_reader(std::make_shared<std::unique_ptr<CacheReader>>()), m_readerPath(std::make_shared<QString>())
{
    qRegisterMetaType<QList<Transaction>>();
    qRegisterMetaType<DashboardSnapshot>();
    qRegisterMetaType<CollectionRows>();
    m_thread.setObjectName(QStringLiteral("cache-reader"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

AsyncCacheReader::~AsyncCacheReader()
{
    // The reader's connection must be closed in the thread that opened it.
    auto reader = m_reader;
    // Blocking: the worker never waits for this thread, and a queued call could be dropped by quit().
    QMetaObject::invokeMethod(
        m_worker, [reader] { reader->reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void AsyncCacheReader::setDatabasePath(const QString& path)
{
    m_path = path;
}

template<typename Work> void AsyncCacheReader::post(Work work)
{
    auto reader = m_reader;
    auto readerPath = m_readerPath;
    const QString path = m_path;
    QMetaObject::invokeMethod(
        m_worker,
        [reader, readerPath, path, work] {
            if (*readerPath != path || !*reader) {
                reader->reset();
                *readerPath = path;
                reader->reset(new CacheReader(path));
            }
            work(**reader);
        },
        Qt::QueuedConnection);
}

void AsyncCacheReader::requestWindow(quint64 generation, const TransactionQuery& query, qint64 offset,
                                     int limit)
{
    QPointer<AsyncCacheReader> self(this);
    auto current = m_generation;
    post([self, current, generation, query, offset, limit](CacheReader& reader) {
        if (generation < current->load())
            return;
        QList<Transaction> rows = reader.window(query, offset, limit);
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, offset, rows = std::move(rows)] {
                if (self)
                    Q_EMIT self->windowReady(generation, offset, rows);
            },
            Qt::QueuedConnection);
    });
}

void AsyncCacheReader::requestCount(quint64 generation, const TransactionQuery& query)
{
    QPointer<AsyncCacheReader> self(this);
    auto current = m_generation;
    post([self, current, generation, query](CacheReader& reader) {
        if (generation < current->load())
            return;
        const qint64 count = reader.count(query);
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, count] {
                if (self)
                    Q_EMIT self->countReady(generation, count);
            },
            Qt::QueuedConnection);
    });
}

void AsyncCacheReader::requestDashboard(qint64 organizationId, QDate today, int recentCount)
{
    QPointer<AsyncCacheReader> self(this);
    post([self, organizationId, today, recentCount](CacheReader& reader) {
        DashboardSnapshot snapshot = reader.dashboard(organizationId, today, recentCount);
        QMetaObject::invokeMethod(
            self.data(),
            [self, snapshot = std::move(snapshot)] {
                if (self)
                    Q_EMIT self->dashboardReady(snapshot);
            },
            Qt::QueuedConnection);
    });
}

void AsyncCacheReader::requestNames(qint64 organizationId)
{
    QPointer<AsyncCacheReader> self(this);
    post([self, organizationId](CacheReader& reader) {
        QHash<qint64, QString> members = reader.memberNames(organizationId);
        QHash<qint64, QString> departments = reader.departmentNames(organizationId);
        QMetaObject::invokeMethod(
            self.data(),
            [self, organizationId, members = std::move(members), departments = std::move(departments)] {
                if (self)
                    Q_EMIT self->namesReady(organizationId, members, departments);
            },
            Qt::QueuedConnection);
    });
}

void AsyncCacheReader::requestCollection(const SyncedCollection& collection, const CollectionQuery& query)
{
    QPointer<AsyncCacheReader> self(this);
    post([self, collection, query](CacheReader& reader) {
        CollectionRows rows = reader.collectionRows(collection, query);
        QMetaObject::invokeMethod(
            self.data(),
            [self, rows = std::move(rows)] {
                if (self)
                    Q_EMIT self->collectionReady(rows);
            },
            Qt::QueuedConnection);
    });
}

} // namespace creditdesk
