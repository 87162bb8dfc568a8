#include "models/TransactionColumns.h"

#include "domain/Credits.h"

#include <QCoreApplication>
#include <QLocale>

namespace creditdesk {

namespace {

QString nameOf(const std::optional<qint64>& id, const QHash<qint64, QString>& names)
{
    if (!id)
        return {};
    const auto it = names.constFind(*id);
    return it != names.cend() ? *it : QStringLiteral("#%1").arg(*id);
}

QString signedCredits(qint64 amount)
{
    const QString text = Credits(amount).format();
    return amount > 0 ? QLatin1Char('+') + text : text;
}

} // namespace

QVariant transactionHeader(TransactionColumn column, int role)
{
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case TransactionColumn::Date:
        return QCoreApplication::translate("TransactionColumns", "Date");
    case TransactionColumn::Kind:
        return QCoreApplication::translate("TransactionColumns", "Kind");
    case TransactionColumn::Amount:
        return QCoreApplication::translate("TransactionColumns", "Credits");
    case TransactionColumn::Value:
        return QCoreApplication::translate("TransactionColumns", "Value");
    case TransactionColumn::BalanceAfter:
        return QCoreApplication::translate("TransactionColumns", "Balance after");
    case TransactionColumn::Member:
        return QCoreApplication::translate("TransactionColumns", "Member");
    case TransactionColumn::Department:
        return QCoreApplication::translate("TransactionColumns", "Department");
    case TransactionColumn::Reference:
        return QCoreApplication::translate("TransactionColumns", "Reference / note");
    case TransactionColumn::Count:
        break;
    }
    return {};
}

QVariant transactionData(const Transaction& row, TransactionColumn column, int role, const NameLookup& names)
{
    if (role == TransactionIdRole)
        return row.id;
    if (role == LoadedRole)
        return true;
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case TransactionColumn::Amount:
        case TransactionColumn::Value:
        case TransactionColumn::BalanceAfter:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == RawRole) {
        switch (column) {
        case TransactionColumn::Date:
            return row.createdAt;
        case TransactionColumn::Kind:
            return static_cast<int>(row.kind);
        case TransactionColumn::Amount:
        case TransactionColumn::Value:
            return row.amount;
        case TransactionColumn::BalanceAfter:
            return row.balanceAfter;
        case TransactionColumn::Member:
            return nameOf(row.memberId, names.members);
        case TransactionColumn::Department:
            return nameOf(row.departmentId, names.departments);
        case TransactionColumn::Reference:
            return row.reference;
        case TransactionColumn::Count:
            break;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (column) {
        case TransactionColumn::Date:
            return locale.toString(row.createdAt.toLocalTime(), QLocale::ShortFormat);
        case TransactionColumn::Kind:
            // A usage row names its model rather than the kind alone (issue 14).
            return row.model.isEmpty() ? transactionKindLabel(row.kind) : row.model;
        case TransactionColumn::Amount:
            return signedCredits(row.amount);
        case TransactionColumn::Value:
            return Credits(row.amount).formatDollars(locale);
        case TransactionColumn::BalanceAfter:
            return Credits(row.balanceAfter).format(locale);
        case TransactionColumn::Member:
            return nameOf(row.memberId, names.members);
        case TransactionColumn::Department:
            return nameOf(row.departmentId, names.departments);
        case TransactionColumn::Reference:
            return row.reference.isEmpty() ? row.note : row.reference;
        case TransactionColumn::Count:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        // The table rounds dollars to cents; the tooltip has the exact value.
        switch (column) {
        case TransactionColumn::Kind:
            return row.model.isEmpty() ? QVariant() : QVariant(transactionKindLabel(row.kind));
        case TransactionColumn::Amount:
        case TransactionColumn::Value:
            return Credits(row.amount).describeExact();
        case TransactionColumn::BalanceAfter:
            return Credits(row.balanceAfter).describeExact();
        default:
            return {};
        }
    }
    if (role == Qt::AccessibleTextRole)
        return transactionData(row, column, Qt::DisplayRole, names);
    return {};
}

QString actorLabel(const QString& actor, const NameLookup& names)
{
    const qsizetype space = actor.lastIndexOf(QLatin1Char(' '));
    bool numeric = false;
    const qint64 id = space > 0 ? actor.mid(space + 1).toLongLong(&numeric) : 0;
    const QString kind = numeric ? actor.left(space) : actor;
    if (numeric && kind == QLatin1String("user")) {
        const QString name = names.members.value(id);
        return name.isEmpty() ? QCoreApplication::translate("TransactionColumns", "User #%1").arg(id) : name;
    }
    if (numeric && kind == QLatin1String("api_token"))
        return QCoreApplication::translate("TransactionColumns", "API token #%1").arg(id);
    if (kind == QLatin1String("user"))
        return QCoreApplication::translate("TransactionColumns", "User");
    if (kind == QLatin1String("api_token"))
        return QCoreApplication::translate("TransactionColumns", "API token");
    if (kind == QLatin1String("system"))
        return QCoreApplication::translate("TransactionColumns", "System");
    return actor;
}

TransactionSort sortFor(TransactionColumn column)
{
    switch (column) {
    case TransactionColumn::Date:
        return TransactionSort::Date;
    case TransactionColumn::Kind:
        return TransactionSort::Kind;
    case TransactionColumn::Amount:
    case TransactionColumn::Value:
        return TransactionSort::Amount;
    case TransactionColumn::BalanceAfter:
        return TransactionSort::BalanceAfter;
    case TransactionColumn::Member:
        return TransactionSort::Member;
    case TransactionColumn::Department:
        return TransactionSort::Department;
    case TransactionColumn::Reference:
        return TransactionSort::Reference;
    case TransactionColumn::Count:
        break;
    }
    return TransactionSort::Date;
}

} // namespace creditdesk
