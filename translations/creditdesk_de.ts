<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiError</name>
    <message>
        <source>The server is not answering. It may be stopped or restarting. The console shows the data it has cached; try again in a few minutes or ask your administrator.</source>
        <translation>Der Server antwortet nicht. Möglicherweise ist er angehalten oder wird gerade neu gestartet. Die Konsole zeigt die zwischengespeicherten Daten an; versuchen Sie es in einigen Minuten erneut oder wenden Sie sich an Ihren Administrator.</translation>
    </message>
    <message>
        <source>The server address could not be found. Check the server URL for typing mistakes.</source>
        <translation>Die Serveradresse wurde nicht gefunden. Prüfen Sie die Server-URL auf Tippfehler.</translation>
    </message>
    <message>
        <source>There is no network connection. Check your connection; cached data stays available.</source>
        <translation>Es besteht keine Netzwerkverbindung. Prüfen Sie Ihre Verbindung; zwischengespeicherte Daten bleiben verfügbar.</translation>
    </message>
    <message>
        <source>The server took too long to answer. Check your connection and try again (F5).</source>
        <translation>Der Server hat zu lange nicht geantwortet. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut (F5).</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified, so the connection was not made (%1). If this is your organization&apos;s own server, ask your administrator for its CA certificate and choose it under &quot;Trust CA file&quot; when signing in.</source>
        <translation>Das Zertifikat des Servers konnte nicht überprüft werden, daher wurde keine Verbindung hergestellt (%1). Wenn es sich um einen eigenen Server Ihrer Organisation handelt, bitten Sie Ihren Administrator um das CA-Zertifikat und wählen Sie es bei der Anmeldung unter „CA-Datei vertrauen“ aus.</translation>
    </message>
    <message>
        <source>The e-mail address or password is wrong. Check both and try again.</source>
        <translation>Die E-Mail-Adresse oder das Passwort ist falsch. Prüfen Sie beides und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your role does not allow this. Ask an owner or admin of your organization if you need it.</source>
        <translation>Ihre Rolle erlaubt diese Aktion nicht. Wenden Sie sich an einen Inhaber oder Admin Ihrer Organisation, falls Sie sie benötigen.</translation>
    </message>
    <message>
        <source>The server does not know this item, or you have no access to it.</source>
        <translation>Der Server kennt diesen Eintrag nicht, oder Sie haben keinen Zugriff darauf.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Zu viele Versuche. Warten Sie %n Sekunde und versuchen Sie es dann erneut.</numerusform>
            <numerusform>Zu viele Versuche. Warten Sie %n Sekunden und versuchen Sie es dann erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many attempts. Wait a few minutes and try again.</source>
        <translation>Zu viele Versuche. Warten Sie einige Minuten und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1). The console keeps showing cached data; try again later, and tell your administrator if it persists.</source>
        <translation>Auf dem Server ist ein Problem aufgetreten (HTTP %1). Die Konsole zeigt weiterhin die zwischengespeicherten Daten an; versuchen Sie es später erneut und informieren Sie Ihren Administrator, falls das Problem bestehen bleibt.</translation>
    </message>
    <message>
        <source>The server sent an answer the console cannot read. Nothing was changed in the local data. Check that the server URL points at a CreditDesk server.</source>
        <translation>Der Server hat eine Antwort gesendet, die die Konsole nicht lesen kann. Die lokalen Daten wurden nicht verändert. Prüfen Sie, ob die Server-URL auf einen CreditDesk-Server verweist.</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>Der Server hat die Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The server is not answering; it may be stopped or restarting.</source>
        <translation>Der Server antwortet nicht; möglicherweise ist er angehalten oder wird gerade neu gestartet.</translation>
    </message>
    <message>
        <source>The server address could not be found.</source>
        <translation>Die Serveradresse wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>There is no network connection.</source>
        <translation>Es besteht keine Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation>Der Server hat zu lange nicht geantwortet.</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1).</source>
        <translation>Auf dem Server ist ein Problem aufgetreten (HTTP %1).</translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The server speaks plain HTTP, not HTTPS; use http://… in the server address (or ask your administrator to set up HTTPS).</source>
        <translation>Der Server spricht unverschlüsseltes HTTP, nicht HTTPS; verwenden Sie http://… in der Serveradresse (oder bitten Sie Ihren Administrator, HTTPS einzurichten).</translation>
    </message>
    <message>
        <source>The server only accepts encrypted connections (TLS); use https://… in the server address.</source>
        <translation>Der Server nimmt nur verschlüsselte Verbindungen (TLS) an; verwenden Sie https://… in der Serveradresse.</translation>
    </message>
    <message>
        <source>The server does not support this request (HTTP 501). It may be an older CreditDesk version; ask your administrator to update it.</source>
        <translation>Der Server unterstützt diese Anfrage nicht (HTTP 501). Möglicherweise ist es eine ältere CreditDesk-Version; bitten Sie Ihren Administrator, sie zu aktualisieren.</translation>
    </message>
    <message>
        <source>The address answers, but it is not a CreditDesk server (no CreditDesk API at %1). Check the server URL.</source>
        <translation>Unter dieser Adresse antwortet ein Server, aber es ist kein CreditDesk-Server (keine CreditDesk-API unter %1). Prüfen Sie die Server-URL.</translation>
    </message>
