// Words for the generated incidents of the clustering test and bench (planted-incidents.ts):
// named things people report, what goes wrong with them (with synonyms, in French and
// English), and the filler around a request. Noise and planted incidents draw from the same
// lists, so that topics share their vocabulary the way a real helpdesk's tickets do.

export type Lang = 'fr' | 'en';
export type Phrases = Record<Lang, string[]>;

/** Twelve categories, by index: the generator's category ids are 1 + index. */
export const CATEGORY_NAMES = [
  'Poste de travail', 'Imprimante', 'Écran', 'Téléphone mobile', 'Messagerie', 'Bureautique',
  'Applications métier', 'VPN', 'Wi-Fi', 'Téléphonie', 'Mot de passe', 'Accès',
] as const;

export interface Thing {
  category: number; // index into CATEGORY_NAMES
  names: Phrases; // ways of naming it
}

const thing = (category: number, fr: string[], en: string[]): Thing => ({ category, names: { fr, en } });

// The usual way first: people write "l'imprimante" far more often than its model number.
export const THINGS: Thing[] = [
  thing(0, ['ordinateur portable', 'portable Latitude', 'PC portable Dell Latitude'], ['laptop', 'Latitude laptop', 'Dell Latitude laptop']),
  thing(0, ['station d’accueil', 'dock', 'dock USB-C Dell WD19'], ['docking station', 'dock', 'Dell WD19 USB-C dock']),
  thing(0, ['PC', 'unité centrale', 'poste fixe HP EliteDesk'], ['PC', 'desktop', 'HP EliteDesk desktop']),
  thing(0, ['clavier', 'souris', 'clavier sans fil Logitech'], ['keyboard', 'mouse', 'Logitech wireless keyboard']),
  thing(1, ['imprimante', 'copieur du couloir', 'imprimante Ricoh IM C3000'], ['printer', 'hallway copier', 'Ricoh IM C3000 printer']),
  thing(1, ['imprimante', 'imprimante de la compta', 'HP LaserJet M507'], ['printer', 'accounting printer', 'HP LaserJet M507']),
  thing(1, ['imprimante d’étiquettes', 'étiqueteuse', 'Zebra ZT410 de l’entrepôt'], ['label printer', 'labeller', 'warehouse Zebra ZT410']),
  thing(1, ['scanner', 'numérisation', 'scanner Fujitsu fi-7160'], ['scanner', 'scanning', 'Fujitsu fi-7160 scanner']),
  thing(2, ['écran', 'second écran', 'moniteur Dell P2419H'], ['screen', 'second monitor', 'Dell P2419H monitor']),
  thing(2, ['vidéoprojecteur', 'écran de la salle', 'projecteur Epson EB-L200'], ['projector', 'meeting room screen', 'Epson EB-L200 projector']),
  thing(3, ['téléphone', 'iPhone', 'iPhone 13 professionnel'], ['phone', 'iPhone', 'company iPhone 13']),
  thing(3, ['Authenticator', 'appli de double authentification', 'Microsoft Authenticator'], ['Authenticator', 'two-factor app', 'Microsoft Authenticator']),
  thing(4, ['Outlook', 'messagerie', 'client Outlook 365'], ['Outlook', 'email', 'Outlook 365 client']),
  thing(4, ['boîte partagée', 'boîte générique', 'boîte contact@'], ['shared mailbox', 'team mailbox', 'contact@ mailbox']),
  thing(4, ['calendrier', 'agenda', 'calendrier partagé de l’équipe'], ['calendar', 'diary', 'team shared calendar']),
  thing(4, ['webmail', 'messagerie web', 'OWA'], ['webmail', 'web mail', 'OWA']),
  thing(5, ['Excel', 'tableur', 'classeur Excel partagé'], ['Excel', 'spreadsheet', 'shared Excel workbook']),
  thing(5, ['Teams', 'visio', 'réunions Microsoft Teams'], ['Teams', 'video calls', 'Microsoft Teams meetings']),
  thing(5, ['OneDrive', 'synchro des fichiers', 'client OneDrive Entreprise'], ['OneDrive', 'file sync', 'OneDrive for Business']),
  thing(5, ['SharePoint', 'site de l’équipe', 'bibliothèque SharePoint Projets'], ['SharePoint', 'team site', 'Projects SharePoint library']),
  thing(5, ['Word', 'traitement de texte', 'modèles Word'], ['Word', 'word processor', 'Word templates']),
  thing(6, ['SAP', 'ERP', 'SAP GUI 7.70'], ['SAP', 'ERP', 'SAP GUI 7.70']),
  thing(6, ['logiciel de paie', 'paie', 'Sage Paie'], ['payroll software', 'payroll', 'Sage Payroll']),
  thing(6, ['facturation', 'logiciel de facturation', 'module Facturation Cegid'], ['invoicing', 'billing software', 'Cegid Billing module']),
  thing(6, ['intranet', 'portail interne', 'intranet Jalios'], ['intranet', 'internal portal', 'Jalios intranet']),
  thing(6, ['CRM', 'fiche client', 'Salesforce'], ['CRM', 'customer record', 'Salesforce']),
  thing(6, ['planning', 'outil de planning', 'Planisware'], ['rota', 'planning tool', 'Planisware']),
  thing(7, ['VPN', 'accès distant', 'GlobalProtect'], ['VPN', 'remote access', 'GlobalProtect']),
  thing(7, ['VPN', 'connexion à distance', 'Cisco AnyConnect'], ['VPN', 'remote connection', 'Cisco AnyConnect']),
  thing(8, ['Wi-Fi', 'Wi-Fi invités', 'SSID Invites-Guichet'], ['Wi-Fi', 'guest Wi-Fi', 'Invites-Guichet SSID']),
  thing(8, ['Wi-Fi', 'borne Wi-Fi', 'borne Aruba AP-515 du 2e'], ['Wi-Fi', 'access point', 'second-floor Aruba AP-515']),
  thing(8, ['réseau', 'réseau sans fil', 'SSID Corp-Secure'], ['network', 'wireless network', 'Corp-Secure SSID']),
  thing(9, ['téléphone', 'softphone', '3CX'], ['phone', 'softphone', '3CX']),
  thing(9, ['téléphone', 'poste téléphonique', 'Yealink T54W'], ['phone', 'desk phone', 'Yealink T54W']),
  thing(9, ['standard', 'accueil téléphonique', 'SVI de l’accueil'], ['switchboard', 'phone reception', 'reception IVR']),
  thing(10, ['mot de passe', 'session', 'session Windows'], ['password', 'login', 'Windows login']),
  thing(10, ['compte', 'identifiant', 'compte Active Directory'], ['account', 'username', 'Active Directory account']),
  thing(10, ['MFA', 'double authentification', 'MFA Entra ID'], ['MFA', 'two-factor', 'Entra ID MFA']),
  thing(11, ['dossier partagé', 'partage', 'partage \\\\fs01\\finance'], ['shared folder', 'share', '\\\\fs01\\finance share']),
  thing(11, ['lecteur réseau', 'lecteur S:', 'lecteur S: mappé'], ['network drive', 'S: drive', 'mapped S: drive']),
  thing(11, ['badge', 'lecteur de badge', 'badgeuse du hall B'], ['badge', 'badge reader', 'hall B badge reader']),
  thing(11, ['droits', 'accès au site RH', 'droits SharePoint RH'], ['permissions', 'HR site access', 'HR SharePoint permissions']),
];

