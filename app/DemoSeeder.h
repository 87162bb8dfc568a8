#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>

namespace creditdesk {

class ApiClient;

// Fills a fresh demo server through its public API (no SQL), like scripts/demo-data: the organization
// "Demo Labs" with departments, the demo users (owner, admin, finance, manager, members; password
// demo-password), allocations and a few hundred deductions by a gateway token. Used only when the server
// has no `seed-demo` command.
class DemoSeeder : public QObject
{
    Q_OBJECT

public:
    DemoSeeder(QUrl server, QString password, QObject* parent = nullptr);

    void start();

Q_SIGNALS:
    void finished(bool ok, const QString& error);

private:
    using Step = std::function<void()>;
    void call(const QByteArray& method, const QString& path, const QJsonObject& body, const QByteArray& token,
              std::function<void(const QJsonObject&)> then);
    void next();

    ApiClient* m_client;
    QString m_password;
    QList<Step> m_steps;
    QByteArray m_admin;
    QByteArray m_gateway;
    qint64 m_organization = 0;
    qint64 m_research = 0;
    qint64 m_support = 0;
    QList<qint64> m_members;
    bool m_failed = false;
};

} // namespace creditdesk
