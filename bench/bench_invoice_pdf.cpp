// Invoice PDF benchmark (issue 15, "Performance": PDF render time per invoice, target <= 50 ms). Prints one
// JSON object.
//
//   bench_invoice_pdf [--renders 200] [--lines 20] [--write invoice.pdf]
//
// Renders the same invoice (seller, buyer, `lines` lines, a discount, a reverse-charge tax line) `renders`
// times in one thread through renderInvoicePdf(), as GET /api/v1/invoices/{id}/pdf will, and reports the
// p50, p99 and maximum wall time per render. The first render of a process loads fontconfig's cache and
// the font; it is reported on its own (`first_render_ms`) and not counted in the percentiles.
// --write keeps one rendered PDF to look at.
#include "invoices/InvoiceDocument.h"
#include "invoices/InvoicePdf.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <iostream>
#include <vector>

using namespace creditdesk::server;

namespace {

QJsonObject invoiceJson(int lineCount)
{
    QJsonArray lines;
    qint64 subtotal = 0;
    for (int i = 1; i <= lineCount; ++i) {
        const qint64 quantity = i * 7;
        const qint64 unit = 1'000 + 37 * i;
        lines.append(QJsonObject{
            {"kind", "usage"},
            {"description", QString("Model usage %1, November 2026 (claude-sonnet, gpt-4.1)").arg(i)},
            {"quantity", quantity},
            {"unit_amount_minor", unit},
            {"amount_minor", quantity * unit}});
        subtotal += quantity * unit;
    }
    const qint64 discount = (subtotal + 5) / 10;
    const QJsonObject address{
        {"line1", "Keizersgracht 1"}, {"postal_code", "1015 CJ"}, {"city", "Amsterdam"}};
    return {{"number", "CD-2026-000123"},
            {"kind", "period"},
            {"status", "open"},
            {"seller", QJsonObject{{"legal_name", "CreditDesk GmbH"},
                                   {"address", QJsonObject{{"line1", "Friedrichstrasse 123"},
                                                           {"postal_code", "10117"},
                                                           {"city", "Berlin"}}},
                                   {"country", "DE"},
                                   {"tax_id", "DE123456789"},
                                   {"email", "billing@creditdesk.example.org"}}},
            {"buyer", QJsonObject{{"legal_name", "Acme Robotics B.V."},
                                  {"address", address},
                                  {"country", "NL"},
                                  {"tax_id", "NL123456789B01"},
                                  {"email", "finance@acme.example.com"}}},
            {"issued_at", "2026-12-01T00:00:00Z"},
            {"due_at", "2026-12-31T00:00:00Z"},
            {"period_start", "2026-11-01T00:00:00Z"},
            {"period_end", "2026-12-01T00:00:00Z"},
            {"currency", "USD"},
            {"lines", lines},
            {"subtotal_minor", subtotal},
            {"discount_minor", discount},
            {"tax_lines",
             QJsonArray{QJsonObject{{"name", "VAT"},
                                    {"rate_basis_points", 0},
                                    {"taxable_minor", subtotal - discount},
                                    {"tax_minor", 0},
                                    {"note",
                                     "Reverse charge: VAT to be accounted for by the recipient (Article 196, "
                                     "Council Directive 2006/112/EC)."}}}},
            {"tax_minor", 0},
            {"total_minor", subtotal - discount},
            {"amount_paid_minor", 0},
            {"amount_due_minor", subtotal - discount}};
}

double percentile(std::vector<double> sorted, double p)
{
    const auto index =
        std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
    return sorted[index];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto option = [&](const QString& name, const QString& fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args[at + 1] : fallback;
    };
    const int renders = std::max(1, option("--renders", "200").toInt());
    const int lineCount = std::max(1, option("--lines", "20").toInt());
    const QString writePath = option("--write", QString());

    const InvoiceDocument invoice = InvoiceDocument::fromJson(invoiceJson(lineCount));
    QElapsedTimer timer;
    timer.start();
    const QByteArray first = renderInvoicePdf(invoice);
    const double firstMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (first.isEmpty())
        qFatal("rendering failed");
    if (!writePath.isEmpty()) {
        QFile file(writePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(first) != first.size())
            qFatal("cannot write %s", qPrintable(writePath));
    }

    std::vector<double> times;
    times.reserve(static_cast<size_t>(renders));
    for (int i = 0; i < renders; ++i) {
        timer.restart();
        const QByteArray pdf = renderInvoicePdf(invoice);
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        if (pdf.size() != first.size())
            qFatal("render %d differs in size", i);
    }
    std::sort(times.begin(), times.end());
    auto round2 = [](double ms) { return static_cast<double>(qRound64(ms * 100)) / 100; };
    const double p50 = percentile(times, 0.50);
    const double p99 = percentile(times, 0.99);
    const QJsonObject result{{"benchmark", "invoice_pdf"},
                             {"renders", renders},
                             {"lines", lineCount},
                             {"pdf_bytes", first.size()},
                             {"first_render_ms", round2(firstMs)},
                             {"p50_ms", round2(p50)},
                             {"p99_ms", round2(p99)},
                             {"max_ms", round2(times.back())},
                             {"target_ms", 50},
                             {"within_target", p99 <= 50}};
    std::cout << QJsonDocument(result).toJson(QJsonDocument::Indented).constData();
    return 0;
}
