// The built-in notification templates, in English and French, until an admin changes them.
// Mustache: {{name}} is a value (HTML-escaped in the HTML part; as is in the text part).
import type { Language } from '../../../../common/enums.ts';
import type { TemplateKind } from '../../../../common/schemas/email.ts';

export interface TemplateContent {
  subject: string;
  text: string;
  /** An HTML fragment (the page around it is added when sending); null: made from the text. */
  html: string | null;
}

const NBSP = '\u00a0';
const N = `n°${NBSP}`; // French: "n° 1042"
const COLON = `${NBSP}:`; // French: a non-breaking space before the colon

const footer = 'style="color:#555555;border-top:1px solid #dddddd;padding-top:8px;margin-top:24px"';
const pre = 'style="white-space:pre-wrap"';

/**
 * Said in a reply mail whose files were too large to attach (files.notAttached holds their
 * names). Part of the default agent_reply templates, and added to a customised one that
 * does not mention files.notAttached.
 */
export const FILES_NOT_ATTACHED: Record<Language, { text: string; html: string }> = {
  en: {
    text: `{{#files.notAttached}}

The files of this reply are too large to send by email ({{files.notAttached}}); download them from the ticket: {{ticket.url}}
{{/files.notAttached}}`,
    html: `{{#files.notAttached}}<p>The files of this reply are too large to send by email ({{files.notAttached}}): <a href="{{ticket.url}}">download them from ticket #{{ticket.number}}</a>.</p>{{/files.notAttached}}`,
  },
  fr: {
    text: `{{#files.notAttached}}

Les fichiers de cette réponse sont trop volumineux pour être envoyés par e-mail ({{files.notAttached}})${NBSP}; téléchargez-les depuis le ticket${COLON} {{ticket.url}}
{{/files.notAttached}}`,
    html: `{{#files.notAttached}}<p>Les fichiers de cette réponse sont trop volumineux pour être envoyés par e-mail ({{files.notAttached}})${NBSP}: <a href="{{ticket.url}}">téléchargez-les depuis le ticket ${N}{{ticket.number}}</a>.</p>{{/files.notAttached}}`,
  },
};

