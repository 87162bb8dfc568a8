#include "views/AlertsPane.h"

#include "api/AlertsClient.h"
#include "api/AlertsParsers.h"
#include "cache/SnapshotCache.h"
#include "domain/Clock.h"
#include "models/AlertRulesModel.h"
#include "models/AlertText.h"
#include "models/NotificationPreferencesModel.h"
#include "models/WebhookDeliveriesModel.h"
#include "models/WebhookEndpointsModel.h"
#include "views/WebhookEndpointDialog.h"
#include "views/WebhookSecretDialog.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QTableView* tableFor(QAbstractItemModel* model, const char* objectName, const QString& accessibleName,
                     QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QLatin1String(objectName));
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setTabKeyNavigation(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

int selectedRow(const QTableView* view)
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

} // namespace

AlertsPane::AlertsPane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_rules(new AlertRulesModel(this)),
      m_preferences(new NotificationPreferencesModel(this)), m_webhooks(new WebhookEndpointsModel(this)),
      m_deliveries(new WebhookDeliveriesModel(this))
{
    setObjectName(QStringLiteral("alertsPane"));
    setAccessibleName(tr("Alerts"));
    auto* layout = new QVBoxLayout(this);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("alertsNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    layout->addWidget(m_notice);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("alertsTabs"));
    m_tabs->addTab(buildFeedTab(), tr("&Alerts"));
    m_rulesTab = buildRulesTab();
    m_tabs->addTab(m_rulesTab, tr("&Rules"));
    m_tabs->addTab(buildPreferencesTab(), tr("&Notifications"));
    m_webhooksTab = buildWebhooksTab();
    m_tabs->addTab(m_webhooksTab, tr("&Webhooks"));
    layout->addWidget(m_tabs, 1);

    connect(m_feed, &Pane::statusMessage, this, &Pane::statusMessage);
    if (m_context.alerts && m_context.snapshots) {
        // Every whole answer is kept, so that the pane has something to show offline.
        connect(m_context.alerts, &AlertsClient::snapshotFetched, this,
                [this](qint64 id, const QString& resource, const QJsonObject& document) {
                    m_context.snapshots->store(id, resource, document, now());
                });
    }
    updateActions();
}

AlertsPane::~AlertsPane() = default;

QWidget* AlertsPane::buildFeedTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* actions = new QHBoxLayout;
    m_acknowledge = new QPushButton(tr("A&cknowledge"), tab);
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeAlert"));
    m_acknowledge->setAccessibleName(tr("Acknowledge the selected alert"));
    actions->addWidget(m_acknowledge);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_feed = new AlertFeed(m_context, tab);
    layout->addWidget(m_feed, 1);
    connect(m_acknowledge, &QPushButton::clicked, this, [this] {
        if (const std::optional<AlertFeed::Alert> alert = m_feed->selectedAlert())
            acknowledge(alert->id);
    });
    connect(m_feed->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlertsPane::updateActions);
    connect(m_feed, &AlertFeed::updated, this, &AlertsPane::updateActions);
    return tab;
}

