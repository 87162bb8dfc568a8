#include "views/Pane.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QScrollArea>
#include <QVBoxLayout>

namespace creditdesk {

QWidget* Pane::scrollingContent()
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* content = new QWidget(scroll);
    scroll->setWidget(content);
    return content;
}

QList<SyncedCollection> collectionsOf(const QList<PaneDescriptor>& panes)
{
    QList<SyncedCollection> collections;
    QStringList ids;
    for (const PaneDescriptor& pane : panes) {
        for (const SyncedCollection& collection : pane.collections) {
            if (ids.contains(collection.id))
                continue;
            ids.append(collection.id);
            collections.append(collection);
        }
    }
    return collections;
}

FileChooser defaultSaveFileChooser()
{
    return [](QWidget* parent, const QString& suggestedName, std::function<void(const QString&)> chosen) {
        // The suggested name's suffix says what is saved: an invoice's PDF or (everything else) a CSV file.
        const bool pdf = suggestedName.endsWith(QLatin1String(".pdf"));
        auto* dialog = new QFileDialog(parent, pdf ? Pane::tr("Save PDF") : Pane::tr("Export transactions"),
                                       suggestedName,
                                       pdf ? Pane::tr("PDF files (*.pdf)") : Pane::tr("CSV files (*.csv)"));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setDefaultSuffix(pdf ? QStringLiteral("pdf") : QStringLiteral("csv"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QFileDialog::fileSelected, dialog,
                         [chosen](const QString& file) { chosen(file); });
        dialog->open();
    };
}

UrlOpener defaultUrlOpener()
{
    return [](const QUrl& url) { QDesktopServices::openUrl(url); };
}

} // namespace creditdesk
