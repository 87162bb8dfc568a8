#include "domain/SyncedCollection.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace creditdesk {

bool SyncedCollection::readableWith(const QStringList& permissions) const
{
    if (permissions.contains(permission))
        return true;
    for (const QString& own : ownPermissions) {
        if (permissions.contains(own))
            return true;
    }
    return false;
}

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
        if (!column.jsonPath.isEmpty()) {
            for (const QString& key : column.jsonPath.split(QLatin1Char('.')))
                value = value.toObject().value(key);
        }
        if (value.isNull() || value.isUndefined()) {
            if (!column.nullable)
                return false;
            values.append(column.storedAsText() ? QVariant(QMetaType(QMetaType::QString))
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
        case SyncedColumn::Type::Json:
            if (!value.isObject() && !value.isArray())
                return false;
            values.append(QString::fromUtf8(
                value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
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

} // namespace creditdesk
