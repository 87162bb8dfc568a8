#include "TestServer.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUuid>

#include <signal.h>
#include <span>
#include <stdexcept>

namespace creditdesk::test {

QSqlDatabase openDirectConnection(const QString& url, const QString& name)
{
    QSqlDatabase db;
    if (url.startsWith(QLatin1String("sqlite:"))) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(url.mid(7));
    } else {
        const QUrl parsed(url);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(parsed.host());
        db.setPort(parsed.port(5432));
        db.setUserName(parsed.userName());
        db.setPassword(parsed.password());
        db.setDatabaseName(parsed.path().mid(1));
    }
    if (!db.open())
        throw std::runtime_error("cannot open " + url.toStdString() + ": " +
                                 db.lastError().text().toStdString());
    return db;
}

namespace {

template<typename Function> auto withConnection(const QString& url, Function function)
{
    const QString name = QUuid::createUuid().toString();
    struct Cleanup
    {
        QString name;
        ~Cleanup() { QSqlDatabase::removeDatabase(name); }
    } cleanup{name};
    QSqlDatabase db = openDirectConnection(url, name);
    return function(db);
}

// Every row of the tables ("table ORDER BY …"), one line each.
QStringList dumpTables(const QString& url, std::span<const char* const> tables)
{
    return withConnection(url, [&](QSqlDatabase& db) {
        QStringList lines;
        for (const char* table : tables) {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT * FROM ") + QLatin1String(table)))
                throw std::runtime_error(query.lastError().text().toStdString());
            while (query.next()) {
                QStringList values;
                for (int i = 0; i < query.record().count(); ++i) {
                    // When a user last signed in changes with every sign-in, as the sessions (not dumped)
                    // do: not something a refused request could have changed.
                    if (query.record().fieldName(i) == QLatin1String("last_sign_in_at"))
                        continue;
                    values.append(query.value(i).toString());
                }
                lines.append(QLatin1String(table) + QStringLiteral(": ") + values.join(QLatin1Char('|')));
            }
        }
        return lines;
    });
}

} // namespace

TestDatabase::TestDatabase()
{
    // The pg variant of every server test sets CREDITDESK_TEST_BACKEND=postgresql; it must then find a
    // server (scripts/test starts one) rather than quietly testing SQLite again.
    const bool wantPostgres = qEnvironmentVariable("CREDITDESK_TEST_BACKEND") == QLatin1String("postgresql");
    const QString pg = qEnvironmentVariable("CREDITDESK_TEST_PG_URL");
    if (wantPostgres && pg.isEmpty())
        throw std::runtime_error("CREDITDESK_TEST_PG_URL is not set: run the tests through scripts/test");
    if (!wantPostgres) {
        m_url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("creditdesk.db"));
        return;
    }
    m_adminUrl = pg;
    m_pgName = QStringLiteral("cdt_%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    withConnection(m_adminUrl, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("CREATE DATABASE ") + m_pgName))
            throw std::runtime_error(query.lastError().text().toStdString());
        return 0;
    });
    QUrl url(pg);
    url.setPath(QLatin1Char('/') + m_pgName);
    m_url = url.toString();
}

TestDatabase::~TestDatabase()
{
    if (m_pgName.isEmpty())
        return;
    try {
        withConnection(m_adminUrl, [&](QSqlDatabase& db) {
            QSqlQuery(db).exec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgName +
                               QStringLiteral(" WITH (FORCE)"));
            return 0;
        });
    } catch (const std::exception&) {
    }
}

QStringList TestDatabase::dump() const
{
    static const char* tables[] = {
        "users ORDER BY id",
        "organizations ORDER BY id",
        "departments ORDER BY id",
        "memberships ORDER BY organization_id, user_id",
        "invitations ORDER BY id",
        "api_tokens ORDER BY id",
        "accounts ORDER BY id",
        "grants ORDER BY id",
        "transactions ORDER BY id",
        "transaction_grants ORDER BY transaction_id, grant_id",
        "reservations ORDER BY id",
        "idempotency_keys ORDER BY scope, idem_key",
        "model_prices ORDER BY id",
        "rate_card ORDER BY name",
        "metering_state ORDER BY name",
        "usage_carry ORDER BY account_id",
        "usage_overage ORDER BY account_id",
        "usage_events ORDER BY id",
        "usage_rollups ORDER BY scope_account_id, day, account_id, member_id, department_id, "
        "kind, provider, model, byok, is_free",
        "usage_rollups_by_model ORDER BY scope_account_id, day, account_id, kind, provider, model, "
        "byok, is_free",
        "usage_rollups_by_member ORDER BY scope_account_id, day, account_id, member_id, department_id",
        "budgets ORDER BY id",
        "budget_crossings ORDER BY id",
        "budget_requests ORDER BY id",
        "budget_history ORDER BY id"};
    return dumpTables(m_url, tables);
}