// Named applications, so that a client's tickets are spread over many subjects as a real
// client's are (a few dozen things would make every subject look recurring).
const APPS: [number, string[]][] = [
  [5, ['Slack', 'Zoom', 'Webex', 'Klaxoon', 'Miro', 'Trello', 'Asana', 'Notion', 'Mattermost', 'Confluence', 'Jira', 'Acrobat', 'Photoshop', 'Dropbox', 'WeTransfer']],
  [6, ['Chorus Pro', 'Lucca', 'Kelio', 'Doctolib', 'Pennylane', 'Silae', 'Yousign', 'DocuSign', 'HubSpot', 'GitLab', 'Tableau', 'Power BI', 'QlikView', 'AutoCAD', 'SolidWorks',
       'Revit', 'Odoo', 'Dolibarr', 'Divalto', 'EBP', 'Chronotime', 'Octime', 'Mediboard', 'Sectra', 'Ciril', 'Pronote', 'Moodle', 'Alfresco', 'Nuxeo', 'Oodrive']],
  [7, ['Citrix Workspace', 'FortiClient', 'Bureau à distance']],
  [10, ['KeePass', 'Bitwarden', 'LastPass']],
  [11, ['Box', 'Nextcloud', 'Synology']],
];
for (const [category, names] of APPS) {
  for (const n of names) THINGS.push(thing(category, [n, `logiciel ${n}`, `l’application ${n}`], [n, `${n} software`, `the ${n} app`]));
}

