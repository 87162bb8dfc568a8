#include "app/MainWindow.h"

#include "api/ApiError.h"
#include "domain/Settings.h"
#include "models/NamedListModel.h"
#include "sync/SessionController.h"
#include "sync/SyncEngine.h"
#include "views/AcceptInvitationDialog.h"
#include "views/PaneController.h"
#include "views/RedeemCouponDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUrl>
#include <QVBoxLayout>

namespace creditdesk {

namespace {
constexpr const char* kUserGuideUrl = "https://example.org/creditdesk/docs/user-guide.md";
} // namespace

MainWindow::MainWindow(SessionController* session, QList<PaneDescriptor> panes, PaneContext context,
                       Settings* settings, QWidget* parent)
    : QMainWindow(parent), m_session(session), m_settings(settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("CreditDesk"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->setAccessibleName(tr("Notice"));
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, bannerPalette.color(QPalette::ToolTipBase));
    bannerPalette.setColor(QPalette::WindowText, bannerPalette.color(QPalette::ToolTipText));
    m_banner->setPalette(bannerPalette);
    m_banner->hide();
    layout->addWidget(m_banner);

    auto* splitter = new QSplitter(Qt::Horizontal, central);
    m_navigation = new QListWidget(splitter);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setMaximumWidth(200);
    m_navigation->setMinimumWidth(120);
    m_stack = new QStackedWidget(splitter);
    m_signedOutPage = createSignedOutPage();
    m_stack->addWidget(m_signedOutPage);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({150, 1000});
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_panes = new PaneController(std::move(panes), std::move(context), m_navigation, m_stack, this);
    m_panes->setPreferredPane(m_settings->value(Settings::Key::CurrentPane).toString());
    createMenus();
    createStatusBar();

    connect(m_panes, &PaneController::currentPaneChanged, this, [this](const QString& id, Pane* current) {
        m_export->setEnabled(current->canExport());
        m_settings->setValue(Settings::Key::CurrentPane, id);
    });
    connect(m_panes, &PaneController::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_session, &SessionController::identityChanged, this, &MainWindow::updateIdentity);
    connect(m_session, &SessionController::currentOrganizationChanged, this, &MainWindow::updateIdentity);
    connect(m_session, &SessionController::signedIn, this, &MainWindow::updateIdentity);
    connect(m_session, &SessionController::signedOut, this, [this] {
        m_syncError.clear();
        showBanner(QString());
        updateIdentity();
    });
    SyncEngine* sync = m_session->sync();
    connect(sync, &SyncEngine::started, this, &MainWindow::updateSyncStatus);
    connect(sync, &SyncEngine::progress, this, [this](int step, int steps, qint64 rows) {
        m_progress->setRange(0, std::max(1, steps));
        m_progress->setValue(step);
        m_progress->setFormat(rows > 0 ? tr("Syncing… %1 new rows").arg(QLocale().toString(rows))
                                       : tr("Syncing…"));
    });
    connect(sync, &SyncEngine::finished, this, [this](bool ok) {
        if (ok)
            m_syncError.clear();
        updateSyncStatus();
        m_panes->cacheChanged();
    });
    connect(sync, &SyncEngine::onlineChanged, this, &MainWindow::updateSyncStatus);
    connect(sync, &SyncEngine::failed, this, &MainWindow::onSyncFailed);
    connect(sync, &SyncEngine::cacheChanged, this, [this](qint64 organizationId) {
        if (organizationId == m_session->currentOrganization().id)
            m_panes->cacheChanged();
    });

    const QByteArray geometry = m_settings->value(Settings::Key::WindowGeometry).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1200, 780);
    restoreState(m_settings->value(Settings::Key::WindowState).toByteArray());
    updateIdentity();
}

MainWindow::~MainWindow() = default;

void MainWindow::setFileChooser(FileChooser chooser)
{
    PaneContext context = m_panes->context();
    context.chooseSaveFile = std::move(chooser);
    m_panes->setContext(std::move(context));
}

