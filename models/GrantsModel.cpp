#include "models/GrantsModel.h"

#include "domain/Credits.h"

#include <QCoreApplication>
#include <QLocale>

namespace creditdesk {

QString grantKindLabel(const QString& kind)
{
    if (kind == QLatin1String("plan_allocation"))
        return QCoreApplication::translate("creditdesk::GrantsModel", "Plan allowance");
    if (kind == QLatin1String("daily_refresh"))
        return QCoreApplication::translate("creditdesk::GrantsModel", "Daily refresh");
    if (kind == QLatin1String("bonus"))
        return QCoreApplication::translate("creditdesk::GrantsModel", "Bonus");
    if (kind == QLatin1String("coupon"))
        return QCoreApplication::translate("creditdesk::GrantsModel", "Coupon");
    if (kind == QLatin1String("purchase"))
        return QCoreApplication::translate("creditdesk::GrantsModel", "Purchase");
    if (kind == QLatin1String("refund"))
        return QCoreApplication::translate("creditdesk::GrantsModel", "Refund");
    if (kind == QLatin1String("adjustment"))
        return QCoreApplication::translate("creditdesk::GrantsModel", "Adjustment");
    return kind;
}

GrantsModel::GrantsModel(QObject* parent)
    : QAbstractTableModel(parent), m_now(QDateTime::currentDateTimeUtc())
{
}

void GrantsModel::setGrants(const QList<Grant>& grants)
{
    bool sameRows = grants.size() == m_grants.size();
    for (qsizetype i = 0; sameRows && i < grants.size(); ++i)
        sameRows = grants.at(i).id == m_grants.at(i).id;
    if (!sameRows) {
        beginResetModel();
        m_grants = grants;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < grants.size(); ++i) {
        const Grant before = m_grants.at(i);
        const Grant& after = grants.at(i);
        m_grants[i] = after;
        if (before.remaining != after.remaining || before.expiresAt != after.expiresAt ||
            before.note != after.note)
            Q_EMIT dataChanged(index(static_cast<int>(i), 0), index(static_cast<int>(i), columnCount() - 1));
    }
}

int GrantsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_grants.size());
}

int GrantsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant GrantsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Grant& grant = m_grants.at(index.row());
    const auto column = static_cast<Column>(index.column());
    const QLocale locale;
    if (role == RawRole) {
        switch (column) {
        case Column::Kind:
            return grant.kind;
        case Column::Remaining:
        case Column::Value:
            return grant.remaining;
        case Column::Amount:
            return grant.amount;
        case Column::Expires:
            return grant.expiresAt;
        case Column::Note:
            return grant.note;
        case Column::Count:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        const bool number =
            column == Column::Remaining || column == Column::Value || column == Column::Amount;
        return QVariant((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        // The value column rounds to cents; the tooltip has the exact value.
        switch (column) {
        case Column::Remaining:
        case Column::Value:
            return Credits(grant.remaining).describeExact(locale);
        case Column::Amount:
            return Credits(grant.amount).describeExact(locale);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (column) {
    case Column::Kind:
        return grantKindLabel(grant.kind);
    case Column::Remaining:
        return Credits(grant.remaining).format(locale);
    case Column::Value:
        return Credits(grant.remaining).formatDollars(locale);
    case Column::Amount:
        return Credits(grant.amount).format(locale);
    case Column::Expires: {
        if (!grant.expiresAt.isValid())
            return tr("Never");
        const qint64 days = m_now.daysTo(grant.expiresAt);
        const QString date = locale.toString(grant.expiresAt.toLocalTime().date(), QLocale::ShortFormat);
        return days >= 0 ? tr("%1 (in %Ln day(s))", nullptr, static_cast<int>(days)).arg(date) : date;
    }
    case Column::Note:
        return grant.note;
    case Column::Count:
        break;
    }
    return {};
}

QVariant GrantsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Kind:
        return tr("Grant");
    case Column::Remaining:
        return tr("Remaining");
    case Column::Value:
        return tr("Value");
    case Column::Amount:
        return tr("Granted");
    case Column::Expires:
        return tr("Expires");
    case Column::Note:
        return tr("Note");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