/** What goes wrong; each entry: synonyms in French and in English. */
export const SYMPTOMS: Phrases[] = [
  { fr: ['plante au démarrage', 'se ferme tout seul', 'crashe dès l’ouverture'], en: ['crashes on startup', 'closes by itself', 'crashes when opened'] },
  { fr: ['est extrêmement lent', 'rame énormément', 'met des minutes à répondre'], en: ['is extremely slow', 'is really sluggish', 'takes minutes to respond'] },
  { fr: ['impossible de se connecter', 'connexion refusée', 'ne se connecte plus'], en: ['cannot connect', 'connection refused', 'will not connect anymore'] },
  { fr: ['ne fonctionne plus du tout', 'est en panne', 'est hors service'], en: ['stopped working entirely', 'is broken', 'is out of order'] },
  { fr: ['se déconnecte sans arrêt', 'coupe toutes les cinq minutes', 'perd la connexion régulièrement'], en: ['keeps disconnecting', 'drops every five minutes', 'loses the connection regularly'] },
  { fr: ['ne synchronise plus', 'synchronisation bloquée', 'reste en attente de synchronisation'], en: ['no longer syncs', 'sync is stuck', 'stays pending sync'] },
  { fr: ['redemande le mot de passe en boucle', 'demande sans cesse les identifiants', 'boucle sur la fenêtre de connexion'], en: ['keeps asking for the password', 'prompts for credentials in a loop', 'loops on the sign-in window'] },
  { fr: ['affiche accès refusé', 'droits insuffisants', 'refuse l’accès'], en: ['says access denied', 'insufficient permissions', 'refuses access'] },
  { fr: ['se fige complètement', 'écran figé', 'reste gelé'], en: ['freezes completely', 'screen is frozen', 'stays frozen'] },
  { fr: ['affiche une page blanche', 'écran noir', 'reste sur une page vide'], en: ['shows a blank page', 'black screen', 'stays on an empty page'] },
  { fr: ['la mise à jour échoue', 'échec de la mise à jour', 'refuse de se mettre à jour'], en: ['the update fails', 'update failed', 'refuses to update'] },
  { fr: ['n’est pas détecté', 'non reconnu', 'n’apparaît pas'], en: ['is not detected', 'not recognised', 'does not show up'] },
  { fr: ['pas de son', 'aucun son', 'le micro ne marche pas'], en: ['no sound', 'no audio', 'the microphone does not work'] },
  { fr: ['licence expirée', 'demande une licence', 'licence non valide'], en: ['licence expired', 'asks for a licence', 'invalid licence'] },
  { fr: ['bourrage papier permanent', 'papier coincé', 'bloque sur un bourrage'], en: ['constant paper jam', 'paper stuck', 'stops on a paper jam'] },
  { fr: ['imprime des pages blanches', 'impressions vides', 'sort des feuilles vierges'], en: ['prints blank pages', 'empty printouts', 'outputs blank sheets'] },
  { fr: ['pièces jointes inaccessibles', 'impossible d’ouvrir les pièces jointes', 'les pièces jointes ne s’ouvrent pas'], en: ['attachments cannot be opened', 'unable to open attachments', 'attachments will not open'] },
  { fr: ['messages bloqués dans la boîte d’envoi', 'les mails ne partent pas', 'envoi impossible'], en: ['messages stuck in the outbox', 'emails are not sent', 'cannot send'] },
  { fr: ['certificat invalide', 'erreur de certificat', 'certificat expiré'], en: ['invalid certificate', 'certificate error', 'expired certificate'] },
  { fr: ['fichiers en lecture seule', 'impossible d’enregistrer', 'enregistrement refusé'], en: ['files are read-only', 'cannot save', 'saving is refused'] },
  { fr: ['batterie qui se vide en une heure', 'ne charge plus', 'batterie à plat'], en: ['battery drains in an hour', 'no longer charges', 'flat battery'] },
  { fr: ['écran qui clignote', 'image qui scintille', 'affichage qui saute'], en: ['flickering screen', 'image flickers', 'display keeps jumping'] },
  { fr: ['appels qui coupent', 'appels interrompus', 'communication qui coupe'], en: ['calls drop', 'calls cut off', 'calls get interrupted'] },
  { fr: ['code de validation jamais reçu', 'pas de notification de validation', 'le code n’arrive pas'], en: ['verification code never arrives', 'no approval notification', 'the code does not come'] },
  { fr: ['compte verrouillé', 'compte bloqué', 'verrouillage du compte'], en: ['account locked', 'account blocked', 'account lockout'] },
  { fr: ['calculs faux', 'montants erronés', 'totaux incorrects'], en: ['wrong calculations', 'incorrect amounts', 'totals are wrong'] },
  { fr: ['export PDF impossible', 'l’export en PDF échoue', 'génération PDF en erreur'], en: ['PDF export fails', 'cannot export to PDF', 'PDF generation error'] },
  { fr: ['lenteurs à l’ouverture des fichiers', 'fichiers longs à ouvrir', 'ouverture des documents très lente'], en: ['files slow to open', 'documents take ages to open', 'very slow file opening'] },
];

