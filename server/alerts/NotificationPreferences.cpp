#include "alerts/NotificationPreferences.h"

#include "core/ApiError.h"

#include <QJsonObject>
#include <QSet>

namespace creditdesk::server {

const QStringList& notificationKinds()
{
    static const QStringList kinds{QStringLiteral("allowance_used"), QStringLiteral("low_balance"),
                                   QStringLiteral("credits_expiring"), QStringLiteral("department_budget"),
                                   QStringLiteral("member_limit")};
    return kinds;
}

bool NotificationPreferences::defaultEmail(qint64 userId)
{
    // Members only (of every organization they are in) hear in-app; anyone who runs or pays for an
    // organization, and a user with no organization (their personal account is theirs), by e-mail.
    const auto row =
        m_db.row(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(CASE WHEN role = 'owner' OR role = 'admin' OR "
                                "role = 'finance' THEN 1 ELSE 0 END), 0) FROM memberships WHERE user_id = ?"),
                 {userId});
    const qint64 memberships = row ? asInt(row->at(0)) : 0;
    const qint64 managing = row ? asInt(row->at(1)) : 0;
    return memberships == 0 || managing > 0;
}

std::vector<NotificationPreference> NotificationPreferences::of(qint64 userId)
{
    const bool email = defaultEmail(userId);
    std::vector<NotificationPreference> result;
    for (const QString& kind : notificationKinds())
        result.push_back(NotificationPreference{kind, true, email});
    for (const Row& row : m_db.rows(
             QStringLiteral("SELECT kind, in_app, email FROM notification_preferences WHERE user_id = ?"),
             {userId})) {
        for (NotificationPreference& preference : result)
            if (preference.kind == row[0].toString()) {
                preference.inApp = asInt(row[1]) != 0;
                preference.email = asInt(row[2]) != 0;
            }
    }
    return result;
}

bool NotificationPreferences::wantsEmail(qint64 userId, const QString& kind)
{
    const auto stored =
        m_db.row(QStringLiteral("SELECT email FROM notification_preferences WHERE user_id = ? AND kind = ?"),
                 {userId, kind});
    return stored ? asInt(stored->at(0)) != 0 : defaultEmail(userId);
}

void NotificationPreferences::check(const std::vector<NotificationPreference>& changes)
{
    QSet<QString> seen;
    for (const NotificationPreference& change : changes) {
        if (!notificationKinds().contains(change.kind))
            throw ApiError::validation(
                QStringLiteral("preferences.kind"),
                QStringLiteral("Unknown notification kind '%1'; one of %2")
                    .arg(change.kind.left(40), notificationKinds().join(QStringLiteral(", "))));
        if (seen.contains(change.kind))
            throw ApiError::validation(QStringLiteral("preferences.kind"),
                                       QStringLiteral("Kind '%1' is given twice").arg(change.kind));
        seen.insert(change.kind);
    }
}

void NotificationPreferences::set(qint64 userId, const std::vector<NotificationPreference>& changes)
{
    check(changes);
    for (const NotificationPreference& change : changes)
        m_db.execute(
            QStringLiteral("INSERT INTO notification_preferences (user_id, kind, in_app, email, "
                           "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, kind) DO UPDATE "
                           "SET in_app = excluded.in_app, email = excluded.email, "
                           "updated_at = excluded.updated_at"),
            {userId, change.kind, change.inApp ? 1 : 0, change.email ? 1 : 0, m_now});
}

QJsonArray NotificationPreferences::toJson(const std::vector<NotificationPreference>& preferences)
{
    QJsonArray array;
    for (const NotificationPreference& preference : preferences)
        array.append(QJsonObject{{QStringLiteral("kind"), preference.kind},
                                 {QStringLiteral("in_app"), preference.inApp},
                                 {QStringLiteral("email"), preference.email}});
    return array;
}

} // namespace creditdesk::server
