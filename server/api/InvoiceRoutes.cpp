// Invoices (docs/admin-guide.md "Invoices"): the list, one invoice and its PDF for the account's readers,
// the operator's actions (void, mark paid, credit notes) and the seller's details for platform admins.
// Handlers parse, call invoices/, render.
#include "api/ServerContext.h"
#include "core/Json.h"
#include "invoices/InvoiceDocument.h"
#include "invoices/InvoicePdf.h"
#include "invoices/Invoices.h"
#include "invoices/PaymentCollector.h"

#include <QDate>
#include <QJsonDocument>

namespace creditdesk::server {

namespace {

// An inclusive date of the query ("2026-03-01") as the epoch ms its day starts; 422 naming it otherwise.
std::optional<qint64> dayStart(const ApiRequest& request, const QString& name)
{
    if (!request.hasQuery(name))
        return std::nullopt;
    const QDate date = QDate::fromString(request.queryValue(name), Qt::ISODate);
    if (!date.isValid() || request.queryValue(name).size() != 10)
        throw ApiError::validation(name, QStringLiteral("'%1' must be a date (YYYY-MM-DD)").arg(name));
    return date.startOfDay(Qt::UTC).toMSecsSinceEpoch();
}

ApiResponse listInvoices(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    InvoiceQuery query;
    if (call.hasAccount())
        query.accountId = call.account().accountId;
    if (request.hasQuery(QStringLiteral("status"))) {
        const QString status = request.queryValue(QStringLiteral("status"));
        static const QStringList statuses{QStringLiteral("draft"), QStringLiteral("open"),
                                          QStringLiteral("paid"), QStringLiteral("void"),
                                          QStringLiteral("uncollectible")};
        if (!statuses.contains(status))
            throw ApiError::validation(
                QStringLiteral("status"),
                QStringLiteral("'status' must be one of %1").arg(statuses.join(u", ")));
        query.status = status;
    }
    query.fromMs = dayStart(request, QStringLiteral("from"));
    if (const auto to = dayStart(request, QStringLiteral("to")))
        query.toMs = *to + 86'400'000; // inclusive: up to the end of that day
    if (query.fromMs && query.toMs && *query.fromMs >= *query.toMs)
        throw ApiError::validation(QStringLiteral("to"), QStringLiteral("'to' must not be before 'from'"));
    query.text = request.queryValue(QStringLiteral("q")).trimmed();
    if (query.text.size() > 200 || !isCleanText(query.text))
        throw ApiError::validation(QStringLiteral("q"),
                                   QStringLiteral("'q' must be text of at most 200 characters"));
    query.sinceSeq =
        parseQueryInteger(request, QStringLiteral("since"), 0, std::numeric_limits<qint64>::max());
    query.beforeId = parseCursor(request);
    query.limit = parseLimit(request, 200);
    if (query.sinceSeq && query.beforeId)
        throw ApiError::validation(QStringLiteral("cursor"),
                                   QStringLiteral("Give 'since' or 'cursor', not both"));
    return jsonResponse(200, Invoices(context.store.reader(), context.clock.nowMs()).list(query));
}

ApiResponse getInvoice(ServerContext& context, const Call& call)
{
    return jsonResponse(200, Invoices(context.store.reader(), context.clock.nowMs()).get(call.resourceId()));
}

// The invoice as a PDF (invoices/InvoicePdf.h): read here, rendered on the blocking pool (tens of
// milliseconds of Cairo and Pango must not stall an I/O thread, and the writer has nothing to do with it).
void getInvoicePdf(ServerContext& context, const Call& call, Responder respond)
{
    const QJsonObject invoice =
        Invoices(context.store.reader(), context.clock.nowMs()).get(call.resourceId());
    context.blockingPool.post([invoice, respond = std::move(respond)] {
        const QByteArray pdf = renderInvoicePdf(InvoiceDocument::fromJson(invoice));
        if (pdf.isEmpty()) {
            respond(
                errorResponse(QStringLiteral("internal_error"), QStringLiteral("The PDF could not be made")));
            return;
        }
        ApiResponse response;
        response.body = pdf;
        response.contentType = "application/pdf";
        const QString number = invoice.value(QStringLiteral("number")).toString();
        const QString name =
            number.isEmpty()
                ? QStringLiteral("invoice-%1").arg(invoice.value(QStringLiteral("id")).toInteger())
                : number;
        response.setHeader("Content-Disposition",
                           QStringLiteral("attachment; filename=\"%1.pdf\"").arg(name).toLatin1());
        respond(std::move(response));
    });
}

// The operator's routes are platform_admin: the invoice's id comes from the path, not the access rule.
qint64 invoiceIdOf(const Call& call)
{
    return parsePathId(call.request().pathParams.value(0), QStringLiteral("Invoice"));
}

void submitInvoiceAction(ServerContext& context, const Call& call, Responder respond,
                         std::function<QJsonObject(Invoices&)> action, QString summary)
{
    const qint64 now = context.clock.nowMs();
    const qint64 invoiceId = invoiceIdOf(call);
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            Invoices invoices(db, now);
            const QJsonObject invoice = action(invoices);
            ApiResponse response = jsonResponse(200, invoice);
            response.audit.targetType = QStringLiteral("invoice");
            response.audit.targetId = invoiceId;
            response.audit.summary =
                QStringLiteral("%1 %2").arg(invoice.value(QStringLiteral("number")).toString(), summary);
            return response;
        },
        std::move(respond));
}

