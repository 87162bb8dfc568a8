#include "auth/RequestAuthorizer.h"

#include "core/ApiError.h"

#include <limits>

namespace creditdesk::server {

namespace {

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

const JsonBody& bodyOf(const ApiRequest& request, AuthorizedRequest& out)
{
    if (!out.body)
        out.body.emplace(request.body);
    return *out.body;
}

std::optional<qint64> idFrom(const ApiRequest& request, AuthorizedRequest& out, Locate locate,
                             const char* field)
{
    switch (locate) {
    case Locate::Path:
        return parsePathId(request.pathParams.value(0), QStringLiteral("Organization"));
    case Locate::Query:
        return parseQueryInteger(request, QLatin1String(field), 1, kMaxId);
    case Locate::Body:
        return bodyOf(request, out).optionalId(field);
    }
    return std::nullopt;
}

void requireUser(const Principal& principal)
{
    if (!principal.isUser())
        throw ApiError::forbidden(QStringLiteral("This endpoint needs a signed-in user, not an API token"));
}

void authorizeOrganization(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                           AuthorizedRequest& out)
{
    const auto organizationId = idFrom(request, out, rule.locate(), "organization_id");
    if (!organizationId) {
        if (rule.optional())
            return; // the caller's own things (e.g. personal API tokens)
        if (rule.optionalForPlatformAdmins() && out.principal->isUser() && out.principal->platformAdmin)
            return; // every organization's
        throw ApiError::validation(QStringLiteral("organization_id"),
                                   QStringLiteral("'organization_id' is required"));
    }
    out.organization.emplace(OrganizationAccess::resolve(reader, *out.principal, *organizationId));
    if (rule.alternative() && out.organization->can(*rule.alternative()))
        return;
    if (rule.permission())
        out.organization->require(*rule.permission());
}

void authorizeAccount(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                      AuthorizedRequest& out)
{
    const auto organizationId = idFrom(request, out, rule.locate(), "organization_id");
    const auto userId = idFrom(request, out, rule.locate(), "user_id");
    const auto memberId = rule.locate() == Locate::Body ? bodyOf(request, out).optionalId("member_id")
                                                        : std::optional<qint64>();
    out.account =
        resolveAddressedAccount(reader, *out.principal, organizationId, userId, memberId, rule.action());
}

void authorizeTransaction(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                          AuthorizedRequest& out)
{
    const auto transactionId = bodyOf(request, out).optionalId("transaction_id");
    if (!transactionId)
        throw ApiError::validation(QStringLiteral("transaction_id"),
                                   QStringLiteral("'transaction_id' is required"));
    const auto row =
        reader.row(QStringLiteral("SELECT account_id, organization_id FROM transactions WHERE id = ?"),
                   {*transactionId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Transaction"));
    out.resourceId = transactionId;
    out.account = authorizeAsIfMissing(QStringLiteral("Transaction"), [&] {
        return authorizeOnAccount(reader, *out.principal, asInt(row->at(0)), optionalInt(row->at(1)),
                                  rule.action());
    });
}

void authorizeReservation(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                          AuthorizedRequest& out)
{
    const qint64 reservationId = parsePathId(request.pathParams.value(0), QStringLiteral("Reservation"));
    const auto row = reader.row(QStringLiteral("SELECT account_id, organization_id, member_id, department_id "
                                               "FROM reservations WHERE id = ?"),
                                {reservationId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Reservation"));
    out.resourceId = reservationId;
    out.account = authorizeAsIfMissing(QStringLiteral("Reservation"), [&] {
        return authorizeOnAccount(reader, *out.principal, asInt(row->at(0)), optionalInt(row->at(1)),
                                  rule.action());
    });
    // The same row scoping as the transaction list: managers see their department's holds, members their own.
    const auto memberId = optionalInt(row->at(2));
    const auto departmentId = optionalInt(row->at(3));
    if ((out.account->onlyMemberId && memberId != out.account->onlyMemberId) ||
        (out.account->onlyDepartmentId && departmentId != out.account->onlyDepartmentId))
        throw ApiError::notFound(QStringLiteral("Reservation"));
}

// An API token: its creator may revoke it; in an organization so may whoever manages its tokens.
void authorizeApiToken(SqlConnection& reader, const ApiRequest& request, AuthorizedRequest& out)
{
    const Principal& principal = *out.principal;
    const qint64 tokenId = parsePathId(request.pathParams.value(0), QStringLiteral("API token"));
    const auto row =
        reader.row(QStringLiteral("SELECT user_id, organization_id FROM api_tokens WHERE id = ?"), {tokenId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("API token"));
    out.resourceId = tokenId;
    const bool isCreator = asInt(row->at(0)) == principal.userId;
    if (const auto organizationId = optionalInt(row->at(1))) {
        out.organization.emplace(authorizeAsIfMissing(QStringLiteral("API token"), [&] {
            return OrganizationAccess::resolve(reader, principal, *organizationId);
        }));
        if (!isCreator)
            out.organization->require(Permission::ManageApiTokens);
    } else if (!isCreator && !principal.platformAdmin) {
        throw ApiError::notFound(QStringLiteral("API token"));
    }
}

// A webhook endpoint (alerts/WebhookEndpoints.h): the rule's permission in its organization; a deleted
// endpoint, or one of an organization the caller cannot see, is not found.
void authorizeWebhookEndpoint(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                              AuthorizedRequest& out)
{
    const QString what = QStringLiteral("Webhook endpoint");
    const qint64 endpointId = parsePathId(request.pathParams.value(0), what);
    const auto row = reader.row(
        QStringLiteral("SELECT organization_id FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL"),
        {endpointId});
    if (!row)
        throw ApiError::notFound(what);
    out.resourceId = endpointId;
    out.organization.emplace(authorizeAsIfMissing(
        what, [&] { return OrganizationAccess::resolve(reader, *out.principal, asInt(row->at(0))); }));
    out.organization->require(*rule.permission());
}

// An alert rule: alerts:manage (or the rule's permission) on the billing account it belongs to.
void authorizeAlertRule(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                        AuthorizedRequest& out)
{
    const qint64 ruleId = parsePathId(request.pathParams.value(0), QStringLiteral("Alert rule"));
    const auto row =
        reader.row(QStringLiteral("SELECT a.owner_kind, a.owner_id FROM alert_rules r JOIN accounts a "
                                  "ON a.id = r.account_id WHERE r.id = ?"),
                   {ruleId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Alert rule"));
    out.resourceId = ruleId;
    const bool organization = row->at(0).toString() == QLatin1String("organization");
    const qint64 ownerId = asInt(row->at(1));
    out.account = authorizeAsIfMissing(QStringLiteral("Alert rule"), [&] {
        return resolveBillingAccount(
            reader, *out.principal, organization ? std::optional(ownerId) : std::nullopt,
            organization ? std::nullopt : std::optional(ownerId), *rule.permission());
    });
}

// An invoice: the rule's permission on its billing account; an invoice of an account the caller cannot
// see is not found.
void authorizeInvoice(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                      AuthorizedRequest& out)
{
    const qint64 invoiceId = parsePathId(request.pathParams.value(0), QStringLiteral("Invoice"));
    const auto row =
        reader.row(QStringLiteral("SELECT a.owner_kind, a.owner_id FROM invoices i JOIN accounts a "
                                  "ON a.id = i.account_id WHERE i.id = ?"),
                   {invoiceId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Invoice"));
    out.resourceId = invoiceId;
    const bool organization = row->at(0).toString() == QLatin1String("organization");
    const qint64 ownerId = asInt(row->at(1));
    out.account = authorizeAsIfMissing(QStringLiteral("Invoice"), [&] {
        return resolveBillingAccount(
            reader, *out.principal, organization ? std::optional(ownerId) : std::nullopt,
            organization ? std::nullopt : std::optional(ownerId), *rule.permission());
    });
}

// A fired alert: the action on its account; a caller who sees only part of the pool (members, managers)
// reaches only the member_limit alerts about themselves.
void authorizeAlert(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                    AuthorizedRequest& out)
{
    const qint64 alertId = parsePathId(request.pathParams.value(0), QStringLiteral("Alert"));
    const auto row = reader.row(
        QStringLiteral("SELECT account_id, organization_id, kind, member_id FROM alerts WHERE id = ?"),
        {alertId});
    if (!row)
        throw ApiError::notFound(QStringLiteral("Alert"));
    out.resourceId = alertId;
    out.account = authorizeAsIfMissing(QStringLiteral("Alert"), [&] {
        return authorizeOnAccount(reader, *out.principal, asInt(row->at(0)), optionalInt(row->at(1)),
                                  rule.action());
    });
    if ((out.account->onlyMemberId || out.account->onlyDepartmentId) &&
        (row->at(2).toString() != QLatin1String("member_limit") ||
         optionalInt(row->at(3)) != std::optional(out.principal->userId)))
        throw ApiError::notFound(QStringLiteral("Alert"));
}

} // namespace

void authorizeRequest(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                      const std::function<Principal()>& authenticate, AuthorizedRequest& out)
{
    if (rule.isPublic())
        return;
    out.principal.emplace(authenticate());
    const Principal& principal = *out.principal;
    if (rule.usersOnly())
        requireUser(principal);
    switch (rule.kind()) {
    case AccessRule::Kind::Public:
    case AccessRule::Kind::SignedIn:
    case AccessRule::Kind::UserSession:
    case AccessRule::Kind::UsageEvents: // each event's account is checked as it is resolved
        return;
    case AccessRule::Kind::PlatformAdmin:
        if (!principal.isUser() || !principal.platformAdmin)
            throw ApiError::forbidden(QStringLiteral("Only a platform administrator can do this"));
        return;
    case AccessRule::Kind::Organization:
        authorizeOrganization(reader, rule, request, out);
        return;
    case AccessRule::Kind::Account:
        authorizeAccount(reader, rule, request, out);
        return;
    case AccessRule::Kind::BillingAccount: {
        const auto organizationId = idFrom(request, out, rule.locate(), "organization_id");
        const auto userId = idFrom(request, out, rule.locate(), "user_id");
        if (!organizationId && !userId && rule.optionalForPlatformAdmins() && out.principal->isUser() &&
            out.principal->platformAdmin)
            return; // every account's
        out.account =
            resolveBillingAccount(reader, *out.principal, organizationId, userId, *rule.permission());
        return;
    }
    case AccessRule::Kind::Transaction:
        authorizeTransaction(reader, rule, request, out);
        return;
    case AccessRule::Kind::Reservation:
        authorizeReservation(reader, rule, request, out);
        return;
    case AccessRule::Kind::ApiToken:
        authorizeApiToken(reader, request, out);
        return;
    case AccessRule::Kind::WebhookEndpoint:
        authorizeWebhookEndpoint(reader, rule, request, out);
        return;
    case AccessRule::Kind::AlertRule:
        authorizeAlertRule(reader, rule, request, out);
        return;
    case AccessRule::Kind::Alert:
        authorizeAlert(reader, rule, request, out);
        return;
    case AccessRule::Kind::Invoice:
        authorizeInvoice(reader, rule, request, out);
        return;
    }
}

QString AccessRule::describe() const
{
    const auto where = [this] {
        switch (m_locate) {
        case Locate::Path:
            return QStringLiteral("path");
        case Locate::Query:
            return QStringLiteral("query");
        case Locate::Body:
            return QStringLiteral("body");
        }
        return QString();
    };
    const auto action = [this] {
        switch (m_action) {
        case CreditAction::Read:
            return QStringLiteral("read");
        case CreditAction::Deduct:
            return QStringLiteral("deduct");
        case CreditAction::Allocate:
            return QStringLiteral("allocate");
        case CreditAction::Refund:
            return QStringLiteral("refund");
        }
        return QString();
    };
    const QString usersOnlySuffix = m_usersOnly ? QStringLiteral(", users only") : QString();
    switch (m_kind) {
    case Kind::Public:
        return QStringLiteral("public");
    case Kind::SignedIn:
        return QStringLiteral("signed_in");
    case Kind::UserSession:
        return QStringLiteral("user_session");
    case Kind::PlatformAdmin:
        return QStringLiteral("platform_admin");
    case Kind::Organization:
        return QStringLiteral("organization(%1%2)%3%4")
            .arg(where(),
                 m_optional                    ? QStringLiteral(", optional")
                 : m_optionalForPlatformAdmins ? QStringLiteral(", optional for platform admins")
                                               : QString(),
                 m_permission
                     ? QStringLiteral(": ") + permissionToString(*m_permission) +
                           (m_alternative ? QStringLiteral(" | ") + permissionToString(*m_alternative)
                                          : QString())
                     : QString(),
                 usersOnlySuffix);
    case Kind::Account:
        return QStringLiteral("account(%1): %2").arg(where(), action());
    case Kind::BillingAccount:
        return QStringLiteral("billing_account(%1%2): %3")
            .arg(where(),
                 m_optionalForPlatformAdmins ? QStringLiteral(", optional for platform admins") : QString(),
                 permissionToString(*m_permission));
    case Kind::Transaction:
        return QStringLiteral("transaction(body): %1").arg(action());
    case Kind::Reservation:
        return QStringLiteral("reservation(path): %1").arg(action());
    case Kind::ApiToken:
        return QStringLiteral("api_token(path), users only");
    case Kind::WebhookEndpoint:
        return QStringLiteral("webhook_endpoint(path): %1").arg(permissionToString(*m_permission));
    case Kind::UsageEvents:
        return QStringLiteral("usage_events");
    case Kind::AlertRule:
        return QStringLiteral("alert_rule(path): %1").arg(permissionToString(*m_permission));
    case Kind::Alert:
        return QStringLiteral("alert(path): %1").arg(action());
    case Kind::Invoice:
        return QStringLiteral("invoice(path): %1").arg(permissionToString(*m_permission));
    }
    return {};
}

} // namespace creditdesk::server
