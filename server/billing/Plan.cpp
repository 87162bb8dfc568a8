#include "billing/Plan.h"

#include "core/ApiError.h"
#include "core/Json.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxPriceMinor = 100'000'000;    // $1,000,000 a month
constexpr qint64 kMaxCredits = 1'000'000'000'000; // 10^12 credits
constexpr qint64 kMissing = std::numeric_limits<qint64>::min();

// Reads the plan object field by field; every failure names its field (422 validation_failed).
class PlanReader
{
public:
    explicit PlanReader(const QJsonObject& object) : m_object(object) {}

    qint64 integer(const QJsonObject& object, const char* name, qint64 min, qint64 max,
                   const QString& field) const
    {
        const qint64 value = object.value(QLatin1String(name)).toInteger(kMissing);
        if (value == kMissing || value < min || value > max)
            throw ApiError::validation(
                field, QStringLiteral("'%1' must be an integer from %2 to %3").arg(field).arg(min).arg(max));
        return value;
    }
    qint64 integer(const char* name, qint64 min, qint64 max) const
    {
        return integer(m_object, name, min, max, QLatin1String(name));
    }
    QString text(const char* name, int maxLength) const
    {
        const QJsonValue value = m_object.value(QLatin1String(name));
        const QString text = value.toString().trimmed();
        if (!value.isString() || text.isEmpty() || text.size() > maxLength || !isCleanText(text))
            throw ApiError::validation(QLatin1String(name), QStringLiteral("'%1' must be a text of 1 to %2 "
                                                                           "characters")
                                                                .arg(QLatin1String(name))
                                                                .arg(maxLength));
        return text;
    }
    QString oneOf(const char* name, const QStringList& allowed) const
    {
        const QString value = m_object.value(QLatin1String(name)).toString();
        if (!allowed.contains(value))
            throw ApiError::validation(QLatin1String(name),
                                       QStringLiteral("'%1' must be %2")
                                           .arg(QLatin1String(name), allowed.join(QStringLiteral(" or "))));
        return value;
    }
    const QJsonObject& object() const { return m_object; }

private:
    const QJsonObject& m_object;
};

const QStringList kKnownFields{QStringLiteral("id"),
                               QStringLiteral("name"),
                               QStringLiteral("price_minor"),
                               QStringLiteral("currency"),
                               QStringLiteral("interval"),
                               QStringLiteral("billing_options"),
                               QStringLiteral("models"),
                               QStringLiteral("features"),
                               QStringLiteral("included_seats"),
                               QStringLiteral("seat_price_minor"),
                               QStringLiteral("concurrent_tasks"),
                               QStringLiteral("signup_credits"),
                               QStringLiteral("daily_refresh_credits"),
                               QStringLiteral("first_month_bonus_credits"),
                               QStringLiteral("rollover"),
                               QStringLiteral("trial_days"),
                               QStringLiteral("trial_credits")};

// The catalog a new database starts with: the compiled-in resources/plans.json, or the file
// CREDITDESK_PLANS_FILE names (an operator's own catalog; the tests of earlier features use one whose
// free plan gives no credits, so their balances are exactly what they move).
QJsonObject initialCatalog()
{
    const QString override = qEnvironmentVariable("CREDITDESK_PLANS_FILE");
    QFile file(override.isEmpty() ? QStringLiteral(":/creditdesk/plans.json") : override);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read the plan catalog " + file.fileName().toStdString());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw std::runtime_error("the plan catalog " + file.fileName().toStdString() +
                                 " is not a JSON object");
    return document.object();
}

} // namespace

const PlanBillingOption* Plan::option(const QString& name) const
{
    for (const PlanBillingOption& entry : billingOptions)
        if (entry.option == name)
            return &entry;
    return nullptr;
}

qint64 Plan::allowance(const QString& billingOption) const
{
    const PlanBillingOption* entry = option(billingOption);
    return entry ? entry->monthlyCredits : 0;
}

