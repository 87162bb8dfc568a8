#pragma once

#include "views/CollectionPane.h"

#include <QDateTime>

#include <optional>

namespace creditdesk {

// The fired alerts of the organization (GET /api/v1/alerts with since; members: the alerts about their
// own limit), from the cache the sync keeps, so it works offline: when, how serious, what, the value
// against the threshold, and who acknowledged it. Filtered by level, kind and date range, exported as
// CSV. An acknowledged alert comes again from the server with a new seq and replaces its row. Shown on
// the Alerts pane's first tab.
class AlertFeed : public CollectionPane
{
    Q_OBJECT

public:
    // One alert, read from a row in collection()'s column order.
    struct Alert
    {
        qint64 id = 0;
        qint64 seq = 0;
        std::optional<qint64> ruleId;
        QString kind;
        QString level;
        QString message;
        qint64 value = 0;
        qint64 threshold = 0;
        QDateTime firedAt;
        QDateTime acknowledgedAt; // invalid: active
        std::optional<qint64> acknowledgedBy;

        bool isActive() const { return !acknowledgedAt.isValid(); }
    };

    explicit AlertFeed(const PaneContext& context, QWidget* parent = nullptr);

    static const SyncedCollection& collection();
    static Alert alertFromRow(const CollectionTableModel::Row& row);

    void setLevelFilter(const QString& level) { setFilter(0, level); }
    void setKindFilter(const QString& kind) { setFilter(1, kind); }
    // The alerts shown, newest first.
    QList<Alert> alerts() const;
    // The selected alert, if any.
    std::optional<Alert> selectedAlert() const;

protected:
    QString countText(int rows) const override;
    QString exportedText(qint64 rows, const QString& fileName) const override;

private:
    static QList<CollectionTableModel::Column> columns(const AlertFeed* feed);
    static QList<Filter> filters();
};

} // namespace creditdesk
