#include "app/LocalServer.h"

#include "app/DemoSeeder.h"
#include "domain/Logging.h"
#include "domain/PrivateFiles.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <signal.h>
#include <sys/prctl.h>

namespace creditdesk {

LocalServer::LocalServer(QString serverBinary, QString dataDirectory, QObject* parent)
    : QObject(parent), m_binary(std::move(serverBinary)), m_dataDirectory(std::move(dataDirectory))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    // If the console dies without stopping it, the kernel stops the demo server too.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &LocalServer::onServerOutput);
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (!m_readyEmitted)
            fail(tr("The demo server stopped (exit code %1): %2")
                     .arg(code)
                     .arg(QString::fromUtf8(m_process.readAllStandardError().right(500))));
        else if (m_url.isValid())
            onUnexpectedExit(code);
    });
}

LocalServer::~LocalServer()
{
    stop();
}

QString LocalServer::findServerBinary()
{
    const QString fromEnvironment = qEnvironmentVariable("CREDITDESK_SERVER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString& candidate : {here + QStringLiteral("/creditdesk-server"),
                                     here + QStringLiteral("/../server/creditdesk-server"),
                                     here + QStringLiteral("/../../server/creditdesk-server")}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("creditdesk-server"));
}

QString LocalServer::databasePath() const
{
    return m_dataDirectory + QStringLiteral("/creditdesk.db");
}

void LocalServer::fail(const QString& message)
{
    qCWarning(lcDemo).noquote() << message;
    m_readyEmitted = true; // once
    Q_EMIT failed(message);
}

void LocalServer::start()
{
    if (m_binary.isEmpty() || !QFileInfo(m_binary).isExecutable()) {
        fail(tr("creditdesk-server was not found. Build it (scripts/build) or set CREDITDESK_SERVER to its path."));
        return;
    }
    makePrivateDirectory(m_dataDirectory); // the demo database and access log: the user's only
    m_fresh = !QFile::exists(databasePath());
    if (m_fresh)
        probeSeedDemo();
    else
        serve();
}

void LocalServer::probeSeedDemo()
{
    // `seed-demo` seeds 90 days of realistic usage; older servers lack it and are seeded through the API.
    Q_EMIT progress(tr("Preparing the demo data…"));
    m_tool.disconnect(this);
    connect(&m_tool, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        m_tool.disconnect(this);
        if (status == QProcess::NormalExit && code == 0)
            runSeedDemo();
        else
            bootstrap();
    });
    m_tool.start(m_binary, {QStringLiteral("seed-demo"), QStringLiteral("--help")});
}

void LocalServer::runSeedDemo()
{
    qCInfo(lcDemo) << "seeding with seed-demo";
    connect(&m_tool, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        m_tool.disconnect(this);
        if (status != QProcess::NormalExit || code != 0) {
            const QString output = QString::fromUtf8(m_tool.readAll().right(500));
            QFile::remove(databasePath());
            fail(tr("Seeding the demo database failed: %1").arg(output));
            return;
        }
        serve();
    });
    m_tool.setProcessChannelMode(QProcess::MergedChannels);
    m_tool.start(m_binary, {QStringLiteral("seed-demo"), QStringLiteral("--database"),
                            QStringLiteral("sqlite:") + databasePath()});
}

void LocalServer::bootstrap()
{
    qCInfo(lcDemo) << "server has no seed-demo: bootstrap and seed through the API";
    m_seedThroughApi = true;
    const QString passwordFile = m_dataDirectory + QStringLiteral("/platform-password");
    QFile file(passwordFile);
    if (!ensurePrivateFile(passwordFile) || !file.open(QIODevice::WriteOnly)) { // 0600 before the password
        fail(tr("Cannot write %1").arg(passwordFile));
        return;
    }
    file.write(QByteArray(kDemoPassword) + '\n');
    file.close();
    connect(&m_tool, &QProcess::finished, this, [this, passwordFile](int code, QProcess::ExitStatus status) {
        m_tool.disconnect(this);
        QFile::remove(passwordFile);
        if (status != QProcess::NormalExit || code != 0) {
            const QString output = QString::fromUtf8(m_tool.readAll().right(500));
            QFile::remove(databasePath());
            fail(tr("Creating the demo database failed: %1").arg(output));
            return;
        }
        serve();
    });
    m_tool.setProcessChannelMode(QProcess::MergedChannels);
    m_tool.start(m_binary, {QStringLiteral("bootstrap"), QStringLiteral("--database"),
                            QStringLiteral("sqlite:") + databasePath(), QStringLiteral("--email"),
                            QStringLiteral("platform@demo.test"), QStringLiteral("--name"),
                            QStringLiteral("Platform Admin"), QStringLiteral("--password-file"), passwordFile});
}

void LocalServer::serve()
{
    Q_EMIT progress(tr("Starting the demo server…"));
    m_output.clear();
    m_process.start(m_binary, {QStringLiteral("serve"), QStringLiteral("--database"),
                               QStringLiteral("sqlite:") + databasePath(), QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1:0"), QStringLiteral("--access-log"),
                               m_dataDirectory + QStringLiteral("/access.log")});
}

void LocalServer::onUnexpectedExit(int code)
{
    // It was serving and stopped by itself (crashed, killed): start it once more, then give up and say so.
    qCWarning(lcDemo) << "demo server exited unexpectedly with code" << code;
    m_url = QUrl();
    if (m_restarts++ == 0) {
        Q_EMIT progress(tr("The demo server stopped unexpectedly; restarting it…"));
        m_readyEmitted = false;
        m_fresh = false;
        serve();
        return;
    }
    fail(tr("The demo server stopped unexpectedly again (exit code %1). Close and reopen the console to "
            "restart it.")
             .arg(code));
}

void LocalServer::onServerOutput()
{
    if (m_url.isValid())
        return;
    m_output += m_process.readAllStandardOutput();
    const qsizetype at = m_output.indexOf("listening on ");
    const qsizetype end = m_output.indexOf('\n', at);
    if (at < 0 || end < 0)
        return;
    const QByteArray address = m_output.mid(at + 13, end - at - 13).trimmed();
    m_url = QUrl(QStringLiteral("http://") + QString::fromLatin1(address));
    qCInfo(lcDemo) << "demo server on" << m_url.toString();
    if (m_fresh && m_seedThroughApi) {
        seedThroughApi();
        return;
    }
    m_readyEmitted = true;
    Q_EMIT ready(m_url);
}

void LocalServer::seedThroughApi()
{
    Q_EMIT progress(tr("Filling the demo organization…"));
    auto* seeder = new DemoSeeder(m_url, QLatin1String(kDemoPassword), this);
    connect(seeder, &DemoSeeder::finished, this, [this, seeder](bool ok, const QString& error) {
        seeder->deleteLater();
        if (!ok) {
            stop();
            QFile::remove(databasePath());
            fail(tr("Seeding the demo organization failed: %1").arg(error));
            return;
        }
        m_readyEmitted = true;
        Q_EMIT ready(m_url);
    });
    seeder->start();
}

void LocalServer::stop()
{
    m_tool.disconnect(this);
    if (m_tool.state() != QProcess::NotRunning) {
        m_tool.kill();
        m_tool.waitForFinished(2000);
    }
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_readyEmitted = true;
    m_process.disconnect(this);
    // SIGTERM: the server finishes requests in flight and closes its database cleanly.
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
    qCInfo(lcDemo) << "demo server stopped";
}

} // namespace creditdesk
