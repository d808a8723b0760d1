// Knowledge-base articles and search queries for the KB bench, in French and English, made
// from the ticket templates of vocabulary.ts: how-to titles, symptoms, cause, numbered
// steps and result, with the same products, error codes and sites the tickets mention.
import type { Rng } from '../common/seeded-random.ts';
import { SLOTS, TEMPLATES, type Lang } from './vocabulary.ts';

const TITLE_FORMS: Record<Lang, string[]> = {
  fr: ['Comment résoudre : {t}', '{t} : que faire ?', 'Procédure — {t}', '{t}', 'Dépannage : {t}', 'Fiche réflexe : {t}'],
  en: ['How to fix: {t}', '{t}: what to do', 'Troubleshooting — {t}', '{t}', 'Runbook: {t}', 'Quick fix: {t}'],
};
const HEADINGS: Record<Lang, [string, string, string, string]> = {
  fr: ['Symptômes', 'Cause', 'Résolution', 'Résultat attendu'],
  en: ['Symptoms', 'Cause', 'Resolution', 'Expected result'],
};
// Steps by family (the first part of the category), so that a sentence recurs within its
// topic as it does in a real knowledge base, not across a third of the corpus.
const STEPS: Record<string, Record<Lang, string[]>> = {
  Matériel: {
    fr: [
      "Éteignez l'imprimante {printer}, attendez trente secondes puis rallumez-la.",
      "Ouvrez le capot avant et retirez délicatement la feuille coincée, sans forcer sur le rouleau.",
      'Vérifiez le câble HDMI ou DisplayPort entre le poste {asset} et l’écran.',
      'Branchez le chargeur d’origine et laissez le portable {device} charger quinze minutes.',
      'Mettez à jour le pilote graphique depuis le Centre logiciel.',
      'Sur le {phone}, supprimez puis ajoutez à nouveau le compte professionnel.',
      'Réinstallez la file d’impression depuis le serveur d’impression du site de {site}.',
      'Lancez le diagnostic matériel au démarrage (touche F12) et notez le code affiché.',
    ],
    en: [
      'Switch the {printer} printer off, wait thirty seconds and switch it back on.',
      'Open the front cover and gently remove the jammed sheet without forcing the roller.',
      'Check the HDMI or DisplayPort cable between computer {asset} and the monitor.',
      'Plug in the original charger and let the {device} laptop charge for fifteen minutes.',
      'Update the graphics driver from Software Center.',
      'On the {phone}, remove then add the work account again.',
      'Reinstall the print queue from the {site} print server.',
      'Run the hardware diagnostics at boot (F12) and write down the code shown.',
    ],
  },
  Logiciel: {
    fr: [
      'Fermez {app}, puis relancez-le en maintenant la touche Ctrl pour le démarrer en mode sans échec.',
      'Videz le cache de {app} depuis Paramètres, puis Confidentialité.',
      'Installez la dernière version de {app} depuis le Centre logiciel.',
      'Recréez le profil de messagerie dans le Panneau de configuration, rubrique Courrier.',
      'Désactivez les compléments récemment ajoutés, puis réactivez-les un par un.',
      'Relancez la mise à jour Windows et attendez la fin de l’installation.',
      'Réparez l’installation Office depuis Applications et fonctionnalités.',
      'Vérifiez que votre licence {app} est bien attribuée dans le portail.',
    ],
    en: [
      'Close {app}, then start it again holding Ctrl to open it in safe mode.',
      'Clear the {app} cache from Settings, then Privacy.',
      'Install the latest version of {app} from Software Center.',
      'Create a new mail profile in Control Panel, Mail.',
      'Disable recently added add-ins, then enable them one at a time.',
      'Run Windows Update again and wait until the installation finishes.',
      'Repair the Office installation from Apps and features.',
      'Check that your {app} licence is assigned in the portal.',
    ],
  },
  Réseau: {
    fr: [
      'Déconnectez puis reconnectez le client {vpn}.',
      'Oubliez le réseau Wi-Fi du site de {site}, puis reconnectez-vous avec vos identifiants.',
      'Vérifiez que le câble réseau est bien branché et que le voyant de la prise clignote.',
      'Ouvrez une invite de commandes et tapez ipconfig /flushdns.',
      'Redémarrez votre box internet si vous êtes en télétravail.',
      'Testez la connexion depuis un autre réseau, par exemple le partage de connexion du téléphone.',
      'Vérifiez que le téléphone IP {phone} affiche bien votre numéro de poste.',
    ],
    en: [
      'Disconnect then reconnect the {vpn} client.',
      'Forget the {site} Wi-Fi network, then connect again with your credentials.',
      'Check that the network cable is plugged in and the socket light blinks.',
      'Open a command prompt and type ipconfig /flushdns.',
      'Restart your home router if you are working remotely.',
      'Test the connection from another network, for example your phone hotspot.',
      'Check that the {phone} IP phone shows your extension number.',
    ],
  },
  Comptes: {
    fr: [
      'Rendez-vous sur le portail de réinitialisation et choisissez un nouveau mot de passe de 14 caractères.',
      'Supprimez les identifiants enregistrés dans le Gestionnaire d’identification Windows.',
      'Mettez à jour le mot de passe sur votre smartphone, sinon le compte se verrouille à nouveau.',
      'Demandez à votre responsable de valider l’accès au dossier {share} dans le portail.',
      'Attendez quinze minutes que les droits se propagent, puis fermez et rouvrez la session.',
      'Pour une arrivée, le responsable remplit le formulaire au moins cinq jours avant la date.',
    ],
    en: [
      'Go to the reset portal and choose a new 14-character password.',
      'Remove the saved credentials from Windows Credential Manager.',
      'Update the password on your phone too, or the account locks again.',
      'Ask your manager to approve access to the {share} folder in the portal.',
      'Wait fifteen minutes for the permissions to apply, then sign out and in again.',
      'For a new starter, the manager fills in the form at least five days ahead.',
    ],
  },
  Sécurité: {
    fr: [
      'Ne cliquez sur aucun lien et transférez le message en pièce jointe à la cellule sécurité.',
      'Changez immédiatement votre mot de passe si vous avez saisi vos identifiants.',
      'Contrôlez la date et l’heure du poste : un décalage empêche la connexion sécurisée.',
      'Importez le certificat racine depuis le Centre logiciel, puis redémarrez le navigateur.',
      'Signalez le courriel avec le bouton « Signaler un hameçonnage » dans {app}.',
    ],
    en: [
      'Do not click any link and forward the message as an attachment to the security team.',
      'Change your password at once if you typed your credentials.',
      'Check the computer date and time: a clock that is off breaks secure connections.',
      'Import the root certificate from Software Center, then restart the browser.',
      'Report the email with the "Report phishing" button in {app}.',
    ],
  },
};
const CLOSING: Record<Lang, string[]> = {
  fr: [
    "Notez le code d'erreur {code} s'il réapparaît et joignez une capture d'écran à votre demande.",
    'Si le problème persiste, contactez le Service Desk en précisant votre site ({site}) et votre étage ({floor}).',
    'Redémarrez le poste {asset} avant de rouvrir une demande.',
  ],
  en: [
    'Write down the error code {code} if it comes back and attach a screenshot to your request.',
    'If the problem persists, contact the Service Desk with your site ({site}) and floor ({floor}).',
    'Restart computer {asset} before opening a new request.',
  ],
};
const NOTES: Record<Lang, string[]> = {
  fr: [
    "Cette procédure s'applique à tous les sites, y compris les agences de {site}.",
    'Les utilisateurs en télétravail doivent être connectés au VPN avant de suivre ces étapes.',
    'Ne communiquez jamais votre mot de passe, même au support informatique.',
    "En cas d'urgence en dehors des heures ouvrées, appelez la ligne d'astreinte.",
  ],
  en: [
    'This procedure applies to every site, including the {site} branch.',
    'Remote workers must be connected to the VPN before following these steps.',
    'Never share your password, not even with the IT support team.',
    'For urgent issues outside business hours, call the on-call line.',
  ],
};

