#include "views/Pane.h"

#include <QFileDialog>

namespace creditdesk {

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
        auto* dialog = new QFileDialog(parent, Pane::tr("Export transactions"), suggestedName,
                                       Pane::tr("CSV files (*.csv)"));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setDefaultSuffix(QStringLiteral("csv"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QFileDialog::fileSelected, dialog,
                         [chosen](const QString& file) { chosen(file); });
        dialog->open();
    };
}

} // namespace creditdesk
