#include "views/InvoiceDialog.h"

#include "api/InvoicesClient.h"
#include "domain/Billing.h"
#include "domain/Clock.h"
#include "views/InvoiceActionDialogs.h"
#include "views/InvoiceListView.h"
#include "views/PdfViewerDialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace creditdesk {

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString dateText(const QJsonValue& value)
{
    const QDateTime when = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return when.isValid() ? QLocale().toString(when.toLocalTime().date(), QLocale::ShortFormat) : QString();
}

// A party's block: name, address lines, tax id, e-mail (whatever the snapshot has).
QString party(const QJsonObject& party)
{
    QStringList lines;
    const QString name = party.value(QStringLiteral("legal_name")).toString().isEmpty()
                             ? party.value(QStringLiteral("name")).toString()
                             : party.value(QStringLiteral("legal_name")).toString();
    if (!name.isEmpty())
        lines.append(QStringLiteral("<b>%1</b>").arg(esc(name)));
    const QJsonObject address = party.value(QStringLiteral("address")).toObject();
    for (const char* key : {"line1", "line2"}) {
        const QString line = address.value(QLatin1String(key)).toString();
        if (!line.isEmpty())
            lines.append(esc(line));
    }
    const QString city = QStringList{address.value(QStringLiteral("postal_code")).toString(),
                                     address.value(QStringLiteral("city")).toString()}
                             .join(QLatin1Char(' '))
                             .trimmed();
    if (!city.isEmpty())
        lines.append(esc(city));
    const QString country = address.value(QStringLiteral("country")).toString().isEmpty()
                                ? party.value(QStringLiteral("country")).toString()
                                : address.value(QStringLiteral("country")).toString();
    if (!country.isEmpty())
        lines.append(esc(country));
    if (!party.value(QStringLiteral("tax_id")).toString().isEmpty())
        lines.append(
            InvoiceDialog::tr("Tax ID: %1").arg(esc(party.value(QStringLiteral("tax_id")).toString())));
    if (!party.value(QStringLiteral("email")).toString().isEmpty())
        lines.append(esc(party.value(QStringLiteral("email")).toString()));
    return lines.isEmpty() ? InvoiceDialog::tr("(not configured)") : lines.join(QStringLiteral("<br>"));
}

// PayPal's refusals in the server's words: 503 paypal_not_configured and 502 payment_provider_error are
// answers about PayPal, not a server in trouble (which RequestDialog::messageOf says for any 5xx).
QString payPalMessage(const ApiError& error)
{
    if (!error.serverMessage.isEmpty() && (error.code == QLatin1String("paypal_not_configured") ||
                                           error.code == QLatin1String("payment_provider_error")))
        return error.serverMessage;
    return RequestDialog::messageOf(error);
}

} // namespace