QWidget* MainWindow::createSignedOutPage()
{
    // What the window shows while nobody is signed in (e.g. the sign-in dialog was cancelled): a way
    // back to the dialog rather than an empty window with only Quit.
    auto* page = new QWidget(m_stack);
    page->setObjectName(QStringLiteral("signedOutPage"));
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(1);
    auto* text = new QLabel(tr("You are not signed in. Sign in to see your organization's credits and "
                               "transactions."),
                            page);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    layout->addWidget(text);
    auto* button = new QPushButton(tr("Sign in…"), page);
    button->setObjectName(QStringLiteral("signInButton"));
    button->setDefault(true);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(button);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);
    connect(button, &QPushButton::clicked, this, &MainWindow::signInRequested);
    return page;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_signIn = file->addAction(tr("&Sign in…"));
    connect(m_signIn, &QAction::triggered, this, &MainWindow::signInRequested);
    m_redeemCoupon = file->addAction(tr("&Redeem coupon…"));
    connect(m_redeemCoupon, &QAction::triggered, this, [this] {
        if (BillingClient* billing = m_panes->context().billing; billing && m_session->isSignedIn())
            RedeemCouponDialog::openFor(billing, m_session->currentOrganization(), this);
    });
    m_acceptInvitation = file->addAction(tr("&Accept invitation…"));
    connect(m_acceptInvitation, &QAction::triggered, this, [this] {
        OrganizationClient* client = m_panes->context().organization;
        if (!client || !m_session->isSignedIn())
            return;
        auto* dialog = new AcceptInvitationDialog(client, true, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &AcceptInvitationDialog::accepted, this, [this] {
            // The new organization appears with the next sync's identity.
            m_session->sync()->syncNow();
        });
        dialog->open();
    });
    m_export = file->addAction(tr("&Export…"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_export, &QAction::triggered, this, [this] {
        if (Pane* current = m_panes->currentPane(); current && current->canExport())
            current->exportData();
    });
    file->addSeparator();
    m_signOut = file->addAction(tr("Sign &out"));
    connect(m_signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_refresh = view->addAction(tr("&Refresh"));
    m_refresh->setShortcut(QKeySequence::Refresh); // F5
    connect(m_refresh, &QAction::triggered, this, [this] { m_session->sync()->syncNow(); });
    view->addSeparator();
    for (int i = 0; i < 9; ++i) {
        auto* go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] { m_panes->showAt(i); });
        addAction(go);
    }

    m_demoMenu = menuBar()->addMenu(tr("&Demo"));
    auto* roles = new QActionGroup(this);
    const QList<QPair<QString, QString>> demoRoles{{QStringLiteral("admin"), tr("View as &admin")},
                                                   {QStringLiteral("finance"), tr("View as &finance")},
                                                   {QStringLiteral("member"), tr("View as &member")}};
    for (const auto& [role, label] : demoRoles) {
        QAction* action = m_demoMenu->addAction(label);
        action->setCheckable(true);
        action->setChecked(role == QLatin1String("admin"));
        action->setData(role);
        roles->addAction(action);
        connect(action, &QAction::triggered, this, [this, role] { Q_EMIT demoRoleRequested(role); });
    }
    m_demoMenu->menuAction()->setVisible(false);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About CreditDesk"));
    connect(about, &QAction::triggered, this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("About CreditDesk"), aboutText(),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("aboutBox"));
        box->setTextFormat(Qt::RichText);
        box->setTextInteractionFlags(Qt::TextBrowserInteraction);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

QString MainWindow::aboutText() const
{
    // The installed user guide when there is one (share/doc/creditdesk), otherwise the project's page.
    const QString installed = QStandardPaths::locate(QStandardPaths::GenericDataLocation,
                                                     QStringLiteral("doc/creditdesk/user-guide.md"));
    const QUrl guide =
        installed.isEmpty() ? QUrl(QString::fromLatin1(kUserGuideUrl)) : QUrl::fromLocalFile(installed);
    return tr("<b>CreditDesk %1</b><p>Credits, usage and billing for AI platforms.</p>"
              "<p>1 credit = $0.00004; $1 = 25,000 credits.</p>"
              "<p>Licensed under the Apache License 2.0 (Apache-2.0).</p>"
              "<p><a href=\"%2\">User guide</a></p>")
        .arg(QStringLiteral(CREDITDESK_VERSION), guide.toString(QUrl::FullyEncoded).toHtmlEscaped());
}

void MainWindow::createStatusBar()
{
    QStatusBar* bar = statusBar();
    auto label = [this](const QString& name) {
        auto* widget = new QLabel(this);
        widget->setAccessibleName(name);
        return widget;
    };
    m_server = label(tr("Server"));
    m_user = label(tr("Signed in as"));
    m_organization = new QComboBox(this);
    m_organization->setAccessibleName(tr("Organization"));
    m_organizations = new NamedListModel(QString(), this);
    m_organization->setModel(m_organizations);
    m_role = label(tr("Role"));
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Sync progress"));
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_lastSynced = label(tr("Last synced"));
    m_online = label(tr("Connection"));
    bar->addWidget(m_server);
    bar->addWidget(m_user);
    bar->addWidget(m_organization);
    bar->addWidget(m_role);
    bar->addPermanentWidget(m_progress);
    bar->addPermanentWidget(m_lastSynced);
    bar->addPermanentWidget(m_online);
    connect(m_organization, &QComboBox::currentIndexChanged, this, [this](int row) {
        if (const std::optional<qint64> id = m_organizations->idAt(row))
            m_session->setCurrentOrganization(*id);
    });
}

void MainWindow::setDemoMode(bool demo)
{
    m_demoMenu->menuAction()->setVisible(demo);
    setWindowTitle(demo ? tr("CreditDesk (demo)") : tr("CreditDesk"));
}

