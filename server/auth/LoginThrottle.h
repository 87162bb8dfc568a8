#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace creditdesk::server {

// Counts failed sign-ins per e-mail address and per client address in a sliding window. Once either
// reaches its limit, further attempts are refused with 429 until the window has passed, whether or
// not the password is right, so guessing costs time. Kept in memory: each server process throttles
// on its own (see the operations guide for several processes).
class LoginThrottle
{
public:
    LoginThrottle(int failuresPerWindow, qint64 windowMs) : m_limit(failuresPerWindow), m_windowMs(windowMs)
    {
    }

    // Starts a sign-in attempt: the seconds to wait when it is refused, or nothing when it may go ahead.
    // An attempt that goes ahead counts as a failure at once, so guesses sent in parallel cannot all pass
    // the check before any of them has failed; a success takes its count back.
    std::optional<qint64> beginAttempt(const QString& email, const QString& address, qint64 nowMs);
    // The attempt begun at `attemptMs` was right: the e-mail's failures are forgotten and the address's
    // count for this attempt is taken back.
    void recordSuccess(const QString& email, const QString& address, qint64 attemptMs);

private:
    struct Window
    {
        qint64 startedMs = 0;
        int failures = 0;
    };
    std::optional<qint64> check(const QHash<QString, Window>& windows, const QString& key, int limit,
                                qint64 nowMs) const;
    void bump(QHash<QString, Window>& windows, const QString& key, qint64 nowMs);

    int m_limit;
    qint64 m_windowMs;
    QMutex m_mutex;
    QHash<QString, Window> m_byEmail;
    QHash<QString, Window> m_byAddress;
};

} // namespace creditdesk::server
