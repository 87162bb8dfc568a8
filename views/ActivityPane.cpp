#include "views/ActivityPane.h"

#include <QLocale>
#include <QTableView>
#include <QTimeZone>

namespace creditdesk {

namespace {

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

} // namespace

const SyncedCollection& ActivityPane::collection()
{
    using Type = SyncedColumn::Type;
    static const SyncedCollection audit{
        .id = QStringLiteral("audit"),
        .endpoint = QStringLiteral("/api/v1/audit"),
        .permission = QStringLiteral("audit:read"),
        .ownPermissions = {},
        .sinceField = QStringLiteral("seq"),
        .timeColumn = QStringLiteral("at"),
        .table = QStringLiteral("audit_entries"),
        .keyColumn = QStringLiteral("id"),
        .columns =
            {
                {QStringLiteral("id"), QStringLiteral("id"), Type::Integer, false},
                {QStringLiteral("seq"), QStringLiteral("seq"), Type::Integer, false},
                {QStringLiteral("at"), QStringLiteral("at"), Type::Timestamp, false},
                {QStringLiteral("actor_type"), QStringLiteral("actor.type"), Type::Text, false},
                {QStringLiteral("actor_id"), QStringLiteral("actor.id"), Type::Integer, true},
                {QStringLiteral("action"), QStringLiteral("action"), Type::Text, false},
                {QStringLiteral("target_type"), QStringLiteral("target.type"), Type::Text, true},
                {QStringLiteral("target_id"), QStringLiteral("target.id"), Type::Integer, true},
                {QStringLiteral("summary"), QStringLiteral("summary"), Type::Text, false},
                {QStringLiteral("request_id"), QStringLiteral("request_id"), Type::Text, true},
                {QStringLiteral("hash"), QStringLiteral("hash"), Type::Text, false},
            },
        .rowsChange = false,
    };
    return audit;
}

ActivityPane::ActivityPane(const PaneContext& context, QWidget* parent)
    : CollectionPane(context, collection(), columns(this), filters(this), parent)
{
    setObjectName(QStringLiteral("activityPane"));
    setAccessibleName(tr("Activity"));
    table()->setObjectName(QStringLiteral("activityTable"));
    table()->setAccessibleName(tr("Activity"));
    setColumnWidths({26, 18, 24, 18});
    setExportName(QStringLiteral("activity"));
}

QList<CollectionTableModel::Column> ActivityPane::columns(const ActivityPane* pane)
{
    using Row = CollectionTableModel::Row;
    auto at = [](const Row& row) {
        return QDateTime::fromMSecsSinceEpoch(row["at"].toLongLong(), QTimeZone::utc());
    };
    auto actor = [pane](const Row& row) -> QVariant {
        return actorLabel(row["actor_type"].toString(), optionalInteger(row["actor_id"]),
                          pane->memberNames());
    };
    return {
        {tr("Time"),
         [at](const Row& row) -> QVariant {
             return QLocale().toString(at(row).toLocalTime(), QLocale::ShortFormat);
         },
         [](const Row& row) { return row["seq"]; },
         [at](const Row& row) -> QVariant { return at(row).toString(Qt::ISODateWithMs); }},
        {tr("Actor"), actor, {}, {}},
        // In words; the server's name in the tooltip and for sorting.
        {tr("Action"), [](const Row& row) -> QVariant { return actionLabel(row["action"].toString()); },
         [](const Row& row) { return row["action"]; }, [](const Row& row) { return row["action"]; }},
        {tr("Target"),
         [](const Row& row) -> QVariant {
             return targetLabel(row["target_type"].toString(), optionalInteger(row["target_id"]));
         },
         [](const Row& row) -> QVariant {
             return row["target_type"].toString() + QLatin1Char(' ') +
                    QString::number(row["target_id"].toLongLong());
         },
         {}},
        {tr("Summary"), [](const Row& row) { return row["summary"]; }, {}, {}},
    };
}

QList<CollectionPane::Filter> ActivityPane::filters(const ActivityPane* pane)
{
    auto action = [](const QVariantList& values) { return actionLabel(values.value(0).toString()); };
    auto actionName = [](const QVariantList& values) { return values.value(0).toString(); };
    auto actor = [pane](const QVariantList& values) {
        return actorLabel(values.value(0).toString(), optionalInteger(values.value(1)), pane->memberNames());
    };
    return {
        {tr("All actions"), tr("Action filter"), {QStringLiteral("action")}, action, actionName},
        {tr("All actors"),
         tr("Actor filter"),
         {QStringLiteral("actor_type"), QStringLiteral("actor_id")},
         actor,
         {}},
    };
}

QList<ActivityPane::Entry> ActivityPane::entries() const
{
    QList<Entry> result;
    for (int i = 0; i < model()->rowCount(); ++i)
        result.append(entryFromRow(model()->row(i)));
    return result;
}

ActivityPane::Entry ActivityPane::entryFromRow(const CollectionTableModel::Row& row)
{
    Entry entry;
    entry.id = row["id"].toLongLong();
    entry.seq = row["seq"].toLongLong();
    entry.at = QDateTime::fromMSecsSinceEpoch(row["at"].toLongLong(), QTimeZone::utc());
    entry.actorType = row["actor_type"].toString();
    entry.actorId = optionalInteger(row["actor_id"]);
    entry.action = row["action"].toString();
    entry.targetType = row["target_type"].toString();
    entry.targetId = optionalInteger(row["target_id"]);
    entry.summary = row["summary"].toString();
    entry.requestId = row["request_id"].toString();
    entry.hash = row["hash"].toString();
    return entry;
}

QString ActivityPane::actionLabel(const QString& action)
{
    // Every action the server audits (docs/openapi.yaml, x-creditdesk-audit, and its jobs), the plans and
    // subscriptions ones included.
    static const QHash<QString, const char*> labels{
        {QStringLiteral("api_token.created"), QT_TR_NOOP("API token created")},
        {QStringLiteral("api_token.revoked"), QT_TR_NOOP("API token revoked")},
        {QStringLiteral("credits.allocated"), QT_TR_NOOP("Credits allocated")},
        {QStringLiteral("credits.daily_refresh"), QT_TR_NOOP("Daily credits refreshed")},
        {QStringLiteral("credits.deducted"), QT_TR_NOOP("Credits deducted")},
        {QStringLiteral("credits.expired"), QT_TR_NOOP("Credits expired")},
        {QStringLiteral("credits.refunded"), QT_TR_NOOP("Credits refunded")},
        {QStringLiteral("credits.reserved"), QT_TR_NOOP("Credits reserved")},
        {QStringLiteral("credits.released"), QT_TR_NOOP("Reservation released")},
        {QStringLiteral("credits.settled"), QT_TR_NOOP("Reservation settled")},
        {QStringLiteral("department.created"), QT_TR_NOOP("Department created")},
        {QStringLiteral("department.renamed"), QT_TR_NOOP("Department renamed")},
        {QStringLiteral("invoice.marked_paid"), QT_TR_NOOP("Invoice marked paid")},
        {QStringLiteral("invoice.voided"), QT_TR_NOOP("Invoice voided")},
        {QStringLiteral("invoices.finalized"), QT_TR_NOOP("Invoices issued")},
        {QStringLiteral("member.added"), QT_TR_NOOP("Member added")},
        {QStringLiteral("member.changed"), QT_TR_NOOP("Member changed")},
        {QStringLiteral("member.removed"), QT_TR_NOOP("Member removed")},
        {QStringLiteral("member.role_changed"), QT_TR_NOOP("Member's role changed")},
        {QStringLiteral("organization.created"), QT_TR_NOOP("Organization created")},
        {QStringLiteral("organization.terms_changed"), QT_TR_NOOP("Billing terms changed")},
        {QStringLiteral("plan.updated"), QT_TR_NOOP("Plan updated")},
        {QStringLiteral("price.added"), QT_TR_NOOP("Price added")},
        {QStringLiteral("price.changed"), QT_TR_NOOP("Price changed")},
        {QStringLiteral("price.imported"), QT_TR_NOOP("Prices imported")},
        {QStringLiteral("rate_card.changed"), QT_TR_NOOP("Rate card changed")},
        {QStringLiteral("session.created"), QT_TR_NOOP("Signed in")},
        {QStringLiteral("session.ended"), QT_TR_NOOP("Signed out")},
        {QStringLiteral("subscription.cancel_scheduled"), QT_TR_NOOP("Cancellation scheduled")},
        {QStringLiteral("subscription.renewed"), QT_TR_NOOP("Subscription renewed")},
        {QStringLiteral("subscription.resumed"), QT_TR_NOOP("Subscription resumed")},
        {QStringLiteral("subscription.switched"), QT_TR_NOOP("Plan switched")},
        {QStringLiteral("test_clock.advanced"), QT_TR_NOOP("Test clock advanced")},
        {QStringLiteral("usage.recorded"), QT_TR_NOOP("Usage recorded")},
        {QStringLiteral("user.terms_changed"), QT_TR_NOOP("User's billing terms changed")},
    };
    const char* label = labels.value(action);
    return label ? tr(label) : action;
}

QString ActivityPane::targetLabel(const QString& type, std::optional<qint64> id)
{
    static const QHash<QString, const char*> names{
        {QStringLiteral("api_token"), QT_TR_NOOP("API token")},
        {QStringLiteral("department"), QT_TR_NOOP("Department")},
        {QStringLiteral("invoice"), QT_TR_NOOP("Invoice")},
        {QStringLiteral("member"), QT_TR_NOOP("Member")},
        {QStringLiteral("organization"), QT_TR_NOOP("Organization")},
        {QStringLiteral("plan"), QT_TR_NOOP("Plan")},
        {QStringLiteral("price"), QT_TR_NOOP("Price")},
        {QStringLiteral("rate_card"), QT_TR_NOOP("Rate card")},
        {QStringLiteral("reservation"), QT_TR_NOOP("Reservation")},
        {QStringLiteral("session"), QT_TR_NOOP("Session")},
        {QStringLiteral("subscription"), QT_TR_NOOP("Subscription")},
        {QStringLiteral("transaction"), QT_TR_NOOP("Transaction")},
        {QStringLiteral("user"), QT_TR_NOOP("User")},
    };
    if (type.isEmpty())
        return QString();
    const char* name = names.value(type);
    const QString noun = name ? tr(name) : type;
    //: A target of an audit entry: "Member #5" (%1 the kind of target, %2 its number)
    return id ? tr("%1 #%2").arg(noun, QLocale().toString(*id)) : noun;
}

QString ActivityPane::actorLabel(const QString& type, std::optional<qint64> id,
                                 const QHash<qint64, QString>& names)
{
    const QLocale locale;
    const QString number = id ? locale.toString(*id) : QString();
    if (type == QLatin1String("user"))
        return id && names.contains(*id) ? names.value(*id) : tr("user #%1").arg(number);
    if (type == QLatin1String("token"))
        return tr("API token #%1").arg(number);
    if (type == QLatin1String("job"))
        return tr("server job");
    return type;
}

QString ActivityPane::exportedText(qint64 rows, const QString& fileName) const
{
    return tr("Exported %Ln activity entry(s) to %1", nullptr, static_cast<int>(rows)).arg(fileName);
}

} // namespace creditdesk