QStringList TestDatabase::dump(std::initializer_list<const char*> moreTables) const
{
    return dump() + dumpTables(m_url, moreTables);
}

qint64 TestDatabase::scalar(const QString& sql) const
{
    return withConnection(m_url, [&](QSqlDatabase& db) {
        QSqlQuery query(db);
        if (!query.exec(sql) || !query.next())
            throw std::runtime_error(query.lastError().text().toStdString());
        return query.value(0).toLongLong();
    });
}

TestServer::TestServer(const QString& databaseUrl, QStringList extraArguments)
    : m_databaseUrl(databaseUrl), m_extra(std::move(extraArguments))
{
}

TestServer::~TestServer()
{
    if (m_process.state() != QProcess::NotRunning)
        stop();
}

QString TestServer::binary()
{
    return QStringLiteral(CREDITDESK_SERVER_BINARY);
}

bool TestServer::start()
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
    QStringList arguments{
        QStringLiteral("serve"),    QStringLiteral("--database"),         m_databaseUrl,
        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),        QStringLiteral("--access-log"),
        QStringLiteral("off"),      QStringLiteral("--jobs-interval-ms"), QStringLiteral("200")};
    arguments += m_extra;
    // CREDITDESK_SERVER_WRAPPER runs the server under a tool, e.g. "valgrind --tool=callgrind".
    QStringList wrapper =
        qEnvironmentVariable("CREDITDESK_SERVER_WRAPPER").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!wrapper.isEmpty()) {
        const QString program = wrapper.takeFirst();
        m_process.start(program, wrapper + QStringList{binary()} + arguments);
    } else {
        m_process.start(binary(), arguments);
    }
    if (!m_process.waitForStarted(10000))
        return false;
    QDeadlineTimer deadline(30000);
    QByteArray output;
    while (!deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        output += m_process.readAllStandardOutput();
        const qsizetype at = output.indexOf("listening on ");
        const qsizetype end = output.indexOf('\n', at);
        if (at >= 0 && end > at) {
            const QByteArray address = output.mid(at + 13, end - at - 13).trimmed();
            m_port = static_cast<quint16>(address.mid(address.lastIndexOf(':') + 1).toUInt());
            return m_port != 0;
        }
    }
    qWarning("server did not start: %s", m_process.readAllStandardError().constData());
    return false;
}

void TestServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(30000))
        kill();
}

void TestServer::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

std::unique_ptr<HttpClient> TestServer::client(const QByteArray& bearer) const
{
    auto client = std::make_unique<HttpClient>("127.0.0.1", m_port);
    client->setBearer(bearer);
    return client;
}

QByteArray ledgerProblems(const QString& databaseUrl)
{
    QByteArray output;
    const int exitCode = TestServer::runCommand(
        {QStringLiteral("verify"), QStringLiteral("--database"), databaseUrl}, &output);
    if (exitCode == 0)
        return {};
    return "verify exited with " + QByteArray::number(exitCode) + ": " + output;
}

int TestServer::runCommand(const QStringList& arguments, QByteArray* output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(binary(), arguments);
    process.waitForFinished(120000);
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

Fixture::Fixture(QStringList serverArguments, Catalog catalog)
{
    // Read by the bootstrap command and the server when they fill the new database's catalog.
    if (catalog == Catalog::WithoutFreeCredits)
        qputenv("CREDITDESK_PLANS_FILE",
                QByteArray(CREDITDESK_TEST_DATA_DIR "/plans-without-free-credits.json"));
    else
        qunsetenv("CREDITDESK_PLANS_FILE");
    QTemporaryDir dir;
    const QString passwordFile = dir.filePath(QStringLiteral("password"));
    QFile file(passwordFile);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write password file");
    file.write(passwordFor(QStringLiteral("admin@example.com")).toUtf8() + '\n');
    file.close();
    QByteArray output;
    if (TestServer::runCommand({QStringLiteral("bootstrap"), QStringLiteral("--database"), database.url(),
                                QStringLiteral("--email"), QStringLiteral("admin@example.com"),
                                QStringLiteral("--password-file"), passwordFile},
                               &output) != 0)
        throw std::runtime_error("bootstrap failed: " + output.toStdString());
    server = std::make_unique<TestServer>(database.url(), serverArguments);
    if (!server->start())
        throw std::runtime_error("server did not start");
    adminToken = login(QStringLiteral("admin@example.com"), passwordFor(QStringLiteral("admin@example.com")));
}

QByteArray Fixture::login(const QString& email, const QString& password)
{
    const HttpResponse response =
        server->client()->post("/api/v1/auth/login", QJsonObject{{QStringLiteral("email"), email},
                                                                 {QStringLiteral("password"), password}});
    if (response.status != 200)
        throw std::runtime_error("login failed: " + response.body.toStdString());
    return response.json().value(QStringLiteral("token")).toString().toLatin1();
}

qint64 Fixture::createOrganization(const QByteArray& ownerToken, const QString& name, const QString& kind)
{
    const HttpResponse response =
        server->client(ownerToken)
            ->post("/api/v1/organizations",
                   QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("kind"), kind}});
    if (response.status != 201)
        throw std::runtime_error("create organization failed: " + response.body.toStdString());
    return response.json().value(QStringLiteral("id")).toInteger();
}