</context>
<context>
    <name>Credits</name>
    <message>
        <source>%1 (%2 credit)</source>
        <translation>%1 (%2 Credit)</translation>
    </message>
    <message>
        <source>%1 (%2 credits)</source>
        <translation>%1 (%2 Credits)</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <source>The local cache could not be read.</source>
        <translation>Der lokale Cache konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Leitung</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Finanzen</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
</context>
<context>
    <name>TransactionColumns</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Saldo danach</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Reference / note</source>
        <translation>Referenz / Notiz</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Benutzer Nr. %1</translation>
    </message>
    <message>
        <source>API token #%1</source>
        <translation>API-Token Nr. %1</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
</context>
<context>
    <name>TransactionKind</name>
    <message>
        <source>Allocation</source>
        <translation>Zuteilung</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>Abbuchung</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Verfall</translation>
    </message>
</context>
<context>
    <name>creditdesk::ActivityPane</name>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Aktionsfilter</translation>
    </message>
    <message>
        <source>Actor filter</source>
        <translation>Akteursfilter</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln activity entry(s) to %1</source>
        <translation>
            <numerusform>%Ln Aktivitätseintrag nach %1 exportiert</numerusform>
            <numerusform>%Ln Aktivitätseinträge nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>All actors</source>
        <translation>Alle Akteure</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>API token created</source>
        <translation>API-Token erstellt</translation>
    </message>
    <message>
        <source>API token revoked</source>
        <translation>API-Token widerrufen</translation>
    </message>
    <message>
        <source>Credits allocated</source>
        <translation>Credits zugeteilt</translation>
    </message>
    <message>
        <source>Credits deducted</source>
        <translation>Credits abgebucht</translation>
    </message>
    <message>
        <source>Credits expired</source>
        <translation>Credits verfallen</translation>
    </message>
    <message>
        <source>Credits refunded</source>
        <translation>Credits erstattet</translation>
    </message>
    <message>
        <source>Credits reserved</source>
        <translation>Credits reserviert</translation>
    </message>
    <message>
        <source>Reservation released</source>
        <translation>Reservierung freigegeben</translation>
    </message>
    <message>
        <source>Reservation settled</source>
        <translation>Reservierung abgerechnet</translation>
    </message>
    <message>
        <source>Department created</source>
        <translation>Abteilung angelegt</translation>
    </message>
    <message>
        <source>Department renamed</source>
        <translation>Abteilung umbenannt</translation>
    </message>
    <message>
        <source>Member added</source>
        <translation>Mitglied hinzugefügt</translation>
    </message>
    <message>
        <source>Member changed</source>
        <translation>Mitglied geändert</translation>
    </message>
    <message>
        <source>Member removed</source>
        <translation>Mitglied entfernt</translation>
    </message>
    <message>
        <source>Member&apos;s role changed</source>
        <translation>Rolle eines Mitglieds geändert</translation>
    </message>
    <message>
        <source>Organization created</source>
        <translation>Organisation angelegt</translation>
    </message>
    <message>
        <source>Billing terms changed</source>
        <translation>Abrechnungsbedingungen geändert</translation>
    </message>
    <message>
        <source>Price added</source>
        <translation>Preis hinzugefügt</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>Preis geändert</translation>
    </message>
    <message>
        <source>Prices imported</source>
        <translation>Preise importiert</translation>
    </message>
    <message>
        <source>Rate card changed</source>
        <translation>Tarifkarte geändert</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Usage recorded</source>
        <translation>Nutzung erfasst</translation>
    </message>
    <message>
        <source>User&apos;s billing terms changed</source>
        <translation>Abrechnungsbedingungen eines Benutzers geändert</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Rate card</source>
        <translation>Tarifkarte</translation>
    </message>
    <message>
        <source>Reservation</source>
        <translation>Reservierung</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <extracomment>A target of an audit entry: &quot;Member #5&quot; (%1 the kind of target, %2 its number)</extracomment>
        <translation>%1 Nr. %2</translation>
    </message>
    <message>
        <source>user #%1</source>
        <translation>Benutzer Nr. %1</translation>
    </message>
    <message>
        <source>API token #%1</source>
        <translation>API-Token Nr. %1</translation>
    </message>
    <message>
        <source>server job</source>
        <translation>Server-Job</translation>
    </message>
    <message>
        <source>Daily credits refreshed</source>
        <translation>Tägliche Credits aufgefrischt</translation>
    </message>
    <message>
        <source>Plan updated</source>
        <translation>Plan aktualisiert</translation>
    </message>
    <message>
        <source>Cancellation scheduled</source>
        <translation>Kündigung vorgemerkt</translation>
    </message>
    <message>
        <source>Subscription renewed</source>
        <translation>Abonnement verlängert</translation>
    </message>
    <message>
        <source>Subscription resumed</source>
        <translation>Abonnement fortgesetzt</translation>
    </message>
    <message>
        <source>Plan switched</source>
        <translation>Plan gewechselt</translation>
    </message>
    <message>
        <source>Test clock advanced</source>
        <translation>Testuhr vorgestellt</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
