#pragma once

#include "store/Sql.h"

#include <QString>

#include <optional>

namespace creditdesk::server {

// The terms rating applies to an account's usage: the tier, the billing option and whether usage beyond
// the balance is allowed (billed as overage), for organizations and for users' personal accounts. Set by
// hand by platform administrators until plans exist.
class BillingTerms
{
public:
    struct Terms
    {
        QString tier;
        QString billingOption;
        bool overageAllowed = false;
    };

    // What a change asks for; fields left out keep their current value.
    struct Change
    {
        std::optional<QString> tier;
        std::optional<QString> billingOption;
        std::optional<bool> overageAllowed;

        // The terms after the change, checked together: bring-your-own-key billing is an option of the
        // professional and enterprise tiers only (throws billing_option_not_in_tier).
        Terms applyTo(const Terms& current) const;
    };

    explicit BillingTerms(SqlConnection& db) : m_db(db) {}

    std::optional<Terms> ofOrganization(qint64 organizationId);
    std::optional<Terms> ofUser(qint64 userId);
    // Apply `change` to the current terms (throws not_found for an unknown organization or user).
    void changeOrganization(qint64 organizationId, const Change& change);
    void changeUser(qint64 userId, const Change& change);

private:
    SqlConnection& m_db;
};

} // namespace creditdesk::server
