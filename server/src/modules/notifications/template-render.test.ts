// Templates: syntax and placeholder checks, escaping per part, the ticket tag, defaults valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES } from '../../../../common/enums.ts';
import { TEMPLATE_KINDS } from '../../../../common/schemas/email.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { checkTemplate, renderTemplate, sampleView, textToHtml } from './template-render.ts';

test('every built-in template passes its own checks and renders with the sample values', () => {
  for (const language of LANGUAGES) {
    for (const kind of TEMPLATE_KINDS) {
      const t = DEFAULT_TEMPLATES[language][kind];
      assert.deepEqual(checkTemplate(kind, t), [], `${kind}.${language}`);
      const out = renderTemplate(t, sampleView(language, 'https://help.example.com'), language);
      assert.match(out.subject, /\[#1042\]/);
      assert.doesNotMatch(out.text + out.html + out.subject, /\{\{|\}\}/, `${kind}.${language} left a tag unrendered`);
      assert.match(out.html, new RegExp(`<html lang="${language}">`));
    }
  }
});

test('syntax errors, unknown placeholders, partials and raw HTML values are reported per part', () => {
  const base = { subject: 'S {{ticket.number}}', text: 'ok', html: null };
  const unclosed = checkTemplate('agent_reply', { ...base, text: 'Hi {{#reply.body}} x' });
  assert.equal(unclosed.length, 1);
  assert.equal(unclosed[0].path, 'text');
  assert.match(unclosed[0].message, /Unclosed section "reply.body"/);

  const unknown = checkTemplate('ticket_created', { ...base, subject: '{{ticket.secret}}', text: '{{reply.body}}' });
  assert.deepEqual(unknown.map((i) => i.path), ['subject', 'text']);
  assert.match(unknown[0].message, /Unknown placeholder \{\{ticket.secret\}\}.*\{\{ticket.number\}\}/);
  // reply.body exists for replies, not for acknowledgements.
  assert.equal(checkTemplate('agent_reply', { ...base, text: '{{reply.body}}' }).length, 0);

  assert.match(checkTemplate('agent_reply', { ...base, text: '{{> footer}}' })[0].message, /partials/);
  assert.match(checkTemplate('agent_reply', { ...base, html: '<p>{{{reply.body}}}</p>' })[0].message, /without HTML escaping/);
  // In the text part nothing is HTML anyway.
  assert.equal(checkTemplate('agent_reply', { ...base, text: '{{{reply.body}}}' }).length, 0);
  assert.equal(checkTemplate('agent_reply', { ...base, text: '{{#reply.body}}{{.}}{{/reply.body}}' }).length, 0);
});

test('values are HTML-escaped in the HTML part only; the subject gets the tag when left out', () => {
  const view = { ticket: { number: 7, title: '<b>Tom & "Jerry"</b>' }, reply: { body: 'a < b\nline 2' } };
  const out = renderTemplate({ subject: 'About {{ticket.title}}', text: '{{ticket.title}}: {{reply.body}}', html: '<p>{{ticket.title}}</p>' }, view, 'en');
  assert.equal(out.subject, 'About <b>Tom & "Jerry"</b> [#7]');
  assert.equal(out.text, '<b>Tom & "Jerry"</b>: a < b\nline 2');
  assert.match(out.html, /<p>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;\/b&gt;<\/p>/);
  assert.match(out.html, /<title>About &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;\/b&gt; \[#7\]<\/title>/);
});

test('without an HTML template the HTML part is the text, escaped, with paragraphs and links', () => {
  const html = textToHtml('Hello <you>,\n\nSee https://help.example.com/portal/tickets/3.\nBye & thanks');
  assert.equal(html, '<p>Hello &lt;you&gt;,</p>\n<p>See <a href="https://help.example.com/portal/tickets/3">https://help.example.com/portal/tickets/3</a>.<br>\nBye &amp; thanks</p>');
  const out = renderTemplate({ subject: '[#1] x', text: 'Hi {{recipient.name}}', html: null }, { recipient: { name: '<Al>' }, ticket: { number: 1 } }, 'fr');
  assert.match(out.html, /<p>Hi &lt;Al&gt;<\/p>/);
});