QWidget* AlertsPane::buildRulesTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* intro = new QLabel(tr("A rule fires once when its threshold is crossed and again only after the "
                                "condition has cleared. Built-in rules can be turned off but not deleted."),
                             tab);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_rules->setEditable(true);
    m_rulesView = tableFor(m_rules, "alertRulesTable", tr("Alert rules"), tab);
    m_rulesView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                 QAbstractItemView::SelectedClicked);
    layout->addWidget(m_rulesView, 1);

    auto* add = new QHBoxLayout;
    m_newKind = new QComboBox(tab);
    m_newKind->setAccessibleName(tr("Kind of the new rule"));
    for (const QString& kind : alertKinds())
        m_newKind->addItem(alerttext::kindLabel(kind), kind);
    m_newLevel = new QComboBox(tab);
    m_newLevel->setAccessibleName(tr("Level of the new rule"));
    m_newLevel->addItem(alerttext::levelLabel(QStringLiteral("warning")), QStringLiteral("warning"));
    m_newLevel->addItem(alerttext::levelLabel(QStringLiteral("critical")), QStringLiteral("critical"));
    m_newThreshold = new QSpinBox(tab);
    m_newThreshold->setAccessibleName(tr("Threshold of the new rule"));
    m_newThreshold->setRange(1, 1000000000);
    m_newThreshold->setValue(90);
    m_addRule = new QPushButton(tr("Add &rule"), tab);
    m_addRule->setObjectName(QStringLiteral("addAlertRule"));
    m_deleteRule = new QPushButton(tr("&Delete rule"), tab);
    m_deleteRule->setObjectName(QStringLiteral("deleteAlertRule"));
    add->addWidget(new QLabel(tr("New rule:"), tab));
    add->addWidget(m_newKind);
    add->addWidget(m_newLevel);
    add->addWidget(m_newThreshold);
    auto* unit = new QLabel(tab);
    add->addWidget(unit);
    add->addWidget(m_addRule);
    add->addStretch(1);
    add->addWidget(m_deleteRule);
    layout->addLayout(add);

    auto updateUnit = [this, unit] {
        // The unit follows the kind: percent, credits or days.
        switch (alerttext::unitOf(m_newKind->currentData().toString())) {
        case alerttext::Unit::Percent:
            unit->setText(tr("percent"));
            break;
        case alerttext::Unit::Credits:
            unit->setText(tr("credits"));
            break;
        case alerttext::Unit::Days:
            unit->setText(tr("days"));
            break;
        case alerttext::Unit::FailedAttempts: // not kinds of rule: fired by the server's payments
        case alerttext::Unit::Count:
            unit->clear();
            break;
        }
    };
    updateUnit();
    connect(m_newKind, &QComboBox::currentIndexChanged, this, updateUnit);
    connect(m_addRule, &QPushButton::clicked, this, [this] {
        addRule(m_newKind->currentData().toString(), m_newThreshold->value(),
                m_newLevel->currentData().toString());
    });
    connect(m_deleteRule, &QPushButton::clicked, this, [this] {
        if (const AlertRule* rule = m_rules->ruleAt(selectedRow(m_rulesView)))
            deleteRule(rule->id);
    });
    connect(m_rulesView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlertsPane::updateActions);
    connect(m_rules, &AlertRulesModel::ruleEdited, this, [this](const AlertRule& rule) {
        if (!m_context.alerts)
            return;
        m_context.alerts->updateRule(rule, this, [this](const AlertRule& saved, const ApiError& error) {
            if (error.isError()) {
                failed(error);
                loadRules(); // the server's rules again, not the refused edit
                return;
            }
            m_rules->updateRule(saved);
            Q_EMIT statusMessage(
                tr("Rule saved: %1, %2")
                    .arg(alerttext::kindLabel(saved.kind),
                         saved.enabled ? alerttext::amountText(saved.kind, saved.threshold) : tr("off")));
            Q_EMIT loaded();
        });
    });
    return tab;
}

QWidget* AlertsPane::buildPreferencesTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* intro = new QLabel(tr("How you are told about each kind of alert. These are your own settings; "
                                "e-mail goes to the address you sign in with."),
                             tab);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_preferencesView =
        tableFor(m_preferences, "notificationPreferencesTable", tr("Notification preferences"), tab);
    layout->addWidget(m_preferencesView, 1);
    auto* actions = new QHBoxLayout;
    actions->addStretch(1);
    m_savePreferences = new QPushButton(tr("&Save preferences"), tab);
    m_savePreferences->setObjectName(QStringLiteral("savePreferences"));
    actions->addWidget(m_savePreferences);
    layout->addLayout(actions);
    connect(m_savePreferences, &QPushButton::clicked, this, &AlertsPane::savePreferences);
    connect(m_preferences, &NotificationPreferencesModel::modifiedChanged, this, &AlertsPane::updateActions);
    return tab;
}