QJsonObject Plan::toJson() const
{
    QJsonArray options;
    for (const PlanBillingOption& entry : billingOptions)
        options.append(QJsonObject{{QStringLiteral("option"), entry.option},
                                   {QStringLiteral("monthly_credits"), entry.monthlyCredits},
                                   {QStringLiteral("markup_basis_points"), entry.markupBasisPoints}});
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("price_minor"), priceMinor},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("interval"), interval},
        {QStringLiteral("billing_options"), options},
        {QStringLiteral("models"), models},
        {QStringLiteral("features"), QJsonArray::fromStringList(features)},
        {QStringLiteral("included_seats"), includedSeats},
        {QStringLiteral("seat_price_minor"), seatPriceMinor},
        {QStringLiteral("concurrent_tasks"), concurrentTasks},
        {QStringLiteral("signup_credits"), signupCredits},
        {QStringLiteral("daily_refresh_credits"), dailyRefreshCredits},
        {QStringLiteral("first_month_bonus_credits"), firstMonthBonusCredits},
        {QStringLiteral("rollover"), QJsonObject{{QStringLiteral("max_percent"), rolloverMaxPercent}}},
        {QStringLiteral("trial_days"), trialDays},
        {QStringLiteral("trial_credits"), trialCredits}};
}

Plan Plan::fromJson(const QJsonObject& object, const QString& id)
{
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!kKnownFields.contains(it.key()))
            throw ApiError(QStringLiteral("unknown_field"),
                           QStringLiteral("Unknown field '%1'").arg(it.key()),
                           QJsonObject{{QStringLiteral("field"), it.key()}});
    const PlanReader read(object);
    Plan plan;
    plan.id = id;
    if (object.contains(QStringLiteral("id")) && object.value(QStringLiteral("id")).toString() != id)
        throw ApiError::validation(QStringLiteral("id"),
                                   QStringLiteral("'id' must be the plan's id, '%1'").arg(id));
    plan.name = read.text("name", 60);
    plan.priceMinor = read.integer("price_minor", 0, kMaxPriceMinor);
    plan.currency = read.oneOf("currency", {QStringLiteral("USD")});
    plan.interval = read.oneOf("interval", {QStringLiteral("month")});
    plan.models = read.oneOf("models", {QStringLiteral("free_only"), QStringLiteral("all")});
    const QJsonValue options = object.value(QStringLiteral("billing_options"));
    if (!options.isArray() || options.toArray().isEmpty() || options.toArray().size() > 2)
        throw ApiError::validation(QStringLiteral("billing_options"),
                                   QStringLiteral("'billing_options' must list one or two options"));
    for (const QJsonValue& value : options.toArray()) {
        const QJsonObject entry = value.toObject();
        PlanBillingOption option;
        option.option = entry.value(QStringLiteral("option")).toString();
        if (option.option != QLatin1String("credits") && option.option != QLatin1String("byok"))
            throw ApiError::validation(QStringLiteral("billing_options"),
                                       QStringLiteral("'billing_options[].option' must be credits or byok"));
        if (plan.option(option.option))
            throw ApiError::validation(
                QStringLiteral("billing_options"),
                QStringLiteral("'billing_options' lists '%1' twice").arg(option.option));
        option.monthlyCredits = read.integer(entry, "monthly_credits", 0, kMaxCredits,
                                             QStringLiteral("billing_options[].monthly_credits"));
        option.markupBasisPoints = read.integer(entry, "markup_basis_points", 0, 100'000,
                                                QStringLiteral("billing_options[].markup_basis_points"));
        plan.billingOptions.push_back(option);
    }
    if (!plan.option(QStringLiteral("credits")))
        throw ApiError::validation(QStringLiteral("billing_options"),
                                   QStringLiteral("'billing_options' must include 'credits'"));
    const QJsonValue features = object.value(QStringLiteral("features"));
    if (!features.isArray() || features.toArray().size() > 50)
        throw ApiError::validation(QStringLiteral("features"),
                                   QStringLiteral("'features' must be a list of at most 50 keys"));
    static const QRegularExpression featureKey(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    for (const QJsonValue& value : features.toArray()) {
        if (!value.isString() || !featureKey.match(value.toString()).hasMatch())
            throw ApiError::validation(QStringLiteral("features"),
                                       QStringLiteral("'features' are keys such as 'team_features'"));
        if (!plan.features.contains(value.toString()))
            plan.features.append(value.toString());
    }
    plan.includedSeats = read.integer("included_seats", 1, 100'000);
    plan.seatPriceMinor = read.integer("seat_price_minor", 0, kMaxPriceMinor);
    plan.concurrentTasks = read.integer("concurrent_tasks", 1, 100'000);
    plan.signupCredits = read.integer("signup_credits", 0, kMaxCredits);
    plan.dailyRefreshCredits = read.integer("daily_refresh_credits", 0, kMaxCredits);
    plan.firstMonthBonusCredits = read.integer("first_month_bonus_credits", 0, kMaxCredits);
    const QJsonValue rollover = object.value(QStringLiteral("rollover"));
    if (!rollover.isObject())
        throw ApiError::validation(QStringLiteral("rollover"),
                                   QStringLiteral("'rollover' must be {\"max_percent\": N}"));
    plan.rolloverMaxPercent =
        read.integer(rollover.toObject(), "max_percent", 0, 100, QStringLiteral("rollover.max_percent"));
    plan.trialDays = read.integer("trial_days", 0, 90);
    plan.trialCredits = read.integer("trial_credits", 0, kMaxCredits);
    // Seats: free includes one and sells none; a paid plan sells extra seats at a price.
    if (plan.priceMinor == 0 && plan.seatPriceMinor != 0)
        throw ApiError::validation(QStringLiteral("seat_price_minor"),
                                   QStringLiteral("A plan without a price sells no seats"));
    if (plan.priceMinor > 0 && plan.seatPriceMinor == 0)
        throw ApiError::validation(QStringLiteral("seat_price_minor"),
                                   QStringLiteral("A paid plan sells extra seats at a positive price"));
    if (plan.trialDays > 0 && plan.priceMinor == 0)
        throw ApiError::validation(QStringLiteral("trial_days"),
                                   QStringLiteral("Only a paid plan has a trial"));
    return plan;
}

// ---- catalog ------------------------------------------------------------------------------------

void PlanCatalog::seedIfEmpty(qint64 nowMs)
{
    if (m_db.row(QStringLiteral("SELECT 1 FROM plans"))) // already seeded
        return;
    const QJsonObject catalog = initialCatalog();
    for (const QJsonValue& value : catalog.value(QStringLiteral("plans")).toArray()) {
        const QJsonObject object = value.toObject();
        put(Plan::fromJson(object, object.value(QStringLiteral("id")).toString()), nowMs);
    }
    const QJsonObject discounts = catalog.value(QStringLiteral("verification_discounts")).toObject();
    for (auto it = discounts.begin(); it != discounts.end(); ++it)
        m_db.execute(QStringLiteral("INSERT INTO verification_discounts (type, percent) VALUES (?, ?)"),
                     {it.key(), it.value().toInteger()});
}

std::vector<Plan> PlanCatalog::all()
{
    std::vector<Plan> plans;
    for (const Row& row : m_db.rows(QStringLiteral("SELECT id, definition FROM plans ORDER BY position, id")))
        plans.push_back(
            Plan::fromJson(QJsonDocument::fromJson(row[1].toByteArray()).object(), row[0].toString()));
    return plans;
}

std::optional<Plan> PlanCatalog::find(const QString& id)
{
    const auto row = m_db.row(QStringLiteral("SELECT definition FROM plans WHERE id = ?"), {id});
    if (!row)
        return std::nullopt;
    return Plan::fromJson(QJsonDocument::fromJson(row->at(0).toByteArray()).object(), id);
}

Plan PlanCatalog::require(const QString& id)
{
    if (auto plan = find(id))
        return *plan;
    throw ApiError(QStringLiteral("unknown_plan"), QStringLiteral("There is no plan '%1'").arg(id),
                   QJsonObject{{QStringLiteral("field"), QStringLiteral("plan")}});
}

void PlanCatalog::put(const Plan& plan, qint64 nowMs)
{
    const QString definition = QString::fromUtf8(QJsonDocument(plan.toJson()).toJson(QJsonDocument::Compact));
    const qint64 position = planIdsInOrder().indexOf(plan.id);
    if (m_db.row(QStringLiteral("SELECT 1 FROM plans WHERE id = ?"), {plan.id}))
        m_db.execute(QStringLiteral("UPDATE plans SET definition = ?, updated_at = ? WHERE id = ?"),
                     {definition, nowMs, plan.id});
    else
        m_db.execute(
            QStringLiteral("INSERT INTO plans (id, position, definition, updated_at) VALUES (?, ?, ?, ?)"),
            {plan.id, position, definition, nowMs});
}

QJsonObject PlanCatalog::verificationDiscounts()
{
    QJsonObject discounts;
    for (const Row& row :
         m_db.rows(QStringLiteral("SELECT type, percent FROM verification_discounts ORDER BY type")))
        discounts.insert(row[0].toString(), asInt(row[1]));
    return discounts;
}

qint64 PlanCatalog::verificationDiscountPercent(const QString& type)
{
    const auto row =
        m_db.row(QStringLiteral("SELECT percent FROM verification_discounts WHERE type = ?"), {type});
    return row ? asInt(row->at(0)) : 0;
}

} // namespace creditdesk::server
