#pragma once

#include "views/Pane.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace creditdesk {

class AsyncCacheReader;
class BillingClient;
class Clock;
class NamedListModel;
class SessionController;
class Settings;
struct ApiError;

// Hosts the panes: navigation on the left (only the panes the role may use), the pane on the right, a
// status bar (server, user, organization, role, sync progress, last synced, online/offline), the menus
// and window state. It knows no pane's internals (CONTRIBUTING.md: the main window only hosts panes).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(SessionController* session, AsyncCacheReader* reader, Settings* settings, const Clock* clock,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    void setFileChooser(FileChooser chooser);
    // Plan and coupon requests for the panes that need them and for File › Redeem coupon…
    void setBillingClient(BillingClient* billing);
    void setDemoMode(bool demo);

    QStringList visiblePaneIds() const;
    bool showPane(const QString& id);
    QString currentPaneId() const;
    Pane* pane(const QString& id) const;

    // A message above the panes (offline, no keychain); empty hides it.
    void showBanner(const QString& message);
    QString bannerText() const;
    QString statusText() const; // the status bar's texts, joined (for tests)

    QAction* refreshAction() const { return m_refresh; }
    QAction* exportAction() const { return m_export; }
    QAction* signOutAction() const { return m_signOut; }
    QAction* signInAction() const { return m_signIn; }
    QAction* redeemCouponAction() const { return m_redeemCoupon; }
    // The text of Help › About: version, licence, where the user guide is.
    QString aboutText() const;
    // Said in the offline notice too (e.g. that the demo server could not be restarted); empty: nothing.
    void setOfflineNote(const QString& note);

Q_SIGNALS:
    void signOutRequested();
    void signInRequested();
    void demoRoleRequested(const QString& role);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createStatusBar();
    QWidget* createSignedOutPage();
    void rebuildPanes();
    void updateIdentity();
    void updateSyncStatus();
    void onSyncFailed(const ApiError& error);
    void refreshCurrentPane();

    SessionController* m_session;
    AsyncCacheReader* m_reader;
    Settings* m_settings;
    const Clock* m_clock;
    FileChooser m_chooser;
    QList<PaneDescriptor> m_descriptors;
    QHash<QString, QPointer<Pane>> m_panes;
    QStringList m_visible;
    QListWidget* m_navigation;
    QStackedWidget* m_stack;
    QLabel* m_banner;
    QLabel* m_server;
    QLabel* m_user;
    QComboBox* m_organization;
    NamedListModel* m_organizations;
    QLabel* m_role;
    QProgressBar* m_progress;
    QLabel* m_lastSynced;
    QLabel* m_online;
    QAction* m_refresh = nullptr;
    QAction* m_export = nullptr;
    QAction* m_signOut = nullptr;
    QAction* m_signIn = nullptr;
    QAction* m_redeemCoupon = nullptr;
    BillingClient* m_billing = nullptr;
    QWidget* m_signedOutPage = nullptr;
    QString m_offlineNote;
    QMenu* m_demoMenu = nullptr;
    QString m_syncError;
    QSet<QString> m_stale; // panes whose data changed while hidden
};

} // namespace creditdesk
