<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</TS>
