#pragma once

#include "domain/Records.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <optional>

namespace creditdesk::json {

// Strict readers for the API's JSON (docs/openapi.yaml). Each returns false when a required field is
// missing or has the wrong type; integers are read with toInteger(), never toDouble() (docs/design.md §3).
bool readInteger(const QJsonValue& value, qint64* out);
bool readOptionalInteger(const QJsonValue& value, std::optional<qint64>* out);
bool readTimestamp(const QJsonValue& value, QDateTime* out, bool nullable = false);
// A string member; with `nullable`, null reads as an empty string.
bool readString(const QJsonObject& object, const char* name, QString* out, bool nullable = false);

bool parseUser(const QJsonObject& object, UserProfile* out);
bool parseLogin(const QJsonObject& object, LoginResult* out);
bool parseMe(const QJsonObject& object, Me* out);
bool parseGrant(const QJsonObject& object, Grant* out);
bool parseBalance(const QJsonObject& object, Balance* out);
bool parseTransaction(const QJsonObject& object, Transaction* out);
bool parseMember(const QJsonObject& object, Member* out);
bool parseDepartment(const QJsonObject& object, Department* out);

// {"data": [...]} with every element read by `parser`; false when any element is unreadable.
template<typename Record, typename Parser>
bool parseDataList(const QJsonObject& answer, QList<Record>* out, Parser parser)
{
    const QJsonValue data = answer.value(QStringLiteral("data"));
    if (!data.isArray())
        return false;
    QList<Record> records;
    for (const QJsonValue& value : data.toArray()) {
        Record record;
        if (!value.isObject() || !parser(value.toObject(), &record))
            return false;
        records.append(std::move(record));
    }
    *out = std::move(records);
    return true;
}

} // namespace creditdesk::json
