// The invoice PDF (server/invoices/InvoicePdf.h) without a server: money formatting from integers, the
// render model read from the invoice JSON, and rendered PDFs read back with poppler's pdftotext -layout and
// pdfinfo (poppler-utils, scripts/install-deps): a golden invoice (three lines, a discount, a reverse-charge
// tax line) shows the number, both parties, each line, the tax note and the exact totals; 300 lines run over
// several pages and every line stays extractable; renders in parallel threads agree.
#include "invoices/InvoiceDocument.h"
#include "invoices/InvoicePdf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>
#include <thread>
#include <vector>

using namespace creditdesk::server;

namespace {

const QString kReverseCharge =
    "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).";

QJsonObject party(const QString& name, const QJsonObject& address, const QString& country,
                  const QString& taxId, const QString& email)
{
    return {{"legal_name", name},
            {"address", address},
            {"country", country},
            {"tax_id", taxId},
            {"email", email}};
}

QJsonObject line(const QString& kind, const QString& description, qint64 quantity, qint64 unit)
{
    return {{"kind", kind},
            {"description", description},
            {"quantity", quantity},
            {"unit_amount_minor", unit},
            {"amount_minor", quantity * unit}};
}

// The golden invoice, in the shape of GET /api/v1/invoices/{id}: a German seller, a Dutch business buyer
// with a VAT id (reverse charge), three lines, a 10 % verified-institution discount.
QJsonObject goldenInvoice()
{
    const QJsonArray lines{line("fee", "Team plan, December 2026", 1, 49'900),
                           line("seats", "Additional seats", 3, 2'500),
                           line("overage", "Usage beyond credits, November 2026", 1, 5'000)};
    return {
        {"id", "inv_1"},
        {"number", "CD-2026-000123"},
        {"seq", 123},
        {"kind", "period"},
        {"status", "open"},
        {"seller", party("CreditDesk GmbH",
                         {{"line1", "Friedrichstrasse 123"}, {"postal_code", "10117"}, {"city", "Berlin"}},
                         "DE", "DE123456789", "billing@creditdesk.example.org")},
        {"buyer", QJsonObject{{"legal_name", "Acme Robotics B.V."},
                              {"email", "finance@acme.example.com"},
                              {"address", QJsonObject{{"line1", "Keizersgracht 1"},
                                                      {"line2", "Floor 4"},
                                                      {"city", "Amsterdam"},
                                                      {"postal_code", "1015 CJ"},
                                                      {"region", "Noord-Holland"},
                                                      {"country", "NL"}}},
                              {"tax_id", "NL123456789B01"}}},
        {"issued_at", "2026-12-01T00:00:00Z"},
        {"due_at", "2026-12-31T00:00:00Z"},
        {"period_start", "2026-12-01T00:00:00Z"},
        {"period_end", "2027-01-01T00:00:00Z"},
        {"currency", "USD"},
        {"lines", lines},
        {"subtotal_minor", 62'400},
        {"discount_minor", 6'240},
        {"tax_lines", QJsonArray{QJsonObject{{"name", "VAT"},
                                             {"rate_basis_points", 0},
                                             {"taxable_minor", 56'160},
                                             {"tax_minor", 0},
                                             {"note", kReverseCharge}}}},
        {"tax_minor", 0},
        {"total_minor", 56'160},
        {"amount_paid_minor", 0},
        {"amount_due_minor", 56'160}};
}

QString run(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        qFatal("%s failed: %s", qPrintable(program), process.readAllStandardError().constData());
    return QString::fromUtf8(process.readAllStandardOutput());
}

struct Extracted
{
    QString text; // pdftotext -layout
    int pages = 0;
};

Extracted extract(const QByteArray& pdf)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("invoice.pdf");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size())
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    Extracted result;
    result.text = run("pdftotext", {"-layout", path, "-"});
    const QRegularExpressionMatch pages =
        QRegularExpression("^Pages:\\s+(\\d+)$", QRegularExpression::MultilineOption)
            .match(run("pdfinfo", {path}));
    result.pages = pages.hasMatch() ? pages.captured(1).toInt() : -1;
    return result;
}

// A row of the -layout text: the given cells in this order on one line, separated by spaces.
bool hasRow(const QString& text, const QStringList& cells)
{
    QStringList escaped;
    for (const QString& cell : cells)
        escaped.append(QRegularExpression::escape(cell));
    return QRegularExpression("(^|\\s)" + escaped.join("\\s+") + "(\\s|$)",
                              QRegularExpression::MultilineOption)
        .match(text)
        .hasMatch();
}

} // namespace

class TestInvoicePdf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void moneyIsFormattedFromIntegers()
    {
        QCOMPARE(formatMoney(123'456, "USD"), "$1,234.56");
        QCOMPARE(formatMoney(0, "USD"), "$0.00");
        QCOMPARE(formatMoney(5, "USD"), "$0.05");
        QCOMPARE(formatMoney(-1'000, "usd"), "-$10.00");
        QCOMPARE(formatMoney(100'000'000, "USD"), "$1,000,000.00");
        QCOMPARE(formatMoney(123'456, "EUR"), "\u20ac1,234.56");
        QCOMPARE(formatMoney(1'234, "JPY"), "\u00a51,234");
        QCOMPARE(formatMoney(1'250, "CHF"), "CHF 12.50");
        // Exact at the ends of the range, where a double would round.
        QCOMPARE(formatMoney(std::numeric_limits<qint64>::max(), "USD"), "$92,233,720,368,547,758.07");
        QCOMPARE(formatMoney(std::numeric_limits<qint64>::min(), "USD"), "-$92,233,720,368,547,758.08");
        QCOMPARE(formatRate(1'900), "19%");
        QCOMPARE(formatRate(750), "7.5%");
        QCOMPARE(formatRate(1'025), "10.25%");
        QCOMPARE(formatRate(0), "0%");
    }

    void documentReadsTheInvoiceJson()
    {
        const InvoiceDocument document = InvoiceDocument::fromJson(goldenInvoice());
        QCOMPARE(document.number, "CD-2026-000123");
        QCOMPARE(document.status, "open");
        QCOMPARE(document.seller.addressLines, QStringList({"Friedrichstrasse 123", "10117 Berlin"}));
        QCOMPARE(document.seller.country, "DE");
        QCOMPARE(document.buyer.addressLines,
                 QStringList({"Keizersgracht 1", "Floor 4", "1015 CJ Amsterdam", "Noord-Holland"}));
        QCOMPARE(document.buyer.country, "NL"); // from the address
        QCOMPARE(document.buyer.taxId, "NL123456789B01");
        QCOMPARE(int(document.lines.size()), 3);
        QCOMPARE(document.lines[1].quantity, 3);
        QCOMPARE(document.lines[1].unitAmountMinor, 2'500);
        QCOMPARE(document.lines[1].amountMinor, 7'500);
        QCOMPARE(int(document.taxLines.size()), 1);
        QCOMPARE(document.taxLines[0].taxableMinor, 56'160);
        QCOMPARE(document.taxLines[0].note, kReverseCharge);
        QCOMPARE(document.subtotalMinor, 62'400);
        QCOMPARE(document.discountMinor, 6'240);
        QCOMPARE(document.totalMinor, 56'160);
        QCOMPARE(document.amountDueMinor, 56'160);
        // Amounts beyond a double's 53 bits come through exactly.
        QJsonObject big = goldenInvoice();
        big["total_minor"] = qint64(9'007'199'254'740'993);
        QCOMPARE(InvoiceDocument::fromJson(big).totalMinor, qint64(9'007'199'254'740'993));
        // Missing fields stay empty.
        const InvoiceDocument empty = InvoiceDocument::fromJson({});
        QVERIFY(empty.number.isEmpty());
        QVERIFY(empty.lines.empty());
        QCOMPARE(empty.totalMinor, 0);
    }

    void goldenInvoiceIsTextExtractable()
    {
        const QByteArray pdf = renderInvoicePdf(InvoiceDocument::fromJson(goldenInvoice()));
        QVERIFY(pdf.startsWith("%PDF-"));
        const Extracted extracted = extract(pdf);
        QCOMPARE(extracted.pages, 1);
        const QString& text = extracted.text;
        QVERIFY2(text.contains("CD-2026-000123"), qPrintable(text));
        QVERIFY(hasRow(text, {"Number", "CD-2026-000123"}));
        QVERIFY(hasRow(text, {"Issued", "2026-12-01"}));
        QVERIFY(hasRow(text, {"Due", "2026-12-31"}));
        QVERIFY(hasRow(text, {"Period", "2026-12-01 to 2026-12-31"})); // the end is exclusive
        QVERIFY(hasRow(text, {"Status", "Open"}));
        // Seller and buyer with their addresses and tax ids.
        for (const char* expected :
             {"CreditDesk GmbH", "Friedrichstrasse 123", "10117 Berlin", "Tax ID: DE123456789",
              "billing@creditdesk.example.org", "Acme Robotics B.V.", "Keizersgracht 1", "1015 CJ Amsterdam",
              "Noord-Holland", "Tax ID: NL123456789B01", "finance@acme.example.com"})
            QVERIFY2(text.contains(expected), qPrintable(QString(expected) + " missing in\n" + text));
        // Each line: description, quantity, unit price, amount on one row.
        QVERIFY2(hasRow(text, {"Description", "Qty", "Unit price", "Amount"}), qPrintable(text));
        QVERIFY2(hasRow(text, {"Team plan, December 2026", "1", "$499.00", "$499.00"}), qPrintable(text));
        QVERIFY(hasRow(text, {"Additional seats", "3", "$25.00", "$75.00"}));
        QVERIFY(hasRow(text, {"Usage beyond credits, November 2026", "1", "$50.00", "$50.00"}));
        // The totals, exactly.
        QVERIFY(hasRow(text, {"Subtotal", "$624.00"}));
        QVERIFY(hasRow(text, {"Discount", "-$62.40"}));
        QVERIFY(hasRow(text, {"VAT 0% on $561.60", "$0.00"}));
        QVERIFY(hasRow(text, {"Total", "$561.60"}));
        QVERIFY(hasRow(text, {"Amount due", "$561.60"}));
        QVERIFY(!text.contains("Amount paid")); // nothing paid yet
        // The reverse-charge note (it may wrap: compare with the whitespace collapsed) and the payment
        // status.
        const QString flat = text.simplified();
        QVERIFY2(flat.contains(kReverseCharge), qPrintable(flat));
        QVERIFY(flat.contains("Open: $561.60 due by 2026-12-31, quoting CD-2026-000123."));
        // The same invoice renders to the same bytes (the creation date is the issue date).
        QCOMPARE(renderInvoicePdf(InvoiceDocument::fromJson(goldenInvoice())), pdf);
    }

    // Names and addresses as customers write them: accents, Greek, Cyrillic, and characters that would be
    // markup (the text is set as text, never parsed as Pango markup).
    void unicodeAndMarkupCharactersComeThrough()
    {
        QJsonObject invoice = goldenInvoice();
        QJsonObject buyer = invoice["buyer"].toObject();
        buyer["legal_name"] = QString::fromUtf8("M\u00fcller & S\u00f6hne <GmbH>");
        buyer["address"] =
            QJsonArray{QString::fromUtf8("\u039f\u03b4\u03cc\u03c2 \u0391\u03b8\u03b7\u03bd\u03ac\u03c2 5"),
                       QString::fromUtf8("\u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430 7")};
        invoice["buyer"] = buyer;
        const QString text = extract(renderInvoicePdf(InvoiceDocument::fromJson(invoice))).text;
        for (const QString& expected :
             {QString::fromUtf8("M\u00fcller & S\u00f6hne <GmbH>"),
              QString::fromUtf8("\u039f\u03b4\u03cc\u03c2 \u0391\u03b8\u03b7\u03bd\u03ac\u03c2 5"),
              QString::fromUtf8("\u0443\u043b. \u041b\u0435\u043d\u0438\u043d\u0430 7")})
            QVERIFY2(text.contains(expected), qPrintable(expected + " missing in\n" + text));
    }

    // The server renders on its worker threads: renders at the same time give the same bytes.
    void rendersInParallelThreads()
    {
        const InvoiceDocument document = InvoiceDocument::fromJson(goldenInvoice());
        const QByteArray expected = renderInvoicePdf(document);
        std::vector<QByteArray> results(8);
        std::vector<std::thread> threads;
        for (size_t i = 0; i < results.size(); ++i) {
            threads.emplace_back([&, i] {
                for (int n = 0; n < 10; ++n)
                    results[i] = renderInvoicePdf(document);
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        for (const QByteArray& pdf : results)
            QCOMPARE(pdf, expected);
    }

    void paidInvoiceShowsPayment()
    {
        QJsonObject invoice = goldenInvoice();
        invoice["status"] = "paid";
        invoice["amount_paid_minor"] = 56'160;
        invoice["amount_due_minor"] = 0;
        const QString text = extract(renderInvoicePdf(InvoiceDocument::fromJson(invoice))).text;
        QVERIFY(hasRow(text, {"Status", "Paid"}));
        QVERIFY(hasRow(text, {"Amount paid", "$561.60"}));
        QVERIFY(hasRow(text, {"Amount due", "$0.00"}));
        QVERIFY(text.contains("Paid in full."));
    }

    // Credit notes show under the totals with their number, date, reason and amount; a buyer without a
    // billing profile shows its name.
    void creditNotesAndBuyerWithoutProfile()
    {
        QJsonObject invoice = goldenInvoice();
        invoice["buyer"] = QJsonObject{{"name", "Acme Labs"}, {"organization_id", 4}};
        invoice["amount_due_minor"] = 46'160;
        invoice["credit_notes"] = QJsonArray{QJsonObject{{"id", 1},
                                                         {"number", "CN-2026-000007"},
                                                         {"amount_minor", 10'000},
                                                         {"reason", "Service outage"},
                                                         {"refund_status", "none"},
                                                         {"issued_at", "2026-03-05T10:00:00Z"}}};
        const InvoiceDocument document = InvoiceDocument::fromJson(invoice);
        QCOMPARE(document.creditNotes.size(), 1u);
        QCOMPARE(document.creditNotes[0].amountMinor, 10'000);
        QCOMPARE(document.buyer.legalName, QStringLiteral("Acme Labs"));
        const QString text = extract(renderInvoicePdf(document)).text;
        QVERIFY2(hasRow(text, {"Credit note CN-2026-000007 of 2026-03-05", "-$100.00"}), qPrintable(text));
        QVERIFY(text.contains("Service outage"));
        QVERIFY(hasRow(text, {"Amount due", "$461.60"}));
        QVERIFY(text.contains("Acme Labs"));
    }

    // A draft has no number yet and says it is not payable; a purchase has no period.
    void draftPurchaseHasNoNumberOrPeriod()
    {
        QJsonObject invoice = goldenInvoice();
        invoice.remove("number");
        invoice.remove("period_start");
        invoice.remove("period_end");
        invoice["kind"] = "purchase";
        invoice["status"] = "draft";
        const QString text = extract(renderInvoicePdf(InvoiceDocument::fromJson(invoice))).text;
        QVERIFY2(text.contains("Draft invoice"), qPrintable(text));
        QVERIFY(!text.contains("Number"));
        QVERIFY(!text.contains("Period"));
        QVERIFY(hasRow(text, {"Status", "Draft"}));
        QVERIFY(text.contains("Draft: not yet issued, not payable."));
        QVERIFY(hasRow(text, {"CreditDesk GmbH", "Page 1"}));
    }

    void longInvoiceRunsOverSeveralPages()
    {
        QJsonObject invoice = goldenInvoice();
        QJsonArray lines;
        qint64 subtotal = 0;
        for (int i = 1; i <= 300; ++i) {
            lines.append(line("usage", QString("Usage line %1").arg(i, 3, 10, QChar('0')), i, 1'000 + i));
            subtotal += qint64(i) * (1'000 + i);
        }
        invoice["lines"] = lines;
        invoice["subtotal_minor"] = subtotal;
        invoice["discount_minor"] = 0;
        invoice["tax_lines"] = QJsonArray{QJsonObject{{"name", "VAT"},
                                                      {"rate_basis_points", 1'900},
                                                      {"taxable_minor", subtotal},
                                                      {"tax_minor", (subtotal * 1'900 + 5'000) / 10'000},
                                                      {"note", ""}}};
        const qint64 total = subtotal + (subtotal * 1'900 + 5'000) / 10'000;
        invoice["total_minor"] = total;
        invoice["amount_due_minor"] = total;
        const Extracted extracted = extract(renderInvoicePdf(InvoiceDocument::fromJson(invoice)));
        QVERIFY2(extracted.pages >= 5, qPrintable(QString::number(extracted.pages)));
        const QString& text = extracted.text;
        for (int i = 1; i <= 300; ++i) {
            const QString description = QString("Usage line %1").arg(i, 3, 10, QChar('0'));
            QVERIFY2(hasRow(text, {description, QString::number(i), formatMoney(1'000 + i, "USD"),
                                   formatMoney(qint64(i) * (1'000 + i), "USD")}),
                     qPrintable(description));
        }
        // Every page after the first says whose it is and repeats the table header; each page is numbered.
        QCOMPARE(text.count("Invoice CD-2026-000123 (continued)"), extracted.pages - 1);
        QCOMPARE(text.count(QRegularExpression("Unit price")), extracted.pages);
        QVERIFY(hasRow(text, {"CD-2026-000123", QString("Page %1").arg(extracted.pages)}));
        QVERIFY(hasRow(text, {"Total", formatMoney(total, "USD")}));
        // The totals are not split over two pages (pdftotext ends each page with a form feed).
        const QStringList pages = text.split(QChar('\f'));
        const auto totalsPage = std::find_if(pages.begin(), pages.end(),
                                             [](const QString& page) { return page.contains("Amount due"); });
        QVERIFY(totalsPage != pages.end());
        QVERIFY(totalsPage->contains("Subtotal"));
        QVERIFY(totalsPage->contains("VAT 19% on"));
    }
};

QTEST_GUILESS_MAIN(TestInvoicePdf)
#include "tst_invoice_pdf.moc"
