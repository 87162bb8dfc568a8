// Billing profiles and tax (docs/admin-guide.md "Tax", docs/user-guide.md "Billing profile"): the
// account's billing profile for its owners, admins and finance (personal: the user), the tax-rate table
// and the tax report for platform admins. Handlers parse, call invoices/, render.
#include "api/ServerContext.h"
#include "core/Json.h"
#include "invoices/BillingProfiles.h"
#include "invoices/TaxRates.h"
#include "invoices/TaxReport.h"

#include <QDate>
#include <QLocale>
#include <QSet>

namespace creditdesk::server {

namespace {

// An ISO 3166-1 alpha-2 code Qt knows ("DE", "US"); 422 naming `field` otherwise.
QString checkedCountry(const QString& value, const QString& field)
{
    if (value.size() != 2 || value.toUpper() != value ||
        QLocale::codeToTerritory(value) == QLocale::AnyTerritory)
        throw ApiError::validation(
            field, QStringLiteral("'%1' must be an ISO 3166-1 alpha-2 country code (DE)").arg(field));
    return value;
}

// A text field of at most `maxLength` characters without control characters; 422 naming it otherwise.
QString cleanText(const JsonBody& body, const char* name, int maxLength, bool required)
{
    const QString value = required ? body.requiredString(name, maxLength)
                                   : body.optionalString(name, maxLength).value_or(QString());
    if (!isCleanText(value))
        throw ApiError::validation(QLatin1String(name),
                                   QStringLiteral("'%1' must be plain text").arg(QLatin1String(name)));
    return value.trimmed();
}

QString checkedEmail(const QString& email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0 || at != email.lastIndexOf(QLatin1Char('@')) || at == email.size() - 1 ||
        email.contains(QLatin1Char(' ')) || !email.mid(at + 1).contains(QLatin1Char('.')))
        throw ApiError::validation(QStringLiteral("email"),
                                   QStringLiteral("'email' must be an e-mail address"));
    return email;
}

ApiResponse getBillingProfile(ServerContext& context, const Call& call)
{
    const auto profile = BillingProfiles(context.store.reader()).find(call.account().accountId);
    return jsonResponse(200, profile.value_or(BillingProfile{}).toJson());
}

// PUT replaces the profile. tax_exempt and exemption_reason are the operator's (they change what the
// operator collects): left out, they keep their value; anyone but a platform admin sending another value
// than the stored one gets 403 forbidden, so a console can send back what it read.
void putBillingProfile(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"legal_name", "email", "address", "tax_id", "tax_exempt", "exemption_reason"});
    BillingProfile profile;
    profile.legalName = cleanText(body, "legal_name", 200, true);
    if (profile.legalName.isEmpty())
        throw ApiError::validation(QStringLiteral("legal_name"),
                                   QStringLiteral("'legal_name' must not be empty"));
    profile.email = checkedEmail(cleanText(body, "email", 200, true));
    if (!body.has("address"))
        throw ApiError::validation(QStringLiteral("address"), QStringLiteral("'address' is required"));
    const JsonBody address = body.nestedObject("address", QStringLiteral("an object"));
    address.rejectUnknownFields({"line1", "line2", "city", "postal_code", "region", "country"});
    profile.line1 = cleanText(address, "line1", 200, false);
    profile.line2 = cleanText(address, "line2", 200, false);
    profile.city = cleanText(address, "city", 100, false);
    profile.postalCode = cleanText(address, "postal_code", 20, false);
    profile.region = cleanText(address, "region", 100, false);
    profile.country = checkedCountry(address.requiredString("country", 2), QStringLiteral("country"));
    profile.taxId = cleanText(body, "tax_id", 50, false);
    std::optional<bool> exempt;
    if (body.has("tax_exempt")) {
        const QJsonValue value = body.object().value(QStringLiteral("tax_exempt"));
        if (!value.isBool())
            throw ApiError::validation(QStringLiteral("tax_exempt"),
                                       QStringLiteral("'tax_exempt' must be true or false"));
        exempt = value.toBool();
    }
    std::optional<QString> reason;
    if (body.has("exemption_reason"))
        reason = cleanText(body, "exemption_reason", 200, false);
    const bool platformAdmin = call.principal().isUser() && call.principal().platformAdmin;
    const qint64 accountId = call.account().accountId;
    const qint64 now = context.clock.nowMs();
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            BillingProfiles profiles(db);
            const BillingProfile stored = profiles.find(accountId).value_or(BillingProfile{});
            BillingProfile next = profile;
            next.taxExempt = exempt.value_or(stored.taxExempt);
            next.exemptionReason = reason.value_or(stored.exemptionReason);
            if (!platformAdmin &&
                (next.taxExempt != stored.taxExempt || next.exemptionReason != stored.exemptionReason))
                throw ApiError::forbidden(
                    QStringLiteral("Only platform administrators set tax_exempt and exemption_reason"));
            if (next.taxExempt && next.exemptionReason.isEmpty())
                throw ApiError::validation(QStringLiteral("exemption_reason"),
                                           QStringLiteral("A tax-exempt profile needs 'exemption_reason'"));
            profiles.put(accountId, next, now);
            ApiResponse response = jsonResponse(200, next.toJson());
            response.audit.targetType = QStringLiteral("billing_profile");
            response.audit.targetId = accountId;
            response.audit.summary = next.legalName;
            return response;
        },
        std::move(respond));
}

