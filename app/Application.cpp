#include "app/Application.h"

#include "api/AlertsClient.h"
#include "api/ApiClient.h"
#include "api/BillingClient.h"
#include "api/InvoicesClient.h"
#include "api/OrganizationClient.h"
#include "api/UsageClient.h"
#include "app/LocalServer.h"
#include "app/MainWindow.h"
#include "cache/AsyncCacheReader.h"
#include "cache/CacheDatabase.h"
#include "cache/SnapshotCache.h"
#include "credentials/CredentialStore.h"
#include "domain/Clock.h"
#include "domain/Logging.h"
#include "domain/Settings.h"
#include "models/AlertText.h"
#include "sync/AlertNotifier.h"
#include "sync/SessionController.h"
#include "sync/SyncEngine.h"
#include "views/AcceptInvitationDialog.h"
#include "views/AlertsPane.h"
#include "views/SignInDialog.h"

#include <QFile>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTranslator>

#include <functional>

namespace creditdesk {

Application::Application(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_clock(std::make_unique<SystemClock>())
{
    if (!m_options.settingsFile.isEmpty())
        m_settings = std::make_unique<Settings>(m_options.settingsFile);
    else if (m_options.demo)
        m_settings = std::make_unique<Settings>(demoDirectory() + QStringLiteral("/console.ini"));
    else
        m_settings = std::make_unique<Settings>();
    m_client = new ApiClient(this);
    m_credentials = new CredentialStore(m_settings.get(), QStringLiteral("creditdesk"), this);
    // The demo's throw-away sessions never go to the keychain.
    m_credentials->setMemoryOnly(m_options.demo);
    m_session = new SessionController(m_client, m_credentials, m_settings.get(), m_clock.get(), this);
    // The demo server's port changes every run but its data does not: one cache per demo user, reused.
    if (m_options.demo)
        m_session->setCacheScope(QStringLiteral("demo"));
    m_reader = new AsyncCacheReader(this);
    // The panes decide what the sync keeps beyond the fixed data: their declared collections.
    QList<PaneDescriptor> panes = standardPanes();
    m_session->setCollections(collectionsOf(panes));
    m_billing = new BillingClient(m_client, this);
    m_organizationClient = new OrganizationClient(m_client, this);
    m_usageClient = new UsageClient(m_client, this);
    m_alerts = new AlertsClient(m_client, this);
    m_invoices = new InvoicesClient(m_client, this);
    m_alertNotifier = new AlertNotifier(m_session->sync(), AlertsPane::collection(), this);
    m_snapshots = std::make_unique<SnapshotCache>(m_session->cache());
    // Every whole usage answer is kept, whichever pane asked (the Usage pane, the dashboard's forecast),
    // so that both have something to show after a restart offline.
    connect(m_usageClient, &UsageClient::snapshotFetched, this,
            [this](qint64 organizationId, const QString& resource, const QJsonObject& document) {
                m_snapshots->store(organizationId, resource, document, m_clock->now());
            });
    m_window = std::make_unique<MainWindow>(
        m_session, std::move(panes),
        PaneContext{m_reader, m_clock.get(), defaultSaveFileChooser(), m_billing, m_organizationClient,
                    m_snapshots.get(), m_usageClient, m_alerts, m_invoices, defaultUrlOpener()},
        m_settings.get());
    if (m_options.demo) {
        // The title is the display name alone: otherwise the platform appends it ("… — CreditDesk").
        QGuiApplication::setApplicationDisplayName(MainWindow::tr("CreditDesk (demo)"));
    }
    m_window->setDemoMode(m_options.demo);
    m_signIn = new SignInDialog(m_window.get());
    wire();
}

Application::~Application()
{
    m_session->sync()->stop();
    if (m_localServer)
        m_localServer->stop();
}

QString Application::demoDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
}

void Application::installTranslators(const QLocale& locale)
{
    QCoreApplication* app = QCoreApplication::instance();
    const QString name = QStringLiteral("creditdeskTranslator");
    for (QTranslator* previous : app->findChildren<QTranslator*>(name, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(previous);
        delete previous;
    }
    auto install = [app, &name](const std::function<bool(QTranslator*)>& load) {
        auto* translator = new QTranslator(app);
        translator->setObjectName(name);
        if (load(translator))
            QCoreApplication::installTranslator(translator);
        else
            delete translator;
    };
    install([&locale](QTranslator* t) {
        return t->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                       QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    });
    // Languages without a translation (and the C locale) get English with its plural forms.
    install([&locale](QTranslator* t) {
        return t->load(locale, QStringLiteral("creditdesk"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
               t->load(QStringLiteral(":/i18n/creditdesk_en.qm"));
    });
}

void Application::wire()
{
    connect(m_session, &SessionController::signInRequired, this, &Application::showSignIn);
    connect(m_signIn, &SignInDialog::signInRequested, m_session, &SessionController::signIn);
    connect(m_session, &SessionController::signInFailed, m_signIn, &SignInDialog::showError);
    connect(m_signIn, &SignInDialog::invitationRequested, this, [this] { openAcceptInvitation(); });
    connect(m_session, &SessionController::signedIn, this, [this] {
        m_alertNotifier->start();
        m_reader->setDatabasePath(m_session->cache()->path());
        m_signIn->setBusy(false);
        m_signIn->clearPassword();
        m_signIn->hide();
        if (m_options.showWindows)
            m_window->show();
    });
    connect(m_session, &SessionController::signedOut, this, [this] {
        m_reader->setDatabasePath(QString());
        if (!m_pendingDemoEmail.isEmpty()) {
            const QString email = std::exchange(m_pendingDemoEmail, QString());
            m_session->signIn(m_localServer->url(), email, QLatin1String(LocalServer::kDemoPassword), false);
            return;
        }
        // Signed out on purpose: the dialog, also in demo mode (signing in again silently would look as if
        // Sign out did nothing).
        showSignInDialog(QString());
    });
    connect(m_window.get(), &MainWindow::signOutRequested, m_session, &SessionController::signOut);
    connect(m_window.get(), &MainWindow::signInRequested, this, [this] { showSignInDialog(QString()); });
    connect(m_window.get(), &MainWindow::demoRoleRequested, this, &Application::switchDemoRole);
    // A plan switch or a redeemed coupon changed the balance: the cache catches up at once.
    connect(m_billing, &BillingClient::accountChanged, this, [this] {
        if (m_session->isSignedIn())
            m_session->sync()->syncNow();
    });
    // An operator's action on an invoice or a purchase: the invoices and the balance catch up at once.
    connect(m_invoices, &InvoicesClient::invoicesChanged, this, [this] {
        if (m_session->isSignedIn())
            m_session->sync()->syncNow();
    });
    // An acknowledged alert: the sync brings it with its new seq at once.
    connect(m_alerts, &AlertsClient::alertsChanged, this, [this] {
        if (m_session->isSignedIn())
            m_session->sync()->syncNow();
    });
    connect(m_alertNotifier, &AlertNotifier::newAlert, this, [this](const AlertNotifier::Alert& alert) {
        notifyInTray(
            tr("%1 alert: %2").arg(alerttext::levelLabel(alert.level), alerttext::kindLabel(alert.kind)),
            alert.message, alert.level == QLatin1String("critical"));
    });
    connect(m_credentials, &CredentialStore::keychainUnavailable, this, [this](const QString& reason) {
        // Told once per run; the session still works, kept in memory only.
        m_window->showBanner(
            tr("No keychain service is available (%1). Your session is kept in memory only: you "
               "will be asked to sign in again next time.")
                .arg(reason));
    });
}

void Application::notifyInTray(const QString& title, const QString& message, bool critical)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
        m_tray->setToolTip(QGuiApplication::applicationDisplayName());
        // A click on the notification brings the window forward.
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            m_window->show();
            m_window->raise();
            m_window->activateWindow();
        });
    }
    m_tray->show();
    m_tray->showMessage(title, message, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
}

void Application::showSignIn(const QString& reason)
{
    if (m_options.demo && m_localServer && m_localServer->url().isValid()) {
        // The demo signs itself in again (e.g. after its session expired).
        m_session->signIn(m_localServer->url(), demoEmailFor(QStringLiteral("admin")),
                          QLatin1String(LocalServer::kDemoPassword), false);
        return;
    }
    showSignInDialog(reason);
}

AcceptInvitationDialog* Application::openAcceptInvitation()
{
    // Signed out, the invitation goes to the server named in the sign-in dialog.
    if (m_session->isSignedIn())
        return nullptr;
    m_client->setBaseUrl(m_signIn->server());
    QString error;
    if (!m_signIn->server().isValid() || m_signIn->server().host().isEmpty() ||
        !m_client->setTrustedCaFile(m_signIn->caFile(), &error)) {
        m_signIn->showError(error.isEmpty() ? tr("Enter the server address first.") : error);
        return nullptr;
    }
    auto* dialog = new AcceptInvitationDialog(m_organizationClient, false, m_signIn);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AcceptInvitationDialog::accepted, this, [this](const AcceptedInvitation& result) {
        m_signIn->setEmail(result.user.email);
        m_signIn->clearPassword();
        m_signIn->setMessage(tr("Welcome, %1. Sign in with the password you chose.").arg(result.user.name));
    });
    dialog->open();
    return dialog;
}

