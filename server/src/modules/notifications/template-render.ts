// Checking and rendering notification templates (mustache, logic-less). Values are escaped
// in the HTML part and kept as they are in the subject and the text part.
import Mustache from 'mustache';
import type { Language } from '../../../../common/enums.ts';
import type { TemplateKind } from '../../../../common/schemas/email.ts';
import { PLACEHOLDERS, type TemplateContent } from './default-templates.ts';

export interface TemplateIssue {
  path: 'subject' | 'text' | 'html';
  message: string;
}

/** The values a template may name, nested as the dotted placeholders say. */
export type TemplateView = Record<string, Record<string, string | number | null>>;

export interface RenderedMail {
  subject: string;
  text: string;
  /** A whole HTML document. */
  html: string;
}

type Spans = ReturnType<typeof Mustache.parse>;

/** Every problem with a template: syntax, unknown placeholders, raw values in HTML. */
export function checkTemplate(kind: TemplateKind, t: TemplateContent): TemplateIssue[] {
  const allowed = new Set(PLACEHOLDERS[kind]);
  const issues: TemplateIssue[] = [];
  const parts: [TemplateIssue['path'], string | null][] = [
    ['subject', t.subject],
    ['text', t.text],
    ['html', t.html],
  ];
  for (const [path, source] of parts) {
    if (source === null) continue;
    let spans: Spans;
    try {
      spans = Mustache.parse(source);
    } catch (err) {
      issues.push({ path, message: `${(err as Error).message} (mustache syntax: {{name}}, and {{#name}}…{{/name}} for a part shown only when name has a value).` });
      continue;
    }
    const problems = new Set<string>();
    walk(spans, (type, name) => {
      if (type === '>') problems.add(`{{> ${name}}}: partials are not available in notification templates.`);
      else if (type === '=') problems.add('Changing the {{ }} delimiters is not supported.');
      else if (type === '&' && path === 'html') problems.add(`{{{${name}}}} or {{& ${name}}} would insert "${name}" without HTML escaping; use {{${name}}}.`);
      else if (['name', '&', '#', '^'].includes(type) && name !== '.' && !allowed.has(name)) {
        problems.add(`Unknown placeholder {{${name}}}; this template may use ${[...allowed].map((p) => `{{${p}}}`).join(', ')}.`);
      }
    });
    for (const message of problems) issues.push({ path, message });
  }
  return issues;
}

function walk(spans: Spans, visit: (type: string, name: string) => void): void {
  for (const span of spans) {
    const [type, name] = span as unknown as [string, string];
    if (type === 'text' || type === '!') continue;
    visit(type, name);
    if ((type === '#' || type === '^') && Array.isArray(span[4])) walk(span[4] as Spans, visit);
  }
}

const asIs = (value: unknown) => String(value);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The subject always carries the ticket tag. Throws on a template that does not parse:
 * check it first (stored ones were checked on save).
 */
export function renderTemplate(t: TemplateContent, view: TemplateView, language: Language): RenderedMail {
  const rendered = Mustache.render(t.subject, view, {}, { escape: asIs }).replace(/\s+/g, ' ').trim();
  const subject = withTicketTag(rendered, Number(view.ticket?.number));
  const text = Mustache.render(t.text, view, {}, { escape: asIs });
  // Our escaping rather than mustache's, which also turns "/" into &#x2F; and makes links unreadable.
  const fragment = t.html === null ? textToHtml(text) : Mustache.render(t.html, view, {}, { escape: (v) => escapeHtml(String(v)) });
  return { subject, text, html: htmlDocument(fragment, subject, language) };
}

/** The ticket tag threads replies even when an admin's subject leaves it out. */
export function withTicketTag(subject: string, ticketNumber: number): string {
  if (!Number.isInteger(ticketNumber)) return subject;
  const tag = `[#${ticketNumber}]`;
  return subject.includes(tag) ? subject : `${subject} ${tag}`.trim();
}

/** Plain text as HTML: escaped, paragraphs and line breaks kept, web links clickable. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n[ \t]*\n/)
    .map((para) => {
      const escaped = escapeHtml(para.trim()).replace(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
      return `<p>${escaped.replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n');
}

function htmlDocument(fragment: string, subject: string, language: Language): string {
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5">
<div style="max-width:640px">
${fragment}
</div>
</body>
</html>
`;
}

/** Example values for a preview, in the template's language. */
export function sampleView(language: Language, publicUrl: string): TemplateView {
  const fr = language === 'fr';
  return {
    ticket: {
      number: 1042,
      title: fr ? "L'imprimante du 2e étage n'imprime plus" : 'The second-floor printer no longer prints',
      url: `${publicUrl}/portal/tickets/1`,
      priority: 'P3',
    },
    recipient: { name: fr ? 'Camille Martin' : 'Alex Smith' },
    requester: { name: fr ? 'Camille Martin' : 'Alex Smith', email: fr ? 'camille.martin@example.com' : 'alex.smith@example.com' },
    author: { name: fr ? 'Julien Bernard' : 'Sam Taylor' },
    helpdesk: { name: fr ? 'Support informatique' : 'IT Support' },
    reply: {
      body: fr
        ? "Bonjour,\n\nPouvez-vous redémarrer l'imprimante et nous dire si le voyant rouge reste allumé ?\n\nMerci"
        : 'Hello,\n\nCould you restart the printer and tell us whether the red light stays on?\n\nThanks',
    },
    resolution: { result: fr ? 'Le bac papier était mal engagé ; il est remis en place.' : 'The paper tray was not seated properly; it is back in place.' },
    survey: { url: `${publicUrl}/portal/tickets/1` },
    // Shown so that the preview includes the "files too large to attach" part.
    files: { notAttached: fr ? 'journal-imprimante.zip' : 'printer-log.zip' },
    page: { ackUrl: `${publicUrl}/agent/on-duty?ack=1`, rotation: fr ? 'Astreinte de nuit' : 'Night on-call', level: 0 },
    sla: { metric: fr ? 'première réponse' : 'first response', dueAt: fr ? '2 déc. 2026, 10:30 (Europe/Paris)' : '2 Dec 2026, 10:30 (Europe/Paris)', policy: 'Standard' },
  };
}
