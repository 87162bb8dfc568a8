#pragma once

#include "api/JsonParsers.h"
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

} // namespace creditdesk::json
