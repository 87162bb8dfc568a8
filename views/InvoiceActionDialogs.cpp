#include "views/InvoiceActionDialogs.h"

#include "api/InvoicesClient.h"
#include "domain/Billing.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace creditdesk {

RequestDialog::RequestDialog(QWidget* parent)
    : QDialog(parent), m_form(new QFormLayout), m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_error->setObjectName(QStringLiteral("requestError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RequestDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString RequestDialog::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void RequestDialog::submit()
{
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    if (!ok->isEnabled())
        return;
    m_error->hide();
    ok->setEnabled(false);
    if (!send())
        ok->setEnabled(true);
}

void RequestDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void RequestDialog::finish(const QJsonObject& answer, const ApiError& error)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    if (error.isError()) {
        showError(messageOf(error));
        return;
    }
    Q_EMIT succeeded(answer);
    accept();
}

QString RequestDialog::messageOf(const ApiError& error)
{
    return error.serverMessage.isEmpty() || error.isOffline() ? error.userMessage() : error.serverMessage;
}

MarkPaidDialog::MarkPaidDialog(InvoicesClient* client, qint64 invoiceId, const QString& number,
                               QWidget* parent)
    : RequestDialog(parent), m_client(client), m_invoiceId(invoiceId), m_method(new QComboBox(this)),
      m_reference(new QLineEdit(this))
{
    setObjectName(QStringLiteral("markPaidDialog"));
    setWindowTitle(tr("Mark %1 paid").arg(number));
    m_method->addItem(tr("Bank transfer"), QStringLiteral("bank_transfer"));
    m_method->addItem(tr("PayPal"), QStringLiteral("paypal"));
    m_method->addItem(tr("Other"), QStringLiteral("other"));
    m_method->setAccessibleName(tr("Payment method"));
    m_reference->setMaxLength(200);
    m_reference->setAccessibleName(tr("Payment reference"));
    m_reference->setPlaceholderText(tr("e.g. the bank's transaction reference"));
    form()->addRow(tr("Method:"), m_method);
    form()->addRow(tr("Reference:"), m_reference);
}

void MarkPaidDialog::setMethod(const QString& method)
{
    m_method->setCurrentIndex(std::max(0, m_method->findData(method)));
}

void MarkPaidDialog::setReference(const QString& reference)
{
    m_reference->setText(reference);
}

bool MarkPaidDialog::send()
{
    m_client->markPaid(m_invoiceId, m_method->currentData().toString(), m_reference->text().trimmed(), this,
                       [this](const QJsonObject& invoice, const ApiError& error) { finish(invoice, error); });
    return true;
}

CreditNoteDialog::CreditNoteDialog(InvoicesClient* client, qint64 invoiceId, const QString& number,
                                   qint64 maxMinor, const QString& currency, QWidget* parent)
    : RequestDialog(parent), m_client(client), m_invoiceId(invoiceId), m_maxMinor(maxMinor),
      m_amount(new QLineEdit(this)), m_reason(new QLineEdit(this))
{
    setObjectName(QStringLiteral("creditNoteDialog"));
    setWindowTitle(tr("Credit note for %1").arg(number));
    m_amount->setAccessibleName(tr("Amount"));
    m_amount->setPlaceholderText(tr("at most %1").arg(formatMinorUnits(maxMinor, currency)));
    m_reason->setMaxLength(500);
    m_reason->setAccessibleName(tr("Reason"));
    form()->addRow(tr("Amount:"), m_amount);
    form()->addRow(tr("Reason:"), m_reason);
}

void CreditNoteDialog::setAmount(const QString& amount)
{
    m_amount->setText(amount);
}

void CreditNoteDialog::setReason(const QString& reason)
{
    m_reason->setText(reason);
}

bool CreditNoteDialog::send()
{
    const auto amount = parseMinorUnits(m_amount->text());
    if (!amount || *amount <= 0 || *amount > m_maxMinor) {
        showError(tr("Enter an amount greater than zero and at most the invoice's total."));
        return false;
    }
    if (m_reason->text().trimmed().isEmpty()) {
        showError(tr("Enter the reason; it is printed on the credit note."));
        return false;
    }
    m_client->creditNote(m_invoiceId, *amount, m_reason->text().trimmed(), this,
                         [this](const QJsonObject& note, const ApiError& error) { finish(note, error); });
    return true;
}

TaxReportDialog::TaxReportDialog(InvoicesClient* client, QDate today, SaveChooser chooseFile, QWidget* parent)
    : RequestDialog(parent), m_client(client), m_chooseFile(std::move(chooseFile)),
      m_from(new QDateEdit(this)), m_to(new QDateEdit(this))
{
    setObjectName(QStringLiteral("taxReportDialog"));
    setWindowTitle(tr("Tax report"));
    // The last complete quarter is what is filed most often; any range may be chosen.
    const QDate quarterStart(today.year(), ((today.month() - 1) / 3) * 3 + 1, 1);
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_from->setDate(quarterStart.addMonths(-3));
    m_to->setDate(quarterStart.addDays(-1));
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    form()->addRow(new QLabel(tr("Every customer's invoices issued in the range, per jurisdiction and rate, "
                                 "less credit notes issued in it."),
                              this));
    form()->addRow(tr("From:"), m_from);
    form()->addRow(tr("To:"), m_to);
}

void TaxReportDialog::setRange(QDate from, QDate to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

bool TaxReportDialog::send()
{
    const QDate from = m_from->date();
    const QDate to = m_to->date();
    if (to < from) {
        showError(tr("The end date must not be before the start date."));
        return false;
    }
    m_client->taxReportCsv(from, to, this, [this, from, to](const QByteArray& csv, const ApiError& error) {
        if (error.isError())
            return finish({}, error);
        const QString suggested =
            QStringLiteral("tax-report-%1-%2.csv")
                .arg(from.toString(QStringLiteral("yyyyMMdd")), to.toString(QStringLiteral("yyyyMMdd")));
        m_chooseFile(suggested, [this, csv](const QString& fileName) {
            if (fileName.isEmpty())
                return finish({}, {ApiError::Kind::Cancelled, 0, {}, tr("Not saved."), 0});
            QSaveFile file(fileName);
            if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
                return finish({}, {ApiError::Kind::Cancelled, 0, {}, file.errorString(), 0});
            Q_EMIT saved(fileName);
            finish({}, {});
        });
    });
    return true;
}

} // namespace creditdesk