/** Noise tickets mostly compose their problem (verb × object): hundreds of distinct complaints. */
export const COMPLAINT_VERBS: Phrases = {
  fr: ['n’affiche plus', 'ne trouve plus', 'perd', 'bloque sur', 'refuse', 'efface', 'duplique', 'mélange', 'oublie', 'ralentit sur', 'plante sur',
       'n’enregistre pas', 'ne propose plus', 'affiche mal', 'ne charge pas', 'tronque', 'inverse', 'ne met pas à jour', 'signale une erreur sur', 'ne reconnaît pas'],
  en: ['no longer shows', 'cannot find', 'loses', 'hangs on', 'rejects', 'deletes', 'duplicates', 'mixes up', 'forgets', 'slows down on', 'crashes on',
       'does not save', 'no longer offers', 'displays badly', 'does not load', 'truncates', 'swaps', 'does not update', 'reports an error on', 'does not recognise'],
};
export const COMPLAINT_OBJECTS: Phrases = {
  fr: ['les favoris', 'la signature', 'les contacts', 'l’historique', 'les accents', 'les pièces jointes', 'le mot de passe enregistré', 'les raccourcis', 'la mise en page',
       'les notifications', 'le fond d’écran', 'la langue', 'les dates', 'les montants', 'le filigrane', 'les en-têtes', 'la connexion', 'le dossier personnel', 'les droits',
       'le calendrier', 'les modèles', 'la barre des tâches', 'les fichiers récents', 'le son', 'la résolution', 'les sauvegardes', 'le proxy', 'les certificats', 'les imprimantes', 'la synchronisation'],
  en: ['the bookmarks', 'the signature', 'the contacts', 'the history', 'the accents', 'the attachments', 'the saved password', 'the shortcuts', 'the layout',
       'the notifications', 'the wallpaper', 'the language', 'the dates', 'the amounts', 'the watermark', 'the headers', 'the connection', 'the home folder', 'the permissions',
       'the calendar', 'the templates', 'the taskbar', 'the recent files', 'the sound', 'the resolution', 'the backups', 'the proxy', 'the certificates', 'the printers', 'the sync'],
};

