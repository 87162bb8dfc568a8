#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QUrl>

class QSystemTrayIcon;

#include <memory>

namespace creditdesk {

class ApiClient;
class AsyncCacheReader;
class AcceptInvitationDialog;
class AlertNotifier;
class AlertsClient;
class BillingClient;
class InvoicesClient;
class OrganizationClient;
class UsageClient;
class Clock;
class CredentialStore;
class LocalServer;
class MainWindow;
class SessionController;
class Settings;
class SignInDialog;
class SnapshotCache;

// The composition root (docs/design.md §1): builds the services, models and windows, wires them, and runs the
// start-up: restore a remembered session or ask to sign in, or in demo mode start a local server and sign in.
class Application : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool demo = false;
        QString serverBinary; // demo mode; empty: LocalServer::findServerBinary()
        QString settingsFile; // empty: the default QSettings (demo: a file in the demo folder)
        bool showWindows = true;
    };

    explicit Application(Options options, QObject* parent = nullptr);
    ~Application() override;

    void start();

    MainWindow* mainWindow() const { return m_window.get(); }
    SignInDialog* signInDialog() const { return m_signIn; }
    SessionController* session() const { return m_session; }
    CredentialStore* credentials() const { return m_credentials; }
    LocalServer* localServer() const { return m_localServer; }
    Settings* settings() const { return m_settings.get(); }
    BillingClient* billing() const { return m_billing; }
    OrganizationClient* organizationClient() const { return m_organizationClient; }
    UsageClient* usageClient() const { return m_usageClient; }
    AlertsClient* alertsClient() const { return m_alerts; }
    InvoicesClient* invoicesClient() const { return m_invoices; }
    // Announces alerts that a sync brings for the first time (shown in the system tray, if any).
    AlertNotifier* alertNotifier() const { return m_alertNotifier; }
    // The sign-in dialog's "I have an invitation" (nullptr when signed in or without a server address).
    AcceptInvitationDialog* openAcceptInvitation();

    // Demo mode: sign in as the demo user of that role (admin, finance, member).
    void switchDemoRole(const QString& role);
    static QString demoDirectory();
    // Qt's own and the console's translations for that locale, from :/i18n (English: its plural forms),
    // replacing the ones installed before.
    static void installTranslators(const QLocale& locale);

Q_SIGNALS:
    void demoFailed(const QString& message);

private:
    void wire();
    void showSignIn(const QString& reason);
    // A tray notification, when the system has a tray (none under the offscreen platform).
    void notifyInTray(const QString& title, const QString& message, bool critical);
    // The dialog itself, filled from the settings (demo mode: the demo server and user, the password as a
    // hint).
    void showSignInDialog(const QString& reason);
    QString demoEmailFor(const QString& role) const;

    Options m_options;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Clock> m_clock;
    ApiClient* m_client;
    CredentialStore* m_credentials;
    SessionController* m_session;
    AsyncCacheReader* m_reader;
    BillingClient* m_billing;
    OrganizationClient* m_organizationClient;
    UsageClient* m_usageClient;
    AlertsClient* m_alerts;
    InvoicesClient* m_invoices;
    AlertNotifier* m_alertNotifier;
    QSystemTrayIcon* m_tray = nullptr;
    std::unique_ptr<SnapshotCache> m_snapshots; // the session's cache file, whichever is open
    std::unique_ptr<MainWindow> m_window;
    SignInDialog* m_signIn;
    LocalServer* m_localServer = nullptr;
    QString m_pendingDemoEmail;
};

} // namespace creditdesk
