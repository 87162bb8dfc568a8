#include "cache/TextIndexer.h"

#include "cache/CacheDatabase.h"
#include "domain/Logging.h"

#include <QPointer>
#include <QThread>

namespace creditdesk {

TextIndexer::TextIndexer(QObject* parent) : QObject(parent) {}

TextIndexer::~TextIndexer()
{
    stop();
}

void TextIndexer::schedule(const QString& databasePath)
{
    if (databasePath.isEmpty())
        return;
    if (m_thread) {
        m_again = m_again || databasePath == m_path;
        return;
    }
    m_path = databasePath;
    m_stop->store(false);
    run();
}

void TextIndexer::stop()
{
    m_stop->store(true);
    m_again = false;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

void TextIndexer::run()
{
    const QString path = m_path;
    auto stopFlag = m_stop;
    QPointer<TextIndexer> self(this);
    m_thread = QThread::create([self, path, stopFlag] {
        const qint64 rows = CacheDatabase::indexPendingText(path, 2000, stopFlag.get());
        if (rows > 0)
            qCInfo(lcCache) << "indexed" << rows << "transactions for text search";
        QMetaObject::invokeMethod(
            self.data(),
            [self, rows] {
                if (!self || !self->m_thread)
                    return;
                self->m_thread->wait();
                self->m_thread->deleteLater();
                self->m_thread = nullptr;
                Q_EMIT self->finished(rows);
                if (std::exchange(self->m_again, false))
                    self->run();
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace creditdesk
