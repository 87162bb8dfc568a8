#include "api/InvoicesClient.h"

#include "api/ApiClient.h"
#include "api/ApiJob.h"
#include "api/RequestJob.h"

#include <QJsonArray>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace creditdesk {

namespace {

QUrlQuery organizationQuery(qint64 organizationId)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("organization_id"), QString::number(organizationId));
    return query;
}

bool wholeObject(const QJsonObject& answer, QJsonObject* out)
{
    *out = answer;
    return answer.contains(QStringLiteral("id"));
}

template<typename Record> bool dataList(const QJsonObject& answer, QList<Record>* out)
{
    const QJsonValue data = answer.value(QStringLiteral("data"));
    if (!data.isArray())
        return false;
    for (const QJsonValue& value : data.toArray()) {
        const auto record = Record::fromJson(value.toObject());
        if (!record)
            return false;
        out->append(*record);
    }
    return true;
}

// A GET whose answer is a file (a PDF, a CSV report), not JSON: the bytes, when the server says they are
// of the type asked for. Errors come in the usual JSON envelope and are read by ApiJob.
class DownloadJob : public ApiJob
{
public:
    DownloadJob(ApiClient* client, QString path, QUrlQuery query, QByteArray accept, QObject* parent)
        : ApiJob(client, parent), m_path(std::move(path)), m_query(std::move(query)),
          m_accept(std::move(accept))
    {
        setTimeout(60000);
    }
    const QByteArray& bytes() const { return m_bytes; }

protected:
    QNetworkReply* send() override
    {
        QNetworkRequest request = client()->apiRequest(m_path, m_query);
        request.setRawHeader("Accept", m_accept);
        m_reply = client()->get(request);
        return m_reply;
    }
    bool parse(const QByteArray& body) override
    {
        const QByteArray type =
            m_reply ? m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray() : QByteArray();
        if (!type.startsWith(m_accept))
            return false;
        // A PDF starts with its header; anything else is not one, whatever the type says.
        if (m_accept == "application/pdf" && !body.startsWith("%PDF-"))
            return false;
        m_bytes = body;
        return true;
    }

private:
    QString m_path;
    QUrlQuery m_query;
    QByteArray m_accept;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_bytes;
};

} // namespace

InvoicesClient::InvoicesClient(ApiClient* client, QObject* parent) : QObject(parent), m_client(client) {}

template<typename Result>
void InvoicesClient::run(QByteArray method, const QString& path, const QUrlQuery& query,
                         const QJsonObject& body, std::function<bool(const QJsonObject&, Result*)> read,
                         QObject* context, Done<Result> done, bool changes, const QByteArray& idempotencyKey)
{
    QPointer<InvoicesClient> self(this);
    runRequest<Result>(m_client, std::move(method), path, query, body, idempotencyKey, std::move(read),
                       context, std::move(done), [self, changes] {
                           if (self && changes)
                               Q_EMIT self->invoicesChanged();
                       });
}

void InvoicesClient::download(const QString& path, const QUrlQuery& query, const QByteArray& accept,
                              QObject* context, Done<QByteArray> done)
{
    auto* job = new DownloadJob(m_client, path, query, accept, context);
    connect(job, &ApiJob::finished, context, [done = std::move(done)](ApiJob* finished) {
        const ApiError error = finished->error();
        done(error.isError() ? QByteArray() : static_cast<DownloadJob*>(finished)->bytes(), error);
    });
    job->start();
}

void InvoicesClient::invoice(qint64 invoiceId, QObject* context, Done<QJsonObject> done)
{
    run<QJsonObject>("GET", QStringLiteral("/api/v1/invoices/%1").arg(invoiceId), {}, {}, wholeObject,
                     context, std::move(done));
}

void InvoicesClient::pdf(qint64 invoiceId, QObject* context, Done<QByteArray> done)
{
    download(QStringLiteral("/api/v1/invoices/%1/pdf").arg(invoiceId), {}, "application/pdf", context,
             std::move(done));
}

