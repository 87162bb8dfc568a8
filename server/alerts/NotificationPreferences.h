#pragma once

#include "store/Sql.h"

#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace creditdesk::server {

// The alert kinds a user can choose how to hear about (the alert rules' kinds, docs/admin-guide.md
// "Notifications").
const QStringList& notificationKinds();

struct NotificationPreference
{
    QString kind;
    bool inApp = true;
    bool email = false;
};

// A user's notification preferences per alert kind. Only what the user changed is stored; every other
// kind follows the default: owners, admins and finance people get e-mail for every kind, members (and
// managers and custom roles) in-app only — their own limit is all they are alerted about. A user with
// a personal account only is its owner. In-app is on by default for everyone.
class NotificationPreferences
{
public:
    NotificationPreferences(SqlConnection& db, qint64 nowMs) : m_db(db), m_now(nowMs) {}

    // Every kind, in notificationKinds() order.
    std::vector<NotificationPreference> of(qint64 userId);
    // Whether the user wants e-mail about `kind` (the stored choice or the default).
    bool wantsEmail(qint64 userId, const QString& kind);
    // Stores the given kinds' choices (the others keep theirs); throws 422 naming the field for an
    // unknown or repeated kind.
    void set(qint64 userId, const std::vector<NotificationPreference>& changes);

    // 422 naming the field for an unknown or repeated kind.
    static void check(const std::vector<NotificationPreference>& changes);
    static QJsonArray toJson(const std::vector<NotificationPreference>& preferences);

private:
    bool defaultEmail(qint64 userId);

    SqlConnection& m_db;
    qint64 m_now;
};

} // namespace creditdesk::server
