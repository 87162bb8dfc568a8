#include "app/DemoSeeder.h"

#include "api/ApiClient.h"
#include "api/Jobs.h"

#include <QDateTime>
#include <QJsonArray>

namespace creditdesk {

DemoSeeder::DemoSeeder(QUrl server, QString password, QObject* parent)
    : QObject(parent), m_client(new ApiClient(this)), m_password(std::move(password))
{
    m_client->setBaseUrl(server);
}

void DemoSeeder::call(const QByteArray& method, const QString& path, const QJsonObject& body, const QByteArray& token,
                      std::function<void(const QJsonObject&)> then)
{
    auto* job = new JsonRequestJob(m_client, method, path, body, this);
    if (token.isEmpty())
        job->setAnonymous(true);
    else
        job->setBearer(token);
    connect(job, &ApiJob::finished, this, [this, job, then, path] {
        if (job->error().isError()) {
            m_failed = true;
            Q_EMIT finished(false, path + QStringLiteral(": ") + job->error().userMessage());
            return;
        }
        if (then)
            then(job->result());
        next();
    });
    job->start();
}

void DemoSeeder::next()
{
    if (m_failed)
        return;
    if (m_steps.isEmpty()) {
        Q_EMIT finished(true, QString());
        return;
    }
    const Step step = m_steps.takeFirst();
    step();
}

void DemoSeeder::start()
{
    const auto id = [](const QJsonObject& object, const char* key) {
        return object.value(QLatin1String(key)).toInteger();
    };
    m_steps.append([this] {
        call("POST", QStringLiteral("/api/v1/auth/login"),
             {{QStringLiteral("email"), QStringLiteral("platform@demo.test")}, {QStringLiteral("password"), m_password}},
             {}, [this](const QJsonObject& answer) { m_admin = answer.value(QStringLiteral("token")).toString().toUtf8(); });
    });
    m_steps.append([this, id] {
        call("POST", QStringLiteral("/api/v1/organizations"),
             {{QStringLiteral("name"), QStringLiteral("Demo Labs")}, {QStringLiteral("kind"), QStringLiteral("team")}},
             m_admin, [this, id](const QJsonObject& answer) { m_organization = id(answer, "id"); });
    });
    m_steps.append([this, id] {
        call("POST", QStringLiteral("/api/v1/organizations/%1/departments").arg(m_organization),
             {{QStringLiteral("name"), QStringLiteral("Research")}}, m_admin,
             [this, id](const QJsonObject& answer) { m_research = id(answer, "id"); });
    });
    m_steps.append([this, id] {
        call("POST", QStringLiteral("/api/v1/organizations/%1/departments").arg(m_organization),
             {{QStringLiteral("name"), QStringLiteral("Support")}}, m_admin,
             [this, id](const QJsonObject& answer) { m_support = id(answer, "id"); });
    });
    struct Person
    {
        const char* email;
        const char* name;
        const char* role;
        int department; // 0 none, 1 research, 2 support
    };
    static const Person people[] = {
        {"owner@demo.test", "Olivia Owner", "owner", 0},      {"admin@demo.test", "Adam Admin", "admin", 0},
        {"finance@demo.test", "Fiona Finance", "finance", 0}, {"manager@demo.test", "Marco Manager", "manager", 1},
        {"ana@demo.test", "Ana Alves", "member", 1},          {"ben@demo.test", "Ben Brooks", "member", 1},
        {"chen@demo.test", "Chen Li", "member", 1},           {"dara@demo.test", "Dara Doyle", "member", 2},
        {"eli@demo.test", "Eli Evans", "member", 2}};
    for (const Person& person : people) {
        m_steps.append([this, person, id] {
            QJsonObject body{{QStringLiteral("email"), QLatin1String(person.email)},
                             {QStringLiteral("name"), QLatin1String(person.name)},
                             {QStringLiteral("password"), m_password},
                             {QStringLiteral("role"), QLatin1String(person.role)}};
            if (person.department != 0)
                body.insert(QStringLiteral("department_id"), person.department == 1 ? m_research : m_support);
            call("POST", QStringLiteral("/api/v1/organizations/%1/members").arg(m_organization), body, m_admin,
                 [this, person, id](const QJsonObject& answer) {
                     if (QLatin1String(person.role) == QLatin1String("member") ||
                         QLatin1String(person.role) == QLatin1String("manager"))
                         m_members.append(id(answer, "user_id"));
                 });
        });
    }
    const QString bonusExpiry =
        QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate);
    const QList<QJsonObject> allocations{
        {{QStringLiteral("amount"), 500000}, {QStringLiteral("kind"), QStringLiteral("plan_allocation")},
         {QStringLiteral("note"), QStringLiteral("Professional plan, monthly allowance")}},
        {{QStringLiteral("amount"), 25000}, {QStringLiteral("kind"), QStringLiteral("bonus")},
         {QStringLiteral("note"), QStringLiteral("Welcome bonus")}, {QStringLiteral("expires_at"), bonusExpiry}},
        {{QStringLiteral("amount"), 250000}, {QStringLiteral("kind"), QStringLiteral("purchase")},
         {QStringLiteral("note"), QStringLiteral("Top-up $10")}}};
    for (const QJsonObject& allocation : allocations) {
        m_steps.append([this, allocation] {
            QJsonObject body = allocation;
            body.insert(QStringLiteral("organization_id"), m_organization);
            call("POST", QStringLiteral("/api/v1/credits/allocate"), body, m_admin, {});
        });
    }
    m_steps.append([this] {
        call("POST", QStringLiteral("/api/v1/api-tokens"),
             {{QStringLiteral("name"), QStringLiteral("Gateway")},
              {QStringLiteral("organization_id"), m_organization},
              {QStringLiteral("scopes"), QJsonArray{QStringLiteral("credits:read"), QStringLiteral("credits:deduct")}}},
             m_admin, [this](const QJsonObject& answer) {
                 m_gateway = answer.value(QStringLiteral("token")).toString().toUtf8();
             });
    });
    static const char* const models[] = {"gpt-4o", "claude-sonnet", "llama-3-70b", "text-embedding-3", "tts-1"};
    for (int i = 1; i <= 240; ++i) {
        m_steps.append([this, i] {
            const qint64 member = m_members.isEmpty() ? 0 : m_members.at(i % m_members.size());
            QJsonObject body{{QStringLiteral("organization_id"), m_organization},
                             {QStringLiteral("amount"), (i * 137) % 3000 + 100},
                             {QStringLiteral("reference"),
                              QStringLiteral("%1-req-%2").arg(QLatin1String(models[i % 5])).arg(i, 4, 10, QLatin1Char('0'))}};
            if (member != 0)
                body.insert(QStringLiteral("member_id"), member);
            call("POST", QStringLiteral("/api/v1/credits/deduct"), body, m_gateway, {});
        });
    }
    m_steps.append([this] {
        // One refund, so every kind of movement shows up in the demo.
        call("POST", QStringLiteral("/api/v1/credits/refund"),
             {{QStringLiteral("transaction_id"), 5}, {QStringLiteral("reason"), QStringLiteral("model returned an error")}},
             m_admin, {});
    });
    next();
}

} // namespace creditdesk