void voidInvoice(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 id = invoiceIdOf(call);
    submitInvoiceAction(
        context, call, std::move(respond), [id](Invoices& invoices) { return invoices.voidInvoice(id); },
        QStringLiteral("voided"));
}

void markInvoicePaid(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"method", "reference"});
    const QString method = body.requiredString("method", 20);
    if (method != QLatin1String("bank_transfer") && method != QLatin1String("paypal") &&
        method != QLatin1String("other"))
        throw ApiError::validation(QStringLiteral("method"),
                                   QStringLiteral("'method' must be bank_transfer, paypal or other"));
    const QString reference = body.optionalString("reference", 200).value_or(QString());
    const qint64 id = invoiceIdOf(call);
    submitInvoiceAction(
        context, call, std::move(respond),
        [id, method, reference](Invoices& invoices) { return invoices.markPaid(id, method, reference); },
        QStringLiteral("marked paid (%1)").arg(method));
}

// After a credit note committed, on the blocking pool (never inside the transaction): a note on an invoice
// paid by card through Stripe is refunded there (PaymentCollector::refundCreditNote, once per note) and
// marked 'refunded'; the answer is then the invoice as it is now. A refund Stripe refused or did not answer
// leaves the note 'pending' (the note stands): the same request with the same Idempotency-Key tries again.
void refundAfterCreditNote(ServerContext& context, qint64 invoiceId, ApiResponse response, Responder respond)
{
    PaymentCollector* payments = context.payments;
    if (!payments || response.status != 201) {
        respond(std::move(response));
        return;
    }
    context.blockingPool.post([&context, payments, invoiceId, response = std::move(response),
                               respond = std::move(respond)]() mutable {
        const QJsonArray notes =
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("credit_notes")).toArray();
        const qint64 noteId = notes.last().toObject().value(QStringLiteral("id")).toInteger();
        try {
            payments->refundCreditNote(noteId);
        } catch (const ApiError& error) {
            qWarning("refund of credit note %lld failed (%s): it stays pending", noteId,
                     qPrintable(error.code()));
        } catch (const std::exception& error) {
            qWarning("refund of credit note %lld failed (%s): it stays pending", noteId, error.what());
        }
        try {
            ApiResponse current =
                jsonResponse(201, Invoices(context.store.reader(), context.clock.nowMs()).get(invoiceId));
            for (const auto& header : response.headers)
                current.setHeader(header.first, header.second);
            respond(std::move(current));
        } catch (const std::exception&) { // answered, never left hanging: the note was issued
            respond(std::move(response));
        }
    });
}

