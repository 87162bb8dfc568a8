#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QUrl>

namespace creditdesk {

// Demo mode's server: a creditdesk-server child process on a random loopback port with a SQLite file in
// the app data folder. On first run `creditdesk-server seed-demo` creates and fills the database (the
// one source of demo data); the child is stopped with the console.
class LocalServer : public QObject
{
    Q_OBJECT

public:
    static constexpr const char* kDemoPassword = "demo-password";

    LocalServer(QString serverBinary, QString dataDirectory, QObject* parent = nullptr);
    ~LocalServer() override;

    // Where to find creditdesk-server: $CREDITDESK_SERVER, next to this program, the build tree, $PATH.
    static QString findServerBinary();

    void start();
    void stop();
    QUrl url() const { return m_url; }
    QString databasePath() const;
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    qint64 processId() const { return m_process.processId(); }

Q_SIGNALS:
    void progress(const QString& message);
    void ready(const QUrl& url);
    void failed(const QString& message);

private:
    void runSeedDemo();
    void serve();
    void onServerOutput();
    void onUnexpectedExit(int code);
    void fail(const QString& message);

    QString m_binary;
    QString m_dataDirectory;
    QProcess m_process;
    QProcess m_tool;
    QByteArray m_output;
    QUrl m_url;
    bool m_readyEmitted = false;
    int m_restarts = 0; // after it stopped unexpectedly: once
};

} // namespace creditdesk
