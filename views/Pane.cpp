#include "views/Pane.h"

#include "domain/SyncedCollection.h"
#include "views/ActivityPane.h"
#include "views/CouponsPane.h"
#include "views/DashboardPane.h"
#include "views/PlansPane.h"
#include "views/TransactionsPane.h"

#include <QFileDialog>

namespace creditdesk {

QList<PaneDescriptor> standardPanes()
{
    return {
        PaneDescriptor{QStringLiteral("dashboard"), Pane::tr("Dashboard"), QStringLiteral("go-home"),
                       [](const Organization& organization) {
                           return organization.can(QStringLiteral("organization:read")) ||
                                  organization.id != 0;
                       },
                       [](const PaneContext& context, QWidget* parent) -> Pane* {
                           return new DashboardPane(context, parent);
                       }},
        PaneDescriptor{QStringLiteral("transactions"), Pane::tr("Transactions"),
                       QStringLiteral("view-list-details"),
                       [](const Organization& organization) { return organization.canReadTransactions(); },
                       [](const PaneContext& context, QWidget* parent) -> Pane* {
                           return new TransactionsPane(context, parent);
                       }},
        // Narrow: the activity pane reads the cache through the async reader and asks for a file, nothing
        // else.
        PaneDescriptor{
            QStringLiteral("activity"), Pane::tr("Activity"), QStringLiteral("view-history"),
            [](const Organization& organization) { return organization.can(auditCollection().permission); },
            [](const PaneContext& context, QWidget* parent) -> Pane* {
                return new ActivityPane(context.reader, context.clock, context.chooseSaveFile, parent);
            }},
        // Plans and coupons ask the server through context.billing: live answers, not the cache.
        PaneDescriptor{QStringLiteral("plans"), Pane::tr("Plans"), QStringLiteral("view-financial-list"),
                       &PlansPane::visibleFor,
                       [](const PaneContext& context, QWidget* parent) -> Pane* {
                           return new PlansPane(context, parent);
                       }},
        PaneDescriptor{QStringLiteral("coupons"), Pane::tr("Coupons"), QStringLiteral("bookmark-new"),
                       &CouponsPane::visibleFor,
                       [](const PaneContext& context, QWidget* parent) -> Pane* {
                           return new CouponsPane(context, parent);
                       }},
    };
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
