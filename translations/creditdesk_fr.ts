<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AlertText</name>
    <message>
        <source>Allowance used</source>
        <translation>Forfait utilisé</translation>
    </message>
    <message>
        <source>Low balance</source>
        <translation>Solde bas</translation>
    </message>
    <message>
        <source>Credits expiring</source>
        <translation>Crédits qui expirent</translation>
    </message>
    <message>
        <source>Department budget</source>
        <translation>Budget du service</translation>
    </message>
    <message>
        <source>Member limit</source>
        <translation>Limite du membre</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>A percentage: &quot;80 %&quot; (%1 the number)</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 crédits</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Alert fired</source>
        <translation>Alerte déclenchée</translation>
    </message>
    <message>
        <source>Subscription changed</source>
        <translation>Abonnement modifié</translation>
    </message>
    <message>
        <source>Coupon redeemed</source>
        <translation>Coupon utilisé</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livré</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Auto-recharge failed</source>
        <translation>Échec de la recharge automatique</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Échec du paiement</translation>
    </message>
    <message>
        <source>No payment method</source>
        <translation>Aucun moyen de paiement</translation>
    </message>
    <message>
        <source>Upcoming renewal</source>
        <translation>Renouvellement à venir</translation>
    </message>
    <message numerus="yes">
        <source>%n failed attempt(s)</source>
        <translation>
            <numerusform>%n tentative échouée</numerusform>
            <numerusform>%n tentatives échouées</numerusform>
        </translation>
    </message>
    <message>
        <source>Payment method missing</source>
        <translation>Moyen de paiement manquant</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>The server is not answering. It may be stopped or restarting. The console shows the data it has cached; try again in a few minutes or ask your administrator.</source>
        <translation>Le serveur ne répond pas. Il est peut-être arrêté ou en cours de redémarrage. La console affiche les données en cache ; réessayez dans quelques minutes ou contactez votre administrateur.</translation>
    </message>
    <message>
        <source>The server address could not be found. Check the server URL for typing mistakes.</source>
        <translation>L’adresse du serveur est introuvable. Vérifiez que l’URL du serveur ne contient pas de faute de frappe.</translation>
    </message>
    <message>
        <source>There is no network connection. Check your connection; cached data stays available.</source>
        <translation>Aucune connexion réseau. Vérifiez votre connexion ; les données en cache restent disponibles.</translation>
    </message>
    <message>
        <source>The server took too long to answer. Check your connection and try again (F5).</source>
        <translation>Le serveur a mis trop de temps à répondre. Vérifiez votre connexion et réessayez (F5).</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified, so the connection was not made (%1). If this is your organization&apos;s own server, ask your administrator for its CA certificate and choose it under &quot;Trust CA file&quot; when signing in.</source>
        <translation>Le certificat du serveur n’a pas pu être vérifié, la connexion n’a donc pas été établie (%1). S’il s’agit du serveur propre à votre organisation, demandez à votre administrateur le certificat de son autorité de certification et sélectionnez-le sous « Fichier d’AC de confiance » lors de la connexion.</translation>
    </message>
    <message>
        <source>The e-mail address or password is wrong. Check both and try again.</source>
        <translation>L’adresse e-mail ou le mot de passe est incorrect. Vérifiez les deux et réessayez.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Votre session a expiré. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Your role does not allow this. Ask an owner or admin of your organization if you need it.</source>
        <translation>Votre rôle ne le permet pas. Si vous en avez besoin, demandez à un propriétaire ou administrateur de votre organisation.</translation>
    </message>
    <message>
        <source>The server does not know this item, or you have no access to it.</source>
        <translation>Le serveur ne connaît pas cet élément, ou vous n’y avez pas accès.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Trop de tentatives. Attendez %n seconde et réessayez.</numerusform>
            <numerusform>Trop de tentatives. Attendez %n secondes et réessayez.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many attempts. Wait a few minutes and try again.</source>
        <translation>Trop de tentatives. Attendez quelques minutes et réessayez.</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1). The console keeps showing cached data; try again later, and tell your administrator if it persists.</source>
        <translation>Le serveur a rencontré un problème (HTTP %1). La console continue d’afficher les données en cache ; réessayez plus tard et prévenez votre administrateur si le problème persiste.</translation>
    </message>
    <message>
        <source>The server sent an answer the console cannot read. Nothing was changed in the local data. Check that the server URL points at a CreditDesk server.</source>
        <translation>Le serveur a envoyé une réponse que la console ne sait pas lire. Les données locales n’ont pas été modifiées. Vérifiez que l’URL du serveur désigne bien un serveur CreditDesk.</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>Le serveur a refusé la demande : %1</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Le serveur a refusé la demande (HTTP %1).</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>La demande a été annulée.</translation>
    </message>
    <message>
        <source>The server is not answering; it may be stopped or restarting.</source>
        <translation>Le serveur ne répond pas ; il est peut-être arrêté ou en cours de redémarrage.</translation>
    </message>
    <message>
        <source>The server address could not be found.</source>
        <translation>L’adresse du serveur est introuvable.</translation>
    </message>
    <message>
        <source>There is no network connection.</source>
        <translation>Aucune connexion réseau.</translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation>Le serveur a mis trop de temps à répondre.</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1).</source>
        <translation>Le serveur a rencontré un problème (HTTP %1).</translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation>Le serveur est injoignable.</translation>
    </message>
    <message>
        <source>The server speaks plain HTTP, not HTTPS; use http://… in the server address (or ask your administrator to set up HTTPS).</source>
        <translation>Le serveur parle HTTP en clair, pas HTTPS ; utilisez http://… dans l’adresse du serveur (ou demandez à votre administrateur de configurer HTTPS).</translation>
    </message>
    <message>
        <source>The server only accepts encrypted connections (TLS); use https://… in the server address.</source>
        <translation>Le serveur n’accepte que les connexions chiffrées (TLS) ; utilisez https://… dans l’adresse du serveur.</translation>
    </message>
    <message>
        <source>The server does not support this request (HTTP 501). It may be an older CreditDesk version; ask your administrator to update it.</source>
        <translation>Le serveur ne prend pas en charge cette requête (HTTP 501). Il s’agit peut-être d’une ancienne version de CreditDesk ; demandez à votre administrateur de la mettre à jour.</translation>
    </message>
    <message>
        <source>The address answers, but it is not a CreditDesk server (no CreditDesk API at %1). Check the server URL.</source>
        <translation>Cette adresse répond, mais ce n’est pas un serveur CreditDesk (pas d’API CreditDesk à %1). Vérifiez l’URL du serveur.</translation>
    </message>
</context>
<context>
    <name>Credits</name>
    <message>
        <source>%1 (%2 credit)</source>
        <translation>%1 (%2 crédit)</translation>
    </message>
    <message>
        <source>%1 (%2 credits)</source>
        <translation>%1 (%2 crédits)</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <source>Export cancelled.</source>
        <translation>Exportation annulée.</translation>
    </message>
    <message>
        <source>The local cache could not be read.</source>
        <translation>Le cache local n’a pas pu être lu.</translation>
    </message>
</context>
<context>
    <name>OrgText</name>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendu</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Invité</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>a period</source>
        <translation>par période</translation>
    </message>
    <message>
        <source>in total</source>
        <translation>au total</translation>
    </message>
    <message>
        <source>hard</source>
        <translation>strict</translation>
    </message>
    <message>
        <source>soft</source>
        <translation>souple</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Aucun budget</translation>
    </message>
    <message>
        <source>%1 credits %2, %3</source>
        <extracomment>%1 credits, %2 &quot;a period&quot; or &quot;in total&quot;, %3 &quot;hard&quot; or &quot;soft&quot;</extracomment>
        <translation>%1 crédits %2, %3</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusée</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Finance</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
</context>
<context>
    <name>TransactionColumns</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Solde après</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Reference / note</source>
        <translation>Référence / note</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Utilisateur nº %1</translation>
    </message>
    <message>
        <source>API token #%1</source>
        <translation>Jeton d’API nº %1</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Jeton d’API</translation>
    </message>
</context>
<context>
    <name>TransactionKind</name>
    <message>
        <source>Allocation</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Expiration</translation>
    </message>
</context>
<context>
    <name>creditdesk::AcceptInvitationDialog</name>
    <message>
        <source>Accept an invitation</source>
        <translation>Accepter une invitation</translation>
    </message>
    <message>
        <source>Enter the invitation code you were sent. You join the organization with the account you are signed in with.</source>
        <translation>Saisissez le code d&apos;invitation que vous avez reçu. Vous rejoignez l&apos;organisation avec le compte avec lequel vous êtes connecté.</translation>
    </message>
    <message>
        <source>Enter the invitation code you were sent and choose your name and password. If you already have an account, sign in first and accept the invitation from the File menu.</source>
        <translation>Saisissez le code d&apos;invitation que vous avez reçu et choisissez votre nom et votre mot de passe. Si vous avez déjà un compte, connectez-vous d&apos;abord et acceptez l&apos;invitation depuis le menu Fichier.</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Code d&apos;invitation</translation>
    </message>
    <message>
        <source>Invitation &amp;code:</source>
        <translation>&amp;Code d&apos;invitation :</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Confirmation du mot de passe</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Votre &amp;nom :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>&amp;Accept invitation</source>
        <translation>&amp;Accepter l&apos;invitation</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Le mot de passe doit comporter au moins %1 caractères.</translation>
    </message>
    <message>
        <source>The passwords differ.</source>
        <translation>Les mots de passe diffèrent.</translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation>Acceptation…</translation>
    </message>
    <message>
        <source>This invitation code is unknown, already used, revoked or expired. Ask for a new invitation.</source>
        <translation>Ce code d&apos;invitation est inconnu, déjà utilisé, révoqué ou expiré. Demandez une nouvelle invitation.</translation>
    </message>
    <message>
        <source>This invitation is for another account. Sign in as the invited person.</source>
        <translation>Cette invitation est destinée à un autre compte. Connectez-vous en tant que personne invitée.</translation>
    </message>
    <message>
        <source>This e-mail address already has an account. Sign in first, then accept the invitation from the File menu.</source>
        <translation>Cette adresse e-mail a déjà un compte. Connectez-vous d&apos;abord, puis acceptez l&apos;invitation depuis le menu Fichier.</translation>
    </message>