/** When it happens: narrows a symptom down (an incident has one; noise tickets often one too). */
export const TRIGGERS: Phrases[] = [
  { fr: ['à l’ouverture d’une pièce jointe', 'quand j’ouvre une pièce jointe'], en: ['when opening an attachment', 'as soon as I open an attachment'] },
  { fr: ['au démarrage du poste', 'dès l’allumage du PC'], en: ['when the computer starts', 'right after booting'] },
  { fr: ['après la mise en veille', 'au retour de veille'], en: ['after sleep mode', 'when waking from sleep'] },
  { fr: ['pendant les visioconférences', 'en pleine visio'], en: ['during video calls', 'in the middle of a video meeting'] },
  { fr: ['lors de l’impression recto verso', 'en recto verso'], en: ['when printing double-sided', 'on duplex printing'] },
  { fr: ['quand je branche le second écran', 'avec deux écrans branchés'], en: ['when I plug in the second screen', 'with two screens connected'] },
  { fr: ['en télétravail', 'depuis la maison'], en: ['when working from home', 'from home'] },
  { fr: ['sur le réseau invité', 'via le Wi-Fi invités'], en: ['on the guest network', 'over guest Wi-Fi'] },
  { fr: ['à chaque enregistrement', 'quand j’enregistre'], en: ['every time I save', 'on save'] },
  { fr: ['depuis le nouveau profil', 'avec le profil recréé'], en: ['since the new profile', 'with the rebuilt profile'] },
  { fr: ['lors de la clôture mensuelle', 'en fin de mois'], en: ['during month-end closing', 'at month end'] },
  { fr: ['avec les fichiers volumineux', 'sur les gros fichiers'], en: ['with large files', 'on big files'] },
  { fr: ['à la première connexion du matin', 'le matin à la connexion'], en: ['at the first login of the day', 'at morning sign-in'] },
  { fr: ['dans la salle de réunion Saône', 'en salle Saône'], en: ['in the Saône meeting room', 'in room Saône'] },
  { fr: ['avec le nouveau badge', 'depuis le changement de badge'], en: ['with the new badge', 'since the badge change'] },
  { fr: ['sur les postes Windows 11', 'sous Windows 11'], en: ['on Windows 11 machines', 'under Windows 11'] },
  { fr: ['avec Chrome', 'dans le navigateur Chrome'], en: ['in Chrome', 'with the Chrome browser'] },
  { fr: ['après le changement de mot de passe', 'depuis que j’ai changé mon mot de passe'], en: ['after the password change', 'since I changed my password'] },
  { fr: ['lors des appels entrants', 'quand un appel arrive'], en: ['on incoming calls', 'when a call comes in'] },
  { fr: ['en 4G', 'hors Wi-Fi, en données mobiles'], en: ['on 4G', 'on mobile data'] },
  { fr: ['sur les documents scannés', 'avec les scans'], en: ['with scanned documents', 'on scans'] },
  { fr: ['depuis le déménagement du service', 'depuis qu’on a changé de bureau'], en: ['since the team moved', 'since we changed offices'] },
  { fr: ['lors de la validation des commandes', 'au moment de valider une commande'], en: ['when approving orders', 'at order approval'] },
  { fr: ['avec le casque Jabra', 'quand j’utilise le casque'], en: ['with the Jabra headset', 'when using the headset'] },
];

/** Things that make one incident specific (shared by its tickets), each with a slot. */
export const CONTEXTS: Phrases[] = [
  { fr: ['depuis la mise à jour {kb} de cette nuit', 'depuis le correctif {kb}', 'après l’installation de {kb}'], en: ['since last night’s {kb} update', 'since the {kb} patch', 'after installing {kb}'] },
  { fr: ['depuis le changement de serveur {host}', 'depuis la migration vers {host}', 'depuis que {host} a été remplacé'], en: ['since the move to server {host}', 'since the migration to {host}', 'since {host} was replaced'] },
  { fr: ['au bâtiment {bldg}, étage {floor}', 'dans tout le bâtiment {bldg}', 'sur le site {bldg}'], en: ['in building {bldg}, floor {floor}', 'across building {bldg}', 'at the {bldg} site'] },
  { fr: ['avec la version {ver}', 'depuis le passage en version {ver}', 'en version {ver}'], en: ['with version {ver}', 'since upgrading to version {ver}', 'on version {ver}'] },
];

export const BUILDINGS = ['A', 'B', 'C', 'Rhône', 'Saône', 'Gerland', 'Part-Dieu', 'Nord', 'Sud', 'Est'];