void Application::showSignInDialog(const QString& reason)
{
    // Never the previous user's password.
    m_signIn->clearPassword();
    m_signIn->setBusy(false);
    if (m_options.demo && m_localServer && m_localServer->url().isValid()) {
        const QString last = m_settings->value(Settings::Key::Email).toString();
        m_signIn->setServer(m_localServer->url());
        m_signIn->setEmail(
            last.endsWith(QLatin1String("@demo.test")) ? last : demoEmailFor(QStringLiteral("admin")));
        m_signIn->setRemember(false);
        m_signIn->setCaFile(QString());
        m_signIn->setMessage(reason.isEmpty() ? tr("Demo mode: the password of every demo user is \"%1\".")
                                                    .arg(QLatin1String(LocalServer::kDemoPassword))
                                              : reason);
    } else {
        m_signIn->setServer(QUrl(m_settings->value(Settings::Key::ServerUrl).toString()));
        m_signIn->setEmail(m_settings->value(Settings::Key::Email).toString());
        m_signIn->setRemember(m_settings->value(Settings::Key::RememberMe).toBool());
        m_signIn->setCaFile(m_settings->value(Settings::Key::TrustedCaFile).toString());
        m_signIn->setMessage(reason);
    }
    if (m_options.showWindows) {
        m_window->show();
        m_signIn->open();
    }
}

