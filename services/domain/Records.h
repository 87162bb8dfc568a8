#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace creditdesk {

// Plain records the console keeps: what the server's JSON says, typed. Amounts are credits (qint64).

enum class TransactionKind
{
    Allocation,
    Deduction,
    Refund,
    Expiry,
    Count
};

QString transactionKindKey(TransactionKind kind); // "allocation", as in the API
std::optional<TransactionKind> transactionKindFromKey(const QString& key);
QString transactionKindLabel(TransactionKind kind); // translated, for people

enum class Role
{
    Owner,
    Admin,
    Manager,
    Finance,
    Member,
    Count
};
std::optional<Role> roleFromKey(const QString& key);
QString roleKey(Role role);
QString roleLabel(Role role);

struct Transaction
{
    qint64 id = 0;
    qint64 organizationId = 0;
    qint64 seq = 0;
    TransactionKind kind = TransactionKind::Allocation;
    QString grantKind;
    qint64 amount = 0; // signed
    qint64 balanceAfter = 0;
    std::optional<qint64> memberId;
    std::optional<qint64> departmentId;
    QString actor; // "user 3", "api_token 1", "system"
    QString reference;
    QString note;
    std::optional<qint64> relatedTransactionId;
    std::optional<qint64> reservationId;
    QDateTime createdAt; // UTC
    QString model;       // a usage deduction's model (from its events); empty for other movements
};

struct Grant
{
    qint64 id = 0;
    QString kind;
    qint64 amount = 0;
    qint64 remaining = 0;
    int priority = 0;
    QDateTime effectiveAt;
    QDateTime expiresAt; // invalid: never expires
    QString note;
};

struct Balance
{
    qint64 organizationId = 0;
    qint64 balance = 0;
    qint64 reserved = 0;
    qint64 available = 0;
    QList<Grant> grants; // in draw-down order
};

struct Member
{
    qint64 userId = 0;
    QString email;
    QString name;
    QString role;
    std::optional<qint64> departmentId;
};

struct Department
{
    qint64 id = 0;
    QString name;
};

struct Organization
{
    qint64 id = 0;
    QString name;
    QString kind;
    QString role;
    std::optional<qint64> departmentId;
    QStringList permissions;
    // Who is looking (the signed-in user, the same for every organization): a public organization bills
    // its members' personal accounts, and platform administrators manage the platform's coupons.
    qint64 userId = 0;
    bool platformAdmin = false;

    bool can(const QString& permission) const { return permissions.contains(permission); }
    // Any of credits:read, credits:read_department, credits:read_own.
    bool canReadTransactions() const;
    bool canReadAllTransactions() const { return can(QStringLiteral("credits:read")); }
};

struct UserProfile
{
    qint64 id = 0;
    QString email;
    QString name;
    bool platformAdmin = false;
};

struct Me
{
    UserProfile user;
    QList<Organization> organizations;
};

// One UTC day of metered usage from the server's rollups (GET /api/v1/metering/by-date).
struct MeteredDay
{
    QDate day;
    qint64 credits = 0;
    qint64 events = 0;
    qint64 tokens = 0;
    qint64 costMicroUsd = 0;
};

struct LoginResult
{
    QByteArray token;
    QDateTime expiresAt;
    UserProfile user;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::Transaction)
Q_DECLARE_METATYPE(creditdesk::TransactionKind)
