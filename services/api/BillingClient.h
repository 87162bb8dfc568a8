#pragma once

#include "api/ApiClient.h"
#include "api/ApiError.h"
#include "api/RequestJob.h"
#include "domain/Billing.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace creditdesk {

// What the plan, subscription and coupon panes may ask of the server, and nothing else (docs/design.md
// §7: a pane gets a narrow interface, never the session). Each call answers once, through `done` on
// `context`'s thread, with the result or an error; nothing is called when `context` is gone first.
// Changes that move credits or the plan (a switch, cancel or resume, a redemption) are announced with
// accountChanged() so that the balance and the panes catch up.
class BillingClient : public QObject
{
    Q_OBJECT

public:
    template<typename Result> using Done = std::function<void(const Result& result, const ApiError& error)>;

    explicit BillingClient(ApiClient* client, QObject* parent = nullptr);

    // A fresh key for one change the user confirmed (retries of that change reuse it).
    static QByteArray newIdempotencyKey();

    void plans(QObject* context, Done<PlanCatalog> done);
    void subscription(const BillingTarget& target, QObject* context, Done<Subscription> done);
    void history(const BillingTarget& target, int limit, QObject* context,
                 Done<QList<SubscriptionEvent>> done);
    void previewSwitch(const BillingTarget& target, const QString& plan, const QString& billingOption,
                       QObject* context, Done<Proration> done);
    void switchPlan(const BillingTarget& target, const QString& plan, const QString& billingOption,
                    const QByteArray& idempotencyKey, QObject* context, Done<SwitchResult> done);
    // Cancels at the end of the period (true) or takes that back (false).
    void setCancelAtPeriodEnd(const BillingTarget& target, bool cancel, QObject* context,
                              Done<Subscription> done);

    void validateCoupon(const BillingTarget& target, const QString& code, QObject* context,
                        Done<CouponCheck> done);
    void redeemCoupon(const BillingTarget& target, const QString& code, const QByteArray& idempotencyKey,
                      QObject* context, Done<CouponRedemption> done);
    // Platform administrators.
    void coupons(QObject* context, Done<QList<Coupon>> done);
    void createCoupon(const NewCoupon& coupon, QObject* context, Done<Coupon> done);
    void deactivateCoupon(const QString& code, QObject* context, Done<bool> done);
    void redemptions(const QString& code, QObject* context, Done<QList<CouponRedemption>> done);

    // True when the error says the server has no such route (an older server): code not_found, "No such
    // endpoint", or a 404 that is not the API's at all.
    static bool isMissingRoute(const ApiError& error);

Q_SIGNALS:
    void accountChanged(const creditdesk::BillingTarget& target);

private:
    template<typename Result>
    void run(QByteArray method, const QString& path, const QUrlQuery& query, const QJsonObject& body,
             const QByteArray& idempotencyKey, std::function<bool(const QJsonObject&, Result*)> read,
             QObject* context, Done<Result> done, std::optional<BillingTarget> changes = std::nullopt);

    QPointer<ApiClient> m_client;
};

} // namespace creditdesk

Q_DECLARE_METATYPE(creditdesk::BillingTarget)