void Application::start()
{
    if (!m_options.demo) {
        m_session->restore();
        return;
    }
    const QString binary =
        m_options.serverBinary.isEmpty() ? LocalServer::findServerBinary() : m_options.serverBinary;
    m_localServer = new LocalServer(binary, demoDirectory(), this);
    // A new demo database (first run, or its folder was deleted): the cached copies belong to the old one.
    if (!QFile::exists(m_localServer->databasePath()))
        CacheDatabase::removeScope(QStringLiteral("demo"));
    connect(m_localServer, &LocalServer::progress, this, [this](const QString& message) {
        m_window->showBanner(message);
        if (m_options.showWindows)
            m_window->show();
    });
    connect(m_localServer, &LocalServer::failed, this, [this](const QString& message) {
        m_window->showBanner(message);
        if (m_options.showWindows)
            m_window->show();
        if (m_session->isSignedIn()) {
            // The server is gone for good: offline at once, and the notice says why.
            m_window->setOfflineNote(message);
            m_session->sync()->syncNow();
        }
        Q_EMIT demoFailed(message);
    });
    connect(m_localServer, &LocalServer::ready, this, [this](const QUrl& url) {
        m_window->showBanner(QString());
        // After a restart (new port) the same user again; at start the admin.
        const QString email =
            m_session->isSignedIn() ? m_session->email() : demoEmailFor(QStringLiteral("admin"));
        m_session->signIn(url, email, QLatin1String(LocalServer::kDemoPassword), false);
    });
    m_localServer->start();
}

QString Application::demoEmailFor(const QString& role) const
{
    if (role == QLatin1String("member")) {
        // Whoever has the member role in the demo organization (the seed decides who that is).
        if (m_session->cache()->isOpen()) {
            for (const Member& member : m_session->cache()->members(m_session->currentOrganization().id)) {
                if (member.role == QLatin1String("member"))
                    return member.email;
            }
        }
        return QStringLiteral("ana@demo.test");
    }
    return role + QStringLiteral("@demo.test");
}

void Application::switchDemoRole(const QString& role)
{
    if (!m_options.demo || !m_localServer || !m_localServer->url().isValid())
        return;
    const QString email = demoEmailFor(role);
    if (email.compare(m_session->email(), Qt::CaseInsensitive) == 0)
        return;
    qCInfo(lcDemo) << "demo: viewing as" << role << email;
    m_pendingDemoEmail = email;
    m_session->signOut(); // signedOut() signs in as the pending user
}

} // namespace creditdesk
