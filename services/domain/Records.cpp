#include "domain/Records.h"

#include <QCoreApplication>

namespace creditdesk {

namespace {
const char* const kKindKeys[] = {"allocation", "deduction", "refund", "expiry"};
const char* const kRoleKeys[] = {"owner", "admin", "manager", "finance", "member"};
} // namespace

QString transactionKindKey(TransactionKind kind)
{
    const int index = static_cast<int>(kind);
    return index >= 0 && index < static_cast<int>(TransactionKind::Count) ? QLatin1String(kKindKeys[index])
                                                                          : QString();
}

std::optional<TransactionKind> transactionKindFromKey(const QString& key)
{
    for (int i = 0; i < static_cast<int>(TransactionKind::Count); ++i) {
        if (key == QLatin1String(kKindKeys[i]))
            return static_cast<TransactionKind>(i);
    }
    return std::nullopt;
}

QString transactionKindLabel(TransactionKind kind)
{
    switch (kind) {
    case TransactionKind::Allocation:
        return QCoreApplication::translate("TransactionKind", "Allocation");
    case TransactionKind::Deduction:
        return QCoreApplication::translate("TransactionKind", "Deduction");
    case TransactionKind::Refund:
        return QCoreApplication::translate("TransactionKind", "Refund");
    case TransactionKind::Expiry:
        return QCoreApplication::translate("TransactionKind", "Expiry");
    case TransactionKind::Count:
        break;
    }
    return {};
}

std::optional<Role> roleFromKey(const QString& key)
{
    for (int i = 0; i < static_cast<int>(Role::Count); ++i) {
        if (key == QLatin1String(kRoleKeys[i]))
            return static_cast<Role>(i);
    }
    return std::nullopt;
}

QString roleKey(Role role)
{
    const int index = static_cast<int>(role);
    return index >= 0 && index < static_cast<int>(Role::Count) ? QLatin1String(kRoleKeys[index]) : QString();
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::Owner:
        return QCoreApplication::translate("Role", "Owner");
    case Role::Admin:
        return QCoreApplication::translate("Role", "Admin");
    case Role::Manager:
        return QCoreApplication::translate("Role", "Manager");
    case Role::Finance:
        return QCoreApplication::translate("Role", "Finance");
    case Role::Member:
        return QCoreApplication::translate("Role", "Member");
    case Role::Count:
        break;
    }
    return {};
}

bool Organization::canReadTransactions() const
{
    return can(QStringLiteral("credits:read")) || can(QStringLiteral("credits:read_department")) ||
           can(QStringLiteral("credits:read_own"));
}

} // namespace creditdesk
