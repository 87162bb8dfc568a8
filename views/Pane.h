#pragma once

#include "domain/Records.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <functional>

namespace creditdesk {

class AsyncCacheReader;
class BillingClient;
class Clock;

// Asks the user for a file to write; answers asynchronously (no nested event loop). Tests replace it.
using FileChooser = std::function<void(QWidget* parent, const QString& suggestedName,
                                       std::function<void(const QString& fileName)> chosen)>;

// What a pane needs from the rest of the console, passed in (no singletons): what it reads (the cache,
// through the async reader only) and what it may ask (the time, a file to write, the plan and coupon
// requests of BillingClient). Never the session.
struct PaneContext
{
    AsyncCacheReader* reader = nullptr;
    const Clock* clock = nullptr;
    FileChooser chooseSaveFile;
    BillingClient* billing = nullptr;
};

// One feature of the console: the main window shows the panes the signed-in role may use and tells the
// current one when the organization or the cache changes. Later panes (usage charts, tiers, seats,
// invoices, API keys, alerts) are one more Pane subclass and one more PaneDescriptor.
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
};

struct PaneDescriptor
{
    QString id;
    QString title;
    QString iconName; // freedesktop icon theme name
    std::function<bool(const Organization&)> visibleFor;
    std::function<Pane*(const PaneContext&, QWidget* parent)> create;
};

// The panes of this version, in navigation order.
QList<PaneDescriptor> standardPanes();

// Default FileChooser: a non-modal QFileDialog.
FileChooser defaultSaveFileChooser();

} // namespace creditdesk
