// The demo dataset's content: organisations, people, groups, categories and the stock
// phrases of tickets, in French and English (the issues are in demo-issues*.ts).
// Fictional throughout: client domains use the reserved .example TLD, so no demo address
// can ever reach a real mailbox.
import type { Language, Role } from '../../../common/enums.ts';

export type GroupKey = 'n1' | 'n2-poste' | 'n2-apps' | 'n3-reseau' | 'n3-systemes';

export const DEMO_GROUPS: { key: GroupKey; name: string; tier: 1 | 2 | 3; description: string }[] = [
  { key: 'n1', name: 'Service Desk N1', tier: 1, description: 'Premier niveau : accueil téléphone, portail et e-mail, résolution au premier contact.' },
  { key: 'n2-poste', name: 'Support N2 Poste de travail', tier: 2, description: 'Postes, portables, imprimantes, périphériques et masterisation.' },
  { key: 'n2-apps', name: 'Support N2 Applications', tier: 2, description: 'Messagerie, bureautique, ERP et logiciels métier ; lien avec les éditeurs.' },
  { key: 'n3-reseau', name: 'Réseau N3', tier: 3, description: 'LAN, Wi-Fi, VPN, pare-feu et opérateurs.' },
  { key: 'n3-systemes', name: 'Systèmes N3', tier: 3, description: 'Serveurs, stockage, annuaire et sauvegardes.' },
];

export interface DemoStaff {
  email: string;
  name: string;
  roles: Role[];
  group?: GroupKey;
}

export const DEMO_ADMIN_EMAIL = 'admin@guichet.demo';

export const DEMO_STAFF: DemoStaff[] = [
  { email: DEMO_ADMIN_EMAIL, name: 'Alexandre Morel', roles: ['admin'] },
  { email: 'sophie.marchand@guichet.demo', name: 'Sophie Marchand', roles: ['agent', 'supervisor'], group: 'n1' },
  { email: 'lucas.bernard@guichet.demo', name: 'Lucas Bernard', roles: ['agent'], group: 'n1' },
  { email: 'emma.petit@guichet.demo', name: 'Emma Petit', roles: ['agent'], group: 'n1' },
  { email: 'hugo.lefevre@guichet.demo', name: 'Hugo Lefèvre', roles: ['agent'], group: 'n1' },
  { email: 'chloe.garnier@guichet.demo', name: 'Chloé Garnier', roles: ['agent'], group: 'n1' },
  { email: 'thomas.roux@guichet.demo', name: 'Thomas Roux', roles: ['agent'], group: 'n2-poste' },
  { email: 'julie.fontaine@guichet.demo', name: 'Julie Fontaine', roles: ['agent'], group: 'n2-poste' },
  { email: 'nicolas.faure@guichet.demo', name: 'Nicolas Faure', roles: ['agent'], group: 'n2-apps' },
  { email: 'camille.girard@guichet.demo', name: 'Camille Girard', roles: ['agent'], group: 'n3-reseau' },
  { email: 'antoine.mercier@guichet.demo', name: 'Antoine Mercier', roles: ['agent'], group: 'n3-systemes' },
];
export const DEMO_SUPERVISOR_EMAIL = 'sophie.marchand@guichet.demo';

export interface DemoOrganisation {
  name: string;
  domain: string;
  language: Language;
  /** The first one manages the organisation (sees all its tickets). */
  people: string[];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Mairie de Valmont',
    domain: 'valmont.example',
    language: 'fr',
    people: ['Isabelle Moreau', 'Pierre Lambert', 'Nathalie Dupuis', 'Karim Benali', 'Sandrine Roussel', 'Gilles Meunier'],
  },
  {
    name: 'Cabinet Durand & Associés',
    domain: 'durand-associes.example',
    language: 'fr',
    people: ['Hélène Durand', 'Julien Caron', 'Audrey Marchetti', 'Sébastien Colin'],
  },
  {
    name: 'Clinique Saint-Roch',
    domain: 'clinique-saint-roch.example',
    language: 'fr',
    people: ['Marc Vasseur', 'Élodie Perrin', 'Fatima El Amrani', 'Olivier Brun', 'Manon Leclerc'],
  },
  {
    name: 'Northwind Logistics',
    domain: 'northwind.example',
    language: 'en',
    people: ['Sarah Mitchell', "James O'Connor", 'Priya Patel', 'Tom Hughes', 'Emily Clarke'],
  },
  {
    name: 'Harbour & Finch Insurance',
    domain: 'harbourfinch.example',
    language: 'en',
    people: ['David Turner', 'Laura Bennett', 'Michael Osei', 'Hannah Walsh'],
  },
];