void InvoicesClient::voidInvoice(qint64 invoiceId, QObject* context, Done<QJsonObject> done)
{
    run<QJsonObject>("POST", QStringLiteral("/api/v1/invoices/%1/void").arg(invoiceId), {}, {}, wholeObject,
                     context, std::move(done), true);
}

void InvoicesClient::markPaid(qint64 invoiceId, const QString& method, const QString& reference,
                              QObject* context, Done<QJsonObject> done)
{
    QJsonObject body{{QStringLiteral("method"), method}};
    if (!reference.isEmpty())
        body.insert(QStringLiteral("reference"), reference);
    run<QJsonObject>("POST", QStringLiteral("/api/v1/invoices/%1/mark-paid").arg(invoiceId), {}, body,
                     wholeObject, context, std::move(done), true);
}

void InvoicesClient::creditNote(qint64 invoiceId, qint64 amountMinor, const QString& reason, QObject* context,
                                Done<QJsonObject> done)
{
    const QJsonObject body{{QStringLiteral("amount_minor"), amountMinor}, {QStringLiteral("reason"), reason}};
    run<QJsonObject>(
        "POST", QStringLiteral("/api/v1/invoices/%1/credit-note").arg(invoiceId), {}, body,
        [](const QJsonObject& answer, QJsonObject* out) {
            *out = answer;
            return !answer.isEmpty();
        },
        context, std::move(done), true);
}

void InvoicesClient::taxReportCsv(QDate from, QDate to, QObject* context, Done<QByteArray> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("from"), from.toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("to"), to.toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("format"), QStringLiteral("csv"));
    download(QStringLiteral("/api/v1/reports/tax"), query, "text/csv", context, std::move(done));
}

void InvoicesClient::payments(qint64 organizationId, QObject* context, Done<QList<Payment>> done)
{
    // The most the server lists at once (newest first): an invoice's attempts are among them.
    QUrlQuery query = organizationQuery(organizationId);
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
    run<QList<Payment>>("GET", QStringLiteral("/api/v1/payments"), query, {}, dataList<Payment>, context,
                        std::move(done));
}

void InvoicesClient::billingProfile(qint64 organizationId, QObject* context, Done<BillingProfile> done)
{
    run<BillingProfile>(
        "GET", QStringLiteral("/api/v1/billing-profile"), organizationQuery(organizationId), {},
        [](const QJsonObject& answer, BillingProfile* out) {
            *out = BillingProfile::fromJson(answer);
            return true;
        },
        context, std::move(done));
}

void InvoicesClient::setBillingProfile(qint64 organizationId, const BillingProfile& profile,
                                       bool withExemption, QObject* context, Done<BillingProfile> done)
{
    run<BillingProfile>(
        "PUT", QStringLiteral("/api/v1/billing-profile"), organizationQuery(organizationId),
        profile.toJson(withExemption),
        [](const QJsonObject& answer, BillingProfile* out) {
            *out = BillingProfile::fromJson(answer);
            return true;
        },
        context, std::move(done));
}

