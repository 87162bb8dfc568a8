#include "core/AccessLog.h"

#include "core/Json.h"

#include <QDateTime>
#include <QUrl>

#include <unistd.h>

namespace creditdesk::server {

AccessLog::AccessLog(const QString& destination)
{
    if (destination == QLatin1String("off"))
        return;
    if (destination == QLatin1String("-")) {
        m_file = fdopen(dup(STDERR_FILENO), "w");
    } else {
        m_file = std::fopen(destination.toLocal8Bit().constData(), "a");
        if (!m_file)
            throw std::runtime_error("cannot open access log " + destination.toStdString());
    }
    m_ownsFile = true;
    if (m_file)
        std::setvbuf(m_file, nullptr, _IOFBF, 64 * 1024);
}

AccessLog::~AccessLog()
{
    if (m_file && m_ownsFile)
        std::fclose(m_file);
}

void AccessLog::write(const ApiRequest& request, int status, std::size_t bytes,
                      std::chrono::microseconds duration)
{
    if (!m_file)
        return;
    const QByteArray line = formatTimestamp(QDateTime::currentMSecsSinceEpoch()).toLatin1() + ' ' +
                            request.requestId + ' ' + request.remoteAddress.toLatin1() + ' ' +
                            request.method + ' ' + QUrl::toPercentEncoding(request.path, "/") + ' ' +
                            QByteArray::number(status) + ' ' +
                            QByteArray::number(static_cast<qulonglong>(bytes)) + ' ' +
                            QByteArray::number(static_cast<qlonglong>(duration.count())) + "us\n";
    std::lock_guard lock(m_mutex);
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), m_file);
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastFlush > std::chrono::seconds(1)) {
        std::fflush(m_file);
        m_lastFlush = now;
    }
}

} // namespace creditdesk::server
