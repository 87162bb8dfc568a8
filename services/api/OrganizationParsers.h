#pragma once

#include "domain/OrgAdmin.h"

#include <QJsonObject>
#include <QList>

namespace creditdesk::json {

// Readers for the organization administration answers (issue 13's shapes). The identifying fields (ids,
// e-mail, role) are required; the fields newer servers add (status, activity, seats, budgets) are read
// leniently: missing or null leaves them empty, so an older server still gives a usable member list.
bool parseBudgetLimit(const QJsonValue& value, std::optional<BudgetLimit>* out);
bool parseOrgMember(const QJsonObject& object, OrgMember* out);
bool parseOrgDepartment(const QJsonObject& object, OrgDepartment* out);
bool parseInvitation(const QJsonObject& object, Invitation* out);
bool parseSeatSummary(const QJsonObject& object, SeatSummary* out);
bool parseBudgetRequest(const QJsonObject& object, BudgetRequest* out);
bool parseBudgetChange(const QJsonObject& object, BudgetChange* out);
bool parseOrgRole(const QJsonObject& object, OrgRole* out);
bool parsePermissionDescription(const QJsonObject& object, PermissionDescription* out);
bool parseAcceptedInvitation(const QJsonObject& object, AcceptedInvitation* out);

// {"data": [...]} with every element read by `parser`; false when any element is unreadable.
template<typename Record, typename Parser>
bool parseDataList(const QJsonObject& answer, QList<Record>* out, Parser parser);

} // namespace creditdesk::json

#include <QJsonArray>

template<typename Record, typename Parser>
bool creditdesk::json::parseDataList(const QJsonObject& answer, QList<Record>* out, Parser parser)
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