/** Sentences any ticket may carry: greetings, what was tried, impact, closings. */
export const FILLER: Phrases = {
  fr: [
    'Bonjour,', 'Bonjour à tous,', 'Hello,', 'J’ai déjà redémarré le poste plusieurs fois.', 'Mes collègues n’ont pas le souci.',
    'C’est assez urgent, j’ai une échéance demain.', 'Merci d’avance pour votre aide.', 'Cordialement,', 'Bonne journée.',
    'Je suis joignable au poste {ext}.', 'Je travaille en télétravail aujourd’hui.', 'Le problème est apparu hier après-midi.',
    'Pouvez-vous intervenir rapidement ?', 'Je vous joins une capture d’écran.', 'Cela bloque toute l’équipe {team}.',
    'J’ai essayé de vider le cache sans succès.', 'Mon numéro de poste est {asset}.', 'Je suis au bureau {room}.',
    'C’est la deuxième fois ce mois-ci.', 'Le client {client} attend une réponse.', 'Merci de me rappeler.',
  ],
  en: [
    'Hi,', 'Hello team,', 'Good morning,', 'I already restarted the computer several times.', 'My colleagues do not have the issue.',
    'This is fairly urgent, I have a deadline tomorrow.', 'Thanks in advance for your help.', 'Best regards,', 'Have a good day.',
    'You can reach me on extension {ext}.', 'I am working from home today.', 'It started yesterday afternoon.',
    'Could someone look at it quickly?', 'Screenshot attached.', 'The whole {team} team is blocked.',
    'I tried clearing the cache, no luck.', 'My asset tag is {asset}.', 'I sit in office {room}.',
    'Second time this month.', 'Customer {client} is waiting for an answer.', 'Please call me back.',
  ],
};

/** Words people add about what they suspect or tried: any ticket may use any of them. */
export const MUSINGS: Phrases = {
  fr: ('pilote antivirus pare-feu cache cookies navigateur profil registre disque mémoire processeur ventilateur câble prise adaptateur chargeur batterie clé USB ' +
    'bluetooth routeur switch serveur domaine DNS proxy certificat licence abonnement quota stockage sauvegarde archive corbeille dossier raccourci icône menu onglet ' +
    'fenêtre bouton formulaire champ colonne ligne cellule formule macro modèle police marge tableau graphique image vidéo micro caméra haut-parleur casque ' +
    'session jeton code clé badge accès droit groupe rôle compte alias contact liste filtre règle tri recherche index historique journal rapport export import ' +
    'fichier pièce lien adresse URL page site portail application module extension greffon script tâche service processus planification alerte notification ' +
    'rappel agenda salle réunion visio partage écran clavier souris trackpad dock station imprimante toner papier bac scanner copie capture').split(' '),
  en: ('driver antivirus firewall cache cookies browser profile registry disk memory processor fan cable plug adapter charger battery USB stick ' +
    'bluetooth router switch server domain DNS proxy certificate licence subscription quota storage backup archive bin folder shortcut icon menu tab ' +
    'window button form field column row cell formula macro template font margin table chart image video microphone camera speaker headset ' +
    'session token code key badge access right group role account alias contact list filter rule sort search index history log report export import ' +
    'file attachment link address URL page site portal application module extension plugin script task service process scheduler alert notification ' +
    'reminder calendar room meeting call sharing screen keyboard mouse trackpad dock station printer toner paper tray scanner copy screenshot').split(' '),
};

/** Short references: mostly numbers and names of the reporter's own, few shared words. */
export const ASIDES: Phrases = {
  fr: ['Poste {asset}.', 'Bureau {room}, poste {ext}.', 'Dossier {client}.', 'Fichier {file}.', 'Commande {order}.', 'Copie à {person}.', 'Réunion à {hour}h à {city}.', 'Tél. {ext}.', 'Réf. {order}.', 'Équipe {team}.'],
  en: ['Machine {asset}.', 'Office {room}, ext. {ext}.', 'Account {client}.', 'File {file}.', 'Order {order}.', 'Cc {person}.', 'Meeting at {hour}:00 in {city}.', 'Ext. {ext}.', 'Ref. {order}.', '{team} team.'],
};

