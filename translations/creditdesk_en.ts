<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AlertText</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s)</source>
        <translation>
            <numerusform>%n failed attempt</numerusform>
            <numerusform>%n failed attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message numerus="yes">
        <source>Too many attempts. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many attempts. Wait %n second and try again.</numerusform>
            <numerusform>Too many attempts. Wait %n seconds and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::ActiveAlertsBanner</name>
    <message numerus="yes">
        <source>%n active alert(s)</source>
        <translation>
            <numerusform>%n active alert</numerusform>
            <numerusform>%n active alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the newest %n shown; all on the Alerts pane)</source>
        <translation>
            <numerusform>(the newest %n shown; all on the Alerts pane)</numerusform>
            <numerusform>(the newest %n shown; all on the Alerts pane)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::ActivityPane</name>
    <message numerus="yes">
        <source>Exported %Ln activity entry(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln activity entry to %1</numerusform>
            <numerusform>Exported %Ln activity entries to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertFeed</name>
    <message numerus="yes">
        <source>%Ln alert(s)</source>
        <translation>
            <numerusform>%Ln alert</numerusform>
            <numerusform>%Ln alerts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln alert(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln alert to %1</numerusform>
            <numerusform>Exported %Ln alerts to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertsPane</name>
    <message numerus="yes">
        <source>%n delivery(s) to %1</source>
        <translation>
            <numerusform>%n delivery to %1</numerusform>
            <numerusform>%n deliveries to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::BillingText</name>
    <message numerus="yes">
        <source>%1 credit(s) (%2)</source>
        <translation>
            <numerusform>%1 credit (%2)</numerusform>
            <numerusform>%1 credits (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 off for %n more billing period(s) (coupon %2)</source>
        <translation>
            <numerusform>%1 off for %n more billing period (coupon %2)</numerusform>
            <numerusform>%1 off for %n more billing periods (coupon %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No fee for %n more billing period(s) (coupon %1)</source>
        <translation>
            <numerusform>No fee for %n more billing period (coupon %1)</numerusform>
            <numerusform>No fee for %n more billing periods (coupon %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 off for %n billing period(s)</source>
        <translation>
            <numerusform>%1 off for %n billing period</numerusform>
            <numerusform>%1 off for %n billing periods</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n free billing period(s)</source>
        <translation>
            <numerusform>%n free billing period</numerusform>
            <numerusform>%n free billing periods</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n free billing period(s) of the %1 plan</source>
        <translation>
            <numerusform>%n free billing period of the %1 plan</numerusform>
            <numerusform>%n free billing periods of the %1 plan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::BuySeatsDialog</name>
    <message numerus="yes">
        <source>%n more seat(s) from now on, %1 in total.</source>
        <translation>
            <numerusform>%n more seat from now on, %1 in total.</numerusform>
            <numerusform>%n more seats from now on, %1 in total.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Estimated charge now: %1 (%2 a seat, prorated for the %n day(s) left of this period). The server computes the exact amount.</source>
        <translation>
            <numerusform>Estimated charge now: %1 (%2 a seat, prorated for the %n day left of this period). The server computes the exact amount.</numerusform>
            <numerusform>Estimated charge now: %1 (%2 a seat, prorated for the %n days left of this period). The server computes the exact amount.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fewer seat(s) from the end of this period (%1), %2 in total. Nothing is refunded.</source>
        <translation>
            <numerusform>%n fewer seat from the end of this period (%1), %2 in total. Nothing is refunded.</numerusform>
            <numerusform>%n fewer seats from the end of this period (%1), %2 in total. Nothing is refunded.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::CollectionPane</name>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln entry</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln entry to %1</numerusform>
            <numerusform>Exported %Ln entries to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::CouponsPane</name>
    <message numerus="yes">
        <source>%n coupon(s)</source>
        <translation>
            <numerusform>%n coupon</numerusform>
            <numerusform>%n coupons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::DashboardPane</name>
    <message numerus="yes">
        <source>%1 credits per day (%2), average of the last %Ln day(s)</source>
        <translation>
            <numerusform>%1 credits per day (%2), average of the last %Ln day</numerusform>
            <numerusform>%1 credits per day (%2), average of the last %Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No usage in the last %Ln day(s)</source>
        <translation>
            <numerusform>No usage in the last %Ln day</numerusform>
            <numerusform>No usage in the last %Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s), %1 tokens, %2 credits this period</source>
        <translation>
            <numerusform>%Ln request, %1 tokens, %2 credits this period</numerusform>
            <numerusform>%Ln requests, %1 tokens, %2 credits this period</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::GrantsModel</name>
    <message numerus="yes">
        <source>%1 (in %Ln day(s))</source>
        <translation>
            <numerusform>%1 (in %Ln day)</numerusform>
            <numerusform>%1 (in %Ln days)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoiceListView</name>
    <message numerus="yes">
        <source>%Ln invoice(s)</source>
        <translation>
            <numerusform>%Ln invoice</numerusform>
            <numerusform>%Ln invoices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln invoice(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln invoice to %1</numerusform>
            <numerusform>Exported %Ln invoices to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoicesPane</name>
    <message numerus="yes">
        <source>%Ln payment(s), newest first</source>
        <translation>
            <numerusform>%Ln payment, newest first</numerusform>
            <numerusform>%Ln payments, newest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::OrganizationPane</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending invitation(s)</source>
        <translation>
            <numerusform>%n pending invitation</numerusform>
            <numerusform>%n pending invitations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::PlanComparisonModel</name>
    <message numerus="yes">
        <source>%n day(s), %1 credits</source>
        <translation>
            <numerusform>%n day, %1 credits</numerusform>
            <numerusform>%n days, %1 credits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::SwitchPlanDialog</name>
    <message numerus="yes">
        <source>Now: a free trial of %n day(s) starts</source>
        <translation>
            <numerusform>Now: a free trial of %n day starts</numerusform>
            <numerusform>Now: a free trial of %n days starts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The difference in price and credits is prorated for the %n day(s) left in the current period.</source>
        <translation>
            <numerusform>The difference in price and credits is prorated for the %n day left in the current period.</numerusform>
            <numerusform>The difference in price and credits is prorated for the %n days left in the current period.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::TransactionsPane</name>
    <message numerus="yes">
        <source>Exported %Ln transaction(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln transaction to %1</numerusform>
            <numerusform>Exported %Ln transactions to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln transaction</numerusform>
            <numerusform>%Ln transactions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::UsagePane</name>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>Exported %n row to %1</numerusform>
            <numerusform>Exported %n rows to %1</numerusform>
        </translation>
    </message>
</context>
</TS>
