#pragma once

#include <QFileDevice>
#include <QString>

namespace creditdesk {

// The console's own cache and data files hold an organization's ledger: only the user may read them,
// whatever the process umask. They are made 0600 (directories 0700) explicitly, and files left behind
// looser by older versions are tightened. Files the user exports to a place they chose are not touched.
inline constexpr QFileDevice::Permissions kPrivateFilePermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner;
inline constexpr QFileDevice::Permissions kPrivateDirectoryPermissions =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Creates `path` empty if it does not exist (never truncates one that does) and sets it to exactly 0600.
bool ensurePrivateFile(const QString& path);
// Sets an existing file to exactly 0600; a missing file is not an error.
bool restrictToOwner(const QString& path);
// Creates `path` with its parents if missing; the folders it creates are set to exactly 0700. Folders that
// already exist keep their permissions (they may be shared ones such as /tmp).
bool makePrivateDirectory(const QString& path);

} // namespace creditdesk
