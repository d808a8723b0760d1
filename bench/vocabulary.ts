// Helpdesk vocabulary for the bench fixtures: French and English tickets, replies and notes
// built from templates with slots, so that full-text search meets common words (imprimante,
// password, VPN), rare ones (asset tags, error codes) and accented French alike.

export type Lang = 'fr' | 'en';

export const ORGANISATIONS = [
  { name: 'Mairie de Villeurbanne', domain: 'mairie-villeurbanne.test' },
  { name: 'Clinique Saint-Joseph', domain: 'clinique-stjoseph.test' },
  { name: 'Acme Logistics', domain: 'acme-logistics.test' },
  { name: 'Banque Verte', domain: 'banqueverte.test' },
  { name: 'Northwind Traders', domain: 'northwind.test' },
  { name: 'Éditions du Rhône', domain: 'editions-rhone.test' },
  { name: 'Cabinet Lefèvre Avocats', domain: 'lefevre-avocats.test' },
  { name: 'Contoso Engineering', domain: 'contoso-eng.test' },
] as const;

/** key, name, tier, and how much of the ticket flow lands there. */
export const GROUPS = [
  { key: 'sd', name: 'Service Desk N1', tier: 1, weight: 40 },
  { key: 'desktop', name: 'Proximité / Desktop support', tier: 1, weight: 20 },
  { key: 'network', name: 'Réseau & Télécom', tier: 2, weight: 12 },
  { key: 'apps', name: 'Applications métier', tier: 2, weight: 12 },
  { key: 'systems', name: 'Systèmes & Cloud', tier: 2, weight: 8 },
  { key: 'security', name: 'Sécurité', tier: 3, weight: 4 },
  { key: 'expert', name: 'Expertise N3', tier: 3, weight: 4 },
] as const;
export type GroupKey = (typeof GROUPS)[number]['key'];

export const CATEGORIES: Record<string, string[]> = {
  Matériel: ['Poste de travail', 'Imprimante', 'Écran', 'Téléphone mobile'],
  Logiciel: ['Messagerie', 'Bureautique', 'Applications métier', 'Installation'],
  Réseau: ['VPN', 'Wi-Fi', 'Téléphonie'],
  Comptes: ['Mot de passe', 'Accès', 'Arrivée / départ'],
  Sécurité: ['Hameçonnage', 'Certificats'],
};

export const FIRST_NAMES = {
  fr: ['Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Jeanne', 'Élodie', 'Hélène', 'Thomas', 'Lucas', 'Hugo', 'Théo', 'Mathéo', 'Jérôme', 'François', 'Benoît', 'Gaëlle', 'Aurélien', 'Noémie', 'Stéphane'],
  en: ['Olivia', 'Emma', 'Amelia', 'Grace', 'Sophie', 'Jack', 'Harry', 'George', 'Oliver', 'Noah', 'James', 'Liam', 'Ethan', 'Ruby', 'Megan'],
};
export const LAST_NAMES = {
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'García', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Müller', 'Bonnet', 'Chevalier', 'Gauthier', 'Perrin', 'Mercier'],
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Walker', 'Thompson', 'Hughes', 'Edwards', 'Clarke'],
};

