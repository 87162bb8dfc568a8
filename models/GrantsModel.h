#pragma once

#include "domain/Records.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace creditdesk {

// A grant kind from the API ("bonus", "plan_allocation", …) in words; an unknown kind as it is.
QString grantKindLabel(const QString& kind);

// The grants a balance is made of, in draw-down order, with their expiry.
class GrantsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Kind,
        Remaining,
        Value,
        Amount,
        Expires,
        Note,
        Count
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1
    };

    explicit GrantsModel(QObject* parent = nullptr);

    void setGrants(const QList<Grant>& grants);
    // "Expires in 3 days" is relative to this time (injectable for tests).
    void setNow(const QDateTime& now) { m_now = now; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Grant> m_grants;
    QDateTime m_now;
};

} // namespace creditdesk
