#include "billing/Features.h"

#include "core/ApiError.h"

namespace creditdesk::server {

QStringList currentFeatures(const Subscription& subscription)
{
    if (subscription.status == QLatin1String("trialing"))
        return {QStringLiteral("basic_chatflows")};
    return subscription.terms.features;
}

bool organizationHasFeature(SqlConnection& db, qint64 organizationId, const QString& feature, qint64 nowMs)
{
    const auto account =
        db.row(QStringLiteral("SELECT id FROM accounts WHERE owner_kind = 'organization' AND owner_id = ?"),
               {organizationId});
    if (!account)
        return false;
    return currentFeatures(Subscriptions(db, nowMs).get(asInt(account->at(0)))).contains(feature);
}

void requireOrganizationFeature(SqlConnection& db, qint64 organizationId, const QString& feature,
                                qint64 nowMs)
{
    if (!organizationHasFeature(db, organizationId, feature, nowMs))
        throw ApiError(
            QStringLiteral("feature_not_in_plan"),
            QStringLiteral("The organization's plan does not include the feature '%1'").arg(feature));
}

} // namespace creditdesk::server
