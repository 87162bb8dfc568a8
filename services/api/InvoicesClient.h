#pragma once

#include "api/ApiError.h"
#include "domain/Invoices.h"

#include <QByteArray>
#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

namespace creditdesk {

class ApiClient;

// What the Invoices pane asks of the server besides the synced list: one invoice with everything on it,
// its PDF, the operator's actions (void, mark paid, credit note, tax report: platform admins), the
// account's payments, billing profile, payment-method portal, credit packs, purchases and auto-recharge.
// Like AlertsClient: each call answers once through `done` on `context`'s thread, nothing is called when
// `context` is gone first. A change to invoices or balances is announced (invoicesChanged,
// creditsChanged) so that the sync catches up at once.
class InvoicesClient : public QObject
{
    Q_OBJECT

public:
    template<typename Result> using Done = std::function<void(const Result& result, const ApiError& error)>;

    explicit InvoicesClient(ApiClient* client, QObject* parent = nullptr);

    // GET /invoices/{id}: the whole invoice as the server renders it (credit_notes when it has them).
    void invoice(qint64 invoiceId, QObject* context, Done<QJsonObject> done);
    // GET /invoices/{id}/pdf: the document's bytes; an answer that is not application/pdf is an error.
    void pdf(qint64 invoiceId, QObject* context, Done<QByteArray> done);

    // The operator's (platform admins): each answers the invoice as it is afterwards.
    void voidInvoice(qint64 invoiceId, QObject* context, Done<QJsonObject> done);
    void markPaid(qint64 invoiceId, const QString& method, const QString& reference, QObject* context,
                  Done<QJsonObject> done);
    void creditNote(qint64 invoiceId, qint64 amountMinor, const QString& reason, QObject* context,
                    Done<QJsonObject> done);
    // GET /reports/tax?format=csv over the inclusive dates: the CSV file's bytes.
    void taxReportCsv(QDate from, QDate to, QObject* context, Done<QByteArray> done);

    // GET /payments?organization_id=: newest first.
    void payments(qint64 organizationId, QObject* context, Done<QList<Payment>> done);
    void billingProfile(qint64 organizationId, QObject* context, Done<BillingProfile> done);
    void setBillingProfile(qint64 organizationId, const BillingProfile& profile, bool withExemption,
                           QObject* context, Done<BillingProfile> done);
    // POST /billing/portal: the URL of the provider's page for payment methods. Without a returnUrl, the
    // server's address is where the provider sends the browser back to.
    void portal(qint64 organizationId, const QUrl& returnUrl, QObject* context, Done<QUrl> done);
    void creditPacks(QObject* context, Done<QList<CreditPack>> done);
    // POST /credits/purchase with `idempotencyKey` (the same key books once, however often it is sent);
    // payment is "card" or "invoice". Answers the purchase's invoice.
    void purchase(qint64 organizationId, const QString& pack, const QString& payment,
                  const QByteArray& idempotencyKey, QObject* context, Done<QJsonObject> done);
    // Paying an open invoice through PayPal: POST /invoices/{id}/paypal/orders answers the order and the
    // web page where the payer approves it (the server's address is where PayPal sends the browser back
    // to); after the approval, POST /invoices/{id}/paypal/capture answers the paid invoice.
    void payPalOrder(qint64 invoiceId, QObject* context, Done<PayPalOrder> done);
    void payPalCapture(qint64 invoiceId, const QString& orderId, QObject* context, Done<QJsonObject> done);
    void autoRecharge(qint64 organizationId, QObject* context, Done<AutoRecharge> done);
    void setAutoRecharge(qint64 organizationId, const AutoRecharge& settings, QObject* context,
                         Done<AutoRecharge> done);

Q_SIGNALS:
    // An operator action or a purchase changed the account's invoices (and perhaps its balance).
    void invoicesChanged();

private:
    template<typename Result>
    void run(QByteArray method, const QString& path, const QUrlQuery& query, const QJsonObject& body,
             std::function<bool(const QJsonObject&, Result*)> read, QObject* context, Done<Result> done,
             bool changes = false, const QByteArray& idempotencyKey = {});
    void download(const QString& path, const QUrlQuery& query, const QByteArray& accept, QObject* context,
                  Done<QByteArray> done);

    QPointer<ApiClient> m_client;
};

} // namespace creditdesk