</context>
<context>
    <name>creditdesk::ApiClient</name>
    <message>
        <source>Cannot read the CA file %1: %2</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no certificate (PEM or DER expected).</source>
        <translation>%1 enthält kein Zertifikat (PEM oder DER erwartet).</translation>
    </message>
</context>
<context>
    <name>creditdesk::Application</name>
    <message>
        <source>No keychain service is available (%1). Your session is kept in memory only: you will be asked to sign in again next time.</source>
        <translation>Es ist kein Schlüsselbunddienst verfügbar (%1). Ihre Sitzung wird nur im Arbeitsspeicher gehalten: Beim nächsten Start müssen Sie sich erneut anmelden.</translation>
    </message>
    <message>
        <source>Demo mode: the password of every demo user is &quot;%1&quot;.</source>
        <translation>Demomodus: Das Passwort aller Demo-Benutzer lautet „%1“.</translation>
    </message>
</context>
<context>
    <name>creditdesk::ChartPanel</name>
    <message>
        <source>Credits used per day</source>
        <translation>Verbrauchte Credits pro Tag</translation>
    </message>
    <message>
        <source>Credits used</source>
        <translation>Verbrauchte Credits</translation>
    </message>
</context>
<context>
    <name>creditdesk::CollectionPane</name>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Number of matching entries</source>
        <translation>Anzahl passender Einträge</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export the filtered entries as CSV</source>
        <translation>Die gefilterten Einträge als CSV exportieren</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln Eintrag</numerusform>
            <numerusform>%Ln Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(s) to %1</source>
        <translation>
            <numerusform>%Ln Eintrag nach %1 exportiert</numerusform>
            <numerusform>%Ln Einträge nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::DashboardPane</name>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>No data yet: the first sync has not finished.</source>
        <translation>Noch keine Daten: Die erste Synchronisierung ist noch nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Reserved for running requests</source>
        <translation>Für laufende Anfragen reserviert</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Dieser Zeitraum</translation>
    </message>
    <message>
        <source>Share of this period&apos;s credits used</source>
        <translation>Anteil der in diesem Zeitraum verbrauchten Credits</translation>
    </message>
    <message>
        <source>Usage alert</source>
        <translation>Verbrauchswarnung</translation>
    </message>
    <message>
        <source>Burn rate:</source>
        <translation>Verbrauchsrate:</translation>
    </message>
    <message>
        <source>Credits run out:</source>
        <translation>Guthaben reicht bis:</translation>
    </message>
    <message>
        <source>Grants (spent in this order)</source>
        <translation>Gutschriften (in dieser Reihenfolge verbraucht)</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Gutschriften</translation>
    </message>
    <message>
        <source>Recent transactions</source>
        <translation>Letzte Transaktionen</translation>
    </message>
    <message>
        <source>%1 in dollars</source>
        <translation>%1 in Dollar</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 Credits</translation>
    </message>
    <message>
        <source>%1 of %2 credits used from %3 to %4 (%5%)</source>
        <translation>%1 von %2 Credits vom %3 bis %4 verbraucht (%5 %)</translation>
    </message>
    <message>
        <source>Usage is below the %1% warning threshold.</source>
        <translation>Der Verbrauch liegt unter der Warnschwelle von %1 %.</translation>
    </message>
    <message>
        <source>Warning: %1% of this period&apos;s credits are used (threshold %2%).</source>
        <translation>Warnung: %1 % der Credits dieses Zeitraums sind verbraucht (Schwelle %2 %).</translation>
    </message>
    <message>
        <source>Critical: %1% of this period&apos;s credits are used (threshold %2%). Add credits or reduce usage.</source>
        <translation>Kritisch: %1 % der Credits dieses Zeitraums sind verbraucht (Schwelle %2 %). Stocken Sie die Credits auf oder senken Sie den Verbrauch.</translation>
    </message>
    <message>
        <source>Not at the current rate</source>
        <translation>Bei aktuellem Verbrauch unbegrenzt</translation>
    </message>
    <message>
        <source>Metered usage this period</source>
        <translation>Gemessener Verbrauch in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Metered:</source>
        <translation>Gemessen:</translation>
    </message>
    <message>
        <source>No metered usage reported by the server</source>
        <translation>Vom Server wurde kein gemessener Verbrauch gemeldet</translation>
    </message>
    <message numerus="yes">
        <source>%1 credits per day (%2), average of the last %Ln day(s)</source>
        <translation>
            <numerusform>%1 Credits pro Tag (%2), Durchschnitt über den letzten %Ln Tag</numerusform>
            <numerusform>%1 Credits pro Tag (%2), Durchschnitt über die letzten %Ln Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No usage in the last %Ln day(s)</source>
        <translation>
            <numerusform>Kein Verbrauch seit %Ln Tag</numerusform>
            <numerusform>Kein Verbrauch seit %Ln Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s), %1 tokens, %2 credits this period</source>
        <translation>
            <numerusform>%Ln Anfrage, %1 Tokens, %2 Credits in diesem Zeitraum</numerusform>
            <numerusform>%Ln Anfragen, %1 Tokens, %2 Credits in diesem Zeitraum</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::DateRangeSelector</name>
    <message>
        <source>Date range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Enddatum</translation>
    </message>
