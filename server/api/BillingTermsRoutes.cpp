// Billing terms, set by hand until plans exist (issue "metering", seed 004): the tier and billing option
// rating uses and whether overage is allowed, for organizations (PATCH /organizations/{id}) and for
// personal accounts (PATCH /users/{id}). Only platform administrators change them.
#include "api/MeteringRoutes.h"
#include "billing/Subscriptions.h"
#include "core/Json.h"
#include "metering/BillingTerms.h"
#include "metering/Rating.h"
#include "orgs/Directory.h"

namespace creditdesk::server {

namespace {

// What a PATCH asks to change; fields left out keep their current value.
BillingTerms::Change parseChange(const JsonBody& body)
{
    body.rejectUnknownFields({"tier", "billing_option", "overage_allowed"});
    BillingTerms::Change change;
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

// An operator's change of tier moves the subscription to that plan at once, without charge or credits.
void followTerms(SqlConnection& db, const QString& ownerKind, qint64 ownerId,
                 const BillingTerms::Change& change, qint64 now)
{
    if (!change.tier && !change.billingOption)
        return;
    const auto terms = ownerKind == QLatin1String("organization") ? BillingTerms(db).ofOrganization(ownerId)
                                                                  : BillingTerms(db).ofUser(ownerId);
    if (terms)
        Subscriptions(db, now).setPlanByOperator(ownerKind, ownerId, terms->tier, terms->billingOption);
}

void changeOrganization(ServerContext& context, const Call& call, Responder respond)
{
    const qint64 now = context.clock.nowMs();
    const OrganizationAccess& access = call.organization();
    const qint64 organizationId = access.organizationId();
    const std::optional<Role> role = access.role();
    const BillingTerms::Change change = parseChange(call.body());
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            BillingTerms(db).changeOrganization(organizationId, change);
            followTerms(db, QStringLiteral("organization"), organizationId, change, now);
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
    const qint64 now = context.clock.nowMs();
    const BillingTerms::Change change = parseChange(call.body());
    submitWrite(
        context, call.audit(),
        [=](SqlConnection& db) {
            BillingTerms(db).changeUser(userId, change);
            followTerms(db, QStringLiteral("user"), userId, change, now);
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

} // namespace creditdesk::server
