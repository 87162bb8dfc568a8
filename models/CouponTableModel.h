#pragma once

#include "domain/Billing.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace creditdesk {

// The platform's coupons (GET /coupons/list) for platform administrators: code, what it gives, how often
// it was redeemed of how often it may be, when it expires, and whether it can still be redeemed.
class CouponTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Code,
        Gives,
        Redemptions,
        Expires,
        Status,
        Count
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1
    };

    explicit CouponTableModel(QObject* parent = nullptr);

    void setCatalog(const PlanCatalog& catalog);
    void setCoupons(const QList<Coupon>& coupons);
    const QList<Coupon>& coupons() const { return m_coupons; }
    std::optional<Coupon> couponAt(int row) const;
    int rowOf(const QString& code) const;
    // "Expired" is relative to this time (injectable for tests).
    void setNow(const QDateTime& now) { m_now = now; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Active", "Inactive", "Expired", "Used up".
    QString statusOf(const Coupon& coupon) const;
    // The coupon's own terms as an effect (what redeeming it gives).
    static CouponEffect effectOf(const Coupon& coupon);

private:
    QList<Coupon> m_coupons;
    PlanCatalog m_catalog;
    QDateTime m_now;
};

} // namespace creditdesk
