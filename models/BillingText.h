#pragma once

#include "domain/Billing.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace creditdesk {

// Plans, subscriptions and coupons in plain, translated words, shared by the models, panes and dialogs
// (and tested with exact texts): API keys such as "free_only", "downgrade_scheduled" or "exhausted" never
// reach the screen.
class BillingText
{
    Q_DECLARE_TR_FUNCTIONS(creditdesk::BillingText)

public:
    static QString featureLabel(const QString& key);
    static QString modelsLabel(const QString& models);
    static QString billingOptionLabel(const QString& option);
    static QString statusLabel(const QString& status);
    // The plan's name from the catalog, or its id when the catalog does not have it.
    static QString planName(const PlanCatalog& catalog, const QString& id);
    // "10%" (German and French: "10 %").
    static QString percent(qint64 basisPoints);
    // "Free" or "$30.00 / month".
    static QString price(qint64 minor, const QString& currency, const QString& interval);
    // "1,250,000 credits ($50.00)".
    static QString creditsWithValue(qint64 credits);
    static QString discount(const SubscriptionDiscount& discount);
    static QString historyEvent(const SubscriptionEvent& event, const PlanCatalog& catalog);
    // Who made a change: "You", "User #3", "API token #2", "Automatic".
    static QString actor(const QString& type, std::optional<qint64> id, qint64 myUserId);

    static QString couponKindLabel(const QString& kind);
    // What a coupon gives: "25,000 credits ($1.00), valid for 30 days", "20% off for 3 billing periods".
    static QString couponGives(const CouponEffect& effect, const PlanCatalog& catalog);
    // Why a code cannot be redeemed, as a sentence.
    static QString couponRefusal(const QString& reason);
    // "3 of 100" or "3 (no limit)".
    static QString redemptionsOfMax(qint64 count, std::optional<qint64> max);
};

} // namespace creditdesk
