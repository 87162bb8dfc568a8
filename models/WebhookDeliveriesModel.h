#pragma once

#include "domain/Alerts.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// One endpoint's deliveries (GET /api/v1/webhook-endpoints/{id}/deliveries): the event, whether it
// arrived, how many attempts (each with its answer in the tooltip) and when the next one is due.
class WebhookDeliveriesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Event,
        Status,
        Attempts,
        LastAttempt,
        NextAttempt,
        Count
    };
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit WebhookDeliveriesModel(QObject* parent = nullptr);

    void setDeliveries(const QList<WebhookDelivery>& deliveries);
    const QList<WebhookDelivery>& deliveries() const { return m_deliveries; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<WebhookDelivery> m_deliveries;
};

} // namespace creditdesk