function filler(rng: Rng, lang: Lang) {
  const chosen = new Map<string, string>();
  return (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, slot: string) => {
      if (!SLOTS[slot]) throw new Error(`no slot {${slot}}`);
      if (!chosen.has(slot)) chosen.set(slot, SLOTS[slot](lang, rng.pick, rng.int));
      return chosen.get(slot)!;
    });
}

export interface GeneratedArticle {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  language: Lang;
  category: string; // "Parent / Child"
}

export function generateArticle(rng: Rng): GeneratedArticle {
  const template = rng.pick(TEMPLATES);
  const lang = template.lang;
  const fill = filler(rng, lang);
  const t = fill(rng.pick(template.titles));
  const title = rng.pick(TITLE_FORMS[lang]).replace('{t}', t);
  const r = template.resolution;
  const [symptoms, cause, resolution, result] = HEADINGS[lang];
  const family = STEPS[template.category.split(' / ')[0]][lang];
  const steps = [...family].sort(() => rng.next() - 0.5).slice(0, 2 + rng.int(3)).map(fill);
  steps.splice(rng.int(steps.length + 1), 0, r.actions + '.');
  if (rng.chance(0.4)) steps.push(fill(rng.pick(CLOSING[lang])));
  const body = [
    `## ${symptoms}`,
    fill(rng.pick(template.descriptions)).replace(/^(Bonjour|Hello|Hi)[^\n]*\n+/i, ''),
    `## ${cause}`,
    `${r.diagnosis}.`,
    `## ${resolution}`,
    steps.map((s, i) => `${i + 1}. ${s}`).join('\n'),
    `## ${result}`,
    `${r.result}.`,
    ...(rng.chance(0.5) ? [`> ${fill(rng.pick(NOTES[lang]))}`] : []),
  ].join('\n\n');
  const child = template.category.split(' / ').slice(1).join(' / ');
  const tags = [child.toLowerCase()];
  const app = /\{app\}/.test(template.titles.join() + template.descriptions.join()) ? fill('{app}').toLowerCase() : null;
  if (app) tags.push(app);
  return { title: title.slice(0, 200), summary: `${r.symptoms}. ${r.diagnosis}.`, body, tags, language: lang, category: template.category };
}