</context>
<context>
    <name>creditdesk::GrantsModel</name>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Gutschrift</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Verbleibend</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Gewährt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Plan allowance</source>
        <translation>Tarifkontingent</translation>
    </message>
    <message>
        <source>Daily refresh</source>
        <translation>Tägliche Auffüllung</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Korrektur</translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %Ln day(s))</source>
        <translation>
            <numerusform>%1 (in %Ln Tag)</numerusform>
            <numerusform>%1 (in %Ln Tagen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::LocalServer</name>
    <message>
        <source>The demo server stopped (exit code %1): %2</source>
        <translation>Der Demo-Server wurde beendet (Exit-Code %1): %2</translation>
    </message>
    <message>
        <source>creditdesk-server was not found. Build it (scripts/build) or set CREDITDESK_SERVER to its path.</source>
        <translation>creditdesk-server wurde nicht gefunden. Erstellen Sie ihn (scripts/build) oder setzen Sie CREDITDESK_SERVER auf seinen Pfad.</translation>
    </message>
    <message>
        <source>Preparing the demo data…</source>
        <translation>Demo-Daten werden vorbereitet…</translation>
    </message>
    <message>
        <source>Seeding the demo database failed: %1</source>
        <translation>Die Demo-Datenbank konnte nicht befüllt werden: %1</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Demo-Server wird gestartet…</translation>
    </message>
    <message>
        <source>The demo server stopped unexpectedly; restarting it…</source>
        <translation>Der Demo-Server wurde unerwartet beendet; er wird neu gestartet…</translation>
    </message>
    <message>
        <source>The demo server stopped unexpectedly again (exit code %1). Close and reopen the console to restart it.</source>
        <translation>Der Demo-Server wurde erneut unerwartet beendet (Exit-Code %1). Schließen Sie die Konsole und öffnen Sie sie wieder, um ihn neu zu starten.</translation>
    </message>
</context>
<context>
    <name>creditdesk::MainWindow</name>
    <message>
        <source>CreditDesk</source>
        <translation>CreditDesk</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Syncing… %1 new rows</source>
        <translation>Synchronisierung… %1 neue Zeilen</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisierung…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>De&amp;mo</translation>
    </message>
    <message>
        <source>View as &amp;admin</source>
        <translation>Mit Rolle „&amp;Admin“ ansehen</translation>
    </message>
    <message>
        <source>View as &amp;finance</source>
        <translation>Mit Rolle „&amp;Finanzen“ ansehen</translation>
    </message>
    <message>
        <source>View as &amp;member</source>
        <translation>Mit Rolle „&amp;Mitglied“ ansehen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About CreditDesk</source>
        <translation>Über &amp;CreditDesk</translation>
    </message>
    <message>
        <source>About CreditDesk</source>
        <translation>Über CreditDesk</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Angemeldet als</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Synchronisierungsfortschritt</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Zuletzt synchronisiert</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>CreditDesk (demo)</source>
        <translation>CreditDesk (Demo)</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>Rolle: %1</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Zuletzt synchronisiert: %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Offline (read-only)</source>
        <translation>○ Offline (schreibgeschützt)</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>am %1</translation>
    </message>
    <message>
        <source>so far</source>
        <translation>bisher</translation>
    </message>
    <message>
        <source>You are not signed in. Sign in to see your organization&apos;s credits and transactions.</source>
        <translation>Sie sind nicht angemeldet. Melden Sie sich an, um die Credits und Transaktionen Ihrer Organisation zu sehen.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>A&amp;nmelden…</translation>
    </message>
    <message>
        <source>&lt;b&gt;CreditDesk %1&lt;/b&gt;&lt;p&gt;Credits, usage and billing for AI platforms.&lt;/p&gt;&lt;p&gt;1 credit = $0.00004; $1 = 25,000 credits.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%2&quot;&gt;User guide&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;b&gt;CreditDesk %1&lt;/b&gt;&lt;p&gt;Credits, Verbrauch und Abrechnung für KI-Plattformen.&lt;/p&gt;&lt;p&gt;1 Credit = 0,00004 $; 1 $ = 25.000 Credits.&lt;/p&gt;&lt;p&gt;Lizenziert unter der Apache License 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%2&quot;&gt;Benutzerhandbuch&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>Offline: %1 Showing the data cached %2; it is read-only and catches up by itself when the server is back.</source>
        <translation>Offline: %1 Angezeigt werden die %2 zwischengespeicherten Daten; sie sind schreibgeschützt und werden automatisch aktualisiert, sobald der Server wieder erreichbar ist.</translation>
    </message>
</context>
<context>
    <name>creditdesk::Pane</name>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Transaktionen</translation>
    </message>
    <message>
        <source>Export transactions</source>
        <translation>Transaktionen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
</context>
<context>
    <name>creditdesk::SessionController</name>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Use the form https://billing.example.com.</source>
        <translation>„%1“ ist keine Serveradresse. Verwenden Sie das Format https://billing.example.com.</translation>
    </message>
    <message>
        <source>The local cache at %1 cannot be created. Check the disk space and folder permissions.</source>
        <translation>Der lokale Cache unter %1 kann nicht angelegt werden. Prüfen Sie den freien Speicherplatz und die Ordnerberechtigungen.</translation>
    </message>
</context>
<context>
    <name>creditdesk::SignInDialog</name>
    <message>
        <source>Sign in to CreditDesk</source>
        <translation>Bei CreditDesk anmelden</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer &amp;merken</translation>
    </message>
    <message>
        <source>Keeps the session in the system keychain, never in a file.</source>
        <translation>Speichert die Sitzung im Schlüsselbund des Systems, niemals in einer Datei.</translation>
    </message>
    <message>
        <source>Trusted CA certificate file</source>
        <translation>Vertrauenswürdige CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Only for a server with its own certificate authority</source>
        <translation>Nur für Server mit eigener Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose CA certificate file</source>
        <translation>CA-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Trust &amp;CA file:</source>
        <translation>&amp;CA-Datei vertrauen:</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Hinweis zur Anmeldung</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Trusted CA certificate</source>
        <translation>Vertrauenswürdiges CA-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Enter the server address, your e-mail address and your password.</source>
        <translation>Geben Sie die Serveradresse, Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
</context>
<context>
    <name>creditdesk::SyncEngine</name>
    <message>
        <source>cannot write the cache</source>
        <translation>Cache kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>creditdesk::TransactionsPane</name>
    <message>
        <source>All members</source>
        <translation>Alle Mitglieder</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Alle Abteilungen</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Transaktionen</translation>
    </message>
    <message>
        <source>Kind filter</source>
        <translation>Filter nach Art</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>Member filter</source>
        <translation>Filter nach Mitglied</translation>
    </message>
    <message>
        <source>Department filter</source>
        <translation>Filter nach Abteilung</translation>
    </message>
    <message>
        <source>Search reference, note or number</source>
        <translation>Referenz, Notiz oder Nummer suchen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export the filtered transactions as CSV</source>
        <translation>Gefilterte Transaktionen als CSV exportieren</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Transaction details</source>
        <translation>Transaktionsdetails</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Laufnummer</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Grant kind</source>
        <translation>Art der Gutschrift</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Saldo danach</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>Ausgeführt von</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Refund of</source>
        <translation>Erstattung für</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Reservierung</translation>
    </message>
    <message>
        <source>Number of matching transactions</source>
        <translation>Anzahl passender Transaktionen</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln transaction(s) to %1</source>
        <translation>
            <numerusform>%Ln Transaktion nach %1 exportiert</numerusform>
            <numerusform>%Ln Transaktionen nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln Transaktion</numerusform>
            <numerusform>%Ln Transaktionen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>CreditDesk console</source>
        <translation>CreditDesk-Konsole</translation>
    </message>
    <message>
        <source>Start a local demo server and sign in to it.</source>
        <translation>Einen lokalen Demo-Server starten und sich dort anmelden.</translation>
    </message>
    <message>
        <source>The creditdesk-server to run in demo mode.</source>
        <translation>Das im Demo-Modus auszuführende creditdesk-server-Programm.</translation>
    </message>
</context>
</TS>
