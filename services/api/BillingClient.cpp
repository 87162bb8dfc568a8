#include "api/BillingClient.h"

#include "api/ApiClient.h"
#include "api/BillingParsers.h"
#include "api/JsonParsers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QUuid>

#include <memory>

namespace creditdesk {

BillingClient::BillingClient(ApiClient* client, QObject* parent) : QObject(parent), m_client(client)
{
    qRegisterMetaType<BillingTarget>();
}

QByteArray BillingClient::newIdempotencyKey()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

bool BillingClient::isMissingRoute(const ApiError& error)
{
    return error.kind == ApiError::Kind::NotCreditDesk ||
           (error.httpStatus == 404 && error.code == QLatin1String("not_found") &&
            error.serverMessage == QLatin1String("No such endpoint")) ||
           error.httpStatus == 405;
}

template<typename Result>
void BillingClient::run(QByteArray method, const QString& path, const QUrlQuery& query,
                        const QJsonObject& body, const QByteArray& idempotencyKey,
                        std::function<bool(const QJsonObject&, Result*)> read, QObject* context,
                        Done<Result> done, std::optional<BillingTarget> changes)
{
    QPointer<BillingClient> self(this);
    runRequest<Result>(m_client, std::move(method), path, query, body, idempotencyKey, std::move(read),
                       context, std::move(done), [self, changes] {
                           if (changes && self)
                               Q_EMIT self->accountChanged(*changes);
                       });
}

void BillingClient::plans(QObject* context, Done<PlanCatalog> done)
{
    run<PlanCatalog>("GET", QStringLiteral("/api/v1/tiers/compare"), {}, {}, {}, json::parsePlanCatalog,
                     context, std::move(done));
}

void BillingClient::subscription(const BillingTarget& target, QObject* context, Done<Subscription> done)
{
    QUrlQuery query;
    target.addTo(&query);
    run<Subscription>("GET", QStringLiteral("/api/v1/subscription"), query, {}, {}, json::parseSubscription,
                      context, std::move(done));
}

void BillingClient::history(const BillingTarget& target, int limit, QObject* context,
                            Done<QList<SubscriptionEvent>> done)
{
    QUrlQuery query;
    target.addTo(&query);
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    run<QList<SubscriptionEvent>>(
        "GET", QStringLiteral("/api/v1/subscription/history"), query, {}, {},
        [](const QJsonObject& answer, QList<SubscriptionEvent>* out) {
            return json::parseDataList(answer, out, json::parseSubscriptionEvent);
        },
        context, std::move(done));
}

void BillingClient::previewSwitch(const BillingTarget& target, const QString& plan,
                                  const QString& billingOption, QObject* context, Done<Proration> done)
{
    QUrlQuery query;
    target.addTo(&query);
    query.addQueryItem(QStringLiteral("plan"), plan);
    if (!billingOption.isEmpty())
        query.addQueryItem(QStringLiteral("billing_option"), billingOption);
    run<Proration>("GET", QStringLiteral("/api/v1/tiers/switch/preview"), query, {}, {}, json::parseProration,
                   context, std::move(done));
}

void BillingClient::switchPlan(const BillingTarget& target, const QString& plan, const QString& billingOption,
                               const QByteArray& idempotencyKey, QObject* context, Done<SwitchResult> done)
{
    QJsonObject body{{QStringLiteral("plan"), plan}};
    target.addTo(&body);
    if (!billingOption.isEmpty())
        body.insert(QStringLiteral("billing_option"), billingOption);
    run<SwitchResult>("POST", QStringLiteral("/api/v1/tiers/switch"), {}, body, idempotencyKey,
                      json::parseSwitchResult, context, std::move(done), target);
}

void BillingClient::setCancelAtPeriodEnd(const BillingTarget& target, bool cancel, QObject* context,
                                         Done<Subscription> done)
{
    QJsonObject body;
    target.addTo(&body);
    run<Subscription>("POST",
                      cancel ? QStringLiteral("/api/v1/subscription/cancel")
                             : QStringLiteral("/api/v1/subscription/resume"),
                      {}, body, {}, json::parseSubscription, context, std::move(done), target);
}

void BillingClient::validateCoupon(const BillingTarget& target, const QString& code, QObject* context,
                                   Done<CouponCheck> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("code"), code);
    target.addTo(&query);
    run<CouponCheck>("GET", QStringLiteral("/api/v1/coupons/validate"), query, {}, {}, json::parseCouponCheck,
                     context, std::move(done));
}

void BillingClient::redeemCoupon(const BillingTarget& target, const QString& code,
                                 const QByteArray& idempotencyKey, QObject* context,
                                 Done<CouponRedemption> done)
{
    QJsonObject body{{QStringLiteral("code"), code}};
    target.addTo(&body);
    run<CouponRedemption>("POST", QStringLiteral("/api/v1/coupons/redeem"), {}, body, idempotencyKey,
                          json::parseCouponRedemption, context, std::move(done), target);
}

void BillingClient::coupons(QObject* context, Done<QList<Coupon>> done)
{
    run<QList<Coupon>>(
        "GET", QStringLiteral("/api/v1/coupons/list"), {}, {}, {},
        [](const QJsonObject& answer, QList<Coupon>* out) {
            return json::parseDataList(answer, out, json::parseCoupon);
        },
        context, std::move(done));
}

void BillingClient::createCoupon(const NewCoupon& coupon, QObject* context, Done<Coupon> done)
{
    run<Coupon>(
        "POST", QStringLiteral("/api/v1/coupons/create"), {}, coupon.toJson(), newIdempotencyKey(),
        [](const QJsonObject& answer, Coupon* out) {
            // The coupon itself, or wrapped as {"coupon": …}.
            const QJsonValue wrapped = answer.value(QStringLiteral("coupon"));
            return json::parseCoupon(wrapped.isObject() ? wrapped.toObject() : answer, out);
        },
        context, std::move(done));
}

void BillingClient::deactivateCoupon(const QString& code, QObject* context, Done<bool> done)
{
    run<bool>(
        "DELETE", QStringLiteral("/api/v1/coupons/") + code, {}, {}, {},
        [](const QJsonObject&, bool* out) {
            *out = true;
            return true;
        },
        context, std::move(done));
}

void BillingClient::redemptions(const QString& code, QObject* context, Done<QList<CouponRedemption>> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("code"), code);
    run<QList<CouponRedemption>>(
        "GET", QStringLiteral("/api/v1/coupons/redemptions"), query, {}, {},
        [](const QJsonObject& answer, QList<CouponRedemption>* out) {
            return json::parseDataList(answer, out, json::parseCouponRedemption);
        },
        context, std::move(done));
}

} // namespace creditdesk
