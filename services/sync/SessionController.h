#pragma once

#include "api/ApiClient.h"
#include "api/ApiError.h"
#include "cache/CacheDatabase.h"
#include "domain/Records.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace creditdesk {

class Clock;
class CredentialStore;
class Settings;
class SyncEngine;

// The signed-in state of the console: signing in (login, who am I, keychain), restoring a remembered
// session on start, signing out (server logout, every secret of that server+user from the keychain, and
// that user's cache), and which organization is shown. Owns the cache and the sync engine of the session.
class SessionController : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        SignedOut,
        SigningIn,
        SignedIn
    };

    static constexpr const char* kTokenName = "session-token";

    SessionController(ApiClient* client, CredentialStore* credentials, Settings* settings, const Clock* clock,
                      QObject* parent = nullptr);
    ~SessionController() override;

    // Tries the remembered session (settings + keychain). Emits signedIn() or signInRequired().
    void restore();
    void signIn(const QUrl& server, const QString& email, const QString& password, bool remember,
                const QString& caFile = {});
    void signOut();

    // Names the server in the cache file instead of its URL (CacheDatabase::pathForScope), for a server
    // whose address changes between runs but whose data does not (demo mode). Empty: by URL.
    void setCacheScope(const QString& scope) { m_cacheScope = scope; }
    // What the cache keeps and the sync fetches besides the fixed data (the panes' declarations); set before
    // the first session opens.
    void setCollections(const QList<SyncedCollection>& collections);
    // The cache file of that server and user: the same for every session of that pair.
    QString cachePathFor(const QUrl& server, const QString& email) const;

    State state() const { return m_state; }
    bool isSignedIn() const { return m_state == State::SignedIn; }
    QUrl server() const { return m_server; }
    QString email() const { return m_email; }
    UserProfile user() const { return m_user; }
    QList<Organization> organizations() const { return m_organizations; }
    Organization currentOrganization() const;
    void setCurrentOrganization(qint64 organizationId);

    CacheDatabase* cache() { return &m_cache; }
    SyncEngine* sync() { return m_sync; }
    ApiClient* client() { return m_client; }

Q_SIGNALS:
    void signedIn();
    void signInFailed(const QString& message);
    // No usable session: show the sign-in dialog (with a reason when there is one).
    void signInRequired(const QString& reason);
    void signedOut();
    void identityChanged();
    void currentOrganizationChanged(qint64 organizationId);

private:
    void openSession(const QUrl& server, const QString& email, const QByteArray& token);
    void applyIdentity(const UserProfile& user, const QList<Organization>& organizations);
    void clearLocal(const QString& reason, bool required);
    bool configureClient(const QUrl& server, const QString& caFile, QString* error);

    QPointer<ApiClient> m_client;
    CredentialStore* m_credentials;
    Settings* m_settings;
    const Clock* m_clock;
    CacheDatabase m_cache;
    SyncEngine* m_sync;
    State m_state = State::SignedOut;
    QUrl m_server;
    QString m_email;
    UserProfile m_user;
    QList<Organization> m_organizations;
    qint64 m_organizationId = 0;
    QString m_cacheScope;
};

} // namespace creditdesk