void InvoicesClient::portal(qint64 organizationId, const QUrl& returnUrl, QObject* context, Done<QUrl> done)
{
    // A desktop program has no page to come back to: without one, the server's own address.
    const QUrl back = returnUrl.isValid() || !m_client
                          ? returnUrl
                          : m_client->baseUrl().resolved(QUrl(QStringLiteral("/")));
    const QJsonObject body{{QStringLiteral("organization_id"), organizationId},
                           {QStringLiteral("return_url"), back.toString()}};
    run<QUrl>(
        "POST", QStringLiteral("/api/v1/billing/portal"), {}, body,
        [](const QJsonObject& answer, QUrl* out) {
            *out = QUrl(answer.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
            // Only a web page is opened in the browser, never a file or another scheme.
            return out->isValid() &&
                   (out->scheme() == QLatin1String("https") || out->scheme() == QLatin1String("http"));
        },
        context, std::move(done));
}

void InvoicesClient::payPalOrder(qint64 invoiceId, QObject* context, Done<PayPalOrder> done)
{
    // A desktop program has no page of its own to come back to: the server's address for both.
    const QString back =
        m_client ? m_client->baseUrl().resolved(QUrl(QStringLiteral("/"))).toString() : QString();
    const QJsonObject body{{QStringLiteral("return_url"), back}, {QStringLiteral("cancel_url"), back}};
    run<PayPalOrder>(
        "POST", QStringLiteral("/api/v1/invoices/%1/paypal/orders").arg(invoiceId), {}, body,
        [](const QJsonObject& answer, PayPalOrder* out) {
            out->orderId = answer.value(QStringLiteral("order_id")).toString();
            out->approveUrl = QUrl(answer.value(QStringLiteral("approve_url")).toString(), QUrl::StrictMode);
            // Only a web page is opened in the browser, never a file or another scheme.
            return !out->orderId.isEmpty() && out->approveUrl.isValid() &&
                   (out->approveUrl.scheme() == QLatin1String("https") ||
                    out->approveUrl.scheme() == QLatin1String("http"));
        },
        context, std::move(done));
}

void InvoicesClient::payPalCapture(qint64 invoiceId, const QString& orderId, QObject* context,
                                   Done<QJsonObject> done)
{
    run<QJsonObject>("POST", QStringLiteral("/api/v1/invoices/%1/paypal/capture").arg(invoiceId), {},
                     QJsonObject{{QStringLiteral("order_id"), orderId}}, wholeObject, context,
                     std::move(done), true);
}

void InvoicesClient::creditPacks(QObject* context, Done<QList<CreditPack>> done)
{
    run<QList<CreditPack>>("GET", QStringLiteral("/api/v1/credit-packs"), {}, {}, dataList<CreditPack>,
                           context, std::move(done));
}

void InvoicesClient::purchase(qint64 organizationId, const QString& pack, const QString& payment,
                              const QByteArray& idempotencyKey, QObject* context, Done<QJsonObject> done)
{
    const QJsonObject body{{QStringLiteral("organization_id"), organizationId},
                           {QStringLiteral("pack"), pack},
                           {QStringLiteral("payment"), payment}};
    run<QJsonObject>(
        "POST", QStringLiteral("/api/v1/credits/purchase"), {}, body,
        [](const QJsonObject& answer, QJsonObject* out) {
            // {"invoice": {...}, "purchase": {...}}: the purchase's invoice is what the caller shows.
            *out = answer.value(QStringLiteral("invoice")).toObject();
            return out->contains(QStringLiteral("id"));
        },
        context, std::move(done), true, idempotencyKey);
}

void InvoicesClient::autoRecharge(qint64 organizationId, QObject* context, Done<AutoRecharge> done)
{
    run<AutoRecharge>(
        "GET", QStringLiteral("/api/v1/credits/auto-recharge"), organizationQuery(organizationId), {},
        [](const QJsonObject& answer, AutoRecharge* out) {
            *out = AutoRecharge::fromJson(answer);
            return true;
        },
        context, std::move(done));
}

void InvoicesClient::setAutoRecharge(qint64 organizationId, const AutoRecharge& settings, QObject* context,
                                     Done<AutoRecharge> done)
{
    const QJsonObject body{{QStringLiteral("organization_id"), organizationId},
                           {QStringLiteral("enabled"), settings.enabled},
                           {QStringLiteral("threshold_credits"), settings.thresholdCredits},
                           {QStringLiteral("pack"), settings.pack}};
    run<AutoRecharge>(
        "PUT", QStringLiteral("/api/v1/credits/auto-recharge"), {}, body,
        [](const QJsonObject& answer, AutoRecharge* out) {
            *out = AutoRecharge::fromJson(answer);
            return true;
        },
        context, std::move(done));
}

} // namespace creditdesk
