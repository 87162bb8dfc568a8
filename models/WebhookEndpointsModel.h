#pragma once

#include "domain/Alerts.h"

#include <QAbstractTableModel>
#include <QList>

namespace creditdesk {

// The organization's webhook endpoints (GET /api/v1/webhook-endpoints): where they post and which events.
// Never holds a secret (the server shows it once, in the answer to creating the endpoint).
class WebhookEndpointsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Url,
        Events,
        Created,
        Count
    };
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit WebhookEndpointsModel(QObject* parent = nullptr);

    void setEndpoints(const QList<WebhookEndpoint>& endpoints);
    const QList<WebhookEndpoint>& endpoints() const { return m_endpoints; }
    const WebhookEndpoint* endpointAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<WebhookEndpoint> m_endpoints;
};

} // namespace creditdesk