InvoiceDialog::InvoiceDialog(const QJsonObject& invoice, const PaneContext& context, bool platformAdmin,
                             bool canPay, QWidget* parent)
    : QDialog(parent), m_invoice(invoice), m_context(context), m_platformAdmin(platformAdmin),
      m_document(new QTextBrowser(this)), m_error(new QLabel(this)), m_canPay(canPay)
{
    setObjectName(QStringLiteral("invoiceDialog"));
    m_document->setObjectName(QStringLiteral("invoiceDocument"));
    m_document->setOpenLinks(false);
    // The document flows to the width: no sideways scrolling for the totals table.
    m_document->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_error->setObjectName(QStringLiteral("invoiceError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_viewPdf = buttons->addButton(tr("View PDF"), QDialogButtonBox::ActionRole);
    m_printPdf = buttons->addButton(tr("Print…"), QDialogButtonBox::ActionRole);
    m_savePdf = buttons->addButton(tr("Save PDF…"), QDialogButtonBox::ActionRole);
    connect(m_viewPdf, &QPushButton::clicked, this, &InvoiceDialog::viewPdf);
    connect(m_printPdf, &QPushButton::clicked, this, &InvoiceDialog::printPdf);
    connect(m_savePdf, &QPushButton::clicked, this, &InvoiceDialog::savePdf);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_document, 1);
    layout->addWidget(m_error);
    if (m_platformAdmin) {
        // The operator's actions: void, mark paid and credit notes are platform admins' only.
        auto* operatorRow = new QHBoxLayout;
        operatorRow->addWidget(new QLabel(tr("Operator:"), this));
        m_void = new QPushButton(tr("Void…"), this);
        m_markPaid = new QPushButton(tr("Mark paid…"), this);
        m_creditNote = new QPushButton(tr("Credit note…"), this);
        for (QPushButton* button : {m_void, m_markPaid, m_creditNote})
            operatorRow->addWidget(button);
        operatorRow->addStretch(1);
        layout->addLayout(operatorRow);
        connect(m_void, &QPushButton::clicked, this, &InvoiceDialog::voidInvoice);
        connect(m_markPaid, &QPushButton::clicked, this, &InvoiceDialog::markPaid);
        connect(m_creditNote, &QPushButton::clicked, this, &InvoiceDialog::creditNote);
    }
    if (m_canPay) {
        // Paying an open invoice through PayPal: approve in the browser, then capture here.
        auto* payRow = new QHBoxLayout;
        m_payPal = new QPushButton(tr("Pay with PayPal…"), this);
        m_payPal->setObjectName(QStringLiteral("payWithPayPal"));
        m_capture = new QPushButton(tr("I have approved — capture"), this);
        m_capture->setObjectName(QStringLiteral("capturePayPal"));
        m_capture->setToolTip(tr("After approving the payment on PayPal's page, take it here."));
        m_capture->hide();
        payRow->addWidget(m_payPal);
        payRow->addWidget(m_capture);
        payRow->addStretch(1);
        layout->addLayout(payRow);
        connect(m_payPal, &QPushButton::clicked, this, &InvoiceDialog::payWithPayPal);
        connect(m_capture, &QPushButton::clicked, this, &InvoiceDialog::capturePayPal);
    }
    layout->addWidget(buttons);
    resize(720, 760);
    setInvoice(invoice);

    // The cached copy first (offline too), then the server's.
    const qint64 id = invoice.value(QStringLiteral("id")).toInteger();
    if (m_context.invoices) {
        m_context.invoices->invoice(id, this, [this](const QJsonObject& fresh, const ApiError& error) {
            if (!error.isError()) {
                setInvoice(fresh);
                Q_EMIT invoiceUpdated(fresh);
            }
        });
        loadPayments();
    }
}

void InvoiceDialog::setInvoice(const QJsonObject& invoice)
{
    m_invoice = invoice;
    const QString number = invoice.value(QStringLiteral("number")).toString();
    setWindowTitle(number.isEmpty() ? tr("Draft invoice") : tr("Invoice %1").arg(number));
    render();
    updateButtons();
}

void InvoiceDialog::loadPayments()
{
    const QJsonObject account = m_invoice.value(QStringLiteral("account")).toObject();
    const qint64 organizationId = account.value(QStringLiteral("organization_id")).toInteger();
    if (organizationId == 0)
        return;
    const qint64 invoiceId = m_invoice.value(QStringLiteral("id")).toInteger();
    m_context.invoices->payments(organizationId, this,
                                 [this, invoiceId](const QList<Payment>& payments, const ApiError& error) {
                                     // A server without the payments route (404): no section at all.
                                     if (error.isError())
                                         return;
                                     QList<Payment> mine;
                                     for (const Payment& payment : payments) {
                                         if (payment.invoiceId == invoiceId)
                                             mine.append(payment);
                                     }
                                     m_payments = mine;
                                     m_paymentsShown = true;
                                     render();
                                 });
}

void InvoiceDialog::render()
{
    m_document->setHtml(html(m_invoice, m_payments));
}

QString InvoiceDialog::documentText() const
{
    return m_document->toPlainText();
}

QString InvoiceDialog::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void InvoiceDialog::updateButtons()
{
    const QString status = m_invoice.value(QStringLiteral("status")).toString();
    const bool numbered = !m_invoice.value(QStringLiteral("number")).toString().isEmpty();
    for (QPushButton* button : {m_viewPdf, m_printPdf, m_savePdf})
        button->setEnabled(m_context.invoices != nullptr);
    if (m_payPal) {
        const bool payable = m_context.invoices && status == QLatin1String("open") &&
                             m_invoice.value(QStringLiteral("amount_due_minor")).toInteger() > 0;
        m_payPal->setEnabled(payable);
        m_capture->setVisible(payable && !m_payPalOrder.isEmpty());
    }
    if (!m_platformAdmin)
        return;
    m_void->setEnabled(status == QLatin1String("open") || status == QLatin1String("draft"));
    m_markPaid->setEnabled(status == QLatin1String("open"));
    m_creditNote->setEnabled(numbered &&
                             (status == QLatin1String("paid") || status == QLatin1String("open")));
}

void InvoiceDialog::payWithPayPal()
{
    if (!m_context.invoices || !m_payPal || !m_payPal->isEnabled())
        return;
    m_payPal->setEnabled(false);
    showError(QString());
    const qint64 id = m_invoice.value(QStringLiteral("id")).toInteger();
    m_context.invoices->payPalOrder(id, this, [this](const PayPalOrder& order, const ApiError& error) {
        updateButtons();
        if (error.isError())
            return showError(tr("PayPal could not be started: %1").arg(payPalMessage(error)));
        m_payPalOrder = order.orderId;
        updateButtons();
        if (m_context.openUrl)
            m_context.openUrl(order.approveUrl);
        Q_EMIT payPalOrderCreated(order.approveUrl);
    });
}

void InvoiceDialog::capturePayPal()
{
    if (!m_context.invoices || m_payPalOrder.isEmpty())
        return;
    m_capture->setEnabled(false);
    showError(QString());
    const qint64 id = m_invoice.value(QStringLiteral("id")).toInteger();
    m_context.invoices->payPalCapture(id, m_payPalOrder, this,
                                      [this](const QJsonObject& paid, const ApiError& error) {
                                          m_capture->setEnabled(true);
                                          if (error.isError())
                                              return showError(payPalMessage(error));
                                          m_payPalOrder.clear();
                                          setInvoice(paid);
                                          Q_EMIT invoiceUpdated(paid);
                                      });
}

bool InvoiceDialog::payPalCaptureOffered() const
{
    return m_capture && m_capture->isVisibleTo(this);
}

void InvoiceDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString InvoiceDialog::methodLabel(const QString& method)
{
    if (method == QLatin1String("bank_transfer"))
        return tr("Bank transfer");
    if (method == QLatin1String("paypal"))
        return tr("PayPal");
    if (method == QLatin1String("card"))
        return tr("Card");
    if (method == QLatin1String("other"))
        return tr("Other");
    return method;
}

QString InvoiceDialog::paymentStatusLabel(const QString& status)
{
    if (status == QLatin1String("succeeded"))
        return tr("Succeeded");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("pending"))
        return tr("Pending");
    if (status == QLatin1String("refunded"))
        return tr("Refunded");
    return status;
}

