#include "models/UsageTableModel.h"

#include "domain/Credits.h"
#include "export/CsvExporter.h"

#include <QLocale>

namespace creditdesk {

UsageTableModel::UsageTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void UsageTableModel::setRows(Grouping grouping, const QList<UsageRow>& rows)
{
    // A new report is a new table (other rows, often another grouping): one reset.
    beginResetModel();
    const bool headerChanged = grouping != m_grouping;
    m_grouping = grouping;
    m_rows = rows;
    endResetModel();
    if (headerChanged)
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, 0);
}

QString UsageTableModel::nameOf(const UsageRow& row) const
{
    switch (m_grouping) {
    case Grouping::Model:
        return row.label;
    case Grouping::Member:
        if (!row.id)
            return tr("Not attributed to a member");
        if (!row.label.isEmpty())
            return row.label;
        return row.email.isEmpty() ? tr("Member %1").arg(*row.id) : row.email;
    case Grouping::Department:
        if (!row.id)
            return tr("No department");
        return row.label.isEmpty() ? tr("Department %1").arg(*row.id) : row.label;
    }
    return row.label;
}

QStringList UsageTableModel::csvHeader() const
{
    const QString name = m_grouping == Grouping::Model    ? QStringLiteral("model")
                         : m_grouping == Grouping::Member ? QStringLiteral("member")
                                                          : QStringLiteral("department");
    QStringList header{name};
    if (m_grouping != Grouping::Model)
        header.append(name + QStringLiteral("_id"));
    header << QStringLiteral("requests") << QStringLiteral("tokens_input") << QStringLiteral("tokens_output")
           << QStringLiteral("credits") << QStringLiteral("amount_usd");
    return header;
}

QList<QStringList> UsageTableModel::csvRows() const
{
    QList<QStringList> rows;
    for (const UsageRow& row : m_rows) {
        QStringList fields{CsvExporter::csvField(nameOf(row))};
        if (m_grouping != Grouping::Model)
            fields.append(row.id ? QString::number(*row.id) : QString());
        fields << QString::number(row.requests) << QString::number(row.tokensInput)
               << QString::number(row.tokensOutput) << QString::number(row.credits)
               << Credits(row.credits).exactDollars();
        rows.append(fields);
    }
    return rows;
}

int UsageTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int UsageTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant UsageTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UsageRow& row = m_rows.at(index.row());
    const auto column = static_cast<Column>(index.column());
    qint64 figure = 0;
    switch (column) {
    case Column::Name:
        if (role == Qt::DisplayRole || role == RawRole)
            return nameOf(row);
        if (role == Qt::ToolTipRole && m_grouping == Grouping::Member)
            return row.email;
        return {};
    case Column::Requests:
        figure = row.requests;
        break;
    case Column::InputTokens:
        figure = row.tokensInput;
        break;
    case Column::OutputTokens:
        figure = row.tokensOutput;
        break;
    case Column::Credits:
    case Column::Dollars:
        figure = row.credits;
        break;
    case Column::Count:
        return {};
    }
    switch (role) {
    case RawRole:
        return figure;
    case Qt::DisplayRole:
        return column == Column::Dollars ? Credits(figure).formatDollars() : QLocale().toString(figure);
    case Qt::ToolTipRole:
        return column == Column::Credits || column == Column::Dollars ? Credits(figure).describeExact()
                                                                      : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant UsageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Name:
        return m_grouping == Grouping::Model    ? tr("Model")
               : m_grouping == Grouping::Member ? tr("Member")
                                                : tr("Department");
    case Column::Requests:
        return tr("Requests");
    case Column::InputTokens:
        return tr("Input tokens");
    case Column::OutputTokens:
        return tr("Output tokens");
    case Column::Credits:
        return tr("Credits");
    case Column::Dollars:
        return tr("Value");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace creditdesk