QWidget* AlertsPane::buildWebhooksTab()
{
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* actions = new QHBoxLayout;
    m_addWebhook = new QPushButton(tr("Add &endpoint…"), tab);
    m_addWebhook->setObjectName(QStringLiteral("addWebhook"));
    m_deleteWebhook = new QPushButton(tr("Delete e&ndpoint"), tab);
    m_deleteWebhook->setObjectName(QStringLiteral("deleteWebhook"));
    actions->addWidget(m_addWebhook);
    actions->addWidget(m_deleteWebhook);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_webhooksView = tableFor(m_webhooks, "webhooksTable", tr("Webhook endpoints"), tab);
    m_webhooksView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_webhooksView, 1);
    auto* deliveries = new QGroupBox(tr("Deliveries"), tab);
    auto* deliveriesLayout = new QVBoxLayout(deliveries);
    m_deliveriesTitle = new QLabel(tr("Select an endpoint to see its deliveries."), deliveries);
    m_deliveriesTitle->setTextFormat(Qt::PlainText);
    deliveriesLayout->addWidget(m_deliveriesTitle);
    m_deliveriesView = tableFor(m_deliveries, "webhookDeliveriesTable", tr("Webhook deliveries"), deliveries);
    m_deliveriesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    deliveriesLayout->addWidget(m_deliveriesView);
    layout->addWidget(deliveries, 1);
    connect(m_addWebhook, &QPushButton::clicked, this, [this] { openAddWebhook(); });
    connect(m_deleteWebhook, &QPushButton::clicked, this, [this] {
        if (const WebhookEndpoint* endpoint = m_webhooks->endpointAt(selectedRow(m_webhooksView)))
            deleteWebhook(endpoint->id);
    });
    connect(m_webhooksView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        if (const WebhookEndpoint* endpoint = m_webhooks->endpointAt(selectedRow(m_webhooksView)))
            showDeliveries(endpoint->id);
    });
    return tab;
}

QDateTime AlertsPane::now() const
{
    return m_context.clock ? m_context.clock->now() : QDateTime::currentDateTimeUtc();
}

void AlertsPane::setOrganization(const Organization& organization)
{
    const bool changed = organization.id != m_organization.id;
    m_organization = organization;
    m_tabs->setTabVisible(m_tabs->indexOf(m_rulesTab), canManageRules());
    m_tabs->setTabVisible(m_tabs->indexOf(m_webhooksTab), canManageWebhooks());
    m_feed->setOrganization(organization);
    if (changed) {
        m_deliveriesOf = 0;
        m_deliveries->setDeliveries({});
        loadSnapshots();
    }
    load();
    updateActions();
}

void AlertsPane::refresh()
{
    m_feed->refresh();
}

void AlertsPane::exportData()
{
    m_feed->exportData();
}

void AlertsPane::loadSnapshots()
{
    m_snapshotAt = QDateTime();
    m_rules->setRules({});
    m_preferences->setPreferences({});
    m_webhooks->setEndpoints({});
    SnapshotCache* cache = m_context.snapshots;
    if (!cache || m_organization.id == 0)
        return;
    auto read = [this, cache](qint64 organizationId, const char* resource, const auto& parse) {
        cache->readInto(organizationId, QString::fromLatin1(resource), parse, m_snapshotAt);
    };
    read(0, AlertsClient::kPreferencesSnapshot, [this](const QJsonObject& document) {
        QList<NotificationPreference> preferences;
        if (!json::parseNotificationPreferences(document, &preferences))
            return false;
        m_preferences->setPreferences(preferences);
        return true;
    });
    if (canManageRules()) {
        read(m_organization.id, AlertsClient::kRulesSnapshot, [this](const QJsonObject& document) {
            QList<AlertRule> rules;
            if (!json::parseDataList(document, &rules, json::parseAlertRule))
                return false;
            m_rules->setRules(rules);
            return true;
        });
    }
    if (canManageWebhooks()) {
        read(m_organization.id, AlertsClient::kWebhooksSnapshot, [this](const QJsonObject& document) {
            QList<WebhookEndpoint> endpoints;
            if (!json::parseDataList(document, &endpoints, json::parseWebhookEndpoint))
                return false;
            m_webhooks->setEndpoints(endpoints);
            return true;
        });
    }
    Q_EMIT loaded();
}

