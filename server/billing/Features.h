#pragma once

#include "billing/Subscriptions.h"
#include "store/Sql.h"

#include <QString>
#include <QStringList>

namespace creditdesk::server {

// The features a subscription gives now (GET /api/v1/entitlements): its terms' features, except that a
// trial gives the trial's features only (seed 002 FREE_TRIAL).
QStringList currentFeatures(const Subscription& subscription);

// Whether the organization's subscription gives `feature` now; 403 feature_not_in_plan from the require
// form. Reads inside the caller's transaction.
bool organizationHasFeature(SqlConnection& db, qint64 organizationId, const QString& feature, qint64 nowMs);
void requireOrganizationFeature(SqlConnection& db, qint64 organizationId, const QString& feature,
                                qint64 nowMs);

} // namespace creditdesk::server
