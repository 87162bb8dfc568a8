#include "models/ActivityTableModel.h"

#include <QLocale>
#include <QTimeZone>

namespace creditdesk {

namespace {

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

} // namespace

ActivityTableModel::ActivityTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int ActivityTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int ActivityTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

ActivityTableModel::Entry ActivityTableModel::entryFromRow(const QVariantList& row)
{
    const SyncedCollection& audit = auditCollection();
    auto value = [&](const char* name) { return row.value(audit.columnIndex(QLatin1String(name))); };
    Entry entry;
    entry.id = value("id").toLongLong();
    entry.seq = value("seq").toLongLong();
    entry.at = QDateTime::fromMSecsSinceEpoch(value("at").toLongLong(), QTimeZone::utc());
    entry.actorType = value("actor_type").toString();
    entry.actorId = optionalInteger(value("actor_id"));
    entry.action = value("action").toString();
    entry.targetType = value("target_type").toString();
    entry.targetId = optionalInteger(value("target_id"));
    entry.summary = value("summary").toString();
    entry.requestId = value("request_id").toString();
    entry.hash = value("hash").toString();
    return entry;
}

QString ActivityTableModel::actorLabel(const QString& type, std::optional<qint64> id,
                                       const QHash<qint64, QString>& names)
{
    const QLocale locale;
    const QString number = id ? locale.toString(*id) : QString();
    if (type == QLatin1String("user"))
        return id && names.contains(*id) ? names.value(*id) : tr("user #%1").arg(number);
    if (type == QLatin1String("token"))
        return tr("API token #%1").arg(number);
    if (type == QLatin1String("job"))
        return tr("server job");
    return type;
}

void ActivityTableModel::setRows(const QList<QVariantList>& rows)
{
    beginResetModel();
    m_entries.clear();
    m_entries.reserve(rows.size());
    for (const QVariantList& row : rows)
        m_entries.append(entryFromRow(row));
    endResetModel();
}

void ActivityTableModel::setMemberNames(const QHash<qint64, QString>& names)
{
    m_names = names;
    if (!m_entries.isEmpty()) {
        const int column = static_cast<int>(Column::Actor);
        Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column), {Qt::DisplayRole});
    }
}

QVariant ActivityTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const Entry& entry = m_entries.at(index.row());
    const auto column = static_cast<Column>(index.column());
    if (role == RawRole) {
        switch (column) {
        case Column::Time:
            return entry.seq;
        case Column::Actor:
            return actorLabel(entry.actorType, entry.actorId, m_names);
        case Column::Action:
            return entry.action;
        case Column::Target:
            return entry.targetType + QLatin1Char(' ') + QString::number(entry.targetId.value_or(0));
        case Column::Summary:
            return entry.summary;
        case Column::Count:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole && column == Column::Time)
        return entry.at.toString(Qt::ISODateWithMs);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QLocale locale;
    switch (column) {
    case Column::Time:
        return locale.toString(entry.at.toLocalTime(), QLocale::ShortFormat);
    case Column::Actor:
        return actorLabel(entry.actorType, entry.actorId, m_names);
    case Column::Action:
        return entry.action;
    case Column::Target:
        if (entry.targetType.isEmpty())
            return QString();
        return entry.targetId
                   ? QStringLiteral("%1 #%2").arg(entry.targetType, locale.toString(*entry.targetId))
                   : entry.targetType;
    case Column::Summary:
        return entry.summary;
    case Column::Count:
        break;
    }
    return {};
}

QVariant ActivityTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Actor:
        return tr("Actor");
    case Column::Action:
        return tr("Action");
    case Column::Target:
        return tr("Target");
    case Column::Summary:
        return tr("Summary");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
