#include "invoices/InvoicePdf.h"

#include <QDateTime>

#include <algorithm>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

namespace creditdesk::server {

namespace {

// A4 in PostScript points (Cairo's PDF unit), and the layout's fixed geometry.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 50;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kContentBottom = kPageHeight - kMargin - 20; // the footer sits below
constexpr double kRowPadding = 5;

// The lines table: description (wraps), quantity, unit price, amount (numbers right-aligned).
constexpr double kDescriptionX = kMargin;
constexpr double kDescriptionWidth = 275;
constexpr double kQuantityX = kMargin + 280;
constexpr double kQuantityWidth = 45;
constexpr double kUnitX = kMargin + 330;
constexpr double kUnitWidth = 70;
constexpr double kAmountX = kMargin + 405;
constexpr double kAmountWidth = kContentWidth - 405;
// The totals: labels right-aligned against the amount column.
constexpr double kTotalsLabelX = kMargin + 150;
constexpr double kTotalsLabelWidth = 240;

QString groupThousands(quint64 value)
{
    QString digits = QString::number(value);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

QString formatQuantity(qint64 quantity)
{
    const bool negative = quantity < 0;
    const QString digits = groupThousands(negative ? 0 - quint64(quantity) : quint64(quantity));
    return negative ? QLatin1Char('-') + digits : digits;
}

// "2026-12-01T00:00:00Z" -> "2026-12-01" (UTC). A period's end is exclusive ([start, end)), so an end at
// midnight shows the day before: the period's last day.
QString displayDate(const QString& iso, bool exclusiveEnd = false)
{
    if (iso.isEmpty())
        return {};
    QDate date = QDate::fromString(iso, Qt::ISODate);
    if (!date.isValid()) {
        QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
        if (!time.isValid())
            return iso;
        time = time.toUTC();
        if (exclusiveEnd && time.time() != QTime(0, 0))
            exclusiveEnd = false;
        date = time.date();
    }
    return (exclusiveEnd ? date.addDays(-1) : date).toString(Qt::ISODate);
}

QString statusText(const InvoiceDocument& invoice)
{
    const QString& status = invoice.status;
    if (status == u"paid")
        return QStringLiteral("Paid in full. Thank you.");
    if (status == u"open") {
        QString text =
            QStringLiteral("Open: %1 due").arg(formatMoney(invoice.amountDueMinor, invoice.currency));
        if (!invoice.dueAt.isEmpty())
            text += QStringLiteral(" by %1").arg(displayDate(invoice.dueAt));
        if (!invoice.number.isEmpty())
            text += QStringLiteral(", quoting %1").arg(invoice.number);
        return text + QLatin1Char('.');
    }
    if (status == u"void")
        return QStringLiteral("Void: this invoice has been cancelled and is not payable.");
    if (status == u"uncollectible")
        return QStringLiteral("Uncollectible: %1 unpaid.")
            .arg(formatMoney(invoice.amountDueMinor, invoice.currency));
    if (status == u"draft")
        return QStringLiteral("Draft: not yet issued, not payable.");
    return status;
}

QString statusLabel(const QString& status)
{
    if (status.isEmpty())
        return status;
    return status.left(1).toUpper() + status.mid(1);
}

cairo_status_t appendChunk(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<QByteArray*>(closure)->append(reinterpret_cast<const char*>(data), qsizetype(length));
    return CAIRO_STATUS_SUCCESS;
}

enum class Style
{
    Normal,
    Bold,
    Small,
    Heading,
    Title
};
enum class Align
{
    Left,
    Right
};

// One render: a Cairo context on the PDF surface, one Pango layout reused for every text (set text,
// font, width, alignment; draw), and the running position on the current page.
class InvoiceRenderer
{
public:
    InvoiceRenderer(cairo_t* cr, const InvoiceDocument& invoice) : cr_(cr), invoice_(invoice)
    {
        context_ = pango_cairo_create_context(cr_);
        // Cairo's PDF unit is the point (1/72 in); without this Pango assumes 96 dpi and sizes grow by 4/3.
        pango_cairo_context_set_resolution(context_, 72);
        // Metrics independent of any screen's hinting, so that the layout is the same everywhere.
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(context_, options);
        cairo_font_options_destroy(options);
        layout_ = pango_layout_new(context_);
        pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
        fonts_[int(Style::Normal)] = pango_font_description_from_string("DejaVu Sans 9");
        fonts_[int(Style::Bold)] = pango_font_description_from_string("DejaVu Sans Bold 9");
        fonts_[int(Style::Small)] = pango_font_description_from_string("DejaVu Sans 7.5");
        fonts_[int(Style::Heading)] = pango_font_description_from_string("DejaVu Sans Bold 11");
        fonts_[int(Style::Title)] = pango_font_description_from_string("DejaVu Sans Bold 18");
    }
    ~InvoiceRenderer()
    {
        for (PangoFontDescription* font : fonts_)
            pango_font_description_free(font);
        g_object_unref(layout_);
        g_object_unref(context_);
    }
    InvoiceRenderer(const InvoiceRenderer&) = delete;
    InvoiceRenderer& operator=(const InvoiceRenderer&) = delete;

    void render()
    {
        header();
        linesTable();
        totals();
        footer();
    }

private:
    // Lays the text out in a box `width` wide and returns its height; draws it at (x, y) when asked.
    double layout(const QString& text, Style style, double width, Align align = Align::Left)
    {
        const QByteArray utf8 = text.toUtf8();
        pango_layout_set_font_description(layout_, fonts_[int(style)]);
        pango_layout_set_width(layout_, int(width * PANGO_SCALE));
        pango_layout_set_alignment(layout_, align == Align::Right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        pango_layout_set_text(layout_, utf8.constData(), int(utf8.size()));
        int logicalWidth = 0;
        int logicalHeight = 0;
        pango_layout_get_size(layout_, &logicalWidth, &logicalHeight);
        return double(logicalHeight) / PANGO_SCALE;
    }
    double draw(double x, double y, double width, const QString& text, Style style, Align align = Align::Left)
    {
        const double height = layout(text, style, width, align);
        if (!measuring_) {
            cairo_move_to(cr_, x, y);
            pango_cairo_show_layout(cr_, layout_);
        }
        return height;
    }
    void rule(double y, double gray = 0.6, double lineWidth = 0.5, double fromX = kMargin)
    {
        if (measuring_)
            return;
        cairo_save(cr_);
        cairo_set_source_rgb(cr_, gray, gray, gray);
        cairo_set_line_width(cr_, lineWidth);
        cairo_move_to(cr_, fromX, y);
        cairo_line_to(cr_, kMargin + kContentWidth, y);
        cairo_stroke(cr_);
        cairo_restore(cr_);
    }

    QString money(qint64 amountMinor) const { return formatMoney(amountMinor, invoice_.currency); }

    // The page's footer: who issued which invoice, and the page number.
    void footer()
    {
        const double y = kPageHeight - kMargin;
        draw(kMargin, y, kContentWidth / 2, invoice_.seller.legalName, Style::Small);
        draw(kMargin + kContentWidth / 2, y, kContentWidth / 2,
             (invoice_.number.isEmpty() ? QString() : invoice_.number + QStringLiteral("  ")) +
                 QStringLiteral("Page %1").arg(page_),
             Style::Small, Align::Right);
    }
    // Ends the page and starts the next with a short header (the caller repeats the table header).
    void newPage()
    {
        if (measuring_) {
            y_ = kMargin + 26;
            return;
        }
        footer();
        cairo_show_page(cr_);
        ++page_;
        y_ = kMargin;
        draw(kMargin, y_, kContentWidth,
             QStringLiteral("Invoice %1 (continued)")
                 .arg(invoice_.number.isEmpty() ? statusLabel(invoice_.status) : invoice_.number),
             Style::Bold);
        y_ += 16;
        rule(y_);
        y_ += 10;
    }
    bool fits(double height) const { return y_ + height <= kContentBottom; }

    // A party's block: name in bold, the address, the country, tax id and e-mail. Returns its height.
    double partyBlock(double x, double y, double width, const InvoiceParty& party)
    {
        double height = draw(x, y, width, party.legalName, Style::Bold);
        QStringList lines = party.addressLines;
        if (!party.country.isEmpty())
            lines.append(party.country);
        if (!party.taxId.isEmpty())
            lines.append(QStringLiteral("Tax ID: %1").arg(party.taxId));
        if (!party.email.isEmpty())
            lines.append(party.email);
        if (!lines.isEmpty())
            height += draw(x, y + height, width, lines.join(QLatin1Char('\n')), Style::Normal);
        return height;
    }

    void header()
    {
        // Left: the seller. Right: the title and the invoice's facts, label and value.
        const double sellerHeight = partyBlock(kMargin, kMargin, 270, invoice_.seller);
        const double factsX = kMargin + 290;
        const double labelWidth = 70;
        const double valueWidth = kContentWidth - 290 - labelWidth;
        double y = kMargin;
        const bool draft = invoice_.status == u"draft";
        y += draw(factsX, y, kContentWidth - 290,
                  draft ? QStringLiteral("Draft invoice") : QStringLiteral("Invoice"), Style::Title) +
             6;
        QList<std::pair<QString, QString>> facts;
        if (!invoice_.number.isEmpty())
            facts.append({QStringLiteral("Number"), invoice_.number});
        facts.append({QStringLiteral("Issued"), displayDate(invoice_.issuedAt)});
        facts.append({QStringLiteral("Due"), displayDate(invoice_.dueAt)});
        if (!invoice_.periodStart.isEmpty() && !invoice_.periodEnd.isEmpty())
            facts.append({QStringLiteral("Period"), QStringLiteral("%1 to %2")
                                                        .arg(displayDate(invoice_.periodStart),
                                                             displayDate(invoice_.periodEnd, true))});
        facts.append({QStringLiteral("Status"), statusLabel(invoice_.status)});
        for (const auto& [label, value] : facts) {
            if (value.isEmpty())
                continue;
            draw(factsX, y, labelWidth, label, Style::Normal);
            y += draw(factsX + labelWidth, y, valueWidth, value, Style::Bold);
        }
        y_ = std::max(kMargin + sellerHeight, y) + 24;

        draw(kMargin, y_, 270, QStringLiteral("Bill to"), Style::Small);
        y_ += 12;
        y_ += partyBlock(kMargin, y_, 270, invoice_.buyer) + 24;
    }

    void tableHeader()
    {
        draw(kDescriptionX, y_, kDescriptionWidth, QStringLiteral("Description"), Style::Bold);
        draw(kQuantityX, y_, kQuantityWidth, QStringLiteral("Qty"), Style::Bold, Align::Right);
        draw(kUnitX, y_, kUnitWidth, QStringLiteral("Unit price"), Style::Bold, Align::Right);
        y_ += draw(kAmountX, y_, kAmountWidth, QStringLiteral("Amount"), Style::Bold, Align::Right) + 3;
        rule(y_, 0.2, 0.8);
        y_ += kRowPadding;
    }

    void linesTable()
    {
        tableHeader();
        for (const InvoiceDocumentLine& line : invoice_.lines) {
            // A row moves to the next page whole (its description may wrap over several lines).
            const double height = layout(line.description, Style::Normal, kDescriptionWidth) + kRowPadding;
            if (!fits(height)) {
                newPage();
                tableHeader();
            }
            draw(kDescriptionX, y_, kDescriptionWidth, line.description, Style::Normal);
            // Lines without a quantity (a fee, a discount) show only their amount.
            if (line.quantity != 0) {
                draw(kQuantityX, y_, kQuantityWidth, formatQuantity(line.quantity), Style::Normal,
                     Align::Right);
                draw(kUnitX, y_, kUnitWidth, money(line.unitAmountMinor), Style::Normal, Align::Right);
            }
            draw(kAmountX, y_, kAmountWidth, money(line.amountMinor), Style::Normal, Align::Right);
            y_ += height;
        }
        rule(y_ - kRowPadding / 2);
        y_ += 6;
    }

    // One row of the totals; a row that does not fit starts a new page.
    void totalsRow(const QString& label, const QString& amount, Style style = Style::Normal)
    {
        const double height = layout(label, style, kTotalsLabelWidth) + 3;
        if (!fits(height))
            newPage();
        draw(kTotalsLabelX, y_, kTotalsLabelWidth, label, style, Align::Right);
        draw(kAmountX, y_, kAmountWidth, amount, style, Align::Right);
        y_ += height;
    }
    // A paragraph under the totals (a tax note, the payment status), across the width so that it is one
    // run of text for pdftotext and screen readers.
    void paragraph(double x, const QString& text, Style style)
    {
        const double width = kMargin + kContentWidth - x;
        const double height = layout(text, style, width) + 3;
        if (!fits(height))
            newPage();
        draw(x, y_, width, text, style);
        y_ += height;
    }

    // The totals stay together: when they do not fit below the lines, they start the next page (unless
    // they are longer than a page themselves, e.g. with many tax notes).
    void totals()
    {
        const double start = y_;
        measuring_ = true;
        y_ = kMargin;
        totalsBody();
        const double height = y_ - kMargin;
        measuring_ = false;
        y_ = start;
        if (!fits(height) && height <= kContentBottom - kMargin - 26)
            newPage();
        totalsBody();
    }
    void totalsBody()
    {
        totalsRow(QStringLiteral("Subtotal"), money(invoice_.subtotalMinor));
        if (invoice_.discountMinor != 0)
            totalsRow(QStringLiteral("Discount"), money(-invoice_.discountMinor));
        // One row per tax rate: what it was charged on, and the tax; its note (reverse charge, exemption)
        // right below.
        for (const InvoiceTaxLine& tax : invoice_.taxLines) {
            totalsRow(QStringLiteral("%1 %2 on %3")
                          .arg(tax.name, formatRate(tax.rateBasisPoints), money(tax.taxableMinor)),
                      money(tax.taxMinor));
            if (!tax.note.isEmpty())
                paragraph(kMargin + 200, tax.note, Style::Small);
        }
        if (invoice_.taxLines.size() != 1)
            totalsRow(QStringLiteral("Tax"), money(invoice_.taxMinor));
        if (!fits(4))
            newPage();
        y_ += 2;
        rule(y_, 0.2, 0.8, kTotalsLabelX + 90);
        y_ += 4;
        totalsRow(QStringLiteral("Total"), money(invoice_.totalMinor), Style::Heading);
        if (invoice_.amountPaidMinor != 0)
            totalsRow(QStringLiteral("Amount paid"), money(invoice_.amountPaidMinor));
        // Credit notes against this invoice: number and date with the amount, the reason below (like a tax
        // note), so the row stays one line.
        for (const InvoiceCreditNote& note : invoice_.creditNotes) {
            totalsRow(QStringLiteral("Credit note %1 of %2").arg(note.number, displayDate(note.issuedAt)),
                      money(-note.amountMinor));
            if (!note.reason.isEmpty())
                paragraph(kMargin + 200, note.reason, Style::Small);
        }
        totalsRow(QStringLiteral("Amount due"), money(invoice_.amountDueMinor), Style::Bold);
        y_ += 16;
        paragraph(kMargin, statusText(invoice_), Style::Bold);
    }

    cairo_t* cr_;
    const InvoiceDocument& invoice_;
    PangoContext* context_ = nullptr;
    PangoLayout* layout_ = nullptr;
    PangoFontDescription* fonts_[5] = {};
    double y_ = kMargin;
    int page_ = 1;
    bool measuring_ = false; // lay out without drawing, to know a block's height
};

} // namespace

QString formatMoney(qint64 amountMinor, const QString& currency)
{
    const QString code = currency.toUpper();
    QString symbol = code.isEmpty() ? QString() : code + QLatin1Char(' ');
    int decimals = 2;
    if (code == u"USD")
        symbol = QStringLiteral("$");
    else if (code == u"EUR")
        symbol = QStringLiteral("\u20ac");
    else if (code == u"GBP")
        symbol = QStringLiteral("\u00a3");
    else if (code == u"JPY")
        symbol = QStringLiteral("\u00a5"), decimals = 0;
    else if (code == u"KRW")
        symbol = QStringLiteral("\u20a9"), decimals = 0;
    // The magnitude as unsigned, so that even the most negative amount has one.
    const bool negative = amountMinor < 0;
    const quint64 magnitude = negative ? 0 - quint64(amountMinor) : quint64(amountMinor);
    QString number;
    if (decimals == 2)
        number = groupThousands(magnitude / 100) + QLatin1Char('.') +
                 QString::number(magnitude % 100).rightJustified(2, QLatin1Char('0'));
    else
        number = groupThousands(magnitude);
    return (negative ? QStringLiteral("-") : QString()) + symbol + number;
}

QString formatRate(qint64 basisPoints)
{
    const bool negative = basisPoints < 0;
    const quint64 magnitude = negative ? 0 - quint64(basisPoints) : quint64(basisPoints);
    QString rate = QString::number(magnitude / 100);
    if (magnitude % 100 != 0) {
        QString fraction = QString::number(magnitude % 100).rightJustified(2, QLatin1Char('0'));
        if (fraction.endsWith(QLatin1Char('0')))
            fraction.chop(1);
        rate += QLatin1Char('.') + fraction;
    }
    return (negative ? QStringLiteral("-") : QString()) + rate + QLatin1Char('%');
}

QByteArray renderInvoicePdf(const InvoiceDocument& invoice)
{
    QByteArray pdf;
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(appendChunk, &pdf, kPageWidth, kPageHeight);
    const QByteArray title = QStringLiteral("Invoice %1").arg(invoice.number).toUtf8();
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.constData());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
                                   invoice.seller.legalName.toUtf8().constData());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "CreditDesk");
    // The issue time as the creation date: the same invoice renders to the same bytes every time.
    if (!invoice.issuedAt.isEmpty())
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                       invoice.issuedAt.toUtf8().constData());
    cairo_t* cr = cairo_create(surface);
    {
        InvoiceRenderer renderer(cr, invoice);
        renderer.render();
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    return ok ? pdf : QByteArray();
}

} // namespace creditdesk::server
