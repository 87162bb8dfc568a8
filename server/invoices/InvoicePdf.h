#pragma once

// Invoice PDFs, rendered in the server (issue 15, "The PDF") with Cairo and Pango.
//
// Why Cairo + Pango: the PDF has to be made on a headless server, with no display and no GUI toolkit
// (QtGui/QPdfWriter would pull a platform plugin and the whole GUI stack into creditdesk-server). Cairo's
// PDF surface writes embedded, subset fonts with ToUnicode maps, so the PDF is text-extractable (pdftotext
// and screen readers find the number and the total); Pango does real text layout: font fallback and
// shaping through HarfBuzz for any buyer's name or address, line wrapping, right-aligned columns. Both
// are mature C libraries in Debian (libcairo2, libpango-1.0-0), thread-safe per render, and fast
// (bench/bench_invoice_pdf). The font is DejaVu Sans (Debian's fonts-dejavu-core), found through
// fontconfig; docs/operations.md ("Invoice PDFs") says what a server needs.
#include "invoices/InvoiceDocument.h"

#include <QByteArray>
#include <QString>

namespace creditdesk::server {

// The invoice as an A4 PDF: seller and buyer, number, dates, the lines (continued on further pages when
// they do not fit), discount, one row per tax rate with its note, totals and payment status. Safe to call
// from several threads at once. Returns an empty array only if Cairo fails (out of memory).
QByteArray renderInvoicePdf(const InvoiceDocument& invoice);

// Money from minor units, without a double: formatMoney(123456, "USD") is "$1,234.56",
// formatMoney(-1000, "EUR") "-€10.00", formatMoney(1234, "JPY") "¥1,234"; an unknown currency
// "CHF 12.50". English formatting, like every server text.
QString formatMoney(qint64 amountMinor, const QString& currency);

// A tax rate from basis points: 1900 -> "19%", 750 -> "7.5%", 0 -> "0%".
QString formatRate(qint64 basisPoints);

} // namespace creditdesk::server
