#include "models/CouponTableModel.h"

#include "models/BillingText.h"

#include <QLocale>

#include <utility>

namespace creditdesk {

CouponTableModel::CouponTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_now(QDateTime::currentDateTimeUtc())
{
}

void CouponTableModel::setCatalog(const PlanCatalog& catalog)
{
    m_catalog = catalog; // plan names in what free periods give
    if (!m_coupons.isEmpty())
        Q_EMIT dataChanged(index(0, static_cast<int>(Column::Gives)),
                           index(rowCount() - 1, static_cast<int>(Column::Gives)));
}

void CouponTableModel::setCoupons(const QList<Coupon>& coupons)
{
    bool sameRows = coupons.size() == m_coupons.size();
    for (qsizetype i = 0; sameRows && i < coupons.size(); ++i)
        sameRows = coupons.at(i).code == m_coupons.at(i).code;
    if (!sameRows) {
        beginResetModel();
        m_coupons = coupons;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < coupons.size(); ++i) {
        const Coupon before = std::exchange(m_coupons[i], coupons.at(i));
        const Coupon& after = m_coupons.at(i);
        if (before.redemptionCount != after.redemptionCount || before.active != after.active ||
            before.maxRedemptions != after.maxRedemptions || before.expiresAt != after.expiresAt)
            Q_EMIT dataChanged(index(static_cast<int>(i), 0), index(static_cast<int>(i), columnCount() - 1));
    }
}

std::optional<Coupon> CouponTableModel::couponAt(int row) const
{
    if (row < 0 || row >= m_coupons.size())
        return std::nullopt;
    return m_coupons.at(row);
}

int CouponTableModel::rowOf(const QString& code) const
{
    for (qsizetype i = 0; i < m_coupons.size(); ++i) {
        if (m_coupons.at(i).code == code)
            return static_cast<int>(i);
    }
    return -1;
}

int CouponTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_coupons.size());
}

int CouponTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

CouponEffect CouponTableModel::effectOf(const Coupon& coupon)
{
    CouponEffect effect;
    effect.kind = coupon.kind;
    effect.credits = coupon.credits;
    effect.percent = coupon.percent;
    effect.amountMinor = coupon.amountMinor;
    effect.periods = coupon.durationPeriods;
    effect.plan = coupon.plan;
    return effect;
}

QString CouponTableModel::statusOf(const Coupon& coupon) const
{
    if (!coupon.active)
        return tr("Inactive");
    if (coupon.expiresAt.isValid() && coupon.expiresAt <= m_now)
        return tr("Expired");
    if (coupon.maxRedemptions && coupon.redemptionCount >= *coupon.maxRedemptions)
        return tr("Used up");
    return tr("Active");
}

QVariant CouponTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Coupon& coupon = m_coupons.at(index.row());
    const auto column = static_cast<Column>(index.column());
    const QLocale locale;
    if (role == RawRole) {
        switch (column) {
        case Column::Code:
            return coupon.code;
        case Column::Gives:
            return coupon.kind;
        case Column::Redemptions:
            return coupon.redemptionCount;
        case Column::Expires:
            return coupon.expiresAt;
        case Column::Status:
            return coupon.active;
        case Column::Count:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return QVariant((column == Column::Redemptions ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (column) {
    case Column::Code:
        return coupon.code;
    case Column::Gives:
        return BillingText::couponGives(effectOf(coupon), m_catalog);
    case Column::Redemptions:
        return BillingText::redemptionsOfMax(coupon.redemptionCount, coupon.maxRedemptions);
    case Column::Expires:
        return coupon.expiresAt.isValid()
                   ? locale.toString(coupon.expiresAt.toLocalTime(), QLocale::ShortFormat)
                   : tr("Never");
    case Column::Status:
        return statusOf(coupon);
    case Column::Count:
        break;
    }
    return {};
}

QVariant CouponTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Code:
        return tr("Code");
    case Column::Gives:
        return tr("Gives");
    case Column::Redemptions:
        return tr("Redemptions");
    case Column::Expires:
        return tr("Expires");
    case Column::Status:
        return tr("Status");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