QString InvoiceDialog::html(const QJsonObject& invoice, const std::optional<QList<Payment>>& payments)
{
    const QString currency = invoice.value(QStringLiteral("currency")).toString();
    const auto money = [&currency](const QJsonValue& value) {
        return esc(formatMinorUnits(value.toInteger(), currency));
    };
    const QString number = invoice.value(QStringLiteral("number")).toString();
    QString out;
    out += QStringLiteral("<h2>%1</h2>")
               .arg(number.isEmpty() ? tr("Draft invoice") : tr("Invoice %1").arg(esc(number)));
    QStringList facts;
    facts.append(
        tr("Status: %1")
            .arg(esc(InvoiceListView::statusLabel(invoice.value(QStringLiteral("status")).toString()))));
    if (!invoice.value(QStringLiteral("issued_at")).isNull())
        facts.append(tr("Issued: %1").arg(esc(dateText(invoice.value(QStringLiteral("issued_at"))))));
    if (!invoice.value(QStringLiteral("due_at")).isNull())
        facts.append(tr("Due: %1").arg(esc(dateText(invoice.value(QStringLiteral("due_at"))))));
    if (!invoice.value(QStringLiteral("period_start")).isNull())
        facts.append(tr("Period: %1 – %2")
                         .arg(esc(dateText(invoice.value(QStringLiteral("period_start")))),
                              esc(dateText(invoice.value(QStringLiteral("period_end"))))));
    out += QStringLiteral("<p>%1</p>").arg(facts.join(QStringLiteral(" · ")));
    out += QStringLiteral("<table width=\"100%\" cellpadding=\"4\"><tr><td width=\"50%\" valign=\"top\"><i>%1"
                          "</i><br>%2</td><td valign=\"top\"><i>%3</i><br>%4</td></tr></table>")
               .arg(tr("From"), party(invoice.value(QStringLiteral("seller")).toObject()), tr("Bill to"),
                    party(invoice.value(QStringLiteral("buyer")).toObject()));

    out +=
        QStringLiteral("<table width=\"100%\" cellpadding=\"3\" border=\"0\"><tr><th align=\"left\">%1</th>"
                       "<th align=\"right\">%2</th><th align=\"right\">%3</th><th align=\"right\">%4</th>"
                       "</tr>")
            .arg(tr("Description"), tr("Quantity"), tr("Unit price"), tr("Amount"));
    const QLocale locale;
    for (const QJsonValue& value : invoice.value(QStringLiteral("lines")).toArray()) {
        const QJsonObject line = value.toObject();
        out += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td>"
                              "<td align=\"right\">%4</td></tr>")
                   .arg(esc(line.value(QStringLiteral("description")).toString()),
                        esc(locale.toString(line.value(QStringLiteral("quantity")).toInteger())),
                        money(line.value(QStringLiteral("unit_amount_minor"))),
                        money(line.value(QStringLiteral("amount_minor"))));
    }
    out += QStringLiteral("</table><hr>");

    QString totals;
    const auto total = [&totals](const QString& label, const QString& amount, bool bold = false) {
        totals += bold ? QStringLiteral("<tr><td><b>%1</b></td><td align=\"right\"><b>%2</b></td></tr>")
                             .arg(label, amount)
                       : QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>").arg(label, amount);
    };
    total(tr("Subtotal"), money(invoice.value(QStringLiteral("subtotal_minor"))));
    if (invoice.value(QStringLiteral("discount_minor")).toInteger() != 0)
        total(tr("Discounts"),
              esc(formatMinorUnits(-invoice.value(QStringLiteral("discount_minor")).toInteger(), currency)));
    QStringList notes;
    for (const QJsonValue& value : invoice.value(QStringLiteral("tax_lines")).toArray()) {
        const QJsonObject tax = value.toObject();
        //: A tax line: "VAT 19 % on $100.00" (%1 its name, %2 the rate's number, %3 the taxable amount)
        total(tr("%1 %2 % on %3")
                  .arg(esc(tax.value(QStringLiteral("name")).toString()),
                       esc(basisPointsAsPercent(tax.value(QStringLiteral("rate_basis_points")).toInteger())),
                       money(tax.value(QStringLiteral("taxable_minor")))),
              money(tax.value(QStringLiteral("tax_minor"))));
        const QString note = tax.value(QStringLiteral("note")).toString();
        if (!note.isEmpty())
            notes.append(esc(note));
    }
    total(tr("Tax"), money(invoice.value(QStringLiteral("tax_minor"))));
    total(tr("Total"), money(invoice.value(QStringLiteral("total_minor"))), true);
    total(tr("Paid"), money(invoice.value(QStringLiteral("amount_paid_minor"))));
    total(tr("Amount due"), money(invoice.value(QStringLiteral("amount_due_minor"))), true);
    out +=
        QStringLiteral("<table align=\"right\" cellpadding=\"3\">%1</table><br clear=\"all\">").arg(totals);
    for (const QString& note : std::as_const(notes))
        out += QStringLiteral("<p><small>%1</small></p>").arg(note);

    const QJsonObject payment = invoice.value(QStringLiteral("payment")).toObject();
    if (!payment.isEmpty()) {
        QString text = tr("Paid by %1 on %2")
                           .arg(esc(methodLabel(payment.value(QStringLiteral("method")).toString())),
                                esc(dateText(payment.value(QStringLiteral("paid_at")))));
        if (!payment.value(QStringLiteral("reference")).toString().isEmpty())
            text += tr(", reference %1").arg(esc(payment.value(QStringLiteral("reference")).toString()));
        out += QStringLiteral("<p>%1</p>").arg(text);
    }

    const QJsonArray creditNotes = invoice.value(QStringLiteral("credit_notes")).toArray();
    if (!creditNotes.isEmpty()) {
        out += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Credit notes"));
        for (const QJsonValue& value : creditNotes) {
            const QJsonObject note = value.toObject();
            const QJsonValue when = note.contains(QStringLiteral("issued_at"))
                                        ? note.value(QStringLiteral("issued_at"))
                                        : note.value(QStringLiteral("created_at"));
            //: A credit note: "CN-2026-000007, 2026-03-01: $10.00 (goodwill)"
            out += QStringLiteral("<li>%1</li>")
                       .arg(tr("%1, %2: %3 (%4)")
                                .arg(esc(note.value(QStringLiteral("number")).toString()),
                                     esc(dateText(when)), money(note.value(QStringLiteral("amount_minor"))),
                                     esc(note.value(QStringLiteral("reason")).toString())));
        }
        out += QStringLiteral("</ul>");
    }

    if (payments) {
        out += QStringLiteral("<h3>%1</h3>").arg(tr("Payments"));
        if (payments->isEmpty())
            out += QStringLiteral("<p>%1</p>").arg(tr("No card payments for this invoice."));
        else
            out += QStringLiteral("<ul>");
        for (const Payment& entry : *payments) {
            QString text =
                tr("%1: %2 by %3, %4")
                    .arg(esc(QLocale().toString(entry.createdAt.toLocalTime(), QLocale::ShortFormat)),
                         esc(formatMinorUnits(entry.amountMinor, entry.currency)),
                         esc(methodLabel(entry.method)), esc(paymentStatusLabel(entry.status)));
            if (!entry.failureReason.isEmpty())
                text += QStringLiteral(" — ") + esc(entry.failureReason);
            out += QStringLiteral("<li>%1</li>").arg(text);
        }
        if (!payments->isEmpty())
            out += QStringLiteral("</ul>");
    }
    return out;
}

