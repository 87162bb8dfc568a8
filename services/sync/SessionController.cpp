#include "sync/SessionController.h"

#include "api/ApiClient.h"
#include "api/Jobs.h"
#include "credentials/CredentialStore.h"
#include "domain/Logging.h"
#include "domain/Settings.h"
#include "sync/SyncEngine.h"

namespace creditdesk {

namespace {
QString tokenName()
{
    return QLatin1String(SessionController::kTokenName);
}
} // namespace

SessionController::SessionController(ApiClient* client, CredentialStore* credentials, Settings* settings,
                                     const Clock* clock, QObject* parent)
    : QObject(parent), m_client(client), m_credentials(credentials), m_settings(settings), m_clock(clock),
      m_sync(new SyncEngine(client, &m_cache, clock, this))
{
    m_sync->setIntervalSeconds(m_settings->value(Settings::Key::SyncIntervalSeconds).toInt());
    connect(m_sync, &SyncEngine::identityChanged, this,
            [this](const Me& me) { applyIdentity(me.user, me.organizations); });
    connect(m_sync, &SyncEngine::sessionExpired, this, [this] {
        // The token no longer works: forget it (it is useless) but keep the cache for the next sign-in.
        m_credentials->wipe(m_server, m_email);
        m_sync->stop();
        m_client->setToken({});
        m_state = State::SignedOut;
        Q_EMIT signInRequired(tr("Your session has ended. Please sign in again."));
    });
}

SessionController::~SessionController()
{
    m_sync->stop();
}

bool SessionController::configureClient(const QUrl& server, const QString& caFile, QString* error)
{
    if (!server.isValid() ||
        (server.scheme() != QLatin1String("http") && server.scheme() != QLatin1String("https")) ||
        server.host().isEmpty()) {
        *error = tr("\"%1\" is not a server address. Use the form https://billing.example.com.")
                     .arg(server.toString());
        return false;
    }
    m_client->setBaseUrl(server);
    return m_client->setTrustedCaFile(caFile, error);
}

void SessionController::restore()
{
    const QUrl server(m_settings->value(Settings::Key::ServerUrl).toString());
    const QString email = m_settings->value(Settings::Key::Email).toString();
    if (email.isEmpty() || !m_settings->value(Settings::Key::RememberMe).toBool()) {
        Q_EMIT signInRequired({});
        return;
    }
    QString error;
    if (!configureClient(server, m_settings->value(Settings::Key::TrustedCaFile).toString(), &error)) {
        Q_EMIT signInRequired(error);
        return;
    }
    m_state = State::SigningIn;
    m_credentials->read(server, email, tokenName(), this,
                        [this, server, email](std::optional<QByteArray> token) {
                            if (!token || token->isEmpty()) {
                                m_state = State::SignedOut;
                                Q_EMIT signInRequired({});
                                return;
                            }
                            qCInfo(lcApp) << "restoring the remembered session";
                            openSession(server, email, *token);
                        });
}

void SessionController::signIn(const QUrl& server, const QString& email, const QString& password,
                               bool remember, const QString& caFile)
{
    if (m_state == State::SigningIn)
        return;
    QString error;
    if (!configureClient(server, caFile, &error)) {
        Q_EMIT signInFailed(error);
        return;
    }
    if (m_state == State::SignedIn)
        m_sync->stop();
    m_state = State::SigningIn;
    m_client->setToken({});
    auto* login = new LoginJob(m_client, email.trimmed(), password);
    login->setTimeout(20000);
    connect(login, &ApiJob::finished, this, [this, login, server, remember, caFile] {
        if (login->error().isError()) {
            m_state = State::SignedOut;
            Q_EMIT signInFailed(login->error().userMessage());
            return;
        }
        const LoginResult result = login->result();
        m_settings->setValue(Settings::Key::ServerUrl, server.toString());
        m_settings->setValue(Settings::Key::Email, result.user.email);
        m_settings->setValue(Settings::Key::RememberMe, remember);
        m_settings->setValue(Settings::Key::TrustedCaFile, caFile);
        m_settings->sync();
        if (remember)
            m_credentials->write(server, result.user.email, tokenName(), result.token);
        openSession(server, result.user.email, result.token);
    });
    login->start();
}

void SessionController::openSession(const QUrl& server, const QString& email, const QByteArray& token)
{
    m_server = server;
    m_email = email;
    m_client->setToken(token);
    const QString path = cachePathFor(server, email);
    if (!m_cache.open(path)) {
        // A cache we cannot open (e.g. from a newer version) is only a copy: start over.
        CacheDatabase::removeFiles(path);
        if (!m_cache.open(path)) {
            m_state = State::SignedOut;
            Q_EMIT signInFailed(tr("The local cache at %1 cannot be created. Check the disk space and folder "
                                   "permissions.")
                                    .arg(path));
            return;
        }
    }
    m_organizationId = m_settings->value(Settings::Key::OrganizationId).toLongLong();
    const std::optional<UserProfile> cachedUser = m_cache.user();
    m_state = State::SignedIn;
    applyIdentity(cachedUser.value_or(UserProfile{0, email, email, false}), m_cache.organizations());
    Q_EMIT signedIn();
    m_sync->start();
}

void SessionController::setCollections(const QList<SyncedCollection>& collections)
{
    m_cache.setCollections(collections);
    m_sync->setCollections(collections);
}

QString SessionController::cachePathFor(const QUrl& server, const QString& email) const
{
    return m_cacheScope.isEmpty() ? CacheDatabase::pathFor(server, email)
                                  : CacheDatabase::pathForScope(m_cacheScope, email);
}

void SessionController::applyIdentity(const UserProfile& user, const QList<Organization>& organizations)
{
    m_user = user;
    m_organizations = organizations;
    for (Organization& organization : m_organizations) {
        organization.userId = user.id;
        organization.platformAdmin = user.platformAdmin;
    }
    const bool known = std::any_of(organizations.cbegin(), organizations.cend(),
                                   [this](const Organization& o) { return o.id == m_organizationId; });
    const qint64 previous = m_organizationId;
    if (!known)
        m_organizationId = organizations.isEmpty() ? 0 : organizations.first().id;
    Q_EMIT identityChanged();
    if (previous != m_organizationId)
        Q_EMIT currentOrganizationChanged(m_organizationId);
}

Organization SessionController::currentOrganization() const
{
    for (const Organization& organization : m_organizations) {
        if (organization.id == m_organizationId)
            return organization;
    }
    return {};
}

void SessionController::setCurrentOrganization(qint64 organizationId)
{
    if (organizationId == m_organizationId)
        return;
    m_organizationId = organizationId;
    m_settings->setValue(Settings::Key::OrganizationId, organizationId);
    Q_EMIT currentOrganizationChanged(organizationId);
}

void SessionController::signOut()
{
    if (m_state != State::SignedIn) {
        clearLocal({}, false);
        return;
    }
    m_sync->stop();
    // Tell the server first (the token stops working at once), then forget everything locally, whether
    // or not the server answered.
    auto* logout = new LogoutJob(m_client);
    logout->setTimeout(5000);
    logout->setMaxRetries(0);
    connect(logout, &ApiJob::finished, this, [this] { clearLocal({}, false); });
    logout->start();
}

void SessionController::clearLocal(const QString& reason, bool required)
{
    m_sync->stop();
    const QString path = m_cache.path();
    m_cache.close();
    if (!path.isEmpty())
        CacheDatabase::removeFiles(path);
    if (!m_email.isEmpty())
        m_credentials->wipe(m_server, m_email);
    m_client->setToken({});
    m_settings->remove(Settings::Key::OrganizationId);
    m_settings->sync();
    m_state = State::SignedOut;
    m_user = {};
    m_organizations.clear();
    m_organizationId = 0;
    Q_EMIT signedOut();
    if (required)
        Q_EMIT signInRequired(reason);
}

} // namespace creditdesk
