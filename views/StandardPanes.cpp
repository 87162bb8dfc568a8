// The one list of the console's panes (docs/design.md §7): a new pane is one line here.
#include "views/ActivityPane.h"
#include "views/AlertsPane.h"
#include "views/CouponsPane.h"
#include "views/DashboardPane.h"
#include "views/InvoiceListView.h"
#include "views/InvoicesPane.h"
#include "views/OrganizationPane.h"
#include "views/Pane.h"
#include "views/PlansPane.h"
#include "views/TransactionsPane.h"
#include "views/UsagePane.h"

namespace creditdesk {

QList<PaneDescriptor> standardPanes()
{
    return {
        {QStringLiteral("dashboard"),
         Pane::tr("Dashboard"),
         QStringLiteral("go-home"),
         [](const Organization& organization) {
             return organization.can(QStringLiteral("organization:read")) || organization.id != 0;
         },
         &PaneDescriptor::make<DashboardPane>,
         {}},
        {QStringLiteral("transactions"),
         Pane::tr("Transactions"),
         QStringLiteral("view-list-details"),
         &Organization::canReadTransactions,
         &PaneDescriptor::make<TransactionsPane>,
         {}},
        // Usage reports are live answers (context.usage), scoped by the server; snapshots offline.
        {QStringLiteral("usage"),
         Pane::tr("Usage"),
         QStringLiteral("office-chart-bar"),
         &UsagePane::visibleFor,
         &PaneDescriptor::make<UsagePane>,
         {}},
        PaneDescriptor::synced<ActivityPane>(QStringLiteral("activity"), Pane::tr("Activity"),
                                             QStringLiteral("view-history")),
        // Plans and coupons ask the server through context.billing: live answers, not the cache.
        {QStringLiteral("plans"),
         Pane::tr("Plans"),
         QStringLiteral("view-financial-list"),
         &PlansPane::visibleFor,
         &PaneDescriptor::make<PlansPane>,
         {}},
        {QStringLiteral("coupons"),
         Pane::tr("Coupons"),
         QStringLiteral("bookmark-new"),
         &CouponsPane::visibleFor,
         &PaneDescriptor::make<CouponsPane>,
         {}},
        // Owners, admins and finance (invoices:read): the synced invoices, with payments and purchases.
        {QStringLiteral("invoices"),
         Pane::tr("Invoices"),
         QStringLiteral("document-print"),
         &InvoicesPane::visibleFor,
         &PaneDescriptor::make<InvoicesPane>,
         {InvoiceListView::collection()}},
        // Owners, admins, finance; members and managers for the alerts about their own limit.
        PaneDescriptor::synced<AlertsPane>(QStringLiteral("alerts"), Pane::tr("Alerts"),
                                           QStringLiteral("dialog-warning")),
        // Owners, admins, finance and managers (their department only); members do not see it.
        {QStringLiteral("organization"),
         Pane::tr("Organization"),
         QStringLiteral("system-users"),
         &OrganizationPane::visibleFor,
         &PaneDescriptor::make<OrganizationPane>,
         {}},
    };
}

} // namespace creditdesk