void InvoiceDialog::withPdf(std::function<void(const QByteArray&)> use)
{
    if (!m_pdf.isEmpty())
        return use(m_pdf);
    if (!m_context.invoices)
        return;
    showError(QString());
    const qint64 id = m_invoice.value(QStringLiteral("id")).toInteger();
    m_context.invoices->pdf(id, this, [this, use](const QByteArray& pdf, const ApiError& error) {
        if (error.isError())
            return showError(tr("The PDF could not be fetched: %1").arg(RequestDialog::messageOf(error)));
        m_pdf = pdf;
        use(m_pdf);
    });
}

void InvoiceDialog::viewPdf()
{
    withPdf([this](const QByteArray& pdf) {
        if (!m_viewer) {
            m_viewer = new PdfViewerDialog(
                pdf, windowTitle(), [this](const QByteArray&) { savePdf(); }, this);
        }
        m_viewer->show();
        m_viewer->raise();
        Q_EMIT pdfShown();
    });
}

void InvoiceDialog::printPdf()
{
    withPdf([this](const QByteArray& pdf) {
        if (!m_viewer)
            m_viewer = new PdfViewerDialog(
                pdf, windowTitle(), [this](const QByteArray&) { savePdf(); }, this);
        auto* printer = new QPrinter(QPrinter::HighResolution);
        auto* dialog = new QPrintDialog(printer, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::finished, this, [this, printer](int result) {
            if (result == QDialog::Accepted && !m_viewer->printTo(printer))
                showError(tr("The invoice could not be printed."));
            delete printer;
        });
        dialog->open();
    });
}

