#include "domain/PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <utility>

namespace creditdesk {

bool ensurePrivateFile(const QString& path)
{
    QFile file(path);
    // Created 0600 (the umask can only take bits away), then set exactly: no moment with wider access.
    if (!file.exists() && !file.open(QIODevice::ReadWrite, kPrivateFilePermissions))
        return false;
    file.close();
    return QFile::setPermissions(path, kPrivateFilePermissions);
}

bool restrictToOwner(const QString& path)
{
    if (!QFile::exists(path))
        return true;
    return QFileInfo(path).permissions() == kPrivateFilePermissions ||
           QFile::setPermissions(path, kPrivateFilePermissions);
}

bool makePrivateDirectory(const QString& path)
{
    QStringList missing;
    QString folder = QDir::cleanPath(QDir(path).absolutePath());
    while (!QFileInfo::exists(folder)) {
        missing.prepend(folder);
        const QString parent = QFileInfo(folder).absolutePath();
        if (parent == folder)
            break;
        folder = parent;
    }
    for (const QString& created : std::as_const(missing)) {
        if (!QDir().mkdir(created, kPrivateDirectoryPermissions) && !QFileInfo(created).isDir())
            return false;
        if (!QFile::setPermissions(created, kPrivateDirectoryPermissions))
            return false;
    }
    return QFileInfo(path).isDir();
}

} // namespace creditdesk
