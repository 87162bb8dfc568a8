#pragma once

#include "auth/Access.h"
#include "auth/AccessRule.h"
#include "core/ApiTypes.h"
#include "core/Json.h"

#include <functional>
#include <optional>

namespace creditdesk::server {

// What a route's access rule established before its handler runs: who calls, and the organization and
// account the request addresses, already checked. Filled in place and never copied or moved (the
// organization access points at the principal held here).
struct AuthorizedRequest
{
    AuthorizedRequest() = default;
    AuthorizedRequest(const AuthorizedRequest&) = delete;
    AuthorizedRequest& operator=(const AuthorizedRequest&) = delete;

    std::optional<Principal> principal;             // every rule but Public
    std::optional<OrganizationAccess> organization; // Organization rules (unless optional and absent)
    std::optional<CreditTarget> account;            // Account, Transaction and Reservation rules
    std::optional<qint64> resourceId; // Transaction, Reservation, ApiToken: the id the rule read
    std::optional<JsonBody> body;     // the JSON body, when the rule had to read it
};

// Checks `rule` for `request`: 401 without a valid token where one is needed, 403 when the caller may see
// the organization or account but lacks the right, 404 (as for an id that does not exist) when they
// cannot see it. `authenticate` resolves the bearer token (cached by the caller).
void authorizeRequest(SqlConnection& reader, const AccessRule& rule, const ApiRequest& request,
                      const std::function<Principal()>& authenticate, AuthorizedRequest& out);

} // namespace creditdesk::server