void InvoiceDialog::savePdf()
{
    withPdf([this](const QByteArray& pdf) {
        if (!m_context.chooseSaveFile)
            return;
        const QString number = m_invoice.value(QStringLiteral("number")).toString();
        const QString suggested =
            (number.isEmpty()
                 ? QStringLiteral("invoice-%1").arg(m_invoice.value(QStringLiteral("id")).toInteger())
                 : number) +
            QStringLiteral(".pdf");
        m_context.chooseSaveFile(this, suggested, [this, pdf](const QString& fileName) {
            if (fileName.isEmpty())
                return;
            QSaveFile file(fileName);
            if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit())
                showError(tr("The PDF could not be saved: %1").arg(file.errorString()));
        });
    });
}

void InvoiceDialog::voidInvoice()
{
    const QString number = m_invoice.value(QStringLiteral("number")).toString();
    auto* confirm = new QMessageBox(
        QMessageBox::Warning, tr("Void invoice"),
        tr("Void %1? Nothing is due on a void invoice, and this cannot be undone.").arg(number),
        QMessageBox::Cancel, this);
    confirm->setObjectName(QStringLiteral("voidConfirmation"));
    QPushButton* yes = confirm->addButton(tr("Void"), QMessageBox::DestructiveRole);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(yes, &QPushButton::clicked, this, [this] {
        const qint64 id = m_invoice.value(QStringLiteral("id")).toInteger();
        m_context.invoices->voidInvoice(id, this, [this](const QJsonObject& invoice, const ApiError& error) {
            if (error.isError())
                return showError(RequestDialog::messageOf(error));
            showError(QString());
            setInvoice(invoice);
            Q_EMIT invoiceUpdated(invoice);
        });
    });
    confirm->open();
}

