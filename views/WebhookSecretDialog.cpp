#include "views/WebhookSecretDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace creditdesk {

WebhookSecretDialog::WebhookSecretDialog(const QString& url, const QString& secret, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("webhookSecretDialog"));
    setWindowTitle(tr("Webhook signing secret"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The endpoint %1 was added. Deliveries to it are signed with this secret "
                                "(header CreditDesk-Signature):")
                                 .arg(url),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);
    auto* row = new QHBoxLayout;
    auto* field = new QLineEdit(secret, this);
    field->setObjectName(QStringLiteral("webhookSecret"));
    field->setAccessibleName(tr("Signing secret"));
    field->setReadOnly(true);
    // The whole secret in view, in a font where 0 and O, 1 and l differ.
    field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    field->setMinimumWidth(field->fontMetrics().horizontalAdvance(secret) +
                           field->fontMetrics().averageCharWidth() * 4);
    row->addWidget(field, 1);
    auto* copyButton = new QPushButton(tr("&Copy"), this);
    copyButton->setAccessibleName(tr("Copy the secret"));
    row->addWidget(copyButton);
    layout->addLayout(row);
    auto* warning = new QLabel(tr("Copy it now and keep it safe: you will not see it again. If it is lost, "
                                  "delete the endpoint and add it again."),
                               this);
    warning->setObjectName(QStringLiteral("webhookSecretWarning"));
    warning->setWordWrap(true);
    QFont bold = warning->font();
    bold.setBold(true);
    warning->setFont(bold);
    layout->addWidget(warning);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copyButton, &QPushButton::clicked, this, &WebhookSecretDialog::copy);
}

QString WebhookSecretDialog::secret() const
{
    return findChild<QLineEdit*>(QStringLiteral("webhookSecret"))->text();
}

void WebhookSecretDialog::copy()
{
    QApplication::clipboard()->setText(secret());
}

} // namespace creditdesk