const en: Record<TemplateKind, TemplateContent> = {
  ticket_created: {
    subject: '[#{{ticket.number}}] {{ticket.title}}',
    text: `Hello {{recipient.name}},

We have received your request and opened ticket #{{ticket.number}}: "{{ticket.title}}".

Our team will get back to you as soon as possible. To add anything, simply reply to this email and keep the ticket number in the subject.

You can follow your request at {{ticket.url}}

{{helpdesk.name}}
`,
    html: `<p>Hello {{recipient.name}},</p>
<p>We have received your request and opened ticket <strong>#{{ticket.number}}</strong>: “{{ticket.title}}”.</p>
<p>Our team will get back to you as soon as possible. To add anything, simply reply to this email and keep the ticket number in the subject.</p>
<p><a href="{{ticket.url}}">Follow your request #{{ticket.number}} online</a></p>
<p>{{helpdesk.name}}</p>`,
  },
  agent_reply: {
    subject: 'Re: [#{{ticket.number}}] {{ticket.title}}',
    text: `{{reply.body}}
${FILES_NOT_ATTACHED.en.text}

-- 
{{author.name}}, {{helpdesk.name}}
Ticket #{{ticket.number}}: {{ticket.url}}
To answer, simply reply to this email.
`,
    html: `<div ${pre}>{{reply.body}}</div>
${FILES_NOT_ATTACHED.en.html}
<p ${footer}>{{author.name}}, {{helpdesk.name}}<br>
Ticket #{{ticket.number}}: <a href="{{ticket.url}}">{{ticket.title}}</a><br>
To answer, simply reply to this email.</p>`,
  },
  ticket_resolved: {
    subject: '[#{{ticket.number}}] Resolved: {{ticket.title}}',
    text: `Hello {{recipient.name}},

Your request #{{ticket.number}} "{{ticket.title}}" has been resolved by {{author.name}}.

Solution:
{{resolution.result}}

If the problem is still there, reply to this email and the ticket will be reopened.

How did we do? Tell us in one click: {{survey.url}}

{{helpdesk.name}}
`,
    html: `<p>Hello {{recipient.name}},</p>
<p>Your request <strong>#{{ticket.number}}</strong> “{{ticket.title}}” has been resolved by {{author.name}}.</p>
<h2 style="font-size:16px;margin-bottom:4px">Solution</h2>
<div ${pre}>{{resolution.result}}</div>
<p>If the problem is still there, reply to this email and the ticket will be reopened.</p>
<p><strong>How did we do?</strong> <a href="{{survey.url}}">Rate our help with request #{{ticket.number}}</a></p>
<p>{{helpdesk.name}}</p>`,
  },
  agent_assigned: {
    subject: '[#{{ticket.number}}] Assigned to you: {{ticket.title}}',
    text: `Hello {{recipient.name}},

{{author.name}} assigned ticket #{{ticket.number}} to you.

Title: {{ticket.title}}
Requester: {{requester.name}} <{{requester.email}}>
Priority: {{ticket.priority}}

Open the ticket: {{ticket.url}}
`,
    html: `<p>Hello {{recipient.name}},</p>
<p>{{author.name}} assigned ticket <strong>#{{ticket.number}}</strong> to you.</p>
<ul>
<li>Title: {{ticket.title}}</li>
<li>Requester: {{requester.name}} &lt;{{requester.email}}&gt;</li>
<li>Priority: {{ticket.priority}}</li>
</ul>
<p><a href="{{ticket.url}}">Open ticket #{{ticket.number}}</a></p>`,
  },
  agent_new_reply: {
    subject: '[#{{ticket.number}}] New reply from {{author.name}}: {{ticket.title}}',
    text: `{{author.name}} replied on ticket #{{ticket.number}} "{{ticket.title}}":

{{reply.body}}

Open the ticket to answer: {{ticket.url}}
`,
    html: `<p>{{author.name}} replied on ticket <strong>#{{ticket.number}}</strong> “{{ticket.title}}”:</p>
<blockquote ${pre}>{{reply.body}}</blockquote>
<p><a href="{{ticket.url}}">Open ticket #{{ticket.number}} to answer</a></p>`,
  },
  oncall_page: {
    subject: '[#{{ticket.number}}] On call: {{ticket.priority}} {{ticket.title}}',
    text: `Hello {{recipient.name}},

You are on call ({{page.rotation}}) and ticket #{{ticket.number}} needs you now.

Title: {{ticket.title}}
Priority: {{ticket.priority}}

Acknowledge this page, or the next person on call will be paged: {{page.ackUrl}}

Open the ticket: {{ticket.url}}
`,
    html: `<p>Hello {{recipient.name}},</p>
<p>You are on call ({{page.rotation}}) and ticket <strong>#{{ticket.number}}</strong> needs you now.</p>
<ul>
<li>Title: {{ticket.title}}</li>
<li>Priority: <strong>{{ticket.priority}}</strong></li>
</ul>
<p><a href="{{page.ackUrl}}"><strong>Acknowledge this page</strong></a>, or the next person on call will be paged.</p>
<p><a href="{{ticket.url}}">Open ticket #{{ticket.number}}</a></p>`,
  },
  sla_warning: {
    subject: '[#{{ticket.number}}] SLA at risk: {{sla.metric}} due on {{sla.dueAt}}',
    text: `Hello {{recipient.name}},

The {{sla.metric}} target of ticket #{{ticket.number}} ({{ticket.priority}}, policy {{sla.policy}}) is due on {{sla.dueAt}}.

Title: {{ticket.title}}

Open the ticket: {{ticket.url}}
`,
    html: `<p>Hello {{recipient.name}},</p>
<p>The <strong>{{sla.metric}}</strong> target of ticket <strong>#{{ticket.number}}</strong> ({{ticket.priority}}, policy {{sla.policy}}) is due on <strong>{{sla.dueAt}}</strong>.</p>
<p>Title: {{ticket.title}}</p>
<p><a href="{{ticket.url}}">Open ticket #{{ticket.number}}</a></p>`,
  },
  sla_breach: {
    subject: '[#{{ticket.number}}] SLA breached: {{sla.metric}} was due on {{sla.dueAt}}',
    text: `Hello {{recipient.name}},

The {{sla.metric}} target of ticket #{{ticket.number}} ({{ticket.priority}}, policy {{sla.policy}}) was due on {{sla.dueAt}} and is breached.

Title: {{ticket.title}}

Open the ticket: {{ticket.url}}
`,
    html: `<p>Hello {{recipient.name}},</p>
<p>The <strong>{{sla.metric}}</strong> target of ticket <strong>#{{ticket.number}}</strong> ({{ticket.priority}}, policy {{sla.policy}}) was due on <strong>{{sla.dueAt}}</strong> and is <strong>breached</strong>.</p>
<p>Title: {{ticket.title}}</p>
<p><a href="{{ticket.url}}">Open ticket #{{ticket.number}}</a></p>`,
  },
};

