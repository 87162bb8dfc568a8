#include "models/WebhookEndpointsModel.h"

#include "models/AlertText.h"

namespace creditdesk {

WebhookEndpointsModel::WebhookEndpointsModel(QObject* parent) : QAbstractTableModel(parent) {}

void WebhookEndpointsModel::setEndpoints(const QList<WebhookEndpoint>& endpoints)
{
    beginResetModel();
    m_endpoints = endpoints;
    for (WebhookEndpoint& endpoint : m_endpoints)
        endpoint.secret.clear();
    endResetModel();
}

const WebhookEndpoint* WebhookEndpointsModel::endpointAt(int row) const
{
    return row >= 0 && row < m_endpoints.size() ? &m_endpoints.at(row) : nullptr;
}

int WebhookEndpointsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_endpoints.size());
}

int WebhookEndpointsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant WebhookEndpointsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebhookEndpoint& endpoint = m_endpoints.at(index.row());
    const auto column = static_cast<Column>(index.column());
    if (role == Qt::ToolTipRole && column == Column::Events)
        return endpoint.events.join(QStringLiteral(", "));
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (!display && role != RawRole)
        return {};
    switch (column) {
    case Column::Url:
        return endpoint.url;
    case Column::Events: {
        if (role == RawRole)
            return endpoint.events;
        QStringList labels;
        for (const QString& event : endpoint.events)
            labels.append(alerttext::eventLabel(event));
        return labels.join(QStringLiteral(", "));
    }
    case Column::Created:
        return role == RawRole ? QVariant(endpoint.createdAt)
                               : QVariant(alerttext::dateTime(endpoint.createdAt));
    case Column::Count:
        break;
    }
    return {};
}

QVariant WebhookEndpointsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Url:
        return tr("Address");
    case Column::Events:
        return tr("Events");
    case Column::Created:
        return tr("Added");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
