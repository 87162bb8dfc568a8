#pragma once

#include "domain/Records.h"
#include "domain/SyncedCollection.h"

#include <QList>
#include <QString>
#include <QUrl>
#include <QWidget>

#include <functional>

namespace creditdesk {

class AlertsClient;
class AsyncCacheReader;
class BillingClient;
class Clock;
class InvoicesClient;
class OrganizationClient;
class SnapshotCache;
class UsageClient;

// Asks the user for a file to write; answers asynchronously (no nested event loop). Tests replace it.
using FileChooser = std::function<void(QWidget* parent, const QString& suggestedName,
                                       std::function<void(const QString& fileName)> chosen)>;

// Opens a web page in the user's browser (the payment-method portal). Tests replace it.
using UrlOpener = std::function<void(const QUrl& url)>;

// What a pane needs from the rest of the console, passed in (no singletons): what it reads (the cache,
// through the async reader only, and the snapshots of reads without a since-cursor) and what it may ask
// (the time, a file to write, the plan and coupon requests of BillingClient, the administration requests
// of OrganizationClient, the usage reports of UsageClient). Never the session.
struct PaneContext
{
    AsyncCacheReader* reader = nullptr;
    const Clock* clock = nullptr;
    FileChooser chooseSaveFile;
    BillingClient* billing = nullptr;
    OrganizationClient* organization = nullptr;
    // The last answers of per-organization reads, for when the server cannot be reached.
    SnapshotCache* snapshots = nullptr;
    // The usage reports, forecast and recommendations (the Usage pane, the dashboard's forecast).
    UsageClient* usage = nullptr;
    // The alert rules, preferences, webhooks and acknowledgements of the Alerts pane.
    AlertsClient* alerts = nullptr;
    // One invoice, its PDF, payments, billing profile, credit packs and the operator's invoice actions.
    InvoicesClient* invoices = nullptr;
    UrlOpener openUrl = {}; // defaultUrlOpener() in the application; a test records the URL instead
};

// One feature of the console: PaneController shows the panes the signed-in role may use and tells the
// current one when the organization or the cache changes. Later panes (usage charts, tiers, seats,
// invoices, API keys, alerts) are one more Pane subclass and one more line in standardPanes().
class Pane : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual void setOrganization(const Organization& organization) = 0;
    // The cache changed (a sync finished a page or a run).
    virtual void refresh() = 0;
    virtual bool canExport() const { return false; }
    virtual void exportData() {}

Q_SIGNALS:
    void statusMessage(const QString& message);

protected:
    // The pane as one scrolling page: the widget to lay the pane's content out on.
    QWidget* scrollingContent();
};

// What the console knows about a pane before it exists: its place in the navigation, who sees it, how to
// build it, and what the sync must keep in the cache for it.
struct PaneDescriptor
{
    QString id;       // stable: settings and tests name panes by it
    QString title;    // translated (Pane::tr)
    QString iconName; // freedesktop icon theme name
    std::function<bool(const Organization&)> visibleFor;
    std::function<Pane*(const PaneContext&, QWidget* parent)> create;
    QList<SyncedCollection> collections; // synced for the organizations whose role has their permission

    // A pane over one synced collection, for the roles that may read it: PaneType(context, parent) and
    // PaneType::collection() (e.g. ActivityPane).
    template<typename PaneType>
    static PaneDescriptor synced(const QString& id, const QString& title, const QString& iconName)
    {
        const SyncedCollection& collection = PaneType::collection();
        return {id,
                title,
                iconName,
                [collection](const Organization& organization) {
                    return collection.readableWith(organization.permissions);
                },
                &PaneDescriptor::make<PaneType>,
                {collection}};
    }
    template<typename PaneType> static Pane* make(const PaneContext& context, QWidget* parent)
    {
        return new PaneType(context, parent);
    }
};

// The panes of this version, in navigation order (views/StandardPanes.cpp: one line per pane).
QList<PaneDescriptor> standardPanes();
// Every collection the panes need synced, in pane order, each once.
QList<SyncedCollection> collectionsOf(const QList<PaneDescriptor>& panes);

// Default FileChooser: a non-modal QFileDialog.
FileChooser defaultSaveFileChooser();
// Default UrlOpener: QDesktopServices::openUrl.
UrlOpener defaultUrlOpener();

} // namespace creditdesk
