#pragma once

#include "domain/Invoices.h"
#include "views/Pane.h"

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace creditdesk {

class InvoicesClient;
class PdfViewerDialog;

// One invoice: seller and buyer, lines, discounts, tax per rate with its note, totals, how it was paid,
// its credit notes and payments (when the server has the payments route; the section is hidden
// otherwise). Opens with the cached copy (offline too) and replaces it with the server's. "View PDF",
// "Print" and "Save PDF" fetch the server's PDF once; platform admins also get the operator's actions
// (void, mark paid, credit note), each enabled by the invoice's status.
class InvoiceDialog : public QDialog
{
    Q_OBJECT

public:
    // `canPay`: the user may pay the account's invoices (billing:manage), here through PayPal.
    InvoiceDialog(const QJsonObject& invoice, const PaneContext& context, bool platformAdmin, bool canPay,
                  QWidget* parent = nullptr);

    const QJsonObject& invoice() const { return m_invoice; }
    // The document as shown (plain text), for tests.
    QString documentText() const;
    bool paymentsShown() const { return m_paymentsShown; }
    QString errorText() const;
    PdfViewerDialog* pdfViewer() const { return m_viewer; }

    // The actions, as their buttons do them.
    void viewPdf();
    void savePdf();
    void printPdf();
    void voidInvoice();
    void markPaid();
    void creditNote();
    // PayPal: creates the order and opens its approval page in the browser; after the payer approved
    // there, capturePayPal() takes the payment and the invoice is paid.
    void payWithPayPal();
    void capturePayPal();
    bool payPalCaptureOffered() const;

    // "Bank transfer", "Card", …; "Succeeded", "Failed", …: a payment's method and status in words (an
    // unknown one by its name).
    static QString methodLabel(const QString& method);
    static QString paymentStatusLabel(const QString& status);
    // Renders an invoice (and its payments, when known) as the dialog's HTML.
    static QString html(const QJsonObject& invoice, const std::optional<QList<Payment>>& payments);

Q_SIGNALS:
    // The server's copy arrived (the first answer or after an action).
    void invoiceUpdated(const QJsonObject& invoice);
    // The PDF is on screen (viewPdf).
    void pdfShown();
    // A PayPal order waits for its payer at approveUrl (opened in the browser).
    void payPalOrderCreated(const QUrl& approveUrl);

private:
    void setInvoice(const QJsonObject& invoice);
    void render();
    void loadPayments();
    void updateButtons();
    void showError(const QString& message);
    // Runs `use` with the PDF, fetched at most once.
    void withPdf(std::function<void(const QByteArray&)> use);

    QJsonObject m_invoice;
    PaneContext m_context;
    bool m_platformAdmin;
    std::optional<QList<Payment>> m_payments;
    bool m_paymentsShown = false;
    QByteArray m_pdf;
    QTextBrowser* m_document;
    QLabel* m_error;
    QPushButton* m_viewPdf;
    QPushButton* m_printPdf;
    QPushButton* m_savePdf;
    QPushButton* m_void = nullptr;
    QPushButton* m_markPaid = nullptr;
    QPushButton* m_creditNote = nullptr;
    PdfViewerDialog* m_viewer = nullptr;
    bool m_canPay;
    QPushButton* m_payPal = nullptr;
    QPushButton* m_capture = nullptr;
    QString m_payPalOrder; // the order waiting for its payer
};

} // namespace creditdesk
