#pragma once

#include "domain/Billing.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// The redemptions of one coupon (GET /coupons/redemptions?code=): when, which account, what it gave.
class CouponRedemptionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        When,
        Account,
        Effect,
        Count
    };

    explicit CouponRedemptionsModel(QObject* parent = nullptr);

    void setCatalog(const PlanCatalog& catalog) { m_catalog = catalog; }
    void setRedemptions(const QList<CouponRedemption>& redemptions);
    const QList<CouponRedemption>& redemptions() const { return m_redemptions; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CouponRedemption> m_redemptions;
    PlanCatalog m_catalog;
};

} // namespace creditdesk