void AlertsPane::load()
{
    if (!m_context.alerts || m_organization.id == 0)
        return;
    m_error.clear();
    m_offline = false;
    showNotice();
    loadPreferences();
    if (canManageRules())
        loadRules();
    if (canManageWebhooks())
        loadWebhooks();
}

bool AlertsPane::answered(qint64 organizationId, const ApiError& error)
{
    // Each answer replaces what a snapshot showed; a failure keeps it and says so.
    if (organizationId != m_organization.id)
        return false;
    if (error.isError()) {
        failed(error);
        return false;
    }
    return true;
}

void AlertsPane::loadPreferences()
{
    const qint64 organizationId = m_organization.id;
    m_context.alerts->preferences(
        this,
        [this, organizationId](const QList<NotificationPreference>& preferences, const ApiError& error) {
            if (!answered(organizationId, error))
                return;
            // Unsaved edits are not thrown away by a reload.
            if (!m_preferences->isModified())
                m_preferences->setPreferences(preferences);
            Q_EMIT loaded();
        });
}

void AlertsPane::loadRules()
{
    const qint64 organizationId = m_organization.id;
    m_context.alerts->rules(organizationId, this,
                            [this, organizationId](const QList<AlertRule>& rules, const ApiError& error) {
                                if (!answered(organizationId, error))
                                    return;
                                m_rules->setRules(rules);
                                updateActions();
                                Q_EMIT loaded();
                            });
}

void AlertsPane::loadWebhooks()
{
    const qint64 organizationId = m_organization.id;
    m_context.alerts->webhookEndpoints(
        organizationId, this,
        [this, organizationId](const QList<WebhookEndpoint>& endpoints, const ApiError& error) {
            if (!answered(organizationId, error))
                return;
            const WebhookEndpoint* selected = m_webhooks->endpointAt(selectedRow(m_webhooksView));
            const qint64 selectedId = selected ? selected->id : 0;
            m_webhooks->setEndpoints(endpoints);
            for (int row = 0; row < m_webhooks->rowCount(); ++row) {
                if (m_webhooks->endpointAt(row)->id == selectedId)
                    m_webhooksView->selectRow(row);
            }
            updateActions();
            Q_EMIT loaded();
        });
}

void AlertsPane::failed(const ApiError& error)
{
    const bool unreachable = error.isOffline();
    m_offline = m_offline || unreachable;
    if (!unreachable)
        m_error = error.userMessage();
    showNotice();
}

