// Billing terms, set by hand until plans exist (issue "metering", seed 004): the tier and billing option
// rating uses and whether overage is allowed, for organizations (PATCH /organizations/{id}) and for
// personal accounts (PATCH /users/{id}). Only platform administrators change them.
#include "api/MeteringRoutes.h"
#include "core/Json.h"
#include "metering/Rating.h"
#include "orgs/Directory.h"

namespace creditdesk {

namespace {

// What a PATCH asks to change; fields left out keep their current value.
struct TermsChange
{
    std::optional<QString> tier;
    std::optional<QString> billingOption;
    std::optional<bool> overageAllowed;

    static TermsChange parse(const JsonBody& body)
    {
        body.rejectUnknownFields({"tier", "billing_option", "overage_allowed"});
        TermsChange change;
        change.tier = body.optionalString("tier", 20);
        change.billingOption = body.optionalString("billing_option", 20);
        if (change.tier && !tierFromString(*change.tier))
            throw ApiError::validation(
                QStringLiteral("tier"),
                QStringLiteral("'tier' must be free, starter, professional or enterprise"));
        if (change.billingOption && !billingOptionFromString(*change.billingOption))
            throw ApiError::validation(QStringLiteral("billing_option"),
                                       QStringLiteral("'billing_option' must be credits or byok"));
        if (body.has("overage_allowed")) {
            const QJsonValue value = body.object().value(QStringLiteral("overage_allowed"));
            if (!value.isBool())
                throw ApiError::validation(QStringLiteral("overage_allowed"),
                                           QStringLiteral("'overage_allowed' must be true or false"));
            change.overageAllowed = value.toBool();
        }
        if (!change.tier && !change.billingOption && !change.overageAllowed)
            throw ApiError::validation(
                QStringLiteral("tier"),
                QStringLiteral("Give 'tier', 'billing_option', 'overage_allowed' or several of them"));
        return change;
    }

    // The terms after the change, from the current row (tier, billing_option, overage_allowed), checked
    // together: bring-your-own-key billing is an option of the professional and enterprise tiers only.
    QVariantList applyTo(const Row& current) const
    {
        const QString newTier = tier.value_or(current.at(0).toString());
        const QString option = billingOption.value_or(current.at(1).toString());
        if (option == QLatin1String("byok") && newTier != QLatin1String("professional") &&
            newTier != QLatin1String("enterprise"))
            throw ApiError(
                422, QStringLiteral("billing_option_not_in_tier"),
                QStringLiteral("'byok' is available on the professional and enterprise tiers only"),
                QJsonObject{{QStringLiteral("field"), QStringLiteral("billing_option")}});
        return {newTier, option, overageAllowed.value_or(asInt(current.at(2)) != 0) ? 1 : 0};
    }
};

void changeOrganization(ServerContext& context, const Call& call, Responder respond)
{
    const OrganizationAccess& access = call.organization();
    const qint64 organizationId = access.organizationId();
    const std::optional<Role> role = access.role();
    const TermsChange change = TermsChange::parse(call.body());
    submitWrite(
        context,
        [=](SqlConnection& db) {
            const auto current =
                db.row(QStringLiteral(
                           "SELECT tier, billing_option, overage_allowed FROM organizations WHERE id = ?"),
                       {organizationId});
            if (!current)
                throw ApiError::notFound(QStringLiteral("Organization"));
            db.execute(QStringLiteral("UPDATE organizations SET tier = ?, billing_option = ?, "
                                      "overage_allowed = ? WHERE id = ?"),
                       change.applyTo(*current) << organizationId);
            QJsonObject organization = directory::organizationJson(db, organizationId);
            organization.insert(QStringLiteral("role"),
                                role ? QJsonValue(roleToString(*role)) : QJsonValue());
            return jsonResponse(200, organization);
        },
        std::move(respond));
}

// A personal account's terms. Refused (403, platform administrators only) before the user is looked up,
// so only platform administrators can tell which user ids exist.
void changeUser(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 userId = parsePathId(call.request().pathParams[0], QStringLiteral("User"));
    const TermsChange change = TermsChange::parse(call.body());
    submitWrite(
        context,
        [=](SqlConnection& db) {
            const auto current =
                db.row(QStringLiteral("SELECT tier, billing_option, overage_allowed FROM users WHERE id = ?"),
                       {userId});
            if (!current)
                throw ApiError::notFound(QStringLiteral("User"));
            db.execute(QStringLiteral(
                           "UPDATE users SET tier = ?, billing_option = ?, overage_allowed = ? WHERE id = ?"),
                       change.applyTo(*current) << userId);
            return jsonResponse(200, directory::userJson(db, userId));
        },
        std::move(respond));
}

} // namespace

void registerBillingTermsRoutes(RouteTable& routes)
{
    routes.addAsync("PATCH", QStringLiteral("/api/v1/organizations/{id}"),
                    AccessRule::organization(Permission::ManageBillingTerms, Locate::Path),
                    "organization.terms_changed", changeOrganization);
    routes.addAsync("PATCH", QStringLiteral("/api/v1/users/{id}"), AccessRule::platformAdmin(),
                    "user.terms_changed", changeUser);
}

} // namespace creditdesk