ApiResponse getTaxRates(ServerContext& context, const Call&)
{
    return jsonResponse(
        200, QJsonObject{{QStringLiteral("data"), TaxRates::toJson(TaxRates(context.store.reader()).all())}});
}

// PUT replaces the whole table; every row is checked first (422 naming "data[i].field"), so a refused
// table changes nothing.
void putTaxRates(ServerContext& context, const Call& call, Responder respond)
{
    const JsonBody& body = call.body();
    body.rejectUnknownFields({"data"});
    const QJsonValue data = body.object().value(QStringLiteral("data"));
    if (!data.isArray())
        throw ApiError::validation(QStringLiteral("data"),
                                   QStringLiteral("'data' must be an array of rates"));
    const QJsonArray rows = data.toArray();
    if (rows.size() > 1000)
        throw ApiError::validation(QStringLiteral("data"), QStringLiteral("'data' has at most 1,000 rates"));
    std::vector<TaxRate> rates;
    QSet<QString> seen;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString at = QStringLiteral("data[%1]").arg(i);
        if (!rows[i].isObject())
            throw ApiError::validation(at, QStringLiteral("'%1' must be an object").arg(at));
        const QJsonObject row = rows[i].toObject();
        for (auto it = row.begin(); it != row.end(); ++it)
            if (it.key() != u"country" && it.key() != u"region" && it.key() != u"name" &&
                it.key() != u"rate_basis_points")
                throw ApiError::validation(at + QLatin1Char('.') + it.key(),
                                           QStringLiteral("Unknown field '%1'").arg(it.key()));
        TaxRate rate;
        rate.country =
            checkedCountry(row.value(QStringLiteral("country")).toString(), at + QStringLiteral(".country"));
        const QJsonValue region = row.value(QStringLiteral("region"));
        if (!region.isUndefined() && !region.isNull() &&
            (!region.isString() || region.toString().size() > 50 || !isCleanText(region.toString())))
            throw ApiError::validation(at + QStringLiteral(".region"),
                                       QStringLiteral("'region' must be text of at most 50 characters"));
        rate.region = region.toString().trimmed();
        rate.name = row.value(QStringLiteral("name")).toString().trimmed();
        if (rate.name.isEmpty() || rate.name.size() > 50 || !isCleanText(rate.name))
            throw ApiError::validation(at + QStringLiteral(".name"),
                                       QStringLiteral("'name' must be text of 1 to 50 characters"));
        const QJsonValue bp = row.value(QStringLiteral("rate_basis_points"));
        if (!bp.isDouble() || bp.toDouble() != double(bp.toInteger(-1)) || bp.toInteger() < 0 ||
            bp.toInteger() > 10'000)
            throw ApiError::validation(
                at + QStringLiteral(".rate_basis_points"),
                QStringLiteral("'rate_basis_points' must be an integer from 0 to 10000"));
        rate.rateBasisPoints = bp.toInteger();
        if (seen.contains(rate.country + u'/' + rate.region))
            throw ApiError::validation(
                at + QStringLiteral(".region"),
                QStringLiteral("%1 %2 is listed twice").arg(rate.country, rate.region));
        seen.insert(rate.country + u'/' + rate.region);
        rates.push_back(rate);
    }
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            TaxRates table(db);
            table.replace(rates);
            ApiResponse response =
                jsonResponse(200, QJsonObject{{QStringLiteral("data"), TaxRates::toJson(table.all())}});
            response.audit.targetType = QStringLiteral("tax_rates");
            response.audit.summary = QStringLiteral("%1 rates").arg(rates.size());
            return response;
        },
        std::move(respond));
}

