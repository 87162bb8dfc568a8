#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

#include <memory>

namespace creditdesk {

// Typed settings with defaults and a version for migrations (KeePassXC's Config), instead of raw
// QSettings strings around the code. Never holds secrets: tokens live in the keychain.
class Settings
{
public:
    enum class Key
    {
        ServerUrl,
        Email,
        RememberMe,
        TrustedCaFile,
        OrganizationId,
        WindowGeometry,
        WindowState,
        CurrentPane,
        CredentialIndex, // the keychain keys this app wrote, so sign-out can delete them all
        SyncIntervalSeconds,
        Count
    };

    // Default: the application's QSettings; tests pass a file.
    Settings();
    explicit Settings(const QString& fileName);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);
    void remove(Key key);
    void sync();

private:
    void migrate();

    std::unique_ptr<QSettings> m_settings;
};

} // namespace creditdesk
