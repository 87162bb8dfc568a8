#pragma once

#include "domain/Billing.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// The changes of a subscription, newest first (GET /subscription/history): when, what happened in words,
// what was charged and the credits given, and who did it. RawRole carries the time, the minor units and
// the credits for sorting.
class SubscriptionHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        When,
        Change,
        Charged,
        Credits,
        By,
        Count
    };
    enum Role
    {
        RawRole = Qt::UserRole + 1
    };

    explicit SubscriptionHistoryModel(QObject* parent = nullptr);

    // The plan names come from the catalog; "You" is this user.
    void setContext(const PlanCatalog& catalog, qint64 myUserId);
    void setEvents(const QList<SubscriptionEvent>& events);
    const QList<SubscriptionEvent>& events() const { return m_events; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SubscriptionEvent> m_events;
    PlanCatalog m_catalog;
    qint64 m_myUserId = 0;
};

} // namespace creditdesk