// A required inclusive date of the query ("2026-03-01") as the epoch ms its day starts; 422 naming it.
qint64 requiredDay(const ApiRequest& request, const QString& name)
{
    const QString text = request.queryValue(name);
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!request.hasQuery(name) || !date.isValid() || text.size() != 10)
        throw ApiError::validation(name, QStringLiteral("'%1' must be a date (YYYY-MM-DD)").arg(name));
    return date.startOfDay(Qt::UTC).toMSecsSinceEpoch();
}

ApiResponse taxReport(ServerContext& context, const Call& call)
{
    const ApiRequest& request = call.request();
    const qint64 from = requiredDay(request, QStringLiteral("from"));
    const qint64 to = requiredDay(request, QStringLiteral("to")) + 86'400'000; // inclusive
    if (to <= from)
        throw ApiError::validation(QStringLiteral("to"), QStringLiteral("'to' must not be before 'from'"));
    const QString format = request.hasQuery(QStringLiteral("format"))
                               ? request.queryValue(QStringLiteral("format"))
                               : QStringLiteral("json");
    if (format != QLatin1String("json") && format != QLatin1String("csv"))
        throw ApiError::validation(QStringLiteral("format"), QStringLiteral("'format' must be json or csv"));
    const std::vector<TaxReportRow> rows = TaxReport(context.store.reader()).between(from, to);
    if (format == QLatin1String("json"))
        return jsonResponse(200, TaxReport::toJson(rows));
    ApiResponse response;
    response.body = TaxReport::toCsv(rows);
    response.contentType = "text/csv; charset=utf-8";
    response.setHeader("Content-Disposition", "attachment; filename=\"tax-report.csv\"");
    return response;
}

} // namespace

void registerTaxRoutes(RouteTable& routes)
{
    routes.add("GET", QStringLiteral("/api/v1/billing-profile"),
               AccessRule::billingAccount(Permission::ReadInvoices, Locate::Query), getBillingProfile);
    routes.addAsync("PUT", QStringLiteral("/api/v1/billing-profile"),
                    AccessRule::billingAccount(Permission::ManageBilling, Locate::Query),
                    "billing_profile.updated", putBillingProfile);
    routes.add("GET", QStringLiteral("/api/v1/admin/tax-rates"), AccessRule::platformAdmin(), getTaxRates);
    routes.addAsync("PUT", QStringLiteral("/api/v1/admin/tax-rates"), AccessRule::platformAdmin(),
                    "tax_rates.updated", putTaxRates);
    // Every customer's figures: the operator's.
    routes.add("GET", QStringLiteral("/api/v1/reports/tax"), AccessRule::platformAdmin(), taxReport);
}

} // namespace creditdesk::server
