#pragma once

#include "domain/Billing.h"

#include <QJsonObject>
#include <QList>

namespace creditdesk::json {

// Readers for the plan, subscription and coupon answers (docs/openapi.yaml, "Plans"). Plans, subscriptions
// and previews are read strictly (a missing or mistyped field fails, and the job reports the answer as
// garbled); coupons leniently, field by field, because their answers may grow.
bool parsePlan(const QJsonObject& object, Plan* out);
bool parsePlanCatalog(const QJsonObject& object, PlanCatalog* out);
bool parseSubscription(const QJsonObject& object, Subscription* out);
bool parseProration(const QJsonObject& object, Proration* out);
bool parseSwitchResult(const QJsonObject& object, SwitchResult* out);
bool parseSubscriptionEvent(const QJsonObject& object, SubscriptionEvent* out);
bool parseCoupon(const QJsonObject& object, Coupon* out);
bool parseCouponEffect(const QJsonObject& object, CouponEffect* out);
bool parseCouponCheck(const QJsonObject& object, CouponCheck* out);
bool parseCouponRedemption(const QJsonObject& object, CouponRedemption* out);

} // namespace creditdesk::json