void AlertsPane::showNotice()
{
    QString text = m_error;
    if (m_offline)
        text = m_snapshotAt.isValid() ? tr("The server cannot be reached. Showing what it said at %1.")
                                            .arg(alerttext::dateTime(m_snapshotAt))
                                      : tr("The server cannot be reached. Rules, preferences and webhooks "
                                           "appear when it is back; the alerts below are from the cache.");
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString AlertsPane::notice() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void AlertsPane::updateActions()
{
    const std::optional<AlertFeed::Alert> alert = m_feed->selectedAlert();
    m_acknowledge->setEnabled(m_context.alerts && alert && alert->isActive());
    const AlertRule* rule = m_rules->ruleAt(selectedRow(m_rulesView));
    m_addRule->setEnabled(m_context.alerts && canManageRules());
    m_deleteRule->setEnabled(m_context.alerts && rule && !rule->builtin);
    m_deleteRule->setToolTip(rule && rule->builtin ? tr("Built-in rules can be turned off, not deleted.")
                                                   : QString());
    m_savePreferences->setEnabled(m_context.alerts && m_preferences->isModified());
    m_addWebhook->setEnabled(m_context.alerts && canManageWebhooks());
    m_deleteWebhook->setEnabled(m_context.alerts && m_webhooks->endpointAt(selectedRow(m_webhooksView)));
}

void AlertsPane::acknowledge(qint64 alertId)
{
    if (!m_context.alerts)
        return;
    m_acknowledge->setEnabled(false);
    m_context.alerts->acknowledge(m_organization.id, alertId, this,
                                  [this, alertId](bool, const ApiError& error) {
                                      if (error.isError())
                                          failed(error);
                                      else
                                          Q_EMIT statusMessage(tr("Alert acknowledged."));
                                      // The sync brings the acknowledged alert (AlertsClient::alertsChanged)
                                      // and the table follows.
                                      updateActions();
                                      Q_EMIT acknowledged(alertId, !error.isError());
                                  });
}

void AlertsPane::addRule(const QString& kind, qint64 threshold, const QString& level)
{
    if (!m_context.alerts)
        return;
    AlertRule rule;
    rule.kind = kind;
    rule.threshold = threshold;
    rule.level = level;
    m_context.alerts->addRule(
        m_organization.id, rule, this, [this](const AlertRule& added, const ApiError& error) {
            if (error.isError()) {
                failed(error);
                return;
            }
            m_error.clear();
            showNotice();
            Q_EMIT statusMessage(tr("Rule added: %1 at %2")
                                     .arg(alerttext::kindLabel(added.kind),
                                          alerttext::amountText(added.kind, added.threshold)));
            loadRules();
        });
}

void AlertsPane::deleteRule(qint64 ruleId)
{
    if (!m_context.alerts)
        return;
    m_context.alerts->deleteRule(ruleId, this, [this](bool, const ApiError& error) {
        if (error.isError()) {
            failed(error);
            return;
        }
        Q_EMIT statusMessage(tr("Rule deleted."));
        loadRules();
    });
}

void AlertsPane::savePreferences()
{
    if (!m_context.alerts || !m_preferences->isModified())
        return;
    m_savePreferences->setEnabled(false);
    m_context.alerts->setPreferences(
        m_preferences->preferences(), this,
        [this](const QList<NotificationPreference>& saved, const ApiError& error) {
            if (error.isError()) {
                failed(error);
                updateActions();
                Q_EMIT preferencesSaved(false);
                return;
            }
            m_preferences->setPreferences(saved);
            Q_EMIT statusMessage(tr("Notification preferences saved."));
            updateActions();
            Q_EMIT preferencesSaved(true);
        });
}

WebhookEndpointDialog* AlertsPane::openAddWebhook()
{
    if (!m_context.alerts || !canManageWebhooks())
        return nullptr;
    auto* dialog = new WebhookEndpointDialog(m_context.alerts, m_organization.id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookEndpointDialog::created, this, [this](const WebhookEndpoint& endpoint) {
        auto* secret = new WebhookSecretDialog(endpoint.url, endpoint.secret, this);
        secret->open();
        Q_EMIT statusMessage(tr("Webhook endpoint added."));
        Q_EMIT secretShown(secret);
        loadWebhooks();
    });
    dialog->open();
    return dialog;
}

void AlertsPane::deleteWebhook(qint64 endpointId)
{
    if (!m_context.alerts)
        return;
    m_context.alerts->deleteWebhookEndpoint(
        endpointId, this, [this, endpointId](bool, const ApiError& error) {
            if (error.isError()) {
                failed(error);
                return;
            }
            if (m_deliveriesOf == endpointId) {
                m_deliveriesOf = 0;
                m_deliveries->setDeliveries({});
                m_deliveriesTitle->setText(tr("Select an endpoint to see its deliveries."));
            }
            Q_EMIT statusMessage(tr("Webhook endpoint deleted."));
            loadWebhooks();
        });
}

void AlertsPane::showDeliveries(qint64 endpointId)
{
    if (!m_context.alerts)
        return;
    m_deliveriesOf = endpointId;
    m_context.alerts->webhookDeliveries(
        endpointId, this,
        [this, endpointId](const QList<WebhookDelivery>& deliveries, const ApiError& error) {
            if (endpointId != m_deliveriesOf)
                return;
            if (error.isError()) {
                failed(error);
                return;
            }
            m_deliveries->setDeliveries(deliveries);
            QString url;
            for (const WebhookEndpoint& endpoint : m_webhooks->endpoints()) {
                if (endpoint.id == endpointId)
                    url = endpoint.url;
            }
            m_deliveriesTitle->setText(
                tr("%n delivery(s) to %1", nullptr, static_cast<int>(deliveries.size())).arg(url));
            Q_EMIT deliveriesShown(endpointId);
        });
}

} // namespace creditdesk
