#include "credentials/CredentialStore.h"

#include "domain/Logging.h"
#include "domain/Settings.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace creditdesk {

namespace {

// The secrets service may still be starting (ownCloud retries once); after that, treat it as absent.
constexpr int kRetryDelayMs = 300;

bool serviceMissing(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError ||
           error == QKeychain::NotImplemented || error == QKeychain::AccessDenied;
}

template<typename Callback, typename... Args>
void callBack(const QPointer<QObject>& context, bool hadContext, const Callback& callback, Args&&... args)
{
    if (!callback || (hadContext && !context))
        return;
    callback(std::forward<Args>(args)...);
}

} // namespace

CredentialStore::CredentialStore(Settings* settings, QString service, QObject* parent)
    : QObject(parent), m_settings(settings), m_service(std::move(service))
{
}

QString CredentialStore::scope(const QUrl& server, const QString& user)
{
    QUrl normalized = server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QString path = normalized.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    normalized.setPath(path);
    return normalized.toString() + QLatin1Char('|') + user.trimmed().toLower();
}

QString CredentialStore::key(const QUrl& server, const QString& user, const QString& name)
{
    return scope(server, user) + QLatin1Char('|') + name;
}

QStringList CredentialStore::writtenKeys() const
{
    return m_settings->value(Settings::Key::CredentialIndex).toStringList();
}

void CredentialStore::addToIndex(const QString& key)
{
    QStringList index = writtenKeys();
    if (!index.contains(key)) {
        index.append(key);
        m_settings->setValue(Settings::Key::CredentialIndex, index);
        m_settings->sync();
    }
}

void CredentialStore::removeFromIndex(const QString& key)
{
    QStringList index = writtenKeys();
    if (index.removeAll(key) > 0) {
        m_settings->setValue(Settings::Key::CredentialIndex, index);
        m_settings->sync();
    }
}

void CredentialStore::markUnavailable(const QString& reason)
{
    m_unavailable = true;
    if (m_told)
        return;
    m_told = true;
    qCWarning(lcCredentials).noquote() << "no keychain service:" << reason;
    Q_EMIT keychainUnavailable(reason);
}

void CredentialStore::write(const QUrl& server, const QString& user, const QString& name,
                            const QByteArray& secret, QObject* context, DoneCallback done)
{
    const QString fullKey = key(server, user, name);
    m_memory.insert(fullKey, secret);
    if (m_memoryOnly || m_unavailable) {
        if (m_memoryOnly || m_unavailable)
            callBack(QPointer<QObject>(context), context != nullptr, done, false);
        return;
    }
    writeKeychain(fullKey, secret, 0, context, std::move(done));
}

void CredentialStore::writeKeychain(const QString& fullKey, const QByteArray& secret, int attempt,
                                    QObject* context, DoneCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(fullKey);
    job->setBinaryData(secret);
    const QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [this, job, fullKey, secret, attempt, guard, hadContext, done](QKeychain::Job*) {
                if (job->error() == QKeychain::NoError) {
                    addToIndex(fullKey);
                    callBack(guard, hadContext, done, true);
                    return;
                }
                if (serviceMissing(job->error()) && attempt == 0) {
                    QTimer::singleShot(kRetryDelayMs, this,
                                       [=, this] { writeKeychain(fullKey, secret, 1, guard.data(), done); });
                    return;
                }
                markUnavailable(job->errorString());
                callBack(guard, hadContext, done, false);
            });
    job->start();
}

void CredentialStore::read(const QUrl& server, const QString& user, const QString& name, QObject* context,
                           ReadCallback done)
{
    const QString fullKey = key(server, user, name);
    const auto inMemory = m_memory.constFind(fullKey);
    if (inMemory != m_memory.cend() || m_memoryOnly || m_unavailable) {
        const std::optional<QByteArray> secret =
            inMemory != m_memory.cend() ? std::optional<QByteArray>(*inMemory) : std::nullopt;
        QTimer::singleShot(0, context ? context : this, [done, secret] { done(secret); });
        return;
    }
    readKeychain(fullKey, 0, context, std::move(done));
}

void CredentialStore::readKeychain(const QString& fullKey, int attempt, QObject* context, ReadCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(fullKey);
    const QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [this, job, fullKey, attempt, guard, hadContext, done](QKeychain::Job*) {
                if (job->error() == QKeychain::NoError) {
                    m_memory.insert(fullKey, job->binaryData());
                    callBack(guard, hadContext, done, std::optional<QByteArray>(job->binaryData()));
                    return;
                }
                if (job->error() == QKeychain::EntryNotFound) {
                    callBack(guard, hadContext, done, std::optional<QByteArray>());
                    return;
                }
                if (serviceMissing(job->error()) && attempt == 0) {
                    QTimer::singleShot(kRetryDelayMs, this,
                                       [=, this] { readKeychain(fullKey, 1, guard.data(), done); });
                    return;
                }
                markUnavailable(job->errorString());
                callBack(guard, hadContext, done, std::optional<QByteArray>());
            });
    job->start();
}

void CredentialStore::wipe(const QUrl& server, const QString& user, QObject* context,
                           std::function<void()> done)
{
    const QString prefix = scope(server, user) + QLatin1Char('|');
    for (auto it = m_memory.begin(); it != m_memory.end();) {
        if (it.key().startsWith(prefix))
            it = m_memory.erase(it);
        else
            ++it;
    }
    QStringList keys;
    for (const QString& written : writtenKeys()) {
        if (written.startsWith(prefix))
            keys.append(written);
    }
    if (m_memoryOnly || m_unavailable) {
        // Nothing can be deleted from a keychain we cannot reach; the index keeps the names for next time.
        if (done)
            QTimer::singleShot(0, context ? context : this, done);
        return;
    }
    deleteNext(keys, context, std::move(done));
}

void CredentialStore::deleteNext(QStringList keys, QObject* context, std::function<void()> done)
{
    if (keys.isEmpty()) {
        if (done)
            QTimer::singleShot(0, context ? context : this, done);
        return;
    }
    const QString fullKey = keys.takeFirst();
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(fullKey);
    const QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this,
            [this, job, fullKey, keys, guard, context, done](QKeychain::Job*) {
                if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
                    removeFromIndex(fullKey);
                else
                    qCWarning(lcCredentials).noquote() << "could not delete a secret:" << job->errorString();
                if (context && !guard)
                    return;
                deleteNext(keys, guard.data(), done);
            });
    job->start();
}

} // namespace creditdesk
