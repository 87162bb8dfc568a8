#pragma once

#include "HttpClient.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <initializer_list>
#include <memory>
#include <optional>

namespace creditdesk::test {

// Opens a Qt SQL connection straight to a test database URL (sqlite:<path> or postgresql://…), for
// checks and benchmarks that look underneath the server. Throws when it cannot connect.
QSqlDatabase openDirectConnection(const QString& url, const QString& name);

// A fresh, empty database for one test: a SQLite file in a temporary folder, or, when
// CREDITDESK_TEST_BACKEND=postgresql, a new database created on the server CREDITDESK_TEST_PG_URL
// names (postgresql://user@host:port/db) and dropped afterwards.
class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    const QString& url() const { return m_url; }
    bool isPostgres() const { return !m_pgName.isEmpty(); }
    // A snapshot of every ledger-relevant table, row by row, for "nothing changed" assertions.
    QStringList dump() const;
    // The same, then the rows of `moreTables` ("table ORDER BY …"), for the tables one test's writes touch.
    QStringList dump(std::initializer_list<const char*> moreTables) const;
    qint64 scalar(const QString& sql) const;

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_pgName;
    QString m_adminUrl;
};

// A real creditdesk-server process on a loopback port (docs/design.md §8: tests talk to the real server).
class TestServer
{
public:
    explicit TestServer(const QString& databaseUrl, QStringList extraArguments = {});
    ~TestServer();

    bool start(); // waits for "listening on"
    void stop();  // SIGTERM, waits for exit
    void kill();  // SIGKILL, as in a crash
    quint16 port() const { return m_port; }
    QProcess& process() { return m_process; }
    std::unique_ptr<HttpClient> client(const QByteArray& bearer = {}) const;

    static QString binary();
    // Runs `creditdesk-server <arguments>` to completion; returns its exit code and output.
    static int runCommand(const QStringList& arguments, QByteArray* output = nullptr);

private:
    QString m_databaseUrl;
    QStringList m_extra;
    QProcess m_process;
    quint16 m_port = 0;
};

// Common set-up: a platform admin, an organization with an owner, and helpers that create members
// and API tokens through the public API.
class Fixture
{
public:
    // Which plan catalog the new database starts with: the shipped one, or one whose free plan gives no
    // sign-up credits and no daily refresh (tests of earlier features, whose balances are exactly
    // what they move). The legacy catalog also includes 1,000 seats in every plan: those tests build
    // organizations of many members on any plan, from before seats were counted, and would otherwise hit
    // seat_limit_reached when they invite; tests of seats use the shipped catalog's real numbers.
    enum class Catalog
    {
        WithoutFreeCredits,
        Shipped
    };
    explicit Fixture(QStringList serverArguments = {}, Catalog catalog = Catalog::WithoutFreeCredits);

    TestDatabase database;
    std::unique_ptr<TestServer> server;
    QByteArray adminToken; // platform admin session

    QByteArray login(const QString& email, const QString& password);
    // Signs in a member that addMember created (their password is passwordFor(email)).
    QByteArray loginMember(const QString& email) { return login(email, passwordFor(email)); }
    // A request as `token` (a session or API token; empty: none) to the server.
    HttpResponse get(const QByteArray& token, const QByteArray& path)
    {
        return server->client(token)->get(path);
    }
    HttpResponse post(const QByteArray& token, const QByteArray& path, const QJsonObject& body,
                      const Headers& headers = {})
    {
        return server->client(token)->post(path, body, headers);
    }
    qint64 createOrganization(const QByteArray& ownerToken, const QString& name,
                              const QString& kind = QStringLiteral("team"));
    // Adds a member and returns their user id, as people join: `token` invites them, and they accept (a
    // new user with the password "password-<email>", an existing one signed in with it). Takes a seat.
    qint64 addMember(const QByteArray& token, qint64 organizationId, const QString& email,
                     const QString& role, std::optional<qint64> departmentId = std::nullopt);
    // The operator's way (platform admin, POST …/members with a password): not held to the seats, for
    // tests that need more members than a plan includes (the shipped free plan has one seat).
    qint64 addMemberByOperator(qint64 organizationId, const QString& email, const QString& role,
                               std::optional<qint64> departmentId = std::nullopt);
    qint64 createDepartment(const QByteArray& token, qint64 organizationId, const QString& name);
    QByteArray createApiToken(const QByteArray& token, std::optional<qint64> organizationId,
                              const QStringList& scopes);
    HttpResponse allocate(const QByteArray& token, qint64 organizationId, qint64 amount);
    qint64 balance(const QByteArray& token, qint64 organizationId);
    static QString passwordFor(const QString& email) { return QStringLiteral("password-") + email; }
};

// What `creditdesk-server verify` reports about the database: empty when every ledger invariant holds.
QByteArray ledgerProblems(const QString& databaseUrl);

} // namespace creditdesk::test

// Fails the current test with verify's report unless every ledger invariant holds.
#define CREDITDESK_VERIFY_LEDGER(databaseUrl)                                                                \
    do {                                                                                                     \
        const QByteArray ledgerReport = creditdesk::test::ledgerProblems(databaseUrl);                       \
        QVERIFY2(ledgerReport.isEmpty(), ledgerReport.constData());                                          \
    } while (false)
