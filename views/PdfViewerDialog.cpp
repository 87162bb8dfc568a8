#include "views/PdfViewerDialog.h"

#include <QBuffer>
#include <QDialogButtonBox>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfView>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace creditdesk {

PdfViewerDialog::PdfViewerDialog(const QByteArray& pdf, const QString& title, SaveRequest save,
                                 QWidget* parent)
    : QDialog(parent), m_pdf(pdf), m_buffer(new QBuffer(&m_pdf, this)), m_document(new QPdfDocument(this)),
      m_view(new QPdfView(this)), m_save(std::move(save))
{
    setObjectName(QStringLiteral("pdfViewer"));
    setWindowTitle(title);
    m_buffer->open(QIODevice::ReadOnly);
    m_document->load(m_buffer);
    m_view->setObjectName(QStringLiteral("pdfView"));
    m_view->setAccessibleName(title);
    m_view->setPageMode(QPdfView::PageMode::MultiPage);
    m_view->setZoomMode(QPdfView::ZoomMode::FitToWidth);
    m_view->setDocument(m_document);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* printButton = buttons->addButton(tr("Print…"), QDialogButtonBox::ActionRole);
    printButton->setObjectName(QStringLiteral("printPdf"));
    auto* saveButton = buttons->addButton(tr("Save PDF…"), QDialogButtonBox::ActionRole);
    saveButton->setObjectName(QStringLiteral("savePdf"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(printButton, &QPushButton::clicked, this, &PdfViewerDialog::print);
    connect(saveButton, &QPushButton::clicked, this, [this] {
        if (m_save)
            m_save(m_pdf);
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(760, 900);
}

PdfViewerDialog::~PdfViewerDialog()
{
    // The document reads the buffer until it is closed.
    m_document->close();
}

int PdfViewerDialog::pageCount() const
{
    return m_document->pageCount();
}

bool PdfViewerDialog::isLoaded() const
{
    return m_document->status() == QPdfDocument::Status::Ready;
}

void PdfViewerDialog::print()
{
    auto* printer = new QPrinter(QPrinter::HighResolution);
    auto* dialog = new QPrintDialog(printer, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, printer](int result) {
        if (result == QDialog::Accepted)
            printTo(printer);
        delete printer;
    });
    dialog->open();
}

bool PdfViewerDialog::printTo(QPrinter* printer) const
{
    if (!isLoaded())
        return false;
    QPainter painter;
    if (!painter.begin(printer))
        return false;
    for (int page = 0; page < m_document->pageCount(); ++page) {
        if (page > 0 && !printer->newPage())
            return false;
        // Rendered at the printer's resolution, scaled to fit the printable area and keeping its shape.
        const QRect area = printer->pageLayout().paintRectPixels(printer->resolution());
        const QSizeF points = m_document->pagePointSize(page);
        const qreal scale = std::min(area.width() / points.width(), area.height() / points.height());
        const QSize pixels = (points * scale).toSize();
        const QImage image = m_document->render(page, pixels);
        painter.drawImage(QPoint(0, 0), image);
    }
    return painter.end();
}

} // namespace creditdesk