const PRINTERS = ['HP LaserJet M507', 'Ricoh IM C3000', 'Canon iR-ADV C5535', 'Brother HL-L6400', 'Xerox VersaLink C405', 'Kyocera TASKalfa 2554ci'];
const DEVICES = ['Dell Latitude 5440', 'Lenovo ThinkPad T14', 'HP EliteBook 840', 'MacBook Pro', 'Surface Pro 9', 'Dell OptiPlex 7010'];
const PHONES = ['iPhone 14', 'iPhone SE', 'Samsung Galaxy A54', 'Pixel 7', 'Yealink T54W', 'Cisco 8845'];
const APPS = ['Outlook', 'Teams', 'Excel', 'Word', 'SAP', 'Sage 100', 'Chorus Pro', 'Salesforce', 'OneDrive', 'SharePoint', 'Citrix Workspace', 'Zoom', 'Chrome', 'Firefox', 'Acrobat Reader', 'AutoCAD', 'Pléiade', 'Hélios', 'Ciril GF', 'Doctolib'];
const CODES = ['0x80070005', '0x800CCC0E', '0x80004005', '0xC004F074', '0x8024402C', '0x00000709', '0x000006BA', '0x80190001', 'ERR_CERT_DATE_INVALID', 'ERR_NAME_NOT_RESOLVED', 'DNS_PROBE_FINISHED_NXDOMAIN', 'ORA-12541', 'ORA-28001', 'KDC_ERR_PREAUTH_FAILED', 'AADSTS50076', 'AADSTS700016', 'E_ACCESSDENIED', '809', '691', '720', '0xCAA70004', 'SEC_ERROR_UNKNOWN_ISSUER'];
const SITES = ['Lyon Part-Dieu', 'Villeurbanne', 'Bordeaux', 'Nantes', 'Lille', 'Paris La Défense', 'Montréal', 'Genève', 'Rennes', 'Toulouse Blagnac', 'Marseille', 'Saint-Étienne'];
const SHARES = ['Comptabilité', 'Ressources Humaines', 'Direction financière', 'Marketing', 'Juridique', 'Achats', 'Qualité', 'Paie'];
const ROOMS = ['Mont-Blanc', 'Fourvière', 'Belledonne', 'Vercors', 'Chartreuse', 'Pilat', 'Atrium', 'Boardroom'];
const VPNS = ['FortiClient', 'GlobalProtect', 'Cisco AnyConnect', 'WireGuard'];

export const SLOTS: Record<string, (lang: Lang, pick: <T>(a: readonly T[]) => T, int: (n: number) => number) => string> = {
  printer: (_l, p) => p(PRINTERS),
  device: (_l, p) => p(DEVICES),
  phone: (_l, p) => p(PHONES),
  app: (_l, p) => p(APPS),
  code: (_l, p) => p(CODES),
  site: (_l, p) => p(SITES),
  share: (_l, p) => p(SHARES),
  room: (_l, p) => p(ROOMS),
  vpn: (_l, p) => p(VPNS),
  // Asset tags are nearly unique: the rare terms of the search mix.
  asset: (_l, _p, i) => `PC-${String(i(100_000)).padStart(5, '0')}`,
  floor: (l, p) => (l === 'fr' ? p(['rez-de-chaussée', '1er étage', '2e étage', '3e étage', '4e étage']) : p(['ground floor', '1st floor', '2nd floor', '3rd floor'])),
  when: (l, p) =>
    l === 'fr'
      ? p(['ce matin', 'hier soir', 'depuis lundi', 'depuis la mise à jour de vendredi', 'depuis mon retour de congés', 'par intermittence depuis une semaine'])
      : p(['this morning', 'since yesterday', 'since Monday', "since last Friday's update", 'intermittently for a week', 'since I came back from leave']),
};

export interface TicketTemplate {
  lang: Lang;
  type: 'incident' | 'service_request';
  category: string; // "Parent / Child"
  group: GroupKey;
  titles: string[];
  descriptions: string[];
  resolution: { symptoms: string; diagnosis: string; actions: string; result: string; code: string };
}

const fr = (t: Omit<TicketTemplate, 'lang'>): TicketTemplate => ({ lang: 'fr', ...t });
const en = (t: Omit<TicketTemplate, 'lang'>): TicketTemplate => ({ lang: 'en', ...t });

