<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
</context>
<context>
    <name>creditdesk::SyncEngine</name>
    <message>
        <source>cannot write the cache</source>
        <translation>impossible d’écrire dans le cache</translation>
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
