#include "auth/LoginThrottle.h"

namespace creditdesk::server {

namespace {
// One address may try several accounts (an office behind NAT), so it gets more room than one e-mail.
constexpr int kAddressMultiplier = 4;
} // namespace

std::optional<qint64> LoginThrottle::check(const QHash<QString, Window>& windows, const QString& key,
                                           int limit, qint64 nowMs) const
{
    const auto it = windows.constFind(key);
    if (it == windows.constEnd() || nowMs - it->startedMs >= m_windowMs || it->failures < limit)
        return std::nullopt;
    return std::max<qint64>(1, (it->startedMs + m_windowMs - nowMs + 999) / 1000);
}

std::optional<qint64> LoginThrottle::beginAttempt(const QString& email, const QString& address, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    if (auto wait = check(m_byEmail, email, m_limit, nowMs))
        return wait;
    if (auto wait = check(m_byAddress, address, m_limit * kAddressMultiplier, nowMs))
        return wait;
    bump(m_byEmail, email, nowMs);
    bump(m_byAddress, address, nowMs);
    return std::nullopt;
}

void LoginThrottle::bump(QHash<QString, Window>& windows, const QString& key, qint64 nowMs)
{
    Window& window = windows[key];
    if (nowMs - window.startedMs >= m_windowMs)
        window = Window{nowMs, 0};
    ++window.failures;
    if (windows.size() > 100000) // bound memory under a spray of addresses: forget windows that are over
        windows.removeIf([&](const auto& entry) { return nowMs - entry.value().startedMs >= m_windowMs; });
}

void LoginThrottle::recordSuccess(const QString& email, const QString& address, qint64 attemptMs)
{
    QMutexLocker lock(&m_mutex);
    m_byEmail.remove(email);
    const auto window = m_byAddress.find(address);
    if (window != m_byAddress.end() && window->startedMs <= attemptMs && window->failures > 0)
        --window->failures; // still the window the attempt was counted in
}

} // namespace creditdesk::server
