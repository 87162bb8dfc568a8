#pragma once

#include "domain/Alerts.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace creditdesk {

class AlertsClient;

// Adds a webhook endpoint to the organization (POST /api/v1/webhook-endpoints): its URL (https, or a
// loopback address for development) and the events it receives. The server's answer carries the signing
// secret, handed on with created() for the pane to show once (WebhookSecretDialog); this dialog keeps
// nothing of it.
class WebhookEndpointDialog : public QDialog
{
    Q_OBJECT

public:
    WebhookEndpointDialog(AlertsClient* client, qint64 organizationId, QWidget* parent = nullptr);

    void setUrl(const QString& url);
    void setEvents(const QStringList& events);
    QStringList events() const;
    QString message() const;
    void confirm();

Q_SIGNALS:
    void created(const creditdesk::WebhookEndpoint& endpoint);

private:
    void updateButton();

    AlertsClient* m_client;
    qint64 m_organizationId;
    bool m_busy = false;
    QLineEdit* m_url;
    QList<QCheckBox*> m_events;
    QLabel* m_message;
    QPushButton* m_add;
};

} // namespace creditdesk
