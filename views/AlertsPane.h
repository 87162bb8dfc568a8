#pragma once

#include "api/ApiError.h"
#include "domain/Alerts.h"
#include "views/AlertFeed.h"
#include "views/Pane.h"

#include <QDateTime>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace creditdesk {

class AlertRulesModel;
class NotificationPreferencesModel;
class WebhookDeliveriesModel;
class WebhookEndpointDialog;
class WebhookEndpointsModel;
class WebhookSecretDialog;

// Alerts (issue 14), in tabs: the fired alerts (AlertFeed, from the synced cache) with Acknowledge; the
// rules editor for owners and admins (alerts:manage: enable, thresholds, custom rules); the signed-in
// user's own notification preferences; the webhook endpoints for admins (webhooks:manage: add, with the
// secret shown once, delete, and each endpoint's deliveries). Rules, preferences and endpoints are live
// reads through AlertsClient, kept as snapshots so that the pane still shows them offline.
class AlertsPane : public Pane
{
    Q_OBJECT

public:
    explicit AlertsPane(const PaneContext& context, QWidget* parent = nullptr);
    ~AlertsPane() override;

    // What the sync keeps for the pane: the fired alerts. Every role that reads them sees the pane
    // (members and managers: the alerts about their own limit).
    static const SyncedCollection& collection() { return AlertFeed::collection(); }

    void setOrganization(const Organization& organization) override;
    void refresh() override;
    bool canExport() const override { return true; }
    void exportData() override;

    AlertFeed* feed() const { return m_feed; }
    AlertRulesModel* rules() const { return m_rules; }
    NotificationPreferencesModel* preferences() const { return m_preferences; }
    WebhookEndpointsModel* webhooks() const { return m_webhooks; }
    WebhookDeliveriesModel* deliveries() const { return m_deliveries; }
    QTabWidget* tabs() const { return m_tabs; }
    // The line above the tabs: errors, or "showing what the server said at …" offline.
    QString notice() const;

    // The actions, as the buttons do them (tests and keyboard users alike).
    void acknowledge(qint64 alertId);
    void addRule(const QString& kind, qint64 threshold, const QString& level);
    void deleteRule(qint64 ruleId);
    void savePreferences();
    WebhookEndpointDialog* openAddWebhook();
    void deleteWebhook(qint64 endpointId);
    void showDeliveries(qint64 endpointId);

Q_SIGNALS:
    // Rules, preferences or endpoints changed on screen (a live answer or a snapshot).
    void loaded();
    void acknowledged(qint64 alertId, bool ok);
    void preferencesSaved(bool ok);
    void deliveriesShown(qint64 endpointId);
    // A new endpoint's secret is on screen, in its one dialog.
    void secretShown(creditdesk::WebhookSecretDialog* dialog);

private:
    QWidget* buildFeedTab();
    QWidget* buildRulesTab();
    QWidget* buildPreferencesTab();
    QWidget* buildWebhooksTab();
    void loadSnapshots();
    // Every live read again (clears the notice), or one of them.
    void load();
    void loadPreferences();
    void loadRules();
    void loadWebhooks();
    // A live answer for `organizationId` to apply: false when it failed (said in the notice) or is stale.
    bool answered(qint64 organizationId, const ApiError& error);
    void failed(const ApiError& error);
    void showNotice();
    void updateActions();
    QDateTime now() const;
    bool canManageRules() const { return m_organization.can(QStringLiteral("alerts:manage")); }
    bool canManageWebhooks() const { return m_organization.can(QStringLiteral("webhooks:manage")); }

    PaneContext m_context;
    Organization m_organization;
    AlertRulesModel* m_rules;
    NotificationPreferencesModel* m_preferences;
    WebhookEndpointsModel* m_webhooks;
    WebhookDeliveriesModel* m_deliveries;
    QDateTime m_snapshotAt; // the oldest snapshot shown; invalid: live answers only
    bool m_offline = false;
    QString m_error;
    qint64 m_deliveriesOf = 0;
    QLabel* m_notice;
    QTabWidget* m_tabs;
    AlertFeed* m_feed;
    QPushButton* m_acknowledge;
    QTableView* m_rulesView;
    QComboBox* m_newKind;
    QComboBox* m_newLevel;
    QSpinBox* m_newThreshold;
    QPushButton* m_addRule;
    QPushButton* m_deleteRule;
    QTableView* m_preferencesView;
    QPushButton* m_savePreferences;
    QTableView* m_webhooksView;
    QPushButton* m_addWebhook;
    QPushButton* m_deleteWebhook;
    QTableView* m_deliveriesView;
    QLabel* m_deliveriesTitle;
    QWidget* m_rulesTab;
    QWidget* m_webhooksTab;
};

} // namespace creditdesk