void MainWindow::showPanesOf(const Organization& organization)
{
    m_panes->setOrganization(organization);
    if (m_panes->visibleIds().isEmpty() && !m_session->isSignedIn())
        m_stack->setCurrentWidget(m_signedOutPage);
    m_navigation->setVisible(m_session->isSignedIn());
}

void MainWindow::updateIdentity()
{
    statusBar()
        ->clearMessage(); // a message from the previous user or organization would hide who is signed in now
    const bool signedIn = m_session->isSignedIn();
    m_server->setText(signedIn ? m_session->server().toDisplayString() : QString());
    const UserProfile user = m_session->user();
    m_user->setText(signedIn ? tr("Signed in as %1").arg(user.name.isEmpty() ? m_session->email() : user.name)
                             : tr("Signed out"));
    QList<NamedListModel::Entry> entries;
    for (const Organization& organization : m_session->organizations())
        entries.append({organization.id, organization.name});
    {
        QSignalBlocker block(m_organization);
        m_organizations->setEntries(entries);
        m_organization->setCurrentIndex(m_organizations->rowOf(m_session->currentOrganization().id));
    }
    m_organization->setVisible(!entries.isEmpty());
    const Organization current = m_session->currentOrganization();
    const std::optional<Role> role = roleFromKey(current.role);
    m_role->setText(role ? tr("Role: %1").arg(roleLabel(*role)) : QString());
    m_signOut->setEnabled(signedIn);
    m_signIn->setEnabled(!signedIn);
    m_redeemCoupon->setEnabled(signedIn && m_panes->context().billing);
    m_acceptInvitation->setEnabled(signedIn && m_panes->context().organization);
    m_refresh->setEnabled(signedIn);
    showPanesOf(current);
    updateSyncStatus();
}

void MainWindow::updateSyncStatus()
{
    SyncEngine* sync = m_session->sync();
    m_progress->setVisible(sync->isRunning());
    const QDateTime last =
        sync->lastSynced().isValid() ? sync->lastSynced() : m_session->cache()->lastSynced();
    const QLocale locale;
    m_lastSynced->setText(
        last.isValid() ? tr("Last synced %1").arg(locale.toString(last.toLocalTime(), QLocale::ShortFormat))
                       : tr("Not synced yet"));
    if (!m_session->isSignedIn()) {
        m_online->setText(QString());
        return;
    }
    m_online->setText(sync->isOnline() ? tr("● Online") : tr("○ Offline (read-only)"));
    if (!sync->isOnline()) {
        // The cause in one sentence (not the error's full text, which would repeat what follows).
        const QString cause = sync->lastError().isOffline() ? sync->lastError().offlineCause()
                                                            : tr("The server cannot be reached.");
        QString text =
            tr("Offline: %1 Showing the data cached %2; it is read-only and catches up by itself when "
               "the server is back.")
                .arg(cause, last.isValid()
                                ? tr("at %1").arg(locale.toString(last.toLocalTime(), QLocale::ShortFormat))
                                : tr("so far"));
        if (!m_offlineNote.isEmpty())
            text += QLatin1Char(' ') + m_offlineNote;
        showBanner(text);
    } else if (!m_syncError.isEmpty()) {
        showBanner(m_syncError);
    } else if (m_banner->property("offline").toBool() || m_banner->property("syncError").toBool()) {
        showBanner(QString());
    }
    m_banner->setProperty("offline", !sync->isOnline());
    m_banner->setProperty("syncError", !m_syncError.isEmpty());
}

void MainWindow::onSyncFailed(const ApiError& error)
{
    if (error.kind == ApiError::Kind::Unauthorized)
        return; // the sign-in dialog says it
    // Being offline is said by the offline notice, with its cause; other failures in their own words.
    m_syncError = error.isOffline() ? QString() : error.userMessage();
    updateSyncStatus();
}

void MainWindow::setOfflineNote(const QString& note)
{
    m_offlineNote = note;
    updateSyncStatus();
}

QStringList MainWindow::visiblePaneIds() const
{
    return m_panes->visibleIds();
}

bool MainWindow::showPane(const QString& id)
{
    return m_panes->show(id);
}

QString MainWindow::currentPaneId() const
{
    return m_panes->currentId();
}

Pane* MainWindow::pane(const QString& id) const
{
    return m_panes->pane(id);
}

void MainWindow::showBanner(const QString& message)
{
    m_banner->setText(message);
    m_banner->setVisible(!message.isEmpty());
}

QString MainWindow::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

QString MainWindow::statusText() const
{
    return QStringList{m_server->text(), m_user->text(),       m_organization->currentText(),
                       m_role->text(),   m_lastSynced->text(), m_online->text()}
        .join(QStringLiteral(" | "));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
    m_settings->setValue(Settings::Key::WindowState, saveState());
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

} // namespace creditdesk