// A credit note (platform admins), with Idempotency-Key like every money write: a retried request
// answers the first note instead of issuing a second (and its refund is not made twice).
void creditNote(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"amount_minor", "reason"});
    const qint64 amount = body.requiredAmount("amount_minor");
    const QString reason = body.requiredString("reason", 200).trimmed();
    if (reason.isEmpty() || !isCleanText(reason))
        throw ApiError::validation(QStringLiteral("reason"),
                                   QStringLiteral("'reason' must be text of 1 to 200 characters"));
    const qint64 id = invoiceIdOf(call);
    const qint64 now = context.clock.nowMs();
    submitIdempotent(
        context, call, call.request().body,
        [=](SqlConnection& db) {
            const QJsonObject invoice = Invoices(db, now).creditNote(id, amount, reason);
            const QJsonArray notes = invoice.value(QStringLiteral("credit_notes")).toArray();
            ApiResponse response = jsonResponse(201, invoice);
            response.audit.targetType = QStringLiteral("invoice");
            response.audit.targetId = id;
            response.audit.summary =
                QStringLiteral("%1 on %2: %3 (%4)")
                    .arg(notes.last().toObject().value(QStringLiteral("number")).toString(),
                         invoice.value(QStringLiteral("number")).toString())
                    .arg(amount)
                    .arg(reason);
            return response;
        },
        [&context, id, respond = std::move(respond)](ApiResponse response) mutable {
            refundAfterCreditNote(context, id, std::move(response), std::move(respond));
        });
}

ApiResponse getSeller(ServerContext& context, const Call&)
{
    return jsonResponse(200, Invoices(context.store.reader(), context.clock.nowMs()).seller());
}

void putSeller(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"legal_name", "address", "tax_id", "country", "email"});
    QJsonObject seller{{QStringLiteral("legal_name"), body.requiredString("legal_name", 200)}};
    const QString country = body.requiredString("country", 2);
    if (country.size() != 2 || country.toUpper() != country || !country.at(0).isLetter() ||
        !country.at(1).isLetter())
        throw ApiError::validation(QStringLiteral("country"),
                                   QStringLiteral("'country' must be a two-letter ISO 3166 code (DE)"));
    seller.insert(QStringLiteral("country"), country);
    const QString email = body.requiredString("email", 200);
    if (!email.contains(QLatin1Char('@')))
        throw ApiError::validation(QStringLiteral("email"),
                                   QStringLiteral("'email' must be an e-mail address"));
    seller.insert(QStringLiteral("email"), email);
    seller.insert(QStringLiteral("tax_id"), body.optionalString("tax_id", 50).value_or(QString()));
    QJsonObject address;
    if (body.has("address")) {
        const JsonBody nested = body.nestedObject("address", QStringLiteral("an object"));
        nested.rejectUnknownFields({"line1", "line2", "city", "postal_code", "region", "country"});
        for (const char* field : {"line1", "line2", "city", "postal_code", "region", "country"})
            if (const auto value = nested.optionalString(field, 200))
                address.insert(QLatin1String(field), *value);
    }
    seller.insert(QStringLiteral("address"), address);
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            ApiResponse response = jsonResponse(200, Invoices(db, now).setSeller(seller));
            response.audit.targetType = QStringLiteral("seller");
            response.audit.summary = seller.value(QStringLiteral("legal_name")).toString();
            return response;
        },
        std::move(respond));
}

} // namespace

void registerInvoiceRoutes(RouteTable& routes)
{
    routes.add("GET", QStringLiteral("/api/v1/invoices"),
               AccessRule::billingAccountOrPlatform(Permission::ReadInvoices, Locate::Query), listInvoices);
    routes.add("GET", QStringLiteral("/api/v1/invoices/{id}"), AccessRule::invoice(Permission::ReadInvoices),
               getInvoice);
    routes.addAsync("GET", QStringLiteral("/api/v1/invoices/{id}/pdf"),
                    AccessRule::invoice(Permission::ReadInvoices), nullptr, getInvoicePdf);
    // The operator's: marking a purchase paid books credits, and customers never create credits.
    routes.addAsync("POST", QStringLiteral("/api/v1/invoices/{id}/void"), AccessRule::platformAdmin(),
                    "invoice.voided", voidInvoice);
    routes.addAsync("POST", QStringLiteral("/api/v1/invoices/{id}/mark-paid"), AccessRule::platformAdmin(),
                    "invoice.marked_paid", markInvoicePaid);
    routes.addAsync("POST", QStringLiteral("/api/v1/invoices/{id}/credit-note"), AccessRule::platformAdmin(),
                    "invoice.credit_note_issued", creditNote);
    routes.add("GET", QStringLiteral("/api/v1/admin/seller"), AccessRule::platformAdmin(), getSeller);
    routes.addAsync("PUT", QStringLiteral("/api/v1/admin/seller"), AccessRule::platformAdmin(),
                    "seller.updated", putSeller);
}

} // namespace creditdesk::server
