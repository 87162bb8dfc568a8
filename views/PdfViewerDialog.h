#pragma once

#include <QByteArray>
#include <QDialog>

#include <functional>

class QBuffer;
class QPdfDocument;
class QPdfView;
class QPrinter;

namespace creditdesk {

// Shows a PDF the server rendered (an invoice: GET /invoices/{id}/pdf, application/pdf) with Qt PDF, the
// same document the customer downloads; prints it (each page rendered at the printer's resolution) and
// saves it byte for byte. The only user of Qt PDF.
class PdfViewerDialog : public QDialog
{
    Q_OBJECT

public:
    using SaveRequest = std::function<void(const QByteArray& pdf)>;

    // `save` asks where to write the bytes (the pane's file chooser).
    PdfViewerDialog(const QByteArray& pdf, const QString& title, SaveRequest save, QWidget* parent = nullptr);
    ~PdfViewerDialog() override;

    int pageCount() const;
    bool isLoaded() const;
    // Renders every page into `printer` (what Print does after the print dialog).
    bool printTo(QPrinter* printer) const;

private:
    void print();

    QByteArray m_pdf;
    QBuffer* m_buffer;
    QPdfDocument* m_document;
    QPdfView* m_view;
    SaveRequest m_save;
};

} // namespace creditdesk
