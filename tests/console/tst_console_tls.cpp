// TLS: certificates are verified, and a user can trust the CA of a self-hosted server. A loopback HTTPS
// server (QSslServer) with a certificate from a private CA made here with the openssl command line. Also
// the errors of a wrong address: http:// to that server, https:// to a plain one, an address that is not
// a CreditDesk server, and HTTP 501, each named for what it is.
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
#include <QTcpServer>
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

    ApiError signIn(const QString& caFile, const QString& scheme = QStringLiteral("https"), quint16 port = 0)
    {
        ApiClient client;
        QString error;
        if (!client.setTrustedCaFile(caFile, &error))
            qWarning("%s", qPrintable(error));
        client.setBaseUrl(
            QUrl(QStringLiteral("%1://localhost:%2").arg(scheme).arg(port ? port : m_server.serverPort())));
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

    // A plain HTTP "server" that gives every request the same answer.
    struct PlainServer
    {
        explicit PlainServer(QByteArray answer) : response(std::move(answer))
        {
            QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
                while (QTcpSocket* socket = server.nextPendingConnection()) {
                    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                        socket->readAll();
                        socket->write(response);
                        socket->disconnectFromHost();
                    });
                }
            });
            server.listen(QHostAddress::LocalHost);
        }
        QTcpServer server;
        QByteArray response;
    };

    static QByteArray answer(const QByteArray& status, const QByteArray& contentType, const QByteArray& body)
    {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType +
               "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
               body;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY(openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
                         "ca.pem", "-days", "2", "-subj", "/CN=CreditDesk Test CA"}));
        QVERIFY(openssl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
                         "server.csr", "-subj", "/CN=localhost"}));
        QFile extensions(m_dir.filePath("ext.cnf"));
        QVERIFY(extensions.open(QIODevice::WriteOnly));
        extensions.write("subjectAltName=DNS:localhost\n");
        extensions.close();
        QVERIFY(openssl({"x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                         "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"}));

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
                    const QByteArray body =
                        R"({"token":"cds_tls","expires_at":"2030-01-01T00:00:00.000Z",)"
                        R"("user":{"id":1,"email":"a@example.com","name":"A","is_platform_admin":false,)"
                        R"("created_at":"2025-01-01T00:00:00.000Z"}})";
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
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

    void httpToTheTlsServerIsExplained()
    {
        const ApiError error = signIn(QString(), QStringLiteral("http"));
        QCOMPARE(error.kind, ApiError::Kind::TlsServer);
        QVERIFY(error.userMessage().contains("https://"));
        QVERIFY(!error.isOffline());
    }

    void httpsToAPlainServerIsExplained()
    {
        PlainServer plain(answer("400 Bad Request", "text/plain", "Bad Request"));
        const ApiError error = signIn(QString(), QStringLiteral("https"), plain.server.serverPort());
        QCOMPARE(error.kind, ApiError::Kind::PlainHttpServer);
        QVERIFY(error.userMessage().contains("plain HTTP"));
        QVERIFY(error.userMessage().contains("http://"));
        QVERIFY(!error.isOffline());
    }

    void notACreditDeskServerIsNotA501()
    {
        {
            PlainServer web(answer("404 Not Found", "text/html", "<html><body>Not Found</body></html>"));
            const ApiError error = signIn(QString(), QStringLiteral("http"), web.server.serverPort());
            QCOMPARE(error.kind, ApiError::Kind::NotCreditDesk);
            QVERIFY(error.userMessage().contains("not a CreditDesk server"));
            QVERIFY(error.userMessage().contains("/api/v1/auth/login"));
        }
        {
            PlainServer web(answer("200 OK", "text/html", "<html><body>Welcome</body></html>"));
            const ApiError error = signIn(QString(), QStringLiteral("http"), web.server.serverPort());
            QCOMPARE(error.kind, ApiError::Kind::NotCreditDesk);
        }
        {
            PlainServer old(answer("501 Not Implemented", "application/json",
                                   R"({"error":{"code":"not_implemented","message":"not implemented"}})"));
            const ApiError error = signIn(QString(), QStringLiteral("http"), old.server.serverPort());
            QCOMPARE(error.kind, ApiError::Kind::NotImplemented);
            QVERIFY(error.userMessage().contains("501"));
            QVERIFY(!error.userMessage().contains("CreditDesk server"));
            QVERIFY(!error.isOffline());
        }
        {
            // The API's own 404 (with its JSON envelope) stays "not found".
            PlainServer api(answer("404 Not Found", "application/json",
                                   R"({"error":{"code":"not_found","message":"no such organization"}})"));
            const ApiError error = signIn(QString(), QStringLiteral("http"), api.server.serverPort());
            QCOMPARE(error.kind, ApiError::Kind::NotFound);
        }
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
