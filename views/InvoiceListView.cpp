#include "views/InvoiceListView.h"

#include "domain/Billing.h"
#include "domain/Invoices.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QTableView>
#include <QTimeZone>

namespace creditdesk {

const SyncedCollection& InvoiceListView::collection()
{
    using Type = SyncedColumn::Type;
    static const SyncedCollection invoices{
        .id = QStringLiteral("invoices"),
        .endpoint = QStringLiteral("/api/v1/invoices"),
        .permission = QStringLiteral("invoices:read"),
        .ownPermissions = {},
        .sinceField = QStringLiteral("seq"),
        .timeColumn = QStringLiteral("issued_at"),
        .table = QStringLiteral("invoices"),
        .keyColumn = QStringLiteral("id"),
        .columns =
            {
                {QStringLiteral("id"), QStringLiteral("id"), Type::Integer, false},
                {QStringLiteral("seq"), QStringLiteral("seq"), Type::Integer, false},
                {QStringLiteral("number"), QStringLiteral("number"), Type::Text, true},
                {QStringLiteral("kind"), QStringLiteral("kind"), Type::Text, false},
                {QStringLiteral("status"), QStringLiteral("status"), Type::Text, false},
                {QStringLiteral("issued_at"), QStringLiteral("issued_at"), Type::Timestamp, true},
                {QStringLiteral("due_at"), QStringLiteral("due_at"), Type::Timestamp, true},
                {QStringLiteral("currency"), QStringLiteral("currency"), Type::Text, false},
                {QStringLiteral("buyer_name"), QStringLiteral("buyer.name"), Type::Text, true},
                {QStringLiteral("subtotal_minor"), QStringLiteral("subtotal_minor"), Type::Integer, false},
                {QStringLiteral("discount_minor"), QStringLiteral("discount_minor"), Type::Integer, false},
                {QStringLiteral("tax_minor"), QStringLiteral("tax_minor"), Type::Integer, false},
                {QStringLiteral("total_minor"), QStringLiteral("total_minor"), Type::Integer, false},
                {QStringLiteral("amount_paid_minor"), QStringLiteral("amount_paid_minor"), Type::Integer,
                 false},
                {QStringLiteral("amount_due_minor"), QStringLiteral("amount_due_minor"), Type::Integer,
                 false},
                // For the text search: the lines' descriptions (and kinds).
                {QStringLiteral("lines"), QStringLiteral("lines"), Type::Json, false},
                {QStringLiteral("document"), QString(), Type::Json, false},
            },
        .rowsChange = true,
        .pageLimit = 200,
    };
    return invoices;
}

QList<CsvColumn> InvoiceListView::exportColumns()
{
    const SyncedCollection& invoices = collection();
    const auto text = [&invoices](const char* name) {
        const int index = invoices.columnIndex(QLatin1String(name));
        return
            [index](const QVariantList& row) { return CsvExporter::csvField(row.value(index).toString()); };
    };
    const auto integer = [&invoices](const char* name) {
        const int index = invoices.columnIndex(QLatin1String(name));
        return [index](const QVariantList& row) { return QString::number(row.value(index).toLongLong()); };
    };
    const auto money = [&invoices](const char* name) {
        const int index = invoices.columnIndex(QLatin1String(name));
        return
            [index](const QVariantList& row) { return minorUnitsAsDecimal(row.value(index).toLongLong()); };
    };
    const auto time = [&invoices](const char* name) {
        const int index = invoices.columnIndex(QLatin1String(name));
        return [index](const QVariantList& row) {
            const QVariant value = row.value(index);
            // UTC as the server writes it ("…Z").
            return value.isNull() ? QString()
                                  : QDateTime::fromMSecsSinceEpoch(value.toLongLong())
                                        .toUTC()
                                        .toString(Qt::ISODateWithMs);
        };
    };
    return {
        {QStringLiteral("id"), integer("id")},
        {QStringLiteral("number"), text("number")},
        {QStringLiteral("kind"), text("kind")},
        {QStringLiteral("status"), text("status")},
        {QStringLiteral("issued_at"), time("issued_at")},
        {QStringLiteral("due_at"), time("due_at")},
        {QStringLiteral("buyer"), text("buyer_name")},
        {QStringLiteral("currency"), text("currency")},
        {QStringLiteral("subtotal"), money("subtotal_minor")},
        {QStringLiteral("discount"), money("discount_minor")},
        {QStringLiteral("tax"), money("tax_minor")},
        {QStringLiteral("total"), money("total_minor")},
        {QStringLiteral("amount_paid"), money("amount_paid_minor")},
        {QStringLiteral("amount_due"), money("amount_due_minor")},
    };
}

InvoiceListView::InvoiceListView(const PaneContext& context, QWidget* parent)
    : CollectionPane(context, collection(), columns(), filters(), parent)
{
    setObjectName(QStringLiteral("invoiceList"));
    setAccessibleName(tr("Invoices"));
    table()->setObjectName(QStringLiteral("invoicesTable"));
    table()->setAccessibleName(tr("Invoices"));
    enableSearch({QStringLiteral("number"), QStringLiteral("buyer_name"), QStringLiteral("lines")},
                 tr("Number or text"), tr("Search invoices"));
    enableSorting();
    setExportColumns(exportColumns());
    setExportName(QStringLiteral("invoices"));
    setColumnWidths({24, 16, 14, 14, 14});
    connect(table(), &QTableView::activated, this, [this] {
        const int row = currentModelRow();
        if (row >= 0)
            Q_EMIT invoiceActivated(invoiceAt(row));
    });
}

QJsonObject InvoiceListView::invoiceAt(int modelRow) const
{
    if (modelRow < 0 || modelRow >= model()->rowCount())
        return {};
    return QJsonDocument::fromJson(model()->row(modelRow)["document"].toString().toUtf8()).object();
}

QList<CollectionTableModel::Column> InvoiceListView::columns()
{
    using Row = CollectionTableModel::Row;
    const auto money = [](const char* column) {
        return [column](const Row& row) -> QVariant {
            return formatMinorUnits(row[column].toLongLong(), row["currency"].toString());
        };
    };
    const auto raw = [](const char* column) { return [column](const Row& row) { return row[column]; }; };
    return {
        {tr("Number"),
         [](const Row& row) -> QVariant {
             return row["number"].isNull() ? tr("(draft)") : row["number"].toString();
         },
         // By the number's counter, which runs on across years: CD-2026-000012 after CD-2026-000011,
         // CD-2027-000013 after both, drafts first. Not by seq: a change after finalization (paid, void,
         // a credit note) gives the invoice the next seq, so the console's sync sees it.
         [](const Row& row) -> QVariant {
             static const QRegularExpression counter(QStringLiteral("(\\d+)$"));
             const QRegularExpressionMatch match = counter.match(row["number"].toString());
             return match.hasMatch() ? match.captured(1).toLongLong() : -1;
         },
         {}},
        {tr("Issued"),
         [](const Row& row) -> QVariant {
             if (row["issued_at"].isNull())
                 return QString();
             return QLocale().toString(
                 QDateTime::fromMSecsSinceEpoch(row["issued_at"].toLongLong(), QTimeZone::utc())
                     .toLocalTime()
                     .date(),
                 QLocale::ShortFormat);
         },
         raw("issued_at"),
         {}},
        {tr("Status"),
         [](const Row& row) -> QVariant { return statusLabel(row["status"].toString()); },
         raw("status"),
         {}},
        {tr("Total"), money("total_minor"), raw("total_minor"), {}},
        {tr("Amount due"), money("amount_due_minor"), raw("amount_due_minor"), {}},
    };
}

QList<CollectionPane::Filter> InvoiceListView::filters()
{
    return {
        {tr("All statuses"),
         tr("Status filter"),
         {QStringLiteral("status")},
         [](const QVariantList& values) { return statusLabel(values.value(0).toString()); },
         {}},
    };
}

QString InvoiceListView::statusLabel(const QString& status)
{
    static const QHash<QString, const char*> labels{
        {QStringLiteral("draft"), QT_TR_NOOP("Draft")},
        {QStringLiteral("open"), QT_TR_NOOP("Open")},
        {QStringLiteral("paid"), QT_TR_NOOP("Paid")},
        {QStringLiteral("void"), QT_TR_NOOP("Void")},
        {QStringLiteral("uncollectible"), QT_TR_NOOP("Uncollectible")},
    };
    const char* label = labels.value(status);
    return label ? tr(label) : status;
}

QString InvoiceListView::countText(int rows) const
{
    return tr("%Ln invoice(s)", nullptr, rows);
}

QString InvoiceListView::exportedText(qint64 rows, const QString& fileName) const
{
    return tr("Exported %Ln invoice(s) to %1", nullptr, static_cast<int>(rows)).arg(fileName);
}

} // namespace creditdesk
