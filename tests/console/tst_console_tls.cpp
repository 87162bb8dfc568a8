// TLS: certificates are verified, and a user can trust the CA of a self-hosted server. A loopback HTTPS
// server (QSslServer) with a certificate from a private CA made here with the openssl command line.
#include "api/ApiClient.h"
#include "api/Jobs.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace creditdesk;

class TestConsoleTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QSslServer m_server;

    bool openssl(const QStringList& arguments)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            qWarning("openssl %s: %s", qPrintable(arguments.join(' ')), process.readAll().constData());
            return false;
        }
        return true;
    }

    ApiError signIn(const QString& caFile)
    {
        ApiClient client;
        QString error;
        if (!client.setTrustedCaFile(caFile, &error))
            qWarning("%s", qPrintable(error));
        client.setBaseUrl(QUrl(QStringLiteral("https://localhost:%1").arg(m_server.serverPort())));
        auto* job = new LoginJob(&client, "a@example.com", "secret");
        job->setAutoDelete(false);
        QSignalSpy finished(job, &ApiJob::finished);
        job->start();
        if (!finished.wait(10000))
            return {ApiError::Kind::Timeout, 0, {}, {}, 0};
        const ApiError result = job->error();
        if (!result.isError())
            Q_ASSERT(job->result().token == "cds_tls");
        delete job;
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY(openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                         "-days", "2", "-subj", "/CN=CreditDesk Test CA"}));
        QVERIFY(openssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                         "-subj", "/CN=localhost"}));
        QFile extensions(m_dir.filePath("ext.cnf"));
        QVERIFY(extensions.open(QIODevice::WriteOnly));
        extensions.write("subjectAltName=DNS:localhost\n");
        extensions.close();
        QVERIFY(openssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                         "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"}));

        QFile certificate(m_dir.filePath("server.pem"));
        QFile key(m_dir.filePath("server.key"));
        QVERIFY(certificate.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(&certificate, QSsl::Pem));
        configuration.setPrivateKey(QSslKey(&key, QSsl::Rsa, QSsl::Pem));
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(configuration);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    const QByteArray body = R"({"token":"cds_tls","expires_at":"2030-01-01T00:00:00.000Z",)"
                                            R"("user":{"id":1,"email":"a@example.com","name":"A","is_platform_admin":false,)"
                                            R"("created_at":"2025-01-01T00:00:00.000Z"}})";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                  "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    void untrustedCertificateIsRefusedInPlainWords()
    {
        const ApiError error = signIn(QString());
        QCOMPARE(error.kind, ApiError::Kind::Tls);
        QVERIFY(error.userMessage().contains("certificate"));
        QVERIFY(error.userMessage().contains("CA file"));
    }

    void trustedCaFileIsAccepted()
    {
        const ApiError error = signIn(m_dir.filePath("ca.pem"));
        QVERIFY2(!error.isError(), qPrintable(error.userMessage()));
    }

    void badCaFileIsExplained()
    {
        ApiClient client;
        QString error;
        QVERIFY(!client.setTrustedCaFile(m_dir.filePath("missing.pem"), &error));
        QVERIFY(error.contains("Cannot read"));
        QVERIFY(!client.setTrustedCaFile(m_dir.filePath("ext.cnf"), &error));
        QVERIFY(error.contains("no certificate"));
    }
};

QTEST_GUILESS_MAIN(TestConsoleTls)
#include "tst_console_tls.moc"
