#pragma once

#include "auth/Permissions.h"

#include <QString>

#include <optional>

namespace creditdesk::server {

// Which credits action a rule on a billing account stands for (the permission it needs there).
enum class CreditAction
{
    Read,
    Deduct,
    Allocate,
    Refund
};

// Where a rule finds the organization or billing account it is checked on.
enum class Locate
{
    Path,  // the first path parameter ("/organizations/{id}/…", "/reservations/{id}")
    Query, // organization_id | user_id in the query
    Body   // organization_id | user_id (and member_id) in the JSON body
};

// Who may call a route. Every route declares one when it is registered (api/RouteTable.h); the route
// table checks it before the handler runs, so handlers never decide access themselves and receive the
// principal, organization and account already authorized (auth/RequestAuthorizer.h).
class AccessRule
{
public:
    enum class Kind
    {
        Public,         // anyone, no token
        SignedIn,       // any valid session or API token
        UserSession,    // a person signed in, not an API token (403 for tokens)
        PlatformAdmin,  // the operator's staff (403 for everyone else)
        Organization,   // a permission of the table in the organization located by `locate`
        Account,        // a credits action on the account (organization pool or personal) located by `locate`
        BillingAccount, // a permission on the billing account located by `locate`: in its organization, or
                        // its own user (personal accounts; platform admins too)
        Transaction,    // a credits action on the account of the transaction named by body.transaction_id
        Reservation,    // a credits action on the account of the hold in the path
        ApiToken,       // the token in the path: its creator, or api_tokens:manage in its organization
        WebhookEndpoint, // the webhook endpoint in the path: a permission in its organization
        UsageEvents,     // signed in; each event's account is checked as the event is resolved (metering)
        AlertRule,       // a permission on the billing account of the alert rule in the path
        Alert,  // a credits action on the account of the fired alert in the path (members: their own)
        Invoice // a permission on the billing account of the invoice in the path
    };

    static AccessRule publicRoute() { return AccessRule(Kind::Public); }
    static AccessRule signedIn() { return AccessRule(Kind::SignedIn); }
    static AccessRule userSession() { return AccessRule(Kind::UserSession); }
    static AccessRule platformAdmin() { return AccessRule(Kind::PlatformAdmin); }
    // organization_id optional (Query/Body): without it the route acts on the caller's own things.
    static AccessRule organization(Permission permission, Locate locate, bool usersOnly = false,
                                   bool optional = false)
    {
        AccessRule rule(Kind::Organization);
        rule.m_permission = permission;
        rule.m_locate = locate;
        rule.m_usersOnly = usersOnly;
        rule.m_optional = optional;
        return rule;
    }
    // Like organization(), with either of two permissions (the handler narrows what the second allows,
    // e.g. managers invite into their own department only).
    static AccessRule organizationEither(Permission permission, Permission alternative, Locate locate,
                                         bool usersOnly = false)
    {
        AccessRule rule = organization(permission, locate, usersOnly);
        rule.m_alternative = alternative;
        return rule;
    }
    // Like organization(), but a platform administrator may leave the organization out (to see everyone's).
    static AccessRule organizationOrPlatform(Permission permission, Locate locate)
    {
        AccessRule rule = organization(permission, locate);
        rule.m_optionalForPlatformAdmins = true;
        return rule;
    }
    // The organization located by `locate` must be visible to the caller (a member, its own API token, a
    // platform admin); no particular permission.
    static AccessRule inOrganization(Locate locate, bool usersOnly = false)
    {
        AccessRule rule(Kind::Organization);
        rule.m_locate = locate;
        rule.m_usersOnly = usersOnly;
        return rule;
    }
    static AccessRule account(CreditAction action, Locate locate)
    {
        AccessRule rule(Kind::Account);
        rule.m_action = action;
        rule.m_locate = locate;
        return rule;
    }
    // Plans, subscriptions, charges and coupons of an organization's or a user's billing account.
    static AccessRule billingAccount(Permission permission, Locate locate)
    {
        AccessRule rule(Kind::BillingAccount);
        rule.m_permission = permission;
        rule.m_locate = locate;
        return rule;
    }
    // Like billingAccount(), but a platform administrator may leave the account out (to see everyone's).
    static AccessRule billingAccountOrPlatform(Permission permission, Locate locate)
    {
        AccessRule rule = billingAccount(permission, locate);
        rule.m_optionalForPlatformAdmins = true;
        return rule;
    }
    static AccessRule transaction(CreditAction action)
    {
        AccessRule rule(Kind::Transaction);
        rule.m_action = action;
        rule.m_locate = Locate::Body;
        return rule;
    }
    static AccessRule reservation(CreditAction action)
    {
        AccessRule rule(Kind::Reservation);
        rule.m_action = action;
        rule.m_locate = Locate::Path;
        return rule;
    }
    static AccessRule apiToken() { return AccessRule(Kind::ApiToken); }
    static AccessRule webhookEndpoint(Permission permission)
    {
        AccessRule rule(Kind::WebhookEndpoint);
        rule.m_permission = permission;
        return rule;
    }
    static AccessRule alertRule(Permission permission)
    {
        AccessRule rule(Kind::AlertRule);
        rule.m_permission = permission;
        return rule;
    }
    // Readers of the account with the whole pool in view see every alert; members and managers only the
    // member_limit alerts about themselves (others are 404).
    static AccessRule alert(CreditAction action)
    {
        AccessRule rule(Kind::Alert);
        rule.m_action = action;
        return rule;
    }
    static AccessRule invoice(Permission permission)
    {
        AccessRule rule(Kind::Invoice);
        rule.m_permission = permission;
        return rule;
    }
    static AccessRule usageEvents() { return AccessRule(Kind::UsageEvents); }

    Kind kind() const { return m_kind; }
    std::optional<Permission> permission() const { return m_permission; }
    std::optional<Permission> alternative() const { return m_alternative; }
    CreditAction action() const { return m_action; }
    Locate locate() const { return m_locate; }
    bool usersOnly() const { return m_usersOnly || m_kind == Kind::UserSession || m_kind == Kind::ApiToken; }
    bool optional() const { return m_optional; }
    bool optionalForPlatformAdmins() const { return m_optionalForPlatformAdmins; }
    bool isPublic() const { return m_kind == Kind::Public; }

    // The rule as one line ("public", "platform_admin", "organization(path) members:manage, users only",
    // …): listed by `creditdesk-server routes` and written as x-access in docs/openapi.yaml, where a test
    // compares the two.
    QString describe() const;

private:
    explicit AccessRule(Kind kind) : m_kind(kind) {}

    Kind m_kind;
    std::optional<Permission> m_permission;
    std::optional<Permission> m_alternative;
    CreditAction m_action = CreditAction::Read;
    Locate m_locate = Locate::Path;
    bool m_usersOnly = false;
    bool m_optional = false;
    bool m_optionalForPlatformAdmins = false;
};

} // namespace creditdesk::server