void InvoiceDialog::markPaid()
{
    auto* dialog = new MarkPaidDialog(m_context.invoices, m_invoice.value(QStringLiteral("id")).toInteger(),
                                      m_invoice.value(QStringLiteral("number")).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RequestDialog::succeeded, this, [this](const QJsonObject& invoice) {
        setInvoice(invoice);
        Q_EMIT invoiceUpdated(invoice);
    });
    dialog->open();
}

void InvoiceDialog::creditNote()
{
    auto* dialog = new CreditNoteDialog(m_context.invoices, m_invoice.value(QStringLiteral("id")).toInteger(),
                                        m_invoice.value(QStringLiteral("number")).toString(),
                                        m_invoice.value(QStringLiteral("total_minor")).toInteger(),
                                        m_invoice.value(QStringLiteral("currency")).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RequestDialog::succeeded, this, [this] {
        // The invoice with its new credit note.
        m_context.invoices->invoice(m_invoice.value(QStringLiteral("id")).toInteger(), this,
                                    [this](const QJsonObject& fresh, const ApiError& error) {
                                        if (!error.isError()) {
                                            setInvoice(fresh);
                                            Q_EMIT invoiceUpdated(fresh);
                                        }
                                    });
    });
    dialog->open();
}

} // namespace creditdesk
