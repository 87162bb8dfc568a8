#pragma once

#include "domain/OrgAdmin.h"

#include <QHash>
#include <QList>
#include <QString>

namespace creditdesk {

// Words for the Organization pane's records, shared by its models and dialogs. Anything the server did
// not say is "—".
namespace orgtext {

QString missing(); // "—"
// Built-in roles in the user's language; a custom role by its name from `roles`; else its id.
QString roleName(const QString& roleId, const QList<OrgRole>& roles = {});
QString statusLabel(const QString& status);
QString seatLabel(const std::optional<bool>& seat);
QString credits(const std::optional<qint64>& credits);
QString dateTime(const QDateTime& at);
// "5,000 credits a month, hard" / "… in total, soft"; nothing: "No budget".
QString limitText(const std::optional<BudgetLimit>& limit);
QString periodLabel(const QString& period);
QString enforcementLabel(const QString& enforcement);
QString requestStatusLabel(const QString& status);

} // namespace orgtext

} // namespace creditdesk
