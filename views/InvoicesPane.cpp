#include "views/InvoicesPane.h"

#include "api/BillingClient.h"
#include "api/InvoicesClient.h"
#include "domain/Billing.h"
#include "domain/Clock.h"
#include "views/BillingDialogs.h"
#include "views/InvoiceActionDialogs.h"
#include "views/InvoiceDialog.h"
#include "views/InvoiceListView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace creditdesk {

InvoicesPane::InvoicesPane(const PaneContext& context, QWidget* parent)
    : Pane(parent), m_context(context), m_list(new InvoiceListView(context, this)),
      m_tabs(new QTabWidget(this)), m_payments(new QTableWidget(this)), m_paymentsNote(new QLabel(this)),
      m_open(new QPushButton(tr("Open…"), this)), m_profile(new QPushButton(tr("Billing profile…"), this)),
      m_portal(new QPushButton(tr("Manage payment methods"), this)),
      m_buy(new QPushButton(tr("Buy credits…"), this)),
      m_autoRecharge(new QPushButton(tr("Auto-recharge…"), this)),
      m_taxReport(new QPushButton(tr("Tax report…"), this))
{
    setObjectName(QStringLiteral("invoicesPane"));
    setAccessibleName(tr("Invoices"));
    m_open->setObjectName(QStringLiteral("openInvoice"));
    m_open->setAccessibleName(tr("Open the selected invoice"));
    m_list->addBottomWidget(m_open);

    m_payments->setObjectName(QStringLiteral("paymentsTable"));
    m_payments->setAccessibleName(tr("Payments"));
    m_payments->setColumnCount(6);
    m_payments->setHorizontalHeaderLabels(
        {tr("Date"), tr("Invoice"), tr("Amount"), tr("Method"), tr("Status"), tr("Failure reason")});
    m_payments->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_payments->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_payments->verticalHeader()->hide();
    m_payments->horizontalHeader()->setStretchLastSection(true);
    m_paymentsNote->setObjectName(QStringLiteral("paymentsNote"));
    m_paymentsNote->setWordWrap(true);
    auto* paymentsPage = new QWidget(this);
    auto* paymentsLayout = new QVBoxLayout(paymentsPage);
    paymentsLayout->addWidget(m_paymentsNote);
    paymentsLayout->addWidget(m_payments, 1);

    m_tabs->addTab(m_list, tr("Invoices"));
    m_tabs->addTab(paymentsPage, tr("Payments"));

    auto* toolbar = new QHBoxLayout;
    for (QPushButton* button : {m_profile, m_portal, m_buy, m_autoRecharge, m_taxReport})
        toolbar->addWidget(button);
    toolbar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(m_tabs, 1);

    connect(m_list, &InvoiceListView::invoiceActivated, this, &InvoicesPane::openInvoice);
    connect(m_list, &Pane::statusMessage, this, &Pane::statusMessage);
    connect(m_open, &QPushButton::clicked, this, &InvoicesPane::openCurrentInvoice);
    connect(m_profile, &QPushButton::clicked, this, &InvoicesPane::editBillingProfile);
    connect(m_portal, &QPushButton::clicked, this, &InvoicesPane::managePaymentMethods);
    connect(m_buy, &QPushButton::clicked, this, &InvoicesPane::buyCredits);
    connect(m_autoRecharge, &QPushButton::clicked, this, &InvoicesPane::editAutoRecharge);
    connect(m_taxReport, &QPushButton::clicked, this, &InvoicesPane::taxReport);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1)
            loadPayments();
    });
    updateButtons();
}

bool InvoicesPane::visibleFor(const Organization& organization)
{
    return organization.id != 0 && InvoiceListView::collection().readableWith(organization.permissions);
}

void InvoicesPane::setOrganization(const Organization& organization)
{
    const bool changed = organization.id != m_organization.id;
    m_organization = organization;
    m_list->setOrganization(organization);
    updateButtons();
    if (changed) {
        m_payments->setRowCount(0);
        if (m_tabs->currentIndex() == 1)
            loadPayments();
    }
}

void InvoicesPane::refresh()
{
    m_list->refresh();
}

void InvoicesPane::exportData()
{
    m_list->exportData();
}

void InvoicesPane::updateButtons()
{
    const bool online = m_context.invoices != nullptr;
    // Changing the profile and the payment methods: billing:manage; buying: credits:purchase.
    m_profile->setVisible(m_organization.can(QStringLiteral("billing:manage")) ||
                          m_organization.platformAdmin);
    m_portal->setVisible(m_organization.can(QStringLiteral("billing:manage")));
    m_buy->setVisible(m_organization.can(QStringLiteral("credits:purchase")));
    m_autoRecharge->setVisible(m_organization.can(QStringLiteral("credits:purchase")));
    m_taxReport->setVisible(m_organization.platformAdmin);
    for (QPushButton* button : {m_profile, m_portal, m_buy, m_autoRecharge, m_taxReport})
        button->setEnabled(online);
}

InvoiceDialog* InvoicesPane::invoiceDialog() const
{
    return m_invoiceDialog;
}

BuyCreditsDialog* InvoicesPane::buyCreditsDialog() const
{
    return m_buyDialog;
}

void InvoicesPane::openCurrentInvoice()
{
    const int row = m_list->currentModelRow();
    if (row >= 0)
        openInvoice(m_list->invoiceAt(row));
}

void InvoicesPane::openInvoice(const QJsonObject& invoice)
{
    if (invoice.isEmpty())
        return;
    if (m_invoiceDialog)
        m_invoiceDialog->close();
    m_invoiceDialog = new InvoiceDialog(invoice, m_context, m_organization.platformAdmin,
                                        m_organization.can(QStringLiteral("billing:manage")), this);
    m_invoiceDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_invoiceDialog->show();
}

