#pragma once

#include <QDialog>

class QLineEdit;

namespace creditdesk {

// Shows a new webhook endpoint's signing secret, the one time the server gives it: selectable, with a
// Copy button, and a plain warning that it cannot be shown again. The secret lives only in this dialog.
class WebhookSecretDialog : public QDialog
{
    Q_OBJECT

public:
    WebhookSecretDialog(const QString& url, const QString& secret, QWidget* parent = nullptr);

    QString secret() const;
    void copy();
};

} // namespace creditdesk