/** What people type into a help-centre box: two or three words, some accented, some not. */
const QUERY_FORMS = [
  'imprimante bourrage', 'imprimante réseau', 'imprimante reseau bloquée', 'mot de passe expiré', 'mot de passe oublié', 'compte verrouillé',
  'compte verrouille', 'réseau wifi', 'wifi lent', 'vpn connexion', 'vpn deconnexion', 'écran noir', 'ecran noir', 'messagerie outlook',
  'outlook signature', 'outlook lent', 'certificat expiré', 'hameçonnage mail', 'hameconnage', 'installation logiciel', 'accès dossier partagé',
  'acces dossier', 'téléphone mobile', 'poste lent démarrage', 'mise à jour windows', '{printer} bourrage', '{app} connexion', 'erreur {code}',
  '{vpn} erreur', '{app} plantage', 'printer jam', 'printer offline', 'password reset', 'password expired', 'account locked', 'wifi slow',
  'vpn disconnects', 'black screen', 'outlook signature', 'certificate expired', 'phishing email', 'install software', 'shared folder access',
  'teams camera', 'laptop slow startup', 'windows update fails', '{printer} jam', '{app} sign in', 'error {code}', '{vpn} error',
  'réinitialiser mot passe', 'new starter account', 'arrivée collaborateur', 'départ collaborateur compte', 'double écran', 'dual monitor',
];

export function generateQueries(rng: Rng, n: number): string[] {
  return Array.from({ length: n }, () => {
    const form = rng.pick(QUERY_FORMS);
    return filler(rng, /[éèàçê]|mot |réseau|reseau|imprimante|écran|ecran|compte|accès|acces|erreur/.test(form) ? 'fr' : 'en')(form);
  });
}
