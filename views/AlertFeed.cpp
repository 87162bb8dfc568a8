#include "views/AlertFeed.h"

#include "models/AlertText.h"

#include <QItemSelectionModel>
#include <QTableView>
#include <QTimeZone>

namespace creditdesk {

namespace {

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

QDateTime timestamp(const QVariant& value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

} // namespace

const SyncedCollection& AlertFeed::collection()
{
    using Type = SyncedColumn::Type;
    static const SyncedCollection alerts{
        .id = QStringLiteral("alerts"),
        .endpoint = QStringLiteral("/api/v1/alerts"),
        .permission = QStringLiteral("alerts:read"),
        // Members and managers: the alerts about their own limit (the server answers only those).
        .ownPermissions = {QStringLiteral("credits:read_department"), QStringLiteral("credits:read_own")},
        .sinceField = QStringLiteral("seq"),
        .timeColumn = QStringLiteral("fired_at"),
        .table = QStringLiteral("alerts"),
        .keyColumn = QStringLiteral("id"),
        .columns =
            {
                {QStringLiteral("id"), QStringLiteral("id"), Type::Integer, false},
                {QStringLiteral("seq"), QStringLiteral("seq"), Type::Integer, false},
                {QStringLiteral("rule_id"), QStringLiteral("rule_id"), Type::Integer, true},
                {QStringLiteral("kind"), QStringLiteral("kind"), Type::Text, false},
                {QStringLiteral("level"), QStringLiteral("level"), Type::Text, false},
                {QStringLiteral("message"), QStringLiteral("message"), Type::Text, false},
                {QStringLiteral("value"), QStringLiteral("value"), Type::Integer, false},
                {QStringLiteral("threshold"), QStringLiteral("threshold"), Type::Integer, false},
                {QStringLiteral("fired_at"), QStringLiteral("fired_at"), Type::Timestamp, false},
                {QStringLiteral("acknowledged_at"), QStringLiteral("acknowledged_at"), Type::Timestamp, true},
                {QStringLiteral("acknowledged_by"), QStringLiteral("acknowledged_by"), Type::Integer, true},
            },
        // Acknowledging gives the alert a new seq: the sync brings it again and it replaces the old row.
        .rowsChange = true,
    };
    return alerts;
}

AlertFeed::AlertFeed(const PaneContext& context, QWidget* parent)
    : CollectionPane(context, collection(), columns(this), filters(), parent)
{
    setObjectName(QStringLiteral("alertFeed"));
    table()->setObjectName(QStringLiteral("alertsTable"));
    table()->setAccessibleName(tr("Fired alerts"));
    setColumnWidths({25, 10, 18, 72, 22});
    setExportName(QStringLiteral("alerts"));
}

QList<CollectionTableModel::Column> AlertFeed::columns(const AlertFeed* feed)
{
    using Row = CollectionTableModel::Row;
    return {
        {tr("Fired"),
         [](const Row& row) -> QVariant { return alerttext::dateTime(timestamp(row["fired_at"])); },
         [](const Row& row) { return row["seq"]; },
         [](const Row& row) -> QVariant { return timestamp(row["fired_at"]).toString(Qt::ISODateWithMs); }},
        {tr("Level"),
         [](const Row& row) -> QVariant { return alerttext::levelLabel(row["level"].toString()); },
         [](const Row& row) { return row["level"]; },
         {}},
        {tr("Alert"), [](const Row& row) -> QVariant { return alerttext::kindLabel(row["kind"].toString()); },
         [](const Row& row) { return row["kind"]; }, [](const Row& row) { return row["kind"]; }},
        {tr("Message"), [](const Row& row) { return row["message"]; }, {}, {}},
        {tr("Value"),
         [](const Row& row) -> QVariant {
             const QString kind = row["kind"].toString();
             //: The value that crossed a threshold: "85 % (threshold 80 %)"
             return tr("%1 (threshold %2)")
                 .arg(alerttext::amountText(kind, row["value"].toLongLong()),
                      alerttext::amountText(kind, row["threshold"].toLongLong()));
         },
         [](const Row& row) { return row["value"]; },
         {}},
        {tr("Acknowledged"),
         [feed](const Row& row) -> QVariant {
             const QDateTime at = timestamp(row["acknowledged_at"]);
             if (!at.isValid())
                 return tr("Active");
             const std::optional<qint64> by = optionalInteger(row["acknowledged_by"]);
             const QString who = by ? feed->memberNames().value(*by, tr("user #%1").arg(*by)) : QString();
             //: Who acknowledged an alert and when: "Ada Lovelace, 3/10/26 12:00"
             return who.isEmpty() ? alerttext::dateTime(at) : tr("%1, %2").arg(who, alerttext::dateTime(at));
         },
         [](const Row& row) { return row["acknowledged_at"]; },
         {}},
    };
}

QList<CollectionPane::Filter> AlertFeed::filters()
{
    auto level = [](const QVariantList& values) { return alerttext::levelLabel(values.value(0).toString()); };
    auto kind = [](const QVariantList& values) { return alerttext::kindLabel(values.value(0).toString()); };
    return {
        {tr("All levels"), tr("Level filter"), {QStringLiteral("level")}, level, {}},
        {tr("All alerts"), tr("Alert filter"), {QStringLiteral("kind")}, kind, {}},
    };
}

AlertFeed::Alert AlertFeed::alertFromRow(const CollectionTableModel::Row& row)
{
    Alert alert;
    alert.id = row["id"].toLongLong();
    alert.seq = row["seq"].toLongLong();
    alert.ruleId = optionalInteger(row["rule_id"]);
    alert.kind = row["kind"].toString();
    alert.level = row["level"].toString();
    alert.message = row["message"].toString();
    alert.value = row["value"].toLongLong();
    alert.threshold = row["threshold"].toLongLong();
    alert.firedAt = timestamp(row["fired_at"]);
    alert.acknowledgedAt = timestamp(row["acknowledged_at"]);
    alert.acknowledgedBy = optionalInteger(row["acknowledged_by"]);
    return alert;
}

QList<AlertFeed::Alert> AlertFeed::alerts() const
{
    QList<Alert> result;
    for (int i = 0; i < model()->rowCount(); ++i)
        result.append(alertFromRow(model()->row(i)));
    return result;
}

std::optional<AlertFeed::Alert> AlertFeed::selectedAlert() const
{
    const QModelIndexList rows = table()->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().row() >= model()->rowCount())
        return std::nullopt;
    return alertFromRow(model()->row(rows.first().row()));
}

QString AlertFeed::countText(int rows) const
{
    return tr("%Ln alert(s)", nullptr, rows);
}

QString AlertFeed::exportedText(qint64 rows, const QString& fileName) const
{
    return tr("Exported %Ln alert(s) to %1", nullptr, static_cast<int>(rows)).arg(fileName);
}

} // namespace creditdesk
