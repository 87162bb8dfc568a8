<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AlertText</name>
    <message>
        <source>Allowance used</source>
        <translation>Kontingent verbraucht</translation>
    </message>
    <message>
        <source>Low balance</source>
        <translation>Niedriges Guthaben</translation>
    </message>
    <message>
        <source>Credits expiring</source>
        <translation>Ablaufende Credits</translation>
    </message>
    <message>
        <source>Department budget</source>
        <translation>Abteilungsbudget</translation>
    </message>
    <message>
        <source>Member limit</source>
        <translation>Mitgliederlimit</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>A percentage: &quot;80 %&quot; (%1 the number)</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 Credits</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Alert fired</source>
        <translation>Alarm ausgelöst</translation>
    </message>
    <message>
        <source>Subscription changed</source>
        <translation>Abonnement geändert</translation>
    </message>
    <message>
        <source>Coupon redeemed</source>
        <translation>Gutschein eingelöst</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Auto-recharge failed</source>
        <translation>Automatisches Aufladen fehlgeschlagen</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Zahlung fehlgeschlagen</translation>
    </message>
    <message>
        <source>No payment method</source>
        <translation>Keine Zahlungsmethode</translation>
    </message>
    <message>
        <source>Upcoming renewal</source>
        <translation>Anstehende Verlängerung</translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s)</source>
        <translation>
            <numerusform>%n fehlgeschlagener Versuch</numerusform>
            <numerusform>%n fehlgeschlagene Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>Payment method missing</source>
        <translation>Zahlungsmethode fehlt</translation>
    </message>
</context>
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
    <name>OrgText</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Eingeladen</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>a period</source>
        <translation>pro Abrechnungszeitraum</translation>
    </message>
    <message>
        <source>in total</source>
        <translation>insgesamt</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>hart</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>weich</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Kein Budget</translation>
    </message>
    <message>
        <source>%1 credits %2, %3</source>
        <extracomment>%1 credits, %2 &quot;a period&quot; or &quot;in total&quot;, %3 &quot;hard&quot; or &quot;soft&quot;</extracomment>
        <translation>%1 Credits %2, %3</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
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
    <name>creditdesk::AcceptInvitationDialog</name>
    <message>
        <source>Accept an invitation</source>
        <translation>Einladung annehmen</translation>
    </message>
    <message>
        <source>Enter the invitation code you were sent. You join the organization with the account you are signed in with.</source>
        <translation>Geben Sie den Einladungscode ein, den Sie erhalten haben. Sie treten der Organisation mit dem Konto bei, mit dem Sie angemeldet sind.</translation>
    </message>
    <message>
        <source>Enter the invitation code you were sent and choose your name and password. If you already have an account, sign in first and accept the invitation from the File menu.</source>
        <translation>Geben Sie den Einladungscode ein, den Sie erhalten haben, und wählen Sie Ihren Namen und Ihr Passwort. Wenn Sie schon ein Konto haben, melden Sie sich zuerst an und nehmen Sie die Einladung im Menü Datei an.</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>Invitation &amp;code:</source>
        <translation>Einladungs&amp;code:</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>&amp;Accept invitation</source>
        <translation>Einladung &amp;annehmen</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Das Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Die Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>Wird angenommen …</translation>
    </message>
    <message>
        <source>This invitation code is unknown, already used, revoked or expired. Ask for a new invitation.</source>
        <translation>Dieser Einladungscode ist unbekannt, schon benutzt, widerrufen oder abgelaufen. Bitten Sie um eine neue Einladung.</translation>
    </message>
    <message>
        <source>This invitation is for another account. Sign in as the invited person.</source>
        <translation>Diese Einladung gilt für ein anderes Konto. Melden Sie sich als die eingeladene Person an.</translation>
    </message>
    <message>
        <source>This e-mail address already has an account. Sign in first, then accept the invitation from the File menu.</source>
        <translation>Für diese E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich zuerst an und nehmen Sie die Einladung dann im Menü Datei an.</translation>
    </message>
</context>
<context>
    <name>creditdesk::ActiveAlertsBanner</name>
    <message>
        <source>Active alerts</source>
        <translation>Aktive Alarme</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>One active alert on the dashboard: &quot;Critical: Allowance 96 % used&quot; (%1 level, %2 message)</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n active alert(s)</source>
        <translation>
            <numerusform>%n aktiver Alarm</numerusform>
            <numerusform>%n aktive Alarme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the newest %n shown; all on the Alerts pane)</source>
        <translation>
            <numerusform>(der neueste %n angezeigt; alle im Bereich Alarme)</numerusform>
            <numerusform>(die neuesten %n angezeigt; alle im Bereich Alarme)</numerusform>
        </translation>
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
    <message>
        <source>Invoice marked paid</source>
        <translation>Rechnung als bezahlt markiert</translation>
    </message>
    <message>
        <source>Invoice voided</source>
        <translation>Rechnung storniert</translation>
    </message>
    <message>
        <source>Invoices issued</source>
        <translation>Rechnungen ausgestellt</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertFeed</name>
    <message>
        <source>Fired alerts</source>
        <translation>Ausgelöste Alarme</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>%1 (threshold %2)</source>
        <extracomment>The value that crossed a threshold: &quot;85 % (threshold 80 %)&quot;</extracomment>
        <translation>%1 (Schwelle %2)</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>user #%1</source>
        <translation>Benutzer #%1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>Who acknowledged an alert and when: &quot;Ada Lovelace, 3/10/26 12:00&quot;</extracomment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <source>Level filter</source>
        <translation>Stufenfilter</translation>
    </message>
    <message>
        <source>All alerts</source>
        <translation>Alle Alarme</translation>
    </message>
    <message>
        <source>Alert filter</source>
        <translation>Alarmfilter</translation>
    </message>
    <message numerus="yes">
        <source>%Ln alert(s)</source>
        <translation>
            <numerusform>%Ln Alarm</numerusform>
            <numerusform>%Ln Alarme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln alert(s) to %1</source>
        <translation>
            <numerusform>%Ln Alarm nach %1 exportiert</numerusform>
            <numerusform>%Ln Alarme nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertRulesModel</name>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>Eingebaut</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertsPane</name>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alarme</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Regeln</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
    <message>
        <source>A&amp;cknowledge</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Acknowledge the selected alert</source>
        <translation>Den ausgewählten Alarm bestätigen</translation>
    </message>
    <message>
        <source>A rule fires once when its threshold is crossed and again only after the condition has cleared. Built-in rules can be turned off but not deleted.</source>
        <translation>Eine Regel löst einmal aus, wenn ihre Schwelle überschritten wird, und erst wieder, nachdem die Bedingung entfallen ist. Eingebaute Regeln lassen sich abschalten, aber nicht löschen.</translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation>Alarmregeln</translation>
    </message>
    <message>
        <source>Kind of the new rule</source>
        <translation>Art der neuen Regel</translation>
    </message>
    <message>
        <source>Level of the new rule</source>
        <translation>Stufe der neuen Regel</translation>
    </message>
    <message>
        <source>Threshold of the new rule</source>
        <translation>Schwelle der neuen Regel</translation>
    </message>
    <message>
        <source>Add &amp;rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Delete rule</source>
        <translation>Regel &amp;löschen</translation>
    </message>
    <message>
        <source>New rule:</source>
        <translation>Neue Regel:</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>Prozent</translation>
    </message>
    <message>
        <source>credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Rule saved: %1, %2</source>
        <translation>Regel gespeichert: %1, %2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>How you are told about each kind of alert. These are your own settings; e-mail goes to the address you sign in with.</source>
        <translation>Wie Sie über jede Art von Alarm informiert werden. Dies sind Ihre eigenen Einstellungen; E-Mails gehen an die Adresse, mit der Sie sich anmelden.</translation>
    </message>
    <message>
        <source>Notification preferences</source>
        <translation>Benachrichtigungseinstellungen</translation>
    </message>
    <message>
        <source>&amp;Save preferences</source>
        <translation>Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>Add &amp;endpoint…</source>
        <translation>&amp;Endpunkt hinzufügen…</translation>
    </message>
    <message>
        <source>Delete e&amp;ndpoint</source>
        <translation>E&amp;ndpunkt löschen</translation>
    </message>
    <message>
        <source>Webhook endpoints</source>
        <translation>Webhook-Endpunkte</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>Select an endpoint to see its deliveries.</source>
        <translation>Wählen Sie einen Endpunkt, um seine Zustellungen zu sehen.</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Webhook-Zustellungen</translation>
    </message>
    <message>
        <source>The server cannot be reached. Showing what it said at %1.</source>
        <translation>Der Server ist nicht erreichbar. Angezeigt wird sein Stand von %1.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Rules, preferences and webhooks appear when it is back; the alerts below are from the cache.</source>
        <translation>Der Server ist nicht erreichbar. Regeln, Einstellungen und Webhooks erscheinen, sobald er wieder da ist; die Alarme unten stammen aus dem Cache.</translation>
    </message>
    <message>
        <source>Built-in rules can be turned off, not deleted.</source>
        <translation>Eingebaute Regeln lassen sich abschalten, nicht löschen.</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Alarm bestätigt.</translation>
    </message>
    <message>
        <source>Rule added: %1 at %2</source>
        <translation>Regel hinzugefügt: %1 bei %2</translation>
    </message>
    <message>
        <source>Rule deleted.</source>
        <translation>Regel gelöscht.</translation>
    </message>
    <message>
        <source>Notification preferences saved.</source>
        <translation>Benachrichtigungseinstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Webhook endpoint added.</source>
        <translation>Webhook-Endpunkt hinzugefügt.</translation>
    </message>
    <message>
        <source>Webhook endpoint deleted.</source>
        <translation>Webhook-Endpunkt gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s) to %1</source>
        <translation>
            <numerusform>%n Zustellung an %1</numerusform>
            <numerusform>%n Zustellungen an %1</numerusform>
        </translation>
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
    <message>
        <source>Enter the server address first.</source>
        <translation>Geben Sie zuerst die Serveradresse ein.</translation>
    </message>
    <message>
        <source>Welcome, %1. Sign in with the password you chose.</source>
        <translation>Willkommen, %1. Melden Sie sich mit dem gewählten Passwort an.</translation>
    </message>
    <message>
        <source>%1 alert: %2</source>
        <translation>%1 – Alarm: %2</translation>
    </message>