void InvoicesPane::loadPayments()
{
    if (!m_context.invoices || m_organization.id == 0)
        return;
    m_paymentsNote->setText(tr("Loading payments…"));
    const qint64 organizationId = m_organization.id;
    m_context.invoices->payments(
        organizationId, this, [this, organizationId](const QList<Payment>& payments, const ApiError& error) {
            if (organizationId != m_organization.id)
                return;
            m_payments->setRowCount(0);
            if (error.isError()) {
                // An older server has no payments route (404): say so instead of an error.
                m_paymentsNote->setText(error.kind == ApiError::Kind::NotFound ||
                                                error.kind == ApiError::Kind::NotCreditDesk
                                            ? tr("This server does not list payments yet.")
                                            : RequestDialog::messageOf(error));
                Q_EMIT paymentsLoaded();
                return;
            }
            // Invoice numbers from the synced list.
            QHash<qint64, QString> numbers;
            for (int row = 0; row < m_list->model()->rowCount(); ++row) {
                const auto values = m_list->model()->row(row);
                numbers.insert(values["id"].toLongLong(), values["number"].toString());
            }
            const QLocale locale;
            for (const Payment& payment : payments) {
                const int row = m_payments->rowCount();
                m_payments->insertRow(row);
                const QString invoice =
                    payment.invoiceId
                        ? numbers.value(*payment.invoiceId, QStringLiteral("#%1").arg(*payment.invoiceId))
                        : QString();
                const QStringList cells{
                    locale.toString(payment.createdAt.toLocalTime(), QLocale::ShortFormat),
                    invoice,
                    formatMinorUnits(payment.amountMinor, payment.currency),
                    InvoiceDialog::methodLabel(payment.method),
                    InvoiceDialog::paymentStatusLabel(payment.status),
                    payment.failureReason};
                for (int column = 0; column < cells.size(); ++column)
                    m_payments->setItem(row, column, new QTableWidgetItem(cells.at(column)));
            }
            // Card payments only (Stripe's attempts); a manual or PayPal payment is on its invoice.
            m_paymentsNote->setText(
                payments.isEmpty()
                    ? tr("No card payments yet. An invoice paid by bank transfer or PayPal says so on the "
                         "invoice.")
                    : tr("%Ln payment(s), newest first", nullptr, static_cast<int>(payments.size())));
            Q_EMIT paymentsLoaded();
        });
}

void InvoicesPane::editBillingProfile()
{
    if (!m_context.invoices)
        return;
    auto* dialog =
        new BillingProfileDialog(m_context.invoices, m_organization.id, m_organization.platformAdmin, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BillingProfileDialog::saved, this,
            [this] { Q_EMIT statusMessage(tr("Billing profile saved; it applies to the next invoices.")); });
    dialog->open();
}

void InvoicesPane::managePaymentMethods()
{
    if (!m_context.invoices)
        return;
    m_portal->setEnabled(false);
    m_context.invoices->portal(
        m_organization.id, QUrl(), this, [this](const QUrl& url, const ApiError& error) {
            m_portal->setEnabled(true);
            if (error.isError()) {
                Q_EMIT statusMessage(tr("The payment-method page could not be opened: %1")
                                         .arg(RequestDialog::messageOf(error)));
                return;
            }
            if (m_context.openUrl)
                m_context.openUrl(url);
            Q_EMIT statusMessage(tr("Payment methods opened in your browser."));
        });
}

void InvoicesPane::buyCredits()
{
    if (!m_context.invoices)
        return;
    const auto open = [this](bool enterprise) {
        m_buyDialog = new BuyCreditsDialog(m_context.invoices, m_organization.id, enterprise, this);
        m_buyDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_buyDialog, &BuyCreditsDialog::purchased, this, [this](const QJsonObject& invoice) {
            Q_EMIT statusMessage(
                tr("Purchase booked on invoice %1.").arg(invoice.value(QStringLiteral("number")).toString()));
        });
        m_buyDialog->open();
        Q_EMIT buyCreditsOpened();
    };
    if (!m_context.billing)
        return open(false);
    // Paying on invoice is offered to enterprise accounts only: ask the plan first.
    m_context.billing->subscription(BillingTarget::organization(m_organization.id), this,
                                    [open](const Subscription& subscription, const ApiError& error) {
                                        open(!error.isError() &&
                                             subscription.plan == QLatin1String("enterprise"));
                                    });
}

void InvoicesPane::editAutoRecharge()
{
    if (!m_context.invoices)
        return;
    auto* dialog = new AutoRechargeDialog(m_context.invoices, m_organization.id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AutoRechargeDialog::saved, this, [this](const AutoRecharge& settings) {
        Q_EMIT statusMessage(settings.enabled ? tr("Auto-recharge is on.") : tr("Auto-recharge is off."));
    });
    dialog->open();
}

void InvoicesPane::taxReport()
{
    if (!m_context.invoices)
        return;
    const QDate today = m_context.clock ? m_context.clock->now().date() : QDate::currentDate();
    auto* dialog = new TaxReportDialog(
        m_context.invoices, today,
        [this](const QString& suggested, std::function<void(const QString&)> chosen) {
            if (m_context.chooseSaveFile)
                m_context.chooseSaveFile(this, suggested, std::move(chosen));
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaxReportDialog::saved, this, [this](const QString& fileName) {
        Q_EMIT statusMessage(tr("Tax report saved to %1").arg(fileName));
    });
    dialog->open();
}

} // namespace creditdesk
