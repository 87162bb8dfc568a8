#include "domain/SyncedCollection.h"

#include <QDateTime>
#include <QJsonValue>

namespace creditdesk {

int SyncedCollection::columnIndex(const QString& name) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == name)
            return i;
    }
    return -1;
}

bool SyncedCollection::rowFromJson(const QJsonObject& object, QVariantList* row) const
{
    QVariantList values;
    values.reserve(columns.size());
    for (const SyncedColumn& column : columns) {
        QJsonValue value = object;
        for (const QString& key : column.jsonPath.split(QLatin1Char('.')))
            value = value.toObject().value(key);
        if (value.isNull() || value.isUndefined()) {
            if (!column.nullable)
                return false;
            values.append(column.type == SyncedColumn::Type::Text ? QVariant(QMetaType(QMetaType::QString))
                                                                  : QVariant(QMetaType(QMetaType::LongLong)));
            continue;
        }
        switch (column.type) {
        case SyncedColumn::Type::Integer:
            if (!value.isDouble())
                return false;
            values.append(QVariant(value.toInteger()));
            break;
        case SyncedColumn::Type::Text:
            if (!value.isString())
                return false;
            values.append(value.toString());
            break;
        case SyncedColumn::Type::Timestamp: {
            const QDateTime when = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            if (!value.isString() || !when.isValid())
                return false;
            values.append(QVariant(when.toMSecsSinceEpoch()));
            break;
        }
        }
    }
    *row = std::move(values);
    return true;
}

const SyncedCollection& auditCollection()
{
    using Type = SyncedColumn::Type;
    static const SyncedCollection collection{
        QStringLiteral("audit"),
        QStringLiteral("/api/v1/audit"),
        QStringLiteral("audit:read"),
        QStringLiteral("seq"),
        QStringLiteral("at"),
        QStringLiteral("audit_entries"),
        {
            {QStringLiteral("id"), QStringLiteral("id"), Type::Integer, false},
            {QStringLiteral("seq"), QStringLiteral("seq"), Type::Integer, false},
            {QStringLiteral("at"), QStringLiteral("at"), Type::Timestamp, false},
            {QStringLiteral("actor_type"), QStringLiteral("actor.type"), Type::Text, false},
            {QStringLiteral("actor_id"), QStringLiteral("actor.id"), Type::Integer, true},
            {QStringLiteral("action"), QStringLiteral("action"), Type::Text, false},
            {QStringLiteral("target_type"), QStringLiteral("target.type"), Type::Text, true},
            {QStringLiteral("target_id"), QStringLiteral("target.id"), Type::Integer, true},
            {QStringLiteral("summary"), QStringLiteral("summary"), Type::Text, false},
            {QStringLiteral("request_id"), QStringLiteral("request_id"), Type::Text, true},
            {QStringLiteral("hash"), QStringLiteral("hash"), Type::Text, false},
        },
    };
    return collection;
}

QList<SyncedCollection> syncedCollections()
{
    return {auditCollection()};
}

} // namespace creditdesk