</context>
<context>
    <name>creditdesk::AutoRechargeDialog</name>
    <message>
        <source>Buy credits automatically when they run low</source>
        <translation>Credits automatisch kaufen, wenn sie knapp werden</translation>
    </message>
    <message>
        <source>Auto-recharge</source>
        <translation>Automatisches Aufladen</translation>
    </message>
    <message>
        <source>Threshold in credits</source>
        <translation>Schwelle in Credits</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>When available credits fall below:</source>
        <translation>Wenn die verfügbaren Credits fallen unter:</translation>
    </message>
    <message>
        <source>Buy:</source>
        <translation>Kaufen:</translation>
    </message>
    <message>
        <source>One purchase at a time, paid by the card on file. Repeated failures turn auto-recharge off and raise an alert.</source>
        <translation>Jeweils ein Kauf, bezahlt mit der hinterlegten Karte. Wiederholte Fehlschläge schalten das automatische Aufladen ab und lösen eine Warnung aus.</translation>
    </message>
</context>
<context>
    <name>creditdesk::BillingProfileDialog</name>
    <message>
        <source>Tax exempt</source>
        <translation>Steuerbefreit</translation>
    </message>
    <message>
        <source>Billing profile</source>
        <translation>Rechnungsprofil</translation>
    </message>
    <message>
        <source>two letters, e.g. DE</source>
        <translation>zwei Buchstaben, z. B. DE</translation>
    </message>
    <message>
        <source>Legal name:</source>
        <translation>Firmenname:</translation>
    </message>
    <message>
        <source>Invoice e-mail:</source>
        <translation>E-Mail für Rechnungen:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Address line 2:</source>
        <translation>Adresszeile 2:</translation>
    </message>
    <message>
        <source>Postal code:</source>
        <translation>Postleitzahl:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>Land:</translation>
    </message>
    <message>
        <source>Tax ID:</source>
        <translation>Steuernummer:</translation>
    </message>
    <message>
        <source>Exemption reason:</source>
        <translation>Grund der Befreiung:</translation>
    </message>
    <message>
        <source>Only the operator can change a tax exemption.</source>
        <translation>Nur der Betreiber kann eine Steuerbefreiung ändern.</translation>
    </message>
