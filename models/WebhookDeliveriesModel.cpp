#include "models/WebhookDeliveriesModel.h"

#include "models/AlertText.h"

#include <QLocale>

namespace creditdesk {

namespace {

// "HTTP 500", "connection refused", "HTTP 200".
QString answerText(const WebhookAttempt& attempt)
{
    if (attempt.statusCode)
        return WebhookDeliveriesModel::tr("HTTP %1").arg(*attempt.statusCode);
    return attempt.error.isEmpty() ? WebhookDeliveriesModel::tr("no answer") : attempt.error;
}

} // namespace

WebhookDeliveriesModel::WebhookDeliveriesModel(QObject* parent) : QAbstractTableModel(parent) {}

void WebhookDeliveriesModel::setDeliveries(const QList<WebhookDelivery>& deliveries)
{
    beginResetModel();
    m_deliveries = deliveries;
    endResetModel();
}

int WebhookDeliveriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_deliveries.size());
}

int WebhookDeliveriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant WebhookDeliveriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebhookDelivery& delivery = m_deliveries.at(index.row());
    const auto column = static_cast<Column>(index.column());
    if (role == Qt::ToolTipRole && column == Column::Attempts) {
        QStringList lines;
        for (const WebhookAttempt& attempt : delivery.attempts)
            lines.append(tr("%1: %2").arg(alerttext::dateTime(attempt.at), answerText(attempt)));
        return lines.join(QLatin1Char('\n'));
    }
    const bool display = role == Qt::DisplayRole || role == Qt::AccessibleTextRole;
    if (!display && role != RawRole)
        return {};
    const WebhookAttempt* last = delivery.attempts.isEmpty() ? nullptr : &delivery.attempts.last();
    switch (column) {
    case Column::Event:
        return role == RawRole ? delivery.event : alerttext::eventLabel(delivery.event);
    case Column::Status:
        return role == RawRole ? delivery.status : alerttext::deliveryStatusLabel(delivery.status);
    case Column::Attempts:
        return role == RawRole ? QVariant(static_cast<qint64>(delivery.attempts.size()))
                               : QVariant(QLocale().toString(delivery.attempts.size()));
    case Column::LastAttempt:
        if (role == RawRole)
            return last ? QVariant(last->at) : QVariant();
        return last ? tr("%1 (%2)").arg(alerttext::dateTime(last->at), answerText(*last))
                    : QStringLiteral("—");
    case Column::NextAttempt:
        return role == RawRole ? QVariant(delivery.nextAttemptAt)
                               : QVariant(alerttext::dateTime(delivery.nextAttemptAt));
    case Column::Count:
        break;
    }
    return {};
}

QVariant WebhookDeliveriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Event:
        return tr("Event");
    case Column::Status:
        return tr("Status");
    case Column::Attempts:
        return tr("Attempts");
    case Column::LastAttempt:
        return tr("Last attempt");
    case Column::NextAttempt:
        return tr("Next attempt");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
