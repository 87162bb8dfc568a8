#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace creditdesk {

// Builds the text search index of the cache on a worker thread after a sync (CacheDatabase's
// indexPendingText), so that neither the sync nor the GUI pays for it.
class TextIndexer : public QObject
{
    Q_OBJECT

public:
    explicit TextIndexer(QObject* parent = nullptr);
    ~TextIndexer() override;

    // Indexes everything pending in that cache file; a call while running runs once more afterwards.
    void schedule(const QString& databasePath);
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void finished(qint64 rows);

private:
    void run();

    QThread* m_thread = nullptr;
    QString m_path;
    bool m_again = false;
    std::shared_ptr<std::atomic<bool>> m_stop = std::make_shared<std::atomic<bool>>(false);
};

} // namespace creditdesk
