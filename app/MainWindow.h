#pragma once

#include "views/Pane.h"

#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace creditdesk {

class NamedListModel;
class PaneController;
class SessionController;
class Settings;
struct ApiError;

// The window chrome around the panes: the navigation list and the stack that host them, a status bar
// (server, user, organization, role, sync progress, last synced, online/offline), the menus, notices and
// window state. Which panes exist is PaneController's business, from the descriptors it is given
// (standardPanes()); the window knows no pane's internals (CONTRIBUTING.md: the main window only hosts).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(SessionController* session, QList<PaneDescriptor> panes, PaneContext context,
               Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setFileChooser(FileChooser chooser);
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
    QAction* acceptInvitationAction() const { return m_acceptInvitation; }
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
    void showPanesOf(const Organization& organization);
    void updateIdentity();
    void updateSyncStatus();
    void onSyncFailed(const ApiError& error);

    SessionController* m_session;
    Settings* m_settings;
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
    QAction* m_acceptInvitation = nullptr;
    QWidget* m_signedOutPage = nullptr;
    QString m_offlineNote;
    QMenu* m_demoMenu = nullptr;
    QString m_syncError;
    PaneController* m_panes = nullptr;
};

} // namespace creditdesk
