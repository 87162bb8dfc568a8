#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace creditdesk {

class Settings;

// Secrets (session tokens, later bring-your-own provider keys) in the OS keychain via QtKeychain, never
// in settings or the cache (docs/design.md §7). Keys are scoped per server and user, and every key written is
// recorded in an index (names only) so that sign-out deletes all of them (ownCloud's credential manager).
// When no keychain service answers, it says so once (keychainUnavailable) and keeps secrets in memory.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    using ReadCallback = std::function<void(std::optional<QByteArray> secret)>;
    using DoneCallback = std::function<void(bool persisted)>;

    explicit CredentialStore(Settings* settings, QString service = QStringLiteral("creditdesk"),
                             QObject* parent = nullptr);

    static QString scope(const QUrl& server, const QString& user);
    static QString key(const QUrl& server, const QString& user, const QString& name);

    // Memory only, never the keychain (demo mode, tests without a keychain).
    void setMemoryOnly(bool memoryOnly) { m_memoryOnly = memoryOnly; }
    bool keychainAvailable() const { return !m_unavailable; }

    void write(const QUrl& server, const QString& user, const QString& name, const QByteArray& secret,
               QObject* context = nullptr, DoneCallback done = {});
    void read(const QUrl& server, const QString& user, const QString& name, QObject* context,
              ReadCallback done);
    // Deletes every secret this app wrote for server + user (and forgets them in memory).
    void wipe(const QUrl& server, const QString& user, QObject* context = nullptr,
              std::function<void()> done = {});

    // Keys in the index (for tests and diagnostics; names only).
    QStringList writtenKeys() const;

Q_SIGNALS:
    void keychainUnavailable(const QString& reason);

private:
    void markUnavailable(const QString& reason);
    void writeKeychain(const QString& key, const QByteArray& secret, int attempt, QObject* context,
                       DoneCallback done);
    void readKeychain(const QString& key, int attempt, QObject* context, ReadCallback done);
    void deleteNext(QStringList keys, QObject* context, std::function<void()> done);
    void addToIndex(const QString& key);
    void removeFromIndex(const QString& key);

    Settings* m_settings;
    QString m_service;
    QHash<QString, QByteArray> m_memory;
    bool m_memoryOnly = false;
    bool m_unavailable = false;
    bool m_told = false;
};

} // namespace creditdesk