const fr: Record<TemplateKind, TemplateContent> = {
  ticket_created: {
    subject: '[#{{ticket.number}}] {{ticket.title}}',
    text: `Bonjour {{recipient.name}},

Nous avons bien reçu votre demande et ouvert le ticket ${N}{{ticket.number}}${COLON} «${NBSP}{{ticket.title}}${NBSP}».

Notre équipe vous répondra dès que possible. Pour compléter votre demande, répondez simplement à ce message en gardant le numéro du ticket dans l'objet.

Vous pouvez suivre votre demande à l'adresse {{ticket.url}}

{{helpdesk.name}}
`,
    html: `<p>Bonjour {{recipient.name}},</p>
<p>Nous avons bien reçu votre demande et ouvert le ticket <strong>${N}{{ticket.number}}</strong>${COLON} «${NBSP}{{ticket.title}}${NBSP}».</p>
<p>Notre équipe vous répondra dès que possible. Pour compléter votre demande, répondez simplement à ce message en gardant le numéro du ticket dans l'objet.</p>
<p><a href="{{ticket.url}}">Suivre votre demande ${N}{{ticket.number}} en ligne</a></p>
<p>{{helpdesk.name}}</p>`,
  },
  agent_reply: {
    subject: 'Re: [#{{ticket.number}}] {{ticket.title}}',
    text: `{{reply.body}}
${FILES_NOT_ATTACHED.fr.text}

-- 
{{author.name}}, {{helpdesk.name}}
Ticket ${N}{{ticket.number}}${COLON} {{ticket.url}}
Pour répondre, répondez simplement à ce message.
`,
    html: `<div ${pre}>{{reply.body}}</div>
${FILES_NOT_ATTACHED.fr.html}
<p ${footer}>{{author.name}}, {{helpdesk.name}}<br>
Ticket ${N}{{ticket.number}}${COLON} <a href="{{ticket.url}}">{{ticket.title}}</a><br>
Pour répondre, répondez simplement à ce message.</p>`,
  },
  ticket_resolved: {
    subject: `[#{{ticket.number}}] Résolu${COLON} {{ticket.title}}`,
    text: `Bonjour {{recipient.name}},

Votre demande ${N}{{ticket.number}} «${NBSP}{{ticket.title}}${NBSP}» a été résolue par {{author.name}}.

Solution${COLON}
{{resolution.result}}

Si le problème persiste, répondez à ce message et le ticket sera rouvert.

Qu'avez-vous pensé de notre aide${NBSP}? Donnez votre avis en un clic${COLON} {{survey.url}}

{{helpdesk.name}}
`,
    html: `<p>Bonjour {{recipient.name}},</p>
<p>Votre demande <strong>${N}{{ticket.number}}</strong> «${NBSP}{{ticket.title}}${NBSP}» a été résolue par {{author.name}}.</p>
<h2 style="font-size:16px;margin-bottom:4px">Solution</h2>
<div ${pre}>{{resolution.result}}</div>
<p>Si le problème persiste, répondez à ce message et le ticket sera rouvert.</p>
<p><strong>Qu'avez-vous pensé de notre aide${NBSP}?</strong> <a href="{{survey.url}}">Donner votre avis sur la demande ${N}{{ticket.number}}</a></p>
<p>{{helpdesk.name}}</p>`,
  },
  agent_assigned: {
    subject: `[#{{ticket.number}}] Vous est attribué${COLON} {{ticket.title}}`,
    text: `Bonjour {{recipient.name}},

{{author.name}} vous a attribué le ticket ${N}{{ticket.number}}.

Titre${COLON} {{ticket.title}}
Demandeur${COLON} {{requester.name}} <{{requester.email}}>
Priorité${COLON} {{ticket.priority}}

Ouvrir le ticket${COLON} {{ticket.url}}
`,
    html: `<p>Bonjour {{recipient.name}},</p>
<p>{{author.name}} vous a attribué le ticket <strong>${N}{{ticket.number}}</strong>.</p>
<ul>
<li>Titre${COLON} {{ticket.title}}</li>
<li>Demandeur${COLON} {{requester.name}} &lt;{{requester.email}}&gt;</li>
<li>Priorité${COLON} {{ticket.priority}}</li>
</ul>
<p><a href="{{ticket.url}}">Ouvrir le ticket ${N}{{ticket.number}}</a></p>`,
  },
  agent_new_reply: {
    subject: `[#{{ticket.number}}] Nouvelle réponse de {{author.name}}${COLON} {{ticket.title}}`,
    text: `{{author.name}} a répondu sur le ticket ${N}{{ticket.number}} «${NBSP}{{ticket.title}}${NBSP}»${COLON}

{{reply.body}}

Ouvrir le ticket pour répondre${COLON} {{ticket.url}}
`,
    html: `<p>{{author.name}} a répondu sur le ticket <strong>${N}{{ticket.number}}</strong> «${NBSP}{{ticket.title}}${NBSP}»${COLON}</p>
<blockquote ${pre}>{{reply.body}}</blockquote>
<p><a href="{{ticket.url}}">Ouvrir le ticket ${N}{{ticket.number}} pour répondre</a></p>`,
  },
  oncall_page: {
    subject: `[#{{ticket.number}}] Astreinte${COLON} {{ticket.priority}} {{ticket.title}}`,
    text: `Bonjour {{recipient.name}},

Vous êtes d'astreinte ({{page.rotation}}) et le ticket ${N}{{ticket.number}} a besoin de vous maintenant.

Titre${COLON} {{ticket.title}}
Priorité${COLON} {{ticket.priority}}

Accusez réception de cet appel, sinon la personne suivante de l'astreinte sera appelée${COLON} {{page.ackUrl}}

Ouvrir le ticket${COLON} {{ticket.url}}
`,
    html: `<p>Bonjour {{recipient.name}},</p>
<p>Vous êtes d'astreinte ({{page.rotation}}) et le ticket <strong>${N}{{ticket.number}}</strong> a besoin de vous maintenant.</p>
<ul>
<li>Titre${COLON} {{ticket.title}}</li>
<li>Priorité${COLON} <strong>{{ticket.priority}}</strong></li>
</ul>
<p><a href="{{page.ackUrl}}"><strong>Accuser réception de cet appel</strong></a>, sinon la personne suivante de l'astreinte sera appelée.</p>
<p><a href="{{ticket.url}}">Ouvrir le ticket ${N}{{ticket.number}}</a></p>`,
  },
  sla_warning: {
    subject: `[#{{ticket.number}}] SLA menacé${COLON} {{sla.metric}}, échéance le {{sla.dueAt}}`,
    text: `Bonjour {{recipient.name}},

L'objectif de {{sla.metric}} du ticket ${N}{{ticket.number}} ({{ticket.priority}}, politique {{sla.policy}}) arrive à échéance le {{sla.dueAt}}.

Titre${COLON} {{ticket.title}}

Ouvrir le ticket${COLON} {{ticket.url}}
`,
    html: `<p>Bonjour {{recipient.name}},</p>
<p>L'objectif de <strong>{{sla.metric}}</strong> du ticket <strong>${N}{{ticket.number}}</strong> ({{ticket.priority}}, politique {{sla.policy}}) arrive à échéance le <strong>{{sla.dueAt}}</strong>.</p>
<p>Titre${COLON} {{ticket.title}}</p>
<p><a href="{{ticket.url}}">Ouvrir le ticket ${N}{{ticket.number}}</a></p>`,
  },
  sla_breach: {
    subject: `[#{{ticket.number}}] SLA dépassé${COLON} {{sla.metric}}, échéance le {{sla.dueAt}}`,
    text: `Bonjour {{recipient.name}},

L'objectif de {{sla.metric}} du ticket ${N}{{ticket.number}} ({{ticket.priority}}, politique {{sla.policy}}) était dû le {{sla.dueAt}} et n'est pas tenu.

Titre${COLON} {{ticket.title}}

Ouvrir le ticket${COLON} {{ticket.url}}
`,
    html: `<p>Bonjour {{recipient.name}},</p>
<p>L'objectif de <strong>{{sla.metric}}</strong> du ticket <strong>${N}{{ticket.number}}</strong> ({{ticket.priority}}, politique {{sla.policy}}) était dû le <strong>{{sla.dueAt}}</strong> et <strong>n'est pas tenu</strong>.</p>
<p>Titre${COLON} {{ticket.title}}</p>
<p><a href="{{ticket.url}}">Ouvrir le ticket ${N}{{ticket.number}}</a></p>`,
  },
};

export const DEFAULT_TEMPLATES: Record<Language, Record<TemplateKind, TemplateContent>> = { en, fr };

const COMMON = ['ticket.number', 'ticket.title', 'ticket.url', 'recipient.name', 'helpdesk.name'];

/** What {{…}} may name in each kind of template. */
export const PLACEHOLDERS: Record<TemplateKind, string[]> = {
  ticket_created: COMMON,
  agent_reply: [...COMMON, 'author.name', 'reply.body', 'files.notAttached'],
  ticket_resolved: [...COMMON, 'author.name', 'resolution.result', 'survey.url'],
  agent_assigned: [...COMMON, 'author.name', 'requester.name', 'requester.email', 'ticket.priority'],
  agent_new_reply: [...COMMON, 'author.name', 'reply.body', 'requester.name'],
  oncall_page: [...COMMON, 'ticket.priority', 'page.ackUrl', 'page.rotation', 'page.level'],
  sla_warning: [...COMMON, 'ticket.priority', 'sla.metric', 'sla.dueAt', 'sla.policy'],
  sla_breach: [...COMMON, 'ticket.priority', 'sla.metric', 'sla.dueAt', 'sla.policy'],
};
