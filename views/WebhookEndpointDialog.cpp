#include "views/WebhookEndpointDialog.h"

#include "api/AlertsClient.h"
#include "models/AlertText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace creditdesk {

WebhookEndpointDialog::WebhookEndpointDialog(AlertsClient* client, qint64 organizationId, QWidget* parent)
    : QDialog(parent), m_client(client), m_organizationId(organizationId)
{
    setObjectName(QStringLiteral("webhookEndpointDialog"));
    setWindowTitle(tr("Add webhook endpoint"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_url = new QLineEdit(this);
    m_url->setAccessibleName(tr("Endpoint URL"));
    m_url->setPlaceholderText(QStringLiteral("https://example.com/creditdesk"));
    form->addRow(tr("&URL:"), m_url);
    layout->addLayout(form);
    auto* events = new QGroupBox(tr("Events"), this);
    auto* eventsLayout = new QVBoxLayout(events);
    for (const QString& event : webhookEvents()) {
        auto* box = new QCheckBox(alerttext::eventLabel(event), events);
        box->setProperty("event", event);
        box->setToolTip(event);
        box->setChecked(event == QLatin1String("alert.fired"));
        eventsLayout->addWidget(box);
        m_events.append(box);
        connect(box, &QCheckBox::toggled, this, &WebhookEndpointDialog::updateButton);
    }
    layout->addWidget(events);
    auto* note =
        new QLabel(tr("Each delivery is signed with a secret that is shown once, after adding."), this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("webhookMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_add = buttons->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &WebhookEndpointDialog::confirm);
    connect(m_url, &QLineEdit::textChanged, this, &WebhookEndpointDialog::updateButton);
    updateButton();
}

void WebhookEndpointDialog::setUrl(const QString& url)
{
    m_url->setText(url);
}

void WebhookEndpointDialog::setEvents(const QStringList& events)
{
    for (QCheckBox* box : std::as_const(m_events))
        box->setChecked(events.contains(box->property("event").toString()));
}

QStringList WebhookEndpointDialog::events() const
{
    QStringList chosen;
    for (QCheckBox* box : m_events) {
        if (box->isChecked())
            chosen.append(box->property("event").toString());
    }
    return chosen;
}

QString WebhookEndpointDialog::message() const
{
    return m_message->text();
}

void WebhookEndpointDialog::updateButton()
{
    const QUrl url(m_url->text().trimmed(), QUrl::StrictMode);
    m_add->setEnabled(!m_busy && url.isValid() && !url.host().isEmpty() && !events().isEmpty());
}

void WebhookEndpointDialog::confirm()
{
    if (m_busy || !m_add->isEnabled())
        return;
    m_busy = true;
    updateButton();
    m_message->setText(tr("Adding…"));
    m_client->addWebhookEndpoint(m_organizationId, m_url->text().trimmed(), events(), this,
                                 [this](const WebhookEndpoint& endpoint, const ApiError& error) {
                                     m_busy = false;
                                     updateButton();
                                     if (error.isError()) {
                                         // The server says what is wrong (e.g. an http URL that is not
                                         // loopback): the field stays for correction.
                                         m_message->setText(error.userMessage());
                                         return;
                                     }
                                     m_message->clear();
                                     Q_EMIT created(endpoint);
                                     accept();
                                 });
}

} // namespace creditdesk