</context>
<context>
    <name>creditdesk::ActiveAlertsBanner</name>
    <message>
        <source>Active alerts</source>
        <translation>Alertes actives</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>One active alert on the dashboard: &quot;Critical: Allowance 96 % used&quot; (%1 level, %2 message)</extracomment>
        <translation>%1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%n active alert(s)</source>
        <translation>
            <numerusform>%n alerte active</numerusform>
            <numerusform>%n alertes actives</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the newest %n shown; all on the Alerts pane)</source>
        <translation>
            <numerusform>(la %n plus récente affichée ; toutes dans le volet Alertes)</numerusform>
            <numerusform>(les %n plus récentes affichées ; toutes dans le volet Alertes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::ActivityPane</name>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Action filter</source>
        <translation>Filtre par action</translation>
    </message>
    <message>
        <source>Actor filter</source>
        <translation>Filtre par auteur</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln activity entry(s) to %1</source>
        <translation>
            <numerusform>%Ln entrée d’activité exportée vers %1</numerusform>
            <numerusform>%Ln entrées d’activité exportées vers %1</numerusform>
        </translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <source>All actors</source>
        <translation>Tous les auteurs</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>API token created</source>
        <translation>Jeton d’API créé</translation>
    </message>
    <message>
        <source>API token revoked</source>
        <translation>Jeton d’API révoqué</translation>
    </message>
    <message>
        <source>Credits allocated</source>
        <translation>Crédits attribués</translation>
    </message>
    <message>
        <source>Credits deducted</source>
        <translation>Crédits débités</translation>
    </message>
    <message>
        <source>Credits expired</source>
        <translation>Crédits expirés</translation>
    </message>
    <message>
        <source>Credits refunded</source>
        <translation>Crédits remboursés</translation>
    </message>
    <message>
        <source>Credits reserved</source>
        <translation>Crédits réservés</translation>
    </message>
    <message>
        <source>Reservation released</source>
        <translation>Réservation libérée</translation>
    </message>
    <message>
        <source>Reservation settled</source>
        <translation>Réservation réglée</translation>
    </message>
    <message>
        <source>Department created</source>
        <translation>Service créé</translation>
    </message>
    <message>
        <source>Department renamed</source>
        <translation>Service renommé</translation>
    </message>
    <message>
        <source>Member added</source>
        <translation>Membre ajouté</translation>
    </message>
    <message>
        <source>Member changed</source>
        <translation>Membre modifié</translation>
    </message>
    <message>
        <source>Member removed</source>
        <translation>Membre retiré</translation>
    </message>
    <message>
        <source>Member&apos;s role changed</source>
        <translation>Rôle d’un membre modifié</translation>
    </message>
    <message>
        <source>Organization created</source>
        <translation>Organisation créée</translation>
    </message>
    <message>
        <source>Billing terms changed</source>
        <translation>Conditions de facturation modifiées</translation>
    </message>
    <message>
        <source>Price added</source>
        <translation>Prix ajouté</translation>
    </message>
    <message>
        <source>Price changed</source>
        <translation>Prix modifié</translation>
    </message>
    <message>
        <source>Prices imported</source>
        <translation>Prix importés</translation>
    </message>
    <message>
        <source>Rate card changed</source>
        <translation>Grille tarifaire modifiée</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Usage recorded</source>
        <translation>Utilisation enregistrée</translation>
    </message>
    <message>
        <source>User&apos;s billing terms changed</source>
        <translation>Conditions de facturation d’un utilisateur modifiées</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Jeton d’API</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Rate card</source>
        <translation>Grille tarifaire</translation>
    </message>
    <message>
        <source>Reservation</source>
        <translation>Réservation</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <extracomment>A target of an audit entry: &quot;Member #5&quot; (%1 the kind of target, %2 its number)</extracomment>
        <translation>%1 nº %2</translation>
    </message>
    <message>
        <source>user #%1</source>
        <translation>utilisateur nº %1</translation>
    </message>
    <message>
        <source>API token #%1</source>
        <translation>Jeton d’API nº %1</translation>
    </message>
    <message>
        <source>server job</source>
        <translation>tâche du serveur</translation>
    </message>
    <message>
        <source>Daily credits refreshed</source>
        <translation>Crédits quotidiens renouvelés</translation>
    </message>
    <message>
        <source>Plan updated</source>
        <translation>Forfait mis à jour</translation>
    </message>
    <message>
        <source>Cancellation scheduled</source>
        <translation>Résiliation programmée</translation>
    </message>
    <message>
        <source>Subscription renewed</source>
        <translation>Abonnement renouvelé</translation>
    </message>
    <message>
        <source>Subscription resumed</source>
        <translation>Abonnement repris</translation>
    </message>
    <message>
        <source>Plan switched</source>
        <translation>Forfait changé</translation>
    </message>
    <message>
        <source>Test clock advanced</source>
        <translation>Horloge de test avancée</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Forfait</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Invoice marked paid</source>
        <translation>Facture marquée comme payée</translation>
    </message>
    <message>
        <source>Invoice voided</source>
        <translation>Facture annulée</translation>
    </message>
    <message>
        <source>Invoices issued</source>
        <translation>Factures émises</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertFeed</name>
    <message>
        <source>Fired alerts</source>
        <translation>Alertes déclenchées</translation>
    </message>
    <message>
        <source>Fired</source>
        <translation>Déclenchée</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>%1 (threshold %2)</source>
        <extracomment>The value that crossed a threshold: &quot;85 % (threshold 80 %)&quot;</extracomment>
        <translation>%1 (seuil %2)</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>user #%1</source>
        <translation>utilisateur n° %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <extracomment>Who acknowledged an alert and when: &quot;Ada Lovelace, 3/10/26 12:00&quot;</extracomment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Tous les niveaux</translation>
    </message>
    <message>
        <source>Level filter</source>
        <translation>Filtre de niveau</translation>
    </message>
    <message>
        <source>All alerts</source>
        <translation>Toutes les alertes</translation>
    </message>
    <message>
        <source>Alert filter</source>
        <translation>Filtre d&apos;alerte</translation>
    </message>
    <message numerus="yes">
        <source>%Ln alert(s)</source>
        <translation>
            <numerusform>%Ln alerte</numerusform>
            <numerusform>%Ln alertes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln alert(s) to %1</source>
        <translation>
            <numerusform>%Ln alerte exportée vers %1</numerusform>
            <numerusform>%Ln alertes exportées vers %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertRulesModel</name>
    <message>
        <source>On</source>
        <translation>Activé</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>Intégrée</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activée</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
</context>
<context>
    <name>creditdesk::AlertsPane</name>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Alertes</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Règles</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Notifications</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
    <message>
        <source>A&amp;cknowledge</source>
        <translation>A&amp;cquitter</translation>
    </message>
    <message>
        <source>Acknowledge the selected alert</source>
        <translation>Acquitter l&apos;alerte sélectionnée</translation>
    </message>
    <message>
        <source>A rule fires once when its threshold is crossed and again only after the condition has cleared. Built-in rules can be turned off but not deleted.</source>
        <translation>Une règle se déclenche une fois quand son seuil est franchi, puis seulement après que la condition a cessé. Les règles intégrées peuvent être désactivées mais pas supprimées.</translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation>Règles d&apos;alerte</translation>
    </message>
    <message>
        <source>Kind of the new rule</source>
        <translation>Type de la nouvelle règle</translation>
    </message>
    <message>
        <source>Level of the new rule</source>
        <translation>Niveau de la nouvelle règle</translation>
    </message>
    <message>
        <source>Threshold of the new rule</source>
        <translation>Seuil de la nouvelle règle</translation>
    </message>
    <message>
        <source>Add &amp;rule</source>
        <translation>Ajouter la &amp;règle</translation>
    </message>
    <message>
        <source>&amp;Delete rule</source>
        <translation>&amp;Supprimer la règle</translation>
    </message>
    <message>
        <source>New rule:</source>
        <translation>Nouvelle règle :</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>pour cent</translation>
    </message>
    <message>
        <source>credits</source>
        <translation>crédits</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>Rule saved: %1, %2</source>
        <translation>Règle enregistrée : %1, %2</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivée</translation>
    </message>
    <message>
        <source>How you are told about each kind of alert. These are your own settings; e-mail goes to the address you sign in with.</source>
        <translation>Comment vous êtes averti de chaque type d&apos;alerte. Ce sont vos propres réglages ; les e-mails vont à l&apos;adresse avec laquelle vous vous connectez.</translation>
    </message>
    <message>
        <source>Notification preferences</source>
        <translation>Préférences de notification</translation>
    </message>
    <message>
        <source>&amp;Save preferences</source>
        <translation>&amp;Enregistrer les préférences</translation>
    </message>
    <message>
        <source>Add &amp;endpoint…</source>
        <translation>Ajouter un &amp;point de terminaison…</translation>
    </message>
    <message>
        <source>Delete e&amp;ndpoint</source>
        <translation>Supprimer le poi&amp;nt de terminaison</translation>
    </message>
    <message>
        <source>Webhook endpoints</source>
        <translation>Points de terminaison webhook</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Livraisons</translation>
    </message>
    <message>
        <source>Select an endpoint to see its deliveries.</source>
        <translation>Sélectionnez un point de terminaison pour voir ses livraisons.</translation>
    </message>
    <message>
        <source>Webhook deliveries</source>
        <translation>Livraisons webhook</translation>
    </message>
    <message>
        <source>The server cannot be reached. Showing what it said at %1.</source>
        <translation>Le serveur est injoignable. Affichage de ce qu’il indiquait à %1.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Rules, preferences and webhooks appear when it is back; the alerts below are from the cache.</source>
        <translation>Le serveur est injoignable. Les règles, préférences et webhooks apparaîtront à son retour ; les alertes ci-dessous viennent du cache.</translation>
    </message>
    <message>
        <source>Built-in rules can be turned off, not deleted.</source>
        <translation>Les règles intégrées peuvent être désactivées, pas supprimées.</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Alerte acquittée.</translation>
    </message>
    <message>
        <source>Rule added: %1 at %2</source>
        <translation>Règle ajoutée : %1 à %2</translation>
    </message>
    <message>
        <source>Rule deleted.</source>
        <translation>Règle supprimée.</translation>
    </message>
    <message>
        <source>Notification preferences saved.</source>
        <translation>Préférences de notification enregistrées.</translation>
    </message>
    <message>
        <source>Webhook endpoint added.</source>
        <translation>Point de terminaison webhook ajouté.</translation>
    </message>
    <message>
        <source>Webhook endpoint deleted.</source>
        <translation>Point de terminaison webhook supprimé.</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(s) to %1</source>
        <translation>
            <numerusform>%n livraison vers %1</numerusform>
            <numerusform>%n livraisons vers %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::ApiClient</name>
    <message>
        <source>Cannot read the CA file %1: %2</source>
        <translation>Impossible de lire le fichier d’autorité de certification %1 : %2</translation>
    </message>
    <message>
        <source>%1 holds no certificate (PEM or DER expected).</source>
        <translation>%1 ne contient aucun certificat (PEM ou DER attendu).</translation>
    </message>
</context>
<context>
    <name>creditdesk::Application</name>
    <message>
        <source>No keychain service is available (%1). Your session is kept in memory only: you will be asked to sign in again next time.</source>
        <translation>Aucun service de trousseau n’est disponible (%1). Votre session est conservée uniquement en mémoire : vous devrez vous reconnecter la prochaine fois.</translation>
    </message>
    <message>
        <source>Demo mode: the password of every demo user is &quot;%1&quot;.</source>
        <translation>Mode démo : le mot de passe de chaque utilisateur de démo est « %1 ».</translation>
    </message>
    <message>
        <source>Enter the server address first.</source>
        <translation>Saisissez d&apos;abord l&apos;adresse du serveur.</translation>
    </message>
    <message>
        <source>Welcome, %1. Sign in with the password you chose.</source>
        <translation>Bienvenue, %1. Connectez-vous avec le mot de passe choisi.</translation>
    </message>
    <message>
        <source>%1 alert: %2</source>
        <translation>Alerte %1 : %2</translation>
    </message>
</context>
<context>
    <name>creditdesk::AutoRechargeDialog</name>
    <message>
        <source>Buy credits automatically when they run low</source>
        <translation>Acheter des crédits automatiquement quand ils s&apos;épuisent</translation>
    </message>
    <message>
        <source>Auto-recharge</source>
        <translation>Recharge automatique</translation>
    </message>
    <message>
        <source>Threshold in credits</source>
        <translation>Seuil en crédits</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Pack</translation>
    </message>
    <message>
        <source>When available credits fall below:</source>
        <translation>Quand les crédits disponibles passent sous :</translation>
    </message>
    <message>
        <source>Buy:</source>
        <translation>Acheter :</translation>
    </message>
    <message>
        <source>One purchase at a time, paid by the card on file. Repeated failures turn auto-recharge off and raise an alert.</source>
        <translation>Un achat à la fois, payé par la carte enregistrée. Des échecs répétés désactivent la recharge automatique et déclenchent une alerte.</translation>
    </message>
</context>
<context>
    <name>creditdesk::BillingProfileDialog</name>
    <message>
        <source>Tax exempt</source>
        <translation>Exonéré de taxe</translation>
    </message>
    <message>
        <source>Billing profile</source>
        <translation>Profil de facturation</translation>
    </message>
    <message>
        <source>two letters, e.g. DE</source>
        <translation>deux lettres, p. ex. FR</translation>
    </message>
    <message>
        <source>Legal name:</source>
        <translation>Raison sociale :</translation>
    </message>
    <message>
        <source>Invoice e-mail:</source>
        <translation>E-mail de facturation :</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse :</translation>
    </message>
    <message>
        <source>Address line 2:</source>
        <translation>Complément d&apos;adresse :</translation>
    </message>
    <message>
        <source>Postal code:</source>
        <translation>Code postal :</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Ville :</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Région :</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>Pays :</translation>
    </message>
    <message>
        <source>Tax ID:</source>
        <translation>Numéro fiscal :</translation>
    </message>
    <message>
        <source>Exemption reason:</source>
        <translation>Motif de l&apos;exonération :</translation>
    </message>
    <message>
        <source>Only the operator can change a tax exemption.</source>
        <translation>Seul l&apos;opérateur peut modifier une exonération de taxe.</translation>
    </message>
</context>
<context>
    <name>creditdesk::BillingText</name>
    <message>
        <source>Basic chatflows</source>
        <translation>Chatflows de base</translation>
    </message>
    <message>
        <source>All chatflows</source>
        <translation>Tous les chatflows</translation>
    </message>
    <message>
        <source>Priority support</source>
        <translation>Support prioritaire</translation>
    </message>
    <message>
        <source>Team features</source>
        <translation>Fonctions d’équipe</translation>
    </message>
    <message>
        <source>Custom roles</source>
        <translation>Rôles personnalisés</translation>
    </message>
    <message>
        <source>Free models only</source>
        <translation>Modèles gratuits uniquement</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>Tous les modèles</translation>
    </message>
    <message>
        <source>Platform credits</source>
        <translation>Crédits de la plateforme</translation>
    </message>
    <message>
        <source>Your own provider keys (BYOK)</source>
        <translation>Vos propres clés de fournisseur (BYOK)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>Essai</translation>
    </message>
    <message>
        <source>Payment overdue</source>
        <translation>Paiement en retard</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Résilié</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Gratuit</translation>
    </message>
    <message>
        <source>%1 / month</source>
        <translation>%1 / mois</translation>
    </message>
    <message>
        <source>%1 / year</source>
        <translation>%1 / an</translation>
    </message>
    <message numerus="yes">
        <source>%1 credit(s) (%2)</source>
        <translation>
            <numerusform>%1 crédit (%2)</numerusform>
            <numerusform>%1 crédits (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 off for %n more billing period(s) (coupon %2)</source>
        <translation>
            <numerusform>%1 de remise pendant encore %n période de facturation (coupon %2)</numerusform>
            <numerusform>%1 de remise pendant encore %n périodes de facturation (coupon %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No fee for %n more billing period(s) (coupon %1)</source>
        <translation>
            <numerusform>Aucuns frais pendant encore %n période de facturation (coupon %1)</numerusform>
            <numerusform>Aucuns frais pendant encore %n périodes de facturation (coupon %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Started on %1</source>
        <translation>Débuté avec %1</translation>
    </message>
    <message>
        <source>Upgraded from %1 to %2</source>
        <translation>Passé de %1 à %2</translation>
    </message>
    <message>
        <source>Change from %1 to %2 scheduled for the end of the period</source>
        <translation>Passage de %1 à %2 prévu en fin de période</translation>
    </message>
    <message>
        <source>Changed from %1 to %2</source>
        <translation>Passé de %1 à %2 en fin de période</translation>
    </message>
    <message>
        <source>Scheduled change canceled, staying on %1</source>
        <translation>Changement prévu abandonné, reste sur %1</translation>
    </message>
    <message>
        <source>Trial of %1 started</source>
        <translation>Essai de %1 commencé</translation>
    </message>
    <message>
        <source>Trial of %1 ended</source>
        <translation>Essai de %1 terminé</translation>
    </message>
    <message>
        <source>Renewed on %1</source>
        <translation>Renouvelé sur %1</translation>
    </message>
    <message>
        <source>Cancellation of %1 scheduled for the end of the period</source>
        <translation>Résiliation de %1 prévue en fin de période</translation>
    </message>
    <message>
        <source>%1 canceled, now on %2</source>
        <translation>%1 résilié, désormais %2</translation>
    </message>
    <message>
        <source>%1 resumed: renews at the end of the period</source>
        <translation>%1 repris : renouvelé en fin de période</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Utilisateur nº %1</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>API token #%1</source>
        <translation>Jeton d’API nº %1</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Jeton d’API</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>Bonus credits</source>
        <translation>Crédits bonus</translation>
    </message>
    <message>
        <source>Percent off</source>
        <translation>Remise en pourcentage</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Remise en montant</translation>
    </message>
    <message>
        <source>Free period</source>
        <translation>Période gratuite</translation>
    </message>
    <message>
        <source>%1 added to the balance, usable until %2</source>
        <translation>%1 ajoutés au solde, utilisables jusqu’au %2</translation>
    </message>
    <message>
        <source>%1 added to the balance</source>
        <translation>%1 ajoutés au solde</translation>
    </message>
    <message numerus="yes">
        <source>%1 off for %n billing period(s)</source>
        <translation>
            <numerusform>%1 de remise pendant %n période de facturation</numerusform>
            <numerusform>%1 de remise pendant %n périodes de facturation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n free billing period(s)</source>
        <translation>
            <numerusform>%n période de facturation gratuite</numerusform>
            <numerusform>%n périodes de facturation gratuites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n free billing period(s) of the %1 plan</source>
        <translation>
            <numerusform>%n période de facturation gratuite du forfait %1</numerusform>
            <numerusform>%n périodes de facturation gratuites du forfait %1</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no coupon with this code. Check the spelling.</source>
        <translation>Aucun coupon ne porte ce code. Vérifiez l’orthographe.</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>Ce coupon a expiré.</translation>
    </message>
    <message>
        <source>This coupon has been used up: it was redeemed as often as it may be.</source>
        <translation>Ce coupon est épuisé : il a été utilisé autant de fois que permis.</translation>
    </message>
    <message>
        <source>This account has already redeemed this coupon.</source>
        <translation>Ce compte a déjà utilisé ce coupon.</translation>
    </message>
    <message>
        <source>This coupon does not apply to this account&apos;s plan.</source>
        <translation>Ce coupon ne s’applique pas au forfait de ce compte.</translation>
    </message>
    <message>
        <source>This coupon is no longer active.</source>
        <translation>Ce coupon n’est plus actif.</translation>
    </message>
    <message>
        <source>The subscription already has a coupon discount; a second one cannot be added while it runs.</source>
        <translation>L’abonnement a déjà une remise de coupon ; une seconde ne peut pas s’y ajouter tant qu’elle court.</translation>
    </message>
    <message>
        <source>This coupon cannot be redeemed (%1).</source>
        <translation>Ce coupon ne peut pas être utilisé (%1).</translation>
    </message>
    <message>
        <source>%1 (no limit)</source>
        <translation>%1 (sans limite)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>creditdesk::BudgetDialog</name>
    <message>
        <source>Budget of %1</source>
        <translation>Budget de %1</translation>
    </message>
    <message>
        <source>Spending limit of %1</source>
        <translation>Plafond de dépenses de %1</translation>
    </message>
    <message>
        <source>Ask for a budget for %1</source>
        <translation>Demander un budget pour %1</translation>
    </message>
    <message>
        <source>Ask for the budget your department needs (the whole budget, not an increase). An owner or admin decides.</source>
        <translation>Demandez le budget dont votre service a besoin (le budget entier, pas une hausse). Un propriétaire ou un administrateur décide.</translation>
    </message>
    <message>
        <source>A budget caps what may be spent from the organization&apos;s credits. It never adds or moves credits. Hard budgets refuse spending beyond them; soft ones allow it and record it.</source>
        <translation>Un budget plafonne ce qui peut être dépensé sur les crédits de l&apos;organisation. Il n&apos;ajoute ni ne déplace jamais de crédits. Un budget strict refuse les dépenses au-delà ; un budget souple les permet et les enregistre.</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>&amp;Credits:</source>
        <translation>&amp;Crédits :</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Each billing period</source>
        <translation>Par période de facturation</translation>
    </message>
    <message>
        <source>In total</source>
        <translation>Au total</translation>
    </message>
    <message>
        <source>Enforcement</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Hard: refuse spending beyond it</source>
        <translation>Strict : refuser les dépenses au-delà</translation>
    </message>
    <message>
        <source>Soft: allow and record it</source>
        <translation>Souple : permettre et enregistrer</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;Enforcement:</source>
        <translation>&amp;Application :</translation>
    </message>
    <message>
        <source>&amp;Send request</source>
        <translation>En&amp;voyer la demande</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Remove limit</source>
        <translation>Supp&amp;rimer le plafond</translation>
    </message>
    <message>
        <source>&amp;Remove budget</source>
        <translation>Supp&amp;rimer le budget</translation>
    </message>
    <message>
        <source>Enter a whole number of credits.</source>
        <translation>Saisissez un nombre entier de crédits.</translation>
    </message>
</context>
<context>
    <name>creditdesk::BudgetHistoryModel</name>
    <message>
        <source>Member limit: %1</source>
        <translation>Plafond du membre : %1</translation>
    </message>
    <message>
        <source>member #%1</source>
        <translation>membre n° %1</translation>
    </message>
    <message>
        <source>Department budget: %1</source>
        <translation>Budget du service : %1</translation>
    </message>
    <message>
        <source>department #%1</source>
        <translation>service n° %1</translation>
    </message>
    <message>
        <source>Request #%1</source>
        <translation>Demande n° %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Modifié par</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>creditdesk::BudgetRequestsModel</name>
    <message>
        <source>Asked by %1; decided %2%3</source>
        <translation>Demandé par %1 ; décidé %2%3</translation>
    </message>
    <message>
        <source>Department #%1</source>
        <translation>Service n° %1</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Demandé</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Budget asked for</source>
        <translation>Budget demandé</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>creditdesk::BuyCreditsDialog</name>
    <message>
        <source>Buy credits</source>
        <translation>Acheter des crédits</translation>
    </message>
    <message>
        <source>Credit packs</source>
        <translation>Packs de crédits</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Card on file</source>
        <translation>Carte enregistrée</translation>
    </message>
    <message>
        <source>On invoice (net 30)</source>
        <translation>Sur facture (30 jours net)</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Acheter</translation>
    </message>
    <message>
        <source>Payment:</source>
        <translation>Paiement :</translation>
    </message>
    <message>
        <source>Bigger packs come with more bonus credits. Purchased credits are added when the payment succeeds.</source>
        <translation>Les packs plus grands comprennent plus de crédits bonus. Les crédits achetés sont ajoutés quand le paiement aboutit.</translation>
    </message>
    <message>
        <source>%1 credits (incl. %2 bonus) for %3</source>
        <extracomment>A credit pack: &quot;1,300,000 credits (incl. 50,000 bonus) for $50.00&quot;</extracomment>
        <translation>%1 crédits (dont %2 de bonus) pour %3</translation>
    </message>
    <message>
        <source>%1 credits for %2</source>
        <translation>%1 crédits pour %2</translation>
    </message>
    <message>
        <source>There is no card on file. Add one with &quot;Manage payment methods&quot; first.</source>
        <translation>Aucune carte n&apos;est enregistrée. Ajoutez-en une d&apos;abord avec « Gérer les moyens de paiement ».</translation>
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
        <translation>Places</translation>
    </message>
    <message>
        <source>Your plan includes %1 seats; %2 are bought on top. %3 are in use (members and pending invitations).</source>
        <translation>Votre formule comprend %1 places ; %2 sont achetées en plus. %3 sont occupées (membres et invitations en attente).</translation>
    </message>
    <message>
        <source>Bought seats</source>
        <translation>Places achetées</translation>
    </message>
    <message>
        <source>&amp;Bought seats:</source>
        <translation>Places &amp;achetées :</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Confirmer</translation>
    </message>
    <message>
        <source>No change.</source>
        <translation>Aucun changement.</translation>
    </message>
    <message numerus="yes">
        <source>%n more seat(s) from now on, %1 in total.</source>
        <translation>
            <numerusform>%n place de plus dès maintenant, %1 au total.</numerusform>
            <numerusform>%n places de plus dès maintenant, %1 au total.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Estimated charge now: %1 (%2 a seat, prorated for the %n day(s) left of this period). The server computes the exact amount.</source>
        <translation>
            <numerusform>Montant estimé débité maintenant : %1 (%2 par place, au prorata du %n jour restant de cette période). Le serveur calcule le montant exact.</numerusform>
            <numerusform>Montant estimé débité maintenant : %1 (%2 par place, au prorata des %n jours restants de cette période). Le serveur calcule le montant exact.</numerusform>
        </translation>
    </message>
    <message>
        <source>Charged now for the rest of the period at %1 a seat.</source>
        <translation>Débité maintenant pour le reste de la période, à %1 par place.</translation>
    </message>
    <message>
        <source>%1 seats are in use: remove members or revoke invitations first.</source>
        <translation>%1 places sont occupées : retirez d&apos;abord des membres ou révoquez des invitations.</translation>
    </message>
    <message numerus="yes">
        <source>%n fewer seat(s) from the end of this period (%1), %2 in total. Nothing is refunded.</source>
        <translation>
            <numerusform>%n place de moins à la fin de cette période (%1), %2 au total. Rien n’est remboursé.</numerusform>
            <numerusform>%n places de moins à la fin de cette période (%1), %2 au total. Rien n’est remboursé.</numerusform>
        </translation>
    </message>
    <message>
        <source>the period&apos;s end</source>
        <translation>fin de la période</translation>
    </message>
</context>
<context>
    <name>creditdesk::ChartPanel</name>
    <message>
        <source>Credits used per day</source>
        <translation>Crédits utilisés par jour</translation>
    </message>
    <message>
        <source>Credits used</source>
        <translation>Crédits utilisés</translation>
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
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Number of matching entries</source>
        <translation>Nombre d’entrées correspondantes</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export the filtered entries as CSV</source>
        <translation>Exporter les entrées filtrées en CSV</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>L’exportation a échoué : %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln entrée</numerusform>
            <numerusform>%Ln entrées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(s) to %1</source>
        <translation>
            <numerusform>%Ln entrée exportée vers %1</numerusform>
            <numerusform>%Ln entrées exportées vers %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::CouponRedemptionsModel</name>
    <message>
        <source>Organization #%1</source>
        <translation>Organisation nº %1</translation>
    </message>
    <message>
        <source>User #%1</source>
        <translation>Utilisateur nº %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Gave</source>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>creditdesk::CouponTableModel</name>
    <message>
        <source>Inactive</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>Épuisé</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Gives</source>
        <translation>Donne</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Utilisations</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>creditdesk::CouponsPane</name>
    <message>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <source>New coupon…</source>
        <translation>Nouveau coupon…</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>Désactiver…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Recharger</translation>
    </message>
    <message>
        <source>Number of coupons</source>
        <translation>Nombre de coupons</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Redemptions</source>
        <translation>Utilisations</translation>
    </message>
    <message>
        <source>This server does not offer coupons yet: it has no coupon requests (%1).</source>
        <translation>Ce serveur ne propose pas encore de coupons : il ne connaît aucune requête de coupon (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%n coupon(s)</source>
        <translation>
            <numerusform>%n coupon</numerusform>
            <numerusform>%n coupons</numerusform>
        </translation>
    </message>
    <message>
        <source>Redemptions of %1</source>
        <translation>Utilisations de %1</translation>
    </message>
    <message>
        <source>Coupon %1 created.</source>
        <translation>Coupon %1 créé.</translation>
    </message>
    <message>
        <source>Deactivate coupon</source>
        <translation>Désactiver le coupon</translation>
    </message>
    <message>
        <source>Deactivate %1? It can no longer be redeemed; what was redeemed stays.</source>
        <translation>Désactiver %1 ? Il ne pourra plus être utilisé ; ce qui a été obtenu reste acquis.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Coupon %1 deactivated.</source>
        <translation>Coupon %1 désactivé.</translation>
    </message>
</context>
<context>
    <name>creditdesk::CreateCouponDialog</name>
    <message>
        <source>New coupon</source>
        <translation>Nouveau coupon</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Letters, digits, - and _</source>
        <translation>Lettres, chiffres, - et _</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>e.g. 25000 ($1.00)</source>
        <translation>p. ex. 25000 ($1,00)</translation>
    </message>
    <message>
        <source>C&amp;redits:</source>
        <translation>C&amp;rédits :</translation>
    </message>
    <message>
        <source>Credits expire after days</source>
        <translation>Les crédits expirent après (jours)</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Credits e&amp;xpire after (days):</source>
        <translation>Les crédits e&amp;xpirent après (jours) :</translation>
    </message>
    <message>
        <source>Percent off</source>
        <translation>Remise en pourcentage</translation>
    </message>
    <message>
        <source>%</source>
        <translation> %</translation>
    </message>
    <message>
        <source>&amp;Percent off:</source>
        <translation>Remise en &amp;pourcentage :</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>Remise en montant</translation>
    </message>
    <message>
        <source>e.g. 5.00</source>
        <translation>p. ex. 5,00</translation>
    </message>
    <message>
        <source>&amp;Amount off ($):</source>
        <translation>Remise en &amp;montant ($) :</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Forfait</translation>
    </message>
    <message>
        <source>P&amp;lan:</source>
        <translation>&amp;Forfait :</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Périodes</translation>
    </message>
    <message>
        <source>P&amp;eriods:</source>
        <translation>P&amp;ériodes :</translation>
    </message>
    <message>
        <source>Maximum redemptions</source>
        <translation>Nombre maximal d’utilisations</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source>&amp;Maximum redemptions:</source>
        <translation>Nombre ma&amp;ximal d’utilisations :</translation>
    </message>
    <message>
        <source>Redemptions per account</source>
        <translation>Utilisations par compte</translation>
    </message>
    <message>
        <source>Per acco&amp;unt:</source>
        <translation>Par co&amp;mpte :</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Le</translation>
    </message>
    <message>
        <source>The coupon expires</source>
        <translation>Le coupon expire</translation>
    </message>
    <message>
        <source>Expires at</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>Expi&amp;res:</source>
        <translation>E&amp;xpire :</translation>
    </message>
    <message>
        <source>Valid for plans</source>
        <translation>Valable pour les forfaits</translation>
    </message>
    <message>
        <source>&amp;Valid for plans (none: all):</source>
        <translation>&amp;Valable pour les forfaits (aucun : tous) :</translation>
    </message>
    <message>
        <source>Only for accounts that never redeemed a coupon</source>
        <translation>Uniquement pour les comptes qui n’ont jamais utilisé de coupon</translation>
    </message>
    <message>
        <source>First-time only</source>
        <translation>Première fois uniquement</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Create c&amp;oupon</source>
        <translation>Créer le c&amp;oupon</translation>
    </message>
    <message>
        <source>The code needs at least 3 characters: letters, digits, - or _.</source>
        <translation>Le code doit compter au moins 3 caractères : lettres, chiffres, - ou _.</translation>
    </message>
    <message>
        <source>Say how many credits the coupon gives ($1 = 25,000 credits).</source>
        <translation>Indiquez combien de crédits le coupon donne (1 $ = 25 000 crédits).</translation>
    </message>
    <message>
        <source>At most %1 credits.</source>
        <translation>Au plus %1 crédits.</translation>
    </message>
    <message>
        <source>Type the amount off in dollars, such as 5.00.</source>
        <translation>Saisissez la remise en dollars, par exemple 5,00.</translation>
    </message>
    <message>
        <source>Choose the plan the free period is on.</source>
        <translation>Choisissez le forfait de la période gratuite.</translation>
    </message>
    <message>
        <source>The maximum number of redemptions must be at least 1 (leave it empty for no limit).</source>
        <translation>Le nombre maximal d’utilisations doit être d’au moins 1 (laissez vide pour aucune limite).</translation>
    </message>
    <message>
        <source>The expiry must be in the future.</source>
        <translation>L’expiration doit être dans le futur.</translation>
    </message>
    <message>
        <source>A coupon with this code exists already.</source>
        <translation>Un coupon avec ce code existe déjà.</translation>
    </message>
    <message>
        <source>This server does not offer coupons yet.</source>
        <translation>Ce serveur ne propose pas encore de coupons.</translation>
    </message>
</context>
<context>
    <name>creditdesk::CreditNoteDialog</name>
    <message>
        <source>Credit note for %1</source>
        <translation>Avoir pour %1</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>au plus %1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Montant :</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif :</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero and at most the invoice&apos;s total.</source>
        <translation>Saisissez un montant supérieur à zéro et au plus égal au total de la facture.</translation>
    </message>
    <message>
        <source>Enter the reason; it is printed on the credit note.</source>
        <translation>Saisissez le motif ; il est imprimé sur l&apos;avoir.</translation>
    </message>
</context>
<context>
    <name>creditdesk::DashboardPane</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>No data yet: the first sync has not finished.</source>
        <translation>Pas encore de données : la première synchronisation n’est pas terminée.</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Reserved for running requests</source>
        <translation>Réservé aux requêtes en cours</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Cette période</translation>
    </message>
    <message>
        <source>Share of this period&apos;s credits used</source>
        <translation>Proportion des crédits de la période déjà utilisés</translation>
    </message>
    <message>
        <source>Usage alert</source>
        <translation>Alerte de consommation</translation>
    </message>
    <message>
        <source>Metered usage this period</source>
        <translation>Consommation mesurée sur cette période</translation>
    </message>
    <message>
        <source>Metered:</source>
        <translation>Consommation mesurée :</translation>
    </message>
    <message>
        <source>Burn rate:</source>
        <translation>Rythme de consommation :</translation>
    </message>
    <message>
        <source>Credits run out:</source>
        <translation>Épuisement des crédits :</translation>
    </message>
    <message>
        <source>Grants (spent in this order)</source>
        <translation>Dotations (dépensées dans cet ordre)</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Dotations</translation>
    </message>
    <message>
        <source>Recent transactions</source>
        <translation>Transactions récentes</translation>
    </message>
    <message>
        <source>%1 in dollars</source>
        <translation>%1 en dollars</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 crédits</translation>
    </message>
    <message>
        <source>%1 of %2 credits used from %3 to %4 (%5%)</source>
        <translation>%1 crédits utilisés sur %2 du %3 au %4 (%5 %)</translation>
    </message>
    <message>
        <source>Usage is below the %1% warning threshold.</source>
        <translation>La consommation est inférieure au seuil d’alerte de %1 %.</translation>
    </message>
    <message>
        <source>Warning: %1% of this period&apos;s credits are used (threshold %2%).</source>
        <translation>Attention : %1 % des crédits de cette période sont utilisés (seuil %2 %).</translation>
    </message>
    <message>
        <source>Critical: %1% of this period&apos;s credits are used (threshold %2%). Add credits or reduce usage.</source>
        <translation>Critique : %1 % des crédits de cette période sont utilisés (seuil %2 %). Ajoutez des crédits ou réduisez la consommation.</translation>
    </message>
    <message>
        <source>Not at the current rate</source>
        <translation>Jamais au rythme actuel</translation>
    </message>
    <message>
        <source>No metered usage reported by the server</source>
        <translation>Aucune consommation mesurée signalée par le serveur</translation>
    </message>
    <message numerus="yes">
        <source>%1 credits per day (%2), average of the last %Ln day(s)</source>
        <translation>
            <numerusform>%1 crédits par jour (%2), moyenne sur %Ln jour</numerusform>
            <numerusform>%1 crédits par jour (%2), moyenne des %Ln derniers jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No usage in the last %Ln day(s)</source>
        <translation>
            <numerusform>Aucune consommation depuis %Ln jour</numerusform>
            <numerusform>Aucune consommation depuis %Ln jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s), %1 tokens, %2 credits this period</source>
        <translation>
            <numerusform>%Ln requête, %1 jetons, %2 crédits sur cette période</numerusform>
            <numerusform>%Ln requêtes, %1 jetons, %2 crédits sur cette période</numerusform>
        </translation>
    </message>
    <message>
        <source>Your department used %1 credits from %2 to %3.</source>
        <translation>Votre département a utilisé %1 crédits du %2 au %3.</translation>
    </message>
    <message>
        <source>You used %1 credits from %2 to %3.</source>
        <translation>Vous avez utilisé %1 crédits du %2 au %3.</translation>
    </message>
    <message>
        <source>%1 credits of the limit are left.</source>
        <translation>Il reste %1 crédits sur la limite.</translation>
    </message>
    <message>
        <source>Warning: %1% of the limit is used.</source>
        <translation>Avertissement : %1 % de la limite est utilisé.</translation>
    </message>
    <message>
        <source>Critical: %1% of the limit is used.</source>
        <translation>Critique : %1 % de la limite est utilisé.</translation>
    </message>
    <message>
        <source>No limit of your own applies.</source>
        <translation>Aucune limite personnelle ne s’applique.</translation>
    </message>
    <message>
        <source>The organization&apos;s pool has %1 credits available.</source>
        <translation>Le pool de l’organisation dispose de %1 crédits.</translation>
    </message>
    <message>
        <source>Known when the server answers</source>
        <translation>Connu dès que le serveur répond</translation>
    </message>
</context>
<context>
    <name>creditdesk::DateRangeSelector</name>
    <message>
        <source>Date range</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Toute période</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Période personnalisée</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Date de fin</translation>
    </message>
</context>
<context>
    <name>creditdesk::DepartmentBudgetModel</name>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <extracomment>used credits of a budget: &quot;1,200 of 5,000 (24 %)&quot;</extracomment>
        <translation>%1 sur %2 (%3 %)</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Used this period</source>
        <translation>Utilisé sur la période</translation>
    </message>
    <message>
        <source>Enforcement</source>
        <translation>Application</translation>
    </message>
</context>
<context>
    <name>creditdesk::ForecastPanel</name>
    <message>
        <source>Forecast</source>
        <translation>Prévision</translation>
    </message>
    <message>
        <source>Credits run out:</source>
        <translation>Crédits épuisés le :</translation>
    </message>
    <message>
        <source>Run-out date</source>
        <translation>Date d’épuisement des crédits</translation>
    </message>
    <message>
        <source>Burn rate:</source>
        <translation>Rythme de consommation :</translation>
    </message>
    <message>
        <source>Forecast burn rate</source>
        <translation>Rythme de consommation prévu</translation>
    </message>
    <message>
        <source>This period:</source>
        <translation>Cette période :</translation>
    </message>
    <message>
        <source>Period projection</source>
        <translation>Projection de la période</translation>
    </message>
    <message>
        <source>Limit and pool:</source>
        <translation>Limite et pool :</translation>
    </message>
    <message>
        <source>Own limit and pool</source>
        <translation>Limite personnelle et pool</translation>
    </message>
    <message>
        <source>Expiring unused:</source>
        <translation>Expirent inutilisés :</translation>
    </message>
    <message>
        <source>Expiring credits</source>
        <translation>Crédits qui expirent</translation>
    </message>
    <message>
        <source>%1 credits</source>
        <translation>%1 crédits</translation>
    </message>
    <message>
        <source>Not available: the server has not answered.</source>
        <translation>Indisponible : le serveur n’a pas répondu.</translation>
    </message>
    <message>
        <source>Not at the current rate</source>
        <translation>Jamais au rythme actuel</translation>
    </message>
    <message>
        <source>%1 a day over the last 7 days, %2 a day over the last 30 days</source>
        <translation>%1 par jour sur les 7 derniers jours, %2 par jour sur les 30 derniers jours</translation>
    </message>
    <message>
        <source>%1 used so far, %2 projected for the whole period</source>
        <translation>%1 utilisés jusqu’ici, %2 prévus pour toute la période</translation>
    </message>
    <message>
        <source>against an allowance of %1 (%2%)</source>
        <translation>pour une allocation de %1 (%2 %)</translation>
    </message>
    <message>
        <source>%1 left of your limit; the organization&apos;s pool has %2 available</source>
        <translation>il reste %1 sur votre limite ; le pool de l’organisation dispose de %2</translation>
    </message>
    <message>
        <source>No limit; the organization&apos;s pool has %1 available</source>
        <translation>Aucune limite ; le pool de l’organisation dispose de %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 le %2</translation>
    </message>
    <message>
        <source>None at the current rate</source>
        <translation>Aucun au rythme actuel</translation>
    </message>
</context>
<context>
    <name>creditdesk::GrantsModel</name>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>Dotation</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Restant</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Montant accordé</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expiration</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Plan allowance</source>
        <translation>Quota du forfait</translation>
    </message>
    <message>
        <source>Daily refresh</source>
        <translation>Renouvellement quotidien</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>Ajustement</translation>
    </message>
    <message numerus="yes">
        <source>%1 (in %Ln day(s))</source>
        <translation>
            <numerusform>%1 (dans %Ln jour)</numerusform>
            <numerusform>%1 (dans %Ln jours)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::InviteDialog</name>
    <message>
        <source>Invite a member</source>
        <translation>Inviter un membre</translation>
    </message>
    <message>
        <source>The person gets a one-time invitation code. They choose their own password when they accept it; you never see it.</source>
        <translation>La personne reçoit un code d&apos;invitation à usage unique. Elle choisit son propre mot de passe en l&apos;acceptant ; vous ne le voyez jamais.</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@example.com</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail :</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Aucun service</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>Invitation code</source>
        <translation>Code d&apos;invitation</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>This code is shown only now. Send it to the person with the server address; they choose &quot;I have an invitation&quot; when signing in.</source>
        <translation>Ce code n&apos;est affiché que maintenant. Envoyez-le à la personne avec l&apos;adresse du serveur ; elle choisit « J&apos;ai une invitation » à la connexion.</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>&amp;Inviter</translation>
    </message>
    <message>
        <source>The invitation code is on the clipboard.</source>
        <translation>Le code d&apos;invitation est dans le presse-papiers.</translation>
    </message>
    <message>
        <source>%1 is invited. The invitation expires on %2.</source>
        <translation>%1 est invité(e). L&apos;invitation expire le %2.</translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoiceDialog</name>
    <message>
        <source>Tax ID: %1</source>
        <translation>Numéro fiscal : %1</translation>
    </message>
    <message>
        <source>(not configured)</source>
        <translation>(non configuré)</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Virement bancaire</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Remboursé</translation>
    </message>
    <message>
        <source>View PDF</source>
        <translation>Afficher le PDF</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Enregistrer le PDF…</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Opérateur :</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Annuler…</translation>
    </message>
    <message>
        <source>Mark paid…</source>
        <translation>Marquer comme payée…</translation>
    </message>
    <message>
        <source>Credit note…</source>
        <translation>Avoir…</translation>
    </message>
    <message>
        <source>Draft invoice</source>
        <translation>Projet de facture</translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <translation>Facture %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Statut : %1</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>Émise : %1</translation>
    </message>
    <message>
        <source>Due: %1</source>
        <translation>Échéance : %1</translation>
    </message>
    <message>
        <source>Period: %1 – %2</source>
        <translation>Période : %1 – %2</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Bill to</source>
        <translation>Facturé à</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Remises</translation>
    </message>
    <message>
        <source>%1 %2 % on %3</source>
        <extracomment>A tax line: &quot;VAT 19 % on $100.00&quot; (%1 its name, %2 the rate&apos;s number, %3 the taxable amount)</extracomment>
        <translation>%1 %2 % sur %3</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Taxe</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Montant dû</translation>
    </message>
    <message>
        <source>Paid by %1 on %2</source>
        <translation>Payée par %1 le %2</translation>
    </message>
    <message>
        <source>, reference %1</source>
        <translation>, référence %1</translation>
    </message>
    <message>
        <source>Credit notes</source>
        <translation>Avoirs</translation>
    </message>
    <message>
        <source>%1, %2: %3 (%4)</source>
        <extracomment>A credit note: &quot;CN-2026-000007, 2026-03-01: $10.00 (goodwill)&quot;</extracomment>
        <translation>%1, %2 : %3 (%4)</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <source>%1: %2 by %3, %4</source>
        <translation>%1 : %2 par %3, %4</translation>
    </message>
    <message>
        <source>The PDF could not be fetched: %1</source>
        <translation>Le PDF n&apos;a pas pu être récupéré : %1</translation>
    </message>
    <message>
        <source>The invoice could not be printed.</source>
        <translation>La facture n&apos;a pas pu être imprimée.</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>Le PDF n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Void invoice</source>
        <translation>Annuler la facture</translation>
    </message>
    <message>
        <source>Void %1? Nothing is due on a void invoice, and this cannot be undone.</source>
        <translation>Annuler %1 ? Rien n&apos;est dû sur une facture annulée, et c&apos;est irréversible.</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>No card payments for this invoice.</source>
        <translation>Aucun paiement par carte pour cette facture.</translation>
    </message>
    <message>
        <source>Pay with PayPal…</source>
        <translation>Payer avec PayPal…</translation>
    </message>
    <message>
        <source>I have approved — capture</source>
        <translation>J&apos;ai approuvé — encaisser</translation>
    </message>
    <message>
        <source>After approving the payment on PayPal&apos;s page, take it here.</source>
        <translation>Après avoir approuvé le paiement sur la page de PayPal, encaissez-le ici.</translation>
    </message>
    <message>
        <source>PayPal could not be started: %1</source>
        <translation>PayPal n&apos;a pas pu être lancé : %1</translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoiceListView</name>
    <message>
        <source>Invoices</source>
        <translation>Factures</translation>
    </message>
    <message>
        <source>Number or text</source>
        <translation>Numéro ou texte</translation>
    </message>
    <message>
        <source>Search invoices</source>
        <translation>Rechercher des factures</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(projet)</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Émise</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Montant dû</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Filtre de statut</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payée</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Uncollectible</source>
        <translation>Irrécouvrable</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invoice(s)</source>
        <translation>
            <numerusform>%Ln facture</numerusform>
            <numerusform>%Ln factures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln invoice(s) to %1</source>
        <translation>
            <numerusform>%Ln facture exportée vers %1</numerusform>
            <numerusform>%Ln factures exportées vers %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>creditdesk::InvoicesPane</name>
    <message>
        <source>Open…</source>
        <translation>Ouvrir…</translation>
    </message>
    <message>
        <source>Billing profile…</source>
        <translation>Profil de facturation…</translation>
    </message>
    <message>
        <source>Manage payment methods</source>
        <translation>Gérer les moyens de paiement</translation>
    </message>
    <message>
        <source>Buy credits…</source>
        <translation>Acheter des crédits…</translation>
    </message>
    <message>
        <source>Auto-recharge…</source>
        <translation>Recharge automatique…</translation>
    </message>
    <message>
        <source>Tax report…</source>
        <translation>Rapport fiscal…</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Factures</translation>
    </message>
    <message>
        <source>Open the selected invoice</source>
        <translation>Ouvrir la facture sélectionnée</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>Motif de l&apos;échec</translation>
    </message>
    <message>
        <source>Loading payments…</source>
        <translation>Chargement des paiements…</translation>
    </message>
    <message>
        <source>This server does not list payments yet.</source>
        <translation>Ce serveur ne liste pas encore les paiements.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln payment(s), newest first</source>
        <translation>
            <numerusform>%Ln paiement, le plus récent d&apos;abord</numerusform>
            <numerusform>%Ln paiements, les plus récents d&apos;abord</numerusform>
        </translation>
    </message>
    <message>
        <source>Billing profile saved; it applies to the next invoices.</source>
        <translation>Profil de facturation enregistré ; il s&apos;applique aux prochaines factures.</translation>
    </message>
    <message>
        <source>The payment-method page could not be opened: %1</source>
        <translation>La page des moyens de paiement n&apos;a pas pu être ouverte : %1</translation>
    </message>
    <message>
        <source>Payment methods opened in your browser.</source>
        <translation>Moyens de paiement ouverts dans votre navigateur.</translation>
    </message>
    <message>
        <source>Purchase booked on invoice %1.</source>
        <translation>Achat enregistré sur la facture %1.</translation>
    </message>
    <message>
        <source>Auto-recharge is on.</source>
        <translation>La recharge automatique est activée.</translation>
    </message>
    <message>
        <source>Auto-recharge is off.</source>
        <translation>La recharge automatique est désactivée.</translation>
    </message>
    <message>
        <source>Tax report saved to %1</source>
        <translation>Rapport fiscal enregistré dans %1</translation>
    </message>
    <message>
        <source>No card payments yet. An invoice paid by bank transfer or PayPal says so on the invoice.</source>
        <translation>Aucun paiement par carte pour l&apos;instant. Une facture payée par virement ou par PayPal l&apos;indique sur la facture.</translation>
    </message>
</context>
<context>
    <name>creditdesk::LocalServer</name>
    <message>
        <source>The demo server stopped (exit code %1): %2</source>
        <translation>Le serveur de démonstration s’est arrêté (code de sortie %1) : %2</translation>
    </message>
    <message>
        <source>creditdesk-server was not found. Build it (scripts/build) or set CREDITDESK_SERVER to its path.</source>
        <translation>creditdesk-server est introuvable. Compilez-le (scripts/build) ou indiquez son chemin dans CREDITDESK_SERVER.</translation>
    </message>
    <message>
        <source>Preparing the demo data…</source>
        <translation>Préparation des données de démonstration…</translation>
    </message>
    <message>
        <source>Seeding the demo database failed: %1</source>
        <translation>Le remplissage de la base de démonstration a échoué : %1</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Démarrage du serveur de démonstration…</translation>
    </message>
    <message>
        <source>The demo server stopped unexpectedly; restarting it…</source>
        <translation>Le serveur de démo s’est arrêté de manière inattendue ; redémarrage…</translation>
    </message>
    <message>
        <source>The demo server stopped unexpectedly again (exit code %1). Close and reopen the console to restart it.</source>
        <translation>Le serveur de démo s’est de nouveau arrêté de manière inattendue (code de sortie %1). Fermez puis rouvrez la console pour le redémarrer.</translation>
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
        <translation>Information</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Syncing… %1 new rows</source>
        <translation>Synchronisation… %1 nouvelles lignes</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>&amp;Démo</translation>
    </message>
    <message>
        <source>View as &amp;admin</source>
        <translation>Voir avec le rôle &amp;Administrateur</translation>
    </message>
    <message>
        <source>View as &amp;finance</source>
        <translation>Voir avec le rôle &amp;Finance</translation>
    </message>
    <message>
        <source>View as &amp;member</source>
        <translation>Voir avec le rôle &amp;Membre</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;About CreditDesk</source>
        <translation>À &amp;propos de CreditDesk</translation>
    </message>
    <message>
        <source>About CreditDesk</source>
        <translation>À propos de CreditDesk</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Connecté en tant que</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progression de la synchronisation</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>CreditDesk (demo)</source>
        <translation>CreditDesk (démo)</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>Rôle : %1</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Dernière synchronisation : %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
    <message>
        <source>○ Offline (read-only)</source>
        <translation>○ Hors ligne (lecture seule)</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>le %1</translation>
    </message>
    <message>
        <source>so far</source>
        <translation>jusqu’ici</translation>
    </message>
    <message>
        <source>You are not signed in. Sign in to see your organization&apos;s credits and transactions.</source>
        <translation>Vous n’êtes pas connecté. Connectez-vous pour voir les crédits et les transactions de votre organisation.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>&lt;b&gt;CreditDesk %1&lt;/b&gt;&lt;p&gt;Credits, usage and billing for AI platforms.&lt;/p&gt;&lt;p&gt;1 credit = $0.00004; $1 = 25,000 credits.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%2&quot;&gt;User guide&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;b&gt;CreditDesk %1&lt;/b&gt;&lt;p&gt;Crédits, consommation et facturation pour les plateformes d’IA.&lt;/p&gt;&lt;p&gt;1 crédit = 0,00004 $ ; 1 $ = 25 000 crédits.&lt;/p&gt;&lt;p&gt;Distribué sous licence Apache 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%2&quot;&gt;Guide de l’utilisateur&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation>Le serveur est injoignable.</translation>
    </message>
    <message>
        <source>Offline: %1 Showing the data cached %2; it is read-only and catches up by itself when the server is back.</source>
        <translation>Hors ligne : %1 Affichage des données mises en cache %2 ; elles sont en lecture seule et se mettront à jour automatiquement dès que le serveur sera de nouveau disponible.</translation>
    </message>
    <message>
        <source>&amp;Redeem coupon…</source>
        <translation>&amp;Utiliser un coupon…</translation>
    </message>
    <message>
        <source>&amp;Accept invitation…</source>
        <translation>&amp;Accepter une invitation…</translation>
    </message>
</context>
<context>
    <name>creditdesk::MarkPaidDialog</name>
    <message>
        <source>Mark %1 paid</source>
        <translation>Marquer %1 comme payée</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Virement bancaire</translation>
    </message>
    <message>
        <source>PayPal</source>
        <translation>PayPal</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Moyen de paiement</translation>
    </message>
    <message>
        <source>Payment reference</source>
        <translation>Référence du paiement</translation>
    </message>
    <message>
        <source>e.g. the bank&apos;s transaction reference</source>
        <translation>p. ex. la référence de la transaction bancaire</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Moyen :</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Référence :</translation>
    </message>
</context>
<context>
    <name>creditdesk::MemberDialog</name>
    <message>
        <source>Change %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle :</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Aucun service</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Service :</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
</context>
<context>
    <name>creditdesk::NotificationPreferencesModel</name>
    <message>
        <source>On</source>
        <translation>Activé</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <source>In the console</source>
        <translation>Dans la console</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>Par e-mail</translation>
    </message>
</context>
<context>
    <name>creditdesk::OrgMembersModel</name>
    <message>
        <source>No department</source>
        <translation>Aucun service</translation>
    </message>
    <message>
        <source>Pending invitations</source>
        <translation>Invitations en attente</translation>
    </message>
    <message>
        <source>Last sign-in: %1
Last usage: %2</source>
        <translation>Dernière connexion : %1
Dernière utilisation : %2</translation>
    </message>
    <message>
        <source>Invited, until %1</source>
        <translation>Invité(e), jusqu&apos;au %1</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>Réservée</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Last active</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Usage this period</source>
        <translation>Consommation de la période</translation>
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
        <translation>Problème</translation>
    </message>
    <message>
        <source>Seats:</source>
        <translation>Places :</translation>
    </message>
    <message>
        <source>Seats in use</source>
        <translation>Places occupées</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>&amp;Buy seats…</source>
        <translation>&amp;Acheter des places…</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>&amp;Inviter…</translation>
    </message>
    <message>
        <source>&amp;Change role or department…</source>
        <translation>&amp;Changer de rôle ou de service…</translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation>&amp;Suspendre</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>Ré&amp;activer</translation>
    </message>
    <message>
        <source>Spending &amp;limit…</source>
        <translation>&amp;Plafond de dépenses…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Retirer…</translation>
    </message>
    <message>
        <source>Re&amp;voke invitation</source>
        <translation>Ré&amp;voquer l&apos;invitation</translation>
    </message>
    <message>
        <source>Members by department</source>
        <translation>Membres par service</translation>
    </message>
    <message>
        <source>&amp;Members</source>
        <translation>&amp;Membres</translation>
    </message>
    <message>
        <source>&amp;Edit budget…</source>
        <translation>&amp;Modifier le budget…</translation>
    </message>
    <message>
        <source>As&amp;k for a budget…</source>
        <translation>&amp;Demander un budget…</translation>
    </message>
    <message>
        <source>Department budgets</source>
        <translation>Budgets des services</translation>
    </message>
    <message>
        <source>Budget requests</source>
        <translation>Demandes de budget</translation>
    </message>
    <message>
        <source>A&amp;pprove…</source>
        <translation>&amp;Approuver…</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>Re&amp;fuser…</translation>
    </message>
    <message>
        <source>Budget history</source>
        <translation>Historique des budgets</translation>
    </message>
    <message>
        <source>&amp;Budgets</source>
        <translation>&amp;Budgets</translation>
    </message>
    <message>
        <source>&amp;New role…</source>
        <translation>&amp;Nouveau rôle…</translation>
    </message>
    <message>
        <source>&amp;Edit role…</source>
        <translation>&amp;Modifier le rôle…</translation>
    </message>
    <message>
        <source>&amp;Delete role</source>
        <translation>&amp;Supprimer le rôle</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rôles</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Autorisations</translation>
    </message>
    <message>
        <source>&amp;Roles</source>
        <translation>&amp;Rôles</translation>
    </message>
    <message>
        <source>Delete role</source>
        <translation>Supprimer le rôle</translation>
    </message>
    <message>
        <source>Delete the role %1? Members must not hold it any more.</source>
        <translation>Supprimer le rôle %1 ? Plus aucun membre ne doit le détenir.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>The server cannot be reached. Showing what it said at %1.</source>
        <translation>Le serveur est injoignable. Affichage de sa réponse de %1.</translation>
    </message>
    <message>
        <source>The server cannot be reached. The organization&apos;s members appear when it is back.</source>
        <translation>Le serveur est injoignable. Les membres de l&apos;organisation apparaîtront à son retour.</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n membre</numerusform>
            <numerusform>%n membres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending invitation(s)</source>
        <translation>
            <numerusform>%n invitation en attente</numerusform>
            <numerusform>%n invitations en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 assigned, %3 pending, %4 free</source>
        <extracomment>seats: &quot;7 of 10 assigned, 1 pending invitation, 2 free&quot;</extracomment>
        <translation>%1 sur %2 attribuées, %3 en attente, %4 libres</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>Prédéfini</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisé</translation>
    </message>
    <message>
        <source>%1 is invited.</source>
        <translation>%1 est invité(e).</translation>
    </message>
    <message>
        <source>Seats changed: %1 in total.</source>
        <translation>Places modifiées : %1 au total.</translation>
    </message>
    <message>
        <source>Budget request sent.</source>
        <translation>Demande de budget envoyée.</translation>
    </message>
    <message>
        <source>%1 is suspended.</source>
        <translation>%1 est suspendu(e).</translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>%1 est de nouveau actif/active.</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Retirer le membre</translation>
    </message>
    <message>
        <source>Remove %1 from %2? Their seat becomes free; their history stays.</source>
        <translation>Retirer %1 de %2 ? Sa place se libère ; son historique reste.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>%1 is removed.</source>
        <translation>%1 est retiré(e).</translation>
    </message>
    <message>
        <source>The invitation of %1 is revoked.</source>
        <translation>L&apos;invitation de %1 est révoquée.</translation>
    </message>
    <message>
        <source>Approve budget request</source>
        <translation>Approuver la demande de budget</translation>
    </message>
    <message>
        <source>Reject budget request</source>
        <translation>Refuser la demande de budget</translation>
    </message>
    <message>
        <source>Note for the requester (optional):</source>
        <translation>Note pour le demandeur (facultatif) :</translation>
    </message>
    <message>
        <source>The budget request is approved.</source>
        <translation>La demande de budget est approuvée.</translation>
    </message>
    <message>
        <source>The budget request is rejected.</source>
        <translation>La demande de budget est refusée.</translation>
    </message>
    <message>
        <source>The role is deleted.</source>
        <translation>Le rôle est supprimé.</translation>
    </message>
    <message>
        <source>Seats changed: %1 in total; %2 charged now.</source>
        <translation>Places modifiées : %1 au total ; %2 débités maintenant.</translation>
    </message>
</context>
<context>
    <name>creditdesk::Pane</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>Export transactions</source>
        <translation>Exporter les transactions</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Forfaits</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>Coupons</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Enregistrer le PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Factures</translation>
    </message>
</context>
<context>
    <name>creditdesk::PdfViewerDialog</name>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Enregistrer le PDF…</translation>
    </message>
</context>
<context>
    <name>creditdesk::PlanComparisonModel</name>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Credits per month</source>
        <translation>Crédits par mois</translation>
    </message>
    <message>
        <source>Worth</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Markup on usage</source>
        <translation>Majoration sur l’usage</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Own provider keys (BYOK)</source>
        <translation>Clés de fournisseur propres (BYOK)</translation>
    </message>
    <message>
        <source>Seats included</source>
        <translation>Postes inclus</translation>
    </message>
    <message>
        <source>Extra seat</source>
        <translation>Poste supplémentaire</translation>
    </message>
    <message>
        <source>Concurrent tasks</source>
        <translation>Tâches simultanées</translation>
    </message>
    <message>
        <source>Sign-up credits</source>
        <translation>Crédits d’inscription</translation>
    </message>
    <message>
        <source>Daily refresh</source>
        <translation>Renouvellement quotidien</translation>
    </message>
    <message>
        <source>First-month bonus</source>
        <translation>Bonus du premier mois</translation>
    </message>
    <message>
        <source>Unused credits roll over</source>
        <translation>Report des crédits inutilisés</translation>
    </message>
    <message>
        <source>Free trial</source>
        <translation>Essai gratuit</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>%1 / seat</source>
        <translation>%1 / poste</translation>
    </message>
    <message>
        <source>%1 / day</source>
        <translation>%1 / jour</translation>
    </message>
    <message>
        <source>Up to %1</source>
        <translation>Jusqu’à %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s), %1 credits</source>
        <translation>
            <numerusform>%n jour, %1 crédits</numerusform>
            <numerusform>%n jours, %1 crédits</numerusform>
        </translation>
    </message>
    <message>
        <source>Included</source>
        <translation>Inclus</translation>
    </message>
    <message>
        <source>Not included</source>
        <translation>Non inclus</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (actuel)</translation>
    </message>
</context>
<context>
    <name>creditdesk::PlansPane</name>
    <message>
        <source>Plans</source>
        <translation>Forfaits</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Forfait</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Current period</source>
        <translation>Période en cours</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Renouvellement</translation>
    </message>
    <message>
        <source>Scheduled change</source>
        <translation>Changement prévu</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Forfait :</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Statut :</translation>
    </message>
    <message>
        <source>Current period:</source>
        <translation>Période en cours :</translation>
    </message>
    <message>
        <source>Renewal:</source>
        <translation>Renouvellement :</translation>
    </message>
    <message>
        <source>Scheduled change:</source>
        <translation>Changement prévu :</translation>
    </message>
    <message>
        <source>Discount:</source>
        <translation>Remise :</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Prix :</translation>
    </message>
    <message>
        <source>Cancel at the end of the period…</source>
        <translation>Résilier en fin de période…</translation>
    </message>
    <message>
        <source>Keep the plan (resume)</source>
        <translation>Garder le forfait (reprendre)</translation>
    </message>
    <message>
        <source>Redeem coupon…</source>
        <translation>Utiliser un coupon…</translation>
    </message>
    <message>
        <source>Compare plans</source>
        <translation>Comparer les forfaits</translation>
    </message>
    <message>
        <source>Plan comparison</source>
        <translation>Comparaison des forfaits</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Subscription history</source>
        <translation>Historique de l’abonnement</translation>
    </message>
    <message>
        <source>Your personal plan</source>
        <translation>Votre forfait personnel</translation>
    </message>
    <message>
        <source>Subscription of %1</source>
        <translation>Abonnement de %1</translation>
    </message>
    <message>
        <source>%1 Plans and the subscription are shown as the server last said.</source>
        <translation>%1 Les forfaits et l’abonnement sont affichés tels que le serveur les a indiqués en dernier.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Trial until %1</source>
        <translation>Essai jusqu’au %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <source>Cancels on %1; the account then moves to %2.</source>
        <translation>Prend fin le %1 ; le compte passe alors à %2.</translation>
    </message>
    <message>
        <source>Renews on %1</source>
        <translation>Renouvelé le %1</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 à partir du %2</translation>
    </message>
    <message>
        <source>%1 (%2) from %3</source>
        <translation>%1 (%2) à partir du %3</translation>
    </message>
    <message>
        <source>%1 off as a verified institution</source>
        <translation>%1 de remise en tant qu’institution vérifiée</translation>
    </message>
    <message>
        <source>%1, with %2 each period</source>
        <translation>%1, avec %2 par période</translation>
    </message>
    <message>
        <source>Switch to %1…</source>
        <translation>Passer à %1…</translation>
    </message>
    <message>
        <source>Stay on %1…</source>
        <translation>Rester sur %1…</translation>
    </message>
    <message>
        <source>Only the owners and admins of %1 can change its plan or redeem coupons for it.</source>
        <translation>Seuls les propriétaires et administrateurs de %1 peuvent changer son forfait ou utiliser des coupons pour elle.</translation>
    </message>
    <message>
        <source>Switched to %1.</source>
        <translation>Passé à %1.</translation>
    </message>
    <message>
        <source>%1 starts on %2.</source>
        <translation>%1 commence le %2.</translation>
    </message>
    <message>
        <source>Cancel plan</source>
        <translation>Résilier le forfait</translation>
    </message>
    <message>
        <source>Cancel %1 at the end of the current period, on %2? Until then everything stays as it is; then the account moves to %3. You can take this back until then.</source>
        <translation>Résilier %1 à la fin de la période en cours, le %2 ? D’ici là, rien ne change ; ensuite le compte passe à %3. Vous pouvez revenir sur ce choix d’ici là.</translation>
    </message>
    <message>
        <source>Cancel at period end</source>
        <translation>Résilier en fin de période</translation>
    </message>
    <message>
        <source>Keep the plan</source>
        <translation>Garder le forfait</translation>
    </message>
    <message>
        <source>The plan ends on %1.</source>
        <translation>Le forfait prend fin le %1.</translation>
    </message>
    <message>
        <source>The plan renews on %1.</source>
        <translation>Le forfait se renouvelle le %1.</translation>
    </message>
</context>
<context>
    <name>creditdesk::RedeemCouponDialog</name>
    <message>
        <source>Redeem coupon</source>
        <translation>Utiliser un coupon</translation>
    </message>
    <message>
        <source>Enter the code of a coupon. It is checked as you type.</source>
        <translation>Saisissez le code d’un coupon. Il est vérifié pendant la saisie.</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>Code du coupon</translation>
    </message>
    <message>
        <source>e.g. WELCOME25</source>
        <translation>p. ex. WELCOME25</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Pour :</translation>
    </message>
    <message>
        <source>What the coupon gives</source>
        <translation>Ce que donne le coupon</translation>
    </message>
    <message>
        <source>&amp;Redeem</source>
        <translation>&amp;Utiliser</translation>
    </message>
    <message>
        <source>Sign in to redeem a coupon.</source>
        <translation>Connectez-vous pour utiliser un coupon.</translation>
    </message>
    <message>
        <source>Your personal account</source>
        <translation>Votre compte personnel</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>This code gives %1.</source>
        <translation>Ce code donne : %1.</translation>
    </message>
    <message>
        <source>Redeeming…</source>
        <translation>Utilisation…</translation>
    </message>
    <message>
        <source>Redeemed: %1.</source>
        <translation>Utilisé : %1.</translation>
    </message>
    <message>
        <source>This server does not offer coupons yet.</source>
        <translation>Ce serveur ne propose pas encore de coupons.</translation>
    </message>
</context>
<context>
    <name>creditdesk::RoleEditorDialog</name>
    <message>
        <source>New role</source>
        <translation>Nouveau rôle</translation>
    </message>
    <message>
        <source>Role %1</source>
        <translation>Rôle %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>&amp;Permissions:</source>
        <translation>&amp;Autorisations :</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Autorisations</translation>
    </message>
    <message>
        <source>You do not hold this permission, so you cannot give it.</source>
        <translation>Vous ne détenez pas cette autorisation, vous ne pouvez donc pas la donner.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
</context>
<context>
    <name>creditdesk::SessionController</name>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Votre session a expiré. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Use the form https://billing.example.com.</source>
        <translation>« %1 » n’est pas une adresse de serveur. Utilisez le format https://billing.example.com.</translation>
    </message>
    <message>
        <source>The local cache at %1 cannot be created. Check the disk space and folder permissions.</source>
        <translation>Impossible de créer le cache local dans %1. Vérifiez l’espace disque disponible et les droits d’accès du dossier.</translation>
    </message>
</context>
<context>
    <name>creditdesk::SignInDialog</name>
    <message>
        <source>Sign in to CreditDesk</source>
        <translation>Connexion à CreditDesk</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>URL du serveur</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>vous@example.com</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Se souvenir de moi sur cet o&amp;rdinateur</translation>
    </message>
    <message>
        <source>Keeps the session in the system keychain, never in a file.</source>
        <translation>Conserve la session dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>Trusted CA certificate file</source>
        <translation>Fichier du certificat d’AC de confiance</translation>
    </message>
    <message>
        <source>Only for a server with its own certificate authority</source>
        <translation>Uniquement pour un serveur doté de sa propre autorité de certification</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose CA certificate file</source>
        <translation>Choisir le fichier du certificat d’AC</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur :</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Trust &amp;CA file:</source>
        <translation>Fichier d’A&amp;C de confiance :</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>Message de connexion</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Trusted CA certificate</source>
        <translation>Certificat d’AC de confiance</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer *.der);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <source>Enter the server address, your e-mail address and your password.</source>
        <translation>Saisissez l’adresse du serveur, votre adresse e-mail et votre mot de passe.</translation>
    </message>
    <message>
        <source>I have an &amp;invitation…</source>
        <translation>J&apos;ai une &amp;invitation…</translation>
    </message>
</context>
<context>
    <name>creditdesk::SubscriptionHistoryModel</name>
    <message>
        <source>%1 less a discount of %2</source>
        <translation>%1 moins une remise de %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>Facturé</translation>
    </message>
    <message>
        <source>Credits given</source>
        <translation>Crédits accordés</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
</context>
<context>
    <name>creditdesk::SwitchPlanDialog</name>
    <message>
        <source>Switch to %1</source>
        <translation>Passer à %1</translation>
    </message>
    <message>
        <source>Stay on %1 and drop the scheduled change</source>
        <translation>Rester sur %1 et abandonner le changement prévu</translation>
    </message>
    <message>
        <source>Switch from %1 to %2 (%3)</source>
        <translation>Passer de %1 à %2 (%3)</translation>
    </message>
    <message>
        <source>Pay with</source>
        <translation>Payer avec</translation>
    </message>
    <message>
        <source>Pay &amp;with:</source>
        <translation>Payer a&amp;vec :</translation>
    </message>
    <message>
        <source>Pay now</source>
        <translation>À payer maintenant</translation>
    </message>
    <message>
        <source>Credits now</source>
        <translation>Crédits maintenant</translation>
    </message>
    <message>
        <source>Takes effect</source>
        <translation>Prend effet</translation>
    </message>
    <message>
        <source>Pay now:</source>
        <translation>À payer maintenant :</translation>
    </message>
    <message>
        <source>Credits now:</source>
        <translation>Crédits maintenant :</translation>
    </message>
    <message>
        <source>Takes effect:</source>
        <translation>Prend effet :</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>&amp;Switch to %1</source>
        <translation>&amp;Passer à %1</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Rien</translation>
    </message>
    <message>
        <source>%1 (%2 less a discount of %3)</source>
        <translation>%1 (%2 moins une remise de %3)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message numerus="yes">
        <source>Now: a free trial of %n day(s) starts</source>
        <translation>
            <numerusform>Immédiatement : un essai gratuit de %n jour commence</numerusform>
            <numerusform>Immédiatement : un essai gratuit de %n jours commence</numerusform>
        </translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Immédiatement</translation>
    </message>
    <message>
        <source>On %1, at the end of the current period</source>
        <translation>Le %1, à la fin de la période en cours</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Interrogation du serveur…</translation>
    </message>
    <message>
        <source>Nothing is charged during the trial. When it ends, the plan costs %1.</source>
        <translation>Rien n’est facturé pendant l’essai. Ensuite, le forfait coûte %1.</translation>
    </message>
    <message numerus="yes">
        <source>The difference in price and credits is prorated for the %n day(s) left in the current period.</source>
        <translation>
            <numerusform>La différence de prix et de crédits est calculée au prorata du %n jour restant de la période en cours.</numerusform>
            <numerusform>La différence de prix et de crédits est calculée au prorata des %n jours restants de la période en cours.</numerusform>
        </translation>
    </message>
    <message>
        <source>Until then %1 and its credits stay as they are.</source>
        <translation>D’ici là, %1 et ses crédits restent inchangés.</translation>
    </message>
    <message>
        <source>The %1 plan cannot be paid this way.</source>
        <translation>Le forfait %1 ne peut pas être payé de cette façon.</translation>
    </message>
</context>
<context>
    <name>creditdesk::SyncEngine</name>
    <message>
        <source>cannot write the cache</source>
        <translation>impossible d’écrire dans le cache</translation>
    </message>
</context>
<context>
    <name>creditdesk::TaxReportDialog</name>
    <message>
        <source>Tax report</source>
        <translation>Rapport fiscal</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Every customer&apos;s invoices issued in the range, per jurisdiction and rate, less credit notes issued in it.</source>
        <translation>Les factures de tous les clients émises sur la période, par juridiction et par taux, moins les avoirs émis sur la période.</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Du :</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Au :</translation>
    </message>
    <message>
        <source>The end date must not be before the start date.</source>
        <translation>La date de fin ne doit pas précéder la date de début.</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Non enregistré.</translation>
    </message>
</context>
<context>
    <name>creditdesk::TransactionsPane</name>
    <message>
        <source>All members</source>
        <translation>Tous les membres</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Tous les services</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>Kind filter</source>
        <translation>Filtre par type</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <source>Member filter</source>
        <translation>Filtre par membre</translation>
    </message>
    <message>
        <source>Department filter</source>
        <translation>Filtre par service</translation>
    </message>
    <message>
        <source>Search reference, note or number</source>
        <translation>Rechercher une référence, une note ou un numéro</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Export the filtered transactions as CSV</source>
        <translation>Exporter les transactions filtrées en CSV</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Transaction details</source>
        <translation>Détails de la transaction</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transaction</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Numéro de séquence</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Grant kind</source>
        <translation>Type de dotation</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>Solde après</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>Effectuée par</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Refund of</source>
        <translation>Remboursement de</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Réservation</translation>
    </message>
    <message>
        <source>Number of matching transactions</source>
        <translation>Nombre de transactions correspondantes</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Progression de l’exportation</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>Annuler l’exportation</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>L’exportation a échoué : %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Comptage en cours…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln transaction(s) to %1</source>
        <translation>
            <numerusform>%Ln transaction exportée vers %1</numerusform>
            <numerusform>%Ln transactions exportées vers %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln transaction(s)</source>
        <translation>
            <numerusform>%Ln transaction</numerusform>
            <numerusform>%Ln transactions</numerusform>
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
        <translation>Crédits</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Jetons</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>Figure shown</source>
        <translation>Valeur affichée</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <source>Save &amp;chart as image…</source>
        <translation>Enregistrer le &amp;graphique comme image…</translation>
    </message>
    <message>
        <source>E&amp;xport table…</source>
        <translation>E&amp;xporter le tableau…</translation>
    </message>
    <message>
        <source>Usage status</source>
        <translation>État de l’utilisation</translation>
    </message>
    <message>
        <source>Usage grouping</source>
        <translation>Regroupement de l’utilisation</translation>
    </message>
    <message>
        <source>By model</source>
        <translation>Par modèle</translation>
    </message>
    <message>
        <source>By member</source>
        <translation>Par membre</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>Par département</translation>
    </message>
    <message>
        <source>Usage table</source>
        <translation>Tableau de l’utilisation</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Recommandations</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>%n ligne exportée vers %1</numerusform>
            <numerusform>%n lignes exportées vers %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Échec de l’export : %1</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autres</translation>
    </message>
    <message>
        <source>The server cannot be reached. Showing what it said at %1.</source>
        <translation>Le serveur est injoignable. Affichage de sa réponse du %1.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Usage appears when it is back.</source>
        <translation>Le serveur est injoignable. L’utilisation s’affichera à son retour.</translation>
    </message>
    <message>
        <source>%1 per day by model</source>
        <translation>%1 par jour et par modèle</translation>
    </message>
    <message>
        <source>%1 by model</source>
        <translation>%1 par modèle</translation>
    </message>
    <message>
        <source>%1 by member</source>
        <translation>%1 par membre</translation>
    </message>
    <message>
        <source>%1 by department</source>
        <translation>%1 par département</translation>
    </message>
    <message>
        <source>%1 (saves about %2 credits a month)</source>
        <translation>%1 (économise environ %2 crédits par mois)</translation>
    </message>
    <message>
        <source>Nothing to recommend for this usage.</source>
        <translation>Aucune recommandation pour cette utilisation.</translation>
    </message>
    <message>
        <source>Saved the chart to %1</source>
        <translation>Graphique enregistré dans %1</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1</source>
        <translation>Impossible d’enregistrer le graphique dans %1</translation>
    </message>
</context>
<context>
    <name>creditdesk::UsageTableModel</name>
    <message>
        <source>Not attributed to a member</source>
        <translation>Attribué à aucun membre</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>Membre %1</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>Aucun département</translation>
    </message>
    <message>
        <source>Department %1</source>
        <translation>Département %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Membre</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Requêtes</translation>
    </message>
    <message>
        <source>Input tokens</source>
        <translation>Jetons en entrée</translation>
    </message>
    <message>
        <source>Output tokens</source>
        <translation>Jetons en sortie</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Crédits</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
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
        <translation>pas de réponse</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Dernière tentative</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Prochaine tentative</translation>
    </message>
</context>
<context>
    <name>creditdesk::WebhookEndpointDialog</name>
    <message>
        <source>Add webhook endpoint</source>
        <translation>Ajouter un point de terminaison webhook</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>URL du point de terminaison</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL :</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <source>Each delivery is signed with a secret that is shown once, after adding.</source>
        <translation>Chaque livraison est signée avec un secret affiché une seule fois, après l&apos;ajout.</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Ajout…</translation>
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
        <translation>Événements</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
</context>
<context>
    <name>creditdesk::WebhookSecretDialog</name>
    <message>
        <source>Webhook signing secret</source>
        <translation>Secret de signature du webhook</translation>
    </message>
    <message>
        <source>The endpoint %1 was added. Deliveries to it are signed with this secret (header CreditDesk-Signature):</source>
        <translation>Le point de terminaison %1 a été ajouté. Les livraisons vers lui sont signées avec ce secret (en-tête CreditDesk-Signature) :</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>Secret de signature</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the secret</source>
        <translation>Copier le secret</translation>
    </message>
    <message>
        <source>Copy it now and keep it safe: you will not see it again. If it is lost, delete the endpoint and add it again.</source>
        <translation>Copiez-le maintenant et conservez-le en lieu sûr : vous ne le reverrez plus. S&apos;il est perdu, supprimez le point de terminaison et ajoutez-le à nouveau.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>CreditDesk console</source>
        <translation>Console CreditDesk</translation>
    </message>
    <message>
        <source>Start a local demo server and sign in to it.</source>
        <translation>Démarrer un serveur de démonstration local et s’y connecter.</translation>
    </message>
    <message>
        <source>The creditdesk-server to run in demo mode.</source>
        <translation>Le creditdesk-server à exécuter en mode démonstration.</translation>
    </message>
</context>
</TS>
