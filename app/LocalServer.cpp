#include "app/LocalServer.h"

#include "domain/Logging.h"
#include "domain/PrivateFiles.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRandomGenerator>
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
    for (const QString& candidate :
         {here + QStringLiteral("/creditdesk-server"), here + QStringLiteral("/../server/creditdesk-server"),
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
        fail(tr("creditdesk-server was not found. Build it (scripts/build) or set CREDITDESK_SERVER to its "
                "path."));
        return;
    }
    makePrivateDirectory(m_dataDirectory); // the demo database and access log: the user's only
    if (QFile::exists(databasePath()))
        serve();
    else
        runSeedDemo();
}

void LocalServer::runSeedDemo()
{
    // The server's `seed-demo` is the one source of demo data: the organization, its people and 90 days
    // of usage.
    Q_EMIT progress(tr("Preparing the demo data…"));
    qCInfo(lcDemo) << "seeding with seed-demo";
    m_tool.disconnect(this);
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
    connect(&m_tool, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_tool.disconnect(this);
        fail(tr("Seeding the demo database failed: %1").arg(m_tool.errorString()));
    });
    m_tool.setProcessChannelMode(QProcess::MergedChannels);
    m_tool.start(m_binary, {QStringLiteral("seed-demo"), QStringLiteral("--database"),
                            QStringLiteral("sqlite:") + databasePath()});
}

namespace {

// The demo server's master key (webhook signing secrets are kept encrypted with it): made once, kept
// beside the demo database, readable by the user only. A real deployment sets CREDITDESK_MASTER_KEY from
// its secret store (docs/operations.md); the demo has no secrets worth more than its own file.
QByteArray demoMasterKey(const QString& dataDirectory)
{
    const QString path = dataDirectory + QStringLiteral("/master.key");
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray hex = file.readAll().trimmed();
        if (hex.size() == 64)
            return hex;
        file.close();
    }
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    const QByteArray hex = key.toHex();
    if (!ensurePrivateFile(path) || !file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(hex) != hex.size())
        qCWarning(lcDemo) << "could not keep the demo master key in" << path;
    return hex;
}

} // namespace

void LocalServer::serve()
{
    Q_EMIT progress(tr("Starting the demo server…"));
    m_output.clear();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!environment.contains(QStringLiteral("CREDITDESK_MASTER_KEY")))
        environment.insert(QStringLiteral("CREDITDESK_MASTER_KEY"),
                           QString::fromLatin1(demoMasterKey(m_dataDirectory)));
    m_process.setProcessEnvironment(environment);
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
    m_readyEmitted = true;
    Q_EMIT ready(m_url);
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
