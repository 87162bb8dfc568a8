#include "domain/Settings.h"

#include <QStringList>

namespace creditdesk {

namespace {

constexpr int kVersion = 1;

struct KeyInfo
{
    const char* name;
    QVariant defaultValue;
};

KeyInfo info(Settings::Key key)
{
    switch (key) {
    case Settings::Key::ServerUrl:
        return {"session/server_url", QStringLiteral("http://127.0.0.1:8080")};
    case Settings::Key::Email:
        return {"session/email", QString()};
    case Settings::Key::RememberMe:
        return {"session/remember_me", true};
    case Settings::Key::TrustedCaFile:
        return {"tls/trusted_ca_file", QString()};
    case Settings::Key::OrganizationId:
        return {"session/organization_id", 0};
    case Settings::Key::WindowGeometry:
        return {"window/geometry", QByteArray()};
    case Settings::Key::WindowState:
        return {"window/state", QByteArray()};
    case Settings::Key::CurrentPane:
        return {"window/current_pane", QStringLiteral("dashboard")};
    case Settings::Key::CredentialIndex:
        return {"credentials/index", QStringList()};
    case Settings::Key::SyncIntervalSeconds:
        return {"sync/interval_seconds", 300};
    case Settings::Key::Count:
        break;
    }
    return {"", QVariant()};
}

} // namespace

Settings::Settings() : m_settings(std::make_unique<QSettings>())
{
    migrate();
}

Settings::Settings(const QString& fileName)
    : m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{
    migrate();
}

QVariant Settings::value(Key key) const
{
    const KeyInfo keyInfo = info(key);
    return m_settings->value(QLatin1String(keyInfo.name), keyInfo.defaultValue);
}

void Settings::setValue(Key key, const QVariant& value)
{
    m_settings->setValue(QLatin1String(info(key).name), value);
}

void Settings::remove(Key key)
{
    m_settings->remove(QLatin1String(info(key).name));
}

void Settings::sync()
{
    m_settings->sync();
}

void Settings::migrate()
{
    // Version 1 is the first layout; later versions rename or convert keys here, one step per version.
    if (m_settings->value(QStringLiteral("version"), 0).toInt() < kVersion)
        m_settings->setValue(QStringLiteral("version"), kVersion);
}

} // namespace creditdesk