qint64 Fixture::addMember(const QByteArray& token, qint64 organizationId, const QString& email,
                          const QString& role, std::optional<qint64> departmentId)
{
    // The real flow (issue 13): invited by `token`, accepted by the invited person.
    QJsonObject invitation{{QStringLiteral("email"), email}, {QStringLiteral("role"), role}};
    if (departmentId)
        invitation.insert(QStringLiteral("department_id"), *departmentId);
    const HttpResponse invited = server->client(token)->post(
        "/api/v1/organizations/" + QByteArray::number(organizationId) + "/invitations", invitation);
    if (invited.status != 201)
        throw std::runtime_error("invite member failed: " + invited.body.toStdString());
    const QString invitationToken = invited.json().value(QStringLiteral("token")).toString();
    // A new user chooses their password; an existing one (answered 401 without a session) accepts signed in.
    HttpResponse accepted =
        server->client()->post("/api/v1/invitations/accept",
                               QJsonObject{{QStringLiteral("token"), invitationToken},
                                           {QStringLiteral("name"), email.section(QLatin1Char('@'), 0, 0)},
                                           {QStringLiteral("password"), passwordFor(email)}});
    if (accepted.status == 401)
        accepted =
            server->client(login(email, passwordFor(email)))
                ->post("/api/v1/invitations/accept", QJsonObject{{QStringLiteral("token"), invitationToken}});
    if (accepted.status != 200)
        throw std::runtime_error("accept invitation failed: " + accepted.body.toStdString());
    return accepted.json().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toInteger();
}

qint64 Fixture::addMemberByOperator(qint64 organizationId, const QString& email, const QString& role,
                                    std::optional<qint64> departmentId)
{
    QJsonObject body{{QStringLiteral("email"), email},
                     {QStringLiteral("name"), email.section(QLatin1Char('@'), 0, 0)},
                     {QStringLiteral("password"), passwordFor(email)},
                     {QStringLiteral("role"), role}};
    if (departmentId)
        body.insert(QStringLiteral("department_id"), *departmentId);
    const HttpResponse response =
        server->client(adminToken)
            ->post("/api/v1/organizations/" + QByteArray::number(organizationId) + "/members", body);
    if (response.status != 201)
        throw std::runtime_error("add member failed: " + response.body.toStdString());
    return response.json().value(QStringLiteral("user_id")).toInteger();
}

qint64 Fixture::createDepartment(const QByteArray& token, qint64 organizationId, const QString& name)
{
    const HttpResponse response = server->client(token)->post(
        "/api/v1/organizations/" + QByteArray::number(organizationId) + "/departments",
        QJsonObject{{QStringLiteral("name"), name}});
    if (response.status != 201)
        throw std::runtime_error("create department failed: " + response.body.toStdString());
    return response.json().value(QStringLiteral("id")).toInteger();
}

QByteArray Fixture::createApiToken(const QByteArray& token, std::optional<qint64> organizationId,
                                   const QStringList& scopes)
{
    QJsonObject body{{QStringLiteral("name"), QStringLiteral("test token")},
                     {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)}};
    if (organizationId)
        body.insert(QStringLiteral("organization_id"), *organizationId);
    const HttpResponse response = server->client(token)->post("/api/v1/api-tokens", body);
    if (response.status != 201)
        throw std::runtime_error("create API token failed: " + response.body.toStdString());
    return response.json().value(QStringLiteral("token")).toString().toLatin1();
}

HttpResponse Fixture::allocate(const QByteArray& token, qint64 organizationId, qint64 amount)
{
    return server->client(token)->post("/api/v1/credits/allocate",
                                       QJsonObject{{QStringLiteral("organization_id"), organizationId},
                                                   {QStringLiteral("amount"), amount},
                                                   {QStringLiteral("kind"), QStringLiteral("purchase")}});
}

qint64 Fixture::balance(const QByteArray& token, qint64 organizationId)
{
    const HttpResponse response = server->client(token)->get("/api/v1/credits/balance?organization_id=" +
                                                             QByteArray::number(organizationId));
    if (response.status != 200)
        throw std::runtime_error("balance failed: " + response.body.toStdString());
    return response.json().value(QStringLiteral("balance")).toInteger();
}

} // namespace creditdesk::test
