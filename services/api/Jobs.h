#pragma once

#include "api/ApiJob.h"
#include "domain/Records.h"
#include "domain/SyncedCollection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace creditdesk {

// One small job per endpoint (docs/openapi.yaml). Results are valid after finished() without error.

class LoginJob : public ApiJob
{
    Q_OBJECT
public:
    LoginJob(ApiClient* client, QString email, QString password, QObject* parent = nullptr);
    const LoginResult& result() const { return m_result; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;
    bool idempotent() const override { return false; }

private:
    QString m_email;
    QString m_password;
    LoginResult m_result;
};

class LogoutJob : public ApiJob
{
    Q_OBJECT
public:
    using ApiJob::ApiJob;

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray&) override { return true; }
    bool idempotent() const override { return false; }
};

class MeJob : public ApiJob
{
    Q_OBJECT
public:
    using ApiJob::ApiJob;
    const Me& result() const { return m_result; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;

private:
    Me m_result;
};

class BalanceJob : public ApiJob
{
    Q_OBJECT
public:
    BalanceJob(ApiClient* client, qint64 organizationId, QObject* parent = nullptr);
    const Balance& result() const { return m_result; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;

private:
    qint64 m_organizationId;
    Balance m_result;
};

// One page of GET /credits/transactions with since (oldest first), for incremental sync.
class TransactionsPageJob : public ApiJob
{
    Q_OBJECT
public:
    TransactionsPageJob(ApiClient* client, qint64 organizationId, qint64 since, QString cursor, int limit,
                        QObject* parent = nullptr);
    const QList<Transaction>& transactions() const { return m_transactions; }
    const QString& nextCursor() const { return m_nextCursor; } // empty on the last page

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;

private:
    qint64 m_organizationId;
    qint64 m_since;
    QString m_cursor;
    int m_limit;
    QList<Transaction> m_transactions;
    QString m_nextCursor;
};

// One page of a synced collection (SyncedCollection: its endpoint with organization_id and since, oldest
// first); rows come back as cache values in the declaration's column order.
class CollectionPageJob : public ApiJob
{
    Q_OBJECT
public:
    CollectionPageJob(ApiClient* client, SyncedCollection collection, qint64 organizationId, qint64 since,
                      QString cursor, int limit, QObject* parent = nullptr);
    const QList<QVariantList>& rows() const { return m_rows; }
    const QString& nextCursor() const { return m_nextCursor; } // empty on the last page

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;

private:
    SyncedCollection m_collection;
    qint64 m_organizationId;
    qint64 m_since;
    QString m_cursor;
    int m_limit;
    QList<QVariantList> m_rows;
    QString m_nextCursor;
};

class MembersJob : public ApiJob
{
    Q_OBJECT
public:
    MembersJob(ApiClient* client, qint64 organizationId, QObject* parent = nullptr);
    const QList<Member>& result() const { return m_result; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;

private:
    qint64 m_organizationId;
    QList<Member> m_result;
};

class DepartmentsJob : public ApiJob
{
    Q_OBJECT
public:
    DepartmentsJob(ApiClient* client, qint64 organizationId, QObject* parent = nullptr);
    const QList<Department>& result() const { return m_result; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;

private:
    qint64 m_organizationId;
    QList<Department> m_result;
};

// Daily usage rollups (GET /metering/by-date). Servers without metering answer 404: the caller then
// derives usage from the transactions.
class UsageByDateJob : public ApiJob
{
    Q_OBJECT
public:
    UsageByDateJob(ApiClient* client, qint64 organizationId, QDate start, QDate end, QString since,
                   QObject* parent = nullptr);
    const QList<MeteredDay>& days() const { return m_days; }
    const QString& cursor() const { return m_cursor; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;

private:
    qint64 m_organizationId;
    QDate m_start;
    QDate m_end;
    QString m_since;
    QList<MeteredDay> m_days;
    QString m_cursor;
};

// Any JSON request, for the demo seeder and administrative one-offs. Not retried.
class JsonRequestJob : public ApiJob
{
    Q_OBJECT
public:
    JsonRequestJob(ApiClient* client, QByteArray method, QString path, QJsonObject body = {},
                   QObject* parent = nullptr);
    void setBearer(const QByteArray& token) { m_bearer = token; }
    void setAnonymous(bool anonymous) { m_anonymous = anonymous; }
    const QJsonObject& result() const { return m_result; }

protected:
    QNetworkReply* send() override;
    bool parse(const QByteArray& body) override;
    bool idempotent() const override { return m_method == "GET"; }

private:
    QByteArray m_method;
    QString m_path;
    QJsonObject m_body;
    QByteArray m_bearer;
    bool m_anonymous = false;
    QJsonObject m_result;
};

} // namespace creditdesk
