#pragma once

#include "api/ApiError.h"

#include <QDate>
#include <QDialog>
#include <QJsonObject>

#include <functional>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace creditdesk {

class InvoicesClient;

// What the operator's dialogs share: a form, the server's message when it refuses, and OK sending the
// request once (disabled until the answer). They stay open on an error so that the input can be fixed.
class RequestDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RequestDialog(QWidget* parent = nullptr);
    QString errorText() const;
    // OK, for tests and keyboard users.
    void submit();
    // The server's own message when it sent one (409 invalid_invoice_state, 422 naming the field).
    static QString messageOf(const ApiError& error);

Q_SIGNALS:
    // The server accepted: its answer (the invoice afterwards, a credit note).
    void succeeded(const QJsonObject& answer);

protected:
    QFormLayout* form() const { return m_form; }
    void showError(const QString& message);
    // Sends the request; call finish() with its outcome. Return false (after showError) for bad input.
    virtual bool send() = 0;
    void finish(const QJsonObject& answer, const ApiError& error);

private:
    QFormLayout* m_form;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
};

// Mark an open invoice paid outside Stripe (POST /invoices/{id}/mark-paid): method and reference.
class MarkPaidDialog : public RequestDialog
{
    Q_OBJECT

public:
    MarkPaidDialog(InvoicesClient* client, qint64 invoiceId, const QString& number,
                   QWidget* parent = nullptr);
    void setMethod(const QString& method);
    void setReference(const QString& reference);

protected:
    bool send() override;

private:
    InvoicesClient* m_client;
    qint64 m_invoiceId;
    QComboBox* m_method;
    QLineEdit* m_reference;
};

// A credit note against an invoice (POST /invoices/{id}/credit-note): amount and reason.
class CreditNoteDialog : public RequestDialog
{
    Q_OBJECT

public:
    CreditNoteDialog(InvoicesClient* client, qint64 invoiceId, const QString& number, qint64 maxMinor,
                     const QString& currency, QWidget* parent = nullptr);
    void setAmount(const QString& amount);
    void setReason(const QString& reason);

protected:
    bool send() override;

private:
    InvoicesClient* m_client;
    qint64 m_invoiceId;
    qint64 m_maxMinor;
    QLineEdit* m_amount;
    QLineEdit* m_reason;
};

// The tax report over a date range (GET /reports/tax?format=csv), saved where the user chooses.
class TaxReportDialog : public RequestDialog
{
    Q_OBJECT

public:
    using SaveChooser =
        std::function<void(const QString& suggestedName, std::function<void(const QString&)>)>;

    TaxReportDialog(InvoicesClient* client, QDate today, SaveChooser chooseFile, QWidget* parent = nullptr);
    void setRange(QDate from, QDate to);

Q_SIGNALS:
    void saved(const QString& fileName);

protected:
    bool send() override;

private:
    InvoicesClient* m_client;
    SaveChooser m_chooseFile;
    QDateEdit* m_from;
    QDateEdit* m_to;
};

} // namespace creditdesk
