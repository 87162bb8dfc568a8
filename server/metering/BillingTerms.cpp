#include "metering/BillingTerms.h"

#include "core/ApiError.h"

namespace creditdesk::server {

namespace {

std::optional<BillingTerms::Terms> termsOf(const std::optional<Row>& row)
{
    if (!row)
        return std::nullopt;
    return BillingTerms::Terms{row->at(0).toString(), row->at(1).toString(), asInt(row->at(2)) != 0};
}

QVariantList bindsOf(const BillingTerms::Terms& terms)
{
    return {terms.tier, terms.billingOption, terms.overageAllowed ? 1 : 0};
}

} // namespace

BillingTerms::Terms BillingTerms::Change::applyTo(const Terms& current) const
{
    const QString newTier = tier.value_or(current.tier);
    const QString option = billingOption.value_or(current.billingOption);
    if (option == QLatin1String("byok") && newTier != QLatin1String("professional") &&
        newTier != QLatin1String("enterprise"))
        throw ApiError(QStringLiteral("billing_option_not_in_tier"),
                       QStringLiteral("'byok' is available on the professional and enterprise tiers only"),
                       QJsonObject{{QStringLiteral("field"), QStringLiteral("billing_option")}});
    return Terms{newTier, option, overageAllowed.value_or(current.overageAllowed)};
}

std::optional<BillingTerms::Terms> BillingTerms::ofOrganization(qint64 organizationId)
{
    return termsOf(m_db.row(
        QStringLiteral("SELECT tier, billing_option, overage_allowed FROM organizations WHERE id = ?"),
        {organizationId}));
}

std::optional<BillingTerms::Terms> BillingTerms::ofUser(qint64 userId)
{
    return termsOf(m_db.row(
        QStringLiteral("SELECT tier, billing_option, overage_allowed FROM users WHERE id = ?"), {userId}));
}

void BillingTerms::changeOrganization(qint64 organizationId, const Change& change)
{
    const auto current = ofOrganization(organizationId);
    if (!current)
        throw ApiError::notFound(QStringLiteral("Organization"));
    m_db.execute(QStringLiteral("UPDATE organizations SET tier = ?, billing_option = ?, "
                                "overage_allowed = ? WHERE id = ?"),
                 bindsOf(change.applyTo(*current)) << organizationId);
}

void BillingTerms::changeUser(qint64 userId, const Change& change)
{
    const auto current = ofUser(userId);
    if (!current)
        throw ApiError::notFound(QStringLiteral("User"));
    m_db.execute(
        QStringLiteral("UPDATE users SET tier = ?, billing_option = ?, overage_allowed = ? WHERE id = ?"),
        bindsOf(change.applyTo(*current)) << userId);
}

} // namespace creditdesk::server
