#pragma once

#include "views/CollectionPane.h"

#include <QDateTime>

#include <optional>

namespace creditdesk {

// The organization's audit trail (owners, admins, finance: audit:read), from the cache the sync keeps
// (collection()), so it works offline: who did what to which target, in words (the server's action name
// in the tooltip), filtered by action, actor and date range, exported as CSV with the exact values.
class ActivityPane : public CollectionPane
{
    Q_OBJECT

public:
    // One audit entry, read from a row in collection()'s column order.
    struct Entry
    {
        qint64 id = 0;
        qint64 seq = 0;
        QDateTime at;
        QString actorType;
        std::optional<qint64> actorId;
        QString action;
        QString targetType;
        std::optional<qint64> targetId;
        QString summary;
        QString requestId;
        QString hash;
    };

    explicit ActivityPane(const PaneContext& context, QWidget* parent = nullptr);

    // The audit trail as the server lists it (GET /api/v1/audit with since) and the cache keeps it.
    static const SyncedCollection& collection();

    // Filters by the server's names: an action ("credits.deducted"), an actor ("user:5", "token:3", "job:").
    void setActionFilter(const QString& action) { setFilter(0, action); }
    void setActorFilter(const QString& actor) { setFilter(1, actor); }
    QStringList actions() const { return filterKeys(0); }
    QStringList actors() const { return filterKeys(1); }
    // The entries shown, newest first.
    QList<Entry> entries() const;

    static Entry entryFromRow(const CollectionTableModel::Row& row);
    // "Credits deducted" for "credits.deducted"; an action this version does not know: its name.
    static QString actionLabel(const QString& action);
    // "Member #5", "Department #2"; a type this version does not know: its name.
    static QString targetLabel(const QString& type, std::optional<qint64> id);
    // "Ada Lovelace", "user #5", "API token #3", "server job": actor_type and actor_id in words.
    static QString actorLabel(const QString& type, std::optional<qint64> id,
                              const QHash<qint64, QString>& names);

protected:
    QString exportedText(qint64 rows, const QString& fileName) const override;

private:
    static QList<CollectionTableModel::Column> columns(const ActivityPane* pane);
    static QList<Filter> filters(const ActivityPane* pane);
};

} // namespace creditdesk
