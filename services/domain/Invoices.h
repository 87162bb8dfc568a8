#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace creditdesk {

// What the Invoices pane reads besides the synced invoices (GET /payments, /credit-packs,
// /billing-profile, /credits/auto-recharge), typed. Money is integer minor units of `currency`, credits
// whole credits (docs/design.md §3).

// A credit pack of the catalog: its credits include the volume bonus (bonusCredits of them).
struct CreditPack
{
    QString id; // what POST /credits/purchase takes as "pack"
    QString name;
    qint64 priceMinor = 0;
    QString currency = QStringLiteral("USD");
    qint64 credits = 0;
    qint64 bonusCredits = 0;
    bool enterpriseOnly = false; // the bulk pack

    static std::optional<CreditPack> fromJson(const QJsonObject& object);
};

// One payment of the account (GET /payments), newest first.
struct Payment
{
    qint64 id = 0;
    std::optional<qint64> invoiceId;
    qint64 amountMinor = 0;
    QString currency = QStringLiteral("USD");
    QString method; // card, bank_transfer, paypal, other
    QString status; // succeeded, failed, pending, refunded
    QString failureReason;
    QDateTime createdAt; // UTC

    static std::optional<Payment> fromJson(const QJsonObject& object);
};

// The buyer's details printed on invoices (GET|PUT /billing-profile). Only platform admins may change
// taxExempt and its reason (they change what the operator collects).
struct BillingProfile
{
    QString legalName;
    QString email;
    QString line1, line2, city, postalCode, region, country;
    QString taxId;
    bool taxExempt = false;
    QString exemptionReason;

    static BillingProfile fromJson(const QJsonObject& object);
    // The PUT body; the exemption only when `withExemption` (a platform admin edits it).
    QJsonObject toJson(bool withExemption) const;
};

// A PayPal order for an invoice (POST /invoices/{id}/paypal/orders): the payer approves it at approveUrl.
struct PayPalOrder
{
    QString orderId;
    QUrl approveUrl; // a web page (http or https), opened in the browser
};

// When available credits fall below thresholdCredits, one purchase of `pack` starts.
struct AutoRecharge
{
    bool enabled = false;
    qint64 thresholdCredits = 0;
    QString pack;

    static AutoRecharge fromJson(const QJsonObject& object);
};

// Minor units as a plain decimal for files: 123450 → "1234.50", -5 → "-0.05" (no grouping, '.' always).
QString minorUnitsAsDecimal(qint64 minor);

} // namespace creditdesk
