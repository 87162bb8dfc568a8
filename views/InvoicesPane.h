#pragma once

#include "views/Pane.h"

#include <QJsonObject>
#include <QPointer>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace creditdesk {

class BuyCreditsDialog;
class InvoiceDialog;
class InvoiceListView;

// Invoices for finance staff, owners and admins (invoices:read): the synced invoice list (offline too) in
// its first tab, the account's payments in the second, one invoice in InvoiceDialog; the billing profile,
// the payment-method portal in the browser, buying credits and auto-recharge (credits:purchase); and for
// platform admins the tax report. Members and managers do not see it.
class InvoicesPane : public Pane
{
    Q_OBJECT

public:
    explicit InvoicesPane(const PaneContext& context, QWidget* parent = nullptr);

    static bool visibleFor(const Organization& organization);

    void setOrganization(const Organization& organization) override;
    void refresh() override;
    bool canExport() const override { return true; }
    void exportData() override;

    InvoiceListView* list() const { return m_list; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableWidget* paymentsTable() const { return m_payments; }
    // The dialogs the buttons open (the last one of each), for tests.
    InvoiceDialog* invoiceDialog() const;
    BuyCreditsDialog* buyCreditsDialog() const;

    // What the buttons do.
    void openInvoice(const QJsonObject& invoice);
    void openCurrentInvoice();
    void loadPayments();
    void editBillingProfile();
    void managePaymentMethods();
    void buyCredits();
    void editAutoRecharge();
    void taxReport();

Q_SIGNALS:
    void paymentsLoaded();
    void buyCreditsOpened();

private:
    void updateButtons();

    PaneContext m_context;
    Organization m_organization;
    InvoiceListView* m_list;
    QTabWidget* m_tabs;
    QTableWidget* m_payments;
    QLabel* m_paymentsNote;
    QPushButton* m_open;
    QPushButton* m_profile;
    QPushButton* m_portal;
    QPushButton* m_buy;
    QPushButton* m_autoRecharge;
    QPushButton* m_taxReport;
    // Each deletes itself when closed.
    QPointer<InvoiceDialog> m_invoiceDialog;
    QPointer<BuyCreditsDialog> m_buyDialog;
};

} // namespace creditdesk
