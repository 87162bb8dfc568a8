#include "models/CouponRedemptionsModel.h"

#include "models/BillingText.h"

#include <QLocale>

namespace creditdesk {

CouponRedemptionsModel::CouponRedemptionsModel(QObject* parent) : QAbstractTableModel(parent) {}

void CouponRedemptionsModel::setRedemptions(const QList<CouponRedemption>& redemptions)
{
    beginResetModel();
    m_redemptions = redemptions;
    endResetModel();
}

int CouponRedemptionsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_redemptions.size());
}

int CouponRedemptionsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant CouponRedemptionsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    const CouponRedemption& redemption = m_redemptions.at(index.row());
    const QLocale locale;
    switch (static_cast<Column>(index.column())) {
    case Column::When:
        return redemption.at.isValid() ? locale.toString(redemption.at.toLocalTime(), QLocale::ShortFormat)
                                       : QString();
    case Column::Account:
        if (redemption.organizationId)
            return tr("Organization #%1").arg(locale.toString(*redemption.organizationId));
        if (redemption.userId)
            return tr("User #%1").arg(locale.toString(*redemption.userId));
        return QString();
    case Column::Effect:
        return redemption.effect.kind.isEmpty() ? QString()
                                                : BillingText::couponGives(redemption.effect, m_catalog);
    case Column::Count:
        break;
    }
    return {};
}

QVariant CouponRedemptionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::When:
        return tr("When");
    case Column::Account:
        return tr("Account");
    case Column::Effect:
        return tr("Gave");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