export const TEMPLATES: TicketTemplate[] = [
  fr({
    type: 'incident', category: 'Matériel / Imprimante', group: 'desktop',
    titles: ["L'imprimante {printer} du {floor} ne répond plus", 'Bourrage papier permanent sur la {printer}', 'Impressions bloquées dans la file d’attente ({site})'],
    descriptions: ["Bonjour,\n\nDepuis {when}, l'imprimante {printer} située au {floor} du site de {site} affiche « bourrage papier » alors qu'aucune feuille n'est coincée. Les impressions restent bloquées dans la file d'attente et le code {code} apparaît sur l'écran de l'imprimante.\n\nMerci de votre aide.", "L'imprimante réseau {printer} n'imprime plus rien {when}. J'ai essayé de l'éteindre et de la rallumer, sans succès. Plusieurs collègues du service {share} sont bloqués."],
    resolution: { symptoms: 'Impressions bloquées', diagnosis: "Pilote d'impression corrompu sur le serveur d'impression", actions: 'Réinstallation du pilote et purge de la file', result: "L'imprimante fonctionne de nouveau", code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Comptes / Mot de passe', group: 'sd',
    titles: ['Mot de passe expiré, impossible de me connecter', 'Compte verrouillé après changement de mot de passe', 'Réinitialisation du mot de passe Windows'],
    descriptions: ['Bonjour, mon mot de passe a expiré {when} et je ne parviens plus à ouvrir ma session sur le poste {asset}. Le message indique que le compte est verrouillé (erreur {code}).', "Après avoir changé mon mot de passe, {app} me redemande sans cesse mes identifiants et mon compte finit verrouillé. Je travaille sur le site de {site}."],
    resolution: { symptoms: 'Compte verrouillé', diagnosis: 'Ancien mot de passe mémorisé sur le smartphone', actions: 'Déverrouillage du compte et suppression des identifiants enregistrés', result: "L'utilisateur peut se connecter", code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Réseau / VPN', group: 'network',
    titles: ['Le VPN se déconnecte toutes les dix minutes en télétravail', 'Connexion VPN impossible : erreur {code}', '{vpn} refuse la connexion depuis la mise à jour'],
    descriptions: ["Depuis {when}, la connexion {vpn} se coupe régulièrement lorsque je suis en télétravail. Le message d'erreur {code} s'affiche et je perds l'accès aux lecteurs réseau et à {app}.", "Impossible d'établir la connexion VPN depuis mon domicile. Le client {vpn} reste bloqué sur « Authentification en cours » puis affiche l'erreur {code}."],
    resolution: { symptoms: 'Coupures VPN', diagnosis: 'MTU inadaptée sur la box du domicile', actions: 'Ajustement de la MTU et mise à jour du client VPN', result: 'Connexion stable depuis deux jours', code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Logiciel / Messagerie', group: 'sd',
    titles: ['Outlook ne synchronise plus la boîte aux lettres', "Messages bloqués dans la boîte d'envoi", 'Boîte aux lettres pleine, réception impossible'],
    descriptions: ["Bonjour, Outlook ne reçoit plus de nouveaux messages {when}. Les courriels restent dans la boîte d'envoi et un avertissement {code} apparaît. Je suis sur le poste {asset}.", 'Ma messagerie affiche « boîte aux lettres pleine » et je ne reçois plus rien. Pouvez-vous augmenter le quota ou archiver les anciens messages ?'],
    resolution: { symptoms: 'Synchronisation bloquée', diagnosis: 'Fichier OST corrompu', actions: 'Recréation du profil Outlook', result: 'La messagerie se synchronise', code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Matériel / Écran', group: 'desktop',
    titles: ['Écran noir au démarrage du poste {asset}', "Deuxième écran non détecté sur la station d'accueil", "L'écran clignote sur le {device}"],
    descriptions: ["Au démarrage, mon {device} ({asset}) reste sur un écran noir après le logo. Le voyant d'alimentation est allumé et le ventilateur tourne.", "Le deuxième écran branché sur la station d'accueil n'est plus détecté {when}. J'ai changé le câble HDMI sans succès."],
    resolution: { symptoms: 'Écran noir', diagnosis: 'Pilote graphique défaillant après mise à jour', actions: 'Retour au pilote précédent', result: "L'affichage est rétabli", code: 'fixed' },
  }),
  fr({
    type: 'service_request', category: 'Comptes / Accès', group: 'sd',
    titles: ["Demande d'accès au dossier partagé {share}", "Accès en écriture au répertoire {share}", "Ouverture des droits sur {app}"],
    descriptions: ["Bonjour, suite à ma mutation au service {share}, j'ai besoin d'un accès en lecture et écriture au dossier partagé correspondant. Mon responsable a validé la demande.", "Merci d'ouvrir mes droits sur {app} : je remplace une collègue en congé maternité à partir de lundi."],
    resolution: { symptoms: 'Accès demandé', diagnosis: 'Droits absents du groupe de sécurité', actions: "Ajout au groupe d'accès après validation du responsable", result: 'Accès accordé', code: 'done' },
  }),
  fr({
    type: 'service_request', category: 'Comptes / Arrivée / départ', group: 'sd',
    titles: ["Arrivée d'un nouveau collaborateur sur le site de {site}", 'Départ de collaborateur : désactivation du compte', 'Préparation du poste pour un stagiaire'],
    descriptions: ['Un nouveau collaborateur arrive lundi au service {share} à {site}. Merci de préparer un compte, une adresse de messagerie, un {device} et les accès à {app}.', 'Merci de désactiver le compte et de récupérer le matériel ({device}, badge, {phone}) de la personne qui quitte le service {share} vendredi.'],
    resolution: { symptoms: 'Arrivée planifiée', diagnosis: '-', actions: 'Compte créé, poste masterisé et livré', result: 'Collaborateur opérationnel le jour J', code: 'done' },
  }),
  fr({
    type: 'incident', category: 'Réseau / Wi-Fi', group: 'network',
    titles: ['Wi-Fi instable en salle de réunion {room}', 'Pas de réseau sans fil au {floor}', 'Le Wi-Fi invité ne fonctionne plus à {site}'],
    descriptions: ["Le Wi-Fi de la salle {room} se coupe toutes les cinq minutes pendant les visioconférences Teams. Le problème touche plusieurs participants {when}.", "Plus aucun réseau sans fil n'est disponible au {floor} du bâtiment de {site}. Les postes fixes fonctionnent normalement."],
    resolution: { symptoms: 'Coupures Wi-Fi', diagnosis: "Borne d'accès défectueuse", actions: 'Remplacement de la borne', result: 'Couverture rétablie', code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Réseau / Téléphonie', group: 'network',
    titles: ['Téléphone IP sans tonalité', 'Messagerie vocale inaccessible', 'Le {phone} ne sonne plus pour les appels entrants'],
    descriptions: ["Mon poste téléphonique {phone} n'a plus de tonalité {when}. L'écran affiche « Enregistrement en cours » en permanence.", "Les correspondants tombent directement sur la messagerie vocale et je n'arrive pas à consulter mes messages."],
    resolution: { symptoms: 'Pas de tonalité', diagnosis: 'Poste désenregistré du serveur de téléphonie', actions: 'Réenregistrement du poste', result: 'Appels entrants et sortants fonctionnels', code: 'fixed' },
  }),
  fr({
    type: 'service_request', category: 'Logiciel / Installation', group: 'desktop',
    titles: ['Installation de {app} sur mon poste', 'Mise à jour de {app} demandée', 'Licence {app} pour le service {share}'],
    descriptions: ["Bonjour, j'aurais besoin de {app} sur mon poste {asset} pour un projet du service {share}. Je n'ai pas les droits administrateur.", 'Pouvez-vous installer la dernière version de {app} ? La version actuelle plante à l’ouverture des fichiers volumineux.'],
    resolution: { symptoms: 'Logiciel demandé', diagnosis: '-', actions: 'Déploiement via le centre logiciel', result: 'Logiciel installé', code: 'done' },
  }),
  fr({
    type: 'incident', category: 'Logiciel / Applications métier', group: 'apps',
    titles: ['Lenteurs importantes sur {app} depuis la mise à jour', 'Erreur {code} à l’ouverture de {app}', '{app} se ferme sans message'],
    descriptions: ["Depuis {when}, {app} met plus d'une minute à s'ouvrir et les écrans de saisie sont très lents. Plusieurs collègues de {site} constatent la même chose.", "À l'ouverture de {app}, le message d'erreur {code} s'affiche puis l'application se ferme. Le problème est apparu {when}."],
    resolution: { symptoms: 'Lenteurs applicatives', diagnosis: "Index manquant sur la base de l'application", actions: "Reconstruction des index avec l'éditeur", result: 'Temps de réponse revenus à la normale', code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Sécurité / Certificats', group: 'security',
    titles: ["Certificat expiré sur l'intranet", '« Votre connexion n’est pas privée » sur le portail RH', 'Alerte de sécurité du navigateur sur {app}'],
    descriptions: ['En ouvrant l’intranet avec {app}, le navigateur affiche « Votre connexion n’est pas privée » et le code {code}. Le problème concerne tout le service {share}.', 'Le portail RH présente un certificat expiré depuis {when}. Les collaborateurs ne peuvent plus consulter leurs bulletins de paie.'],
    resolution: { symptoms: 'Certificat expiré', diagnosis: 'Renouvellement automatique en échec', actions: 'Renouvellement manuel et redéploiement du certificat', result: 'Site de nouveau accessible en HTTPS', code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Sécurité / Hameçonnage', group: 'security',
    titles: ['Courriel suspect reçu : tentative d’hameçonnage ?', "J'ai cliqué sur un lien frauduleux", 'Faux message de la direction demandant un virement'],
    descriptions: ["J'ai reçu un message prétendant venir de la direction financière qui demande un virement urgent. L'adresse de l'expéditeur semble étrange.", "J'ai cliqué par erreur sur un lien dans un courriel et saisi mon mot de passe. Que dois-je faire ? Mon poste est le {asset}."],
    resolution: { symptoms: 'Courriel suspect', diagnosis: 'Campagne d’hameçonnage ciblée', actions: "Blocage de l'expéditeur, réinitialisation du mot de passe, analyse du poste", result: 'Aucune compromission constatée', code: 'fixed' },
  }),
  fr({
    type: 'incident', category: 'Matériel / Poste de travail', group: 'desktop',
    titles: ['Le poste {asset} ne démarre plus', 'Batterie du {device} qui ne charge plus', 'Clavier et souris sans fil ne répondent plus'],
    descriptions: ['Mon {device} ({asset}) ne démarre plus {when} : aucun voyant ne s’allume, même branché sur secteur.', "La batterie de mon portable {device} reste bloquée à 0 % malgré le chargeur branché. J'ai un déplacement à {site} la semaine prochaine."],
    resolution: { symptoms: 'Poste hors service', diagnosis: 'Carte mère défectueuse', actions: 'Remplacement du poste sous garantie', result: 'Nouveau poste livré et configuré', code: 'replaced' },
  }),
  en({
    type: 'incident', category: 'Matériel / Imprimante', group: 'desktop',
    titles: ['Printer {printer} on the {floor} is offline', 'Paper jam error on {printer} but no paper stuck', 'Print jobs stuck in queue at {site}'],
    descriptions: ['Hi,\n\n{when} the {printer} on the {floor} shows a paper jam although nothing is stuck. Print jobs stay in the queue and the panel shows error {code}.\n\nThanks.', 'Nobody in {share} can print to the network printer {printer} {when}. Power cycling it did not help.'],
    resolution: { symptoms: 'Print queue stuck', diagnosis: 'Corrupted driver on the print server', actions: 'Reinstalled the driver and cleared the queue', result: 'Printing works again', code: 'fixed' },
  }),
  en({
    type: 'incident', category: 'Comptes / Mot de passe', group: 'sd',
    titles: ['Password expired, cannot log in', 'Account locked out after password change', 'Password reset needed for Windows login'],
    descriptions: ['My password expired {when} and I can no longer log in on laptop {asset}. The message says the account is locked (error {code}).', 'After changing my password, {app} keeps prompting for credentials and my account ends up locked out. I am based in {site}.'],
    resolution: { symptoms: 'Account locked out', diagnosis: 'Old password cached on a mobile device', actions: 'Unlocked the account and removed cached credentials', result: 'User can sign in', code: 'fixed' },
  }),
  en({
    type: 'incident', category: 'Réseau / VPN', group: 'network',
    titles: ['VPN drops every ten minutes when working from home', 'Cannot connect to VPN: error {code}', '{vpn} fails after the latest update'],
    descriptions: ['{when} my {vpn} connection keeps dropping while working remotely. Error {code} appears and I lose the mapped drives and {app}.', 'I cannot establish the VPN from home. {vpn} hangs on "Authenticating" and then shows error {code}.'],
    resolution: { symptoms: 'VPN drops', diagnosis: 'MTU mismatch on the home router', actions: 'Adjusted MTU and updated the VPN client', result: 'Stable connection for two days', code: 'fixed' },
  }),
  en({
    type: 'incident', category: 'Logiciel / Messagerie', group: 'sd',
    titles: ['Outlook not syncing mailbox', 'Emails stuck in the outbox', 'Mailbox full, cannot receive email'],
    descriptions: ['Outlook stopped receiving new email {when}. Messages stay in the outbox and warning {code} is shown. I am on laptop {asset}.', 'My mailbox says it is full and I receive nothing. Could you raise the quota or archive old mail?'],
    resolution: { symptoms: 'Sync stuck', diagnosis: 'Corrupted OST file', actions: 'Recreated the Outlook profile', result: 'Mail syncs again', code: 'fixed' },
  }),
  en({
    type: 'incident', category: 'Matériel / Écran', group: 'desktop',
    titles: ['Black screen on boot, laptop {asset}', 'Second monitor not detected on docking station', 'Screen flickering on {device}'],
    descriptions: ['My {device} ({asset}) stays on a black screen after the logo. The power light is on and the fan spins.', 'The second monitor on my docking station is not detected {when}. I already swapped the HDMI cable.'],
    resolution: { symptoms: 'Black screen', diagnosis: 'Faulty graphics driver after update', actions: 'Rolled back the driver', result: 'Display restored', code: 'fixed' },
  }),
  en({
    type: 'service_request', category: 'Comptes / Accès', group: 'sd',
    titles: ['Access request to the {share} shared folder', 'Write access to the {share} drive', 'Grant access to {app}'],
    descriptions: ['Following my move to {share}, I need read and write access to the shared folder. My manager approved the request.', 'Please grant me access to {app}: I am covering for a colleague on parental leave from Monday.'],
    resolution: { symptoms: 'Access requested', diagnosis: 'Missing security group', actions: 'Added to the access group after manager approval', result: 'Access granted', code: 'done' },
  }),
  en({
    type: 'service_request', category: 'Logiciel / Installation', group: 'desktop',
    titles: ['Install {app} on my laptop', 'Upgrade {app} to the latest version', '{app} licence for the {share} team'],
    descriptions: ['I need {app} on laptop {asset} for a {share} project. I do not have admin rights.', 'Could you install the latest {app}? The current version crashes when opening large files.'],
    resolution: { symptoms: 'Software requested', diagnosis: '-', actions: 'Deployed through the software centre', result: 'Software installed', code: 'done' },
  }),
  en({
    type: 'incident', category: 'Logiciel / Applications métier', group: 'apps',
    titles: ['{app} very slow since the upgrade', 'Error {code} when opening {app}', '{app} closes without any message'],
    descriptions: ['{when} {app} takes over a minute to open and data entry screens are very slow. Colleagues in {site} see the same.', 'When opening {app}, error {code} pops up and the application closes. It started {when}.'],
    resolution: { symptoms: 'Application slowness', diagnosis: 'Missing index on the application database', actions: 'Rebuilt the indexes with the vendor', result: 'Response times back to normal', code: 'fixed' },
  }),
  en({
    type: 'incident', category: 'Sécurité / Hameçonnage', group: 'security',
    titles: ['Suspicious email received: phishing?', 'I clicked a fraudulent link', 'Fake CEO email asking for a wire transfer'],
    descriptions: ['I received an email claiming to be from finance asking for an urgent wire transfer. The sender address looks odd.', 'I clicked a link in an email by mistake and typed my password. What should I do? My laptop is {asset}.'],
    resolution: { symptoms: 'Suspicious email', diagnosis: 'Targeted phishing campaign', actions: 'Blocked the sender, reset the password, scanned the laptop', result: 'No compromise found', code: 'fixed' },
  }),
  en({
    type: 'incident', category: 'Réseau / Wi-Fi', group: 'network',
    titles: ['Wi-Fi unstable in meeting room {room}', 'No wireless network on the {floor}', 'Guest Wi-Fi down at {site}'],
    descriptions: ['The Wi-Fi in room {room} drops every five minutes during Teams calls, for several attendees {when}.', 'No wireless network is available on the {floor} of the {site} building. Wired desktops work fine.'],
    resolution: { symptoms: 'Wi-Fi drops', diagnosis: 'Faulty access point', actions: 'Replaced the access point', result: 'Coverage restored', code: 'fixed' },
  }),
  en({
    type: 'incident', category: 'Logiciel / Bureautique', group: 'systems',
    titles: ['OneDrive sync stuck on "processing changes"', 'Excel crashes when opening shared workbook', 'SharePoint site returns access denied'],
    descriptions: ['OneDrive has been stuck on "processing changes" {when}; files on laptop {asset} are not uploaded.', 'Opening the shared workbook from {share} crashes Excel with error {code}. Other files open fine.'],
    resolution: { symptoms: 'Sync stuck', diagnosis: 'Path too long in the synced library', actions: 'Shortened folder names and reset the sync client', result: 'Sync completed', code: 'fixed' },
  }),
];

export const REPLIES = {
  agent: {
    fr: [
      'Bonjour, pouvez-vous redémarrer le poste et me dire si le problème persiste ?',
      'Je prends en charge votre demande, un technicien passera dans la journée.',
      'Nous avons réinitialisé votre mot de passe, merci de le changer à la prochaine connexion.',
      "Pouvez-vous m'envoyer une capture d'écran du message d'erreur ?",
      'Le correctif a été déployé, pouvez-vous vérifier de votre côté ?',
      'Êtes-vous disponible cet après-midi pour une prise en main à distance ?',
      'Nous attendons le retour du fournisseur, je reviens vers vous dès que possible.',
      'Le matériel de remplacement est commandé, livraison prévue sous 48 heures.',
    ],
    en: [
      'Hi, could you restart the computer and let me know whether the problem persists?',
      'I am taking this one; a technician will come by today.',
      'We reset your password; please change it at your next sign-in.',
      'Could you send me a screenshot of the error message?',
      'The fix has been deployed; could you check on your side?',
      'Are you available this afternoon for a remote session?',
      'We are waiting for the vendor and will get back to you as soon as possible.',
      'The replacement hardware is ordered; delivery expected within 48 hours.',
    ],
  },
  requester: {
    fr: [
      "Merci, c'est réparé !",
      'Toujours le même problème après redémarrage.',
      'Je suis en télétravail jusqu’à vendredi, pouvez-vous m’appeler ?',
      'Voici la capture demandée, le message apparaît à chaque ouverture.',
      "Le problème est revenu ce matin, c'est très gênant pour la clôture comptable.",
      'Parfait, tout fonctionne, vous pouvez clore le ticket.',
    ],
    en: [
      'Thanks, it works now!',
      'Still the same problem after a restart.',
      'I am working from home until Friday, could you call me?',
      'Here is the screenshot; the message shows every time.',
      'The problem came back this morning, it is blocking month-end closing.',
      'Perfect, all good, you can close the ticket.',
    ],
  },
  note: {
    fr: [
      "Pilote d'impression corrompu, réinstallation via GPO prévue.",
      'Escalade N2 : vérifier les journaux du concentrateur VPN.',
      'Le problème vient du certificat intermédiaire manquant sur le proxy.',
      'Utilisateur VIP, à traiter en priorité.',
      'Déjà vu la semaine dernière sur le même étage : probable problème de commutateur.',
      'Kerberos : horloge du poste décalée de plus de cinq minutes.',
    ],
    en: [
      'Corrupted print driver, reinstall scheduled through GPO.',
      'Escalating to L2: check the VPN concentrator logs.',
      'Root cause is the missing intermediate certificate on the proxy.',
      'VIP user, handle first.',
      'Seen last week on the same floor: probably a switch problem.',
      'Kerberos: workstation clock is more than five minutes off.',
    ],
  },
};

/** Rare, mostly accented equipment names: each lands in a handful of tickets. */
export const RARE_EQUIPMENT = [
  'défibrillateur', 'spectromètre', 'chromatographe', 'hygromètre', 'réfractomètre', 'électrophorèse', 'thermocycleur', 'centrifugeuse',
  'sismographe', 'anémomètre', 'pyromètre', 'colorimètre', 'luxmètre', 'sonomètre', 'viscosimètre', 'densimètre', 'turbidimètre',
  'oscilloscope', 'étiqueteuse', 'plastifieuse', 'massicot', 'relieuse', 'déchiqueteuse', 'pointeuse', 'badgeuse', 'tachygraphe',
  'échographe', 'autoclave', 'microtome', 'cryostat', 'lyophilisateur', 'incubateur', 'agitateur', 'pipeteur', 'photomètre', 'goniomètre',
];

/**
 * The search mix: common words (thousands of hits), rare ones (a handful) and French with
 * and without accents. `{asset}` and `{serial}` become an asset tag and a serial number
 * that exist in the data.
 */
export const SEARCH_TERMS = {
  common: ['imprimante', 'password', 'outlook', 'vpn', 'mot de passe', 'écran', 'ecran', 'réseau', 'reseau', 'connexion'],
  rare: ['{asset}', '{serial}', 'défibrillateur', 'defibrillateur', 'spectromètre', 'spectrometre', 'chromatographe', 'hygrometre'],
};