</context>
<context>
    <name>creditdesk::BillingText</name>
    <message>
        <source>Basic chatflows</source>
        <translation>Einfache Chatflows</translation>
    </message>
    <message>
        <source>All chatflows</source>
        <translation>Alle Chatflows</translation>
    </message>
    <message>
        <source>Priority support</source>
        <translation>Bevorzugter Support</translation>
    </message>
    <message>
        <source>Team features</source>
        <translation>Team-Funktionen</translation>
    </message>
    <message>
        <source>Custom roles</source>
        <translation>Eigene Rollen</translation>
    </message>
    <message>
        <source>Free models only</source>
        <translation>Nur kostenlose Modelle</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <source>Platform credits</source>
        <translation>Plattform-Credits</translation>
    </message>
    <message>
        <source>Your own provider keys (BYOK)</source>
        <translation>Eigene Anbieter-Schlüssel (BYOK)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>Testphase</translation>
    </message>
    <message>
        <source>Payment overdue</source>
        <translation>Zahlung überfällig</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Gekündigt</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Kostenlos</translation>
    </message>
    <message>
        <source>%1 / month</source>
        <translation>%1 / Monat</translation>
    </message>
    <message>
        <source>%1 / year</source>
        <translation>%1 / Jahr</translation>
    </message>
    <message numerus="yes">
        <source>%1 credit(s) (%2)</source>
        <translation>
            <numerusform>%1 Credit (%2)</numerusform>
            <numerusform>%1 Credits (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 off for %n more billing period(s) (coupon %2)</source>
        <translation>
            <numerusform>%1 Rabatt für %n weiteren Abrechnungszeitraum (Gutschein %2)</numerusform>
            <numerusform>%1 Rabatt für %n weitere Abrechnungszeiträume (Gutschein %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No fee for %n more billing period(s) (coupon %1)</source>
        <translation>
            <numerusform>Keine Gebühr für %n weiteren Abrechnungszeitraum (Gutschein %1)</numerusform>
            <numerusform>Keine Gebühr für %n weitere Abrechnungszeiträume (Gutschein %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Started on %1</source>
        <translation>Begonnen mit %1</translation>
    </message>
    <message>
        <source>Upgraded from %1 to %2</source>
        <translation>Von %1 auf %2 hochgestuft</translation>
    </message>
    <message>
        <source>Change from %1 to %2 scheduled for the end of the period</source>
        <translation>Wechsel von %1 zu %2 zum Ende des Zeitraums geplant</translation>
    </message>
    <message>
        <source>Changed from %1 to %2</source>
        <translation>Von %1 zu %2 gewechselt</translation>
    </message>
    <message>
        <source>Scheduled change canceled, staying on %1</source>
        <translation>Geplanter Wechsel verworfen, bleibt bei %1</translation>
    </message>
    <message>
        <source>Trial of %1 started</source>
        <translation>Testphase von %1 begonnen</translation>
    </message>
    <message>
        <source>Trial of %1 ended</source>
        <translation>Testphase von %1 beendet</translation>
    </message>
    <message>
        <source>Renewed on %1</source>
        <translation>Verlängert mit %1</translation>
    </message>
    <message>
        <source>Cancellation of %1 scheduled for the end of the period</source>
        <translation>Kündigung von %1 zum Ende des Zeitraums vorgemerkt</translation>
    </message>
    <message>
        <source>%1 canceled, now on %2</source>
        <translation>%1 gekündigt, jetzt %2</translation>
    </message>
    <message>
        <source>%1 resumed: renews at the end of the period</source>
        <translation>%1 fortgesetzt: verlängert sich zum Ende des Zeitraums</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Benutzer Nr. %1</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>API token #%1</source>
        <translation>API-Token Nr. %1</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Bonus credits</source>
        <translation>Bonus-Credits</translation>
    </message>
    <message>
        <source>Percent off</source>
        <translation>Prozentrabatt</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Betragsrabatt</translation>
    </message>
    <message>
        <source>Free period</source>
        <translation>Kostenloser Zeitraum</translation>
    </message>
    <message>
        <source>%1 added to the balance, usable until %2</source>
        <translation>%1, dem Guthaben gutgeschrieben, nutzbar bis %2</translation>
    </message>
    <message>
        <source>%1 added to the balance</source>
        <translation>%1, dem Guthaben gutgeschrieben</translation>
    </message>
    <message numerus="yes">
        <source>%1 off for %n billing period(s)</source>
        <translation>
            <numerusform>%1 Rabatt für %n Abrechnungszeitraum</numerusform>
            <numerusform>%1 Rabatt für %n Abrechnungszeiträume</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n free billing period(s)</source>
        <translation>
            <numerusform>%n kostenloser Abrechnungszeitraum</numerusform>
            <numerusform>%n kostenlose Abrechnungszeiträume</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n free billing period(s) of the %1 plan</source>
        <translation>
            <numerusform>%n kostenloser Abrechnungszeitraum im Tarif %1</numerusform>
            <numerusform>%n kostenlose Abrechnungszeiträume im Tarif %1</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no coupon with this code. Check the spelling.</source>
        <translation>Es gibt keinen Gutschein mit diesem Code. Prüfen Sie die Schreibweise.</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>Dieser Gutschein ist abgelaufen.</translation>
    </message>
    <message>
        <source>This coupon has been used up: it was redeemed as often as it may be.</source>
        <translation>Dieser Gutschein ist aufgebraucht: Er wurde so oft eingelöst wie erlaubt.</translation>
    </message>
    <message>
        <source>This account has already redeemed this coupon.</source>
        <translation>Dieses Konto hat diesen Gutschein bereits eingelöst.</translation>
    </message>
    <message>
        <source>This coupon does not apply to this account&apos;s plan.</source>
        <translation>Dieser Gutschein gilt nicht für den Tarif dieses Kontos.</translation>
    </message>
    <message>
        <source>This coupon is no longer active.</source>
        <translation>Dieser Gutschein ist nicht mehr aktiv.</translation>
    </message>
    <message>
        <source>The subscription already has a coupon discount; a second one cannot be added while it runs.</source>
        <translation>Das Abonnement hat bereits einen Gutscheinrabatt; solange er läuft, kann kein zweiter hinzukommen.</translation>
    </message>
    <message>
        <source>This coupon cannot be redeemed (%1).</source>
        <translation>Dieser Gutschein kann nicht eingelöst werden (%1).</translation>
    </message>
    <message>
        <source>%1 (no limit)</source>
        <translation>%1 (unbegrenzt)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>creditdesk::BudgetDialog</name>
    <message>
        <source>Budget of %1</source>
        <translation>Budget von %1</translation>
    </message>
    <message>
        <source>Spending limit of %1</source>
        <translation>Ausgabenlimit von %1</translation>
    </message>
    <message>
        <source>Ask for a budget for %1</source>
        <translation>Budget für %1 beantragen</translation>
    </message>
    <message>
        <source>Ask for the budget your department needs (the whole budget, not an increase). An owner or admin decides.</source>
        <translation>Beantragen Sie das Budget, das Ihre Abteilung braucht (das ganze Budget, nicht die Erhöhung). Ein Inhaber oder Admin entscheidet.</translation>
    </message>
    <message>
        <source>A budget caps what may be spent from the organization&apos;s credits. It never adds or moves credits. Hard budgets refuse spending beyond them; soft ones allow it and record it.</source>
        <translation>Ein Budget begrenzt, was von den Credits der Organisation ausgegeben werden darf. Es fügt nie Credits hinzu und verschiebt keine. Harte Budgets lehnen Ausgaben darüber ab; weiche erlauben sie und vermerken sie.</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>&amp;Credits:</source>
        <translation>&amp;Credits:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Each billing period</source>
        <translation>Je Abrechnungszeitraum</translation>
    </message>
    <message>
        <source>In total</source>
        <translation>Insgesamt</translation>
    </message>
    <message>
        <source>Enforcement</source>
        <translation>Durchsetzung</translation>
    </message>
    <message>
        <source>Hard: refuse spending beyond it</source>
        <translation>Hart: Ausgaben darüber ablehnen</translation>
    </message>
    <message>
        <source>Soft: allow and record it</source>
        <translation>Weich: erlauben und vermerken</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Enforcement:</source>
        <translation>&amp;Durchsetzung:</translation>
    </message>
    <message>
        <source>&amp;Send request</source>
        <translation>Antrag &amp;senden</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>&amp;Remove limit</source>
        <translation>Limit &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Remove budget</source>
        <translation>Budget &amp;entfernen</translation>
    </message>
    <message>
        <source>Enter a whole number of credits.</source>
        <translation>Geben Sie eine ganze Zahl von Credits ein.</translation>
    </message>
</context>
<context>
    <name>creditdesk::BudgetHistoryModel</name>
    <message>
        <source>Member limit: %1</source>
        <translation>Mitgliederlimit: %1</translation>
    </message>
    <message>
        <source>member #%1</source>
        <translation>Mitglied #%1</translation>
    </message>
    <message>
        <source>Department budget: %1</source>
        <translation>Abteilungsbudget: %1</translation>
    </message>
    <message>
        <source>department #%1</source>
        <translation>Abteilung #%1</translation>
    </message>
    <message>
        <source>Request #%1</source>
        <translation>Antrag #%1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Geändert von</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>creditdesk::BudgetRequestsModel</name>
    <message>
        <source>Asked by %1; decided %2%3</source>
        <translation>Beantragt von %1; entschieden %2%3</translation>
    </message>
    <message>
        <source>Department #%1</source>
        <translation>Abteilung #%1</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Beantragt</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Budget asked for</source>
        <translation>Beantragtes Budget</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>creditdesk::BuyCreditsDialog</name>
    <message>
        <source>Buy credits</source>
        <translation>Credits kaufen</translation>
    </message>
    <message>
        <source>Credit packs</source>
        <translation>Credit-Pakete</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Card on file</source>
        <translation>Hinterlegte Karte</translation>
    </message>
    <message>
        <source>On invoice (net 30)</source>
        <translation>Auf Rechnung (30 Tage netto)</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Kaufen</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>Zahlung:</translation>
    </message>
    <message>
        <source>Bigger packs come with more bonus credits. Purchased credits are added when the payment succeeds.</source>
        <translation>Größere Pakete enthalten mehr Bonus-Credits. Gekaufte Credits werden gutgeschrieben, sobald die Zahlung gelingt.</translation>
    </message>
    <message>
        <source>%1 credits (incl. %2 bonus) for %3</source>
        <extracomment>A credit pack: &quot;1,300,000 credits (incl. 50,000 bonus) for $50.00&quot;</extracomment>
        <translation>%1 Credits (inkl. %2 Bonus) für %3</translation>
    </message>
    <message>
        <source>%1 credits for %2</source>
        <translation>%1 Credits für %2</translation>
    </message>
    <message>
        <source>There is no card on file. Add one with &quot;Manage payment methods&quot; first.</source>
        <translation>Es ist keine Karte hinterlegt. Fügen Sie zuerst eine über „Zahlungsmethoden verwalten“ hinzu.</translation>
    </message>
    <message>
        <source>%1 (Enterprise)</source>
        <extracomment>The bulk pack that only accounts on the Enterprise plan may buy</extracomment>
        <translation>%1 (Enterprise)</translation>
    </message>
</context>
<context>
    <name>creditdesk::BuySeatsDialog</name>
    <message>
        <source>Seats</source>
        <translation>Plätze</translation>
    </message>
    <message>
        <source>Your plan includes %1 seats; %2 are bought on top. %3 are in use (members and pending invitations).</source>
        <translation>Ihr Tarif enthält %1 Plätze; %2 sind zusätzlich gekauft. %3 sind belegt (Mitglieder und offene Einladungen).</translation>
    </message>
    <message>
        <source>Bought seats</source>
        <translation>Gekaufte Plätze</translation>
    </message>
    <message>
        <source>&amp;Bought seats:</source>
        <translation>&amp;Gekaufte Plätze:</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>No change.</source>
        <translation>Keine Änderung.</translation>
    </message>
    <message numerus="yes">
        <source>%n more seat(s) from now on, %1 in total.</source>
        <translation>
            <numerusform>%n weiterer Platz ab sofort, %1 insgesamt.</numerusform>
            <numerusform>%n weitere Plätze ab sofort, %1 insgesamt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Estimated charge now: %1 (%2 a seat, prorated for the %n day(s) left of this period). The server computes the exact amount.</source>
        <translation>
            <numerusform>Geschätzte Belastung jetzt: %1 (%2 pro Platz, anteilig für den %n verbleibenden Tag dieses Zeitraums). Den genauen Betrag berechnet der Server.</numerusform>
            <numerusform>Geschätzte Belastung jetzt: %1 (%2 pro Platz, anteilig für die %n verbleibenden Tage dieses Zeitraums). Den genauen Betrag berechnet der Server.</numerusform>
        </translation>
    </message>
    <message>
        <source>Charged now for the rest of the period at %1 a seat.</source>
        <translation>Jetzt für den Rest des Zeitraums mit %1 pro Platz berechnet.</translation>
    </message>
    <message>
        <source>%1 seats are in use: remove members or revoke invitations first.</source>
        <translation>%1 Plätze sind belegt: Entfernen Sie zuerst Mitglieder oder widerrufen Sie Einladungen.</translation>
    </message>
    <message numerus="yes">
        <source>%n fewer seat(s) from the end of this period (%1), %2 in total. Nothing is refunded.</source>
        <translation>
            <numerusform>%n Platz weniger ab dem Ende dieses Zeitraums (%1), %2 insgesamt. Nichts wird erstattet.</numerusform>
            <numerusform>%n Plätze weniger ab dem Ende dieses Zeitraums (%1), %2 insgesamt. Nichts wird erstattet.</numerusform>
        </translation>
    </message>
    <message>
        <source>the period&apos;s end</source>
        <translation>Ende des Zeitraums</translation>
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
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation>%1 (%2 %)</translation>
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
    <name>creditdesk::CouponRedemptionsModel</name>
    <message>
        <source>Organization #%1</source>
        <translation>Organisation Nr. %1</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Benutzer Nr. %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Gave</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>creditdesk::CouponTableModel</name>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>Aufgebraucht</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Gives</source>
        <translation>Gewährt</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Einlösungen</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>creditdesk::CouponsPane</name>
    <message>
        <source>Coupons</source>
        <translation>Gutscheine</translation>
    </message>
    <message>
        <source>New coupon…</source>
        <translation>Neuer Gutschein…</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>Deaktivieren…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Number of coupons</source>
        <translation>Anzahl der Gutscheine</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Einlösungen</translation>
    </message>
    <message>
        <source>This server does not offer coupons yet: it has no coupon requests (%1).</source>
        <translation>Dieser Server bietet noch keine Gutscheine an: Er kennt keine Gutschein-Anfragen (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%n coupon(s)</source>
        <translation>
            <numerusform>%n Gutschein</numerusform>
            <numerusform>%n Gutscheine</numerusform>
        </translation>
    </message>
    <message>
        <source>Redemptions of %1</source>
        <translation>Einlösungen von %1</translation>
    </message>
    <message>
        <source>Coupon %1 created.</source>
        <translation>Gutschein %1 angelegt.</translation>
    </message>
    <message>
        <source>Deactivate coupon</source>
        <translation>Gutschein deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate %1? It can no longer be redeemed; what was redeemed stays.</source>
        <translation>%1 deaktivieren? Er kann dann nicht mehr eingelöst werden; bereits Eingelöstes bleibt.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Coupon %1 deactivated.</source>
        <translation>Gutschein %1 deaktiviert.</translation>
    </message>
</context>
<context>
    <name>creditdesk::CreateCouponDialog</name>
    <message>
        <source>New coupon</source>
        <translation>Neuer Gutschein</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Letters, digits, - and _</source>
        <translation>Buchstaben, Ziffern, - und _</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>e.g. 25000 ($1.00)</source>
        <translation>z. B. 25000 ($1,00)</translation>
    </message>
    <message>
        <source>C&amp;redits:</source>
        <translation>C&amp;redits:</translation>
    </message>
    <message>
        <source>Credits expire after days</source>
        <translation>Credits verfallen nach Tagen</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Credits e&amp;xpire after (days):</source>
        <translation>Credits verfallen na&amp;ch (Tagen):</translation>
    </message>
    <message>
        <source>Percent off</source>
        <translation>Prozentrabatt</translation>
    </message>
    <message>
        <source>%</source>
        <translation> %</translation>
    </message>
    <message>
        <source>&amp;Percent off:</source>
        <translation>&amp;Prozentrabatt:</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Betragsrabatt</translation>
    </message>
    <message>
        <source>e.g. 5.00</source>
        <translation>z. B. 5,00</translation>
    </message>
    <message>
        <source>&amp;Amount off ($):</source>
        <translation>&amp;Betragsrabatt ($):</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>P&amp;lan:</source>
        <translation>Tari&amp;f:</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Zeiträume</translation>
    </message>
    <message>
        <source>P&amp;eriods:</source>
        <translation>Z&amp;eiträume:</translation>
    </message>
    <message>
        <source>Maximum redemptions</source>
        <translation>Höchstzahl an Einlösungen</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>&amp;Maximum redemptions:</source>
        <translation>&amp;Höchstzahl an Einlösungen:</translation>
    </message>
    <message>
        <source>Redemptions per account</source>
        <translation>Einlösungen pro Konto</translation>
    </message>
    <message>
        <source>Per acco&amp;unt:</source>
        <translation>Pro Ko&amp;nto:</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Am</translation>
    </message>
    <message>
        <source>The coupon expires</source>
        <translation>Der Gutschein läuft ab</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>Läuft ab am</translation>
    </message>
    <message>
        <source>Expi&amp;res:</source>
        <translation>Lä&amp;uft ab:</translation>
    </message>
    <message>
        <source>Valid for plans</source>
        <translation>Gültig für Tarife</translation>
    </message>
    <message>
        <source>&amp;Valid for plans (none: all):</source>
        <translation>&amp;Gültig für Tarife (keiner: alle):</translation>
    </message>
    <message>
        <source>Only for accounts that never redeemed a coupon</source>
        <translation>Nur für Konten, die noch nie einen Gutschein eingelöst haben</translation>
    </message>
    <message>
        <source>First-time only</source>
        <translation>Nur beim ersten Mal</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Create c&amp;oupon</source>
        <translation>Gutschein an&amp;legen</translation>
    </message>
    <message>
        <source>The code needs at least 3 characters: letters, digits, - or _.</source>
        <translation>Der Code braucht mindestens 3 Zeichen: Buchstaben, Ziffern, - oder _.</translation>
    </message>
    <message>
        <source>Say how many credits the coupon gives ($1 = 25,000 credits).</source>
        <translation>Geben Sie an, wie viele Credits der Gutschein gewährt (1 $ = 25.000 Credits).</translation>
    </message>
    <message>
        <source>At most %1 credits.</source>
        <translation>Höchstens %1 Credits.</translation>
    </message>
    <message>
        <source>Type the amount off in dollars, such as 5.00.</source>
        <translation>Geben Sie den Rabatt in Dollar ein, etwa 5,00.</translation>
    </message>
    <message>
        <source>Choose the plan the free period is on.</source>
        <translation>Wählen Sie den Tarif für den kostenlosen Zeitraum.</translation>
    </message>
    <message>
        <source>The maximum number of redemptions must be at least 1 (leave it empty for no limit).</source>
        <translation>Die Höchstzahl an Einlösungen muss mindestens 1 sein (leer lassen für unbegrenzt).</translation>
    </message>
    <message>
        <source>The expiry must be in the future.</source>
        <translation>Der Ablauf muss in der Zukunft liegen.</translation>
    </message>
    <message>
        <source>A coupon with this code exists already.</source>
        <translation>Ein Gutschein mit diesem Code existiert bereits.</translation>
    </message>
    <message>
        <source>This server does not offer coupons yet.</source>
        <translation>Dieser Server bietet noch keine Gutscheine an.</translation>
    </message>
</context>
<context>
    <name>creditdesk::CreditNoteDialog</name>
    <message>
        <source>Credit note for %1</source>
        <translation>Gutschrift zu %1</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>höchstens %1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Betrag:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero and at most the invoice&apos;s total.</source>
        <translation>Geben Sie einen Betrag über null und höchstens in Höhe der Rechnungssumme ein.</translation>
    </message>
    <message>
        <source>Enter the reason; it is printed on the credit note.</source>
        <translation>Geben Sie den Grund ein; er wird auf die Gutschrift gedruckt.</translation>
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
    <message>
        <source>Your department used %1 credits from %2 to %3.</source>
        <translation>Ihre Abteilung hat vom %2 bis %3 %1 Credits verbraucht.</translation>
    </message>
    <message>
        <source>You used %1 credits from %2 to %3.</source>
        <translation>Sie haben vom %2 bis %3 %1 Credits verbraucht.</translation>
    </message>
    <message>
        <source>%1 credits of the limit are left.</source>
        <translation>Vom Limit sind noch %1 Credits übrig.</translation>
    </message>
    <message>
        <source>Warning: %1% of the limit is used.</source>
        <translation>Warnung: %1 % des Limits sind verbraucht.</translation>
    </message>
    <message>
        <source>Critical: %1% of the limit is used.</source>
        <translation>Kritisch: %1 % des Limits sind verbraucht.</translation>
    </message>
    <message>
        <source>No limit of your own applies.</source>
        <translation>Für Sie gilt kein eigenes Limit.</translation>
    </message>
    <message>
        <source>The organization&apos;s pool has %1 credits available.</source>
        <translation>Im Pool der Organisation sind %1 Credits verfügbar.</translation>
    </message>
    <message>
        <source>Known when the server answers</source>
        <translation>Bekannt, sobald der Server antwortet</translation>
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
    <name>creditdesk::DepartmentBudgetModel</name>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <extracomment>used credits of a budget: &quot;1,200 of 5,000 (24 %)&quot;</extracomment>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Used this period</source>
        <translation>In diesem Zeitraum verbraucht</translation>
    </message>
    <message>
        <source>Enforcement</source>
        <translation>Durchsetzung</translation>
    </message>
</context>
<context>
    <name>creditdesk::ForecastPanel</name>
    <message>
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <source>Credits run out:</source>
        <translation>Guthaben reicht bis:</translation>
    </message>
    <message>
        <source>Run-out date</source>
        <translation>Datum, an dem das Guthaben aufgebraucht ist</translation>
    </message>
    <message>
        <source>Burn rate:</source>
        <translation>Verbrauchsrate:</translation>
    </message>
    <message>
        <source>Forecast burn rate</source>
        <translation>Prognostizierte Verbrauchsrate</translation>
    </message>
    <message>
        <source>This period:</source>
        <translation>Dieser Zeitraum:</translation>
    </message>
    <message>
        <source>Period projection</source>
        <translation>Hochrechnung für den Zeitraum</translation>
    </message>
    <message>
        <source>Limit and pool:</source>
        <translation>Limit und Pool:</translation>
    </message>
    <message>
        <source>Own limit and pool</source>
        <translation>Eigenes Limit und Pool</translation>
    </message>
    <message>
        <source>Expiring unused:</source>
        <translation>Verfällt ungenutzt:</translation>
    </message>
    <message>
        <source>Expiring credits</source>
        <translation>Verfallende Credits</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 Credits</translation>
    </message>
    <message>
        <source>Not available: the server has not answered.</source>
        <translation>Nicht verfügbar: Der Server hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>Not at the current rate</source>
        <translation>Bei aktuellem Verbrauch unbegrenzt</translation>
    </message>
    <message>
        <source>%1 a day over the last 7 days, %2 a day over the last 30 days</source>
        <translation>%1 pro Tag in den letzten 7 Tagen, %2 pro Tag in den letzten 30 Tagen</translation>
    </message>
    <message>
        <source>%1 used so far, %2 projected for the whole period</source>
        <translation>%1 bisher verbraucht, %2 hochgerechnet für den ganzen Zeitraum</translation>
    </message>
    <message>
        <source>against an allowance of %1 (%2%)</source>
        <translation>bei einem Kontingent von %1 (%2 %)</translation>
    </message>
    <message>
        <source>%1 left of your limit; the organization&apos;s pool has %2 available</source>
        <translation>%1 von Ihrem Limit übrig; im Pool der Organisation sind %2 verfügbar</translation>
    </message>
    <message>
        <source>No limit; the organization&apos;s pool has %1 available</source>
        <translation>Kein Limit; im Pool der Organisation sind %1 verfügbar</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 am %2</translation>
    </message>
    <message>
        <source>None at the current rate</source>
        <translation>Keine bei aktuellem Verbrauch</translation>
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
    <name>creditdesk::InviteDialog</name>
    <message>
        <source>Invite a member</source>
        <translation>Mitglied einladen</translation>
    </message>
    <message>
        <source>The person gets a one-time invitation code. They choose their own password when they accept it; you never see it.</source>
        <translation>Die Person erhält einen einmaligen Einladungscode. Beim Annehmen wählt sie ihr eigenes Passwort; Sie sehen es nie.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Keine Abteilung</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Abteilung:</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>This code is shown only now. Send it to the person with the server address; they choose &quot;I have an invitation&quot; when signing in.</source>
        <translation>Dieser Code wird nur jetzt angezeigt. Schicken Sie ihn der Person zusammen mit der Serveradresse; sie wählt bei der Anmeldung „Ich habe eine Einladung“.</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>&amp;Einladen</translation>
    </message>
    <message>
        <source>The invitation code is on the clipboard.</source>
        <translation>Der Einladungscode ist in der Zwischenablage.</translation>
    </message>
    <message>
        <source>%1 is invited. The invitation expires on %2.</source>
        <translation>%1 ist eingeladen. Die Einladung läuft am %2 ab.</translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoiceDialog</name>
    <message>
        <source>Tax ID: %1</source>
        <translation>Steuernummer: %1</translation>
    </message>
    <message>
        <source>(not configured)</source>
        <translation>(nicht eingerichtet)</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Banküberweisung</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>View PDF</source>
        <translation>PDF anzeigen</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>PDF speichern…</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Betreiber:</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Stornieren…</translation>
    </message>
    <message>
        <source>Mark paid…</source>
        <translation>Als bezahlt markieren…</translation>
    </message>
    <message>
        <source>Credit note…</source>
        <translation>Gutschrift…</translation>
    </message>
    <message>
        <source>Draft invoice</source>
        <translation>Rechnungsentwurf</translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <translation>Rechnung %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>Ausgestellt: %1</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>Fällig: %1</translation>
    </message>
    <message>
        <source>Period: %1 – %2</source>
        <translation>Zeitraum: %1 – %2</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Bill to</source>
        <translation>Rechnungsempfänger</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Einzelpreis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <source>%1 %2 % on %3</source>
        <extracomment>A tax line: &quot;VAT 19 % on $100.00&quot; (%1 its name, %2 the rate&apos;s number, %3 the taxable amount)</extracomment>
        <translation>%1 %2 % auf %3</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Offener Betrag</translation>
    </message>
    <message>
        <source>Paid by %1 on %2</source>
        <translation>Bezahlt per %1 am %2</translation>
    </message>
    <message>
        <source>, reference %1</source>
        <translation>, Referenz %1</translation>
    </message>
    <message>
        <source>Credit notes</source>
        <translation>Gutschriften</translation>
    </message>
    <message>
        <source>%1, %2: %3 (%4)</source>
        <extracomment>A credit note: &quot;CN-2026-000007, 2026-03-01: $10.00 (goodwill)&quot;</extracomment>
        <translation>%1, %2: %3 (%4)</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>%1: %2 by %3, %4</source>
        <translation>%1: %2 per %3, %4</translation>
    </message>
    <message>
        <source>The PDF could not be fetched: %1</source>
        <translation>Das PDF konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The invoice could not be printed.</source>
        <translation>Die Rechnung konnte nicht gedruckt werden.</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>Das PDF konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Void invoice</source>
        <translation>Rechnung stornieren</translation>
    </message>
    <message>
        <source>Void %1? Nothing is due on a void invoice, and this cannot be undone.</source>
        <translation>%1 stornieren? Auf eine stornierte Rechnung ist nichts mehr zu zahlen, und das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <source>No card payments for this invoice.</source>
        <translation>Zu dieser Rechnung gibt es keine Kartenzahlungen.</translation>
    </message>
    <message>
        <source>Pay with PayPal…</source>
        <translation>Mit PayPal bezahlen…</translation>
    </message>
    <message>
        <source>I have approved — capture</source>
        <translation>Ich habe zugestimmt — einziehen</translation>
    </message>
    <message>
        <source>After approving the payment on PayPal&apos;s page, take it here.</source>
        <translation>Nachdem Sie die Zahlung auf der Seite von PayPal bestätigt haben, ziehen Sie sie hier ein.</translation>
    </message>
    <message>
        <source>PayPal could not be started: %1</source>
        <translation>PayPal konnte nicht gestartet werden: %1</translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoiceListView</name>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <source>Number or text</source>
        <translation>Nummer oder Text</translation>
    </message>
    <message>
        <source>Search invoices</source>
        <translation>Rechnungen durchsuchen</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(Entwurf)</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Offener Betrag</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Uncollectible</source>
        <translation>Uneinbringlich</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invoice(s)</source>
        <translation>
            <numerusform>%Ln Rechnung</numerusform>
            <numerusform>%Ln Rechnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln invoice(s) to %1</source>
        <translation>
            <numerusform>%Ln Rechnung nach %1 exportiert</numerusform>
            <numerusform>%Ln Rechnungen nach %1 exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoicesPane</name>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Billing profile…</source>
        <translation>Rechnungsprofil…</translation>
    </message>
    <message>
        <source>Manage payment methods</source>
        <translation>Zahlungsmethoden verwalten</translation>
    </message>
    <message>
        <source>Buy credits…</source>
        <translation>Credits kaufen…</translation>
    </message>
    <message>
        <source>Auto-recharge…</source>
        <translation>Automatisches Aufladen…</translation>
    </message>
    <message>
        <source>Tax report…</source>
        <translation>Steuerbericht…</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
    <message>
        <source>Open the selected invoice</source>
        <translation>Die ausgewählte Rechnung öffnen</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>Fehlergrund</translation>
    </message>
    <message>
        <source>Loading payments…</source>
        <translation>Zahlungen werden geladen…</translation>
    </message>
    <message>
        <source>This server does not list payments yet.</source>
        <translation>Dieser Server listet noch keine Zahlungen auf.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln payment(s), newest first</source>
        <translation>
            <numerusform>%Ln Zahlung, neueste zuerst</numerusform>
            <numerusform>%Ln Zahlungen, neueste zuerst</numerusform>
        </translation>
    </message>
    <message>
        <source>Billing profile saved; it applies to the next invoices.</source>
        <translation>Rechnungsprofil gespeichert; es gilt für die nächsten Rechnungen.</translation>
    </message>
    <message>
        <source>The payment-method page could not be opened: %1</source>
        <translation>Die Seite der Zahlungsmethoden konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Payment methods opened in your browser.</source>
        <translation>Zahlungsmethoden im Browser geöffnet.</translation>
    </message>
    <message>
        <source>Purchase booked on invoice %1.</source>
        <translation>Kauf auf Rechnung %1 gebucht.</translation>
    </message>
    <message>
        <source>Auto-recharge is on.</source>
        <translation>Automatisches Aufladen ist an.</translation>
    </message>
    <message>
        <source>Auto-recharge is off.</source>
        <translation>Automatisches Aufladen ist aus.</translation>
    </message>
    <message>
        <source>Tax report saved to %1</source>
        <translation>Steuerbericht gespeichert unter %1</translation>
    </message>
    <message>
        <source>No card payments yet. An invoice paid by bank transfer or PayPal says so on the invoice.</source>
        <translation>Noch keine Kartenzahlungen. Eine per Überweisung oder PayPal bezahlte Rechnung vermerkt das auf der Rechnung.</translation>
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
    <message>
        <source>&amp;Redeem coupon…</source>
        <translation>Gutschein ein&amp;lösen…</translation>
    </message>
    <message>
        <source>&amp;Accept invitation…</source>
        <translation>Einladung &amp;annehmen …</translation>
    </message>
</context>
<context>
    <name>creditdesk::MarkPaidDialog</name>
    <message>
        <source>Mark %1 paid</source>
        <translation>%1 als bezahlt markieren</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Banküberweisung</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Zahlungsmethode</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>Zahlungsreferenz</translation>
    </message>
    <message>
        <source>e.g. the bank&apos;s transaction reference</source>
        <translation>z. B. die Transaktionsreferenz der Bank</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Methode:</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Referenz:</translation>
    </message>
</context>
<context>
    <name>creditdesk::MemberDialog</name>
    <message>
        <source>Change %1</source>
        <translation>%1 ändern</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Keine Abteilung</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Abteilung:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
</context>
<context>
    <name>creditdesk::NotificationPreferencesModel</name>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>In the console</source>
        <translation>In der Konsole</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>Per E-Mail</translation>
    </message>
</context>
<context>
    <name>creditdesk::OrgMembersModel</name>
    <message>
        <source>No department</source>
        <translation>Keine Abteilung</translation>
    </message>
    <message>
        <source>Pending invitations</source>
        <translation>Offene Einladungen</translation>
    </message>
    <message>
        <source>Last sign-in: %1
Last usage: %2</source>
        <translation>Letzte Anmeldung: %1
Letzte Nutzung: %2</translation>
    </message>
    <message>
        <source>Invited, until %1</source>
        <translation>Eingeladen, bis %1</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Reserviert</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Platz</translation>
    </message>
    <message>
        <source>Last active</source>
        <translation>Zuletzt aktiv</translation>
    </message>
    <message>
        <source>Usage this period</source>
        <translation>Verbrauch im Zeitraum</translation>
    </message>
</context>
<context>
    <name>creditdesk::OrganizationPane</name>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Seats:</source>
        <translation>Plätze:</translation>
    </message>
    <message>
        <source>Seats in use</source>
        <translation>Belegte Plätze</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Plätze</translation>
    </message>
    <message>
        <source>&amp;Buy seats…</source>
        <translation>Plätze &amp;kaufen …</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>&amp;Einladen …</translation>
    </message>
    <message>
        <source>&amp;Change role or department…</source>
        <translation>Rolle oder Abteilung &amp;ändern …</translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>&amp;Wieder aktivieren</translation>
    </message>
    <message>
        <source>Spending &amp;limit…</source>
        <translation>Ausgaben&amp;limit …</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Entfernen …</translation>
    </message>
    <message>
        <source>Re&amp;voke invitation</source>
        <translation>Einladung &amp;widerrufen</translation>
    </message>
    <message>
        <source>Members by department</source>
        <translation>Mitglieder nach Abteilung</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>&amp;Mitglieder</translation>
    </message>
    <message>
        <source>&amp;Edit budget…</source>
        <translation>Budget &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>As&amp;k for a budget…</source>
        <translation>Budget &amp;beantragen …</translation>
    </message>
    <message>
        <source>Department budgets</source>
        <translation>Abteilungsbudgets</translation>
    </message>
    <message>
        <source>Budget requests</source>
        <translation>Budgetanträge</translation>
    </message>
    <message>
        <source>A&amp;pprove…</source>
        <translation>&amp;Genehmigen …</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>A&amp;blehnen …</translation>
    </message>
    <message>
        <source>Budget history</source>
        <translation>Budgetverlauf</translation>
    </message>
    <message>
        <source>&amp;Budgets</source>
        <translation>&amp;Budgets</translation>
    </message>
    <message>
        <source>&amp;New role…</source>
        <translation>&amp;Neue Rolle …</translation>
    </message>
    <message>
        <source>&amp;Edit role…</source>
        <translation>Rolle &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Delete role</source>
        <translation>Rolle &amp;löschen</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>&amp;Roles</source>
        <translation>&amp;Rollen</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>Rolle löschen</translation>
    </message>
    <message>
        <source>Delete the role %1? Members must not hold it any more.</source>
        <translation>Die Rolle %1 löschen? Kein Mitglied darf sie mehr haben.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The server cannot be reached. Showing what it said at %1.</source>
        <translation>Der Server ist nicht erreichbar. Angezeigt wird seine Antwort von %1.</translation>
    </message>
    <message>
        <source>The server cannot be reached. The organization&apos;s members appear when it is back.</source>
        <translation>Der Server ist nicht erreichbar. Die Mitglieder der Organisation erscheinen, sobald er wieder da ist.</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending invitation(s)</source>
        <translation>
            <numerusform>%n offene Einladung</numerusform>
            <numerusform>%n offene Einladungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 assigned, %3 pending, %4 free</source>
        <extracomment>seats: &quot;7 of 10 assigned, 1 pending invitation, 2 free&quot;</extracomment>
        <translation>%1 von %2 vergeben, %3 offen, %4 frei</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>Vordefiniert</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>%1 is invited.</source>
        <translation>%1 ist eingeladen.</translation>
    </message>
    <message>
        <source>Seats changed: %1 in total.</source>
        <translation>Plätze geändert: %1 insgesamt.</translation>
    </message>
    <message>
        <source>Budget request sent.</source>
        <translation>Budgetantrag gesendet.</translation>
    </message>
    <message>
        <source>%1 is suspended.</source>
        <translation>%1 ist gesperrt.</translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>%1 ist wieder aktiv.</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Mitglied entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from %2? Their seat becomes free; their history stays.</source>
        <translation>%1 aus %2 entfernen? Der Platz wird frei; der Verlauf bleibt.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>%1 is removed.</source>
        <translation>%1 ist entfernt.</translation>
    </message>
    <message>
        <source>The invitation of %1 is revoked.</source>
        <translation>Die Einladung von %1 ist widerrufen.</translation>
    </message>
    <message>
        <source>Approve budget request</source>
        <translation>Budgetantrag genehmigen</translation>
    </message>
    <message>
        <source>Reject budget request</source>
        <translation>Budgetantrag ablehnen</translation>
    </message>
    <message>
        <source>Note for the requester (optional):</source>
        <translation>Notiz für den Antragsteller (optional):</translation>
    </message>
    <message>
        <source>The budget request is approved.</source>
        <translation>Der Budgetantrag ist genehmigt.</translation>
    </message>
    <message>
        <source>The budget request is rejected.</source>
        <translation>Der Budgetantrag ist abgelehnt.</translation>
    </message>
    <message>
        <source>The role is deleted.</source>
        <translation>Die Rolle ist gelöscht.</translation>
    </message>
    <message>
        <source>Seats changed: %1 in total; %2 charged now.</source>
        <translation>Plätze geändert: %1 insgesamt; jetzt %2 berechnet.</translation>
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
    <message>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>Gutscheine</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Rechnungen</translation>
    </message>
</context>
<context>
    <name>creditdesk::PdfViewerDialog</name>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>PDF speichern…</translation>
    </message>
</context>
<context>
    <name>creditdesk::PlanComparisonModel</name>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Credits per month</source>
        <translation>Credits pro Monat</translation>
    </message>
    <message>
        <source>Worth</source>
        <translation>Gegenwert</translation>
    </message>
    <message>
        <source>Markup on usage</source>
        <translation>Aufschlag auf die Nutzung</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Own provider keys (BYOK)</source>
        <translation>Eigene Anbieter-Schlüssel (BYOK)</translation>
    </message>
    <message>
        <source>Seats included</source>
        <translation>Enthaltene Plätze</translation>
    </message>
    <message>
        <source>Extra seat</source>
        <translation>Zusätzlicher Platz</translation>
    </message>
    <message>
        <source>Concurrent tasks</source>
        <translation>Gleichzeitige Aufgaben</translation>
    </message>
    <message>
        <source>Sign-up credits</source>
        <translation>Start-Credits</translation>
    </message>
    <message>
        <source>Daily refresh</source>
        <translation>Tägliche Auffüllung</translation>
    </message>
    <message>
        <source>First-month bonus</source>
        <translation>Bonus im ersten Monat</translation>
    </message>
    <message>
        <source>Unused credits roll over</source>
        <translation>Übertrag ungenutzter Credits</translation>
    </message>
    <message>
        <source>Free trial</source>
        <translation>Kostenlose Testphase</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>%1 / seat</source>
        <translation>%1 / Platz</translation>
    </message>
    <message>
        <source>%1 / day</source>
        <translation>%1 / Tag</translation>
    </message>
    <message>
        <source>Up to %1</source>
        <translation>Bis zu %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s), %1 credits</source>
        <translation>
            <numerusform>%n Tag, %1 Credits</numerusform>
            <numerusform>%n Tage, %1 Credits</numerusform>
        </translation>
    </message>
    <message>
        <source>Included</source>
        <translation>Enthalten</translation>
    </message>
    <message>
        <source>Not included</source>
        <translation>Nicht enthalten</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
</context>
<context>
    <name>creditdesk::PlansPane</name>
    <message>
        <source>Plans</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Current period</source>
        <translation>Aktueller Zeitraum</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Verlängerung</translation>
    </message>
    <message>
        <source>Scheduled change</source>
        <translation>Geplanter Wechsel</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Tarif:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Current period:</source>
        <translation>Aktueller Zeitraum:</translation>
    </message>
    <message>
        <source>Renewal:</source>
        <translation>Verlängerung:</translation>
    </message>
    <message>
        <source>Scheduled change:</source>
        <translation>Geplanter Wechsel:</translation>
    </message>
    <message>
        <source>Discount:</source>
        <translation>Rabatt:</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Preis:</translation>
    </message>
    <message>
        <source>Cancel at the end of the period…</source>
        <translation>Zum Ende des Zeitraums kündigen…</translation>
    </message>
    <message>
        <source>Keep the plan (resume)</source>
        <translation>Tarif behalten (fortsetzen)</translation>
    </message>
    <message>
        <source>Redeem coupon…</source>
        <translation>Gutschein einlösen…</translation>
    </message>
    <message>
        <source>Compare plans</source>
        <translation>Tarife vergleichen</translation>
    </message>
    <message>
        <source>Plan comparison</source>
        <translation>Tarifvergleich</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Subscription history</source>
        <translation>Verlauf des Abonnements</translation>
    </message>
    <message>
        <source>Your personal plan</source>
        <translation>Ihr persönlicher Tarif</translation>
    </message>
    <message>
        <source>Subscription of %1</source>
        <translation>Abonnement von %1</translation>
    </message>
    <message>
        <source>%1 Plans and the subscription are shown as the server last said.</source>
        <translation>%1 Tarife und Abonnement werden so angezeigt, wie der Server sie zuletzt gemeldet hat.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Frage den Server…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Trial until %1</source>
        <translation>Testphase bis %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>Cancels on %1; the account then moves to %2.</source>
        <translation>Endet am %1; das Konto wechselt dann zu %2.</translation>
    </message>
    <message>
        <source>Renews on %1</source>
        <translation>Verlängert sich am %1</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 ab %2</translation>
    </message>
    <message>
        <source>%1 (%2) from %3</source>
        <translation>%1 (%2) ab %3</translation>
    </message>
    <message>
        <source>%1 off as a verified institution</source>
        <translation>%1 Rabatt als verifizierte Einrichtung</translation>
    </message>
    <message>
        <source>%1, with %2 each period</source>
        <translation>%1, mit %2 je Zeitraum</translation>
    </message>
    <message>
        <source>Switch to %1…</source>
        <translation>Zu %1 wechseln…</translation>
    </message>
    <message>
        <source>Stay on %1…</source>
        <translation>Bei %1 bleiben…</translation>
    </message>
    <message>
        <source>Only the owners and admins of %1 can change its plan or redeem coupons for it.</source>
        <translation>Nur Inhaber und Admins von %1 können den Tarif ändern oder Gutscheine dafür einlösen.</translation>
    </message>
    <message>
        <source>Switched to %1.</source>
        <translation>Zu %1 gewechselt.</translation>
    </message>
    <message>
        <source>%1 starts on %2.</source>
        <translation>%1 beginnt am %2.</translation>
    </message>
    <message>
        <source>Cancel plan</source>
        <translation>Tarif kündigen</translation>
    </message>
    <message>
        <source>Cancel %1 at the end of the current period, on %2? Until then everything stays as it is; then the account moves to %3. You can take this back until then.</source>
        <translation>%1 zum Ende des aktuellen Zeitraums am %2 kündigen? Bis dahin bleibt alles, wie es ist; dann wechselt das Konto zu %3. Bis dahin können Sie das zurücknehmen.</translation>
    </message>
    <message>
        <source>Cancel at period end</source>
        <translation>Zum Zeitraumende kündigen</translation>
    </message>
    <message>
        <source>Keep the plan</source>
        <translation>Tarif behalten</translation>
    </message>
    <message>
        <source>The plan ends on %1.</source>
        <translation>Der Tarif endet am %1.</translation>
    </message>
    <message>
        <source>The plan renews on %1.</source>
        <translation>Der Tarif verlängert sich am %1.</translation>
    </message>
</context>
<context>
    <name>creditdesk::RedeemCouponDialog</name>
    <message>
        <source>Redeem coupon</source>
        <translation>Gutschein einlösen</translation>
    </message>
    <message>
        <source>Enter the code of a coupon. It is checked as you type.</source>
        <translation>Geben Sie den Code eines Gutscheins ein. Er wird schon beim Tippen geprüft.</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>Gutscheincode</translation>
    </message>
    <message>
        <source>e.g. WELCOME25</source>
        <translation>z. B. WELCOME25</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Für:</translation>
    </message>
    <message>
        <source>What the coupon gives</source>
        <translation>Was der Gutschein gewährt</translation>
    </message>
    <message>
        <source>&amp;Redeem</source>
        <translation>&amp;Einlösen</translation>
    </message>
    <message>
        <source>Sign in to redeem a coupon.</source>
        <translation>Melden Sie sich an, um einen Gutschein einzulösen.</translation>
    </message>
    <message>
        <source>Your personal account</source>
        <translation>Ihr persönliches Konto</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>This code gives %1.</source>
        <translation>Dieser Code gewährt: %1.</translation>
    </message>
    <message>
        <source>Redeeming…</source>
        <translation>Wird eingelöst…</translation>
    </message>
    <message>
        <source>Redeemed: %1.</source>
        <translation>Eingelöst: %1.</translation>
    </message>
    <message>
        <source>This server does not offer coupons yet.</source>
        <translation>Dieser Server bietet noch keine Gutscheine an.</translation>
    </message>
</context>
<context>
    <name>creditdesk::RoleEditorDialog</name>
    <message>
        <source>New role</source>
        <translation>Neue Rolle</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Permissions:</source>
        <translation>&amp;Berechtigungen:</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Berechtigungen</translation>
    </message>
    <message>
        <source>You do not hold this permission, so you cannot give it.</source>
        <translation>Sie haben diese Berechtigung nicht und können sie daher nicht vergeben.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
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
    <message>
        <source>I have an &amp;invitation…</source>
        <translation>Ich habe eine &amp;Einladung …</translation>
    </message>
</context>
<context>
    <name>creditdesk::SubscriptionHistoryModel</name>
    <message>
        <source>%1 less a discount of %2</source>
        <translation>%1 abzüglich %2 Rabatt</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>Berechnet</translation>
    </message>
    <message>
        <source>Credits given</source>
        <translation>Gewährte Credits</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
</context>
<context>
    <name>creditdesk::SwitchPlanDialog</name>
    <message>
        <source>Switch to %1</source>
        <translation>Zu %1 wechseln</translation>
    </message>
    <message>
        <source>Stay on %1 and drop the scheduled change</source>
        <translation>Bei %1 bleiben und den geplanten Wechsel verwerfen</translation>
    </message>
    <message>
        <source>Switch from %1 to %2 (%3)</source>
        <translation>Von %1 zu %2 wechseln (%3)</translation>
    </message>
    <message>
        <source>Pay with</source>
        <translation>Bezahlen mit</translation>
    </message>
    <message>
        <source>Pay &amp;with:</source>
        <translation>Bezahlen &amp;mit:</translation>
    </message>
    <message>
        <source>Pay now</source>
        <translation>Jetzt zu zahlen</translation>
    </message>
    <message>
        <source>Credits now</source>
        <translation>Credits jetzt</translation>
    </message>
    <message>
        <source>Takes effect</source>
        <translation>Wirksam</translation>
    </message>
    <message>
        <source>Pay now:</source>
        <translation>Jetzt zu zahlen:</translation>
    </message>
    <message>
        <source>Credits now:</source>
        <translation>Credits jetzt:</translation>
    </message>
    <message>
        <source>Takes effect:</source>
        <translation>Wirksam:</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Switch to %1</source>
        <translation>Zu %1 &amp;wechseln</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nichts</translation>
    </message>
    <message>
        <source>%1 (%2 less a discount of %3)</source>
        <translation>%1 (%2 abzüglich %3 Rabatt)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message numerus="yes">
        <source>Now: a free trial of %n day(s) starts</source>
        <translation>
            <numerusform>Sofort: Eine kostenlose Testphase von %n Tag beginnt</numerusform>
            <numerusform>Sofort: Eine kostenlose Testphase von %n Tagen beginnt</numerusform>
        </translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Sofort</translation>
    </message>
    <message>
        <source>On %1, at the end of the current period</source>
        <translation>Am %1, zum Ende des aktuellen Zeitraums</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Frage den Server…</translation>
    </message>
    <message>
        <source>Nothing is charged during the trial. When it ends, the plan costs %1.</source>
        <translation>Während der Testphase wird nichts berechnet. Danach kostet der Tarif %1.</translation>
    </message>
    <message numerus="yes">
        <source>The difference in price and credits is prorated for the %n day(s) left in the current period.</source>
        <translation>
            <numerusform>Der Unterschied bei Preis und Credits wird anteilig für den %n verbleibenden Tag des aktuellen Zeitraums berechnet.</numerusform>
            <numerusform>Der Unterschied bei Preis und Credits wird anteilig für die %n verbleibenden Tage des aktuellen Zeitraums berechnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Until then %1 and its credits stay as they are.</source>
        <translation>Bis dahin bleiben %1 und seine Credits, wie sie sind.</translation>
    </message>
    <message>
        <source>The %1 plan cannot be paid this way.</source>
        <translation>Der Tarif %1 kann nicht so bezahlt werden.</translation>
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
    <name>creditdesk::TaxReportDialog</name>
    <message>
        <source>Tax report</source>
        <translation>Steuerbericht</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Every customer&apos;s invoices issued in the range, per jurisdiction and rate, less credit notes issued in it.</source>
        <translation>Die im Zeitraum ausgestellten Rechnungen aller Kunden, je Steuergebiet und Satz, abzüglich der darin ausgestellten Gutschriften.</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Bis:</translation>
    </message>
    <message>
        <source>The end date must not be before the start date.</source>
        <translation>Das Enddatum darf nicht vor dem Startdatum liegen.</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Nicht gespeichert.</translation>
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
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>creditdesk::UsagePane</name>
    <message>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Nutzung</translation>
    </message>
    <message>
        <source>Figure shown</source>
        <translation>Angezeigte Größe</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Save &amp;chart as image…</source>
        <translation>&amp;Diagramm als Bild speichern…</translation>
    </message>
    <message>
        <source>E&amp;xport table…</source>
        <translation>Tabelle e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Usage status</source>
        <translation>Status der Nutzung</translation>
    </message>
    <message>
        <source>Usage grouping</source>
        <translation>Gruppierung der Nutzung</translation>
    </message>
    <message>
        <source>By model</source>
        <translation>Nach Modell</translation>
    </message>
    <message>
        <source>By member</source>
        <translation>Nach Mitglied</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>Nach Abteilung</translation>
    </message>
    <message>
        <source>Usage table</source>
        <translation>Nutzungstabelle</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Empfehlungen</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>%n Zeile nach %1 exportiert</numerusform>
            <numerusform>%n Zeilen nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>The server cannot be reached. Showing what it said at %1.</source>
        <translation>Der Server ist nicht erreichbar. Angezeigt wird seine Antwort von %1.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Usage appears when it is back.</source>
        <translation>Der Server ist nicht erreichbar. Die Nutzung erscheint, sobald er wieder antwortet.</translation>
    </message>
    <message>
        <source>%1 per day by model</source>
        <translation>%1 pro Tag nach Modell</translation>
    </message>
    <message>
        <source>%1 by model</source>
        <translation>%1 nach Modell</translation>
    </message>
    <message>
        <source>%1 by member</source>
        <translation>%1 nach Mitglied</translation>
    </message>
    <message>
        <source>%1 by department</source>
        <translation>%1 nach Abteilung</translation>
    </message>
    <message>
        <source>%1 (saves about %2 credits a month)</source>
        <translation>%1 (spart etwa %2 Credits im Monat)</translation>
    </message>
    <message>
        <source>Nothing to recommend for this usage.</source>
        <translation>Für diese Nutzung gibt es keine Empfehlung.</translation>
    </message>
    <message>
        <source>Saved the chart to %1</source>
        <translation>Diagramm in %1 gespeichert</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1</source>
        <translation>Das Diagramm konnte nicht in %1 gespeichert werden</translation>
    </message>
</context>
<context>
    <name>creditdesk::UsageTableModel</name>
    <message>
        <source>Not attributed to a member</source>
        <translation>Keinem Mitglied zugeordnet</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Mitglied %1</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Keine Abteilung</translation>
    </message>
    <message>
        <source>Department %1</source>
        <translation>Abteilung %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
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
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Ausgabe-Tokens</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>creditdesk::WebhookDeliveriesModel</name>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Letzter Versuch</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
</context>
<context>
    <name>creditdesk::WebhookEndpointDialog</name>
    <message>
        <source>Add webhook endpoint</source>
        <translation>Webhook-Endpunkt hinzufügen</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>Endpunkt-URL</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Each delivery is signed with a secret that is shown once, after adding.</source>
        <translation>Jede Zustellung wird mit einem Geheimnis signiert, das nach dem Hinzufügen einmal angezeigt wird.</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
</context>
<context>
    <name>creditdesk::WebhookEndpointsModel</name>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
</context>
<context>
    <name>creditdesk::WebhookSecretDialog</name>
    <message>
        <source>Webhook signing secret</source>
        <translation>Signaturgeheimnis des Webhooks</translation>
    </message>
    <message>
        <source>The endpoint %1 was added. Deliveries to it are signed with this secret (header CreditDesk-Signature):</source>
        <translation>Der Endpunkt %1 wurde hinzugefügt. Zustellungen an ihn werden mit diesem Geheimnis signiert (Header CreditDesk-Signature):</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Signaturgeheimnis</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the secret</source>
        <translation>Das Geheimnis kopieren</translation>
    </message>
    <message>
        <source>Copy it now and keep it safe: you will not see it again. If it is lost, delete the endpoint and add it again.</source>
        <translation>Kopieren Sie es jetzt und bewahren Sie es sicher auf: Sie werden es nicht wieder sehen. Geht es verloren, löschen Sie den Endpunkt und fügen Sie ihn neu hinzu.</translation>
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
