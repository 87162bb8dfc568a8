#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace creditdesk::server {

// What an invoice PDF shows, and nothing else: a plain render model filled from the invoice's JSON (the
// shape of GET /api/v1/invoices/{id}, issue 15), so the renderer needs no database. Money is in the
// currency's minor units (cents), as everywhere (docs/design.md §3); dates are the JSON's ISO 8601 text.
struct InvoiceParty
{
    QString legalName;
    QStringList addressLines; // street lines, then "postal code city", then region
    QString country;          // ISO 3166-1 alpha-2, e.g. "DE"
    QString taxId;
    QString email;
};

struct InvoiceDocumentLine
{
    QString kind; // "fee", "proration", "overage", "purchase", ...
    QString description;
    qint64 quantity = 0;
    qint64 unitAmountMinor = 0;
    qint64 amountMinor = 0;
};

struct InvoiceTaxLine
{
    QString name; // e.g. "VAT"
    qint64 rateBasisPoints = 0;
    qint64 taxableMinor = 0;
    qint64 taxMinor = 0;
    QString note; // e.g. the reverse-charge or exemption text; empty when there is none
};

struct InvoiceCreditNote
{
    QString number; // "CN-2026-000007"
    QString issuedAt;
    qint64 amountMinor = 0; // positive: what the note credits
    QString reason;
};

struct InvoiceDocument
{
    InvoiceParty seller;
    InvoiceParty buyer;
    QString number; // empty while a draft
    QString kind;   // "period" | "purchase"
    QString status; // "draft" | "open" | "paid" | "void" | "uncollectible"
    QString issuedAt;
    QString dueAt;
    QString periodStart;
    QString periodEnd; // exclusive, like every billing period [start, end)
    QString currency;
    std::vector<InvoiceDocumentLine> lines;
    qint64 subtotalMinor = 0; // the lines before discounts
    qint64 discountMinor = 0; // a positive amount taken off the subtotal
    std::vector<InvoiceTaxLine> taxLines;
    qint64 taxMinor = 0;
    qint64 totalMinor = 0;
    qint64 amountPaidMinor = 0;
    qint64 amountDueMinor = 0;
    std::vector<InvoiceCreditNote> creditNotes;

    // Reads the invoice JSON; a missing or mistyped field stays empty (or 0). The invoice was validated
    // when it was written, so there is nothing to reject here.
    static InvoiceDocument fromJson(const QJsonObject& invoice);
};

} // namespace creditdesk::server
