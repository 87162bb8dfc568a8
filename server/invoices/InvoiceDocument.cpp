#include "invoices/InvoiceDocument.h"

#include <QJsonArray>
#include <QJsonValue>

namespace creditdesk::server {

namespace {

QString text(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

// Money and quantities are JSON integers; toInteger() keeps all 64 bits (never through a double).
qint64 integer(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toInteger(0);
}

// A party is the seller ({"legal_name", "address", "tax_id", "country", "email"}) or the buyer's billing
// profile (the same, its address {"line1", "line2", "city", "postal_code", "region", "country"}). An
// address given as an array of lines is taken as it is.
InvoiceParty party(const QJsonObject& object)
{
    InvoiceParty result;
    result.legalName = text(object, "legal_name");
    if (result.legalName.isEmpty()) // a buyer without a billing profile: the organization's or user's name
        result.legalName = text(object, "name");
    result.taxId = text(object, "tax_id");
    result.email = text(object, "email");
    result.country = text(object, "country");
    const QJsonValue address = object.value(QLatin1String("address"));
    if (address.isArray()) {
        for (const QJsonValue& line : address.toArray()) {
            if (!line.toString().isEmpty())
                result.addressLines.append(line.toString());
        }
    } else if (address.isObject()) {
        const QJsonObject a = address.toObject();
        for (const char* key : {"line1", "line2"}) {
            if (!text(a, key).isEmpty())
                result.addressLines.append(text(a, key));
        }
        QStringList cityLine; // "10115 Berlin"
        for (const char* key : {"postal_code", "city"}) {
            if (!text(a, key).isEmpty())
                cityLine.append(text(a, key));
        }
        if (!cityLine.isEmpty())
            result.addressLines.append(cityLine.join(QLatin1Char(' ')));
        if (!text(a, "region").isEmpty())
            result.addressLines.append(text(a, "region"));
        if (result.country.isEmpty())
            result.country = text(a, "country");
    }
    return result;
}

} // namespace

InvoiceDocument InvoiceDocument::fromJson(const QJsonObject& invoice)
{
    InvoiceDocument document;
    document.seller = party(invoice.value(QLatin1String("seller")).toObject());
    document.buyer = party(invoice.value(QLatin1String("buyer")).toObject());
    document.number = text(invoice, "number");
    document.kind = text(invoice, "kind");
    document.status = text(invoice, "status");
    document.issuedAt = text(invoice, "issued_at");
    document.dueAt = text(invoice, "due_at");
    document.periodStart = text(invoice, "period_start");
    document.periodEnd = text(invoice, "period_end");
    document.currency = text(invoice, "currency");
    for (const QJsonValue& value : invoice.value(QLatin1String("lines")).toArray()) {
        const QJsonObject line = value.toObject();
        document.lines.push_back({text(line, "kind"), text(line, "description"), integer(line, "quantity"),
                                  integer(line, "unit_amount_minor"), integer(line, "amount_minor")});
    }
    document.subtotalMinor = integer(invoice, "subtotal_minor");
    document.discountMinor = integer(invoice, "discount_minor");
    for (const QJsonValue& value : invoice.value(QLatin1String("tax_lines")).toArray()) {
        const QJsonObject tax = value.toObject();
        document.taxLines.push_back({text(tax, "name"), integer(tax, "rate_basis_points"),
                                     integer(tax, "taxable_minor"), integer(tax, "tax_minor"),
                                     text(tax, "note")});
    }
    document.taxMinor = integer(invoice, "tax_minor");
    document.totalMinor = integer(invoice, "total_minor");
    document.amountPaidMinor = integer(invoice, "amount_paid_minor");
    document.amountDueMinor = integer(invoice, "amount_due_minor");
    for (const QJsonValue& value : invoice.value(QLatin1String("credit_notes")).toArray()) {
        const QJsonObject note = value.toObject();
        document.creditNotes.push_back({text(note, "number"), text(note, "issued_at"),
                                        integer(note, "amount_minor"), text(note, "reason")});
    }
    return document;
}

} // namespace creditdesk::server
