#pragma once

#include "domain/SyncedCollection.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace creditdesk {

// The audit entries a query selected (rows of auditCollection(), newest first) as a table: time, actor,
// action, target, summary. Display text is locale-formatted; RawRole carries what sorting wants.
class ActivityTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Time,
        Actor,
        Action,
        Target,
        Summary,
        Count
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1
    };

    // One audit entry, read from a row in auditCollection()'s column order.
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

    explicit ActivityTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setRows(const QList<QVariantList>& rows);
    void setMemberNames(const QHash<qint64, QString>& names);
    const QList<Entry>& entries() const { return m_entries; }

    static Entry entryFromRow(const QVariantList& row);
    // "Ada Lovelace", "user #5", "API token #3", "server job": actor_type and actor_id in words.
    static QString actorLabel(const QString& type, std::optional<qint64> id,
                              const QHash<qint64, QString>& names);

private:
    QList<Entry> m_entries;
    QHash<qint64, QString> m_names;
};

} // namespace creditdesk