/** Details of one person's situation: every ticket has a few, none shared on purpose. */
export const DETAILS: Phrases = {
  fr: [
    'Je dois envoyer le fichier {file} à {person} avant {hour}h.', 'Ça concerne le dossier du client {client}.', 'J’ai un rendez-vous avec {person} à {hour}h.',
    'Le poste concerné est le {asset}.', 'Testé sur le poste de {person}, même chose.', 'La commande {order} est bloquée à cause de ça.',
    'Mon responsable {person} est en copie.', 'J’ai perdu le travail de la matinée sur {file}.', 'C’est arrivé pendant la présentation au comité {team}.',
    'Je suis en déplacement à {city} jusqu’à jeudi.', 'Le devis {order} doit partir aujourd’hui.', 'Nous sommes trois dans le service {team} à utiliser ce poste.',
    'J’ai suivi la procédure de l’intranet sans résultat.', 'Mon collègue {person} a eu un souci semblable l’an dernier.', 'Je peux laisser le poste allumé ce soir si besoin.',
    'Le ticket {order} ouvert la semaine dernière a été fermé trop vite.', 'Je pars en congés vendredi.', 'La réunion de {hour}h avec {city} est compromise.',
  ],
  en: [
    'I need to send {file} to {person} before {hour}:00.', 'It concerns the {client} account.', 'I have a meeting with {person} at {hour}:00.',
    'The affected machine is {asset}.', 'Tried on {person}’s computer, same thing.', 'Order {order} is blocked because of this.',
    'My manager {person} is copied.', 'I lost the morning’s work on {file}.', 'It happened during the {team} committee presentation.',
    'I am travelling in {city} until Thursday.', 'Quote {order} has to go out today.', 'Three of us in the {team} team share this computer.',
    'I followed the intranet procedure, no result.', 'My colleague {person} had something similar last year.', 'I can leave the computer on tonight if needed.',
    'Ticket {order} opened last week was closed too quickly.', 'I am off from Friday.', 'The {hour}:00 meeting with {city} is at risk.',
  ],
};
export const PEOPLE = ['Camille Roux', 'Léa Garnier', 'Hugo Faure', 'Noémie Blanc', 'Jérôme Perrin', 'Inès Lambert', 'Olivia Hart', 'Jack Turner', 'Grace Miller', 'Théo Chevalier', 'Manon Giraud', 'Ethan Price', 'Aurélien Morin', 'Sophie Baker', 'Gaëlle Robin', 'Benoît Marchand'];
export const CITIES = ['Lyon', 'Grenoble', 'Marseille', 'Lille', 'Nantes', 'Bordeaux', 'Genève', 'Bruxelles', 'Londres', 'Toulouse'];
export const FILES = ['budget', 'planning', 'contrat', 'rapport', 'inventaire', 'relevé', 'présentation', 'factures', 'devis', 'bilan', 'tableau', 'export'];

export const TEAMS = ['compta', 'RH', 'ventes', 'logistique', 'juridique', 'achats', 'accueil', 'direction', 'marketing', 'paie', 'support', 'atelier'];
export const CLIENTS = ['Dupont', 'Martin SA', 'Transports Girard', 'Boulangerie Morel', 'Helios', 'Nexa', 'Vega', 'Orion', 'Atlas', 'Lumen', 'Cobalt', 'Quartz'];

/** Title shapes: {thing}, {symptom}, {code}, {context}. */
export const TITLE_SHAPES: Phrases = {
  fr: ['{Thing} : {symptom} {trigger}', '{Thing} {symptom}', 'Problème {thing} – {symptom} {trigger}', '{Thing} : {symptom} ({code})', 'Souci avec {thing}, {symptom}', 'Erreur {code} sur {thing} {trigger}'],
  en: ['{Thing}: {symptom} {trigger}', '{Thing} {symptom}', 'Problem with {thing} – {symptom} {trigger}', '{Thing}: {symptom} ({code})', 'Issue with {thing}, {symptom}', 'Error {code} on {thing} {trigger}'],
};

/** Description sentences about the problem itself. */
export const PROBLEM_SENTENCES: Phrases = {
  fr: ['{Thing} {symptom} {trigger} {context}.', 'Le message affiché est « erreur {code} ».', 'Depuis ce matin, {thing} {symptom} {trigger}.', 'Le code d’erreur {code} apparaît.', '{Thing} {symptom}, code {code}.'],
  en: ['{Thing} {symptom} {trigger} {context}.', 'The message says "error {code}".', 'Since this morning {thing} {symptom} {trigger}.', 'Error code {code} shows up.', '{Thing} {symptom}, code {code}.'],
};