/** "Hélène Durand" → "helene.durand"; "James O'Connor" → "james.oconnor". */
export function emailLocalPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .trim()
    .replace(/\s+/g, '.');
}

export const DEMO_CATEGORIES: Record<string, string[]> = {
  Matériel: ['Ordinateur portable', 'Poste fixe', 'Imprimante', 'Écran & périphériques', 'Téléphone mobile'],
  Logiciel: ['Messagerie', 'Suite bureautique', 'Visioconférence', 'ERP'],
  Réseau: ['VPN', 'Wi-Fi', 'Accès Internet', 'Partages réseau'],
  'Comptes & accès': ['Mot de passe', 'Authentification forte', 'Nouvel arrivant', "Droits d'accès"],
};

/** Messages that do not depend on the issue. {first} is the requester's first name. */
export const PHRASES: Record<
  Language,
  {
    pickup: string[];
    working: string[];
    phoneCall: string[];
    vendorWait: string[];
    vendorNote: (vendor: string, ref: string) => string;
    vendorBack: (vendor: string) => string;
    reopen: string[];
    reopenCall: string[];
    reopenAgain: string[];
    thanks: string[];
    escalationInfo: string[];
    overrideReason: string[];
  }
> = {
  fr: {
    pickup: [
      'Bonjour {first},\n\nJe prends en charge votre demande et reviens vers vous rapidement.',
      'Bonjour {first}, merci pour votre message. Je regarde cela tout de suite.',
    ],
    working: [
      'Bonjour {first}, je poursuis l’analyse et vous tiens informé(e) dans la journée.',
      'Merci {first}, c’est bien noté. Je fais les vérifications nécessaires.',
    ],
    phoneCall: ['Appel de {first} au service desk. Problème traité pendant l’appel : {actions}'],
    vendorWait: [
      'Bonjour {first}, nous attendons le retour de notre fournisseur pour corriger le problème. Nous revenons vers vous dès que possible.',
    ],
    vendorNote: (vendor, ref) => `Demande ouverte auprès de ${vendor} (réf. ${ref}). Délai annoncé : 48 h ouvrées.`,
    vendorBack: (vendor) => `Retour de ${vendor} : correctif disponible, intervention planifiée.`,
    reopen: ['Bonjour, le problème est revenu ce matin, avec exactement les mêmes symptômes.', 'Désolé, ça recommence depuis hier soir.'],
    reopenCall: ['Appel de l’utilisateur : le problème est réapparu, mêmes symptômes.', 'Rappel du demandeur : la correction n’a pas tenu.'],
    reopenAgain: ['Bonjour {first}, merci du signalement. Je reprends le dossier et vérifie la correction.'],
    thanks: ['Merci, tout fonctionne.', 'C’est réglé, merci beaucoup pour votre aide !'],
    escalationInfo: ['Bonjour {first}, votre demande a été transmise à l’équipe spécialisée, qui va vous recontacter.'],
    overrideReason: ['Poste de la direction générale', 'Bloque tout un service', 'Échéance réglementaire cette semaine'],
  },
  en: {
    pickup: ['Hi {first},\n\nI have picked up your request and will get back to you shortly.', 'Hello {first}, thanks for reaching out. Looking into it now.'],
    working: ['Hi {first}, still working on this, I will update you later today.', 'Thanks {first}, noted. Running a few checks now.'],
    phoneCall: ['{first} called the service desk. Fixed during the call: {actions}'],
    vendorWait: ['Hi {first}, we are waiting for our supplier to provide a fix. We will get back to you as soon as we hear from them.'],
    vendorNote: (vendor, ref) => `Case opened with ${vendor} (ref. ${ref}). Expected response within 2 business days.`,
    vendorBack: (vendor) => `${vendor} came back with a fix; applying it.`,
    reopen: ['Hi, the problem is back this morning, same symptoms as before.', 'Sorry, it is happening again since last night.'],
    reopenCall: ['User called back: the problem is back with the same symptoms.', 'Requester phoned: the fix did not hold.'],
    reopenAgain: ['Hi {first}, thanks for letting us know. Reopening and checking the fix.'],
    thanks: ['Thanks, all working now.', 'Sorted, many thanks for your help!'],
    escalationInfo: ['Hi {first}, your request has been passed to our specialist team, who will contact you.'],
    overrideReason: ['Executive’s workstation', 'Blocks a whole team', 'Regulatory deadline this week'],
  },
};
